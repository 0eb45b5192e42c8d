/* feelheard: live coaching as you type, copy, and the quick exit. No dependencies, no inline code (CSP). */
(function () {
  "use strict";

  var DEBOUNCE_MS = 450;

  /* Quick exit: leave at once, without leaving this page in the back history, and wipe what was typed. */
  function quickExit(event) {
    if (event) { event.preventDefault(); }
    var target = document.body.getAttribute("data-neutral-url") || "https://www.bbc.com/weather";
    try {
      var boxes = document.querySelectorAll("textarea, input[type=text]");
      for (var i = 0; i < boxes.length; i++) { boxes[i].value = ""; }
      var results = document.getElementById("results");
      if (results) { results.textContent = ""; }
      document.title = "Weather";
      if (window.sessionStorage) { window.sessionStorage.clear(); }
    } catch (e) { /* leaving matters more than tidying */ }
    window.location.replace(target);
  }

  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - lastEscape < 800) { quickExit(event); }
    lastEscape = now;
  });

  document.addEventListener("click", function (event) {
    var el = event.target;
    if (!(el instanceof Element)) { return; }
    var exit = el.closest("[data-quick-exit]");
    if (exit) { quickExit(event); return; }
    var copy = el.closest("[data-copy]");
    if (copy) { copyText(copy); return; }
    var use = el.closest("[data-use]");
    if (use) { useSuggestion(use); }
  });

  function statusNear(button, text) {
    var box = button.parentElement && button.parentElement.querySelector(".copy-status");
    if (box) { box.textContent = text; }
  }

  function copyText(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) { return; }
    var text = source.textContent || "";
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      statusNear(button, ok ? "Copied" : "Select the text to copy it");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { statusNear(button, "Copied"); }, fallback);
    } else {
      fallback();
    }
  }

  function useSuggestion(button) {
    var source = document.getElementById(button.getAttribute("data-use"));
    var reply = document.getElementById("reply");
    if (!source || !reply) { return; }
    reply.value = source.textContent || "";
    reply.focus();
    reply.dispatchEvent(new Event("input", { bubbles: true }));
  }

  /* Live analysis on the Coach page. Without JavaScript the form posts and the server renders the same panel. */
  function setUpCoach() {
    var form = document.getElementById("coach-form");
    var results = document.getElementById("results");
    if (!form || !results || !window.fetch) { return; }
    var partner = document.getElementById("partner");
    var reply = document.getElementById("reply");
    var status = document.getElementById("live-status");
    var url = form.getAttribute("data-results-url") || "/coach/results";
    var timer = null;
    var controller = null;
    var sequence = 0;

    function reveal() {
      var hidden = results.querySelectorAll("[data-copy][hidden], [data-use][hidden]");
      for (var i = 0; i < hidden.length; i++) { hidden[i].hidden = false; }
    }

    function update() {
      var mine = ++sequence;
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      results.setAttribute("aria-busy", "true");
      if (status) { status.textContent = "Reading…"; }
      fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "text/html" },
        body: JSON.stringify({ partner: partner.value, reply: reply.value }),
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("text/html") !== 0) { throw new Error("unexpected answer " + response.status); }
        return response.text();
      }).then(function (html) {
        if (mine !== sequence) { return; }
        // The fragment is rendered by our own server with every user string escaped.
        results.innerHTML = html;
        reveal();
        results.removeAttribute("aria-busy");
        var inner = results.querySelector("[data-summary]");
        if (status) { status.textContent = inner ? inner.getAttribute("data-summary") : ""; }
      }).catch(function (error) {
        if (error && error.name === "AbortError") { return; }
        results.removeAttribute("aria-busy");
        if (status) { status.textContent = "Couldn't update the notes just now. Press the button to try again."; }
      });
    }

    function schedule() {
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(update, DEBOUNCE_MS);
    }

    partner.addEventListener("input", schedule);
    reply.addEventListener("input", schedule);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (timer) { window.clearTimeout(timer); }
      update();
    });
    form.setAttribute("data-live", "on");
    reveal();
  }

  /* "Ask the LLM for another version" is a plain form post; say that it may take a moment, avoid a double send. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-llm-form")) { return; }
    var button = form.querySelector("button[type=submit]");
    var status = form.querySelector("[role=status]");
    if (status) { status.textContent = "Asking the LLM… this can take a little while."; }
    // Disabled after this tick so the browser still sends the form.
    if (button) { window.setTimeout(function () { button.disabled = true; }, 0); }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpCoach);
  } else {
    setUpCoach();
  }
})();
