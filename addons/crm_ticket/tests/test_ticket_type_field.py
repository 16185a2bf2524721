from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from .common import TicketCase


class TestTicketTypeField(TicketCase):
    """TK-1: each business type carries its own extra fields."""

    ticket_users = ("agent", "supervisor", "admin")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Extra = cls.env["crm.ticket.type.field"].sudo(cls.admin)
        # on the parent type: shown and required for its sub-types too
        cls.serial = Extra.create({
            "type_id": cls.type_consult.id, "name": "机身条码",
            "code": "tk_test_serial", "field_type": "text",
            "required": True})
        cls.warranty = Extra.create({
            "type_id": cls.type_consult_product.id, "name": "保修状态",
            "code": "tk_test_warranty", "field_type": "selection",
            "selection_values": "在保\n已过保"})
        cls.floor = Extra.create({
            "type_id": cls.type_repair.id, "name": "安装楼层",
            "code": "tk_test_floor", "field_type": "number",
            "required": True})
        cls.Ticket = cls.env["crm.ticket"]

    def test_only_administrators_define_extra_fields(self):
        with self.assertRaises(AccessError):
            self.env["crm.ticket.type.field"].sudo(self.supervisor).create({
                "type_id": self.type_consult.id, "name": "x",
                "code": "tk_test_x"})
        with self.assertRaises(ValidationError):
            self.env["crm.ticket.type.field"].sudo(self.admin).create({
                "type_id": self.type_consult.id, "name": "x",
                "code": "Bad Code"})
        with self.assertRaises(ValidationError):
            self.env["crm.ticket.type.field"].sudo(self.admin).create({
                "type_id": self.type_consult.id, "name": "x",
                "code": "tk_test_sel", "field_type": "selection"})
        with self.assertRaises(UserError):
            self.serial.sudo(self.admin).field_type = "number"
        self.assertEqual(self.serial.field_name, "x_tk_tk_test_serial")
        self.assertIn("x_tk_tk_test_serial", self.Ticket._fields)

    def test_form_shows_the_fields_of_the_type_and_its_parents(self):
        arch = self.Ticket.sudo(self.agent).fields_view_get(
            self.env.ref("crm_ticket.crm_ticket_view_form").id, "form")
        for extra in (self.serial, self.warranty, self.floor):
            self.assertIn(extra.field_name, arch["fields"])
        shown_for = {}
        for node in etree.fromstring(arch["arch"]).iter("field"):
            if node.get("name", "").startswith("x_tk_tk_test"):
                domain = safe_eval(node.get("attrs"))["invisible"]
                self.assertEqual(domain[0][:2], ("type_id", "not in"))
                shown_for[node.get("name")] = set(domain[0][2])
        # the parent's field shows for the sub-type, not for other types
        self.assertEqual(shown_for[self.serial.field_name], {
            self.type_consult.id, self.type_consult_product.id})
        self.assertEqual(shown_for[self.warranty.field_name],
                         {self.type_consult_product.id})
        self.assertEqual(shown_for[self.floor.field_name],
                         {self.type_repair.id})
        self.assertEqual(
            self.type_consult_product._get_extra_fields(),
            self.serial | self.warranty)
        self.assertEqual(self.type_consult._get_extra_fields(), self.serial)

    def test_values_stored_and_required_ones_block_dispatch(self):
        ticket = self.new_ticket()
        with self.assertRaisesRegex(UserError, "机身条码"):
            ticket.sudo(self.agent).action_dispatch()
        with self.assertRaisesRegex(UserError, "机身条码"):
            ticket.sudo(self.agent).action_resolve()
        self.assertEqual(ticket.stage, "new")
        ticket.sudo(self.agent).write({
            self.serial.field_name: "BX2026110001",
            self.warranty.field_name: "在保"})
        self.assertEqual(ticket[self.warranty.field_name], "在保")
        ticket.sudo(self.agent).action_dispatch()
        self.assertEqual(ticket.stage, "processing")
        # a required number: 0 is a value, empty is not
        repair = self.new_ticket(type_id=self.type_repair.id)
        with self.assertRaisesRegex(UserError, "安装楼层"):
            repair.sudo(self.agent).action_dispatch()
        repair.sudo(self.agent).write({self.floor.field_name: 0})
        repair.sudo(self.agent).action_dispatch()
        self.assertEqual(repair.stage, "processing")
        # the parent type asks only for its own field
        self.new_ticket(type_id=self.type_consult.id, **{
            self.serial.field_name: "X1"}).sudo(self.agent).action_resolve()
