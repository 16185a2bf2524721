# size: one mixin hosts inherit whole: transition rules and the buttons it injects in views
from collections import OrderedDict

from lxml import etree

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from odoo.addons.crm_security.models.owned_fields import FLOW, FLOW_NO_AUTOSTART

from ..constants import ACTIONS, FLOW_STATES, OUTCOMES

FLOW_FIELDS = ("flow_id", "flow_node_id", "flow_state")


def flow_transition(records):
    """``records`` as the flow engine moves them: the flow fields, the locks
    of locking steps and the guards of the documents' own actions (confirm,
    cancel...) let the engine through. Only server code can do this (see
    ``crm_security.models.owned_fields``); documents test it with
    ``FLOW.acts(self.env)``."""
    return FLOW.run(records)


class CrmFlowMixin(models.AbstractModel):
    """Add to any model (``_inherit = ["crm.flow.mixin"]``) to give its
    documents a configurable flow: current step and state, the actions the
    step allows to the users who handle it, a write guard for locking steps,
    a log, "my queue", row colours, and buttons injected into its views.

    Documents react to steps through hook methods named after the step's
    code: ``_crm_flow_enter_<code>(node, outcome)`` and
    ``_crm_flow_leave_<code>(node, outcome)``; raising UserError in a hook
    cancels the whole transition."""

    _name = "crm.flow.mixin"
    _description = "Document in a Processing Flow"
    _crm_flow_document = True
    # start the matching flow when a document is created
    _crm_flow_autostart = False
    # the flow engine alone moves documents (write and create)
    _crm_owned_fields = {name: FLOW for name in FLOW_FIELDS}

    flow_id = fields.Many2one(
        "crm.flow", string="Flow", readonly=True, copy=False, index=True,
        ondelete="restrict")
    flow_node_id = fields.Many2one(
        "crm.flow.node", string="Step", readonly=True, copy=False, index=True,
        ondelete="restrict")
    flow_state = fields.Selection(
        FLOW_STATES, string="Flow Status", default="draft", required=True,
        readonly=True, copy=False, index=True)
    flow_log_ids = fields.One2many(
        "crm.flow.log", "res_id", string="Flow Log", readonly=True,
        domain=lambda self: [("res_model", "=", self._name)])
    flow_is_mine = fields.Boolean(
        "In My Queue", compute="_compute_flow_actions",
        search="_search_flow_is_mine")
    flow_can_start = fields.Boolean(compute="_compute_flow_actions")
    flow_can_pass = fields.Boolean(compute="_compute_flow_actions")
    flow_can_fail = fields.Boolean(compute="_compute_flow_actions")
    flow_can_void = fields.Boolean(compute="_compute_flow_actions")
    flow_can_send_back = fields.Boolean(compute="_compute_flow_actions")

    @api.depends("flow_node_id", "flow_state")
    def _compute_flow_actions(self):
        user = self.env.user
        for doc in self:
            node = doc.flow_node_id
            mine = bool(doc.flow_state == "running" and node
                        and node._is_handled_by(user, doc))
            doc.flow_is_mine = mine
            doc.flow_can_start = doc.flow_state == "draft"
            doc.flow_can_pass = mine and node.allow_pass
            doc.flow_can_fail = mine and node.allow_fail
            doc.flow_can_void = mine and node.allow_void
            doc.flow_can_send_back = bool(
                mine and node.allow_send_back and node._previous())

    def _search_flow_is_mine(self, operator, value):
        # a search method's domain is spliced into the caller's: normalise it
        domain = expression.AND([
            [("flow_state", "=", "running")],
            self.env["crm.flow.node"]._handler_domain(
                self._name, self.env.user),
        ])
        positive = (operator == "=") == bool(value)
        return domain if positive else ["!"] + domain

    # ------------------------------------------------------------------
    # CRUD and the write guard
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        record = super().create(vals)
        if self._crm_flow_autostart and not FLOW_NO_AUTOSTART.acts(self.env):
            flows = self.env["crm.flow"].sudo()._select_for(record)
            if flows.get(record.id):
                record.crm_flow_start()
        return record

    @api.multi
    def write(self, vals):
        if not FLOW.acts(self.env):
            self._crm_flow_check_write(set(vals))
        return super().write(vals)

    def _crm_flow_unlocked_fields(self):
        """Fields that stay writable while a step locks the document
        (chatter, activities, followers). Extend to add more."""
        return {name for name in self._fields
                if name.startswith(("message_", "activity_"))} | {
            "write_date", "write_uid"}

    def _crm_flow_check_write(self, names):
        # the flow fields themselves are refused by crm_security's guard
        locked_fields = names - self._crm_flow_unlocked_fields() - set(
            FLOW_FIELDS)
        if not locked_fields:
            return
        locked = self.filtered(
            lambda d: d.flow_state == "running"
            and d.flow_node_id.lock_document)
        if locked:
            raise UserError(
                _("%s is at step %s, which locks it: it can only be handled "
                  "through its flow actions.")
                % (locked[0].display_name, locked[0].flow_node_id.name))

    # ------------------------------------------------------------------
    # Actions (buttons)
    # ------------------------------------------------------------------
    @api.multi
    def action_flow_start(self):
        self.crm_flow_start()
        return True

    @api.multi
    def action_flow_pass(self):
        return self._crm_flow_open_transition("pass")

    @api.multi
    def action_flow_fail(self):
        return self._crm_flow_open_transition("fail")

    @api.multi
    def action_flow_void(self):
        return self._crm_flow_open_transition("void")

    @api.multi
    def action_flow_send_back(self):
        return self._crm_flow_open_transition("send_back")

    def _crm_flow_open_transition(self, outcome):
        """Open the dialog asking for a note and attachments."""
        self._crm_flow_check_can(outcome)
        return {
            "type": "ir.actions.act_window",
            "name": dict(OUTCOMES)[outcome],
            "res_model": "crm.flow.transition",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_ids": ",".join(str(i) for i in self.ids),
                "default_outcome": outcome,
            },
        }

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------
    @api.multi
    def crm_flow_start(self, flow=None):
        """Put documents into their flow (the given one, or the first whose
        condition matches) at its first active step."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        # over RPC ``flow`` would be an id or anything else: only server
        # code passes a flow (a record of this document type)
        if flow is not None and not (
                isinstance(flow, models.BaseModel) and flow._name == "crm.flow"
                and len(flow) <= 1
                and (not flow or flow.sudo().model == self._name)):
            raise UserError(_("Choose a flow of this kind of document."))
        if not flow:
            chosen = self.env["crm.flow"].sudo()._select_for(self)
        groups = OrderedDict()
        for doc in self:
            if doc.flow_state == "running":
                raise UserError(_("%s is already in a flow.") % doc.display_name)
            if doc.flow_state != "draft":
                # a finished, failed or void document is not started again
                raise UserError(
                    _("%s has already been through its flow.")
                    % doc.display_name)
            doc_flow = flow or chosen.get(doc.id)
            if not doc_flow:
                raise UserError(
                    _("No flow applies to %s. Ask an administrator to set "
                      "one up under Call Center > Configuration > Flows.")
                    % doc.display_name)
            groups.setdefault(doc_flow, []).append(doc.id)
        for doc_flow, ids in groups.items():
            first = doc_flow._first_node()
            if not first:
                raise UserError(_("Flow %s has no active step.") % doc_flow.name)
            docs = self.browse(ids)
            docs._crm_flow_write(doc_flow, first, "running")
            docs._crm_flow_log("start", None, first, "running")
            docs._crm_flow_hook("enter", first, "start")
        return True

    @api.multi
    def crm_flow_act(self, outcome, note=False, attachment_ids=None):
        """Handle the current step of each document with ``outcome`` (pass,
        fail, void or send_back) and move it on, in one batch."""
        if outcome not in ACTIONS:
            raise UserError(_("Unknown flow outcome: %s") % outcome)
        self.check_access_rights("read")
        self.check_access_rule("read")
        self._crm_flow_check_can(outcome)
        self._crm_flow_check_attachments(attachment_ids)
        groups = OrderedDict()
        for doc in self:
            target, state = doc._crm_flow_target(doc.flow_node_id, outcome)
            groups.setdefault((doc.flow_node_id, target, state), []).append(
                doc.id)
        for (node, target, state), ids in groups.items():
            docs = self.browse(ids)
            docs._crm_flow_hook("leave", node, outcome)
            flow = self.env["crm.flow"].browse(node._flow_info()["flow_id"])
            docs._crm_flow_write(flow, target, state)
            docs._crm_flow_log(outcome, node, target, state, note,
                               attachment_ids)
            if state == "running" and target != node:
                docs._crm_flow_hook("enter", target, outcome)
        return True

    def _crm_flow_check_attachments(self, attachment_ids):
        """The log lists attachments with sudo: each must already belong to
        one of the documents, or be a file the user may adopt."""
        attachments = self.env["ir.attachment"].browse(attachment_ids or [])
        on_documents = attachments.sudo().filtered(
            lambda a: a.res_model == self._name and a.res_id in self.ids)
        (attachments - attachments.browse(on_documents.ids))._crm_check_adoptable()

    def _crm_flow_check_can(self, outcome):
        user = self.env.user
        label = dict(OUTCOMES)[outcome]
        for doc in self:
            node = doc.flow_node_id
            if doc.flow_state != "running" or not node:
                raise UserError(
                    _("%s is not waiting at a step of a flow.")
                    % doc.display_name)
            if not node._flow_info()["allow_" + outcome]:
                raise UserError(
                    _("Step %s does not allow '%s'.") % (node.name, label))
            if not node._is_handled_by(user, doc):
                raise AccessError(
                    _("You do not handle step %s of %s.")
                    % (node.name, doc.display_name))
            if outcome == "send_back" and not node._previous():
                raise UserError(
                    _("%s is at the first step; there is nothing to send it "
                      "back to.") % doc.display_name)

    def _crm_flow_target(self, node, outcome):
        """(step, state) a document at ``node`` reaches with ``outcome``."""
        if outcome == "pass":
            following = node._next()
            return (following, "running") if following else (node, "done")
        if outcome == "fail":
            fail_node = node.browse(node._flow_info()["fail_node_id"])
            if fail_node:
                return fail_node, "running"
            return node, "failed"
        if outcome == "send_back":
            return node._previous(), "running"
        return node, "void"

    def _crm_flow_write(self, flow, node, state):
        flow_transition(self.sudo()).write({
            "flow_id": flow.id,
            "flow_node_id": node.id,
            "flow_state": state,
        })

    def _crm_flow_log(self, outcome, node, target, state, note=False,
                      attachment_ids=None):
        Log = self.env["crm.flow.log"].sudo()
        step = node or target
        info = step._flow_info()
        for doc in self:
            Log.create({
                "res_model": self._name,
                "res_id": doc.id,
                "flow_id": info["flow_id"],
                "node_id": step.id,
                "node_name": info["name"],
                "next_node_id": target.id if target and target != node else False,
                "outcome": outcome,
                "state_after": state,
                "user_id": self.env.uid,
                "note": note,
                "attachment_ids": [(6, 0, attachment_ids or [])],
            })

    def _crm_flow_hook(self, event, node, outcome):
        # hooks belong to the flow: they may write locked documents
        code = node._flow_info()["code"]
        method = code and getattr(
            flow_transition(self),
            "_crm_flow_%s_%s" % (event, code), None)
        if method:
            method(node, outcome)

    @api.model
    def _crm_flow_count_by(self, field_name, ids, domain=None):
        """{id: count} of documents per value of ``field_name`` in one
        grouped query (the caller's access rules apply)."""
        groups = self.with_context(active_test=False).read_group(
            [(field_name, "in", ids)] + (domain or []),
            [field_name], [field_name])
        return {g[field_name][0]: g[field_name + "_count"]
                for g in groups if g[field_name]}

    # ------------------------------------------------------------------
    # Views: every document view gets the flow buttons, status and colours
    # ------------------------------------------------------------------
    @api.model
    def _fields_view_get(self, view_id=None, view_type="form", toolbar=False,
                         submenu=False):
        result = super()._fields_view_get(
            view_id=view_id, view_type=view_type, toolbar=toolbar,
            submenu=submenu)
        inject = getattr(self, "_crm_flow_inject_%s" % view_type, None)
        if inject and result.get("arch"):
            arch = etree.fromstring(result["arch"])
            if arch.get("crm_flow") != "0" and not arch.xpath(
                    "//field[@name='flow_node_id']"):
                inject(arch)
                result["arch"] = etree.tostring(arch, encoding="unicode")
        return result

    def _crm_flow_inject_form(self, arch):
        header = arch.find("header")
        if header is None:
            header = etree.Element("header")
            arch.insert(0, header)
        buttons = [
            ("action_flow_start", _("Start Flow"), "flow_can_start", True),
            ("action_flow_pass", _("Pass"), "flow_can_pass", True),
            ("action_flow_send_back", _("Send Back"), "flow_can_send_back",
             False),
            ("action_flow_fail", _("Fail"), "flow_can_fail", False),
            ("action_flow_void", _("Void"), "flow_can_void", False),
        ]
        for name, label, flag, highlight in buttons:
            etree.SubElement(header, "field", name=flag, invisible="1")
            etree.SubElement(
                header, "button", name=name, type="object", string=label,
                attrs="{'invisible': [('%s', '=', False)]}" % flag,
                **({"class": "oe_highlight"} if highlight else {}))
        etree.SubElement(header, "field", name="flow_id", invisible="1")
        etree.SubElement(header, "field", name="flow_state", invisible="1")
        etree.SubElement(
            header, "field", name="flow_node_id", widget="statusbar",
            domain="[('flow_id', '=', flow_id)]",
            attrs="{'invisible': [('flow_id', '=', False)]}")
        sheet = arch.find("sheet")
        parent = sheet if sheet is not None else arch
        banner = etree.Element(
            "div", role="alert", **{
                "class": "alert alert-warning o_crm_flow_state",
                "attrs": "{'invisible': [('flow_state', 'not in', "
                         "['failed', 'void', 'done'])]}"})
        etree.SubElement(banner, "field", name="flow_state", readonly="1")
        parent.insert(0, banner)
        log = etree.SubElement(parent, "group", string=_("Flow Log"),
                               attrs="{'invisible': [('flow_id', '=', False)]}")
        etree.SubElement(log, "field", name="flow_log_ids", nolabel="1",
                         colspan="2")

    def _crm_flow_inject_tree(self, arch):
        # colour rows by the step's id, known now, rather than by a related
        # field that would cost a computation per row on every list read
        nodes = self.env["crm.flow.node"].sudo().with_context(
            active_test=False).search_read(
                [("model", "=", self._name)], ["decoration"])
        by_decoration = {}
        for node in nodes:
            by_decoration.setdefault(node["decoration"], []).append(node["id"])
        for decoration, node_ids in sorted(by_decoration.items()):
            if decoration:
                arch.set("decoration-%s" % decoration,
                         "flow_node_id in %s" % sorted(node_ids))
        etree.SubElement(arch, "field", name="flow_node_id")
        etree.SubElement(arch, "field", name="flow_state")

    def _crm_flow_inject_search(self, arch):
        etree.SubElement(arch, "field", name="flow_node_id")
        etree.SubElement(arch, "field", name="flow_id")
        etree.SubElement(arch, "separator")
        etree.SubElement(arch, "filter", name="flow_my_queue",
                         string=_("My Queue"),
                         domain="[('flow_is_mine', '=', True)]")
        etree.SubElement(arch, "filter", name="flow_running",
                         string=_("In Progress"),
                         domain="[('flow_state', '=', 'running')]")
        etree.SubElement(arch, "filter", name="flow_failed",
                         string=_("Exceptions"),
                         domain="[('flow_state', '=', 'failed')]")
        group = etree.SubElement(arch, "group", string=_("Group By"))
        etree.SubElement(group, "filter", name="groupby_flow_node",
                         string=_("Step"),
                         context="{'group_by': 'flow_node_id'}")
