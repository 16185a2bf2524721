from . import test_call_insert
