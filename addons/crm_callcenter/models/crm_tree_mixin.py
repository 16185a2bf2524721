"""The suite's category trees (departments, ticket business types, knowledge
categories, supplier categories) in one place: a nested set (``parent_left``
/ ``parent_right``, so ``child_of`` is one indexed range query), the full
path as the record's name (``complete_name``, stored, follows a renamed
parent) and the refusal of cycles.

A model using it declares only what is its own:

- ``parent_id`` and ``child_ids``: Odoo 11 resolves a relational field's
  comodel when the field is declared, so an abstract model cannot declare a
  Many2one to "the model that inherits me"; each tree declares them, with its
  own labels;
- ``_tree_cycle_message()``: the translated message shown when a record
  would become its own ancestor.

The database columns are those the four trees already had (``name``,
``complete_name``, ``sequence``, ``active``, ``parent_left``,
``parent_right``), so no migration is needed.
"""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmTreeMixin(models.AbstractModel):
    _name = "crm.tree.mixin"
    _description = "Category Tree"
    _parent_store = True
    _parent_order = "sequence, name"
    _order = "parent_left"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for node in self:
            if node.parent_id:
                node.complete_name = "%s / %s" % (
                    node.parent_id.complete_name, node.name)
            else:
                node.complete_name = node.name

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if not self._check_recursion():
            raise ValidationError(self._tree_cycle_message())

    def _tree_cycle_message(self):
        """The message refusing a cycle; each tree names its own records."""
        return _("A record cannot be its own parent or ancestor.")
