from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase


class TestCustomerProfile(CallCenterCase):

    def test_numbers_normalised_and_located(self):
        customer = self.new_customer(mobile="+86 13800138000", phone="(027)12345678")
        self.assertEqual(customer.mobile_e164, "+8613800138000")
        self.assertEqual(customer.phone_e164, "+862712345678")
        self.assertEqual(customer.mobile_location, "北京市 中国移动")
        self.assertEqual(customer.phone_location, "湖北省武汉市")
        self.assertEqual(customer.mobile, "138 0013 8000", "shown in the national format")
        self.assertEqual(customer.phone, "027 1234 5678", "shown in the national format")

    def test_lookup_by_number_in_any_format(self):
        customer = self.new_customer(mobile="13800138999")
        for typed in ("+86 138-0013-8999", "0086 13800138999", "138 0013 8999"):
            self.assertEqual(self.Partner._cc_find_by_number(typed), customer, typed)
        self.assertFalse(self.Partner._cc_find_by_number("not a number"))

    def test_invalid_number_is_refused_for_customers(self):
        with self.assertRaises(ValidationError):
            self.new_customer(mobile="12")
        other = self.Partner.create({"name": "Supplier contact", "phone": "ext. 12"})
        self.assertFalse(other.phone_e164, "non-customers keep free-form numbers")

    def test_required_fields(self):
        for field in ("cc_category_id", "gender"):
            with self.assertRaises(ValidationError, msg=field):
                self.new_customer(**{field: False})
        with self.assertRaises(ValidationError):
            self.new_customer(mobile=False, phone=False)
        with self.assertRaises(ValidationError):
            self.new_customer(name="某某公司", is_company=True, cc_contact_name=False)

    def test_contact_defaults_to_person_name(self):
        customer = self.new_customer(name="王小明")
        self.assertEqual(customer.cc_contact_name, "王小明")

    def test_customer_code_numbering(self):
        first = self.new_customer(mobile="13900000001")
        second = self.new_customer(mobile="13900000002")
        self.assertTrue(first.customer_code.startswith("KH"))
        self.assertNotEqual(first.customer_code, second.customer_code)
        self.assertFalse(self.Partner.create({"name": "plain"}).customer_code)

    def test_pinyin_search(self):
        customer = self.new_customer(name="张三丰", mobile="13600001234")
        self.assertEqual(customer.name_pinyin, "zhangsanfeng zsf")
        Partner = self.Partner.sudo(self.users["agent"])
        for typed in ("zsf", "zhangsan", "ZhangSanFeng"):
            ids = [row[0] for row in Partner.name_search(typed)]
            self.assertIn(customer.id, ids, typed)
        for typed in ("zsf", "zhangsanfeng"):
            self.assertIn(customer, Partner.search([("name_pinyin", "ilike", typed)]), typed)
            # through the trigram index first, initials and full pinyin alike
            (leaf,) = Partner._cc_resolve_pinyin([("name_pinyin", "ilike", typed)])
            self.assertEqual(leaf[:2], ("id", "in"), typed)
            self.assertIn(customer.id, leaf[2], typed)

    def test_name_search_by_phone_number(self):
        customer = self.new_customer(mobile="13600005678")
        ids = [row[0] for row in self.Partner.name_search("136 0000 5678")]
        self.assertIn(customer.id, ids)


class TestCustomerDuplicates(CallCenterCase):

    def test_same_number_is_flagged(self):
        first = self.new_customer(name="甲", mobile="13512345678")
        second = self.new_customer(name="乙", phone="+86 135 1234 5678", mobile=False)
        self.assertEqual(second.cc_duplicate_ids, first)
        self.assertEqual(first.cc_duplicate_ids, second)

    def test_onchange_warns(self):
        first = self.new_customer(name="甲", mobile="13512340000")
        draft = self.Partner.new(self.customer_vals(name="乙", mobile="135-1234-0000"))
        result = draft._onchange_cc_phone_duplicates()
        self.assertIn(first.name, result["warning"]["message"])

    def test_merge_action_opens_partner_merge(self):
        first = self.new_customer(name="甲", mobile="13512349999")
        second = self.new_customer(name="乙", mobile="13512349999")
        action = second.action_cc_merge_duplicates()
        self.assertEqual(action["res_model"], "base.partner.merge.automatic.wizard")
        self.assertEqual(set(action["context"]["active_ids"]), {first.id, second.id})
        wizard = self.env[action["res_model"]].with_context(**action["context"]).create({})
        wizard.action_merge()
        self.assertFalse(first.exists() and second.exists(), "nothing was merged")


class TestCustomerDeletion(CallCenterCase):

    def test_agent_cannot_delete(self):
        customer = self.new_customer()
        with self.assertRaises(AccessError):
            customer.sudo(self.users["agent"]).unlink()
        self.assertTrue(customer.exists())

    def test_manager_deletes_unused_customer(self):
        customer = self.new_customer()
        customer.sudo(self.users["manager"]).unlink()
        self.assertFalse(customer.exists())

    def test_customer_with_history_cannot_be_deleted(self):
        customer = self.new_customer()
        contact = self.Partner.create({"name": "联系人", "parent_id": customer.id})
        usage = [("res.partner", "parent_id", "a contact")]
        with patch.object(type(self.Partner), "_cc_get_usage_fields",
                          lambda self: usage):
            with self.assertRaises(UserError):
                customer.sudo(self.users["manager"]).unlink()
        self.assertTrue(contact.exists() and customer.exists())
        customer.sudo(self.users["agent"]).write({"active": False})
        self.assertFalse(customer.active, "archiving must stay possible")


class TestOrganisationAccess(CallCenterCase):

    def test_dictionary_maintained_by_administrators(self):
        Dictionary = self.env["crm.dictionary"]
        with self.assertRaises(AccessError):
            Dictionary.sudo(self.users["manager"]).create(
                {"dict_type": "industry", "name": "物流"})
        value = Dictionary.sudo(self.users["admin"]).create(
            {"dict_type": "industry", "name": "物流", "code": "LOG"})
        self.assertIn(value, Dictionary.sudo(self.users["agent"]).search(
            [("dict_type", "=", "industry")]))


class TestCustomerStatistics(CallCenterCase):

    def test_counts_by_value_level_source_and_region(self):
        level_a = self.env.ref("crm_callcenter.dict_value_level_a")
        web = self.env.ref("crm_callcenter.dict_customer_source_web")
        east = self.env.ref("crm_callcenter.dict_customer_region_east")
        for index in range(3):
            self.new_customer(name="统计%d" % index, mobile="1371234000%d" % index,
                              cc_value_level_id=level_a.id, cc_source_id=web.id,
                              cc_region_id=east.id if index else False)
        domain = [("name", "like", "统计")]
        Partner = self.Partner.sudo(self.users["supervisor"])
        by_level = Partner.read_group(domain, ["cc_value_level_id"], ["cc_value_level_id"])
        self.assertEqual([(g["cc_value_level_id"][0], g["cc_value_level_id_count"])
                          for g in by_level], [(level_a.id, 3)])
        by_region = {g["cc_region_id"] and g["cc_region_id"][0]: g["cc_region_id_count"]
                     for g in Partner.read_group(domain, ["cc_region_id"], ["cc_region_id"])}
        self.assertEqual(by_region, {east.id: 2, False: 1})
        action = self.env.ref("crm_customer.res_partner_action_statistics")
        self.assertEqual(action.view_mode, "pivot,graph")
