"""Rows a working call center has beyond the demo data, added to the
migration fixture's database (scripts/make_migration_fixture.sh pipes this
file into `odoo shell`, where ``env`` is the superuser environment): calls
answered and abandoned, the agents' state history, a ticket and an order
made from a call, a quality inspection. Fixed dates, no randomness: the
fixture is the same every time it is built."""
import datetime

START = datetime.datetime(2026, 11, 2, 1, 0, 0)  # 09:00 in Asia/Shanghai
env = env  # noqa: F821 (given by odoo shell)
ref = env.ref
Call = env["crm.call"].sudo()
pbx = ref("crm_callcenter.crm_pbx_demo")
agents = [ref("crm_callcenter.user_agent_demo"), ref("crm_callcenter.user_agent2_demo")]
customers = env["res.partner"].search([("cc_customer", "=", True), ("phone", "!=", False)],
                                      order="id", limit=6)
calls = Call.browse()
for index in range(12):
    agent = agents[index % 2]
    customer = customers[index % len(customers)]
    begin = START + datetime.timedelta(minutes=17 * index)
    answered = index % 4 != 3
    talk = 60 + 13 * index if answered else 0
    values = {
        "pbx_id": pbx.id, "linkedid": "1762045200.%d" % (100 + index),
        "direction": "outbound" if index % 5 == 4 else "inbound",
        "state": "done", "result": "answered" if answered else "abandoned",
        "number": customer.phone, "caller": customer.phone, "partner_id": customer.id,
        "queue": "support", "date_start": begin,
        "date_answer": begin + datetime.timedelta(seconds=9) if answered else False,
        "date_end": begin + datetime.timedelta(seconds=9 + talk + (0 if answered else 31)),
        "ring_seconds": 9 if answered else 0, "wait_seconds": 4 + index,
        "talk_seconds": talk, "hangup_side": "caller",
    }
    if answered:
        values.update(user_id=agent.id, agent_extension=agent.extension or False)
    calls |= Call.create(values)

Log = env["crm.agent.state.log"].sudo()
for agent in agents:
    moment = START - datetime.timedelta(minutes=5)
    for state, minutes in (("ready", 20), ("in_call", 4), ("wrapup", 1), ("paused", 15),
                           ("ready", 30), ("offline", 0)):
        end = moment + datetime.timedelta(minutes=minutes) if minutes else False
        Log.create({"user_id": agent.id, "company_id": agent.company_id.id, "pbx_id": pbx.id,
                    "extension": agent.extension or False, "state": state,
                    "reason": "午休" if state == "paused" else False,
                    "date_start": moment, "date_end": end,
                    "duration": minutes * 60})
        moment = end or moment

answered = calls.filtered(lambda call: call.result == "answered")
if "crm.ticket" in env:
    ticket = env["crm.ticket"].search([], order="id", limit=1)
    ticket.sudo().write({"call_id": answered[0].id})
if "sale.order" in env and "cc_call_id" in env["sale.order"]._fields:
    order = env["sale.order"].search([], order="id", limit=1)
    order.sudo().write({"cc_call_id": answered[1].id})
template = env["crm.call.qa.template"].search([], limit=1)
if template:
    env["crm.call.qa"].sudo().create({"call_id": answered[2].id, "template_id": template.id})
env.cr.commit()
print("extra rows: %d calls, %d agent states" % (len(calls), Log.search_count([])))
