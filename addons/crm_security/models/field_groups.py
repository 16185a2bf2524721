"""Field `groups=` enforced where Odoo 11 does not: search domains (also
dotted paths), read_group group-bys and aggregates, exports."""
