from . import (
    test_amount_words,
    test_catalogue,
    test_order_entry,
    test_order_exceptions,
    test_order_export,
    test_order_flow,
    test_order_return,
    test_portal,
    test_price_scheme,
    test_sales_management,
    test_statistics,
    test_stock_money,
)
