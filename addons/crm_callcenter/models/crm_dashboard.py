"""CC-32: the agents' home dashboard. One RPC (``cc_dashboard_data``) gathers
what the page shows, always as the calling user: every count goes through
the ORM with the user's access rights and record rules, never ``sudo()``."""
from odoo import _, api, models

from ..constants import BUS_DASHBOARD


class CrmDashboard(models.AbstractModel):
    """Data of the home dashboard. Other add-ons extend it by inheritance:
    ``_cc_dashboard_sections`` to add a section of links (the knowledge base
    adds announcements and articles), ``_cc_dashboard_queue_models`` to
    change which flow documents get a tile."""

    _name = "crm.dashboard"
    _description = "Call Center Home Dashboard"

    @api.model
    def cc_dashboard_data(self):
        """Everything the dashboard shows, read as the current user."""
        return {
            "user_name": self.env.user.name,
            "activities": self._cc_dashboard_activities(),
            "queues": self._cc_dashboard_queues(),
            "calls": self._cc_dashboard_calls(),
            "sections": self._cc_dashboard_sections(),
        }

    # ------------------------------------------------------------------
    # My tasks: activities
    # ------------------------------------------------------------------
    @api.model
    def _cc_dashboard_activities(self, limit=8):
        Activity = self.env["mail.activity"]
        # the call center's day (company time zone), as everywhere else
        today = self.env.user.company_id._cc_today()
        mine = [("user_id", "=", self.env.uid)]
        activities = Activity.search(mine, order="date_deadline, id", limit=limit)
        items = []
        for activity in activities:
            items.append({
                "id": activity.id,
                "summary": activity.summary or activity.activity_type_id.name or "",
                "res_model": activity.res_model,
                "res_id": activity.res_id,
                "res_name": activity.res_name or "",
                "date_deadline": activity.date_deadline,
                "state": activity.state,
            })
        return {
            "count": Activity.search_count(mine),
            "overdue": Activity.search_count(mine + [("date_deadline", "<", today)]),
            "today": Activity.search_count(mine + [("date_deadline", "=", today)]),
            "items": items,
            "action": {
                "type": "ir.actions.act_window",
                "name": _("My Activities"),
                "res_model": "mail.activity",
                "views": [[False, "list"], [False, "form"]],
                "domain": mine,
            },
        }

    # ------------------------------------------------------------------
    # My queue: one tile per flow document model
    # ------------------------------------------------------------------
    @api.model
    def _cc_dashboard_queue_models(self):
        """Flow document models with a step the user may handle (by user,
        group or a user field of the document) and that the user may read."""
        user = self.env.user
        handled = [
            "|", "|",
            ("user_ids", "in", user.ids),
            ("group_ids", "in", user.groups_id.ids),
            ("user_field_id", "!=", False),
        ]
        flow_models = self.env["crm.flow"]._get_flow_models()
        # steps are configuration: reading them says nothing about documents
        groups = self.env["crm.flow.node"].sudo().read_group(
            [("model", "in", flow_models), ("flow_id.active", "=", True)] + handled,
            ["model"], ["model"])
        names = sorted(g["model"] for g in groups if g["model"])
        return [name for name in names
                if self.env[name].check_access_rights("read", raise_exception=False)]

    @api.model
    def _cc_dashboard_queue_domain(self, model_name):
        return [("flow_is_mine", "=", True)]

    @api.model
    def _cc_dashboard_queues(self):
        tiles = []
        IrModel = self.env["ir.model"]
        for model_name in self._cc_dashboard_queue_models():
            Model = self.env[model_name]
            domain = self._cc_dashboard_queue_domain(model_name)
            # as the user: record rules decide what is counted
            groups = Model.read_group(domain, ["flow_node_id"], ["flow_node_id"])
            steps = [{"id": g["flow_node_id"][0], "name": g["flow_node_id"][1],
                      "count": g["flow_node_id_count"]}
                     for g in groups if g["flow_node_id"]]
            title = IrModel._get(model_name).name or Model._description
            tiles.append({
                "model": model_name,
                "name": title,
                "count": sum(g["flow_node_id_count"] for g in groups),
                "steps": steps,
                "action": {
                    "type": "ir.actions.act_window",
                    "name": _("My Queue: %s") % title,
                    "res_model": model_name,
                    "views": [[False, "list"], [False, "form"]],
                    "domain": domain,
                    "context": {"search_default_flow_my_queue": 1},
                },
            })
        return tiles

    # ------------------------------------------------------------------
    # Today's calls (crm_telephony fills them in)
    # ------------------------------------------------------------------
    @api.model
    def _cc_dashboard_calls(self):
        """Today's calls tile (False: none; crm_telephony gives the counts)."""
        return False

    # ------------------------------------------------------------------
    # Sections added by other add-ons
    # ------------------------------------------------------------------
    @api.model
    def _cc_dashboard_sections(self):
        """Extra blocks of links: a list of ``{key, title, items, action}``
        where each item is ``{model, id, name, info, date, highlight}``.
        Add-ons append theirs (``super()`` first)."""
        return []

    # ------------------------------------------------------------------
    # Real time
    # ------------------------------------------------------------------
    @api.model
    def _cc_dashboard_notify(self, users):
        """Tell these users' open dashboards to fetch their data again. The
        message carries no data: each dashboard reads its own counts."""
        return self._cc_dashboard_notify_ids(set(users.ids))

    @api.model
    def _cc_dashboard_notify_ids(self, user_ids, group_ids=()):
        """_cc_dashboard_notify for the users ``user_ids`` and the members of
        the groups ``group_ids`` (implied memberships included): their
        partners in one query, the messages in one INSERT. A flow step
        handled by the Agents group concerns the whole floor: reading 270
        users through the ORM and creating 270 bus rows one by one was most
        of an order transition (~60 ms of its 94 ms)."""
        if not user_ids and not group_ids:
            return True
        self.env.cr.execute("""
            SELECT partner_id FROM res_users
             WHERE active AND (id = ANY(%s) OR id IN (
                   SELECT uid FROM res_groups_users_rel WHERE gid = ANY(%s)))
             ORDER BY partner_id""", (list(user_ids), list(group_ids)))
        dbname = self._cr.dbname
        self._cc_dashboard_send([((dbname, "res.partner", partner_id), {"type": BUS_DASHBOARD})
                                 for (partner_id,) in self.env.cr.fetchall()])
        return True

    @api.model
    def _cc_dashboard_send(self, notifications):
        """Send the bus messages in one INSERT (bus_bus.py)."""
        Bus = self.env["bus.bus"]
        Bus._cc_sendmany(notifications)
        Bus._cc_gc()
