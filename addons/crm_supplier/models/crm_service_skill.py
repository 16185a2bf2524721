from odoo import fields, models


class CrmServiceSkill(models.Model):
    """What a repair shop can repair or install (空调维修, 冰箱维修...)."""

    _name = "crm.service.skill"
    _description = "Service Skill"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
