from .chinese import AmountError, rmb_upper  # noqa: F401
