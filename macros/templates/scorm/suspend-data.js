/* The trainee's progress as the course keeps it in cmi.suspend_data, which SCORM 1.2 caps at 4,096 characters.

   The record is position-coded against a layout the build writes into the launch page (macros/outputs/
   scorm_progress.py): the order of the questions, self-checks, ticks and chapters. Every record of a layout has
   the same length, so the build knows the worst case and refuses content that would outgrow the cap.

     "1"            the format
     4 characters   the layout's fingerprint: a record of another layout is not read as this one
     3 characters   the interactions the course has written in this attempt, base 36
     2 a question   its first checked choice and this attempt's ("-" for none)
     2 a self-check the attempt under way, base 36 (1 to 1,295)
     3 a tick       the day a step or drill was ticked, base 36 days since 2000-01-01 ("---" not ticked,
                    "000" ticked on a day not known)
     3 a chapter    the day it was read to its end, the same way

   Before this format the course kept a JSON object ({"p":..., "c":..., "a":..., "r":...}); such a record is still
   read. Drill notes are never kept: they stay on the trainee's device. */
(function () {
  "use strict";

  var FORMAT = "1";
  var DIGITS = 36;
  var EPOCH = Date.UTC(2000, 0, 1);
  var DAY = 24 * 60 * 60 * 1000;
  var MOST_ATTEMPTS = DIGITS * DIGITS - 1;
  var NOT_DONE = "---";
  var DAY_UNKNOWN = "000";

  function padded(number, width) {
    var text = Math.max(0, Math.floor(number)).toString(DIGITS);
    while (text.length < width) text = "0" + text;
    return text.slice(-width);
  }

  function day(value) {   // a date the pages keep ("2025-03-01"), or any other sign of done
    if (!value) return NOT_DONE;
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
    if (!parts) return DAY_UNKNOWN;
    var days = Math.round((Date.UTC(+parts[1], +parts[2] - 1, +parts[3]) - EPOCH) / DAY);
    return days >= 1 && days < Math.pow(DIGITS, 3) ? padded(days, 3) : DAY_UNKNOWN;
  }

  function unday(text) {
    if (text === NOT_DONE) return null;
    var days = parseInt(text, DIGITS);
    if (!days) return true;   // done, on a day not known: the pages show "done"
    return new Date(EPOCH + days * DAY).toISOString().slice(0, 10);
  }

  function choice(value) { return /^[a-z]$/.test(value || "") ? value : "-"; }

  /* state: the pages' storage ({checked, attempts, progress, read}); written: interactions written so far. */
  function encode(layout, state, written) {
    var checked = state.checked || {};
    var attempts = state.attempts || {};
    var progress = state.progress || {};
    var read = state.read || {};
    var parts = [FORMAT, layout.fingerprint, padded(Math.min(written || 0, Math.pow(DIGITS, 3) - 1), 3)];
    layout.questions.forEach(function (id) {
      var entry = checked[id] || {};
      parts.push(choice(entry.first) + (entry.first ? choice(entry.now) : "-"));
    });
    layout.quizzes.forEach(function (id) {
      parts.push(padded(Math.min(Math.max(Number(attempts[id]) || 1, 1), MOST_ATTEMPTS), 2));
    });
    layout.ticks.forEach(function (key) { parts.push(day(progress[key])); });
    layout.chapters.forEach(function (slug) { parts.push(day(read[slug])); });
    return parts.join("");
  }

  function length(layout) {
    return FORMAT.length + 4 + 3 + 2 * layout.questions.length + 2 * layout.quizzes.length +
      3 * layout.ticks.length + 3 * layout.chapters.length;
  }

  function legacy(text) {   // the JSON record of the course's first version, keyed by ids
    var saved = JSON.parse(text);
    var checked = {};
    Object.keys(saved.c || {}).forEach(function (id) {
      var pair = String(saved.c[id]);
      checked[id] = { first: pair.charAt(0) };
      if (pair.charAt(1) && pair.charAt(1) !== "-") checked[id].now = pair.charAt(1);
    });
    return {
      state: { checked: checked, attempts: saved.a || {}, progress: saved.p || {}, read: saved.r || {} },
      written: Object.keys(checked).length,   // that version wrote one interaction per first answer
      found: "read"
    };
  }

  /* What a record holds: {state, written, found}; found is "none" (no record), "read", or "unreadable" (a record
     of another layout or format: its state is not read, its count of interactions is when its header is). */
  function decode(layout, text) {
    var empty = { state: { checked: {}, attempts: {}, progress: {}, read: {} }, written: 0, found: "none" };
    text = String(text || "");
    if (!text) return empty;
    empty.found = "unreadable";
    if (text.charAt(0) === "{") {
      try { return legacy(text); } catch (error) { return empty; }
    }
    if (text.charAt(0) !== FORMAT || text.length < 8) return empty;
    empty.written = parseInt(text.slice(5, 8), DIGITS) || 0;
    if (text.slice(1, 5) !== layout.fingerprint || text.length !== length(layout)) return empty;
    var at = 8;
    function take(width) { at += width; return text.slice(at - width, at); }
    var state = { checked: {}, attempts: {}, progress: {}, read: {} };
    layout.questions.forEach(function (id) {
      var pair = take(2);
      if (pair.charAt(0) === "-") return;
      state.checked[id] = { first: pair.charAt(0) };
      if (pair.charAt(1) !== "-") state.checked[id].now = pair.charAt(1);
    });
    layout.quizzes.forEach(function (id) {
      var attempt = parseInt(take(2), DIGITS);
      if (attempt > 1) state.attempts[id] = attempt;
    });
    layout.ticks.forEach(function (key) {
      var done = unday(take(3));
      if (done) state.progress[key] = done;
    });
    layout.chapters.forEach(function (slug) {
      var done = unday(take(3));
      if (done) state.read[slug] = done;
    });
    return { state: state, written: empty.written, found: "read" };
  }

  window.SuspendData = { encode: encode, decode: decode, length: length, MOST_ATTEMPTS: MOST_ATTEMPTS };
})();
