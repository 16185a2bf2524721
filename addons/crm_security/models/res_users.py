from odoo import api, models, tools


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    @tools.ormcache("self._uid")
    def _crm_group_ids(self):
        """The current user's groups, implied ones included (ids): one
        query per user and worker for every access check and record rule
        (Odoo clears the cache when a group or a user's groups change)."""
        self._cr.execute("SELECT gid FROM res_groups_users_rel WHERE uid = %s", (self._uid,))
        return frozenset(row[0] for row in self._cr.fetchall())
