"""The engine's own flowables, and the record of where things landed.

:class:`Anchor` and :class:`ChartSlot` draw nothing (or nothing yet) but note
their page and position in a :class:`LayoutRecord` while the document is
built: the contents list, the bookmarks and the chart stamping of
:mod:`layout.document` are made from that record, and tests read it to check
geometry. The record also holds the issue's inventory: every element of the
YAML the story sets (:meth:`LayoutRecord.expect`) notes where it was drawn,
through an anchor of its own first flowable (:func:`tag`), so that after the
build :meth:`LayoutRecord.inventory` names any element that is missing (an
error) or that stands elsewhere than the YAML asks (a warning).
:class:`FootBand` sets something at the foot of the current page, or of the
next. A record belongs to one build; nothing here is global.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import NullActionFlowable
from reportlab.platypus.flowables import BalancedColumns, HRFlowable, _listWrapOn

from .errors import Diagnostic, Position
from .i18n import N_, _
from .report import UNDERFULL, record_note, record_piece
from .tagging import container, reserve
from .tagging import figure as marked_figure

F = TypeVar("F", bound=Flowable)


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
    #: The marked-content identifier the chart is stamped in with (see layout.tagging).
    mcid: int | None = None


#: The kind of mark an element of the inventory leaves where it is drawn.
ELEMENT = "element"


@dataclass(frozen=True)
class Element:
    """One element of the issue that must be printed: its key in the record,
    its name in messages ("quote (block 3 of article 1)") and its YAML position."""

    key: str
    label: str
    pos: Position


@dataclass(frozen=True)
class Move:
    """An element set on another page than the YAML asks (pages of the body)."""

    key: str
    wanted: int
    page: int


@dataclass
class LayoutRecord:
    """What one build of the body learnt about its pages."""

    marks: list[Mark] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    pages: int = 0
    #: Every element the story set, in reading order (see :meth:`expect`).
    expected: list[Element] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)

    def first(self, kind: str) -> list[Mark]:
        """The marks of ``kind``, each key once (the first time it was drawn)."""
        seen: dict[str, Mark] = {}
        for mark in self.marks:
            if mark.kind == kind:
                seen.setdefault(mark.key, mark)
        return list(seen.values())

    def expect(self, key: str, label: str, pos: Position) -> Anchor:
        """Put an element on the inventory; the anchor returned notes where it
        is drawn (set it in the story, or give it to the element's first
        flowable with :func:`tag`)."""
        self.expected.append(Element(key, label, pos))
        return Anchor(self, ELEMENT, key, label)

    def placed(self) -> dict[str, int]:
        """The page each element of the inventory was first drawn on."""
        return {mark.key: mark.page for mark in self.first(ELEMENT)}

    def missing(self) -> list[Element]:
        """The elements of the inventory drawn nowhere."""
        placed = self.placed()
        return [element for element in self.expected if element.key not in placed]

    def inventory(self, first_folio: int) -> list[Diagnostic]:
        """An error for each element drawn nowhere, a warning for each set on
        another page than asked; ``first_folio`` is the printed number of page 1."""
        found = [Diagnostic(_("the {element} is missing from the pages: it was not "
                              "placed").format(element=element.label), element.pos, "error",
                            _("this is a fault of the layout engine, not of the issue; "
                              "report it with the issue file"))
                 for element in self.missing()]
        elements = {element.key: element for element in self.expected}
        for move in self.moves:
            element = elements.get(move.key)
            if element is None:
                continue
            wanted, page = move.wanted + first_folio - 1, move.page + first_folio - 1
            found.append(Diagnostic(
                _("the {element} does not fit on page {wanted}: it stands at the foot of "
                  "page {page}").format(element=element.label, wanted=wanted, page=page),
                element.pos, "warning",
                _("to keep it on page {wanted}, shorten the text before it by a few "
                  "lines").format(wanted=wanted)))
        return found


class Anchor(Flowable):  # type: ignore[misc]
    """A zero-size flowable that records the page it lands on.

    It keeps with what follows it (the heading it marks): when ReportLab
    moves a heading to the next page to keep it with its first lines, the
    anchor moves too, so that the contents and bookmarks give the page the
    heading is printed on.
    """

    def __init__(self, record: LayoutRecord, kind: str, key: str, title: str = "") -> None:
        super().__init__()
        self.record, self.kind, self.key, self.title = record, kind, key, title
        self.width = self.height = 0
        self.keepWithNext = 1

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.note(self.canv)

    def note(self, canvas: Canvas, y: float = 0) -> None:
        """Record the page, and the height ``y`` above the origin, at which
        ``canvas`` now draws (for a flowable this anchor was given to)."""
        _x, top = canvas.absolutePosition(0, y)
        self.record.marks.append(
            Mark(self.kind, self.key, self.title, canvas.getPageNumber(), top))

    def __deepcopy__(self, memo: dict[int, Any]) -> Anchor:
        """Itself: a copy made to try a split must record into the same record."""
        return self


def tag(flowable: F, *anchors: Anchor) -> F:
    """``flowable``, noting each of ``anchors`` where it is drawn (see :func:`note_anchors`)."""
    flowable.anchors = (*getattr(flowable, "anchors", ()), *anchors)
    return flowable


def note_anchors(flowable: Flowable, y: float = 0) -> None:
    """Called from a tagged flowable's ``draw``: its anchors record the page."""
    for anchor in getattr(flowable, "anchors", ()):
        anchor.note(flowable.canv, y)


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
            Placement(self.key, canvas.getPageNumber(), x, y, self.width, self.height,
                      reserve(canvas, self)))
        note_anchors(self, self.height)
        record_piece(canvas, self.height, "chart", "")


class FootBand(Flowable):  # type: ignore[misc]
    """Draws a band of ``height`` at the foot of the current frame, and keeps
    what follows above it (``gap`` clear of it) on this page.

    Where the rest of the frame is too short, the band goes to the foot of the
    next page: that page is begun with the page template ``fallback``, which
    carries the band at its foot, and a :class:`BandMoved` first on it records
    the move (and makes the page even when nothing else follows). What follows
    the band is set above it there.
    """

    def __init__(self, height: float, paint: Callable[[Canvas, float, float, float], None],
                 fallback: str, gap: float = 0.0) -> None:
        super().__init__()
        self.band_height = height
        self.paint = paint
        self.fallback = fallback
        self.gap = gap
        self.width = self.height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        fits = available_height >= self.band_height
        self.height = 0.0 if fits else available_height + 1  # too tall: see split
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        page = int(self.canv.getPageNumber())
        return [NextPageTemplate(self.fallback), PageBreak(),
                BandMoved(getattr(self, "anchors", ()), page, self.band_height + self.gap)]

    def draw(self) -> None:
        canvas: Canvas = self.canv
        doc = getattr(canvas, "_doctemplate", None)
        frame = getattr(doc, "frame", None)
        if doc is None or frame is None or not hasattr(doc, "at_page_end"):
            note_anchors(self, self.band_height)
            with container(canvas, self):
                self.paint(canvas, 0, 0, self.width)
            return
        x, y = canvas.absolutePosition(0, 0)
        left, bottom, width = frame._x1, frame._y1p, self.width
        canvas.saveState()
        canvas.translate(left - x, bottom - y)  # the frame's foot
        note_anchors(self, self.band_height)
        record_piece(canvas, self.band_height, "band", "")
        canvas.restoreState()
        padding = frame.bottomPadding
        frame.bottomPadding = padding + self.band_height + self.gap  # what follows: above

        def at_end(page: Canvas) -> None:  # painted after the page's text, as it reads
            frame.bottomPadding = padding
            with container(page, self):
                self.paint(page, left, bottom, width)

        doc.at_page_end(at_end)


class BandMoved(Flowable):  # type: ignore[misc]
    """Set first on the page whose template paints a band that did not fit on
    the page before (``wanted``): records the band there, and the move."""

    def __init__(self, anchors: Sequence[Anchor], wanted: int, room: float) -> None:
        super().__init__()
        self.anchors = tuple(anchors)
        self.wanted = wanted
        #: What the band takes under the frame of its page template.
        self.room = room
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas: Canvas = self.canv
        page = int(canvas.getPageNumber())
        _x, y = canvas.absolutePosition(0, 0)
        note_anchors(self, -y)  # the band stands at the foot, not here
        frame = getattr(getattr(canvas, "_doctemplate", None), "frame", None)
        if frame is not None:  # the band under the frame, for the report
            canvas.saveState()
            canvas.translate(0, frame._y1 - self.room - y)
            record_piece(canvas, self.room, "band", "")
            canvas.restoreState()
        for anchor in self.anchors:
            anchor.record.moves.append(Move(anchor.key, self.wanted, page))
            record_note(canvas, _("{element} set at the foot of this page: it did not fit "
                                  "on the page before").format(element=anchor.title))


class Figure(Table):  # type: ignore[misc]
    """A photo with its caption and credit under it: a one-column table that
    can also stand in for the image of ``ImageAndFlowables``."""

    def draw(self) -> None:
        note_anchors(self, self._height)
        with marked_figure(self.canv, self):  # the photo is a figure, its caption marks itself
            super().draw()

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

    def __init__(self, content: Flowable, space_after: float, line: float,
                 what: str = N_("a page-wide photo")) -> None:
        super().__init__()
        self.content = content
        self.space_after = space_after
        #: What the layout report calls it where it moved (a message id).
        self.what = what
        #: The column grid: the figure and the space under it take whole
        #: lines, so that the text after it stays on the page's grid.
        self.line = line
        self.content_height = 0.0
        self.deferred = False
        self.drawn = False

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, self.content_height = self.content.wrapOn(self.canv, available_width,
                                                         available_height)
        lines = math.ceil((self.content_height + self.space_after) / self.line - 1e-6)
        self.width, self.height = width, lines * self.line
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        doc = getattr(self.canv, "_doctemplate", None)
        if self.deferred or doc is None or not hasattr(doc, "defer"):
            return []
        self.deferred = True
        doc.defer(self)
        return [Spacer(0, 0)]

    def draw(self) -> None:
        self.drawn = True
        note_anchors(self, self.height)
        if self.deferred:
            record_note(self.canv, _("{what} moved to the top of this page: it did not fit "
                                     "on the page before").format(what=_(self.what)))
        paint_figure(self.canv, self.content, self.height - self.content_height,
                     self.content_height)


class FlushFloats(Flowable):  # type: ignore[misc]
    """Nothing, unless one of ``floats`` waits for the next page (see
    :class:`TopFloat`): then it does not fit, the next page is begun, and the
    waiting figures are set first on it. Set where the articles end and at the
    end of the story, so that no figure waits for a page that never comes."""

    def __init__(self, floats: Sequence[TopFloat]) -> None:
        super().__init__()
        self.floats = list(floats)
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        waiting = any(f.deferred and not f.drawn for f in self.floats)
        return (0, available_height + 1) if waiting else (0, 0)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        pass


class NeedsRoom(CondPageBreak):  # type: ignore[misc]
    """Begins the next frame unless ``flowables`` (a heading) and ``extra``
    more (the first lines of its text) fit in what is left of this one.

    Set before a heading instead of keeping the heading with all its text:
    ReportLab moves such a group whole to a taller next frame (the page after
    the masthead), leaving this one empty, even where it fits neither.
    """

    def __init__(self, flowables: Sequence[Flowable], extra: float) -> None:
        super().__init__(extra)
        self.flowables = list(flowables)
        self.extra = extra

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.height = _listWrapOn(self.flowables, available_width, self.canv)[1] + self.extra
        return tuple(super().wrap(available_width, available_height))  # type: ignore[return-value]


class KeepGroups(KeepTogether):  # type: ignore[misc]
    """Keeps its content together on one page; content taller than a page
    (``page_height``: a full frame) is kept together group by group instead,
    the first in what is left of this page where it fits. So is content that
    would leave this page less than :data:`~layout.report.UNDERFULL` full if
    it moved on whole: what fits of it stays, rather than a near-empty page."""

    def __init__(self, groups: Sequence[Sequence[Flowable]], page_height: float) -> None:
        self.groups = [list(group) for group in groups if group]
        self.page_height = page_height
        super().__init__([flowable for group in self.groups for flowable in group])

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        _width, height = _listWrapOn(self._content, available_width, self.canv)
        frame = getattr(self, "_frame", None)  # what this page holds above: the text so far
        used = frame._y2 - frame._y if frame is not None else self.page_height - available_height
        emptied = used < UNDERFULL * self.page_height
        if len(self.groups) < 2 or (height <= self.page_height and not emptied):
            return list(super().split(available_width, available_height))
        # an action first: ReportLab sets the first part of a split at once
        return [NullActionFlowable(), *(KeepTogether(group) for group in self.groups)]


class KeptTable(Table):  # type: ignore[misc]
    """A table that moves whole to the next page rather than split; one taller
    than a page (``page_height``: a full frame) is split into even parts, the
    header repeated over each, and never leaves a stub of a few rows.

    The report is told of every split (see :func:`~layout.report.record_note`).
    """

    page_height = 0.0
    #: Body rows of the whole table, and the first of this part (from 1).
    total_rows = 0
    first_row = 1

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self._calc(available_width, available_height)
        head = int(self.repeatRows)
        heights = list(self._rowHeights)
        header, body = sum(heights[:head]), heights[head:]
        fit = _rows_within(body, available_height - header)
        if fit >= len(body):
            return list(super().split(available_width, available_height))
        full = _rows_within(body, max(self.page_height, available_height) - header)
        parts = math.ceil(len(body) / max(full, 1))
        rows = math.ceil(len(body) / parts)  # as many in each part
        if rows > fit:
            if not getattr(self, "_postponed", 0) or fit == 0:
                return []  # to the next page, whole or to be split there evenly
            rows = fit  # a frame shorter than a page: what fits
        pieces: list[Flowable] = self._splitRows(header + sum(body[:rows]) + 1e-3)
        if len(pieces) == 2:
            pieces[0].anchors = getattr(self, "anchors", ())  # the table starts there
            total = self.total_rows or len(body)
            for piece, first in zip(pieces, (self.first_row, self.first_row + rows), strict=True):
                piece.page_height, piece.total_rows, piece.first_row = \
                    self.page_height, total, first
        return pieces

    def draw(self) -> None:
        note_anchors(self, self._height)
        body = len(self._rowHeights) - int(self.repeatRows)
        if self.total_rows and body < self.total_rows:
            record_note(self.canv, _("table split: rows {first}–{last} of {total} on this "
                                     "page").format(first=self.first_row,
                                                    last=self.first_row + body - 1,
                                                    total=self.total_rows))
        record_piece(self.canv, self._height, "table", "")
        super().draw()


def _rows_within(heights: Sequence[float], room: float) -> int:
    """How many of the rows of ``heights`` fit, one after the other, in ``room``."""
    used = 0.0
    for count, height in enumerate(heights):
        used += height
        if used > room + 1e-6:
            return count
    return len(heights)


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

    #: A frame too narrow for two columns of at least this width (the frame
    #: beside the opening page's sidebar) takes the text in one.
    min_width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # A run that starts below other content (an article's header, a
        # page-wide photo) starts on the next line of the page's grid, so
        # that its lines stand level with every other run on the page.
        frame = getattr(self, "_frame", None)
        self._topPadding = grid_offset(frame, self.line) if frame is not None else 0
        column = (available_width - (self._nCols - 1) * (self._innerPadding or 0)) / self._nCols
        if frame is not None and column < self.min_width:
            return self._one_column(frame, available_width, available_height)
        return tuple(super().wrap(available_width, available_height))  # type: ignore[return-value]

    def _one_column(self, frame: Any, width: float, height: float) -> tuple[float, float]:
        """Set what fits of the run in the frame as one column; the rest
        continues in columns on the next page."""
        pad = self._topPadding or 0
        _, _, first, rest = self._findSplit(self.canv, width, height - pad,
                                            content=list(self._content))
        if not first:  # not even a line fits: all of it on the next page
            return 0, height + 1
        generated: list[Flowable] = [Spacer(0, pad)] if pad else []
        generated += first
        after: float = self.getSpaceAfter()
        if rest:
            more = type(self)(rest, nCols=self._nCols, innerPadding=self._innerPadding,
                              leftPadding=self._leftPadding, rightPadding=self._rightPadding,
                              topPadding=0, bottomPadding=self._bottomPadding,
                              spaceAfter=after)
            more.line, more.min_width = self.line, self.min_width
            generated.append(more)
        else:
            generated.append(Spacer(0, after))
        self.spaceAfter = 0.0  # this flowable stands for what it generated
        frame.add_generated_content(*generated)
        return 0, 0

    def _generated_content(self, width: float, height: float) -> tuple[float, list[Flowable]]:
        if not self._balanced:
            self._balanced = True
            self._forced = self._level_split(width, height - (self._topPadding or 0))
        used, generated = super()._generated_content(width, height)
        for flowable in generated:  # ReportLab makes the rest a plain BalancedColumns
            if type(flowable) is BalancedColumns:
                flowable.__class__ = type(self)
                flowable.line = self.line
            if self._nCols > 2 and isinstance(getattr(flowable, "F", None), list):
                self._even_frames(flowable.F, width)
        return used, generated

    def _even_frames(self, frames: list[Any], width: float) -> None:
        """Make each of three or more columns as wide as ReportLab measured
        their content for: it pads the middle ones by a whole gutter, not
        half of it on each side, leaving them a third of a gutter too narrow
        (their paragraphs were then set again, squeezed off the grid)."""
        gap = self._innerPadding or 0
        count = len(frames)
        column = (width - gap * (count - 1)) / count
        share = width / count
        for index, frame in enumerate(frames):
            left = index * (column + gap) - index * share
            frame._leftPadding = left
            frame._rightPadding = max(0.0, share - left - column - 1e-9)
            frame._geom()
            frame._reset()

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
        best: tuple[tuple[int, int, int], float, list[Flowable], list[Flowable]] | None = None
        for moved, order in enumerate([content, *_floated(content)]):
            trial = max(self.line, total / 2 - 3 * self.line)
            while trial <= min(height, total / 2 + 3 * self.line):
                _, _, first, rest = self._findSplit(self.canv, column, trial, content=order,
                                                    paraFix=False)
                if first and rest:
                    tall = _listWrapOn(first, column, self.canv)[1]
                    other = _listWrapOn(rest, column, self.canv)[1]
                    # a block moved only where that ends the columns more level
                    score = (round(max(tall, other) / self.line),
                             round(abs(tall - other) / self.line), min(moved, 1))
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
        # what follows in this column keeps its space before (ReportLab's
        # split drops it, as at the top of a column)
        space = max(first[-1].getSpaceAfter(), rest[1].getSpaceBefore() if len(rest) > 1 else 0)
        room = height - used - space
        if room < 2 * getattr(rest[0], "line", 0):
            return first, rest
        _, _, more, remaining = super()._findSplit(canv, width, room, content=rest[1:],
                                                   paraFix=para_fix)
        if not more or all(_keeps_with_next(f) for f in more):
            return first, rest
        return first + list(more), [rest[0], *remaining]


def _floated(content: list[Flowable]) -> Iterator[list[Flowable]]:
    """``content`` with one run of photos and quotes (:class:`GridBlock`) set
    after the paragraph that follows it, once for each such run: a figure
    may give way to text, as in any magazine, where that balances the
    columns. The text keeps its order."""
    index = 0
    while index < len(content):
        if not isinstance(content[index], GridBlock):
            index += 1
            continue
        end = index
        while end < len(content) and isinstance(content[end], GridBlock):
            end += 1
        if end < len(content) and isinstance(content[end], Paragraph) \
                and not _keeps_with_next(content[end]):
            moved = content[end]
            indented = getattr(moved, "indented_style", None)
            before = content[index - 1] if index else None
            if indented is not None and isinstance(before, Paragraph) \
                    and not _keeps_with_next(before):
                moved = copy.copy(moved)  # now it follows text: indented as such
                moved.style = indented
            yield [*content[:index], moved, *content[index:end], *content[end + 1:]]
        index = end


class Separator(HRFlowable):  # type: ignore[misc]
    """The rule between two articles: none at the top of a page, where
    nothing stands above it to separate."""

    _skipped = False

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        frame = getattr(self, "_frame", None)
        self._skipped = bool(frame is not None and frame._atTop)
        if self._skipped:
            return 0, 0
        return tuple(super().wrap(available_width, available_height))  # type: ignore[return-value]

    def getSpaceAfter(self) -> float:
        return 0.0 if self._skipped else float(super().getSpaceAfter())

    def draw(self) -> None:
        if not self._skipped:
            super().draw()


class GridSnap(Flowable):  # type: ignore[misc]
    """Space down to the next line of the page's baseline grid: set before
    body text that follows a heading of another leading (see :func:`grid_offset`)."""

    def __init__(self, line: float) -> None:
        super().__init__()
        self.line = line
        self.width = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.height = grid_offset(getattr(self, "_frame", None), self.line)
        return 0, min(self.height, available_height)

    def draw(self) -> None:
        pass


def grid_offset(frame: Any, line: float) -> float:
    """The space from ``frame``'s current position down to the next line of
    its baseline grid, which starts at the frame's top."""
    if frame is None or getattr(frame, "_atTop", True):
        return 0.0
    used = frame._y2 - frame._topPadding - frame._y
    offset = -used % line
    return 0.0 if offset < 0.01 or offset > line - 0.01 else float(offset)


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
        note_anchors(self, self.height)
        if not self.figure:
            record_piece(self.canv, self.height, "quote", "")
        paint_figure(self.canv, self.content, offset, self.content_height,
                     "figure" if self.figure else "")


def paint_figure(canvas: Canvas, figure: Flowable, y: float, height: float,
                 kind: str = "figure") -> None:
    """Draw ``figure`` (or a pull quote) at height ``y`` of the current
    flowable, but in the page's content before its text where the document
    template allows (see :meth:`~layout.pages.NewsletterDoc.at_page_end`): a
    caption then never interrupts a paragraph that continues around the
    figure or across the page turn. ``kind`` is what the layout report
    records (nothing where the caller has)."""
    if kind:
        record_piece(canvas, y + height, kind, "")
    doc: Any = getattr(canvas, "_doctemplate", None)
    if doc is None or not hasattr(doc, "at_page_end"):
        figure.drawOn(canvas, 0, y)
        return
    x, absolute_y = canvas.absolutePosition(0, y)
    doc.at_page_end(lambda page: figure.drawOn(page, x, absolute_y), before_text=True)
