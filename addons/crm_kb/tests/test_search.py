from .common import KbCase

CORPUS = [
    ("KBT-AC01", "空调不制冷的排查步骤", "不凉,制冷效果差,E1",
     "<p>先确认制冷模式和设定温度，清洗过滤网，检查室外机风扇是否转动。显示 E1 为高压保护，"
     "断电五分钟后重开。安装收费见 KBT-AC02。</p>"),
    ("KBT-AC02", "空调安装收费标准", "安装费,铜管加长",
     "<p>标准安装免费，含三米铜管；超出部分每米收费八十元，高空作业另收一百五十元。</p>"),
    ("KBT-WM03", "滚筒洗衣机显示E21不排水", "排水故障,洗衣机",
     "<p>E21 表示排水超时，请清理排水泵过滤器并检查排水管是否弯折。</p>"),
    ("KBT-POL04", "七天无理由退货", "退款,退换货",
     "<p>签收七天内可申请退货，退款三个工作日内原路退回。</p>"),
    ("KBT-FAQ05", "如何补开电子发票", "发票,报销",
     "<p>核实订单后补开，电子发票二十四小时内发到客户邮箱。</p>"),
    ("KBT-BB06", "千兆光宽带套餐资费", "宽带资费,提速,套餐",
     "<p>每月一百二十九元，含千兆带宽和三十GB流量，老用户加二十元即可提速。</p>"),
    ("KBT-EN07", "Refund policy for online orders", "refund, money back",
     "<p>Refunds are issued to the original payment method within 3 business days.</p>"),
    ("KBT-EN08", "Password reset for the member app", "login, forgot password",
     "<p>Tap Forgot password on the login screen; a verification code is sent by SMS.</p>"),
    ("KBT-EN09", "Router keeps disconnecting", "wifi drops, unstable network",
     "<p>Restart the optical modem, then move the router away from the microwave oven.</p>"),
    ("KBT-RF10", "冰箱冷藏室结冰", "结霜,冷藏结冰",
     "<p>将温控旋钮调到三档，检查门封条是否老化漏气。</p>"),
    ("KBT-VIP11", "会员积分兑换规则", "积分,兑换,会员等级",
     "<p>每消费一元积一分，一百分抵一元，金卡会员双倍积分。</p>"),
    ("KBT-EXP12", "快递物流查询", "物流,快递单号,配送",
     "<p>在订单详情中查看快递单号，配送异常请联系承运商。</p>"),
    ("KBT-WH13", "热水器 ERR-512 错误代码", "热水器故障",
     "<p>ERR-512 表示点火失败，请检查燃气阀门是否打开、电池是否没电。</p>"),
    ("KBT-EN14", "Inverter air conditioner bulletin", "bulletin",
     "<p>See the attached bulletin.</p>"),
    ("KBT-BT15", "蓝牙耳机使用指引", "耳机",
     "<p>见附件。</p>"),
    ("KBT-HOL16", "节假日安排", "节假日",
     "<p>见附件通知。</p>"),
    ("KBT-EN17", "Installation appointment rescheduling", "reschedule, appointment",
     "<p>Customers can change the installation date up to 24 hours before the visit.</p>"),
    ("KBT-CP18", "投诉处理时限", "投诉,时限",
     "<p>一般投诉二十四小时内回电，重大投诉两小时内升级。</p>"),
    ("KBT-CC19", "信用卡分期付款", "分期,免息",
     "<p>单笔满六百元可申请十二期免息分期。</p>"),
    ("KBT-EN20", "Warranty extension plan", "extended warranty",
     "<p>Buy the plan within 90 days of purchase; it adds two years of cover.</p>"),
]

ATTACHMENTS = {"KBT-EN14": "service_bulletin.pdf", "KBT-BT15": "pairing_guide.docx",
               "KBT-HOL16": "courier_notice.txt"}

# (query, code that must rank first)
QUERIES = [
    ("空调不制冷", "KBT-AC01"),
    ("空调不凉怎么办", "KBT-AC01"),          # wording in the keywords only
    ("空调 E1", "KBT-AC01"),
    ("kbt-wm03", "KBT-WM03"),               # exact code, lower case
    ("KBT-AC02", "KBT-AC02"),               # exact code beats a body mentioning it
    ("E21", "KBT-WM03"),
    ("洗衣机排水", "KBT-WM03"),
    ("排水泵", "KBT-WM03"),                  # part of a longer word
    ("退款", "KBT-POL04"),
    ("refunds", "KBT-EN07"),                # plural of the keyword
    ("money back", "KBT-EN07"),
    ("发票", "KBT-FAQ05"),
    ("报销", "KBT-FAQ05"),
    ("千兆", "KBT-BB06"),
    ("宽带提速", "KBT-BB06"),
    ("forgot password", "KBT-EN08"),
    ("passwords", "KBT-EN08"),
    ("verification code sms", "KBT-EN08"),
    ("wifi drops", "KBT-EN09"),
    ("disconnect", "KBT-EN09"),             # prefix of "disconnecting"
    ("冰箱结冰", "KBT-RF10"),
    ("冷藏室结霜", "KBT-RF10"),
    ("积分兑换", "KBT-VIP11"),
    ("会员等级", "KBT-VIP11"),
    ("快递单号", "KBT-EXP12"),
    ("ERR-512", "KBT-WH13"),
    ("err 512", "KBT-WH13"),
    ("点火失败", "KBT-WH13"),
    ("TIMER button", "KBT-EN14"),           # only inside the PDF
    ("amber light", "KBT-EN14"),            # only inside the PDF
    ("恢复出厂设置", "KBT-BT15"),             # only inside the DOCX
    ("配对失败", "KBT-BT15"),                # only inside the DOCX
    ("顺丰", "KBT-HOL16"),                   # only inside the TXT
    ("reschedule appointment", "KBT-EN17"),
    ("rescheduling", "KBT-EN17"),
    ("投诉时限", "KBT-CP18"),
    ("分期免息", "KBT-CC19"),
    ("extended warranty", "KBT-EN20"),
    ("铜管加长费用", "KBT-AC02"),             # not every word matches: best partial
]


class TestSearch(KbCase):
    """KB-3: one search box over title, code, keywords, body and attachment
    text, Chinese and English, ranked; suggestions from a ticket's text."""

    users = ("agent",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.articles = {}
        for code, name, keywords, body in CORPUS:
            vals = {"code": code, "name": name, "keywords": keywords, "body": body}
            if code in ATTACHMENTS:
                vals["attachment_ids"] = [(6, 0, [cls.attachment(ATTACHMENTS[code])])]
            cls.articles[code] = cls.new_article(**vals)

    def codes(self, results):
        return [result["code"] for result in results]

    def search(self, query, user=None, limit=5):
        """Search within this test's corpus (a demo database has more)."""
        return self.Article.sudo(user or self.agent).kb_search(
            query, limit=limit, domain=[("category_id", "child_of", self.root.id)])

    def suggest(self, text):
        return self.codes(self.Article.sudo(self.agent)._kb_suggest(
            text, domain=[("category_id", "child_of", self.root.id)]))

    def test_expected_article_ranks_first(self):
        self.assertGreaterEqual(len(QUERIES), 30)
        misses = []
        for query, code in QUERIES:
            found = self.codes(self.search(query))
            if not found or found[0] != code:
                misses.append("%s -> %s (expected %s)" % (query, found, code))
        self.assertFalse(misses, "wrong first result:\n" + "\n".join(misses))

    def test_snippet_highlights_matched_words(self):
        result = self.search("点火失败")[0]
        self.assertIn("<b>点火</b>", result["snippet"])
        result = self.search("TIMER button")[0]
        self.assertIn("<b>TIMER</b>", result["snippet"])

    def test_popularity_breaks_ties(self):
        first = self.new_article(code="KBT-T1", name="同分文章", keywords="tiezz")
        self.new_article(code="KBT-T2", name="同分文章", keywords="tiezz")
        ranked = self.codes(self.search("tiezz"))
        self.assertEqual(ranked, ["KBT-T2", "KBT-T1"])
        self.env["crm.kb.article.stat"]._seed_views(first.ids, 5)
        self.assertEqual(self.codes(self.search("tiezz")), ["KBT-T1", "KBT-T2"])

    def test_nothing_for_nonsense(self):
        self.assertFalse(self.search("qqzzxxyy"))
        self.assertFalse(self.search("   "))

    def test_index_follows_edits(self):
        article = self.articles["KBT-CC19"]
        article.sudo(self.reviewer).write({"keywords": "分期,免息,白金卡专享"})
        self.assertEqual(self.codes(self.search("白金卡")), ["KBT-CC19"])

    def test_search_box_of_the_list_view(self):
        found = self.Article.sudo(self.agent).search([("kb_query", "ilike", "恢复出厂设置")])
        self.assertEqual(found, self.articles["KBT-BT15"])

    def test_suggestions_from_ticket_text(self):
        found = self.suggest("客户来电说家里的滚筒洗衣机显示E21故障代码，水排不出去，要求上门")
        self.assertEqual(found[:1], ["KBT-WM03"])
        found = self.suggest("Customer forgot the password of the member app and cannot login")
        self.assertEqual(found[:1], ["KBT-EN08"])
        self.assertFalse(self.suggest(""))
