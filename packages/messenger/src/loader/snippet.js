/*
 * The Parley Messenger snippet: paste it before </body>, after setting
 * window.intercomSettings = { app_id: "…", … }. Same shape as Intercom's install snippet, so
 * pages that load Intercom's keep working when only the script address changes:
 * - if window.Intercom is already a function (the Messenger is on the page), tell it about the
 *   current settings;
 * - otherwise install a stub that queues every Intercom(…) call, and load the widget script
 *   once the page has loaded. The widget replays the queue in order.
 */
(function () {
  var WIDGET_BASE = "http://localhost:8787";
  var w = window;
  var ic = w.Intercom;
  if (typeof ic === "function") {
    ic("update", w.intercomSettings);
  } else {
    var d = document;
    var i = function () {
      i.c(arguments);
    };
    i.q = [];
    i.c = function (args) {
      i.q.push(args);
    };
    w.Intercom = i;
    var l = function () {
      var s = d.createElement("script");
      s.type = "text/javascript";
      s.async = true;
      s.src =
        WIDGET_BASE + "/widget/" + encodeURIComponent((w.intercomSettings || {}).app_id || "");
      var x = d.getElementsByTagName("script")[0];
      if (x && x.parentNode) x.parentNode.insertBefore(s, x);
      else d.head.appendChild(s);
    };
    if (d.readyState === "complete") {
      l();
    } else if (w.attachEvent) {
      w.attachEvent("onload", l);
    } else {
      w.addEventListener("load", l, false);
    }
  }
})();
