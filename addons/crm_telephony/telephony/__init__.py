"""Plain-Python telephony foundation: the Asterisk Manager Interface (AMI)
protocol and client (:mod:`.ami`) and the call/agent state machine fed with
AMI events (:mod:`.calls`).

Nothing here imports Odoo, so the package can be imported on its own
(``sys.path`` pointing at the add-on folder, ``import telephony``) by tests,
benchmarks and the fake AMI server's tests, and by the Odoo models and the
AMI listener as ``odoo.addons.crm_telephony.telephony``.
"""
