"""The funding notice: a band with the notice, "Gefördert durch" and the logos.

The same band is painted at the foot of the page where the articles end
(through :class:`~layout.flowables.FootBand`) or at the foot of every inside
page (by :mod:`layout.pages`). Each funder shows its logo, or its name where
it has none (the names over the logos). Several funders' logos stand side by
side, all at one height, scaled down together where they would not fit.

The notice keeps clear of the band's top rule: where it is too long for the
theme's height, the band grows (up to a quarter of the text height), then the
notice is set smaller down to the theme's floor; only then does
:func:`fit_band` report the notice as too long. The band's height is decided
once, before the pages are set (see :mod:`layout.render`); this module
otherwise only paints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from . import markup
from .errors import Diagnostic, IssueError
from .formats import word
from .i18n import _
from .images import prepare, upright_size
from .linebreak import JustifiedParagraph
from .model import Funding
from .styles import Styles
from .tagging import drawn_as
from .theme import Theme

Painter = Callable[[Canvas, float, float, float], None]
_LOGO_GAP = 4 * mm
#: The top rule stands this far below the band's top edge.
RULE_DROP = 2 * mm
#: The share of the band's width the notice is set in.
_TEXT_SHARE = 0.52
#: The steps (points) in which a notice too long for the band is set smaller.
_SIZE_STEP = 0.5


@dataclass(frozen=True)
class BandFit:
    """The band's height and the style its notice is set in."""

    height: float
    style: ParagraphStyle


def clearance(theme: Theme) -> float:
    """The room kept between the band's rule and its notice's first line
    (ascenders included), and as much under the notice's last line."""
    return theme.space.small


def max_band_height(theme: Theme) -> float:
    """The tallest the band may grow to hold its notice."""
    return theme.text_height / 4


def fit_band(funding: Funding, styles: Styles, theme: Theme, language: str,
             width: float | None = None) -> BandFit:
    """The band for ``funding`` across ``width`` (the text width unless given):
    the theme's height where the notice fits it clear of the rule, else as tall
    as the notice needs (up to :func:`max_band_height`), else with the notice
    set smaller, down to ``theme.floors.funding``. Raises :class:`IssueError`
    where the notice does not fit even then. Asking again with the height
    found gives the same answer."""
    text_width = (theme.text_width if width is None else width) * _TEXT_SHARE
    base = styles.funding
    size = float(base.fontSize)
    while size >= theme.floors.funding:
        style = base if size == base.fontSize else ParagraphStyle(
            f"{base.name}-{size:g}", parent=base, fontSize=size,
            leading=base.leading * size / base.fontSize)
        text_height = _notice(funding, style, language).wrap(text_width, theme.page_height)[1]
        needed = text_height + RULE_DROP + 2 * clearance(theme)
        if needed <= max_band_height(theme):
            return BandFit(max(theme.funding_height, needed), style)
        size -= _SIZE_STEP
    raise IssueError([Diagnostic(
        _("the funding notice does not fit its band at the foot of the page, even at "
          "{size:g} pt").format(size=theme.floors.funding),
        funding.pos.of("text"), hint=_("shorten the funding notice"))])


def _notice(funding: Funding, style: ParagraphStyle, language: str) -> JustifiedParagraph:
    return JustifiedParagraph(markup.to_markup(funding.text, language, breaks=True), style)


def funding_painter(funding: Funding, styles: Styles, theme: Theme, language: str) -> Painter:
    """A function that paints the band with its bottom left at ``(x, y)``: as
    tall as :func:`fit_band` finds, which the page layout must have reserved
    (``theme.funding_height``)."""
    logos = [(path, upright_size(path)) for path in funding.all_logos]
    alts = {funder.logo: funder.alt or funder.name for funder in funding.sponsors if funder.logo}
    names = [funder.name for funder in funding.sponsors if not funder.logo and funder.name]

    def paint(canvas: Canvas, x: float, y: float, width: float) -> None:
        fit = fit_band(funding, styles, theme, language, width)
        height = fit.height
        canvas.saveState()
        canvas.setStrokeColor(theme.colours.rule)
        canvas.setLineWidth(0.5)
        canvas.line(x, y + height - RULE_DROP, x + width, y + height - RULE_DROP)
        text_width = width * _TEXT_SHARE
        notice = _notice(funding, fit.style, language)
        _width, text_height = notice.wrap(text_width, height)
        with drawn_as(canvas, "P", flowable=notice):
            notice.drawOn(canvas, x, y + (height - RULE_DROP - text_height) / 2)
        right = x + text_width + 8 * mm
        room = x + width - right
        label = Paragraph(markup.plain(funding.label or word("funded_by", language)),
                          styles.funding_label)
        label_height = label.wrap(room, height)[1]
        with drawn_as(canvas, "P", flowable=label):
            label.drawOn(canvas, right, y + height - 5 * mm - label_height)
        box_height = height - 9 * mm - label_height
        if names:  # the funders without a logo, by name, under the label
            name = Paragraph(" · ".join(f"<b>{markup.plain(n)}</b>" for n in names),
                             styles.funding)
            name_height = name.wrap(room, box_height)[1]
            with drawn_as(canvas, "P", flowable=name):
                name.drawOn(canvas, right, y + height - 6 * mm - label_height - name_height)
            box_height -= name_height + 1 * mm
        if logos:
            _paint_logos(canvas, logos, right, y + 2 * mm, room, box_height, alts)
        canvas.restoreState()

    return paint


def _paint_logos(canvas: Canvas, logos: Sequence[tuple[Path, tuple[int, int]]], x: float, y: float,
                 width: float, height: float, alts: Mapping[Any, str]) -> None:
    """The logos in a row at ``height``, scaled down together to fit ``width``;
    each a figure (tagged PDF) with its alternative text from ``alts``, by file."""
    widths = [height * w / h for _, (w, h) in logos]
    gaps = _LOGO_GAP * (len(logos) - 1)
    scale = min(1.0, (width - gaps) / sum(widths)) if widths else 1.0
    for (path, _size), logo_width in zip(logos, widths, strict=True):
        shown_w, shown_h = logo_width * scale, height * scale
        with drawn_as(canvas, "Figure", alt=alts.get(path)):
            canvas.drawImage(prepare(path, shown_w, shown_h).reader, x,
                             y + (height - shown_h) / 2, shown_w, shown_h, mask="auto")
        x += shown_w + _LOGO_GAP
