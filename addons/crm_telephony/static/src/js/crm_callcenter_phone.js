odoo.define('crm_callcenter.phone', function (require) {
'use strict';

/**
 * Telephony in the web client:
 * - the screen pop: the AMI listener sends it on the ringing agent's own
 *   partner channel; the web client opens the call's pop form at once,
 *   showing what the message carries before the call is read (pop_form);
 * - the phone bar in the top bar: the agent's state as the PBX confirmed it
 *   (pushed on the same channel), and the phone actions;
 * - click-to-call: a phone icon beside every phone field in read mode.
 */
var ActionManager = require('web.ActionManager');
var basicFields = require('web.basic_fields');
var bus = require('bus.bus').bus;
var core = require('web.core');
var popForm = require('crm_callcenter.pop_form');
var session = require('web.session');
var SystrayMenu = require('web.SystrayMenu');
var WebClient = require('web.WebClient');
var Widget = require('web.Widget');

var QWeb = core.qweb;
var _t = core._t;

var POP = 'crm_callcenter.pop';
var STATE = 'crm_callcenter.agent_state';
var VOICEMAIL = 'crm_callcenter.voicemail';
var MAX_POPPED = 50;
var OPEN_WAIT = 5000;  // ms a pop waits at most for the one opening before it
var PAGE_WAIT = 15000;  // ms pops wait at most for the page's first action

var popped = [];  // the calls this page popped, latest last
/**
 * The page's first action is on screen: opening it closes any dialog, so
 * a pop that came with the page's first poll (a call in progress when the
 * agent logs in) waits for it.
 */
var pageShown = $.Deferred();
setTimeout(pageShown.resolve.bind(pageShown), PAGE_WAIT);  // a page without one
var opening = pageShown;  // the pop being opened: the next one waits for it

ActionManager.include({
    push_action: function () {
        return this._super.apply(this, arguments).always(pageShown.resolve.bind(pageShown));
    },
});

/**
 * A screen pop's window action, built here from the call's id (and the pop
 * form's view id) as numbers: an action taken from a bus message is never
 * run, whoever managed to put it there. Null when the ids are not numbers.
 */
function popAction(message) {
    var callId = message.call_id;
    var viewId = message.view_id;
    if (!_.isNumber(callId) || callId <= 0 || callId % 1 !== 0) {
        return null;
    }
    return {
        type: 'ir.actions.act_window',
        name: _t('Incoming Call'),
        res_model: 'crm.call',
        res_id: callId,
        views: [[_.isNumber(viewId) && viewId > 0 && viewId % 1 === 0 ? viewId : false, 'form']],
        target: 'new',
        context: {form_view_initial_mode: 'edit'},
    };
}

/**
 * Notifications render their title and text as HTML (t-raw): every string
 * from the server or the bus is escaped here, and only here (the server
 * sends plain text).
 */
function notifyText(widget, title, text, sticky) {
    widget.do_notify(_.escape(title || ''), _.escape(text || ''), sticky);
}

function ownMessages(notifications, type) {
    return _.filter(_.map(notifications, function (notification) {
        var channel = notification[0];
        var message = notification[1];
        if (_.isArray(channel) && channel[1] === 'res.partner' && message &&
                message.type === type) {
            return message;
        }
        return null;
    }));
}

/**
 * Whether this page pops the call for the first time (and remember it): a
 * message may come twice, e.g. when another tab takes over the polling.
 */
function firstPop(callId) {
    if (_.contains(popped, callId)) {
        return false;
    }
    popped.push(callId);
    if (popped.length > MAX_POPPED) {
        popped.shift();
    }
    return true;
}

/**
 * Whether the pop was sent before this page was made (both are the
 * server's times): a page's first poll brings the last 50 s of its
 * messages, and their calls may have ended since.
 */
function sentBeforePage(message) {
    return _.isNumber(message.sent_at) && _.isNumber(session.cc_server_time) &&
        message.sent_at < session.cc_server_time;
}

WebClient.include({
    show_application: function () {
        var result = this._super.apply(this, arguments);
        bus.on('notification', this, this._onCallCenterPop);
        bus.start_polling();
        return result;
    },
    _onCallCenterPop: function (notifications) {
        var self = this;
        _.each(ownMessages(notifications, POP), function (message) {
            var action = popAction(message);
            if (action && firstPop(message.call_id)) {
                self._ccOpenPop(message, action);
            }
        });
        _.each(ownMessages(notifications, VOICEMAIL), function (message) {
            notifyText(self, _t('Voicemail'), message.message, true);
        });
    },
    /**
     * Open the pop once the page's first action and the previous pop are
     * open: the action manager holds one dialog, and a pop opening while
     * another was still opening left an empty dialog and a client error
     * over the page. A pop sent before this page was made opens only if its
     * call has not ended.
     */
    _ccOpenPop: function (message, action) {
        var self = this;
        var live = sentBeforePage(message) ? this._rpc({
            model: 'crm.call',
            method: 'search_count',
            args: [[['id', '=', message.call_id], ['state', '!=', 'done']]],
        }) : $.when(1);
        var previous = opening;
        var opened = $.Deferred();
        opening = opened;
        setTimeout(opened.resolve.bind(opened), OPEN_WAIT);  // never block the next pops
        previous.always(function () {
            live.then(function (count) {
                if (!count) {
                    return $.when();
                }
                popForm.remember(message);  // the form shows it before reading the call
                return self.do_action(action);
            }).always(opened.resolve.bind(opened));
        });
    },
});

var PhoneBar = Widget.extend({
    template: 'crm_callcenter.PhoneBar',
    events: {
        'click .o_cc_ready': '_onReady',
        'click .o_cc_pause': '_onPause',
        'click .o_cc_dial': '_onDial',
        'keydown .o_cc_number': '_onNumberKey',
        'click .o_cc_hangup': '_onHangup',
        'click .o_cc_transfer': '_onTransfer',
        'click .o_cc_survey': '_onSurvey',
        'click .o_cc_hold': '_onHold',
        'click .o_cc_resume': '_onResume',
        'click .o_cc_conference': '_onConference',
        'click .o_cc_seat': '_onTakeSeat',
        'click .o_cc_leave_seat': '_onLeaveSeat',
        'click .o_cc_queue_login': '_onQueueLogin',
        'click .o_cc_queue_logout': '_onQueueLogout',
        'click .dropdown-menu': '_onMenuClick',
    },
    willStart: function () {
        var self = this;
        return this._rpc({model: 'res.users', method: 'cc_phone_bar', args: []})
            .then(function (state) {
                self.bar = state;
            });
    },
    start: function () {
        if (!this.bar.enabled) {
            this.$el.addClass('hidden');
        }
        bus.on('notification', this, this._onNotification);
        this._renderState();
        return this._super.apply(this, arguments);
    },
    _renderState: function () {
        this.$('.o_cc_state').replaceWith(QWeb.render('crm_callcenter.PhoneBarState', {bar: this.bar}));
        this.$el.attr('data-state', this.bar.state);
        this.$el.attr('data-held', this.bar.held ? '1' : '0');
    },
    _onNotification: function (notifications) {
        var self = this;
        _.each(ownMessages(notifications, STATE), function (message) {
            _.extend(self.bar, message);
            self._renderState();
        });
    },
    _call: function (method, args) {
        var self = this;
        return this._rpc({model: 'res.users', method: method, args: args || []})
            .then(function (result) {
                if (result && result.message) {
                    notifyText(self, _t('Phone'), result.message);
                }
                return result;
            });
    },
    _onMenuClick: function (ev) {
        if ($(ev.target).is('input')) {
            ev.stopPropagation();
        }
    },
    _onReady: function () {
        return this._call('cc_set_pause', [false]);
    },
    _onPause: function (ev) {
        return this._call('cc_set_pause', [true, $(ev.currentTarget).data('reason') || false]);
    },
    _onDial: function () {
        var number = this.$('.o_cc_number').val();
        if (number) {
            return this._call('cc_dial', [number]);
        }
    },
    _onNumberKey: function (ev) {
        if (ev.which === $.ui.keyCode.ENTER) {
            this._onDial();
        }
    },
    _onHangup: function () {
        return this._call('cc_hangup');
    },
    _onTransfer: function (ev) {
        var target = this.$('.o_cc_number').val();
        if (target) {
            return this._call('cc_transfer', [target, !!$(ev.currentTarget).data('attended')]);
        }
        this.do_warn(_t('Phone'), _t('Type the number or extension to transfer to.'));
    },
    _reload: function () {
        var self = this;
        return this._rpc({model: 'res.users', method: 'cc_phone_bar', args: []})
            .then(function (state) {
                self.bar = state;
                self.renderElement();
                self._renderState();
            });
    },
    _onTakeSeat: function (ev) {
        var self = this;
        return this._call('cc_take_seat', [$(ev.currentTarget).data('seat-id')])
            .then(function () {
                return self._reload();
            });
    },
    _onLeaveSeat: function () {
        var self = this;
        return this._call('cc_leave_seat').then(function () {
            return self._reload();
        });
    },
    _onHold: function () {
        return this._call('cc_hold', [true]);
    },
    _onResume: function () {
        return this._call('cc_hold', [false]);
    },
    _onConference: function () {
        var number = this.$('.o_cc_number').val();
        if (number) {
            return this._call('cc_conference', [number]);
        }
        this.do_warn(_t('Phone'), _t('Type the number or extension to add to the call.'));
    },
    _onSurvey: function () {
        return this._call('cc_transfer_to_survey');
    },
    _onQueueLogin: function () {
        return this._call('cc_queue_login', [true]);
    },
    _onQueueLogout: function () {
        return this._call('cc_queue_login', [false]);
    },
});

SystrayMenu.Items.push(PhoneBar);

basicFields.FieldPhone.include({
    events: _.extend({}, basicFields.FieldPhone.prototype.events, {
        'click .o_cc_click_to_call': '_onClickToCall',
    }),
    _renderReadonly: function () {
        this._super.apply(this, arguments);
        if (this.value) {
            this.$el.append($('<a href="#" class="o_cc_click_to_call fa fa-phone"/>')
                .attr('title', _t('Call this number')));
        }
    },
    _onClickToCall: function (ev) {
        ev.preventDefault();
        ev.stopPropagation();
        var self = this;
        var partnerId = this.model === 'res.partner' ? this.res_id : false;
        return this._rpc({model: 'res.users', method: 'cc_dial', args: [this.value, partnerId]})
            .then(function (result) {
                notifyText(self, _t('Phone'), result.message);
            });
    },
});

return {PhoneBar: PhoneBar, popAction: popAction, notifyText: notifyText};

});
