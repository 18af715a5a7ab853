/* The handbook's small browser features. Everything stays in this browser (localStorage);
   nothing is sent anywhere. Without JavaScript every page still works. */
(function () {
  "use strict";

  var STATE_KEY = "handbook.state";

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

  function start() {
    setUpStateChoice();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
