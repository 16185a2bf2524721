"""100,000 knowledge articles, mixed Chinese and English, made by SQL in the
bench database. Articles are built from a pool of call-center sentences
(product x symptom x action); the search vectors of each sentence are
computed once in Python with the add-on's own tokenizer, and an article's
vectors are the concatenation of its sentences' vectors (tokens computed
in bulk, as the ORM would store them one by one)."""
import os
import sys

from psycopg2 import sql

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "addons",
                                "crm_kb"))
from kbtext import tokens  # noqa: E402 pylint: disable=wrong-import-position

SIZE = 100000
SENTENCES_PER_BODY = 16
MARK = "BENCH-KB"
PRODUCTS = ["空调", "洗衣机", "冰箱", "热水器", "电视机", "宽带", "路由器", "手机", "蓝牙耳机",
            "油烟机", "燃气灶", "净水器", "扫地机器人", "微波炉", "电饭煲", "空气净化器",
            "投影仪", "平板电脑", "智能门锁", "监控摄像头"]
SYMPTOMS = ["不制冷", "不加热", "漏水", "噪音大", "无法开机", "显示故障代码", "遥控失灵",
            "网络断开", "充电很慢", "屏幕闪烁", "有异味", "结冰结霜", "排水缓慢", "无法连接",
            "耗电量高", "自动关机", "指示灯闪烁", "按键失灵", "出风口滴水", "温度不准"]
ACTIONS = ["请先断电重启设备", "建议清洗过滤网", "登记上门维修工单", "告知客户保修政策",
           "引导客户升级固件", "核实购买日期和发票", "安排工程师电话回访", "提醒客户检查电源插座",
           "说明上门收费标准", "为客户提供备用机"]
E_PRODUCTS = ["air conditioner", "washing machine", "refrigerator", "water heater",
              "television", "broadband", "router", "smartphone", "earphones", "range hood",
              "dishwasher", "projector", "tablet", "door lock", "camera"]
E_SYMPTOMS = ["is not cooling", "leaks water", "makes loud noise", "will not power on",
              "shows an error code", "loses connection", "charges slowly", "screen flickers",
              "smells strange", "shuts down randomly", "drains slowly", "overheats",
              "remote does not respond", "indicator keeps blinking", "fails to pair"]
E_ACTIONS = ["restart the device after unplugging it", "clean the filter",
             "book a technician visit", "explain the warranty policy",
             "upgrade the firmware", "check the purchase invoice",
             "schedule a callback from an engineer", "check the power socket"]


def sentences():
    zh = ["%s%s时，%s。" % (p, s, a) for p in PRODUCTS for s in SYMPTOMS for a in ACTIONS]
    en = ["If the %s %s, %s. " % (p, s, a) for p in E_PRODUCTS for s in E_SYMPTOMS
          for a in E_ACTIONS]
    return zh + en


def ensure(env):
    """Create the articles once (committed); return their count."""
    cr = env.cr
    cr.execute("SELECT count(*) FROM crm_kb_article WHERE keywords LIKE %s", (MARK + "%",))
    count = cr.fetchone()[0]
    if count >= SIZE:
        return count
    category = env["crm.kb.category"].search([("name", "=", MARK)], limit=1) or \
        env["crm.kb.category"].create({"name": MARK})
    texts = sentences()
    vectors = [tokens.weighted_tsvector([(text, "C")]) for text in texts]
    titles = [tokens.weighted_tsvector([(text, "A")]) for text in texts]
    cr.execute("CREATE TEMP TABLE kb_bench_sentence (i int, txt text, tsv tsvector, "
               "title_tsv tsvector) ON COMMIT DROP")
    cr.execute("INSERT INTO kb_bench_sentence SELECT i, txt, tsv::tsvector, ttl::tsvector "
               "FROM unnest(%s::text[], %s::text[], %s::text[]) WITH ORDINALITY "
               "AS t(txt, tsv, ttl, i)", (texts, vectors, titles))
    cr.execute("CREATE AGGREGATE pg_temp.kb_tsv_agg(tsvector) "
               "(sfunc = tsvector_concat, stype = tsvector, initcond = '')")
    query = sql.SQL("""
        INSERT INTO crm_kb_article (name, code, keywords, body, body_text, attachment_text,
            category_id, category_type, state, visibility, sequence, active, is_new_business,
            announce, date_publish, create_uid, create_date, write_uid, write_date,
            kb_tsv, kb_head_tsv)
        SELECT title.txt, 'BK-' || lpad(g::text, 6, '0'), %(mark)s || ',' || title.txt,
               '<p>' || body.txt || '</p>', body.txt, '', %(category)s, 'general',
               'published', 'internal', 10, true, false, false,
               now() at time zone 'UTC' - interval '1 day', 1, now() at time zone 'UTC', 1,
               now() at time zone 'UTC',
               setweight(title.title_tsv, 'A') || code.tsv || body.tsv,
               setweight(title.title_tsv, 'A') || code.tsv
        FROM generate_series(%(start)s, %(size)s) AS g
        JOIN kb_bench_sentence title
          ON title.i = 1 + (abs(hashint4(g)) %% %(n)s)
        CROSS JOIN LATERAL (
            SELECT string_agg(s.txt, '' ORDER BY k) AS txt, pg_temp.kb_tsv_agg(s.tsv) AS tsv
            FROM generate_series(1, %(per_body)s) AS k
            JOIN kb_bench_sentence s ON s.i = 1 + (abs(hashint4(g * 97 + k)) %% %(n)s)
        ) body
        CROSS JOIN LATERAL (
            SELECT format('''%%s'':1A ''bk'':2A ''%%s'':3A',
                          'bk-' || lpad(g::text, 6, '0'), lpad(g::text, 6, '0'))::tsvector
                   AS tsv
        ) code
    """)
    cr.execute(query, {"mark": MARK, "category": category.id, "start": count + 1,
                       "size": SIZE, "n": len(texts), "per_body": SENTENCES_PER_BODY})
    # a tenth of the articles have been read: popularity to break ties
    cr.execute("INSERT INTO crm_kb_article_stat (article_id, view_count, hot_adjust, hot_score, "
               "pinned) SELECT id, id %% 97, 0, id %% 97, false FROM crm_kb_article "
               "WHERE keywords LIKE %s AND id %% 10 = 0 ON CONFLICT DO NOTHING", (MARK + "%",))
    cr.commit()
    cr.execute("ANALYZE crm_kb_article")
    cr.execute("ANALYZE crm_kb_article_stat")
    cr.commit()
    return SIZE
