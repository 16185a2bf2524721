"""Engine-owned fields: refused on write and create to anyone but their
owner, whatever the RPC context says. The model is the flow test document
of tests/odoo_addons/test_crm_flow (its flow fields, ``entered_review``
owned by the flow and ``listener_note`` owned by the listener), so these
tests run after every add-on is installed."""
import copy
import json
import unittest

from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase, at_install, post_install

from odoo.addons.crm_security.models.owned_fields import FLOW, LISTENER

# what a client may put in an RPC context, after its JSON round trip
FORGED = json.loads(json.dumps({
    "crm_owner_flow": "flow", "crm_owner_listener": True,
    "crm_flow_transition": True, "crm_flow_no_autostart": True}))


@at_install(False)
@post_install(True)
class TestOwnedFields(SavepointCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "test.crm.flow.document" not in cls.env:
            raise unittest.SkipTest("needs tests/odoo_addons/test_crm_flow")
        cls.user = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Owned Tester", "login": "owned_tester", "email": "owned@example.com",
            "groups_id": [(6, 0, cls.env.ref("base.group_user").ids)]})
        cls.Doc = cls.env["test.crm.flow.document"]
        cls.doc = cls.Doc.create({"name": "Owned"})

    def test_declared_map_merges_the_mixin_and_the_model(self):
        owned = self.Doc._crm_owned_map()
        self.assertEqual(owned["flow_state"], FLOW)
        self.assertEqual(owned["entered_review"], FLOW)
        self.assertEqual(owned["listener_note"], LISTENER)
        self.assertFalse(self.env["res.partner"]._crm_owned_map())

    def test_write_refused_even_with_a_forged_context(self):
        doc = self.doc.sudo(self.user)
        for context in ({}, FORGED):
            for vals in ({"flow_state": "done"}, {"entered_review": 5},
                         {"listener_note": "x"}):
                with self.assertRaises(AccessError):
                    doc.with_context(**context).write(vals)
        self.assertEqual(self.doc.entered_review, 0)

    def test_create_refused_and_context_defaults_checked(self):
        Doc = self.Doc.sudo(self.user)
        with self.assertRaises(AccessError):
            Doc.create({"name": "x", "entered_review": 3})
        with self.assertRaises(AccessError):
            Doc.with_context(**FORGED).create({"name": "x", "flow_state": "done"})
        with self.assertRaises(AccessError):
            Doc.with_context(default_listener_note="forged").create({"name": "x"})
        # the field's own default or an empty value is no forgery
        doc = Doc.create({"name": "ok", "flow_state": "draft", "entered_review": 0,
                          "listener_note": False})
        stored = doc.sudo().read(["name", "flow_state", "entered_review", "listener_note"])[0]
        self.assertEqual(
            (stored["name"], stored["flow_state"], stored["entered_review"],
             stored["listener_note"]),
            ("ok", "draft", 0, False))

    def test_unchanged_values_pass(self):
        """The web client may send a field back unchanged."""
        doc = self.doc.sudo(self.user)
        doc.write({"name": "renamed", "flow_state": doc.flow_state,
                   "flow_id": doc.flow_id.id, "entered_review": 0})
        self.assertEqual(self.doc.name, "renamed")

    def test_owner_writes(self):
        FLOW.run(self.doc.sudo(self.user)).write({"entered_review": 2})
        self.assertEqual(self.doc.entered_review, 2)
        # the listener runs as the superuser; the flow engine needs its token
        self.doc.write({"listener_note": "from the PBX"})
        self.assertEqual(self.doc.listener_note, "from the PBX")
        with self.assertRaises(AccessError):
            self.doc.write({"entered_review": 3})
        with self.assertRaises(AccessError):
            FLOW.run(self.doc.sudo(self.user)).write({"listener_note": "x"})

    def test_token_is_kept_by_copies_and_not_forgeable(self):
        env = FLOW.run(self.doc).env
        self.assertIs(copy.deepcopy(dict(env.context))[FLOW.key], FLOW)
        self.assertTrue(FLOW.acts(env))
        self.assertFalse(FLOW.acts(self.doc.with_context(**FORGED).env))
        self.assertFalse(LISTENER.acts(self.doc.sudo(self.user).with_context(
            **FORGED).env))
