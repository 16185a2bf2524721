from odoo.tests.common import SavepointCase


class FlowCase(SavepointCase):
    """Three-step flow on the test document:

    check   (group Checkers)              pass; locks nothing
    review  (the document's user_id)      pass, send back, fail; locks it
    approve (user Approver)               pass, void
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # no chatter tracking or creation messages: the flow log is checked,
        # not the chatter
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True))
        cls.Doc = cls.env["test.crm.flow.document"]
        cls.checkers = cls.env["res.groups"].create({"name": "Checkers"})
        users = cls.env["res.users"].with_context(no_reset_password=True)
        internal = cls.env.ref("base.group_user")

        def user(login, groups):
            return users.create({
                "name": login.title(), "login": login,
                "email": "%s@example.com" % login,
                "groups_id": [(6, 0, groups.ids)],
            })

        cls.designer = user("flow_designer", internal | cls.env.ref(
            "crm_flow.group_flow_editor"))
        cls.checker = user("flow_checker", internal | cls.checkers)
        cls.assignee = user("flow_assignee", internal)
        cls.approver = user("flow_approver", internal)
        cls.outsider = user("flow_outsider", internal)
        cls.flow = cls.env["crm.flow"].sudo(cls.designer).create({
            "name": "Test flow",
            "model_id": cls.env.ref(
                "test_crm_flow.model_test_crm_flow_document").id,
            "node_ids": [
                (0, 0, {"name": "Check", "code": "check", "sequence": 1,
                        "group_ids": [(6, 0, cls.checkers.ids)],
                        "decoration": "info"}),
                (0, 0, {"name": "Review", "code": "review", "sequence": 2,
                        "user_field_id": cls.env["ir.model.fields"].search([
                            ("model", "=", "test.crm.flow.document"),
                            ("name", "=", "user_id")]).id,
                        "allow_send_back": True, "allow_fail": True,
                        "lock_document": True, "decoration": "warning"}),
                (0, 0, {"name": "Approve", "code": "approve", "sequence": 3,
                        "user_ids": [(6, 0, cls.approver.ids)],
                        "allow_void": True, "decoration": "success"}),
            ],
        })
        cls.check, cls.review, cls.approve = cls.flow.node_ids.sorted(
            "sequence")

    def new_doc(self, **vals):
        values = {"name": "Doc", "description": "described",
                  "user_id": self.assignee.id}
        values.update(vals)
        return self.Doc.sudo(self.outsider).create(values)

    def act(self, user, docs, outcome, **kw):
        return docs.sudo(user).crm_flow_act(outcome, **kw)

    def logs(self, doc):
        return self.env["crm.flow.log"].search(
            [("res_model", "=", doc._name), ("res_id", "=", doc.id)],
            order="id")
