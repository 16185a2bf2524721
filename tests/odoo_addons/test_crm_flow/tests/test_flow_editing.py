from odoo.exceptions import UserError

from .common import FlowCase


class TestFlowEditing(FlowCase):
    """Editing a flow never strands the documents already in it."""

    def test_new_step_is_used_by_documents_in_flight(self):
        doc = self.new_doc()
        extra = self.env["crm.flow.node"].sudo(self.designer).create({
            "flow_id": self.flow.id, "name": "Extra", "sequence": 1,
            "group_ids": [(6, 0, self.checkers.ids)]})
        # sequence ties are ordered by id: Extra comes after Check
        self.act(self.checker, doc, "pass")
        self.assertEqual(doc.flow_node_id, extra)
        self.act(self.checker, doc, "pass")
        self.assertEqual(doc.flow_node_id, self.review)

    def test_archived_step_is_skipped_but_its_documents_finish(self):
        waiting = self.new_doc(name="waiting at review")
        self.act(self.checker, waiting, "pass")
        later = self.new_doc(name="still at check")
        self.review.sudo(self.designer).active = False
        self.act(self.checker, later, "pass")
        self.assertEqual(later.flow_node_id, self.approve,
                         "an archived step was not skipped")
        self.act(self.assignee, waiting, "pass")
        self.assertEqual(waiting.flow_node_id, self.approve,
                         "a document at an archived step is stranded")

    def test_reordering_steps(self):
        doc = self.new_doc()
        self.approve.sudo(self.designer).sequence = 0
        self.check.sudo(self.designer).sequence = 5
        # new order: Approve (0), Review (2), Check (5): Check is last
        self.act(self.checker, doc, "pass")
        self.assertEqual(doc.flow_state, "done",
                         "the document did not follow the new order")

    def test_step_with_documents_cannot_be_deleted(self):
        self.new_doc()
        with self.assertRaises(UserError):
            self.check.sudo(self.designer).unlink()
        self.assertTrue(self.check.exists())
        self.approve.sudo(self.designer).unlink()
        self.assertFalse(self.approve.exists(), "an empty step was kept")

    def test_flow_with_documents_cannot_be_deleted_or_retyped(self):
        self.new_doc()
        with self.assertRaises(UserError):
            self.flow.sudo(self.designer).unlink()
        partner_model = self.env.ref("base.model_res_partner")
        with self.assertRaises(Exception):
            self.flow.sudo(self.designer).write({"model_id": partner_model.id})
        self.assertEqual(self.flow.model, "test.crm.flow.document")

    def test_archived_flow_keeps_its_documents_moving(self):
        doc = self.new_doc()
        self.flow.sudo(self.designer).active = False
        self.act(self.checker, doc, "pass")
        self.assertEqual(doc.flow_node_id, self.review)
        self.assertFalse(self.new_doc().flow_id,
                         "a new document entered an archived flow")

    def test_history_survives_deleting_a_step(self):
        doc = self.new_doc()
        self.act(self.checker, doc, "pass")
        self.act(self.assignee, doc, "send_back")
        self.act(self.checker, doc, "pass")
        self.act(self.assignee, doc, "pass")
        self.act(self.approver, doc, "pass")
        self.review.sudo(self.designer).unlink()
        self.assertIn("Review", self.logs(doc).mapped("node_name"))
