/* Onboarding: self-check answers and scores, and progress ticks. Everything stays in this
   browser (localStorage); nothing is sent anywhere. Without JavaScript the pages still work:
   every answer can be read in its "Show the answer" box. */
(function () {
  "use strict";

  var PROGRESS_KEY = "handbook.progress";
  var ANSWERS_KEY = "handbook.answers";

  var read = window.handbookStorage.read;     // from handbook.js, loaded first
  var write = window.handbookStorage.write;

  /* --- Self-checks -------------------------------------------------------------------- */

  function questionId(form) { return form.id.replace(/^q-/, ""); }

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
      : " Not quite. Try another choice, or open the answer to read why."));
    feedback.className = "self-check__feedback " + (right ? "is-right" : "is-wrong");
    answer.hidden = false;
  }

  function scoreText(forms, answers) {
    var right = 0;
    var answered = 0;
    forms.forEach(function (form) {
      var choice = answers[questionId(form)];
      if (!choice) return;
      answered += 1;
      if (choice === form.dataset.answer) right += 1;
    });
    return right + " of " + forms.length + " right (" + answered + " answered)";
  }

  function setUpSelfChecks() {
    var quizzes = Array.prototype.slice.call(document.querySelectorAll("[data-quiz]"));
    var total = document.querySelector("[data-quiz-total]");
    if (!quizzes.length) return;

    function updateScores() {
      var answers = read(ANSWERS_KEY, {});
      var all = [];
      quizzes.forEach(function (quiz) {
        var forms = Array.prototype.slice.call(quiz.querySelectorAll("form.self-check"));
        all = all.concat(forms);
        quiz.querySelector("[data-quiz-score]").textContent = "Your score: " + scoreText(forms, answers) + ".";
      });
      if (total) total.textContent = "Your score on all self-checks: " + scoreText(all, answers) + ".";
    }

    quizzes.forEach(function (quiz) {
      var forms = Array.prototype.slice.call(quiz.querySelectorAll("form.self-check"));
      var answers = read(ANSWERS_KEY, {});
      forms.forEach(function (form) {
        var saved = answers[questionId(form)];
        var radio = saved ? form.querySelector("input[value='" + saved + "']") : null;
        if (radio) radio.checked = true;
        showFeedback(form, radio ? saved : null);
        form.addEventListener("change", function (event) {
          var stored = read(ANSWERS_KEY, {});
          stored[questionId(form)] = event.target.value;
          write(ANSWERS_KEY, stored);
          showFeedback(form, event.target.value);
          updateScores();
        });
        form.addEventListener("submit", function (event) { event.preventDefault(); });
      });
      var again = quiz.querySelector("[data-quiz-reset]");
      again.hidden = false;
      again.addEventListener("click", function () {
        var stored = read(ANSWERS_KEY, {});
        forms.forEach(function (form) {
          delete stored[questionId(form)];
          form.reset();
          showFeedback(form, null);
        });
        write(ANSWERS_KEY, stored);
        updateScores();
      });
    });
    updateScores();
  }

  /* --- Progress ticks ------------------------------------------------------------------ */

  function setUpProgress() {
    var boxes = document.querySelectorAll("[data-progress-key]");
    var summary = document.querySelector("[data-progress-summary]");
    function update() {
      if (!summary) return;
      var done = read(PROGRESS_KEY, {});
      var ticked = Array.prototype.filter.call(boxes, function (box) { return done[box.dataset.progressKey]; });
      summary.textContent = "You have ticked " + ticked.length + " of " + boxes.length +
        " on this page. Ticks stay in this browser only.";
    }
    boxes.forEach(function (box) {
      box.checked = Boolean(read(PROGRESS_KEY, {})[box.dataset.progressKey]);
      box.addEventListener("change", function () {
        var done = read(PROGRESS_KEY, {});
        if (box.checked) done[box.dataset.progressKey] = true;
        else delete done[box.dataset.progressKey];
        write(PROGRESS_KEY, done);
        update();
      });
    });
    document.querySelectorAll("[data-progress-reset]").forEach(function (button) {
      var confirmBox = button.parentNode.parentNode.querySelector("[data-progress-confirm]");
      button.addEventListener("click", function () {
        confirmBox.hidden = false;
        confirmBox.querySelector("[data-progress-confirm-yes]").focus();
      });
      confirmBox.querySelector("[data-progress-confirm-yes]").addEventListener("click", function () {
        write(PROGRESS_KEY, null);
        write(ANSWERS_KEY, null);
        boxes.forEach(function (box) { box.checked = false; });
        confirmBox.hidden = true;
        update();
        if (summary) summary.textContent = "Your ticks and self-check answers are cleared. " + summary.textContent;
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
    setUpProgress();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
