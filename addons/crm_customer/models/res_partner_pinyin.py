"""Customers found by the pinyin of their name ('zsf', 'zhangsan') and, in
name searches, by a number typed in any format."""
import logging
import re

from pypinyin import lazy_pinyin

from odoo import api, fields, models

from .. import phone as phonelib

_logger = logging.getLogger(__name__)

ASCII_WORD = re.compile(r"^[A-Za-z]{2,}$")
# above this many matches the pinyin filter is left to the planner
PINYIN_PREFILTER = 20000


def pinyin_key(name):
    """'张三丰' -> 'zhangsanfeng zsf': full pinyin and initials, searched with
    ilike so 'zhangsan' and 'zsf' both find the customer. Latin words stay
    whole in the initials ('ABC公司' -> 'abcgongsi abcgs')."""
    if not name:
        return False
    syllables = [part.strip().lower() for part in lazy_pinyin(name, errors="default")]
    syllables = [part for part in syllables if part]
    full = re.sub(r"\s+", "", "".join(syllables))
    initials = "".join(part if part in name.lower() else part[:1] for part in syllables)
    initials = re.sub(r"\s+", "", initials)
    return full if full == initials else "%s %s" % (full, initials)


class ResPartner(models.Model):
    _inherit = "res.partner"

    name_pinyin = fields.Char(
        compute="_compute_name_pinyin", store=True,
        help="Full pinyin and initials of the name, for searching.")

    @api.depends("name")
    def _compute_name_pinyin(self):
        for partner in self:
            partner.name_pinyin = pinyin_key(partner.name)

    @api.model_cr
    def _cc_create_pinyin_index(self):
        """A trigram index makes 'zsf' / 'zhangsan' searches fast on large
        customer tables (Odoo itself only creates btree indexes)."""
        cr = self.env.cr
        try:
            with cr.savepoint():
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception as exc:  # no right to create extensions: slower search
            _logger.warning("pg_trgm unavailable, pinyin search unindexed: %s", exc)
            return
        cr.execute(
            "CREATE INDEX IF NOT EXISTS res_partner_name_pinyin_trgm_idx "
            "ON res_partner USING gin (name_pinyin gin_trgm_ops)")

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """Also find customers by pinyin ('zsf', 'zhangsan') and by phone
        number in any format."""
        result = super().name_search(name=name, args=args, operator=operator,
                                     limit=limit)
        if not name or operator not in ("ilike", "like", "=ilike") or (
                limit and len(result) >= limit):
            return result
        extra = self._cc_search_terms_domain(name)
        if not extra:
            return result
        seen = {row[0] for row in result}
        more = self.search(extra + list(args or []) + [("id", "not in", list(seen))],
                           limit=(limit - len(result)) if limit else None)
        return result + more.name_get()

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False,
                access_rights_uid=None):
        return super()._search(self._cc_resolve_pinyin(args), offset=offset, limit=limit,
                               order=order, count=count, access_rights_uid=access_rights_uid)

    @api.model
    def _cc_resolve_pinyin(self, domain):
        """Turn a pinyin leaf such as ('name_pinyin', 'ilike', 'zsf') or
        ('name_pinyin', 'ilike', 'zhangwei') into ('id', 'in', ids) found
        through the trigram index first. Otherwise PostgreSQL fills a sorted
        first page by walking the display_name index and filtering: the
        customers of one surname sort together, so it may walk a third of
        a million customers before the first match (0.5-1 s among a
        million, for initials and full pinyin alike)."""
        resolved = []
        for leaf in domain:
            if (isinstance(leaf, (list, tuple)) and len(leaf) == 3
                    and leaf[0] == "name_pinyin" and leaf[1] == "ilike"
                    and isinstance(leaf[2], str) and len(leaf[2]) >= 3):
                self.env.cr.execute(
                    "SELECT id FROM res_partner WHERE name_pinyin ILIKE %s LIMIT %s",
                    ("%" + leaf[2].replace("%", r"\%").replace("_", r"\_") + "%",
                     PINYIN_PREFILTER + 1))
                ids = [row[0] for row in self.env.cr.fetchall()]
                if len(ids) <= PINYIN_PREFILTER:
                    resolved.append(("id", "in", ids))
                    continue
            resolved.append(leaf)
        return resolved

    @api.model
    def _cc_search_terms_domain(self, text):
        text = (text or "").strip()
        if ASCII_WORD.match(text):
            return [("name_pinyin", "ilike", text.lower())]
        region = self.env.user.company_id.country_id.code
        if phonelib.search_key(text, region) != (None, None):
            return [("cc_phone_search", "ilike", text)]
        return []
