"""The flow engine's states, outcomes and actions, which documents, wizards
and other add-ons share. Plain Python (no Odoo import):
``from odoo.addons.crm_flow import constants``. The labels are translated as
the fields' selections."""

# state of a document in its flow (crm.flow.mixin.flow_state)
FLOW_STATES = [
    ("draft", "Not Started"),
    ("running", "In Progress"),
    ("done", "Done"),
    ("failed", "Exception"),
    ("void", "Void"),
]
# what the users who handle a step can do
ACTIONS = ("pass", "fail", "void", "send_back")
# outcome of one handling of a document (crm.flow.log.outcome)
OUTCOMES = [
    ("start", "Started"),
    ("pass", "Passed"),
    ("fail", "Failed"),
    ("void", "Voided"),
    ("send_back", "Sent Back"),
]
