"""The funding notice: a band with the notice, "Gefördert durch" and the logos.

The same band is painted at the foot of the page where the articles end
(through :class:`~layout.flowables.FootBand`) or at the foot of every inside
page (by :mod:`layout.pages`). Several funders' logos stand side by side,
all at one height, scaled down together where they would not fit. This
module only paints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from . import markup
from .images import prepare, upright_size
from .linebreak import JustifiedParagraph
from .model import Funding
from .styles import Styles
from .theme import Theme

Painter = Callable[[Canvas, float, float, float], None]
_LOGO_GAP = 4 * mm


def funding_painter(funding: Funding, styles: Styles, theme: Theme, language: str) -> Painter:
    """A function that paints the band with its bottom left at ``(x, y)``."""
    logos = [(path, upright_size(path)) for path in funding.all_logos]
    height = theme.funding_height

    def paint(canvas: Canvas, x: float, y: float, width: float) -> None:
        canvas.saveState()
        canvas.setStrokeColor(theme.colours.rule)
        canvas.setLineWidth(0.5)
        canvas.line(x, y + height - 2 * mm, x + width, y + height - 2 * mm)
        text_width = width * 0.52
        notice = JustifiedParagraph(markup.to_markup(funding.text, language, breaks=True),
                                    styles.funding)
        _, text_height = notice.wrap(text_width, height)
        notice.drawOn(canvas, x, y + (height - 2 * mm - text_height) / 2)
        right = x + text_width + 8 * mm
        room = x + width - right
        label = Paragraph(markup.plain(funding.label), styles.funding_label)
        label_height = label.wrap(room, height)[1]
        label.drawOn(canvas, right, y + height - 5 * mm - label_height)
        box_height = height - 9 * mm - label_height
        if logos:
            _paint_logos(canvas, logos, right, y + 2 * mm, room, box_height)
        else:
            name = Paragraph(f"<b>{markup.plain(funding.funder)}</b>", styles.funding)
            name_height = name.wrap(room, box_height)[1]
            name.drawOn(canvas, right, y + height - 6 * mm - label_height - name_height)
        canvas.restoreState()

    return paint


def _paint_logos(canvas: Canvas, logos: Sequence[tuple[Path, tuple[int, int]]], x: float, y: float,
                 width: float, height: float) -> None:
    """The logos in a row at ``height``, scaled down together to fit ``width``."""
    widths = [height * w / h for _, (w, h) in logos]
    gaps = _LOGO_GAP * (len(logos) - 1)
    scale = min(1.0, (width - gaps) / sum(widths)) if widths else 1.0
    for (path, _size), logo_width in zip(logos, widths, strict=True):
        shown_w, shown_h = logo_width * scale, height * scale
        canvas.drawImage(prepare(path, shown_w, shown_h).reader, x, y + (height - shown_h) / 2,
                         shown_w, shown_h, mask="auto")
        x += shown_w + _LOGO_GAP
