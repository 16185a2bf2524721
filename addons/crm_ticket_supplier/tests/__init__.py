from . import test_repair_shop
