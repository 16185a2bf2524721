from . import test_supplier_stock_money
