from . import test_purchase_flow, test_supplier, test_supplier_return
