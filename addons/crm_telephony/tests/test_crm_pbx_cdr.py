"""Calls the listener missed, recovered from Asterisk's CSV CDRs
(crm_pbx.py reads the file, crm_call_store.py stores the calls,
wizards/crm_pbx_cdr_import.py uploads it): reconciliation, the file only inside its folder, the
upload for Administrators only and capped in size (M9)."""
import base64
import os
import tempfile

from odoo.exceptions import AccessError, UserError
from odoo.modules.module import get_module_resource

from odoo.addons.crm_callcenter.tests.common import CallCenterCase

from .common import ListenerCase, facts_of


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


class TestCrmPbxCdr(ListenerCase):

    def test_cdr_reconciliation(self):
        """Calls the listener missed are recovered from Master.csv, an
        interrupted one is completed, a complete one left alone, nothing
        doubled, bad lines reported; the file is read incrementally."""
        self.apply(facts_of("restart"))  # 1001's call interrupted, 1002's complete
        interrupted = self.Call.search([("pbx_id", "=", self.pbx.id),
                                        ("result", "=", "interrupted")])
        complete = self.Call.search([("pbx_id", "=", self.pbx.id), ("result", "=", "answered")])
        complete_values = complete.read(["talk_seconds", "date_end", "user_id"])
        self.pbx.tz = "Asia/Shanghai"  # cdr_csv writes local time
        with open(get_module_resource("crm_telephony", "tests", "data", "cdr",
                                      "Master.csv"), "rb") as handle:
            data = handle.read()
        data += (
            '"","+8613800138000","4000","incoming","","PJSIP/trunk-00000001",'
            '"PJSIP/1001-00000002","Queue","support,t","2026-11-25 11:38:39",'
            '"2026-11-25 11:38:41","2026-11-25 11:40:41",122,120,"ANSWERED","DOCUMENTATION",'
            '"{0}","","","{0}",1\r\n'
            '"","+8613900139000","4000","incoming","","PJSIP/trunk-00000003",'
            '"PJSIP/1002-00000004","Queue","support,t","2026-11-25 11:38:39",'
            '"2026-11-25 11:38:40","2026-11-25 11:39:40",61,60,"ANSWERED","DOCUMENTATION",'
            '"{1}","","","{1}",2\r\n').format(interrupted.linkedid, complete.linkedid).encode()
        outcome = self.pbx._cc_reconcile_cdr_data(data)
        self.assertEqual({key: outcome[key] for key in ("created", "completed", "unchanged")},
                         {"created": 3, "completed": 1, "unchanged": 1})
        self.assertEqual([number for number, _reason in outcome["errors"]], [5])
        self.assertIn("1 lines skipped", self.pbx.cdr_message)

        answered = self.Call.search([("linkedid", "=", "1795600000.20")])
        self.assertEqual(
            (answered.direction, answered.result, answered.user_id, answered.queue,
             answered.talk_seconds, answered.partner_id, answered.cdr_recovered),
            ("inbound", "answered", self.users["agent"], "support", 180, self.customer, True))
        self.assertEqual(answered.date_start, "2026-11-25 06:00:00", "Beijing time → UTC")
        abandoned = self.Call.search([("linkedid", "=", "1795600600.30")])
        self.assertEqual((abandoned.result, abandoned.user_id.id), ("abandoned", False))
        outbound = self.Call.search([("linkedid", "=", "1795601200.40")])
        self.assertEqual((outbound.direction, outbound.user_id, outbound.number_e164,
                          outbound.talk_seconds), ("outbound", self.agent2, "+8613912345678", 60))
        self.assertEqual((interrupted.result, interrupted.talk_seconds,
                          interrupted.cdr_recovered), ("answered", 120, True))
        self.assertEqual(complete.read(["talk_seconds", "date_end", "user_id"]),
                         complete_values, "a call the listener saw whole is left alone")
        self.assertFalse(complete.cdr_recovered)

        # again: nothing doubled; incremental reading of a growing file
        before = self.Call.search_count([])
        self.pbx._cc_reconcile_cdr_data(data)
        self.assertEqual(self.Call.search_count([]), before)
        with tempfile.NamedTemporaryFile(suffix=".csv") as master:
            master.write(data)
            master.write(b'"","+8613700137000","4000","incoming","","PJSIP/trunk-00000021","",'
                         b'"Queue","support,t","2026-11-25 15:00:00","","2026-11-25 15:00:30",')
            master.flush()  # the last line is still being written
            self.pbx.write({"cdr_file": master.name,
                            "cdr_root": os.path.dirname(master.name)})
            self.env["crm.pbx"]._cron_reconcile_cdr()
            self.assertEqual(self.Call.search_count([]), before)
            self.assertEqual(self.pbx.cdr_offset, len(data))
            master.write(b'30,0,"NO ANSWER","DOCUMENTATION","1795603600.50","","",'
                         b'"1795603600.50",50\r\n')
            master.flush()
            self.env["crm.pbx"]._cron_reconcile_cdr()
            late = self.Call.search([("linkedid", "=", "1795603600.50")])
            self.assertEqual((late.result, late.number_e164), ("abandoned", "+8613700137000"))
            self.assertEqual(self.Call.search_count([]), before + 1)

    def test_cdr_skips_listen_in_and_conference_helpers(self):
        """Issue 16.7: a Supervisor's ChanSpy leg and the three-way call's
        Local helper are no calls (they were recovered as an "internal
        answered" call of the Supervisor and an outbound call of a fake
        agent "013912345678"); each cron run says what it did."""
        spy = ('"","","s","default","","PJSIP/1003-00000031","","ChanSpy","PJSIP/1001-,q",'
               '"2026-11-25 16:00:00","2026-11-25 16:00:01","2026-11-25 16:02:01",121,120,'
               '"ANSWERED","DOCUMENTATION","1795610000.60","","","1795610000.60",60\r\n')
        helper = (
            '"","1001","1001","crm-conference","","Local/013912345678@from-internal-00000002;1",'
            '"","ConfBridge","1001","2026-11-25 16:05:00","2026-11-25 16:05:05",'
            '"2026-11-25 16:07:00",120,115,"ANSWERED","DOCUMENTATION","1795610300.70","","",'
            '"1795610300.70",70\r\n'
            '"","1001","013912345678","outbound","","Local/013912345678@from-internal-00000002;2",'
            '"PJSIP/trunk-00000033","Dial","PJSIP/013912345678@trunk,60","2026-11-25 16:05:00",'
            '"2026-11-25 16:05:05","2026-11-25 16:07:00",120,115,"ANSWERED","DOCUMENTATION",'
            '"1795610300.71","","","1795610300.70",71\r\n')
        real = ('"","+8613700137000","4000","incoming","","PJSIP/trunk-00000040","",'
                '"Queue","support,t","2026-11-25 16:10:00","","2026-11-25 16:10:30",30,0,'
                '"NO ANSWER","DOCUMENTATION","1795610600.80","","","1795610600.80",80\r\n')
        with tempfile.TemporaryDirectory() as root:
            master = os.path.join(root, "Master.csv")
            with open(master, "w") as handle:
                handle.write(spy + helper + real)
            self.pbx.write({"cdr_file": master, "cdr_root": root})
            for _run in (1, 2):  # the second run reads nothing new
                self.env["crm.pbx"]._cron_reconcile_cdr()
                calls_ = self.Call.search([("pbx_id", "=", self.pbx.id)])
                self.assertEqual(calls_.mapped("linkedid"), ["1795610600.80"],
                                 "only the customer's call is recovered")
                if _run == 1:
                    self.assertEqual(self.pbx.cdr_message,
                                     "1 calls recovered, 0 completed, 0 already recorded")
            self.assertEqual(self.pbx.cdr_message, "No new CDR line since the last run.")
            # the same lines read again (a rotated file): nothing recovered
            self.pbx.sudo().cdr_offset = 0
            self.env["crm.pbx"]._cron_reconcile_cdr()
            self.assertEqual(self.pbx.cdr_message,
                             "Nothing to recover: the 1 calls read were already recorded")

    def test_cdr_file_only_inside_its_folder(self):
        """L4: the cron reads the CDR file only inside the CDR folder, and a
        bad line's reason never quotes the file."""
        with tempfile.TemporaryDirectory() as root, \
                tempfile.NamedTemporaryFile(suffix=".csv") as outside:
            outside.write(b'"","1","2","x","","a","b","c","d","SECRET-TEXT","","",1,1,'
                          b'"ANSWERED","DOCUMENTATION","l1","","","l1",1\n')
            outside.flush()
            self.pbx.write({"cdr_root": root, "cdr_file": outside.name})
            self.env["crm.pbx"]._cron_reconcile_cdr()
            self.assertIn("not inside the CDR folder", self.pbx.cdr_message)
            self.assertEqual(self.pbx.cdr_offset, 0)
            self.pbx.write({"cdr_file": os.path.join(root, "..", root, "..",
                                                     os.path.basename(outside.name))})
            self.env["crm.pbx"]._cron_reconcile_cdr()
            self.assertIn("not inside the CDR folder", self.pbx.cdr_message)
            inside = os.path.join(root, "Master.csv")
            outside.seek(0)
            with open(inside, "wb") as handle:
                handle.write(outside.read())
            self.pbx.write({"cdr_file": inside})
            self.env["crm.pbx"]._cron_reconcile_cdr()
            self.assertIn("1 lines skipped", self.pbx.cdr_message)
            self.assertNotIn("SECRET-TEXT", self.pbx.cdr_message)

    def test_cdr_upload_for_administrators_only(self):
        with open(get_module_resource("crm_telephony", "tests", "data", "cdr",
                                      "Master.csv"), "rb") as handle:
            data = base64.b64encode(handle.read())
        with self.assertRaises(AccessError):
            self.env["crm.pbx.cdr.import"].sudo(self.users["manager"]).create(
                {"pbx_id": self.pbx.id, "data": data}).action_reconcile()
        wizard = self.env["crm.pbx.cdr.import"].sudo(self.users["admin"]).create(
            {"pbx_id": self.pbx.id, "data": data})
        wizard.action_reconcile()
        self.assertIn("3 calls recovered", wizard.result)
        self.assertIn("Line 5:", wizard.result)
