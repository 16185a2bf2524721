from . import (
    crm_customer_attribute,
    crm_department,
    crm_dictionary,
    crm_flow_mixin,
    crm_operation_log,
    crm_pbx,
    crm_position,
    res_partner,
    res_partner_bulk,
    res_partner_export,
    res_users,
)
