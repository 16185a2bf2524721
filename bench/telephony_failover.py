"""bench telephony_failover: listener high availability (issue 18) — two
`odoo-bin telephony` processes against one fake PBX; the active one is
killed with SIGKILL and the time until the standby holds the phone system
and is logged in to the PBX is measured (three takeovers, the worst
counted). Target: a standby takes over within 5 s."""
import os
import signal
import socket
import subprocess
import sys
import threading
import time

from common import ROOT, environment, parse_args, verdict

sys.path.insert(0, os.path.join(ROOT, "tests"))

ROUNDS = 3


def start(db, name):
    log = open(os.path.join(ROOT, ".run", "bench-failover-%s.log" % name), "w")
    return subprocess.Popen(
        [os.path.join(ROOT, "scripts", "odoo.sh"), "telephony", "-d", db, "--reload", "1",
         "--log-level=info"], stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
        start_new_session=True)


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for %s" % what)
        pause.wait(0.02)


def main():
    args = parse_args(__doc__)
    from fakeami.server import ThreadedFakeAMI

    os.makedirs(os.path.join(ROOT, ".run"), exist_ok=True)
    fake = ThreadedFakeAMI(username="callcenter", secret="s3cret", style="pjsip").start()
    procs, times = {}, []
    with environment(args.db) as env:
        pbx = env["crm.pbx"].create({"name": "bench failover", "host": "127.0.0.1",
                                     "port": fake.port, "username": "callcenter",
                                     "secret": "s3cret"})
        env.cr.commit()

        def node():
            env.cr.rollback()
            env.cr.execute("SELECT listener_node FROM crm_pbx WHERE id = %s", (pbx.id,))
            return env.cr.fetchone()[0]

        def name_of(holder):
            for name, proc in procs.items():
                if holder == "%s:%d" % (socket.gethostname(), proc.pid):
                    return name
            return None

        try:
            for name in ("a", "b"):
                procs[name] = start(args.db, name)
            wait_for(lambda: name_of(node()), 180, "a listener to hold the phone system")
            for index in range(ROUNDS):
                holder = name_of(node())
                wait_for(lambda: len(procs) == 2 and "standby" in open(os.path.join(
                    ROOT, ".run", "bench-failover-%s.log" % [n for n in procs if n != holder][0]
                )).read(), 180, "the standby")
                logins = fake.server.logins
                killed = procs.pop(holder)
                begin = time.monotonic()
                os.killpg(killed.pid, signal.SIGKILL)
                wait_for(lambda: name_of(node()) not in (None, holder), 60, "the takeover")
                wait_for(lambda: fake.server.logins > logins, 60, "the new login")
                times.append(time.monotonic() - begin)
                killed.wait(30)
                procs["r%d" % index] = start(args.db, "r%d" % index)
        finally:
            for proc in procs.values():
                os.killpg(proc.pid, signal.SIGTERM)
            for proc in procs.values():
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
            fake.stop()
            env.cr.rollback()
            env.cr.execute("DELETE FROM crm_pbx WHERE id = %s", (pbx.id,))
            env.cr.commit()
    ok = verdict("telephony_failover", max(times), "s", "<=", 5,
                 detail="kill -9 of the active listener to the standby holding the phone "
                 "system and logged in to the PBX: %s s" % ", ".join(
                     "%.2f" % value for value in times))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
