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
"""

from __future__ import annotations

import dataclasses
import io
import logging
import warnings
from typing import Any

from reportlab.lib.units import inch

from . import ahead, cache
from .fonts import font_file, missing_characters, stand_in
from .formats import format_tick
from .model import NOWHERE, Statistics
from .theme import Theme, rgb_hex

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
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    for face in ("Regular", "Bold"):
        font_manager.fontManager.addfont(str(font_file("Sans", face)))
    family = font_manager.FontProperties(fname=str(font_file("Sans"))).get_name()
    text = rgb_hex(theme.colours.text)
    muted = rgb_hex(theme.colours.muted)
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
    with matplotlib.rc_context(settings):
        figure = Figure(figsize=(width / inch, height / inch))
        FigureCanvasAgg(figure)  # measures the texts before they are placed
        axes = figure.add_subplot()
        named = [(handle, name) for handle, name in _draw(axes, stats, theme, language)
                 if name]
        # Steps of 1, 2, 2.5 or 5 × 10ⁿ (whole numbers only: the values are
        # counts), each label its exact value, never a truncated one.
        axes.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10],
                                                 integer=True))
        axes.yaxis.set_major_formatter(
            FuncFormatter(lambda value, _: format_tick(value, language)))
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="y", color=rgb_hex(theme.colours.rule), linewidth=0.4)
        axes.set_axisbelow(True)
        axes.tick_params(axis="x", labelsize=size - 0.5, length=0)
        _place_period_labels(figure, axes)
        axes.tick_params(axis="y", labelsize=size - 1, length=2)
        if named:  # given as they are: matplotlib would drop a name that starts with "_"
            axes.legend([handle for handle, _ in named], [name for _, name in named],
                        loc="lower left", bbox_to_anchor=(0, 1.0), ncols=len(named),
                        frameon=False, fontsize=size, handlelength=1.2, borderaxespad=0.3)
        figure.tight_layout(pad=0.3)
        _keep_inside(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="pdf", metadata={"CreationDate": None, "Creator": None,
                                                        "Producer": None})
    return buffer.getvalue()


def _draw(axes: Any, stats: Statistics, theme: Theme, language: str) -> list[tuple[Any, str]]:
    """The series drawn into ``axes``; what stands for each in a legend, and its name.
    Bars whose heights span more than :data:`SPAN` carry their values (see
    :func:`_label_bars`)."""
    labels = [_printable(period) for period in stats.periods]
    drawn = []
    positions = list(range(len(labels)))
    colours = [rgb_hex(c) for c in theme.colours.series]
    above = [0.0] * len(labels)  # stacked bars: positive values stack upwards,
    below = [0.0] * len(labels)  # negative ones downwards from the zero line
    bars: list[tuple[Any, tuple[int | None, ...]]] = []  # side by side: each with its values
    for index, series in enumerate(stats.series):
        values = [float("nan") if v is None else float(v) for v in series.values]
        colour = colours[index % len(colours)]
        if stats.chart == "lines":
            [handle] = axes.plot(positions, values, color=colour, linewidth=1.5, marker="o",
                                 markersize=2.5)
        elif stats.chart == "bars":
            width = 0.8 / len(stats.series)
            offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
            handle = axes.bar(offsets, values, width=width, color=colour)
            bars.append((handle, series.values))
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
    axes.set_xticks(positions, labels)
    axes.set_xlim(-0.6, len(labels) - 0.4)
    given = [v for s in stats.series for v in s.values if v is not None]
    if stats.chart == "stacked-bars":
        top, lowest = max(above, default=0), min(below, default=0)
    else:
        top, lowest = max(given, default=0), min(given, default=0)
    top, lowest = max(top, 0), min(lowest, 0)
    if lowest < 0:  # the axis goes below zero: a baseline marks the zero
        axes.axhline(0, color=rgb_hex(theme.colours.muted), linewidth=0.6)
    axes.set_ylim(lowest * 1.08, max(top, 1) * 1.08 if top or not lowest else 0)
    if stats.chart == "bars":
        _label_bars(axes, [(h.patches, values) for h, values in bars], language)
    elif stats.chart == "stacked-bars":
        totals = [round(a + b) if a or b else None for a, b in zip(above, below, strict=True)]
        tops = [_Top(p, a if a or not b else b) for p, a, b in zip(positions, above, below,
                                                                     strict=True)]
        _label_bars(axes, [(tops, tuple(totals))], language)
    return drawn


#: Bars whose tallest is more than this many times the lowest (not zero) carry
#: their values: the low bars are a few points high, read by their label.
SPAN = 20


@dataclasses.dataclass(frozen=True)
class _Top:
    """Where a stack of bars ends: its place on the x axis, its height."""

    x: float
    y: float


def _label_bars(axes: Any, groups: list[tuple[Any, tuple[int | None, ...]]],
                language: str) -> None:
    """Each bar's value at its end, if the bars' heights span more than
    :data:`SPAN`; upright when the bars are too many for labels side by side.
    ``groups``: the bars (matplotlib's rectangles, or :class:`_Top`) with their values."""
    heights = [abs(v) for _, values in groups for v in values if v]
    if not heights or max(heights) <= SPAN * min(heights):
        return
    count = sum(len(values) for _, values in groups)
    upright = count > 16
    size = axes.yaxis.get_ticklabels()[0].get_fontsize() - 1
    texts = [format_tick(v, language) for _, values in groups for v in values if v is not None]
    # Room above the tallest bar for its label (upright: some 0.6 em a digit),
    # the axes taken as three quarters of the chart's height.
    need = (0.6 * size * max(map(len, texts)) if upright else 1.3 * size) + 2
    share = need / (axes.get_figure().get_figheight() * 72 * 0.75)
    lowest, top = axes.get_ylim()
    tallest = max((v for _, values in groups for v in values if v is not None), default=0)
    if tallest > 0 and share < 0.5:
        axes.set_ylim(lowest, max(top, (tallest - lowest * share) / (1 - share)))
    for bars, values in groups:
        for bar, value in zip(bars, values, strict=True):
            if value is None:
                continue
            if isinstance(bar, _Top):
                x, y = bar.x, bar.y
            else:
                x, y = bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height()
            below = value < 0
            axes.annotate(format_tick(value, language), (x, y),
                          xytext=(0, -2 if below else 2), textcoords="offset points",
                          ha="center", va="top" if below else "bottom",
                          rotation=90 if upright else 0, fontsize=size, annotation_clip=False)


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

    if len(texts) <= 6 and (fits(texts) or fits([_two_lines(text) for text in texts])):
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


#: How much longer the PDF may set a text than matplotlib measured it (a share).
SLACK = 0.05


def _keep_inside(figure: Any) -> None:
    """Move the axes in so that every text (turned period labels reach far
    left, upright values above the bars) lies inside the figure, where
    ``tight_layout`` left some outside."""
    renderer = figure.canvas.get_renderer()
    width, height = figure.bbox.width, figure.bbox.height
    margin = 0.3 * figure.dpi / 72  # tight_layout's pad, in pixels
    for _ in range(3):
        boxes = [text.get_window_extent(renderer) for axes in figure.axes
                 for text in (*axes.get_xticklabels(), *axes.get_yticklabels(), *axes.texts)
                 if text.get_visible() and text.get_text()]
        if not boxes:
            return
        # Agg measures a text up to some 3 % shorter than the PDF sets it: a
        # label turned about its right end reaches that much further.
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
