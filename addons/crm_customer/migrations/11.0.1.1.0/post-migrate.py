"""crm_customer's record rules become ``noupdate`` (as the OCA ships
them): an administrator's change to a rule survives the next update.

A fresh install writes their XML ids with ``noupdate``; an update (from
11.0.1.0.0, or from crm_callcenter 11.0.1.x whose SMS rules the split
hands to this add-on) instead skips them (existing records of a
``noupdate`` block), so here, after the add-on's data: the SMS rule file
is loaded once as a fresh install loads it (the rules are this code's,
also where crm_callcenter's old code wrote them before the split) and
their XML ids flagged ``noupdate`` like a fresh install's.
"""
from odoo.addons.crm_security.upgrade import make_rules_noupdate

RULE_FILES = ("security/crm_sms_security.xml",)


def migrate(cr, version):
    if version:
        make_rules_noupdate(cr, "crm_customer", RULE_FILES)
