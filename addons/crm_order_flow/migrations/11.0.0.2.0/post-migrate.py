"""crm_order_flow's record rules become ``noupdate`` (as the OCA ships
them): an administrator's change to a rule survives the next update.

A fresh install writes their XML ids with ``noupdate``; an update from
11.0.0.1.0 instead skips them (existing records of a ``noupdate`` block),
so here, after the add-on's data: the multi-company rule file is loaded
once as a fresh install loads it (its four rules are this code's; the
department and document rules were ``noupdate`` already and stay as the
administrator keeps them) and the XML ids flagged ``noupdate`` like a
fresh install's.
"""
from odoo.addons.crm_security.upgrade import make_rules_noupdate

RULE_FILES = ("security/crm_order_company_rules.xml",)


def migrate(cr, version):
    if version:
        make_rules_noupdate(cr, "crm_order_flow", RULE_FILES)
