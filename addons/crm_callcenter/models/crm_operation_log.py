import json

from odoo import api, fields, models
from odoo.http import request

OPERATIONS = [
    ("login", "Login"),
    ("export", "Export"),
    ("import", "Import"),
    ("delete", "Deletion"),
    ("flow", "Flow Action"),
    ("call", "Call"),
]
#: names of documents kept on a line (the ids keep all of them)
NAMES_KEPT = 5


def _lt(source):
    """Mark ``source`` for the translation catalogues without translating it
    now: log lines are translated when read, into the reader's language."""
    return source


#: {key: template}; ``%(documents)s`` is the documents of the line (kind
#: and names), any ``{"selection": [model, field, value]}`` argument the
#: label of that selection value, both in the reader's language
MESSAGES = {
    "login": _lt("Logged in as %(login)s"),
    "flow": _lt("%(outcome)s: %(documents)s"),
    "export": _lt("Exported %(documents)s"),
    "export_file": _lt("Exported %(documents)s to %(file)s"),
    "import": _lt("Imported %(documents)s from %(file)s (%(bad)s bad rows)"),
    "delete": _lt("Deleted %(documents)s"),
    "dial": _lt("Dialled %(number)s"),
    "three_way": _lt("Three-way call with %(number)s"),
    "seat_moved": _lt("%(person)s was moved off seat %(seat)s by %(by)s"),
    "seat_taken": _lt("%(person)s took seat %(seat)s (extension %(extension)s)"),
    "seat_left": _lt("%(person)s left seat %(seat)s"),
}
DOCUMENT = _lt("%(kind)s %(names)s")
DOCUMENTS = _lt("%(count)s × %(kind)s: %(names)s")


class CrmOperationLog(models.Model):
    """Audit trail of key actions: who did what, when, from which address.
    Written by the system only; read by Administrators.

    A line keeps what happened as a message key and its arguments (and the
    names of the documents at that time), and reads in the language of whoever
    reads it; ``description`` keeps the text in the actor's language."""

    _name = "crm.operation.log"
    _inherit = ["crm.list.page.mixin"]
    _description = "Operation Log"
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now,
                           index=True)
    user_id = fields.Many2one("res.users", string="User", readonly=True, index=True,
                              ondelete="set null")
    operation = fields.Selection(OPERATIONS, required=True, readonly=True, index=True)
    res_model = fields.Char("Document Type", readonly=True)
    res_ids = fields.Char("Documents", readonly=True)
    res_count = fields.Integer("Number of Documents", readonly=True)
    res_names = fields.Char("Document Names", readonly=True)
    message_key = fields.Char(readonly=True)
    message_args = fields.Text(readonly=True)
    description = fields.Text(readonly=True)
    summary = fields.Char("What", compute="_compute_summary", search="_search_summary",
                          help="What was done, in your language.")
    ip_address = fields.Char("IP Address", readonly=True)

    @api.depends("message_key", "message_args", "description")
    def _compute_summary(self):
        for line in self:
            line.summary = line._render() or line.description

    def _search_summary(self, operator, value):
        return ["|", ("description", operator, value), ("res_names", operator, value)]

    @api.model
    def _get_messages(self):
        """{key: template} of the log lines; add-ons add their own."""
        return dict(MESSAGES)

    def _translate(self, source):
        """``source`` (a code term) in the language of this environment."""
        lang = self.env.lang
        if not lang or lang == "en_US":
            return source
        return self.env["ir.translation"]._get_source(None, ("code",), lang, source)

    def _render_documents(self, res_model, count, names):
        if not res_model:
            return ""
        model = self.env["ir.model"].sudo()._get(res_model)
        # the name alone (a whole ir_model row otherwise): one line per
        # flow transition
        kind = model.with_context(lang=self.env.lang, prefetch_fields=False).name \
            if model else res_model
        names = names or ""
        if count == 1:
            return (self._translate(DOCUMENT) % {"kind": kind, "names": names}).strip()
        return self._translate(DOCUMENTS) % {"kind": kind, "names": names, "count": count}

    def _render_value(self, value):
        if isinstance(value, dict) and "selection" in value:
            model, field, key = value["selection"]
            if model not in self.env or field not in self.env[model]._fields:
                return key
            labels = dict(self.env[model]._fields[field]._description_selection(self.env))
            return labels.get(key, key)
        return value

    def _render(self, key=None, args=None, res_model=None, count=None, names=None):
        """The line in the language of the environment (``self`` or the
        given values); False for lines written as plain text."""
        if key is None:
            self.ensure_one()
            key, res_model, count, names = (
                self.message_key, self.res_model, self.res_count, self.res_names)
            try:
                args = json.loads(self.message_args or "{}")
            except ValueError:
                args = {}
        template = self._get_messages().get(key) if key else None
        if not template:
            return False
        values = {name: self._render_value(value) for name, value in (args or {}).items()}
        values["documents"] = self._render_documents(res_model, count, names)
        try:
            return self._translate(template) % values
        except (KeyError, TypeError, ValueError):
            # a catalogue entry with other placeholders: fall back to English
            return template % values

    @api.model
    def _record(self, operation, message, records=None, user=None, **args):
        """Add one line (as superuser: users cannot write the log). Private:
        over RPC anyone could otherwise forge or flood the audit log.

        ``message`` is a key of ``_get_messages()`` (formatted with ``args``
        when the line is read) or, for callers that have no key, plain
        text kept as it is."""
        ip_address = False
        try:
            if request and request.httprequest:
                ip_address = request.httprequest.remote_addr
        except RuntimeError:  # no request bound (cron, shell, tests)
            ip_address = False
        ids = records.ids if records is not None else []
        res_model = records._name if records is not None else False
        names = False
        if ids:
            # only the columns the names need, not the documents' whole rows
            names = ", ".join(records[:NAMES_KEPT].sudo().with_context(
                prefetch_fields=False).mapped("display_name"))
            if len(ids) > NAMES_KEPT:
                names += ", ..."
        key = message if message in self._get_messages() else False
        actor = (user or self.env.user).sudo()
        description = message
        if key:
            # in the actor's language: the stored text and what searches find
            lang = actor.with_context(prefetch_fields=False).lang  # not the whole user
            description = self.with_context(lang=lang)._render(
                key, args, res_model, len(ids), names)
        return self.sudo().create({
            "operation": operation,
            "description": description,
            "user_id": actor.id,
            "res_model": res_model,
            "res_ids": ",".join(str(i) for i in ids[:200]) + (" ..." if len(ids) > 200 else ""),
            "res_count": len(ids),
            "res_names": names,
            "message_key": key,
            "message_args": json.dumps(args) if key else False,
            "ip_address": ip_address,
        })
