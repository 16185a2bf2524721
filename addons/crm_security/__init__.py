from . import rpc
from . import controllers
from . import models
