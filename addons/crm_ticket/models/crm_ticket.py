# size: flow steps, SLA, rating, mail gateway, export of one model; to split per behaviour
import zlib
from datetime import datetime, timedelta

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError

from odoo.addons.crm_flow.models.crm_flow_mixin import flow_transition
from odoo.addons.crm_security.models.owned_fields import FLOW, RATING, WEB_FORM

from ..constants import ACCEPTANCE_TYPES, SOURCES, STAGES, STEP_CODES

# the email alias (alias_contact=everyone): tickets per sender and in all,
# per EMAIL_WINDOW
EMAIL_SENDER_LIMIT = 5
EMAIL_GLOBAL_LIMIT = 200
EMAIL_WINDOW = timedelta(hours=1)
EMAIL_LOCK = zlib.crc32(b"crm_ticket.email_alias")


def _escape_like(value):
    """``value`` for an exact (=like/=ilike) match: its wildcards escaped."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class CrmTicket(models.Model):
    """A ticket (工单): what a customer asked for, entered by an agent, either
    resolved on the call or dispatched into the flow of its business type."""

    _name = "crm.ticket"
    _description = "Ticket"
    _inherit = ["mail.thread", "mail.activity.mixin", "crm.flow.mixin",
                "portal.mixin", "crm.list.page.mixin", "crm.period.mixin"]
    _cc_period_field = "create_date"
    _order = "id desc"
    # set by the flow (status, deadlines, escalation), the customer's rating
    # page and the public web form, never by hand
    _crm_owned_fields = dict(
        dict.fromkeys(("stage", "close_date", "sla_id", "sla_deadline",
                       "sla_overdue", "expert_id", "escalation_reason",
                       "escalation_date"), FLOW),
        rating=RATING, rating_note=RATING, web_address=WEB_FORM)

    name = fields.Char(
        "Number", required=True, readonly=True, copy=False, index=True,
        default="/")
    subject = fields.Char(track_visibility="onchange")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index=True, ondelete="restrict",
        track_visibility="onchange")
    contact_number = fields.Char(index=True)
    contact_name = fields.Char()
    email = fields.Char()
    type_id = fields.Many2one(
        "crm.ticket.type", string="Business Type", required=True, index=True,
        ondelete="restrict", track_visibility="onchange")
    acceptance_type = fields.Selection(
        ACCEPTANCE_TYPES, required=True, default="consultation",
        index=True, track_visibility="onchange")
    source = fields.Selection(
        SOURCES, required=True, default="phone", index=True)
    priority = fields.Selection(
        [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Urgent")],
        default="1", required=True, index=True)
    description = fields.Text()
    attachment_ids = fields.Many2many(
        "ir.attachment", "crm_ticket_attachment_rel", "ticket_id",
        "attachment_id", string="Attachments")
    user_id = fields.Many2one(
        "res.users", string="Entered by", index=True, readonly=True,
        default=lambda self: self.env.user, ondelete="restrict")
    department_id = fields.Many2one(
        "crm.department", string="Department", index=True,
        default=lambda self: self.env.user.crm_department_id)
    handler_id = fields.Many2one(
        "res.users", string="Handler", index=True,
        track_visibility="onchange",
        help="Who gets the result of the dispatched ticket.", groups="base.group_user")
    handler_department_id = fields.Many2one(
        "crm.department", string="Handling Department", index=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.user.company_id)
    stage = fields.Selection(
        STAGES, string="Status", default="new", required=True, index=True,
        readonly=True, copy=False, track_visibility="onchange")
    step_code = fields.Char(
        related="flow_node_id.code", store=True, readonly=True, index=True)
    needs_callback = fields.Boolean(
        help="The ticket goes through the callback visit before it is "
             "archived.")
    close_date = fields.Datetime(readonly=True, copy=False)
    # get result
    result = fields.Text(copy=False, groups="base.group_user")
    result_user_id = fields.Many2one("res.users", "Result by", copy=False)
    result_date = fields.Datetime(copy=False)
    # reply to the customer
    reply_method = fields.Selection(
        [("phone", "Phone"), ("email", "Email")], copy=False)
    reply_department_id = fields.Many2one(
        "crm.department", string="Replying Department", copy=False)
    satisfaction = fields.Selection(
        [("satisfied", "Satisfied"), ("unsatisfied", "Unsatisfied"),
         ("not_reached", "Not Reached")], copy=False, index=True)
    reply_note = fields.Text("Reply", copy=False, groups="base.group_user")
    reply_user_id = fields.Many2one("res.users", "Replied by", copy=False)
    reply_date = fields.Datetime(copy=False)
    # callback visit
    callback_note = fields.Text("Callback Notes", copy=False, groups="base.group_user")
    callback_user_id = fields.Many2one("res.users", "Called back by",
                                       copy=False)
    callback_date = fields.Datetime(copy=False)
    # on-site repair
    arrival_user_id = fields.Many2one("res.users", "On-site Handler",
                                      copy=False)
    arrival_date = fields.Datetime("Arrived at", copy=False)
    repair_note = fields.Text("Repair Report", copy=False, groups="base.group_user")
    repair_date = fields.Datetime("Repaired at", copy=False)
    # archive
    archive_user_id = fields.Many2one("res.users", "Archived by", copy=False)
    archive_suggestion = fields.Text("Archiving Suggestion", copy=False, groups="base.group_user")
    archive_date = fields.Datetime("Archived on", copy=False)
    # response-time level
    sla_id = fields.Many2one("crm.ticket.sla", string="Response Level",
                             readonly=True, copy=False, groups="base.group_user")
    sla_deadline = fields.Datetime("Step Deadline", readonly=True, copy=False,
                                   index=True, groups="base.group_user")
    sla_overdue = fields.Boolean("Overdue", readonly=True, copy=False,
                                 index=True, groups="base.group_user")
    # portal rating
    rating = fields.Selection(
        [("1", "Very Unsatisfied"), ("2", "Unsatisfied"), ("3", "Neutral"),
         ("4", "Satisfied"), ("5", "Very Satisfied")], copy=False,
        readonly=True)
    rating_note = fields.Text("Rating Comment", copy=False, readonly=True)
    web_address = fields.Char(
        "Submitted from", readonly=True, copy=False, index=True,
        help="Client address of a web-form ticket (for the rate limit).", groups="base.group_user")
    # the caller's earlier tickets, shown while entering
    history_ids = fields.Many2many(
        "crm.ticket", compute="_compute_history_ids",
        string="Earlier Tickets")

    @api.model_cr
    def init(self):
        """The record rules' columns in one index: PostgreSQL counts the
        tickets a user may see (the list's pager) with an index-only scan
        instead of reading every visible ticket's row."""
        result = super().init()
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_ticket_visibility_index
                ON crm_ticket (department_id, handler_department_id, user_id,
                               handler_id, technician_id, company_id)""")
        return result

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        """Lists read the names of the customers and users alone: by default
        Odoo 11 reads every column (~100) of each related record to get its
        display name, which was 4/5 of reading a page of 80 tickets."""
        if len(self) > 1 and self._context.get("prefetch_fields", True):
            self = self.with_context(prefetch_fields=False)
        return super(CrmTicket, self).read(fields=fields, load=load)

    @api.depends("partner_id", "contact_number")
    def _compute_history_ids(self):
        for ticket in self:
            domain = ticket._get_history_domain()
            ticket.history_ids = self.search(domain, limit=20) if domain \
                else self.browse()

    def _get_history_domain(self):
        if self.partner_id:
            domain = [("partner_id", "=", self.partner_id.id)]
        elif self.contact_number:
            domain = [("contact_number", "=", self.contact_number)]
        else:
            return []
        if isinstance(self.id, int):
            domain.append(("id", "!=", self.id))
        return domain

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        partner = self.partner_id
        if partner:
            self.contact_number = (self.contact_number or partner.mobile
                                   or partner.phone)
            self.email = self.email or partner.email
            self.contact_name = self.contact_name or partner.name

    @api.onchange("type_id")
    def _onchange_type_id(self):
        ticket_type = self.type_id
        if ticket_type:
            acceptance_type = ticket_type._get_inherited("acceptance_type")
            if acceptance_type:
                self.acceptance_type = acceptance_type
            self.handler_department_id = ticket_type._get_department()
            self.handler_id = ticket_type._get_inherited("handler_id") or \
                self.handler_id

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code(
                "crm.ticket") or "/"
        if vals.get("partner_id") and not vals.get("contact_number"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["contact_number"] = partner.mobile or partner.phone
        if vals.get("type_id") and not vals.get("handler_department_id"):
            ticket_type = self.env["crm.ticket.type"].browse(vals["type_id"])
            vals["handler_department_id"] = ticket_type._get_department().id
            vals.setdefault("handler_id",
                            ticket_type._get_inherited("handler_id").id)
        ticket = super().create(vals)
        ticket._link_attachments()
        return ticket

    @api.multi
    def write(self, vals):
        before = self.env["ir.attachment"]._crm_relation_ids(
            self, "attachment_ids") if vals.get("attachment_ids") else None
        result = super().write(vals)
        if vals.get("attachment_ids"):
            self._link_attachments(before)
        return result

    def _link_attachments(self, before=None):
        """Link the attachments added to each ticket to it (AccessError for
        files the user did not upload or that belong to another record)."""
        self.env["ir.attachment"]._crm_adopt_new(self, "attachment_ids", before)

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, *args, **kwargs):
        """Messages of tickets that notify nobody skip the chat formatting
        (see ``res.partner._notify_by_chat``)."""
        return super(CrmTicket, self.with_context(crm_ticket_post=True)) \
            .message_post(*args, **kwargs)

    @api.multi
    def _compute_portal_url(self):
        for ticket in self:
            ticket.portal_url = "/my/ticket/%s" % ticket.id

    @api.model
    def _action_open_from_pop(self, partner_id=False, number=False,
                              source="phone"):
        """The ticket form prefilled for a caller, as the screen pop opens
        it (callers may add e.g. ``default_call_id`` to the context)."""
        action = self.env.ref("crm_ticket.crm_ticket_action_new").read()[0]
        action["context"] = {
            "default_partner_id": partner_id,
            "default_contact_number": number,
            "default_source": source,
        }
        action["views"] = [(self.env.ref(
            "crm_ticket.crm_ticket_view_form").id, "form")]
        return action

    # ------------------------------------------------------------------
    # Resolve or dispatch (TK-2)
    # ------------------------------------------------------------------
    def _check_new(self):
        for ticket in self:
            if ticket.stage != "new" or ticket.flow_state != "draft":
                raise UserError(
                    _("Ticket %s was already resolved or dispatched.")
                    % ticket.name)

    @api.multi
    def action_resolve(self):
        """Resolved on this call: nothing more to do."""
        self._check_new()
        self.check_access_rule("write")
        now = fields.Datetime.now()
        flow_transition(self).write({
            "stage": "closed", "close_date": now})
        for ticket in self:
            ticket.message_post(body=_("Resolved on first contact."))
        return True

    @api.multi
    def action_dispatch(self):
        """Dispatch (下发): start the flow of each ticket's business type."""
        self._check_new()
        by_flow = {}
        for ticket in self:
            flow = ticket.type_id._get_flow()
            if not flow:
                raise UserError(
                    _("Business type %s has no flow; ask an Administrator to "
                      "choose one under Call Center > Configuration > "
                      "Business Types.") % ticket.type_id.complete_name)
            by_flow.setdefault(flow, self.browse())
            by_flow[flow] |= ticket
        for flow, tickets in by_flow.items():
            flow_transition(tickets).write(
                {"stage": "processing"})
            tickets.crm_flow_start(flow=flow)
        return True

    @api.multi
    def action_flow_start(self):
        return self.action_dispatch()

    @api.multi
    def action_flow_pass(self):
        """Steps with their own data open their own dialog."""
        codes = set(self.mapped("flow_node_id.code"))
        if len(codes) == 1 and codes <= set(STEP_CODES):
            self._crm_flow_check_can("pass")
            return self._open_step_dialog(codes.pop())
        return super().action_flow_pass()

    def _open_step_dialog(self, code):
        return {
            "type": "ir.actions.act_window",
            "name": self[:1].flow_node_id.name,
            "res_model": "crm.ticket.step",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_ids": [(6, 0, self.ids)],
                "default_step_code": code,
            },
        }

    @api.multi
    def crm_flow_start(self, flow=None):
        result = super().crm_flow_start(flow=flow)
        self._sla_update()
        return result

    @api.multi
    def crm_flow_act(self, outcome, note=False, attachment_ids=None):
        result = super().crm_flow_act(
            outcome, note=note, attachment_ids=attachment_ids)
        self._sla_update()
        return result

    def _sla_update(self):
        """Deadline of each ticket's current step from its response level."""
        Sla = self.env["crm.ticket.sla"].sudo()
        now = fields.Datetime.from_string(fields.Datetime.now())
        for ticket in flow_transition(self.sudo()):
            if ticket.flow_state != "running":
                if ticket.sla_deadline or ticket.sla_overdue:
                    ticket.write({"sla_deadline": False,
                                  "sla_overdue": False})
                continue
            sla = ticket.sla_id or Sla._find_for(ticket)
            deadline = sla and sla._deadline(ticket.step_code, now)
            ticket.write({
                "sla_id": sla.id,
                "sla_deadline": deadline and fields.Datetime.to_string(
                    deadline),
                "sla_overdue": False,
            })

    @api.model
    def _cron_sla_escalate(self):
        """Mark tickets whose step is overdue and tell the Supervisor of
        whoever handles them (once per step)."""
        tickets = self.sudo().search([
            ("flow_state", "=", "running"), ("sla_overdue", "=", False),
            ("sla_deadline", "<", fields.Datetime.now())])
        flow_transition(tickets).write(
            {"sla_overdue": True})
        todo = self.env.ref("mail.mail_activity_data_todo")
        model = self.env["ir.model"]._get(self._name)
        for ticket in tickets:
            supervisors = ticket._get_supervisors()
            body = _("Ticket %s is overdue at step %s (deadline %s).") % (
                ticket.name, ticket.flow_node_id.name, ticket.sla_deadline)
            ticket.message_post(
                body=body, subtype="mail.mt_comment",
                partner_ids=supervisors.mapped("partner_id").ids)
            for user in supervisors:
                self.env["mail.activity"].sudo().create({
                    "res_model_id": model.id, "res_id": ticket.id,
                    "activity_type_id": todo.id, "user_id": user.id,
                    "summary": _("Overdue: %s") % ticket.name, "note": body,
                })
        return tickets

    def _get_supervisors(self):
        """Managers of the departments of the users handling the step, else
        of the handling department."""
        self.ensure_one()
        departments = self._get_step_users().mapped("crm_department_id") \
            or self.handler_department_id or self.department_id
        managers = departments.mapped("manager_id")
        return managers or self.env.ref("base.user_root")

    @api.multi
    def action_bulk_archive(self):
        """Archive the selected tickets waiting at their archive step."""
        waiting = self.filtered(
            lambda t: t.flow_state == "running" and t.step_code == "archive")
        if waiting != self:
            raise UserError(
                _("Only tickets waiting to be archived can be archived "
                  "together; these are not: %s")
                % ", ".join((self - waiting).mapped("name")))
        waiting._crm_flow_check_can("pass")
        return waiting._open_step_dialog("archive")

    # ------------------------------------------------------------------
    # Step hooks: the ticket status follows its flow
    # ------------------------------------------------------------------
    def _crm_flow_enter_callback(self, node, outcome):
        """Tickets that need no callback go straight past this step."""
        skip = self.filtered(lambda t: not t.needs_callback)
        if skip and outcome != "send_back":
            skip.sudo().crm_flow_act(
                "pass", note=_("No callback needed."))

    def _crm_flow_leave_result(self, node, outcome):
        if outcome == "pass":
            self.write({"stage": "handled"})

    def _crm_flow_leave_arrival(self, node, outcome):
        if outcome == "pass":
            self.write({"stage": "on_site"})

    def _crm_flow_leave_repair_done(self, node, outcome):
        if outcome == "pass":
            self.write({"stage": "handled"})

    def _crm_flow_leave_reply(self, node, outcome):
        if outcome == "pass":
            self.write({"stage": "replied"})

    def _crm_flow_leave_callback(self, node, outcome):
        if outcome == "pass":
            self.filtered("needs_callback").write({"stage": "visited"})

    def _crm_flow_leave_archive(self, node, outcome):
        if outcome == "pass":
            self.write({"stage": "archived",
                        "close_date": fields.Datetime.now()})

    @api.multi
    def action_rate(self, rating, note=False):
        """The customer rates a closed ticket (from the portal)."""
        partner = self.env.user.partner_id.commercial_partner_id
        for ticket in self:
            if self.env.uid != SUPERUSER_ID and \
                    ticket.partner_id.commercial_partner_id != partner:
                raise AccessError(
                    _("Only the customer of ticket %s can rate it.")
                    % ticket.name)
            if ticket.stage not in ("archived", "closed"):
                raise UserError(
                    _("Ticket %s can be rated once it is closed.") % ticket.name)
            if ticket.rating:
                raise UserError(_("Ticket %s was already rated.") % ticket.name)
        RATING.run(self).write({"rating": rating, "rating_note": note})
        labels = dict(self._fields["rating"]._description_selection(self.env))
        for ticket in self:
            ticket.message_post(body=_("Customer rating: %s. %s") % (
                labels[rating], note or ""))
        return True

    # ------------------------------------------------------------------
    # Email (mail alias)
    # ------------------------------------------------------------------
    @api.model
    def _email_check_rate(self, email):
        """The email alias accepts anyone (alias_contact=everyone): at most
        EMAIL_SENDER_LIMIT tickets per sender and EMAIL_GLOBAL_LIMIT in all
        per hour. Over the cap the message is refused (the mail gateway
        reports the error; fetchmail keeps the mail and retries later)."""
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s)", (EMAIL_LOCK,))
        since = fields.Datetime.to_string(datetime.utcnow() - EMAIL_WINDOW)
        Ticket = self.sudo()
        recent = [("source", "=", "email"), ("create_date", ">=", since)]
        if Ticket.search_count(recent) >= EMAIL_GLOBAL_LIMIT:
            raise UserError(_("Too many tickets by email in the last hour; "
                              "try again later."))
        if email and Ticket.search_count(recent + [
                ("email", "=ilike", _escape_like(email))]) >= EMAIL_SENDER_LIMIT:
            raise UserError(_("Too many tickets from %s in the last hour; try "
                              "again later.") % email)

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A ticket from an email sent to the tickets alias."""
        values = dict(custom_values or {})
        email = tools.email_split(msg_dict.get("email_from") or "")
        email = email[0] if email else False
        self._email_check_rate(email)
        # exact, case-insensitive: "=ilike" would read % and _ of the
        # address (legal in its local part) as wildcards
        partner = self.env["res.partner"].search(
            [("email", "=ilike", _escape_like(email))], limit=1) if email else False
        if not values.get("type_id"):
            values["type_id"] = self.env["crm.ticket.type"]._get_default().id
        values["name"] = "/"  # the subject is not the number
        values.setdefault("source", "email")
        values.setdefault("subject", msg_dict.get("subject") or "")
        values.setdefault("description", tools.html2plaintext(
            msg_dict.get("body") or ""))
        values.setdefault("email", email)
        values.setdefault("user_id", self.env.ref("base.user_root").id)
        values.setdefault("department_id", False)
        if partner:
            values.setdefault("partner_id", partner.id)
        return super().message_new(msg_dict, custom_values=values)

    # ------------------------------------------------------------------
    # Urge, export
    # ------------------------------------------------------------------
    @api.multi
    def action_urge(self):
        """Urge (催办): remind whoever handles the ticket's current step."""
        if not self.env.user.has_group("crm_callcenter.group_supervisor"):
            raise UserError(_("Only Supervisors and Managers may urge tickets."))
        self.check_access_rule("read")
        todo = self.env.ref("mail.mail_activity_data_todo")
        model = self.env["ir.model"]._get(self._name)
        for ticket in self.filtered(lambda t: t.flow_state == "running"):
            users = ticket._get_step_users()
            body = _("%s urges ticket %s (step %s).") % (
                self.env.user.name, ticket.name, ticket.flow_node_id.name)
            ticket.message_post(body=body, partner_ids=users.mapped(
                "partner_id").ids, subtype="mail.mt_comment")
            for user in users:
                self.env["mail.activity"].sudo().create({
                    "res_model_id": model.id, "res_id": ticket.id,
                    "activity_type_id": todo.id, "user_id": user.id,
                    "summary": _("Urged: %s") % ticket.name,
                    "note": body,
                })
        return True

    def _get_step_users(self):
        """Users who handle the ticket's current step: the user named by the
        step, else its listed users, else the handler."""
        self.ensure_one()
        node = self.flow_node_id
        if node.user_field_id and self[node.user_field_id.name]:
            return self[node.user_field_id.name]
        if node.user_ids:
            return node.user_ids
        return self.handler_id or self.user_id

    @api.multi
    def action_export_xlsx(self):
        from odoo.addons.crm_customer.spreadsheet.writer import write_xlsx
        names = ["name", "create_date", "partner_id", "contact_number",
                 "type_id", "acceptance_type", "source", "priority", "subject",
                 "description", "user_id", "department_id", "handler_id",
                 "flow_node_id", "stage", "result", "satisfaction",
                 "close_date"]
        descriptions = self.fields_get(names)
        headers = [descriptions[n]["string"] for n in names]
        rows = []
        for record in self.read(names):
            row = []
            for n in names:
                value = record[n]
                if isinstance(value, (list, tuple)):
                    value = value[1] if value else ""
                elif descriptions[n].get("selection"):
                    value = dict(descriptions[n]["selection"]).get(value, "")
                row.append(value or "")
            rows.append(row)
        data = write_xlsx(headers, rows, _("Tickets"))
        stamp = fields.Datetime.context_timestamp(
            self, fields.Datetime.from_string(fields.Datetime.now())
        ).strftime("%Y%m%d-%H%M%S")
        filename = "tickets-%s.xlsx" % stamp
        self.env["crm.operation.log"]._record("export", "export_file", self, file=filename)
        # for the exporter only (an unlinked attachment is readable by all)
        return self.env["crm.export.file"]._crm_download(filename, data)

    def _crm_flow_inject_form(self, arch):
        result = super()._crm_flow_inject_form(arch)
        for button in arch.xpath("//button[@name='action_flow_start']"):
            button.set("string", _("Dispatch"))
        return result

    def _crm_flow_inject_tree(self, arch):
        """The step goes before the ticket's status; the flow's own state
        would repeat the status in another column."""
        result = super()._crm_flow_inject_tree(arch)
        stage = arch.find("field[@name='stage']")
        for field in arch.findall("field[@name='flow_state']"):
            arch.remove(field)
        if stage is not None:
            for step in arch.findall("field[@name='flow_node_id']"):
                stage.addprevious(step)
        return result
