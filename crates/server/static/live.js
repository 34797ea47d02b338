// Tiến Độ: keeps the live parts of a page current without a reload. The
// server says over Server-Sent Events that something changed; every element
// with data-live="URL" then fetches its content again from URL (once for a
// burst of changes). EventSource reconnects by itself.
(function () {
  "use strict";
  var parts = document.querySelectorAll("[data-live]");
  if (!parts.length || !window.EventSource || !window.fetch) {
    return;
  }
  var waiting = null;
  // Someone typing in a part (a note) keeps it: try again a little later.
  function busy(part) {
    var active = document.activeElement;
    return active && active !== document.body && part.contains(active) &&
      (active.tagName === "TEXTAREA" || active.tagName === "INPUT" || active.tagName === "SELECT");
  }
  function refresh() {
    waiting = null;
    parts.forEach(function (part) {
      if (busy(part)) {
        if (waiting === null) {
          waiting = setTimeout(refresh, 2000);
        }
        return;
      }
      fetch(part.getAttribute("data-live"), {
        credentials: "same-origin",
        headers: { "Accept": "text/html" }
      }).then(function (res) {
        return res.ok ? res.text() : null;
      }).then(function (html) {
        if (html !== null) {
          part.innerHTML = html;
          part.setAttribute("data-refreshed", String(Date.now()));
        }
      }).catch(function () {});
    });
  }
  var source = new EventSource("/su-kien");
  source.addEventListener("change", function () {
    if (waiting === null) {
      waiting = setTimeout(refresh, 200);
    }
  });
})();
