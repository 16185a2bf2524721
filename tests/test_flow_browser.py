"""A Manager designs a three-step flow in the web client, then a document
follows it (FL-1, FL-2, FL-3, FL-4). Supervisors only read flows (M10)."""
import uuid

from webclient import WebClient

DESIGNER = ("manager", "manager")
DOC_MODEL = "test.crm.flow.document"


def test_manager_creates_flow_and_document_follows_it(odoo_server, browser):
    tag = uuid.uuid4().hex[:6]
    flow_name = "Complaint flow %s" % tag
    steps = ["Check %s" % tag, "Review %s" % tag, "Close %s" % tag]
    # earlier runs against the same database may have left flows for this model
    admin = odoo_server.rpc("admin", "admin")
    admin("crm.flow", "write", admin("crm.flow", "search", [("model", "=", DOC_MODEL)]),
          {"active": False})
    web = WebClient(browser, odoo_server)
    web.login(*DESIGNER)

    # design the flow
    web.open_action("crm_flow.crm_flow_action")
    web.click(".o_list_button_add")
    web.type_into(".o_form_view input[name=name]", flow_name)
    web.pick_many2one(".o_field_many2one[name=model_id] input", "Flow Test Document")
    for step in steps:
        web.click(".o_field_x2many_list_row_add a")
        web.type_into(".modal-dialog input[name=name]", step)
        web.pick_many2one(".modal-dialog .o_field_many2manytags[name=group_ids] input",
                          "Supervisor")
        web.click(".modal-dialog .modal-footer .btn-primary")  # Save & Close
        web.wait().until_not(lambda d: d.find_elements("css selector", ".modal-dialog"),
                             "the step dialog did not close")
    web.save()

    rpc = odoo_server.rpc(*DESIGNER)
    flows = rpc("crm.flow", "search_read", [("name", "=", flow_name)], ["node_ids", "model"])
    assert len(flows) == 1, "the flow was not saved"
    assert flows[0]["model"] == "test.crm.flow.document"
    nodes = rpc("crm.flow.node", "search_read", [("flow_id", "=", flows[0]["id"])],
                ["name"], order="sequence, id")
    assert [n["name"] for n in nodes] == steps

    # a new document enters the flow at its first step and is passed on
    web.open_action("test_crm_flow.test_crm_flow_document_action")
    web.click(".o_list_button_add")
    web.type_into(".o_form_view input[name=name]", "Noisy fridge %s" % tag)
    web.type_into(".o_form_view textarea[name=description]", "Customer reports noise")
    web.save()
    web.wait().until(lambda d: web.statusbar_current().lower() == steps[0].lower(),
                     "the document is not at the first step")

    web.click_text(".o_statusbar_buttons button", "Pass")
    web.type_into(".modal-dialog textarea[name=note]", "checked by phone")
    web.click_text(".modal-dialog .modal-footer button", "Confirm")
    web.wait().until(lambda d: web.statusbar_current().lower() == steps[1].lower(),
                     "the document did not move to the second step")

    # the list colours the row by step and shows the legend (FL-3)
    web.open_action("test_crm_flow.test_crm_flow_document_action")
    legend = web.find(".o_crm_flow_legend")
    web.wait().until(lambda d: [e.get_attribute("data-step") for e in legend.find_elements(
        "css selector", ".o_crm_flow_legend_item")] == steps, "the legend does not list the steps")
    row = web.find_row("Noisy fridge %s" % tag)
    assert "text-info" in row.get_attribute("class"), "the row is not coloured by its step"

    docs = rpc("test.crm.flow.document", "search_read",
               [("name", "=", "Noisy fridge %s" % tag)], ["flow_node_id", "flow_state"])
    assert docs[0]["flow_node_id"][0] == nodes[1]["id"]
    assert docs[0]["flow_state"] == "running"
    logs = rpc("crm.flow.log", "search_read",
               [("res_model", "=", "test.crm.flow.document"), ("res_id", "=", docs[0]["id"])],
               ["outcome", "note", "user_id"], order="id")
    assert [line["outcome"] for line in logs] == ["start", "pass"]
    assert logs[1]["note"] == "checked by phone"
    assert logs[1]["user_id"][0] == rpc.uid

    # the flow action is in the operation log, with who did it (CC-33)
    operations = admin("crm.operation.log", "search_read",
                       [("operation", "=", "flow"), ("res_model", "=", DOC_MODEL),
                        ("res_ids", "=", str(docs[0]["id"]))], ["user_id", "description"])
    assert operations, "the flow action was not logged"
    assert operations[0]["user_id"][0] == rpc.uid
