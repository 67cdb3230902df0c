"""The funding notice: a band with the notice, "Gefördert durch" and the logo.

The same band is painted at the foot of the page where the articles end
(through :class:`~layout.flowables.FootBand`) or at the foot of every inside
page (by :mod:`layout.pages`). This module only paints.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from . import markup
from .images import prepare, upright_size
from .model import Funding
from .styles import Styles
from .theme import Theme

Painter = Callable[[Canvas, float, float, float], None]


def funding_painter(funding: Funding, styles: Styles, theme: Theme, language: str) -> Painter:
    """A function that paints the band with its bottom left at ``(x, y)``."""
    logo_size = upright_size(funding.logo) if funding.logo is not None else None
    height = theme.funding_height

    def paint(canvas: Canvas, x: float, y: float, width: float) -> None:
        canvas.saveState()
        canvas.setStrokeColor(theme.colours.rule)
        canvas.setLineWidth(0.5)
        canvas.line(x, y + height - 2 * mm, x + width, y + height - 2 * mm)
        text_width = width * 0.52
        notice = Paragraph(markup.to_markup(funding.text, language), styles.funding)
        _, text_height = notice.wrap(text_width, height)
        notice.drawOn(canvas, x, y + (height - 2 * mm - text_height) / 2)
        right = x + text_width + 8 * mm
        label = Paragraph(markup.plain(funding.label), styles.funding_label)
        label_height = label.wrap(width - text_width, height)[1]
        label.drawOn(canvas, right, y + height - 5 * mm - label_height)
        box_height = height - 9 * mm - label_height
        if logo_size and funding.logo is not None:
            logo_width = min(box_height * logo_size[0] / logo_size[1], x + width - right)
            logo_height = logo_width * logo_size[1] / logo_size[0]
            logo = prepare(funding.logo, logo_width, logo_height)
            canvas.drawImage(logo.reader, right, y + 2 * mm, logo_width, logo_height,
                             mask="auto")
        else:
            name = Paragraph(f"<b>{markup.plain(funding.funder)}</b>", styles.funding)
            name_height = name.wrap(x + width - right, box_height)[1]
            name.drawOn(canvas, right, y + height - 6 * mm - label_height - name_height)
        canvas.restoreState()

    return paint
