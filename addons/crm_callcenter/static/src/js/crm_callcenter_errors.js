odoo.define('crm_callcenter.errors', function (require) {
'use strict';
/**
 * Odoo 11 titles every error dialog with the JSON-RPC message, "Odoo Server
 * Error", even a UserError or ValidationError that tells the user what to
 * fix (a bad import file, a missing field). Those get the title of their
 * kind, in the user's language; real server errors keep theirs.
 */
var CrashManager = require('web.CrashManager');
var core = require('web.core');

var _lt = core._lt;

var TITLES = {
    user_error: _lt('Warning'),
    warning: _lt('Warning'),
    validation_error: _lt('Validation Error'),
    access_error: _lt('Access Error'),
    missing_error: _lt('Missing Record'),
    access_denied: _lt('Access Denied'),
};

CrashManager.include({
    show_warning: function (error) {
        var kind = error && error.data && error.data.exception_type;
        if (error && !error.type && error.message === 'Odoo Server Error') {
            error = _.extend({}, error, {message: String(TITLES[kind] || TITLES.warning)});
        }
        return this._super(error);
    },
});

return {TITLES: TITLES};
});
