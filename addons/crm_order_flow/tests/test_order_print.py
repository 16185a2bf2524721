from .common import OrderCase


class TestOrderPrint(OrderCase):
    """The sale order prints and goes out by e-mail in every language set-up
    a call center meets: English active or not (a database made with
    ``--load-language=zh_CN`` alone leaves en_US inactive), Chinese active,
    customers whose language is empty, Chinese or English."""

    roles = ("agent",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env.ref("sale.action_report_saleorder")
        cls.env["res.lang"].load_lang("zh_CN")
        # customers in each language, set while both languages are active
        # (a partner's language must be an active one when it is written)
        cls.customers = {
            lang: cls.new_customer("李娜", "+86 139 1087 00%d" % index,
                                   lang=lang, email="li.na@example.com")
            for index, lang in enumerate((False, "zh_CN", "en_US"), 11)}

    def _english(self, active):
        """Activate or deactivate en_US as an administrator would: users
        must first move to another language."""
        Lang = self.env["res.lang"].with_context(active_test=False)
        english = Lang.search([("code", "=", "en_US")])
        if not active:
            self.env["res.users"].with_context(active_test=False).search(
                [("lang", "=", "en_US")]).write({"lang": "zh_CN"})
        english.active = active
        self.assertEqual(
            "en_US" in dict(self.env["res.lang"].get_installed()), active)

    def _order(self, lang):
        return self.new_order(qty=2, price=950.0,
                              partner_id=self.customers[lang].id)

    def _check_prints(self):
        for lang in (False, "zh_CN", "en_US"):
            order = self._order(lang)
            self.assertIn("One Thousand, Nine Hundred", order.cc_amount_words,
                          "no English amount in words (partner lang %s)" % lang)
            html = self.report.render_qweb_html(order.ids)[0].decode()
            self.assertIn(order.name, html)
            self.assertIn("壹仟玖佰元整", html,
                          "no amount in Chinese uppercase (partner lang %s)" % lang)
            self.assertIn(order.cc_amount_words, html)

    def _check_send_by_email(self):
        order = self._order("zh_CN")
        agent = self.users["agent"]
        action = order.sudo(agent).action_quotation_send()
        Composer = self.env["mail.compose.message"].sudo(agent).with_context(
            **action["context"])
        composer = Composer.create({})
        self.assertTrue(composer.template_id, "no quotation e-mail template")
        values = composer.onchange_template_id(
            composer.template_id.id, composer.composition_mode,
            composer.model, composer.res_id)["value"]
        composer.write(values)
        self.assertTrue(composer.attachment_ids,
                        "the printed order is not attached to the e-mail")
        composer.send_mail()
        self.assertEqual(order.state, "sent")
        message = order.message_ids[:1]
        self.assertIn(self.customers["zh_CN"], message.partner_ids)
        self.assertTrue(message.attachment_ids)

    def test_prints_with_english_inactive(self):
        self._english(False)
        self._check_prints()

    def test_prints_with_english_active(self):
        self._english(True)
        self._check_prints()

    def test_send_by_email_with_english_inactive(self):
        self._english(False)
        self._check_send_by_email()

    def test_send_by_email_with_english_active(self):
        self._english(True)
        self._check_send_by_email()
