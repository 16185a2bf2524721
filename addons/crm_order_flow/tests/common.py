from odoo import fields
from odoo.tests.common import SavepointCase


class OrderCase(SavepointCase):
    """Role users, a stocked product and helpers to drive an order through
    its flow."""

    # the role users a test class needs (creating a user is costly: each one
    # also clears the registry's caches); warehouse and billing drive
    # run_to() past shipping and payment
    roles = ("agent", "agent2", "supervisor", "manager", "warehouse",
             "billing")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # no chatter tracking or creation messages: these tests check the
        # documents, not their messages (test_sales_management and
        # test_portal restore mail where they check it)
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True))
        cls.hotline = cls.env.ref("crm_order_flow.utm_source_hotline")
        cls.lead_customer = cls.env["res.partner"].create({"name": "商机客户"})
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.users = {}
        roles = {
            "agent": ["crm_callcenter.group_agent"],
            "agent2": ["crm_callcenter.group_agent"],
            "supervisor": ["crm_callcenter.group_supervisor"],
            "manager": ["crm_callcenter.group_manager"],
            "warehouse": ["stock.group_stock_user"],
            "billing": ["account.group_account_invoice"],
        }
        for role, groups in roles.items():
            if role not in cls.roles:
                continue
            cls.users[role] = Users.create({
                "name": "OR %s" % role, "login": "or_%s" % role,
                "email": "or_%s@example.com" % role,
                "groups_id": [(6, 0, [cls.env.ref(g).id for g in groups])]})
        cls.customer = cls.new_customer("王建国", "+86 139 1087 0001")
        cls.product = cls.env["product.product"].create({
            "name": "测试空调", "type": "product", "list_price": 1000.0,
            "invoice_policy": "order"})
        cls.supplier = cls.env["res.partner"].create(
            {"name": "广东美的制冷设备有限公司", "supplier": True,
             "is_company": True})
        cls.env["product.supplierinfo"].create({
            "name": cls.supplier.id,
            "product_tmpl_id": cls.product.product_tmpl_id.id,
            "price": 700.0})
        cls.stock_location = cls.env.ref("stock.stock_location_stock")
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.stock_location, 100)
        cls.flow = cls.env.ref("crm_order_flow.crm_flow_order")
        cls.node = {
            code: cls.env.ref("crm_order_flow.crm_flow_node_order_%s" % code)
            for code in ("review", "gm_review", "ship", "payment", "receipt",
                         "followup")}

    @classmethod
    def new_customer(cls, name, mobile, **vals):
        values = {
            "name": name, "cc_customer": True, "customer": True,
            "gender": "male", "cc_contact_name": name, "mobile": mobile,
            "cc_category_id": cls.env.ref(
                "crm_callcenter.dict_customer_category_normal").id}
        values.update(vals)
        return cls.env["res.partner"].create(values)

    def new_order(self, user="agent", qty=2, price=None, **vals):
        line = {"product_id": self.product.id, "product_uom_qty": qty}
        if price is not None:
            line["price_unit"] = price
        values = {"partner_id": self.customer.id,
                  "order_line": [(0, 0, line)]}
        values.update(vals)
        return self.env["sale.order"].sudo(self.users[user]).create(values)

    @classmethod
    def act(cls, order, user, outcome="pass", note=False):
        return order.sudo(cls.users[user]).crm_flow_act(outcome, note=note)

    @classmethod
    def ship(cls, order, tracking="SF1234567890"):
        return cls.validate(order._cc_outgoing_pickings(), tracking)

    @classmethod
    def validate(cls, picking, tracking=False):
        picking = picking.sudo(cls.users["warehouse"])
        if tracking:
            picking.carrier_tracking_ref = tracking
        picking.action_assign()
        for move in picking.move_lines:
            move.quantity_done = move.product_uom_qty
        picking.action_done()
        return picking

    @classmethod
    def invoice_and_pay(cls, order, pay=True):
        billing = cls.users["billing"]
        invoice_ids = order.sudo(billing).action_invoice_create()
        invoice = cls.env["account.invoice"].sudo(billing).browse(invoice_ids)
        invoice.action_invoice_open()
        if pay:
            cls.pay(invoice)
        return invoice

    @classmethod
    def pay(cls, invoice):
        """Register the full payment of an open customer invoice."""
        journal = cls.env["account.journal"].search(
            [("type", "=", "bank")], limit=1)
        payment = cls.env["account.payment"].sudo(cls.users["billing"]).create({
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": invoice.partner_id.id,
            "amount": invoice.amount_total,
            "journal_id": journal.id,
            "payment_date": fields.Date.today(),
            "payment_method_id": cls.env.ref(
                "account.account_payment_method_manual_in").id,
            "invoice_ids": [(6, 0, invoice.ids)],
        })
        payment.post()

    @classmethod
    def run_to(cls, order, code):
        """Move an order through the normal path until it waits at
        ``code``."""
        steps = ["review", "ship", "payment", "receipt", "followup"]
        for step in steps:
            if order.flow_node_id.code == code or order.flow_state != "running":
                return order
            if step == "review":
                cls.act(order, "supervisor")
            elif step == "ship":
                cls.ship(order)
                cls.act(order, "warehouse")
            elif step == "payment":
                cls.invoice_and_pay(order)
                cls.act(order, "billing")
            elif step == "receipt":
                cls.act(order, "agent")
            elif step == "followup":
                order.sudo(cls.users["agent"]).cc_satisfaction = "5"
                cls.act(order, "agent")
        return order
