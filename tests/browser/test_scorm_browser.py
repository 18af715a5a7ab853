"""The onboarding course's LMS package in Chromium, launched from a deep path of a stand-in LMS served over HTTP
(tests/lms/lms.html), under two SCORM 1.2 runtimes: scorm-again's, and a strict API written from the RTE
(tests/lms/strict-scorm12.js) in its modes: as is, with Moodle's rule at LMSFinish (a raw score against the mastery
score decides the status), and with an empty cmi.interactions._count. A trainee who passes, one who fails, one who
leaves halfway and resumes on another device, and a passed trainee whose progress record the LMS cleared; then LMSs
that refuse: suspend_data over their quota, LMSInitialize "false" or throwing, no LMSFinish. Nothing is requested
outside the package."""

from __future__ import annotations

import functools
import json
import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.content.handbook import Handbook
from macros.content.models import Question
from macros.outputs.print_files import SCORM_ZIP_NAME
from macros.outputs.scorm_progress import LIMIT, ProgressLayout, progress_layout
from macros.paths import TEMPLATES_DIR
from tests.browsing import OUTSIDE_ADDRESSES, OUTSIDE_REQUESTS, outside_requests, quiz_page, search_landings
from tests.conftest import Site
from tests.project import PROJECT_DIR

RUNTIME = PROJECT_DIR / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
LMS_FILES = Path(__file__).parent.parent / "lms"
COURSE_DIR = "pluginfile.php/31/mod_scorm/content/7"   # a deep path, as an LMS serves a package from
COURSE = f"../{COURSE_DIR}/course.html"                 # from the LMS page, lms/lms.html
TIMESPAN = r"^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$"
RECORDS = "records your progress"
ERROR_CALLS = {"LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"}
DEAD_PROXY = "http://127.0.0.1:9"   # the discard port: nothing listens there

# The runtimes every trainee is tested under: scorm-again, and the strict API as is and in its two LMS modes.
RUNTIMES = {
    "scorm-again": {"runtime": "scorm-again"},
    "strict": {"runtime": "strict"},
    "strict-moodle": {"runtime": "strict", "moodle": True},
    "strict-empty-count": {"runtime": "strict", "emptyCount": True},
}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def lms(site: Site, tmp_path_factory) -> Iterator[str]:
    """The test LMS and the course unzipped under it, served on a local port; yields the server's address."""
    if not RUNTIME.is_file():
        pytest.fail(f"{RUNTIME} is missing: run `make test`, which installs the npm packages in package.json")
    root = tmp_path_factory.mktemp("lms")
    with zipfile.ZipFile(site.online / SCORM_ZIP_NAME) as package:
        package.extractall(root / COURSE_DIR)
    (root / "lms").mkdir()
    for source in (RUNTIME, LMS_FILES / "lms.html", LMS_FILES / "strict-scorm12.js"):
        shutil.copy(source, root / "lms" / source.name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


class Trainee:
    """One browser profile (one device) in front of the LMS: opens the course, answers, ticks, closes it."""

    def __init__(self, browser, lms: str, book: Handbook) -> None:
        self.lms = lms
        self.book = book
        # Every request but the LMS's goes to a proxy that is not there, and fails (as browsing.Offline, with no
        # request routed through Playwright); each is recorded.
        self.context = browser.new_context(viewport={"width": 1100, "height": 900},
                                           proxy={"server": DEAD_PROXY, "bypass": urlsplit(lms).hostname})
        self.outside = outside_requests(self.context, lms)
        self.page = self.context.new_page()
        self.answers = 0   # times the trainee answered: one question, or a page's worth at once
        self.pages = 0     # pages shown in the course's frame

    def launch(self, runtime: dict, kept: dict | None = None, **modes) -> None:
        self.page.goto(self.lms + "lms/lms.html")
        options = {"mastery": self.book.course.mastery_score, **runtime, **modes, "course": COURSE, "kept": kept}
        self.page.evaluate("options => window.launch(options)", options)
        self.page.wait_for_function(
            "(document.getElementById('sco').contentDocument?.getElementById('course-frame')"
            "?.contentDocument?.querySelector('article')) != null")
        self.pages += 1

    @property
    def course(self):
        """The course's launch page, in the LMS's frame."""
        return next(frame for frame in self.page.frames if frame.url.endswith("/course.html"))

    @property
    def content(self):
        """The frame of the handbook's pages, inside the launch page."""
        return self.course.child_frames[0]

    @property
    def bar(self) -> str:
        return self.course.locator("#course-status").inner_text()

    def go(self, path: str) -> None:
        self.content.goto(f"{self.lms}{COURSE_DIR}/{path}")
        self.content.wait_for_selector("article")
        self.pages += 1

    def answer(self, choices: dict[str, str]) -> None:
        """Answer questions (id -> choice) on their self-check pages, step by step, as fast as the page allows."""
        for quiz in self.book.quizzes():
            mine = {q.id: choices[q.id] for q in quiz.questions if q.id in choices}
            if not mine:
                continue
            self.go(f"onboarding/quiz/{quiz.step.id}.html")
            self.content.evaluate("""choices => {
                for (const [id, key] of Object.entries(choices)) {
                    document.getElementById(`q-${id}-${key}`).click();
                    document.querySelector(`#q-${id} [data-check]`).click();
                }
            }""", mine)
            self.answers += 1

    def answer_one(self, question: Question, key: str) -> None:
        """Answer one question on the page shown, with the mouse."""
        self.content.locator(f"#q-{question.id}-{key}").check()
        self.content.locator(f"#q-{question.id} [data-check]").click()
        self.answers += 1

    def record(self) -> dict:
        return self.page.evaluate("window.record()")

    def log(self) -> list[dict]:
        return self.page.evaluate("window.API.log")

    def close(self) -> dict:
        """Close the course as an LMS does (the frame goes away); return what the LMS recorded."""
        self.page.evaluate("window.close_course()")
        self.page.wait_for_function("window.finished === true")
        return self.record()

    def __enter__(self) -> Trainee:
        return self

    def __exit__(self, *exc) -> None:
        self.context.close()


def _wrong(question: Question) -> str:
    return next(c.key for c in question.choices if c.key != question.answer)


def in_path_order(book: Handbook) -> list[Question]:
    """The questions in the order a trainee meets them: step by step along the path."""
    return [q for quiz in book.quizzes() for q in quiz.questions]


def kept_from(record: dict) -> dict:
    """What an LMS keeps of a session for the next launch."""
    return {key: record[key] for key in ("lesson_status", "lesson_location", "score_raw", "score_min", "score_max",
                                         "suspend_data", "interactions")} | {
        "scorm_again_interactions": record.get("scorm_again_interactions")}


def spec_problems(trainee: Trainee, runtime: dict, kept: dict | None = None) -> None:
    """Under the strict API: no call the RTE forbids, no value sent twice, no commit beyond one per answer or page
    (and one at the end)."""
    if runtime["runtime"] != "strict":
        return
    log = trainee.log()
    refused = [entry for entry in log if entry["error"] != "0" and entry["call"] not in ERROR_CALLS]
    assert not refused, refused[:5]
    held = {"cmi.core.lesson_status": (kept or {}).get("lesson_status", "not attempted"),
            "cmi.suspend_data": (kept or {}).get("suspend_data", ""),
            "cmi.core.lesson_location": (kept or {}).get("lesson_location", "")}
    again = []
    for entry in log:
        if entry["call"] == "LMSSetValue":
            element, value = entry["args"]
            if held.get(element) == value:
                again.append(entry["args"])
            held[element] = value
    assert not again, f"values sent again unchanged: {again[:5]}"
    commits = sum(entry["call"] == "LMSCommit" for entry in log)
    assert commits <= trainee.answers + trainee.pages + 1, (commits, trainee.answers, trainee.pages)


def summary(name: str, record: dict) -> None:
    """The CMI values a runtime ended with (shown with pytest -s)."""
    shown = {key: record[key] for key in ("lesson_status", "score_raw", "score_min", "score_max", "exit",
                                          "lesson_location", "session_time")}
    print(f"\n{name}: {json.dumps(shown)} interactions={len(record['interactions'])} "
          f"suspend_data={len(record['suspend_data'])} characters")


@pytest.mark.parametrize("runtime", RUNTIMES.values(), ids=RUNTIMES.keys())
def test_a_trainee_who_answers_well_passes(browser, lms: str, book: Handbook, runtime: dict) -> None:
    with Trainee(browser, lms, book) as trainee:
        trainee.launch(runtime)
        assert trainee.page.evaluate("window.record().lesson_status") == "incomplete"
        assert RECORDS in trainee.bar
        trainee.go("onboarding/self-checks.html")
        note = trainee.content.locator("article").inner_text()
        assert "your learning system records" in note and "never sent anywhere" not in note, \
            "in the course, the pages still say nothing is sent anywhere"
        assert not trainee.content.get_by_role("button", name="Reset my progress").is_visible()
        # The first step's self-check one question at a time: each answer is committed at once.
        first = book.quizzes()[0]
        trainee.go(f"onboarding/quiz/{first.step.id}.html")
        for number, question in enumerate(first.questions, start=1):
            trainee.answer_one(question, question.answer)
            if runtime["runtime"] == "strict":
                trainee.page.wait_for_function(f"window.record().interactions.length === {number}")
        trainee.answer({q.id: q.answer for q in book.questions if q not in first.questions})
        trainee.page.wait_for_function("window.record().lesson_status === 'passed'")
        assert "Passed: 100% right at the first try" in trainee.bar and RECORDS in trainee.bar
        cmi = trainee.close()
        spec_problems(trainee, runtime)
        assert not trainee.outside, trainee.outside
    summary(f"pass, {runtime}", cmi)
    assert cmi["lesson_status"] == "passed"
    assert (cmi["score_raw"], cmi["score_min"], cmi["score_max"]) == ("100", "0", "100")
    assert cmi["exit"] == ""
    assert cmi["lesson_location"].startswith("onboarding/quiz/")
    assert re.match(TIMESPAN, cmi["session_time"]), cmi["session_time"]
    assert [(i["id"], i["type"], i["student_response"], i["result"]) for i in cmi["interactions"]] == [
        (q.id, "choice", q.answer, "correct") for q in in_path_order(book)]


@pytest.mark.parametrize("runtime", RUNTIMES.values(), ids=RUNTIMES.keys())
def test_a_trainee_who_answers_badly_fails_and_retries_do_not_change_it(browser, lms: str, book: Handbook,
                                                                       runtime: dict) -> None:
    with Trainee(browser, lms, book) as trainee:
        trainee.launch(runtime)
        trainee.answer({q.id: _wrong(q) for q in book.questions})
        quiz = book.quizzes()[0]
        trainee.go(f"onboarding/quiz/{quiz.step.id}.html")
        trainee.content.locator("[data-quiz-reset]").click()   # a new attempt, answered right
        for question in quiz.questions:
            trainee.answer_one(question, question.answer)
        cmi = trainee.close()
        spec_problems(trainee, runtime)
        assert not trainee.outside, trainee.outside
    summary(f"fail, {runtime}", cmi)
    assert cmi["lesson_status"] == "failed"
    assert (cmi["score_raw"], cmi["score_min"], cmi["score_max"]) == ("0", "0", "100"), \
        "a right answer on a second attempt changed the score"
    assert cmi["exit"] == ""
    recorded = cmi["interactions"]
    assert len(recorded) == len(book.questions), "a retry added interactions, or an answer was lost"
    assert all(i["result"] == "wrong" for i in recorded)
    assert [i["student_response"] for i in recorded] == [_wrong(q) for q in in_path_order(book)]


@pytest.mark.parametrize("runtime", RUNTIMES.values(), ids=RUNTIMES.keys())
def test_a_trainee_who_leaves_halfway_stays_incomplete_and_resumes_on_another_device(
        browser, lms: str, book: Handbook, runtime: dict) -> None:
    step = next(s for s in book.path if s.drills)
    order = in_path_order(book)
    first_half = order[: len(order) // 2]
    with Trainee(browser, lms, book) as trainee:
        trainee.launch(runtime)
        trainee.answer({q.id: q.answer for q in first_half})
        trainee.go("onboarding/drills.html")
        trainee.content.locator(f"#done-drill-{step.drills[0]}").check()
        trainee.go(f"chapters/{step.chapters[0]}.html")
        trainee.content.evaluate("document.querySelector('article').lastElementChild.scrollIntoView()")
        trainee.content.wait_for_function(
            f"(localStorage.getItem('handbook.read') || '').includes('{step.chapters[0]}')")
        cmi = trainee.close()
        spec_problems(trainee, runtime)
        assert not trainee.outside, trainee.outside
    summary(f"half-done, {runtime}", cmi)
    assert cmi["lesson_status"] == "incomplete", "a half-done attempt is no longer incomplete"
    assert cmi["exit"] == "suspend"
    assert cmi["score_raw"] == "", "a score was sent before the status was final"
    assert [i["id"] for i in cmi["interactions"]] == [q.id for q in first_half]
    assert 0 < len(cmi["suspend_data"]) <= LIMIT

    # The LMS relaunches with what it kept, in another browser profile (another device: nothing stored locally).
    kept = kept_from(cmi)
    with Trainee(browser, lms, book) as again:
        again.launch(runtime, kept)
        assert again.content.url.endswith(cmi["lesson_location"]), "the course did not reopen where the trainee was"
        again.go("onboarding/index.html")
        card = again.content.locator(f"[data-step='{step.id}']")
        assert card.locator(f"[data-done='drill:{step.drills[0]}']").inner_text() == "(done)"
        assert card.locator(f"[data-read='{step.chapters[0]}']").inner_text() == "(read)"
        question = first_half[0]
        again.go(quiz_page(book, question))
        assert again.content.locator(f"#q-{question.id}-{question.answer}").is_checked()
        assert again.content.locator(f"#q-{question.id}-{question.answer}").is_disabled(), "a kept answer reopened"
        again.answer({q.id: q.answer for q in order[len(first_half):]})
        cmi = again.close()
        spec_problems(again, runtime, kept)
        assert not again.outside, again.outside
    assert cmi["lesson_status"] == "passed"
    assert [i["id"] for i in cmi["interactions"]] == [q.id for q in order], \
        "an answer was reported twice, written over, or not at all"


@pytest.mark.parametrize("held, raw", [("passed", "90"), ("failed", "40")])
@pytest.mark.parametrize("runtime", RUNTIMES.values(), ids=RUNTIMES.keys())
def test_a_final_status_never_drops(browser, lms: str, book: Handbook, runtime: dict, held: str, raw: str) -> None:
    """The LMS kept a final status but cleared suspend_data: what the trainee does now lowers nothing. The LMS's
    mastery score (85 here) is the pass mark the course shows."""
    questions = in_path_order(book)
    earlier = [{"id": q.id, "type": "choice", "student_response": q.answer, "result": "correct",
                "correct_responses": [{"pattern": q.answer}], "objectives": []} for q in questions]
    kept = {"lesson_status": held, "lesson_location": "onboarding/index.html", "score_raw": raw,
            "score_min": "0", "score_max": "100", "suspend_data": "", "interactions": earlier}
    with Trainee(browser, lms, book) as trainee:
        trainee.launch(runtime, kept, mastery=85)
        words = "Passed" if held == "passed" else "Not passed"
        assert f"{words}: {raw}% right at the first try (pass mark 85%)" in trainee.bar and RECORDS in trainee.bar
        trainee.answer({q.id: _wrong(q) for q in questions[:3]})
        trainee.go("onboarding/index.html")
        cmi = trainee.close()
        spec_problems(trainee, runtime, kept)
        if runtime["runtime"] == "strict":
            sent = {entry["args"][0] for entry in trainee.log() if entry["call"] == "LMSSetValue"}
            lowered = {e for e in sent if e.startswith(("cmi.core.lesson_status", "cmi.core.score"))}
            if held == "passed":
                lowered |= {e for e in sent if e.startswith("cmi.interactions")}
            assert not lowered, lowered
    assert cmi["lesson_status"] == held and cmi["score_raw"] == raw


def test_a_record_of_another_layout_is_not_read_and_the_trainee_is_told(browser, lms: str, book: Handbook) -> None:
    layout = progress_layout(book)
    other = "1zzzz" + "002" + "-" * (layout.length - 8)   # the same length, another layout's fingerprint
    kept = {"lesson_status": "incomplete", "suspend_data": other, "interactions": [
        {"id": "old-1", "type": "choice", "objectives": [], "correct_responses": []},
        {"id": "old-2", "type": "choice", "objectives": [], "correct_responses": []}]}
    with Trainee(browser, lms, book) as trainee:
        trainee.launch(RUNTIMES["strict-empty-count"], kept)
        assert trainee.bar.startswith("Your earlier ticks and answers were kept by another version of this course "
                                      "and could not be restored here")
        question = book.quizzes()[0].questions[0]
        trainee.answer({question.id: question.answer})
        cmi = trainee.close()
    assert [i["id"] for i in cmi["interactions"]] == ["old-1", "old-2", question.id], \
        "the count of interactions in the record's header was not used"


def test_the_course_commits_after_an_answer_a_page_and_at_the_end_only(browser, lms: str, book: Handbook) -> None:
    """A tick, a chapter read to its end and a new attempt are sent, and committed with the next answer or page."""
    step = next(s for s in book.path if s.drills and s.chapters)
    quiz = book.quizzes()[0]
    with Trainee(browser, lms, book) as trainee:

        def commits(expected: int) -> int:   # once the course has made the commits expected, how many it made
            trainee.page.wait_for_function(
                f"window.API.log.filter(e => e.call === 'LMSCommit').length >= {expected}")
            return sum(entry["call"] == "LMSCommit" for entry in trainee.log())

        def sent(element: str) -> int:
            return sum(entry["call"] == "LMSSetValue" and entry["args"][0] == element for entry in trainee.log())

        def settles(before: int) -> None:   # the course has sent a new record of progress
            trainee.page.wait_for_function(
                f"window.API.log.filter(e => e.args[0] === 'cmi.suspend_data').length > {before}")

        trainee.launch(RUNTIMES["strict"])
        assert commits(1) == 1, "the first page is one commit"
        trainee.go("onboarding/drills.html")
        assert commits(2) == 2
        before = sent("cmi.suspend_data")
        trainee.content.locator(f"#done-drill-{step.drills[0]}").check()
        settles(before)
        assert commits(2) == 2, "a tick was committed on its own"
        trainee.go(f"chapters/{step.chapters[0]}.html")
        assert commits(3) == 3
        before = sent("cmi.suspend_data")
        trainee.content.evaluate("document.querySelector('article').lastElementChild.scrollIntoView()")
        settles(before)
        assert commits(3) == 3, "a chapter read was committed on its own"
        trainee.go(f"onboarding/quiz/{quiz.step.id}.html")
        assert commits(4) == 4
        for number, question in enumerate(quiz.questions[:2], start=1):
            trainee.answer_one(question, _wrong(question))
            assert commits(4 + number) == 4 + number, "an answer is not one commit"
        before = sent("cmi.suspend_data")
        trainee.content.locator("[data-quiz-reset]").click()
        settles(before)
        assert commits(6) == 6, "a new attempt was committed on its own"
        trainee.answer_one(quiz.questions[0], quiz.questions[0].answer)
        assert commits(7) == 7
        trainee.close()
        assert commits(8) == 8, "the end is one commit"
        spec_problems(trainee, RUNTIMES["strict"])


def test_an_lms_that_refuses_suspend_data_is_named_and_nothing_more_is_sent(browser, lms: str, book: Handbook) -> None:
    quiz = book.quizzes()[0]
    with Trainee(browser, lms, book) as trainee:
        trainee.launch(RUNTIMES["strict"])
        trainee.go(f"onboarding/quiz/{quiz.step.id}.html")
        assert "Your learning system records your first answers" in trainee.content.locator("article").inner_text()
        kept = trainee.record()["suspend_data"]
        trainee.page.evaluate("window.API.suspendLimit = 100")   # the LMS's quota is reached
        trainee.answer_one(quiz.questions[0], quiz.questions[0].answer)
        trainee.page.wait_for_function(
            "document.getElementById('sco').contentDocument.getElementById('course-status').textContent"
            ".includes('refused')")
        bar = trainee.bar
        assert "refused to record your progress (error 405: Incorrect data type)" in bar, bar
        assert "what you do now is not recorded" in bar and RECORDS not in bar
        # The page in the frame loads again and now says its answers stay on the device.
        trainee.content.wait_for_function("document.readyState === 'complete' && "
                                          "!document.documentElement.classList.contains('in-course')")
        trainee.content.wait_for_selector("article")
        note = trainee.content.locator("article").inner_text()
        assert "nothing is sent anywhere" in note and "Your learning system records" not in note
        assert trainee.content.locator(f"#q-{quiz.questions[0].id}-{quiz.questions[0].answer}").is_disabled()
        refused_at = len(trainee.log())
        trainee.answer_one(quiz.questions[1], quiz.questions[1].answer)
        trainee.go("onboarding/index.html")
        cmi = trainee.close()
        assert not trainee.outside, trainee.outside
        after = [entry["call"] for entry in trainee.log()[refused_at:] if entry["call"] not in ERROR_CALLS]
    assert after == ["LMSFinish"], f"the course kept sending after the LMS refused: {after}"
    assert cmi["suspend_data"] == kept, "the LMS's record of progress changed"
    assert "refused to record your progress" in bar


@pytest.mark.parametrize("mode, said", [
    ({"initialize": "false"}, "did not start this session (error 101: General exception)"),
    ({"initialize": "throw"}, "did not start this session (its connection failed: The session could not be opened"),
], ids=["initialize-false", "initialize-throws"])
def test_an_lms_that_will_not_start_a_session_is_named(browser, lms: str, book: Handbook, mode: dict,
                                                      said: str) -> None:
    with Trainee(browser, lms, book) as trainee:
        trainee.launch(RUNTIMES["strict"], **mode)
        bar = trainee.bar
        assert said in bar and "nothing you do here is recorded" in bar, bar
        assert "No learning system found" not in bar and "Connecting" not in bar and RECORDS not in bar
        assert trainee.content.url.endswith("onboarding/index.html")
        trainee.go("onboarding/self-checks.html")
        note = trainee.content.locator("article").inner_text()
        assert "never sent anywhere" in note and "your learning system records" not in note
        calls = {entry["call"] for entry in trainee.log()} - ERROR_CALLS
        assert calls == {"LMSInitialize"}, calls
        assert not trainee.outside, trainee.outside


def test_an_lms_with_lmsterminate_and_no_lmsfinish_records_and_closes(browser, lms: str, book: Handbook) -> None:
    quiz = book.quizzes()[0]
    with Trainee(browser, lms, book) as trainee:
        trainee.launch(RUNTIMES["strict"], terminateOnly=True)
        trainee.answer({q.id: q.answer for q in quiz.questions})
        trainee.course.get_by_role("button", name="Save and finish for now").click()
        trainee.page.wait_for_function("window.finished === true")
        assert trainee.bar == "Your progress is saved. You can close this window."
        cmi = trainee.record()
        spec_problems(trainee, RUNTIMES["strict"])
        ends = [entry for entry in trainee.log() if entry["call"] == "LMSTerminate"]
    assert [(e["args"], e["result"]) for e in ends] == [([""], "true")]
    assert cmi["finished"] and cmi["lesson_status"] == "incomplete" and cmi["exit"] == "suspend"
    assert [i["id"] for i in cmi["interactions"]] == [q.id for q in quiz.questions]


def test_the_launch_page_says_so_when_no_lms_is_there_and_search_works(browser, lms: str, book: Handbook) -> None:
    with Trainee(browser, lms, book) as trainee:
        trainee.page.goto(f"{lms}{COURSE_DIR}/course.html")
        trainee.page.wait_for_function("document.getElementById('course-frame').contentDocument?.querySelector('article')")
        assert trainee.page.locator("#course-status").inner_text() == \
            "No learning system found: nothing is recorded. The handbook works as usual."
        # The package's one search index, fetched over HTTP as an LMS serves it.
        landings = search_landings(trainee.page.frames[1], "guy passed out")
        assert landings and landings[0].startswith(f"{lms}{COURSE_DIR}/"), landings
        assert not trainee.outside, trainee.outside


def test_the_lms_tests_catch_every_outside_request(browser, lms: str, book: Handbook) -> None:
    """What every Trainee's "nothing outside" check counts on: a request outside the LMS fails and is recorded."""
    with Trainee(browser, lms, book) as trainee:
        trainee.launch(RUNTIMES["strict"])
        assert trainee.content.evaluate(OUTSIDE_REQUESTS, OUTSIDE_ADDRESSES) == ["failed"] * len(OUTSIDE_ADDRESSES)
        assert trainee.outside == OUTSIDE_ADDRESSES


def doubled(layout: ProgressLayout) -> ProgressLayout:
    """Twice today's content: every question, self-check, tick and chapter again under another name."""
    def twice(items: tuple[str, ...]) -> tuple[str, ...]:
        return items + tuple(f"{item}-again" for item in items)
    return ProgressLayout(twice(layout.questions), twice(layout.quizzes), twice(layout.ticks), twice(layout.chapters))


def test_the_progress_record_is_bounded_at_twice_todays_content(browser, book: Handbook) -> None:
    """suspend-data.js writes every record of a layout at the length the build counts on, today's content and
    twice it fit SCORM 1.2's 4,096 characters, and a record reads back as it was written."""
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><title>Record</title>")
        page.add_script_tag(path=str(TEMPLATES_DIR / "scorm" / "suspend-data.js"))
        for layout in (progress_layout(book), doubled(progress_layout(book))):
            data = layout.as_data()
            # The worst case: everything done and dated, every self-check retried as often as the format counts.
            worst = page.evaluate("""layout => {
                const state = {checked: {}, attempts: {}, progress: {}, read: {}};
                layout.questions.forEach((id, n) => {
                    state.checked[id] = {first: "abcdef"[n % 6], now: "fedcba"[n % 6]};
                });
                layout.quizzes.forEach((id, n) => { state.attempts[id] = n % 2 ? 11 : SuspendData.MOST_ATTEMPTS; });
                layout.ticks.forEach((key, n) => { state.progress[key] = "2026-0" + (1 + n % 9) + "-1" + (n % 10); });
                layout.chapters.forEach((slug, n) => { state.read[slug] = "2031-12-2" + (n % 10); });
                const text = SuspendData.encode(layout, state, 46655);
                return {text, state, back: SuspendData.decode(layout, text),
                        empty: SuspendData.encode(layout, {}, 0).length,
                        other: SuspendData.decode({...layout, fingerprint: "zzzz"}, text)};
            }""", data)
            assert len(worst["text"]) == worst["empty"] == layout.length, "the record's length depends on progress"
            assert layout.length <= LIMIT
            assert worst["back"] == {"state": worst["state"], "written": 46655, "found": "read"}
            assert worst["other"]["found"] == "unreadable" and worst["other"]["written"] == 46655
        # The course's first record format (JSON keyed by ids) is still read.
        legacy = page.evaluate("""layout => SuspendData.decode(layout, JSON.stringify(
            {p: {"step:x": "2025-01-02"}, c: {q1: "ab", q2: "c-"}, a: {s: 3}, r: {ch: "2025-01-03"}}))""",
                               progress_layout(book).as_data())
        assert legacy == {"found": "read", "written": 2, "state": {
            "checked": {"q1": {"first": "a", "now": "b"}, "q2": {"first": "c"}}, "attempts": {"s": 3},
            "progress": {"step:x": "2025-01-02"}, "read": {"ch": "2025-01-03"}}}
    finally:
        page.close()
