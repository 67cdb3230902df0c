"""The layout report: what a print designer would check, page by page.

While the inside pages are built, every paragraph records what it drew
(:class:`TracedParagraph`): where, in which frame, how many lines, whether it
starts or ends its paragraph, the word spacing of each justified line and
whether a line ends in a hyphen. :func:`make_report` turns those records
into per-page findings: the fill of each column, orphans and widows, loose
lines, runs of hyphenated line ends, and anything overset or shrunk.

This module observes; it never changes the layout.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from .i18n import _
from .linebreak import JustifiedParagraph, measure_lines
from .tagging import marked

#: Word gaps wider than this (in em) make a line loose ...
LOOSE_EM = 0.6
#: ... and wider than this, a defect.
HOLE_EM = 1.0
#: More hyphenated line ends in a row than this is a defect.
MAX_HYPHENS_IN_A_ROW = 3
#: Columns that end more lines apart than this are a defect (see _check_balance).
UNEVEN_LINES = 3
#: More loose lines than this in an issue is a defect.
MAX_LOOSE_LINES = 10
#: An inside page filled less than this (a share of its text area) is a
#: defect, unless the issue's content ends there.
UNDERFULL = 0.25
#: How far (points) a line may stand from the baseline grid.
GRID_SLACK = 0.5
#: The frame of the opening page, whose text stands beside the sidebar: how
#: full it is is the editorial's length, not the layout's doing.
OPENING_FRAME = "main"


@dataclass(frozen=True)
class Line:
    gap_em: float  # the widest word gap of the line, in em of its font size
    hyphenated: bool
    justified: bool


@dataclass(frozen=True)
class Piece:
    """What one paragraph (or part of one) drew."""

    page: int
    frame: str
    frame_bottom: float
    frame_top: float
    top: float
    bottom: float
    style: str
    text: str
    starts: bool  # the paragraph begins here
    ends: bool  # the paragraph ends here
    ends_flow: bool  # nothing follows in its flow
    lines: tuple[Line, ...]
    frame_width: float = 0.0
    #: The line spacing of its text (0 for a photo or a block).
    leading: float = 0.0
    #: The top of the page's text frame, where its baseline grid starts.
    grid_top: float | None = None


@dataclass
class Trace:
    """Everything recorded during one build of the inside pages."""

    pieces: list[Piece] = field(default_factory=list)
    #: Problems noticed while drawing: (page, message).
    events: list[tuple[int, str]] = field(default_factory=list)
    #: What was done on purpose and a designer should know: an element moved
    #: to another page, a table split (page, message).
    notes: list[tuple[int, str]] = field(default_factory=list)
    #: Width and height of a page's text area (the document's margins).
    area: tuple[float, float] = (0.0, 0.0)


class TracedParagraph(JustifiedParagraph):  # type: ignore[misc]
    """A paragraph (justified by total fit) that tells the document's
    :class:`Trace` what it drew."""

    _continued = False
    #: Set on the last paragraph of a flow (an article's columns): a heading
    #: there ends the flow and may stand at a column's foot.
    ends_flow = False
    #: Anchors that note where the paragraph is drawn (see layout.flowables.tag).
    anchors: tuple[Any, ...] = ()

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(available_width, available_height)
        if len(parts) == 2:
            parts[0]._continued = self._continued
            parts[1]._continued = True
            parts[1].ends_flow = self.ends_flow
            parts[0].anchors, parts[1].anchors = self.anchors, ()
            if hasattr(self, "tag_node"):  # one element of the structure tree
                parts[0].tag_node = parts[1].tag_node = self.tag_node
        return parts

    def draw(self) -> None:
        for anchor in self.anchors:
            anchor.note(self.canv, self.height)
        with marked(self.canv, self):
            super().draw()
        text_drawn = getattr(getattr(self.canv, "_doctemplate", None), "text_drawn", None)
        if text_drawn is not None:  # where the page's figures go (see layout.pages)
            text_drawn(self._continued, not getattr(self, "_splitpara", 0))
        record_piece(self.canv, self.height, self.style.name, _start(self),
                     starts=not self._continued, ends=not getattr(self, "_splitpara", 0),
                     ends_flow=self.ends_flow, lines=tuple(_lines(self)),
                     leading=float(self.style.leading))


def record_piece(canvas: Canvas, height: float, style: str, text: str, *, starts: bool = True,
                 ends: bool = True, ends_flow: bool = False,
                 lines: tuple[Line, ...] = (), leading: float = 0.0) -> None:
    """Tell the document's trace that something of ``height`` was drawn at the
    canvas' current origin, in the document's current frame."""
    doc = getattr(canvas, "_doctemplate", None)
    trace = getattr(doc, "trace", None)
    frame = getattr(doc, "frame", None)
    if trace is None or frame is None or getattr(doc, "painting_page_end", False):
        return  # not inside the flow of a traced document (covers, page furniture)
    x, bottom = canvas.absolutePosition(0, 0)
    top = canvas.absolutePosition(0, height)[1]
    if not frame._x1 - 1 <= x <= frame._x1 + frame._width:
        return  # drawn outside the flow (the sidebar)
    trace.area = (float(getattr(doc, "width", 0.0)), float(getattr(doc, "height", 0.0)))
    trace.pieces.append(Piece(
        page=canvas.getPageNumber(), frame=str(getattr(frame, "id", "")),
        frame_bottom=frame._y1, frame_top=frame._y1 + frame._height, top=top, bottom=bottom,
        style=style, text=text, starts=starts, ends=ends, ends_flow=ends_flow, lines=lines,
        frame_width=frame._width, leading=leading, grid_top=getattr(doc, "grid_top", None)))


def record_note(canvas: Canvas, message: str) -> None:
    """Tell the document's trace something a designer should know about the
    page ``canvas`` draws on (shown as a note of that page in the report)."""
    trace = getattr(getattr(canvas, "_doctemplate", None), "trace", None)
    if trace is not None:
        trace.notes.append((int(canvas.getPageNumber()), message))


def _start(paragraph: Paragraph) -> str:
    """The first words of what the paragraph drew (to name it in the report)."""
    text = paragraph.getPlainText()
    para = getattr(paragraph, "blPara", None)
    if not text and para is not None and para.lines:  # a split part keeps its words in lines
        line = para.lines[0]
        text = ("".join(w.text for w in line.words if hasattr(w, "text")) if para.kind == 1
                else " ".join(line[1]))
    return " ".join(text.split())[:60]


def _lines(paragraph: Paragraph) -> list[Line]:
    """Word spacing and hyphenation of each line the paragraph was broken into."""
    if getattr(paragraph, "blPara", None) is None:
        return []
    justified = paragraph.style.alignment == TA_JUSTIFY
    return [Line(m.word_space_em, m.hyphenated, justified and not m.last)
            for m in measure_lines(paragraph)]


# -- the report ------------------------------------------------------------


@dataclass(frozen=True)
class ColumnFill:
    frame: str
    fill: float  # 0..1 of the frame's height used from the top


@dataclass
class PageReport:
    page: int  # printed page number
    columns: list[ColumnFill] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class LayoutReport:
    pages: list[PageReport]
    loose_lines: int
    widest_gap_em: float
    hyphenated_ends: int
    longest_hyphen_run: int
    defects: list[str]
    #: Findings that are not defects (soft photos …), for the report only.
    notes: list[str] = field(default_factory=list)

    def format(self) -> str:
        lines = [_("Layout report: {loose} loose lines (> {loose_em} em, at most {most}), "
                   "widest word gap {gap:.2f} em, {hyphens} hyphenated line ends, at most "
                   "{run} in a row; {defects} defect(s).").format(
                       loose=self.loose_lines, loose_em=LOOSE_EM, most=MAX_LOOSE_LINES,
                       gap=self.widest_gap_em, hyphens=self.hyphenated_ends,
                       run=self.longest_hyphen_run, defects=len(self.defects))]
        for page in self.pages:
            fills = ", ".join(f"{c.frame} {c.fill:.0%}" for c in page.columns)
            lines.append(_("page {number}: {fills}").format(
                number=page.page, fills=fills or _("no text")))
            lines += [_("  defect: {defect}").format(defect=d) for d in page.defects]
            lines += [_("  note: {note}").format(note=n) for n in page.notes]
        lines += [_("note: {note}").format(note=n) for n in self.notes]
        return "\n".join(lines)


def make_report(trace: Trace, first_folio: int, line: float) -> LayoutReport:
    """Judge what was drawn; ``first_folio`` is the printed number of page 1,
    ``line`` the body leading (the unit of the column grid)."""
    by_page: dict[int, PageReport] = {}

    def page(number: int) -> PageReport:
        return by_page.setdefault(number, PageReport(number + first_folio - 1))

    frames: dict[tuple[int, str], list[Piece]] = defaultdict(list)
    for piece in trace.pieces:
        frames[(piece.page, piece.frame)].append(piece)
    names = _frame_names(list(frames))
    for (number, frame), pieces in frames.items():
        report = page(number)
        name = names[(number, frame)]
        if any(line.justified for piece in pieces for line in piece.lines):
            height = pieces[0].frame_top - pieces[0].frame_bottom
            used = pieces[0].frame_top - min(p.bottom for p in pieces)
            report.columns.append(ColumnFill(name, used / height if height else 0))
        _check_breaks(pieces, report, name, columns=frame.startswith("BalancedColumns-"))
    _check_balance(frames, line, page)
    _check_grid(trace.pieces, line, page)
    _check_fill(trace, page)
    for number, message in trace.events:
        page(number).defects.append(message)
    for number, message in trace.notes:
        page(number).notes.append(message)

    gaps = [row.gap_em for piece in trace.pieces for row in piece.lines if row.justified]
    loose = sum(gap > LOOSE_EM for gap in gaps)
    run = longest = 0
    for piece in trace.pieces:
        for row in piece.lines:
            run = run + 1 if row.hyphenated else 0
            longest = max(longest, run)
            if row.justified and row.gap_em > HOLE_EM:
                page(piece.page).defects.append(
                    _("a hole of {gap:.2f} em in a line of '{text}…'").format(
                        gap=row.gap_em, text=piece.text[:40]))
    pages = [by_page[n] for n in sorted(by_page)]
    defects = [d for p in pages for d in p.defects]
    if loose > MAX_LOOSE_LINES:
        defects.append(_("{count} loose lines (more than {most})").format(
            count=loose, most=MAX_LOOSE_LINES))
    if longest > MAX_HYPHENS_IN_A_ROW:
        defects.append(_("{count} hyphenated line ends in a row").format(count=longest))
    return LayoutReport(pages, loose, max(gaps, default=0.0),
                        sum(row.hyphenated for p in trace.pieces for row in p.lines),
                        longest, defects)


def page_fill(pieces: list[Piece], area: tuple[float, float]) -> float:
    """How much of a page's text area (``area``: width, height) its pieces
    cover: per frame, the height they span, weighted by the frame's width."""
    width, height = area
    if width <= 0 or height <= 0:
        return 1.0
    covered = 0.0
    frames: dict[str, list[Piece]] = defaultdict(list)
    for piece in pieces:
        frames[piece.frame].append(piece)
    for frame_pieces in frames.values():
        spans = sorted((p.bottom, p.top) for p in frame_pieces)
        used, reach = 0.0, float("-inf")
        for low, high in spans:  # the union of the pieces' spans
            low = max(low, reach)
            if high > low:
                used += high - low
            reach = max(reach, high)
        covered += used * min(frame_pieces[0].frame_width or width, width)
    return min(covered / (width * height), 1.0)


def _check_fill(trace: Trace, page: Callable[[int], PageReport]) -> None:
    """No inside page less than :data:`UNDERFULL` full, but the last of the
    content (and the opening page, which the sidebar fills beside the editorial)."""
    by_page: dict[int, list[Piece]] = defaultdict(list)
    for piece in trace.pieces:
        by_page[piece.page].append(piece)
    if not by_page:
        return
    last = max(by_page)
    for number in range(1, last):  # a page with nothing on it at all too
        pieces = by_page.get(number, [])
        if any(p.frame == OPENING_FRAME for p in pieces):
            continue
        fill = page_fill(pieces, trace.area)
        if fill < UNDERFULL:
            report = page(number)
            report.defects.append(_(
                "page {page} is only {fill:.0%} full, and the content goes on after it "
                "(at least {least:.0%})").format(page=report.page, fill=fill, least=UNDERFULL))


def _check_grid(pieces: list[Piece], line: float, page: Callable[[int], PageReport]) -> None:
    """Every line of body text on a page stands on one baseline grid, which
    starts at the top of the page's text frame: lines level across the
    gutter and from one run of columns to the next. A paragraph that starts
    between two lines of the grid, or whose lines were squeezed to fit, is
    off it."""
    off: dict[int, list[Piece]] = defaultdict(list)
    for piece in pieces:
        if piece.style not in _GRID or not piece.lines or piece.grid_top is None:
            continue
        phase = (piece.grid_top - piece.top) % line
        squeezed = abs(piece.top - piece.bottom - len(piece.lines) * piece.leading) > GRID_SLACK
        if min(phase, line - phase) > GRID_SLACK or squeezed:
            off[piece.page].append(piece)
    for number, found in sorted(off.items()):
        count = sum(len(p.lines) for p in found)
        page(number).defects.append(_(
            "{count} line(s) off the baseline grid, from '{text}…'").format(
                count=count, text=found[0].text[:40]))


def _check_breaks(pieces: list[Piece], report: PageReport, frame: str, columns: bool) -> None:
    """Orphans, widows and (in columns) headings at the foot of a frame. A
    full-width frame ends with an article's header where its columns follow
    in frames of their own, so headings are judged in columns only."""
    ordered = sorted(pieces, key=lambda p: -p.top)
    first, last = ordered[0], ordered[-1]
    if not first.starts and len(first.lines) == 1:
        report.defects.append(_("widow: a single line at the top of {frame} ('{text}…')")
                              .format(frame=frame, text=first.text[:40]))
    if not last.ends and len(last.lines) == 1:
        report.defects.append(_("orphan: a single line at the foot of {frame} ('{text}…')")
                              .format(frame=frame, text=last.text[:40]))
    if columns and last.style in _HEADINGS and not last.ends_flow:
        report.defects.append(_("heading at the foot of {frame} ('{text}')").format(
            frame=frame, text=last.text[:40]))


def _check_balance(frames: dict[tuple[int, str], list[Piece]], line: float,
                   page: Callable[[int], PageReport]) -> None:
    """The columns of a run that ends on a page should end level, within one
    line. Keeping headings with their text and refusing widows and orphans
    can force a difference of a line or two: that is noted; more is a defect.
    A column that holds a photo or a quote alone stands beside the text, not
    level with it. Where the run goes on on the next page, a column can end
    short before a heading kept with its first lines: that is noted."""
    runs: dict[tuple[int, str], list[tuple[float, float]]] = defaultdict(list)
    beside: set[tuple[int, str]] = set()
    ending: set[tuple[int, str]] = set()
    for (number, frame), pieces in frames.items():
        if frame.startswith("BalancedColumns-"):
            run = frame.rsplit("-", 1)[0]
            runs[(number, run)].append((min(p.bottom for p in pieces), pieces[0].frame_bottom))
            if all(p.style in _BESIDE for p in pieces):
                beside.add((number, run))
            if any(p.ends_flow for p in pieces):
                ending.add((number, run))
    for key, columns in runs.items():
        if len(columns) < 2 or key in beside or all(b - f < line for b, f in columns):
            continue  # a single column, a photo beside text, or columns filled to the foot
        number = key[0]
        bottoms = [bottom for bottom, _frame in columns]
        spread = max(bottoms) - min(bottoms)
        if spread > line * UNEVEN_LINES + 0.5 and key in ending:
            page(number).defects.append(_("columns end {lines:.0f} lines apart").format(
                lines=spread / line))
        elif spread > line + 0.5:
            page(number).notes.append(_("columns end {lines:.0f} lines apart").format(
                lines=spread / line))


#: The styles of column text, which keeps to the baseline grid.
_GRID = {"body", "body_first", "subhead", "question", "speaker"}
_HEADINGS = {"subhead", "question", "speaker", "title", "section", "stats_title"}
#: What stands beside the text of the other column (see _check_balance).
_BESIDE = {"figure", "quote", "quote_by"}


def _frame_names(frames: list[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """Readable frame names: ReportLab's 'BalancedColumns-1234-0' becomes
    'column 1', or 'column 1 of run 2' where a page has several runs of columns."""
    runs: dict[int, list[str]] = defaultdict(list)
    for page, frame in frames:
        if frame.startswith("BalancedColumns-"):
            run = frame.rsplit("-", 1)[0]
            if run not in runs[page]:
                runs[page].append(run)
    names = {}
    for page, frame in frames:
        if not frame.startswith("BalancedColumns-"):
            names[(page, frame)] = frame
            continue
        run, column = frame.rsplit("-", 1)
        name = _("column {number}").format(number=int(column) + 1)
        if len(runs[page]) > 1:
            name = _("{column} of run {number}").format(column=name,
                                                       number=runs[page].index(run) + 1)
        names[(page, frame)] = name
    return names

