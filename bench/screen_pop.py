"""bench screen_pop: latency of the screen pop with a full floor, from the
fake PBX writing a burst of 50 ringing calls to the pop form showing the
customer in a logged-in Chromium page, with 300 agents connected, callers
among the 1,000,000 bench customers (issue 18 target: p95 <= 150 ms).

The 1,000,000 customers are made here (bench/customer_fixture.py, once);
the measurement needs a live server, the listener, Chromium and Selenium:
it runs in the browser-test Python (`.venv-e2e`), see browser/screen_pop.py."""
import os
import sys

import customer_fixture
from common import ROOT, environment, parse_args

if __name__ == "__main__":
    args, rest = parse_args(__doc__, known=True)
    with environment(args.db) as env:
        customer_fixture.ensure(env)
    python = os.path.join(ROOT, ".venv-e2e", "bin", "python")
    script = os.path.join(ROOT, "bench", "browser", "screen_pop.py")
    os.execv(python, [python, script, "--db", args.db] + rest)
