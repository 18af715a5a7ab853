/* The handbook's small browser features. Everything stays in this browser (localStorage);
   nothing is sent anywhere. Without JavaScript every page still works. */
(function () {
  "use strict";

  var read = window.handbookStorage.read;     // storage.js, loaded first: the keys are named in storage.yml
  var write = window.handbookStorage.write;

  function siteBase() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return base.replace(/\/?$/, "/");
  }

  /* --- Your state ------------------------------------------------------------------- */

  function chooseState(code, name, path) {
    write("state", code ? { code: code, name: name, path: path } : null);
    showYourState();
  }

  /* The reader's state card: a copy of the hidden <template> for that state, or nothing. */
  function showStateCard(chosen) {
    document.querySelectorAll("[data-your-state-card]").forEach(function (slot) {
      var template = chosen && Array.prototype.find.call(
        document.querySelectorAll(".state-card-templates template[data-state]"),
        function (candidate) { return candidate.dataset.state === chosen.code; });
      slot.textContent = "";
      if (template) slot.appendChild(template.content.cloneNode(true));
      slot.hidden = !template;
    });
  }

  /* Chapters' state notes and the states table: the chosen state first, and marked. */
  function markStateEntries(chosen) {
    document.querySelectorAll("li[data-state], tr[data-state]").forEach(function (entry) {
      var mine = Boolean(chosen) && entry.dataset.state === chosen.code;
      var label = entry.querySelector(".your-state-label");
      entry.classList.toggle("is-your-state", mine);
      if (mine && !label) {
        label = document.createElement("strong");
        label.className = "your-state-label";
        label.textContent = "Your state: ";
        var holder = entry.querySelector("th") || entry;
        holder.insertBefore(label, holder.firstChild);
      } else if (!mine && label) {
        label.remove();
      }
      if (mine && entry.closest(".state-notes")) entry.parentNode.insertBefore(entry, entry.parentNode.firstChild);
    });
    document.querySelectorAll(".state-card-links li[data-state]").forEach(function (entry) {
      var mine = Boolean(chosen) && entry.dataset.state === chosen.code;
      if (mine) entry.parentNode.insertBefore(entry, entry.parentNode.firstChild);
    });
  }

  function showYourState() {
    var chosen = read("state", null);
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
    showStateCard(chosen);
    markStateEntries(chosen);
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

  /* --- Chapters read ------------------------------------------------------------------ */
  /* A chapter counts as read once its end has been on screen; the onboarding path shows it. */

  function setUpReading() {
    var match = /\/chapters\/([a-z0-9-]+)(?:\/|\.html)/.exec(window.location.pathname);
    var article = document.querySelector("article.md-content__inner");
    if (!match || match[1] === "index" || !article || !article.lastElementChild) return;
    if (!("IntersectionObserver" in window)) return;
    var observer = new IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      var reading = read("read", {});   // chapter slug -> the date the reader reached its end
      if (!reading[match[1]]) {
        reading[match[1]] = new Date().toISOString().slice(0, 10);
        write("read", reading);
      }
      observer.disconnect();
    });
    observer.observe(article.lastElementChild);
  }

  function start() {
    setUpStateChoice();
    setUpReading();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
