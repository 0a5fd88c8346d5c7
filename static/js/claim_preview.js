// The claim form's live per diem: as the member changes the dates, distances or free meals, ask the server
// (claim_allowance_preview, the same rules as a saved claim) and show its answer in the aria-live region.
// Without JavaScript the "Calculate the per diem" button does the same with a full page.
(function () {
  "use strict";
  var form = document.getElementById("trip-form");
  if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) {
    return;
  }
  var url = form.getAttribute("data-preview-url");
  var timer = null;
  var latest = 0;

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (key !== "csrfmiddlewaretoken" && typeof value === "string") {
        params.append(key, value);
      }
    });
    return params.toString();
  }

  function refresh() {
    var asked = ++latest;
    fetch(url + "?" + query(), { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null || asked !== latest) {
          return; // a newer answer is on its way
        }
        var answer = new DOMParser().parseFromString(html, "text/html");
        var days = document.getElementById("trip-days");
        var newDays = answer.getElementById("trip-days");
        // The free-meals fields are replaced only when the dates give other travel days, so focus stays put.
        if (days && newDays && days.getAttribute("data-key") !== newDays.getAttribute("data-key")) {
          days.replaceWith(document.importNode(newDays, true));
        }
        var live = document.getElementById("allowance-preview");
        var newLive = answer.getElementById("allowance-preview");
        if (live && newLive) {
          live.innerHTML = newLive.innerHTML;
        }
      })
      .catch(function () {
        // The page still works: the "Calculate the per diem" button asks the server the same.
      });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  }

  form.addEventListener("change", later);
  form.addEventListener("input", later);
})();
