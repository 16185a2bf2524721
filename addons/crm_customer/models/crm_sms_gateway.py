import logging
from urllib.parse import quote

import requests

from odoo import _, api, fields, models

_logger = logging.getLogger(__name__)


class CrmSmsGateway(models.Model):
    """Where SMS go: a provider chosen by the Administrator. 'log' only writes
    the message to the server log (for tests and trials); 'http' calls the
    URL template of the SMS provider with {number} and {message} filled in."""

    _name = "crm.sms.gateway"
    _inherit = ["crm.secret.mixin"]
    _description = "SMS Gateway"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.user.company_id)
    provider = fields.Selection(
        "_get_providers", required=True, default="log")
    url_template = fields.Char(
        "URL Template", compute="_compute_cc_secret", inverse="_inverse_cc_secret",
        groups="crm_callcenter.group_admin",
        help="For HTTP providers, e.g. https://sms.example.com/send?to={number}&text={message}"
             " (it often carries the provider's key: Administrators only).")
    http_method = fields.Selection([("get", "GET"), ("post", "POST")], default="get")
    timeout = fields.Float("Timeout (s)", default=10.0)

    @api.model
    def _get_providers(self):
        return [("log", "Log only (testing)"), ("http", "HTTP provider")]

    def _send(self, number, text):
        """(ok, detail) for one message; never raises for provider errors."""
        self.ensure_one()
        method = getattr(self, "_send_%s" % self.provider)
        return method(number, text)

    def _send_log(self, number, text):
        _logger.info("SMS to %s via %s: %s", number, self.name, text)
        return True, _("logged")

    def _send_http(self, number, text):
        url_template = self._cc_secret("url_template")
        if not url_template:
            return False, _("The gateway has no URL template.")
        url = url_template.replace("{number}", quote(number)).replace(
            "{message}", quote(text))
        try:
            if self.http_method == "post":
                response = requests.post(url, timeout=self.timeout)
            else:
                response = requests.get(url, timeout=self.timeout)
        except requests.RequestException as error:
            return False, _("Provider unreachable: %s") % error
        if 200 <= response.status_code < 300:
            return True, response.text[:200]
        return False, _("Provider answered %s: %s") % (
            response.status_code, response.text[:200])
