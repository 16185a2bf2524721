from . import res_partner, sale_order, sale_order_line
