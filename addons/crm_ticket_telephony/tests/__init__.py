from . import test_ticket_call, test_ticket_escalate_call
