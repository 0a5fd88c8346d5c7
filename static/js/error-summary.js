// A form's error summary (templates/bootstrap5/errors.html): focus it after a failed submit, and let each of its
// links take the keyboard to the field it names with the field's label in view, as the GOV.UK error summary does.
(function () {
  "use strict";
  if (window.digitutorErrorSummary) {
    return; // the script is included once per form with errors
  }
  window.digitutorErrorSummary = true;

  function fieldOf(link) {
    var id = decodeURIComponent(link.hash.slice(1));
    return id ? document.getElementById(id) : null;
  }

  function goToField(event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && fieldOf(link);
    if (!field) {
      return;
    }
    event.preventDefault();
    var label = document.querySelector("label[for='" + CSS.escape(field.id) + "']");
    var group = field.closest("fieldset") || label || field;
    group.scrollIntoView();
    field.focus({ preventScroll: true });
  }

  function start() {
    var summaries = document.querySelectorAll("[data-error-summary]");
    summaries.forEach(function (summary) {
      summary.addEventListener("click", goToField);
    });
    if (summaries.length && !summaries[0].contains(document.activeElement)) {
      summaries[0].focus();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
