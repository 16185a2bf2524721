from . import test_order_entry, test_order_exceptions, test_order_flow, test_price_scheme
