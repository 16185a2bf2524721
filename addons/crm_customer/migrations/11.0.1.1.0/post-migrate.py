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
import logging

from odoo.tools import convert_file

_logger = logging.getLogger(__name__)
RULE_FILES = ("security/crm_sms_security.xml",)


def migrate(cr, version):
    if not version:
        return
    for path in RULE_FILES:
        convert_file(cr, "crm_customer", path, {}, mode="init", noupdate=True)
    cr.execute("""UPDATE ir_model_data SET noupdate = TRUE
                   WHERE module = 'crm_customer' AND model = 'ir.rule'
                     AND noupdate IS NOT TRUE""")
    _logger.info("crm_customer: %d record rules made noupdate", cr.rowcount)
