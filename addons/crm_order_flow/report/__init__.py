from . import (
    crm_document_detail,
    crm_lead_funnel,
    crm_money_detail,
    crm_order_statistics,
    crm_stock_detail,
)
