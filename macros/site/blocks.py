"""The macros pages call: each picks data and hands it to a template; templates make the markup."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any, Protocol

from macros.content.addresses import chapter_of, chapter_page
from macros.content.cards import CardFace
from macros.content.facts import state_facts
from macros.content.models import State
from macros.content.onboarding import drill_places, duration, questions_per_step, quiz_page_path, stages
from macros.content.states import page_path
from macros.content.trainee_record import record_outline
from macros.errors import DataError
from macros.outputs.print_files import PRINT_FILES, state_deck_path, state_files
from macros.site.abbreviations import Abbreviations
from macros.site.errors import stop_on_bad_data
from macros.site.links import Linker, page_url
from macros.timing import measure, timed


class HandbookPlugin(Protocol):
    """What the macros use of the handbook plugin (macros.site.plugin, which imports this module)."""

    build: Any
    held: Any
    page_templates: Any

    @property
    def offline(self) -> bool: ...

    def offline_zip(self) -> Path | None: ...

    def scorm_zip(self) -> Path | None: ...


class Blocks:
    """Macro functions bound to one build's data and the page being rendered."""

    MACROS = (
        "chapter_list",
        "chapter_table",
        "chapter_cards",
        "card_grid",
        "urgent_cards",
        "situation_search",
        "your_state_card",
        "state_page",
        "states_table",
        "state_chooser",
        "state_notes",
        "your_state",
        "drills",
        "self_checks",
        "step_quiz",
        "learning_path",
        "sign_off_sheet",
        "drill_sign_in_sheet",
        "my_progress",
        "trainer_results",
        "chapter_path",
        "glossary",
        "print_links",
        "offline_download",
        "lms_package",
        "offline_status",
        "edition_contacts",
    )

    def __init__(self, plugin: HandbookPlugin, env: Any) -> None:
        self.plugin = plugin
        self.book = plugin.build.book
        self.env = env
        self.abbreviations = Abbreviations(self.book.glossary)

    @timed("macros")
    def _render(self, template: str, **context: Any) -> str:
        directory_urls = self.env.conf["use_directory_urls"]
        link = Linker(self.env.page.url, directory_urls)
        html = self.plugin.page_templates.get_template(template).render(
            link=link,
            abbr=self.abbreviations,
            state_path=lambda state: page_url(page_path(state), directory_urls),
            chapter_page=chapter_page,
            facts_of=state_facts,
            **context,
        )
        return self.plugin.held.hold(html) if template.endswith(".html") else html

    def _this_chapter(self, macro: str) -> str:
        """The slug of the chapter whose page is being rendered: a chapter's macros need no argument."""
        src_path = self.env.page.file.src_uri
        chapter = chapter_of(src_path)
        if chapter is None or chapter not in self.book.chapter_titles():
            raise DataError(f"docs/{src_path}: {macro}() belongs on a chapter's page (one listed in chapters.yml)")
        return chapter

    def chapter_list(self) -> str:
        """Every chapter in the book's order, as a numbered list of links (the home page)."""
        return self._render("chapter_list.md", chapters=self.book.chapters, page_link=self._markdown_link)

    def chapter_table(self) -> str:
        """Every chapter in the book's order with what it helps the reader do (the Chapters page)."""
        return self._render("chapter_table.md", chapters=self.book.chapters, page_link=self._markdown_link)

    def _markdown_link(self, src_path: str) -> str:
        """A docs path as a Markdown link from the page being rendered, which MkDocs checks and turns into a URL."""
        return posixpath.relpath(src_path, posixpath.dirname(self.env.page.file.src_uri) or ".")

    def chapter_cards(self) -> str:
        """The pocket cards that belong to this page's chapter, under their own heading."""
        page = chapter_page(self._this_chapter("chapter_cards"))
        faces = [f for f in self.book.topic_cards() if f.page == page]
        return self._render("chapter_cards.md", cards=faces)

    def card_grid(self) -> str:
        """A jump list to every card, the reader's state card slot, every topic card grouped as in
        cards.yml, then the state cards as links."""
        faces = self.book.topic_cards()
        groups = [(g.title, [f for f in faces if f.group == g.id]) for g in self.book.deck.groups]
        titles = {chapter_page(slug): title for slug, title in self.book.chapter_titles().items()}
        if self.book.edition:
            titles.update(self.book.edition.page_titles())
        return self._render(
            "card_grid.html",
            groups=groups,
            states=self.book.states,
            page_titles=titles,
            state_cards=self._state_cards(),
        )

    def urgent_cards(self) -> str:
        """Links straight to the steps of the situations an officer needs in seconds (cards marked urgent in
        cards.yml), on the Cards page, in the deck's order."""
        return self._render("urgent_cards.html", cards=self.book.urgent_cards())

    def situation_search(self) -> str:
        """The home page's "What is happening?" box: the search, with its results in the page."""
        return self._render("situation_search.html")

    def your_state_card(self) -> str:
        """The reader's state card, shown by the browser from one hidden card per state."""
        return self._render("your_state_card.html", state_cards=self._state_cards())

    def _state_cards(self) -> list[tuple[State, CardFace]]:
        """(state, its pocket card) for every state."""
        return [(state, self.book.state_card(state.code)) for state in self.book.states]

    def state_page(self, code: str) -> str:
        """The whole body of a state's page (Markdown headings around HTML blocks)."""
        state = self.book.state(code)
        return self._render(
            "state_page.md",
            state=state,
            card=self.book.state_card(code),
            deck=state_deck_path(code),
            chapters=self.book.chapter_titles(),
        )

    def states_table(self) -> str:
        """The comparison table of all states: credential, training hours, renewal."""
        return self._render("states_table.html", states=self.book.states)

    def state_chooser(self) -> str:
        """A form that remembers the reader's state in the browser."""
        return self._render("state_chooser.html", states=self.book.states)

    def state_notes(self) -> str:
        """What each state's own rules say that bears on this page's chapter."""
        chapter = self._this_chapter("state_notes")
        notes = [(s, n) for s in self.book.states for n in s.service_notes if n.chapter == chapter]
        return self._render("state_notes.html", notes=notes, chapter=chapter)

    def your_state(self) -> str:
        """A pointer to the reader's chosen state page, filled in by the browser."""
        return self._render("your_state.html", states=self.book.states)

    def drills(self) -> str:
        """Every scenario drill, in the order of the onboarding path, with its questions, answers and tick."""
        cards = {c.id: c for c in self.book.topic_cards()}
        return self._render(
            "drills.md", drills=self.book.drills_in_path_order(), cards=cards, chapters=self.book.chapter_titles(),
            places=drill_places(self.book.path, {quiz.step.id for quiz in self.book.quizzes()}),
            titles={d.id: d.title for d in self.book.drills},
            quiz_path=quiz_page_path,
        )

    def self_checks(self) -> str:
        """The self-checks at a glance: each step's quiz, its questions and the trainee's first-try score."""
        return self._render("self_checks.html", quizzes=self.book.quizzes(), total=len(self.book.questions),
                            quiz_path=quiz_page_path)

    def step_quiz(self, step_id: str) -> str:
        """One path step's self-check: its chapters' questions, a score, a new attempt, and the way on."""
        quizzes = self.book.quizzes()
        for i, quiz in enumerate(quizzes):
            if quiz.step.id == step_id:
                following = quizzes[i + 1].step if i + 1 < len(quizzes) else None
                return self._render("step_quiz.md", quiz=quiz, following=following,
                                    chapters=self.book.chapter_titles(), quiz_path=quiz_page_path)
        known = ", ".join(quiz.step.id for quiz in quizzes)
        raise DataError(f"step_quiz({step_id!r}): no path step with that id has a self-check; known: {known}")

    def learning_path(self) -> str:
        """The onboarding path by stage, with progress ticks and the state of each step's reading, drills and
        self-check (filled in by the browser from what the trainee did on those pages)."""
        cards = {c.id: c for c in self.book.topic_cards()}
        drills = {d.id: d for d in self.book.drills}
        return self._render(
            "learning_path.md",
            stages=stages(self.book.path),
            cards=cards,
            drills=drills,
            chapters=self.book.chapter_titles(),
            duration=duration,
            quizzes={quiz.step.id: quiz for quiz in self.book.quizzes()},
            quiz_path=quiz_page_path,
            outline=self._outline(),
        )

    def sign_off_sheet(self) -> str:
        """The printable record of a new hire's path and drills, with room for each step's first-try score (filled in
        from a trainee's record when the trainee results page opens it)."""
        return self._render("sign_off.html", steps=self.book.path, drills=self.book.drills,
                            questions=questions_per_step(self.book.quizzes()), outline=self._outline())

    def drill_sign_in_sheet(self) -> str:
        """The printable sign-in sheet of a drill session: its details, the drills run, a row for each trainee."""
        return self._render("drill_sign_in.html", steps=self.book.path, drills=self.book.drills,
                            numbers=self.book.drill_numbers())

    def my_progress(self) -> str:
        """The trainee's own record from this browser (filled in by my-progress.js): name, each step's parts, first-try
        scores, resets, and the record to hand in."""
        return self._render("my_progress.html", steps=self.book.path, outline=self._outline())

    def trainer_results(self) -> str:
        """The trainer's page: trainees' records loaded from files and codes, a table per group, CSV and print."""
        return self._render("trainer_results.html", outline=self._outline())

    def chapter_path(self) -> str:
        """A chapter's end: the path steps that read it, with the way back to the step and on to its next chapter,
        drills and self-check (the footer's Next follows book order)."""
        chapter = self._this_chapter("chapter_path")
        quizzes = {quiz.step.id: quiz for quiz in self.book.quizzes()}
        steps = [(number, step) for number, step in enumerate(self.book.path, start=1) if chapter in step.chapters]
        return self._render("chapter_path.html", chapter=chapter, steps=steps, total=len(self.book.path),
                            drills={d.id: d for d in self.book.drills}, quizzes=quizzes,
                            chapters=self.book.chapter_titles(), quiz_path=quiz_page_path)

    def _outline(self) -> dict[str, Any]:
        """The path's shape for the browser's record of a trainee (record.js)."""
        return record_outline(self.book.path, self.book.quizzes(), self.book.chapter_titles(),
                              {d.id: d.title for d in self.book.drills}, self.plugin.build.site_name,
                              self.book.storage.record)

    def glossary(self) -> str:
        """The glossary as a definition list."""
        return self._render("glossary.html", entries=self.book.glossary, chapters=self.book.chapter_titles())

    def print_links(self) -> str:
        """Links to every printable PDF the build makes."""
        return self._render("print_links.html", files=PRINT_FILES, states=state_files(self.book.states))

    def offline_download(self) -> str:
        """A link to the offline edition's zip, or a note where this build has none."""
        return self._render(
            "offline_download.html", edition=self._edition(), has_zip=self.plugin.offline_zip() is not None
        )

    def lms_package(self) -> str:
        """A link to the onboarding course's LMS package, or a note where this build has none."""
        return self._render("lms_package.html", edition=self._edition(), has_zip=self.plugin.scorm_zip() is not None)

    def offline_status(self) -> str:
        """Whether this device has saved the online edition for use with no signal (filled in by offline.js)."""
        return self._render("offline_status.html", edition=self._edition())

    def edition_contacts(self) -> str:
        """An edition's organisation and numbers to call, for the home page (nothing in the shared handbook)."""
        edition = self.book.edition
        if not edition or not edition.profile.contacts:
            return ""
        return self._render("edition_contacts.html", name=edition.profile.name, contacts=edition.profile.contacts)

    def _edition(self) -> str:
        return "offline" if self.plugin.offline else "online"


@stop_on_bad_data
def register_macros(macros: Any, plugin: HandbookPlugin) -> None:
    """Hand every macro of Blocks, bound to the handbook plugin's current build, to mkdocs-macros through its
    public hooks for other plugins (register_macros, register_variables), once its on_config has run."""
    with measure("macros"):
        blocks = Blocks(plugin, macros)
    macros.register_macros({name: getattr(blocks, name) for name in Blocks.MACROS})
    # The LMS course's title and pass mark, for pages.
    macros.register_variables({"course": plugin.build.book.course})
