import base64

from odoo.modules.module import get_module_resource
from odoo.tests.common import SavepointCase
from odoo.tools.translate import trans_load


def load_chinese(env, modules):
    """zh_CN active, with these add-ons' catalogues (rolled back with the
    test's transaction)."""
    env["res.lang"].load_lang("zh_CN")
    for module in modules:
        trans_load(env.cr, get_module_resource(module, "i18n", "zh_CN.po"), "zh_CN",
                   verbose=False, module_name=module, context={"overwrite": True})
    env["ir.translation"].clear_caches()


class CallCenterCase(SavepointCase):
    """Users with one role each, and the dictionary values customers need."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.users = {}
        for role in ("agent", "expert", "supervisor", "manager", "admin"):
            cls.users[role] = Users.create({
                "name": "CC %s" % role, "login": "cc_%s" % role,
                "email": "cc_%s@example.com" % role,
                "groups_id": [(6, 0, cls.env.ref("crm_callcenter.group_%s" % role).ids)]})
        cls.category = cls.env.ref("crm_callcenter.dict_customer_category_normal")
        cls.Partner = cls.env["res.partner"]
        # numbers typed without +86 are read as Chinese numbers
        cls.env.user.company_id.country_id = cls.env.ref("base.cn")

    def customer_vals(self, **vals):
        values = {"name": "测试客户", "cc_customer": True, "gender": "male",
                  "cc_category_id": self.category.id, "mobile": "139 1087 0001"}
        values.update(vals)
        return values

    def import_wizard(self, filename, data, **vals):
        """The customer import wizard as an Agent, previewed."""
        values = {"file_name": filename, "file_data": base64.b64encode(data),
                  "cc_category_id": self.category.id}
        values.update(vals)
        wizard = self.env["res.partner.import"].sudo(self.users["agent"]).create(values)
        wizard.action_preview()
        return wizard

    def new_customer(self, user="agent", **vals):
        return self.Partner.sudo(self.users[user]).create(self.customer_vals(**vals))
