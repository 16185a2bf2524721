"""crm_callcenter's record rules become ``noupdate`` (as the OCA ships
them): an administrator's change to a rule survives the next update.

A fresh install writes their XML ids with ``noupdate``; an update from
11.0.2.1.0 or older instead skips them (existing records of a
``noupdate`` block), so here, after the add-on's data: the rule file is
loaded once as a fresh install loads it (the department rule is this
code's) and its XML id flagged ``noupdate`` like a fresh install's.
"""
import logging

from odoo.tools import convert_file

_logger = logging.getLogger(__name__)
RULE_FILES = ("security/crm_company_rules.xml",)


def migrate(cr, version):
    if not version:
        return
    for path in RULE_FILES:
        convert_file(cr, "crm_callcenter", path, {}, mode="init", noupdate=True)
    cr.execute("""UPDATE ir_model_data SET noupdate = TRUE
                   WHERE module = 'crm_callcenter' AND model = 'ir.rule'
                     AND noupdate IS NOT TRUE""")
    _logger.info("crm_callcenter: %d record rules made noupdate", cr.rowcount)
