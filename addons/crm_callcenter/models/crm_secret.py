"""Secrets of the call center (the AMI secret, the office-hours token, the
CDR file path, agents' phone passwords, the SMS provider URL with its key)
kept in one table only Administrators can read.

The models show them as non-stored computed fields (``crm.secret.mixin``):
they cannot be searched, grouped, sorted or exported, and the computation
returns nothing to a user who is not an Administrator, whatever the path
(read, onchange, a related field). Code that needs a secret (the listener,
the connection test, the cron, the SMS gateway) reads it as superuser.
"""
from psycopg2 import sql

from odoo import SUPERUSER_ID, api, fields, models

ADMIN_GROUP = "crm_callcenter.group_admin"

# where the secrets were stored before they moved here: (table, column, model)
LEGACY_COLUMNS = [
    ("crm_pbx", "secret", "crm.pbx"),
    ("crm_pbx", "hours_token", "crm.pbx"),
    ("crm_pbx", "cdr_file", "crm.pbx"),
    ("res_users", "cc_phone_password", "res.users"),
    ("crm_sms_gateway", "url_template", "crm.sms.gateway"),
]


class CrmSecret(models.Model):
    _name = "crm.secret"
    _description = "Call-Center Secret"
    _log_access = False

    res_model = fields.Char("Model", required=True, index=True)
    res_id = fields.Integer("Record", required=True, index=True)
    name = fields.Char("Field", required=True)
    value = fields.Char()

    _sql_constraints = [
        ("record_field_uniq", "unique (res_model, res_id, name)",
         "A record keeps one value per secret field."),
    ]

    @api.model_cr
    def init(self):
        """Move the values of databases made before the secrets had their own
        table (the columns are dropped, so nothing stays in clear text where
        other users could reach it)."""
        cr = self.env.cr
        for table, column, model in LEGACY_COLUMNS:
            cr.execute("""SELECT 1 FROM information_schema.columns
                           WHERE table_name = %s AND column_name = %s""", (table, column))
            if not cr.fetchone():
                continue
            # table and column are the code constants above, not input
            cr.execute(sql.SQL("""
                INSERT INTO crm_secret (res_model, res_id, name, value)
                SELECT %s, id, %s, {column} FROM {table} WHERE {column} IS NOT NULL
                ON CONFLICT (res_model, res_id, name) DO NOTHING""").format(
                    table=sql.Identifier(table), column=sql.Identifier(column)), (model, column))
            cr.execute(sql.SQL("ALTER TABLE {} DROP COLUMN {}").format(
                sql.Identifier(table), sql.Identifier(column)))

    @api.model
    def _cc_get(self, records, names):
        """{(id, name): value} of these fields of ``records`` (superuser only)."""
        ids = [record_id for record_id in records.ids if isinstance(record_id, int)]
        if not ids:
            return {}
        self.env.cr.execute("""
            SELECT res_id, name, value FROM crm_secret
             WHERE res_model = %s AND res_id IN %s AND name IN %s""",
                            (records._name, tuple(ids), tuple(names)))
        return {(res_id, name): value for res_id, name, value in self.env.cr.fetchall()}

    @api.model
    def _cc_set(self, record, name, value):
        self.env.cr.execute("""
            INSERT INTO crm_secret (res_model, res_id, name, value)
            VALUES (%s, %s, %s, %s)
            ON CONFLICT (res_model, res_id, name) DO UPDATE SET value = EXCLUDED.value""",
                            (record._name, record.id, name, value or None))


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
