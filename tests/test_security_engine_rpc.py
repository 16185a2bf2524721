"""Security review 2026-12 H1 over real XML-RPC: the context keys that used
to switch the engines' guards off are plain client data now. An Agent
cannot confirm an order under review nor take one out of the flow, and an
Expert cannot publish a knowledge article."""
import uuid
import xmlrpc.client

import pytest

FLOW_KEYS = {"crm_flow_transition": True, "crm_flow_no_autostart": True,
             "crm_owner_flow": "flow"}


def refused(call, *args, **kwargs):
    with pytest.raises(xmlrpc.client.Fault) as info:
        call(*args, **kwargs)
    return info.value.faultString


def test_agent_cannot_confirm_an_order_under_review_with_context_keys(odoo_server):
    admin = odoo_server.rpc("admin", "admin")
    agent = odoo_server.rpc("agent", "agent")
    partner = admin.ref("crm_customer.res_partner_customer_01_demo")
    product = admin.ref("crm_order_flow.product_ac_demo")
    line = {"product_id": product, "product_uom_qty": 1, "price_unit": 1}
    # an order in review, and one created with the "no autostart" key
    in_review = agent("sale.order", "create",
                      {"partner_id": partner, "order_line": [(0, 0, line)]})
    skipped = agent("sale.order", "create",
                    {"partner_id": partner, "order_line": [(0, 0, line)]},
                    context=FLOW_KEYS)
    for order_id in (in_review, skipped):
        order = admin("sale.order", "read", [order_id], ["state", "flow_state"])[0]
        assert (order["state"], order["flow_state"]) == ("draft", "running")
        refused(agent, "sale.order", "action_confirm", [order_id], context=FLOW_KEYS)
        message = refused(agent, "sale.order", "write", [order_id],
                          {"flow_state": "done"}, context=FLOW_KEYS)
        assert "cannot be changed by hand" in message, message
        order = admin("sale.order", "read", [order_id], ["state", "flow_state"])[0]
        assert (order["state"], order["flow_state"]) == ("draft", "running")


def test_expert_cannot_publish_with_the_kb_transition_key(odoo_server):
    admin = odoo_server.rpc("admin", "admin")
    expert = odoo_server.rpc("expert", "expert")
    category = admin.ref("crm_kb.crm_kb_category_ac_demo")
    keys = {"kb_transition": True, "crm_owner_approval": "approval"}
    refused(expert, "crm.kb.article", "create",
            {"name": "自助发布 %s" % uuid.uuid4().hex[:6], "category_id": category,
             "state": "published", "visibility": "public"}, context=keys)
    article = expert("crm.kb.article", "create",
                     {"name": "草稿 %s" % uuid.uuid4().hex[:6], "category_id": category})
    refused(expert, "crm.kb.article", "write", [article],
            {"state": "published", "visibility": "public", "published_uid": admin.uid},
            context=keys)
    state = admin("crm.kb.article", "read", [article], ["state", "published_uid"])[0]
    assert state["state"] == "draft" and not state["published_uid"]
