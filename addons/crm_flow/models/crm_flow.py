from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval


class CrmFlow(models.Model):
    """A processing flow: the ordered nodes a document of one model goes
    through. When several flows exist for a model, the first (by sequence)
    whose condition matches the document is used."""

    _name = "crm.flow"
    _description = "Processing Flow"
    _order = "model, sequence, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    model_id = fields.Many2one(
        "ir.model", string="Document Type", required=True, ondelete="cascade",
        domain=lambda self: [("model", "in", self._get_flow_models())],
    )
    model = fields.Char(
        related="model_id.model", store=True, readonly=True, index=True,
    )
    company_id = fields.Many2one(
        "res.company", string="Company",
        default=lambda self: self.env.user.company_id,
        help="Leave empty to share the flow between companies.",
    )
    condition_domain = fields.Char(
        string="Applies When", default="[]",
        help="Documents matching this filter get this flow. An empty filter "
             "matches every document; flows are tried in sequence order.",
    )
    node_ids = fields.One2many(
        "crm.flow.node", "flow_id", string="Steps", copy=True,
        context={"active_test": False},
    )
    note = fields.Text(translate=True)
    document_count = fields.Integer(compute="_compute_document_count")

    def _compute_document_count(self):
        for model_name, flows in self._group_by_model().items():
            counts = self.env[model_name]._crm_flow_count_by("flow_id", flows.ids)
            for flow in flows:
                flow.document_count = counts.get(flow.id, 0)

    @api.model
    def _get_flow_models(self):
        """Names of the models that use flows (they inherit the mixin)."""
        return sorted(
            name for name, model in self.env.registry.items()
            if not model._abstract and getattr(model, "_crm_flow_document", False)
        )

    @api.constrains("model_id")
    def _check_model_id(self):
        allowed = self._get_flow_models()
        for flow in self:
            if flow.model_id.model not in allowed:
                raise ValidationError(
                    _("Documents of type %s cannot follow a flow.")
                    % flow.model_id.name)

    @api.constrains("condition_domain")
    def _check_condition_domain(self):
        for flow in self:
            try:
                domain = flow._get_condition_domain()
                self.env[flow.model].search_count(domain)
            except Exception as exc:  # any error: the domain is unusable
                raise ValidationError(
                    _("The condition of flow %s is not a valid filter: %s")
                    % (flow.name, exc))

    @api.multi
    def write(self, vals):
        if "model_id" in vals:
            for flow in self:
                if flow.model_id.id != vals["model_id"] and flow.document_count:
                    raise UserError(
                        _("Flow %s already has documents; create a new flow "
                          "instead of changing its document type.") % flow.name)
        # steps cache their flow's structure (crm.flow.node._flow_info)
        self.clear_caches()
        return super().write(vals)

    @api.multi
    def unlink(self):
        for flow in self:
            if flow.document_count:
                raise UserError(
                    _("Flow %s has %d documents; archive it instead of "
                      "deleting it.") % (flow.name, flow.document_count))
        self.clear_caches()
        return super().unlink()

    @api.multi
    def action_open_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self.model,
            "view_mode": "tree,form",
            "domain": [("flow_id", "=", self.id)],
        }

    def _group_by_model(self):
        result = {}
        for flow in self:
            if flow.model and flow.model in self.env:
                result.setdefault(flow.model, self.browse())
                result[flow.model] |= flow
        return result

    def _get_condition_domain(self):
        self.ensure_one()
        if not self.condition_domain:
            return []
        return safe_eval(self.condition_domain, {
            "uid": self.env.uid, "user": self.env.user,
            "context_today": fields.Date.context_today,
        })

    @api.model
    def _select_for(self, documents):
        """Return {document id: flow} for the documents, using the first
        active flow of their model whose condition matches."""
        flows = self.search([
            ("model", "=", documents._name),
            ("company_id", "in", [False] + documents.env.user.company_ids.ids),
        ])
        chosen = {}
        remaining = documents
        for flow in flows:
            if not remaining:
                break
            if not flow.node_ids.filtered("active"):
                continue
            matched = remaining.search(
                [("id", "in", remaining.ids)] + flow._get_condition_domain())
            for doc in matched:
                chosen[doc.id] = flow
            remaining -= matched
        return chosen

    def _first_node(self):
        self.ensure_one()
        nodes = self.node_ids.filtered("active").sorted(
            lambda n: (n.sequence, n.id))
        return nodes[:1]
