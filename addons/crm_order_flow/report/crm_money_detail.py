from odoo import api, fields, models, tools

MONEY_IN = ("out_invoice", "in_refund")


class CrmMoneyDetail(models.Model):
    """Money in/out detail (收付款明细): one row per validated invoice,
    vendor bill or credit note, with what is paid and still due and the
    business document it belongs to (SQL view, company currency)."""

    _name = "crm.money.detail"
    _inherit = ["crm.document.detail.mixin", "crm.period.mixin"]
    _cc_period_field = "date"
    _description = "Money In/Out Detail"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "document"
    _document_report = "money"

    date = fields.Date(readonly=True)
    document_type = fields.Selection(
        "_selection_document_type", readonly=True)
    document = fields.Char(readonly=True)
    direction = fields.Selection(
        [("in", "In"), ("out", "Out")], readonly=True,
        help="In: customer invoices and supplier credit notes; out: vendor "
             "bills and customer credit notes.")
    invoice_id = fields.Many2one(
        "account.invoice", string="Invoice", readonly=True)
    invoice_type = fields.Selection([
        ("out_invoice", "Customer Invoice"),
        ("in_invoice", "Vendor Bill"),
        ("out_refund", "Customer Credit Note"),
        ("in_refund", "Vendor Credit Note"),
    ], readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("paid", "Paid")], readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Partner", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    amount = fields.Float("Invoiced", readonly=True)
    amount_paid = fields.Float("Paid", readonly=True)
    amount_residual = fields.Float("Due", readonly=True)
    money_in = fields.Float(readonly=True)
    money_out = fields.Float(readonly=True)
    balance = fields.Float(
        "Net", readonly=True, help="Money in minus money out.")
    sale_order_id = fields.Many2one(
        "sale.order", string="Sale Order", readonly=True)
    order_return_id = fields.Many2one(
        "crm.order.return", string="Customer Return/Exchange",
        readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        document_columns, joins = self._document_sql(
            "COALESCE(inv.number, inv.origin, inv.reference)")
        # the SQL is assembled from the add-ons' own fragments, never from
        # user input
        self.env.cr.execute(  # pylint: disable=sql-injection
            """
            CREATE VIEW crm_money_detail AS (
                SELECT inv.id AS id,
                       inv.date_invoice AS date,
                       inv.id AS invoice_id,
                       inv.type AS invoice_type,
                       inv.state AS state,
                       inv.commercial_partner_id AS partner_id,
                       inv.company_id AS company_id,
                       CASE WHEN inv.type IN %%(money_in)s THEN 'in'
                            ELSE 'out' END AS direction,
                       ABS(inv.amount_total_company_signed) AS amount,
                       ABS(inv.amount_total_company_signed)
                           - ABS(inv.residual_company_signed) AS amount_paid,
                       ABS(inv.residual_company_signed) AS amount_residual,
                       CASE WHEN inv.type IN %%(money_in)s
                            THEN ABS(inv.amount_total_company_signed)
                                 - ABS(inv.residual_company_signed)
                            ELSE 0 END AS money_in,
                       CASE WHEN inv.type IN %%(money_in)s THEN 0
                            ELSE ABS(inv.amount_total_company_signed)
                                 - ABS(inv.residual_company_signed)
                            END AS money_out,
                       (ABS(inv.amount_total_company_signed)
                        - ABS(inv.residual_company_signed))
                       * CASE WHEN inv.type IN %%(money_in)s THEN 1
                              ELSE -1 END AS balance,
                       %s
                  FROM account_invoice inv
                  %s
                 WHERE inv.state IN ('open', 'paid')
            )""" % (document_columns, joins),
            {"money_in": MONEY_IN})
