"""Tables keep together, as the format reference promises; one taller than
a page splits deliberately: into even parts, each under the repeated header,
never leaving a stub of a few rows. The report names every split."""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from layout.fonts import register_fonts
from layout.load import load_issue
from layout.render import Body, render_body
from layout.report import make_report
from layout.styles import make_styles
from layout.theme import DEFAULT

FILLER = ("Die Beratungsstelle im Rathaus hilft bei Anträgen, Wohnungssuche und "
          "Sprachkursen; sie vermittelt Dolmetscher:innen und begleitet zu Ämtern. ")


def issue_text(rows: int, paragraphs: int, chart: str = "stacked-bars",
               funding: bool = True) -> str:
    """An article of ``paragraphs`` paragraphs, the funding notice after it and
    statistics of ``rows`` periods (named "Zeile 1", "Zeile 2" …)."""
    periods = ", ".join(f"Zeile {n}" for n in range(1, rows + 1))
    values = ", ".join(str(100 + n) for n in range(rows))
    body = "".join(f"      - {FILLER * 3}\n" for _ in range(paragraphs))
    text = textwrap.dedent("""\
        newsletter: Rundbrief
        number: 1/23
        theme: Probe
        date: 2023-03-01
        publisher: Stadt Beispielstadt
        cover: {front: none, back: none}
        print: {binding: none}
        articles:
          - title: Ein Artikel
            body:
        """) + body
    if funding:
        text += textwrap.dedent("""\
            funding:
              text: Gefördert aus Mitteln des Landes.
              funders: [{name: Landesministerium}]
            """)
    return text + textwrap.dedent(f"""\
        statistics:
          text: Die Zahlen des Landkreises, Jahr für Jahr und Monat für Monat.
          title: Entwicklung
          chart: {chart}
          periods: [{periods}]
          series:
            - name: Anzahl
              values: [{values}]
            - name: Andere
              values: [{values}]
        """)


def lay_out(folder: Path) -> Body:
    register_fonts()
    issue = load_issue(folder)
    return render_body(issue, DEFAULT, make_styles(DEFAULT, issue.language), 1,
                       closing_pages=False, full_masthead=True)


def rows_per_page(body: Body) -> list[int]:
    """How many table rows each page that holds some shows, and that the
    header stands over them."""
    counts = []
    for page in PdfReader(io.BytesIO(body.pdf)).pages:
        text = page.extract_text() or ""
        rows = len(re.findall(r"Zeile \d+", text))
        if rows:
            assert "Gesamt" in text  # the header, repeated
            counts.append(rows)
    return counts


@pytest.mark.parametrize(("rows", "chart"), [(30, "stacked-bars"), (34, "stacked-bars"),
                                             (44, "none"), (50, "none")])
def test_a_table_that_fits_a_page_is_never_split(write_issue: Callable[[str], Path],
                                                 rows: int, chart: str) -> None:
    folder = write_issue(issue_text(rows, 1, chart))
    for paragraphs in range(1, 12, 2):  # the statistics start at many heights
        (folder / "issue.yaml").write_text(issue_text(rows, paragraphs, chart),
                                           encoding="utf-8")
        assert rows_per_page(lay_out(folder)) == [rows], paragraphs


@pytest.mark.parametrize("rows", [70, 90, 130])
def test_a_table_taller_than_a_page_splits_evenly(write_issue: Callable[[str], Path],
                                                  rows: int) -> None:
    folder = write_issue(issue_text(rows, 1, "none"))
    for paragraphs in (1, 4, 7):
        (folder / "issue.yaml").write_text(issue_text(rows, paragraphs, "none"),
                                           encoding="utf-8")
        body = lay_out(folder)
        counts = rows_per_page(body)
        assert sum(counts) == rows and len(counts) >= 2
        assert max(counts) - min(counts) <= 2, counts  # even parts, no stub
        report = make_report(body.trace, 1, DEFAULT.line)
        splits = [n for p in report.pages for n in p.notes if n.startswith("table split")]
        assert len(splits) == len(counts), splits
