odoo.define('crm_callcenter.dashboard', function (require) {
'use strict';

/**
 * CC-32: the agents' home dashboard. All its data comes from one RPC
 * (crm.dashboard.cc_dashboard_data), read as the user. It fetches again when
 * a notification reaches the user's own channel: a flow document entered or
 * left one of the user's steps, an activity was assigned or done, or a
 * reminder arrived; and when the user comes back to it.
 */
var Widget = require('web.Widget');
var bus = require('bus.bus').bus;
var core = require('web.core');

var QWeb = core.qweb;

var REFRESH_TYPES = ['crm_callcenter.dashboard', 'crm_callcenter.reminder', 'activity_updated'];

var Dashboard = Widget.extend({
    xmlDependencies: ['/crm_callcenter/static/src/xml/crm_callcenter_dashboard.xml'],
    events: {
        'click .o_cc_dashboard_open': '_onOpen',
        'click .o_cc_dashboard_refresh': '_onRefreshClick',
    },
    init: function () {
        this._super.apply(this, arguments);
        this.data = null;
        this.actions = [];
        this._refreshSoon = _.debounce(this._refresh.bind(this), 300);
    },
    willStart: function () {
        return $.when(this._super.apply(this, arguments), this._fetch());
    },
    start: function () {
        this.$el.addClass('o_cc_dashboard');
        this._render();
        bus.on('notification', this, this._onNotification);
        bus.start_polling();
        return this._super.apply(this, arguments);
    },
    destroy: function () {
        bus.off('notification', this, this._onNotification);
        this._super.apply(this, arguments);
    },
    /** Coming back through the breadcrumbs: the counts may have changed. */
    do_show: function () {
        this._refreshSoon();
        return this._super.apply(this, arguments);
    },
    _fetch: function () {
        var self = this;
        return this._rpc({model: 'crm.dashboard', method: 'cc_dashboard_data', args: []})
            .then(function (data) {
                self.data = data;
            });
    },
    _refresh: function () {
        if (this.isDestroyed()) {
            return $.when();
        }
        return this._fetch().then(this._render.bind(this));
    },
    _render: function () {
        var self = this;
        this.actions = [];
        this.$el.html(QWeb.render('crm_callcenter.Dashboard', {
            data: this.data,
            ref: function (action) {
                self.actions.push(action);
                return self.actions.length - 1;
            },
            datetime: function (value) {
                return value ? moment.utc(value).local().format('YYYY-MM-DD HH:mm') : '';
            },
            form: function (model, id) {
                self.actions.push({
                    type: 'ir.actions.act_window', res_model: model, res_id: id,
                    views: [[false, 'form']], target: 'current',
                });
                return self.actions.length - 1;
            },
        }));
    },
    _onNotification: function (notifications) {
        var relevant = _.some(notifications, function (notification) {
            var message = notification[1];
            return message && _.contains(REFRESH_TYPES, message.type);
        });
        if (relevant) {
            this._refreshSoon();
        }
    },
    _onOpen: function (ev) {
        ev.preventDefault();
        var action = this.actions[$(ev.currentTarget).data('action')];
        if (action) {
            this.do_action(action);
        }
    },
    _onRefreshClick: function (ev) {
        ev.preventDefault();
        this._refresh();
    },
});

core.action_registry.add('crm_callcenter.dashboard', Dashboard);

return Dashboard;

});
