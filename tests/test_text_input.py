"""Whatever an editor types is set as typed, or refused with a clear message."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from layout.build import build_issue
from layout.errors import IssueError

from .pdftext import document_text, squeeze
from .test_other_issues import SMALL

PARAGRAPH = "Das Sprachcafé im Stadtteilzentrum öffnet am 7. März. **Alle** sind willkommen."


def build_with(write_issue: Callable[[str], Path], tmp_path: Path, text: str) -> tuple[str, list]:
    folder = write_issue(SMALL.replace(PARAGRAPH, text))
    result = build_issue(folder, tmp_path / "n.pdf")
    return " ".join(document_text(PdfReader(result.output)).split()), list(result.warnings)


@pytest.mark.parametrize("typed", [
    "<font size=80>groß</font> und <img src=x.png/>",
    '&amp; &#x202E; <a href="javascript:alert(1)">klick</a>',
    "Ukrainisch: Олена Шевченко, Київ, Їжачок",
])
def test_printed_as_typed(write_issue: Callable[[str], Path], tmp_path: Path,
                          typed: str) -> None:
    text, warnings = build_with(write_issue, tmp_path, f"'{typed}'")
    assert typed.replace('"', "") in text.replace('"', "").replace("“", "").replace("„", "")
    assert warnings == []


def test_soft_hyphens_and_zero_width_spaces_are_invisible(write_issue: Callable[[str], Path],
                                                          tmp_path: Path) -> None:
    text, _ = build_with(write_issue, tmp_path,
                         "Rind\u00adfleisch\u00adetikettierung und Wort\u200bverbindung")
    assert "Rindfleischetikettierung und Wortverbindung" in text
    assert "\u200b" not in text
    # a soft hyphen is drawn only where a line was hyphenated there, as the
    # character U+00AD (ISO 32000-1, 14.8.2.2.3), which readers leave out
    raw = document_text(PdfReader(tmp_path / "n.pdf"))
    assert re.search("\u00ad(?![ \t]*\n)", raw) is None


def test_characters_the_fonts_lack_are_named(write_issue: Callable[[str], Path],
                                             tmp_path: Path) -> None:
    text, warnings = build_with(write_issue, tmp_path, "Wir freuen uns 😀 sehr.")
    assert "Wir freuen uns [U+1F600] sehr." in text
    assert any("😀" in w.message and "[U+1F600]" in w.message for w in warnings)


def test_right_to_left_scripts_are_refused_clearly(write_issue: Callable[[str], Path],
                                                   tmp_path: Path) -> None:
    with pytest.raises(IssueError) as caught:
        build_with(write_issue, tmp_path, "'Unser Gast: محمد رضا'")
    message = caught.value.format_message()
    assert "right-to-left script" in message and "issue.yaml:" in message


def test_a_word_longer_than_a_column(write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    word = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft" * 2
    text, _ = build_with(write_issue, tmp_path, f"Ein Wort, {word}.")
    assert word in text.replace("-", "").replace("\u00ad", "").replace(" ", "")


def test_one_paragraph_of_five_thousand_words(write_issue: Callable[[str], Path],
                                              tmp_path: Path) -> None:
    words = ("Integration braucht Zeit, Geduld und viele Menschen, die mitmachen. " * 500)
    text, _ = build_with(write_issue, tmp_path, words.strip())
    for furniture in ("Gefördert aus Mitteln des Landes. Gefördert durch Landesministerium "
                      "für Beispiele", "Rundbrief 1/23 · Ankommen in Beispielstadt"):
        text = text.replace(furniture, "")  # the funding band and running foot of each page
    assert squeeze(text).count("IntegrationbrauchtZeit") == 500
