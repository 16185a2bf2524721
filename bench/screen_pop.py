"""bench screen_pop: latency of the screen pop, from the fake PBX sending
``AgentCalled`` to the notification arriving in a logged-in Chromium page,
with 50 calls ringing at once (issue 4 target: p95 <= 300 ms).

The measurement needs a live server, the listener, Chromium and Selenium:
it runs in the browser-test Python (`.venv-e2e`), see browser/screen_pop.py."""
import os
import sys

from common import ROOT, parse_args

if __name__ == "__main__":
    args = parse_args(__doc__)
    python = os.path.join(ROOT, ".venv-e2e", "bin", "python")
    script = os.path.join(ROOT, "bench", "browser", "screen_pop.py")
    os.execv(python, [python, script, "--db", args.db] + sys.argv[3:])
