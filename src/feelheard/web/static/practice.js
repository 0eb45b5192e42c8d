/* feelheard Practice: say that the reply is being read, and avoid a double send. No inline code (CSP).
   Without JavaScript the forms work as plain posts. */
(function () {
  "use strict";

  function setUp() {
    var forms = document.querySelectorAll("#practice-reply, #reversal[method=post]");
    for (var i = 0; i < forms.length; i++) {
      forms[i].addEventListener("submit", function (event) {
        var form = event.currentTarget;
        var button = form.querySelector("button[type=submit]");
        var status = form.querySelector("[role=status]");
        if (status) { status.textContent = "Reading your reply…"; }
        // Disabled after this tick so the browser still sends the form.
        if (button) { window.setTimeout(function () { button.disabled = true; }, 0); }
      });
    }
    if (window.location.hash === "#feedback") {
      var feedback = document.getElementById("feedback");
      // Bring the notes on the reply into view and tell screen readers they arrived.
      if (feedback) { feedback.focus({ preventScroll: false }); }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
