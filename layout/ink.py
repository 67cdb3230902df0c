"""Where each line of text stands on its page, noted while the canvas draws.

:class:`Ink` watches one canvas, the build's (the inside pages, and the notes
pages and covers drawn after them). For every run of text a text object
draws (``_textOut``, ``textOut``, ``textLine``; ``drawString`` and its kin go
through one), it notes the run's box on the page: across, from the run's
first character to its last by the font's advance widths, plus character
and word spacing, times the horizontal scale (spaces at either end left
out); up, from the lowest to the highest reach of its glyphs (the bounding
boxes of the font's outlines; the font's descent and ascent where it has
none), moved by the text rise; placed by the text object's line matrix and
the canvas' current transformation when the text object is drawn. The
glyphs, not the font's ascent and descent: a display line may stand in the
descent of the line above it where neither has a descender or accent there.

:meth:`Ink.defects` then names what a reader would see on each page: a run
that reaches beyond the page (the trim, the canvas' page size; the print
edition's bleed comes later), and two upright runs whose boxes overlap (each
box shrunk by :data:`TOUCH` first, as the gallery's tests shrink glyph boxes;
a run drawn over itself, rotated text and white space do not count). To
keep this cheap, a run's glyphs are measured only where a rough box, as
high as its font's bounding box, reaches beyond the page or meets another.

The hook is the watched canvas' own ``beginText`` and ``drawText`` (set on
that one canvas by :meth:`Ink.watch`, taken off by :meth:`Ink.unwatch`):
nothing else of ReportLab's is changed, and nothing drawn differs. (How far
each glyph of a font reaches is kept while its face lives, as a fact of the
font file.) The charts, stamped into the pages after the canvas is saved,
are not seen here.

This module relies on these names private to ReportLab: the text object's
``_textOut``, ``_fontname``, ``_fontsize``, ``_leading``, ``_charSpace``,
``_wordSpace``, ``_textRenderMode``; the canvas' ``_currentMatrix``,
``_pageNumber`` and ``_pagesize``; a TrueType face's ``_ttf_data``,
``table``, ``glyphPos`` and ``charToGlyph``.
"""

from __future__ import annotations

import math
import struct
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from .i18n import _

#: Boxes are shrunk by this much (points) on each side before they are
#: compared: lines that merely touch are not printed over each other.
TOUCH = 0.3
#: How far (points) a box may reach beyond the page edge unnoticed (rounding).
EDGE = 0.01
#: How many characters of a run a defect quotes.
QUOTE = 40

Box = tuple[float, float, float, float]  # left, bottom, right, top
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class Run(NamedTuple):
    """A run of text as it stands on its page."""

    text: str
    box: Box
    #: Set upright (not rotated, skewed or mirrored; scaled is upright).
    upright: bool


class _Placed(NamedTuple):
    """A run as noted while drawing: a rough box, as high as its font's
    bounding box (no glyph of the font reaches further), and what its box is
    made of, worked out (see :meth:`run`) only where the rough box reaches
    beyond the page or meets another."""

    text: str
    rough: Box
    upright: bool
    glyphs: _Glyphs
    size: float
    left: float
    right: float
    rise: float
    matrix: Matrix

    def run(self) -> Run:
        low, high = self.glyphs.extent(self.text)
        size, rise = self.size, self.rise
        return Run(self.text, _place(self.matrix, self.left, self.right, rise + low * size,
                                     rise + high * size), self.upright)


@dataclass
class PageInk:
    """The runs of text of one page of the canvas, and the page's size."""

    size: tuple[float, float]
    placed: list[_Placed] = field(default_factory=list)

    @property
    def runs(self) -> list[Run]:
        """The page's runs, in the order they were drawn."""
        return [placed.run() for placed in self.placed]


class Ink:
    """The runs of text of every page of the canvases it watches, by the
    canvas' page number (from 1)."""

    def __init__(self) -> None:
        self.pages: dict[int, PageInk] = {}
        #: How far the glyphs of each font drawn reach down and up.
        self._glyphs: dict[str, _Glyphs] = {}

    def canvas(self, *args: Any, **kwargs: Any) -> Canvas:
        """A canvas, watched: a ``canvasmaker`` for ``doc.build``."""
        canvas = Canvas(*args, **kwargs)
        self.watch(canvas)
        return canvas

    def watch(self, canvas: Canvas) -> None:
        """Note the text ``canvas`` draws from now on."""
        draw = canvas.drawText

        def begin_text(x: float = 0, y: float = 0, direction: Any = None) -> PDFTextObject:
            return _InkText(canvas, x, y, direction)

        def draw_text(text: PDFTextObject) -> None:
            draw(text)
            if isinstance(text, _InkText) and text.ink_runs:
                self._note(canvas, text)

        canvas.beginText = begin_text
        canvas.drawText = draw_text

    @staticmethod
    def unwatch(canvas: Canvas) -> None:
        """Leave ``canvas`` as it was before :meth:`watch`."""
        for name in ("beginText", "drawText"):
            canvas.__dict__.pop(name, None)

    def _note(self, canvas: Canvas, text: _InkText) -> None:
        """The runs of ``text``, drawn now, placed on the canvas' page."""
        page = self.pages.get(canvas._pageNumber)
        if page is None:
            width, height = canvas._pagesize
            page = self.pages[canvas._pageNumber] = PageInk((float(width), float(height)))
        ctm, fonts, placed = canvas._currentMatrix, self._glyphs, page.placed
        for run, left, right, font, size, rise, line in text.ink_runs:
            glyphs = fonts.get(font) or fonts.setdefault(font, _glyphs(font))
            matrix = _multiply(line, ctm)
            low, high = glyphs.rough
            placed.append(_Placed(run, _place(matrix, left, right, rise + low * size,
                                              rise + high * size), _upright(matrix),
                                  glyphs, size, left, right, rise, matrix))

    def defects(self, first_folio: int, front: int | None = None) -> list[tuple[int, str]]:
        """What a reader would see, as the layout report's events: (page,
        message), pages numbered as the trace numbers them (``first_folio``
        is the printed number of page 1). ``front`` is the page of the canvas
        that holds the front cover, drawn last and printed first."""
        found: list[tuple[int, str]] = []
        for number, page in sorted(self.pages.items()):
            printed = 1 if number == front else number + first_folio - 1
            traced = printed - first_folio + 1
            seen: set[str] = set()
            for message in _page_defects(page, printed):
                if message not in seen:
                    seen.add(message)
                    found.append((traced, message))
        return found


def _page_defects(page: PageInk, printed: int) -> list[str]:
    """Runs beyond the page and runs over each other, on one page."""
    width, height = page.size
    placed = page.placed
    boxes: dict[int, Box] = {}

    def box(index: int) -> Box:
        if index not in boxes:
            boxes[index] = placed[index].run().box
        return boxes[index]

    def beyond(box: Box) -> bool:
        return (box[0] < -EDGE or box[1] < -EDGE or box[2] > width + EDGE
                or box[3] > height + EDGE)

    found = [_("text beyond the page edge on page {page}: '{text}'").format(
        page=printed, text=_quote(run.text))
        for index, run in enumerate(placed) if beyond(run.rough) and beyond(box(index))]
    for first, second in _overprints(placed, box):
        found.append(_("lines printed over each other on page {page}: '{first}' / "
                       "'{second}'").format(page=printed, first=_quote(placed[first].text),
                                            second=_quote(placed[second].text)))
    return found


def _overprints(placed: list[_Placed], box: Callable[[int], Box]) -> list[tuple[int, int]]:
    """The pairs of upright runs (their indexes, in the order they were drawn)
    whose boxes overlap; a run drawn twice in one place is one. Only runs
    whose rough boxes overlap are measured."""
    upright = sorted((index for index, run in enumerate(placed) if run.upright),
                     key=lambda index: placed[index].rough[1])
    found = []
    for position, low in enumerate(upright):
        rough = placed[low].rough
        for high in upright[position + 1:]:
            if rough[3] - placed[high].rough[1] <= 2 * TOUCH:
                break  # sorted by their bottoms: no later run reaches down to this one
            if (_meet(rough, placed[high].rough) and _meet(box(low), box(high))
                    and not (placed[low].text == placed[high].text and all(
                        abs(a - b) < EDGE for a, b in zip(box(low), box(high), strict=True)))):
                found.append((min(low, high), max(low, high)))
    return sorted(found)


def _meet(one: Box, other: Box) -> bool:
    """Whether two boxes overlap once each is shrunk by :data:`TOUCH`."""
    return (min(one[2], other[2]) - max(one[0], other[0]) > 2 * TOUCH
            and min(one[3], other[3]) - max(one[1], other[1]) > 2 * TOUCH)


def _upright(matrix: Matrix) -> bool:
    a, b, c, d = matrix[:4]
    return abs(b) < 1e-9 and abs(c) < 1e-9 and a > 0 and d > 0


def _place(matrix: Matrix, left: float, right: float, bottom: float, top: float) -> Box:
    """The box on the page of the box ``left``, ``bottom``, ``right``,
    ``top`` transformed by ``matrix``."""
    a, b, c, d, e, f = matrix
    if b == 0 and c == 0:
        xs, ys = (a * left + e, a * right + e), (d * bottom + f, d * top + f)
        return (min(xs), min(ys), max(xs), max(ys))
    across = [a * x + c * y + e for x in (left, right) for y in (bottom, top)]
    up = [b * x + d * y + f for x in (left, right) for y in (bottom, top)]
    return (min(across), min(up), max(across), max(up))


def _glyphs(font: str) -> _Glyphs:
    """The glyphs' reach of ``font``: measured once per TrueType face (the
    bundled fonts' outlines do not change while the engine runs)."""
    face: Any = getattr(getFont(font), "face", None)
    if not all(hasattr(face, name) for name in ("_ttf_data", "table", "glyphPos",
                                                 "charToGlyph", "unitsPerEm")):
        ascent, descent = getAscentDescent(font)
        return _Glyphs(None, (descent / 1000, ascent / 1000))
    glyphs = _MEASURED.get(face)
    if glyphs is None:
        glyphs = _MEASURED[face] = _Glyphs(face, (face.bbox[1] / 1000, face.bbox[3] / 1000))
    return glyphs


class _Glyphs:
    """How far the glyphs of one font reach below and above the baseline (in
    em), read from its TrueType outlines' bounding boxes (``face``); for a
    font without (``face`` None), its descent and ascent. ``rough``: no glyph
    of the font reaches further (the font's bounding box, else its descent
    and ascent)."""

    def __init__(self, face: Any, rough: tuple[float, float]) -> None:
        self.low: dict[str, float] = _Extents(self, 0)
        self.high: dict[str, float] = _Extents(self, 1)
        self.face, self.rough = face, rough

    def extent(self, text: str) -> tuple[float, float]:
        """How far the lowest glyph of ``text`` reaches down, the highest up;
        (0, 0) for glyphs without ink."""
        chars = set(text)
        low, high = min(map(self.low.__getitem__, chars)), max(map(self.high.__getitem__, chars))
        return (low, high) if low <= high else (0.0, 0.0)

    def measure(self, char: str) -> tuple[float, float]:
        face = self.face
        if face is None:
            return self.rough
        glyph = face.charToGlyph.get(ord(char), 0)
        start, end = face.glyphPos[glyph], face.glyphPos[glyph + 1]
        if start == end:
            return (math.inf, -math.inf)  # no outline: a space
        _contours, _left, low, _right, high = struct.unpack_from(
            ">hhhhh", face._ttf_data, face.table["glyf"]["offset"] + start)
        return (low / face.unitsPerEm, high / face.unitsPerEm)


#: The glyphs' reach of each TrueType face measured, while the face lives.
_MEASURED: weakref.WeakKeyDictionary[Any, _Glyphs] = weakref.WeakKeyDictionary()


class _Extents(dict[str, float]):
    """One side of :class:`_Glyphs`, measured when first asked for."""

    def __init__(self, glyphs: _Glyphs, side: int) -> None:
        super().__init__()
        self.glyphs, self.side = glyphs, side

    def __missing__(self, char: str) -> float:
        low, high = self.glyphs.measure(char)
        self.glyphs.low[char], self.glyphs.high[char] = low, high
        return (low, high)[self.side]


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE else text[:QUOTE] + "…"


def _multiply(first: Matrix, then: Matrix) -> Matrix:
    """The transformation ``first``, then ``then`` (PDF's row-vector order)."""
    a, b, c, d, e, f = first
    a1, b1, c1, d1, e1, f1 = then
    return (a * a1 + b * c1, a * b1 + b * d1, c * a1 + d * c1, c * b1 + d * d1,
            e * a1 + f * c1 + e1, e * b1 + f * d1 + f1)


class _InkText(PDFTextObject):  # type: ignore[misc]
    """A text object that notes each run it draws: its text, its left and
    right in the space of the line matrix it was drawn from, its font, size
    and rise, and that matrix. It follows the text state as PDF reads it
    (not ReportLab's cursor, which ``_textOut`` does not move): the line
    matrix (``Tm``, ``Td``, ``T*``), the advance along the line, rise,
    horizontal scale and render mode."""

    # ReportLab sets these on the text object once they are set.
    _charSpace = 0.0
    _wordSpace = 0.0
    _ink_x = 0.0  # the advance along the current line
    _ink_rise = 0.0
    _ink_scale = 1.0
    _ink_hidden = False
    _ink_line: Matrix = _IDENTITY

    def __init__(self, canvas: Canvas, x: float = 0, y: float = 0,
                 direction: Any = None) -> None:
        self.ink_runs: list[tuple[str, float, float, str, float, float, Matrix]] = []
        super().__init__(canvas, x, y, direction)

    def setTextOrigin(self, x: float, y: float) -> None:
        super().setTextOrigin(x, y)
        self._ink_line = (1.0, 0.0, 0.0, 1.0 if self._canvas.bottomup else -1.0, x, y)
        self._ink_x = 0.0

    def setTextTransform(self, a: float, b: float, c: float, d: float, e: float,
                         f: float) -> None:
        super().setTextTransform(a, b, c, d, e, f)
        if not self._canvas.bottomup:
            c, d = -c, -d
        self._ink_line = (a, b, c, d, e, f)
        self._ink_x = 0.0

    def moveCursor(self, dx: float, dy: float) -> None:
        super().moveCursor(dx, dy)
        a, b, c, d, e, f = self._ink_line  # written as ``dx -dy Td``
        self._ink_line = (a, b, c, d, e + a * dx - c * dy, f + b * dx - d * dy)
        self._ink_x = 0.0

    def setRise(self, rise: float) -> None:
        super().setRise(rise)
        self._ink_rise = rise

    def setHorizScale(self, horizScale: float) -> None:
        super().setHorizScale(horizScale)
        self._ink_scale = horizScale / 100

    def setTextRenderMode(self, mode: int) -> None:
        super().setTextRenderMode(mode)
        self._ink_hidden = self._textRenderMode & 3 == 3  # neither filled nor stroked

    def _textOut(self, text: str, TStar: int = 0) -> None:
        if text:
            self._ink_note(text)
        super()._textOut(text, TStar)
        if TStar:
            self._ink_next_line()

    def textOut(self, text: str) -> None:
        if text:
            self._ink_note(text)
        super().textOut(text)

    def textLine(self, text: str = "") -> None:
        if text:
            self._ink_note(text)
        super().textLine(text)
        self._ink_next_line()

    def _ink_next_line(self) -> None:
        """``T*``: the next line, one leading under the start of this one."""
        a, b, c, d, e, f = self._ink_line
        leading = self._leading
        self._ink_line = (a, b, c, d, e - c * leading, f - d * leading)
        self._ink_x = 0.0

    def _ink_note(self, text: str) -> None:
        """Note the run ``text`` at the current point, and move past it."""
        font, size, scale = self._fontname, self._fontsize, self._ink_scale
        char, word = self._charSpace, self._wordSpace
        core = text.strip()
        before = after = 0.0
        if core is not text:  # spaces at either end: no ink
            lead = len(text) - len(text.lstrip())
            before = _advance(text[:lead], font, size, char, word)
            after = _advance(text[lead + len(core):], font, size, char, word)
        inked = _advance(core, font, size, char, word) if core else 0.0
        if core and not self._ink_hidden:
            left = self._ink_x + before * scale
            self.ink_runs.append((core, left, left + (inked - char) * scale, font, size,
                                  self._ink_rise, self._ink_line))
        self._ink_x += (before + inked + after) * scale


def _advance(text: str, font: str, size: float, char: float, word: float) -> float:
    """How far ``text`` moves the current point (before horizontal scaling)."""
    width = float(stringWidth(text, font, size))
    if char:
        width += char * len(text)
    if word:
        width += word * _spaces(text, font)
    return width


def _spaces(text: str, font: str) -> int:
    """How many characters of ``text`` word spacing widens in ``font``: the
    spaces, and in ReportLab's subsets of TrueType fonts the no-break spaces
    too (which it sets as code 32)."""
    count = text.count(" ")
    if getattr(getFont(font), "_dynamicFont", False):
        count += text.count("\xa0")
    return count
