"""Which rows a statistics view reads: a summary per local day, per local
hour, or the raw rows (issue 18: a month is ~400,000 calls and ~1 million
agent-state periods; docs/PERFORMANCE.md "Ten million calls").

A statistics view is a UNION ALL of its raw rows and of its summaries, each
branch tagged with its grain (``cc_grain``); every query reads exactly one
grain (plus the open rows, grain ``o``, where there are). A summary row
counts the raw rows of one bucket (a local hour or a local day of the
company's clock) with the same dimensions, so a query gives the same figures
on a summary as on the raw rows when

- every field it filters, groups by, or that a record rule names, is a
  dimension of the summary;
- every bound on the date is ``>=`` or ``<`` a bucket start on the clock of
  every company (a local midnight for days; a local whole hour for hours);
- a grouping by date buckets in the company's zone (the context's ``tz``).

Otherwise the raw rows answer, exactly as before the summaries."""
import datetime

import pytz

from odoo import fields

from odoo.addons.crm_callcenter import localtime


class Grain(str):
    """A grain chosen by the server (or forced by a test). A str subclass:
    JSON-RPC and XML-RPC can only send a plain string, so a ``cc_grain`` in
    a client's context is never taken (it would choose the rows read)."""


def forced(model):
    """The grain the server put in ``model``'s context, if any."""
    grain = model.env.context.get("cc_grain")
    return grain if isinstance(grain, Grain) else None


#: every grain reads its rows and the open rows (agent periods still running)
OPEN = "o"
RAW = Grain("r")


def _leaves(domain):
    for term in domain or []:
        if isinstance(term, (list, tuple)) and len(term) == 3:
            yield term
        elif term == "!":
            yield None  # a negation: keep to the raw rows (be simple)


def _aligned(value, unit, tz_names):
    if isinstance(value, str):
        try:
            value = fields.Datetime.from_string(value)
        except ValueError:
            return False
    if not isinstance(value, datetime.datetime):
        return False
    for tz in tz_names:
        moment = localtime.to_local(tz, value)
        if unit == "day":
            start = localtime.local_midnight_utc(tz, moment.date())
        else:
            start = localtime.to_utc(tz, moment.replace(minute=0, second=0, microsecond=0,
                                                        tzinfo=None))
        if start != value:
            return False
    return True


def company_zones(env):
    """The time zones of all companies (the summaries bucket each company's
    rows on its own clock)."""
    env.cr.execute("SELECT DISTINCT COALESCE(cc_tz, %s) FROM res_company",
                   (localtime.DEFAULT_TZ,))
    return [row[0] for row in env.cr.fetchall()]


def choose_grain(model, domain, groupby, grains, date_field="date_start"):
    """The grain (a ``cc_grain`` value) that answers ``domain`` grouped by
    ``groupby`` exactly: the first of ``grains`` ((grain, unit, dimensions),
    coarsest first; unit ``day`` or ``hour``) that fits, else RAW."""
    env = model.env
    rule_domain = env["ir.rule"]._compute_domain(model._name, "read") or []
    leaves = []
    for leaf in list(_leaves(domain)) + list(_leaves(rule_domain)):
        if leaf is not None and leaf[0] == "cc_period":
            leaves += list(_leaves(model._search_cc_period(leaf[1], leaf[2])))  # local midnights
        else:
            leaves.append(leaf)
    if None in leaves:
        return RAW
    groupbys = [groupby] if isinstance(groupby, str) else list(groupby or [])
    names = {g.split(":")[0] for g in groupbys}
    zones = company_zones(env)
    tz = env.context.get("tz")
    if date_field in names and [tz if tz in pytz.all_timezones else "UTC"] != zones:
        return RAW  # Odoo buckets dates in the context's zone: only the company's fits
    for grain, unit, dimensions in grains:
        if not names <= dimensions:
            continue
        fits = True
        for field, operator, value in leaves:
            field = field.split(".")[0] if isinstance(field, str) else field
            if field in (0, 1):
                continue  # (1, '=', 1)
            if field not in dimensions:
                fits = False
            elif field == date_field and (operator not in (">=", "<")
                                          or not _aligned(value, unit, zones)):
                fits = False
            if not fits:
                break
        if fits:
            return Grain(grain)
    return RAW


def restrict(model, query, grain):
    """Read only ``grain`` (and the open rows) in ``query``."""
    query.where_clause.append('"%s"."cc_grain" IN %%s' % model._table)
    query.where_clause_params.append((grain, OPEN))
    return query
