from . import crm_department, res_users
