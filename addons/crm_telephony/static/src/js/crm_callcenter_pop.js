odoo.define('crm_callcenter.pop_form', function (require) {
'use strict';

/**
 * The screen pop's form (js_class="crm_call_pop" on the pop view) shows at
 * once what the bus message carries: the number, its location, the queue
 * and the customer's name (or "No customer has this number"). The call's
 * record is then read as usual and the form filled with the profile, the
 * history and every section the add-ons add, keeping what the agent typed
 * meanwhile.
 *
 * Opening a form first reads its record: with a floor of agents popped at
 * once, every browser's read waited for the HTTP workers before the agent
 * saw who was calling. Only text fields and the customer's id are taken
 * from the message (the widgets escape them); nothing from it is run.
 */
var BasicModel = require('web.BasicModel');
var FormController = require('web.FormController');
var FormView = require('web.FormView');
var viewRegistry = require('web.view_registry');

var MAX_WAITING = 50;
var waiting = {};  // call id -> the pop's message, until its form opens

/**
 * Keep a pop's message for the form about to open for its call.
 */
function remember(message) {
    var ids = _.keys(waiting);
    if (ids.length >= MAX_WAITING) {
        delete waiting[ids[0]];
    }
    waiting[message.call_id] = message;
}

function text(value) {
    return _.isString(value) && value ? value : false;
}

/**
 * The record's values known from the pop's message; every other field of
 * the form is empty until the record is read.
 */
function popValues(message, record, fieldNames) {
    var partnerId = message.partner_id;
    var partnerName = text(message.partner_name);
    var hasPartner = _.isNumber(partnerId) && partnerId > 0 && partnerId % 1 === 0;
    var known = {
        id: record.res_id,
        display_name: partnerName || text(message.number) || '',
        number: text(message.number),
        number_location: text(message.location),
        queue: text(message.queue),
        partner_id: hasPartner ? [partnerId, partnerName || ''] : false,
        partner_unknown: !hasPartner,
    };
    var values = {};
    _.each(fieldNames, function (name) {
        var field = record.fields[name];
        if (name in known) {
            values[name] = known[name];
        } else if (field.type === 'one2many' || field.type === 'many2many') {
            values[name] = [];
        } else if (_.contains(['integer', 'float', 'monetary'], field.type)) {
            values[name] = 0;
        } else {
            values[name] = false;
        }
    });
    return values;
}

var PopModel = BasicModel.extend({
    /**
     * The first load of a popped call takes its values from the message.
     *
     * @override
     */
    _fetchRecord: function (record, options) {
        var message = record.model === 'crm.call' && waiting[record.res_id];
        if (!message) {
            return this._super.apply(this, arguments);
        }
        delete waiting[record.res_id];
        var self = this;
        options = options || {};
        var fieldNames = options.fieldNames || record.getFieldNames(options);
        fieldNames = _.uniq(fieldNames.concat(['display_name']));
        record.data = _.extend({}, record.data, popValues(message, record, fieldNames));
        record.cc_from_pop = true;
        this._parseServerData(fieldNames, record, record.data);
        return $.when(
            this._fetchX2Manys(record, options),
            this._fetchReferences(record, options)
        ).then(function () {
            return self._postprocess(record, options);
        });
    },
});

var PopController = FormController.extend({
    /**
     * Shown from the message: now read the record, while the dialog opens.
     *
     * @override
     */
    start: function () {
        var self = this;
        return this._super.apply(this, arguments).then(function () {
            var record = self.model.localData[self.handle];
            if (record && record.cc_from_pop) {
                record.cc_from_pop = false;
                self._ccFill();
            }
        });
    },
    /**
     * Read the call and show it, keeping what the agent typed while it was
     * read and the field they type in (a reload would have dropped both:
     * the form is drawn again from the record).
     *
     * @returns {Deferred}
     */
    _ccFill: function () {
        var self = this;
        return this.model.reload(this.handle, {keepChanges: true}).then(function () {
            var active = document.activeElement;
            var typing = active && $.contains(self.renderer.el, active) && $(active).attr('name');
            return $.when(self.renderer.commitChanges(self.handle)).then(function () {
                return self.update({}, {reload: false});
            }).then(function () {
                if (typing && /^\w+$/.test(typing)) {
                    var input = self.renderer.$('[name=' + typing + ']').filter('input, textarea')[0];
                    if (input) {
                        input.focus();
                        input.setSelectionRange(input.value.length, input.value.length);
                    }
                }
            });
        });
    },
});

var PopView = FormView.extend({
    config: _.extend({}, FormView.prototype.config, {
        Model: PopModel,
        Controller: PopController,
    }),
});

viewRegistry.add('crm_call_pop', PopView);

return {remember: remember, popValues: popValues, PopView: PopView};

});
