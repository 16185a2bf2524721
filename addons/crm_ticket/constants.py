"""The ticket's choices that other files and add-ons share (its report, the
step dialog, the SLA levels, the business types). Plain Python (no Odoo
import): ``from odoo.addons.crm_ticket import constants``. The labels are
translated as the fields' selections."""

ACCEPTANCE_TYPES = [
    ("complaint", "Complaint"),
    ("report", "Report"),
    ("consultation", "Consultation"),
    ("suggestion", "Suggestion"),
    ("repair", "Repair"),
    ("installation", "Installation"),
    ("other", "Other"),
]
SOURCES = [
    ("phone", "Phone"),
    ("manual", "Manual Entry"),
    ("email", "Email"),
    ("portal", "Portal"),
    ("web", "Web Form"),
]
STAGES = [
    ("new", "New"),
    ("processing", "Processing"),
    ("handled", "Handled"),
    ("on_site", "On Site"),
    ("replied", "Replied"),
    ("visited", "Called Back"),
    ("archived", "Archived"),
    ("closed", "Resolved on First Contact"),
]
# step codes of the ticket flows whose dialog asks for the step's own data
STEPS = [
    ("result", "Get Result"),
    ("reply", "Reply to Customer"),
    ("callback", "Callback Visit"),
    ("archive", "Archive"),
    ("arrival", "On-site Arrival"),
    ("repair_done", "Repair Completed"),
]
STEP_CODES = tuple(code for code, _label in STEPS)
