"""CC-24: address labels of customers printed as a PDF sheet (3 x 8 per A4
page) by wkhtmltopdf, Chinese names included. No wkhtmltopdf: the test
fails (the report is part of the product)."""
import subprocess
import tempfile
import unicodedata
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tools import config

from odoo.addons.crm_callcenter.tests.common import CallCenterCase


class TestPartnerLabel(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env.ref("crm_customer.res_partner_report_label")
        # wkhtmltopdf fetches the report's style sheets from this address: no
        # server answers during the tests, so point it at a closed port (it
        # fails at once) rather than at whatever listens on web.base.url
        cls.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:1")
        beijing = cls.env["res.country.state"].search(
            [("country_id", "=", cls.env.ref("base.cn").id)], limit=1)
        cls.customers = cls.Partner
        for index in range(26):
            cls.customers |= cls.Partner.sudo(cls.users["agent"]).create(cls.customer_vals(
                cls, name="标签王建国%02d" % index, mobile="139 1087 %04d" % (5000 + index),
                zip="1000%02d" % index, city="朝阳区", street="建国路%d号" % (index + 1),
                state_id=beijing.id, country_id=cls.env.ref("base.cn").id))
        # one rendering for the HTML checks; it also builds the report's
        # asset bundle once for every test of the class
        cls.html = cls.report.sudo(cls.users["agent"]).render_qweb_html(
            cls.customers.ids)[0].decode()

    def render_pdf(self, user="agent"):
        """render_qweb_pdf as in production (Odoo only renders HTML while
        tests run unless a report directory is set)."""
        with tempfile.TemporaryDirectory() as directory, \
                patch.dict(config.options, {"test_report_directory": directory}):
            pdf, kind = self.report.sudo(self.users[user]).render_qweb_pdf(self.customers.ids)
        return pdf, kind

    def test_report_is_in_the_customers_print_menu(self):
        self.assertEqual(self.report.binding_model_id.model, "res.partner")
        self.assertEqual(self.report.binding_type, "report")
        self.assertEqual(self.report.report_type, "qweb-pdf")

    def test_html_sheet_has_every_label(self):
        html = self.html
        for customer in self.customers:
            self.assertIn(customer.name, html)
        self.assertEqual(html.count('class="o_cc_label"'), 26)
        self.assertEqual(html.count('class="o_cc_label_sheet"'), 2, "24 labels per page")
        self.assertIn("139 1087 5000", html)
        self.assertIn("建国路1号", html)

    def test_pdf_prints_chinese_names(self):
        state = self.env["ir.actions.report"].get_wkhtmltopdf_state()
        self.assertEqual(state, "ok", "wkhtmltopdf is needed to print PDF reports "
                                      "(scripts/setup.sh installs it); state: %s" % state)
        pdf, kind = self.render_pdf()
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF-"), "not a PDF: %r" % pdf[:40])
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.run(
                ["pdftotext", "-layout", handle.name, "-"], stdout=subprocess.PIPE,
                check=True).stdout.decode()
            # some fonts map common characters to Kangxi radicals (⼭ for 山)
            text = unicodedata.normalize("NFKC", text)
            info = subprocess.run(["pdfinfo", handle.name], stdout=subprocess.PIPE,
                                  check=True).stdout.decode()
        pages = [int(line.split()[1]) for line in info.splitlines()
                 if line.startswith("Pages:")]
        self.assertEqual(pages, [2], "26 labels fill two A4 sheets")
        for customer in (self.customers[0], self.customers[23], self.customers[25]):
            self.assertIn(customer.name, text, "%s is missing from the PDF" % customer.name)
        self.assertIn("100000", text.replace(" ", ""))

    def test_portal_users_cannot_print_customers(self):
        portal = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "标签门户", "login": "label_portal", "email": "label_portal@example.com",
            "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)]})
        with self.assertRaises(AccessError):
            self.report.sudo(portal).render_qweb_html(self.customers[:2].ids)
