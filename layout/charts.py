"""Statistics charts drawn by matplotlib, as one-page vector PDFs.

The chart is drawn at exactly the size of its slot, in the newsletter's own
fonts (embedded as TrueType, never Type 3) and colours, and returned as PDF
bytes for :mod:`layout.document` to stamp onto the page: it stays vector.
matplotlib is imported only here, and only when a chart is drawn. No global
matplotlib state is changed: settings apply inside an ``rc_context``.
A character the fonts lack prints as its code, as in the text
(:func:`layout.fonts.stand_in`; the loader warned of it). What matplotlib
warns of (a legend too wide for ``tight_layout``, say) goes to the
``layout`` logger at debug level, never to the editor's console.

Four kinds (``Statistics.chart``): stacked bars, grouped bars, horizontal
bars (categories down the left, wrapped) and lines. Each series is drawn in
its printing colour's screen RGB (:func:`screen_colours`); the print edition
turns each back into that CMYK (:func:`exact_colours`), so a colour the
editor set prints as typed. This module decides colours and draws; it
converts no PDF.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import logging
import textwrap
import warnings
from typing import Any

from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import inch

from . import ahead, cache
from .fonts import face_file, missing_characters, stand_in
from .formats import format_number, format_tick
from .model import NOWHERE, Issue, Statistics
from .theme import Theme, cmyk

logger = logging.getLogger("layout")

def chart_size(theme: Theme) -> tuple[float, float]:
    """The chart's slot on the page: the width of the text, the theme's height."""
    return theme.text_width, theme.chart_height


def chart_pdf(stats: Statistics, theme: Theme, width: float, height: float,
              language: str) -> bytes:
    """The chart of ``stats`` as a PDF page of ``width`` × ``height`` points,
    from :mod:`layout.cache` when the same chart was drawn before, or from
    the process :func:`draw_ahead` started."""
    name = _name(stats, theme, width, height, language)
    drawing = _ahead.pop(name, None)
    if drawing is None:
        cached = cache.read("charts", name)
        if cached is not None:
            return cached
    pdf = drawing.result() if drawing else None
    if pdf is None:
        pdf = render_chart(stats, theme, width, height, language)
    cache.write("charts", name, pdf)
    return pdf


def draw_ahead(stats: Statistics, theme: Theme, language: str) -> None:
    """Start drawing the chart in a second process if the cache does not hold
    it: importing matplotlib and drawing (half a second) then overlap the
    layout on another core. The process is a fork of this one, made only
    when :mod:`layout.ahead` says it is safe; where it is not, nothing is
    started and :func:`chart_pdf` draws as before. A new interpreter instead of a fork
    would import everything again and finish after the layout."""
    width, height = chart_size(theme)
    name = _name(stats, theme, width, height, language)
    if name in _ahead or cache.read("charts", name) is not None:
        return
    context = ahead.fork_context()
    if context is None:
        return
    _ahead[name] = _Ahead(context, (stats, theme, width, height, language))


def cancel_ahead() -> None:
    """Stop the drawings :func:`draw_ahead` started that no build collected."""
    while _ahead:
        _ahead.popitem()[1].cancel()


class _Ahead:
    """A chart being drawn in a forked process, its PDF sent back through a pipe."""

    def __init__(self, context: Any, args: tuple[Any, ...]) -> None:
        self.receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_draw_into, args=(sender, args), daemon=True)
        self.process.start()
        sender.close()

    def result(self) -> bytes | None:
        """The PDF; None if the drawing failed (drawn again here, to report why)."""
        try:
            kind, value = self.receiver.recv()
        except (EOFError, OSError):
            kind, value = "failed", None
        finally:
            self.receiver.close()
            self.process.join()
        return value if kind == "pdf" and isinstance(value, bytes) else None

    def cancel(self) -> None:
        self.receiver.close()
        self.process.terminate()
        self.process.join()


def _draw_into(sender: Any, args: tuple[Any, ...]) -> None:
    try:
        sender.send(("pdf", render_chart(*args)))
    except BaseException:  # noqa: BLE001 - the build draws again and reports it
        sender.send(("failed", None))
    finally:
        sender.close()


_ahead: dict[str, _Ahead] = {}


def _name(stats: Statistics, theme: Theme, width: float, height: float, language: str) -> str:
    """The cache key of a chart: its data (not where the YAML says it), its
    look, its size; what draws it (matplotlib, the fonts) is in every key."""
    stats_data = dataclasses.replace(stats, pos=NOWHERE, series=tuple(
        dataclasses.replace(s, pos=NOWHERE) for s in stats.series))
    return cache.key("chart", repr(stats_data), repr(theme), round(width, 3),
                     round(height, 3), language) + ".pdf"


def render_chart(stats: Statistics, theme: Theme, width: float, height: float,
                 language: str) -> bytes:
    """The chart of ``stats`` as a PDF page of ``width`` × ``height`` points.
    matplotlib's warnings are logged (see above), not shown."""
    # Python's warning filters are the process's: a warning of another thread
    # meanwhile is logged here too, rather than shown.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdf = _render(stats, theme, width, height, language)
    for warning in caught:
        logger.debug("chart: %s: %s", warning.category.__name__, warning.message)
    return pdf


def _render(stats: Statistics, theme: Theme, width: float, height: float,
            language: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    for face in ("", "-Bold"):
        font_manager.fontManager.addfont(str(face_file(theme, theme.sans + face)))
    family = font_manager.FontProperties(fname=str(face_file(theme, theme.sans))).get_name()
    text = theme.colours.hex(theme.colours.text)
    muted = theme.colours.hex(theme.colours.muted)
    size = theme.type.table[0]
    settings: Any = {
        "pdf.fonttype": 42,
        "font.family": family,
        "font.size": size,
        "axes.edgecolor": muted,
        "axes.labelcolor": text,
        "xtick.color": text,
        "ytick.color": text,
        "svg.hashsalt": "newsletter",
    }
    across = kind(stats) == "horizontal-bars"
    with matplotlib.rc_context(settings):
        figure = Figure(figsize=(width / inch, height / inch))
        FigureCanvasAgg(figure)  # measures the texts before they are placed
        axes = figure.add_subplot()
        values_axis = axes.xaxis if across else axes.yaxis
        # Steps of 1, 2, 2.5 or 5 × 10ⁿ (whole numbers only where the values
        # are: counts are never split into halves), each label its exact
        # value, never a truncated one.
        whole = all(float(v).is_integer() for s in stats.series for v in s.values
                    if v is not None)
        values_axis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10],
                                                  integer=whole))
        values_axis.set_major_formatter(
            FuncFormatter(lambda value, _: format_tick(value, language)))
        drawn, marks = _draw(axes, stats, theme, language)
        named = [(handle, name) for handle, name in drawn if name]
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="x" if across else "y", color=theme.colours.hex(theme.colours.rule),
                  linewidth=0.4)
        axes.set_axisbelow(True)
        axes.tick_params(axis="y" if across else "x", labelsize=size - 0.5, length=0)
        axes.tick_params(axis="x" if across else "y", labelsize=size - 1, length=2)
        if across:
            _fit_category_labels(figure, axes, size - 0.5)
        else:
            _place_period_labels(figure, axes)
        if named:
            _add_legend(figure, axes, named, size)
        _label_values(axes, stats, marks, size - 1, language,
                      theme.colours.hex(theme.colours.paper))
        for label in figure.findobj(Text):
            # no ligatures: matplotlib writes a ligature (the "fi" of
            # "Benefits") as CID 0, the .notdef glyph, with no text for it
            label.set_fontfeatures(["-liga"])
        figure.tight_layout(pad=0.3)
        _keep_inside(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="pdf", metadata={"CreationDate": None, "Creator": None,
                                                        "Producer": None})
    return buffer.getvalue()


def kind(stats: Statistics) -> str:
    """The kind of chart ``stats`` asks for, ``bars`` by its newer name."""
    return "grouped-bars" if stats.chart == "bars" else stats.chart


def series_colours(stats: Statistics, theme: Theme) -> list[CMYKColor]:
    """The printing colour of each series: the one the editor set, else the
    theme's colour of its place, or the next of the theme's that no other
    series has (so that a series set to the theme's first colour does not
    share it with the first series)."""
    palette = list(theme.colours.series)
    given = [None if s.colour is None else cmyk(*s.colour) for s in stats.series]
    used = {tuple(c.cmyk()) for c in given if c is not None}
    colours: list[CMYKColor] = []
    for index, colour in enumerate(given):
        if colour is None:
            turn = palette[index % len(palette):] + palette[:index % len(palette)]
            colour = next((c for c in turn if tuple(c.cmyk()) not in used),
                          palette[index % len(palette)])
            used.add(tuple(colour.cmyk()))
        colours.append(colour)
    return colours


def screen_colours(stats: Statistics, theme: Theme) -> list[tuple[tuple[int, int, int],
                                                                 CMYKColor]]:
    """Each series' colour as the chart draws it (8-bit RGB) with the CMYK it
    prints as. The RGB is the colour's screen equivalent (:meth:`~layout.theme.Colours.rgb`),
    moved by 1/255 where another colour of the theme or of an earlier series
    already draws in it: the print edition tells them apart by their RGB
    (see :func:`exact_colours`)."""
    taken = {rgb: tuple(round(v, 4) for v in values)
             for rgb, values in theme.colours.screen_equivalents().items()}
    drawn = []
    for colour in series_colours(stats, theme):
        want = tuple(round(v, 4) for v in colour.cmyk())
        base = theme.colours.rgb(colour)
        for offset in _NUDGES:
            rgb = tuple(min(255, max(0, v + d)) for v, d in zip(base, offset, strict=True))
            if taken.setdefault(rgb, want) == want:  # type: ignore[arg-type]
                break
        drawn.append((rgb, colour))
    return drawn  # type: ignore[return-value]


#: The RGB values tried for a colour, nearest first.
_NUDGES = sorted(itertools.product((0, 1, -1), repeat=3), key=lambda o: sum(map(abs, o)))


def exact_colours(theme: Theme, issue: Issue | Statistics
                  ) -> dict[tuple[int, ...], tuple[float, ...]]:
    """What the print edition sets as exact CMYK (the ``exact_colours`` of
    :func:`layout.editions.print_edition`): the theme's colours, and the
    colours editors gave the series of the issue's statistics. Of two series
    colours of different statistics drawn in the same RGB, the first wins."""
    found: dict[tuple[int, ...], tuple[float, ...]] = {
        rgb: cmyk for rgb, cmyk in theme.colours.screen_equivalents().items()}
    for stats in _statistics(issue):
        for rgb, colour in screen_colours(stats, theme):
            found.setdefault(rgb, tuple(colour.cmyk()))
    return found


def _statistics(node: object) -> list[Statistics]:
    """Every statistic of the issue, wherever the model keeps it."""
    if isinstance(node, Statistics):
        return [node]
    if isinstance(node, tuple):
        return [s for item in node for s in _statistics(item)]
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return [s for f in dataclasses.fields(node) if f.name not in ("pos", "folder")
                for s in _statistics(getattr(node, f.name))]
    return []


def _draw(axes: Any, stats: Statistics, theme: Theme, language: str
          ) -> tuple[list[tuple[Any, str]], list[_Marks]]:
    """The series drawn into ``axes``: what stands for each in a legend, and
    its name; and where the bars (stacks, points) end, with their values, for
    :func:`_label_values`."""
    chart = kind(stats)
    labels = [_printable(period) for period in stats.periods]
    drawn = []
    positions = list(range(len(labels)))
    colours = ["#" + "".join(f"{v:02x}" for v in rgb) for rgb, _ in screen_colours(stats, theme)]
    above = [0.0] * len(labels)  # stacked bars: positive values stack upwards,
    below = [0.0] * len(labels)  # negative ones downwards from the zero line
    marks: list[_Marks] = []
    count = len(stats.series)
    for index, series in enumerate(stats.series):
        values = [float("nan") if v is None else float(v) for v in series.values]
        given = tuple(None if v is None else float(v) for v in series.values)
        colour = colours[index]
        if chart == "lines":
            [handle] = axes.plot(positions, values, color=colour, linewidth=1.5, marker="o",
                                 markersize=3)
            marks.append(([_Mark(p, v) for p, v in zip(positions, values, strict=True)], given,
                          stats.places_of(series), stats.unit_of(series)))
        elif chart in ("grouped-bars", "horizontal-bars"):
            thickness = 0.8 / count
            offsets = [p - 0.4 + thickness * (index + 0.5) for p in positions]
            if chart == "horizontal-bars":
                handle = axes.barh(offsets, values, height=thickness, color=colour)
            else:
                handle = axes.bar(offsets, values, width=thickness, color=colour)
            marks.append(([_Mark(o, v) for o, v in zip(offsets, values, strict=True)], given,
                          stats.places_of(series), stats.unit_of(series)))
        else:
            bottom = [a if not v < 0 else b for a, b, v in zip(above, below, values, strict=True)]
            handle = axes.bar(positions, values, width=0.7, bottom=bottom, color=colour)
            for place, value in enumerate(values):
                if value == value:  # not missing
                    if value < 0:
                        below[place] += value
                    else:
                        above[place] += value
        drawn.append((handle, _printable(series.name)))
    if chart == "horizontal-bars":
        axes.set_yticks(positions, labels)
        axes.set_ylim(len(labels) - 0.4, -0.6)  # the first category on top
    else:
        axes.set_xticks(positions, labels)
        axes.set_xlim(-0.6, len(labels) - 0.4)
    given_values = [float(v) for s in stats.series for v in s.values if v is not None]
    if chart == "stacked-bars":
        top, lowest = max(above, default=0), min(below, default=0)
        # The stack's total (what the table prints) at its end: above the
        # positive part, or below the negative one where there is no positive.
        totals = tuple(round(a + b, 9) if a or b else None
                       for a, b in zip(above, below, strict=True))
        marks = [([_Mark(p, a if a or not b else b) for p, a, b in
                   zip(positions, above, below, strict=True)], totals, stats.places,
                  _common_unit(stats))]
    else:
        top, lowest = max(given_values, default=0), min(given_values, default=0)
    top, lowest = max(top, 0), min(lowest, 0)
    line = theme.colours.hex(theme.colours.muted)
    limits = (lowest * 1.08, max(top, 1) * 1.08 if top or not lowest else 0)
    if chart == "horizontal-bars":
        if lowest < 0:  # the axis goes below zero: a line marks the zero
            axes.axvline(0, color=line, linewidth=0.6)
        axes.set_xlim(*limits)
    else:
        if lowest < 0:
            axes.axhline(0, color=line, linewidth=0.6)
        axes.set_ylim(*limits)
    return drawn, marks


#: Bars whose tallest is more than this many times the lowest (not zero) carry
#: their values: the low bars are a few points high, read by their label.
SPAN = 20


@dataclasses.dataclass(frozen=True)
class _Mark:
    """Where a bar, a stack of bars or a point ends: its place along the
    periods' axis, and its value (NaN where missing)."""

    x: float
    y: float


#: Bars (stacks, points) with their values (``None`` where missing), and the
#: decimal places and unit the table prints them with.
_Marks = tuple[list[_Mark], tuple[float | None, ...], int, str]


def _common_unit(stats: Statistics) -> str:
    """The unit every series is printed with, if they share one (else none)."""
    units = {stats.unit_of(series) for series in stats.series}
    return units.pop() if len(units) == 1 else ""


def _value_text(value: float, places: int, unit: str, language: str) -> str:
    """A value as the table prints it (places, unit), a minus sign for "-"."""
    text = format_number(value, language, places, unit)
    return "\u2212" + text[1:] if text.startswith("-") else text


def _label_values(axes: Any, stats: Statistics, groups: list[_Marks], size: float,
                  language: str, paper: str) -> None:
    """Each bar's (stack's, point's) value at its end, where ``value_labels``
    asks for them, or (not set) if the bars' heights span more than
    :data:`SPAN`; upright when the bars are too many for labels side by side."""
    chart = kind(stats)
    wanted = stats.value_labels
    if wanted is None:
        heights = [abs(v) for group in groups for v in group[1] if v]
        wanted = (chart != "lines" and bool(heights)
                  and max(heights) > SPAN * min(heights))
    if not wanted:
        return
    # On a patch of paper: a gridline behind a label does not strike it through.
    patch = {"boxstyle": "square,pad=0.1", "facecolor": paper, "edgecolor": "none"}
    across = chart == "horizontal-bars"
    if across and axes.get_yticklabels():  # no taller than the rows' labels
        size = min(size, axes.get_yticklabels()[0].get_fontsize())
    # Bars stand side by side; the points of lines (the stacks) one above the other.
    count = len(stats.periods) if chart in ("lines", "stacked-bars") else \
        sum(len(group[1]) for group in groups)
    upright = not across and count > 16
    texts = [_value_text(v, places, unit, language) for _, values, places, unit in groups
             for v in values if v is not None]
    if not texts:
        return
    # Room beyond the longest bar for its label (upright or across: some
    # 0.6 em a digit), the axes taken as three quarters of the chart's extent.
    long = 0.6 * size * max(map(len, texts)) + 3
    need = (long if upright or across else 1.3 * size + 2)
    figure = axes.get_figure()
    extent = (figure.get_figwidth() if across else figure.get_figheight()) * 72 * 0.75
    share = need / extent
    given = [v for group in groups for v in group[1] if v is not None]
    lowest, top = axes.get_xlim() if across else axes.get_ylim()
    tallest, deepest = max(given, default=0), min(given, default=0)
    if tallest > 0 and share < 0.5:
        top = max(top, (tallest - lowest * share) / (1 - share))
    if deepest < 0 and share < 0.5:
        lowest = min(lowest, (deepest - top * share) / (1 - share))
    (axes.set_xlim if across else axes.set_ylim)(lowest, top)
    for marks, values, places, unit in groups:
        for mark, value in zip(marks, values, strict=True):
            if value is None:
                continue
            below = value < 0
            text = _value_text(value, places, unit, language)
            if across:
                axes.annotate(text, (mark.y, mark.x), xytext=(-2 if below else 2, 0),
                              textcoords="offset points", ha="right" if below else "left",
                              va="center", fontsize=size, annotation_clip=False, bbox=patch)
            else:
                lift = 3 if chart == "lines" else 2
                axes.annotate(text, (mark.x, mark.y), xytext=(0, -lift if below else lift),
                              textcoords="offset points", ha="center",
                              va="top" if below else "bottom",
                              rotation=90 if upright else 0, fontsize=size,
                              annotation_clip=False, bbox=patch)


def _add_legend(figure: Any, axes: Any, named: list[tuple[Any, str]], size: float) -> None:
    """The series' names above the chart, in as few rows as fit its width:
    names are given as they are (matplotlib would drop one that starts with "_")."""
    renderer = figure.canvas.get_renderer()
    room = figure.bbox.width - 2 * 0.3 * figure.dpi / 72
    for columns in range(len(named), 0, -1):
        legend = axes.legend([handle for handle, _ in named], [name for _, name in named],
                             loc="lower left", bbox_to_anchor=(0, 1.0), ncols=columns,
                             frameon=False, fontsize=size, handlelength=1.2,
                             borderaxespad=0.3)
        if legend.get_window_extent(renderer).width <= room:
            return


def _fit_category_labels(figure: Any, axes: Any, size: float) -> None:
    """Horizontal bars' categories beside the axis: wrapped to lines of at
    most a third of the chart's width, and set smaller where their rows are
    too low for them (down to 5 pt)."""
    labels = [label.get_text() for label in axes.get_yticklabels()]
    if not labels:
        return
    chars = max(12, int(figure.bbox.width / 3 / (0.5 * size * figure.dpi / 72)))
    wrapped = [textwrap.fill(text, chars, break_long_words=False, break_on_hyphens=False)
               or text for text in labels]
    lines = max(text.count("\n") + 1 for text in wrapped)
    row = 0.8 * figure.get_figheight() * 72 / len(labels)  # points a category has
    fitted = max(5.0, min(size, 0.85 * row / (1.2 * lines)))
    axes.set_yticks(axes.get_yticks(), wrapped)
    axes.tick_params(axis="y", labelsize=fitted, pad=3)


def _place_period_labels(figure: Any, axes: Any) -> None:
    """The periods under the axis, never over each other: side by side while
    each fits its place (a long one wrapped to two lines among few periods),
    otherwise turned."""
    texts = [label.get_text() for label in axes.get_xticklabels()]
    if not texts:
        return
    renderer = figure.canvas.get_renderer()

    def fits(lines: list[str]) -> bool:
        axes.set_xticks(axes.get_xticks(), lines)
        figure.draw_without_rendering()  # the labels take their texts
        place = axes.get_window_extent(renderer).width / (len(lines) + 0.2)
        return all(label.get_window_extent(renderer).width <= 0.92 * place
                   for label in axes.get_xticklabels())

    if len(texts) <= 16 and fits(texts):
        return
    if len(texts) <= 6 and fits([_two_lines(text) for text in texts]):
        return
    axes.set_xticks(axes.get_xticks(), texts)  # turned, they are read in one line
    for label in axes.get_xticklabels():
        label.set(rotation=40, horizontalalignment="right", rotation_mode="anchor")


def _two_lines(text: str) -> str:
    """``text`` broken at the space nearest its middle (as it was, without one)."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    middle = min(spaces, key=lambda i: abs(2 * i - len(text)))
    return text[:middle] + "\n" + text[middle + 1:]


#: How much longer the PDF may set a text than matplotlib measured it (a
#: share): Agg measures hinted glyphs, up to some 7 % narrower.
SLACK = 0.08


def _keep_inside(figure: Any) -> None:
    """Move the axes in so that every text (turned period labels reach far
    left, upright values above the bars) lies inside the figure, where
    ``tight_layout`` left some outside."""
    renderer = figure.canvas.get_renderer()
    width, height = figure.bbox.width, figure.bbox.height
    margin = 0.3 * figure.dpi / 72  # tight_layout's pad, in pixels
    for _ in range(3):
        figure.draw_without_rendering()  # the labels stand where the axes now put them
        boxes = [text.get_window_extent(renderer) for axes in figure.axes
                 for text in (*axes.get_xticklabels(), *axes.get_yticklabels(), *axes.texts)
                 if text.get_visible() and text.get_text()]
        boxes += [axes.get_legend().get_window_extent(renderer) for axes in figure.axes
                  if axes.get_legend() is not None]
        if not boxes:
            return
        # Agg measures a text shorter than the PDF sets it (SLACK): a label
        # that ends at the axis (turned, or a category) reaches that much further.
        left = max(0.0, margin - min(b.x0 - SLACK * b.width for b in boxes))
        bottom = max(0.0, margin - min(b.y0 - SLACK * b.height for b in boxes))
        right = max(0.0, max(b.x1 + SLACK * b.width for b in boxes) - width + margin)
        top = max(0.0, max(b.y1 + SLACK * b.height for b in boxes) - height + margin)
        if max(left, bottom, right, top) < 0.5:
            return
        params = figure.subplotpars
        figure.subplots_adjust(left=params.left + left / width,
                               bottom=params.bottom + bottom / height,
                               right=params.right - right / width,
                               top=params.top - top / height)


def _printable(text: str) -> str:
    """``text`` with each character the fonts lack as its code, as the text prints it."""
    for character in missing_characters(text) if not text.isascii() else ():
        text = text.replace(character, stand_in(character))
    return text
