from .chinese import rmb_upper  # noqa: F401
