from . import purchase_order_return, purchase_order_return_line
