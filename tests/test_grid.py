"""The baseline grid: every line of column text on a page stands a whole
number of body lines below the top of the page's text frame.

The PDF side (every body baseline of the sample and the gallery on one grid
per page) is tested in test_sample.py and test_gallery.py; here the layout
report's own check, which a strict build fails on.
"""

from __future__ import annotations

from layout.report import Line, Piece, Trace, make_report
from layout.theme import DEFAULT

LINE = DEFAULT.line
TOP = DEFAULT.margin_bottom + DEFAULT.text_height


def lines(top: float, count: int, style: str = "body", squeeze: float = 1.0) -> Piece:
    """A paragraph of ``count`` lines whose box starts at ``top``."""
    rows = tuple(Line(0.3, False, True) for _ in range(count))
    return Piece(1, "BalancedColumns-1-0", DEFAULT.margin_bottom, top, top,
                 top - count * LINE * squeeze, style, "Die Arbeitsgruppe", True, True, False,
                 rows, DEFAULT.column_width, leading=LINE, grid_top=TOP)


def defects(*pieces: Piece) -> list[str]:
    trace = Trace(pieces=list(pieces), area=(DEFAULT.text_width, DEFAULT.text_height))
    return make_report(trace, 1, LINE).defects


def test_lines_on_the_grid_are_no_defect() -> None:
    assert defects(lines(TOP, 4), lines(TOP - 5 * LINE, 3, "subhead"),
                   lines(TOP - 9 * LINE, 6)) == []


def test_a_paragraph_between_two_grid_lines_is_named() -> None:
    found = defects(lines(TOP, 4), lines(TOP - 4.4 * LINE, 3))
    assert found == ["3 line(s) off the baseline grid, from 'Die Arbeitsgruppe…'"]


def test_squeezed_lines_are_off_the_grid() -> None:
    """ReportLab shrinks a column's content to fit its frame: its lines
    drift off the grid of the other column."""
    assert defects(lines(TOP, 40, squeeze=12.92 / 13)) != []


def test_text_of_another_leading_is_not_judged() -> None:
    """Captions, quotes and the sidebar stand outside the column grid."""
    assert defects(lines(TOP - 0.5 * LINE, 3, "caption"), lines(TOP - 0.3 * LINE, 2, "quote")) \
        == []
