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

    def hide_others_documents(self):
        self.env["ir.rule"].create({
            "name": "outsider sees own documents only",
            "model_id": self.env.ref(
                "test_crm_flow.model_test_crm_flow_document").id,
            "groups": [(6, 0, self.env.ref("base.group_user").ids)],
            "domain_force": "[('user_id', '=', user.id)]",
        })

    def test_read_group_counts_only_visible_logs(self):
        hidden = self.new_doc(name="hidden")
        visible = self.new_doc(name="visible", user_id=self.outsider.id)
        self.act(self.checker, hidden, "pass", note="secret note")
        self.hide_others_documents()
        groups = self.env["crm.flow.log"].sudo(self.outsider).read_group(
            [("res_model", "=", hidden._name),
             ("res_id", "in", (hidden | visible).ids)],
            ["res_id", "note"], ["res_id", "note"], lazy=False)
        self.assertEqual({g["res_id"] for g in groups}, {visible.id},
                         "read_group leaked the hidden document's log lines")
        self.assertNotIn("secret note", [g["note"] for g in groups])

    def test_log_of_unreadable_or_missing_model_refused(self):
        """No read right on the document's model (rules alone would pass),
        or a model that is not installed: AccessError, not a leak or a
        KeyError."""
        Log = self.env["crm.flow.log"]
        logs = Log.create({
            "res_model": "ir.config_parameter",
            "res_id": self.env["ir.config_parameter"].search([], limit=1).id,
            "outcome": "start", "user_id": self.checker.id, "note": "cfg"})
        logs |= Log.create({
            "res_model": "no.such.model", "res_id": 1, "outcome": "start",
            "user_id": self.checker.id, "note": "gone"})
        for log in logs:
            with self.assertRaises(AccessError, msg=log.res_model):
                log.sudo(self.outsider).read(["note"])
            with self.assertRaises(AccessError, msg=log.res_model):
                log.sudo(self.outsider).check_access_rule("read")

    def test_views_get_flow_controls(self):
        form = self.Doc.sudo(self.checker).fields_view_get(view_type="form")
        self.assertIn("action_flow_pass", form["arch"])
        self.assertIn("flow_can_pass", form["fields"])
        tree = self.Doc.fields_view_get(view_type="tree")
        self.assertIn('decoration-warning="flow_node_id in [%d]"' % self.review.id,
                      tree["arch"])
        search = self.Doc.fields_view_get(view_type="search")
        self.assertIn("flow_my_queue", search["arch"])
