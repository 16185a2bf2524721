"""Fields an Administrator adds without code (customer attributes here,
the business types' extra fields in crm_ticket): each record is a real
(manual) field of a model, so it can be searched, grouped, exported and
imported; it is created, relabelled and dropped with its record."""
import re

from odoo import _, api, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.crm_security.models.owned_fields import Owner

#: the mixin itself linking a record to the field it created: ``field_id``
#: is acted on with sudo (relabelled, dropped), so no client may set it
FIELD_OWNER = Owner("dynamic_field")

#: the record's type (its ``_cc_type_field``) -> Odoo field type
TYPES = {
    "text": "char",
    "number": "float",
    "date": "date",
    "selection": "selection",
    "boolean": "boolean",
}


class CrmDynamicFieldMixin(models.AbstractModel):
    """The inheriting model declares ``name``, ``code``, ``selection_values``
    (one choice per line), ``field_id`` (ir.model.fields) and its type
    selection, whose name is ``_cc_type_field``; the field is
    ``_cc_field_prefix`` + code on the model of ``_cc_field_model`` (xmlid
    of its ir.model). ``_cc_locked_fields`` cannot change once created."""

    _name = "crm.dynamic.field.mixin"
    _description = "Field Added Without Code"
    _cc_field_prefix = "x_cc_"
    _cc_field_model = "base.model_res_partner"
    _cc_type_field = "field_type"
    _cc_locked_fields = ("code",)
    _crm_owned_fields = {"field_id": FIELD_OWNER}

    @api.constrains("code")
    def _check_code(self):
        for record in self:
            if not re.match(r"^[a-z][a-z0-9_]{0,40}$", record.code or ""):
                raise ValidationError(
                    _("Code %r: use lower-case letters, digits and _ (start with a "
                      "letter).") % record.code)

    def _cc_check_selection(self):
        """For the inheriting model's constraint on its type and choices."""
        for record in self:
            if record[self._cc_type_field] == "selection" and not record._choices():
                raise ValidationError(_("%s needs at least one choice.") % record.name)

    @api.model
    def create(self, vals):
        record = super().create(vals)
        FIELD_OWNER.run(record).write({
            "field_id": self.env["ir.model.fields"].sudo().create(record._field_values()).id})
        return record

    @api.multi
    def write(self, vals):
        locked = [name for name in self._cc_locked_fields if name in vals]
        if locked:
            labels = [self._fields[name].get_description(self.env)["string"]
                      for name in locked]
            raise UserError(_("%s cannot change: create a new one instead.")
                            % ", ".join(labels))
        result = super().write(vals)
        for record in self.filtered("field_id"):
            values = record._field_values()
            record.field_id.sudo().write({
                key: values[key] for key in ("field_description", "selection")})
        return result

    @api.multi
    def unlink(self):
        fields_to_drop = self.mapped("field_id")
        result = super().unlink()
        fields_to_drop.sudo().unlink()
        return result

    def _crm_owner_label(self, owner):
        if owner is FIELD_OWNER:
            return _("the field it adds")
        return super()._crm_owner_label(owner)

    def _choices(self):
        return [line.strip() for line in (self.selection_values or "").splitlines()
                if line.strip()]

    def _field_values(self):
        self.ensure_one()
        kind = self[self._cc_type_field]
        return {
            "name": self._cc_field_prefix + self.code,
            "model_id": self.env.ref(self._cc_field_model).id,
            "ttype": TYPES[kind],
            "field_description": self.name,
            "state": "manual",
            "store": True,
            "copy": True,
            "selection": repr([(choice, choice) for choice in self._choices()])
            if kind == "selection" else False,
        }
