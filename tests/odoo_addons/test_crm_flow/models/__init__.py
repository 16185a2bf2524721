from . import test_crm_flow_document
