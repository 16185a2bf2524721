from . import (
    test_access,
    test_announcement,
    test_approval,
    test_article,
    test_attachment_adopt,
    test_dashboard,
    test_insert,
    test_input_limits,
    test_kbtext,
    test_popularity,
    test_search,
    test_topic,
)
