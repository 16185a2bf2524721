"""A user's groups, cached once per user and worker.

Odoo 11 answers each access check, record rule and ``has_group`` of a
user it has not cached with a query joining the user's groups; with a
floor of hundreds of agents over several workers most are misses (the read
of a popped call: about forty). The user's group ids are cached once and
each of those answers is a lookup in them."""
from odoo import api, models, tools


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    @tools.ormcache("self._uid")
    def _crm_group_ids(self):
        """The current user's groups, implied ones included (ids); Odoo
        clears the cache when a group or a user's groups change."""
        self._cr.execute("SELECT gid FROM res_groups_users_rel WHERE uid = %s", (self._uid,))
        return frozenset(row[0] for row in self._cr.fetchall())

    @api.model
    @tools.ormcache("self._uid", "group_ext_id")
    def _has_group(self, group_ext_id):
        """Odoo's: whether the current user is in the group of this
        external id (``module.name``)."""
        assert group_ext_id and "." in group_ext_id, "External ID must be fully qualified"
        group = self.env["ir.model.data"].xmlid_to_res_id(group_ext_id)
        return bool(group) and group in self._crm_group_ids()
