from . import crm_statistics_groups  # isort:skip (a mixin: before the models using it)
# before crm.call.qa: the template's own "id" field keeps the xml id
# field_crm_call_qa_template_id it had when both were one file
from . import crm_call_qa_template  # isort:skip
# crm.call inherits the monitor: before it
from . import crm_call_monitor  # isort:skip
from . import (
    bus_bus,
    bus_presence,
    crm_agent_state,
    crm_agent_statistics,
    crm_call,
    crm_call_ivr,
    crm_call_qa,
    crm_call_qa_criterion,
    crm_call_qa_line,
    crm_call_statistics,
    crm_call_statistics_print,
    crm_call_store,
    crm_dashboard,
    crm_pbx,
    crm_seat,
    ir_http,
    res_company,
    res_partner,
    res_users,
    res_users_phone_bar,
)
