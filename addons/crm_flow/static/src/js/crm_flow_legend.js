odoo.define('crm_flow.legend', function (require) {
'use strict';

/**
 * Lists of documents that follow a flow colour their rows by step
 * (decoration-* attributes added by crm.flow.mixin). This adds the legend:
 * each active step of the model's active flows, in its colour, beside the
 * list buttons.
 */
var ListController = require('web.ListController');
var core = require('web.core');

var _t = core._t;

ListController.include({
    renderButtons: function () {
        this._super.apply(this, arguments);
        var fields = this.initialState && this.initialState.fields;
        if (!this.$buttons || !fields || !fields.flow_node_id || !fields.flow_state) {
            return;
        }
        var $legend = $('<div>', {
            'class': 'o_crm_flow_legend',
            title: _t('Row colours by step'),
        });
        this.$buttons.append($legend);
        this._rpc({
            model: 'crm.flow.node',
            method: 'search_read',
            domain: [['model', '=', this.modelName], ['flow_id.active', '=', true]],
            fields: ['name', 'decoration', 'flow_id'],
        }).then(function (nodes) {
            _.each(nodes, function (node) {
                $('<span>', {
                    'class': 'o_crm_flow_legend_item text-' + node.decoration,
                    'data-step': node.name,
                    title: node.flow_id[1],
                }).text(node.name).appendTo($legend);
            });
        });
    },
});

});
