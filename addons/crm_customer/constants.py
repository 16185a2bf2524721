"""States and settings of the customer profile that other files and add-ons
share. Plain Python (no Odoo import): ``from odoo.addons.crm_customer import
constants``."""

# states of a logged SMS (crm.sms.message)
SMS_SENT = "sent"
SMS_FAILED = "failed"
SMS_STATES = [(SMS_SENT, "Sent"), (SMS_FAILED, "Failed")]

# system parameters (ir.config_parameter); the key keeps the name it had when
# the customer profile was part of crm_callcenter
#: at most this many customers per bulk SMS or email
PARAM_BULK_MESSAGE_MAX_RECIPIENTS = "crm_callcenter.bulk_message_max_recipients"
BULK_MESSAGE_MAX_RECIPIENTS = 5000
