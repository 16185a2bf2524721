from . import (
    crm_service_area,
    crm_service_skill,
    crm_supplier_category,
    crm_supplier_evaluation,
    crm_supplier_return,
    crm_supplier_return_line,
    product_template,
    purchase_order,
    purchase_order_line,
    res_partner,
)
