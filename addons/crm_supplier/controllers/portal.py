"""Supplier portal: returns and exchanges, date confirmation."""
