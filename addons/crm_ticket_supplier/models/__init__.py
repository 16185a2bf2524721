from . import crm_service_skill, crm_supplier_evaluation, crm_ticket, res_partner
