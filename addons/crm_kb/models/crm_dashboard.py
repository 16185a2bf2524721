from odoo import _, api, models


class CrmDashboard(models.AbstractModel):
    """The knowledge base's block on the agents' home dashboard (CC-32):
    current announcements and the latest articles, as the user reads them
    (record rules apply) and narrowed to the user's departments."""

    _inherit = "crm.dashboard"

    @api.model
    def _cc_dashboard_sections(self):
        sections = super()._cc_dashboard_sections()
        if self.env["crm.kb.announcement"].check_access_rights("read", raise_exception=False):
            sections.append(self._cc_dashboard_kb_announcements())
        if self.env["crm.kb.article"].check_access_rights("read", raise_exception=False):
            sections.append(self._cc_dashboard_kb_articles())
        return sections

    @api.model
    def _cc_dashboard_kb_scope(self):
        """Company-wide items and those of the user's departments (and their
        parents): Supervisors may read every department's, but their home
        page shows their own."""
        return ["|", ("department_ids", "=", False),
                ("department_ids", "in", self.env.user.kb_department_path_ids.ids)]

    @api.model
    def _cc_dashboard_kb_announcements(self, limit=6):
        announcements = self.env["crm.kb.announcement"].search(
            [("is_current", "=", True)] + self._cc_dashboard_kb_scope(), limit=limit)
        return {
            "key": "kb_announcements",
            "title": _("Announcements"),
            "action": "crm_kb.crm_kb_announcement_action",
            "items": [{"model": a._name, "id": a.id, "name": a.name,
                       "date": a.date_start, "info": False, "highlight": not a.is_read}
                      for a in announcements],
        }

    @api.model
    def _cc_dashboard_kb_articles(self, limit=8):
        scope = ["|", ("visibility", "!=", "department"),
                 ("department_ids", "in", self.env.user.kb_department_path_ids.ids)]
        articles = self.env["crm.kb.article"].search(
            [("is_current", "=", True)] + scope,
            order="date_publish desc, id desc", limit=limit)
        return {
            "key": "kb_articles",
            "title": _("Latest Articles"),
            "action": "crm_kb.crm_kb_article_action",
            "items": [{"model": a._name, "id": a.id, "name": a.name,
                       "date": a.date_publish, "info": a.category_id.name,
                       "highlight": a.is_new_business}
                      for a in articles],
        }
