"""bench telephony_listener: the AMI listener end to end — the fake PBX blasts
answered queue calls (recorded Asterisk 22.10 dialect) over loopback TCP into
the listener (parser + call tracker), whose facts are written to PostgreSQL
by the same sink the `odoo-bin telephony` command uses (call records, pops on
the bus, agent states), fenced as in production (issue 18: the listener holds
the phone system's lease, and every write transaction checks it). Targets
(issue 4): >= 5,000 events/s parsed and dispatched, >= 300 call records/s
written."""
import asyncio
import os
import sys
import time

from common import ROOT, environment, parse_args, verdict

sys.path.insert(0, os.path.join(ROOT, "tests"))

CALLS = 1500


def ensure_agents(env):
    Users = env["res.users"].with_context(no_reset_password=True)
    group = env.ref("crm_callcenter.group_agent")
    for extension in ("1001", "1002", "1003"):
        if not Users.search([("extension", "=", extension)]):
            Users.create({"name": "Bench agent %s" % extension,
                          "login": "bench_agent_%s" % extension, "extension": extension,
                          "email": "bench%s@example.com" % extension,
                          "groups_id": [(6, 0, group.ids)]})


async def run(service, slot, server, events):
    from odoo.addons.crm_telephony.telephony.listener import PbxListener

    pbx_id = slot.pbx_id
    listener = PbxListener("127.0.0.1", server.port, "callcenter", "s3cret",
                           service._sink(pbx_id, slot=slot),
                           late_sink=service._sink(pbx_id, "agents", slot=slot),
                           batch_delay=0.02)
    task = asyncio.ensure_future(listener.run())
    await server.wait_logins(1)
    await asyncio.sleep(0.5)  # login, QueueStatus resync
    wanted = sum(1 for event in events if server.clients[0].wants(event))
    base = listener.events
    start = time.perf_counter()
    await server.blast(events)
    while listener.events - base < wanted:
        await asyncio.sleep(0.001)
    parsed = time.perf_counter() - start
    await listener.drain()
    written = time.perf_counter() - start
    await listener.close()
    task.cancel()
    return wanted, parsed, written, listener.failed_facts


def main():
    args = parse_args(__doc__)
    from fakeami.server import FakeAMIServer

    with environment(args.db) as env:
        from odoo.addons.crm_telephony.cli.telephony_listener import ListenerService, PbxSlot
        ensure_agents(env)
        pbx = env["crm.pbx"].create({"name": "bench listener", "host": "127.0.0.1",
                                     "port": 1, "username": "callcenter",
                                     "secret": "s3cret"})
        env.cr.commit()
        loop = asyncio.get_event_loop()
        try:
            server = loop.run_until_complete(FakeAMIServer(style="pjsip").start())
            events = []
            for _ in range(CALLS):
                events.extend(server.pbx.answered())
            service = ListenerService(args.db, 3600)
            slot = PbxSlot(service, pbx.id, None)
            assert slot.take(), "the bench's phone system is held by another process"
            try:
                delivered, parsed, written, failed = loop.run_until_complete(
                    run(service, slot, server, events))
            finally:
                slot.lease.release()
            loop.run_until_complete(server.stop())
            env.cr.execute("SELECT count(*) FROM crm_call WHERE pbx_id = %s", (pbx.id,))
            stored = env.cr.fetchone()[0]
        finally:
            env.cr.rollback()
            env.cr.execute("DELETE FROM crm_call WHERE pbx_id = %s", (pbx.id,))
            env.cr.execute("DELETE FROM crm_pbx WHERE id = %s", (pbx.id,))
            env.cr.execute("DELETE FROM bus_bus")
            env.cr.commit()
    assert failed == 0, "%d facts failed" % failed
    assert stored == CALLS, (stored, CALLS)
    ok = verdict("telephony_listener_events", delivered / parsed, "events/s", ">=", 5000,
                 detail="%d events of %d calls (%d before the listener's AMI filter) "
                 "parsed and dispatched in %.2f s" % (delivered, CALLS, len(events), parsed))
    ok = verdict("telephony_listener_records", stored / written, "records/s", ">=", 300,
                 detail="%d call records (with pops and agent states) written in %.2f s"
                 % (stored, written)) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
