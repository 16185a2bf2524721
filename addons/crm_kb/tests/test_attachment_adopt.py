import base64

from odoo.exceptions import AccessError

from .common import KbCase


class TestAttachmentAdopt(KbCase):
    """An Expert may attach only files they uploaded and that belong to no
    record; naming another record's attachment in ``(6, 0, ids)`` or
    ``(4, id)`` is refused and the attachment stays where it was."""

    users = ("admin",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a file of a record the Expert may not read (system parameters are
        # for Settings users only)
        cls.victim_record = cls.env["ir.config_parameter"].create({
            "key": "crm_kb.test_victim", "value": "s3cret"})
        cls.victim = cls.env["ir.attachment"].create({
            "name": "dialplan.conf", "datas_fname": "dialplan.conf",
            "datas": base64.b64encode(b"secret dialplan"),
            "res_model": "ir.config_parameter", "res_id": cls.victim_record.id})
        # a loose upload of another user
        cls.other_upload = cls.env["ir.attachment"].sudo(cls.admin).create({
            "name": "export.txt", "datas_fname": "export.txt",
            "datas": base64.b64encode(b"customers")})

    def assert_untouched(self, attachment, res_model, res_id):
        attachment.invalidate_cache()
        self.assertEqual((attachment.res_model, attachment.res_id), (res_model, res_id),
                         "the attachment must not be re-parented")

    def test_create_with_foreign_attachment_refused(self):
        for victim, origin in ((self.victim, ("ir.config_parameter", self.victim_record.id)),
                               (self.other_upload, (False, 0))):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                self.new_article(publish=False,
                                 attachment_ids=[(6, 0, [victim.id])])
            self.assert_untouched(victim, *origin)

    def test_write_link_foreign_attachment_refused(self):
        article = self.new_article(publish=False)
        for command in ([(4, self.victim.id)], [(6, 0, [self.victim.id])]):
            # (Odoo 11's assertRaises does not roll back: the savepoint does)
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                article.sudo(self.editor).write({"attachment_ids": command})
            self.assert_untouched(self.victim, "ir.config_parameter", self.victim_record.id)
            article.invalidate_cache()
            self.assertNotIn(self.victim, article.sudo().attachment_ids)
        with self.assertRaises(AccessError):
            self.env["ir.attachment"].sudo(self.editor).browse(self.victim.id).read(["datas"])

    def test_own_upload_adopted_and_existing_kept(self):
        own = self.attachment("courier_notice.txt")
        article = self.new_article(publish=False, attachment_ids=[(6, 0, [own])])
        record = self.env["ir.attachment"].browse(own)
        self.assertEqual((record.res_model, record.res_id), (article._name, article.id))
        # a later write keeping it and adding a second own upload works
        second = self.attachment("pairing_guide.docx")
        article.sudo(self.editor).write({"attachment_ids": [(6, 0, [own, second])]})
        self.assertEqual(self.env["ir.attachment"].browse(second).res_id, article.id)
