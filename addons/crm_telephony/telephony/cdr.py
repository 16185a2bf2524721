"""Call records rebuilt from Asterisk's CDRs (cdr_csv's ``Master.csv``), for
the calls the listener could not see: those that happened while it was
disconnected or stopped. Pure Python, no Odoo.

``cdr_csv.conf`` must have ``loguniqueid = yes``, ``loguserfield = yes`` and
``newcdrcolumns = yes`` so that each line carries the call's Linkedid
(docs/PBX.md). One line per channel pair (a "leg"); the legs of a call share
its Linkedid.
"""
import csv
import datetime
import io

from .calls import CallRecord, CallTracker, channel_interface

#: Master.csv columns with loguniqueid, loguserfield and newcdrcolumns
COLUMNS = ("accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel",
           "lastapp", "lastdata", "start", "answer", "end", "duration", "billsec",
           "disposition", "amaflags", "uniqueid", "userfield", "peeraccount", "linkedid",
           "sequence")


#: applications of a listen-in leg (a Supervisor's ChanSpy Originate)
SPY_APPS = ("chanspy", "extenspy")
#: applications of the three-way call's helper leg (the third party dialled
#: into the agent's ConfBridge room by an Originate)
CONFERENCE_APPS = ("confbridge", "meetme")


class CdrError(ValueError):
    pass


def is_spy_leg(row):
    """A CDR line of a listen-in: its application is ChanSpy/ExtenSpy or
    its context says spy. Never a customer's call (issue 16: it was
    recovered as an "internal answered" call of the Supervisor)."""
    return ((row.get("lastapp") or "").lower() in SPY_APPS
            or "spy" in (row.get("dcontext") or "").lower())


def is_helper_call(legs):
    """The legs of one Linkedid are a helper, not a call: a listen-in, or
    a three-way call's leg that began in a conference room (its first leg
    runs ConfBridge or sits in a conference context)."""
    def in_conference(leg):
        return ((leg.get("lastapp") or "").lower() in CONFERENCE_APPS
                or "conference" in (leg.get("dcontext") or "").lower())
    if is_spy_leg(legs[0]) or in_conference(legs[0]):
        return True
    # the Originate's Local channel (its ;1 half joins the room, its ;2
    # half dials the third party), in a call that never went to a queue
    return not any((leg.get("lastapp") or "").lower() == "queue" for leg in legs) and any(
        (leg.get("channel") or "").startswith("Local/") and in_conference(leg)
        for leg in legs)


def parse_time(text, tz):
    """A CDR time (``YYYY-MM-DD HH:MM:SS`` in the PBX's time zone ``tz``, a
    tzinfo) as POSIX seconds; empty → None."""
    text = (text or "").strip()
    if not text:
        return None
    moment = datetime.datetime.strptime(text[:19], "%Y-%m-%d %H:%M:%S")
    if tz is None:
        return moment.replace(tzinfo=datetime.timezone.utc).timestamp()
    if hasattr(tz, "localize"):  # pytz
        return tz.localize(moment).timestamp()
    return moment.replace(tzinfo=tz).timestamp()


def read_master_csv(data, tz=None):
    """(rows, errors) of a Master.csv's text or bytes: rows are dicts of
    :data:`COLUMNS` with times as POSIX seconds; errors are (line number,
    reason) of lines that cannot be read (skipped, nothing else lost)."""
    if isinstance(data, bytes):
        data = data.decode("utf-8", "replace")
    rows, errors = [], []
    for number, fields_ in enumerate(csv.reader(io.StringIO(data)), 1):
        if not fields_ or not any(field.strip() for field in fields_):
            continue
        if len(fields_) < 17:
            errors.append((number, "%d columns, expected %d (are loguniqueid and "
                                   "newcdrcolumns on?)" % (len(fields_), len(COLUMNS))))
            continue
        row = dict(zip(COLUMNS, fields_))
        if not row.get("linkedid"):
            row["linkedid"] = row.get("uniqueid")
        # the reason names the column, never the file's text (it is shown to
        # Supervisors, and the file may not be what it should be)
        try:
            for key in ("start", "answer", "end"):
                bad = key
                row[key] = parse_time(row.get(key), tz)
            for key in ("duration", "billsec"):
                bad = key
                row[key] = int(row.get(key) or 0)
        except (ValueError, OverflowError):
            errors.append((number, "unreadable %s column" % bad))
            continue
        if not row["linkedid"] or row["start"] is None:
            errors.append((number, "no call identifier or start time"))
            continue
        rows.append(row)
    return rows, errors


def records_from_cdrs(rows, tracker=None):
    """{linkedid: CallRecord} of the calls these CDR rows describe; the
    tracker's settings tell agent devices and outside numbers apart.
    Listen-in (ChanSpy) legs and conference helper calls are no calls of
    their own: skipped (:func:`is_spy_leg`, :func:`is_helper_call`)."""
    tracker = tracker or CallTracker()
    calls = {}
    for row in sorted(rows, key=lambda r: (r["start"], r.get("sequence") or "")):
        calls.setdefault(row["linkedid"], []).append(row)
    records = {}
    for linkedid, legs in calls.items():
        if is_helper_call(legs):
            continue
        legs = [leg for leg in legs if not is_spy_leg(leg)]
        records[linkedid] = _record(linkedid, legs, tracker)
    return records


def _record(linkedid, legs, tracker):
    first = legs[0]
    record = CallRecord(linkedid=linkedid, caller=first["src"] or None,
                        callee=first["dst"] or None)
    record.start = min(leg["start"] for leg in legs)
    record.end = max(leg["end"] or leg["start"] for leg in legs)
    if tracker.is_agent_device(first["channel"]):
        record.direction = "outbound" if tracker.is_external(first["dst"]) else "internal"
        record.agent_interface = channel_interface(first["channel"])
        record.agent_extension = tracker.extension(first["channel"])
        answered = [leg for leg in legs if leg["disposition"] == "ANSWERED" and leg["answer"]]
    else:
        record.direction = "inbound"
        answered = [leg for leg in legs if leg["disposition"] == "ANSWERED" and leg["answer"]
                    and leg["dstchannel"] and tracker.is_agent_device(leg["dstchannel"])]
        if answered:
            record.agent_interface = channel_interface(answered[0]["dstchannel"])
            record.agent_extension = tracker.extension(answered[0]["dstchannel"])
        queue = next((leg["lastdata"].split(",")[0] for leg in legs
                      if leg["lastapp"] == "Queue" and leg["lastdata"]), None)
        record.queue = queue
    if answered:
        leg = answered[0]
        record.answer = leg["answer"]
        record.talk_seconds = leg["billsec"]
        record.ring_seconds = max(0, int(round(leg["answer"] - leg["start"])))
        record.result = "answered"
    else:
        dispositions = {leg["disposition"] for leg in legs}
        if record.direction == "inbound" and record.queue:
            record.result = "abandoned"
        elif dispositions & {"FAILED", "CONGESTION"} and "NO ANSWER" not in dispositions:
            record.result = "failed"
        else:
            record.result = "no_answer"
    if record.agent_extension:
        record.rung = [record.agent_extension]
    return record
