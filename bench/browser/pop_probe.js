/* Injected by bench/browser/screen_pop.py into a logged-in agent's page
 * (not a product asset). For each screen pop it records when the web
 * client's bus delivered the message (`bus`) and when the pop dialog showing
 * the call's number and the customer's name was in the DOM (`form`), both
 * in ms since the epoch (the bench compares them with the fake PBX's write,
 * same clock). A MutationObserver sees the dialog as soon as it is inserted
 * or filled. */
(function () {
    'use strict';
    if (window.benchPops) {
        return;
    }
    var pops = window.benchPops = [];
    var waiting = [];
    var bus = odoo.__DEBUG__.services['bus.bus'].bus;

    function check() {
        if (!waiting.length) {
            return;
        }
        var now = Date.now();
        var dialogs = document.querySelectorAll('.modal .o_cc_pop');
        waiting = waiting.filter(function (pop) {
            for (var i = 0; i < dialogs.length; i++) {
                var text = dialogs[i].textContent;
                if (text.indexOf(pop.number) >= 0 && text.indexOf(pop.name) >= 0) {
                    pop.form = now;
                    return false;
                }
            }
            return true;
        });
    }

    var heard = window.benchBus = {messages: 0, at: null};
    bus.on('notification', null, function (notifications) {
        var now = Date.now();
        heard.messages += notifications.length;
        heard.at = now;
        notifications.forEach(function (notification) {
            var message = notification[1];
            if (message && message.type === 'crm_callcenter.pop') {
                var pop = {call_id: message.call_id, number: message.number,
                           name: message.partner_name, bus: now, form: null};
                pops.push(pop);
                waiting.push(pop);
            }
        });
        check();
    });
    // when each long poll of the page started, was sent (a browser holds
    // at most six connections to a server: a poll may wait for the page's
    // other requests) and ended (why a pop was late)
    var polls = window.benchPolls = [];
    new PerformanceObserver(function (list) {
        list.getEntries().forEach(function (entry) {
            if (entry.name.indexOf('/longpolling/poll') >= 0) {
                polls.push([performance.timeOrigin + entry.startTime,
                            performance.timeOrigin + entry.requestStart,
                            performance.timeOrigin + entry.responseEnd]);
            }
        });
    }).observe({entryTypes: ['resource']});
    new MutationObserver(check).observe(document.body, {
        childList: true, subtree: true, characterData: true});
})();
