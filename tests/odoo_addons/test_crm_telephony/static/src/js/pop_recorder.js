odoo.define('test_crm_telephony.pop_recorder', function (require) {
'use strict';

/**
 * Test-only (never in a product database): every screen pop this page's
 * bus delivered, as {call_id, at}, in window.crmCallcenterPops, and every
 * pop form the page opened (the call's id), in window.crmCallcenterOpened,
 * which the browser tests read (tests/test_screen_pop_browser.py,
 * tests/test_nodes_browser.py). It listens on the same bus service and
 * message type as the phone bar's pop handler (crm_callcenter_phone.js).
 */
var ActionManager = require('web.ActionManager');
var bus = require('bus.bus').bus;

var POP = 'crm_callcenter.pop';

window.crmCallcenterPops = window.crmCallcenterPops || [];
window.crmCallcenterOpened = window.crmCallcenterOpened || [];
bus.on('notification', null, function (notifications) {
    _.each(notifications, function (notification) {
        var channel = notification[0];
        var message = notification[1];
        if (_.isArray(channel) && channel[1] === 'res.partner' && message &&
                message.type === POP) {
            window.crmCallcenterPops.push({call_id: message.call_id, at: Date.now()});
        }
    });
});

ActionManager.include({
    do_action: function (action) {
        if (_.isObject(action) && action.res_model === 'crm.call' && action.target === 'new') {
            window.crmCallcenterOpened.push(action.res_id);
        }
        return this._super.apply(this, arguments);
    },
});

});
