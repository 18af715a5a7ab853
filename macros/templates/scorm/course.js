/* The onboarding course in a learning management system (SCORM 1.2). This page is the course's one SCO: it finds
   the LMS's API, shows the handbook's pages in a frame, and reports what the trainee does there.

   The pages keep progress in localStorage (handbook.js, onboarding.js); this page, on the same origin, hears each
   change (the "storage" event) and reports it. Ticks, chapters read and self-check answers go into
   cmi.suspend_data (suspend-data.js), so a relaunch on any device resumes; each question's first checked answer
   becomes one cmi.interactions.n; the status is "incomplete" until every question has a first answer, then
   "passed" or "failed" against the mastery score, sent with the first-try score. What trainees write in drills
   stays on their device.

   What an LMS makes of it should not depend on the LMS, so the course:
   - sends the score only with a final status: an LMS that judges a raw score against the mastery score at
     LMSFinish (Moodle) then leaves a half-done attempt "incomplete";
   - never reports a status below "passed" once the LMS holds it, nor "incomplete" after "failed";
   - counts the interactions it writes itself (kept in suspend_data) and uses the larger of that count and
     cmi.interactions._count, which some LMSs leave empty;
   - sends a value only when it changes, and commits after an answer, on a page change and at the end;
   - checks every call, and when the LMS refuses one, stops sending and tells the trainee, with the LMS's own
     error code and words, that what they do is no longer recorded. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("course-data").textContent);
  var layout = data.layout;
  var frame = document.getElementById("course-frame");
  var statusLine = document.getElementById("course-status");
  var finishButton = document.getElementById("course-finish");

  // The pages' storage (storage.js, with the keys of storage.yml): the names whose contents suspend_data carries
  // (checked, attempts, progress, read), and those it never carries.
  var storage = window.handbookStorage;
  var LOCATION = /^(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_.-]+\.html(?:#[A-Za-z0-9_-]*)?$/;   // a page of this package
  var FINAL = { passed: true, failed: true };
  var STATUS = "cmi.core.lesson_status";

  var lms = null;          // the LMS's API, once a session is open
  var endCall = "";        // "LMSFinish", or "LMSTerminate" where an LMS offers only that
  var recording = false;   // a session is open and the LMS has accepted everything sent
  var held = {};           // element -> the value the LMS holds (read at the start, or set since)
  var unsaved = false;     // values set since the last commit
  var written = 0;         // interactions written in this attempt
  var firsts = {};         // question id -> its first checked choice, as reported
  var lastNow = {};        // question id -> this attempt's choice at the last report: a change is an answer
  var mastery = data.mastery_score;
  var notice = "";         // said before the progress, e.g. that earlier progress could not be restored
  var started = Date.now();
  var timer = null;
  var finished = false;

  function tell(text) { statusLine.textContent = text; }

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

  function usable(api) {
    return ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit"].every(function (name) {
      return typeof api[name] === "function";
    });
  }

  /* --- Talking to it: every call checked ------------------------------------------------------------------ */

  function lastError() {
    var error = { code: "", text: "" };
    try { error.code = String(lms.LMSGetLastError()); } catch (ignored) { return error; }
    if (error.code && error.code !== "0") {
      try { error.text = String(lms.LMSGetErrorString(error.code) || ""); } catch (ignored) { /* no words */ }
    }
    return error;
  }

  function call(name, args) {   // {ok, value, error}
    var value;
    try {
      value = lms[name].apply(lms, args);
    } catch (thrown) {
      return { ok: false, value: "", error: { thrown: String((thrown && thrown.message) || thrown) } };
    }
    value = value === undefined || value === null ? "" : String(value);
    if (name === "LMSGetValue") {
      var error = lastError();
      return { ok: !error.code || error.code === "0", value: value, error: error };
    }
    return value === "true" ? { ok: true, value: value } : { ok: false, value: value, error: lastError() };
  }

  function why(error) {
    if (error.thrown) return "its connection failed: " + error.thrown;
    if (!error.code || error.code === "0") return "it gave no reason";
    return "error " + error.code + (error.text ? ": " + error.text : "");
  }

  function get(element) {   // the LMS's value, or "" when it has none to give
    var done = call("LMSGetValue", [element]);
    return done.ok ? done.value : "";
  }

  function set(element, value) {
    value = String(value);
    if (!recording) return false;
    if (held[element] === value) return true;
    var done = call("LMSSetValue", [element, value]);
    if (!done.ok) return stop(done.error);
    held[element] = value;
    unsaved = true;
    return true;
  }

  function commit() {
    if (!recording || !unsaved) return recording;
    var done = call("LMSCommit", [""]);
    if (!done.ok) return stop(done.error);
    unsaved = false;
    return true;
  }

  /* The LMS refused something: send nothing more, and say so here and on the pages (they read window.handbookCourse
     as they load, so the page in the frame loads again). */
  function stop(error) {
    recording = false;
    try { delete window.handbookCourse; } catch (ignored) { window.handbookCourse = undefined; }
    tell("Your learning system refused to record your progress (" + why(error) + "). This course has stopped " +
         "sending it, so what you do now is not recorded. Tell your trainer.");
    if (!finished) {
      try { frame.contentWindow.location.reload(); } catch (ignored) { /* no page yet */ }
    }
    return false;
  }

  /* --- The trainee's progress: the pages' storage, and the record in suspend_data ---------------------------- */

  // Storage off: the pages start empty.
  function writeKey(name, value) { storage.write(name, value && Object.keys(value).length ? value : null); }

  function readState() {
    var state = {};
    storage.course.forEach(function (name) { state[name] = storage.read(name, {}); });
    return state;
  }

  function restore(saved) {
    var record = window.SuspendData.decode(layout, saved);
    storage.course.forEach(function (name) { writeKey(name, record.state[name]); });
    if (record.found === "none") {   // a new attempt: nothing of an earlier trainee's on this device
      storage.deviceOnly.forEach(function (name) { storage.write(name, null); });
    }
    if (record.found === "unreadable") {
      notice = "Your earlier ticks and answers were kept by another version of this course and could not be " +
               "restored here; your learning system keeps your status and score. ";
    }
    Object.keys(record.state.checked).forEach(function (id) {
      firsts[id] = record.state.checked[id].first;
      lastNow[id] = record.state.checked[id].now;
    });
    return record.written;
  }

  /* --- Reporting ------------------------------------------------------------------------------------------ */

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function timespan(ms) {   // CMITimespan, HHHH:MM:SS.SS
    var seconds = Math.floor(ms / 1000);
    return two(Math.min(Math.floor(seconds / 3600), 9999)) + ":" + two(Math.floor(seconds / 60) % 60) + ":" +
      two(seconds % 60) + ".00";
  }

  function clock() {        // CMITime, HH:MM:SS
    var now = new Date();
    return two(now.getHours()) + ":" + two(now.getMinutes()) + ":" + two(now.getSeconds());
  }

  function interaction(question, choice) {
    var n = "cmi.interactions." + written + ".";
    var sent = set(n + "id", question.id) && set(n + "type", "choice") && set(n + "time", clock()) &&
      set(n + "correct_responses.0.pattern", question.answer) && set(n + "student_response", choice) &&
      set(n + "result", choice === question.answer ? "correct" : "wrong");
    if (sent) written += 1;
    return sent;
  }

  function report(pageChanged) {
    if (!recording) return;
    var state = readState();
    var answered = 0;
    var right = 0;
    var newAnswer = false;
    var passed = held[STATUS] === "passed";   // the record is final: nothing more is sent of the self-checks
    data.questions.forEach(function (question) {
      var entry = state.checked[question.id] || {};
      if (entry.now && entry.now !== lastNow[question.id]) newAnswer = true;
      lastNow[question.id] = entry.now;
      if (!firsts[question.id] && entry.first) {
        if (!passed && !interaction(question, entry.first)) return;
        firsts[question.id] = entry.first;
      }
      if (!firsts[question.id]) return;
      answered += 1;
      if (firsts[question.id] === question.answer) right += 1;
    });
    if (!recording) return;
    var total = data.questions.length;
    var score = Math.round((100 * right) / total);
    var status = answered < total ? "incomplete" : score >= mastery ? "passed" : "failed";
    if (!passed && FINAL[status]) {
      if (!(set("cmi.core.score.min", 0) && set("cmi.core.score.max", 100) && set("cmi.core.score.raw", score) &&
            set(STATUS, status))) return;
    } else if (!passed && !FINAL[held[STATUS]] && !set(STATUS, "incomplete")) {
      return;
    }
    if (!set("cmi.suspend_data", window.SuspendData.encode(layout, state, written))) return;
    if ((newAnswer || pageChanged) && !commit()) return;
    show(answered, total);
  }

  function show(answered, total) {
    var status = held[STATUS];
    var raw = held["cmi.core.score.raw"];
    var text = answered + " of " + total + " self-check questions answered";
    var mark = " (pass mark " + mastery + "%)";
    if (status === "passed") text = "Passed" + (raw ? ": " + raw + "% right at the first try" : "") + mark;
    if (status === "failed") {
      text = "Not passed" + (raw ? ": " + raw + "% right at the first try" : "") + mark + ". Talk to your trainer";
    }
    tell(notice + text + ". Your learning system records your progress.");
  }

  function soon() {   // storage changes come in bursts (an answer, a new attempt): one report for each burst
    if (!timer) timer = window.setTimeout(function () { timer = null; report(false); }, 30);
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

  function pageShown() {
    if (!recording || finished) return;
    window.clearTimeout(timer);
    timer = null;
    var here = whereNow();
    if (LOCATION.test(here) && here.length <= 255 && !set("cmi.core.lesson_location", here)) return;
    report(true);
  }

  function finish() {
    if (finished) return;
    finished = true;
    window.clearTimeout(timer);
    finishButton.disabled = true;
    if (!lms) return;
    var wasRecording = recording;
    if (recording) {
      report(false);
      if (recording && set("cmi.core.session_time", timespan(Date.now() - started)) &&
          set("cmi.core.exit", FINAL[held[STATUS]] ? "" : "suspend")) commit();
    }
    var closed = endCall ? call(endCall, [""]) : { ok: true };
    if (!closed.ok) {
      tell("Your learning system did not close this session (" + why(closed.error) + "), so your last steps may " +
           "not be recorded. Tell your trainer.");
    } else if (recording) {
      tell("Your progress is saved. You can close this window.");
    } else if (!wasRecording) {
      tell(statusLine.textContent + " You can close this window.");
    }
    recording = false;
  }

  /* --- Start ---------------------------------------------------------------------------------------------- */

  function connect() {   // the page to open first, from the LMS's record
    var api = findApi();
    if (!api) {
      tell("No learning system found: nothing is recorded. The handbook works as usual.");
      return "";
    }
    if (!usable(api)) {
      tell("Your learning system's connection lacks calls this course needs, so nothing you do here is " +
           "recorded. The handbook works as usual: tell your trainer.");
      return "";
    }
    lms = api;
    endCall = typeof api.LMSFinish === "function" ? "LMSFinish"
      : typeof api.LMSTerminate === "function" ? "LMSTerminate" : "";
    var opened = call("LMSInitialize", [""]);
    if (!opened.ok) {
      lms = null;
      tell("Your learning system did not start this session (" + why(opened.error) + "), so nothing you do " +
           "here is recorded. The handbook works as usual: tell your trainer.");
      return "";
    }
    recording = true;
    window.handbookCourse = { recording: true };   // the pages say their progress goes to the LMS
    var lmsMastery = get("cmi.student_data.mastery_score");
    if (/^\d+(\.\d+)?$/.test(lmsMastery)) mastery = Number(lmsMastery);
    ["cmi.core.lesson_status", "cmi.core.lesson_location", "cmi.core.score.raw", "cmi.suspend_data"]
      .forEach(function (element) { held[element] = get(element); });
    held["cmi.core.exit"] = "";   // write-only, and "" in every new session
    written = Math.max(restore(held["cmi.suspend_data"]), Number(get("cmi.interactions._count")) || 0);
    report(false);
    window.addEventListener("storage", function (event) {
      if (!event.key || storage.owns(event.key)) soon();
    });
    frame.addEventListener("load", pageShown);
    finishButton.hidden = false;
    finishButton.addEventListener("click", finish);
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
    return held["cmi.core.lesson_location"];
  }

  function start() {
    var place = "";
    try {
      place = connect();
    } catch (error) {   // a fault of ours or of the LMS's: the handbook still opens, and the bar says so
      recording = false;
      tell("This course could not connect to your learning system (" + String((error && error.message) || error) +
           "), so nothing you do here is recorded. The handbook works as usual: tell your trainer.");
    }
    frame.src = LOCATION.test(place || "") && place.indexOf("..") < 0 ? place : data.start;
  }

  start();
})();
