"""1,000,000 confirmed order lines (100,000 orders of 10 lines) over the
last 400 days, 20 agents in 4 departments, 200 products, created once with
SQL in the bench database and reused by the order benchmarks."""
ORDERS = 100000
LINES_PER_ORDER = 10
AGENTS = 20
PRODUCTS = 200
TAG = "bench_order"


def ensure(env):
    """Return (agents, products); create the data if missing."""
    Users = env["res.users"].with_context(no_reset_password=True)
    agents = Users.search([("login", "=like", TAG + "_agent_%")], order="login")
    env.cr.execute("SELECT count(*) FROM sale_order WHERE name LIKE %s",
                   (TAG + "%",))
    if len(agents) == AGENTS and env.cr.fetchone()[0] >= ORDERS:
        products = env["product.product"].search(
            [("default_code", "=like", TAG + "_%")])
        return agents, products
    departments = env["crm.department"]
    for index in range(4):
        departments |= departments.create({"name": "%s dept %d" % (TAG, index)})
    group = env.ref("crm_callcenter.group_agent")
    for index in range(len(agents), AGENTS):
        agents |= Users.create({
            "name": "Bench agent %02d" % index,
            "login": "%s_agent_%02d" % (TAG, index),
            "crm_department_id": departments[index % 4].id,
            "groups_id": [(6, 0, group.ids)]})
    Product = env["product.product"]
    supplier = env["res.partner"].create({"name": TAG + " supplier",
                                          "supplier": True})
    products = Product.search([("default_code", "=like", TAG + "_%")])
    for index in range(len(products), PRODUCTS):
        products |= Product.create({
            "name": "Bench product %03d" % index,
            "default_code": "%s_%03d" % (TAG, index),
            "type": "consu", "list_price": 10.0 + index,
            "seller_ids": [(0, 0, {"name": supplier.id})]})
    partner = env["res.partner"].create({"name": TAG + " customer"})
    pricelist = env["product.pricelist"].search([], limit=1)
    warehouse = env["stock.warehouse"].search([], limit=1)
    uom = env.ref("product.product_uom_unit")
    flow = env.ref("crm_order_flow.crm_flow_order")
    node = env.ref("crm_order_flow.crm_flow_node_order_receipt")
    env.cr.execute("""
        INSERT INTO sale_order
            (name, partner_id, partner_invoice_id, partner_shipping_id,
             pricelist_id, warehouse_id, picking_policy, company_id,
             date_order, confirmation_date, state, user_id,
             cc_entered_by_id, cc_department_id, cc_channel,
             flow_id, flow_node_id, flow_state,
             amount_untaxed, amount_tax, amount_total,
             create_uid, write_uid, create_date, write_date)
        SELECT %(tag)s || '_' || n, %(partner)s, %(partner)s, %(partner)s,
               %(pricelist)s, %(warehouse)s, 'direct', %(company)s,
               now() - ((n %% 400) || ' days')::interval,
               now() - ((n %% 400) || ' days')::interval, 'sale',
               u.id, u.id, u.crm_department_id, 'phone',
               %(flow)s, %(node)s, 'running',
               0, 0, 0, 1, 1, now(), now()
          FROM generate_series(1, %(orders)s) AS n
          JOIN res_users u ON u.id = (%(agents)s::int[])[1 + n %% %(nagents)s]
    """, {"tag": TAG, "partner": partner.id, "pricelist": pricelist.id,
          "warehouse": warehouse.id, "company": env.user.company_id.id,
          "flow": flow.id, "node": node.id, "orders": ORDERS,
          "agents": agents.ids, "nagents": AGENTS})
    # the statistics trigger would upsert 1,000,000 times: load the lines
    # without it, then rebuild the daily statistics table in one query
    env.cr.execute("ALTER TABLE sale_order_line "
                   "DISABLE TRIGGER crm_order_statistics_insert_delete")
    env.cr.execute("""
        INSERT INTO sale_order_line
            (order_id, name, sequence, product_id, product_uom,
             product_uom_qty, price_unit, price_subtotal, price_total,
             price_tax, price_reduce, discount, customer_lead, state,
             company_id, currency_id, order_partner_id, salesman_id,
             cc_date_order, cc_entered_by_id, cc_department_id,
             create_uid, write_uid, create_date, write_date)
        SELECT o.id, 'bench line', k, p.id, %(uom)s,
               1 + (o.id + k) %% 5, p.price, p.price * (1 + (o.id + k) %% 5),
               p.price * (1 + (o.id + k) %% 5), 0, p.price, 0, 0, 'sale',
               o.company_id, %(currency)s, o.partner_id, o.user_id,
               o.date_order, o.cc_entered_by_id, o.cc_department_id,
               1, 1, now(), now()
          FROM sale_order o
          CROSS JOIN generate_series(1, %(lines)s) AS k
          JOIN LATERAL (
              SELECT (%(products)s::int[])[1 + (o.id * 7 + k * 13) %% %(nproducts)s]
                         AS id,
                     10.0 + (o.id + k) %% 90 AS price) p ON TRUE
         WHERE o.name LIKE %(like)s
    """, {"uom": uom.id, "lines": LINES_PER_ORDER, "products": products.ids,
          "currency": env.user.company_id.currency_id.id,
          "nproducts": PRODUCTS, "like": TAG + "_%"})
    env.cr.execute("ALTER TABLE sale_order_line "
                   "ENABLE TRIGGER crm_order_statistics_insert_delete")
    env["crm.order.statistics"]._rebuild()
    env.cr.execute("ANALYZE sale_order")
    env.cr.execute("ANALYZE sale_order_line")
    env.cr.commit()
    return agents, products
