/* The sign-off sheet filled in from a trainee's record: the trainee results page opens it with the record's code in
   the address (#record=HB1-...). The name and each finished self-check's first-try score are written in; the sheet
   says whose record it is and of when. Without a code the sheet stays blank, as on paper. */
(function () {
  "use strict";

  var record = window.handbookRecord;
  var sheet = document.querySelector("[data-sign-off]");
  if (!sheet || !record || !record.outline()) return;
  var note = sheet.querySelector("[data-sign-off-from]");
  var trainee = sheet.querySelector("[data-sign-off-field='Trainee']");

  function fill() {
    var match = /^#record=([0-9A-Za-z-]+)$/.exec(window.location.hash);
    trainee.textContent = "";
    sheet.querySelectorAll("[data-score-value]").forEach(function (blank) { blank.textContent = ""; });
    note.hidden = !match;
    if (!match) return;
    var rec;
    try {
      rec = record.fromCode(match[1]);
    } catch (error) {
      if (!(error instanceof record.RecordError)) throw error;
      note.textContent = "The record in this sheet's address could not be read: " + error.message + ". The sheet is left blank.";
      return;
    }
    trainee.textContent = rec.trainee + (rec.group ? " (" + rec.group + ")" : "");
    record.outline().steps.forEach(function (step, i) {
      var blank = sheet.querySelector("[data-sign-off-score='" + step.id + "'] [data-score-value]");
      var s = rec.steps[i];
      if (blank && s.answered === step.questions.length) blank.textContent = String(s.right);
    });
    var resets = rec.resets.length;
    note.textContent = "Name and first-try scores from " + rec.trainee + "'s record of " + rec.made +
      ". A score is blank where that self-check is not finished." +
      (resets ? " The record shows " + resets + " reset" + (resets > 1 ? "s" : "") + " (see Trainee results)." : "");
  }

  window.addEventListener("hashchange", fill);
  fill();
})();
