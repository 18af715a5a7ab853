/* The onboarding course in a learning management system (SCORM 1.2). This page is the course's one SCO: it finds
   the LMS's API, shows the handbook's pages in a frame, and reports what the trainee does there.

   The pages keep progress in localStorage (handbook.js, onboarding.js); this page, on the same origin, hears
   each change (the "storage" event) and reports it: ticks, chapters read and self-check answers go into
   cmi.suspend_data, so a relaunch on any device resumes; each question's first checked answer becomes one
   cmi.interactions.n, and the first tries make the score. The status is "incomplete" until every question has
   a first answer, then "passed" or "failed" against the mastery score. What trainees write in drills stays on
   their device: it could outgrow the 4,096 characters SCORM 1.2 keeps. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("course-data").textContent);
  var frame = document.getElementById("course-frame");
  var statusLine = document.getElementById("course-status");
  var finishButton = document.getElementById("course-finish");

  // What suspend_data carries: the short name of each localStorage key the pages use.
  var KEPT = { p: "handbook.progress", c: "handbook.checked", a: "handbook.attempts", r: "handbook.read" };
  var DEVICE_ONLY = ["handbook.drill-notes"];
  var LOCATION = /^(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_.-]+\.html(?:#[A-Za-z0-9_-]*)?$/;   // a page of this package

  var api = findApi();
  var started = Date.now();
  var firsts = {};        // question id -> the first checked choice, as recorded; never changes once set
  var finished = false;
  var mastery = data.mastery_score;

  /* --- Finding the LMS: the SCORM 1.2 way, up the parents, then the opener and its parents ---------------- */

  function apiAbove(win) {
    for (var hops = 0; win && hops < 500; hops += 1) {
      try {
        if (win.API) return win.API;
      } catch (error) {
        return null;   // a window of another origin: the API cannot be there
      }
      if (win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  function findApi() {
    var found = apiAbove(window);
    if (!found && window.opener) found = apiAbove(window.opener);
    return found;
  }

  /* --- Talking to it ---------------------------------------------------------------------------------- */

  function get(element) { return String(api.LMSGetValue(element) || ""); }

  function set(element, value) { api.LMSSetValue(element, String(value)); }

  function read(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "{}") || {}; } catch (error) { return {}; }
  }

  function write(key, value) {
    if (value && Object.keys(value).length) window.localStorage.setItem(key, JSON.stringify(value));
    else window.localStorage.removeItem(key);
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function timespan(ms) {   // CMITimespan, HHHH:MM:SS.SS
    var seconds = Math.floor(ms / 1000);
    var hours = Math.floor(seconds / 3600);
    return two(Math.min(hours, 9999)) + ":" + two(Math.floor(seconds / 60) % 60) + ":" + two(seconds % 60) + ".00";
  }

  function clock() {        // CMITime, HH:MM:SS
    var now = new Date();
    return two(now.getHours()) + ":" + two(now.getMinutes()) + ":" + two(now.getSeconds());
  }

  /* --- The trainee's progress: from suspend_data into the pages' storage, and back ----------------------- */

  function restore(saved) {
    Object.keys(KEPT).forEach(function (short) { window.localStorage.removeItem(KEPT[short]); });
    var state = {};
    try { state = saved ? JSON.parse(saved) : {}; } catch (error) { state = {}; }
    if (!saved) DEVICE_ONLY.forEach(function (key) { window.localStorage.removeItem(key); });   // a new attempt
    var checked = {};
    Object.keys(state.c || {}).forEach(function (id) {   // "id": first choice, then this attempt's ("bc", "b-")
      var pair = String(state.c[id]);
      firsts[id] = pair.charAt(0);
      checked[id] = { first: pair.charAt(0) };
      if (pair.charAt(1) && pair.charAt(1) !== "-") checked[id].now = pair.charAt(1);
    });
    write(KEPT.c, checked);
    write(KEPT.p, state.p);
    write(KEPT.a, state.a);
    write(KEPT.r, state.r);
  }

  function snapshot() {
    var checked = read(KEPT.c);
    var compact = {};
    Object.keys(firsts).forEach(function (id) {
      compact[id] = firsts[id] + ((checked[id] && checked[id].now) || "-");
    });
    return JSON.stringify({ p: read(KEPT.p), c: compact, a: read(KEPT.a), r: read(KEPT.r) });
  }

  /* --- Reporting ----------------------------------------------------------------------------------- */

  function report() {
    if (!api || finished) return;
    var checked = read(KEPT.c);
    var right = 0;
    var answered = 0;
    data.questions.forEach(function (question) {
      var entry = checked[question.id];
      if (!firsts[question.id] && entry && entry.first) {
        firsts[question.id] = entry.first;
        var n = "cmi.interactions." + (Number(get("cmi.interactions._count")) || 0) + ".";
        set(n + "id", question.id);
        set(n + "type", "choice");
        set(n + "time", clock());
        set(n + "correct_responses.0.pattern", question.answer);
        set(n + "student_response", entry.first);
        set(n + "result", entry.first === question.answer ? "correct" : "wrong");
      }
      if (!firsts[question.id]) return;
      answered += 1;
      if (firsts[question.id] === question.answer) right += 1;
    });
    var total = data.questions.length;
    var score = Math.round((100 * right) / total);
    var status = answered < total ? "incomplete" : score >= mastery ? "passed" : "failed";
    if (answered) {
      set("cmi.core.score.min", 0);
      set("cmi.core.score.max", 100);
      set("cmi.core.score.raw", score);
    }
    set("cmi.core.lesson_status", status);
    set("cmi.suspend_data", snapshot());
    api.LMSCommit("");
    show(status, answered, total, score);
  }

  function show(status, answered, total, score) {
    var text = answered + " of " + total + " self-check questions answered";
    if (status === "passed") text = "Passed: " + score + "% right at the first try (pass mark " + mastery + "%)";
    if (status === "failed") text = "Not passed: " + score + "% right at the first try (pass mark " + mastery + "%). Talk to your trainer";
    statusLine.textContent = text + ". Your learning system records your progress.";
  }

  function whereNow() {
    try {
      var base = window.location.href.replace(/[^/]*([?#].*)?$/, "");
      var here = frame.contentWindow.location.href;
      return here.indexOf(base) === 0 ? here.slice(base.length) : "";
    } catch (error) {
      return "";
    }
  }

  function finish() {
    if (!api || finished) return;
    report();
    var done = get("cmi.core.lesson_status") === "passed" || get("cmi.core.lesson_status") === "failed";
    set("cmi.core.session_time", timespan(Date.now() - started));
    set("cmi.core.exit", done ? "" : "suspend");
    api.LMSCommit("");
    api.LMSFinish("");
    finished = true;
    finishButton.disabled = true;
    statusLine.textContent = "Your progress is saved. You can close this window.";
  }

  /* --- Start ---------------------------------------------------------------------------------------- */

  function start() {
    var location = "";
    if (api && String(api.LMSInitialize("")) === "true") {
      window.handbookCourse = { recording: true };   // the pages say their progress goes to the LMS
      var lmsMastery = get("cmi.student_data.mastery_score");
      if (/^\d+(\.\d+)?$/.test(lmsMastery)) mastery = Number(lmsMastery);
      restore(get("cmi.suspend_data"));
      location = get("cmi.core.lesson_location");
      var status = get("cmi.core.lesson_status");
      if (status === "not attempted" || status === "") set("cmi.core.lesson_status", "incomplete");
      report();
      window.addEventListener("storage", function (event) {
        if (!event.key || event.key.indexOf("handbook.") === 0) report();
      });
      frame.addEventListener("load", function () {
        var here = whereNow();
        if (!finished && LOCATION.test(here)) {
          set("cmi.core.lesson_location", here);
          api.LMSCommit("");
        }
      });
      finishButton.hidden = false;
      finishButton.addEventListener("click", finish);
      window.addEventListener("pagehide", finish);
      window.addEventListener("beforeunload", finish);
    } else {
      api = null;
      statusLine.textContent = "No learning system found: nothing is recorded. The handbook works as usual.";
    }
    frame.src = LOCATION.test(location) && location.indexOf("..") < 0 ? location : data.start;
  }

  start();
})();
