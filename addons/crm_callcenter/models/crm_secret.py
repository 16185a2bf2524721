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

from odoo import api, fields, models

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
