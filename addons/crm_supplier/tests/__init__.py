from . import test_evaluation, test_purchase_flow, test_scoring, test_supplier, test_supplier_return
