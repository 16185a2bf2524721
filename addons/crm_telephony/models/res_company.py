from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    cc_auto_create_customer = fields.Boolean(
        "Create Contacts for Unknown Callers",
        help="When a number that no customer has calls, create a contact "
             "named after the number (with the first-call time) for the agent "
             "to complete. Otherwise the screen pop offers to create one.")
