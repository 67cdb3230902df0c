"""Text that must fit a fixed place: the lines of the covers, masthead and foot.

Page furniture is not flowed by platypus but set at fixed places, so each of
its texts is fitted here before it is drawn. :func:`options` lists the ways
a text can be set in a width, best first: at its size on as few lines as
the place allows, then a step smaller, down to the floor the theme gives;
only then broken after a hyphen or a slash inside a word, and as a last
resort between any two letters (a word wider than the place even at the
floor). The caller takes the first option that also fits its height; where
none does, :func:`shortfall` says by how many
characters the text is too long, for a diagnostic at the YAML value.

Lines of two or more are balanced (the longest as short as it can be), and
set with room for an accent over a descender. This module measures and
draws on a canvas; it knows nothing of the issue.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepInFrame
from reportlab.platypus.flowables import _FUZZ, _listWrapOn

#: How far (in em) glyphs reach above the baseline (an accent over a capital)
#: and below it (a descender): lines closer than their sum may touch.
TOP = 0.95
DEPTH = 0.25
#: Sizes are tried in steps of this many points.
STEP = 0.5
#: Where a word may be broken at level 1: after a hyphen or slash between letters.
_WORD_BREAK = re.compile(r"(?<=\w[-/])(?=\w)")
#: Dashes that must not begin a line: they stay with the word before them.
_CLINGING = {"–", "—", "-", "·", "|"}


@dataclass(frozen=True)
class Span:
    """A piece of text in one colour (None: the canvas' current fill colour)."""

    text: str
    colour: Color | None = None


@dataclass(frozen=True)
class _Atom:
    """A piece no line break may split: its text, colour, width at 1 pt, and
    whether a space separates it from the atom before."""

    text: str
    colour: Color | None
    width: float
    spaced: bool


@dataclass(frozen=True)
class Run:
    """Text drawn in one go at ``offset`` from the line's start."""

    text: str
    colour: Color | None
    offset: float


@dataclass(frozen=True)
class Setting:
    """A text set in lines at one size, ready to draw."""

    font: str
    size: float
    leading: float
    lines: tuple[tuple[Run, ...], ...]
    widths: tuple[float, ...]

    @property
    def top(self) -> float:
        """How far the first line reaches above its baseline."""
        return TOP * self.size

    @property
    def depth(self) -> float:
        """How far the last line reaches below the first baseline."""
        return (len(self.lines) - 1) * self.leading + DEPTH * self.size

    @property
    def height(self) -> float:
        return self.top + self.depth

    @property
    def width(self) -> float:
        return max(self.widths, default=0.0)

    def draw(self, canvas: Canvas, x: float, baseline: float, align: str = "left") -> None:
        """Draw the lines, the first on ``baseline``; ``x`` is the left edge, or
        the right edge for ``align="right"``."""
        canvas.setFont(self.font, self.size)
        count = len(self.lines)
        for number, (line, width) in enumerate(zip(self.lines, self.widths, strict=True)):
            start = x - width if align == "right" else x
            y = baseline - number * self.leading
            for index, run in enumerate(line):
                if run.colour is not None:
                    canvas.setFillColor(run.colour)
                text = run.text
                if index + 1 < len(line):
                    after = line[index + 1].offset - run.offset - stringWidth(
                        text, self.font, self.size)
                    spaced = after > 0.01  # the next run stands apart: a word space
                else:
                    spaced = number + 1 < count  # a line end
                if spaced and not text.endswith((" ", "-", "/")):
                    # read as a word space (text extraction, screen readers);
                    # drawn after the run, it moves nothing
                    text += " "
                canvas.drawString(start + run.offset, y, text)


@dataclass(frozen=True)
class Option:
    """One way to set a text: its size and line count (the lines are made on
    demand, by :meth:`set`)."""

    atoms: tuple[_Atom, ...]
    font: str
    size: float
    leading: float
    count: int

    @property
    def top(self) -> float:
        return TOP * self.size

    @property
    def height(self) -> float:
        return TOP * self.size + (self.count - 1) * self.leading + DEPTH * self.size

    def set(self) -> Setting:
        return _balanced(self.atoms, self.font, self.size, self.leading, self.count)


def options(spans: Sequence[Span], font: str, size: float, leading: float, floor: float,
            width: float, max_lines: int) -> list[Option]:
    """The ways to set ``spans`` in ``width`` on at most ``max_lines`` lines,
    best first (see the module's docstring). ``leading`` is the line distance
    at ``size``; it shrinks in proportion, and is widened where lines would touch."""
    found: list[Option] = []
    ratio = leading / size
    space = text_width(" ", font, 1)
    for level in (0, 1, 2):
        atoms = _atoms(tuple(spans), font, level)
        if not atoms:
            return [Option(atoms, font, size, leading, 1)]
        steps = max(0, math.floor((size - floor) / STEP + 1e-9))
        for step in range(steps + 1):
            current = size - step * STEP if step < steps else min(size, floor)
            count = _greedy_count(atoms, current, width, space * current)
            if count <= max_lines:
                lines_leading = current * ratio if count == 1 else max(current * ratio,
                                                                       (TOP + DEPTH) * current)
                found.append(Option(atoms, font, current, lines_leading, count))
    return found


def shortfall(spans: Sequence[Span], font: str, floor: float, width: float,
              max_lines: int) -> int:
    """About how many characters too long ``spans`` are for ``max_lines`` lines
    of ``width`` at the ``floor`` size (at least 1)."""
    text = " ".join(span.text for span in spans)
    total = text_width(text, font, floor)
    per_char = total / max(len(text), 1)
    return max(1, math.ceil((total - max_lines * width * 0.95) / max(per_char, 1e-6)))


# -- breaking into lines ---------------------------------------------------------


def text_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` set in ``font`` at ``size`` (points)."""
    return float(stringWidth(text, font, size))


@functools.lru_cache(maxsize=512)
def _atoms(spans: tuple[Span, ...], font: str, level: int) -> tuple[_Atom, ...]:
    """The unbreakable pieces of ``spans``: words (level 0), parts of words after
    a hyphen or slash (level 1), or single characters (level 2)."""
    atoms: list[_Atom] = []
    for span in spans:
        for word in span.text.split():
            if atoms and word in _CLINGING:
                last = atoms.pop()  # "gestalten –": the dash never starts a line
                text = f"{last.text} {word}"
                atoms.append(_Atom(text, last.colour, text_width(text, font, 1), last.spaced))
                continue
            if level == 0:
                pieces = [word]
            elif level == 1:
                pieces = _WORD_BREAK.split(word)
            else:
                pieces = list(word)
            for index, piece in enumerate(pieces):
                atoms.append(_Atom(piece, span.colour, text_width(piece, font, 1),
                                   spaced=index == 0 and bool(atoms)))
    return tuple(atoms)


def _greedy_count(atoms: Sequence[_Atom], size: float, width: float, space: float) -> int:
    """How many lines of ``width`` the atoms take at ``size`` (a space being
    ``space`` wide), filled one by one; a large number if an atom alone is too wide."""
    lines, used = 1, 0.0
    for index, atom in enumerate(atoms):
        advance = atom.width * size
        if advance > width + 1e-6:
            return 1 << 20
        gap = space if atom.spaced and index else 0.0
        if index and used + gap + advance > width + 1e-6:
            lines, used = lines + 1, advance
        else:
            used += gap + advance
    return lines


def _balanced(atoms: Sequence[_Atom], font: str, size: float, leading: float,
              count: int) -> Setting:
    """The atoms in ``count`` lines whose longest is as short as it can be."""
    space = text_width(" ", font, size)
    widths = [atom.width * size for atom in atoms]

    def line_width(start: int, end: int) -> float:
        gaps = sum(1 for atom in atoms[start + 1:end] if atom.spaced)
        return sum(widths[start:end]) + gaps * space

    @functools.cache
    def best(start: int, lines: int) -> tuple[float, tuple[int, ...]]:
        """The least possible longest line of atoms[start:] in ``lines`` lines,
        and where those lines end."""
        if lines == 1:
            return line_width(start, len(atoms)), (len(atoms),)
        result: tuple[float, tuple[int, ...]] = (math.inf, ())
        for end in range(start + 1, len(atoms) - lines + 2):
            first = line_width(start, end)
            if first >= result[0]:
                break
            rest, ends = best(end, lines - 1)
            result = min(result, (max(first, rest), (end, *ends)))
        return result

    count = max(1, min(count, len(atoms)))
    _, ends = best(0, count)
    lines, measured = [], []
    start = 0
    for end in ends:
        runs: list[Run] = []
        offset = 0.0
        for index in range(start, end):
            atom = atoms[index]
            if index > start and atom.spaced:
                offset += space
            if runs and runs[-1].colour == atom.colour and not (index > start and atom.spaced):
                last = runs.pop()
                runs.append(Run(last.text + atom.text, last.colour, last.offset))
            elif runs and runs[-1].colour == atom.colour:
                last = runs.pop()
                runs.append(Run(f"{last.text} {atom.text}", last.colour, last.offset))
            else:
                runs.append(Run(atom.text, atom.colour, offset))
            offset += widths[index]
        lines.append(tuple(runs))
        measured.append(offset)
        start = end
    return Setting(font, size, leading, tuple(lines), tuple(measured))



@dataclass(frozen=True)
class Placed:
    """A setting and where it stands: its first baseline, and its left edge
    (its right edge for ``align="right"``)."""

    setting: Setting
    x: float
    baseline: float
    align: str = "left"

    @property
    def top(self) -> float:
        return self.baseline + self.setting.top

    @property
    def bottom(self) -> float:
        return self.baseline - self.setting.depth

    def draw(self, canvas: Canvas) -> None:
        self.setting.draw(canvas, self.x, self.baseline, self.align)


# -- boxes of flowables ------------------------------------------------------------


class ScaledBox(KeepInFrame):  # type: ignore[misc]
    """Flowables in a box of fixed size, set smaller together (scaled) where
    they would not fit, but never below ``floor`` (a fraction of their size).

    :attr:`fits` says whether they fit at all; :attr:`scale` is the fraction
    they are set at. Unlike ReportLab's ``KeepInFrame(mode="shrink")``,
    whose shrinking knows no end, the box is never set smaller than the floor.
    Content of a fixed width (a table) is made anew for each width tried when
    it is given as a function of the width, so that it fills the box at any scale.
    """

    def __init__(self, width: float, height: float,
                 content: Sequence[Flowable] | Callable[[float], Sequence[Flowable]],
                 floor: float) -> None:
        self.make = content if callable(content) else None
        super().__init__(width, height, list(content(width) if callable(content) else content),
                         mode="shrink")
        self.floor = floor
        self.scale = 1.0
        self.fits = True

    def _measure(self, width: float, scale: float) -> tuple[float, float]:
        if self.make is not None:
            self._content = list(self.make(width / scale))
        found = _listWrapOn(self._content, width / scale, getattr(self, "canv", None))
        return float(found[0]) * scale, float(found[1]) * scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width = float(min(self.maxWidth or available_width, available_width))
        height = float(min(self.maxHeight or available_height, available_height))

        def fits(scale: float) -> bool:
            used_w, used_h = self._measure(width, scale)
            return bool(used_w <= width + _FUZZ and used_h <= height + _FUZZ)

        scale = 1.0
        self.fits = True
        if not fits(1.0):
            if fits(self.floor):
                low, high = self.floor, 1.0  # fits at low, not at high
                for _step in range(8):
                    middle = (low + high) / 2
                    low, high = (middle, high) if fits(middle) else (low, middle)
                scale = low
            else:
                scale, self.fits = self.floor, False
        self.scale = scale
        self._scale = 1 / scale  # what KeepInFrame.drawOn divides by
        used_w, used_h = self._measure(width, scale)
        self.width, self.height = used_w - _FUZZ, used_h - _FUZZ
        return self.width, self.height

    def needed_height(self, width: float) -> float:
        """The height the content takes at the floor (after :meth:`wrap`)."""
        return self._measure(width, self.floor)[1]
