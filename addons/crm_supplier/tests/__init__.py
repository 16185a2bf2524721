from . import test_purchase_flow, test_supplier
