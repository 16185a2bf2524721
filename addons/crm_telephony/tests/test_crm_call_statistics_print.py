"""CC-15: the printable service-centre statistics of a period, grouped as
asked, with the figures of the SQL view and the Supervisor's scope."""
import subprocess
import tempfile
import unicodedata
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tools import config

from odoo.addons.crm_callcenter.tests.common import CallCenterCase


class TestStatisticsPrint(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["crm.department"]
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.hotline = Department.create({"name": "报表热线组"})
        cls.aftersales = Department.create({"name": "报表售后组"})
        cls.users["supervisor"].crm_department_id = cls.hotline
        cls.agent_a = Users.create({
            "name": "报表坐席甲", "login": "rep_agent_a", "email": "rep_a@example.com",
            "crm_department_id": cls.hotline.id,
            "groups_id": [(6, 0, cls.env.ref("crm_callcenter.group_agent").ids)]})
        cls.agent_b = Users.create({
            "name": "报表坐席乙", "login": "rep_agent_b", "email": "rep_b@example.com",
            "crm_department_id": cls.aftersales.id,
            "groups_id": [(6, 0, cls.env.ref("crm_callcenter.group_agent").ids)]})
        # a period of its own, so that no other call is counted
        cls.day = "2031-03-14"
        # wkhtmltopdf fetches the report's style sheets from this address: no
        # server answers during the tests, so point it at a closed port (it
        # fails at once) rather than at whatever listens on web.base.url
        cls.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:1")
        Call = cls.env["crm.call"]
        for user, result, wait, talk in ((cls.agent_a, "answered", 10, 100),
                                         (cls.agent_a, "answered", 30, 200),
                                         (cls.agent_a, "abandoned", 40, 0),
                                         (cls.agent_b, "answered", 5, 60)):
            answered = result == "answered"
            Call.create({
                "number": "+8613800138000", "state": "done", "direction": "inbound",
                "result": result, "user_id": user.id,
                "department_id": user.crm_department_id.id,
                "date_start": cls.day + " 03:00:00",
                "date_answer": cls.day + " 03:00:30" if answered else False,
                "date_end": cls.day + " 03:05:00",
                "wait_seconds": wait, "talk_seconds": talk})

    def wizard(self, user="manager", **vals):
        values = {"date_from": self.day, "date_to": self.day, "group_by": "agent"}
        values.update(vals)
        return self.env["crm.call.statistics.print"].sudo(self.users[user]).create(values)

    def test_figures_by_agent(self):
        data = self.wizard()._cc_report_data()
        rows = {row["label"]: row for row in data["rows"]}
        self.assertEqual(set(rows), {"报表坐席甲", "报表坐席乙"})
        agent_a = rows["报表坐席甲"]
        self.assertEqual((agent_a["calls"], agent_a["answered"], agent_a["abandoned"],
                          agent_a["talk_seconds"]), (3, 2, 1, 300))
        self.assertAlmostEqual(agent_a["abandon_rate"], 100.0 / 3, places=3)
        self.assertEqual(agent_a["speed_of_answer"], 20.0, "average of 10 s and 30 s")
        self.assertEqual(data["total"]["calls"], 4)

    def test_supervisor_prints_their_department(self):
        data = self.wizard("supervisor")._cc_report_data()
        self.assertEqual([row["label"] for row in data["rows"]], ["报表坐席甲"],
                         "the after-sales agent's calls leaked to the hotline Supervisor")
        self.assertEqual(data["total"]["calls"], 3)

    def test_period_and_grouping(self):
        by_day = self.wizard(group_by="day")._cc_report_data()["rows"]
        self.assertEqual([row["calls"] for row in by_day], [4])
        empty = self.wizard(date_from="2031-03-15", date_to="2031-03-16")._cc_report_data()
        self.assertEqual((empty["rows"], empty["total"]["calls"]), ([], 0))
        with self.assertRaises(ValidationError):
            self.wizard(date_from="2031-03-15", date_to="2031-03-14")

    def test_pdf(self):
        wizard = self.wizard("supervisor")
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "crm_telephony.report_crm_call_statistics")
        report = self.env.ref("crm_telephony.crm_call_statistics_report").sudo(
            self.users["supervisor"])
        with tempfile.TemporaryDirectory() as directory, \
                patch.dict(config.options, {"test_report_directory": directory}):
            pdf, kind = report.render_qweb_pdf(wizard.ids)
        self.assertTrue(kind == "pdf" and pdf.startswith(b"%PDF-"), "not a PDF")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.run(["pdftotext", "-layout", handle.name, "-"],
                                  stdout=subprocess.PIPE, check=True).stdout.decode()
            # some fonts map common characters to Kangxi radicals (⼭ for 山)
            text = unicodedata.normalize("NFKC", text)
        words = "".join(text.split())
        self.assertIn("报表坐席甲", words)
        self.assertNotIn("报表坐席乙", words)
        self.assertIn("33.3", text, "the abandon rate is printed")
