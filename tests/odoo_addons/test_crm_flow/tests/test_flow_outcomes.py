from odoo.exceptions import UserError

from odoo.addons.crm_security.models.owned_fields import FLOW_NO_AUTOSTART

from .common import FlowCase


class TestFlowOutcomes(FlowCase):

    def test_create_starts_first_step(self):
        doc = self.new_doc()
        self.assertEqual(doc.flow_id, self.flow, "autostart picked no flow")
        self.assertEqual(doc.flow_node_id, self.check)
        self.assertEqual(doc.flow_state, "running")
        self.assertEqual(self.logs(doc).mapped("outcome"), ["start"])

    def test_condition_chooses_flow(self):
        urgent_flow = self.flow.copy({
            "name": "Urgent", "sequence": 1,
            "condition_domain": "[('kind', '=', 'urgent')]"})
        urgent = self.new_doc(kind="urgent")
        normal = self.new_doc(kind="normal")
        self.assertEqual(urgent.flow_id, urgent_flow)
        self.assertEqual(normal.flow_id, self.flow,
                         "a document not matching the condition took it")

    def test_pass_walks_the_steps_then_done(self):
        doc = self.new_doc()
        self.act(self.checker, doc, "pass")
        self.assertEqual(doc.flow_node_id, self.review)
        self.act(self.assignee, doc, "pass")
        self.assertEqual(doc.flow_node_id, self.approve)
        self.act(self.approver, doc, "pass")
        self.assertEqual(doc.flow_state, "done")
        self.assertEqual(self.logs(doc).mapped("outcome"),
                         ["start", "pass", "pass", "pass"])

    def test_fail_without_target_is_an_exception(self):
        doc = self.new_doc()
        self.act(self.checker, doc, "pass")
        self.act(self.assignee, doc, "fail", note="wrong address")
        self.assertEqual(doc.flow_state, "failed")
        self.assertEqual(doc.flow_node_id, self.review,
                         "a failed document must stay at the failing step")
        self.assertIn(doc, self.Doc.search([("flow_state", "=", "failed")]))

    def test_fail_with_target_goes_there(self):
        self.review.sudo(self.designer).fail_node_id = self.check
        doc = self.new_doc()
        self.act(self.checker, doc, "pass")
        self.act(self.assignee, doc, "fail")
        self.assertEqual(doc.flow_node_id, self.check)
        self.assertEqual(doc.flow_state, "running")

    def test_void(self):
        doc = self.new_doc()
        self.act(self.checker, doc, "pass")
        self.act(self.assignee, doc, "pass")
        self.act(self.approver, doc, "void", note="customer cancelled")
        self.assertEqual(doc.flow_state, "void")
        with self.assertRaises(UserError):
            self.act(self.approver, doc, "pass")

    def test_send_back(self):
        doc = self.new_doc()
        self.act(self.checker, doc, "pass")
        self.act(self.assignee, doc, "send_back")
        self.assertEqual(doc.flow_node_id, self.check)
        self.assertEqual(doc.flow_state, "running")

    def test_outcome_not_allowed_at_step(self):
        doc = self.new_doc()
        for outcome in ("fail", "void", "send_back"):
            with self.assertRaises(UserError, msg=outcome):
                self.act(self.checker, doc, outcome)
        self.assertEqual(doc.flow_node_id, self.check)

    def test_buttons_follow_allowed_outcomes(self):
        doc = self.new_doc()
        self.act(self.checker, doc, "pass")
        as_assignee = doc.sudo(self.assignee)
        self.assertTrue(as_assignee.flow_can_pass)
        self.assertTrue(as_assignee.flow_can_send_back)
        self.assertTrue(as_assignee.flow_can_fail)
        self.assertFalse(as_assignee.flow_can_void)
        self.assertFalse(doc.sudo(self.checker).flow_can_pass,
                         "a checker does not handle the review step")

    def test_batch_pass(self):
        docs = self.Doc.browse()
        for index in range(30):
            docs |= self.new_doc(name="Doc %d" % index)
        self.act(self.checker, docs, "pass")
        self.assertEqual(set(docs.mapped("flow_node_id")), {self.review})
        logs = self.env["crm.flow.log"].search([
            ("res_model", "=", docs._name), ("res_id", "in", docs.ids),
            ("outcome", "=", "pass")])
        self.assertEqual(len(logs), 30)

    def test_hook_runs_on_enter(self):
        doc = self.new_doc()
        self.assertEqual(doc.entered_review, 0)
        self.act(self.checker, doc, "pass")
        self.assertEqual(doc.entered_review, 1)

    def test_hook_veto_changes_nothing(self):
        doc = self.new_doc(description=False)
        with self.assertRaises(UserError):
            self.act(self.checker, doc, "pass")
        doc.invalidate_cache()
        self.assertEqual(doc.flow_node_id, self.check)
        self.assertEqual(len(self.logs(doc)), 1, "a vetoed step was logged")

    def test_manual_start_needs_a_flow(self):
        doc = FLOW_NO_AUTOSTART.run(self.Doc.sudo(self.outsider)).create(
            {"name": "Manual"})
        self.assertEqual(doc.flow_state, "draft")
        self.flow.sudo(self.designer).active = False
        with self.assertRaises(UserError):
            doc.action_flow_start()
        self.flow.sudo(self.designer).active = True
        doc.action_flow_start()
        self.assertEqual(doc.flow_node_id, self.check)
