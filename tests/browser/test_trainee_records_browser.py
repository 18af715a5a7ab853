"""Results a trainer sees without an LMS, in a real Chromium on the offline edition: a step is finished only when its
parts are done, a trainee hands in a record (file or code) that keeps every reset, and the trainer's page reads
three of them into one table, a CSV and a print-out, and refuses a mistyped code or a changed file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pdfplumber

from macros.content.handbook import Handbook
from macros.content.models import Question
from macros.content.onboarding import Quiz
from tests.browsing import PHONE, Offline, axe_violations, do_every_part, url
from tests.conftest import Site


def _quiz(book: Handbook, number: int) -> Quiz:
    return book.quizzes()[number]


def _wrong(question: Question) -> str:
    return next(c.key for c in question.choices if c.key != question.answer)


def _answer(page, site: Site, quiz: Quiz, answers: list[tuple[Question, str]]) -> None:
    """Check these answers on the step's self-check page."""
    page.goto(url(site, f"onboarding/quiz/{quiz.step.id}.html"))
    for question, key in answers:
        page.locator(f"#q-{question.id}-{key}").check()
        page.locator(f"#q-{question.id} [data-check]").click()


def _name(page, site: Site, name: str, group: str) -> None:
    page.goto(url(site, "onboarding/my-progress.html"))
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your group or class").fill(group)
    page.get_by_role("button", name="Save my name").click()


def _export_file(page, site: Site) -> tuple[str, str]:
    """Save the record from My progress: (the file's name, its text)."""
    page.goto(url(site, "onboarding/my-progress.html"))
    with page.expect_download() as saved:
        page.get_by_role("button", name="Save my record as a file").click()
    return saved.value.suggested_filename, Path(saved.value.path()).read_text(encoding="utf-8")


def _export_code(page, site: Site) -> str:
    page.goto(url(site, "onboarding/my-progress.html"))
    page.get_by_role("button", name="Show my record code").click()
    return page.get_by_label("Your record code").input_value()


def _today(page) -> str:
    return page.evaluate("new Date().toISOString().slice(0, 10)")


def test_a_step_is_finished_only_when_its_parts_are_done(browser, site: Site, book: Handbook) -> None:
    step = book.path[0]
    quiz = _quiz(book, 0)
    assert quiz.step is step and len(step.chapters) == 2 and step.drills
    drill = next(d.title for d in book.drills if d.id == step.drills[0])
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "onboarding/index.html"))
        # The chapters as the path names them, from its links.
        chapters = [page.locator(f"[data-step='{step.id}'] a[href*='chapters/{slug}.html']").inner_text()
                    for slug in step.chapters]
        box = page.locator(f"#done-step-{step.id}")
        note = page.locator(f"[data-step='{step.id}'] [data-step-tick-state]")
        box.click()
        assert not box.is_checked(), "a step with nothing done was ticked"
        said = note.inner_text()
        for missing in [*chapters, drill, f"answer {len(quiz.questions)} more self-check questions"]:
            assert missing in said, f"{missing!r} is not named in {said!r}"

        page.goto(url(site, f"chapters/{step.chapters[0]}.html"))
        page.locator("article.md-content__inner > :last-child").scroll_into_view_if_needed()
        page.wait_for_function(f"JSON.parse(localStorage.getItem('handbook.read') || '{{}}')['{step.chapters[0]}']")
        first, second = quiz.questions[:2]
        _answer(page, site, quiz, [(first, first.answer), (second, _wrong(second))])
        page.goto(url(site, "onboarding/drills.html"))
        page.locator(f"#done-drill-{step.drills[0]}").check()
        page.goto(url(site, "onboarding/index.html"))
        box.click()
        assert not box.is_checked()
        said = note.inner_text()
        left = len(quiz.questions) - 2
        assert said == ("Not ticked: this step is not finished yet. "
                        f"Still to do: read \u201c{chapters[1]}\u201d to its end; "
                        f"answer {left} more self-check questions (2 of {len(quiz.questions)} answered)."), said

        # A tick an older version kept, with parts still missing, is no finished step anywhere.
        page.evaluate(f"""() => {{ const p = JSON.parse(localStorage.getItem('handbook.progress'));
            p['step:{step.id}'] = '2020-01-02'; localStorage.setItem('handbook.progress', JSON.stringify(p)); }}""")
        page.reload()
        assert box.is_checked() and note.inner_text().startswith("Ticked, but this step is not finished yet.")
        assert "You have finished 0 of" in page.locator("[data-progress-summary]").inner_text()
        page.goto(url(site, "onboarding/my-progress.html"))
        finished = page.locator(f"[data-record-step='{step.id}'] [data-cell='finished']")
        assert finished.inner_text() == "not yet (ticked, parts missing)"

        do_every_part(page, book, step)
        page.goto(url(site, "onboarding/index.html"))
        today = _today(page)
        assert note.inner_text() == f"Finished on {today}.", "the step finishes the day its last part is done"
        assert "You have finished 1 of" in page.locator("[data-progress-summary]").inner_text()
        page.goto(url(site, "onboarding/my-progress.html"))
        assert finished.inner_text() == today

        page.goto(url(site, "onboarding/drills.html"))
        page.locator(f"#done-drill-{step.drills[0]}").uncheck()
        page.goto(url(site, "onboarding/my-progress.html"))
        assert finished.inner_text() == "not yet (ticked, parts missing)", "a step stayed finished without its drill"
        assert not offline.outside


def test_a_trainer_loads_three_records_into_one_table_a_csv_and_a_print_out(browser, site: Site,
                                                                             book: Handbook) -> None:
    first, second, third = _quiz(book, 0), _quiz(book, 1), _quiz(book, 2)
    q = first.questions
    with Offline(browser, accept_downloads=True) as ana:
        page = ana.context.new_page()
        _answer(page, site, first,
                [(q[0], q[0].answer), (q[1], _wrong(q[1])), (q[2], q[2].answer), (q[3], q[3].answer)])
        page.goto(url(site, "onboarding/index.html"))
        page.get_by_role("button", name="Reset my progress").click()
        assert page.get_by_text("Your trainer will see this reset.").is_visible(), "reset does not warn the trainee"
        page.get_by_role("button", name="Yes, clear my progress").click()
        today = _today(page)
        assert f"Your record keeps this reset ({today})" in page.locator("[data-progress-summary]").inner_text()
        _answer(page, site, first, [(q[0], q[0].answer), (q[1], q[1].answer)])
        page.get_by_role("button", name="Try again: a new attempt at this self-check").click()
        _answer(page, site, first, [(q[0], _wrong(q[0]))])   # a later attempt never changes the first tries
        _name(page, site, "Ana Ruiz", "Night shift")
        resets = page.locator("[data-record-resets]").inner_text()
        assert resets == f"{today} (cleared 4 self-check answers, 0 step ticks, 0 drills, 0 chapters read).", resets
        ana_file = _export_file(page, site)
        assert not ana.outside
    assert ana_file[0] == f"training-record-ana-ruiz-{today}.json"
    ana_record = json.loads(ana_file[1])
    assert ana_record["trainee"] == "Ana Ruiz" and ana_record["resets"][0]["cleared"]["self_checks"] == {
        first.step.id: {"answered": 4, "first_try_right": 3}}
    assert ana_record["steps"][0]["self_check"] == {"questions": len(q), "answered": 2, "first_try_right": 2,
                                                     "attempts": 2}

    with Offline(browser, accept_downloads=True) as bo:
        page = bo.context.new_page()
        page.goto(url(site, "onboarding/index.html"))
        for quiz in (first, second):
            do_every_part(page, book, quiz.step)
        page.reload()
        for quiz in (first, second):
            page.locator(f"#done-step-{quiz.step.id}").check()
        _name(page, site, "Bo Chen", "  night   SHIFT ")
        bo_file = _export_file(page, site)

    with Offline(browser, accept_downloads=True, **PHONE) as cruz:   # on a phone
        page = cruz.context.new_page()
        wrong = third.questions[0]
        _answer(page, site, third, [(wrong, _wrong(wrong))])
        _name(page, site, '=Cruz, "CJ"', "Night Shift")
        cruz_code = _export_code(page, site)
        assert not axe_violations(page), "My progress with its code shown fails an accessibility check"
    assert cruz_code.startswith("HB1-") and len(cruz_code) < 120, cruz_code

    with Offline(browser, accept_downloads=True) as trainer:
        page = trainer.context.new_page()
        page.goto(url(site, "onboarding/trainer-results.html"))
        page.get_by_label("Record files").set_input_files([
            {"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}
            for name, text in (ana_file, bo_file)])
        page.wait_for_function("document.querySelectorAll('[data-trainer-messages] li').length === 2")
        page.get_by_label("Or paste record codes").fill(f"Here is mine:\n{cruz_code}\n")
        page.get_by_role("button", name="Add the codes").click()
        assert "added =Cruz" in page.locator("[data-trainer-messages]").inner_text()
        tables = page.locator("table.trainer-table")
        assert tables.count() == 1, "three trainees of one group make one table"
        assert tables.locator("caption").inner_text() == "Group: Night shift (3 trainees)"
        assert tables.locator("tbody tr").count() == 3

        def cell(trainee: str, step_id: str) -> list[str]:
            found = tables.locator(f"tr[data-trainee='{trainee}'] td[data-step='{step_id}'] .trainer-table__line")
            return found.all_inner_texts()

        n1, n2, n3 = len(first.questions), len(second.questions), len(third.questions)
        assert cell("Ana Ruiz", first.step.id) == [
            f"Not finished: read 0/{len(first.step.chapters)}, drills 0/{len(first.step.drills)}",
            f"First try 2/{n1} (2 answered)", "Attempts: 2", f"Reset {today}: had 3/{n1} (4 answered)"]
        assert tables.locator("tr[data-trainee='Ana Ruiz'] td[data-resets]").inner_text() == \
            f"{today}: cleared 4 answers, 0 step ticks, 0 drills, 0 chapters read"
        assert cell("Bo Chen", first.step.id) == [f"Finished {today}", f"First try {n1}/{n1}"]
        assert cell("Bo Chen", second.step.id) == [f"Finished {today}", f"First try {n2}/{n2}"]
        assert tables.locator("tr[data-trainee='Bo Chen'] td[data-resets]").inner_text() == "None"
        assert cell('=Cruz, "CJ"', third.step.id)[1] == f"First try 0/{n3} (1 answered)"

        with page.expect_download() as saved:
            page.get_by_role("button", name="Download as CSV").click()
        assert saved.value.suggested_filename == f"trainee-results-{today}.csv"
        text = Path(saved.value.path()).read_text(encoding="utf-8-sig")
        rows = {row["Trainee"]: row for row in csv.DictReader(io.StringIO(text))}
        assert set(rows) == {"Ana Ruiz", "Bo Chen", "'=Cruz, \"CJ\""}, "a name a spreadsheet would run is not guarded"
        ana_row, bo_row = rows["Ana Ruiz"], rows["Bo Chen"]
        assert (ana_row["Step 1 answered"], ana_row["Step 1 first-try right"], ana_row["Step 1 of questions"],
                ana_row["Step 1 attempts"], ana_row["Step 1 finished"]) == ("2", "2", str(n1), "2", "")
        assert ana_row["Resets"] == "1" and f"step 1 had 3/{n1}" in ana_row["Reset details"]
        assert (bo_row["Step 2 finished"], bo_row["Step 2 first-try right"], bo_row["Resets"]) == (today, str(n2), "0")
        assert {row["Group"] for row in rows.values()} == {"Night shift", "night SHIFT", "Night Shift"}

        assert not axe_violations(page), "the results table fails an accessibility check"
        page.reload()
        assert page.locator("table.trainer-table tbody tr").count() == 3, "the loaded records were not kept"
        for paper in ("Letter", "A4"):
            with pdfplumber.open(io.BytesIO(page.pdf(format=paper, prefer_css_page_size=True))) as document:
                sizes = [(p.width, p.height) for p in document.pages]
                printed = " ".join(" ".join((p.extract_text() or "").split()) for p in document.pages)
                rows = [[" ".join((cell or "").split()) for cell in row]
                        for table in document.pages[0].extract_tables() for row in table]   # read from its rules
            assert len(sizes) == 1 and sizes[0][0] > sizes[0][1], f"the results print on {sizes} on {paper}"
            assert "Group: Night shift (3 trainees)" in printed
            ana_printed = next(row for row in rows if row[0].startswith("Ana Ruiz"))
            assert f"First try 2/{n1} (2 answered)" in ana_printed[1], ana_printed
            assert f"Reset {today}" in ana_printed[1], ana_printed
            assert f"{today}: cleared 4 answers" in ana_printed[-1]
            assert [row[0].split(" record")[0] for row in rows[1:]] == ['=Cruz, "CJ"', "Ana Ruiz", "Bo Chen"]
            for control in ("Load records", "Add the codes", "Download as CSV", "Remove all records", "Sign-off sheet"):
                assert control not in printed, f"{control!r} is on paper"

        # Bo's sign-off sheet, filled in from his record: his name and the scores of the self-checks he finished.
        page.get_by_role("link", name="Sign-off sheet for Bo Chen").click()
        page.wait_for_url("**/sign-off.html#record=*")
        assert page.locator("[data-sign-off-field='Trainee']").inner_text() == "Bo Chen (night SHIFT)"
        filled = {step.id: page.locator(f"[data-sign-off-score='{step.id}'] [data-score-value]").inner_text()
                  for step in book.path if page.locator(f"[data-sign-off-score='{step.id}']").count()}
        finished = {first.step.id: str(n1), second.step.id: str(n2)}
        assert filled == {quiz.step.id: finished.get(quiz.step.id, "") for quiz in book.quizzes()}
        assert page.locator("[data-sign-off-from]").inner_text().startswith(
            f"Name and first-try scores from Bo Chen's record of {today}.")
        for paper in ("Letter", "A4"):
            with pdfplumber.open(io.BytesIO(page.pdf(format=paper, prefer_css_page_size=True))) as document:
                assert len(document.pages) == 1, \
                    f"the filled sign-off sheet takes {len(document.pages)} pages of {paper}"
                printed = " ".join((document.pages[0].extract_text() or "").split())
            assert "Trainee: Bo Chen (night SHIFT)" in printed and f"First-try score: {n1} of {n1}" in printed
        assert not trainer.outside


def test_a_mistyped_code_or_a_changed_file_is_refused(browser, site: Site, book: Handbook) -> None:
    quiz = _quiz(book, 0)
    with Offline(browser, accept_downloads=True) as offline:
        page = offline.context.new_page()
        _answer(page, site, quiz, [(question, question.answer) for question in quiz.questions[:3]])
        _name(page, site, "Dee Lopez", "")
        code = _export_code(page, site)
        name, text = _export_file(page, site)
        page.goto(url(site, "onboarding/trainer-results.html"))
        # Every one-character typo and every swap of two neighbours, straight through record.js.
        caught = page.evaluate("""code => {
          const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
          const refused = text => { try { handbookRecord.fromCode(text); return false; }
                                    catch (error) { return error instanceof handbookRecord.RecordError; } };
          const tried = {typos: 0, swaps: 0, missed: []};
          for (let i = 4; i < code.length; i++) {
            if (code[i] === '-') continue;
            for (const other of alphabet) {
              if (other === code[i]) continue;
              tried.typos++;
              const typo = code.slice(0, i) + other + code.slice(i + 1);
              if (!refused(typo)) tried.missed.push(typo);
            }
            let j = i + 1; if (code[j] === '-') j++;
            if (j < code.length && code[j] !== code[i]) {
              tried.swaps++;
              const swap = code.split(''); [swap[i], swap[j]] = [swap[j], swap[i]];
              if (!refused(swap.join(''))) tried.missed.push(swap.join(''));
            }
          }
          tried.original = !refused(code);
          return tried;
        }""", code)
        assert caught["original"], "the untouched code was refused"
        assert caught["typos"] > 1000 and caught["swaps"] > 20 and not caught["missed"], caught["missed"][:3]

        typo = code[:10] + ("A" if code[10] != "A" else "B") + code[11:]
        page.get_by_label("Or paste record codes").fill(typo)
        page.get_by_role("button", name="Add the codes").click()
        said = page.locator("[data-trainer-messages]").inner_text()
        assert "Code 1: not added: a character is wrong, missing or extra" in said, said
        assert page.locator("table.trainer-table").count() == 0

        changed = json.loads(text)
        changed["steps"][0]["self_check"]["first_try_right"] = len(quiz.questions[:3]) - 1
        cut = text[: len(text) // 2]
        page.get_by_label("Record files").set_input_files([
            {"name": "changed.json", "mimeType": "application/json", "buffer": json.dumps(changed).encode()},
            {"name": "cut.json", "mimeType": "application/json", "buffer": cut.encode()},
            {"name": "notes.json", "mimeType": "application/json", "buffer": b'{"hello": "world"}'}])
        page.wait_for_function("document.querySelectorAll('[data-trainer-messages] li').length === 3")
        said = page.locator("[data-trainer-messages] li").all_inner_texts()
        assert said == [
            "File changed.json: not added: its content no longer matches its record code: "
            "the file was changed after it was saved.",
            "File cut.json: not added: it is not a record file (it is not JSON, or it is cut short).",
            "File notes.json: not added: it is not a training record from this handbook."], said
        assert page.locator("table.trainer-table").count() == 0

        other_path = page.evaluate("""code => { handbookRecord.outline().path = '0000';
          try { handbookRecord.fromCode(code); return ''; } catch (error) { return error.message; } }""", code)
        assert other_path.startswith("it was made with another version of the onboarding path"), other_path
        assert not offline.outside
