import json

from lxml import etree

from .common import OrderCase


def invisible(modifiers, values):
    """Evaluate a button's ``invisible`` modifier (a domain in prefix
    notation, or a boolean) on field ``values``, as the web client does."""
    domain = json.loads(modifiers or "{}").get("invisible", False)
    if isinstance(domain, bool):
        return domain
    stack = []
    for term in reversed(domain):
        if term == "|":
            stack.append(stack.pop() or stack.pop())
        elif term == "&":
            stack.append(stack.pop() and stack.pop())
        elif term == "!":
            stack.append(not stack.pop())
        else:
            name, operator, value = term
            ops = {"=": lambda a, b: a == b, "!=": lambda a, b: a != b,
                   "in": lambda a, b: a in b, "not in": lambda a, b: a not in b}
            stack.append(ops[operator](values[name], value))
    return all(stack)


class TestOrderButtons(OrderCase):
    """Odoo's Confirm Sale / Cancel are not offered beside Start Flow: the
    order flow confirms (review) and voids (supervisor) orders (issue 15,
    item 10)."""

    roles = ("agent",)

    def buttons(self, name):
        arch = self.env["sale.order"].sudo(self.users["agent"]).fields_view_get(
            view_type="form")["arch"]
        found = etree.fromstring(arch).xpath("//header/button[@name='%s']" % name)
        self.assertTrue(found, "no %s button in the order form" % name)
        return found

    def test_draft_order_shows_start_flow_only(self):
        for state in ("draft", "sent"):
            for flow_state in ("draft", "running", "failed"):
                values = {"state": state, "flow_state": flow_state, "invoice_count": 0}
                for name in ("action_confirm", "action_cancel"):
                    for button in self.buttons(name):
                        self.assertTrue(
                            invisible(button.get("modifiers"), values),
                            "%s shown on a %s order whose flow is %s"
                            % (name, state, flow_state))
