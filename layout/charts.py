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
        axes = figure.add_subplot()
        named = [(handle, name) for handle, name in _draw(axes, stats, theme) if name]
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
        if len(stats.periods) > 6:
            for label in axes.get_xticklabels():
                label.set(rotation=40, horizontalalignment="right", rotation_mode="anchor")
        axes.tick_params(axis="y", labelsize=size - 1, length=2)
        if named:  # given as they are: matplotlib would drop a name that starts with "_"
            axes.legend([handle for handle, _ in named], [name for _, name in named],
                        loc="lower left", bbox_to_anchor=(0, 1.0), ncols=len(named),
                        frameon=False, fontsize=size, handlelength=1.2, borderaxespad=0.3)
        figure.tight_layout(pad=0.3)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="pdf", metadata={"CreationDate": None, "Creator": None,
                                                        "Producer": None})
    return buffer.getvalue()


def _draw(axes: Any, stats: Statistics, theme: Theme) -> list[tuple[Any, str]]:
    """The series drawn into ``axes``; what stands for each in a legend, and its name."""
    labels = [_printable(period) for period in stats.periods]
    drawn = []
    positions = list(range(len(labels)))
    colours = [rgb_hex(c) for c in theme.colours.series]
    above = [0.0] * len(labels)  # stacked bars: positive values stack upwards,
    below = [0.0] * len(labels)  # negative ones downwards from the zero line
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
    return drawn


def _printable(text: str) -> str:
    """``text`` with each character the fonts lack as its code, as the text prints it."""
    for character in missing_characters(text) if not text.isascii() else ():
        text = text.replace(character, stand_in(character))
    return text
