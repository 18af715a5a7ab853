"""The onboarding course's LMS package in Chromium, under scorm-again's SCORM 1.2 runtime playing the LMS (as
window.API in a page that frames the course, served over HTTP like an LMS serves its content): a trainee who
passes, one who fails, and a relaunch that resumes, with no request outside the package."""

from __future__ import annotations

import functools
import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from macros.content.handbook import Handbook
from macros.content.models import Question
from macros.outputs.print_files import SCORM_ZIP_NAME
from macros.paths import PROJECT_DIR
from tests.browsing import quiz_page
from tests.conftest import Site

RUNTIME = PROJECT_DIR / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
LMS_PAGE = Path(__file__).parent.parent / "lms" / "lms.html"
TIMESPAN = r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def lms(site: Site, tmp_path_factory) -> Iterator[str]:
    """The test LMS and the course unzipped under it, served on a local port; yields the LMS page's address."""
    if not RUNTIME.is_file():
        pytest.fail(f"{RUNTIME} is missing: run `make test`, which installs the npm packages in package.json")
    root = tmp_path_factory.mktemp("lms")
    with zipfile.ZipFile(site.online / SCORM_ZIP_NAME) as package:
        package.extractall(root / "course")
    shutil.copy(RUNTIME, root / "scorm12.min.js")
    shutil.copy(LMS_PAGE, root / "lms.html")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


class Trainee:
    """One browser profile in front of the LMS: opens the course, answers, ticks, closes it."""

    def __init__(self, browser, lms: str) -> None:
        self.lms = lms
        self.context = browser.new_context(viewport={"width": 1100, "height": 900})
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _route(self, route) -> None:
        if route.request.url.startswith(self.lms):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def launch(self, kept: dict | None = None) -> None:
        self.page.goto(self.lms + "lms.html")
        self.page.evaluate("kept => window.launch(kept)", kept)
        self.page.wait_for_function(
            "(document.getElementById('sco').contentDocument?.getElementById('course-frame')"
            "?.contentDocument?.querySelector('article')) != null")

    @property
    def content(self):
        """The frame of the handbook's pages, inside the course's launch page."""
        course = next(frame for frame in self.page.frames if frame.url.endswith("/course/course.html"))
        return course.child_frames[0]

    def go(self, path: str) -> None:
        self.content.goto(self.lms + "course/" + path)
        self.content.wait_for_selector("article")

    def answer(self, book: Handbook, choices: dict[str, str]) -> None:
        """Answer questions (id -> choice) through the self-check pages, step by step."""
        for quiz in book.quizzes():
            mine = [q for q in quiz.questions if q.id in choices]
            if not mine:
                continue
            self.go(f"onboarding/quiz/{quiz.step.id}.html")
            for question in mine:
                self.content.locator(f"#q-{question.id}-{choices[question.id]}").check()
                self.content.locator(f"#q-{question.id} [data-check]").click()

    def close(self) -> dict:
        """Close the course as an LMS does (the frame goes away); return what the LMS recorded."""
        self.page.evaluate("window.close_course()")
        self.page.wait_for_function("window.finished === true")
        return self.page.evaluate("window.record()")

    def __enter__(self) -> Trainee:
        return self

    def __exit__(self, *exc) -> None:
        self.context.close()


def _wrong(question: Question) -> str:
    return next(c.key for c in question.choices if c.key != question.answer)


def in_path_order(book: Handbook) -> list[Question]:
    """The questions in the order a trainee meets them: step by step along the path."""
    return [q for quiz in book.quizzes() for q in quiz.questions]


def _interactions(cmi: dict) -> list[dict]:
    """cmi.interactions.0, .1, ... in order (scorm-again keeps them as an object keyed by index)."""
    return [cmi["interactions"][key] for key in sorted(cmi["interactions"], key=int)]


def test_a_trainee_who_answers_well_passes(browser, lms: str, book: Handbook) -> None:
    with Trainee(browser, lms) as trainee:
        trainee.launch()
        assert trainee.page.evaluate("window.API.cmi.core.lesson_status") == "incomplete"
        trainee.go("onboarding/self-checks.html")
        note = trainee.content.locator("article").inner_text()
        assert "your learning system records" in note and "never sent anywhere" not in note, \
            "in the course, the pages still say nothing is sent anywhere"
        assert not trainee.content.get_by_role("button", name="Reset my progress").count() or not \
            trainee.content.get_by_role("button", name="Reset my progress").is_visible()
        trainee.answer(book, {q.id: q.answer for q in book.questions})
        cmi = trainee.close()
        assert not trainee.outside, trainee.outside
    core = cmi["core"]
    assert core["lesson_status"] == "passed"
    assert (core["score"]["raw"], core["score"]["min"], core["score"]["max"]) == ("100", "0", "100")
    assert core["exit"] == ""
    assert core["lesson_location"].startswith("onboarding/quiz/")
    assert re.match(TIMESPAN, core["session_time"]), core["session_time"]
    recorded = _interactions(cmi)
    assert [(i["id"], i["type"], i["student_response"], i["result"]) for i in recorded] == [
        (q.id, "choice", q.answer, "correct") for q in in_path_order(book)]


def test_a_trainee_who_answers_badly_fails_and_retries_do_not_change_it(browser, lms: str, book: Handbook) -> None:
    with Trainee(browser, lms) as trainee:
        trainee.launch()
        trainee.answer(book, {q.id: _wrong(q) for q in book.questions})
        quiz = book.quizzes()[0]
        trainee.go(f"onboarding/quiz/{quiz.step.id}.html")
        trainee.content.locator("[data-quiz-reset]").click()   # a new attempt, answered right
        for question in quiz.questions:
            trainee.content.locator(f"#q-{question.id}-{question.answer}").check()
            trainee.content.locator(f"#q-{question.id} [data-check]").click()
        cmi = trainee.close()
        assert not trainee.outside, trainee.outside
    assert cmi["core"]["lesson_status"] == "failed"
    assert cmi["core"]["score"]["raw"] == "0", "a right answer on a second attempt changed the score"
    recorded = _interactions(cmi)
    assert len(recorded) == len(book.questions), "a retry added interactions"
    assert all(i["result"] == "wrong" for i in recorded)
    assert [i["student_response"] for i in recorded] == [_wrong(q) for q in in_path_order(book)]


def test_a_relaunch_resumes_where_the_trainee_was(browser, lms: str, book: Handbook) -> None:
    step = next(s for s in book.path if s.drills)
    first_half = book.questions[: len(book.questions) // 2]
    with Trainee(browser, lms) as trainee:
        trainee.launch()
        trainee.answer(book, {q.id: q.answer for q in first_half})
        trainee.go("onboarding/drills.html")
        trainee.content.locator(f"#done-drill-{step.drills[0]}").check()
        trainee.go(f"chapters/{step.chapters[0]}.html" if step.chapters else "onboarding/index.html")
        cmi = trainee.close()
        assert not trainee.outside, trainee.outside
    core = cmi["core"]
    assert core["lesson_status"] == "incomplete" and core["exit"] == "suspend"
    assert core["score"]["raw"] == str(round(100 * len(first_half) / len(book.questions)))
    assert len(cmi["suspend_data"]) <= 4096

    # The LMS relaunches with what it kept, in another browser profile (another device: nothing stored locally).
    kept = {"core": {"lesson_location": core["lesson_location"], "lesson_status": core["lesson_status"],
                     "entry": "resume", "score": core["score"]},
            "suspend_data": cmi["suspend_data"], "interactions": cmi["interactions"]}
    with Trainee(browser, lms) as again:
        again.launch(kept)
        assert again.content.url.endswith(core["lesson_location"]), "the course did not reopen where the trainee was"
        again.go("onboarding/index.html")
        card = again.content.locator(f"[data-step='{step.id}']")
        assert card.locator(f"[data-done='drill:{step.drills[0]}']").inner_text() == "(done)"
        question = first_half[0]
        again.go(quiz_page(book, question))
        assert again.content.locator(f"#q-{question.id}-{question.answer}").is_checked()
        assert again.content.locator(f"#q-{question.id}-{question.answer}").is_disabled(), "a kept answer reopened"
        again.answer(book, {q.id: q.answer for q in book.questions[len(first_half):]})
        cmi = again.close()
        assert not again.outside, again.outside
    assert cmi["core"]["lesson_status"] == "passed"
    assert sorted(i["id"] for i in _interactions(cmi)) == sorted(q.id for q in book.questions), \
        "an answer was reported twice, or not at all"
