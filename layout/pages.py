"""Page templates of the inside pages: frames, masthead, sidebar, running foot.

Three templates, chosen by the story with ``NextPageTemplate``:

* ``opening``: the masthead band, a main frame for the editorial and the
  contact sidebar beside it;
* ``first``: the masthead over a full-width frame (an issue without editorial
  and contacts starts here);
* ``body``: one full-width frame in which articles set their own columns.

Things drawn after the page's flowables (sidebar, foot, funding band) are
drawn in ``onPageEnd``, so that the text of a page extracts in reading order.
The masthead, the running foot and the sidebar's contacts are fitted to
their places first (:meth:`PageFurniture.check`, with :mod:`layout.fitting`):
wrapped and set smaller down to the theme's floors, or reported at the YAML
value. This module builds templates; it never calls ``build``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from . import model
from .errors import Diagnostic, IssueError, Position
from .fitting import DEPTH, TOP, Option, Placed, ScaledBox, Span, options, shortfall, text_width
from .funding import funding_painter
from .i18n import N_, _
from .images import prepare, upright_size
from .report import Trace
from .styles import Styles
from .tagging import drawn_as, part_of
from .theme import Theme

#: The least share of their size the editorial's portraits are set at, to
#: leave the contacts under them room at their own size.
PORTRAIT_FLOOR = 0.8

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
        self._page_start: list[Callable[[Canvas], None]] = []
        #: Where figures go in the current page's code: after what its
        #: template drew at its start, or after the end of a paragraph that
        #: began on the page before (see :meth:`text_drawn`).
        self._page_code = 0
        self._page_text = False
        self._text_mark: int | None = None
        #: True while page furniture and deferred figures are painted.
        self.painting_page_end = False

    def at_page_end(self, paint: Callable[[Canvas], None], before_text: bool = False) -> None:
        """Paint with ``paint`` when the page ends, where its content is known:
        in the page's content after its text, or (``before_text``) before it.
        Text then extracts whole: a figure's caption never comes between the
        parts of a paragraph, on its page or across the page turn (figures:
        see :class:`~layout.flowables.GridBlock`): where the page begins by
        ending a paragraph of the page before, its figures follow that end."""
        (self._page_start if before_text else self._page_end).append(paint)

    def handle_pageEnd(self) -> None:
        self.painting_page_end = True
        canvas = self.canv
        if self._text_mark is not None:
            self._page_code = _level_end(canvas._code, self._page_code, self._text_mark)
        for paint in self._page_start:
            mark = len(canvas._code)
            paint(canvas)
            code = canvas._code[mark:]
            del canvas._code[mark:]
            canvas._code[self._page_code:self._page_code] = code
            self._page_code += len(code)
        self._page_start = []
        for paint in self._page_end:
            paint(canvas)
        self._page_end = []
        super().handle_pageEnd()
        self.painting_page_end = False

    def handle_frameBegin(self, *args: object, **kwargs: object) -> None:
        super().handle_frameBegin(*args, **kwargs)
        frame = self.frame
        if not str(getattr(frame, "id", "")).startswith("BalancedColumns-"):
            #: Where the page's baseline grid starts (a run of columns keeps
            #: to the grid of the frame it stands in).
            self.grid_top = frame._y2 - frame._topPadding

    def defer(self, flowable: Flowable) -> None:
        """Set ``flowable`` first on the next page (see :class:`~layout.flowables.TopFloat`)."""
        self._deferred.append(flowable)

    def build(self, flowables: list[Flowable], *args: object, **kwargs: object) -> None:
        self._story = flowables
        super().build(flowables, *args, **kwargs)

    def handle_pageBegin(self) -> None:
        super().handle_pageBegin()
        self._page_code = len(self.canv._code)
        self._page_text = False
        self._text_mark = None
        if self._deferred:
            self._story[0:0] = self._deferred
            self._deferred = []

    def text_drawn(self, continued: bool, ends: bool) -> None:
        """A paragraph (part) was drawn: the first on the page, if it ends a
        paragraph begun before, moves where the page's figures go after it."""
        if self._page_text or self.painting_page_end:
            return
        self._page_text = True
        if continued and ends:
            self._text_mark = len(self.canv._code)


def _level_end(code: list[str], start: int, mark: int) -> int:
    """The first index after ``mark`` where the graphics state is again that
    at ``start``: drawn at ``mark`` (inside a flowable's saved and translated
    state), a figure would be moved with it."""
    depth = sum(1 if op == "q" else -1 if op == "Q" else 0 for op in code[start:mark])
    index = mark
    while depth > 0 and index < len(code):
        depth += 1 if code[index] == "q" else -1 if code[index] == "Q" else 0
        index += 1
    return index


def contacts_box(theme: Theme,
                 contacts: Sequence[Flowable] | Callable[[float], Sequence[Flowable]],
                 room: float) -> ScaledBox:
    """The contacts as they stand in their tinted box, at most ``room`` high:
    set smaller where they would not fit, but not below the theme's floor
    (the box's :attr:`~layout.fitting.ScaledBox.fits` says if they fit).
    Contacts given as a function of the width fill the box at any size."""
    pad = 4 * mm
    width = theme.sidebar_width - 2 * pad
    box = ScaledBox(width, room - 2 * pad, contacts, theme.floors.sidebar / theme.type.sidebar[0])
    box.wrapOn(None, width, room - 2 * pad)
    return box


def contacts_problem(theme: Theme, contacts: model.Contacts, box: ScaledBox,
                     place: str) -> Diagnostic:
    """What to tell the editor when the contacts do not fit ``place`` even at the floor."""
    entries = sum(len(group.entries) for group in contacts.groups)
    over = box.needed_height(box.maxWidth) - box.maxHeight
    share = box.maxHeight / (box.maxHeight + over)
    return Diagnostic(
        _("the contacts do not fit {place}, even at {size} pt: they are {mm:.0f} mm too tall "
          "(about {fit} of the {count} entries fit)").format(
              place=_(place), size=f"{theme.floors.sidebar:g}", mm=over / mm,
              fit=max(1, int(entries * share)), count=entries),
        contacts.pos, hint=_("name fewer contacts, or one number for a group instead of one "
                             "per place"))


def draw_contacts_box(canvas: Canvas, theme: Theme, box: ScaledBox, x: float,
                      top: float) -> None:
    """The contacts ``box`` (see :func:`contacts_box`) in a tinted box of the
    sidebar's width, its top at ``top``."""
    pad = 4 * mm
    height = box.height
    canvas.saveState()
    canvas.setFillColor(theme.colours.tint)
    canvas.rect(x, top - height - 2 * pad, theme.sidebar_width, height + 2 * pad, stroke=0, fill=1)
    canvas.setFillColor(theme.colours.brand)
    canvas.rect(x, top - 1.2 * mm, theme.sidebar_width, 1.2 * mm, stroke=0, fill=1)
    canvas.restoreState()
    box.drawOn(canvas, x + pad, top - pad - height)


def too_long(theme: Theme, element: str, place: str, spans: Sequence[Span], font: str,
             floor: float, width: float, lines: int, where: Position) -> Diagnostic:
    """The diagnostic for a text that does not fit ``lines`` lines of ``width``
    even at ``floor`` pt."""
    count = shortfall(spans, font, floor, width, lines)
    return Diagnostic(
        _("{element}: too long for {place} even at {size} pt on {lines} line(s), by about "
          "{count} character(s)").format(element=_(element), place=_(place),
                                         size=f"{floor:g}", lines=lines, count=count),
        where, hint=_("shorten it"))


def plan_masthead(issue: model.Issue, theme: Theme, full: bool) -> list[Placed]:
    """Name and number, theme, strap line and publisher placed in the masthead band.

    The name stands at its size on one line with the publisher beside it
    where that leaves the publisher room, the theme and the strap line (one
    line, in the accent colour) under it; otherwise name, theme and publisher
    stand one under the other, each wrapped and set smaller as far as the
    theme's floors allow, the strap line after the publisher. Raises
    :class:`IssueError` if they cannot fit.
    """
    t, floors, colours = theme.type, theme.floors, theme.colours
    top = theme.page_height
    bottom = top - theme.margin_top - (theme.masthead_full_height if full
                                       else theme.masthead_height) + 6 * mm
    size, floor = (t.masthead_full, floors.masthead_full) if full else (t.masthead,
                                                                       floors.masthead)
    x, width = theme.margin_inner, theme.text_width
    upper, lower = top - 8 * mm, bottom + 3 * mm
    if theme.logo:  # at the band's right, the texts beside it
        width -= masthead_logo(theme, full)[2] + 6 * mm
    baseline = bottom + (top - bottom) * 0.48
    bold, italic = theme.sans + "-Bold", theme.serif + "-Italic"
    name = [Span(issue.newsletter, colours.paper), Span(issue.number, colours.accent)]
    subject = [Span(issue.theme, colours.paper)]
    publisher = [Span(issue.publisher, colours.paper)]
    strap = [Span(issue.strap, colours.accent)] if issue.strap else []
    # The theme's first baseline under the name's last: at least clear of the
    # name's descenders (for the large name of the full masthead).
    theme_gap = max(t.masthead_theme[1] + theme.space.tight,
                    0.22 * size[0] + 0.72 * t.masthead_theme[0])
    themes = options(subject, italic, *t.masthead_theme, floors.masthead_theme, width, 2)

    # The name at its size on one line, the publisher beside it, the theme under it.
    whole = options(name, bold, *size, size[0], width, 1)
    if whole and themes:
        line = whole[0].set()
        room = width - line.width - 6 * mm
        lift = baseline + size[0] * 0.1  # the publisher's last baseline
        beside = [o for o in options(publisher, theme.sans, *t.sidebar, floors.masthead_line,
                                     room, 2) if lift + (o.count - 1) * o.leading + o.top <= upper]
        straps = options(strap, theme.sans, *t.sidebar, floors.masthead_line, width, 1)
        strap_gap = t.sidebar[1] + theme.space.small  # from the theme's last baseline
        under = next((o for o in themes
                      if baseline - theme_gap - (o.count - 1) * o.leading - DEPTH * o.size
                      - (strap_gap if strap else 0) >= lower), None)
        if room >= 50 * mm and beside and under and baseline + line.top <= upper and (
                straps or not strap):
            right = beside[0].set()
            placed = [Placed(line, x, baseline),
                      Placed(under.set(), x, baseline - theme_gap),
                      Placed(right, x + width, lift + (len(right.lines) - 1) * right.leading,
                             "right")]
            if strap:
                placed.append(Placed(straps[0].set(), x, baseline - theme_gap
                                     - (under.count - 1) * under.leading - strap_gap))
            return placed

    # One under the other: name, theme, publisher (and strap line).
    if strap:
        publisher = [*publisher, Span("·", colours.paper), *strap]
    titles = options(name, bold, *size, floor, width, 3)
    publishers = options(publisher, theme.sans, *t.sidebar, floors.masthead_line, width, 2)
    problems = []
    for spans, found, element, font, least, lines, key in (
            (name, titles, N_("the newsletter's name and number"), bold, floor, 3, "newsletter"),
            (subject, themes, N_("the theme"), italic, floors.masthead_theme, 2, "theme"),
            (publisher, publishers, N_("the publisher"), theme.sans, floors.masthead_line, 2,
             "publisher")):
        if not found:
            problems.append(too_long(theme, element, N_("the masthead"), spans, font, least,
                                     width, lines, issue.pos.of(key)))
    if problems:
        raise IssueError(problems)
    publisher_gap = t.sidebar[1] + theme.space.small

    def extent(option: Option) -> float:
        return (option.count - 1) * option.leading

    least_theme = min(extent(o) for o in themes)
    least_publisher = min(extent(o) + DEPTH * o.size for o in publishers)
    room = upper - lower
    for title in titles:
        gap = max(theme_gap, DEPTH * title.size + TOP * t.masthead_theme[0])
        head = title.top + extent(title) + gap + publisher_gap
        if head + least_theme + least_publisher > room:
            continue
        for under in themes:
            if head + extent(under) + least_publisher > room:
                continue
            last = next(o for o in publishers
                        if head + extent(under) + extent(o) + DEPTH * o.size <= room)
            height = head + extent(under) + extent(last) + DEPTH * last.size
            first = min(baseline, upper - title.top)
            first += max(0.0, lower - (first + title.top - height))
            theme_line = first - extent(title) - gap
            return [Placed(title.set(), x, first), Placed(under.set(), x, theme_line),
                    Placed(last.set(), x, theme_line - extent(under) - publisher_gap)]
    raise IssueError([Diagnostic(
        _("the newsletter's name and number, the theme and the publisher do not fit the "
          "masthead together, even at the smallest sizes"), issue.pos.of("newsletter"),
        hint=_("shorten the name, the theme or the publisher"))])


def masthead_logo(theme: Theme, full: bool) -> tuple[float, float, float, float]:
    """Where the logo stands in the masthead band (x, y, width, height): at
    its right, as high as the band's texts may reach, at most a quarter of
    the text width wide."""
    assert theme.logo is not None
    top = theme.page_height
    bottom = top - theme.margin_top - (theme.masthead_full_height if full
                                       else theme.masthead_height) + 6 * mm
    upper, lower = top - 8 * mm, bottom + 3 * mm
    pixels_w, pixels_h = upright_size(theme.logo)
    height = upper - lower
    width = min(height * pixels_w / pixels_h, theme.text_width / 4)
    height = width * pixels_h / pixels_w
    return (theme.margin_inner + theme.text_width - width, (upper + lower - height) / 2,
            width, height)


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
        self._masthead: list[Placed] | None = None
        self._foot: Option | None = None
        self._contacts_box: ScaledBox | None = None
        #: The share of their size the portraits are set at (see :meth:`contacts_box`).
        self.portrait_scale = 1.0

    def folio(self, canvas: Canvas) -> int:
        return int(canvas.getPageNumber()) + self.first_folio - 1

    # -- fitting the texts -------------------------------------------------

    def check(self) -> list[Diagnostic]:
        """Every text of the furniture that cannot fit its place, even at the
        theme's floors (each part is fitted once; see :mod:`layout.fitting`)."""
        problems: list[Diagnostic] = []
        for part in (self.masthead_texts, self.foot_text, self.contacts_box):
            try:
                part()
            except IssueError as error:
                problems += error.diagnostics
        return problems

    def masthead_texts(self) -> list[Placed]:
        if self._masthead is None:
            self._masthead = plan_masthead(self.issue, self.theme, self.full_masthead)
        return self._masthead

    def foot_text(self) -> Option:
        """The running foot's label (name, number and theme), fitted beside the
        widest page number: on one line, else smaller, else on more lines."""
        if self._foot is None:
            theme, issue = self.theme, self.issue
            size = theme.type.foot
            folio = text_width("888", theme.sans + "-Bold", size[0] + 1)
            width = theme.text_width - folio - 6 * mm
            spans = [Span(f"{issue.newsletter} {issue.number} · {issue.theme}")]
            found = options(spans, theme.sans, *size, theme.floors.foot, width, 3)
            if not found:
                raise IssueError([too_long(theme, N_("the name, number and theme"),
                                           N_("the running foot"), spans, theme.sans,
                                           theme.floors.foot, width, 3, issue.pos.of("theme"))])
            self._foot = found[0]
        return self._foot

    def contacts_box(self) -> ScaledBox | None:
        """The contacts of the opening page's sidebar, fitted under the portraits:
        where they would have to be set smaller, the portraits are set smaller
        first (down to :data:`PORTRAIT_FLOOR` of their size)."""
        if self._contacts_box is None and self.contacts and self.issue.contacts:
            theme = self.theme
            room = self.main_height() - (self.bottom() - theme.margin_bottom)  # above a band
            portraits = 0.0
            for flowable in self.portrait:
                portraits += flowable.wrapOn(None, theme.sidebar_width, self.main_height())[1]
                room -= theme.line
            box = contacts_box(theme, self.contacts, room - portraits)
            scale = 1.0
            while box.scale < 1 and scale > PORTRAIT_FLOOR + 1e-9:
                scale = max(PORTRAIT_FLOOR, scale - 0.05)
                box = contacts_box(theme, self.contacts, room - portraits * scale)
                self.portrait_scale = scale
            if not box.fits:
                raise IssueError([contacts_problem(theme, self.issue.contacts, box,
                                                   N_("the sidebar of the opening page"))])
            self._contacts_box = box
        return self._contacts_box

    # -- the parts -------------------------------------------------------

    def masthead(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        theme = self.theme
        top = theme.page_height
        bottom = top - theme.margin_top - self.masthead_height + 6 * mm
        canvas.saveState()
        canvas.setFillColor(theme.colours.brand)
        canvas.rect(-10 * mm, bottom, theme.page_width + 20 * mm, top - bottom + 10 * mm,
                    stroke=0, fill=1)
        canvas.setFillColor(theme.colours.paper)
        for text in self.masthead_texts():
            # without a front cover, the masthead is the issue's title: read
            # first (tagged PDF); after one, it repeats the cover (an artifact)
            with drawn_as(canvas, "P", front=True) if self.full_masthead else nullcontext():
                text.draw(canvas)
        if theme.logo:
            x, y, width, height = masthead_logo(theme, self.full_masthead)
            canvas.drawImage(prepare(theme.logo, width, height).reader, x, y, width, height,
                             mask="auto")
        canvas.restoreState()

    def draw_sidebar(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """The editorial's portrait, then the contacts in a tinted box, in the
        outer column of the opening page."""
        theme = self.theme
        x = theme.page_width - theme.margin_outer - theme.sidebar_width
        top = theme.margin_bottom + self.main_height()
        self.contacts_box()  # decides the portraits' size
        scale = self.portrait_scale
        for flowable in self.portrait:
            width, height = flowable.wrapOn(canvas, theme.sidebar_width, self.main_height())
            if scale == 1:
                flowable.drawOn(canvas, x + (theme.sidebar_width - width) / 2, top - height)
            else:
                canvas.saveState()
                canvas.translate(x + (theme.sidebar_width - width * scale) / 2,
                                 top - height * scale)
                canvas.scale(scale, scale)
                flowable.drawOn(canvas, 0, 0)
                canvas.restoreState()
            top -= height * scale + theme.line
        box = self.contacts_box()
        if box is not None:
            draw_contacts_box(canvas, theme, box, x, top)
            if box.scale < 1:
                doc.trace.events.append((canvas.getPageNumber(),
                                         _("the contacts do not fit the sidebar: set smaller")))

    def foot(self, canvas: Canvas, doc: BaseDocTemplate | None) -> None:
        theme = self.theme
        folio = self.folio(canvas)
        left_page = folio % 2 == 0  # the page number stands at the outer edge
        left = theme.margin_outer if left_page else theme.margin_inner
        right = theme.page_width - (theme.margin_inner if left_page else theme.margin_outer)
        y = theme.foot_baseline
        canvas.saveState()
        canvas.setStrokeColor(theme.colours.rule)
        canvas.setLineWidth(0.4)
        canvas.line(left, y + 4 * mm, right, y + 4 * mm)
        canvas.setFillColor(theme.colours.text)
        canvas.setFont(theme.sans + "-Bold", theme.type.foot[0] + 1)
        if left_page:
            canvas.drawString(left, y, str(folio))
        else:
            canvas.drawRightString(right, y, str(folio))
        canvas.setFillColor(theme.colours.muted)
        label = self.foot_text().set()
        label.draw(canvas, right if left_page else left, y, "right" if left_page else "left")
        canvas.restoreState()

    def funding_band(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        if self.band:
            with part_of(canvas, "funding"):
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
