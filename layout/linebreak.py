"""Total-fit line breaking (Knuth and Plass) for justified paragraphs, and
the same break rules, first fit, for ragged ones that ask for them.

:class:`JustifiedParagraph` is a ReportLab ``Paragraph`` whose ``breakLines``
chooses all the breaks of a justified paragraph at once, so that its word
spaces are as even as possible. It may stand wherever a ``Paragraph`` is
made. A ragged paragraph (left, right or centred) is broken by ReportLab as
before, unless its style sets ``breakByRules``, its text holds a zero-width
space, or ReportLab would split a word at any letter: then each line is
filled as far as it goes by the break rules below (:func:`_first_fit`).

The text is a row of boxes (ReportLab's frag words), glue (the spaces, which
stretch and shrink) and penalties: hyphenation points from
:mod:`layout.hyphenation` in the style's ``hyphenationLang`` (one dictionary
per language, each word looked up once; one at a compound boundary,
``Zusammen|arbeit``, costs :data:`COMPOUND_PENALTY`, less than another),
breaks after written hyphens, at a zero-width space (U+200B, set
by the editor: no hyphen is added, the character itself is never drawn),
and, in an emergency only, after ``/ . @ - ? &`` in web and e-mail addresses
(``uriWasteReduce`` and ``embeddedHyphenation`` are not consulted). Nothing
breaks inside ``<nobr>`` (phone numbers). A line's adjustment ratio r is 1
when its word spaces are :data:`LOOSE_EM` wide and -1 when they have shrunk
by :data:`SHRINK`; its demerits are (line penalty + 100·|r|³)² + penalty²,
plus extra demerits for two hyphenated lines in a row, a hyphen on the
penultimate line and neighbouring lines of very different tightness. Never
more than :data:`MAX_HYPHEN_RUN` hyphenated lines follow each other. In the
emergency pass a line looser than :data:`HOLE_EM` is allowed, and still
preferred to a line of one lone word.

Contract: the result is what ReportLab's own ``breakLines`` returns for
styled text, a ``ParaLines`` of kind 1 with ``FragLine`` lines, and
``self.frags`` becomes its list of frag words with each hyphenated word split
(head, injected break, tail); so ReportLab's ``draw``, ``split`` and
``minWidth`` work unchanged, and both parts of a split keep their lines (a
paragraph is broken once, as in TeX).
The last line, and a line ended by ``<br/>``, stays ragged. If no breaks fit
with word spaces up to :data:`LOOSE_EM`, a second pass allows up to
:data:`HOLE_EM`; after that, and for what it does not handle (CJK or
bidirectional text, images, end dots), ReportLab's greedy breaker decides.
``getPlainText`` returns the text without the hyphens added at line ends.
:func:`line_spacing_report` measures the lines of any paragraph.

This module never draws and never changes a style or the text.
"""

from __future__ import annotations

import copy
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus.paragraph import (
    _FK_BREAK,
    _FK_IMG,
    _FK_TEXT,
    FragLine,
    Paragraph,
    ParaLines,
    _getFragWords,
    _handleBulletWidth,
    _HSFrag,
    _InjectedFrag,
    _processed_frags,
    _SHYIndexedStr,
    _SplitFrag,
    _SplitFragH,
    _SplitFragHS,
    _SplitFragHY,
)

from . import cache
from .hyphenation import LEFT, LETTERS, MIN_WORD, RIGHT, compound_points, hyphenation_points

FragWord = list[Any]  # ReportLab's [width, (frag, text), ...]

#: Word spaces this wide (in em) make r = 1, the loosest the first pass allows.
LOOSE_EM = 0.6
#: The second pass allows word spaces up to this width (in em).
HOLE_EM = 1.0
#: A word space may shrink by this fraction of its natural width (r = -1).
SHRINK = 0.2
#: Hyphenated line ends in a row, at most.
MAX_HYPHEN_RUN = 3
LINE_PENALTY = 10.0
HYPHEN_PENALTY = 50.0
#: A hyphen at a compound boundary (``Kompetenz-entwicklung``) costs less.
COMPOUND_PENALTY = 30.0
ADDRESS_PENALTY = 500.0
DOUBLE_HYPHEN_DEMERITS = 10000.0
FINAL_HYPHEN_DEMERITS = 5000.0
ADJACENT_DEMERITS = 10000.0
_EPS = 1e-6
_INF = float("inf")
_NBSP = "\xa0"
_LEAD = re.compile(r"^[\"'(\[{¿¡‘‚“„»«›‹]+")
_TRAIL = re.compile(r"[\]\"')}?!.,;:’‛”‟«»‹›…]+$")
#: Letters after these are a gender ending ("Kolleg:innen") or a contraction: never hyphenated.
_MARKERS = tuple(":*_·/'’")
#: A break the editor marked, without a hyphen; never drawn.
ZWSP = "\u200b"
#: Where an address may break (after the character), and what must not follow.
_ADDRESS_BREAKS = "/.@-?&"
_ADDRESS_JOINED = "/.@-?&="
#: A ragged line is cut inside an address only where ending it before the
#: address would leave more than this share of the line empty.
ADDRESS_WASTE = 0.3
_ADDRESS = re.compile(r"(?i)^(?:[a-z][a-z0-9+.-]*://\S+|www\.\S+|[^@\s]+@[^@\s]+\.\w{2,}"
                      r"|(?:[\w-]+\.)+[a-z]{2,}/\S*)$")


@dataclass(frozen=True)
class LineMetrics:
    """The spacing of one broken line, as drawn."""

    index: int
    natural_width: float  # words and normal spaces
    width: float  # the width available to the line
    spaces: int  # word spaces the justification spreads over
    word_space_em: float  # one word space as drawn, in em of the style's font size
    hyphenated: bool  # ends in a hyphen (added or written) with more lines to follow
    last: bool  # set ragged: the paragraph's last line or one ended by <br/>


class _Break(NamedTuple):
    """A place where a line may end; widths and counts run from the paragraph start."""

    word: int  # the frag word the break is in (a hyphenation) or after (a space)
    cut: int  # character position of a hyphenation in the word; -1 after the word
    hyphen: bool  # a hyphen is added at the break
    end: float  # where a line ending here ends
    start: float  # where the next line starts
    end_count: int  # words and no-break spaces up to a line ending here
    start_count: int  # ... before the next line
    penalty: float
    flagged: bool  # the line ends in a hyphen
    emergency: bool  # only for the second pass (inside an address)
    last: bool  # end of the text, or of a part ended by <br/>


class _Setting(NamedTuple):
    widths: list[float]
    stretch: float  # of one word space, for r = 1
    shrink: float  # of one word space, for r = -1
    #: How the last line of a part is set: "fill" (ragged, may shrink), "ragged"
    #: (before <br/>: never shrunk) or "justify".
    end: str


class _Node(NamedTuple):
    brk: _Break
    line: int  # index of the next line, at most that of the last given width
    fitness: int  # 0 tight, 1 decent, 2 loose, 3 very loose
    run: int  # hyphenated line ends in a row up to here
    demerits: float
    prev: _Node | None


class JustifiedParagraph(Paragraph):  # type: ignore[misc]
    """A ``Paragraph`` whose justified text is broken by total fit."""

    frags: list[Any]

    def breakLines(self, width: float | Sequence[float]) -> Any:
        widths = [float(width)] if isinstance(width, int | float) else [float(w) for w in width]
        _handleBulletWidth(self.bulletText, self.style, widths)
        if getattr(self, "_splitpara", 0) and _fits(getattr(self, "blPara", None), widths):
            return self.blPara  # the first part of a split: keep the lines it was cut from
        memo = getattr(self, "_total_fit", None)
        if memo and _widths(memo[0]) == _widths(widths) and memo[1] is self.frags:
            return memo[2]  # wrapped again at the same width (balancing columns does)
        ragged = not _handled(self)
        if ragged:
            plain = getattr(self, "_plain_fit", None)
            if not plain or plain[0] != widths or plain[1] is not self.frags:
                ours = _ragged(self) and (getattr(self.style, "breakByRules", False)
                                          or _marked(self.frags))
                if ours:
                    return self._break_by_rules(width, widths, ragged)
                plain = self._plain_fit = (widths, self.frags, self._reportlab_lines(width))
                if _ragged(self) and self._splitLongWordCount:  # a word split at any letter
                    return self._break_by_rules(width, widths, ragged)
            return plain[2]
        return self._break_by_rules(width, widths, ragged)

    def _reportlab_lines(self, width: float | Sequence[float]) -> Any:
        """ReportLab's own breaking, zero-width spaces taken out first."""
        if _marked(self.frags) and not _processed_frags(self.frags):
            self.frags = [frag.clone(text=frag.text.replace(ZWSP, ""))
                          if ZWSP in getattr(frag, "text", "") else frag for frag in self.frags]
        self._splitLongWordCount = 0
        return super().breakLines(width)

    def _break_by_rules(self, width: float | Sequence[float], widths: list[float],
                        ragged: bool) -> Any:
        words, marks = _unmark(_getFragWords(self.frags, widths[0]))
        if any(f._fkind == _FK_IMG for w in words for f, _ in w[1:]) or not any(
                w[0] > 0 for w in words):
            return self._reportlab_lines(width)
        chosen = _choose_kept(words, widths, self.style,
                              not getattr(self, "_JustifyLast", False), marks, ragged)
        if chosen is None:
            return self._reportlab_lines(width)
        frag_words, starts, self._hyphenations = _assemble(words, chosen)
        lines = _make_lines(frag_words, starts, widths, bool(self.style.justifyBreaks))
        self._splitLongWordCount = 0
        self._width_max = max((ln.maxWidth - ln.extraSpace for ln in lines), default=0)
        self.height = 0
        self.frags = frag_words
        self._total_fit = (widths, frag_words, ParaLines(kind=1, lines=lines))
        return self._total_fit[2]

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """ReportLab's split; the rest keeps the lines it had in the whole
        paragraph, as the first part does. A paragraph is broken once, as in
        TeX: where it is cut between columns changes none of its lines (and
        balancing columns need not break the rest again for every height
        it tries)."""
        memo = getattr(self, "_total_fit", None)
        if not memo or memo[1] is not self.frags:
            return list(super().split(available_width, available_height))
        widths, _, lines = memo[0], memo[1], memo[2].lines
        parts: list[Flowable] = super().split(available_width, available_height)
        if len(parts) != 2 or not isinstance(parts[1], JustifiedParagraph):
            return parts
        head, rest = parts
        cut = len(head.blPara.lines)
        if not 0 < cut < len(lines) or len(_widths(widths)) > 2:
            return parts
        first = lines[cut].sFW
        kept = [FragLine(**{**line.__dict__, "sFW": line.sFW - first}) for line in lines[cut:]]
        rest._total_fit = ([widths[-1]], rest.frags, ParaLines(kind=1, lines=kept))
        return parts

    def deepcopy(self) -> Paragraph:
        """A copy to try a split on, as ReportLab's column balancing does.

        ReportLab deep-copies, style and all. A split changes only the
        paragraph's own attributes and the class of the word it ends on, so a
        copy of those will do; unless the lines are ours, the copy is deep.
        """
        memo = getattr(self, "_total_fit", None)
        if not memo or memo[1] is not self.frags:
            return copy.deepcopy(self, {id(self.style): self.style})
        clone = copy.copy(self)
        # ReportLab's split changes the class of a hyphenated word it ends on.
        clone.frags = [copy.copy(w) if isinstance(w, _SplitFragHY) else w for w in self.frags]
        clone._total_fit = (memo[0], clone.frags, memo[2])
        return clone

    def getPlainText(self, identify: Any = None) -> str:
        """The text, without the hyphens added at line ends."""
        frags = getattr(self, "frags", None)
        if not frags or not _processed_frags(frags):
            return str(super().getPlainText(identify))
        return "".join("".join(t for _, t in w[1:]) + (" " if isinstance(w, _HSFrag) else "")
                       for w in _getFragWords(frags))


def _widths(widths: Sequence[float]) -> tuple[float, ...]:
    """Line widths as they apply (the last one repeats for every further line),
    to a thousandth of a point: frames pass the same width give or take 1e-6."""
    rounded = [round(w, 3) for w in widths]
    while len(rounded) > 1 and rounded[-1] == rounded[-2]:
        rounded.pop()
    return tuple(rounded)


def _handled(paragraph: Paragraph) -> bool:
    """Total fit applies: justified text ReportLab would break as styled frags."""
    return bool(paragraph.style.alignment == TA_JUSTIFY and _ragged(paragraph, any_alignment=True))


def _ragged(paragraph: Paragraph, any_alignment: bool = False) -> bool:
    """Text ReportLab would break as styled frags, in a ragged alignment
    (left, right, centred), that the break rules can take."""
    style = paragraph.style
    return bool((any_alignment or style.alignment != TA_JUSTIFY)
                and not style.wordWrap and not style.endDots
                and not getattr(style, "shaping", 0) and paragraph.frags
                and not callable(getattr(style, "hyphenationLang", ""))
                and (_processed_frags(paragraph.frags)
                     or all(hasattr(f, "text") for f in paragraph.frags)))


def _marked(frags: Sequence[Any]) -> bool:
    """The text holds a zero-width space (a break the editor marked)."""
    return any(ZWSP in t for f in frags for t in _texts(f))


def _texts(frag: Any) -> list[str]:
    """The strings of a ParaFrag, or of a frag word of processed frags."""
    if isinstance(frag, list):
        return [t for _, t in frag[1:] if isinstance(t, str)]
    text = getattr(frag, "text", None)
    return [text] if isinstance(text, str) else []


def _unmark(words: list[FragWord]) -> tuple[list[FragWord], list[tuple[int, ...]]]:
    """The words without their zero-width spaces, and for each word where it
    had one (positions in the word as it is then): breaks without a hyphen."""
    out: list[FragWord] = []
    marks: list[tuple[int, ...]] = []
    for word in words:
        if not any(ZWSP in text for _, text in word[1:]):
            out.append(word)
            marks.append(())
            continue
        pieces, found, position = [], [], 0
        for frag, text in word[1:]:
            clean = text.replace(ZWSP, "")
            at = text.find(ZWSP)
            while at >= 0:
                found.append(position + at - text.count(ZWSP, 0, at))
                at = text.find(ZWSP, at + 1)
            shy = getattr(text, "_shyIndices", None)
            if shy:  # soft hyphens, at their places in the text without its ZWSPs
                clean = _SHYIndexedStr(clean, [x - text.count(ZWSP, 0, x) for x in shy])
            pieces.append((frag, clean))
            position += len(clean)
        marks.append(tuple(sorted({p for p in found if 0 < p < position})))
        out.append(type(word)([_width(pieces), *pieces]))
    return out, marks


def _fits(para: Any, widths: list[float]) -> bool:
    """``para`` holds FragLines broken for ``widths``."""
    lines = getattr(para, "lines", None)
    if not lines or para.kind != 1:
        return False
    top = len(widths) - 1
    return all(abs(getattr(ln, "maxWidth", -1) - widths[min(i, top)]) < _EPS
               for i, ln in enumerate(lines))


@functools.lru_cache(maxsize=16384)
def _cuts(lang: str, text: str) -> tuple[tuple[int, bool, bool, float], ...]:
    """Where ``text`` may break: (position, adds a hyphen, only in an emergency,
    penalty)."""
    lead_match = _LEAD.match(text)
    lead = lead_match.end() if lead_match else 0
    trail = _TRAIL.search(text, lead)
    core = text[lead:trail.start() if trail else len(text)]
    if _ADDRESS.match(core):
        return tuple((lead + k + 1, False, True, ADDRESS_PENALTY) for k, ch in enumerate(core)
                     if ch in _ADDRESS_BREAKS and 2 <= k < len(core) - 3
                     and core[k + 1] not in _ADDRESS_JOINED)
    cuts = [(lead + k + 1, False, False, HYPHEN_PENALTY) for k, ch in enumerate(core)
            if ch == "-" and k >= LEFT and len(core) - k > RIGHT and "-" not in core[k - 1:k + 2:2]]
    for run in LETTERS.finditer(core):
        letters, at = run.group(), run.start()
        if len(letters) >= MIN_WORD and core[at - 1:at] not in _MARKERS:
            joints = compound_points(lang, letters)
            cuts += [(lead + at + p, True, False,
                      COMPOUND_PENALTY if p in joints else HYPHEN_PENALTY)
                     for p in hyphenation_points(lang, letters)]
    return tuple(sorted(cuts))


def _word_cuts(word: FragWord, lang: str,
               marks: tuple[int, ...] = ()) -> tuple[tuple[int, bool, bool, float], ...]:
    """Where a frag word may break: its soft hyphens and the zero-width spaces
    it had (``marks``), else :func:`_cuts`."""
    pieces = word[1:]
    if any(hasattr(f, "cbDefn") or f.rise or getattr(f, "nobr", False) for f, _ in pieces):
        return ()
    shy, pos = [], 0
    for _, text in pieces:
        shy += [(pos + x, True, False, HYPHEN_PENALTY) for x in getattr(text, "_shyIndices", ())]
        pos += len(text)
    shy += [(x, False, False, HYPHEN_PENALTY) for x in marks]
    shy = [cut for cut in shy if 0 < cut[0] < pos]  # a soft hyphen at an end breaks nothing
    return tuple(sorted(shy)) or _cuts(lang, "".join(t for _, t in pieces))


def _slice(pieces: Sequence[tuple[Any, str]], lo: int, hi: int) -> list[tuple[Any, str]]:
    """The pieces of a frag word between character positions ``lo`` and ``hi``."""
    out, pos = [], 0
    for frag, text in pieces:
        a, b = max(lo, pos), min(hi, pos + len(text))
        if a < b:
            out.append((frag, text[a - pos:b - pos]))
        pos += len(text)
    return out


def _width(pieces: Sequence[tuple[Any, str]]) -> float:
    return float(sum(stringWidth(t, f.fontName, f.fontSize) for f, t in pieces))


# -- the model: boxes, glue and penalties ----------------------------------


def _choose_kept(words: list[FragWord], widths: list[float], style: Any, fill_last: bool,
                 marks: list[tuple[int, ...]], ragged: bool) -> list[_Break] | None:
    """:func:`_choose`, kept in :mod:`layout.cache` by everything it depends on:
    the words with their fonts, the widths, the style; ReportLab's version,
    the font files and pyphen's (with its dictionaries) are in every key."""
    text = [[type(w).__name__, list(m), *((t, f.fontName, f.fontSize, f._fkind,
                                           bool(getattr(f, "nobr", False))) for f, t in w[1:])]
            for w, m in zip(words, marks, strict=True)]
    name = cache.key("breaks", text, widths,
                     style.fontName, style.fontSize, str(style.hyphenationLang),
                     bool(style.justifyBreaks), fill_last, ragged) + ".json"
    kept = cache.read_json("breaks", name)
    if isinstance(kept, dict):
        return None if kept["breaks"] is None else [_Break(*b) for b in kept["breaks"]]
    chosen = _choose(words, widths, style, fill_last, marks, ragged)
    cache.write_json("breaks", name, {"breaks": None if chosen is None
                                      else [list(b) for b in chosen]})
    return chosen


def _choose(words: list[FragWord], widths: list[float], style: Any, fill_last: bool,
            marks: list[tuple[int, ...]], ragged: bool = False) -> list[_Break] | None:
    """The best breaks of every part between ``<br/>`` (the first that fit, if
    ``ragged``); ``None`` if none fit."""
    space = stringWidth(" ", style.fontName, style.fontSize)
    stretch = max(LOOSE_EM * style.fontSize - space, space / 2)
    loosest = (HOLE_EM * style.fontSize - space) / stretch
    lang = str(getattr(style, "hyphenationLang", "") or "").strip()
    ends, counts = _prefix(words)
    chosen: list[_Break] = []
    line, first = 0, 0
    for index, word in enumerate([*words, None]):
        if word is not None and word[1][0]._fkind != _FK_BREAK:
            continue
        if index > first:
            end = ("fill" if fill_last else "justify") if word is None else \
                ("justify" if style.justifyBreaks else "ragged")
            setting = _Setting(widths, stretch, space * SHRINK, end)
            part = _breaks(words, first, index, ends, counts, lang, marks)
            if ragged:
                found = _first_fit(part, widths, line, words)
            else:
                found = _fit(part, setting, line, 1.0, False) or \
                    _fit(part, setting, line, loosest, True)
            if found is None:
                return None
            chosen += found
            line += len(found)
        elif word is not None:
            line += 1  # an empty line: <br/> at the start or after another
        first = index + 1
    return chosen


def _prefix(words: list[FragWord]) -> tuple[list[float], list[int]]:
    """Natural width and count of words (and no-break spaces) before each word,
    adding a space as ReportLab does: the one after the previous word, if any."""
    ends, counts, space = [0.0], [0], 0.0
    for word in words:
        width = word[0]
        ends.append(ends[-1] + (space if width > 0 else 0.0) + width)
        texts = [t for _, t in word[1:]]
        counts.append(counts[-1] + any(texts) + sum(t.count(_NBSP) for t in texts))
        last = word[-1][0]
        space = stringWidth(" ", last.fontName, last.fontSize) if isinstance(word, _HSFrag) else 0.0
    return ends, counts


def _breaks(words: list[FragWord], first: int, stop: int, ends: list[float], counts: list[int],
            lang: str, marks: list[tuple[int, ...]]) -> list[_Break]:
    """The start of the part ``words[first:stop]`` and its possible breaks, in order."""
    start = ends[first + 1] - words[first][0]  # the first word, without a space before it
    found = [_Break(first - 1, -1, False, start, start, counts[first], counts[first], 0.0,
                    False, False, False)]
    for i in range(first, stop):
        word = words[i]
        before = ends[i + 1] - word[0]
        for pos, hyphen, emergency, penalty in _word_cuts(word, lang, marks[i]):
            head = _slice(word[1:], 0, pos)
            width = before + _width(head)
            dash = stringWidth("-", head[-1][0].fontName, head[-1][0].fontSize) if hyphen else 0
            nbsp = sum(t.count(_NBSP) for _, t in head)
            flagged = hyphen or head[-1][1].endswith("-")  # a marked break shows nothing
            found.append(_Break(i, pos, hyphen, width + dash, width, counts[i] + 1 + nbsp,
                                counts[i] + nbsp, penalty, flagged, emergency, False))
        if i == stop - 1 or isinstance(word, _HSFrag):
            end, count = ends[i + 1], counts[i + 1]
            after = ends[i + 2] - words[i + 1][0] if i + 1 < stop else end
            found.append(_Break(i, -1, False, end, after, count, count, 0.0,
                                word[-1][1].endswith("-"), False, i == stop - 1))
    return found


# -- total fit -------------------------------------------------------------


def _fit(breaks: list[_Break], setting: _Setting, first_line: int, tolerance: float,
         emergency: bool) -> list[_Break] | None:
    """The breaks of least total demerits (after the start, ``breaks[0]``), or
    ``None``. Breaks inside addresses and lines without spaces only count in
    an ``emergency``."""
    widths, stretch, shrink, end = setting
    top = len(widths) - 1
    final = breaks[-1]
    active = [_Node(breaks[0], min(first_line, top), 1, 0, 0.0, None)]
    for brk in breaks[1:]:
        if brk.emergency and not emergency:
            continue
        is_final = brk is final
        fill = is_final and end != "justify"
        give_one = 0.0 if is_final and end == "ragged" else shrink
        fresh: dict[tuple[int, int, int], _Node] = {}
        keep: list[_Node] = []
        for node in active:
            width = widths[node.line]
            natural = brk.end - node.brk.start
            spaces = brk.end_count - node.brk.start_count - 1
            if natural > width + _EPS:
                give = spaces * give_one
                if give <= 0 or natural - width > give + _EPS:
                    continue  # overfull, and so is every longer line from this node
                ratio = (width - natural) / give
            elif natural > width - _EPS or fill:
                ratio = 0.0
            elif spaces > 0:
                ratio = (width - natural) / (spaces * stretch)
            else:
                ratio = _INF
            if not is_final:
                keep.append(node)
            if ratio > tolerance and not emergency:
                continue
            run = node.run + 1 if brk.flagged else 0
            if run > MAX_HYPHEN_RUN:
                continue
            fitness = 0 if ratio < -0.5 else 1 if ratio <= 0.5 else 2 if ratio <= 1 else 3
            demerits = (LINE_PENALTY + _badness(ratio, tolerance)) ** 2 + brk.penalty ** 2
            if node.run and (brk.flagged or is_final):
                demerits += DOUBLE_HYPHEN_DEMERITS if brk.flagged else FINAL_HYPHEN_DEMERITS
            if abs(fitness - node.fitness) > 1:
                demerits += ADJACENT_DEMERITS
            line = min(node.line + 1, top)
            total = node.demerits + demerits
            if (line, fitness, run) not in fresh or total < fresh[line, fitness, run].demerits:
                fresh[line, fitness, run] = _Node(brk, line, fitness, run, total, node)
        active = keep + _undominated(list(fresh.values()))
        if not active:
            return None
    best: _Node | None = min(active, key=lambda n: n.demerits)
    chosen = []
    while best is not None and best.prev is not None:
        chosen.append(best.brk)
        best = best.prev
    return chosen[::-1]


def _badness(ratio: float, tolerance: float) -> float:
    """How bad a line of adjustment ratio ``ratio`` looks: 100·|r|³, at most
    10000. A line looser than ``tolerance`` (in an emergency only) counts more
    than any within it, and a lone word that leaves its line unfilled (r
    infinite) most: better wide spaces than a word stranded on a line."""
    if ratio <= tolerance:
        return min(100 * abs(ratio) ** 3, 10000.0)
    return 10000.0 if ratio == _INF else 5000.0 + min(100 * ratio ** 3, 4000.0)


def _first_fit(breaks: list[_Break], widths: list[float], first_line: int,
               words: list[FragWord]) -> list[_Break] | None:
    """The breaks of ragged text (after the start, ``breaks[0]``): each line
    as full as it goes, ended at a space, else at a hyphenation point or a
    marked break inside the next word, else, where ending it before would
    leave more than :data:`ADDRESS_WASTE` of it empty, inside an address.
    A word that fits no line alone runs over it if it must not be broken
    (``<nobr>``); otherwise ``None``: ReportLab splits it."""
    chosen: list[_Break] = []
    top = len(widths) - 1
    line, start, index, final = first_line, breaks[0], 1, breaks[-1]
    while start is not final:
        width = widths[min(line, top)]
        space = cut = address = over = None
        for position in range(index, len(breaks)):
            brk = breaks[position]
            if brk.end - start.start > width + _EPS:
                over = position
                break
            if brk.cut < 0:
                space = position
            elif brk.emergency:
                address = position
            else:
                cut = position
        take = space
        if take is None or not breaks[take].last:
            if cut is not None and (take is None or cut > take):
                take = cut
            if address is not None and (take is None or address > take):
                used = breaks[take].end - start.start if take is not None else 0.0
                if width - used > ADDRESS_WASTE * width:
                    take = address
        if take is None:  # not even the first word fits
            if over is None or not any(getattr(f, "nobr", False)
                                       for f, _ in words[breaks[over].word][1:]):
                return None
            take = over
        chosen.append(breaks[take])
        start, index, line = breaks[take], take + 1, line + 1
    return chosen


def _undominated(nodes: list[_Node]) -> list[_Node]:
    """Drop nodes no better than another whatever follows (fewer hyphens in a
    row, and fewer demerits even if the next line is of a far fitness class)."""
    return [x for x in nodes if not any(
        y is not x and y.line == x.line and y.run <= x.run
        and y.demerits + (0 if y.fitness == x.fitness else ADJACENT_DEMERITS) <= x.demerits
        for y in nodes)]


# -- ReportLab's structures --------------------------------------------------


def _assemble(words: list[FragWord],
              chosen: list[_Break]) -> tuple[list[FragWord], set[int], int]:
    """ReportLab's frag word list for the chosen breaks: each hyphenated word
    split into parts with an injected break between them; the indexes where a
    line starts after a space; the number of hyphenations."""
    cuts: dict[int, list[tuple[int, bool]]] = {}
    after = set()
    for brk in chosen:
        if brk.cut >= 0:
            cuts.setdefault(brk.word, []).append((brk.cut, brk.hyphen))
        elif not brk.last:
            after.add(brk.word)
    frag_words: list[FragWord] = []
    starts = set()
    for index, word in enumerate(words):
        if index - 1 in after:
            starts.add(len(frag_words))
        parts = _split_word(word, cuts[index]) if index in cuts else [word]
        for part, (_, hyphen) in zip(parts[:-1], cuts.get(index, ()), strict=False):
            frag_words.append(part)
            # ``within``: the line ends inside a word (no space is read there);
            # ``hyphen``: with a hyphen of the line break, not of the word
            brk = word[1][0].clone(_fkind=_FK_BREAK, text="", within=True, hyphen=hyphen)
            frag_words.append(_InjectedFrag([0, (brk, "")]))
        frag_words.append(parts[-1])
    return frag_words, starts, sum(h for c in cuts.values() for _, h in c)


def _split_word(word: FragWord, cuts: list[tuple[int, bool]]) -> list[FragWord]:
    """``word`` cut into ReportLab's split frag words, hyphens added."""
    pieces = word[1:]
    bounds = [0, *(pos for pos, _ in cuts), sum(len(t) for _, t in pieces)]
    parts: list[FragWord] = []
    for k, (lo, hi) in enumerate(itertools.pairwise(bounds)):
        part = _slice(pieces, lo, hi)
        if k == len(cuts):
            kind = _SplitFragHS if isinstance(word, _HSFrag) else _SplitFrag
        elif cuts[k][1]:
            frag, text = part[-1]
            part[-1] = (frag, text + "-")
            kind = _SplitFragHY
        else:
            kind = _SplitFragH
        parts.append(kind([_width(part), *part]))
    return parts


@functools.cache
def _ascent_descent(font: str, size: float) -> tuple[float, float]:
    ascent, descent = getAscentDescent(font, size)
    return float(ascent), float(descent)


@functools.cache
def _space_width(font: str, size: float) -> float:
    return float(stringWidth(" ", font, size))


class _Line:
    """A line being filled, exactly as ReportLab's ``breakLines`` fills it."""

    def __init__(self, first: FragWord) -> None:
        frag = first[-1][0]
        self.words: list[Any] = []
        #: The frag the last of ``words`` was cloned from.
        self.source: Any = None
        self.count = 0
        self.width = 0.0
        self.space = 0.0
        self.size = frag.fontSize
        self.ascent, self.descent = _ascent_descent(frag.fontName, frag.fontSize)

    def _grow(self, frag: Any) -> None:
        ascent, descent = _ascent_descent(frag.fontName, frag.fontSize)
        self.size = max(self.size, frag.fontSize)
        self.ascent, self.descent = max(self.ascent, ascent), min(self.descent, descent)

    def _continues(self, frag: Any) -> bool:
        """``frag`` is styled as the last of ``words``: ReportLab's ``sameFrag``,
        answered at once for the frag that one was cloned from."""
        if frag is self.source:
            return "cbDefn" not in frag.__dict__ and "lineBreak" not in frag.__dict__
        return bool(sameFrag(self.words[-1], frag))

    def add(self, word: FragWord, after_space: bool = False) -> None:
        frag, text = word[1]
        rest = any(t for _, t in word[2:])
        if not self.words:
            self.width = word[0]
            self.count = 1 if after_space or text or rest else 0
            self.words = [frag.clone(text=text)]
            self.source = frag
        else:
            if word[0] > 0:
                self.width += self.space + word[0]
            last = self.words[-1]
            if not self._continues(frag):
                if self.space:
                    for w in reversed(self.words):
                        if w._fkind == _FK_TEXT:
                            w.text = w.text if w.text.endswith(" ") else w.text + " "
                            break
                self.words.append(frag.clone(text=text))
                self.source = frag
            elif self.space and not last.text.endswith(" "):
                last.text += " " + text
            else:
                last.text += text
            self.count += bool(text or rest)
        self._grow(frag)
        for piece, piece_text in word[2:]:
            self.words.append(piece.clone(text=piece_text))
            self.source = piece
            self._grow(piece)
        end = word[-1][0]
        self.space = _space_width(end.fontName, end.fontSize) if isinstance(word, _HSFrag) \
            else 0.0

    def close(self, width: float, first_word: int, line_break: bool) -> Any:
        return FragLine(extraSpace=width - self.width, wordCount=self.count,
                        lineBreak=line_break, words=self.words, fontSize=self.size,
                        ascent=self.ascent, descent=self.descent, maxWidth=width, sFW=first_word)


def _make_lines(frag_words: list[FragWord], starts: set[int], widths: list[float],
                justify_breaks: bool) -> list[Any]:
    """ReportLab's FragLines: a new line at each index of ``starts`` and after
    each break (``<br/>`` or injected at a hyphenation)."""
    lines: list[Any] = []
    line: _Line | None = None
    first = 0
    top = len(widths) - 1
    for index, word in enumerate(frag_words):
        frag = word[1][0]
        if line is not None and index in starts:
            lines.append(line.close(widths[min(len(lines), top)], first, False))
            first, line = index, _Line(word)
            line.add(word, after_space=True)
        elif frag._fkind == _FK_BREAK:
            line = line or _Line(word)
            line.words.append(frag.clone())
            line_break = not justify_breaks and not isinstance(word, _InjectedFrag)
            closed = line.close(widths[min(len(lines), top)], first, line_break)
            # where the line ends inside a word, and with a hyphen of the break
            # (read by layout.tagging; kept when a paragraph is split here)
            closed.within = getattr(frag, "within", False)
            closed.hyphen = getattr(frag, "hyphen", False)
            lines.append(closed)
            first, line = index, None
        else:
            line = line or _Line(word)
            line.add(word)
    if line is not None:
        lines.append(line.close(widths[min(len(lines), top)], first, False))
    return lines


# -- measuring ---------------------------------------------------------------


def line_spacing_report(paragraph: Paragraph, width: float) -> list[LineMetrics]:
    """Wrap ``paragraph`` at ``width`` and measure each line (see :func:`measure_lines`)."""
    paragraph.wrap(width, 1e9)
    return measure_lines(paragraph)


def measure_lines(paragraph: Paragraph) -> list[LineMetrics]:
    """The word spacing of each line of an already wrapped ``paragraph``, as
    ReportLab draws it (``_justifyDrawParaLine`` and its X variant)."""
    para, style = paragraph.blPara, paragraph.style
    space = stringWidth(" ", style.fontName, style.fontSize)
    widths = paragraph._wrapWidths
    count = len(para.lines)
    metrics = []
    for index, line in enumerate(para.lines):
        if para.kind == 1:
            extra, texts, line_width = line.extraSpace, [w.text for w in line.words], line.maxWidth
            words, line_break = line.wordCount, bool(getattr(line, "lineBreak", False))
        else:
            extra, texts, line_width = line[0], list(line[1]), widths[min(index, len(widths) - 1)]
            words, line_break = len(texts), False
        spaces = words - 1 + sum(t.count(_NBSP) for t in texts)
        last = index == count - 1 or line_break
        spread = style.alignment == TA_JUSTIFY and not line_break and spaces > 0 \
            and abs(extra) > 1e-8 and not (last and extra > -1e-8)
        gap = space + (extra / spaces if spread else 0.0)
        metrics.append(LineMetrics(index, line_width - extra, line_width, spaces,
                                   gap / style.fontSize if spaces > 0 else 0.0,
                                   "".join(texts).rstrip().endswith("-") and not last, last))
    return metrics
