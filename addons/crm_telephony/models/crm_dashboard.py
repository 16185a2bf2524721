"""Today's calls on the home dashboard (CC-32)."""
from odoo import _, api, models

MISSED_RESULTS = ("abandoned", "caller_hangup", "no_answer")


class CrmDashboard(models.AbstractModel):
    _inherit = "crm.dashboard"

    # ------------------------------------------------------------------
    # Today's calls (own calls for agents, the department's for Supervisors)
    # ------------------------------------------------------------------
    @api.model
    def _cc_dashboard_today_start(self):
        """Midnight of the call center's day, as an Odoo UTC datetime string."""
        return self.env.user.company_id._cc_today_bounds()[0]

    @api.model
    def _cc_dashboard_calls(self):
        Call = self.env["crm.call"]
        if not Call.check_access_rights("read", raise_exception=False):
            return False
        domain = [("date_start", ">=", self._cc_dashboard_today_start())]
        counts = {group["result"]: group["result_count"]
                  for group in Call.read_group(domain, ["result"], ["result"])}
        return {
            "count": sum(counts.values()),
            "answered": counts.get("answered", 0),
            "missed": sum(counts.get(result, 0) for result in MISSED_RESULTS),
            "action": {
                "type": "ir.actions.act_window",
                "name": _("Today's Calls"),
                "res_model": "crm.call",
                "views": [[False, "list"], [False, "form"]],
                "domain": domain,
            },
        }
