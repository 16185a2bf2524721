import base64

from odoo.exceptions import AccessError

from .common import TicketCase


class TestTicketAttachment(TicketCase):
    """Tickets and the flow dialog adopt only the user's own loose uploads
    (H2/L8): another ticket's file or another user's export stays put."""

    ticket_users = ("agent", "agent_b", "manager")

    def upload(self, user, name="note.txt"):
        return self.env["ir.attachment"].sudo(user).create({
            "name": name, "datas_fname": name,
            "datas": base64.b64encode(b"data")})

    def test_agent_cannot_take_another_departments_ticket_file(self):
        other = self.new_ticket(user=self.agent_b)
        other.sudo(self.agent_b).write({
            "attachment_ids": [(4, self.upload(self.agent_b).id)]})
        victim = other.attachment_ids
        self.assertEqual(victim.res_id, other.id)
        mine = self.new_ticket(user=self.agent)
        for command in ([(4, victim.id)], [(6, 0, victim.ids)]):
            # (Odoo 11's assertRaises does not roll back: the savepoint does)
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                mine.sudo(self.agent).write({"attachment_ids": command})
            mine.invalidate_cache()
            self.assertNotIn(victim, mine.sudo().attachment_ids)
        victim.invalidate_cache()
        self.assertEqual((victim.res_model, victim.res_id), ("crm.ticket", other.id))

    def test_agent_cannot_adopt_another_users_loose_file(self):
        export = self.upload(self.manager, "customers.xlsx")
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.new_ticket(user=self.agent, attachment_ids=[(6, 0, export.ids)])
        export.invalidate_cache()
        self.assertFalse(export.res_id)

    def test_own_upload_linked(self):
        own = self.upload(self.agent)
        ticket = self.new_ticket(user=self.agent, attachment_ids=[(6, 0, own.ids)])
        self.assertEqual((own.res_model, own.res_id), ("crm.ticket", ticket.id))

    def test_flow_dialog_and_act_refuse_foreign_attachments(self):
        other = self.new_ticket(user=self.agent_b)
        other.sudo(self.agent_b).write({
            "attachment_ids": [(4, self.upload(self.agent_b).id)]})
        victim = other.attachment_ids
        ticket = self.new_ticket()
        ticket.action_dispatch()
        with self.assertRaises(AccessError):
            ticket.sudo(self.handler).crm_flow_act(
                "pass", attachment_ids=victim.ids)
        Transition = self.env["crm.flow.transition"].sudo(self.handler)
        dialog = Transition.create({
            "res_model": "crm.ticket", "res_ids": str(ticket.id),
            "outcome": "fail", "attachment_ids": [(6, 0, victim.ids)]})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            dialog.action_confirm()
        victim.invalidate_cache()
        self.assertEqual(victim.res_id, other.id, "the file stays on its ticket")
        own = self.upload(self.handler)
        dialog = Transition.create({
            "res_model": "crm.ticket", "res_ids": str(ticket.id),
            "outcome": "fail", "attachment_ids": [(6, 0, own.ids)]})
        dialog.action_confirm()
        self.assertEqual((own.res_model, own.res_id), ("crm.ticket", ticket.id))
        self.assertIn(own, ticket.flow_log_ids.mapped("attachment_ids"))
