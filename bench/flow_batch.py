"""bench flow_batch: 1,000 documents pass their step in one call (one log
line each), among 100,000 documents in flows. Target (issue 2): <= 10 s."""
import time

import flow_fixture
from common import environment, parse_args, verdict


def main():
    args = parse_args(__doc__)
    with environment(args.db) as env:
        flow, nodes, checker, _assignees = flow_fixture.ensure(env)
        Doc = env["test.crm.flow.document"].sudo(checker)
        docs = Doc.search([("flow_node_id", "=", nodes[0].id),
                           ("flow_state", "=", "running")], limit=1000)
        assert len(docs) == 1000
        start = time.perf_counter()
        docs.crm_flow_act("pass", note="batch")
        elapsed = time.perf_counter() - start
        assert set(docs.mapped("flow_node_id").ids) == {nodes[1].id}
        verdict("flow_batch", elapsed, "s", "<=", 10,
                detail="1000 documents passed in one call")


if __name__ == "__main__":
    main()
