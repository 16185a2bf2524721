from odoo import fields

from odoo.addons.crm_security.models.owned_fields import FLOW

from .common import OrderCase


class TestStatistics(OrderCase):

    roles = ("agent", "agent2", "supervisor", "manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["crm.department"]
        cls.dept_a = Department.create({"name": "呼入一组"})
        cls.dept_b = Department.create({"name": "呼入二组"})
        cls.users["agent"].crm_department_id = cls.dept_a
        cls.users["agent2"].crm_department_id = cls.dept_b
        cls.users["supervisor"].crm_department_id = cls.dept_a
        cls.orders = {}
        for user, qty, price, date in (
                ("agent", 2, 1000.0, "2019-03-10 08:00:00"),
                ("agent", 1, 1000.0, "2019-02-20 08:00:00"),
                ("agent2", 5, 200.0, "2019-03-11 08:00:00")):
            order = cls.env["sale.order"].sudo(cls.users[user]).create({
                "partner_id": cls.customer.id,
                "order_line": [(0, 0, {"product_id": cls.product.id,
                                       "product_uom_qty": qty,
                                       "price_unit": price,
                                       "tax_id": [(5, 0, 0)]})]})
            cls.act(order, "manager")
            FLOW.run(order).write(
                {"date_order": date})
            cls.orders.setdefault(user, []).append(order)
        # an order still in review is not a sale
        cls.env["sale.order"].sudo(cls.users["agent"]).create({
            "partner_id": cls.customer.id,
            "order_line": [(0, 0, {"product_id": cls.product.id,
                                   "product_uom_qty": 7})]})

    def stats(self, user="manager"):
        return self.env["crm.order.statistics"].sudo(self.users[user])

    def test_sales_per_agent(self):
        groups = self.stats().read_group(
            [("product_id", "=", self.product.id)],
            ["agent_id", "quantity", "amount"], ["agent_id"])
        by_agent = {g["agent_id"][0]: (g["quantity"], g["amount"])
                    for g in groups}
        self.assertEqual(by_agent[self.users["agent"].id], (3.0, 3000.0))
        self.assertEqual(by_agent[self.users["agent2"].id], (5.0, 1000.0))

    def test_daily_statistics(self):
        groups = self.stats().read_group(
            [("product_id", "=", self.product.id),
             ("date", ">=", "2019-03-01"), ("date", "<", "2019-04-01")],
            ["date", "amount"], ["date:day"])
        self.assertEqual(len(groups), 2)
        self.assertEqual(sorted(g["amount"] for g in groups),
                         [1000.0, 2000.0])

    def test_monthly_statistics(self):
        Monthly = self.env["crm.order.statistics.monthly"]
        groups = Monthly.sudo(self.users["manager"]).read_group(
            [("product_id", "=", self.product.id)],
            ["date", "quantity", "amount"], ["date:month"])
        self.assertEqual(sorted((g["quantity"], g["amount"]) for g in groups),
                         [(1.0, 1000.0), (7.0, 3000.0)])
        rows = Monthly.sudo(self.users["manager"]).search(
            [("product_id", "=", self.product.id)])
        self.assertEqual(sorted(rows.mapped("date")),
                         ["2019-02-01", "2019-03-01", "2019-03-01"])
        # supervisors: their department only
        rows = Monthly.sudo(self.users["supervisor"]).search(
            [("product_id", "=", self.product.id)])
        self.assertEqual(rows.mapped("agent_id"), self.users["agent"])
        self.assertEqual(sum(rows.mapped("amount")), 3000.0)

    def test_compare_with_previous_period(self):
        result = self.stats()._compare_periods(
            "2019-03-01", "2019-03-31", "agent_id")
        agent = result[self.users["agent"].id]
        self.assertEqual(agent["current"]["amount"], 2000.0)
        self.assertEqual(agent["previous"]["amount"], 1000.0)

    def compare(self, user="manager", **vals):
        values = {"period": "month", "date_from": "2019-03-01",
                  "date_to": "2019-03-31"}
        values.update(vals)
        wizard = self.env["crm.order.statistics.compare"].sudo(
            self.users[user]).create(values)
        wizard.action_compare()
        return wizard

    def test_comparison_screen_per_agent(self):
        wizard = self.compare(group_by="agent_id")
        # a calendar month is compared with the previous calendar month
        self.assertEqual((wizard.previous_from, wizard.previous_to),
                         ("2019-02-01", "2019-02-28"))
        lines = {line.label: line for line in wizard.line_ids}
        agent = lines[self.users["agent"].name]
        self.assertEqual((agent.current_amount, agent.previous_amount),
                         (2000.0, 1000.0))
        self.assertEqual((agent.amount_change, agent.amount_growth),
                         (1000.0, 100.0))
        self.assertEqual(lines[self.users["agent2"].name].current_quantity,
                         5.0)
        self.assertEqual((wizard.total_current, wizard.total_previous),
                         (3000.0, 1000.0))

    def test_comparison_screen_per_day_and_month(self):
        wizard = self.compare(group_by="day")
        # days aligned from the start of each month: 10 and 11 March had
        # sales, 10 and 11 February none; 20 February had one, 20 March
        # none
        by_amount = sorted((line.current_amount, line.previous_amount)
                           for line in wizard.line_ids)
        self.assertEqual(by_amount, [(0.0, 1000.0), (1000.0, 0.0),
                                     (2000.0, 0.0)])
        wizard = self.compare(period="quarter", date_from="2019-01-01",
                              date_to="2019-03-31", group_by="month")
        self.assertEqual([line.current_amount for line in wizard.line_ids],
                         [1000.0, 3000.0])
        self.assertEqual(wizard.previous_from, "2018-10-01")

    def test_comparison_reads_whole_months_monthly(self):
        wizard = self.compare(group_by="agent_id")
        self.assertEqual(wizard._statistics_model(
            fields.Date.from_string("2019-03-01"),
            fields.Date.from_string("2019-03-31"))._name,
            "crm.order.statistics.monthly")
        self.assertEqual(wizard._statistics_model(
            fields.Date.from_string("2019-03-04"),
            fields.Date.from_string("2019-03-10"))._name,
            "crm.order.statistics")
        # a custom week: the daily table, same figures
        wizard = self.compare(period="custom", date_from="2019-03-08",
                              date_to="2019-03-14", group_by="agent_id")
        self.assertEqual((wizard.total_current, wizard.total_previous),
                         (3000.0, 0.0))
        self.assertEqual(wizard.previous_from, "2019-03-01")

    def test_comparison_follows_department_rules(self):
        wizard = self.compare(user="supervisor", group_by="agent_id")
        self.assertEqual(wizard.line_ids.mapped("label"),
                         [self.users["agent"].name])
        self.assertEqual(wizard.total_current, 2000.0)

    def test_statistics_follow_order_changes(self):
        """The daily table follows the lines: a void removes the sale, a
        new date moves it to another day."""
        order = self.orders["agent2"][0]
        domain = [("agent_id", "=", self.users["agent2"].id)]
        self.assertEqual(self.stats().search(domain).mapped("date"),
                         ["2019-03-11"])
        FLOW.run(order).write(
            {"date_order": "2019-03-11 20:00:00"})  # 04:00 next day, Beijing
        self.assertEqual(self.stats().search(domain).mapped("date"),
                         ["2019-03-12"])
        order.sudo(self.users["manager"]).action_cc_void()
        self.assertFalse(self.stats().search(domain))
        self.assertFalse(self.env["crm.order.statistics.monthly"].search(
            domain))

    def test_supervisor_sees_own_department(self):
        rows = self.stats("supervisor").search(
            [("product_id", "=", self.product.id)])
        self.assertEqual(set(rows.mapped("agent_id")), {self.users["agent"]})
        self.assertEqual(len(self.stats().search(
            [("product_id", "=", self.product.id)])), 3)

    def test_funnel_by_stage_and_department(self):
        stage = self.env["crm.stage"].create({"name": "意向", "sequence": 1})
        Lead = self.env["crm.lead"]
        for user, revenue in (("agent", 5000.0), ("agent", 3000.0),
                              ("agent2", 1000.0)):
            Lead.create({"name": "空调采购", "type": "opportunity",
                         "source_id": self.hotline.id, "partner_id": self.lead_customer.id,
                         "user_id": self.users[user].id,
                         "stage_id": stage.id,
                         "planned_revenue": revenue})
        groups = self.env["crm.lead.funnel"].sudo(
            self.users["manager"]).read_group(
                [("stage_id", "=", stage.id)],
                ["department_id", "lead_count", "expected_revenue"],
                ["department_id"])
        by_dept = {g["department_id"][0]: (g["lead_count"],
                                           g["expected_revenue"])
                   for g in groups}
        self.assertEqual(by_dept[self.dept_a.id], (2, 8000.0))
        self.assertEqual(by_dept[self.dept_b.id], (1, 1000.0))
        self.assertEqual(self.env["crm.lead.funnel"].sudo(
            self.users["supervisor"]).search_count(
                [("stage_id", "=", stage.id)]), 2)
