/* The handbook's small browser features. Everything stays in this browser (localStorage);
   nothing is sent anywhere. Without JavaScript every page still works. */
(function () {
  "use strict";

  var STATE_KEY = "handbook.state";
  var PROGRESS_KEY = "handbook.progress";

  function read(key, fallback) {
    try {
      var value = window.localStorage.getItem(key);
      return value ? JSON.parse(value) : fallback;
    } catch (error) {
      return fallback;
    }
  }

  function write(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      /* Storage can be off (private mode, file:// in some browsers): the page still works. */
    }
  }

  function siteBase() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return base.replace(/\/?$/, "/");
  }

  /* --- Your state ------------------------------------------------------------------- */

  function chooseState(code, name, path) {
    write(STATE_KEY, code ? { code: code, name: name, path: path } : null);
    showYourState();
  }

  function showYourState() {
    var chosen = read(STATE_KEY, null);
    document.querySelectorAll("[data-your-state]").forEach(function (box) {
      var text = box.querySelector("[data-your-state-text]");
      var link = box.querySelector("[data-your-state-link]");
      if (!chosen) return;
      text.textContent = "Your state: " + chosen.name + ".";
      link.textContent = "See " + chosen.name + "'s rules";
      link.setAttribute("href", siteBase() + chosen.path);
    });
    document.querySelectorAll("[data-state-chooser]").forEach(function (form) {
      var select = form.querySelector("select");
      var status = form.querySelector("[role=status]");
      if (chosen) select.value = chosen.code;
      status.textContent = chosen ? "Remembered: " + chosen.name + "." : "";
    });
  }

  function setUpStateChoice() {
    document.querySelectorAll("[data-state-chooser]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var option = form.querySelector("select").selectedOptions[0];
        if (option && option.value) {
          chooseState(option.value, option.dataset.stateName, option.dataset.statePath);
        }
      });
      form.querySelector("[data-state-forget]").addEventListener("click", function () {
        chooseState(null);
      });
    });
    document.querySelectorAll(".choose-state").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        chooseState(button.dataset.stateCode, button.dataset.stateName, button.dataset.statePath);
        button.textContent = button.dataset.stateName + " is now your state";
      });
    });
    showYourState();
  }

  /* --- Self-checks -------------------------------------------------------------------- */

  function setUpSelfChecks() {
    document.querySelectorAll("form.self-check").forEach(function (form) {
      var feedback = form.querySelector(".self-check__feedback");
      form.addEventListener("change", function (event) {
        var right = event.target.value === form.dataset.answer;
        feedback.textContent = right
          ? "Right. Open the answer to read why."
          : "Not quite. Try again, or open the answer to read why.";
        feedback.className = "self-check__feedback " + (right ? "is-right" : "is-wrong");
      });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
    });
  }

  /* --- Progress ticks ------------------------------------------------------------------ */

  function setUpProgress() {
    var boxes = document.querySelectorAll("[data-progress-key]");
    var summary = document.querySelector("[data-progress-summary]");
    function update() {
      if (!summary) return;
      var done = read(PROGRESS_KEY, {});
      var ticked = Array.prototype.filter.call(boxes, function (box) { return done[box.dataset.progressKey]; });
      summary.textContent = "You have ticked " + ticked.length + " of " + boxes.length +
        " on this page. Ticks stay in this browser only.";
    }
    boxes.forEach(function (box) {
      box.checked = Boolean(read(PROGRESS_KEY, {})[box.dataset.progressKey]);
      box.addEventListener("change", function () {
        var done = read(PROGRESS_KEY, {});
        if (box.checked) done[box.dataset.progressKey] = true;
        else delete done[box.dataset.progressKey];
        write(PROGRESS_KEY, done);
        update();
      });
    });
    document.querySelectorAll("[data-progress-reset]").forEach(function (button) {
      button.addEventListener("click", function () {
        write(PROGRESS_KEY, null);
        boxes.forEach(function (box) { box.checked = false; });
        update();
      });
    });
    update();
  }

  function start() {
    setUpStateChoice();
    setUpSelfChecks();
    setUpProgress();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
