"""What a listener taking a phone system over needs from the database
(issue 18): the calls still open, to follow them without popping again,
and the end of those the PBX no longer has (completed from its CDRs)."""
import calendar
import logging
import time

from odoo import api, fields, models

from ..telephony import calls as calllib

_logger = logging.getLogger(__name__)


def _epoch(value):
    """POSIX seconds of an Odoo UTC datetime string, or None."""
    if not value:
        return None
    return calendar.timegm(fields.Datetime.from_string(value).timetuple())


class CrmCall(models.Model):
    _inherit = "crm.call"

    @api.model
    def _cc_open_calls(self, pbx):
        """The calls of ``pbx`` the database has open (ringing or in
        progress), as :meth:`telephony.calls.CallTracker.adopt` takes them."""
        self.env.cr.execute("""
            SELECT linkedid, direction, caller, caller_name, callee, queue, agent_extension,
                   date_start, date_answer, popped_extensions
              FROM crm_call
             WHERE pbx_id = %s AND state IN ('ringing', 'talking') AND linkedid IS NOT NULL""",
                            (pbx.id,))
        return [{"linkedid": linkedid, "direction": direction, "caller": caller,
                 "caller_name": caller_name, "callee": callee, "queue": queue,
                 "agent_extension": extension, "start": _epoch(start), "answer": _epoch(answer),
                 "popped": [e for e in (popped or "").split(",") if e]}
                for (linkedid, direction, caller, caller_name, callee, queue, extension, start,
                     answer, popped) in self.env.cr.fetchall()]

    @api.model
    def _cc_resync_gone(self, pbx, linkedids):
        """After a takeover: these open calls are no longer on the PBX (they
        ended while no listener listened). They end now as "interrupted",
        then the PBX's CDR file (if it is mounted) completes them and
        brings the calls that began and ended in the gap; the cron or an
        upload does it later otherwise. None stays "ringing"."""
        if linkedids:
            end = time.time()
            facts = []
            for row in self._cc_open_calls(pbx):
                if row["linkedid"] not in linkedids:
                    continue
                record = calllib.CallRecord(
                    linkedid=row["linkedid"], direction=row["direction"],
                    caller=row["caller"], caller_name=row["caller_name"],
                    callee=row["callee"], queue=row["queue"],
                    agent_extension=row["agent_extension"], answer=row["answer"], end=end,
                    result="interrupted")
                if row["answer"] is not None:
                    record.talk_seconds = max(0, int(end - row["answer"]))
                facts.append(calllib.CallEnded(record))
            if facts:
                _logger.info("phone system %s: %d calls ended while no listener listened",
                             pbx.id, len(facts))
                self.env["crm.call.store"]._store_facts(pbx, facts, "calls")
        pbx.sudo()._cc_reconcile_cdr_file()
        return True
