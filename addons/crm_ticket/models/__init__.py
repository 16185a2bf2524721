from . import (
    crm_operation_log,
    crm_ticket,
    crm_ticket_phone_search,
    crm_ticket_service,
    crm_ticket_sla,
    crm_ticket_type,
    crm_ticket_type_field,
    res_partner,
    res_users,
)
