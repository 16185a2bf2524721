"""Existing databases (crm_callcenter 11.0.1.x) to the layout of issue 17:
parts of crm_callcenter moved to crm_customer and crm_telephony, crm_flow's
application menu to crm_callcenter, the telephony parts of crm_ticket,
crm_order_flow and crm_kb to small glue add-ons.

Runs when crm_callcenter is updated (`-u all`), before its code loads. The
records keep their ids: their XML ids are handed to the add-on that now
defines them (xmlid_moves.csv, made by scripts/xmlid_moves.py), and so are
the constraints and many2many tables (constraint_moves.csv) that an
uninstall would drop. Without this, the update stops on views of the old
add-ons that now extend models of add-ons not loaded yet; and were it to
go through, its end would delete each record whose XML id the old add-on no
longer loads (views, menus, actions, access and record rules, groups with
their users) for the new add-on to make it again with a new id, and the
new add-on would make its noupdate records (the demo PBX, partners, the
dictionary) a second time. (Model and field rows would survive: Odoo 11
writes their XML ids with noupdate NULL, which that cleanup skips; they are
moved too, so that uninstalling an old add-on does not drop what a new one
owns.)

The add-ons that receive records are installed already, in effect: they are
marked "to upgrade" with crm_callcenter's demo flag, so Odoo loads them in
its next pass over the marked add-ons, in update mode, after crm_callcenter
and before the add-ons that depend on them; their records exist, so their
data files update them and their demo data (noupdate) is left as it is.
crm_callcenter is loaded after crm_flow and before crm_ticket, crm_kb and
crm_order_flow, and the end-of-update cleanup runs after every add-on has
loaded, so renaming the rows of those add-ons here is in time too.
"""
import csv
import logging
import os

from odoo.tools import config

_logger = logging.getLogger(__name__)
HERE = os.path.dirname(os.path.abspath(__file__))


def _load_moves(cr, filename, table):
    cr.execute("CREATE TEMP TABLE %s (old_module varchar, new_module varchar, name varchar)"
               " ON COMMIT DROP" % table)
    with open(os.path.join(HERE, filename), encoding="utf-8") as handle:
        rows = [(r["old_module"], r["new_module"], r["name"]) for r in csv.DictReader(handle)]
    if rows:
        cr.execute("INSERT INTO %s VALUES %s" % (table, ",".join(["%s"] * len(rows))), rows)
    return rows


def _rename_xmlids(cr):
    """ir_model_data rows to their new add-on; a row the new add-on owns
    already (a second run) is left alone."""
    _load_moves(cr, "xmlid_moves.csv", "cc_xmlid_moves")
    # qweb templates are called by their key, "module.name"
    cr.execute("""
        UPDATE ir_ui_view v SET key = m.new_module || '.' || m.name
          FROM ir_model_data d JOIN cc_xmlid_moves m
               ON d.module = m.old_module AND d.name = m.name
         WHERE d.model = 'ir.ui.view' AND v.id = d.res_id
           AND v.key = m.old_module || '.' || m.name""")
    cr.execute("""
        UPDATE ir_model_data d SET module = m.new_module
          FROM cc_xmlid_moves m
         WHERE d.module = m.old_module AND d.name = m.name
           AND NOT EXISTS (SELECT 1 FROM ir_model_data o
                            WHERE o.module = m.new_module AND o.name = m.name)""")
    renamed = cr.rowcount
    _move_translations(cr)
    return renamed


def _move_translations(cr):
    """Translations belong to an add-on (exported with it, deleted when it
    is uninstalled): those of the moved records, and the selection and
    constraint terms of the moved fields and models, follow them."""
    cr.execute("""
        UPDATE ir_translation t SET module = m.new_module
          FROM cc_xmlid_moves m JOIN ir_model_data d
               ON d.module = m.new_module AND d.name = m.name
         WHERE t.module = m.old_module AND t.type IN ('model', 'model_terms')
           AND t.name LIKE d.model || ',%%' AND t.res_id = d.res_id""")
    cr.execute("""
        UPDATE ir_translation t SET module = m.new_module
          FROM cc_xmlid_moves m
          JOIN ir_model_data d ON d.module = m.new_module AND d.name = m.name
          JOIN ir_model_fields f ON d.model = 'ir.model.fields' AND f.id = d.res_id
         WHERE t.module = m.old_module AND t.type IN ('selection', 'help', 'field')
           AND t.name = f.model || ',' || f.name""")
    cr.execute("""
        UPDATE ir_translation t SET module = m.new_module
          FROM cc_xmlid_moves m
          JOIN ir_model_data d ON d.module = m.new_module AND d.name = m.name
          JOIN ir_model i ON d.model = 'ir.model' AND i.id = d.res_id
         WHERE t.module = m.old_module AND t.type IN ('constraint', 'sql_constraint')
           AND t.name = i.model""")


def _move_constraints(cr):
    """Constraints and many2many tables are dropped with the add-on that
    owns them: hand them to the one that defines them now."""
    _load_moves(cr, "constraint_moves.csv", "cc_constraint_moves")
    moved = 0
    for table in ("ir_model_constraint", "ir_model_relation"):
        cr.execute("""
            UPDATE %s c SET module = new.id
              FROM cc_constraint_moves m
              JOIN ir_module_module old ON old.name = m.old_module
              JOIN ir_module_module new ON new.name = m.new_module
             WHERE c.module = old.id AND c.name = m.name
               AND NOT EXISTS (SELECT 1 FROM %s o WHERE o.module = new.id AND o.name = m.name)
        """ % (table, table))
        moved += cr.rowcount
    return moved


def _mark_receivers(cr):
    """The add-ons that received records, loaded in update mode as if they
    had been installed with crm_callcenter (its demo flag, its version)."""
    cr.execute("""SELECT DISTINCT new_module FROM cc_xmlid_moves
                  UNION SELECT DISTINCT new_module FROM cc_constraint_moves""")
    receivers = set(name for name, in cr.fetchall())
    cr.execute("SELECT demo, latest_version FROM ir_module_module WHERE name = 'crm_callcenter'")
    demo, version = cr.fetchone()
    live = ("installed", "to upgrade", "to install")
    marked = []
    # a glue add-on may receive records from an add-on another receiver
    # brings: repeat until nothing changes
    while True:
        cr.execute("""
            SELECT m.name FROM ir_module_module m
             WHERE m.name IN %s AND m.state IN ('uninstalled', 'to install')
               AND NOT EXISTS (
                   SELECT 1 FROM ir_module_module_dependency dep
                     JOIN ir_module_module d ON d.name = dep.name
                    WHERE dep.module_id = m.id AND d.state NOT IN %s)""",
                   (tuple(receivers) or ("",), live))
        names = [name for name, in cr.fetchall()]
        if not names:
            break
        cr.execute("""UPDATE ir_module_module SET state = 'to upgrade', demo = %s,
                             latest_version = %s
                       WHERE name IN %s""", (demo, version, tuple(names)))
        marked += names
    for name in marked:
        # `-i` of a receiver (scripts/db_ensure.sh installs new add-ons so)
        # would load its data in init mode, which rewrites noupdate records
        # (demo data, sequences) that have a life of their own by now
        config["init"].pop(name, None)
    return marked


def migrate(cr, version):
    if not version:
        return
    renamed = _rename_xmlids(cr)
    moved = _move_constraints(cr)
    marked = _mark_receivers(cr)
    _logger.info("issue 17 layout: %d XML ids and %d constraints/tables moved to their new "
                 "add-ons; %s marked to upgrade", renamed, moved, ", ".join(marked) or "none")
