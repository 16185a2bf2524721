from odoo.tests.common import SavepointCase


class SupplierCase(SavepointCase):
    """Role users, two suppliers with products, and the three flows of the
    add-on (built here, so the tests do not depend on demo data):

    purchase: review (supervisor) → custom_review (manager) → receive
              (supervisor) → pay (invoicing group)
    return:   review (supervisor) → ship (supervisor) → refund (invoicing)
    exchange: review (supervisor) → ship (supervisor) → replace (supervisor)
    """

    # the role users a test class needs (each user created also clears the
    # registry's caches)
    roles = ("agent", "expert", "supervisor", "manager", "admin")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # no chatter tracking or creation messages: the tests check the
        # documents, not their messages
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True))
        env = cls.env
        Users = env["res.users"].with_context(no_reset_password=True)
        cls.users = {}
        for role in cls.roles:
            cls.users[role] = Users.create({
                "name": "SU %s" % role, "login": "su_%s" % role,
                "email": "su_%s@example.com" % role,
                "groups_id": [(6, 0, env.ref(
                    "crm_callcenter.group_%s" % role).ids)]})
        env["crm.flow"].search([("model", "in", (
            "purchase.order", "crm.supplier.return"))]).write(
                {"active": False})
        supervisor = env.ref("crm_callcenter.group_supervisor")
        manager = env.ref("crm_callcenter.group_manager")
        invoicing = env.ref("account.group_account_invoice")

        def flow(name, model, nodes, condition="[]"):
            return env["crm.flow"].create({
                "name": name, "condition_domain": condition,
                "model_id": env["ir.model"]._get(model).id,
                "node_ids": [(0, 0, dict(
                    name=code.title(), code=code, sequence=seq,
                    group_ids=[(6, 0, group.ids)], **extra))
                    for seq, (code, group, extra) in enumerate(nodes, 1)]})

        cls.purchase_flow = flow("Purchase", "purchase.order", [
            ("review", supervisor, {"allow_fail": True}),
            ("custom_review", manager, {"allow_fail": True,
                                        "allow_send_back": True}),
            ("receive", supervisor, {}),
            ("pay", invoicing, {}),
        ])
        cls.return_flow = flow("Return", "crm.supplier.return", [
            ("review", supervisor, {"allow_fail": True, "allow_void": True}),
            ("ship", supervisor, {}),
            ("refund", invoicing, {}),
        ], "[('kind', '=', 'return')]")
        cls.exchange_flow = flow("Exchange", "crm.supplier.return", [
            ("review", supervisor, {"allow_fail": True, "allow_void": True}),
            ("ship", supervisor, {}),
            ("replace", supervisor, {}),
        ], "[('kind', '=', 'exchange')]")
        Partner = env["res.partner"]
        cls.supplier = Partner.create({
            "name": "测试供应商甲", "is_company": True, "supplier": True,
            "customer": False})
        cls.supplier_contact = Partner.create({
            "name": "王经理", "parent_id": cls.supplier.id})
        cls.other_supplier = Partner.create({
            "name": "测试供应商乙", "is_company": True, "supplier": True,
            "customer": False})
        Product = env["product.product"]
        cls.product = Product.create({
            "name": "压缩机", "type": "product", "standard_price": 100})
        cls.part = Product.create({
            "name": "温控器", "type": "product", "standard_price": 50})
        cls.bank = env["account.journal"].search(
            [("type", "=", "bank")], limit=1)

    # ------------------------------------------------------------------
    @classmethod
    def new_order(cls, partner=None, lines=None, user="supervisor",
                  date_planned="2026-03-10 10:00:00", date_order=None):
        lines = lines or [(cls.product, 10, 100.0), (cls.part, 20, 50.0)]
        vals = {
            "partner_id": (partner or cls.supplier).id,
            "order_line": [(0, 0, {
                "product_id": product.id, "name": product.name,
                "product_qty": qty, "price_unit": price,
                "product_uom": product.uom_po_id.id,
                "date_planned": date_planned,
            }) for product, qty, price in lines],
        }
        if date_order:
            vals["date_order"] = date_order
        return cls.env["purchase.order"].sudo(
            cls.users[user]).create(vals)

    @classmethod
    def act(cls, user, docs, outcome="pass"):
        return docs.sudo(cls.users[user]).crm_flow_act(outcome)

    @classmethod
    def receive(cls, order, quantities=None, date=None):
        """Validate the pending receipt: all of it, or ``quantities``
        {product: qty} (the rest goes to a backorder)."""
        picking = order.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
            and p.picking_type_code == "incoming")
        assert len(picking) == 1, "one receipt should be pending"
        cls.validate(picking, quantities, date)
        return picking

    @classmethod
    def validate(cls, picking, quantities=None, date=None):
        picking.action_assign()
        for move in picking.move_lines:
            qty = move.product_uom_qty
            if quantities is not None:
                qty = quantities.get(move.product_id, 0.0)
            move.quantity_done = qty
        picking.action_done()
        if date:
            picking.move_lines.filtered(lambda m: m.state == "done").write(
                {"date": date})
        return picking

    @classmethod
    def full_purchase(cls, **kw):
        """A purchase confirmed and fully received (flow at pay)."""
        order = cls.new_order(**kw)
        cls.act("supervisor", order)
        cls.act("manager", order)
        cls.receive(order)
        cls.act("supervisor", order)
        return order

    @classmethod
    def pay(cls, invoices):
        invoices.action_invoice_open()
        for invoice in invoices:
            invoice.pay_and_reconcile(cls.bank, invoice.amount_total)
