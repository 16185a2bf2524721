from . import crm_department
from . import crm_dictionary
from . import crm_position
from . import res_partner
from . import res_users
