// Night mode. A classic script in <head>: it runs before the first paint, also of a page from
// the offline cache, so the dark room never sees a bright flash (CSP forbids inline scripts).
// "night" holds the last tap ("1@<ms>" or "0@<ms>"), "night-hours" the automatic hours ("22-6").
// The later of the last tap and the clock's last switch wins. The cookie tells the server.
(function () {
  var root = document.documentElement;
  var unsaved = null; // the tap when storage is off: this page only
  function get(key) {
    try {
      return localStorage.getItem(key) || "";
    } catch (error) {
      return "";
    }
  }
  function isNight() {
    if (unsaved !== null) return unsaved;
    var now = new Date();
    var tap = get("night").split("@");
    var hours = get("night-hours").split("-");
    var at = +tap[1] || 0;
    var on = tap[0] == "1";
    for (var day = -1; hours[1] && day <= 0; day++) {
      for (var i = 0; i < 2; i++) {
        var when = new Date(now);
        when.setDate(when.getDate() + day);
        when.setHours(+hours[i], 0, 0, 0);
        if (when <= now && when > at) {
          at = when;
          on = !i;
        }
      }
    }
    return on;
  }
  function apply() {
    var on = isNight();
    var button = document.getElementById("night");
    root.classList.toggle("night", on);
    if (button) button.setAttribute("aria-pressed", on);
    document.cookie =
      "night=" + (on ? 1 : "") + "; path=/; samesite=lax; max-age=" + (on ? 31536000 : 0) +
      (location.protocol == "https:" ? "; secure" : "");
  }
  root.classList.add("js");
  apply();
  document.addEventListener("click", function (event) {
    if (!event.target.closest("#night")) return;
    try {
      localStorage.setItem("night", (root.classList.contains("night") ? 0 : 1) + "@" + Date.now());
    } catch (error) {
      unsaved = !root.classList.contains("night");
    }
    apply();
  });
  // The moon's state once it exists; the hours may have passed while the phone lay unused.
  document.addEventListener("DOMContentLoaded", apply);
  document.addEventListener("visibilitychange", apply);
  document.addEventListener("night-change", apply);
})();
