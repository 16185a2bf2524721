import unittest

from odoo.tests.common import SavepointCase

from ..money.chinese import integer_upper, rmb_upper


class TestChineseUppercase(unittest.TestCase):

    def test_integers(self):
        cases = {
            0: "零", 7: "柒", 10: "壹拾", 15: "壹拾伍", 100: "壹佰",
            101: "壹佰零壹", 110: "壹佰壹拾", 1005: "壹仟零伍",
            1010: "壹仟零壹拾", 10000: "壹万", 10001: "壹万零壹",
            100010: "壹拾万零壹拾", 1000001: "壹佰万零壹",
            10001000: "壹仟万壹仟", 100000000: "壹亿",
            100001000: "壹亿零壹仟", 1000010000: "壹拾亿零壹万",
            123456789: "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖",
        }
        for number, expected in cases.items():
            self.assertEqual(integer_upper(number), expected, number)

    def test_money(self):
        cases = {
            0: "零元整", 0.05: "伍分", 0.5: "伍角整", 1: "壹元整",
            1.05: "壹元零伍分", 10.5: "壹拾元伍角整", 12345.67:
            "壹万贰仟叁佰肆拾伍元陆角柒分", 2999: "贰仟玖佰玖拾玖元整",
            100000.1: "壹拾万元壹角整", 0.005: "壹分", -35.2: "负叁拾伍元贰角整",
        }
        for amount, expected in cases.items():
            self.assertEqual(rmb_upper(amount), expected, amount)

    def test_negative_integer_refused(self):
        with self.assertRaises(ValueError):
            integer_upper(-1)


class TestOrderAmountWords(SavepointCase):

    def test_order_carries_both_wordings(self):
        partner = self.env["res.partner"].create({"name": "李娜"})
        supplier = self.env["res.partner"].create(
            {"name": "九阳股份有限公司", "supplier": True})
        product = self.env["product.product"].create(
            {"name": "九阳豆浆机", "list_price": 399.0,
             "seller_ids": [(0, 0, {"name": supplier.id})]})
        order = self.env["sale.order"].create({
            "partner_id": partner.id,
            "order_line": [(0, 0, {"product_id": product.id,
                                   "product_uom_qty": 3, "price_unit": 399.0,
                                   "tax_id": [(5, 0, 0)]})]})
        self.assertEqual(order.cc_amount_upper, "壹仟壹佰玖拾柒元整")
        self.assertIn("One Thousand, One Hundred And Ninety-Seven",
                      order.cc_amount_words)
        # the printed order carries both wordings: checked on the one
        # rendering of the report in
        # test_price_scheme.test_portal_never_sees_bounds (each rendering
        # in a test compiles the report's style sheets again)
