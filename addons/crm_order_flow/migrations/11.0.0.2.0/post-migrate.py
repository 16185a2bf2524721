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
import logging

from odoo.tools import convert_file

_logger = logging.getLogger(__name__)
RULE_FILES = ("security/crm_order_company_rules.xml",)


def migrate(cr, version):
    if not version:
        return
    for path in RULE_FILES:
        convert_file(cr, "crm_order_flow", path, {}, mode="init", noupdate=True)
    cr.execute("""UPDATE ir_model_data SET noupdate = TRUE
                   WHERE module = 'crm_order_flow' AND model = 'ir.rule'
                     AND noupdate IS NOT TRUE""")
    _logger.info("crm_order_flow: %d record rules made noupdate", cr.rowcount)
