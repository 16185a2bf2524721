from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase


class TestTicketComplaint(SavepointCase):
    """The demo complaint chain (TK-10): assess → responsible department →
    proposal → leader approval (a refusal returns to the proposal) →
    implementation → summary → reply. Uses the demo data of the add-on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.supervisor = ref("crm_callcenter.user_supervisor_demo")
        cls.manager = ref("crm_callcenter.user_manager_demo")
        cls.agent = ref("crm_callcenter.user_agent_demo")
        complaint_type = ref("crm_ticket.crm_ticket_type_complaint_quality_demo")
        # the demo type points to the chain (set again for updated databases)
        complaint_type.flow_id = ref("crm_ticket.crm_flow_ticket_complaint_demo")
        cls.ticket = cls.env["crm.ticket"].sudo(cls.agent).create({
            "partner_id": ref("crm_customer.res_partner_customer_07_demo").id,
            "type_id": complaint_type.id,
            "acceptance_type": "complaint", "description": "要求退货"})

    def step(self):
        return self.ticket.flow_node_id.code

    def test_chain_with_leader_refusal(self):
        ticket = self.ticket
        ticket.sudo(self.agent).action_dispatch()
        self.assertEqual(ticket.flow_id, self.env.ref(
            "crm_ticket.crm_flow_ticket_complaint_demo"))
        self.assertEqual(ticket.handler_id, self.supervisor,
                         "the complaint type's handler is inherited")
        for code in ("complaint_assess", "complaint_department",
                     "complaint_proposal"):
            self.assertEqual(self.step(), code)
            ticket.sudo(self.supervisor).crm_flow_act("pass", note=code)
        self.assertEqual(self.step(), "complaint_approval")
        with self.assertRaises(AccessError):
            ticket.sudo(self.supervisor).crm_flow_act("pass")
        ticket.sudo(self.manager).crm_flow_act("fail", note="赔偿方案过高")
        self.assertEqual(self.step(), "complaint_proposal",
                         "a refused proposal goes back to be rewritten")
        ticket.sudo(self.supervisor).crm_flow_act("pass", note="新方案")
        ticket.sudo(self.manager).crm_flow_act("pass", note="同意")
        self.assertEqual(self.step(), "complaint_implement")
        ticket.sudo(self.supervisor).crm_flow_act("pass")
        ticket.sudo(self.supervisor).crm_flow_act("pass")
        self.assertEqual(self.step(), "reply")
        self.assertEqual(ticket.flow_state, "running")
