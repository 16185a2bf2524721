from . import crm_secret  # isort:skip (a mixin: registered before the models using it)
from . import crm_list_page_mixin  # isort:skip (a mixin: before the lists using it)
from . import crm_period_mixin  # isort:skip (a mixin: before the models using it)
from . import crm_tree_mixin  # isort:skip (a mixin: before the trees using it)
from . import (  # crm_added_field defines a mixin: before its users
    crm_added_field,
    crm_dashboard,
    crm_department,
    crm_dictionary,
    crm_flow_mixin,
    crm_flow_mixin_dashboard,
    crm_operation_log,
    crm_position,
    mail_activity,
    res_company,
    res_users,
)
