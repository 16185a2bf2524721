from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmKbArticleInsert(models.TransientModel):
    """Find an article for the record being worked on (a ticket, a call)
    and insert its answer into one of the record's text fields.

    Open it with the context ``active_model``, ``active_id``,
    ``kb_answer_field`` (the field receiving the answer) and optionally
    ``kb_text`` (the record's description, for suggestions) and
    ``kb_domain`` (e.g. the business type's categories)."""

    _name = "crm.kb.article.insert"
    _description = "Insert a Knowledge Answer"

    query = fields.Char("Search")
    source_text = fields.Text(default=lambda self: self.env.context.get("kb_text", ""))
    result_ids = fields.Many2many("crm.kb.article", string="Articles",
                                  default=lambda self: self._default_result_ids())
    article_id = fields.Many2one("crm.kb.article", "Article",
                                 domain="[('id', 'in', result_ids[0][2])]")
    answer = fields.Text(compute="_compute_answer")

    def _kb_domain(self):
        return list(self.env.context.get("kb_domain") or [])

    @api.model
    def _default_result_ids(self):
        text = self.env.context.get("kb_text")
        if not text:
            return []
        found = self.env["crm.kb.article"]._kb_suggest(text, limit=8, domain=self._kb_domain())
        return [(6, 0, [row["id"] for row in found])]

    @api.depends("article_id")
    def _compute_answer(self):
        for wizard in self:
            wizard.answer = wizard.article_id._kb_answer_text() if wizard.article_id else ""

    @api.onchange("query")
    def _onchange_query(self):
        Article = self.env["crm.kb.article"]
        if self.query:
            ids = Article._kb_search_ids(self.query, limit=8, domain=self._kb_domain())
        elif self.source_text:
            ids = [row["id"] for row in Article._kb_suggest(self.source_text, limit=8,
                                                            domain=self._kb_domain())]
        else:
            ids = []
        self.result_ids = [(6, 0, ids)]
        if self.article_id.id not in ids:
            self.article_id = ids[0] if ids else False

    def _target(self):
        context = self.env.context
        model, res_id = context.get("active_model"), context.get("active_id")
        field = context.get("kb_answer_field")
        if not (model and res_id and field) or model not in self.env:
            raise UserError(_("Open this from the record that receives the answer."))
        record = self.env[model].browse(res_id)
        if field not in record._fields or record._fields[field].type not in (
                "text", "html", "char"):
            raise UserError(_("The field %s cannot receive an answer.") % field)
        return record, field

    @api.multi
    def action_insert(self):
        """Append the chosen article's answer to the target field, as the
        current user (their rights on the target record apply)."""
        self.ensure_one()
        if not self.article_id:
            raise UserError(_("Choose an article first."))
        record, field = self._target()
        answer = self.article_id._kb_answer_text()
        current = record[field] or ""
        if record._fields[field].type == "html":
            paragraphs = "".join("<p>%s</p>" % line for line in
                                 (self._html_escape(answer)).split("\n") if line)
            value = current + paragraphs
        else:
            value = (current + "\n" if current else "") + answer
        record.write({field: value})
        self.article_id.kb_register_view()
        return {"type": "ir.actions.act_window_close"}

    @staticmethod
    def _html_escape(text):
        return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
