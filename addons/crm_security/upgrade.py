"""Helpers for the add-ons' migration scripts."""
import logging

from odoo.tools import convert_file

_logger = logging.getLogger(__name__)


def make_rules_noupdate(cr, module, rule_files):
    """Record rules that moved into ``noupdate`` blocks: an update skips
    existing records of such a block, so load ``rule_files`` (paths in
    ``module``) once as a fresh install loads them, then flag every rule
    XML id of ``module`` ``noupdate`` like a fresh install's. From then on
    an administrator's change to a rule survives updates."""
    for path in rule_files:
        convert_file(cr, module, path, {}, mode="init", noupdate=True)
    cr.execute("""UPDATE ir_model_data SET noupdate = TRUE
                   WHERE module = %s AND model = 'ir.rule' AND noupdate IS NOT TRUE""",
               (module,))
    _logger.info("post-migrate: %s: %d record rules made noupdate", module, cr.rowcount)


def replace_rule_domains(cr, module, domains):
    """Give ``module``'s record rules a new ``domain_force``: ``domains``
    maps a rule's XML id (without the module) to (the domain this code
    shipped before, the new one). A rule an administrator changed (its
    domain is not the old one) is kept as it is, like any ``noupdate``
    record."""
    for xmlid, (old, new) in domains.items():
        cr.execute("""UPDATE ir_rule SET domain_force = %s
                       WHERE domain_force = %s AND id = (
                           SELECT res_id FROM ir_model_data
                            WHERE module = %s AND name = %s AND model = 'ir.rule')""",
                   (new, old, module, xmlid))
        _logger.info("post-migrate: %s.%s: %s", module, xmlid,
                     "new domain" if cr.rowcount else "kept (changed here or already new)")
