"""Security review 2026-12, as the attacking role: M5 and C1 (listener-owned
call fields written over RPC), a finished inspection reopened, L8 (the
``cc_call_id`` and ``cc_rules_checked_by_sql`` context keys)."""
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase

FORGED = {"crm_owner_listener": "listener", "cc_listener": True,
          "cc_rules_checked_by_sql": True}


class TestOwnedCallFields(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent2 = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "CC agent2", "login": "cc_agent2_owned", "email": "a2@example.com",
            "groups_id": [(6, 0, cls.env.ref("crm_callcenter.group_agent").ids)]})
        cls.department = cls.env["crm.department"].create({"name": "热线"})
        # written as the listener does: as the superuser
        cls.call = cls.env["crm.call"].create({
            "direction": "inbound", "state": "done", "result": "abandoned",
            "number": "13800138000", "user_id": cls.users["agent"].id,
            "department_id": cls.department.id, "linkedid": "own-1",
            "wait_seconds": 90, "talk_seconds": 0, "recording": "own-1.wav"})

    def test_agent_cannot_rewrite_listener_fields_of_own_call(self):
        call = self.call.sudo(self.users["agent"])
        for vals in ({"recording": "/etc/odoo/odoo.conf"}, {"result": "answered"},
                     {"talk_seconds": 300}, {"wait_seconds": 1}, {"satisfaction": 5},
                     {"user_id": self.agent2.id}, {"department_id": False},
                     {"queue": "vip"}, {"linkedid": "x"}, {"date_end": "2026-01-01 00:00:00"},
                     {"voicemail_state": "done"}):
            for context in ({}, FORGED):
                with self.assertRaises(AccessError, msg=vals):
                    call.with_context(**context).write(vals)
        self.assertEqual((self.call.recording, self.call.result, self.call.wait_seconds),
                         ("own-1.wav", "abandoned", 90))
        # what agents do edit: notes and the customer link
        call.write({"note": "回访客户", "partner_id": self.new_customer().id})
        self.assertEqual(self.call.note, "回访客户")

    def test_manager_cannot_create_forged_calls(self):
        Call = self.env["crm.call"].sudo(self.users["manager"])
        for vals in ({"recording": "/etc/passwd"}, {"result": "answered", "talk_seconds": 60},
                     {"user_id": self.users["agent"].id}):
            with self.assertRaises(AccessError, msg=vals):
                Call.create(dict(vals, number="13800138001"))
        with self.assertRaises(AccessError):
            Call.with_context(default_recording="/etc/passwd").create({"number": "1"})

    def test_ivr_records_belong_to_the_listener(self):
        with self.assertRaises(AccessError):
            self.env["crm.call.ivr"].sudo(self.users["admin"]).create({
                "call_id": self.call.id, "menu": "main", "choice": "1"})


class TestQaFrozen(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        department = cls.env["crm.department"].create({"name": "质检热线"})
        cls.users["agent"].crm_department_id = department
        cls.users["supervisor"].crm_department_id = department
        cls.call = cls.env["crm.call"].create({
            "direction": "inbound", "state": "done", "result": "answered",
            "number": "13800138000", "user_id": cls.users["agent"].id,
            "department_id": department.id, "linkedid": "qa-o"})
        cls.qa = cls.env["crm.call.qa"].sudo(cls.users["supervisor"]).create({
            "call_id": cls.call.id,
            "template_id": cls.env.ref("crm_telephony.crm_call_qa_template_standard").id})

    def test_finished_inspection_cannot_be_reopened(self):
        qa = self.qa.sudo(self.users["supervisor"])
        qa.action_done()
        with self.assertRaises(AccessError):
            qa.write({"state": "draft"})
        with self.assertRaises(AccessError):
            qa.with_context(crm_owner_qa="qa").write({"state": "draft"})
        with self.assertRaises(UserError):
            qa.line_ids[:1].unlink()
        with self.assertRaises(UserError):
            self.env["crm.call.qa.line"].sudo(self.users["supervisor"]).create({
                "qa_id": qa.id, "criterion_id": qa.line_ids[0].criterion_id.id,
                "score": 100})
        self.assertEqual(self.qa.state, "done")

    def test_inspection_facts_come_from_the_call(self):
        Qa = self.env["crm.call.qa"].sudo(self.users["supervisor"])
        template = self.env.ref("crm_telephony.crm_call_qa_template_standard")
        for vals in ({"inspector_id": self.users["manager"].id},
                     {"agent_id": self.users["supervisor"].id}, {"state": "done"}):
            with self.assertRaises(AccessError, msg=vals):
                Qa.create(dict(vals, call_id=self.call.id, template_id=template.id))
        qa = Qa.create({"call_id": self.call.id, "template_id": template.id})
        self.assertEqual((qa.agent_id, qa.inspector_id),
                         (self.users["agent"], self.users["supervisor"]))


class TestContextKeys(CallCenterCase):

    def test_cc_call_id_links_only_a_call_the_user_may_change(self):
        """L8: the context key is the client's; another agent's call stays."""
        Call = self.env["crm.call"]
        agent2 = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "CC agent2", "login": "cc_agent2_ctx", "email": "a3@example.com",
            "groups_id": [(6, 0, self.env.ref("crm_callcenter.group_agent").ids)]})
        theirs = Call.create({"number": "13800138002", "user_id": self.users["agent"].id,
                              "linkedid": "ctx-1"})
        mine = Call.create({"number": "13800138003", "user_id": agent2.id,
                            "linkedid": "ctx-2"})
        Partner = self.Partner.sudo(agent2)
        Partner.with_context(cc_call_id=theirs.id).create(self.customer_vals())
        self.assertFalse(theirs.partner_id)
        partner = Partner.with_context(cc_call_id=mine.id).create(
            self.customer_vals(mobile="139 1087 0002"))
        self.assertEqual(mine.partner_id, partner)

    def test_rules_checked_by_sql_key_does_not_skip_the_customer_rules(self):
        with self.assertRaises(ValidationError):
            self.Partner.sudo(self.users["agent"]).with_context(**FORGED).create(
                self.customer_vals(cc_category_id=False, gender=False))
