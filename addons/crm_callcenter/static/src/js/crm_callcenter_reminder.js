odoo.define('crm_callcenter.reminder', function (require) {
'use strict';

/**
 * Real-time reminders: the server sends them on the user's own partner
 * channel (which a browser cannot subscribe to for somebody else), and the
 * web client shows them as notifications.
 */
var bus = require('bus.bus').bus;
var WebClient = require('web.WebClient');

WebClient.include({
    show_application: function () {
        var result = this._super.apply(this, arguments);
        bus.on('notification', this, this._onCallCenterNotification);
        bus.start_polling();
        return result;
    },
    _onCallCenterNotification: function (notifications) {
        var self = this;
        _.each(notifications, function (notification) {
            var channel = notification[0];
            var message = notification[1];
            if (_.isArray(channel) && channel[1] === 'res.partner' && message &&
                    message.type === 'crm_callcenter.reminder') {
                // title and text are plain text; notifications render HTML
                self.do_notify(_.escape(message.title || ''), _.escape(message.message || ''),
                               !!message.sticky);
            }
        });
    },
});

});
