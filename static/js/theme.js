// Night mode, set in <head> before the first paint (cached pages too; CSP forbids inline).
// "night": last tap, "1@ms" or "0@ms"; "night-hours": "22-6". The later of the tap and the
// clock's last switch wins. The cookie lets the server render pages it sends fresh.
(function (root) {
  var unsaved = null; // a tap while storage is off
  function get(key) {
    try {
      return localStorage.getItem(key) || "";
    } catch (e) {
      return "";
    }
  }
  function isNight() {
    var tap = get("night").split("@"), hours = get("night-hours").split("-");
    var now = new Date(), at = +tap[1] || 0, on = tap[0] == "1";
    for (var i = 0; hours[1] && i < 4; i++) {
      var when = new Date(now);
      when.setDate(when.getDate() - (i >> 1));
      when.setHours(hours[i & 1], 0, 0, 0);
      if (when <= now && when > at) (at = when), (on = !(i & 1));
    }
    return unsaved === null ? on : unsaved;
  }
  function apply() {
    var on = isNight(), button = document.getElementById("night");
    root.classList.toggle("night", on);
    if (button) button.setAttribute("aria-pressed", on);
    // The phone's status bar too: an orange bar glares in a dark room.
    for (var meta of document.querySelectorAll("meta[name=theme-color]")) {
      meta.dataset.day = meta.dataset.day || meta.content;
      meta.content = on ? "#0b0908" : meta.dataset.day;
    }
    document.cookie = "night=" + (on ? 1 : "") + ";path=/;samesite=lax;max-age=" + (on ? root.dataset.cookieAge : 0) +
      (location.protocol == "https:" ? ";secure" : "");
  }
  root.classList.add("js");
  apply();
  document.addEventListener("click", function (event) {
    if (!event.target.closest("#night")) return;
    try {
      localStorage.setItem("night", (root.classList.contains("night") ? 0 : 1) + "@" + Date.now());
    } catch (e) {
      unsaved = !root.classList.contains("night");
    }
    apply();
  });
  // The moon once it exists; the hours may have passed while the phone lay unused.
  for (var type of ["DOMContentLoaded", "visibilitychange", "night-change"]) {
    document.addEventListener(type, apply);
  }
})(document.documentElement);
