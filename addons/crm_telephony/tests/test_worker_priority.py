"""The HTTP workers run at a lower priority than the long-polling
processes and the listener (worker_priority). Niceness is changed in a
forked child only: the test process keeps its own."""
import os
from unittest import mock

from odoo.service import server
from odoo.tests.common import BaseCase
from odoo.tools import config

from .. import worker_priority


def niceness_in_child(step):
    """Run ``step()`` in a forked child; the child's niceness after it
    (or 99 when the step failed)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into the test runner
        try:
            step()
            code = os.nice(0)
        except BaseException:
            code = 99
        os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    return os.WEXITSTATUS(status)


class TestWorkerPriority(BaseCase):

    def test_http_workers_start_at_the_configured_niceness(self):
        self.assertIs(server.WorkerHTTP.start, worker_priority._start)
        base = os.nice(0)
        started = []

        def start():
            with mock.patch.object(worker_priority._start, "odoo_start", started.append), \
                    mock.patch.dict(config.options, {"callcenter_http_worker_nice": "7"}):
                worker_priority._start("the worker")
            assert started == ["the worker"]

        self.assertEqual(niceness_in_child(start), max(base, 7))

    def test_a_worker_never_gets_its_priority_back(self):
        base = os.nice(0)

        def twice():
            worker_priority.lower_priority(base + 5)
            worker_priority.lower_priority(base + 2)

        self.assertEqual(niceness_in_child(twice), base + 5)

    def test_configured_niceness(self):
        for value, expected in (("0", 0), ("12", 12), ("40", 19), ("-3", 0), ("soon", 10)):
            with mock.patch.dict(config.options, {"callcenter_http_worker_nice": value}):
                self.assertEqual(worker_priority.wanted_niceness(), expected, value)
        with mock.patch.dict(config.options):
            config.options.pop("callcenter_http_worker_nice", None)
            self.assertEqual(worker_priority.wanted_niceness(), worker_priority.DEFAULT_NICE)
