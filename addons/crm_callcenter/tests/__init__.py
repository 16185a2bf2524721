from . import test_customer
from . import test_department
from . import test_roles
