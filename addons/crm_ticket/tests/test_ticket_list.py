from lxml import etree

from .common import TicketCase


class TestTicketList(TicketCase):
    """The ticket list fits a screen: the columns an agent works with, the
    rest in the search and group-by (issue 15, item 10)."""

    ticket_users = ("agent",)

    def test_list_shows_the_agents_columns(self):
        arch = self.env["crm.ticket"].sudo(self.agent).fields_view_get(
            view_type="tree")["arch"]
        shown = [field.get("name") for field in etree.fromstring(arch).iter("field")
                 if '"column_invisible": true' not in (field.get("modifiers") or "")
                 and field.get("invisible") != "1"]
        self.assertEqual(
            shown, ["name", "subject", "partner_id", "type_id", "flow_node_id", "stage",
                    "handler_id", "sla_deadline"],
            "the ticket list shows other columns than an agent needs")
