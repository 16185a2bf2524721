"""bench order_transition: one customer order passes one step of the order
flow (receipt confirmed by phone → follow-up), as the handling agent, among
100,000 orders in the flow. Target (issue 6): <= 50 ms."""
import order_fixture

from common import environment, median, parse_args, timed, verdict


def main():
    args = parse_args(__doc__)
    with environment(args.db) as env:
        agents, _products = order_fixture.ensure(env)
        receipt = env.ref("crm_order_flow.crm_flow_node_order_receipt")
        followup = env.ref("crm_order_flow.crm_flow_node_order_followup")
        agent = agents[0]
        Order = env["sale.order"].sudo(agent)
        order_ids = Order.search([("flow_node_id", "=", receipt.id),
                                  ("flow_state", "=", "running"),
                                  ("user_id", "=", agent.id)], limit=60).ids
        assert len(order_ids) == 60, "not enough orders at the receipt step"

        def one(index):
            # like one RPC call: empty cache, one document
            Order.invalidate_cache()
            Order.browse(order_ids[index]).crm_flow_act(
                "pass", note="客户确认收货")

        timed(one, 10)
        durations = timed(lambda i: one(i + 10), 50)
        moved = Order.browse(order_ids[10:]).mapped("flow_node_id")
        assert moved == followup, "orders did not move to the follow-up step"
        verdict("order_transition", median(durations), "ms", "<=", 50,
                detail="median of 50 single transitions, p90 %.1f ms"
                       % sorted(durations)[44])


if __name__ == "__main__":
    main()
