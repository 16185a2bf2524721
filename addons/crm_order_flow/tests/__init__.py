from . import (
    test_order_entry,
    test_order_exceptions,
    test_order_flow,
    test_order_return,
    test_price_scheme,
    test_statistics,
)
