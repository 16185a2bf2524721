from . import (
    crm_customer_attribute,
    crm_sms_gateway,
    crm_sms_message,
    report_res_partner_label,
    res_partner,
    res_partner_bulk,
    res_partner_duplicates,
    res_partner_export,
    res_partner_internal,
    res_partner_phone,
    res_partner_pinyin,
)
