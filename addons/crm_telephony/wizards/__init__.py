from . import crm_pbx_cdr_import
