"""The issue's language: the words of the furniture, quotation marks, numbers
and months, and the languages there are.

Judged from the built PDF where a reader would see it: the English gallery
issue (``tests/gallery/update-en``), which sets no label, prints English
words only; the same issue in German prints the German ones (the words the
format printed before there was a table of them); a label written in the
YAML is printed instead of the language's word.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from layout.build import build_issue
from layout.errors import IssueError
from layout.formats import LANGUAGES, format_month, format_number, format_tick, word, words
from layout.load import load_issue
from layout.typography import enclose_quote, quote_marks, refine

ENGLISH = Path(__file__).resolve().parent / "gallery" / "update-en" / "issue.yaml"
#: The German words, as the format printed them before they came from the table.
GERMAN_WORDS = {"contents": "In dieser Ausgabe", "notes": "Notizen", "editorial": "Editorial",
                "interviewer": "Redaktion", "contacts": "Kontakte",
                "funded_by": "Gefördert durch", "statistics": "Aktuelle Zahlen",
                "period": "Stand", "total": "Gesamt", "imprint": "Impressum"}


def pdf_text(pdf: Path) -> str:
    """The text of every page, case folded (headings are set in capitals),
    spaces of any kind made one."""
    text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    return " ".join(text.split()).casefold()


def has_word(text: str, phrase: str) -> bool:
    """Whether ``phrase`` stands in ``text`` as words of its own ("Stand", not "standing")."""
    return re.search(rf"(?<!\w){re.escape(phrase.casefold())}(?!\w)", text) is not None


def build_variant(tmp: Path, replacements: dict[str, str] | None = None) -> str:
    """The English gallery issue, changed by ``replacements`` (YAML text to
    its replacement), built in ``tmp``: its PDF's text. The pictures are
    the stand-ins, found in ``assets/``."""
    yaml_text = ENGLISH.read_text(encoding="utf-8")
    for old, new in (replacements or {}).items():
        assert old in yaml_text, old
        yaml_text = yaml_text.replace(old, new)
    (tmp / "issue.yaml").write_text(yaml_text, encoding="utf-8")
    return pdf_text(build_issue(tmp / "issue.yaml", tmp / "out" / "issue.pdf").output)


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("english")
    return pdf_text(build_issue(ENGLISH.parent, out / "update-en.pdf", strict=True).output)


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_variant(tmp_path_factory.mktemp("german"),
                         {"language: en-GB": "language: de-DE"})


# -- the table -----------------------------------------------------------------


def test_every_language_has_every_word() -> None:
    assert words("de-DE") == GERMAN_WORDS
    for language in LANGUAGES:
        assert words(language).keys() == GERMAN_WORDS.keys()
        assert all(words(language).values())
    assert word("total", "en-GB") == "Total" and word("total", "de-AT") == "Gesamt"


def test_the_english_issue_sets_no_label() -> None:
    issue = load_issue(ENGLISH)
    assert issue.language == "en-GB"
    assert issue.editorial and issue.editorial.title == ""
    assert issue.contacts and issue.contacts.heading == ""
    assert issue.funding and issue.funding.label == ""
    assert issue.imprint and issue.imprint.heading == ""
    assert all(article.interviewer == "" for article in issue.articles)
    for key in ("heading:", "label:", "interviewer:", "title: Foreword"):
        assert not re.search(rf"^\s*{key}", ENGLISH.read_text(encoding="utf-8"), re.M), key


# -- what the pages say ----------------------------------------------------------


def test_the_english_issue_prints_english_words(english: str) -> None:
    missing = [text for text in words("en-GB").values() if not has_word(english, text)]
    assert missing == []


def test_the_english_issue_prints_no_german_word(english: str) -> None:
    english_words = {text.casefold() for text in words("en-GB").values()}
    german = [text for text in GERMAN_WORDS.values()
              if text.casefold() not in english_words and has_word(english, text)]
    assert german == []
    assert "„" not in english and "“at last" in english  # the pull quote's marks


def test_a_german_issue_prints_the_german_words(german: str) -> None:
    missing = [text for text in GERMAN_WORDS.values() if not has_word(german, text)]
    assert missing == []
    assert not any(has_word(german, text) for text in ("Contacts", "Latest figures", "Imprint"))
    assert "„at last" in german  # German quotation marks


def test_a_label_in_the_yaml_is_printed_instead(tmp_path: Path) -> None:
    text = build_variant(tmp_path, {
        "contacts:\n": "contacts:\n  heading: Helplines\n",
        "funding:\n": "funding:\n  label: Supported by\n",
        "imprint:\n": "imprint:\n  heading: Colophon\n",
        "  - section: People\n": "  - section: People\n    interviewer: Newsletter\n"})
    for label in ("Helplines", "Supported by", "Colophon", "Newsletter: What brought you"):
        assert has_word(text, label), label
    for default in ("Contacts", "Imprint", "Editor"):
        assert not has_word(text, default), default
    assert text.count("funded by") == 1  # the notice's own words ("This newsletter is …")


# -- the languages there are -----------------------------------------------------


@pytest.mark.parametrize(("typed", "suggestion"), [
    ("german", "de-DE"), ("fr-FR", None), ("de", "de-DE"), ("en_gb", "en-GB"),
    ("English", "en-GB")])
def test_an_unsupported_language_is_an_error_listing_the_supported_ones(
        tmp_path: Path, typed: str, suggestion: str | None) -> None:
    lines = ENGLISH.read_text(encoding="utf-8").splitlines()
    line = lines.index("language: en-GB") + 1
    lines[line - 1] = f"language: {typed}"
    (tmp_path / "issue.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(IssueError) as raised:
        load_issue(tmp_path / "issue.yaml")
    [problem] = [d for d in raised.value.diagnostics if d.severity == "error"]
    assert problem.position and (problem.position.line, problem.position.column) == (line, 11)
    assert f"'{typed}'" in problem.message
    assert all(language in problem.message for language in LANGUAGES)
    if suggestion:
        assert problem.hint == f"did you mean '{suggestion}'?"


def test_the_language_is_checked_whatever_else_is_wrong(tmp_path: Path) -> None:
    text = ENGLISH.read_text(encoding="utf-8").replace("language: en-GB", "language: fr-FR")
    (tmp_path / "issue.yaml").write_text(text.replace("date: 2011-11-15", "date: soon"),
                                         encoding="utf-8")
    with pytest.raises(IssueError) as raised:
        load_issue(tmp_path / "issue.yaml")
    messages = [problem.message for problem in raised.value.diagnostics
                if problem.severity == "error"]
    assert len(messages) == 2 and any("fr-FR" in message for message in messages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_supported_language_loads(tmp_path: Path, language: str) -> None:
    text = ENGLISH.read_text(encoding="utf-8").replace("language: en-GB", f"language: {language}")
    (tmp_path / "issue.yaml").write_text(text, encoding="utf-8")
    assert load_issue(tmp_path / "issue.yaml").language == language


# -- quotation marks, numbers, months ---------------------------------------------


@pytest.mark.parametrize(("language", "double", "single"), [
    ("de-DE", "„…“", "‚…‘"), ("de-AT", "„…“", "‚…‘"), ("de-CH", "«…»", "‹…›"),
    ("en-GB", "“…”", "‘…’"), ("en-US", "“…”", "‘…’")])
def test_quotation_marks_follow_the_language(language: str, double: str, single: str) -> None:
    assert "…".join(quote_marks(language)) == double
    assert enclose_quote("Wohnen", language) == double.replace("…", "Wohnen")
    assert enclose_quote('"Wohnen".', language) == double.replace("…", "Wohnen") + "."
    typed = refine("""sagte "ja" und 'nein'""", language)
    assert typed == f"sagte {double.replace('…', 'ja')} und {single.replace('…', 'nein')}"
    assert refine("Max's", language) == "Max’s"  # an apostrophe in every language


@pytest.mark.parametrize(("language", "number", "tick", "month"), [
    ("de-DE", "11.865", "12,5", "Januar 2024"), ("de-AT", "11.865", "12,5", "Jänner 2024"),
    ("de-CH", "11’865", "12.5", "Januar 2024"), ("en-GB", "11,865", "12.5", "January 2024"),
    ("en-US", "11,865", "12.5", "January 2024")])
def test_numbers_and_months_follow_the_language(language: str, number: str, tick: str,
                                                month: str) -> None:
    assert format_number(11865, language) == number
    assert format_tick(12.5, language) == tick
    assert format_month(datetime.date(2024, 1, 15), language) == month
    assert format_number(None, language) == "–"
