from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..constants import OUTCOMES


class CrmFlowLog(models.Model):
    """One line per handling of a document: who, when, outcome, note and
    attachments. Written only by the flow engine; readable by whoever may
    read the document."""

    _name = "crm.flow.log"
    _description = "Flow Log"
    _order = "date desc, id desc"

    res_model = fields.Char("Document Model", required=True, index=True,
                            readonly=True)
    res_id = fields.Integer("Document ID", required=True, index=True,
                            readonly=True)
    flow_id = fields.Many2one("crm.flow", ondelete="set null", readonly=True)
    node_id = fields.Many2one("crm.flow.node", string="Step",
                              ondelete="set null", readonly=True)
    node_name = fields.Char("Step Name", readonly=True,
                            help="Kept even if the step is renamed or deleted.")
    next_node_id = fields.Many2one("crm.flow.node", string="Next Step",
                                   ondelete="set null", readonly=True)
    outcome = fields.Selection(OUTCOMES, required=True, readonly=True)
    state_after = fields.Selection(
        [("running", "In Progress"), ("done", "Done"),
         ("failed", "Exception"), ("void", "Void")],
        readonly=True)
    user_id = fields.Many2one("res.users", string="By", required=True,
                              readonly=True, ondelete="restrict")
    date = fields.Datetime(required=True, readonly=True,
                           default=fields.Datetime.now)
    note = fields.Text(readonly=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments",
                                      readonly=True)
    document_name = fields.Char(compute="_compute_document_name")

    def _compute_document_name(self):
        by_model = {}
        for log in self:
            by_model.setdefault(log.res_model, set()).add(log.res_id)
        names = {}
        for model_name, ids in by_model.items():
            if model_name in self.env:
                docs = self.env[model_name].sudo().browse(list(ids)).exists()
                for doc_id, name in docs.name_get():
                    names[(model_name, doc_id)] = name
        for log in self:
            log.document_name = names.get((log.res_model, log.res_id), "")

    def _readable_documents(self):
        """{model: ids} of the logs' documents the current user may read."""
        by_model = {}
        for log in self.sudo():
            by_model.setdefault(log.res_model, set()).add(log.res_id)
        allowed = {}
        for model_name, ids in by_model.items():
            if model_name not in self.env:
                continue
            model = self.env[model_name]
            if not model.check_access_rights("read", raise_exception=False):
                continue
            allowed[model_name] = set(model.search([("id", "in", list(ids))]).ids)
        return allowed

    @api.multi
    def check_access_rule(self, operation):
        """A log line is visible to whoever may read its document."""
        super().check_access_rule(operation)
        if self.env.user._is_superuser() or not self:
            return
        allowed = self._readable_documents()
        for log in self.sudo():
            if log.res_id not in allowed.get(log.res_model, ()):
                # no read right on the model, an uninstalled model, a
                # document hidden by its rules or deleted: refused alike
                raise AccessError(
                    _("You cannot see this flow log: you may not read its "
                      "document (%s).") % log.res_model)

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        self.check_access_rule("read")
        return super().read(fields=fields, load=load)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None,
                   orderby=False, lazy=True):
        """Groups count only the lines whose document the user may read
        (read_group does not go through _search's filter)."""
        if not self.env.user._is_superuser():
            domain = [("id", "in", self.search(domain or []).ids)]
        return super().read_group(domain, fields, groupby, offset=offset,
                                  limit=limit, orderby=orderby, lazy=lazy)

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False,
                access_rights_uid=None):
        ids = super()._search(args, offset=offset, limit=limit, order=order,
                              count=False, access_rights_uid=access_rights_uid)
        if self.env.user._is_superuser() or not ids:
            return len(ids) if count else ids
        logs = self.browse(ids)
        allowed = logs._readable_documents()
        visible = [log.id for log in logs.sudo()
                   if log.res_id in allowed.get(log.res_model, ())]
        return len(visible) if count else visible
