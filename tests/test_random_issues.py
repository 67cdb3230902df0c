"""Hypothesis generates whole issues and builds them: the build succeeds with
every title and paragraph in the PDF, or fails with a diagnostic, in a time
bounded by the issue's size. ``HYPOTHESIS_EXAMPLES=2000 make test`` runs longer."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from layout.build import build_issue
from layout.errors import IssueError

from .pdftext import document_text, squeeze

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

#: Words set as typed (no markup, no typography to convert, glyphs the fonts have).
PLAIN = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"
                                "0123456789абвгдеєжзиіїйклмнопрстуфхцчшщьюяЇЄ .,;!?()"),
                min_size=1, max_size=80).map(str.strip).filter(
    lambda s: len(s) > 2 and any(c.isalpha() for c in s))  # digits alone read as page numbers
#: Anything an editor might type: any Unicode, markup and YAML-significant characters.
ANYTHING = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120)
VALUES = st.one_of(st.none(), st.integers(min_value=-5000, max_value=99999))


@st.composite
def statistics(draw: Any) -> dict[str, Any]:
    periods = draw(st.lists(PLAIN, min_size=1, max_size=8, unique=True))
    names = draw(st.lists(PLAIN, min_size=1, max_size=4, unique=True))
    return {"title": draw(PLAIN), "periods": periods,
            "chart": draw(st.sampled_from(["stacked-bars", "bars", "lines", "none"])),
            "series": [{"name": name, "values": draw(st.lists(VALUES, min_size=len(periods),
                                                               max_size=len(periods)))}
                       for name in names]}


def issue(text: Any) -> Any:
    article = st.fixed_dictionaries(
        {"title": text, "body": st.lists(text, min_size=1, max_size=5)},
        optional={"section": text, "standfirst": text})
    return st.fixed_dictionaries({
        "newsletter": text, "number": st.just("1/24"), "theme": text,
        "date": st.just("2024-03-01"), "publisher": text,
        "cover": st.just({"front": "none", "back": "none"}),
        "print": st.just({"binding": "none"}),
        "articles": st.lists(article, min_size=1, max_size=4),
    }, optional={"statistics": statistics(), "next_issue": text})


def build(data: dict[str, Any]) -> tuple[float, Any]:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "issue.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                                 encoding="utf-8")
        started = time.perf_counter()
        try:
            result = build_issue(Path(folder), Path(folder) / "n.pdf")
            text = document_text(PdfReader(result.output))
        except IssueError as error:
            text = error
        return time.perf_counter() - started, text


@SETTINGS
@given(issue(PLAIN))
def test_plain_issues_build_with_every_title_and_paragraph(data: dict[str, Any]) -> None:
    seconds, text = build(data)
    assert not isinstance(text, IssueError), text.format_message()
    printed = squeeze(text)
    for article in data["articles"]:
        assert squeeze(article["title"]) in printed
        for paragraph in article["body"]:
            assert squeeze(paragraph)[:20] in printed
    size = len(yaml.safe_dump(data))
    assert seconds < 10 + size / 100  # bounded by the issue's size


@SETTINGS
@given(issue(ANYTHING))
def test_any_issue_builds_or_fails_with_a_diagnostic(data: dict[str, Any]) -> None:
    seconds, text = build(data)
    if isinstance(text, IssueError):
        message = text.format_message()
        assert "issue.yaml" in message and "Traceback" not in message
    size = len(yaml.safe_dump(data))
    assert seconds < 10 + size / 100
