import base64
import os

from odoo.tests.common import SavepointCase

DATA = os.path.join(os.path.dirname(__file__), "data")


def data_file(name):
    with open(os.path.join(DATA, name), "rb") as handle:
        return handle.read()


class KbCase(SavepointCase):
    """Departments, one user per role and a category with its reviewer."""

    # the users a test class needs besides the category's editor and
    # reviewer (each user created also clears the registry's caches)
    users = ("other_supervisor", "agent", "agent_complaints", "admin",
             "portal")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # no chatter tracking, creation messages or automatic followers
        # (the creator following every category would be notified of each
        # new article): tests that check notifications subscribe explicitly
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True))
        Department = cls.env["crm.department"]
        cls.center = Department.create({"name": "KB中心", "code": "KBT"})
        cls.inbound = Department.create({"name": "KB呼入组", "code": "KBT-HR",
                                         "parent_id": cls.center.id})
        cls.complaints = Department.create({"name": "KB投诉组", "code": "KBT-TS",
                                            "parent_id": cls.center.id})
        Users = cls.env["res.users"].with_context(no_reset_password=True)

        def user(login, group, department=None):
            return Users.create({
                "name": "KB %s" % login, "login": "kb_%s" % login,
                "email": "kb_%s@example.com" % login,
                "crm_department_id": department.id if department else False,
                "groups_id": [(6, 0, cls.env.ref(group).ids)]})

        cls.editor = user("editor", "crm_callcenter.group_expert", cls.inbound)
        cls.reviewer = user("reviewer", "crm_callcenter.group_supervisor", cls.inbound)
        others = {
            "other_supervisor": ("supervisor2", "crm_callcenter.group_supervisor",
                                 cls.inbound),
            "agent": ("agent", "crm_callcenter.group_agent", cls.inbound),
            "agent_complaints": ("agent_ts", "crm_callcenter.group_agent",
                                 cls.complaints),
            "admin": ("admin", "crm_callcenter.group_admin", cls.center),
            "portal": ("portal", "base.group_portal"),
        }
        for name in cls.users:
            setattr(cls, name, user(*others[name]))
        cls.Category = cls.env["crm.kb.category"]
        cls.Article = cls.env["crm.kb.article"]
        cls.root = cls.Category.create({"name": "KB测试知识"})
        cls.category = cls.Category.create({
            "name": "KB空调", "parent_id": cls.root.id, "category_type": "product",
            "reviewer_ids": [(6, 0, cls.reviewer.ids)],
            "editor_ids": [(6, 0, cls.editor.ids)]})

    @classmethod
    def new_article(cls, publish=True, **vals):
        values = {"name": "测试文章", "category_id": cls.category.id,
                  "body": "<p>测试内容</p>"}
        values.update(vals)
        article = cls.Article.sudo(cls.editor).create(values)
        if publish:
            article.sudo(cls.reviewer).action_publish()
        return article

    @classmethod
    def attachment(cls, name, user=None):
        return cls.env["ir.attachment"].sudo(user or cls.editor).create({
            "name": name, "datas_fname": name,
            "datas": base64.b64encode(data_file(name))}).id
