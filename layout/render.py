"""The one ``doc.build``: the inside pages as PDF bytes, and what was learnt.

Reproducible: ReportLab's invariant mode fixes dates and IDs, every font is
one of ours (the canvas' initial font included, so no base-14 Helvetica is
referenced). The covers are made by :mod:`layout.covers`, the charts stamped
by :mod:`layout.merge`; this module knows neither.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from reportlab.platypus.doctemplate import LayoutError as PlatypusLayoutError

from . import markup, model
from .errors import LayoutError
from .flowables import LayoutRecord
from .formats import word
from .i18n import _
from .pages import NewsletterDoc, PageFurniture
from .report import Trace
from .story import build_story
from .styles import Styles
from .theme import Theme

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Body:
    pdf: bytes
    record: LayoutRecord
    trace: Trace
    #: Every photo placed, with its width in points.
    placed: list[tuple[model.Picture, float]]


def render_body(issue: model.Issue, theme: Theme, styles: Styles, first_folio: int,
                closing_pages: bool, full_masthead: bool) -> Body:
    """Lay out the inside pages; ``first_folio`` is the printed number of the first."""
    record = LayoutRecord()
    story = build_story(issue, styles, theme, record, closing_pages)
    furniture = PageFurniture(issue, theme, styles, first_folio, story.portrait, story.contacts,
                              full_masthead)
    templates = furniture.templates()
    if not (issue.editorial or issue.contacts):
        templates = [templates[1], templates[0], *templates[2:]]
    buffer = io.BytesIO()
    trace = Trace()
    doc = NewsletterDoc(
        buffer, pagesize=(theme.page_width, theme.page_height), pageTemplates=templates,
        trace=trace, invariant=1, initialFontName=theme.sans, initialFontSize=10,
        title=issue.title, author=issue.publisher, subject=issue.theme,
        lang=issue.language, leftMargin=theme.margin_inner, rightMargin=theme.margin_outer,
        topMargin=theme.margin_top, bottomMargin=theme.margin_bottom)
    try:
        doc.build(story.flowables)
    except PlatypusLayoutError as error:
        raise LayoutError(_("the content cannot be set on the page: {error}").format(
            error=error)) from None
    record.pages = doc.page
    return Body(buffer.getvalue(), record, trace, story.placed)


def render_notes(issue: model.Issue, theme: Theme, styles: Styles, count: int,
                 first_folio: int) -> bytes:
    """``count`` notes pages (a heading, ruled lines, the running foot), which
    bring a printed issue to the page count its binding needs."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(theme.page_width, theme.page_height), invariant=1,
                    initialFontName=theme.sans, lang=issue.language)
    furniture = PageFurniture(issue, theme, styles, first_folio, (), (), full_masthead=False)
    top = theme.page_height - theme.margin_top
    for _page in range(count):
        heading = Paragraph(markup.plain(word("notes", issue.language)), styles.stats_heading)
        heading.wrapOn(canvas, theme.text_width, theme.text_height)
        heading.drawOn(canvas, theme.margin_inner, top - heading.height)
        canvas.setStrokeColor(theme.colours.rule)
        canvas.setLineWidth(0.4)
        y = top - heading.height - 2 * theme.line
        while y > theme.margin_bottom + theme.line:  # clear of the running foot
            canvas.line(theme.margin_inner, y, theme.margin_inner + theme.text_width, y)
            y -= 2 * theme.line
        furniture.foot(canvas, None)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
