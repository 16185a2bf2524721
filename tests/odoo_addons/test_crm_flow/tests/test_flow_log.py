import base64

from odoo.exceptions import AccessError

from .common import FlowCase


class TestFlowLog(FlowCase):

    def test_log_records_who_what_note(self):
        doc = self.new_doc()
        self.act(self.checker, doc, "pass", note="address verified")
        line = self.logs(doc)[-1]
        self.assertEqual(line.user_id, self.checker)
        self.assertEqual(line.outcome, "pass")
        self.assertEqual(line.node_id, self.check)
        self.assertEqual(line.next_node_id, self.review)
        self.assertEqual(line.note, "address verified")
        self.assertEqual(line.state_after, "running")
        self.assertTrue(line.date)
        self.assertEqual(doc.flow_log_ids, self.logs(doc))

    def test_wizard_logs_note_and_attachments(self):
        doc = self.new_doc()
        action = doc.sudo(self.checker).action_flow_pass()
        self.assertEqual(action["res_model"], "crm.flow.transition")
        attachment = self.env["ir.attachment"].sudo(self.checker).create({
            "name": "photo.txt", "datas_fname": "photo.txt",
            "datas": base64.b64encode(b"proof")})
        wizard = self.env["crm.flow.transition"].sudo(self.checker).with_context(
            **action["context"]).create({
                "note": "with proof",
                "attachment_ids": [(6, 0, attachment.ids)]})
        wizard.action_confirm()
        line = self.logs(doc)[-1]
        self.assertEqual(line.attachment_ids, attachment)
        self.assertEqual(line.note, "with proof")
        self.assertEqual(attachment.res_model, doc._name)
        self.assertEqual(doc.flow_node_id, self.review)

    def test_wizard_refuses_non_handler(self):
        doc = self.new_doc()
        with self.assertRaises(AccessError):
            doc.sudo(self.outsider).action_flow_pass()

    def test_log_hidden_when_document_is_hidden(self):
        hidden = self.new_doc(name="hidden")
        visible = self.new_doc(name="visible", user_id=self.outsider.id)
        self.env["ir.rule"].create({
            "name": "outsider sees own documents only",
            "model_id": self.env.ref(
                "test_crm_flow.model_test_crm_flow_document").id,
            "groups": [(6, 0, self.env.ref("base.group_user").ids)],
            "domain_force": "[('user_id', '=', user.id)]",
        })
        Log = self.env["crm.flow.log"].sudo(self.outsider)
        found = Log.search([("res_model", "=", hidden._name),
                            ("res_id", "in", (hidden | visible).ids)])
        self.assertEqual(set(found.mapped("res_id")), {visible.id})
        with self.assertRaises(AccessError):
            self.logs(hidden).sudo(self.outsider).read(["note"])

    def test_views_get_flow_controls(self):
        form = self.Doc.sudo(self.checker).fields_view_get(view_type="form")
        self.assertIn("action_flow_pass", form["arch"])
        self.assertIn("flow_can_pass", form["fields"])
        tree = self.Doc.fields_view_get(view_type="tree")
        self.assertIn('decoration-warning="flow_node_id in [%d]"' % self.review.id,
                      tree["arch"])
        search = self.Doc.fields_view_get(view_type="search")
        self.assertIn("flow_my_queue", search["arch"])
