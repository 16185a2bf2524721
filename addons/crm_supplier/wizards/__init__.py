from . import purchase_order_return
