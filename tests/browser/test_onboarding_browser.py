"""Drills and self-checks in a real Chromium, on the offline edition opened from file://."""

from __future__ import annotations

import json

from macros.content.handbook import Handbook
from macros.content.models import Question
from tests.browsing import Offline, do_every_part, quiz_page, url
from tests.conftest import Site
from tests.pdf_reading import pdf_words


def _wrong(question: Question) -> str:
    return next(c.key for c in question.choices if c.key != question.answer)


def _stored_answers(page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('handbook.checked') || '{}'"))


def _answer(page, question: Question, key: str) -> None:
    """Choose a choice and press Check: the answer counts only then."""
    page.locator(f"#q-{question.id}-{key}").check()
    page.locator(f"#q-{question.id} [data-check]").click()


def test_drill_answers_open_only_once_the_trainee_has_written_theirs(browser, site: Site, book: Handbook) -> None:
    drill = book.drills[-1]
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "onboarding/drills.html"))
        box = page.locator(f"[data-drill='{drill.id}']")
        assert box.get_by_text(drill.situation).is_visible()
        questions = box.locator(".drill__questions .drill__question")
        assert questions.all_inner_texts() == [item.question for item in drill.debrief], "the questions show alone"
        step = box.get_by_text(drill.good_service[0])
        model = box.get_by_text(drill.debrief[0].answer)
        box.get_by_text("What good service looks like").click()
        box.get_by_text("Model answers (for the trainer)").click()
        assert not step.is_visible() and not model.is_visible(), "an answer opened before the trainee wrote one"
        assert box.locator("[data-drill-locked]").is_visible()

        notes = box.locator("textarea.drill__note")
        for i in range(notes.count()):
            notes.nth(i).fill(f"My answer {i + 1}: greet them, listen, then call my supervisor.")
            if i < notes.count() - 1:
                box.get_by_text("What good service looks like").click()
                assert not step.is_visible(), "the answers opened before every question had an answer"
        assert not box.locator("[data-drill-locked]").is_visible()
        box.get_by_text("What good service looks like").click()
        box.get_by_text("Avoid", exact=True).click()
        box.get_by_text("Protocol still requires").click()
        box.get_by_text("Model answers (for the trainer)").click()
        for shown in (step, box.get_by_text(drill.avoid[0]), box.get_by_text(drill.protocol[0]), model):
            assert shown.is_visible()

        page.reload()
        assert notes.first.input_value().startswith("My answer 1"), "the written answer was not kept on the device"
        stored = json.loads(page.evaluate("localStorage.getItem('handbook.drill-notes')"))
        assert stored[f"{drill.id}:1"].startswith("My answer 1")
        assert not offline.outside


def test_a_checked_answer_is_scored_locked_and_kept_across_reloads(browser, site: Site, book: Handbook) -> None:
    quiz = book.quizzes()[0]
    step, (first, second), in_step = quiz.step, quiz.questions[:2], len(quiz.questions)
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, quiz_page(book, first)))
        form = page.locator(f"#q-{first.id}")
        answer_box = form.locator("details.self-check__answer")
        feedback = form.locator(".self-check__feedback")
        assert not answer_box.is_visible(), "the explanation can be read before answering"
        score = page.locator(f"[data-quiz='{step.id}'] [data-quiz-score]")
        assert f"0 of {in_step} right (0 answered)" in score.inner_text()

        form.locator(f"#q-{first.id}-{_wrong(first)}").check()
        assert feedback.inner_text() == "" and not answer_box.is_visible(), "a choice was graded before Check"
        form.locator("[data-check]").click()
        assert "Not quite" in feedback.inner_text() and "\u2717" in feedback.inner_text()
        assert answer_box.is_visible()
        right = form.locator(f"#q-{first.id}-{first.answer}")
        assert right.is_disabled() and form.locator("[data-check]").is_disabled(), "a checked answer can be changed"
        _answer(page, second, second.answer)
        assert f"1 of {in_step} right (2 answered)" in score.inner_text()

        page.reload()
        assert page.locator(f"#q-{first.id}-{_wrong(first)}").is_checked(), "the answer did not survive a reload"
        assert page.locator(f"#q-{first.id}-{first.answer}").is_disabled()
        assert "\u2717" in page.locator(f"#q-{first.id} .self-check__feedback").inner_text()
        assert f"1 of {in_step} right (2 answered)" in score.inner_text()
        page.goto(url(site, "onboarding/self-checks.html"))
        overview = page.locator("[data-quiz-overview]")
        assert f"1 of {in_step} right (2 answered)" in overview.locator("tr", has_text=step.title).inner_text()
        total = overview.locator("tr", has_text="All self-checks").inner_text()
        assert f"1 of {len(book.questions)} right (2 answered)" in total
        assert _stored_answers(page) == {first.id: {"first": _wrong(first), "now": _wrong(first)},
                                         second.id: {"first": second.answer, "now": second.answer}}
        assert not offline.outside


def test_arrow_keys_move_the_choice_and_grade_nothing(browser, site: Site, book: Handbook) -> None:
    question = next(q for q in book.questions if len(q.choices) >= 3)
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, quiz_page(book, question)))
        form = page.locator(f"#q-{question.id}")
        form.locator("input[type=radio]").first.focus()
        page.keyboard.press("Space")
        for _ in range(len(question.choices)):
            page.keyboard.press("ArrowDown")
            assert form.locator(".self-check__feedback").inner_text() == "", "moving the choice graded it"
            assert not form.locator("details.self-check__answer").is_visible()
        assert _stored_answers(page) == {}
        assert "(0 answered)" in page.locator("[data-quiz-score]").inner_text()
        chosen = form.locator("input[type=radio]:checked").get_attribute("value")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.hasAttribute('data-check')"), "Check comes next by keyboard"
        page.keyboard.press("Enter")
        assert _stored_answers(page) == {question.id: {"first": chosen, "now": chosen}}


def test_wrong_then_right_scores_zero_and_a_new_attempt_shows_as_such(browser, site: Site, book: Handbook) -> None:
    quiz, later = book.quizzes()[:2]
    step, (first, other), in_step = quiz.step, quiz.questions[:2], len(quiz.questions)
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, quiz_page(book, first)))
        _answer(page, first, _wrong(first))
        elsewhere = later.questions[0]
        page.goto(url(site, quiz_page(book, elsewhere)))
        _answer(page, elsewhere, elsewhere.answer)
        page.goto(url(site, quiz_page(book, first)))
        quiz = page.locator(f"[data-quiz='{step.id}']")
        quiz.locator("[data-quiz-reset]").click()
        assert not page.locator(f"#q-{first.id}-{_wrong(first)}").is_checked()
        assert page.locator(f"#q-{first.id} .self-check__feedback").inner_text() == ""
        assert not page.locator(f"#q-{first.id} details.self-check__answer").is_visible()
        _answer(page, first, first.answer)
        _answer(page, other, other.answer)
        score = quiz.locator("[data-quiz-score]").inner_text()
        assert f"(first tries): 1 of {in_step} right (2 answered)" in score, score
        assert f"Attempt 2: 2 of {in_step} right (2 answered)" in score, score
        page.reload()
        assert page.locator(f"#q-{first.id}-{first.answer}").is_checked()
        assert "Attempt 2" in quiz.locator("[data-quiz-score]").inner_text()
        assert _stored_answers(page)[first.id] == {"first": _wrong(first), "now": first.answer}
        assert _stored_answers(page)[elsewhere.id] == {"first": elsewhere.answer, "now": elsewhere.answer}, \
            "a new attempt at one step's self-check cleared another's"


def test_reset_asks_first_and_clears_only_after_confirming(browser, site: Site, book: Handbook) -> None:
    step = book.path[0]
    question = book.questions[0]
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, quiz_page(book, question)))
        _answer(page, question, question.answer)
        page.goto(url(site, "onboarding/index.html"))
        do_every_part(page, book, step)   # a step ticks only once its parts are done
        tick = page.locator(f"#done-step-{step.id}")
        tick.check()
        confirm = page.get_by_role("button", name="Yes, clear my progress")
        assert not confirm.is_visible()

        page.get_by_role("button", name="Reset my progress").click()
        assert confirm.is_visible(), "reset did not ask first"
        assert tick.is_checked(), "reset cleared before the reader confirmed"
        page.get_by_role("button", name="Cancel").click()
        page.reload()
        assert page.locator(f"#done-step-{step.id}").is_checked()

        page.get_by_role("button", name="Reset my progress").click()
        page.get_by_role("button", name="Yes, clear my progress").click()
        assert not page.locator(f"#done-step-{step.id}").is_checked()
        page.reload()
        assert not page.locator(f"#done-step-{step.id}").is_checked()
        assert _stored_answers(page) == {}
        page.goto(url(site, quiz_page(book, question)))
        assert not page.locator(f"#q-{question.id}-{question.answer}").is_checked()


def test_without_javascript_drill_answers_and_explanations_can_be_opened(browser, site: Site,
                                                                         book: Handbook) -> None:
    drill = book.drills[0]
    question = book.questions[0]
    with Offline(browser, java_script_enabled=False) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "onboarding/drills.html"))
        box = page.locator(f"[data-drill='{drill.id}']")
        box.get_by_text("Model answers (for the trainer)").click()
        assert box.get_by_text(drill.debrief[0].answer).is_visible()
        page.goto(url(site, quiz_page(book, question)))
        summary = page.locator(f"#q-{question.id} details summary")
        assert summary.is_visible()
        summary.click()
        assert f"Answer: {question.answer.upper()}" in page.locator(f"#q-{question.id} details").inner_text()


def test_a_printed_drill_shows_its_answers_and_model_answers(browser, site: Site, book: Handbook) -> None:
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "onboarding/drills.html"))
        printed = page.pdf()
    text = pdf_words(printed)
    for drill in book.drills:
        # Trainers print drills: the closed answers come out open.
        assert " ".join(drill.good_service[0].split()[:6]) in text, drill.id
        assert " ".join(drill.debrief[0].answer.split()[:6]) in text, drill.id


def test_the_path_shows_what_the_trainee_did_on_the_other_pages(browser, site: Site, book: Handbook) -> None:
    step = next(s for s in book.path if s.drills and s.chapters)
    drill = step.drills[0]
    question = next(q for q in book.questions if q.chapter in step.chapters)
    in_step = sum(q.chapter in step.chapters for q in book.questions)
    with Offline(browser, viewport={"width": 390, "height": 844}) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "onboarding/drills.html"))
        box = page.locator(f"[data-drill='{drill}']")
        box.locator(f"#done-drill-{drill}").check()
        assert "1 of" in page.locator("[data-progress-summary]").inner_text(), "the drills page counts its ticks"
        back = box.locator(".drill__path a").first
        assert back.get_attribute("href").endswith(f"#step-{step.id}"), "a drill links back to its step"
        following = box.locator(".drill__path a").last.get_attribute("href")   # "next in this step"
        assert following.endswith(f"#drill-{step.drills[1]}" if len(step.drills) > 1 else f"quiz/{step.id}.html")
        page.goto(url(site, quiz_page(book, question)))
        _answer(page, question, question.answer)
        page.goto(url(site, f"chapters/{step.chapters[0]}.html"))
        page.locator("article.md-content__inner > :last-child").scroll_into_view_if_needed()
        page.wait_for_function(f"(JSON.parse(localStorage.getItem('handbook.read') || '{{}}'))['{step.chapters[0]}']")

        page.goto(url(site, "onboarding/index.html"))
        card = page.locator(f"[data-step='{step.id}']")
        assert card.locator(f"[data-done='drill:{drill}']").inner_text() == "(done)"
        assert card.locator(f"[data-read='{step.chapters[0]}']").inner_text() == "(read)"
        assert card.locator("[data-questions]").inner_text() == f"(1 of {in_step} answered)"
        state = card.locator("[data-step-state]").inner_text()
        assert f"drills 1 of {len(step.drills)} done" in state and f"self-check 1 of {in_step} answered" in state
        assert "done 1 of" in page.locator("[data-progress-summary]").inner_text(), "the path counts the drill"
        assert not offline.outside


def test_my_progress_is_the_trainees_own_record_on_one_page_with_their_name(browser, site: Site,
                                                                         book: Handbook) -> None:
    import io

    import pdfplumber

    step = book.path[0]
    question = next(q for q in book.questions if q.chapter == step.chapters[0])
    in_step = len(next(quiz for quiz in book.quizzes() if quiz.step.id == step.id).questions)
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "onboarding/drills.html"))
        page.locator(f"#done-drill-{step.drills[0]}").check()
        page.goto(url(site, quiz_page(book, question)))
        _answer(page, question, _wrong(question))
        page.goto(url(site, "onboarding/my-progress.html"))
        record = page.locator("[data-my-progress]")
        assert "your own record, from this device only" in record.inner_text()
        row = record.locator("tr", has_text=step.title)
        assert f"1 of {len(step.drills)}" in row.locator("[data-cell='drills']").inner_text()
        assert row.locator("[data-cell='score']").inner_text() == f"0 of {in_step} right (1 answered)", \
            "the first, wrong try is the score"
        assert row.locator("[data-cell='finished']").inner_text() == "not yet"
        score = record.locator("tr", has=page.locator("th", has_text="All self-checks")).inner_text()
        assert f"0 of {len(book.questions)} right (1 answered)" in score

        page.get_by_label("Your name").fill("Ana Ruiz")
        page.get_by_label("Your group or class").fill("Night shift")
        page.get_by_role("button", name="Save my name").click()
        assert not page.get_by_label("Your name").is_visible(), "the name is asked again once saved"
        do_every_part(page, book, step)
        page.goto(url(site, "onboarding/index.html"))
        page.locator(f"#done-step-{step.id}").check()
        page.goto(url(site, "onboarding/my-progress.html"))
        today = page.evaluate("new Date().toISOString().slice(0, 10)")
        assert row.locator("[data-cell='finished']").inner_text() == today
        assert not page.get_by_label("Your name").is_visible(), "the name was not kept on the device"
        for paper in ("Letter", "A4"):
            with pdfplumber.open(io.BytesIO(page.pdf(format=paper, prefer_css_page_size=True))) as document:
                assert len(document.pages) == 1, f"my progress prints on {len(document.pages)} pages of {paper}"
                text = " ".join((document.pages[0].extract_text() or "").split())
            assert "Trainee: Ana Ruiz Group: Night shift" in text, text[:300]
            assert today in text, "the finished step's date is not on paper"
            assert "Save my name" not in text and "Hand in your record" not in text
        assert not offline.outside
