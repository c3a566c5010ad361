/* Small enhancements to the server-rendered forms. Every form works without them.
   No inline script anywhere: this file is the only script of the pages. */
(function () {
  "use strict";

  /* The error summary (templates/_error_summary.html): take focus when the page loads,
     so a screen reader reads the problems and a keyboard user starts from them; a
     link in it moves focus to its field, opening a folded section on the way. */
  function errorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) {
        return;
      }
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) {
        return;
      }
      event.preventDefault();
      var folded = field.closest("details");
      if (folded) {
        folded.open = true;
      }
      var group = field.closest("fieldset");
      var caption = group ? group.querySelector("legend") : document.querySelector("label[for='" + field.id + "']");
      (caption || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  /* A note's kind follows its date until the person chooses one: before the letter was
     sent it previewed the letter, on the day it accompanied it, after it followed up.
     The kinds come from the form (data-kind-before, -on, -after), the rule's one home
     being NoteKind.for_date in engagements/models.py. */
  function noteKindFollowsDate() {
    document.querySelectorAll("[data-sent-on]").forEach(function (form) {
      var sentOn = form.getAttribute("data-sent-on");
      var date = form.querySelector("input[type='date'][name='noted_on']");
      var kind = form.querySelector("select[name='kind']");
      if (!date || !kind) {
        return;
      }
      var chosen = false;
      kind.addEventListener("change", function () {
        chosen = true;
      });
      date.addEventListener("change", function () {
        if (chosen || !/^\d{4}-\d{2}-\d{2}$/.test(date.value)) {
          return;
        }
        var which = date.value < sentOn ? "before" : date.value === sentOn ? "on" : "after";
        kind.value = form.getAttribute("data-kind-" + which);
      });
    });
  }

  function start() {
    errorSummary();
    noteKindFollowsDate();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
