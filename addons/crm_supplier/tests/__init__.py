from . import (
    test_company_today,
    test_evaluation,
    test_portal_access,
    test_purchase_flow,
    test_scoring,
    test_service_network,
    test_supplier,
    test_supplier_return,
)
