from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_security.models.owned_fields import FLOW, LISTENER


class TestCrmFlowDocument(models.Model):
    _name = "test.crm.flow.document"
    _description = "Flow Test Document"
    _inherit = ["mail.thread", "crm.flow.mixin"]
    _crm_flow_autostart = True
    # one more engine-owned field, and one of the listener's (tests of
    # crm_security's guard)
    _crm_owned_fields = {"entered_review": FLOW, "listener_note": LISTENER}

    name = fields.Char(required=True)
    kind = fields.Selection([("normal", "Normal"), ("urgent", "Urgent")],
                            default="normal")
    description = fields.Text()
    user_id = fields.Many2one("res.users", string="Assigned to", index=True)
    entered_review = fields.Integer(readonly=True)
    listener_note = fields.Char(readonly=True)

    def _crm_flow_enter_review(self, node, outcome):
        for doc in self:
            doc.entered_review += 1

    def _crm_flow_leave_check(self, node, outcome):
        if outcome == "pass" and self.filtered(lambda d: not d.description):
            raise UserError(_("Describe the document before it passes."))
