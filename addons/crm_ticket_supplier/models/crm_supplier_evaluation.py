from odoo import fields, models


class CrmSupplierEvaluation(models.Model):
    _inherit = "crm.supplier.evaluation"

    ticket_id = fields.Many2one(
        "crm.ticket", string="Ticket", index=True, ondelete="set null",
        help="The repair this service evaluation is about.")
