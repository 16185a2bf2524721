"""bench flow_transition: one document passes one step (handler checks, hooks,
write, log line), as the handling user, among 100,000 documents in flows.
Target (issue 2): <= 20 ms."""
import flow_fixture
from common import environment, median, parse_args, timed, verdict


def main():
    args = parse_args(__doc__)
    with environment(args.db) as env:
        flow, nodes, checker, _assignees = flow_fixture.ensure(env)
        Doc = env["test.crm.flow.document"].sudo(checker)
        doc_ids = Doc.search([("flow_node_id", "=", nodes[0].id),
                              ("flow_state", "=", "running")], limit=60).ids

        def one(index):
            # like one RPC call: empty cache, one document
            Doc.invalidate_cache()
            Doc.browse(doc_ids[index]).crm_flow_act("pass", note="bench")

        timed(one, 10)
        durations = timed(lambda i: one(i + 10), 50)
        assert Doc.browse(doc_ids[10:]).mapped("flow_node_id") == nodes[1], "documents did not move"
        verdict("flow_transition", median(durations), "ms", "<=", 20,
                detail="median of 50 single transitions, p90 %.1f ms" % sorted(durations)[44])


if __name__ == "__main__":
    main()
