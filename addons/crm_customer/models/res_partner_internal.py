"""Contacts of internal users (review L10): only user administrators
change them. An Agent could otherwise set the Administrator's email, and a
later "reset password" would mail the link to the attacker."""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _cc_internal_contact_free_fields(self):
        """Fields anyone may still write on an internal user's contact
        (followers and activities of its chatter)."""
        return ("message_", "activity_")

    def _cc_check_internal_contacts(self):
        if self.env.uid == SUPERUSER_ID or self.env.user.has_group("base.group_erp_manager"):
            return
        ids = [partner_id for partner_id in (self - self.env.user.partner_id).ids
               if isinstance(partner_id, int)]
        if not ids:
            return
        self.env.cr.execute("""
            SELECT 1 FROM res_users
             WHERE partner_id IN %s AND share IS NOT TRUE LIMIT 1""", (tuple(ids),))
        if self.env.cr.fetchone():
            raise AccessError(_("Only user administrators may change the contact of an "
                                "internal user; you may change your own."))

    @api.multi
    def write(self, vals):
        free = self._cc_internal_contact_free_fields()
        if any(not name.startswith(free) for name in vals):
            self._cc_check_internal_contacts()
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._cc_check_internal_contacts()
        return super().unlink()
