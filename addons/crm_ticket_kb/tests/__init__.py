from . import test_ticket_kb
