"""Odoo's read_group formats every group's date on its own (parse, zone,
babel label, domain): a pivot of 500 agents x 30 days is 15,000 groups and
~1 s of Python for 30 dates (issue 18, docs/PERFORMANCE.md "Ten million
calls"). Within one read_group of the statistics, each date is formatted
once and reused; the groups read the same as Odoo makes them."""
import contextlib
import threading

from odoo import api, models
from odoo.osv import expression

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


class CrmStatisticsGroupsMixin(models.AbstractModel):
    _name = "crm.statistics.groups.mixin"
    _description = "Statistics Groups Formatted Once per Date"

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
