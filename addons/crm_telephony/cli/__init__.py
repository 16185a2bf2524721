from . import telephony_listener
