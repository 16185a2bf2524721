from odoo import api, fields, models

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


class CrmOrderStatistics(models.Model):
    """Sales per day, agent, salesperson, department and product of the
    confirmed orders' lines, pre-aggregated in SQL (and per month in
    ``crm.order.statistics.monthly``).

    The table is kept up to date by a PostgreSQL trigger on
    ``sale_order_line`` (every insert, update or delete of a line of a
    confirmed order adds or removes its quantity and amounts), and rebuilt
    from the order lines whenever the add-on is installed or updated. A year
    of statistics therefore reads a few tens of thousands of daily rows
    instead of every order line. Days are counted on the call center's clock,
    the main company's time zone (update the add-on after changing it)."""

    _name = "crm.order.statistics"
    _inherit = "crm.period.mixin"
    _description = "Sales Statistics"
    _cc_period_field = "date"  # the local day (a Date)
    _auto = False
    _rec_name = "date"
    _order = "date desc"

    date = fields.Date("Day", readonly=True)
    agent_id = fields.Many2one("res.users", string="Agent", readonly=True)
    salesperson_id = fields.Many2one(
        "res.users", string="Salesperson", readonly=True)
    department_id = fields.Many2one(
        "crm.department", string="Department", readonly=True)
    product_id = fields.Many2one("product.product", string="Product",
                                 readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    quantity = fields.Float(readonly=True)
    amount = fields.Float("Amount (untaxed)", readonly=True)
    amount_total = fields.Float("Amount (taxed)", readonly=True)
    line_count = fields.Integer("Order Lines", readonly=True)

    # ------------------------------------------------------------------
    # The table, its trigger and its rebuild
    # ------------------------------------------------------------------
    def _statistics_tz(self):
        """The call center's clock (the main company's time zone)."""
        return self.env.ref("base.main_company")._cc_tz_name()

    @api.model_cr
    def init(self):
        cr = self.env.cr
        cr.execute("SELECT relkind FROM pg_class WHERE relname = %s",
                   (self._table,))
        row = cr.fetchone()
        if row and row[0] == "v":  # the line-level view of earlier versions
            cr.execute("DROP VIEW crm_order_statistics CASCADE")
        cr.execute("""
            DROP TABLE IF EXISTS crm_order_statistics_monthly CASCADE;
            DROP TABLE IF EXISTS crm_order_statistics CASCADE;
            CREATE TABLE crm_order_statistics (
                id serial PRIMARY KEY,
                date date NOT NULL,
                agent_id integer,
                salesperson_id integer,
                department_id integer,
                product_id integer,
                company_id integer,
                quantity numeric NOT NULL DEFAULT 0,
                amount numeric NOT NULL DEFAULT 0,
                amount_total numeric NOT NULL DEFAULT 0,
                line_count integer NOT NULL DEFAULT 0
            );
            CREATE UNIQUE INDEX crm_order_statistics_key
                ON crm_order_statistics (
                    date, (COALESCE(agent_id, 0)),
                    (COALESCE(salesperson_id, 0)),
                    (COALESCE(department_id, 0)), (COALESCE(product_id, 0)),
                    (COALESCE(company_id, 0)));
            CREATE INDEX crm_order_statistics_department
                ON crm_order_statistics (department_id);
            CREATE TABLE crm_order_statistics_monthly
                (LIKE crm_order_statistics INCLUDING DEFAULTS);
            CREATE SEQUENCE crm_order_statistics_monthly_id_seq
                OWNED BY crm_order_statistics_monthly.id;
            ALTER TABLE crm_order_statistics_monthly
                ALTER COLUMN id
                SET DEFAULT nextval('crm_order_statistics_monthly_id_seq'),
                ADD PRIMARY KEY (id);
            CREATE UNIQUE INDEX crm_order_statistics_monthly_key
                ON crm_order_statistics_monthly (
                    date, (COALESCE(agent_id, 0)),
                    (COALESCE(salesperson_id, 0)),
                    (COALESCE(department_id, 0)), (COALESCE(product_id, 0)),
                    (COALESCE(company_id, 0)));
            CREATE INDEX crm_order_statistics_monthly_department
                ON crm_order_statistics_monthly (department_id);
        """)
        tz = self._statistics_tz()
        # add (or, with negative figures, remove) one line's figures; the
        # time zone is a literal of the function (psycopg2 quotes it)
        cr.execute("""
            CREATE OR REPLACE FUNCTION crm_order_statistics_add(
                p_date timestamp, p_agent integer, p_salesperson integer,
                p_department integer, p_product integer, p_company integer,
                p_quantity numeric, p_amount numeric, p_total numeric,
                p_lines integer) RETURNS void AS $body$
            DECLARE
                v_day date := (p_date AT TIME ZONE 'UTC' AT TIME ZONE %s)::date;
                v_month date := date_trunc('month', v_day)::date;
            BEGIN
                INSERT INTO crm_order_statistics_monthly AS s
                    (date, agent_id, salesperson_id, department_id,
                     product_id, company_id, quantity, amount, amount_total,
                     line_count)
                VALUES (v_month, p_agent, p_salesperson, p_department,
                        p_product, p_company, COALESCE(p_quantity, 0),
                        COALESCE(p_amount, 0), COALESCE(p_total, 0), p_lines)
                ON CONFLICT (date, (COALESCE(agent_id, 0)),
                             (COALESCE(salesperson_id, 0)),
                             (COALESCE(department_id, 0)),
                             (COALESCE(product_id, 0)),
                             (COALESCE(company_id, 0)))
                DO UPDATE SET
                    quantity = s.quantity + EXCLUDED.quantity,
                    amount = s.amount + EXCLUDED.amount,
                    amount_total = s.amount_total + EXCLUDED.amount_total,
                    line_count = s.line_count + EXCLUDED.line_count;
                INSERT INTO crm_order_statistics AS s
                    (date, agent_id, salesperson_id, department_id,
                     product_id, company_id, quantity, amount, amount_total,
                     line_count)
                VALUES (v_day, p_agent, p_salesperson, p_department,
                        p_product, p_company, COALESCE(p_quantity, 0),
                        COALESCE(p_amount, 0), COALESCE(p_total, 0), p_lines)
                ON CONFLICT (date, (COALESCE(agent_id, 0)),
                             (COALESCE(salesperson_id, 0)),
                             (COALESCE(department_id, 0)),
                             (COALESCE(product_id, 0)),
                             (COALESCE(company_id, 0)))
                DO UPDATE SET
                    quantity = s.quantity + EXCLUDED.quantity,
                    amount = s.amount + EXCLUDED.amount,
                    amount_total = s.amount_total + EXCLUDED.amount_total,
                    line_count = s.line_count + EXCLUDED.line_count;
                IF p_lines < 0 THEN
                    DELETE FROM crm_order_statistics
                     WHERE date = v_day AND line_count <= 0
                       AND COALESCE(agent_id, 0) = COALESCE(p_agent, 0)
                       AND COALESCE(salesperson_id, 0)
                           = COALESCE(p_salesperson, 0)
                       AND COALESCE(department_id, 0)
                           = COALESCE(p_department, 0)
                       AND COALESCE(product_id, 0) = COALESCE(p_product, 0)
                       AND COALESCE(company_id, 0) = COALESCE(p_company, 0);
                    DELETE FROM crm_order_statistics_monthly
                     WHERE date = v_month AND line_count <= 0
                       AND COALESCE(agent_id, 0) = COALESCE(p_agent, 0)
                       AND COALESCE(salesperson_id, 0)
                           = COALESCE(p_salesperson, 0)
                       AND COALESCE(department_id, 0)
                           = COALESCE(p_department, 0)
                       AND COALESCE(product_id, 0) = COALESCE(p_product, 0)
                       AND COALESCE(company_id, 0) = COALESCE(p_company, 0);
                END IF;
            END
            $body$ LANGUAGE plpgsql;

            CREATE OR REPLACE FUNCTION crm_order_statistics_line()
                RETURNS trigger AS $body$
            DECLARE
                v_old boolean := FALSE;
                v_new boolean := FALSE;
            BEGIN
                IF TG_OP <> 'INSERT' THEN
                    v_old := OLD.state IN ('sale', 'done')
                             AND OLD.cc_date_order IS NOT NULL;
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    v_new := NEW.state IN ('sale', 'done')
                             AND NEW.cc_date_order IS NOT NULL;
                END IF;
                IF v_old AND v_new THEN
                    IF (OLD.cc_date_order AT TIME ZONE 'UTC' AT TIME ZONE %s)::date
                       = (NEW.cc_date_order AT TIME ZONE 'UTC' AT TIME ZONE %s)::date
                       AND OLD.cc_entered_by_id IS NOT DISTINCT FROM NEW.cc_entered_by_id
                       AND OLD.salesman_id IS NOT DISTINCT FROM NEW.salesman_id
                       AND OLD.cc_department_id IS NOT DISTINCT FROM NEW.cc_department_id
                       AND OLD.product_id IS NOT DISTINCT FROM NEW.product_id
                       AND OLD.company_id IS NOT DISTINCT FROM NEW.company_id THEN
                        -- same row of the table: add the difference only
                        PERFORM crm_order_statistics_add(
                            NEW.cc_date_order, NEW.cc_entered_by_id,
                            NEW.salesman_id, NEW.cc_department_id,
                            NEW.product_id, NEW.company_id,
                            COALESCE(NEW.product_uom_qty, 0)
                                - COALESCE(OLD.product_uom_qty, 0),
                            COALESCE(NEW.price_subtotal, 0)
                                - COALESCE(OLD.price_subtotal, 0),
                            COALESCE(NEW.price_total, 0)
                                - COALESCE(OLD.price_total, 0),
                            0);
                        RETURN NULL;
                    END IF;
                END IF;
                IF v_old THEN
                    PERFORM crm_order_statistics_add(
                        OLD.cc_date_order, OLD.cc_entered_by_id,
                        OLD.salesman_id, OLD.cc_department_id,
                        OLD.product_id, OLD.company_id,
                        -OLD.product_uom_qty, -OLD.price_subtotal,
                        -OLD.price_total, -1);
                END IF;
                IF v_new THEN
                    PERFORM crm_order_statistics_add(
                        NEW.cc_date_order, NEW.cc_entered_by_id,
                        NEW.salesman_id, NEW.cc_department_id,
                        NEW.product_id, NEW.company_id,
                        NEW.product_uom_qty, NEW.price_subtotal,
                        NEW.price_total, 1);
                END IF;
                RETURN NULL;
            END
            $body$ LANGUAGE plpgsql;
        """, (tz, tz, tz))
        # only the columns the table depends on wake the trigger up
        cr.execute("""
            DROP TRIGGER IF EXISTS crm_order_statistics_insert_delete
                ON sale_order_line;
            DROP TRIGGER IF EXISTS crm_order_statistics_update
                ON sale_order_line;
            CREATE TRIGGER crm_order_statistics_insert_delete
                AFTER INSERT OR DELETE ON sale_order_line
                FOR EACH ROW EXECUTE PROCEDURE crm_order_statistics_line();
            CREATE TRIGGER crm_order_statistics_update
                AFTER UPDATE OF state, cc_date_order, cc_entered_by_id,
                    salesman_id, cc_department_id, product_id, company_id,
                    product_uom_qty, price_subtotal, price_total
                ON sale_order_line
                FOR EACH ROW WHEN (
                    OLD.state IS DISTINCT FROM NEW.state
                    OR OLD.cc_date_order IS DISTINCT FROM NEW.cc_date_order
                    OR OLD.cc_entered_by_id
                        IS DISTINCT FROM NEW.cc_entered_by_id
                    OR OLD.salesman_id IS DISTINCT FROM NEW.salesman_id
                    OR OLD.cc_department_id
                        IS DISTINCT FROM NEW.cc_department_id
                    OR OLD.product_id IS DISTINCT FROM NEW.product_id
                    OR OLD.company_id IS DISTINCT FROM NEW.company_id
                    OR OLD.product_uom_qty IS DISTINCT FROM NEW.product_uom_qty
                    OR OLD.price_subtotal IS DISTINCT FROM NEW.price_subtotal
                    OR OLD.price_total IS DISTINCT FROM NEW.price_total)
                EXECUTE PROCEDURE crm_order_statistics_line();
        """)
        self._rebuild(tz)

    def _rebuild(self, tz=None):
        """Recompute the whole table from the order lines."""
        tz = tz or self._statistics_tz()
        cr = self.env.cr
        cr.execute("TRUNCATE crm_order_statistics")
        cr.execute("""
            INSERT INTO crm_order_statistics
                (date, agent_id, salesperson_id, department_id, product_id,
                 company_id, quantity, amount, amount_total, line_count)
            SELECT (l.cc_date_order AT TIME ZONE 'UTC' AT TIME ZONE %s)::date,
                   l.cc_entered_by_id, l.salesman_id, l.cc_department_id,
                   l.product_id, l.company_id,
                   SUM(COALESCE(l.product_uom_qty, 0)),
                   SUM(COALESCE(l.price_subtotal, 0)),
                   SUM(COALESCE(l.price_total, 0)), COUNT(*)
              FROM sale_order_line l
             WHERE l.state IN ('sale', 'done')
               AND l.cc_date_order IS NOT NULL
             GROUP BY 1, 2, 3, 4, 5, 6
        """, (tz,))
        cr.execute("""
            TRUNCATE crm_order_statistics_monthly;
            INSERT INTO crm_order_statistics_monthly
                (date, agent_id, salesperson_id, department_id, product_id,
                 company_id, quantity, amount, amount_total, line_count)
            SELECT date_trunc('month', date)::date, agent_id,
                   salesperson_id, department_id, product_id, company_id,
                   SUM(quantity), SUM(amount), SUM(amount_total),
                   SUM(line_count)
              FROM crm_order_statistics
             GROUP BY 1, 2, 3, 4, 5, 6;
            ANALYZE crm_order_statistics;
            ANALYZE crm_order_statistics_monthly;
        """)
        self.invalidate_cache()

    def _read_group_resolve_many2one_fields(self, data, fields):
        # naming the groups' products (hundreds) prefetched every column of
        # product.product and product.template for each: read only what
        # name_get needs
        return super(CrmOrderStatistics, self.with_context(
            prefetch_fields=False))._read_group_resolve_many2one_fields(
                data, fields)

    # ------------------------------------------------------------------
    # Comparison with the previous period
    # ------------------------------------------------------------------
    @api.model
    def _compare_periods(self, date_from, date_to, groupby,
                         measures=("quantity", "amount")):
        """Totals per ``groupby`` value for the days [date_from, date_to)
        and for the period of the same length just before it:
        {value: {"current": {...}, "previous": {...}}}."""
        start = fields.Date.from_string(date_from)
        end = fields.Date.from_string(date_to)
        previous_start = start - (end - start)
        result = {}
        for key, (low, high) in (("current", (start, end)),
                                 ("previous", (previous_start, start))):
            groups = self.read_group(
                [("date", ">=", fields.Date.to_string(low)),
                 ("date", "<", fields.Date.to_string(high))],
                list(measures) + [groupby], [groupby], lazy=False)
            for group in groups:
                value = group[groupby]
                value = value[0] if isinstance(value, tuple) else value
                totals = result.setdefault(value, {
                    "current": dict.fromkeys(measures, 0.0),
                    "previous": dict.fromkeys(measures, 0.0)})
                totals[key] = {m: group[m] or 0.0 for m in measures}
        return result


class CrmOrderStatisticsMonthly(models.Model):
    """The same sales per calendar month (``date`` is the month's first
    day), kept by the same trigger: a year of statistics reads at most
    twelve rows per agent, salesperson, department and product, however
    the sales are spread over the days."""

    _name = "crm.order.statistics.monthly"
    _inherit = "crm.order.statistics"
    _description = "Monthly Sales Statistics"
    _table = "crm_order_statistics_monthly"

    date = fields.Date("Month", readonly=True)

    @api.model_cr
    def init(self):
        # created and filled with the daily table (crm.order.statistics)
        return None

    def _rebuild(self, tz=None):
        return self.env["crm.order.statistics"]._rebuild(tz)
