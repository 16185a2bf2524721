odoo.define('crm_callcenter.monitor', function (require) {
'use strict';

/**
 * The Supervisor's live monitor (wallboard): waiting calls and longest
 * wait that stand out, today's service level, speed of answer and abandon
 * rate, today by hour (plain bars), agents in coloured states, live calls
 * (stale ones flagged) and phone systems. The AMI listener pushes "changed" on the Supervisor's own bus
 * channel; the monitor then fetches one new snapshot (debounced), so it is
 * never reloaded by a timer while calls flow.
 */
var Widget = require('web.Widget');
var bus = require('bus.bus').bus;
var core = require('web.core');
var session = require('web.session');

var QWeb = core.qweb;
var _t = core._t;

function duration(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ':' + (rest < 10 ? '0' : '') + rest;
}

function missing(value) {
    return value === null || value === undefined || value === false;
}

function percent(value) {
    return missing(value) ? '-' : value + ' %';
}

var Monitor = Widget.extend({
    events: {
        'click .o_cc_listen': '_onListen',
        'click .o_cc_score': '_onScore',
    },
    init: function () {
        this._super.apply(this, arguments);
        this.snapshot = null;
        this._refreshSoon = _.debounce(this._refresh.bind(this), 300);
    },
    willStart: function () {
        return $.when(this._super.apply(this, arguments), this._fetch());
    },
    start: function () {
        this.$el.addClass('o_cc_monitor');
        this._render();
        bus.on('notification', this, this._onNotification);
        this._tick = setInterval(this._refresh.bind(this), 30000);
        return this._super.apply(this, arguments);
    },
    destroy: function () {
        clearInterval(this._tick);
        bus.off('notification', this, this._onNotification);
        this._super.apply(this, arguments);
    },
    _fetch: function () {
        var self = this;
        // the user's context: labels in their language
        return this._rpc({model: 'crm.call', method: 'cc_monitor', args: [],
                          context: session.user_context})
            .then(function (snapshot) {
                self.snapshot = snapshot;
            });
    },
    _refresh: function () {
        return this._fetch().then(this._render.bind(this));
    },
    _render: function () {
        var hours = this.snapshot.hours || [];
        var peak = Math.max.apply(null, _.pluck(hours, 'offered').concat([1]));
        this.$el.html(QWeb.render('crm_callcenter.Monitor', {
            snapshot: this.snapshot,
            duration: duration,
            percent: percent,
            // a measured time, or "-" where nothing was measured yet
            seconds: function (value) {
                return missing(value) ? '-' : duration(value);
            },
            // numbers only: a bar's height in % of the busiest hour
            barHeight: function (count) {
                return Math.round(100 * (Number(count) || 0) / peak);
            },
            // plain text (t-att escapes it)
            hourTitle: function (hour) {
                return _.str.sprintf(_t('%s:00 - offered %s, answered %s, abandoned %s'),
                    hour.hour, hour.offered, hour.answered, hour.abandoned);
            },
        }));
    },
    _onNotification: function (notifications) {
        var changed = _.some(notifications, function (notification) {
            return notification[1] && notification[1].type === 'crm_callcenter.monitor';
        });
        if (changed) {
            this._refreshSoon();
        }
    },
    _onScore: function (ev) {
        var self = this;
        return this._rpc({
            model: 'crm.call', method: 'action_inspect',
            args: [[$(ev.currentTarget).data('call-id')]],
        }).then(function (action) {
            action.target = 'new';
            return self.do_action(action);
        });
    },
    _onListen: function (ev) {
        var self = this;
        return this._rpc({
            model: 'crm.call', method: 'cc_listen',
            args: [$(ev.currentTarget).data('user-id')],
            context: session.user_context,
        }).then(function (result) {
            // plain text from the server (it names the agent); notifications render HTML
            self.do_notify(_t('Listen'), _.escape(result.message || ''));
        });
    },
});

core.action_registry.add('crm_callcenter.monitor', Monitor);

return Monitor;

});
