/* The trainee's record of the onboarding path: what this browser holds, whether a step is finished, the record as a
   file (JSON) and as a short code to hand in, and both read back on the trainer's page. Nothing is sent anywhere.
   The path's shape comes from the page (<script data-record-outline>, from macros/content/trainee_record.py). */
(function () {
  "use strict";

  var NAME_BYTES = 63;   // a name or a group, in UTF-8 bytes: a code keeps its length in 6 bits
  var read = window.handbookStorage.read;   // storage.js: the keys by their names in storage.yml

  function today() { return new Date().toISOString().slice(0, 10); }

  var outlineCache = null;
  function outline() {
    if (!outlineCache) {
      var holder = document.querySelector("script[data-record-outline]");
      outlineCache = holder ? JSON.parse(holder.textContent) : null;
    }
    return outlineCache;
  }

  /* Everything the record is made of, as this browser holds it now. */
  function stored() {
    var trainee = read("trainee", {});
    var resets = read("resets", []);
    return {
      progress: read("progress", {}),
      checked: read("checked", {}),
      attempts: read("attempts", {}),
      read: read("read", {}),
      notes: read("notes", {}),
      trainee: { name: typeof trainee.name === "string" ? trainee.name : "",
                 group: typeof trainee.group === "string" ? trainee.group : "" },
      resets: Array.isArray(resets) ? resets : []
    };
  }

  function latest(dates) {
    return dates.filter(isDate).sort().pop() || null;
  }

  /* One step as the trainee has done it: each chapter read and each drill done (with its date, or null), the
     self-check's first tries and attempt, whether "I have finished this step" is ticked, what is still missing,
     and the day it was finished: only when it is ticked and every part is done. */
  function stepState(step, data) {
    var chapters = step.chapters.map(function (c) { return { id: c.id, title: c.title, on: data.read[c.id] || null }; });
    var drills = step.drills.map(function (d) {
      return { id: d.id, title: d.title, on: data.progress["drill:" + d.id] || null };
    });
    var answered = 0;
    var right = 0;
    step.questions.forEach(function (pair) {
      var entry = data.checked[pair[0]];
      if (!entry || !entry.first) return;
      answered += 1;
      if (entry.first === pair[1]) right += 1;
    });
    var missing = [];
    chapters.forEach(function (c) { if (!c.on) missing.push("read \u201c" + c.title + "\u201d to its end"); });
    drills.forEach(function (d) { if (!d.on) missing.push("do the drill \u201c" + d.title + "\u201d and tick it"); });
    var left = step.questions.length - answered;
    if (left) {
      missing.push("answer " + left + " more self-check question" + (left > 1 ? "s" : "") + " (" + answered +
                   " of " + step.questions.length + " answered)");
    }
    var tick = data.progress["step:" + step.id];
    var finished = null;
    if (tick && !missing.length) {
      // The day the last part was done; a tick kept by an older version has no date.
      finished = latest([tick].concat(chapters.map(function (c) { return c.on; }), drills.map(function (d) { return d.on; })))
        || today();
    }
    return {
      step: step, chapters: chapters, drills: drills,
      questions: step.questions.length, answered: answered, right: right,
      attempts: Math.max(1, parseInt(data.attempts[step.id], 10) || 1),
      ticked: Boolean(tick), missing: missing, finished: finished
    };
  }

  /* What a reset clears, counted, so that the record can say so. */
  function clearedSummary(data) {
    var checks = {};
    var counts = { steps_ticked: 0, drills_done: 0, chapters_read: Object.keys(data.read).length,
                   answers: 0, drill_notes: Object.keys(data.notes).length, self_checks: checks };
    Object.keys(data.progress).forEach(function (key) {
      if (key.indexOf("step:") === 0) counts.steps_ticked += 1;
      if (key.indexOf("drill:") === 0) counts.drills_done += 1;
    });
    Object.keys(data.checked).forEach(function (id) { if (data.checked[id] && data.checked[id].first) counts.answers += 1; });
    outline().steps.forEach(function (step) {
      var state = stepState(step, data);
      if (state.answered) checks[step.id] = { answered: state.answered, first_try_right: state.right };
    });
    return counts;
  }

  /* --- The record as a file ------------------------------------------------------------------------------------- */

  function build() {
    var path = outline();
    var data = stored();
    var record = {
      format: path.format,
      version: path.version,
      handbook: path.handbook,
      path: path.path,
      trainee: data.trainee.name.trim(),
      group: data.trainee.group.trim(),
      made: today(),
      steps: path.steps.map(function (step) {
        var state = stepState(step, data);
        var chapters = {};
        var drills = {};
        // A date, or true for a part an older version kept without its date.
        state.chapters.forEach(function (c) { chapters[c.id] = isDate(c.on) ? c.on : c.on ? true : null; });
        state.drills.forEach(function (d) { drills[d.id] = isDate(d.on) ? d.on : d.on ? true : null; });
        return {
          step: step.id,
          title: step.title,
          chapters_read: chapters,
          drills_done: drills,
          self_check: step.questions.length ? { questions: state.questions, answered: state.answered,
                                                first_try_right: state.right, attempts: state.attempts } : null,
          ticked: state.ticked,
          finished: state.finished,
          still_to_do: state.missing
        };
      }),
      resets: data.resets.filter(function (reset) { return reset && isDate(reset.date) && reset.cleared; })
    };
    record.code = toCode(check(normalise(record, path), path));
    return record;
  }

  /* The parts a record code carries, in the path's order: the form both the file and the code are read into. */
  function normalise(record, path) {
    return {
      trainee: record.trainee,
      group: record.group,
      made: record.made,
      steps: path.steps.map(function (step, i) {
        var entry = record.steps[i];
        var check = entry.self_check || { answered: 0, first_try_right: 0, attempts: 1 };
        return {
          read: step.chapters.map(function (c) { return entry.chapters_read[c.id] !== null; }),
          drills: step.drills.map(function (d) { return entry.drills_done[d.id] !== null; }),
          ticked: entry.ticked,
          finished: entry.finished,
          answered: check.answered,
          right: check.first_try_right,
          attempts: check.attempts
        };
      }),
      resets: record.resets.map(function (reset) {
        var c = reset.cleared;
        return {
          date: reset.date,
          steps_ticked: c.steps_ticked, drills_done: c.drills_done, chapters_read: c.chapters_read,
          answers: c.answers, drill_notes: c.drill_notes,
          checks: path.steps.map(function (step) {
            var check = c.self_checks[step.id];
            return step.questions.length && check ? { answered: check.answered, right: check.first_try_right } : null;
          })
        };
      })
    };
  }

  /* --- Checks ------------------------------------------------------------------------------------------------------ */

  function RecordError(message) { this.message = message; }

  function isDate(value) {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    var parsed = new Date(value + "T00:00:00Z");
    return !isNaN(parsed) && parsed.toISOString().slice(0, 10) === value;
  }

  function isCount(value) { return typeof value === "number" && value >= 0 && value % 1 === 0 && value < 1e6; }

  function utf8(text) { return new TextEncoder().encode(text); }

  function fail(message) { throw new RecordError(message); }

  /* A normalised record that holds together: the shape of this path, counts in range, and a step finished exactly
     when it is ticked and all its parts are done. */
  function check(rec, path) {
    if (typeof rec.trainee !== "string" || !rec.trainee.trim()) fail("it has no trainee name");
    if (utf8(rec.trainee).length > NAME_BYTES) fail("the trainee's name is too long");
    if (typeof rec.group !== "string" || utf8(rec.group).length > NAME_BYTES) fail("its group is not a short text");
    if (!isDate(rec.made)) fail("its date is not a date");
    path.steps.forEach(function (step, i) {
      var s = rec.steps[i];
      var where = "step " + (i + 1) + " (" + step.title + ")";
      var n = step.questions.length;
      if (!s || !Array.isArray(s.read) || s.read.length !== step.chapters.length ||
          !Array.isArray(s.drills) || s.drills.length !== step.drills.length) fail(where + " does not match the path");
      if (!isCount(s.answered) || !isCount(s.right) || s.right > s.answered || s.answered > n) {
        fail(where + ": its self-check counts are out of range");
      }
      if (!isCount(s.attempts) || s.attempts < 1) fail(where + ": its attempts are not a number from 1");
      var done = s.read.every(Boolean) && s.drills.every(Boolean) && s.answered === n;
      if (s.finished !== null && !isDate(s.finished)) fail(where + ": its finishing date is not a date");
      if ((s.finished !== null) !== (s.ticked === true && done)) {
        fail(where + " is marked finished while its parts are not all done, or the other way round");
      }
    });
    rec.resets.forEach(function (reset, r) {
      var where = "reset " + (r + 1);
      if (!isDate(reset.date)) fail(where + ": its date is not a date");
      ["steps_ticked", "drills_done", "chapters_read", "answers", "drill_notes"].forEach(function (field) {
        if (!isCount(reset[field])) fail(where + ": " + field.replace("_", " ") + " is not a count");
      });
      path.steps.forEach(function (step, i) {
        var c = reset.checks[i];
        if (c === null) return;
        if (!step.questions.length || !isCount(c.answered) || !isCount(c.right) || c.right > c.answered ||
            c.answered > step.questions.length || c.answered === 0) {
          fail(where + ": its counts for step " + (i + 1) + " are out of range");
        }
      });
    });
    return rec;
  }

  /* --- The record code: the same parts, packed into bits, with a CRC-32 so that a typo is caught -------------------
     Crockford's base32 (no I, L, O or U; read as 1, 1, 0 when typed), in groups of five after "HB1-". A CRC-32 finds
     every change to one character and every swap of two neighbours (each changes at most 10 bits in a row). */

  var PREFIX = "HB1";
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  var EPOCH = Date.UTC(2020, 0, 1);
  var DAY = 86400000;

  var CRC_TABLE = (function () {
    var table = [];
    for (var n = 0; n < 256; n += 1) {
      var c = n;
      for (var k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i += 1) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  function dayNumber(date) { return Math.round((Date.parse(date + "T00:00:00Z") - EPOCH) / DAY); }
  function dayDate(number) { return new Date(EPOCH + number * DAY).toISOString().slice(0, 10); }
  function widthFor(max) { var w = 0; while ((1 << w) <= max) w += 1; return w; }   // bits for 0..max

  function Bits() { this.bits = []; }
  Bits.prototype.put = function (value, width) {
    for (var i = width - 1; i >= 0; i -= 1) this.bits.push(Math.floor(value / Math.pow(2, i)) % 2);
  };
  Bits.prototype.flag = function (on) { this.bits.push(on ? 1 : 0); };
  Bits.prototype.count = function (value) {   // 4 bits at a time, each group after a "more follows" bit
    do {
      var rest = Math.floor(value / 16);
      this.bits.push(rest ? 1 : 0);
      this.put(value % 16, 4);
      value = rest;
    } while (value);
  };
  Bits.prototype.signed = function (value) { this.count(value >= 0 ? value * 2 : -value * 2 - 1); };
  Bits.prototype.text = function (value) {
    var bytes = utf8(value);
    this.put(bytes.length, 6);
    for (var i = 0; i < bytes.length; i += 1) this.put(bytes[i], 8);
  };
  Bits.prototype.bytes = function () {
    var out = [];
    for (var i = 0; i < this.bits.length; i += 8) {
      var byte = 0;
      for (var k = 0; k < 8; k += 1) byte = byte * 2 + (this.bits[i + k] || 0);
      out.push(byte);
    }
    return out;
  };

  function Reader(bytes) { this.bytes = bytes; this.at = 0; }
  Reader.prototype.bit = function () {
    if (this.at >= this.bytes.length * 8) fail("it ends too soon");
    var bit = (this.bytes[this.at >> 3] >> (7 - (this.at & 7))) & 1;
    this.at += 1;
    return bit;
  };
  Reader.prototype.get = function (width) {
    var value = 0;
    for (var i = 0; i < width; i += 1) value = value * 2 + this.bit();
    return value;
  };
  Reader.prototype.flag = function () { return this.bit() === 1; };
  Reader.prototype.count = function () {
    var value = 0;
    var scale = 1;
    for (var groups = 0; groups < 8; groups += 1) {
      var more = this.bit();
      value += this.get(4) * scale;
      scale *= 16;
      if (!more) return value;
    }
    return fail("a number in it is too long");
  };
  Reader.prototype.signed = function () { var n = this.count(); return n % 2 ? -(n + 1) / 2 : n / 2; };
  Reader.prototype.text = function () {
    var length = this.get(6);
    var bytes = [];
    for (var i = 0; i < length; i += 1) bytes.push(this.get(8));
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
    } catch (error) {
      return fail("a name in it is not text");
    }
  };

  function toCode(rec) {
    var path = outline();
    var made = dayNumber(rec.made);
    var out = new Bits();
    out.put(parseInt(path.path, 16), 16);
    out.signed(made);
    out.text(rec.trainee);
    out.text(rec.group);
    path.steps.forEach(function (step, i) {
      var s = rec.steps[i];
      // A step not yet begun (most of them, early on) takes one bit.
      var begun = s.ticked || s.answered > 0 || s.attempts > 1 || s.read.some(Boolean) || s.drills.some(Boolean);
      out.flag(begun);
      if (!begun) return;
      s.read.forEach(function (on) { out.flag(on); });
      s.drills.forEach(function (on) { out.flag(on); });
      out.flag(s.ticked);
      out.flag(s.finished !== null);
      if (s.finished !== null) out.signed(made - dayNumber(s.finished));
      if (step.questions.length) {
        var width = widthFor(step.questions.length);
        out.put(s.answered, width);
        out.put(s.right, width);
        out.count(s.attempts - 1);
      }
    });
    out.count(rec.resets.length);
    rec.resets.forEach(function (reset) {
      out.signed(made - dayNumber(reset.date));
      [reset.steps_ticked, reset.drills_done, reset.chapters_read, reset.answers, reset.drill_notes]
        .forEach(function (n) { out.count(n); });
      path.steps.forEach(function (step, i) {
        if (!step.questions.length) return;
        var c = reset.checks[i];
        out.flag(c !== null);
        if (c === null) return;
        var width = widthFor(step.questions.length);
        out.put(c.answered, width);
        out.put(c.right, width);
      });
    });
    var payload = out.bytes();
    var crc = crc32(payload);
    var all = new Bits();
    payload.forEach(function (byte) { all.put(byte, 8); });
    all.put(crc, 32);
    var chars = "";
    for (var b = 0; b < all.bits.length; b += 5) {
      var value = 0;
      for (var k = 0; k < 5; k += 1) value = value * 2 + (all.bits[b + k] || 0);
      chars += ALPHABET[value];
    }
    return PREFIX + "-" + chars.match(/.{1,5}/g).join("-");
  }

  function fromCode(text) {
    var path = outline();
    var compact = String(text).replace(/[\s\-]+/g, "").toUpperCase();
    if (compact.slice(0, PREFIX.length) !== PREFIX) fail("it is not a record code: a record code starts with " + PREFIX + "-");
    var body = compact.slice(PREFIX.length).replace(/[IL]/g, "1").replace(/O/g, "0");
    var values = [];
    for (var i = 0; i < body.length; i += 1) {
      var value = ALPHABET.indexOf(body[i]);
      if (value < 0) fail("\u201c" + body[i] + "\u201d (character " + (i + 1) + " after " + PREFIX + ") is never used in a record code");
      values.push(value);
    }
    var bits = new Bits();
    values.forEach(function (value) { bits.put(value, 5); });
    var length = Math.floor(bits.bits.length / 8);
    var spare = bits.bits.slice(length * 8);
    var bytes = bits.bytes().slice(0, length);
    var typo = "a character is wrong, missing or extra (the code does not add up). Ask the trainee to copy it again";
    if (length < 6 || spare.length >= 5 || spare.some(Boolean)) fail(typo);
    var payload = bytes.slice(0, length - 4);
    var given = bytes.slice(length - 4).reduce(function (sum, byte) { return sum * 256 + byte; }, 0);
    if (crc32(payload) !== given) fail(typo);

    var input = new Reader(payload);
    if (input.get(16) !== parseInt(path.path, 16)) fail(ANOTHER_PATH);
    var made = input.signed();
    var rec = { trainee: input.text(), group: input.text(), made: dayDate(made), steps: [], resets: [] };
    path.steps.forEach(function (step) {
      var begun = input.flag();
      var s = {
        read: step.chapters.map(function () { return begun && input.flag(); }),
        drills: step.drills.map(function () { return begun && input.flag(); }),
        ticked: begun && input.flag(), finished: null, answered: 0, right: 0, attempts: 1
      };
      if (!begun) { rec.steps.push(s); return; }
      if (input.flag()) s.finished = dayDate(made - input.signed());
      if (step.questions.length) {
        var width = widthFor(step.questions.length);
        s.answered = input.get(width);
        s.right = input.get(width);
        s.attempts = input.count() + 1;
      }
      rec.steps.push(s);
    });
    var resets = input.count();
    for (var r = 0; r < resets; r += 1) {
      var reset = { date: dayDate(made - input.signed()), steps_ticked: input.count(), drills_done: input.count(),
                    chapters_read: input.count(), answers: input.count(), drill_notes: input.count(), checks: [] };
      path.steps.forEach(function (step) {
        if (!step.questions.length || !input.flag()) { reset.checks.push(null); return; }
        var width = widthFor(step.questions.length);
        reset.checks.push({ answered: input.get(width), right: input.get(width) });
      });
      rec.resets.push(reset);
    }
    if (payload.length * 8 - input.at >= 8) fail("it holds more than a record");
    return check(rec, path);
  }

  var ANOTHER_PATH = "it was made with another version of the onboarding path (its steps, drills or questions differ). " +
    "Load it on the trainer's page of the same handbook the trainee used";

  /* A record file: its own parts, checked against this path, and against the code it carries. */
  function fromFile(text) {
    var path = outline();
    var record;
    try {
      record = JSON.parse(text);
    } catch (error) {
      return fail("it is not a record file (it is not JSON, or it is cut short)");
    }
    if (!record || typeof record !== "object" || record.format !== path.format) fail("it is not a training record from this handbook");
    if (record.version !== path.version) fail("it is a record of another version (" + record.version + ")");
    if (record.path !== path.path) fail(ANOTHER_PATH);
    if (!Array.isArray(record.steps) || record.steps.length !== path.steps.length) fail("its steps do not match the path");
    path.steps.forEach(function (step, i) {
      var entry = record.steps[i];
      var where = "step " + (i + 1) + " (" + step.title + ")";
      if (!entry || entry.step !== step.id) fail(where + " is missing or out of place");
      [["chapters_read", step.chapters], ["drills_done", step.drills]].forEach(function (pair) {
        var held = entry[pair[0]];
        if (!held || typeof held !== "object" || Object.keys(held).length !== pair[1].length ||
            !pair[1].every(function (part) { var on = held[part.id]; return on === null || on === true || isDate(on); })) {
          fail(where + ": " + pair[0].replace("_", " ") + " does not match the path");
        }
      });
      if (step.questions.length ? !entry.self_check || entry.self_check.questions !== step.questions.length
                                : entry.self_check !== null) fail(where + ": its self-check does not match the path");
      if (typeof entry.ticked !== "boolean") fail(where + ": its tick is not true or false");
    });
    if (!Array.isArray(record.resets) || !record.resets.every(function (reset) {
      return reset && reset.cleared && typeof reset.cleared === "object" && reset.cleared.self_checks &&
        typeof reset.cleared.self_checks === "object";
    })) fail("its resets are not a list of resets");
    var rec = check(normalise(record, path), path);
    if (typeof record.code !== "string") fail("it has no record code to check it against");
    var coded = fromCode(record.code);
    if (JSON.stringify(coded) !== JSON.stringify(rec)) {
      fail("its content no longer matches its record code: the file was changed after it was saved");
    }
    return rec;
  }

  /* "ana-ruiz" from "Ana Ruiz": for file names. */
  function slug(text) {
    var plain = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    return plain.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "trainee";
  }

  window.handbookRecord = {
    NAME_BYTES: NAME_BYTES, RecordError: RecordError,
    outline: outline, stored: stored, stepState: stepState, clearedSummary: clearedSummary,
    build: build, fromCode: fromCode, fromFile: fromFile, isDate: isDate, slug: slug, today: today, utf8: utf8
  };
})();
