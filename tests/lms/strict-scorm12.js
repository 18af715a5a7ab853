/* A strict SCORM 1.2 LMS API for the tests, written from ADL's SCORM 1.2 Run-Time Environment (RTE, section 3):
   the calls and their order, the data model's elements (read-only, write-only), their types and vocabularies,
   lengths and ranges, interaction indexes written in order, and the error codes. It refuses anything out of
   spec with the RTE's error code, and logs every call.

   new StrictScorm12(options), where options may hold:
     kept         what the LMS kept from an earlier session: lesson_status, lesson_location, score_raw, score_min,
                  score_max, suspend_data, interactions (a list), entry, total_time
     mastery      cmi.student_data.mastery_score (the manifest's adlcp:masteryscore), "" for none
     moodle       at LMSFinish, as Moodle's SCORM 1.2 player does: "not attempted" becomes "completed", then a raw
                  score with a mastery score set makes the status "passed" or "failed", whatever it was
     emptyCount   cmi.interactions._count answers "" (with no error), as scormhost does
     suspendLimit refuse a longer cmi.suspend_data with 405 (the RTE's own limit is 4,096)
     initialize   "false": LMSInitialize refuses (101); "throw": LMSInitialize throws
     terminateOnly the API offers LMSTerminate in place of LMSFinish (wagtail-lms's player)
   api.log lists every call: {call, args, result, error}; api.record() is what the LMS holds. */
(function () {
  "use strict";

  var ERRORS = {
    "0": "No error",
    "101": "General exception",
    "201": "Invalid argument error",
    "202": "Element cannot have children",
    "203": "Element not an array - cannot have count",
    "301": "Not initialized",
    "401": "Not implemented error",
    "402": "Invalid set value, element is a keyword",
    "403": "Element is read only",
    "404": "Element is write only",
    "405": "Incorrect data type"
  };

  /* Data types (RTE 3.4.2). */
  function string(limit) { return function (v) { return v.length <= limit; }; }
  function vocabulary(words) { return function (v) { return words.indexOf(v) >= 0; }; }
  function decimal(v) { return /^-?\d+(\.\d+)?$/.test(v) || /^-?\.\d+$/.test(v); }
  function decimalIn(low, high) {
    return function (v) { return v === "" || (decimal(v) && Number(v) >= low && Number(v) <= high); };
  }
  var CMIIdentifier = function (v) { return /^[\x21-\x7E]{1,255}$/.test(v); };   // no white space, 255 at most
  var CMITime = function (v) { return /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/.test(v); };
  var CMITimespan = function (v) { return /^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/.test(v); };
  var STATUS = ["passed", "completed", "failed", "incomplete", "browsed"];   // "not attempted" is the LMS's alone
  var RESULT = ["correct", "wrong", "unanticipated", "neutral"];
  var TYPES = ["true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"];
  var FEEDBACK = {   // what a response or a correct pattern looks like for each interaction type (RTE 3.4.2)
    "true-false": /^[01tf]$/,
    "choice": /^(\{?[0-9a-z](,[0-9a-z])*\}?)?$/,
    "likert": /^[0-9a-z]?$/,
    "numeric": /^-?\d*(\.\d+)?$/
  };

  /* The data model (RTE 3.4.4): access r/w/rw, and the check of a value written. Elements the RTE makes optional
     and this LMS leaves out answer 401. */
  var MODEL = {
    "cmi._children": { access: "r", keyword: true },
    "cmi._version": { access: "r" },
    "cmi.core._children": { access: "r", keyword: true },
    "cmi.core.student_id": { access: "r" },
    "cmi.core.student_name": { access: "r" },
    "cmi.core.lesson_location": { access: "rw", check: string(255) },
    "cmi.core.credit": { access: "r" },
    "cmi.core.lesson_status": { access: "rw", check: vocabulary(STATUS) },
    "cmi.core.entry": { access: "r" },
    "cmi.core.score._children": { access: "r", keyword: true },
    "cmi.core.score.raw": { access: "rw", check: decimalIn(0, 100) },
    "cmi.core.score.min": { access: "rw", check: decimalIn(0, 100) },
    "cmi.core.score.max": { access: "rw", check: decimalIn(0, 100) },
    "cmi.core.total_time": { access: "r" },
    "cmi.core.lesson_mode": { access: "r" },
    "cmi.core.exit": { access: "w", check: vocabulary(["time-out", "suspend", "logout", ""]) },
    "cmi.core.session_time": { access: "w", check: CMITimespan },
    "cmi.suspend_data": { access: "rw", check: string(4096) },
    "cmi.launch_data": { access: "r" },
    "cmi.student_data._children": { access: "r", keyword: true },
    "cmi.student_data.mastery_score": { access: "r" },
    "cmi.student_data.max_time_allowed": { access: "r" },
    "cmi.student_data.time_limit_action": { access: "r" },
    "cmi.interactions._children": { access: "r", keyword: true },
    "cmi.interactions._count": { access: "r", keyword: true },
    "cmi.interactions.n.id": { access: "w", check: CMIIdentifier },
    "cmi.interactions.n.objectives._count": { access: "r", keyword: true },
    "cmi.interactions.n.objectives.n.id": { access: "w", check: CMIIdentifier },
    "cmi.interactions.n.time": { access: "w", check: CMITime },
    "cmi.interactions.n.type": { access: "w", check: vocabulary(TYPES) },
    "cmi.interactions.n.correct_responses._count": { access: "r", keyword: true },
    "cmi.interactions.n.correct_responses.n.pattern": { access: "w", check: string(255), feedback: true },
    "cmi.interactions.n.weighting": { access: "w", check: decimal },
    "cmi.interactions.n.student_response": { access: "w", check: string(255), feedback: true },
    "cmi.interactions.n.result": { access: "w", check: function (v) { return RESULT.indexOf(v) >= 0 || decimal(v); } },
    "cmi.interactions.n.latency": { access: "w", check: CMITimespan }
  };
  var OPTIONAL = /^cmi\.(comments|comments_from_lms|objectives|student_preference)(\.|$)/;
  var CHILDREN = {
    "cmi": "core,suspend_data,launch_data,comments,objectives,student_data,student_preference,interactions",
    "cmi.core": "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode," +
      "exit,session_time",
    "cmi.core.score": "raw,min,max",
    "cmi.student_data": "mastery_score,max_time_allowed,time_limit_action",
    "cmi.interactions": "id,objectives,time,type,correct_responses,weighting,student_response,result,latency"
  };

  function StrictScorm12(options) {
    options = options || {};
    var kept = options.kept || {};
    var api = this;
    var state = "not initialized";   // then "running", then "finished"
    var error = { code: "0", diagnostic: "" };
    var values = {
      "cmi._version": "3.4",
      "cmi.core.student_id": "trainee-1",
      "cmi.core.student_name": "Trainee, Test",
      "cmi.core.lesson_location": kept.lesson_location || "",
      "cmi.core.credit": "credit",
      "cmi.core.lesson_status": kept.lesson_status || "not attempted",
      "cmi.core.entry": kept.entry !== undefined ? kept.entry : (kept.lesson_status ? "resume" : "ab-initio"),
      "cmi.core.score.raw": kept.score_raw || "",
      "cmi.core.score.min": kept.score_min || "",
      "cmi.core.score.max": kept.score_max || "",
      "cmi.core.total_time": kept.total_time || "0000:00:00.00",
      "cmi.core.lesson_mode": "normal",
      "cmi.core.exit": "",
      "cmi.core.session_time": "",
      "cmi.suspend_data": kept.suspend_data || "",
      "cmi.launch_data": "",
      "cmi.student_data.mastery_score": options.mastery === undefined ? "" : String(options.mastery),
      "cmi.student_data.max_time_allowed": "",
      "cmi.student_data.time_limit_action": ""
    };
    var interactions = (kept.interactions || []).map(function (item) { return JSON.parse(JSON.stringify(item)); });
    var saved = null;   // what the LMS has stored: at the last commit or finish
    api.suspendLimit = options.suspendLimit || 4096;   // a test may lower it mid-session: an LMS's quota reached
    api.log = [];
    api.commits = 0;

    function shown(value) { return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "..." : value); }
    function fail(code, diagnostic) { error = { code: code, diagnostic: diagnostic }; }
    function ok() { error = { code: "0", diagnostic: "" }; }
    function logged(call, args, result) {
      api.log.push({ call: call, args: args, result: result, error: error.code, diagnostic: error.diagnostic });
      return result;
    }

    /* "cmi.interactions.3.correct_responses.0.pattern" -> the model's name and its indexes [3, 0]. */
    function parse(element) {
      var indexes = [];
      var name = String(element).replace(/\.(\d+)(?=\.|$)/g, function (whole, n) { indexes.push(Number(n)); return ".n"; });
      return { name: name, indexes: indexes };
    }

    function unknown(element, name) {   // the RTE's code for an element the model does not have
      var keyword = /^(.*)\._(children|count)$/.exec(name);
      if (keyword && (MODEL[keyword[1]] || CHILDREN[keyword[1]])) {
        return keyword[2] === "children" ? fail("202", element + ": " + keyword[1] + " cannot have children")
          : fail("203", element + ": " + keyword[1] + " is not an array");
      }
      if (OPTIONAL.test(name)) return fail("401", element + ": not implemented by this LMS");
      return fail("201", element + ": not an element of the SCORM 1.2 data model");
    }

    function read(element) {
      var parsed = parse(element);
      var model = MODEL[parsed.name];
      if (!model) { unknown(element, parsed.name); return ""; }
      if (model.access === "w") { fail("404", element + " is write only"); return ""; }
      var children = /^(.*)\._children$/.exec(parsed.name);
      if (children) { ok(); return CHILDREN[children[1]] || ""; }
      if (parsed.name === "cmi.interactions._count") { ok(); return options.emptyCount ? "" : String(interactions.length); }
      if (parsed.name === "cmi.interactions.n.objectives._count" || parsed.name === "cmi.interactions.n.correct_responses._count") {
        var item = interactions[parsed.indexes[0]];
        if (!item) { fail("201", element + ": no interaction " + parsed.indexes[0]); return ""; }
        ok();
        return String((parsed.name.indexOf("objectives") >= 0 ? item.objectives : item.correct_responses).length);
      }
      ok();
      return values[parsed.name];
    }

    function write(element, value) {
      var parsed = parse(element);
      var model = MODEL[parsed.name];
      if (!model) return unknown(element, parsed.name);
      if (model.keyword) return fail("402", element + " is a keyword");
      if (model.access === "r") return fail("403", element + " is read only");
      if (typeof value !== "string") return fail("405", element + ": the value must be a string, not " + typeof value);
      if (!model.check(value)) return fail("405", element + ": " + shown(value) + " is not of its type");
      if (parsed.name === "cmi.suspend_data" && value.length > api.suspendLimit) {
        return fail("405", element + ": " + value.length + " characters, over this LMS's " + api.suspendLimit);
      }
      if (parsed.name.indexOf("cmi.interactions.n.") === 0) return writeInteraction(element, parsed, value, model);
      values[parsed.name] = value;
      return ok();
    }

    function writeInteraction(element, parsed, value, model) {
      var n = parsed.indexes[0];
      if (n > interactions.length) {
        return fail("201", element + ": interaction " + n + " written before interaction " + interactions.length);
      }
      var item = interactions[n] || { objectives: [], correct_responses: [] };
      var field = parsed.name.slice("cmi.interactions.n.".length);
      if (model.feedback && item.type && FEEDBACK[item.type] && !FEEDBACK[item.type].test(value)) {
        return fail("405", element + ": " + shown(value) + " is not a " + item.type + " response");
      }
      var list = /^(objectives|correct_responses)\.n\.(id|pattern)$/.exec(field);
      if (list) {
        var k = parsed.indexes[1];
        if (k > item[list[1]].length) {
          return fail("201", element + ": " + list[1] + " " + k + " written before " + item[list[1]].length);
        }
        item[list[1]][k] = {};
        item[list[1]][k][list[2]] = value;
      } else {
        item[field] = value;
      }
      interactions[n] = item;
      return ok();
    }

    function store() {
      saved = api.record(true);
    }

    function call(name, argument, run) {
      if (argument !== "") { fail("201", name + ": the argument must be \"\", not " + JSON.stringify(argument)); return "false"; }
      return run();
    }

    api.LMSInitialize = function (argument) {
      if (options.initialize === "throw") {
        logged("LMSInitialize", [argument], "(threw)");
        throw new Error("The session could not be opened (test LMS)");
      }
      return logged("LMSInitialize", [argument], call("LMSInitialize", argument, function () {
        if (options.initialize === "false") { fail("101", "this LMS refuses to open a session (test)"); return "false"; }
        if (state !== "not initialized") { fail("101", "LMSInitialize called when " + state); return "false"; }
        state = "running";
        ok();
        return "true";
      }));
    };

    function finish(callName) {
      return function (argument) {
        return logged(callName, [argument], call(callName, argument, function () {
          if (state !== "running") { fail("301", callName + " called when " + state); return "false"; }
          if (options.moodle) {
            if (values["cmi.core.lesson_status"] === "not attempted") values["cmi.core.lesson_status"] = "completed";
            var mastery = values["cmi.student_data.mastery_score"];
            var raw = values["cmi.core.score.raw"];
            if (mastery !== "" && raw !== "") {
              values["cmi.core.lesson_status"] = Number(raw) >= Number(mastery) ? "passed" : "failed";
            }
          }
          state = "finished";
          store();
          ok();
          return "true";
        }));
      };
    }
    if (options.terminateOnly) api.LMSTerminate = finish("LMSTerminate");
    else api.LMSFinish = finish("LMSFinish");

    api.LMSGetValue = function (element) {
      if (state !== "running") { fail("301", "LMSGetValue called when " + state); return logged("LMSGetValue", [element], ""); }
      return logged("LMSGetValue", [element], read(element));
    };

    api.LMSSetValue = function (element, value) {
      if (state !== "running") { fail("301", "LMSSetValue called when " + state); return logged("LMSSetValue", [element, value], "false"); }
      write(element, value);
      return logged("LMSSetValue", [element, value], error.code === "0" ? "true" : "false");
    };

    api.LMSCommit = function (argument) {
      return logged("LMSCommit", [argument], call("LMSCommit", argument, function () {
        if (state !== "running") { fail("301", "LMSCommit called when " + state); return "false"; }
        api.commits += 1;
        store();
        ok();
        return "true";
      }));
    };

    // The three error calls never change the error state (RTE 3.3.3).
    api.LMSGetLastError = function () { return logged("LMSGetLastError", [], error.code); };
    api.LMSGetErrorString = function (code) {
      return logged("LMSGetErrorString", [code], ERRORS[String(code)] || "");
    };
    api.LMSGetDiagnostic = function (code) {
      var asked = code === undefined || code === "" ? error.code : String(code);
      return logged("LMSGetDiagnostic", [code], asked === error.code ? error.diagnostic : ERRORS[asked] || "");
    };

    /* What the LMS holds (live: as the course left it; else as stored at the last commit or finish). */
    api.record = function (live) {
      if (!live && saved) return JSON.parse(JSON.stringify(saved));
      return JSON.parse(JSON.stringify({
        lesson_status: values["cmi.core.lesson_status"],
        lesson_location: values["cmi.core.lesson_location"],
        score_raw: values["cmi.core.score.raw"],
        score_min: values["cmi.core.score.min"],
        score_max: values["cmi.core.score.max"],
        exit: values["cmi.core.exit"],
        session_time: values["cmi.core.session_time"],
        suspend_data: values["cmi.suspend_data"],
        interactions: interactions,
        finished: state === "finished"
      }));
    };
  }

  window.StrictScorm12 = StrictScorm12;
})();
