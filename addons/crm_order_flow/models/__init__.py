from . import (
    crm_lead,
    crm_order_return,
    crm_price_scheme,
    crm_sales_task,
    product_template,
    res_company,
    res_partner,
    sale_order,
    sale_order_line,
    sale_order_phone_search,
)
