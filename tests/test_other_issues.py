"""Issues other than the sample: nothing may be hard-wired to Newsletter 2/22."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from layout.build import build_issue
from layout.covers import render_front
from layout.fonts import register_fonts
from layout.load import load_issue
from layout.styles import make_styles
from layout.theme import DEFAULT

from .pdftext import document_text, images, page_texts, squeeze

SMALL = textwrap.dedent("""\
    newsletter: Rundbrief
    number: 1/23
    theme: Ankommen in Beispielstadt
    date: 2023-03-01
    publisher: Stadt Beispielstadt · Integrationsbüro
    language: de-DE
    cover:
      front: none
      back: none
    print:
      binding: none
    articles:
      - section: Aus dem Rathaus
        title: Sprachcafé öffnet im März
        standfirst: Jeden Dienstag treffen sich Neuzugewanderte und Nachbar:innen.
        body:
          - Das Sprachcafé im Stadtteilzentrum öffnet am 7. März. **Alle** sind willkommen.
          - subhead: Wer macht mit?
          - Ehrenamtliche aus drei Vereinen begleiten die Gespräche. Олена Шевченко
            moderiert die ukrainische Runde.
          - photo: team.jpg
            caption: Das Team des Sprachcafés
            credit: "Foto: Stadt Beispielstadt"
      - section: Termine
        title: Beratung jetzt auch am Samstag
        body:
          - Die Migrationsberatung ist ab April auch samstags von 9 bis 12 Uhr geöffnet.
          - quote: Wir wollen da sein, wenn die Menschen Zeit haben.
            by: Amtsleitung
      - title: Neue Broschüre
        body:
          - Die Broschüre "Willkommen" liegt in sechs Sprachen aus -- Fragen an
            info@beispielstadt.example... oder im Büro.
    funding:
      text: Gefördert aus Mitteln des Landes.
      funder: Landesministerium für Beispiele
      position: every-page
    next_issue: Die nächste Ausgabe erscheint im Juni 2023
    imprint:
      heading: Impressum
      text: Herausgeber ist die Stadt Beispielstadt.
    """)


def test_a_small_issue_without_interview_or_chart(write_issue: Callable[[str], Path],
                                                  tmp_path: Path) -> None:
    result = build_issue(write_issue(SMALL), tmp_path / "out.pdf")
    reader = PdfReader(result.output)
    text = document_text(reader)
    flat = squeeze(text)
    for sentence in ("Das Sprachcafé im Stadtteilzentrum öffnet am 7. März.",
                     "Олена Шевченко moderiert die ukrainische Runde.",
                     "Die Migrationsberatung ist ab April auch samstags",
                     "Wir wollen da sein, wenn die Menschen Zeit haben.",
                     "Herausgeber ist die Stadt Beispielstadt.",
                     "Die nächste Ausgabe erscheint im Juni 2023"):
        assert squeeze(sentence).casefold() in flat.casefold(), sentence
    assert [item.title for item in reader.outline][:2] == [
        "Aus dem Rathaus: Sprachcafé öffnet im März", "Termine: Beratung jetzt auch am Samstag"]
    # no covers: the first page is the masthead page, numbered 1
    assert page_texts(reader)[0].lstrip().startswith("Rundbrief")
    # the funding notice stands on every page
    assert all("Gefördert aus Mitteln des Landes." in t for t in page_texts(reader))
    assert result.pages == len(reader.pages)


def test_typed_quotes_and_dashes_are_set(write_issue: Callable[[str], Path],
                                         tmp_path: Path) -> None:
    reader = PdfReader(build_issue(write_issue(SMALL), tmp_path / "out.pdf").output)
    text = " ".join(document_text(reader).split())
    assert "Die Broschüre „Willkommen“ liegt in sechs Sprachen aus – Fragen" in text
    assert "info@beispielstadt.example… oder im Büro." in text
    assert '"' not in text and "--" not in text


def test_a_designers_cover_is_used_instead(write_issue: Callable[[str], Path],
                                          tmp_path: Path) -> None:
    folder = write_issue(SMALL)
    register_fonts()
    issue = load_issue(folder)
    designed = render_front(issue, DEFAULT, make_styles(DEFAULT, "de-DE"), [])
    (folder / "titel.pdf").write_bytes(designed)
    text = SMALL.replace("  front: none", "  front: titel.pdf")
    (folder / "issue.yaml").write_text(text, encoding="utf-8")
    reader = PdfReader(build_issue(folder, tmp_path / "out.pdf").output)
    assert "Rundbrief" in page_texts(reader)[0]
    assert images(reader.pages[0]) == []  # the designer's page, not a generated cover photo
    # the inside pages are numbered after the cover
    assert "2" in [line.strip() for line in page_texts(reader)[1].splitlines()]


def test_small_issue_builds_strictly(write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    result = build_issue(write_issue(SMALL), tmp_path / "out.pdf", strict=True)
    assert result.report.defects == []
