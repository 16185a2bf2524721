"""crm_telephony's record rules become ``noupdate`` (as the OCA ships
them): an administrator's change to a rule survives the next update.

A fresh install writes their XML ids with ``noupdate``; an update from
11.0.1.0.0 instead skips them (existing records of a ``noupdate`` block),
so here, after the add-on's data: the two rule files are loaded once as a
fresh install loads them (the rules are this code's, also in a database made
before the split whose rules crm_callcenter's code wrote) and their XML ids
flagged ``noupdate`` like a fresh install's.
"""
from odoo.addons.crm_security.upgrade import make_rules_noupdate

RULE_FILES = ("security/crm_call_security.xml", "security/crm_company_rules.xml")


def migrate(cr, version):
    if version:
        make_rules_noupdate(cr, "crm_telephony", RULE_FILES)
