"""Imports refuse oversized files (M9): the CDR upload."""
import base64

from odoo.exceptions import UserError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase


class TestCdrUploadLimit(CallCenterCase):

    def test_cdr_upload_size_cap(self):
        pbx = self.env["crm.pbx"].create({
            "name": "Cap PBX", "username": "callcenter", "secret": "s3cret"})
        Import = self.env["crm.pbx.cdr.import"].sudo(self.users["admin"])
        data = base64.b64encode(b'"","1001","1002"\n' * 100)
        saved = type(Import)._max_upload_bytes
        type(Import)._max_upload_bytes = 1000
        try:
            with self.assertRaisesRegex(UserError, "too large"):
                Import.create({"pbx_id": pbx.id, "data": data}).action_reconcile()
        finally:
            type(Import)._max_upload_bytes = saved
