/* The online edition saves itself for use with no signal: this script registers the service worker
   (sw.js, made by the build), shows how saving goes, and offers a newer build when one is ready.
   Workbox's window library (vendored) handles the worker's life cycle; it loads once the page has, so
   that saving never slows the first view. Nothing is sent anywhere. */
(function () {
  "use strict";

  var script = document.currentScript;
  var toast = document.querySelector("[data-offline-status]");
  var storage = window.handbookStorage;   // storage.js; "offline_ready": 1 once the reader was told

  var MESSAGES = {
    unsupported: "This browser cannot save the handbook for use with no signal. " +
      "On a computer, use the offline edition (zip) instead.",
    saving: toast ? toast.textContent.trim() : "Saving the handbook on this device for use with no signal…",
    ready: "✓ Ready offline: the whole handbook now opens with no signal. PDFs are saved once opened.",
    failed: "✗ The handbook could not be saved for use with no signal: {reason}. " +
      "It still works while you have a signal.",
    update: "A newer handbook is available."
  };

  /* Show a state in the status strip above the header and in every inline status (the Print and offline page). */
  function show(state, text, action) {
    document.querySelectorAll("[data-offline-status-text]").forEach(function (line) {
      line.textContent = text;
      line.dataset.state = state;
    });
    if (!toast) return;
    toast.dataset.state = state;
    toast.textContent = "";
    var words = document.createElement("span");
    words.textContent = text;
    toast.appendChild(words);
    if (action) toast.appendChild(action);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "offline-status__close";
    close.setAttribute("aria-label", "Close this message");
    close.textContent = "×";
    close.addEventListener("click", function () { toast.hidden = true; });
    toast.appendChild(close);
    toast.hidden = false;
  }

  // Storage off: the strip says "ready" again next time.
  function remember(name) { storage.write(name, 1); }

  function seen(name) { return storage.read(name, 0) === 1; }

  if (!("serviceWorker" in navigator) || !window.isSecureContext) {
    show("unsupported", MESSAGES.unsupported);
    if (toast) toast.hidden = true;   // said on the Print and offline page only
    return;
  }

  /* Register the worker and follow it: saving, saved, failed, or a newer build waiting. */
  function start() {
    var workerUrl = new URL(script.dataset.serviceWorker, window.location.href);
    var wb = new window.workbox.Workbox(workerUrl.href, { scope: new URL("./", workerUrl).pathname });
    var savingNow = false;
    // Once saved: the worker's last progress message can arrive after that on a busy phone, and must not put
    // "Saving..." back.
    var settled = false;

    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.source !== "handbook-sw") return;
      if (data.type === "saving" || data.type === "progress") {
        if (settled) return;
        savingNow = true;
        var count = data.type === "progress" ? " (" + data.saved + " of " + data.total + " files)" : "";
        show("saving", MESSAGES.saving + count);
      } else if (data.type === "failed") {
        show("failed", MESSAGES.failed.replace("{reason}", data.reason));
      }
    });

    wb.addEventListener("waiting", function () {
      var reload = document.createElement("button");
      reload.type = "button";
      reload.className = "md-button md-button--primary offline-status__reload";
      reload.textContent = "Reload";
      reload.addEventListener("click", function () {
        reload.disabled = true;
        wb.addEventListener("controlling", function () { window.location.reload(); });
        wb.messageSkipWaiting();
      });
      show("update", MESSAGES.update, reload);
    });

    wb.register().then(function (registration) {
      var installing = registration && registration.installing;
      if (installing) {
        installing.addEventListener("statechange", function () {
          // The worker's own message names the reason; say "stopped" only when none came.
          if (installing.state === "redundant" && !registration.active && !(toast && toast.dataset.state === "failed")) {
            show("failed", MESSAGES.failed.replace("{reason}", "saving stopped"));
          }
        });
      }
      return navigator.serviceWorker.ready;
    }).then(function () {
      settled = true;
      if (toast && toast.dataset.state === "update") return;
      show("ready", MESSAGES.ready);
      // The strip shows "ready" once, when saving has just finished, until the reader closes it (hiding it by
      // itself would move the page under the reader's eyes); the Print page always says it.
      if (toast && (!savingNow || seen("offline_ready"))) toast.hidden = true;
      remember("offline_ready");
    }).catch(function () {
      show("failed", MESSAGES.failed.replace("{reason}", "the browser refused to save it"));
    });
  }

  function loadWorkbox() {
    var tag = document.createElement("script");
    tag.src = script.dataset.workbox;
    tag.onload = start;
    tag.onerror = function () { show("failed", MESSAGES.failed.replace("{reason}", "a file could not be downloaded")); };
    document.head.appendChild(tag);
  }

  if (document.readyState === "complete") loadWorkbox();
  else window.addEventListener("load", loadWorkbox);
})();
