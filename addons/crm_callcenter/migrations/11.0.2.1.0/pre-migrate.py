"""Existing databases to the OCA style of XML ids: 19 actions and menus
named ``action_<model>``/``menu_<what>`` are now ``<model>_action`` and
``<what>_menu`` (xmlid_renames.csv: old_name,new_name).

Runs when crm_callcenter is updated (`-u all`), before its code loads, so
before every add-on owning one of these ids (crm_callcenter, crm_customer,
crm_kb, crm_order_flow, crm_ticket, crm_telephony: all depend on it) loads
its data; one migration here therefore serves them all, and their versions
need no bump. The rows are renamed in place, keeping their records' ids (a
menu or action made again would lose its translations, the users'
favourites and the dashboards pointing at it). Both kinds of database are
covered: one made before the split (11.0.1.x: 11.0.2.0.0's pre-migration
first hands the rows to their new add-ons under their old names) and one
made on 11.0.2.0.0. A row whose new name exists already (a second run) is
left alone.
"""
import csv
import logging
import os

_logger = logging.getLogger(__name__)
HERE = os.path.dirname(os.path.abspath(__file__))
# the add-ons that own (or owned, before the split) one of the renamed ids
OWNERS = ("crm_flow", "crm_callcenter", "crm_customer", "crm_kb", "crm_order_flow",
          "crm_ticket", "crm_telephony")


def renames():
    """[(old_name, new_name)] of xmlid_renames.csv."""
    with open(os.path.join(HERE, "xmlid_renames.csv"), encoding="utf-8") as handle:
        return [(row["old_name"], row["new_name"]) for row in csv.DictReader(handle)]


def migrate(cr, version):
    if not version:
        return
    renamed = 0
    for old_name, new_name in renames():
        cr.execute("""
            UPDATE ir_model_data d SET name = %(new)s
             WHERE d.name = %(old)s AND d.module IN %(owners)s
               AND d.model IN ('ir.ui.menu', 'ir.actions.act_window', 'ir.actions.client')
               AND NOT EXISTS (SELECT 1 FROM ir_model_data o
                                WHERE o.module = d.module AND o.name = %(new)s)""",
                   {"old": old_name, "new": new_name, "owners": OWNERS})
        renamed += cr.rowcount
    _logger.info("OCA-style XML ids: %d actions and menus renamed", renamed)
