import base64
import io
import re

import openpyxl

from odoo.exceptions import AccessError

from .common import OrderCase


class TestOrderExport(OrderCase):

    roles = ("agent", "manager")

    def test_export_xlsx(self):
        orders = self.new_order(qty=2) | self.new_order(qty=5)
        action = orders.sudo(self.users["agent"]).action_cc_export_xlsx()
        exported = self.env["crm.export.file"].sudo(self.users["agent"]).browse(
            int(re.search(r"[?&]id=(\d+)", action["url"]).group(1)))
        with self.assertRaises(AccessError):   # M2: the exporter's only
            exported.sudo(self.users["manager"]).read(["data"])
        book = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(exported.data)))
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "Order")
        self.assertEqual(len(rows), 3)
        self.assertEqual({r[0] for r in rows[1:]}, set(orders.mapped("name")))
        self.assertEqual(rows[1][2], "王建国")
        self.assertEqual(rows[1][4], "OR agent")
