"""Fields kept in the secrets table (``crm.secret``): see crm_secret.py."""
from odoo import SUPERUSER_ID, api, models

ADMIN_GROUP = "crm_callcenter.group_admin"


class CrmSecretMixin(models.AbstractModel):
    """Declare a secret field as
    ``fields.Char(compute="_compute_cc_secret", inverse="_inverse_cc_secret",
    groups="crm_callcenter.group_admin")``; read it in code through
    ``record.sudo().<field>`` or :meth:`_cc_secret`."""

    _name = "crm.secret.mixin"
    _description = "Fields Kept in the Secrets Table"

    def _cc_secret_fields(self):
        return [name for name, field in self._fields.items()
                if field.compute == "_compute_cc_secret"]

    def _cc_may_read_secrets(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group(ADMIN_GROUP)

    def _compute_cc_secret(self):
        names = self._cc_secret_fields()
        values = {}
        if self._cc_may_read_secrets():
            values = self.env["crm.secret"].sudo()._cc_get(self, names)
        for record in self:
            for name in names:
                record[name] = values.get((record.id, name)) or False

    def _inverse_cc_secret(self):
        if not self._cc_may_read_secrets():
            return  # write() refused it already (groups=); never from elsewhere
        Secret = self.env["crm.secret"].sudo()
        for name in self._cc_secret_fields():
            written = self & self.env.protected(self._fields[name])  # this write's fields
            for record in written:
                if isinstance(record.id, int) and name in record._cache:
                    Secret._cc_set(record, name, record._cache[name])

    def _cc_secret(self, name):
        """The value of secret field ``name`` of this record, for code that
        runs on behalf of someone else (e.g. the listener, the SMS sender)."""
        self.ensure_one()
        return self.env["crm.secret"].sudo()._cc_get(self, [name]).get((self.id, name)) or False

    @api.multi
    def unlink(self):
        ids = self.ids
        result = super().unlink()
        if ids:
            self.env.cr.execute("DELETE FROM crm_secret WHERE res_model = %s AND res_id IN %s",
                                (self._name, tuple(ids)))
        return result
