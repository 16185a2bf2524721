"""Issue 15.3: an Agent types a number as a customer dictated it into the
customer list's search box and finds the customer; numbers are shown in one
national format. The same search over RPC, in the other formats."""
from webclient import WebClient

AGENT = ("agent", "agent")


def test_agent_finds_customer_by_number_typed_in_any_format(odoo_server, browser):
    rpc = odoo_server.rpc(*AGENT)
    customer_id = odoo_server.rpc("admin", "admin").ref(
        "crm_customer.res_partner_customer_01_demo")
    customer = rpc("res.partner", "read", [customer_id], ["name", "mobile", "customer_code"])[0]
    assert customer["mobile"] == "138 0013 8000", "demo number not in the national format"

    web = WebClient(browser, odoo_server)
    web.login(*AGENT)
    web.open_action("crm_customer.res_partner_action_customers")
    web.search("0086 138-0013-8000")
    row = web.find_row(customer["customer_code"])
    assert "138 0013 8000" in row.text, "the list does not show the national format"


def test_phone_search_over_rpc(odoo_server):
    rpc = odoo_server.rpc(*AGENT)
    admin = odoo_server.rpc("admin", "admin")
    mobile_owner = admin.ref("crm_customer.res_partner_customer_01_demo")
    landline_owner = admin.ref("crm_customer.res_partner_customer_12_demo")
    for typed, owner in (("13800138000", mobile_owner),
                         ("0086 138-0013-8000", mobile_owner),
                         ("１３８００１３８０００", mobile_owner),
                         ("(010)84572000", landline_owner)):
        found = rpc("res.partner", "search", [("cc_phone_search", "ilike", typed)])
        assert owner in found, "%r did not find the customer" % typed
        names = rpc("res.partner", "name_search", typed)
        assert owner in [row[0] for row in names], "name_search(%r) missed it" % typed
