from . import (
    test_access,
    test_announcement,
    test_approval,
    test_article,
    test_dashboard,
    test_insert,
    test_kbtext,
    test_popularity,
    test_search,
    test_security_approval,
    test_topic,
)
