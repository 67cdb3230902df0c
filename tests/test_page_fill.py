"""No inside page is left near empty while the content goes on.

What follows a page is pulled onto it where it can be (the statistics'
heading and chart stay while their table moves on; an article's header
stands where its first lines fit, never alone on a taller next page); a page
that stays less than a quarter full is a defect of the layout report, which
fails a strict build.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from layout.build import build_issue
from layout.errors import LayoutError
from layout.report import UNDERFULL, Piece, Trace, make_report
from layout.theme import DEFAULT

from .test_tables import issue_text, lay_out

AREA = (DEFAULT.text_width, DEFAULT.text_height)
BOTTOM = DEFAULT.margin_bottom


def piece(page: int, share: float, frame: str = "body") -> Piece:
    """A piece that fills ``share`` of a page's text area from its top."""
    top = BOTTOM + DEFAULT.text_height
    return Piece(page, frame, BOTTOM, top, top, top - share * DEFAULT.text_height, "body", "",
                 True, True, False, (), DEFAULT.text_width)


def defects_of(pieces: list[Piece]) -> dict[int, list[str]]:
    trace = Trace(pieces=pieces, area=AREA)
    report = make_report(trace, 1, DEFAULT.line)
    return {p.page: p.defects for p in report.pages if p.defects}


def test_an_underfull_page_is_a_defect_unless_the_content_ends_there() -> None:
    found = defects_of([piece(1, 0.9), piece(2, 0.1), piece(3, 0.05)])
    assert list(found) == [2]
    assert found[2][0].startswith("page 2 is only 10% full")
    # an empty page between two others, too
    assert list(defects_of([piece(1, 0.9), piece(3, 0.9), piece(4, 0.5)])) == [2]
    # the opening page, beside its sidebar, is the editorial's length
    assert defects_of([piece(1, 0.1, "main"), piece(2, 0.9), piece(3, 0.2)]) == {}


@pytest.mark.parametrize("paragraphs", range(10, 17))
def test_the_first_page_is_never_left_empty(write_issue: Callable[[str], Path],
                                            paragraphs: int) -> None:
    # An article longer than the page under the masthead: ReportLab moved it
    # whole, header and all, to the taller next page.
    body = lay_out(write_issue(issue_text(20, paragraphs, "none", funding=False)))
    assert body.record.first("article")[0].page == 1
    report = make_report(body.trace, 1, DEFAULT.line)
    assert not [d for d in report.defects if "full" in d]


@pytest.mark.parametrize("paragraphs", [12, 13])
def test_the_statistics_heading_and_chart_fill_the_page(write_issue: Callable[[str], Path],
                                                       paragraphs: int) -> None:
    # The article ends near the top of a page; the statistics (one page tall)
    # do not fit under it. Their heading and chart stay, the table moves on.
    body = lay_out(write_issue(issue_text(20, paragraphs, "stacked-bars")))
    article_end = max(p.page for p in body.trace.pieces if p.style.startswith("body"))
    assert body.record.first("statistics")[0].page == article_end
    assert body.record.placements[0].page == article_end  # the chart
    report = make_report(body.trace, 1, DEFAULT.line)
    assert not [d for d in report.defects if "full" in d]


def test_a_page_that_stays_underfull_fails_a_strict_build(write_issue: Callable[[str], Path],
                                                           tmp_path: Path) -> None:
    # A table that fits a page is kept together: where it follows an article
    # that ends near a page's top, that page stays underfull; the report says so.
    folder = write_issue(issue_text(50, 9, "none", funding=False))
    for paragraphs in range(9, 17):
        (folder / "issue.yaml").write_text(issue_text(50, paragraphs, "none", funding=False),
                                           encoding="utf-8")
        report = make_report(lay_out(folder).trace, 1, DEFAULT.line)
        if any("full" in d for d in report.defects):
            break
    else:
        pytest.fail("no length leaves a page underfull")
    result = build_issue(folder, tmp_path / "n.pdf")
    underfull = [d for d in result.report.defects if "full" in d]
    assert underfull and f"{UNDERFULL:.0%}" in underfull[0]
    assert "defect: page " in result.report_path.read_text(encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        build_issue(folder, tmp_path / "strict.pdf", strict=True)
    assert "is only" in str(caught.value)
