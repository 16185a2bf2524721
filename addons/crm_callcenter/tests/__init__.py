from . import (
    test_bus_bus,
    test_demo_data,
    test_department,
    test_localtime,
    test_reminder,
    test_roles,
    test_rules_noupdate,
    test_translations,
    test_tree_mixin,
)
