from . import test_order_entry, test_order_flow
