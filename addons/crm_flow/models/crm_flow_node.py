from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

DECORATIONS = [
    ("info", "Blue"),
    ("primary", "Dark blue"),
    ("success", "Green"),
    ("warning", "Orange"),
    ("danger", "Red"),
    ("muted", "Grey"),
]

#: the order of a flow's steps: "pass" moves a document to the following
#: active step, "send back" to the preceding one (the one definition: the
#: model's ``_order``, the engine and ``crm.flow._first_node`` use it)
STEP_ORDER = ("sequence", "id")


def step_order_key(node):
    """Sort key of a step in its flow (see ``STEP_ORDER``)."""
    return tuple(node[name] for name in STEP_ORDER)


class CrmFlowNode(models.Model):
    """One step of a flow: who handles it, which outcomes it allows, whether
    it locks the document, and how its documents are coloured in lists."""

    _name = "crm.flow.node"
    _description = "Flow Step"
    _order = ", ".join(("flow_id",) + STEP_ORDER)

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        help="Technical key: documents run their hook methods "
             "_crm_flow_enter_<code> / _crm_flow_leave_<code> at this step.",
    )
    active = fields.Boolean(
        default=True,
        help="Archived steps are skipped by new documents; documents already "
             "at an archived step can still be handled.",
    )
    sequence = fields.Integer(default=10)
    flow_id = fields.Many2one(
        "crm.flow", required=True, ondelete="cascade", index=True)
    model = fields.Char(related="flow_id.model", store=True, readonly=True)
    group_ids = fields.Many2many(
        "res.groups", string="Handled by Groups",
        help="Members of these groups may handle documents at this step.")
    user_ids = fields.Many2many(
        "res.users", string="Handled by Users",
        help="These users may handle documents at this step.")
    user_field_id = fields.Many2one(
        "ir.model.fields", string="Handled by Document Field",
        ondelete="set null",
        domain="[('model', '=', model), ('ttype', '=', 'many2one'), "
               "('relation', '=', 'res.users')]",
        help="The user named in this field of the document may handle it "
             "(e.g. the assigned agent).")
    allow_pass = fields.Boolean("Pass", default=True)
    allow_fail = fields.Boolean("Fail")
    allow_void = fields.Boolean("Void")
    allow_send_back = fields.Boolean("Send Back")
    fail_node_id = fields.Many2one(
        "crm.flow.node", string="On Failure Go To", ondelete="set null",
        domain="[('flow_id', '=', flow_id), ('id', '!=', id)]",
        help="Leave empty to put failed documents in the exception list.")
    lock_document = fields.Boolean(
        help="While a document waits at this step nobody may edit it; only "
             "the flow's actions change it.")
    decoration = fields.Selection(
        DECORATIONS, string="Row Colour", default="info")
    waiting_count = fields.Integer(
        "Waiting", compute="_compute_waiting_count",
        help="Documents waiting at this step that you handle.")
    is_mine = fields.Boolean(
        compute="_compute_is_mine", search="_search_is_mine")
    has_waiting = fields.Boolean(
        "With Work", compute="_compute_waiting_count", search="_search_has_waiting",
        help="Steps where documents you handle are waiting.")

    def _compute_waiting_count(self):
        self.update({"waiting_count": 0, "has_waiting": False})
        for model_name, nodes in self._group_by_model().items():
            model = self.env[model_name]
            if not model.check_access_rights("read", raise_exception=False):
                continue  # documents the user may not read wait for others
            # "mine" already means running at a step the user handles
            counts = model._crm_flow_count_by(
                "flow_node_id", nodes.ids, [("flow_is_mine", "=", True)])
            for node in nodes:
                node.waiting_count = counts.get(node.id, 0)
                node.has_waiting = bool(node.waiting_count)

    def _search_has_waiting(self, operator, value):
        """Steps (of the user's) where documents the user handles wait: one
        grouped count per document model."""
        nodes = self.search([("is_mine", "=", True)])
        waiting = [node.id for node in nodes if node.waiting_count]
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", waiting)]

    def _compute_is_mine(self):
        user = self.env.user
        for node in self:
            node.is_mine = node._is_handled_by(user)

    def _search_is_mine(self, operator, value):
        user = self.env.user
        domain = [
            "|", "|",
            ("user_ids", "in", user.ids),
            ("group_ids", "in", user.groups_id.ids),
            ("user_field_id", "!=", False),
        ]
        positive = (operator == "=") == bool(value)
        return domain if positive else ["!"] + domain

    @api.constrains("name", "group_ids", "user_ids", "user_field_id")
    def _check_handlers(self):
        for node in self:
            if not (node.group_ids or node.user_ids or node.user_field_id):
                raise ValidationError(
                    _("Step %s needs someone to handle it: choose groups, "
                      "users or a user field of the document.") % node.name)

    @api.constrains("fail_node_id", "flow_id")
    def _check_fail_node(self):
        for node in self:
            if node.fail_node_id and node.fail_node_id.flow_id != node.flow_id:
                raise ValidationError(
                    _("Step %s can only send failures to a step of the same "
                      "flow.") % node.name)

    @api.model
    def create(self, vals):
        node = super().create(vals)
        # after the rights checks: anyone may call create over RPC
        self.clear_caches()
        return node

    @api.multi
    def write(self, vals):
        if "flow_id" in vals:
            for node in self:
                if node.flow_id.id != vals["flow_id"] and node._document_count():
                    raise UserError(
                        _("Documents are waiting at step %s; it cannot move "
                          "to another flow.") % node.name)
        result = super().write(vals)
        self.clear_caches()
        return result

    @api.multi
    def unlink(self):
        for node in self:
            count = node._document_count()
            if count:
                raise UserError(
                    _("%d documents are at step %s; "
                      "archive the step instead of deleting it, so they "
                      "can finish.") % (count, node.name))
        result = super().unlink()
        self.clear_caches()
        return result

    @api.multi
    def action_open_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": "%s: %s" % (self.flow_id.name, self.name),
            "res_model": self.model,
            "view_mode": "tree,form",
            "domain": [("flow_node_id", "=", self.id),
                       ("flow_state", "=", "running")],
            "context": {"search_default_flow_my_queue": 1},
        }

    def _group_by_model(self):
        result = {}
        for node in self:
            if node.model and node.model in self.env:
                result.setdefault(node.model, self.browse())
                result[node.model] |= node
        return result

    def _document_count(self):
        self.ensure_one()
        if not self.model or self.model not in self.env:
            return 0
        return self.env[self.model].sudo().with_context(
            active_test=False).search_count([("flow_node_id", "=", self.id)])

    def _is_handled_by(self, user, document=None):
        """Whether ``user`` handles this step (for ``document`` when the step
        names a user field of the document)."""
        self.ensure_one()
        info = self._flow_info()
        if user._is_superuser() or user.id in info["user_ids"]:
            return True
        if info["group_ids"] & self._flow_user_group_ids(user.id):
            return True
        if info["user_field"] and document is not None:
            return document[info["user_field"]] == user
        return False

    # ------------------------------------------------------------------
    # The structure of the flows, cached: a transition reads no step
    # ------------------------------------------------------------------
    def _flow_info(self):
        """What the engine needs of this step (handlers, outcomes, code,
        translated name, next and previous active steps) as a read-only
        dict, from the registry cache: cleared whenever a step or a flow
        is created, changed or deleted."""
        self.ensure_one()
        return self._flow_node_info(self.id, self.env.lang or "en_US")

    @api.model
    @tools.ormcache("node_id", "lang")
    def _flow_node_info(self, node_id, lang):
        node = self.sudo().with_context(lang=lang, active_test=False).browse(
            node_id)
        ordered = node.flow_id.node_ids.filtered("active").sorted(
            step_order_key)
        key = step_order_key(node)
        later = ordered.filtered(lambda n: step_order_key(n) > key)[:1]
        earlier = ordered.filtered(lambda n: step_order_key(n) < key)[-1:]
        return {
            "flow_id": node.flow_id.id,
            "code": node.code or False,
            "name": node.name,
            "allow_pass": node.allow_pass,
            "allow_fail": node.allow_fail,
            "allow_void": node.allow_void,
            "allow_send_back": node.allow_send_back,
            "fail_node_id": node.fail_node_id.id,
            "lock_document": node.lock_document,
            "user_ids": frozenset(node.user_ids.ids),
            "group_ids": frozenset(node.group_ids.ids),
            "user_field": node.user_field_id.name or False,
            "next_id": later.id,
            "previous_id": earlier.id,
        }

    @api.model
    @tools.ormcache("uid")
    def _flow_user_group_ids(self, uid):
        """Groups of a user (implied ones included), cached: Odoo clears
        the registry cache whenever group memberships change."""
        self.env.cr.execute(
            "SELECT gid FROM res_groups_users_rel WHERE uid = %s", (uid,))
        return frozenset(row[0] for row in self.env.cr.fetchall())

    @api.model
    def _handler_domain(self, model_name, user):
        """Domain on documents of ``model_name`` waiting at a step ``user``
        handles: the basis of "my queue". Indexed on flow_node_id."""
        nodes = self.sudo().with_context(active_test=False).search(
            [("model", "=", model_name)])
        direct = nodes.filtered(
            lambda n: user in n.user_ids or n.group_ids & user.groups_id)
        if user._is_superuser():
            direct = nodes
        clauses = [[("flow_node_id", "in", direct.ids)]]
        by_field = {}
        for node in nodes - direct:
            if node.user_field_id:
                by_field.setdefault(node.user_field_id.name, []).append(node.id)
        for field_name, node_ids in sorted(by_field.items()):
            clauses.append(["&", ("flow_node_id", "in", node_ids),
                            (field_name, "=", user.id)])
        return expression.OR(clauses)

    def _next(self):
        """The step after this one among the flow's active steps (works for
        archived steps too, so their documents can move on)."""
        self.ensure_one()
        return self.browse(self._flow_info()["next_id"])

    def _previous(self):
        self.ensure_one()
        return self.browse(self._flow_info()["previous_id"])
