"""The one ``doc.build``: the inside pages as PDF bytes, and what was learnt.

Reproducible: ReportLab's invariant mode fixes dates and IDs, every font is
one of ours (the canvas' initial font included, so no base-14 Helvetica is
referenced). What follows the inside pages (notes pages, covers) is drawn on
the same canvas by a ``closing`` callback, so that ReportLab writes the
whole issue as one PDF; the charts are stamped in by :mod:`layout.document`.
The canvas is watched by :class:`layout.ink.Ink` throughout: text beyond a
page or printed over other text, on any page of it, is an event of the trace.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from reportlab.platypus.doctemplate import LayoutError as PlatypusLayoutError

from . import markup, model
from .covers import check_covers
from .errors import Diagnostic, IssueError, LayoutError
from .flowables import LayoutRecord
from .formats import word
from .funding import fit_band
from .i18n import _
from .ink import Ink
from .pages import NewsletterDoc, PageFurniture
from .report import Trace
from .story import build_story
from .styles import Styles
from .tagging import Tagging, figure_alts
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
                closing_pages: bool, full_masthead: bool,
                closing: Callable[[Canvas, LayoutRecord], None] | None = None) -> Body:
    """Lay out the inside pages; ``first_folio`` is the printed number of the
    first. ``closing`` draws more pages on the canvas after them."""
    record = LayoutRecord()
    problems: list[Diagnostic] = []
    if issue.funding:  # the band as tall as its notice needs, reserved by story and pages
        try:
            band = fit_band(issue.funding, styles, theme, issue.language)
            theme = replace(theme, funding_height=band.height)
        except IssueError as error:
            problems += error.diagnostics
    story = build_story(issue, styles, theme, record, closing_pages)
    furniture = PageFurniture(issue, theme, styles, first_folio, story.portrait, story.contacts,
                              full_masthead)
    problems += furniture.check() + check_covers(issue, theme, styles)
    if problems:  # every text of the furniture that cannot fit, before the pages are set
        raise IssueError(problems)
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
    doc._doSave = 0  # the canvas is saved below, after what ``closing`` draws
    ink = Ink()
    tagging = Tagging(figure_alts(issue), issue.language)
    tagging.plan(story.flowables, story.portrait, story.contacts)

    def canvas(*args: object, **kwargs: object) -> Canvas:
        watched = ink.canvas(*args, **kwargs)
        tagging.watch(watched)
        return watched

    try:
        doc.build(story.flowables, canvasmaker=canvas)
    except PlatypusLayoutError as error:
        raise LayoutError(_("the content cannot be set on the page: {error}").format(
            error=error)) from None
    record.pages = doc.page
    front = None
    if closing is not None:
        doc.canv._doctemplate = None  # what follows is outside the traced flow
        closing(doc.canv, record)
        if issue.cover.front == "generated":  # drawn last by ``closing``, printed first
            front = doc.canv.getPageNumber() - 1
    doc.canv.save()
    ink.unwatch(doc.canv)
    trace.events += ink.defects(first_folio, front)
    return Body(tagging.write(buffer.getvalue()), record, trace, story.placed)


def draw_notes(canvas: Canvas, issue: model.Issue, theme: Theme, styles: Styles, count: int,
               first_folio: int) -> None:
    """``count`` notes pages (a heading, ruled lines, the running foot), which
    bring a printed issue to the page count its binding needs. They follow
    the inside pages on their canvas: ``first_folio`` is the printed number
    of the first inside page, as for :func:`render_body`."""
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
