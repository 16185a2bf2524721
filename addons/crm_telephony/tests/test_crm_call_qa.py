"""Quality inspection (CC-16): weighted scores, who inspects which calls,
what the agent sees."""
from odoo.exceptions import AccessError, UserError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase


class TestCallQa(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["crm.department"]
        cls.hotline = Department.create({"name": "热线一组"})
        cls.after_sales = Department.create({"name": "售后组"})
        cls.users["agent"].crm_department_id = cls.hotline
        cls.users["supervisor"].crm_department_id = cls.hotline
        cls.other_supervisor = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "售后班长", "login": "cc_qa_supervisor2", "email": "s2@example.com",
            "crm_department_id": cls.after_sales.id,
            "groups_id": [(6, 0, cls.env.ref("crm_callcenter.group_supervisor").ids)]})
        Call = cls.env["crm.call"]
        cls.call = Call.create({
            "direction": "inbound", "state": "done", "result": "answered",
            "number": "13800138000", "user_id": cls.users["agent"].id,
            "department_id": cls.hotline.id, "linkedid": "qa-1"})
        cls.unanswered = Call.create({
            "direction": "inbound", "state": "done", "result": "abandoned",
            "number": "13900139000", "linkedid": "qa-2"})
        cls.template = cls.env.ref("crm_telephony.crm_call_qa_template_standard")
        cls.Qa = cls.env["crm.call.qa"]

    def inspect(self, user="supervisor", scores=(100, 80, 60, 100, 50)):
        qa = self.Qa.sudo(self.users[user] if isinstance(user, str) else user).create({
            "call_id": self.call.id, "template_id": self.template.id})
        self.assertEqual(len(qa.line_ids), len(scores), "a score for each criterion")
        for line, score in zip(qa.line_ids, scores):
            line.score = score
        return qa

    def test_weighted_score(self):
        qa = self.inspect()
        self.assertEqual(qa.line_ids.mapped("weight"), [15, 20, 35, 20, 10])
        # (15*100 + 20*80 + 35*60 + 20*100 + 10*50) / 100
        self.assertAlmostEqual(qa.score, 77.0)
        self.assertEqual((qa.agent_id, qa.department_id, qa.inspector_id),
                         (self.users["agent"], self.hotline, self.users["supervisor"]))
        self.assertEqual(self.call.qa_score, 0, "a draft does not count yet")
        qa.action_done()
        self.call.invalidate_cache()
        self.assertAlmostEqual(self.call.qa_score, 77.0)

    def test_form_shows_the_agent_of_the_chosen_call(self):
        form = self.Qa.sudo(self.users["supervisor"]).new({"call_id": self.call.id})
        form._onchange_call_id()
        self.assertEqual((form.agent_id, form.department_id),
                         (self.users["agent"], self.hotline))

    def test_agent_sees_only_finished_scores_of_own_calls(self):
        qa = self.inspect()
        as_agent = self.Qa.sudo(self.users["agent"])
        self.assertFalse(as_agent.search([("id", "=", qa.id)]), "drafts are the inspector's")
        qa.action_done()
        self.assertEqual(as_agent.search([("id", "=", qa.id)]), qa)
        self.assertAlmostEqual(as_agent.browse(qa.id).score, 77.0)
        self.assertEqual(len(as_agent.browse(qa.id).line_ids), 5)
        self.assertIn(self.users["agent"].partner_id, qa.message_partner_ids)
        self.assertTrue(qa.message_ids.filtered(
            lambda m: self.users["agent"].partner_id in m.partner_ids
            and "77.0" in m.body), "the agent is told the score")
        with self.assertRaises(AccessError):
            as_agent.check_access_rights("write")
        with self.assertRaises(AccessError):
            as_agent.create({"call_id": self.call.id, "template_id": self.template.id})
        # another agent does not see it
        self.assertFalse(self.Qa.sudo(self.users["expert"]).search([("id", "=", qa.id)]))

    def test_supervisors_inspect_their_department_only(self):
        with self.assertRaises(AccessError):
            self.inspect(self.other_supervisor)
        qa = self.inspect()
        with self.assertRaises(AccessError):
            self.Qa.sudo(self.other_supervisor).browse(qa.id).read(["score"])
        self.assertEqual(self.Qa.sudo(self.users["manager"]).search([("id", "=", qa.id)]), qa)

    def test_finished_inspection_is_frozen(self):
        qa = self.inspect()
        qa.sudo(self.users["supervisor"]).action_done()
        with self.assertRaises(UserError):
            qa.sudo(self.users["supervisor"]).write({"comment": "changed my mind"})
        with self.assertRaises(UserError):
            qa.line_ids[0].sudo(self.users["supervisor"]).write({"score": 0})

    def test_only_calls_with_an_agent(self):
        with self.assertRaises(UserError):
            self.Qa.create({"call_id": self.unanswered.id, "template_id": self.template.id})

    def test_inspect_button_opens_the_standard_template(self):
        action = self.call.sudo(self.users["supervisor"]).action_inspect()
        self.assertEqual(action["res_model"], "crm.call.qa")
        self.assertEqual(action["context"]["default_call_id"], self.call.id)
        self.assertEqual(action["context"]["default_template_id"], self.template.id)
