from . import crm_department
from . import res_users
