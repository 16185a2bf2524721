odoo.define('crm_callcenter.capped_list', function (require) {
'use strict';

/**
 * A list (js_class="crm_capped_list", on any model inheriting
 * crm.list.page.mixin: calls, agent states, tickets...) counts the records
 * for its pager only up to a limit, as later Odoo versions do: on ten
 * million calls the exact count cost seconds, the page milliseconds.
 * The pager then shows "1-80 / 10000+"; clicking the total (or going back
 * from the first page to the last) asks for the exact count.
 */
var BasicModel = require('web.BasicModel');
var ListController = require('web.ListController');
var ListView = require('web.ListView');
var Pager = require('web.Pager');
var viewRegistry = require('web.view_registry');

var CappedPager = Pager.extend({
    events: _.extend({}, Pager.prototype.events, {
        'click .o_pager_limit': '_onClickLimit',
    }),
    init: function () {
        this._super.apply(this, arguments);
        this.capped = false;
    },
    /**
     * @param {boolean} capped there are more records than state.size
     */
    setCapped: function (capped) {
        this.capped = capped;
        this._render();
    },
    _render: function () {
        this._super.apply(this, arguments);
        if (this.$limit) {
            this.$limit.toggleClass('o_crm_callcenter_pager_capped', this.capped);
            if (this.capped && this.state.size) {
                this.$limit.text(this.state.size + '+');
            }
        }
    },
    _singlePage: function () {
        return !this.capped && this._super.apply(this, arguments);
    },
    _changeSelection: function (direction) {
        var state = this.state;
        if (this.capped && direction > 0 && state.current_min + state.limit > state.size) {
            // past the counted records: there are more, do not wrap to 1
            state.size = state.current_min + state.limit;
        } else if (this.capped && direction < 0 && state.current_min === 1) {
            // the last page needs the exact count
            this.trigger('pager_count', {last_page: true});
            return;
        }
        this._super.apply(this, arguments);
    },
    _onClickLimit: function (ev) {
        if (this.capped) {
            ev.stopPropagation();
            this.trigger('pager_count', {last_page: false});
        }
    },
});

var CappedListModel = BasicModel.extend({
    /**
     * The page and the capped count come from one call of the model's
     * cc_search_read_page (crm.list.page.mixin) instead of
     * /web/dataset/search_read.
     *
     * @override
     */
    _searchReadUngroupedList: function (list) {
        this._cappedList = list;
        var def = this._super.apply(this, arguments);
        this._cappedList = null;
        return def;
    },
    /**
     * @override
     */
    _rpc: function (params) {
        var list = this._cappedList;
        if (!list || params.route !== '/web/dataset/search_read') {
            return this._super.apply(this, arguments);
        }
        this._cappedList = null;
        var order = _.map(params.orderBy || [], function (o) {
            return o.name + (o.asc === false ? ' DESC' : ' ASC');
        }).join(', ');
        return this._super({
            model: params.model,
            method: 'cc_search_read_page',
            kwargs: {
                domain: params.domain,
                fields: params.fields,
                offset: params.offset,
                limit: params.limit,
                order: order || false,
                context: params.context,
            },
        }).then(function (result) {
            list.countCapped = result.capped;
            return result;
        });
    },
    /**
     * @param {string} id a list's handle
     * @returns {boolean} the list's count stopped at the limit
     */
    isCountCapped: function (id) {
        var list = this.localData[id];
        return !!(list && list.countCapped);
    },
    /**
     * The exact number of records of a list (when the pager asks for it).
     *
     * @param {string} id a list's handle
     * @returns {Deferred<int>}
     */
    fetchExactCount: function (id) {
        var list = this.localData[id];
        return this._rpc({
            model: list.model,
            method: 'search_count',
            args: [list.domain || []],
            context: list.getContext(),
        }).then(function (count) {
            list.count = count;
            list.countCapped = false;
            return count;
        });
    },
});

var CappedListController = ListController.extend({
    /**
     * Same as BasicController's, with the capped pager.
     *
     * @override
     */
    renderPager: function ($node, options) {
        var self = this;
        var data = this.model.get(this.handle, {raw: true});
        this.pager = new CappedPager(this, data.count, data.offset + 1, data.limit, options);
        this.pager.on('pager_changed', this, function (newState) {
            self.pager.disable();
            var limitChanged = (data.limit !== newState.limit);
            self.reload({limit: newState.limit, offset: newState.current_min - 1})
                .then(function () {
                    if (!limitChanged) {
                        self.trigger_up('scrollTo', {offset: 0});
                    }
                })
                .then(self.pager.enable.bind(self.pager));
        });
        this.pager.on('pager_count', this, this._onPagerCount);
        this.pager.appendTo($node);
        this._updatePager();
    },
    /**
     * @override
     */
    _updatePager: function () {
        this._super.apply(this, arguments);
        if (this.pager instanceof CappedPager) {
            this.pager.setCapped(this.model.isCountCapped(this.handle));
        }
    },
    /**
     * @private
     * @param {Object} info
     * @param {boolean} info.last_page go to the last page once counted
     */
    _onPagerCount: function (info) {
        var pager = this.pager;
        pager.disable();
        this.model.fetchExactCount(this.handle).then(function (count) {
            pager.capped = false;
            pager.updateState({size: count});
            if (info.last_page && count) {
                var limit = pager.state.limit;
                pager.updateState({
                    current_min: count - ((count % limit) || limit) + 1,
                }, {notifyChange: true});
            } else {
                pager.enable();
            }
        }, function () {
            pager.enable();
        });
    },
});

var CappedListView = ListView.extend({
    config: _.extend({}, ListView.prototype.config, {
        Model: CappedListModel,
        Controller: CappedListController,
    }),
});

viewRegistry.add('crm_capped_list', CappedListView);

return {
    CappedPager: CappedPager,
    CappedListController: CappedListController,
    CappedListModel: CappedListModel,
    CappedListView: CappedListView,
};

});
