"""Editors' keyboard typing becomes typeset text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from layout.build import build_issue
from layout.typography import NBSP, enclose_quote, refine

from .pdftext import page_texts
from .test_other_issues import SMALL


@pytest.mark.parametrize(("typed", "set_"), [
    ('Er sagte "Hallo" und ging.', "Er sagte „Hallo“ und ging."),
    ("Das Thema 'Wohnen' folgt.", "Das Thema ‚Wohnen‘ folgt."),
    ('("Zitat")', "(„Zitat“)"),
    ("Geht's gut?", "Geht’s gut?"),
    ("2015 - das Jahr", "2015 – das Jahr"),
    ("von 9--12", "von 9–12"),
    ("Ende---Anfang", "Ende—Anfang"),
    ("und so weiter...", "und so weiter…"),
    ("Kolleg:innen und Leser*innen", "Kolleg:innen und Leser*innen"),
    ('<font size="80">', '<font size="80">'),
    ('[Seite](https://x.de/a--b)', "[Seite](https://x.de/a--b)"),
    ('"https://x.de" ist die Seite', "„https://x.de“ ist die Seite"),
])
def test_german(typed: str, set_: str) -> None:
    assert refine(typed, "de-DE") == set_


def test_english_quotes() -> None:
    assert refine('She said "hello" and \'bye\'.', "en-GB") == "She said “hello” and ‘bye’."


@pytest.mark.parametrize(("typed", "joined"), [
    ("am 02. Juni 2022 in", f"am 02.{NBSP}Juni{NBSP}2022 in"),
    ("im LK Nordsachsen", f"im LK{NBSP}Nordsachsen"),
    ("über 100 Millionen Geflüchtete", f"über 100{NBSP}Millionen Geflüchtete"),
    ("z. B. hier", f"z.{NBSP}B. hier"),
    ("des II. Weltkriegs", f"des II.{NBSP}Weltkriegs"),
    ("um 9 Uhr", f"um 9{NBSP}Uhr"),
])
def test_no_break_spaces(typed: str, joined: str) -> None:
    assert refine(typed, "de-DE") == joined


def test_invisible_characters() -> None:
    # a zero-width space is a break without a hyphen: kept for the engine's
    # own line breaking where asked, never a soft hyphen (which shows one)
    assert refine("Rind\u200bfleisch /\u200bpfad\u2060x", "de") == "Rindfleisch /pfadx"
    assert refine("Rind\u200bfleisch /\u200bpfad\u2060x", "de", breaks=True) == \
        "Rind\u200bfleisch /\u200bpfadx"
    assert refine("a \u200b b", "de", breaks=True) == "a  b"
    assert refine("10\u202f%", "de") == f"10{NBSP}%"


@pytest.mark.parametrize(("typed", "german", "english"), [
    ("Wir schaffen das.", "„Wir schaffen das.“", "“Wir schaffen das.”"),
    ("„Wir schaffen das.“", "„Wir schaffen das.“", "“Wir schaffen das.”"),
    ('"Wir schaffen das."', "„Wir schaffen das.“", "“Wir schaffen das.”"),
    ("“Wir schaffen das.”", "„Wir schaffen das.“", "“Wir schaffen das.”"),
    ("«Wir schaffen das.»", "„Wir schaffen das.“", "“Wir schaffen das.”"),
    ("‚Wir schaffen das.‘", "„Wir schaffen das.“", "“Wir schaffen das.”"),
    ("'Wir schaffen das.'", "„Wir schaffen das.“", "“Wir schaffen das.”"),
    ("‹Wir schaffen das›.", "„Wir schaffen das“.", "“Wir schaffen das”."),
    ("„Er sagte ‚ja‘“", "„Er sagte ‚ja‘“", "“Er sagte ‘ja’”"),
    ("„Hans’ Buch“", "„Hans’ Buch“", "“Hans’ Buch”"),
    ("„Ja“ und „Nein“", "„Ja“ und „Nein“", "“Ja” und “Nein”"),
])
def test_a_quotation_is_enclosed_once(typed: str, german: str, english: str) -> None:
    assert enclose_quote(typed, "de-DE") == german
    assert enclose_quote(typed, "en-GB") == english


def test_typed_quote_marks_are_not_doubled(write_issue: Callable[[str], Path],
                                           tmp_path: Path) -> None:
    text = SMALL.replace("quote: Wir wollen da sein, wenn die Menschen Zeit haben.",
                         "quote: „Wir wollen da sein, wenn die Menschen Zeit haben.“")
    assert text != SMALL
    reader = PdfReader(build_issue(write_issue(text), tmp_path / "n.pdf").output)
    flat = " ".join("".join(page_texts(reader)).split())
    assert "„Wir wollen da sein, wenn die Menschen Zeit haben.“" in flat
    assert "„„" not in flat and "““" not in flat
