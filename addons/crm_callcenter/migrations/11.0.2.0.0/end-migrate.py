"""After the update to the issue 17 layout: forget the models that no code
defines any more and that have no table, such as the address labels'
report model, named after its template (report.crm_callcenter.… became
report.crm_customer.…). Odoo keeps their rows (it never deletes a model on
update) and warns at every later update that they "cannot be loaded".
A model with a table is left alone: its rows are data."""
import logging

from odoo.tools import table_kind

_logger = logging.getLogger(__name__)
OLD_MODULES = ("crm_callcenter", "crm_flow", "crm_ticket", "crm_order_flow", "crm_kb")


def migrate(cr, version):
    if not version:
        return
    from odoo.modules.registry import Registry

    registry = Registry(cr.dbname)
    cr.execute("""SELECT DISTINCT m.id, m.model FROM ir_model m
                    JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
                   WHERE d.module IN %s""", (OLD_MODULES,))
    stale = [(model_id, model) for model_id, model in cr.fetchall()
             if model not in registry and not table_kind(cr, model.replace(".", "_"))]
    if not stale:
        return
    ids = tuple(model_id for model_id, _model in stale)
    cr.execute("""DELETE FROM ir_model_data WHERE model = 'ir.model.fields' AND res_id IN
                      (SELECT id FROM ir_model_fields WHERE model_id IN %s)""", (ids,))
    cr.execute("DELETE FROM ir_model_data WHERE model = 'ir.model' AND res_id IN %s", (ids,))
    cr.execute("DELETE FROM ir_model_fields WHERE model_id IN %s", (ids,))
    cr.execute("DELETE FROM ir_model WHERE id IN %s", (ids,))
    _logger.info("issue 17 layout: models without code or table forgotten: %s",
                 ", ".join(model for _id, model in stale))
