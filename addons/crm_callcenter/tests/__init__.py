from . import test_department, test_roles
