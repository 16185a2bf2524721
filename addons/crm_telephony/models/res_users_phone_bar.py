"""The phone bar's actions (CC-3, CC-4): what an agent asks the phone
system from the web client (dial, pause, queue login, hang up, hold,
three-way call, transfers) and what the bar shows when it starts. Each one
acts for the calling user only, on their company's phone system."""
import time

from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.crm_customer import phone as phonelib


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def cc_phone_bar(self):
        """What the phone bar shows when the web client starts."""
        user = self.env.user
        payload = user.sudo()._cc_bar_payload()
        payload["enabled"] = bool(user.extension and user.has_group(
            "crm_callcenter.group_agent"))
        payload["pause_reasons"] = [
            value.name for value in self.env["crm.dictionary"].search(
                [("dict_type", "=", "pause_reason")])]
        if not user.has_group("crm_callcenter.group_agent"):
            # the seats (names, extensions, who sits where) are for Agents
            payload.update(seat="", seats=[])
            return payload
        payload.update(user._cc_seat_payload())
        # an agent without an extension of their own still needs the bar to sit down
        payload["enabled"] = payload["enabled"] or bool(payload["seats"])
        return payload

    def _cc_pbx(self):
        pbxs = self.env["crm.pbx"].sudo().search(
            [("company_id", "=", self.env.user.company_id.id)])
        # the one the listener is connected to, when the company has several
        pbx = pbxs.sorted(lambda p: p.listener_state != "connected")[:1]
        if not pbx:
            raise UserError(_("No phone system is configured for your company."))
        if not self.env.user.extension:
            raise UserError(_("You have no extension: ask an Administrator to set one "
                              "in your user settings."))
        return pbx

    @api.model
    def cc_dial(self, number, partner_id=False):
        """Click-to-call (CC-4): ring the agent's own phone, then the number
        (asynchronous Originate); logged as an outbound call at once."""
        user = self.env.user
        if partner_id:
            # the caller names the customer: they must be able to read it
            partner = self.env["res.partner"].browse(int(partner_id))
            partner.check_access_rights("read")
            partner.check_access_rule("read")
        pbx = self._cc_pbx()
        region = user.company_id.country_id.code
        e164, error = phonelib.check(number, region)
        if error or not e164:
            raise UserError(_("%s is not a phone number that can be dialled.") % number)
        dial = pbx._cc_dial_string(number, e164)
        call = self.env["crm.call"].sudo().create({
            "pbx_id": pbx.id, "company_id": pbx.company_id.id, "direction": "outbound",
            "state": "ringing", "result": "dialing", "callee": dial, "number": number,
            "number_e164": e164, "number_location": phonelib.describe(e164),
            "user_id": user.id, "department_id": user.crm_department_id.id,
            "agent_extension": user.extension, "caller": user.extension,
            "partner_id": partner_id or self.env["res.partner"]._cc_callers(
                [e164]).get(e164, False),
        })
        pbx._cc_send(
            "Originate", Channel=pbx._cc_agent_channel(user.extension),
            Context=pbx.outbound_context or "from-internal", Exten=dial, Priority="1",
            CallerID=user._cc_caller_id(), Async="true",
            Timeout=str(30000), Variable="CRM_CALL_ID=%d" % call.id)
        self.env["crm.operation.log"]._record("call", "dial", call, number=number)
        return {"call_id": call.id, "number": number,
                "message": _("Calling %s: pick up your phone.") % number}

    @api.model
    def cc_set_pause(self, paused, reason=False):
        """Pause or make ready the agent in every queue (QueuePause)."""
        user = self.env.user
        pbx = self._cc_pbx()
        fields_ = {"Interface": pbx._cc_agent_interface(user.extension),
                   "Paused": "true" if paused else "false"}
        if paused and reason:
            fields_["Reason"] = reason
        pbx._cc_send("QueuePause", **fields_)
        return True

    @api.model
    def cc_queue_login(self, login, queue=False):
        """Log the agent in (QueueAdd) or out (QueueRemove) of a queue."""
        user = self.env.user
        pbx = self._cc_pbx()
        queue = queue or pbx.default_queue
        if not queue:
            raise UserError(_("The phone system has no default queue."))
        # logging out only removes the agent's own device; logging in to
        # another department's queue would bring its calls and pops
        if login and queue not in user._cc_allowed_queues(pbx):
            raise UserError(_("You cannot log in to queue %s: only the phone system's "
                              "default queue and your department's queues.") % queue)
        interface = pbx._cc_agent_interface(user.extension)
        if login:
            pbx._cc_send("QueueAdd", Queue=queue, Interface=interface,
                         MemberName=phonelib.clean_name(user.name) or user.extension,
                         Penalty="0")
        else:
            pbx._cc_send("QueueRemove", Queue=queue, Interface=interface)
        return True

    @api.model
    def cc_hangup(self):
        """Hang up the agent's current call."""
        pbx = self._cc_pbx()
        pbx._cc_send("Hangup", Channel="/^%s-/" % pbx._cc_agent_interface(
            self.env.user.extension).replace("/", "\\/"))
        return True

    def _cc_other_party(self, pbx):
        mine, other = self.env["crm.call"].sudo()._cc_live_channels(pbx, self.env.user)
        if not other:
            raise UserError(_("Your call has no other party to hold or conference."))
        return mine, other

    @api.model
    def cc_hold(self, hold=True):
        """Hold: the other party goes to music on hold and the agent's phone
        waits, both in the hold context (one Redirect of both channels);
        resume: the two channels are bridged again (Bridge)."""
        pbx = self._cc_pbx()
        mine, other = self._cc_other_party(pbx)
        context = pbx.hold_context or "crm-hold"
        # the database first, the PBX last: a serialization failure (the
        # listener wrote this user's state meanwhile) makes Odoo retry the
        # whole request, which must not have sent anything yet (issue 16)
        self.env.user.sudo()._cc_set_hold(hold)
        if hold:
            pbx._cc_send("Redirect", Channel=other, Context=context, Exten="s",
                         Priority="1", ExtraChannel=mine, ExtraContext=context,
                         ExtraExten="agent", ExtraPriority="1")
        else:
            pbx._cc_send("Bridge", Channel1=mine, Channel2=other, Tone="no")
        return {"held": hold,
                "message": _("The call is on hold.") if hold else _("The call is resumed.")}

    @api.model
    def cc_conference(self, number):
        """Three-way call: the caller and the agent move into the agent's
        ConfBridge room, then the third party is dialled into it.

        The database is written first and the PBX is sent to last, both
        actions in one session: a serialization failure (the listener wrote
        this user's state meanwhile) makes Odoo retry the whole request,
        which then has sent nothing yet (issue 16: the conference was set up,
        then the request failed and its retry would send it again). The
        third party's channel gets the Uniqueid "<the call's Linkedid>-3way-
        <n>" (Originate's ChannelId), so the listener attaches that leg to
        the call instead of storing an outbound call of a fake agent."""
        user = self.env.user
        pbx = self._cc_pbx()
        dial = user._cc_dial_target(pbx, number)
        mine, other, linkedid = self.env["crm.call"].sudo()._cc_live_channels(
            pbx, user, linkedid=True)
        if not other:
            raise UserError(_("Your call has no other party to hold or conference."))
        context, room = pbx.conference_context or "crm-conference", user.extension
        user.sudo()._cc_set_hold(False)
        self.env["crm.operation.log"]._record("call", "three_way", number=number)
        leg = "%s-3way-%d" % (linkedid or "crm", int(time.time() * 1000) % 10 ** 9)

        def send(client):
            client.send_action("Redirect", Channel=other, Context=context, Exten=room,
                               Priority="1", ExtraChannel=mine, ExtraContext=context,
                               ExtraExten=room, ExtraPriority="1")
            client.send_action(
                "Originate",
                Channel="Local/%s@%s" % (dial, pbx.outbound_context or "from-internal"),
                Context=context, Exten=room, Priority="1", Async="true",
                Timeout=str(30000), CallerID=user._cc_caller_id(),
                ChannelId=leg)
        pbx._cc_run(send)
        return {"message": _("Calling %s into your call.") % number}

    @api.model
    def cc_transfer_to_survey(self):
        """Send the caller to the satisfaction survey (CC-14); its score
        comes back to the call record through the CrmSurvey UserEvent."""
        pbx = self._cc_pbx()
        if not pbx.survey_extension:
            raise UserError(_("The phone system has no survey extension."))
        return self._cc_transfer(pbx, pbx.survey_extension)

    @api.model
    def cc_transfer(self, target, attended=False):
        """Blind (BlindTransfer) or attended (Atxfer) transfer of the agent's
        current call to ``target``: an extension of the company's agents or
        desks, or a phone number (dialled as for click-to-call)."""
        pbx = self._cc_pbx()
        return self._cc_transfer(pbx, self.env.user._cc_dial_target(pbx, target), attended)

    def _cc_transfer(self, pbx, exten, attended=False):
        channel = self.env["crm.call"].sudo()._cc_agent_channel_name(pbx, self.env.user)
        action = "Atxfer" if attended else "BlindTransfer"
        pbx._cc_send(action, Channel=channel, Exten=exten,
                     Context=pbx.outbound_context or "from-internal")
        return True

    # ------------------------------------------- what the PBX is asked
    def _cc_internal_extensions(self, company):
        """Extensions of the company's agents and desks."""
        self.env.cr.execute("""
            SELECT extension FROM res_users
             WHERE active AND company_id = %s AND extension IS NOT NULL
            UNION
            SELECT extension FROM crm_seat
             WHERE active AND company_id = %s""", (company.id, company.id))
        return {row[0] for row in self.env.cr.fetchall()}

    def _cc_dial_target(self, pbx, target):
        """The Exten for a transfer or a three-way call: an internal
        extension of the company as it is, else the digits of a phone
        number (the click-to-call rule); UserError for anything else."""
        self.ensure_one()
        target = (target or "").strip()
        if phonelib.is_extension(target) and \
                target in self._cc_internal_extensions(pbx.company_id):
            return target
        return pbx._cc_dial_string(target)

    def _cc_caller_id(self):
        """CallerID of the agent's phone for an Originate: the name with the
        characters that would change the caller ID removed."""
        self.ensure_one()
        return '"%s" <%s>' % (phonelib.clean_name(self.name), self.extension)

    def _cc_allowed_queues(self, pbx):
        """Queues the user may log in to: the phone system's default queue
        and the queues of the user's department."""
        self.ensure_one()
        queues = set(filter(None, [pbx.default_queue]))
        department = self.sudo().crm_department_id
        queues.update(department._cc_queue_names() if department else ())
        return queues
