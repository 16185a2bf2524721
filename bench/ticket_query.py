"""bench ticket_query / ticket_statistics / ticket_create on 1,000,000
tickets (issue 5): the first page of the ticket query as a department-scoped
Agent (record rules applied) <= 200 ms, as the web client's ticket list asks
for it (80 rows and the pager's count, capped at 10,000 as the list shows
"1-80 / 10000+"), each time with an empty record cache as a new request
has; statistics per handler x acceptance type over a year <= 1 s; creating
a ticket as from the screen pop <= 150 ms (server time)."""
import random

import ticket_fixture

from common import environment, median, parse_args, timed, verdict

LIST_FIELDS = ["name", "create_date", "partner_id", "contact_number", "type_id",
               "acceptance_type", "source", "priority", "user_id", "handler_id", "stage",
               "sla_deadline", "sla_overdue", "flow_node_id", "flow_state"]


def main():
    args = parse_args(__doc__)
    with environment(args.db) as env:
        agent, manager, types, customers = ticket_fixture.ensure(env)
        if not agent.email:  # messages need an author address
            agent.email = "bench.agent@example.com"
        Ticket = env["crm.ticket"]
        ok = True

        def first_page(index):
            # what the list's one call (crm_capped_list.js) runs
            page = Ticket.sudo(agent).cc_search_read_page([], LIST_FIELDS, limit=80)
            assert len(page["records"]) == 80 and page["capped"]

        def exact_count(index):
            Ticket.sudo(agent).search_count([])

        def new_request(index):
            env.clear()  # a request starts with an empty record cache

        timed(first_page, 3, new_request)
        page_ms = median(timed(first_page, 15, new_request))
        count_ms = median(timed(exact_count, 5))
        total = Ticket.sudo(agent).search_count([])
        ok &= verdict("ticket_query", page_ms, "ms", "<=", 200,
                      detail="first page (80 rows, cold record cache) + pager count capped at "
                             "10,000 as a department-scoped Agent; %d of %d tickets visible "
                             "(their exact count, asked for by clicking the pager's total: "
                             "%.0f ms)" % (total, Ticket.search_count([]), count_ms))

        Report = env["crm.ticket.report"].sudo(manager)
        env.cr.execute("SELECT now() - interval '1 year'")
        since = env.cr.fetchone()[0]

        def statistics(index):
            groups = Report.read_group(
                [("date", ">=", str(since))], ["handler_id", "acceptance_type", "nbr"],
                ["handler_id", "acceptance_type"], lazy=False)
            assert groups

        timed(statistics, 1)
        stats_ms = median(timed(statistics, 5))
        ok &= verdict("ticket_statistics", stats_ms, "ms", "<=", 1000,
                      detail="read_group on the report view, handler x acceptance type, "
                             "last 12 months, as a Manager")

        rng = random.Random(5)
        Pop = Ticket.sudo(agent)

        def create(index):
            customer = customers[rng.randrange(len(customers))]
            Pop.with_context(default_partner_id=customer.id,
                             default_contact_number=customer.mobile,
                             default_source="phone").create({
                                 "type_id": types[index % len(types)].id,
                                 "description": "来电：空调不制冷",
                                 "acceptance_type": "repair"})

        timed(create, 5)
        create_ms = median(timed(create, 50))
        ok &= verdict("ticket_create", create_ms, "ms", "<=", 150,
                      detail="create() with the pop's context as an Agent (sequence, "
                             "followers, tracking), median of 50")
        return ok


if __name__ == "__main__":
    main()
