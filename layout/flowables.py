"""The engine's own flowables, and the record of where things landed.

:class:`Anchor` and :class:`ChartSlot` draw nothing (or nothing yet) but note
their page and position in a :class:`LayoutRecord` while the document is
built: the contents list, the bookmarks and the chart stamping of
:mod:`layout.document` are made from that record, and tests read it to check
geometry. :class:`FootBand` sets something at the foot of the current page.
A record belongs to one build; nothing here is global.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, NextPageTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import BalancedColumns, _listWrapOn

from .report import record_piece


@dataclass(frozen=True)
class Mark:
    """A named place in the document: ``kind`` (article, editorial …), ``key``, page."""

    kind: str
    key: str
    title: str
    page: int
    y: float


@dataclass(frozen=True)
class Placement:
    """The rectangle a chart occupies on a body page (points, from the bottom left)."""

    key: str
    page: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class LayoutRecord:
    """What one build of the body learnt about its pages."""

    marks: list[Mark] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    pages: int = 0

    def first(self, kind: str) -> list[Mark]:
        """The marks of ``kind``, each key once (the first time it was drawn)."""
        seen: dict[str, Mark] = {}
        for mark in self.marks:
            if mark.kind == kind:
                seen.setdefault(mark.key, mark)
        return list(seen.values())


class Anchor(Flowable):  # type: ignore[misc]
    """A zero-size flowable that records the page it lands on."""

    def __init__(self, record: LayoutRecord, kind: str, key: str, title: str = "") -> None:
        super().__init__()
        self.record, self.kind, self.key, self.title = record, kind, key, title
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas: Canvas = self.canv
        _, y = canvas.absolutePosition(0, 0)
        self.record.marks.append(
            Mark(self.kind, self.key, self.title, canvas.getPageNumber(), y))


class ChartSlot(Flowable):  # type: ignore[misc]
    """Reserves room for a chart that :mod:`layout.document` stamps in as vectors."""

    def __init__(self, record: LayoutRecord, key: str, width: float, height: float) -> None:
        super().__init__()
        self.record, self.key = record, key
        self.width, self.height = width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        x, y = canvas.absolutePosition(0, 0)
        self.record.placements.append(
            Placement(self.key, canvas.getPageNumber(), x, y, self.width, self.height))


class FootBand(Flowable):  # type: ignore[misc]
    """Takes the rest of the frame and draws a band of ``height`` at its foot.

    Where the rest of the frame is too short, the next page is given the page
    template ``fallback``, which carries the band at its foot, so that no page
    is left with nothing but the band.
    """

    def __init__(self, height: float, paint: Callable[[Canvas, float, float, float], None],
                 fallback: str) -> None:
        super().__init__()
        self.band_height = height
        self.paint = paint
        self.fallback = fallback
        self.width = self.height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = max(available_height, self.band_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return [NextPageTemplate(self.fallback)]

    def draw(self) -> None:
        self.paint(self.canv, 0, 0, self.width)


class Figure(Table):  # type: ignore[misc]
    """A photo with its caption and credit under it: a one-column table that
    can also stand in for the image of ``ImageAndFlowables``."""

    def _restrictSize(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.wrap(available_width, available_height)  # type: ignore[no-any-return]

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []  # a photo never parts from its caption


class TopFloat(Flowable):  # type: ignore[misc]
    """A figure that moves to the top of the next page when it does not fit.

    The text after it fills the rest of the current page instead of leaving
    a hole; :class:`~layout.pages.NewsletterDoc` sets the figure first on the
    next page.
    """

    def __init__(self, content: Flowable, space_after: float) -> None:
        super().__init__()
        self.content = content
        self.space_after = space_after
        self.deferred = False

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = self.content.wrapOn(self.canv, available_width, available_height)
        self.width, self.height = width, height + self.space_after
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        doc = getattr(self.canv, "_doctemplate", None)
        if self.deferred or doc is None or not hasattr(doc, "defer"):
            return []
        self.deferred = True
        doc.defer(self)
        return [Spacer(0, 0)]

    def draw(self) -> None:
        paint_figure(self.canv, self.content, self.space_after, self.height - self.space_after)


def grid(rows: list[list[Any]], widths: Sequence[float | None], font: str,
         commands: list[tuple[Any, ...]] | None = None, *, repeat_rows: int = 0,
         kind: type[Table] = Table) -> Table:
    """A table used for layout: no padding unless ``commands`` add some, left
    aligned, and our own font for every cell (ReportLab's default would
    reference an unembedded Helvetica)."""
    table = kind(rows, colWidths=list(widths), repeatRows=repeat_rows)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        *(commands or []),
    ]))
    table.hAlign = "LEFT"
    return table


class Columns(BalancedColumns):  # type: ignore[misc]
    """Two balanced columns that never end a column with a heading.

    ReportLab's :class:`BalancedColumns` chooses where a column ends without
    looking at ``keepWithNext``; here a heading (or a question, or a speaker's
    name) at the foot of a column moves to the top of the next, with what it
    introduces. Where the columns end on the page, ReportLab fills the first
    column as far as the shortest height allows; here, of the splits that give
    the shortest columns, the one that ends them most level is taken.
    """

    #: The baseline grid: the step in which column heights are tried.
    line = 13.0
    #: The balanced split of the content, once found: (total height, first
    #: column's height, first column, second column).
    _forced: tuple[float, float, list[Flowable], list[Flowable]] | None = None
    _balanced = False

    def _generated_content(self, width: float, height: float) -> tuple[float, list[Flowable]]:
        if not self._balanced:
            self._balanced = True
            self._forced = self._level_split(width, height)
        used, generated = super()._generated_content(width, height)
        for flowable in generated:  # ReportLab makes the rest a plain BalancedColumns
            if type(flowable) is BalancedColumns:
                flowable.__class__ = type(self)
                flowable.line = self.line
        return used, generated

    def _level_split(self, width: float, height: float) -> tuple[
            float, float, list[Flowable], list[Flowable]] | None:
        """The split into two columns that end most level, if the content ends
        in this frame; None where it runs on (or is not two columns)."""
        content = list(self._content)
        if self._nCols != 2 or len(content) < 2:
            return None
        column = (width - (self._innerPadding or 0)) / 2
        total = _listWrapOn(content, column, self.canv)[1]
        if total / 2 + 2 * self.line > height:
            return None
        best: tuple[tuple[int, int], float, list[Flowable], list[Flowable]] | None = None
        trial = max(self.line, total / 2 - 3 * self.line)
        while trial <= min(height, total / 2 + 3 * self.line):
            _, _, first, rest = self._findSplit(self.canv, column, trial, content=content,
                                                paraFix=False)
            if first and rest:
                tall = _listWrapOn(first, column, self.canv)[1]
                other = _listWrapOn(rest, column, self.canv)[1]
                score = (round(max(tall, other) / self.line), round(abs(tall - other) / self.line))
                if max(tall, other) <= height and (best is None or score < best[0]):
                    best = (score, tall, first, rest)
            trial += self.line / 2
        return (total, best[1], best[2], best[3]) if best else None

    def _findSplit(self, canv: Any, width: float, height: float, mergeSpace: int = 1,
                   obj: Any = None, content: list[Flowable] | None = None,
                   paraFix: bool = True) -> tuple[float, float, list[Flowable], list[Flowable]]:
        forced = self._forced
        if forced and content is None and forced[1] <= height < forced[0]:
            return width, height, list(forced[2]), list(forced[3])  # the level split
        found_width, found_height, first, rest = super()._findSplit(
            canv, width, height, mergeSpace, obj, content, paraFix)
        first, rest = list(first), list(rest)
        if rest and isinstance(rest[0], GridBlock) and first:
            first, rest = self._float_figure(canv, width, height, first, rest, paraFix)
        if rest:
            keep = len(first)
            while keep and _keeps_with_next(first[keep - 1]):
                keep -= 1
            if keep:  # never move everything: a column of headings only is left as is
                first, rest = first[:keep], first[keep:] + rest
        return found_width, found_height, first, rest

    def _float_figure(self, canv: Any, width: float, height: float, first: list[Flowable],
                      rest: list[Flowable], para_fix: bool) -> tuple[list[Flowable],
                                                                     list[Flowable]]:
        """A figure that does not fit the rest of a column goes to the top of the
        next; the text after it fills the column instead of leaving a hole."""
        _, used = _listWrapOn(first, width, canv)
        room = height - used - first[-1].getSpaceAfter()
        if room < 2 * getattr(rest[0], "line", 0):
            return first, rest
        _, _, more, remaining = super()._findSplit(canv, width, room, content=rest[1:],
                                                   paraFix=para_fix)
        if not more or all(_keeps_with_next(f) for f in more):
            return first, rest
        return first + list(more), [rest[0], *remaining]


def _keeps_with_next(flowable: Flowable) -> bool:
    style = getattr(flowable, "style", None)
    return bool(getattr(flowable, "keepWithNext", False) or getattr(style, "keepWithNext", 0))


class GridBlock(Flowable):  # type: ignore[misc]
    """A block (photo, quote) padded to whole lines of the column grid.

    It takes at least half a line of air above and below its content and
    as much more as brings its height to a multiple of ``line``, so that the
    text after it stays on the baseline grid of the other column.

    A ``figure`` is painted when the page ends (see :func:`paint_figure`).
    """

    def __init__(self, content: Flowable, line: float, figure: bool = False) -> None:
        super().__init__()
        self.content = content
        self.line = line
        self.figure = figure
        self.content_height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, self.content_height = self.content.wrapOn(self.canv, available_width,
                                                         available_height)
        lines = math.ceil((self.content_height + self.line) / self.line - 1e-6)
        self.width, self.height = width, lines * self.line
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []

    def deepcopy(self) -> GridBlock:
        """Itself: ReportLab copies a flowable before it tries to split it, and a
        block never splits (a deep copy would decode its photo to pickle it)."""
        return self

    def draw(self) -> None:
        offset = (self.height - self.content_height) / 2
        if self.figure:
            paint_figure(self.canv, self.content, offset, self.content_height)
        else:
            self.content.drawOn(self.canv, 0, offset)


def paint_figure(canvas: Canvas, figure: Flowable, y: float, height: float) -> None:
    """Draw ``figure`` at height ``y`` of the current flowable, but after the
    page's text where the document template allows: a caption then never
    interrupts the reading order of a paragraph that continues around it."""
    record_piece(canvas, y + height, "figure", "")
    doc: Any = getattr(canvas, "_doctemplate", None)
    if doc is None or not hasattr(doc, "at_page_end"):
        figure.drawOn(canvas, 0, y)
        return
    x, absolute_y = canvas.absolutePosition(0, y)
    doc.at_page_end(lambda page: figure.drawOn(page, x, absolute_y))
