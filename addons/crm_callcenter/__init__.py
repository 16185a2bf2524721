# the clock lives in crm_flow (its lowest user: the flows' "today"); the
# same module object is re-exported here, so ``from odoo.addons.crm_callcenter
# import localtime`` and a test pinning ``localtime.utcnow`` keep working
from odoo.addons.crm_flow import localtime  # noqa: F401  isort:skip

from . import models
