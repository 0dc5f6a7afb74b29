// Bayan's preview (served by `bayan serve` only, never in a built site):
// reloads the page when the site is rebuilt, keeping the scroll position,
// and lets the reader close the overlay of build problems.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script ? script.getAttribute("data-generation") : null;
  var key = "bayan-scroll:" + location.pathname;

  function restoreScroll() {
    var saved = sessionStorage.getItem(key);
    if (saved === null) return;
    var xy = saved.split(",");
    window.scrollTo(Number(xy[0]) || 0, Number(xy[1]) || 0);
  }

  function reload() {
    sessionStorage.setItem(key, window.scrollX + "," + window.scrollY);
    location.reload();
  }

  function follow(event) {
    if (event.data !== shown) reload();
  }

  function closeOverlay(overlay) {
    overlay.hidden = true;
    document.body.focus();
  }

  function setUpOverlay() {
    var overlay = document.getElementById("bayan-overlay");
    if (!overlay) return;
    var button = overlay.querySelector("[data-bayan-close]");
    if (button) button.addEventListener("click", function () { closeOverlay(overlay); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !overlay.hidden) closeOverlay(overlay);
    });
    overlay.focus();
  }

  restoreScroll();
  window.addEventListener("load", function () {
    restoreScroll();
    sessionStorage.removeItem(key);
  });
  setUpOverlay();
  if (window.EventSource) {
    var events = new EventSource("/__bayan/events");
    events.addEventListener("hello", follow);
    events.addEventListener("reload", follow);
  }
})();
