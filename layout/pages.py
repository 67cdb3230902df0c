"""Page templates of the inside pages: frames, masthead, sidebar, running foot.

Three templates, chosen by the story with ``NextPageTemplate``:

* ``opening``: the masthead band, a main frame for the editorial and the
  contact sidebar beside it;
* ``first``: the masthead over a full-width frame (an issue without editorial
  and contacts starts here);
* ``body``: one full-width frame in which articles set their own columns.

Things drawn after the page's flowables (sidebar, foot, funding band) are
drawn in ``onPageEnd``, so that the text of a page extracts in reading order.
This module builds templates; it never calls ``build``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepInFrame, PageTemplate

from . import model
from .funding import funding_painter
from .i18n import _
from .report import Trace
from .styles import Styles
from .theme import Theme

# Every PDF ReportLab writes here is intermediate: the editions are made from
# it. Plain Flate streams, without ReportLab's ASCII85 layer, are a fifth
# smaller and pass into the editions as they are, never decoded again.
rl_config.useA85 = 0


class NewsletterDoc(BaseDocTemplate):  # type: ignore[misc]
    """The document template: ReportLab's, plus figures deferred to the next page."""

    def __init__(self, *args: object, trace: Trace, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        #: What the paragraphs drew, for the layout report.
        self.trace = trace
        self._deferred: list[Flowable] = []
        self._story: list[Flowable] = []
        self._page_end: list[Callable[[Canvas], None]] = []
        #: True while page furniture and deferred figures are painted.
        self.painting_page_end = False

    def at_page_end(self, paint: Callable[[Canvas], None]) -> None:
        """Paint with ``paint`` after the page's text (figures: see
        :class:`~layout.flowables.GridBlock`)."""
        self._page_end.append(paint)

    def handle_pageEnd(self) -> None:
        self.painting_page_end = True
        for paint in self._page_end:
            paint(self.canv)
        self._page_end = []
        super().handle_pageEnd()
        self.painting_page_end = False

    def defer(self, flowable: Flowable) -> None:
        """Set ``flowable`` first on the next page (see :class:`~layout.flowables.TopFloat`)."""
        self._deferred.append(flowable)

    def build(self, flowables: list[Flowable], *args: object, **kwargs: object) -> None:
        self._story = flowables
        super().build(flowables, *args, **kwargs)

    def handle_pageBegin(self) -> None:
        super().handle_pageBegin()
        if self._deferred:
            self._story[0:0] = self._deferred
            self._deferred = []


def draw_contacts_box(canvas: Canvas, theme: Theme, contacts: Sequence[Flowable], x: float,
                      top: float, room: float) -> bool:
    """The contacts in a tinted box of the sidebar's width, its top at ``top``,
    at most ``room`` high; False if they had to be set smaller to fit."""
    pad = 4 * mm
    width = theme.sidebar_width - 2 * pad
    box = KeepInFrame(width, room - 2 * pad, list(contacts), mode="shrink")
    height = box.wrapOn(canvas, width, room - 2 * pad)[1]
    canvas.saveState()
    canvas.setFillColor(theme.colours.tint)
    canvas.rect(x, top - height - 2 * pad, theme.sidebar_width, height + 2 * pad, stroke=0, fill=1)
    canvas.setFillColor(theme.colours.brand)
    canvas.rect(x, top - 1.2 * mm, theme.sidebar_width, 1.2 * mm, stroke=0, fill=1)
    canvas.restoreState()
    box.drawOn(canvas, x + pad, top - pad - height)
    return getattr(box, "_scale", 1.0) <= 1.0


class PageFurniture:
    """Draws what every inside page carries besides its text."""

    def __init__(self, issue: model.Issue, theme: Theme, styles: Styles, first_folio: int,
                 portrait: Sequence[Flowable], contacts: Sequence[Flowable],
                 full_masthead: bool) -> None:
        self.issue, self.theme, self.styles = issue, theme, styles
        #: The printed page number of the first inside page.
        self.first_folio = first_folio
        self.portrait = list(portrait)
        self.contacts = list(contacts)
        self.masthead_height = (theme.masthead_full_height if full_masthead
                                else theme.masthead_height)
        self.full_masthead = full_masthead
        self.band = (funding_painter(issue.funding, styles, theme, issue.language)
                     if issue.funding else None)
        #: Whether every inside page carries the funding band.
        self.band_everywhere = bool(issue.funding and issue.funding.position == "every-page")

    def folio(self, canvas: Canvas) -> int:
        return int(canvas.getPageNumber()) + self.first_folio - 1

    # -- the parts -------------------------------------------------------

    def masthead(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        theme, issue = self.theme, self.issue
        colours = theme.colours
        top = theme.page_height
        bottom = top - theme.margin_top - self.masthead_height + 6 * mm
        canvas.saveState()
        canvas.setFillColor(colours.brand)
        canvas.rect(-10 * mm, bottom, theme.page_width + 20 * mm, top - bottom + 10 * mm,
                    stroke=0, fill=1)
        size = theme.type.masthead_full if self.full_masthead else theme.type.masthead
        x = theme.margin_inner
        baseline = bottom + (top - bottom) * 0.48
        canvas.setFillColor(colours.paper)
        canvas.setFont(theme.sans + "-Bold", size[0])
        canvas.drawString(x, baseline, issue.newsletter)
        width = canvas.stringWidth(issue.newsletter + " ", theme.sans + "-Bold", size[0])
        canvas.setFillColor(colours.accent)
        canvas.drawString(x + width, baseline, issue.number)
        canvas.setFillColor(colours.paper)
        canvas.setFont(theme.serif + "-Italic", theme.type.standfirst[0] + 1)
        canvas.drawString(x, baseline - theme.type.standfirst[1] - 2, issue.theme)
        canvas.setFont(theme.sans, theme.type.sidebar[0])
        right = theme.page_width - theme.margin_outer
        canvas.drawRightString(right, baseline + size[0] * 0.1, issue.publisher)
        canvas.restoreState()

    def draw_sidebar(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """The editorial's portrait, then the contacts in a tinted box, in the
        outer column of the opening page."""
        theme = self.theme
        x = theme.page_width - theme.margin_outer - theme.sidebar_width
        top = theme.margin_bottom + self.main_height()
        for flowable in self.portrait:
            width, height = flowable.wrapOn(canvas, theme.sidebar_width, self.main_height())
            flowable.drawOn(canvas, x + (theme.sidebar_width - width) / 2, top - height)
            top -= height + theme.line
        if self.contacts and not draw_contacts_box(canvas, theme, self.contacts, x, top,
                                                   top - theme.margin_bottom):
            doc.trace.events.append((canvas.getPageNumber(),
                                     _("the contacts do not fit the sidebar: set smaller")))

    def foot(self, canvas: Canvas, doc: BaseDocTemplate | None) -> None:
        theme, issue = self.theme, self.issue
        folio = self.folio(canvas)
        left_page = folio % 2 == 0  # the page number stands at the outer edge
        left = theme.margin_outer if left_page else theme.margin_inner
        right = theme.page_width - (theme.margin_inner if left_page else theme.margin_outer)
        at_left, at_right = (canvas.drawString, left), (canvas.drawRightString, right)
        outer, inner = (at_left, at_right) if left_page else (at_right, at_left)
        y = theme.foot_baseline
        canvas.saveState()
        canvas.setStrokeColor(theme.colours.rule)
        canvas.setLineWidth(0.4)
        canvas.line(left, y + 4 * mm, right, y + 4 * mm)
        canvas.setFillColor(theme.colours.text)
        canvas.setFont(theme.sans + "-Bold", theme.type.foot[0] + 1)
        outer[0](outer[1], y, str(folio))
        canvas.setFillColor(theme.colours.muted)
        canvas.setFont(theme.sans, theme.type.foot[0])
        inner[0](inner[1], y, f"{issue.newsletter} {issue.number} · {issue.theme}")
        canvas.restoreState()

    def funding_band(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        if self.band:
            self.band(canvas, self.theme.margin_inner, self.theme.margin_bottom,
                      self.theme.text_width)

    @property
    def band_room(self) -> float:
        """The height the funding band takes from a page's frame."""
        return self.theme.funding_height + self.theme.line

    # -- geometry --------------------------------------------------------

    def main_height(self) -> float:
        """Height of the text area under the masthead."""
        return self.theme.text_height - self.masthead_height

    def bottom(self) -> float:
        """Lowest point of the text frames (above the band where every page has one)."""
        return self.theme.margin_bottom + (self.band_room if self.band_everywhere else 0)

    # -- templates -------------------------------------------------------

    def templates(self) -> list[PageTemplate]:
        theme = self.theme
        bottom = self.bottom()
        top = theme.margin_bottom + theme.text_height
        under_masthead = top - self.masthead_height

        def frame(name: str, width: float, upper: float, lower: float = bottom) -> Frame:
            return Frame(theme.margin_inner, lower, width, upper - lower, leftPadding=0,
                         rightPadding=0, topPadding=0, bottomPadding=0, id=name)

        def end(canvas: Canvas, doc: BaseDocTemplate) -> None:
            if self.band_everywhere:
                self.funding_band(canvas, doc)
            self.foot(canvas, doc)

        def end_band(canvas: Canvas, doc: BaseDocTemplate) -> None:
            self.funding_band(canvas, doc)
            self.foot(canvas, doc)

        def end_opening(canvas: Canvas, doc: BaseDocTemplate) -> None:
            self.draw_sidebar(canvas, doc)
            end(canvas, doc)

        main_width = theme.text_width
        if self.portrait or self.contacts:
            main_width -= theme.sidebar_width + theme.sidebar_gap
        band_bottom = theme.margin_bottom + self.band_room
        return [
            PageTemplate("opening", [frame("main", main_width, under_masthead)],
                         onPage=self.masthead, onPageEnd=end_opening),
            PageTemplate("first", [frame("first", theme.text_width, under_masthead)],
                         onPage=self.masthead, onPageEnd=end),
            PageTemplate("body", [frame("body", theme.text_width, top)], onPageEnd=end),
            PageTemplate("band", [frame("band", theme.text_width, top, band_bottom)],
                         onPageEnd=end_band, autoNextPageTemplate="body"),
        ]
