"""Issue 16, item 1: every phone-bar action reaches the PBX whatever the
server mode. A threaded server (``workers = 0``) runs each request in a
thread of its own, which has no asyncio event loop; a prefork worker runs it
in its main thread; gevent runs it in a greenlet, several at once in one OS
thread. Each test sends the actions against a small AMI server (ami_stub)."""
import faulthandler
import json
import os
import subprocess
import sys
import threading

from odoo import api
from odoo.exceptions import UserError
from odoo.tests.common import at_install, post_install

from odoo.addons.crm_callcenter.tests.common import CallCenterCase

from .ami_stub import stub_pbx

ADDON = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def in_thread(function):
    """``function()`` in a new thread, as a threaded Odoo server runs a
    request (its own environments); its result or its exception. (Runs
    after install: see the class.)"""
    outcome = {}

    def run():
        try:
            with api.Environment.manage():
                outcome["result"] = function()
        except Exception as error:  # handed to the test's thread
            outcome["error"] = error
    thread = threading.Thread(target=run, name="odoo request")
    thread.start()
    thread.join(30)
    if thread.is_alive():
        faulthandler.dump_traceback(all_threads=True)
        raise AssertionError("the action did not return within 30 s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


@at_install(False)
@post_install(True)
class TestPhoneBarModes(CallCenterCase):
    """After install: while modules install, the loading thread holds the
    registry lock that a request thread needs for its environments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stub, cls.pbx = stub_pbx(cls.env, "线程测试交换机", default_queue="support",
                                     survey_extension="9000")
        cls.agent = cls.users["agent"]
        cls.agent.extension = "1001"
        cls.manager = cls.users["manager"]
        cls.manager.extension = "1009"

    @classmethod
    def tearDownClass(cls):
        cls.stub.__exit__(None, None, None)
        super().tearDownClass()

    def actions(self):
        """Every phone-bar action (the callers of _cc_send/_cc_send_list),
        as the agent or the manager, with the AMI action it must send."""
        Users = self.env["res.users"]
        agent = Users.sudo(self.agent)
        return [
            ("pause", lambda: agent.cc_set_pause(True, "Lunch"), "QueuePause"),
            ("ready", lambda: agent.cc_set_pause(False), "QueuePause"),
            ("queue log-in", lambda: agent.cc_queue_login(True), "QueueAdd"),
            ("queue log-out", lambda: agent.cc_queue_login(False), "QueueRemove"),
            ("dial", lambda: agent.cc_dial("139 1087 0001"), "Originate"),
            ("hold", lambda: agent.cc_hold(True), "Redirect"),
            ("resume", lambda: agent.cc_hold(False), "Bridge"),
            ("conference", lambda: agent.cc_conference("139 1087 0002"), "Redirect"),
            ("transfer", lambda: agent.cc_transfer("139 1087 0003"), "BlindTransfer"),
            ("attended transfer", lambda: agent.cc_transfer("139 1087 0003", True), "Atxfer"),
            ("survey", lambda: agent.cc_transfer_to_survey(), "BlindTransfer"),
            ("hang up", lambda: agent.cc_hangup(), "Hangup"),
            ("listen-in", lambda: self.env["crm.call"].sudo(self.manager).cc_listen(
                self.agent.id), "Originate"),
        ]

    def check_every_action(self, run):
        for label, action, ami_action in self.actions():
            before = len(self.stub.actions)
            try:
                run(action)
            except UserError as error:
                self.fail("%s failed: %s" % (label, error.name))
            sent = self.stub.sent(before)
            self.assertTrue(sent, "%s sent nothing to the PBX" % label)
            self.assertEqual(sent[0]["Action"], ami_action, label)

    def test_threaded_server(self):
        """workers = 0: "There is no current event loop in thread" before."""
        self.check_every_action(in_thread)

    def test_prefork_worker(self):
        """A prefork worker runs the request in its process's main thread."""
        self.check_every_action(lambda action: action())

    def test_refused_login_is_a_sentence_in_a_thread(self):
        self.pbx.secret = "wrong"
        with self.assertRaises(UserError) as raised:
            in_thread(lambda: self.env["res.users"].sudo(self.agent).cc_set_pause(True))
        self.assertIn("refused", raised.exception.name)

    def test_gevent_greenlets_at_once(self):
        """gevent (Odoo's longpolling server): five sessions in five
        greenlets of one OS thread at the same time, the way the phone
        bar's short session runs there (monkey-patched sockets)."""
        script = """
import json, sys
from gevent import monkey
monkey.patch_all()
import gevent
sys.path.insert(0, %r)
from telephony import ami

def session(number):
    with ami.BlockingClient("127.0.0.1", %d, "callcenter", "s3cret", timeout=5) as client:
        channels = client.send_action("CoreShowChannels").events
        client.send_action("QueuePause", Interface="PJSIP/100%%d" %% number, Paused="true")
        return len(channels)

greenlets = [gevent.spawn(session, number) for number in range(5)]
gevent.joinall(greenlets, timeout=30)
print(json.dumps([[g.value, repr(g.exception) if g.exception else None]
                  for g in greenlets]))
""" % (ADDON, self.stub.port)
        before = len(self.stub.actions)
        done = subprocess.run([sys.executable, "-c", script], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr.decode("utf-8", "replace"))
        results = json.loads(done.stdout.decode().strip().splitlines()[-1])
        self.assertEqual(results, [[2, None]] * 5, "every greenlet's session must succeed")
        pauses = [a["Interface"] for a in self.stub.sent(before)]
        self.assertEqual(sorted(pauses), ["PJSIP/100%d" % n for n in range(5)])
