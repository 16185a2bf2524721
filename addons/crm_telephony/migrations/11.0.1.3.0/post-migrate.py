"""The IVR steps' rules ask about the step's call by its plain path again
(``call_id.user_id``, ``call_id.department_id``): crm_security compiles
every rule's many2one path into a subquery, which the steps' own search
fields (``call_user_id``, ``call_department_id``, now removed) did for
these two rules only (a database from before 11.0.1.2.0 never had them:
its rules still read the paths and are kept). The rules are ``noupdate``:
their domain is replaced here unless an administrator changed it."""
from odoo.addons.crm_security.upgrade import replace_rule_domains

DOMAINS = {
    "crm_call_ivr_rule_agent": (
        "[('call_user_id', '=', user.id)]",
        "[('call_id.user_id', '=', user.id)]"),
    "crm_call_ivr_rule_supervisor": (
        "['|', '|', ('call_id', '=', False), ('call_user_id', '=', False), "
        "('call_department_id', 'child_of', user.crm_department_id.ids)]",
        "['|', '|', ('call_id', '=', False), ('call_id.user_id', '=', False), "
        "('call_id.department_id', 'child_of', user.crm_department_id.ids)]"),
}


def migrate(cr, version):
    if version:
        replace_rule_domains(cr, "crm_telephony", DOMAINS)
