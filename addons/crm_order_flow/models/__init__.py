from . import (
    crm_order_return,
    crm_price_scheme,
    product_template,
    res_partner,
    sale_order,
    sale_order_line,
)
