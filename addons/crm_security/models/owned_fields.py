"""Fields owned by an engine (the listener, the flow engine, the approval
engine, the rating page): writable only by their owner, never over RPC.

A model declares its owned fields in one place, a class attribute::

    from odoo.addons.crm_security.models.owned_fields import FLOW, LISTENER

    class CrmCall(models.Model):
        _crm_owned_fields = {"result": LISTENER, "talk_seconds": LISTENER}

(mappings of every class of the model are merged, so mixins and add-ons
extending the model each add their own). ``create`` and ``write`` of every
model (``_inherit = "base"``) then refuse those fields, with an AccessError,
unless the code runs as their owner:

    FLOW.run(records).write({...})       # or FLOW.env(records)
    FLOW.acts(self.env)                  # "does the flow engine run this?"

``FLOW.run`` puts the owner *object* in the context. The RPC context comes
from the client, but JSON and XML-RPC can only carry strings, numbers,
lists and dicts, never this object, and it is checked with ``is``: no value a
client sends can pass for it. Owners flagged ``superuser`` (the listener,
which writes as the superuser) also accept code running as the superuser.

A value equal to the current one (or, in ``create``, to the field's own
default or empty) is no change and passes: the web client may send a field
back unchanged. Context defaults (``default_<field>``) are checked as values.
"""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

CONTEXT_PREFIX = "crm_owner_"


class Owner(object):
    """An engine owning fields. Only the module-level instances below exist;
    the context holds the instance itself while the engine runs."""

    __slots__ = ("name", "superuser")

    def __init__(self, name, superuser=False):
        self.name = name
        self.superuser = superuser

    def __repr__(self):
        return "<crm owner %s>" % self.name

    def __deepcopy__(self, memo):
        # contexts are sometimes deep-copied: the token must stay itself
        return self

    def __copy__(self):
        return self

    @property
    def key(self):
        return CONTEXT_PREFIX + self.name

    def run(self, records):
        """``records`` in an environment where this owner acts."""
        return records.with_context(**{self.key: self})

    def acts(self, env):
        """True when code of this owner runs in ``env`` (never because of
        anything an RPC client put in the context)."""
        if env.context.get(self.key) is self:
            return True
        return self.superuser and env.uid == SUPERUSER_ID


#: the telephony listener and other server processes running as superuser
LISTENER = Owner("listener", superuser=True)
#: the processing-flow engine (crm_flow): steps, states, locks
FLOW = Owner("flow")
#: the flow engine's "do not start a flow on create" switch
FLOW_NO_AUTOSTART = Owner("flow_no_autostart")
#: the knowledge-base approval (submit, publish, retire, expire)
APPROVAL = Owner("approval")
#: the customer's rating of a closed ticket (portal rating page)
RATING = Owner("rating")
#: the quality inspection engine (finish an inspection, copy call facts)
QA = Owner("qa")
#: the public web form and email gateway (run as superuser)
WEB_FORM = Owner("web_form", superuser=True)


class Base(models.AbstractModel):
    _inherit = "base"

    #: {field name: Owner}; see the module docstring
    _crm_owned_fields = {}

    @api.model
    def _crm_owned_map(self):
        """Owned fields of this model: the mappings of all its classes."""
        cls = type(self)
        cached = cls.__dict__.get("_crm_owned_cache")
        if cached is None:
            cached = {}
            for klass in reversed(cls.__mro__):
                cached.update(klass.__dict__.get("_crm_owned_fields") or {})
            cached = {name: owner for name, owner in cached.items()
                      if name in self._fields}
            cls._crm_owned_cache = cached
        return cached

    def _crm_owner_label(self, owner):
        labels = {
            "listener": _("the telephony listener"),
            "flow": _("the processing flow"),
            "flow_no_autostart": _("the processing flow"),
            "approval": _("the approval of the knowledge base"),
            "rating": _("the customer's rating"),
            "qa": _("the quality inspection"),
            "web_form": _("the web form"),
        }
        return labels.get(owner.name, owner.name)

    def _crm_owned_refuse(self, refused):
        names = ", ".join(
            "%s (%s)" % (self._fields[name].get_description(self.env)["string"],
                         self._crm_owner_label(owner))
            for name, owner in sorted(refused.items()))
        raise AccessError(
            _("These fields of %s are set by the application and cannot be "
              "changed by hand: %s.") % (self._description, names))

    def _crm_owned_same(self, record, name, value):
        """True when ``value`` (a write value) leaves ``record`` unchanged."""
        field = self._fields[name]
        if field.type in ("one2many", "many2many"):
            return not value
        record = record.sudo()
        try:
            new = field.convert_to_write(
                field.convert_to_record(
                    field.convert_to_cache(value, record, validate=False),
                    record),
                record)
        except (ValueError, TypeError):
            return False
        current = field.convert_to_write(record[name], record)
        return (new or False) == (current or False)

    def _crm_owned_default(self, name):
        """The field's own default (never a context or user default)."""
        field = self._fields[name]
        if not callable(field.default):
            return None
        return field.convert_to_write(
            field.convert_to_record(
                field.convert_to_cache(field.default(self), self, validate=False),
                self),
            self)

    def _crm_owned_check(self, vals, creating=False):
        owned = self._crm_owned_map()
        if not owned:
            return
        refused = {}
        for name, owner in owned.items():
            if creating and name not in vals and \
                    "default_" + name in self.env.context:
                value = self.env.context["default_" + name]
            elif name in vals:
                value = vals[name]
            else:
                continue
            if owner.acts(self.env):
                continue
            if creating:
                if not value or value == self._crm_owned_default(name):
                    continue
            elif all(self._crm_owned_same(record, name, value) for record in self):
                continue
            refused[name] = owner
        if refused:
            self._crm_owned_refuse(refused)

    @api.model
    def create(self, vals):
        self._crm_owned_check(vals, creating=True)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._crm_owned_check(vals)
        return super().write(vals)
