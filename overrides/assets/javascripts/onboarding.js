/* Onboarding: self-check answers and scores, and progress ticks. Everything stays in this
   browser (localStorage); nothing is sent anywhere (in the LMS package, the course's own page reports it). Without JavaScript the pages still work:
   every answer can be read in its "Show the answer" box. */
(function () {
  "use strict";

  /* storage.js, loaded first: the keys by their names in storage.yml (progress, checked, attempts, notes, read,
     resets, old_answers). */
  var read = window.handbookStorage.read;
  var write = window.handbookStorage.write;
  var record = window.handbookRecord;         // from record.js, loaded before this file

  /* In the LMS package the pages sit in the course's frame, which reports progress to the LMS: the pages then
     say so (CSS shows [data-in-course] and hides [data-outside-course]), and offer no reset, which would not
     undo what the LMS has recorded. */
  var inCourse = (function () {
    try { return window.parent !== window && Boolean(window.parent.handbookCourse); } catch (error) { return false; }
  })();
  if (inCourse) document.documentElement.classList.add("in-course");

  /* --- Self-checks -------------------------------------------------------------------- */
  /* A choice counts once it is checked with the Check button; arrow keys only move the choice. The first
     checked answer to each question is its score. "Try again" starts a new attempt at a quiz: its answers are
     cleared and checked again, and the attempt is shown, while the first tries stay the score. */

  function questionId(form) { return form.id.replace(/^q-/, ""); }

  function today() { return new Date().toISOString().slice(0, 10); }

  function showFeedback(form, choice) {
    var feedback = form.querySelector(".self-check__feedback");
    var answer = form.querySelector(".self-check__answer");
    feedback.textContent = "";
    if (!choice) {
      feedback.className = "self-check__feedback";
      answer.hidden = true;
      answer.open = false;
      return;
    }
    var right = choice === form.dataset.answer;
    var icon = document.createElement("span");
    icon.className = "self-check__icon";
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = right ? "\u2713" : "\u2717";
    feedback.appendChild(icon);
    feedback.appendChild(document.createTextNode(right
      ? " Right. Open the answer to read why."
      : " Not quite. Open the answer to read why."));
    feedback.className = "self-check__feedback " + (right ? "is-right" : "is-wrong");
    answer.hidden = false;
  }

  function prompt(form, text) {
    var feedback = form.querySelector(".self-check__feedback");
    feedback.className = "self-check__feedback";
    feedback.textContent = text;
  }

  /* A checked question is locked until the next attempt: its choices and its button stop taking input. */
  function lock(form, choice) {
    form.querySelectorAll("input[type=radio]").forEach(function (radio) {
      radio.checked = radio.value === choice;
      radio.disabled = true;
    });
    form.querySelector("[data-check]").disabled = true;
    showFeedback(form, choice);
  }

  function unlock(form) {
    form.reset();
    form.querySelectorAll("input[type=radio]").forEach(function (radio) { radio.disabled = false; });
    form.querySelector("[data-check]").disabled = false;
    showFeedback(form, null);
  }

  function count(forms, checked, which) {
    var right = 0;
    var answered = 0;
    forms.forEach(function (form) {
      var entry = checked[questionId(form)];
      var choice = entry && entry[which];
      if (!choice) return;
      answered += 1;
      if (choice === form.dataset.answer) right += 1;
    });
    return right + " of " + forms.length + " right (" + answered + " answered)";
  }

  function setUpSelfChecks() {
    var quizzes = Array.prototype.slice.call(document.querySelectorAll("[data-quiz]"));
    if (!quizzes.length) return;
    write("old_answers", null);   // picks from before answers were checked: they never counted

    function formsOf(quiz) { return Array.prototype.slice.call(quiz.querySelectorAll("form.self-check")); }

    function updateScores() {
      var checked = read("checked", {});
      var attempts = read("attempts", {});
      quizzes.forEach(function (quiz) {
        var forms = formsOf(quiz);
        var text = "Your score (first tries): " + count(forms, checked, "first") + ".";
        var attempt = attempts[quiz.dataset.quiz] || 1;
        if (attempt > 1) text += " Attempt " + attempt + ": " + count(forms, checked, "now") + ".";
        quiz.querySelector("[data-quiz-score]").textContent = text;
      });
    }

    quizzes.forEach(function (quiz) {
      var forms = formsOf(quiz);
      var checked = read("checked", {});
      forms.forEach(function (form) {
        var button = form.querySelector("[data-check]");
        button.hidden = false;
        var entry = checked[questionId(form)];
        if (entry && entry.now) lock(form, entry.now);
        else showFeedback(form, null);
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          var picked = form.querySelector("input[type=radio]:checked");
          if (!picked) {
            prompt(form, "Choose an answer, then press Check.");
            return;
          }
          var stored = read("checked", {});
          var record = stored[questionId(form)] || {};
          if (!record.first) record.first = picked.value;
          record.now = picked.value;
          stored[questionId(form)] = record;
          write("checked", stored);
          lock(form, picked.value);
          updateScores();
        });
      });
      var again = quiz.querySelector("[data-quiz-reset]");
      again.hidden = false;
      again.addEventListener("click", function () {
        var stored = read("checked", {});
        forms.forEach(function (form) {
          if (stored[questionId(form)]) delete stored[questionId(form)].now;
          unlock(form);
        });
        write("checked", stored);
        var attempts = read("attempts", {});
        attempts[quiz.dataset.quiz] = (attempts[quiz.dataset.quiz] || 1) + 1;
        write("attempts", attempts);
        updateScores();
        forms[0].querySelector("input[type=radio]").focus();
      });
    });
    updateScores();
  }

  /* --- Drills ---------------------------------------------------------------------------- */
  /* The trainee writes an answer to each of a drill's questions before its answers open; the writing stays in
     this browser. Without JavaScript the answers open freely (and nothing is kept). */

  function setUpDrills() {
    document.querySelectorAll("[data-drill]").forEach(function (drill) {
      var notes = Array.prototype.slice.call(drill.querySelectorAll("[data-drill-note]"));
      var answers = Array.prototype.slice.call(drill.querySelectorAll("[data-drill-answers] details"));
      var locked = drill.querySelector("[data-drill-locked]");
      drill.querySelector("[data-drill-kept]").hidden = false;
      function written() { return notes.every(function (note) { return note.value.trim() !== ""; }); }
      function update() {
        var open = written();
        locked.hidden = open;
        answers.forEach(function (box) {
          box.classList.toggle("is-locked", !open);
          if (!open) box.open = false;
        });
      }
      var stored = read("notes", {});
      notes.forEach(function (note) {
        note.value = stored[note.dataset.drillNote] || "";
        note.addEventListener("input", function () {
          var kept = read("notes", {});
          if (note.value.trim()) kept[note.dataset.drillNote] = note.value;
          else delete kept[note.dataset.drillNote];
          write("notes", kept);
          update();
        });
      });
      answers.forEach(function (box) {
        box.querySelector("summary").addEventListener("click", function (event) {
          if (written()) return;
          event.preventDefault();
          var empty = notes.filter(function (note) { return note.value.trim() === ""; })[0];
          if (empty) empty.focus();
        });
      });
      update();
    });
  }

  /* --- The path ----------------------------------------------------------------------------- */
  /* The path shows, for each step, what the trainee did on the other pages: chapters read (handbook.js notes
     them), drills ticked, self-check questions answered; and whether the step is finished, which it is only once
     "I have finished this step" is ticked and every part is done (record.js decides, for every page). */

  function outlineStep(id) {
    var outline = record.outline();
    return outline && outline.steps.filter(function (step) { return step.id === id; })[0];
  }

  function showStepTick(stepElement, state) {
    var note = stepElement.querySelector("[data-step-tick-state]");
    if (!note || !state) return;
    if (state.finished) note.textContent = "Finished on " + state.finished + ".";
    else if (state.ticked) note.textContent = "Ticked, but this step is not finished yet. Still to do: " + state.missing.join("; ") + ".";
    else note.textContent = "";
    note.classList.toggle("is-done", Boolean(state.finished));
  }

  function setUpPathState() {
    var steps = document.querySelectorAll("[data-step]");
    if (!steps.length) return;
    var done = read("progress", {});
    var checked = read("checked", {});
    var reading = read("read", {});
    var data = record.stored();
    function mark(element, ok, yes, no) {
      element.textContent = "(" + (ok ? yes : no) + ")";
      element.classList.toggle("is-done", ok);
      return ok ? 1 : 0;
    }
    steps.forEach(function (step) {
      var parts = [];
      var reads = step.querySelectorAll("[data-read]");
      var readCount = 0;
      reads.forEach(function (el) { readCount += mark(el, Boolean(reading[el.dataset.read]), "read", "not read yet"); });
      if (reads.length) parts.push("reading " + readCount + " of " + reads.length);
      var drills = step.querySelectorAll("[data-done]");
      var drillCount = 0;
      drills.forEach(function (el) { drillCount += mark(el, Boolean(done[el.dataset.done]), "done", "not done yet"); });
      if (drills.length) parts.push("drills " + drillCount + " of " + drills.length + " done");
      var quiz = step.querySelector("[data-questions]");
      if (quiz) {
        var ids = quiz.dataset.questions.split(" ").filter(Boolean);
        var answered = ids.filter(function (id) { return checked[id] && checked[id].first; }).length;
        quiz.textContent = "(" + answered + " of " + ids.length + " answered)";
        quiz.classList.toggle("is-done", answered === ids.length);
        parts.push("self-check " + answered + " of " + ids.length + " answered");
      }
      var state = step.querySelector("[data-step-state]");
      state.textContent = "So far: " + parts.join("; ") + ".";
      state.hidden = false;
      var shape = outlineStep(step.dataset.step);
      showStepTick(step, shape && record.stepState(shape, data));
    });
  }

  /* --- Scores ----------------------------------------------------------------------------- */
  /* A cell [data-score="id:answer id:answer ..."] gets the first-try score on those questions; [data-score-total]
     gets the score on all of them (the self-checks overview). */

  function fillScores(root) {
    var checked = read("checked", {});
    var right = 0;
    var answered = 0;
    var total = 0;
    root.querySelectorAll("[data-score]").forEach(function (cell) {
      var pairs = cell.dataset.score.split(" ").filter(Boolean).map(function (pair) { return pair.split(":"); });
      var mine = pairs.filter(function (pair) { return checked[pair[0]] && checked[pair[0]].first; });
      var good = mine.filter(function (pair) { return checked[pair[0]].first === pair[1]; }).length;
      right += good;
      answered += mine.length;
      total += pairs.length;
      cell.textContent = mine.length ? good + " of " + pairs.length + " right (" + mine.length + " answered)" : "not started";
    });
    root.querySelector("[data-score-total]").textContent =
      right + " of " + total + " right (" + answered + " answered)";
  }

  function setUpQuizOverview() {
    var overview = document.querySelector("[data-quiz-overview]");
    if (overview) fillScores(overview);
  }

  /* --- Progress ticks ------------------------------------------------------------------ */
  /* A drill's tick is the trainee's word. "I have finished this step" takes only when the step's chapters are read,
     its drills ticked and its self-check answered; otherwise the box stays clear and says what is still missing. */

  function setUpProgress() {
    var boxes = document.querySelectorAll("[data-progress-key]");
    var summary = document.querySelector("[data-progress-summary]");
    var drillMarks = document.querySelectorAll("[data-done]");   // on the path: drills ticked on the drills page
    var stepBoxes = Array.prototype.filter.call(boxes, function (box) { return box.dataset.progressKey.indexOf("step:") === 0; });
    function update() {
      if (!summary) return;
      var done = read("progress", {});
      var text;
      if (stepBoxes.length) {
        var data = record.stored();
        var finished = stepBoxes.filter(function (box) {
          var shape = outlineStep(box.dataset.progressKey.slice(5));
          return shape && record.stepState(shape, data).finished;
        });
        text = "You have finished " + finished.length + " of " + stepBoxes.length + " steps";
      } else {
        var ticked = Array.prototype.filter.call(boxes, function (box) { return done[box.dataset.progressKey]; });
        text = "You have ticked " + ticked.length + " of " + boxes.length + " on this page";
      }
      if (drillMarks.length) {
        var drills = Array.prototype.filter.call(drillMarks, function (mark) { return done[mark.dataset.done]; });
        text += ", and done " + drills.length + " of " + drillMarks.length + " drills";
      }
      summary.textContent = text + (inCourse ? ". Your learning system records your progress."
        : ". Your progress stays in this browser only.");
    }
    boxes.forEach(function (box) {
      box.checked = Boolean(read("progress", {})[box.dataset.progressKey]);
      box.addEventListener("change", function () {
        var key = box.dataset.progressKey;
        var stepElement = box.closest("[data-step]");
        if (box.checked && key.indexOf("step:") === 0) {
          var shape = outlineStep(key.slice(5));
          var missing = shape ? record.stepState(shape, record.stored()).missing : [];
          if (missing.length) {
            box.checked = false;
            stepElement.querySelector("[data-step-tick-state]").textContent =
              "Not ticked: this step is not finished yet. Still to do: " + missing.join("; ") + ".";
            return;
          }
        }
        var done = read("progress", {});
        if (box.checked) done[key] = today();   // the date shows on the progress record
        else delete done[key];
        write("progress", done);
        update();
        if (stepElement) setUpPathState();
      });
    });
    document.querySelectorAll("[data-progress-reset]").forEach(function (button) {
      var confirmBox = button.parentNode.parentNode.querySelector("[data-progress-confirm]");
      button.addEventListener("click", function () {
        confirmBox.hidden = false;
        confirmBox.querySelector("[data-progress-confirm-yes]").focus();
      });
      confirmBox.querySelector("[data-progress-confirm-yes]").addEventListener("click", function () {
        // Never silent: the record keeps the day and what was cleared, and the trainer sees both.
        var resets = read("resets", []);
        resets.push({ date: today(), cleared: record.clearedSummary(record.stored()) });
        write("resets", resets);
        write("progress", null);
        write("checked", null);
        write("attempts", null);
        write("notes", null);
        write("read", null);
        boxes.forEach(function (box) { box.checked = false; });
        confirmBox.hidden = true;
        update();
        setUpPathState();
        if (summary) {
          summary.textContent = "Your ticks and self-check answers are cleared. Your record keeps this reset (" + today() +
            ") and what it cleared, for your trainer to see. " + summary.textContent;
        }
        button.focus();
      });
      confirmBox.querySelector("[data-progress-confirm-no]").addEventListener("click", function () {
        confirmBox.hidden = true;
        button.focus();
      });
    });
    update();
  }

  function start() {
    setUpSelfChecks();
    setUpDrills();
    setUpPathState();
    setUpQuizOverview();
    setUpProgress();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
