from odoo.tests.common import SavepointCase


class TicketCase(SavepointCase):
    """Two departments (A: hotline, B: after-sales), users with one role
    each, a business-type tree and the two ticket flows:

    standard: result (handler field, Supervisors) → reply (Agents) →
              callback (Agents) → archive (Supervisors)
    repair:   arrival (handler field) → repair_done (handler field) →
              reply → callback → archive

    Creating users is most of this fixture's time: a test class lists the
    ones it uses in ``ticket_users`` (the handler always exists: the types
    name it).
    """

    ticket_users = ("agent", "agent_b", "supervisor", "manager", "admin")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # the fixture is made without chatter ("created" notes, followers,
        # tracking) nor invitation mails; the tests' own records are not
        cls.fixture_env = light = env(context=dict(
            env.context, tracking_disable=True, mail_create_nolog=True,
            no_reset_password=True))
        Department = light["crm.department"]
        cls.dept_a = Department.create({"name": "Hotline A", "code": "TK-A"}).with_env(env)
        cls.dept_b = Department.create({"name": "After-sales B", "code": "TK-B"}).with_env(env)
        Users = light["res.users"]

        def user(login, role, department, scope="department"):
            return Users.create({
                "name": login.title(), "login": login,
                "email": "%s@example.com" % login,
                "crm_department_id": department.id,
                "cc_ticket_scope": scope,
                "groups_id": [(6, 0, env.ref(
                    "crm_callcenter.group_%s" % role).ids)]}).with_env(env)

        users = {
            "agent": ("tk_agent", "agent", cls.dept_a),
            "agent_b": ("tk_agent_b", "agent", cls.dept_b),
            "supervisor": ("tk_supervisor", "supervisor", cls.dept_a),
            "manager": ("tk_manager", "manager", cls.dept_a),
            "admin": ("tk_admin", "admin", cls.dept_a),
        }
        cls.handler = user("tk_handler", "expert", cls.dept_b)
        for name in cls.ticket_users:
            setattr(cls, name, user(*users[name]))
        handler_field = env["ir.model.fields"].search([
            ("model", "=", "crm.ticket"), ("name", "=", "handler_id")])
        agents = env.ref("crm_callcenter.group_agent")
        supervisors = env.ref("crm_callcenter.group_supervisor")
        model = env.ref("crm_ticket.model_crm_ticket")

        def node(name, code, seq, groups=None, by_handler=False):
            return (0, 0, {
                "name": name, "code": code, "sequence": seq,
                "group_ids": [(6, 0, groups.ids if groups else [])],
                "user_field_id": handler_field.id if by_handler else False,
                "allow_fail": code == "result"})

        Flow = light["crm.flow"]
        cls.flow_standard = Flow.create({
            "name": "Standard", "model_id": model.id, "sequence": 1,
            "node_ids": [
                node("Result", "result", 1, supervisors, True),
                node("Reply", "reply", 2, agents),
                node("Callback", "callback", 3, agents),
                node("Archive", "archive", 4, supervisors)]})
        cls.flow_repair = Flow.create({
            "name": "Repair", "model_id": model.id, "sequence": 2,
            "node_ids": [
                node("Arrival", "arrival", 1, None, True),
                node("Repaired", "repair_done", 2, None, True),
                node("Reply", "reply", 3, agents),
                node("Callback", "callback", 4, agents),
                node("Archive", "archive", 5, supervisors)]})
        Type = light["crm.ticket.type"]
        cls.type_consult = Type.create({
            "name": "Consultation", "code": "TK-ZX",
            "acceptance_type": "consultation",
            "flow_id": cls.flow_standard.id, "department_id": cls.dept_b.id,
            "handler_id": cls.handler.id})
        cls.type_consult_product = Type.create({
            "name": "Product", "code": "TK-ZX-CP",
            "parent_id": cls.type_consult.id})
        cls.type_repair = Type.create({
            "name": "Repair", "code": "TK-BX", "acceptance_type": "repair",
            "flow_id": cls.flow_repair.id, "department_id": cls.dept_b.id,
            "handler_id": cls.handler.id})
        cls.type_noflow = Type.create({"name": "No flow", "code": "TK-NF"})
        cls.customer = light["res.partner"].create({
            "name": "张三", "cc_customer": True, "gender": "male",
            "cc_category_id": env.ref(
                "crm_callcenter.dict_customer_category_normal").id, "mobile": "+86 139 1087 0001",
            "email": "zhangsan@example.com"}).with_env(env)
        for name in ("flow_standard", "flow_repair", "type_consult",
                     "type_consult_product", "type_repair", "type_noflow"):
            setattr(cls, name, getattr(cls, name).with_env(env))
        cls.Ticket = env["crm.ticket"]

    def new_ticket(self, user=None, **vals):
        values = {"partner_id": self.customer.id,
                  "type_id": self.type_consult_product.id,
                  "description": "空调不制冷"}
        values.update(vals)
        return self.Ticket.sudo(user or self.agent).create(values)

    def act(self, tickets, user, code, **values):
        """Handle the tickets' current step through its dialog as ``user``."""
        action = tickets.sudo(user).action_flow_pass()
        self.assertEqual(action["res_model"], "crm.ticket.step",
                         "step %s should open the ticket step dialog" % code)
        self.assertEqual(action["context"]["default_step_code"], code)
        Step = self.env["crm.ticket.step"].sudo(user).with_context(**action["context"])
        step = Step.create(values)
        return step.action_confirm()
