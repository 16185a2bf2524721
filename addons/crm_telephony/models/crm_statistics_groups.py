"""What the statistics views (crm.call.statistics, crm.agent.statistics)
share: the view created after the add-on's columns, its figures (summed)
and ratios (computed per group from the sums), the grain it is read from,
and dates formatted once per read_group.

Odoo's read_group formats every group's date on its own (parse, zone,
babel label, domain): a pivot of 500 agents x 30 days is 15,000 groups and
~1 s of Python for 30 dates (issue 18, docs/PERFORMANCE.md "Ten million
calls"). Within one read_group of the statistics, each date is formatted
once and reused; the groups read the same as Odoo makes them."""
import contextlib
import threading

from odoo import api, fields, models
from odoo.osv import expression

from ..statistics.grain import choose_grain, forced, restrict

_LOCAL = threading.local()


@contextlib.contextmanager
def memo(env):
    """Formatted dates reused within the block (unless the context says
    ``cc_group_memo=False``)."""
    previous = getattr(_LOCAL, "cache", None)
    _LOCAL.cache = {} if env.context.get("cc_group_memo", True) else None
    try:
        yield
    finally:
        _LOCAL.cache = previous


def summed(string=None, **kwargs):
    """A figure of a statistics view: read only, summed in its groups."""
    return fields.Integer(string, readonly=True, group_operator="sum", **kwargs)


def ratio(string, **kwargs):
    """A ratio of a statistics view: read only; a group's value is computed
    from the group's sums (the model's ``_RATIOS``), a row's is its own."""
    return fields.Float(string, readonly=True, group_operator="sum", **kwargs)


class CrmStatisticsGroupsMixin(models.AbstractModel):
    """A statistics view read from its coarsest exact summary
    (statistics/grain.py), its ratios computed from the groups' sums, its
    dates formatted once per read_group. A model sets ``_CC_GRAINS``."""
    _name = "crm.statistics.groups.mixin"
    _description = "Statistics Groups Formatted Once per Date"

    _CC_GRAINS = []

    def init(self):
        # the views and their summaries read res_company.cc_tz, which this
        # add-on adds: they are created once every model of the add-on has
        # its columns
        if not self._abstract:
            self.pool.post_init(self._cc_create_view)

    def _cc_create_view(self):
        """Create the view (and its summaries); each statistics model's own."""
        raise NotImplementedError

    @api.model
    def _where_calc(self, domain, active_test=True):
        # also called for the record rules' domains: the grain is the query's
        # (chosen by _search or read_group), not the rule's
        query = super(CrmStatisticsGroupsMixin, self)._where_calc(domain, active_test)
        grain = forced(self)
        return restrict(self, query, grain) if grain else query

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False,
                access_rights_uid=None):
        grain = forced(self) or choose_grain(self, args, [], self._CC_GRAINS)
        return super(CrmStatisticsGroupsMixin, self.with_context(cc_grain=grain))._search(
            args, offset=offset, limit=limit, order=order, count=count,
            access_rights_uid=access_rights_uid)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        grain = forced(self) or choose_grain(self, domain, groupby, self._CC_GRAINS)
        # the groups' names without reading every column of 500 agents
        quick = super(CrmStatisticsGroupsMixin, self.with_context(prefetch_fields=False,
                                                                  cc_grain=grain))
        with memo(self.env):
            return read_group_sorted(self, quick.read_group, domain, fields, groupby,
                                     offset, limit, orderby, lazy)

    @api.model
    def _read_group_prepare_data(self, key, value, groupby_dict):
        cache = getattr(_LOCAL, "cache", None)
        gb = groupby_dict.get(key)
        if cache is None or not gb or gb["type"] not in ("date", "datetime") or not value:
            return super(CrmStatisticsGroupsMixin, self)._read_group_prepare_data(
                key, value, groupby_dict)
        memo_key = ("prepare", key, value, self._context.get("tz"))
        if memo_key not in cache:
            cache[memo_key] = super(CrmStatisticsGroupsMixin, self)._read_group_prepare_data(
                key, value, groupby_dict)
        return cache[memo_key]

    @api.model
    def _read_group_format_result(self, data, annotated_groupbys, groupby, domain):
        cache = getattr(_LOCAL, "cache", None)
        if cache is None or not any(gb["type"] in ("date", "datetime")
                                    for gb in annotated_groupbys):
            return super(CrmStatisticsGroupsMixin, self)._read_group_format_result(
                data, annotated_groupbys, groupby, domain)
        # as Odoo 11's, with each date's label and domain made once
        sections = []
        for gb in annotated_groupbys:
            value = data[gb["groupby"]]
            section = None
            if value and gb["type"] in ("date", "datetime"):
                memo_key = ("format", gb["groupby"], value, self._context.get("lang"))
                if memo_key not in cache:
                    probe = {gb["groupby"]: value, "id": False}
                    super(CrmStatisticsGroupsMixin, self)._read_group_format_result(
                        probe, [gb], [gb["groupby"]], [expression.TRUE_LEAF])
                    cache[memo_key] = (probe[gb["groupby"]], probe["__domain"])
                data[gb["groupby"]], section = cache[memo_key]
            elif value and gb["type"] == "many2one":
                section = [(gb["field"], "=", value[0])]
            if section is None:
                section = [(gb["field"], "=", value)]
            sections.append(section)
        sections.append(domain)
        data["__domain"] = expression.AND(sections)
        if len(groupby) - len(annotated_groupbys) >= 1:
            data["__context"] = {"group_by": groupby[len(annotated_groupbys):]}
        del data["id"]
        return data


def read_group_sorted(model, super_read_group, domain, fields, groupby, offset, limit,
                      orderby, lazy):
    """read_group with ``model._RATIOS`` (if any) computed from each group's
    sums, and many2one groups sorted by name here rather than in SQL: without an
    order, Odoo joins the related model (res_users and res_partner for an
    agent) to every row to sort by its name."""
    ratios = getattr(model, "_RATIOS", {})
    wanted = [name for name in ratios
              if not fields or any(f.split(":")[0] == name for f in fields)]
    fields = list(fields or [])
    # a summary row stands for many rows: the groups' counts are sums
    counted = getattr(model, "_COUNT_FIELD", None)
    if counted and counted not in fields:
        fields.append(counted)
    for name in wanted:
        fields += [part for part in ratios[name][:2] if part not in fields]
    groupbys = [groupby] if isinstance(groupby, str) else list(groupby or [])
    effective = groupbys[:1] if lazy else groupbys
    # a date group's value is a label: those keep the SQL order
    by_name = (effective and not orderby and not offset and not limit
               and all(":" not in g and model._fields[g].type != "datetime" for g in effective)
               and any(model._fields[g].type == "many2one" for g in effective))
    result = super_read_group(domain, fields, groupby, offset=offset, limit=limit,
                              orderby="id" if by_name else orderby, lazy=lazy)
    for line in result:
        if counted:
            for key in line:
                if key == "__count" or key.endswith("_count"):
                    line[key] = int(line.get(counted) or 0)
        for name in wanted:
            numerator, denominator, factor = ratios[name]
            total = line.get(denominator) or 0
            if not total:
                line[name] = model._RATIO_EMPTY
                continue
            line[name] = factor * (line.get(numerator) or 0) / total
            if model._RATIO_DIGITS is not None:
                line[name] = round(line[name], model._RATIO_DIGITS)
    if by_name:
        names = [g.split(":")[0] for g in effective]

        def key(line):
            parts = []
            for g, name in zip(effective, names):
                value = line.get(g if ":" in g else name)
                if isinstance(value, (list, tuple)):
                    value = value[1] or ""
                missing = value is False or value is None
                parts.append((missing, "" if missing else value))
            return parts
        result.sort(key=key)
    return result
