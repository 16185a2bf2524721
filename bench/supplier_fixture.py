"""A year (2025) of purchases for the supplier benchmarks, created once with
SQL in the bench database: 60 suppliers, 200 products, 20,000 confirmed
purchase orders with 200,000 lines, a done receipt for 95 % of the lines
(a third of them late), returns for 3 % of them, and 1,200 quality scores."""
from common import insert_select

SUPPLIERS = 60
PRODUCTS = 200
ORDERS = 20000
LINES_PER_ORDER = 10
YEAR = 2025
TAG = "bench supplier"


def ensure(env):
    """Return the bench suppliers; create the data if missing."""
    Partner = env["res.partner"]
    suppliers = Partner.search([("name", "=like", TAG + " %")], order="id")
    if suppliers and env["purchase.order.line"].search_count(
            [("order_id.partner_id", "in", suppliers.ids)]) >= ORDERS * LINES_PER_ORDER:
        return suppliers
    env["crm.flow"].search([("model", "=", "purchase.order")]).write({"active": False})
    for index in range(len(suppliers), SUPPLIERS):
        suppliers |= Partner.create({"name": "%s %03d" % (TAG, index), "supplier": True,
                                     "customer": False, "is_company": True})
    Product = env["product.product"]
    products = Product.search([("default_code", "=like", "BENCH-SU-%")], order="id")
    for index in range(len(products), PRODUCTS):
        products |= Product.create({"name": "%s part %03d" % (TAG, index), "type": "product",
                                    "default_code": "BENCH-SU-%03d" % index})
    company = env.user.company_id
    picking_type = env.ref("stock.picking_type_in")
    uom = env.ref("product.product_uom_unit")
    supplier_loc = env.ref("stock.stock_location_suppliers")
    stock_loc = env.ref("stock.stock_location_stock")
    cr = env.cr
    insert_select(env, "purchase.order", [
        "name", "partner_id", "state", "date_order", "currency_id", "company_id",
        "picking_type_id", "flow_state", "invoice_status",
        "create_uid", "write_uid", "create_date", "write_date"], """
        SELECT 'BENCH-PO-' || n, (%(suppliers)s::int[])[1 + n %% %(nsup)s], 'purchase',
               make_timestamp(%(year)s, 1, 1, 8, 0, 0) + ((n %% 360) || ' days')::interval,
               %(currency)s, %(company)s, %(ptype)s, 'done', 'no', 1, 1, now(), now(){defaults}
          FROM generate_series(1, %(orders)s) AS n
    """, dict(suppliers=suppliers.ids, nsup=len(suppliers), year=YEAR,
              currency=company.currency_id.id, company=company.id,
              ptype=picking_type.id, orders=ORDERS))
    insert_select(env, "purchase.order.line", [
        "name", "order_id", "product_id", "product_qty", "product_uom", "price_unit",
        "price_subtotal", "date_planned", "company_id", "partner_id", "state", "date_order",
        "create_uid", "write_uid", "create_date", "write_date"], """
        SELECT 'bench line', po.id, (%(products)s::int[])[1 + (po.id * 7 + k) %% %(nprod)s],
               10, %(uom)s, 50 + (po.id + k) %% 40, 10 * (50 + (po.id + k) %% 40),
               po.date_order + interval '7 days', po.company_id, po.partner_id, 'purchase',
               po.date_order,
               1, 1, now(), now(){defaults}
          FROM purchase_order po, generate_series(1, %(per)s) AS k
         WHERE po.name LIKE 'BENCH-PO-%%'
    """, dict(products=products.ids, nprod=len(products), uom=uom.id, per=LINES_PER_ORDER))
    insert_select(env, "stock.move", [
        "name", "product_id", "product_uom_qty", "product_qty", "product_uom", "location_id",
        "location_dest_id", "state", "date", "date_expected", "purchase_line_id", "company_id",
        "procure_method", "create_uid", "write_uid", "create_date", "write_date"], """
        SELECT 'bench receipt', l.product_id, 10, 10, l.product_uom, %(sup)s, %(stock)s,
               'done', l.date_planned + CASE WHEN l.id %% 3 = 0 THEN interval '2 days'
                                             ELSE interval '-1 day' END,
               l.date_planned, l.id, l.company_id, 'make_to_stock', 1, 1, now(), now(){defaults}
          FROM purchase_order_line l JOIN purchase_order po ON po.id = l.order_id
         WHERE po.name LIKE 'BENCH-PO-%%' AND l.id %% 20 <> 0
        UNION ALL
        SELECT 'bench return', l.product_id, 2, 2, l.product_uom, %(stock)s, %(sup)s,
               'done', l.date_planned + interval '10 days', l.date_planned, l.id,
               l.company_id, 'make_to_stock', 1, 1, now(), now(){defaults}
          FROM purchase_order_line l JOIN purchase_order po ON po.id = l.order_id
         WHERE po.name LIKE 'BENCH-PO-%%' AND l.id %% 33 = 0
    """, dict(sup=supplier_loc.id, stock=stock_loc.id))
    # what the ORM computes on purchase lines from their moves
    cr.execute("""
        UPDATE purchase_order_line l
           SET date_received = r.date_in, qty_in_done = r.qty_in, qty_out_done = r.qty_out
          FROM (SELECT m.purchase_line_id,
                       max(m.date) FILTER (WHERE d.usage <> 'supplier') AS date_in,
                       coalesce(sum(m.product_qty) FILTER (WHERE d.usage <> 'supplier'), 0)
                           AS qty_in,
                       coalesce(sum(m.product_qty) FILTER (WHERE d.usage = 'supplier'), 0)
                           AS qty_out
                  FROM stock_move m JOIN stock_location d ON d.id = m.location_dest_id
                 WHERE m.state = 'done' AND m.name LIKE 'bench %%'
                 GROUP BY m.purchase_line_id) r
         WHERE r.purchase_line_id = l.id
    """)
    cr.execute("""
        INSERT INTO crm_supplier_evaluation (partner_id, kind, date, score, user_id,
                                             create_uid, write_uid, create_date, write_date)
        SELECT (%(suppliers)s::int[])[1 + n %% %(nsup)s], 'quality',
               make_date(%(year)s, 1 + n %% 12, 1 + n %% 28), 50 + n %% 50, 1, 1, 1, now(), now()
          FROM generate_series(1, 1200) AS n
    """, dict(suppliers=suppliers.ids, nsup=len(suppliers), year=YEAR))
    cr.execute("ANALYZE purchase_order")
    cr.execute("ANALYZE purchase_order_line")
    cr.execute("ANALYZE stock_move")
    cr.execute("ANALYZE crm_supplier_evaluation")
    cr.commit()
    return suppliers
