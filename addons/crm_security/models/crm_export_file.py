import base64
from datetime import datetime, timedelta

from odoo import api, fields, models

# a user's previous export files are dropped at their next export once they
# are this old (Odoo's transient vacuum drops the rest after an hour)
KEEP = timedelta(minutes=30)


class CrmExportFile(models.TransientModel):
    """A file generated for one user (customer, ticket or order exports).

    An ``ir.attachment`` with a ``res_model`` and no ``res_id`` is readable by
    every employee, and one linked to the exporter's ``res.users`` record by
    everyone who may read that user. A transient record is readable by its
    creator only (Odoo's implicit rule for transient models), so
    ``/web/content`` answers 403 to anybody else. Rows are vacuumed with the
    other transient records."""

    _name = "crm.export.file"
    _description = "Exported File"
    _transient_max_hours = 1.0

    name = fields.Char(required=True)
    data = fields.Binary(attachment=False, required=True)

    @api.model
    def _crm_download(self, filename, content):
        """An action downloading ``content`` (bytes) as ``filename``, for the
        current user only. Drops the user's older export files."""
        limit = fields.Datetime.to_string(datetime.utcnow() - KEEP)
        self.search([("create_uid", "=", self.env.uid),
                     ("create_date", "<", limit)]).unlink()
        record = self.create({"name": filename,
                              "data": base64.b64encode(content)})
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content?model=%s&id=%d&field=data&filename_field=name"
                   "&download=true" % (self._name, record.id),
            "target": "self",
        }
