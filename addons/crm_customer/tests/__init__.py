from . import (
    test_bulk_message,
    test_customer,
    test_customer_attribute,
    test_customer_import,
    test_customer_import_analyze,
    test_customer_import_profile,
    test_operation_log,
    test_partner_label,
    test_phone,
    test_phone_search,
    test_spreadsheet_dates,
    test_spreadsheet_safety,
)
