"""bench screen_pop: latency of the screen pop with a full floor, from the
fake PBX writing a burst of 50 ringing calls to the pop form showing the
customer in a logged-in Chromium page, with 300 agents connected, callers
among the 1,000,000 bench customers (issue 18 target: p95 <= 150 ms).

The 1,000,000 customers and the 300 agents are made here once
(bench/customer_fixture.py; users through the ORM in one transaction, which
takes seconds where 300 RPC creates took half an hour on a loaded machine);
the measurement needs a live server, the listener, Chromium and Selenium:
it runs in the browser-test Python (`.venv-e2e`), see browser/screen_pop.py."""
import os

import customer_fixture
from common import ROOT, environment, parse_args

AGENTS = 300  # extensions 3001.. (browser/screen_pop.py rings them)


def ensure_agents(env):
    Users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True,
                                          mail_create_nolog=True)
    company = env.ref("base.main_company")
    logins = ["pop_agent_%d" % (3001 + index) for index in range(AGENTS)]
    existing = set(Users.search([("login", "in", logins)]).mapped("login"))
    created = Users.browse()
    for login in logins:
        if login not in existing:
            extension = login.rsplit("_", 1)[1]
            created |= Users.create({
                "name": "坐席 %s" % extension, "login": login, "password": login,
                "email": "%s@example.com" % login, "extension": extension,
                "company_id": company.id, "company_ids": [(6, 0, company.ids)]})
    if created:
        env.ref("crm_callcenter.group_agent").write({"users": [(4, user.id) for user in created]})
        env.cr.commit()
    return len(created)


if __name__ == "__main__":
    args, rest = parse_args(__doc__, known=True)
    with environment(args.db) as env:
        customer_fixture.ensure(env)
        ensure_agents(env)
    python = os.path.join(ROOT, ".venv-e2e", "bin", "python")
    script = os.path.join(ROOT, "bench", "browser", "screen_pop.py")
    os.execv(python, [python, script, "--db", args.db] + rest)
