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

  /* Shared with onboarding.js, which loads after this file. */
  window.handbookStorage = { read: read, write: write };

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

  /* --- Search that forgives spelling ---------------------------------------------------- */

  /* Spellings officers type for words the handbook writes another way. */
  var SEARCH_VARIANTS = {
    deescalate: "de-escalate", deescalation: "de-escalation", deescalating: "de-escalating",
    deescalated: "de-escalated", descalate: "de-escalate", descalation: "de-escalation",
    checkin: "check-in", followup: "follow-up", walkthrough: "walk-through",
    licence: "license", licenced: "licensed", licences: "licenses"
  };
  var EXACT_BOOST = 10;   // a whole word typed outranks words it only starts
  var FUZZY_MIN_LENGTH = 6;   // shorter words get no fuzzy twin: "guard~1" would find "card"
  /* Words the index leaves out; typed in a query they only match the starts of other words
     ("in" finds "Indiana"), so they are dropped when the query has other words. */
  var STOP_WORDS = ("a an and are as at be but by can for from had has have he her his him how i if in " +
    "into is it its me my no not of on or our she so than that the their them then there they this " +
    "to too us was we were what when where which who why will with you your").split(" ");

  function fuzzyTwins(word) {
    if (!/^[a-z]+$/.test(word) || word.length < FUZZY_MIN_LENGTH) return [];
    var twins = [word];
    [word.replace(/(ing|ed|es|s)$/, ""), word.replace(/d$/, "")].forEach(function (stem) {
      if (stem !== word && stem.length >= FUZZY_MIN_LENGTH && twins.indexOf(stem) < 0) twins.push(stem);
    });
    return twins.map(function (twin) { return twin + "~1"; });
  }

  /* The query Material's search receives: each word as typed (hyphenated words split as the
     index splits them, stop words dropped), its known variant, and for words of six letters
     or more a fuzzy twin that also matches one slip (lunr's "~1"), also without an -s, -ed
     or -ing ending, since the index keeps whole words. */
  function forgivingQuery(query) {
    var words = query.replace(/(\w)-(?=\w)/g, "$1 ").split(/\s+/).filter(Boolean);
    var kept = words.filter(function (word) { return STOP_WORDS.indexOf(word.toLowerCase()) < 0; });
    return (kept.length ? kept : words).map(function (word) {
      var plain = word.toLowerCase();
      var parts = /^[a-z0-9]+$/.test(plain) ? [plain + "^" + EXACT_BOOST, word] : [word];
      if (Object.prototype.hasOwnProperty.call(SEARCH_VARIANTS, plain)) parts.push(SEARCH_VARIANTS[plain]);
      return parts.concat(fuzzyTwins(plain)).join(" ");
    }).join(" ");
  }

  /* Material's search runs in a worker (an iframe from file://); its query message is
     {type: 2, data: "the query"}. Rewrite that one message on its way in. */
  function setUpForgivingSearch() {
    var Worker = window.Worker;
    if (!Worker || !Worker.prototype || Worker.prototype.postMessage.handbookForgiving) return;
    var post = Worker.prototype.postMessage;
    var patched = function (message) {
      var args = Array.prototype.slice.call(arguments);
      if (message && message.type === 2 && typeof message.data === "string" && !/[~^:+"*]/.test(message.data)) {
        args[0] = { type: 2, data: forgivingQuery(message.data) };
      }
      return post.apply(this, args);
    };
    patched.handbookForgiving = true;
    Worker.prototype.postMessage = patched;
  }
  window.handbookForgivingQuery = forgivingQuery;

  setUpForgivingSearch();   // before the first query; the search box waits for its index

  /* --- Chapters read ------------------------------------------------------------------ */
  /* A chapter counts as read once its end has been on screen; the onboarding path shows it. */

  var READ_KEY = "handbook.read";   // chapter slug -> the date the reader reached the chapter's end

  function setUpReading() {
    var match = /\/chapters\/([a-z0-9-]+)(?:\/|\.html)/.exec(window.location.pathname);
    var article = document.querySelector("article.md-content__inner");
    if (!match || match[1] === "index" || !article || !article.lastElementChild) return;
    if (!("IntersectionObserver" in window)) return;
    var observer = new IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      var reading = read(READ_KEY, {});
      if (!reading[match[1]]) {
        reading[match[1]] = new Date().toISOString().slice(0, 10);
        write(READ_KEY, reading);
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
