"""Field `groups=` enforced where Odoo 11 does not: search domains (also
dotted paths), read_group group-bys and aggregates, sort orders, exports.

Odoo 11 checks a field's ``groups`` in ``read`` and ``write`` only, so a
user outside those groups could still learn the value through
``read_group`` (group by it), a search domain (``=like 'a%'`` one character
at a time, also through a dotted path such as ``user_id.secret``), a sort
order, or ``export_data``. This model, inherited by every model of the
registry, refuses those uses with an AccessError unless the caller is in the
field's groups. The superuser (``sudo()``) is not checked: record rules are
computed that way, and so is the engine code that reads its own fields.

``base.group_no_one`` (technical features) is a display hint, not a
security group: a field restricted to it alone is not checked.
"""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError
from odoo.models import fix_import_export_id_paths

NO_ONE = "base.group_no_one"


class Base(models.AbstractModel):
    _inherit = "base"

    # ------------------------------------------------------------ checks
    def _crm_field_groups_denied(self, field):
        """True when the current user may not use ``field`` (a Field of this
        model) in a search, grouping, sort or export."""
        groups = field.groups
        if not groups:
            return False
        if NO_ONE in groups:
            groups = ",".join(
                group for group in groups.split(",") if group.strip() != NO_ONE)
            if not groups:
                return False
        return not self.user_has_groups(groups)

    def _crm_check_field_path(self, path):
        """Check every field along ``path`` (a list of field names, each one
        on the comodel of the previous one)."""
        model = self
        for name in path:
            field = model._fields.get(name)
            if field is None:
                return  # unknown names (``id``, ``.id``): Odoo answers them
            if field.groups and model._crm_field_groups_denied(field):
                raise AccessError(_(
                    "You may not search, group, sort or export by the field "
                    "\"%(field)s\" of %(model)s: it is restricted to some user groups.")
                    % {"field": name, "model": model._description or model._name})
            if not field.relational:
                return
            model = model.env[field.comodel_name]

    def _crm_check_domain_groups(self, domain):
        for leaf in domain:
            if isinstance(leaf, (list, tuple)) and len(leaf) == 3 \
                    and isinstance(leaf[0], str):
                name = leaf[0]
                if "." in name:
                    self._crm_check_field_path(name.split("."))
                else:
                    field = self._fields.get(name)
                    if field is not None and field.groups:
                        self._crm_check_field_path([name])

    def _crm_check_order_groups(self, order_spec):
        for part in (order_spec or "").split(","):
            name = part.strip().split(" ")[0].split(":")[0].strip('"')
            field = self._fields.get(name)
            if field is not None and field.groups:
                self._crm_check_field_path([name])

    # ------------------------------------------------------------ hooks
    @api.model
    def _where_calc(self, domain, active_test=True):
        """Every search domain reaches SQL here: search, search_count,
        search_read, name_search, read_group, and the sub-searches of dotted
        paths. Record rules are computed as superuser and are not checked."""
        if domain and self._uid != SUPERUSER_ID:
            self._crm_check_domain_groups(domain)
        return super()._where_calc(domain, active_test=active_test)

    @api.model
    def _generate_order_by(self, order_spec, query):
        if order_spec and self._uid != SUPERUSER_ID:
            self._crm_check_order_groups(order_spec)
        return super()._generate_order_by(order_spec, query)

    @api.model
    def _read_group_raw(self, domain, fields, groupby, offset=0, limit=None,
                        orderby=False, lazy=True):
        if self._uid != SUPERUSER_ID:
            names = list(fields or [])
            names += [groupby] if isinstance(groupby, str) else list(groupby or [])
            for name in names:
                field = self._fields.get(name.split(":")[0].strip())
                if field is not None and field.groups:
                    self._crm_check_field_path([field.name])
            if not fields:  # Odoo would aggregate every stored field: not these
                fields = [name for name, field in self._fields.items() if field.store
                          and not (field.groups and self._crm_field_groups_denied(field))]
            if orderby:
                self._crm_check_order_groups(orderby)
        return super()._read_group_raw(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        """Exports read through the cache, which skips the groups check of
        ``read``: check every field of every exported path first."""
        if self._uid != SUPERUSER_ID:
            for path in fields_to_export:
                self._crm_check_field_path(fix_import_export_id_paths(path))
        return super().export_data(fields_to_export, raw_data=raw_data)
