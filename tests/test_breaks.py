"""Break rules, proved on purpose-made content through the layout report.

Each case is laid out at many lengths, so that somewhere a paragraph would
leave a single line, a heading would land at a column's foot or an article
would end mid-page: the rules must hold at every length.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from layout.fonts import register_fonts
from layout.load import load_issue
from layout.render import render_body
from layout.report import LayoutReport, make_report
from layout.styles import make_styles
from layout.theme import DEFAULT

FILLER = ("Die Beratungsstelle im Rathaus hilft bei Anträgen, Wohnungssuche und "
          "Sprachkursen; sie vermittelt Dolmetscher:innen und begleitet zu Ämtern. ")


def issue_text(paragraphs: list[str]) -> str:
    body = "\n".join(f"          - {text}" for text in paragraphs)
    return textwrap.dedent("""\
        newsletter: Rundbrief
        number: 1/23
        theme: Probe
        date: 2023-03-01
        publisher: Stadt Beispielstadt
        cover: {front: none, back: none}
        articles:
          - title: Ein Artikel
            body:
        """) + body + "\n"


def report_for(folder: Path) -> LayoutReport:
    register_fonts()
    issue = load_issue(folder)
    body = render_body(issue, DEFAULT, make_styles(DEFAULT, issue.language), 1,
                       closing_pages=False, full_masthead=True)
    return make_report(body.trace, 1, DEFAULT.line)


@pytest.mark.parametrize("extra", range(0, 48, 4))
def test_no_widows_orphans_or_stranded_headings(write_issue: Callable[[str], Path],
                                               extra: int) -> None:
    paragraphs = [FILLER * 3] * 6 + [FILLER * (1 + extra % 5)] * (extra // 5)
    for index in range(2, len(paragraphs) + 6, 3):
        paragraphs.insert(index, "subhead: Wie es weitergeht")
    report = report_for(write_issue(issue_text(paragraphs)))
    bad = [d for d in report.defects
           if d.startswith(("widow", "orphan", "heading at the foot", "columns end"))]
    assert bad == []


def test_an_article_that_ends_mid_page_is_balanced(write_issue: Callable[[str], Path]) -> None:
    for count in range(3, 9):
        report = report_for(write_issue(issue_text([FILLER * 2] * count)))
        notes = [n for page in report.pages for n in page.notes + page.defects
                 if n.startswith("columns end")]
        assert notes == [], f"{count} paragraphs: {notes}"
        assert report.pages[0].columns[0].fill > 0


def test_the_report_counts_what_it_finds(write_issue: Callable[[str], Path]) -> None:
    report = report_for(write_issue(issue_text([FILLER * 4] * 3)))
    assert report.hyphenated_ends >= 0 and report.widest_gap_em > 0.2
    assert "page 1:" in report.format()
