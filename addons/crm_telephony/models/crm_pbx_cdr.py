"""CDR reconciliation: calls the listener could not see (it was stopped or
its AMI link was down) are rebuilt from the PBX's CDRs (cdr_csv's
Master.csv), read every few minutes from where it is mounted, or uploaded
by an Administrator. A call is never doubled: CDR lines join the call of
the same (phone system, Linkedid); calls the listener recorded completely
are left as they are, interrupted ones are completed."""
import base64
import logging

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..telephony import calls, cdr, files

_logger = logging.getLogger(__name__)

CDR_READ_CAP = 16 * 1024 * 1024  # bytes read from the CDR file per run


class CrmCall(models.Model):
    _inherit = "crm.call"

    cdr_recovered = fields.Boolean(
        "Recovered from CDR", readonly=True, copy=False,
        help="Recorded or completed from the PBX's CDRs after the listener missed it.")

    @api.model
    def _cc_reconcile_cdrs(self, pbx, rows):
        """Store the calls of these CDR rows (:func:`telephony.cdr.read_master_csv`)
        the listener missed; returns counts."""
        pbx = pbx.sudo()
        records = cdr.records_from_cdrs(rows)
        counts = {"created": 0, "completed": 0, "unchanged": 0}
        if not records:
            return counts
        self.env.cr.execute("""
            SELECT linkedid, state, result FROM crm_call
             WHERE pbx_id = %s AND linkedid IN %s""", (pbx.id, tuple(records)))
        known = {linkedid: (state, result) for linkedid, state, result in self.env.cr.fetchall()}
        facts = []
        for linkedid, record in records.items():
            state, result = known.get(linkedid, (None, None))
            if state == "done" and result not in ("interrupted", "dialing", None):
                counts["unchanged"] += 1
                continue
            counts["completed" if linkedid in known else "created"] += 1
            facts.append(calls.CallEnded(record))
        if facts:
            self.env["crm.call.store"]._store_facts(pbx, facts, "calls")
            self.env.cr.execute("""
                UPDATE crm_call SET cdr_recovered = true, cut_by_pbx = false
                 WHERE pbx_id = %s AND linkedid IN %s""",
                                (pbx.id, tuple(fact.record.linkedid for fact in facts)))
            self.invalidate_cache(["cdr_recovered", "cut_by_pbx"])
        return counts


class CrmPbx(models.Model):
    _inherit = "crm.pbx"

    cdr_file = fields.Char(
        "CDR File", compute="_compute_cc_secret", inverse="_inverse_cc_secret",
        groups="crm_callcenter.group_admin",
        help="Path of Asterisk's Master.csv as the Odoo server sees it (e.g. an NFS "
             "mount of /var/log/asterisk/cdr-csv). Read every few minutes: calls the "
             "listener missed are recorded from it. Empty: upload CDRs by hand.")
    cdr_offset = fields.Integer(readonly=True, copy=False, groups="crm_callcenter.group_admin",
                                help="Bytes of the CDR file already read.")
    cdr_date = fields.Datetime("CDRs Reconciled", readonly=True, copy=False)
    cdr_message = fields.Char("CDR Result", readonly=True, copy=False)

    def _cdr_tz(self):
        return pytz.timezone(self.tz) if self.tz else None

    @api.multi
    def _cc_reconcile_cdr_data(self, data):
        """Reconcile the CDR lines in ``data`` (bytes of Master.csv)."""
        self.ensure_one()
        rows, errors = cdr.read_master_csv(data, self._cdr_tz())
        counts = self.env["crm.call"]._cc_reconcile_cdrs(self, rows)
        # what this run did, never the totals of an earlier one (issue 16)
        if counts["created"] or counts["completed"]:
            message = _("%(created)d calls recovered, %(completed)d completed, "
                        "%(unchanged)d already recorded") % counts
        elif counts["unchanged"]:
            message = _("Nothing to recover: the %(unchanged)d calls read were already "
                        "recorded") % counts
        else:
            message = _("Nothing to recover: no call in the CDR lines read")
        if errors:
            message += _("; %d lines skipped (line %d: %s)") % (
                len(errors), errors[0][0], errors[0][1])
            _logger.warning("CDR lines skipped for %s: %s", self.name, errors[:20])
        self.sudo().write({"cdr_date": fields.Datetime.now(), "cdr_message": message})
        return dict(counts, errors=errors, message=message)

    @api.model
    def _cron_reconcile_cdr(self):
        """Read what was appended to each phone system's CDR file since the
        last run (from the start again if the file was rotated), at most
        CDR_READ_CAP bytes a run, and only a file inside its CDR folder."""
        for pbx in self.sudo().search([]):
            pbx._cc_reconcile_cdr_file()
        return True

    def _cc_reconcile_cdr_file(self):
        """Read what was appended to this phone system's CDR file (the
        cron, and a listener taking the phone system over)."""
        self.ensure_one()
        pbx = self.sudo()
        if not pbx.cdr_file:  # kept in the secrets table: not searchable
            return
        try:
            path = files.resolve_under(pbx.cdr_file, pbx.cdr_root)
        except files.OutsideRoot:
            pbx.write({"cdr_date": fields.Datetime.now(),
                       "cdr_message": _("The CDR file is not inside the CDR folder; "
                                        "nothing was read.")})
            return
        # one reader at a time (the cron and a listener's takeover): the
        # offset read here is the one written back
        self.env.cr.execute("SELECT id FROM crm_pbx WHERE id = %s FOR NO KEY UPDATE",
                            (pbx.id,))
        pbx.invalidate_cache(["cdr_offset"], pbx.ids)
        try:
            data, offset = files.read_capped(path, pbx.cdr_offset, CDR_READ_CAP)
        except OSError as error:
            pbx.write({"cdr_date": fields.Datetime.now(),
                       "cdr_message": _("Cannot read the CDR file (%s).") % (
                           error.strerror or error.__class__.__name__)})
            return
        complete = data[:data.rfind(b"\n") + 1]  # a line being written waits
        if complete:
            pbx._cc_reconcile_cdr_data(complete)
        else:
            pbx.write({"cdr_date": fields.Datetime.now(),
                       "cdr_message": _("No new CDR line since the last run.")})
        pbx.cdr_offset = offset + len(complete)


class CrmPbxCdrImport(models.TransientModel):
    _name = "crm.pbx.cdr.import"
    _description = "Reconcile Calls from CDRs"
    _max_upload_bytes = 50 * 1024 * 1024

    pbx_id = fields.Many2one("crm.pbx", "Phone System", required=True,
                             default=lambda self: self.env.context.get("active_id"))
    data = fields.Binary("Master.csv", required=True)
    filename = fields.Char()
    result = fields.Text(readonly=True)

    @api.multi
    def action_reconcile(self):
        self.ensure_one()
        if not (self.env.user._is_superuser()
                or self.env.user.has_group("crm_callcenter.group_admin")):
            raise AccessError(_("Only Administrators reconcile CDRs."))
        # the file is decoded and parsed in memory: refuse it before that
        if len(self.data or b"") * 3 // 4 > self._max_upload_bytes:
            raise UserError(_("The file is too large (at most %d MB): upload the "
                              "part since the last reconciliation.")
                            % (self._max_upload_bytes // 1048576))
        try:
            data = base64.b64decode(self.data or b"")
        except ValueError:
            raise UserError(_("The file could not be read."))
        outcome = self.pbx_id._cc_reconcile_cdr_data(data)
        lines = [outcome["message"]] + [
            _("Line %d: %s") % (number, reason) for number, reason in outcome["errors"][:50]]
        self.result = "\n".join(lines)
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new"}
