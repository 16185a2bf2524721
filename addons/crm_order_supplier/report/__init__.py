from . import crm_document_detail, crm_money_detail, crm_stock_detail
