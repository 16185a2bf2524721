from . import (
    test_call_records,
    test_statistics_period,
    test_statistics_summary,
    test_translations,
)
