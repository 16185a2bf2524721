"""The phone number normaliser (crm_customer/phone): one definition of "the
same number" for what users type, in any format Chinese users write.
Plain unittest: no database needed."""
import unittest

from .. import phone

MOBILE = "+8613800138000"
BEIJING = "+861084572000"


class TestNormalize(unittest.TestCase):

    def test_formats_of_one_mobile(self):
        for typed in ("13800138000", "138 0013 8000", "138-0013-8000",
                      "0086 138-0013-8000", "+86 138 0013 8000", "8613800138000",
                      "86 138 0013 8000", "(+86) 138 0013 8000"):
            self.assertEqual(phone.normalize(typed, "CN"), MOBILE, typed)

    def test_full_width_characters(self):
        for typed in ("１３８００１３８０００", "＋８６　１３８－００１３－８０００",
                      "００８６１３８００１３８０００"):
            self.assertEqual(phone.normalize(typed, "CN"), MOBILE, typed)
        self.assertEqual(phone.normalize("（０１０）８４５７２０００", "CN"), BEIJING)

    def test_landline_with_area_code_in_brackets(self):
        for typed in ("(010)84572000", "(010) 8457-2000", "010-84572000",
                      "+86 10 8457 2000", "0086 (10) 84572000"):
            self.assertEqual(phone.normalize(typed, "CN"), BEIJING, typed)

    def test_extensions_are_not_part_of_the_number(self):
        for typed in ("010-84572000 ext 123", "010-84572000 x123",
                      "010-84572000转123", "010-84572000 分机 123"):
            self.assertEqual(phone.normalize(typed, "CN"), BEIJING, typed)

    def test_region_reads_numbers_without_country_code(self):
        self.assertEqual(phone.normalize("020 7946 0958", "GB"), "+442079460958")
        self.assertEqual(phone.normalize("+44 20 7946 0958", "CN"), "+442079460958")

    def test_not_numbers(self):
        for typed in ("", None, "abc", "张三", "12"):
            self.assertIsNone(phone.normalize(typed, "CN"), typed)


class TestDisplay(unittest.TestCase):

    def test_national_format_for_home_numbers(self):
        self.assertEqual(phone.display("+86 13800138000", "CN"), "138 0013 8000")
        self.assertEqual(phone.display("１３８００１３８０００", "CN"), "138 0013 8000")
        self.assertEqual(phone.display("(010)62345678", "CN"), "010 6234 5678")
        self.assertEqual(phone.display("0086-27-12345678", "CN"), "027 1234 5678")

    def test_extension_kept(self):
        self.assertEqual(phone.display("010-62345678转123", "CN"), "010 6234 5678 ext. 123")

    def test_foreign_numbers_in_international_format(self):
        self.assertEqual(phone.display("+44 20 7946 0958", "CN"), "+44 20 7946 0958")
        self.assertEqual(phone.display("020 7946 0958", "GB"), "020 7946 0958")
        self.assertEqual(phone.display("020 7946 0958", "GB", home="CN"), "+44 20 7946 0958")

    def test_invalid_numbers_are_not_reformatted(self):
        for typed in ("1380013800", "12345", "ext. 12", ""):
            self.assertIsNone(phone.display(typed, "CN"), typed)


class TestSearchKey(unittest.TestCase):

    def test_full_numbers_search_exactly(self):
        for typed in ("13800138000", "0086 138-0013-8000", "１３８００１３８０００",
                      "+86 138 0013 8000"):
            self.assertEqual(phone.search_key(typed, "CN"), (MOBILE, None), typed)
        self.assertEqual(phone.search_key("(010)84572000", "CN"), (BEIJING, None))
        self.assertEqual(phone.search_key("010-84572000转8", "CN"), (BEIJING, None))

    def test_last_digits_search_by_reversed_suffix(self):
        self.assertEqual(phone.search_key("8000", "CN"), (None, "0008"))
        self.assertEqual(phone.search_key("0013 8000", "CN")[1], "00083100")
        self.assertEqual(phone.search_key("０１２３", "CN"), (None, "3210"))
        self.assertTrue(phone.reversed_digits(MOBILE).startswith("00083100"))

    def test_possible_but_invalid_number_searches_both_ways(self):
        e164, suffix = phone.search_key("1380013800", "CN")
        self.assertEqual(e164, "+861380013800")
        self.assertTrue(phone.reversed_digits(e164).startswith(suffix))

    def test_too_short_or_no_digits(self):
        for typed in ("", "800", "abc", "张三丰"):
            self.assertEqual(phone.search_key(typed, "CN"), (None, None), typed)

    def test_words_with_digits_are_not_numbers(self):
        for typed in ("KH000123", "订单 2024", "SO0042"):
            self.assertEqual(phone.search_key(typed, "CN"), (None, None), typed)
