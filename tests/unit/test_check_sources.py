"""make check-sources: the checker against a local HTTP server (good page, 404, redirect, a rule whose quotes are
there or gone); no outside traffic."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from macros.cli import check_sources
from macros.cli.check_sources import Target, check, targets, write_report
from macros.content.handbook import Handbook


class _Fixture(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        if self.path == "/good":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>ok</p>")
        elif self.path == "/rule":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write("<h1>Rule 12</h1><p>Basic training consists of\n  <b>14 hours</b> of unarmed basic "
                             "classroom instruction.</p><p>Each certificate is valid for two years &amp; the "
                             "officer\u2019s card must be carried.</p>".encode())
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/good")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Fixture)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_report_gives_status_redirect_target_and_dead_links_per_state(server: str, tmp_path: Path) -> None:
    items = [
        Target("AA", 1, f"{server}/good", "government", False),
        Target("AA", 2, f"{server}/missing", "secondary", False),
        Target("BB", 1, f"{server}/moved", "law-library", False),
        Target("BB", 2, "https://authoring-uat.example.gov/x", "secondary", True),
    ]
    pauses: list[float] = []
    results = check(items, delay=0.5, timeout=5, sleep=pauses.append)
    assert pauses == [0.5, 0.5]                      # a pause between the three requests, none for the skipped one
    by_url = {r.url: r for r in results}
    assert (by_url[f"{server}/good"].outcome, by_url[f"{server}/good"].status) == ("ok", 200)
    assert (by_url[f"{server}/missing"].outcome, by_url[f"{server}/missing"].status) == ("dead", 404)
    moved = by_url[f"{server}/moved"]
    assert (moved.outcome, moved.status, moved.redirect_to) == ("redirect", 301, f"{server}/good")
    assert by_url["https://authoring-uat.example.gov/x"].outcome == "skipped"

    json_path, md_path = write_report(results, tmp_path, datetime(2026, 1, 2, tzinfo=UTC))
    report = json.loads(json_path.read_text())
    assert report["summary"] == {"ok": 1, "redirect": 1, "dead": 1, "error": 0, "skipped": 1, "quotes found": 0,
                                 "quotes gone": 0, "quotes unchecked": 0}
    assert [r["outcome"] for r in report["states"]["AA"]] == ["ok", "dead"]
    assert report["states"]["BB"][0]["redirect_to"] == f"{server}/good"
    text = md_path.read_text()
    assert "## AA" in text and "## BB" in text
    assert f"| 2 | secondary | dead | 404 |  | {server}/missing |  |" in text
    assert f"| 1 | law-library | redirect | 301 | {server}/good | {server}/moved |  |" in text


def test_unreachable_host_is_an_error_not_a_crash() -> None:
    [result] = check([Target("AA", 1, "http://127.0.0.1:9/", "secondary", False)], timeout=2, sleep=lambda s: None)
    assert result.outcome == "error" and result.error


def test_every_state_source_is_a_target(book: Handbook) -> None:
    items = targets(book.states)
    assert len(items) == sum(len(s.sources) for s in book.states)
    ct = [t for t in items if t.state == "CT"]
    assert [t.number for t in ct] == list(range(1, len(book.state("CT").sources) + 1))
    assert any(t.unlinked for t in ct)               # the test-host copy is listed, never fetched


def test_command_line_writes_the_report(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fixture = [Target("ZZ", 1, f"{server}/good", "secondary", False)]
    monkeypatch.setattr(check_sources, "targets", lambda states: fixture)
    assert check_sources.main(["--out", str(tmp_path), "--delay", "0", "--timeout", "5"]) == 0
    assert json.loads((tmp_path / "report.json").read_text())["summary"]["ok"] == 1


def test_quotes_still_on_their_page_are_found_and_gone_ones_listed(server: str, tmp_path: Path) -> None:
    quotes = (("training.before_assignment", "consists of 14 hours of unarmed basic classroom instruction"),
              ("renewal.period", "valid for two years & the officer's card"),
              ("training.refresher", "must complete a four-hour refresher course"))
    items = [Target("OR", 2, f"{server}/rule", "law-library", False, quotes),
             Target("OR", 3, f"{server}/missing", "government", False, (("min_age.age", "at least 18 years"),))]
    results = check(items, delay=0, timeout=5, sleep=lambda s: None)
    rule, missing = results
    assert rule.quotes_found == ("training.before_assignment", "renewal.period"), "case, spaces and markup aside"
    assert rule.quotes_gone == ("training.refresher",)
    assert missing.quotes_unchecked == ("min_age.age",) and not missing.quotes_gone
    json_path, md_path = write_report(results, tmp_path, datetime(2026, 1, 2, tzinfo=UTC))
    report = json.loads(json_path.read_text())
    assert report["quotes_gone"] == {"OR": [["training.refresher", 2, f"{server}/rule"]]}
    assert report["summary"]["quotes found"] == 2 and report["summary"]["quotes gone"] == 1
    assert "- OR: training.refresher (source 2)" in md_path.read_text()


def test_every_quote_is_a_target_of_its_source(book: Handbook) -> None:
    items = {(t.state, t.number): t for t in targets(book.states)}
    quoted = [(state.code, field, evidence) for state in book.states for field, figure in state.figures()
              for evidence in figure.evidence]
    assert quoted, "the data quotes its sources"
    for code, field, evidence in quoted:
        assert (field, evidence.quote) in items[(code, evidence.source)].quotes
