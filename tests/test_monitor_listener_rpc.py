"""Issue 15, item 6: a live call whose end the listener missed (its link or
the listener itself was down) is ended by the running listener's resync,
a fresh one never."""
import datetime
import uuid

from conftest import wait_until
from test_screen_pop_browser import telephony  # noqa: F401 (the fake PBX and a listener)


def odoo_time(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def test_listener_ends_stale_calls_only(odoo_server, telephony):  # noqa: F811
    fake, admin, pbx_id = telephony
    now = datetime.datetime.utcnow().replace(microsecond=0)

    def live_call(seconds_ago):
        return admin("crm.call", "create", {
            "pbx_id": pbx_id, "linkedid": "stale-%s" % uuid.uuid4().hex,
            "direction": "inbound", "state": "ringing", "queue": "support",
            "number": "13800138000",
            "date_start": odoo_time(now - datetime.timedelta(seconds=seconds_ago))})

    fresh = live_call(10)  # first: the sweep that ends the stale one sees it too
    stale = live_call(3600)  # ringing for an hour: past the 15 minutes
    try:
        wait_until(lambda: admin("crm.call", "read", [stale], ["state"])[0]["state"] == "done",
                   60, "the listener to end the call ringing for an hour")
        ended, kept = admin("crm.call", "read", [stale, fresh], ["state", "result", "note"])
        assert ended["result"] == "interrupted"
        assert "15" in (ended["note"] or ""), "the note does not say why: %r" % ended["note"]
        assert kept["state"] == "ringing", "a call ringing for seconds was ended"
    finally:
        admin("crm.call", "unlink", [stale, fresh])
