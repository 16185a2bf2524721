"""The RPC gate: what no client may call, whoever it is.

Odoo 11 lets JSON-RPC (``/web/dataset/call_kw``, ``call``, ``call_button``)
and XML-RPC (``object.execute``/``execute_kw``) call any method whose name
does not start with ``_``, on any model, for any logged-in user (portal
included); only the ORM operations inside the method check access. Two kinds
of public names are never meant for clients:

* models: ``bus.bus`` (its ``sendone``/``sendmany`` create messages with
  sudo on any channel, its ``poll`` reads any channel; browsers use
  ``/longpolling/*``);
* methods every model has: ``init`` (the install hook: drops and rebuilds
  SQL views and statistics tables), ``clear_caches`` (empties every
  worker's registry caches), ``recompute`` and ``modified`` (ORM internals).

Python code keeps calling all of them; only the remote entry points refuse."""
import functools

import odoo.service.model
from odoo import _
from odoo.exceptions import AccessError

REFUSED_MODELS = frozenset(["bus.bus"])
REFUSED_METHODS = frozenset(["init", "clear_caches", "recompute", "modified"])


def check_rpc_call(model, method):
    """Raise AccessError for a call no client may make."""
    if model in REFUSED_MODELS:
        raise AccessError(_("The model %s cannot be called remotely.") % model)
    if method in REFUSED_METHODS:
        raise AccessError(_("The method %s cannot be called remotely.") % method)


def _guard_execute_cr(execute_cr):
    if getattr(execute_cr, "_crm_rpc_guard", False):
        return execute_cr

    @functools.wraps(execute_cr)
    def guarded(cr, uid, obj, method, *args, **kw):
        check_rpc_call(obj, method)
        return execute_cr(cr, uid, obj, method, *args, **kw)
    guarded._crm_rpc_guard = True
    return guarded


# XML-RPC ``object.execute(_kw)`` ends in ``execute_cr`` (looked up as a
# module global at each call, so wrapping it once covers every database)
odoo.service.model.execute_cr = _guard_execute_cr(odoo.service.model.execute_cr)
