/* The trainer's results page: trainees' records, loaded from their files or pasted codes and read by record.js, shown
   as one table per group, with a CSV download and print. The records stay in this browser (so the page shows them
   again next time) until the trainer removes them. Nothing is sent anywhere. */
(function () {
  "use strict";

  var record = window.handbookRecord;
  var page = document.querySelector("[data-trainer-results]");
  if (!page || !record || !record.outline()) return;

  var storage = window.handbookStorage;   // storage.js; "trainer_records": [{code, source, added}], each record by its code
  var path = record.outline();
  var messages = page.querySelector("[data-trainer-messages]");
  var loaded = [];   // {rec, code, source, added}, one per trainee and group

  function readKept() {
    return storage.read("trainer_records", []);
  }

  function keep() {
    var kept = storage.write("trainer_records", loaded.map(function (entry) {
      return { code: entry.code, source: entry.source, added: entry.added };
    }));
    if (!kept) say("This browser does not let the page keep the records: they are shown until you close the page.", true);
  }

  function say(text, problem) {
    var item = document.createElement("li");
    item.className = problem ? "is-problem" : "is-ok";
    item.textContent = text;
    messages.appendChild(item);
  }

  function groupKey(group) { return group.trim().replace(/\s+/g, " ").toLowerCase(); }
  function who(rec) { return rec.trainee + (rec.group ? " (" + rec.group + ")" : ""); }

  /* Adds a record that record.js has read; a newer record of the same trainee and group replaces an older one. */
  function add(rec, code, source) {
    var same = loaded.filter(function (entry) {
      return groupKey(entry.rec.group) === groupKey(rec.group) && groupKey(entry.rec.trainee) === groupKey(rec.trainee);
    })[0];
    if (same && JSON.stringify(same.rec) === JSON.stringify(rec)) {
      say(source + ": this record of " + who(rec) + ", of " + rec.made + ", is already here.");
      return;
    }
    if (same && same.rec.made > rec.made) {
      say(source + ": not added: " + who(rec) + " already has a newer record here (" + same.rec.made + ", this one is " +
          rec.made + ").", true);
      return;
    }
    var entry = { rec: rec, code: code, source: source, added: record.today() };
    if (same) {
      loaded[loaded.indexOf(same)] = entry;
      say(source + ": replaced the record of " + who(rec) + " of " + same.rec.made + " with this one of " + rec.made + ".");
    } else {
      loaded.push(entry);
      say(source + ": added " + who(rec) + ", record of " + rec.made + ".");
    }
  }

  function refused(source, error) {
    if (!(error instanceof record.RecordError)) throw error;
    say(source + ": not added: " + error.message + ".", true);
  }

  function loadFiles(files) {
    var reads = Array.prototype.map.call(files, function (file) {
      return file.text().then(function (text) {
        return { name: file.name, text: text };
      }, function () {
        return { name: file.name, text: null };
      });
    });
    return Promise.all(reads).then(function (texts) {
      messages.textContent = "";
      texts.forEach(function (file) {
        if (file.text === null) {
          say(file.name + ": not added: the file could not be read.", true);
          return;
        }
        var source = "File " + file.name;
        try {
          var rec = record.fromFile(file.text);
          add(rec, JSON.parse(file.text).code, source);
        } catch (error) {
          refused(source, error);
        }
      });
      keep();
      show();
    });
  }

  /* Codes one after another: each starts with HB1- at the start of a line or after a space, comma or semicolon. */
  function splitCodes(text) {
    return text.split(/(?:^|[\s,;]+)(?=HB1)/i).map(function (part) { return part.trim(); }).filter(Boolean);
  }

  function loadCodes(text) {
    messages.textContent = "";
    var codes = splitCodes(text);
    if (!codes.length) say("There is no code to add: paste one or more record codes first.", true);
    codes.forEach(function (code, i) {
      var source = "Code " + (i + 1) + (codes.length > 1 ? " of " + codes.length : "");
      try {
        var rec = record.fromCode(code);
        add(rec, code.replace(/\s+/g, ""), source);
      } catch (error) {
        refused(source, error);
      }
    });
    keep();
    show();
  }

  /* --- What each cell says: the same words on the page, on paper and in the CSV --------------------------------- */

  function stepLines(rec, index) {
    var step = path.steps[index];
    var s = rec.steps[index];
    var lines = [];
    var read = s.read.filter(Boolean).length;
    var drills = s.drills.filter(Boolean).length;
    if (s.finished) {
      lines.push({ text: "Finished " + s.finished, kind: "done" });
    } else {
      var parts = [];
      if (s.read.length) parts.push("read " + read + "/" + s.read.length);
      if (s.drills.length) parts.push("drills " + drills + "/" + s.drills.length);
      lines.push({ text: "Not finished" + (parts.length ? ": " + parts.join(", ") : ""), kind: "open" });
    }
    if (step.questions.length) {
      var n = step.questions.length;
      if (!s.answered) lines.push({ text: "Self-check not started", kind: "score" });
      else lines.push({ text: "First try " + s.right + "/" + n + (s.answered < n ? " (" + s.answered + " answered)" : ""), kind: "score" });
      if (s.attempts > 1) lines.push({ text: "Attempts: " + s.attempts, kind: "attempts" });
    }
    rec.resets.forEach(function (reset) {
      var c = reset.checks[index];
      if (c) lines.push({ text: "Reset " + reset.date + ": had " + c.right + "/" + step.questions.length + " (" + c.answered + " answered)", kind: "reset" });
    });
    return lines;
  }

  function resetText(reset) {
    function counted(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
    return reset.date + ": cleared " + [counted(reset.answers, "answer"), counted(reset.steps_ticked, "step tick"),
      counted(reset.drills_done, "drill"), counted(reset.chapters_read, "chapter") + " read"].join(", ");
  }

  function groups() {
    var byKey = {};
    loaded.forEach(function (entry) {
      var key = groupKey(entry.rec.group);
      (byKey[key] = byKey[key] || { name: entry.rec.group.trim() || "No group", entries: [] }).entries.push(entry);
    });
    return Object.keys(byKey).sort(function (a, b) {
      if (!a || !b) return a ? -1 : 1;   // "No group" last
      return a.localeCompare(b);
    }).map(function (key) {
      var group = byKey[key];
      group.entries.sort(function (a, b) { return a.rec.trainee.localeCompare(b.rec.trainee); });
      return group;
    });
  }

  /* --- The tables ------------------------------------------------------------------------------------------------- */

  function element(tag, attributes, text) {
    var made = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { made.setAttribute(name, attributes[name]); });
    if (text !== undefined) made.textContent = text;
    return made;
  }

  /* A line of a cell, its dates kept whole on a narrow column. */
  function line(text, kind) {
    var made = element("span", { "class": "trainer-table__line is-" + kind });
    text.split(/(\d{4}-\d{2}-\d{2})/).forEach(function (part, i) {
      if (!part) return;
      made.appendChild(i % 2 ? element("span", { "class": "trainer-table__date" }, part) : document.createTextNode(part));
    });
    return made;
  }

  function table(group, number) {
    var captionId = "results-group-" + number;
    var wrap = element("div", { "class": "trainer-results__scroll", role: "region", tabindex: "0",
                                "aria-labelledby": captionId });
    var grid = element("table", { "class": "trainer-table" });
    grid.appendChild(element("caption", { id: captionId },
      "Group: " + group.name + " (" + group.entries.length + " trainee" + (group.entries.length === 1 ? "" : "s") + ")"));
    var head = element("tr");
    head.appendChild(element("th", { scope: "col" }, "Trainee"));
    path.steps.forEach(function (step, i) { head.appendChild(element("th", { scope: "col" }, (i + 1) + ". " + step.title)); });
    head.appendChild(element("th", { scope: "col" }, "Resets"));
    grid.appendChild(element("thead")).appendChild(head);
    var body = grid.appendChild(element("tbody"));
    group.entries.forEach(function (entry) {
      var row = body.appendChild(element("tr", { "data-trainee": entry.rec.trainee }));
      var name = row.appendChild(element("th", { scope: "row" }, entry.rec.trainee));
      name.appendChild(line("record of " + entry.rec.made, "note"));
      var sheet = name.appendChild(element("a", { "class": "trainer-table__sheet",
        href: page.dataset.signOffPage + "#record=" + entry.code.replace(/\s+/g, "") }, "Sign-off sheet"));
      sheet.setAttribute("aria-label", "Sign-off sheet for " + entry.rec.trainee);
      path.steps.forEach(function (step, i) {
        var cell = row.appendChild(element("td", { "data-step": step.id }));
        stepLines(entry.rec, i).forEach(function (part) { cell.appendChild(line(part.text, part.kind)); });
      });
      var resets = row.appendChild(element("td", { "data-resets": String(entry.rec.resets.length) }));
      if (!entry.rec.resets.length) resets.textContent = "None";
      entry.rec.resets.forEach(function (reset) {
        resets.appendChild(line(resetText(reset), "reset"));
      });
    });
    wrap.appendChild(grid);
    return wrap;
  }

  function show() {
    var holder = page.querySelector("[data-trainer-tables]");
    holder.textContent = "";
    groups().forEach(function (group, i) { holder.appendChild(table(group, i + 1)); });
    page.querySelector("[data-trainer-empty]").hidden = loaded.length > 0;
    page.querySelector("[data-trainer-key]").hidden = !loaded.length;
    page.querySelector("[data-trainer-actions]").hidden = !loaded.length;
  }

  /* --- CSV: one row per trainee, numbers in their own columns --------------------------------------------------------- */

  function csvField(value) {
    var text = String(value === null || value === undefined ? "" : value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;   // a spreadsheet would run it as a formula
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csv() {
    var header = ["Group", "Trainee", "Record made"];
    path.steps.forEach(function (step, i) {
      var n = "Step " + (i + 1) + " ";
      header.push(n + "finished", n + "chapters read", n + "of chapters", n + "drills done", n + "of drills");
      if (step.questions.length) header.push(n + "answered", n + "first-try right", n + "of questions", n + "attempts");
    });
    header.push("Resets", "Reset details");
    var rows = [header];
    groups().forEach(function (group) {
      group.entries.forEach(function (entry) {
        var rec = entry.rec;
        var row = [rec.group, rec.trainee, rec.made];
        path.steps.forEach(function (step, i) {
          var s = rec.steps[i];
          row.push(s.finished || "", s.read.filter(Boolean).length, s.read.length, s.drills.filter(Boolean).length,
                   s.drills.length);
          if (step.questions.length) row.push(s.answered, s.right, step.questions.length, s.attempts);
        });
        row.push(rec.resets.length, rec.resets.map(function (reset) {
          var steps = reset.checks.map(function (c, i) {
            return c ? "step " + (i + 1) + " had " + c.right + "/" + path.steps[i].questions.length : null;
          }).filter(Boolean);
          return resetText(reset) + (steps.length ? " (" + steps.join(", ") + ")" : "");
        }).join("; "));
        rows.push(row);
      });
    });
    return "\ufeff" + rows.map(function (row) { return row.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  function download(name, text, type) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  /* --- Controls ------------------------------------------------------------------------------------------------------ */

  var files = page.querySelector("[data-record-files]");
  files.addEventListener("change", function () {
    if (files.files.length) loadFiles(files.files).then(function () { files.value = ""; });
  });
  var codes = page.querySelector("[data-record-codes]");
  page.querySelector("[data-add-codes]").addEventListener("click", function () {
    loadCodes(codes.value);
    if (!messages.querySelector(".is-problem")) codes.value = "";
  });
  page.querySelector("[data-trainer-csv]").addEventListener("click", function () {
    download("trainee-results-" + record.today() + ".csv", csv(), "text/csv;charset=utf-8");
  });
  page.querySelector("[data-trainer-print]").addEventListener("click", function () { window.print(); });
  var confirmBox = page.querySelector("[data-trainer-clear-confirm]");
  var clear = page.querySelector("[data-trainer-clear]");
  clear.addEventListener("click", function () {
    confirmBox.hidden = false;
    confirmBox.querySelector("[data-trainer-clear-yes]").focus();
  });
  confirmBox.querySelector("[data-trainer-clear-yes]").addEventListener("click", function () {
    loaded = [];
    keep();
    show();
    confirmBox.hidden = true;
    messages.textContent = "";
    say("Every record is removed from this page.");
    files.focus();
  });
  confirmBox.querySelector("[data-trainer-clear-no]").addEventListener("click", function () {
    confirmBox.hidden = true;
    clear.focus();
  });

  /* The records kept from last time, read again as codes: one made for another version of the path is left out. */
  var dropped = 0;
  readKept().forEach(function (kept) {
    try {
      loaded.push({ rec: record.fromCode(kept.code), code: kept.code, source: kept.source, added: kept.added });
    } catch (error) {
      if (!(error instanceof record.RecordError)) throw error;
      dropped += 1;
    }
  });
  if (dropped) {
    say(dropped + " record" + (dropped > 1 ? "s" : "") + " kept from before could not be read with this version of " +
        "the path and " + (dropped > 1 ? "were" : "was") + " left out. Ask for them again.", true);
    keep();
  }
  page.querySelectorAll("[data-needs-script]").forEach(function (note) { note.hidden = true; });
  page.querySelectorAll("[data-with-script]").forEach(function (part) { part.hidden = false; });
  show();
})();
