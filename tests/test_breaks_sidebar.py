"""Break rules of the narrow places: the sidebar's contacts, addresses, marked breaks.

A phone number never breaks inside; an e-mail address or a web address
breaks only after ``@ . / -`` (web addresses also after ``? &``), and no
hyphen is added there; ordinary words hyphenate by the language's rules and
are never cut at any letter; a zero-width space the editor typed is a break
without a hyphen and is never drawn.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from layout.build import build_issue
from layout.fonts import register_fonts
from layout.hyphenation import hyphenation_points
from layout.markup import to_markup
from layout.report import TracedParagraph
from layout.styles import Styles, make_styles
from layout.theme import DEFAULT

from .pdftext import page_texts

PHONE = "+49 340 – 87 05 / 88 32"
EMAIL = "vorname.nachname@landesnetz-sachsen-anhalt.de"
URL = "https://www.landesnetz-beispielland.de/foerderung/programme/2024/antrag?id=12&lang=de"


@pytest.fixture(scope="module")
def styles() -> Styles:
    register_fonts()
    return make_styles(DEFAULT, "de-DE")


def set_lines(markup: str, style: object, width: float) -> list[str]:
    """The lines ``markup`` is set in at ``width``, as drawn."""
    paragraph = TracedParagraph(markup, style)
    paragraph.wrap(width, 1e6)
    para = paragraph.blPara
    if para.kind == 1:
        return ["".join(w.text for w in line.words).strip() for line in para.lines]
    return [" ".join(line[1]) for line in para.lines]


@pytest.mark.parametrize("width", [18 * mm, 22 * mm, 30 * mm, 40 * mm])
def test_an_address_breaks_only_after_separators(styles: Styles, width: float) -> None:
    lines = set_lines(to_markup(EMAIL, "de-DE", breaks=True), styles.sidebar_value, width)
    assert "".join(lines) == EMAIL  # no hyphen added, nothing lost
    assert len(lines) > 1
    assert all(line[-1] in "@.-/" for line in lines[:-1]), lines


def test_a_phone_number_never_breaks(styles: Styles) -> None:
    number = PHONE.replace(" ", "\u00a0")
    for width in (15 * mm, 25 * mm, 40 * mm):
        lines = set_lines(f"<nobr>{number}</nobr>", styles.sidebar_value, width)
        assert lines == [number]


@pytest.mark.parametrize("style_name", ["sidebar_entry", "sidebar_group"])
def test_words_in_the_sidebar_hyphenate_by_the_rules(styles: Styles, style_name: str) -> None:
    style = getattr(styles, style_name)
    points = hyphenation_points("de_DE", "Kompetenzentwicklung")
    for width in (18 * mm, 22 * mm, 26 * mm, 30 * mm):
        lines = set_lines("Sachgebiet Kompetenzentwicklung", style, width)
        assert all(stringWidth(line, style.fontName, style.fontSize) <= width for line in lines)
        joined = "".join(line.removesuffix("-") if line.endswith("-") else line + " "
                         for line in lines).strip()
        assert joined == "Sachgebiet Kompetenzentwicklung", lines
        at = 0  # where in "Kompetenzentwicklung" each line ends: at a hyphenation point
        for line in lines[:-1]:
            piece = line.removeprefix("Sachgebiet").strip()
            if piece:
                assert line.endswith("-"), lines  # a hyphen where a word is broken
                at += len(piece) - 1
                assert at in points, lines


@pytest.mark.parametrize("style_name", ["body", "caption", "standfirst", "quote", "credit"])
def test_a_long_web_address_breaks_at_its_separators(styles: Styles, style_name: str) -> None:
    style = getattr(styles, style_name)
    width = DEFAULT.column_width
    lines = set_lines(to_markup(f"Mehr unter {URL} im Netz.", "de-DE", breaks=True), style, width)
    for line in lines:
        assert stringWidth(line, style.fontName, style.fontSize) <= width * 1.03, line
    inside = [line for line in lines[:-1] if re.search(r"\S(www|foerderung|programme|2024|"
                                                       r"antrag|id=|lang=|landesnetz)", line)]
    for line in inside:
        last = line.split()[-1]
        if last in URL and not URL.endswith(last):
            assert last[-1] in "/.-?&", lines
    assert re.sub(r"\s+", "", "".join(lines)) == re.sub(r"\s+", "", f"Mehr unter {URL} im Netz.")


def test_a_zero_width_space_breaks_without_a_hyphen(styles: Styles) -> None:
    word = "Wort\u200bverbindungs\u200bregel\u200bwerk"
    for width in (20 * mm, 26 * mm):
        lines = set_lines(to_markup(f"Das {word} gilt.", "de-DE", breaks=True), styles.body,
                          width)
        assert not any("\u200b" in line or "\u00ad" in line for line in lines)
        assert "".join(lines).replace(" ", "") == "DasWortverbindungsregelwerkgilt."
        assert any(line.endswith(("Wort", "verbindungs", "regel")) for line in lines), lines


def test_the_contacts_of_another_publisher(write_issue: Callable[[str], Path],
                                           tmp_path: Path) -> None:
    issue = textwrap.dedent(f"""\
        newsletter: Rundbrief
        number: 1/23
        theme: Probe
        date: 2023-03-01
        publisher: Landesnetzwerk
        cover: {{front: none, back: none}}
        print: {{binding: none}}
        editorial:
          text: Ein kurzes Vorwort.
        contacts:
          groups:
            - title: Geschäftsstelle
              entries:
                - label: Sachgebiet Kompetenzentwicklung
                  phone: {PHONE}
                  email: {EMAIL}
        articles:
          - title: Ein Artikel
            body:
              - Schreiben Sie an {EMAIL} oder lesen Sie {URL} nach.
              - Die Wort\u200bverbindungs\u200bregel\u200bwerk\u200bsammlung ist lang.
        """)
    result = build_issue(write_issue(issue), tmp_path / "n.pdf")
    text = "\n".join(page_texts(PdfReader(result.output)))
    lines = [line.strip() for line in text.splitlines()]
    # printed in the national form (layout.phones), and never broken
    assert any("0340 87058832" in line for line in lines), "the phone number is broken"
    assert "Kompet\n" not in text and not any(line.endswith("Kompet") for line in lines)
    for line in lines:  # the address, wherever it is broken: after a separator only
        for part in re.findall(r"\S*landesnetz\S*|vorname\S*", line):
            if part != EMAIL and EMAIL.startswith(part) and part.strip("."):
                assert part[-1] in "@.-", (part, lines)
    assert "\u200b" not in text and "\u00ad" not in text
    assert "Wortverbindungsregelwerksammlung" in text.replace("\n", "").replace(" ", "")
    for line in lines:
        assert not re.search(r"(Wort|verbindungs|regel|werk)-$", line), line
