// Shows a dialogue's time in the reader's own time zone beside the Geneva time, when
// the browser's zone differs from Geneva's (the page states the Geneva time without it).
(function () {
  "use strict";
  document.querySelectorAll("[data-local-time]").forEach(function (element) {
    var instant = new Date(element.getAttribute("data-local-time"));
    if (isNaN(instant.getTime())) { return; }
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === "Europe/Zurich" || zone === "Europe/Geneva") { return; }
    var lang = document.documentElement.lang || undefined;
    var text = new Intl.DateTimeFormat(lang, {
      dateStyle: "medium", timeStyle: "short", timeZone: zone, timeZoneName: "short"
    }).format(instant);
    element.textContent = " · " + element.getAttribute("data-local-label") + ": " + text;
    element.hidden = false;
  });
})();
