from . import (
    test_bulk_message,
    test_call_records,
    test_customer,
    test_customer_attribute,
    test_customer_import,
    test_department,
    test_operation_log,
    test_pbx,
    test_reminder,
    test_roles,
    test_telephony_ami,
    test_telephony_calls,
)
