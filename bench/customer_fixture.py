"""1,000,000 customers made with one SQL statement in the bench database:
Chinese names from a pool of surnames and given names (with their pinyin),
+86 mobiles, E.164 numbers and pinyin keys as the ORM stores them."""
from psycopg2 import sql

from common import column_defaults

SIZE = 1000000
SURNAMES = [("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"),
            ("杨", "yang"), ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"),
            ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"), ("胡", "hu"),
            ("郭", "guo"), ("何", "he"), ("高", "gao"), ("林", "lin"), ("罗", "luo")]
GIVEN = [("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"),
         ("丽", "li"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"),
         ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("涛", "tao"), ("明", "ming"),
         ("超", "chao"), ("秀", "xiu"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"),
         ("桂", "gui"), ("英", "ying"), ("华", "hua"), ("建", "jian"), ("国", "guo"),
         ("文", "wen"), ("斌", "bin"), ("宇", "yu"), ("浩", "hao"), ("鹏", "peng")]
MARK = "bench customer"


def ensure(env):
    """Create the customers once (committed); return their count."""
    env.cr.execute("SELECT count(*) FROM res_partner WHERE comment = %s", (MARK,))
    count = env.cr.fetchone()[0]
    if count >= SIZE:
        return count
    category = env.ref("crm_callcenter.dict_customer_category_normal").id
    ours = {"name", "display_name", "comment", "active", "type", "customer", "supplier",
            "employee", "is_company", "cc_customer", "cc_category_id", "gender", "mobile",
            "mobile_e164", "mobile_location", "name_pinyin", "partner_share",
            "customer_code"}
    defaults = column_defaults(env["res.partner"], ours)
    extra_columns = sql.SQL("").join(sql.SQL(", {}").format(sql.Identifier(name))
                                     for name in defaults)
    extra_values = sql.SQL("").join(sql.SQL(", {}").format(sql.Placeholder(name))
                                    for name in defaults)
    params = {
        "s_hz": [s[0] for s in SURNAMES], "s_py": [s[1] for s in SURNAMES],
        "g_hz": [g[0] for g in GIVEN], "g_py": [g[1] for g in GIVEN],
        "ns": len(SURNAMES), "ng": len(GIVEN), "start": count + 1, "size": SIZE,
        "mark": MARK, "category": category,
    }
    params.update(defaults)
    query = sql.SQL("""
        WITH s AS (SELECT * FROM unnest(%(s_hz)s::text[], %(s_py)s::text[])
                   WITH ORDINALITY AS t(hz, py, i)),
             g AS (SELECT * FROM unnest(%(g_hz)s::text[], %(g_py)s::text[])
                   WITH ORDINALITY AS t(hz, py, i)),
             n AS (SELECT n, 1 + n %% %(ns)s AS si, 1 + (n / %(ns)s) %% %(ng)s AS g1,
                          1 + (n / (%(ns)s * %(ng)s)) %% %(ng)s AS g2
                   FROM generate_series(%(start)s, %(size)s) AS n)
        INSERT INTO res_partner (name, display_name, comment, active, type, customer,
            supplier, employee, is_company, cc_customer, cc_category_id, gender,
            mobile, mobile_e164, mobile_location, name_pinyin, partner_share,
            customer_code, create_uid, write_uid, create_date, write_date{})
        SELECT s.hz || g1.hz || g2.hz, s.hz || g1.hz || g2.hz, %(mark)s, true, 'contact',
               true, false, false, false, true, %(category)s, 'male',
               '13' || lpad(n::text, 9, '0'), '+8613' || lpad(n::text, 9, '0'), '中国',
               s.py || g1.py || g2.py || ' ' || left(s.py, 1) || left(g1.py, 1) || left(g2.py, 1),
               true, 'B' || n, 1, 1, now(), now(){}
        FROM n JOIN s ON s.i = n.si JOIN g g1 ON g1.i = n.g1 JOIN g g2 ON g2.i = n.g2
    """).format(extra_columns, extra_values)
    env.cr.execute(query.as_string(env.cr._obj), params)
    env.cr.execute("UPDATE res_partner SET commercial_partner_id = id "
                   "WHERE comment = %s AND commercial_partner_id IS NULL", (MARK,))
    env.cr.execute("ANALYZE res_partner")
    env.cr.commit()
    return SIZE
