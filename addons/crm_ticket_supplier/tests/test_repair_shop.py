from odoo.exceptions import AccessError, ValidationError

from odoo.addons.crm_ticket.tests.common import TicketCase


class TestRepairShop(TicketCase):
    """Tickets handed to authorised repair shops: suggestion by area and
    skill, the shop's tickets, the evaluation when the repair is done, and
    what the shops' portal users see."""

    ticket_users = ("agent", "supervisor")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Area = env["crm.service.area"]
        cls.haidian = Area.create({"name": "测试海淀区"})
        cls.pudong = Area.create({"name": "测试浦东新区"})
        Skill = env["crm.service.skill"]
        cls.aircon = Skill.create({
            "name": "空调维修", "ticket_type_ids": [(6, 0, cls.type_repair.ids)]})
        cls.fridge = Skill.create({"name": "冰箱维修"})
        cls.install = Skill.create({
            "name": "热水器安装", "acceptance_type": "installation"})
        Partner = cls.fixture_env["res.partner"]

        def shop(name, area, skills):
            return Partner.create({
                "name": name, "is_company": True, "is_repair_shop": True,
                "customer": False,
                "service_area_ids": [(6, 0, area.ids)],
                "service_skill_ids": [(6, 0, skills.ids)]})

        cls.shop_a = shop("海淀家电维修", cls.haidian, cls.aircon | cls.install)
        cls.shop_a2 = shop("中关村空调服务", cls.haidian, cls.aircon)
        cls.shop_b = shop("浦东快修", cls.pudong, cls.aircon)
        cls.shop_fridge = shop("海淀冰箱专修", cls.haidian, cls.fridge)
        Evaluation = env["crm.supplier.evaluation"]
        Evaluation.create({"partner_id": cls.shop_a.id, "kind": "service",
                           "score": 80})
        Evaluation.create({"partner_id": cls.shop_a2.id, "kind": "service",
                           "score": 95})
        cls.customer.service_area_id = cls.haidian
        cls.type_install = env["crm.ticket.type"].create({
            "name": "Installation", "code": "TK-AZ",
            "acceptance_type": "installation",
            "flow_id": cls.flow_repair.id, "department_id": cls.dept_b.id,
            "handler_id": cls.handler.id})
        Users = cls.fixture_env["res.users"]
        portal = env.ref("base.group_portal")

        def portal_user(login, company):
            contact = Partner.create({"name": login, "parent_id": company.id,
                                      "email": "%s@example.com" % login})
            return Users.create({
                "login": login, "partner_id": contact.id,
                "groups_id": [(6, 0, portal.ids)]})

        cls.portal_a = portal_user("shop_a_user", cls.shop_a)
        cls.portal_b = portal_user("shop_b_user", cls.shop_b)

    def repair_ticket(self, **vals):
        values = {"type_id": self.type_repair.id, "acceptance_type": "repair",
                  "description": "空调外机异响"}
        values.update(vals)
        return self.new_ticket(**values)

    def test_shop_must_be_authorised(self):
        ticket = self.repair_ticket()
        not_a_shop = self.env["res.partner"].create({"name": "路边维修摊"})
        with self.assertRaises(ValidationError):
            ticket.sudo(self.agent).repair_shop_id = not_a_shop
        self.shop_b.is_repair_shop = False
        with self.assertRaises(ValidationError, msg="no longer authorised"):
            ticket.sudo(self.agent).repair_shop_id = self.shop_b
        ticket.sudo(self.agent).repair_shop_id = self.shop_a
        self.assertEqual(ticket.repair_shop_id, self.shop_a)

    def test_suggestion_by_area_and_skill(self):
        ticket = self.repair_ticket()
        self.assertEqual(ticket.service_area_id, self.haidian,
                         "the customer's area is taken over")
        suggested = ticket.sudo(self.agent).suggested_shop_ids
        self.assertEqual(
            suggested.ids, (self.shop_a2 | self.shop_a).ids,
            "shops of the area with the type's skill, best score first "
            "(not the fridge shop, not Pudong)")
        ticket.service_area_id = self.pudong
        self.assertEqual(ticket.sudo(self.agent).suggested_shop_ids,
                         self.shop_b)

    def test_onchange_fills_the_best_shop(self):
        Ticket = self.env["crm.ticket"].sudo(self.agent)
        ticket = Ticket.new({"partner_id": self.customer.id,
                             "type_id": self.type_repair.id,
                             "acceptance_type": "repair"})
        ticket._onchange_partner_id_service_area()
        ticket._onchange_suggest_repair_shop()
        self.assertEqual(ticket.service_area_id, self.haidian)
        self.assertEqual(ticket.repair_shop_id, self.shop_a2)
        consult = Ticket.new({"partner_id": self.customer.id,
                              "type_id": self.type_consult_product.id,
                              "acceptance_type": "consultation"})
        consult._onchange_suggest_repair_shop()
        self.assertFalse(consult.repair_shop_id,
                         "consultations are not sent to repair shops")

    def test_acceptance_type_skill_when_the_type_has_none(self):
        ticket = self.new_ticket(type_id=self.type_install.id,
                                 acceptance_type="installation")
        self.assertEqual(ticket.suggested_shop_ids, self.shop_a,
                         "only the shop with the installation skill")

    def test_shop_lists_its_tickets(self):
        first = self.repair_ticket(repair_shop_id=self.shop_a.id)
        self.repair_ticket(repair_shop_id=self.shop_a.id)
        self.repair_ticket(repair_shop_id=self.shop_b.id)
        shop = self.shop_a.sudo(self.supervisor)
        self.assertEqual(shop.repair_ticket_count, 2)
        self.assertIn(first, shop.repair_ticket_ids)
        action = shop.action_open_repair_tickets()
        self.assertEqual(action["domain"],
                         [("repair_shop_id", "=", self.shop_a.id)])
        self.assertEqual(self.env["crm.ticket"].search_count(
            action["domain"]), 2)

    def test_repair_completed_records_the_evaluation(self):
        ticket = self.repair_ticket(repair_shop_id=self.shop_a.id)
        ticket.sudo(self.agent).action_dispatch()
        self.act(ticket, self.handler, "arrival")
        self.act(ticket, self.handler, "repair_done",
                 repair_note="更换电容", repair_shop_score=88,
                 repair_shop_note="准时上门")
        evaluation = ticket.service_evaluation_ids
        self.assertEqual(len(evaluation), 1)
        self.assertEqual(evaluation.partner_id, self.shop_a)
        self.assertEqual(evaluation.kind, "service")
        self.assertEqual(evaluation.score, 88)
        self.assertEqual(evaluation.user_id, self.handler)
        self.assertIn(evaluation, self.shop_a.supplier_evaluation_ids)
        self.assertEqual(ticket.step_code, "reply")

    def test_repair_completed_without_score_offers_the_evaluation(self):
        ticket = self.repair_ticket(repair_shop_id=self.shop_b.id)
        ticket.sudo(self.agent).action_dispatch()
        self.act(ticket, self.handler, "arrival")
        self.act(ticket, self.handler, "repair_done", repair_note="已修好")
        self.assertFalse(ticket.service_evaluation_ids)
        activity = ticket.activity_ids.filtered(
            lambda a: self.shop_b.name in (a.summary or ""))
        self.assertEqual(activity.user_id, self.handler,
                         "the handler is asked to evaluate the shop")
        action = ticket.sudo(self.handler).action_evaluate_repair_shop()
        self.assertEqual(action["context"]["default_partner_id"],
                         self.shop_b.id)
        self.assertEqual(action["context"]["default_ticket_id"], ticket.id)
        with self.assertRaises(AccessError, msg="agents only read scores"):
            self.env["crm.supplier.evaluation"].sudo(self.agent).with_context(
                **action["context"]).create({"score": 70})
        evaluation = self.env["crm.supplier.evaluation"].sudo(
            self.handler).with_context(**action["context"]).create(
                {"score": 70})
        self.assertEqual(ticket.service_evaluation_ids, evaluation)

    def test_ticket_without_shop_needs_no_evaluation(self):
        ticket = self.repair_ticket()
        ticket.sudo(self.agent).action_dispatch()
        self.act(ticket, self.handler, "arrival")
        self.act(ticket, self.handler, "repair_done", repair_note="已修好",
                 repair_shop_score=60)
        self.assertFalse(self.env["crm.supplier.evaluation"].search(
            [("ticket_id", "=", ticket.id)]))

    def test_shop_portal_users_see_only_their_shops_tickets(self):
        ticket_a = self.repair_ticket(repair_shop_id=self.shop_a.id)
        ticket_b = self.repair_ticket(repair_shop_id=self.shop_b.id)
        unassigned = self.repair_ticket()
        Ticket = self.env["crm.ticket"]
        self.assertEqual(Ticket.sudo(self.portal_a).search([]), ticket_a)
        self.assertEqual(Ticket.sudo(self.portal_b).search([]), ticket_b)
        for ticket in (ticket_b, unassigned):
            with self.assertRaises(AccessError):
                ticket.sudo(self.portal_a).read(["description"])
        self.assertEqual(
            ticket_a.sudo(self.portal_a).read(["description"])[0][
                "description"], "空调外机异响")
        with self.assertRaises(AccessError, msg="shops do not edit tickets"):
            ticket_a.sudo(self.portal_a).write({"description": "x"})
        ticket_a.repair_shop_id = self.shop_a2
        self.assertFalse(Ticket.sudo(self.portal_a).search([]),
                         "reassigned: the first shop no longer sees it")
