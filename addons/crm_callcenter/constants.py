"""Keys the suite's base shares with other files and add-ons: bus message
types and system parameters. Plain Python (no Odoo import), so any add-on,
test or script can import it: ``from odoo.addons.crm_callcenter import constants``.
The web client (static/src/js) spells the bus types out: keep them equal."""

# bus message types, on each user's own partner channel
#: open dashboards fetch their data again
BUS_DASHBOARD = "crm_callcenter.dashboard"
#: a reminder (``res.users.cc_remind``) shown as a notification
BUS_REMINDER = "crm_callcenter.reminder"

# system parameters (ir.config_parameter)
#: how many records a list's pager counts at most ("1-80 / 10000+")
PARAM_LIST_COUNT_LIMIT = "crm_callcenter.list_count_limit"
