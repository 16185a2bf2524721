"""Security review 2026-12, as the attacking role: H1 (context keys that
switched the flow guards off), M10 (Supervisors rewriting the approval
chain), L8 (return lines after review)."""
from odoo.exceptions import AccessError, UserError

from odoo.addons.crm_security.models.owned_fields import FLOW_NO_AUTOSTART

from .common import OrderCase

# what an RPC client may send: plain values, never the engine's token
FORGED = {"crm_flow_transition": True, "crm_flow_no_autostart": True,
          "crm_owner_flow": "flow"}


class TestOrderEngineSecurity(OrderCase):

    roles = ("agent", "supervisor", "manager", "warehouse", "billing")

    def test_agent_cannot_confirm_an_order_under_review(self):
        order = self.new_order()
        self.assertEqual(order.flow_node_id, self.node["review"])
        agent_order = order.sudo(self.users["agent"]).with_context(**FORGED)
        with self.assertRaises(UserError):
            agent_order.action_confirm()
        with self.assertRaises(UserError):
            agent_order.action_cancel()
        self.assertEqual(order.state, "draft")

    def test_agent_cannot_create_an_order_outside_the_flow(self):
        order = self.env["sale.order"].sudo(self.users["agent"]).with_context(
            **FORGED).create({
                "partner_id": self.customer.id,
                "order_line": [(0, 0, {"product_id": self.product.id,
                                       "product_uom_qty": 1})]})
        self.assertEqual((order.flow_state, order.flow_node_id),
                         ("running", self.node["review"]))
        with self.assertRaises(UserError):
            order.sudo(self.users["agent"]).action_confirm()

    def test_agent_cannot_confirm_an_order_no_flow_started(self):
        """An order that skipped the flow's start (server code, or created
        before its flow existed) is still not confirmed outside review."""
        order = FLOW_NO_AUTOSTART.run(self.env["sale.order"].sudo(
            self.users["agent"])).create({
                "partner_id": self.customer.id,
                "order_line": [(0, 0, {"product_id": self.product.id,
                                       "product_uom_qty": 1})]})
        self.assertNotIn(order.flow_state, ("running", "done"))
        with self.assertRaises(UserError):
            order.sudo(self.users["agent"]).with_context(**FORGED).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_agent_cannot_confirm_a_failed_order(self):
        order = self.new_order()
        self.act(order, "supervisor", "fail", note="价格过低")
        with self.assertRaises(UserError):
            order.sudo(self.users["agent"]).with_context(**FORGED).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_agent_cannot_edit_locked_lines_or_jump_steps(self):
        order = self.run_to(self.new_order(), "ship")
        line = order.order_line.sudo(self.users["agent"]).with_context(**FORGED)
        with self.assertRaises(UserError):
            line.write({"price_unit": 1})
        agent_order = order.sudo(self.users["agent"]).with_context(**FORGED)
        # refused by the order's own lock, then by the owned-field guard
        with self.assertRaises((AccessError, UserError)):
            agent_order.write({"flow_node_id": self.node["followup"].id})
        with self.assertRaises((AccessError, UserError)):
            agent_order.write({"flow_state": "done"})
        self.assertEqual(order.flow_node_id, self.node["ship"])
        self.assertEqual(order.order_line.price_unit, 1000.0)

    def test_agent_cannot_add_a_line_to_a_locked_order_as_delivery(self):
        """is_delivery comes from the client: it must not skip the lock."""
        order = self.run_to(self.new_order(), "ship")
        Line = self.env["sale.order.line"].sudo(self.users["agent"]).with_context(**FORGED)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            Line.create({"order_id": order.id, "product_id": self.product.id,
                         "product_uom_qty": 5, "price_unit": 1,
                         "is_delivery": True})
        self.assertEqual(len(order.order_line), 1)

    def test_agent_cannot_move_a_line_onto_a_locked_order(self):
        locked = self.run_to(self.new_order(), "ship")
        draft = self.new_order(price=1)
        line = draft.order_line.sudo(self.users["agent"]).with_context(**FORGED)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            line.write({"order_id": locked.id})
        self.assertEqual(locked.order_line.price_unit, 1000.0)
        self.assertEqual(len(locked.order_line), 1)

    def test_delivery_adds_its_cost_line_to_a_confirmed_order(self):
        """Odoo's delivery code path still adds the cost line once the
        order is locked (cost invoiced as shipped)."""
        carrier = self.env["delivery.carrier"].create({
            "name": "顺丰", "product_id": self.env["product.product"].create(
                {"name": "运费", "type": "service"}).id})
        order = self.run_to(self.new_order(), "ship")
        order._create_delivery_line(carrier, 12.0)
        self.assertEqual(order.order_line.filtered("is_delivery").price_unit, 12.0)

    def test_supervisor_cannot_rewrite_the_approval_chain(self):
        """M10: e.g. drop the Manager-only review or hand it to themselves."""
        supervisor = self.users["supervisor"]
        gm_review = self.node["gm_review"]
        self.assertEqual(self.flow.sudo(supervisor).read(["name"])[0]["name"], self.flow.name,
                         "a Supervisor reads the flow")
        for vals in ({"active": True}, {"user_ids": [(4, supervisor.id)]},
                     {"group_ids": [(5, 0, 0)]}):
            with self.assertRaises(AccessError, msg=vals):
                gm_review.sudo(supervisor).write(vals)
        with self.assertRaises(AccessError):
            self.flow.sudo(supervisor).write({"condition_domain": "[('id', '=', 0)]"})
        with self.assertRaises(AccessError):
            gm_review.sudo(supervisor).unlink()
        with self.assertRaises(AccessError):
            self.env["crm.flow.node"].sudo(supervisor).create({
                "flow_id": self.flow.id, "name": "x", "user_ids": [(4, supervisor.id)]})
        gm_review.sudo(self.users["manager"]).write({"active": True})
        self.assertTrue(gm_review.active)


class TestReturnLock(OrderCase):

    roles = ("agent", "supervisor", "warehouse", "billing")

    def test_return_lines_frozen_after_review(self):
        """L8: the refund is computed from the lines; after review the agent
        can no longer raise the quantities."""
        order = self.run_to(self.env["sale.order"].sudo(self.users["agent"]).create({
            "partner_id": self.customer.id,
            "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 2,
                                   "price_unit": 1000.0, "tax_id": [(5, 0, 0)]})]}),
            "done")
        Return = self.env["crm.order.return"].sudo(self.users["agent"])
        ret = Return.create({
            "order_id": order.id, "kind": "return", "reason": "外机噪音大",
            "line_ids": [(0, 0, {"sale_line_id": order.order_line.id, "quantity": 1})]})
        # before review the agent corrects the return
        ret.line_ids.sudo(self.users["agent"]).write({"quantity": 2})
        ret.line_ids.sudo(self.users["agent"]).write({"quantity": 1})
        self.act(ret, "supervisor")
        self.assertNotEqual(ret.flow_node_id, ret.flow_id._first_node())
        line = ret.line_ids.sudo(self.users["agent"]).with_context(**FORGED)
        with self.assertRaises(UserError):
            line.write({"quantity": 2})
        with self.assertRaises(UserError):
            line.unlink()
        with self.assertRaises(UserError):
            self.env["crm.order.return.line"].sudo(self.users["agent"]).create({
                "return_id": ret.id, "sale_line_id": order.order_line.id,
                "quantity": 1})
        with self.assertRaises(UserError):
            ret.sudo(self.users["agent"]).write({"kind": "exchange"})
        self.assertEqual(ret.line_ids.quantity, 1)
