from psycopg2 import sql

from odoo import SUPERUSER_ID, _, models
from odoo.exceptions import AccessError


class IrAttachment(models.Model):
    """Which attachments a user may link to a record of theirs.

    Odoo's many2many commands ``(4, id)`` and ``(6, 0, ids)`` do not check
    the target, and linking an attachment (``res_model``/``res_id``) moves its
    access to the new record. A user may therefore only adopt an attachment
    they uploaded themselves and that is not yet linked to a record."""

    _inherit = "ir.attachment"

    def _crm_check_adoptable(self, record=None):
        """Raise AccessError unless the current user may link every
        attachment of ``self`` to ``record``: each is already linked to
        ``record``, or it is linked to no record, was created by the user and
        the user may write it (checked as the user, without sudo). The
        superuser (internal code) may link anything."""
        if self.env.uid == SUPERUSER_ID or not self:
            return
        uid = self.env.uid
        foreign = self.browse()
        for attachment in self.sudo():
            if record and attachment.res_model == record._name \
                    and attachment.res_id == record.id:
                continue
            if attachment.res_id or attachment.res_field \
                    or attachment.create_uid.id != uid:
                foreign |= attachment
        if foreign:
            raise AccessError(
                _("You may only attach files you uploaded yourself "
                  "(attachments %s belong to another record or user).")
                % ", ".join(str(i) for i in foreign.ids))
        self.sudo(uid).check("write")

    def _crm_adopt(self, record):
        """Link the attachments of ``self`` to ``record`` after
        :meth:`_crm_check_adoptable`, so that reading them needs the right
        to read ``record``."""
        record.ensure_one()
        self._crm_check_adoptable(record)
        loose = self.sudo().filtered(
            lambda a: a.res_model != record._name or a.res_id != record.id)
        if loose:
            loose.write({"res_model": record._name, "res_id": record.id})
        return True

    def _crm_relation_ids(self, records, field_name):
        """{record id: set of attachment ids} of the many2many ``field_name``
        of ``records``, read from the relation table (whatever the user may
        read, and whatever the cache holds)."""
        field = records._fields[field_name]
        result = {rec_id: set() for rec_id in records.ids}
        if records.ids:
            query = sql.SQL("SELECT {0}, {1} FROM {2} WHERE {0} IN %s").format(
                sql.Identifier(field.column1), sql.Identifier(field.column2),
                sql.Identifier(field.relation))
            self.env.cr.execute(query, (tuple(records.ids),))
            for rec_id, attachment_id in self.env.cr.fetchall():
                result[rec_id].add(attachment_id)
        return result

    def _crm_adopt_new(self, records, field_name, before=None):
        """After a create/write of the many2many ``field_name`` of
        ``records``: adopt, for each record, the attachments it gained (all of
        them when ``before`` is None). Attachments the user may not adopt
        raise AccessError, so the whole write is rolled back."""
        before = before or {}
        after = self._crm_relation_ids(records, field_name)
        for rec in records:
            added = after[rec.id] - before.get(rec.id, set())
            if added:
                self.browse(sorted(added))._crm_adopt(rec)
        return True
