from odoo import models

from .crm_ticket_type_field import CrmTicketTypeField


class IrModelFields(models.Model):
    _inherit = "ir.model.fields"

    def _instanciate_attrs(self, field_data):
        """Extra fields of tickets are internal: portal users (customers,
        repair shops) cannot read, search or group them over RPC."""
        attrs = super()._instanciate_attrs(field_data)
        if attrs and field_data["model"] == "crm.ticket" and field_data["name"].startswith(
                CrmTicketTypeField._cc_field_prefix):
            attrs["groups"] = "base.group_user"
        return attrs
