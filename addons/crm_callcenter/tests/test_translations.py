"""Every user-visible string of our add-ons reads in Chinese, and no view
shows two different labels as the same Chinese word (a field labelled "ID"
through an xml-id clash in a catalogue, "Number" on a phone-number column
"数字")."""
import os
from collections import defaultdict

from lxml import etree

from odoo.modules.module import get_module_path, get_module_resource
from odoo.tests.common import TransactionCase, at_install, post_install
from odoo.tools.translate import WEB_TRANSLATION_COMMENT, trans_generate, trans_load

LANG = "zh_CN"


def our_modules(env):
    """Installed add-ons that live beside this one (the project's)."""
    root = os.path.dirname(get_module_path("crm_callcenter"))
    installed = env["ir.module.module"].search([("state", "=", "installed")])
    return sorted(
        m.name for m in installed
        if os.path.dirname(get_module_path(m.name) or "") == root)


@at_install(False)
@post_install(True)
class TestTranslations(TransactionCase):

    def setUp(self):
        super().setUp()
        self.modules = our_modules(self.env)
        self.env["res.lang"].load_lang(LANG)
        # the catalogues as Odoo loads them (rolled back after the test)
        for module in self.modules:
            path = get_module_resource(module, "i18n", LANG + ".po")
            if not path:
                continue  # an add-on without terms; else they show missing
            trans_load(self.env.cr, path, LANG, verbose=False,
                       module_name=module, context={"overwrite": True})
        self.env["ir.translation"].clear_caches()
        data = self.env["ir.model.data"].search([
            ("module", "in", self.modules), ("model", "=", "ir.model")])
        self.our_models = set(
            self.env["ir.model"].browse(data.mapped("res_id")).mapped("model"))

    def _translated(self, term_type, name, res_id, source, comments):
        cr = self.env.cr
        query = """SELECT 1 FROM ir_translation WHERE lang = %s AND src = %s
                   AND value IS NOT NULL AND value != ''"""
        params = [LANG, source]
        if term_type == "model":
            # model terms are read by record: the catalogue entry must name
            # this record (its xml id), not just carry the same words
            record = self.env.ref(res_id, raise_if_not_found=False)
            if not record:
                return True
            if record._name == "ir.model.fields":
                if record.model not in self.our_models:
                    return True  # e.g. a mixin's field on a test model
                if not res_id.endswith("_" + record.name):
                    # Odoo numbered this xml id (field_<model>_<field>
                    # clashed with another one): no catalogue can name it
                    return True
            query += " AND type = 'model' AND name = %s AND res_id = %s"
            params += [name, record.id]
        elif term_type == "selection":
            if name.split(",")[0] not in self.our_models:
                return True
            query += " AND type = 'selection' AND name = %s"
            params.append(name)
        elif term_type == "code" and WEB_TRANSLATION_COMMENT in comments:
            # the web client only receives terms flagged openerp-web
            query += " AND type = 'code' AND comments LIKE %s"
            params.append("%" + WEB_TRANSLATION_COMMENT + "%")
        else:
            query += " AND type IN ('code', 'sql_constraint', 'constraint')"
        cr.execute(query + " LIMIT 1", params)
        return bool(cr.fetchone())

    def test_every_term_has_a_chinese_translation(self):
        missing = []
        terms = trans_generate(LANG, self.modules, self.env.cr)
        for module, term_type, name, res_id, source, _value, comments in terms:
            if module not in self.modules:
                continue
            if not self._translated(term_type, name, res_id, source, comments):
                missing.append("%s %s %s %s: %r" % (
                    module, term_type, name, res_id, source))
        self.assertFalse(
            missing, "%d terms have no %s translation (add them to the "
            "add-on's i18n/%s.po):\n%s" % (
                len(missing), LANG, LANG, "\n".join(sorted(missing))))

    @staticmethod
    def _labels(model, view_id, view_type, lang):
        """The labels a view shows, in document order."""
        result = model.with_context(lang=lang).fields_view_get(
            view_id, view_type)
        fields = result["fields"]
        labels = []
        arch = etree.fromstring(result["arch"])
        for node in arch.iter("field", "button", "filter", "label"):
            if node.getparent() is not None and any(
                    parent.tag == "field" for parent in node.iterancestors()):
                continue  # an embedded sub-view: checked with its model
            label = node.get("string")
            if not label and node.tag == "field" and node.get("name") in fields:
                label = fields[node.get("name")].get("string")
            if label and node.get("invisible") not in ("1", "True"):
                labels.append(label)
        return labels

    def test_no_two_labels_read_the_same_in_a_view(self):
        data = self.env["ir.model.data"].search([
            ("module", "in", self.modules), ("model", "=", "ir.ui.view")])
        views = self.env["ir.ui.view"].browse(data.mapped("res_id")).filtered(
            lambda v: v.type in ("form", "tree", "search"))
        roots = set()
        for view in views:
            root = view
            while root.mode != "primary" and root.inherit_id:
                root = root.inherit_id
            if root.model in self.env:
                roots.add((root.model, root.id, root.type))
        clashes = []
        for model_name, view_id, view_type in sorted(roots):
            model = self.env[model_name]
            english = self._labels(model, view_id, view_type, "en_US")
            chinese = self._labels(model, view_id, view_type, LANG)
            if len(english) != len(chinese):
                continue  # a translated arch of another shape: not comparable
            sources = defaultdict(set)
            for source, text in zip(english, chinese):
                sources[text].add(source)
            for text, words in sorted(sources.items()):
                # Chinese has no plural: "Call" and "Calls" may read alike
                if len({w[:-1] if w.endswith("s") else w for w in words}) > 1:
                    view = self.env["ir.ui.view"].browse(view_id)
                    clashes.append("%s (%s): %s all read %r" % (
                        view.xml_id or view.name, model_name,
                        " / ".join(sorted(words)), text))
        self.assertFalse(clashes, "different labels translated alike:\n%s"
                         % "\n".join(clashes))
