/* My progress: the trainee's own record from this browser (record.js builds it), with their name, to print; and the
   record handed in as a file or a code. Nothing is sent anywhere: the trainee gives the file or the code to the
   trainer. */
(function () {
  "use strict";

  var record = window.handbookRecord;
  var page = document.querySelector("[data-my-progress]");
  if (!page || !record || !record.outline()) return;

  var write = window.handbookStorage.write;   // storage.js; false when storage is off: the page shows what it can

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  /* --- Who ----------------------------------------------------------------------------------------------------- */

  var form = page.querySelector("[data-trainee-form]");
  var problem = page.querySelector("[data-trainee-problem]");
  var change = page.querySelector("[data-trainee-change]");

  function showTrainee() {
    var trainee = record.stored().trainee;
    page.querySelector("[data-trainee-name]").textContent = trainee.name;
    page.querySelector("[data-trainee-group]").textContent = trainee.group;
    page.querySelector("[data-trainee-group-line]").hidden = !trainee.group;
    form.hidden = Boolean(trainee.name);
    change.hidden = !trainee.name;
    form.elements.name.value = trainee.name;
    form.elements.group.value = trainee.group;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var name = form.elements.name.value.trim().replace(/\s+/g, " ");
    var group = form.elements.group.value.trim().replace(/\s+/g, " ");
    if (!name) problem.textContent = "Type your name: your trainer needs it to know whose record this is.";
    else if (record.utf8(name).length > record.NAME_BYTES || record.utf8(group).length > record.NAME_BYTES) {
      problem.textContent = "That is too long for a record. Use a shorter form.";
    } else if (!write("trainee", { name: name, group: group })) {
      problem.textContent = "This browser does not let the handbook keep anything, so your name cannot be saved.";
    } else {
      problem.textContent = "";
      showTrainee();
      change.focus();
      return;
    }
    form.elements.name.focus();
  });

  change.addEventListener("click", function () {
    form.hidden = false;
    change.hidden = true;
    form.elements.name.focus();
  });

  /* --- The record, step by step ---------------------------------------------------------------------------------- */

  function resetText(reset) {
    var c = reset.cleared;
    return reset.date + " (cleared " + [plural(c.answers, "self-check answer"), plural(c.steps_ticked, "step tick"),
      plural(c.drills_done, "drill"), plural(c.chapters_read, "chapter") + " read"].join(", ") + ")";
  }

  function showRecord() {
    var data = record.stored();
    var right = 0;
    var answered = 0;
    var total = 0;
    record.outline().steps.forEach(function (step) {
      var row = page.querySelector("[data-record-step='" + step.id + "']");
      var state = record.stepState(step, data);
      function cell(name, text) { row.querySelector("[data-cell='" + name + "']").textContent = text; }
      var read = state.chapters.filter(function (c) { return c.on; }).length;
      var drills = state.drills.filter(function (d) { return d.on; }).length;
      cell("chapters", read + " of " + state.chapters.length);
      cell("drills", state.drills.length ? drills + " of " + state.drills.length : "none in this step");
      var score = "no self-check";
      if (state.questions) {
        score = state.answered ? state.right + " of " + state.questions + " right (" + state.answered + " answered)"
          : "not started";
        if (state.attempts > 1) score += ", attempt " + state.attempts;
      }
      cell("score", score);
      cell("finished", state.finished || (state.ticked ? "not yet (ticked, parts missing)" : "not yet"));
      right += state.right;
      answered += state.answered;
      total += state.questions;
    });
    page.querySelector("[data-score-total]").textContent = right + " of " + total + " right (" + answered + " answered)";
    page.querySelector("[data-record-date]").textContent = record.today();
    page.querySelector("[data-record-resets]").textContent = data.resets.length
      ? data.resets.map(resetText).join("; ") + "." : "none.";
  }

  /* --- Hand in --------------------------------------------------------------------------------------------------- */

  var status = page.querySelector("[data-export-status]");
  var codeBox = page.querySelector("[data-code-box]");
  var codeField = page.querySelector("[data-record-code]");

  /* The record, once the trainee has a name; otherwise the name form asks for one. */
  function handIn() {
    var trainee = record.stored().trainee;
    if (!trainee.name) {
      form.hidden = false;
      problem.textContent = "Type your name and save it first: your trainer needs it to know whose record this is.";
      form.elements.name.focus();
      return null;
    }
    try {
      return record.build();
    } catch (error) {
      if (!(error instanceof record.RecordError)) throw error;
      status.textContent = "Your record cannot be made: " + error.message + ".";
      return null;
    }
  }

  page.querySelector("[data-export-file]").addEventListener("click", function () {
    var made = handIn();
    if (!made) return;
    var name = "training-record-" + record.slug(made.trainee) + "-" + made.made + ".json";
    var file = new Blob([JSON.stringify(made, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(file);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    status.textContent = "Saved as " + name + " (in your downloads). Give that file to your trainer.";
  });

  page.querySelector("[data-export-code]").addEventListener("click", function () {
    var made = handIn();
    if (!made) return;
    codeField.value = made.code;
    codeBox.hidden = false;
    codeField.focus();
    codeField.select();
    status.textContent = "Your record code is below. Copy all of it and send it to your trainer.";
  });

  page.querySelector("[data-copy-code]").addEventListener("click", function () {
    codeField.focus();
    codeField.select();
    function copied() { status.textContent = "Copied. Paste it into your message to your trainer."; }
    function select() { status.textContent = "The code is selected: copy it with your device's Copy."; }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(codeField.value).then(copied, function () {
        try { if (document.execCommand("copy")) { copied(); return; } } catch (error) { /* no copy here */ }
        select();
      });
    } else {
      select();
    }
  });

  page.querySelectorAll("[data-needs-script]").forEach(function (note) { note.hidden = true; });
  page.querySelectorAll("[data-with-script]").forEach(function (part) { part.hidden = false; });
  showTrainee();
  showRecord();
  window.addEventListener("storage", showRecord);
})();
