"""crm_callcenter's record rules become ``noupdate`` (as the OCA ships
them): an administrator's change to a rule survives the next update.

A fresh install writes their XML ids with ``noupdate``; an update from
11.0.2.1.0 or older instead skips them (existing records of a
``noupdate`` block), so here, after the add-on's data: the rule file is
loaded once as a fresh install loads it (the department rule is this
code's) and its XML id flagged ``noupdate`` like a fresh install's.
"""
from odoo.addons.crm_security.upgrade import make_rules_noupdate

RULE_FILES = ("security/crm_company_rules.xml",)


def migrate(cr, version):
    if version:
        make_rules_noupdate(cr, "crm_callcenter", RULE_FILES)
