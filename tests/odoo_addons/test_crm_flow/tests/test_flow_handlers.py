from odoo.exceptions import AccessError, UserError, ValidationError

from .common import FlowCase


class TestFlowHandlers(FlowCase):

    def test_group_handler(self):
        doc = self.new_doc()
        with self.assertRaises(AccessError):
            self.act(self.outsider, doc, "pass")
        self.act(self.checker, doc, "pass")
        self.assertEqual(doc.flow_node_id, self.review)

    def test_field_handler_is_the_named_user_only(self):
        doc = self.new_doc()
        self.act(self.checker, doc, "pass")
        for intruder in (self.checker, self.outsider, self.approver):
            with self.assertRaises(AccessError, msg=intruder.login):
                self.act(intruder, doc, "pass")
        self.act(self.assignee, doc, "pass")
        self.assertEqual(doc.flow_node_id, self.approve)

    def test_user_handler(self):
        doc = self.new_doc()
        self.act(self.checker, doc, "pass")
        self.act(self.assignee, doc, "pass")
        with self.assertRaises(AccessError):
            self.act(self.assignee, doc, "pass")
        self.act(self.approver, doc, "pass")
        self.assertEqual(doc.flow_state, "done")

    def test_my_queue(self):
        at_check = self.new_doc(name="at check")
        at_review = self.new_doc(name="at review")
        other = self.new_doc(name="other's review", user_id=self.outsider.id)
        self.act(self.checker, at_review | other, "pass")
        queue = self.Doc.sudo(self.checker).search([("flow_is_mine", "=", True)])
        self.assertIn(at_check, queue)
        self.assertNotIn(at_review, queue)
        queue = self.Doc.sudo(self.assignee).search([("flow_is_mine", "=", True)])
        self.assertIn(at_review, queue)
        self.assertNotIn(other, queue, "another user's document in my queue")
        self.assertNotIn(at_check, queue)
        self.assertFalse(self.Doc.sudo(self.approver).search(
            [("id", "in", (at_check | at_review | other).ids),
             ("flow_is_mine", "=", True)]))

    def test_my_queue_counts_per_step(self):
        self.new_doc()
        self.new_doc()
        nodes = self.env["crm.flow.node"].sudo(self.checker).search(
            [("is_mine", "=", True), ("flow_id", "=", self.flow.id)])
        self.assertIn(self.check, nodes)
        self.assertEqual(nodes.filtered(lambda n: n == self.check).waiting_count, 2)

    def test_my_queue_shows_only_steps_with_work(self):
        """My Queue opens on the user's steps where documents wait (its
        default filters), and a step opens its waiting documents."""
        doc = self.new_doc()
        action = self.env.ref("crm_flow.crm_flow_node_action_my_queue")
        self.assertIn("search_default_with_work", action.context)
        Node = self.env["crm.flow.node"].sudo(self.checker)
        queue = Node.search([("is_mine", "=", True), ("has_waiting", "=", True),
                             ("flow_id", "=", self.flow.id)])
        self.assertEqual(queue, self.check, "only the step where work waits")
        idle = Node.search([("is_mine", "=", True), ("has_waiting", "=", False),
                            ("flow_id", "=", self.flow.id)])
        self.assertNotIn(self.check, idle)
        opened = queue.action_open_documents()
        self.assertEqual(self.Doc.sudo(self.checker).search(opened["domain"]), doc)

    def test_done_documents_leave_the_queue(self):
        doc = self.new_doc()
        self.act(self.checker, doc, "pass")
        self.act(self.assignee, doc, "pass")
        self.act(self.approver, doc, "pass")
        self.assertNotIn(doc, self.Doc.sudo(self.approver).search(
            [("flow_is_mine", "=", True)]))

    def test_lock_blocks_edits_but_not_chatter(self):
        doc = self.new_doc()
        doc.sudo(self.assignee).write({"name": "still editable"})
        self.act(self.checker, doc, "pass")
        with self.assertRaises(UserError):
            doc.sudo(self.assignee).write({"name": "locked now"})
        doc.sudo(self.assignee).message_post(body="a note is allowed")
        self.act(self.assignee, doc, "pass")
        doc.sudo(self.assignee).write({"name": "unlocked again"})
        self.assertEqual(doc.name, "unlocked again")

    def test_step_cannot_be_written_directly(self):
        doc = self.new_doc()
        with self.assertRaises(AccessError):
            doc.sudo(self.checker).write({"flow_node_id": self.approve.id})
        with self.assertRaises(AccessError):
            doc.sudo(self.checker).write({"flow_state": "done"})
        self.assertEqual(doc.flow_node_id, self.check)

    def test_only_designers_edit_flows(self):
        with self.assertRaises(AccessError):
            self.flow.sudo(self.checker).write({"name": "hacked"})
        with self.assertRaises(AccessError):
            self.env["crm.flow"].sudo(self.outsider).create({
                "name": "x", "model_id": self.flow.model_id.id})
        self.flow.sudo(self.designer).write({"name": "Renamed"})
        self.assertEqual(self.flow.name, "Renamed")

    def test_node_needs_a_handler(self):
        with self.assertRaises(ValidationError):
            self.env["crm.flow.node"].sudo(self.designer).create({
                "flow_id": self.flow.id, "name": "Nobody"})
