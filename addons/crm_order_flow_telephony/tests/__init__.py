from . import test_order_call
