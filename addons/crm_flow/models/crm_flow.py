import ast

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from .crm_flow_node import step_order_key

#: names a flow condition may use; each becomes a constant before parsing
CONDITION_PLACEHOLDERS = ("uid", "user_id", "today", "now")
DOMAIN_OPERATORS = ("&", "|", "!")


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
        result = super().write(vals)
        # steps cache their flow's structure (crm.flow.node._flow_info):
        # cleared once the write passed the rights checks
        self.clear_caches()
        return result

    @api.multi
    def unlink(self):
        for flow in self:
            if flow.document_count:
                raise UserError(
                    _("Flow %s has %d documents; archive it instead of "
                      "deleting it.") % (flow.name, flow.document_count))
        result = super().unlink()
        self.clear_caches()
        return result

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

    def _get_condition_domain(self, uid=None):
        """The condition as a domain. It is parsed, never evaluated: a
        literal list of ``(field path, operator, literal value)`` leaves and
        ``'&'``, ``'|'``, ``'!'``, where the values may use the placeholders
        ``uid``/``user_id`` (the user whose documents are matched), ``today``
        and ``now``."""
        self.ensure_one()
        text = (self.condition_domain or "").strip()
        if not text:
            return []
        uid = uid or self.env.uid
        values = {"uid": uid, "user_id": uid,
                  "today": self.env.user.company_id._cc_today(),
                  "now": fields.Datetime.now()}
        try:
            tree = ast.parse(text, mode="eval")
        except SyntaxError:
            raise ValidationError(_("The condition is not a list of filters."))

        class Placeholders(ast.NodeTransformer):
            def visit_Name(self, node):
                if node.id in values:
                    return ast.copy_location(ast.Str(s=values[node.id]), node) \
                        if isinstance(values[node.id], str) else \
                        ast.copy_location(ast.Num(n=values[node.id]), node)
                if node.id in ("True", "False", "None"):
                    return node
                raise ValidationError(
                    _("Unknown name %s in the condition; use only %s.")
                    % (node.id, ", ".join(CONDITION_PLACEHOLDERS)))

        try:
            domain = ast.literal_eval(Placeholders().visit(tree).body)
        except ValueError:
            raise ValidationError(
                _("The condition may contain only fixed values."))
        return self._check_domain_shape(domain)

    def _check_domain_shape(self, domain):
        """``domain`` if it is a list of operators and 3-item leaves on
        existing fields of the flow's model."""
        if not isinstance(domain, (list, tuple)):
            raise ValidationError(_("The condition is not a list of filters."))
        model = self.env[self.model] if self.model in self.env else None
        result = []
        for leaf in domain:
            if isinstance(leaf, str) and leaf in DOMAIN_OPERATORS:
                result.append(leaf)
                continue
            if not (isinstance(leaf, (list, tuple)) and len(leaf) == 3
                    and isinstance(leaf[0], str)
                    and leaf[1] in expression.TERM_OPERATORS):
                raise ValidationError(
                    _("%s is not a filter (field, operator, value).")
                    % (leaf,))
            if model is not None:
                self._check_field_path(model, leaf[0])
            result.append(tuple(leaf))
        try:
            return expression.normalize_domain(result)
        except (AssertionError, ValueError):
            raise ValidationError(_("The condition's operators are unbalanced."))

    def _check_field_path(self, model, path):
        names = path.split(".")
        for position, name in enumerate(names):
            field = model._fields.get(name)
            if not field:
                raise ValidationError(
                    _("%s has no field %s.") % (model._description, name))
            if position + 1 < len(names):
                if not field.relational:
                    raise ValidationError(
                        _("%s is not a relation: it cannot be followed.")
                        % name)
                model = self.env[field.comodel_name]

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
                [("id", "in", remaining.ids)]
                + flow._get_condition_domain(uid=documents.env.uid))
            for doc in matched:
                chosen[doc.id] = flow
            remaining -= matched
        return chosen

    def _first_node(self):
        self.ensure_one()
        nodes = self.node_ids.filtered("active").sorted(step_order_key)
        return nodes[:1]
