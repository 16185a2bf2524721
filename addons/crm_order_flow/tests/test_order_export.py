import base64
import io

import openpyxl

from .common import OrderCase


class TestOrderExport(OrderCase):

    roles = ("agent",)

    def test_export_xlsx(self):
        orders = self.new_order(qty=2) | self.new_order(qty=5)
        action = orders.sudo(self.users["agent"]).action_cc_export_xlsx()
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        book = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(attachment.datas)))
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "Order")
        self.assertEqual(len(rows), 3)
        self.assertEqual({r[0] for r in rows[1:]}, set(orders.mapped("name")))
        self.assertEqual(rows[1][2], "王建国")
        self.assertEqual(rows[1][4], "OR agent")
