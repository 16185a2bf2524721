from odoo import api, fields, models, tools

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


class CrmOrderStatistics(models.Model):
    """Sales per agent, department and product: one row per order line of
    a confirmed order (SQL view). Pivot and graph views group it by day,
    week, month, quarter or year."""

    _name = "crm.order.statistics"
    _description = "Sales Statistics"
    _auto = False
    _rec_name = "date"
    _order = "date desc"

    date = fields.Datetime("Order Date", readonly=True)
    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    agent_id = fields.Many2one("res.users", string="Agent", readonly=True)
    salesperson_id = fields.Many2one(
        "res.users", string="Salesperson", readonly=True)
    department_id = fields.Many2one(
        "crm.department", string="Department", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer",
                                 readonly=True)
    product_id = fields.Many2one("product.product", string="Product",
                                 readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    state = fields.Selection([
        ("sale", "Sales Order"), ("done", "Locked")], readonly=True)
    quantity = fields.Float(readonly=True)
    amount = fields.Float("Amount (untaxed)", readonly=True)
    amount_total = fields.Float("Amount (taxed)", readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW crm_order_statistics AS (
                SELECT l.id AS id,
                       l.cc_date_order AS date,
                       l.order_id AS order_id,
                       l.cc_entered_by_id AS agent_id,
                       l.salesman_id AS salesperson_id,
                       l.cc_department_id AS department_id,
                       l.order_partner_id AS partner_id,
                       l.product_id AS product_id,
                       l.company_id AS company_id,
                       l.state AS state,
                       l.product_uom_qty AS quantity,
                       l.price_subtotal AS amount,
                       l.price_total AS amount_total
                  FROM sale_order_line l
                 WHERE l.state IN ('sale', 'done')
            )""")

    @api.model
    def compare_periods(self, date_from, date_to, groupby,
                        measures=("quantity", "amount")):
        """Totals per ``groupby`` value for [date_from, date_to) and for
        the period of the same length just before it:
        {value: {"current": {...}, "previous": {...}}}."""
        start = fields.Datetime.from_string(date_from)
        end = fields.Datetime.from_string(date_to)
        previous_start = start - (end - start)
        result = {}
        for key, (low, high) in (("current", (start, end)),
                                 ("previous", (previous_start, start))):
            groups = self.read_group(
                [("date", ">=", fields.Datetime.to_string(low)),
                 ("date", "<", fields.Datetime.to_string(high))],
                list(measures) + [groupby], [groupby], lazy=False)
            for group in groups:
                value = group[groupby]
                value = value[0] if isinstance(value, tuple) else value
                totals = result.setdefault(value, {
                    "current": dict.fromkeys(measures, 0.0),
                    "previous": dict.fromkeys(measures, 0.0)})
                totals[key] = {m: group[m] or 0.0 for m in measures}
        return result
