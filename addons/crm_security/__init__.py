from . import controllers, models, rpc
