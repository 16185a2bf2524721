"""The statistics' SQL (no ORM): the summary tables behind the call and
agent statistics views, kept by triggers (``summary``, ``call_summary``,
``agent_summary``), and which grain of a view answers a query exactly
(``grain``). The models (crm.call.statistics, crm.agent.statistics) are
thin glue around them."""
