from odoo.exceptions import AccessError

from .common import TicketCase


class TestTicketVisibility(TicketCase):
    """Record rules follow the user's ticket visibility setting."""

    ticket_users = ("agent", "agent_b", "supervisor", "manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a ticket entered and handled in A, one entered and handled in B
        cls.ticket_a = cls.env["crm.ticket"].create({
            "partner_id": cls.customer.id, "type_id": cls.type_noflow.id,
            "user_id": cls.supervisor.id, "department_id": cls.dept_a.id,
            "handler_department_id": cls.dept_a.id})
        cls.ticket_b = cls.env["crm.ticket"].create({
            "partner_id": cls.customer.id, "type_id": cls.type_noflow.id,
            "user_id": cls.agent_b.id, "department_id": cls.dept_b.id,
            "handler_department_id": cls.dept_b.id})
        cls.pair = cls.ticket_a | cls.ticket_b

    def visible(self, user):
        return self.env["crm.ticket"].sudo(user).search(
            [("id", "in", self.pair.ids)])

    def test_own_department(self):
        self.assertEqual(self.visible(self.agent), self.ticket_a)
        self.assertEqual(self.visible(self.agent_b), self.ticket_b)
        with self.assertRaises(AccessError):
            self.ticket_b.sudo(self.agent).read(["name"])

    def test_own_only(self):
        self.agent.cc_ticket_scope = "own"
        self.assertFalse(self.visible(self.agent))
        mine = self.new_ticket(user=self.agent)
        self.assertEqual(self.env["crm.ticket"].sudo(self.agent).search(
            [("id", "in", (self.pair | mine).ids)]), mine)

    def test_chosen_departments(self):
        self.agent.write({"cc_ticket_scope": "departments",
                          "cc_ticket_department_ids": [(6, 0, self.dept_b.ids)]})
        self.assertEqual(self.visible(self.agent), self.ticket_b)

    def test_all(self):
        self.agent.cc_ticket_scope = "all"
        self.assertEqual(self.visible(self.agent), self.pair)

    def test_manager_sees_every_department(self):
        self.manager.cc_ticket_scope = "own"
        self.assertEqual(self.visible(self.manager), self.pair)

    def test_handler_sees_ticket_of_other_department(self):
        self.handler.cc_ticket_scope = "own"
        self.ticket_a.handler_id = self.handler
        self.assertEqual(self.visible(self.handler), self.ticket_a)

    def test_parent_department_sees_children(self):
        parent = self.env["crm.department"].create({"name": "Center", "code": "TK-C"})
        self.dept_a.parent_id = parent
        self.supervisor.crm_department_id = parent
        self.assertEqual(
            self.env["crm.ticket"].sudo(self.supervisor).search(
                [("id", "=", self.ticket_a.id), ("user_id", "!=", self.supervisor.id)])
            | self.visible(self.supervisor), self.ticket_a)

    def test_list_page_counts_visible_tickets_up_to_a_limit(self):
        """The ticket list pages through crm.list.page.mixin (crm_callcenter,
        tested there): rows and capped pager count follow the tickets'
        record rules."""
        mine = self.new_ticket(user=self.agent) | self.new_ticket(user=self.agent)
        domain = [("id", "in", (self.pair | mine).ids)]
        Ticket = self.env["crm.ticket"].sudo(self.agent)
        page = Ticket.cc_search_read_page(domain, ["name"], limit=80)
        self.assertEqual({row["id"] for row in page["records"]},
                         set((self.ticket_a | mine).ids), "B's ticket is not listed")
        self.assertEqual((page["length"], page["capped"]), (3, False))
        page = Ticket.cc_search_read_page(domain, ["name"], limit=1, count_limit=2)
        self.assertEqual((page["length"], page["capped"]), (2, True),
                         "more than 2: the pager shows 2+")
        page = Ticket.cc_search_read_page(domain, ["name"], limit=1, count_limit=3)
        self.assertEqual((page["length"], page["capped"]), (3, False),
                         "B's ticket is not counted")
        self.assertIn('js_class="crm_capped_list"',
                      self.env.ref("crm_ticket.crm_ticket_view_tree").arch_db)
