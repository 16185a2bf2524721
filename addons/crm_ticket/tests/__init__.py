from . import (
    test_security_owned,
    test_ticket,
    test_ticket_complaint,
    test_ticket_escalate,
    test_ticket_flow,
    test_ticket_portal,
    test_ticket_report,
    test_ticket_service,
    test_ticket_sla,
    test_ticket_type_field,
    test_ticket_visibility,
)
