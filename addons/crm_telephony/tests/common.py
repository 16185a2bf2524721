"""The base of the tests of what the AMI listener stores (CC-5..CC-8): the
recorded scenarios are replayed through the same CallTracker and
snapshots the listener takes, then written by
``crm.call.store._store_facts`` into the real database; the bus messages it
sends are read back from ``bus.bus``. No tests of its own: each test module
(test_crm_call, test_crm_call_ivr, ...) subclasses ``ListenerCase``."""
import contextlib
import datetime
import json
from unittest import mock

from odoo.addons.crm_callcenter import localtime
from odoo.addons.crm_callcenter.tests.common import CallCenterCase

from ..telephony import ami, calls
from .test_telephony_calls import stream

EPOCH = 1795577919
#: what the documented dialplan sends after MixMonitor (docs/PBX.md)
RECORDED = {"Event": "UserEvent", "UserEvent": "CrmRecording", "Linkedid": "1795577919.8",
            "Uniqueid": "1795577919.8",
            "File": "/var/spool/asterisk/monitor/20261125/1795577919.8.wav"}


def pop_sections_computed_for_others(call):
    """Read ``call`` as the screen pop's form does (its view's fields, as
    ``call``'s user, nothing cached): {field: calls} of the form's computed
    fields that were computed for other calls as well (the earlier calls
    the form lists are in the read's prefetch)."""
    view = call.env.ref("crm_telephony.crm_call_view_form_pop")
    names = sorted(call.fields_view_get(view.id, "form")["fields"])
    call.invalidate_cache()
    values = call.read(names)[0]
    computed = {}
    for name in names:
        field = call._fields[name]
        if field.compute and not field.store:
            others = call.env.cache.get_records(call, field) - call
            if others:
                computed[name] = others
    return values, computed


@contextlib.contextmanager
def clock_at(epoch):
    """The call center's clock (``localtime.utcnow``) pinned to ``epoch``:
    "today" is then the replayed calls' day, whatever day the test runs."""
    moment = datetime.datetime.utcfromtimestamp(epoch)
    with mock.patch.object(localtime, "utcnow", return_value=moment):
        yield moment


def local_epoch(tz_name, day, hour, minute):
    """Epoch seconds of a local wall-clock time in ``tz_name``."""
    tz = localtime.zone(tz_name)
    moment = tz.localize(datetime.datetime.combine(day, datetime.time(hour, minute)))
    return int(moment.timestamp())


def facts_of(name, style="pjsip", tracker=None, before=(), after=(), start=EPOCH):
    """Replay a scenario file like the listener does (a second banner means
    the link was lost); facts as dicts, taken when they happen (one second
    per message from ``start``)."""
    tracker = tracker or calls.CallTracker()
    facts, connections = [], 0
    messages = [ami.Message(event) for event in before] + stream("%s-%s" % (name, style)) \
        + [ami.Message(event) for event in after]
    for index, message in enumerate(messages):
        now = start + index
        found = []
        if message.kind == "banner":
            if connections:  # the listener resynchronises after each login
                found = tracker.on_disconnect(now) + tracker.resync(None, now)
            connections += 1
        elif message.kind == "event":
            found = tracker.feed(message, now)
        facts += [calls.snapshot(fact) for fact in found]
    return facts


class ListenerCase(CallCenterCase):
    """Three agents on extensions 1001 (department 热线一组, with the
    Supervisor), 1002 (售后组) and 1003 (热线一组), a phone system, and the
    customer 张三丰 calling from the scenarios' number."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        Users.search([("extension", "in", ("1001", "1002", "1003"))]).write(
            {"extension": False})  # the scenarios' extensions are our test agents'
        department = cls.env["crm.department"].create({"name": "热线一组"})
        other = cls.env["crm.department"].create({"name": "售后组"})
        cls.users["agent"].write({"extension": "1001", "crm_department_id": department.id})
        cls.users["supervisor"].write({"crm_department_id": department.id})
        cls.agent2 = Users.create({
            "name": "CC agent 2", "login": "cc_agent2",
            "email": "a2@example.com", "extension": "1002",
            "crm_department_id": other.id,
            "groups_id": [(6, 0, cls.env.ref("crm_callcenter.group_agent").ids)]})
        cls.agent3 = Users.create({
            "name": "CC agent 3", "login": "cc_agent3",
            "email": "a3@example.com", "extension": "1003",
            "crm_department_id": department.id,
            "groups_id": [(6, 0, cls.env.ref("crm_callcenter.group_agent").ids)]})
        cls.pbx = cls.env["crm.pbx"].create({
            "name": "Test PBX", "username": "callcenter", "secret": "s3cret",
            "recording_pattern": "/var/spool/asterisk/monitor/{date}/{linkedid}.wav"})
        # the scenarios' callers must be ours alone, whatever the database holds
        # (demo customers may have them: hide them from the lookup, in SQL
        # because the customer rules want a number on every customer)
        cls.env.cr.execute(
            "UPDATE res_partner SET phone_e164 = NULL, mobile_e164 = NULL "
            "WHERE phone_e164 IN %(n)s OR mobile_e164 IN %(n)s",
            {"n": ("+8613800138000", "+8613900139000")})
        cls.env["res.partner"].invalidate_cache()
        values = cls.customer_vals(cls, name="张三丰", mobile="138 0013 8000")
        cls.customer = cls.Partner.sudo(cls.users["agent"]).create(values)
        cls.Call = cls.env["crm.call"]
        cls.Store = cls.env["crm.call.store"]

    def apply(self, facts, pbx=None):
        """Store ``facts`` as the listener does, from ``pbx`` (the test's
        phone system by default)."""
        return self.Store._store_facts(pbx or self.pbx, facts)

    def pops(self, kind="crm_callcenter.pop"):
        """Screen-pop (or other) bus messages sent so far: (partner id, payload)."""
        result = []
        for line in self.env["bus.bus"].sudo().search([], order="id"):
            message = json.loads(line.message)
            if isinstance(message, dict) and message.get("type") == kind:
                result.append((json.loads(line.channel)[2], message))
        return result

    def setUp(self):
        super().setUp()
        self.env["bus.bus"].sudo().search([]).unlink()
