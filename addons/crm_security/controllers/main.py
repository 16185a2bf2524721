from odoo.addons.web.controllers.main import DataSet

from ..rpc import check_rpc_call


class GatedDataSet(DataSet):
    """JSON-RPC (``/web/dataset/call_kw``, ``call``, ``call_button``) goes
    through the RPC gate (see ``rpc.py``)."""

    def _call_kw(self, model, method, args, kwargs):
        check_rpc_call(model, method)
        return super()._call_kw(model, method, args, kwargs)
