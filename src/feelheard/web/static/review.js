/* feelheard Chat review: say that a long chat takes a while, and load the report's charts into their frame.
   No inline code (CSP). Without JavaScript the same buttons work as plain form posts. */
(function () {
  "use strict";

  function setUp() {
    var form = document.getElementById("review-form");
    var status = document.getElementById("review-status");
    var submit = document.getElementById("review-submit");
    if (form && status && submit) {
      form.addEventListener("submit", function () {
        status.textContent = "Reading your chat… a long one can take a few minutes.";
        // Disabled after this tick so the browser still sends the form.
        window.setTimeout(function () { submit.disabled = true; }, 0);
      });
    }
    var title = document.getElementById("review-title");
    if (title) {
      // The results sit below the form: bring them into view and tell screen readers they arrived.
      title.setAttribute("tabindex", "-1");
      title.focus();
    }
    var report = document.getElementById("report-form");
    var show = document.getElementById("report-show");
    if (report && show && report.hasAttribute("data-auto-show") && report.requestSubmit) {
      report.requestSubmit(show);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
