"""Security review 2026-12: C4 (flow condition), H1 (context keys), M10
(who edits flows), L8 (restarting a finished document), each attempted as
the attacking user."""
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.crm_flow.models.crm_flow_mixin import flow_transition
from odoo.addons.crm_security.models.owned_fields import FLOW_NO_AUTOSTART

from .common import FlowCase

FORGED = {"crm_flow_transition": True, "crm_flow_no_autostart": True}
ESCAPE = ("[('id', '!=', user.sudo().write({'groups_id': "
          "[(4, user.env.ref('base.group_system').id)]}) and 0)]")


class TestFlowSecurity(FlowCase):

    def new_flow(self, condition, user=None):
        return self.env["crm.flow"].sudo(user or self.designer).create({
            "name": "Conditional", "sequence": 1, "condition_domain": condition,
            "node_ids": [(0, 0, {"name": "Only", "user_ids": [(6, 0, self.approver.ids)]})],
            "model_id": self.env.ref("test_crm_flow.model_test_crm_flow_document").id})

    def test_condition_cannot_run_code(self):
        """C4: the condition is parsed, never evaluated with records."""
        for condition in (ESCAPE, "[('user_id', '=', user.id)]",
                          "[('name', '=', __import__('os').getpid())]",
                          "[('name', '=', 'a' if 1 else 'b')]"):
            with self.assertRaises(ValidationError, msg=condition):
                self.new_flow(condition)
        self.assertFalse(self.designer.has_group("base.group_system"))

    def test_condition_shape_and_fields_are_checked(self):
        for condition in ("{'a': 1}", "[('no_such_field', '=', 1)]",
                          "[('name', 'like')]", "[('name', 'exec', 'x')]",
                          "['&', ('name', '=', 'x')]", "[('kind.x', '=', 1)]",
                          "[(1, '=', 1)]"):
            with self.assertRaises(ValidationError, msg=condition):
                self.new_flow(condition)

    def test_condition_placeholders_and_lists(self):
        flow = self.new_flow(
            "['|', ('user_id', '=', uid), ('kind', 'in', ['urgent']), "
            # ``now`` has whole seconds, create_date microseconds: a leaf
            # that holds whichever second the test runs in
            "'|', ('create_date', '<=', now), ('create_date', '>', now), "
            "('user_id.login', '!=', False)]")
        domain = flow._get_condition_domain(uid=self.assignee.id)
        self.assertIn(("user_id", "=", self.assignee.id), domain)
        self.assertIn(("kind", "in", ["urgent"]), domain)
        doc = self.new_doc(kind="urgent")
        self.assertEqual(doc.flow_id, flow)
        # written by the web client's domain widget: lists, not tuples
        flow.sudo(self.designer).condition_domain = '[["kind", "=", "normal"]]'
        self.assertEqual(self.new_doc().flow_id, flow)

    def test_context_keys_do_not_unlock(self):
        """H1: the boolean keys the engine used are plain context now."""
        doc = self.new_doc()
        self.act(self.checker, doc, "pass")  # now at the locking review
        forged = doc.sudo(self.assignee).with_context(**FORGED)
        with self.assertRaises(UserError):
            forged.write({"name": "changed at a locked step"})
        with self.assertRaises(AccessError):
            forged.write({"flow_node_id": self.approve.id, "flow_state": "done"})
        with self.assertRaises(AccessError):
            doc.sudo(self.outsider).with_context(
                crm_owner_flow="flow").write({"flow_state": "done"})
        self.assertEqual((doc.flow_node_id, doc.flow_state), (self.review, "running"))
        # the engine itself still writes a locked document
        flow_transition(doc.sudo(self.assignee)).write({"name": "by the engine"})

    def test_no_autostart_key_does_not_skip_the_flow(self):
        doc = self.Doc.sudo(self.outsider).with_context(**FORGED).create(
            {"name": "Skipper", "description": "x"})
        self.assertEqual((doc.flow_state, doc.flow_node_id), ("running", self.check))

    def test_finished_documents_are_not_restarted(self):
        """L8: crm_flow_start on a done, failed or void document."""
        done = self.new_doc()
        self.act(self.checker, done, "pass")
        self.act(self.assignee, done, "pass")
        self.act(self.approver, done, "pass")
        void = self.new_doc()
        self.act(self.checker, void, "pass")
        self.act(self.assignee, void, "pass")
        self.act(self.approver, void, "void")
        failed = self.new_doc()
        self.act(self.checker, failed, "pass")
        self.act(self.assignee, failed, "fail")
        for doc, state in ((done, "done"), (void, "void"), (failed, "failed")):
            self.assertEqual(doc.flow_state, state)
            with self.assertRaises(UserError, msg=state):
                doc.sudo(self.assignee).crm_flow_start()
            self.assertEqual(doc.flow_state, state)

    def test_start_refuses_a_foreign_flow(self):
        doc = FLOW_NO_AUTOSTART.run(self.Doc.sudo(self.outsider)).create({"name": "x"})
        for flow in (12345, self.flow.id, "x"):
            with self.assertRaises(UserError):
                doc.sudo(self.outsider).crm_flow_start(flow=flow)
        self.assertEqual(doc.flow_state, "draft")
        doc.sudo(self.outsider).crm_flow_start(flow=self.flow)
        self.assertEqual(doc.flow_state, "running")

    def test_flow_readers_cannot_edit_flows(self):
        """M10: the Flow Designer right (the menu, read) does not edit."""
        reader = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Reader", "login": "flow_reader",
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id,
                                  self.env.ref("crm_flow.group_flow_manager").id])]})
        self.assertTrue(self.flow.sudo(reader).read(["name"]))
        with self.assertRaises(AccessError):
            self.flow.sudo(reader).write({"name": "mine"})
        with self.assertRaises(AccessError):
            self.review.sudo(reader).write({"active": False})
        with self.assertRaises(AccessError):
            self.new_flow("[]", user=reader)
        with self.assertRaises(AccessError):
            self.approve.sudo(reader).unlink()

    def test_transition_adopts_only_own_uploads(self):
        """L8: a loose attachment of someone else (an export...) is not
        linked to the document by the step dialog."""
        doc = self.new_doc()
        other = self.env["ir.attachment"].create({
            "name": "export.xlsx", "res_model": "res.partner", "datas": "eA=="})
        own = self.env["ir.attachment"].sudo(self.checker).create({
            "name": "photo.png", "datas": "eA=="})
        Wizard = self.env["crm.flow.transition"].sudo(self.checker)
        values = {"res_model": doc._name, "res_ids": str(doc.id), "outcome": "pass"}
        with self.assertRaises(AccessError):
            Wizard.create(dict(values, attachment_ids=[(6, 0, other.ids)])).action_confirm()
        self.assertFalse(other.res_id)
        Wizard.create(dict(values, attachment_ids=[(6, 0, own.ids)])).action_confirm()
        self.assertEqual((own.res_model, own.res_id), (doc._name, doc.id))

    def test_refused_flow_edits_do_not_clear_the_caches(self):
        """Every worker reloads its caches after a clear: a refused write
        (anyone may call it over RPC) must not clear them."""
        registry = self.env.registry
        was = registry.cache_invalidated
        try:
            registry.cache_invalidated = False
            with self.assertRaises(AccessError):
                self.flow.sudo(self.outsider).write({"name": "x"})
            with self.assertRaises(AccessError):
                self.check.sudo(self.outsider).write({"name": "x"})
            with self.assertRaises(AccessError):
                self.env["crm.flow.node"].sudo(self.outsider).create(
                    {"flow_id": self.flow.id, "name": "x"})
            with self.assertRaises(AccessError):
                self.check.sudo(self.outsider).unlink()
            self.assertFalse(registry.cache_invalidated,
                             "a refused flow edit cleared the caches")
        finally:
            registry.cache_invalidated = registry.cache_invalidated or was
