"""bench call_volume_*: the call center's daily screens on ten million calls
(issue 18 item 4; data: bench/call_volume_fixture.py, two years, 500 agents,
30 queues, 1,000,000 customers, ~26 million agent-state periods).

* call_volume_monitor: one refresh of the live monitor (``cc_monitor``) as
  a Manager, with today's calls so far (yesterday's, moved one day on, up to
  now) and 60 live calls; median of 15.
* call_volume_stats_day / _month: the statistics screens as the web
  client's pivot loads them (one ``read_group`` per combination of row and
  column groupings, lazy=False), a day and a whole month of the fixture,
  bounds in the company's time zone (localtime): Service Centre Statistics
  (days x direction), Agent Service Statistics (agents), Agent Time
  (agents x days); the slowest screen counts; median of 3.
* call_volume_list: the first page of Call Records (``cc_search_read_page``
  as the list's js_class crm_capped_list calls it: 80 rows, default order,
  the list's fields, the pager count capped at 10,000) as a Manager and as
  an Agent; the slowest counts; median of 5, cold record cache.
* call_volume_history: a customer's calls: the form's smart button
  (``cc_call_count``) and the list it opens (page + count), for a frequent
  caller (~200 calls) and an ordinary one; the slowest counts."""
import datetime

import call_volume_fixture

from common import environment, median, parse_args, timed, verdict

LIST_FIELDS = ["date_start", "direction", "number", "number_location", "partner_id", "user_id",
               "department_id", "queue", "wait_seconds", "talk_seconds", "satisfaction",
               "hangup_side", "result", "state", "has_recording"]
CALL_MEASURES = ["calls", "answered", "abandon_rate", "speed_of_answer", "avg_talk_seconds"]
AGENT_MEASURES = ["answered", "outbound", "avg_talk_seconds", "talk_seconds", "satisfaction"]
TIME_MEASURES = ["logged_seconds", "talk_seconds", "avg_wrapup_seconds", "occupancy"]


def pivot(Model, domain, rows, cols, measures):
    """What the Odoo 11 pivot view asks for on loading."""
    result = 0
    for i in range(len(rows) + 1):
        for j in range(len(cols) + 1):
            groupby = rows[:i] + cols[:j]
            fields = [g.split(":")[0] for g in groupby] + measures
            result += len(Model.read_group(domain, fields, groupby, lazy=False))
    return result


def list_page(Model, domain):
    """The list's first page as the web client asks for it (crm_capped_list:
    the page and a pager count capped at 10,000 in one call)."""
    page = Model.cc_search_read_page(domain, LIST_FIELDS, offset=0, limit=80, order=None)
    return page["records"], "%d%s" % (page["length"], "+" if page["capped"] else "")


def today_calls(env, tz):
    """Today so far: yesterday's calls moved on one day, up to now; and 60
    live calls (40 waiting in queues, 20 talking)."""
    from odoo.addons.crm_callcenter import localtime
    now = localtime.utcnow()
    start, end = localtime.today_bounds(tz, now)
    env.cr.execute("""
        INSERT INTO crm_call (company_id, linkedid, direction, state, result, number,
            number_e164, partner_id, user_id, department_id, agent_extension, queue, date_start,
            date_answer, date_end, wait_seconds, talk_seconds, create_date, write_date)
        SELECT company_id, 'bv-today-' || id, direction, state, result, number, number_e164,
               partner_id, user_id, department_id, agent_extension, queue,
               date_start + interval '1 day', date_answer + interval '1 day',
               date_end + interval '1 day', wait_seconds, talk_seconds, now(), now()
          FROM crm_call
         WHERE date_start >= %s AND date_start < %s""",
                   (start - datetime.timedelta(days=1), now - datetime.timedelta(days=1)))
    copied = env.cr.rowcount
    env.cr.execute("""
        INSERT INTO crm_call (company_id, linkedid, direction, state, number, caller, queue,
            user_id, department_id, date_start, date_answer, create_date, write_date)
        SELECT 1, 'bv-live-' || g, 'inbound', CASE WHEN g < 40 THEN 'ringing' ELSE 'talking' END,
               '1390000' || lpad(g::text, 4, '0'), '1390000' || lpad(g::text, 4, '0'),
               'q' || lpad((1 + g %% 30)::text, 2, '0'),
               CASE WHEN g >= 40 THEN u.id END, CASE WHEN g >= 40 THEN u.crm_department_id END,
               %s - g * interval '3 seconds',
               CASE WHEN g >= 40 THEN %s - g * interval '2 seconds' END, now(), now()
          FROM generate_series(0, 59) g
          JOIN res_users u ON u.login = 'bench_volume_agent_' || lpad((g * 7)::text, 3, '0')
        """, (now, now))
    env.cr.execute("ANALYZE crm_call")
    return copied, start, end


def main():
    args = parse_args(__doc__)
    with environment(args.db) as env:
        from odoo.addons.crm_callcenter import localtime
        facts = call_volume_fixture.ensure(env)
        tz = env.user.company_id._cc_tz_name()
        manager = env["res.users"].browse(facts["manager"])
        agent = env["res.users"].search([("login", "=", "bench_volume_agent_123")])
        context = {"tz": tz, "lang": "en_US"}
        env.cr.execute("SELECT count(*) FROM crm_call")
        total = env.cr.fetchone()[0]
        ok = True

        # ---- live monitor
        today, _start, _end = today_calls(env, tz)
        Call = env["crm.call"].sudo(manager).with_context(context)

        def refresh(_index):
            env["crm.call"].invalidate_cache()
            Call.cc_monitor()
        snapshot = Call.cc_monitor()
        durations = timed(refresh, 15)
        ok = verdict("call_volume_monitor", median(durations), "ms", "<=", 200,
                     "%d calls in all, %d today, %d agents, %d queues, %d live; median of 15"
                     % (total, today, len(snapshot["agents"]), len(snapshot["queues"]),
                        len(snapshot["calls"]))) and ok

        # ---- statistics: a day and a month of the fixture, company time zone
        last_day = datetime.date(*map(int, facts["last_day"].split("-")))
        day = last_day - datetime.timedelta(days=last_day.weekday() + 5)  # a Wednesday
        month_start = (last_day.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        periods = {
            "day": localtime.day_bounds(tz, day),
            "month": localtime.month_bounds(tz, localtime.to_utc(
                tz, datetime.datetime.combine(month_start, datetime.time(12)))),
        }
        Stats = env["crm.call.statistics"].sudo(manager).with_context(context)
        Time = env["crm.agent.statistics"].sudo(manager).with_context(context)
        screens = [
            ("service centre", Stats, ["date_start:day"], ["direction"], CALL_MEASURES),
            ("agent service", Stats, ["user_id"], [], AGENT_MEASURES),
            ("agent time", Time, ["user_id"], ["date_start:day"], TIME_MEASURES),
        ]
        for period, (start, end) in sorted(periods.items()):
            domain = [("date_start", ">=", str(start)), ("date_start", "<", str(end))]
            figures = []
            for label, Model, rows, cols, measures in screens:
                def load(_index):
                    Model.invalidate_cache()
                    pivot(Model, domain, rows, cols, measures)
                figures.append((median(timed(load, 3)), label))
            env.cr.execute("SELECT count(*) FROM crm_call WHERE date_start >= %s "
                           "AND date_start < %s", (start, end))
            calls = env.cr.fetchone()[0]
            worst = max(figures)
            ok = verdict("call_volume_stats_%s" % period, worst[0] / 1000.0, "s", "<=", 1,
                         "%s %s..%s UTC, %d calls: %s; median of 3" % (
                             period, start, end, calls,
                             ", ".join("%s %.0f ms" % (label, ms) for ms, label in figures))) \
                and ok

        # ---- first page of the call list
        figures = []
        for label, user in (("manager", manager), ("agent", agent)):
            Model = env["crm.call"].sudo(user).with_context(context)

            def page(_index):
                Model.invalidate_cache()
                list_page(Model, [])
            rows, length = list_page(Model, [])
            figures.append((median(timed(page, 5)), label, length))
        worst = max(figures)
        ok = verdict("call_volume_list", worst[0], "ms", "<=", 200, ", ".join(
            "%s %.1f ms (%s calls)" % (label, ms, length) for ms, label, length in figures)
            + "; pager count capped at 10,000; median of 5") and ok

        # ---- a customer's call history
        frequent = facts["frequent"][17]
        ordinary = facts["customers"][0] + 654321
        figures = []
        for label, partner_id in (("frequent caller", frequent), ("customer", ordinary)):
            for role, user in (("manager", manager), ("agent", agent)):
                Partner = env["res.partner"].sudo(user).with_context(context)
                Model = env["crm.call"].sudo(user).with_context(context)
                domain = [("partner_id", "=", partner_id)]

                def history(_index):
                    Model.invalidate_cache()
                    Partner.browse(partner_id).read(["cc_call_count"])
                    list_page(Model, domain)
                count = Partner.browse(partner_id).cc_call_count
                figures.append((median(timed(history, 5)), "%s as %s" % (label, role), count))
        worst = max(figures)
        ok = verdict("call_volume_history", worst[0], "ms", "<=", 200, ", ".join(
            "%s %.1f ms (%d calls)" % (label, ms, count) for ms, label, count in figures)
            + "; smart button + first page + count, median of 5") and ok
    return ok


if __name__ == "__main__":
    import sys
    sys.exit(0 if main() else 1)
