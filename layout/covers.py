"""Front and back cover, generated from the issue.

The front cover carries the masthead, number, theme, the cover photo and the
contents with page numbers (taken from the inside pages' layout record); the
back cover the contacts, the next-issue notice and the imprint. Each is
drawn as one more page of the canvas the inside pages were set on (after
them: the contents must know their page numbers), with the same fonts,
styles and colours; :mod:`layout.document` puts the front cover first.

Every text of a cover is fitted to its place before it is drawn (see
:mod:`layout.fitting`): wrapped, and set smaller down to the theme's floors.
The contents are set smaller as far as their floor, then in two columns;
contents that do not fit even so are an error that says how many entries
fit, never a list cut short. :func:`check_covers` finds every such problem
before the inside pages are laid out, so that a build fails early and once.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table

from . import markup, model
from .alttext import alt_text
from .errors import Diagnostic, IssueError
from .fitting import DEPTH, Option, Placed, ScaledBox, Span, options, text_width
from .flowables import LayoutRecord, grid
from .formats import format_month, word
from .i18n import N_, _
from .images import prepare, upright_size
from .pages import contacts_box, contacts_problem, draw_contacts_box, too_long
from .story import StoryContext, contact_flowables, imprint_flowables
from .styles import Styles
from .tagging import drawn_as, tag_front, tag_parts
from .theme import Theme

#: The front cover's band and photo are the theme's (``cover_band``,
#: ``cover_photo``); this is the gap under them.
GAP: float = 12 * mm
#: The share of the photo's height in whose steps a front cover without
#: photo grows its band downwards.
STEPS = 8
#: The width of the contents' page numbers.
FOLIO_WIDTH: float = 15 * mm
#: The share of the text width the cover lines' panel takes.
TEASER_SHARE = 0.5
#: The cover lines' panel: its inner padding, and its distance from the photo's foot.
TEASER_PAD: float = 4 * mm
TEASER_LIFT: float = 10 * mm
#: Between two cover lines.
TEASER_GAP: float = 4 * mm


@dataclass(frozen=True)
class ContentsEntry:
    section: str
    title: str
    folio: int


def contents(issue: model.Issue, record: LayoutRecord, first_folio: int) -> list[ContentsEntry]:
    """What the inside pages hold, with the printed page number of each part."""
    entries = []
    for mark in record.first("editorial"):
        entries.append(ContentsEntry("", mark.title, mark.page + first_folio - 1))
    articles = {mark.key: mark.page for mark in record.first("article")}
    for number, article in enumerate(issue.articles, start=1):
        page = articles.get(f"article-{number}")  # the key the story gives its anchor
        if page is not None:
            entries.append(ContentsEntry(article.section, article.title, page + first_folio - 1))
    for mark in record.first("statistics"):
        entries.append(ContentsEntry("", mark.title, mark.page + first_folio - 1))
    return entries


def expected_contents(issue: model.Issue) -> list[ContentsEntry]:
    """The contents the issue will have, with stand-in page numbers (for checks
    made before the layout)."""
    entries = [ContentsEntry("", issue.editorial.title or word("editorial", issue.language), 88)
               ] if issue.editorial else []
    entries += [ContentsEntry(a.section, a.title, 88) for a in issue.articles]
    headings = [stats.heading or word("statistics", issue.language)
                for stats in issue.statistics]
    # a statistic under the same heading as the one before it has no entry (see story)
    entries += [ContentsEntry("", heading, 88) for index, heading in enumerate(headings)
                if index == 0 or heading != headings[index - 1]]
    return entries


def check_covers(issue: model.Issue, theme: Theme, styles: Styles) -> list[Diagnostic]:
    """Every text of the generated covers that cannot fit its place."""
    problems: list[Diagnostic] = []
    parts: list[Callable[[], object]] = []
    if issue.cover.front == "generated":
        parts += [lambda: plan_front_band(issue, theme), lambda: plan_cover_lines(issue, theme),
                  lambda: contents_box(issue, theme, styles, expected_contents(issue),
                                       _contents_top(issue, theme, styles))]
    if issue.cover.back == "generated":
        parts.append(lambda: plan_back(issue, theme, styles))
    for part in parts:
        try:
            part()
        except IssueError as error:
            problems += error.diagnostics
    return problems


def _canvas(buffer: io.BytesIO, issue: model.Issue, theme: Theme) -> Canvas:
    return Canvas(buffer, pagesize=(theme.page_width, theme.page_height), invariant=1,
                  initialFontName=theme.sans, lang=issue.language)


def render_front(issue: model.Issue, theme: Theme, styles: Styles,
                 entries: Sequence[ContentsEntry],
                 placed: list[tuple[model.Picture, float]] | None = None) -> bytes:
    """The front cover as a one-page PDF of its own; its photo is added to ``placed``."""
    buffer = io.BytesIO()
    canvas = _canvas(buffer, issue, theme)
    draw_front(canvas, issue, theme, styles, entries, placed)
    canvas.save()
    return buffer.getvalue()


# -- the front cover -------------------------------------------------------------


@functools.lru_cache(maxsize=4)  # fitted once for the check, once more to draw
def plan_front_band(issue: model.Issue, theme: Theme) -> list[Placed]:
    """Strap line, name and number, theme, and publisher placed in the front
    cover's band (the month stands at its right, see :func:`draw_front`).

    The strap line takes one line at the top of the band, over the name; the
    name and number take up to two lines, the theme three, the publisher two
    beside the month, each set smaller down to its floor where needed.
    Raises :class:`IssueError` if they cannot fit.
    """
    t, floors, colours = theme.type, theme.floors, theme.colours
    height = theme.page_height
    x, width = theme.margin_inner, theme.text_width
    bold, italic = theme.sans + "-Bold", theme.serif + "-Italic"
    band_bottom = height - theme.cover_band
    row = band_bottom + 9 * mm  # the publisher's last baseline, and the month's
    title_y = height - 42 * mm  # the name's last baseline, where there is room
    upper = height - theme.margin_top
    theme_gap = 13 * mm  # from the name's last baseline to the theme's first

    month = format_month(issue.date, issue.language)
    paper = colours.cover_text
    name = [Span(issue.newsletter, paper), Span(issue.number, colours.accent)]
    subject = [Span(issue.theme, paper)]
    publisher = [Span(issue.publisher, paper)]
    beside_month = width - text_width(month, bold, t.cover_line[0]) - 6 * mm
    beside_logo = width - (cover_logo(theme)[0] + 6 * mm if theme.logo else 0)
    titles = options(name, bold, *t.cover_title, floors.cover_title, beside_logo, 2)
    themes = options(subject, italic, *t.cover_theme, floors.cover_theme, width, 3)
    publishers = options(publisher, theme.sans, *t.cover_line, floors.cover_line,
                         beside_month, 2)
    strap = [Span(issue.strap, colours.accent)] if issue.strap else []
    straps = options(strap, bold, *t.cover_line, floors.cover_line, beside_logo, 1)
    problems = []
    for spans, found, element, font, floor, lines, room, key in (
            (strap, straps, N_("the strap line"), bold, floors.cover_line, 1, beside_logo,
             "strap"),
            (name, titles, N_("the newsletter's name and number"), bold, floors.cover_title,
             2, beside_logo, "newsletter"),
            (subject, themes, N_("the theme"), italic, floors.cover_theme, 3, width, "theme"),
            (publisher, publishers, N_("the publisher"), theme.sans, floors.cover_line, 2,
             beside_month, "publisher")):
        if not found:
            problems.append(too_long(theme, element, N_("the front cover"), spans, font,
                                     floor, room, lines, issue.pos.of(key)))
    if problems:
        raise IssueError(problems)
    top_line: list[Placed] = []
    if strap:  # at the top of the band; the name keeps clear under it
        top_line = [Placed(straps[0].set(), x, upper - straps[0].top)]
        upper = top_line[0].bottom - 4 * mm

    def extent(option: Option) -> float:
        return (option.count - 1) * option.leading

    least_theme = min(extent(o) + DEPTH * o.size for o in themes)
    for last in publishers:
        lower = row + extent(last) + last.top + 4 * mm  # the theme stays above the publisher
        for title in titles:
            head = title.top + extent(title) + theme_gap
            if head + least_theme > upper - lower:
                continue
            under = next(o for o in themes if head + extent(o) + DEPTH * o.size <= upper - lower)
            stack = head + extent(under) + DEPTH * under.size
            first = min(title_y + extent(title), upper - title.top)
            first = max(first, lower + stack - title.top)
            return [*top_line, Placed(title.set(), x, first),
                    Placed(under.set(), x, first - extent(title) - theme_gap),
                    Placed(last.set(), x, row + extent(last))]
    raise IssueError([Diagnostic(
        _("the newsletter's name and number, the theme and the publisher do not fit the "
          "front cover's band together, even at the smallest sizes"),
        issue.pos.of("theme"), hint=_("shorten the theme, the name or the publisher"))])


def draw_front(canvas: Canvas, issue: model.Issue, theme: Theme, styles: Styles,
               entries: Sequence[ContentsEntry],
               placed: list[tuple[model.Picture, float]] | None = None) -> None:
    """The front cover as the next page of ``canvas``; its photo is added to ``placed``."""
    colours, type_ = theme.colours, theme.type
    width, height = theme.page_width, theme.page_height
    texts = plan_front_band(issue, theme)
    band, photo_height = theme.cover_band, theme.cover_photo
    step = photo_height / STEPS
    band_bottom = height - band
    # Without a photo, the band takes the photo's place too: a field of the
    # brand colour with the name at its foot, as on a poster; as far down
    # as the contents leave room at their full size.
    lower = 0.0
    box = contents_box(issue, theme, styles, entries, _contents_top(issue, theme, styles))
    while not issue.cover.photo and lower < photo_height:
        try:
            deeper = contents_box(issue, theme, styles, entries, band_bottom - lower - step - GAP)
        except IssueError:
            break
        if deeper.scale < 1 or getattr(deeper.make, "__name__", "") != getattr(
                box.make, "__name__", ""):  # smaller, or in two columns: not deeper
            break
        box, lower = deeper, lower + step
    canvas.setFillColor(colours.cover_band)
    canvas.rect(-10 * mm, band_bottom - lower, width + 20 * mm, band + lower + 10 * mm,
                stroke=0, fill=1)
    if theme.logo:
        logo_width, logo_height = cover_logo(theme)
        canvas.drawImage(prepare(theme.logo, logo_width, logo_height).reader,
                         width - theme.margin_outer - logo_width,
                         height - theme.margin_top - logo_height, logo_width, logo_height,
                         mask="auto")
    canvas.saveState()
    canvas.translate(0, -lower)
    canvas.setFillColor(colours.cover_text)
    for text in texts:
        with drawn_as(canvas, "P", front=True):
            text.draw(canvas)
    canvas.setFillColor(colours.cover_text)
    canvas.setFont(theme.sans + "-Bold", type_.cover_line[0])
    with drawn_as(canvas, "P", front=True):
        canvas.drawRightString(width - theme.margin_outer, band_bottom + 9 * mm,
                               format_month(issue.date, issue.language))
    canvas.restoreState()
    if issue.cover.photo:
        _draw_photo(canvas, issue.cover.photo,
                    (-theme.bleed, band_bottom - photo_height, width + 2 * theme.bleed,
                     photo_height),
                    _caption(issue, theme, styles), issue.language)
        if placed is not None:
            placed.append((issue.cover.photo, width))
        teasers = plan_cover_lines(issue, theme)
        if teasers is not None:
            teasers.draw(canvas, theme, theme.margin_inner,
                         band_bottom - photo_height + TEASER_LIFT)
    tag_front(canvas, box)
    box.drawOn(canvas, theme.margin_inner, box.top - box.height)
    canvas.showPage()


@dataclass(frozen=True)
class CoverLines:
    """The cover lines, fitted: each one's setting, and the panel's size."""

    settings: tuple[Option, ...]
    width: float
    height: float

    def draw(self, canvas: Canvas, theme: Theme, x: float, y: float) -> None:
        """The panel with its bottom left at ``(x, y)``: the brand colour with a
        bar of the accent at its left, the lines in bold on it, one under the other."""
        canvas.saveState()
        canvas.setFillColor(theme.colours.cover_band)
        canvas.rect(x, y, self.width, self.height, stroke=0, fill=1)
        canvas.setFillColor(theme.colours.accent)
        canvas.rect(x, y, 1.5 * mm, self.height, stroke=0, fill=1)
        canvas.setFillColor(theme.colours.cover_text)
        top = y + self.height - TEASER_PAD
        for number, option in enumerate(self.settings):
            if number:
                top -= TEASER_GAP
            with drawn_as(canvas, "P", front=True):
                option.set().draw(canvas, x + TEASER_PAD + 1.5 * mm, top - option.top)
            top -= option.height
        canvas.restoreState()


@functools.lru_cache(maxsize=4)
def plan_cover_lines(issue: model.Issue, theme: Theme) -> CoverLines | None:
    """The cover lines in their panel on the cover photo: all at one size, each
    on up to two lines, set smaller together down to the theme's floor where
    they would be too tall for the photo. Raises :class:`IssueError` where they
    cannot fit. Without a photo there are none (the loader warns of that, and
    refuses more than :data:`~layout.load.MAX_COVER_LINES`)."""
    lines = issue.cover.lines
    if not lines or not issue.cover.photo:
        return None
    where = issue.cover.pos.of("lines")
    t, floor = theme.type, theme.floors.cover_teaser
    bold = theme.sans + "-Bold"
    width = theme.text_width * TEASER_SHARE
    inner = width - 2 * TEASER_PAD - 1.5 * mm
    room = theme.cover_photo - 2 * TEASER_LIFT
    size = t.cover_teaser[0]
    while size >= floor - 1e-9:
        leading = t.cover_teaser[1] * size / t.cover_teaser[0]
        found = [options([Span(line)], bold, size, leading, size, inner, 2) for line in lines]
        if all(found):
            settings = tuple(option[0] for option in found)
            height = (sum(o.height for o in settings) + TEASER_GAP * (len(lines) - 1)
                      + 2 * TEASER_PAD)
            if height <= room:
                return CoverLines(settings, width, height)
        size -= 0.5
    leading = t.cover_teaser[1] * floor / t.cover_teaser[0]
    longest = next((line for line in lines
                    if not options([Span(line)], bold, floor, leading, floor, inner, 2)),
                   max(lines, key=len))
    raise IssueError([too_long(theme, N_("a cover line"), N_("the cover photo"),
                               [Span(longest)], bold, floor, inner, 2, where)])


def cover_logo(theme: Theme) -> tuple[float, float]:
    """The size of the logo at the top right of the front cover's band: a
    fifth of the band high, at most a quarter of the text width wide."""
    assert theme.logo is not None
    pixels_w, pixels_h = upright_size(theme.logo)
    height = theme.cover_band / 5
    width = min(height * pixels_w / pixels_h, theme.text_width / 4)
    return width, width * pixels_h / pixels_w


def _caption(issue: model.Issue, theme: Theme, styles: Styles) -> Paragraph | None:
    """The cover photo's caption and credit in one paragraph, wrapped to its width."""
    photo = issue.cover.photo
    text = " · ".join(part for part in (photo.caption, photo.credit) if part) if photo else ""
    if not text:
        return None
    caption = Paragraph(markup.to_markup(text, issue.language), styles.credit)
    caption.wrap(theme.page_width + 2 * theme.bleed - 40 * mm, 20 * mm)
    return caption


def _contents_top(issue: model.Issue, theme: Theme, styles: Styles) -> float:
    """Where the contents begin at the highest: under the band, or under the
    photo and its caption."""
    top = float(theme.page_height - theme.cover_band)
    if not issue.cover.photo:
        return top - GAP
    top -= theme.cover_photo
    caption = _caption(issue, theme, styles)
    below = top - float(caption.height) - 1.5 * mm - 5 * mm if caption else top
    return float(min(top - GAP, below))


def _draw_photo(canvas: Canvas, photo: model.Picture, box: tuple[float, float, float, float],
                caption: Paragraph | None, language: str) -> None:
    """The photo filling ``box`` (x, y, width, height; cropped, never stretched),
    its caption and credit under it (a figure and its caption of the front cover)."""
    x, y, width, height = box
    pixels_w, pixels_h = upright_size(photo.file)
    scale = max(width / pixels_w, height / pixels_h)
    shown_w, shown_h = pixels_w * scale, pixels_h * scale
    prepared = prepare(photo.file, shown_w, shown_h)
    canvas.saveState()
    path = canvas.beginPath()
    path.rect(x, y, width, height)
    canvas.clipPath(path, stroke=0, fill=0)
    alt = alt_text(photo, language) if photo.alt.strip() else (
        caption.getPlainText() if caption is not None else None)
    with drawn_as(canvas, "Figure", alt=alt, front=True):
        canvas.drawImage(prepared.reader, x + (width - shown_w) / 2,
                         y + (height - shown_h) / 2, shown_w, shown_h, mask="auto")
    canvas.restoreState()
    if caption is not None:
        with drawn_as(canvas, "Caption", front=True, flowable=caption):
            caption.drawOn(canvas, max(x, 0.0) + 17 * mm, y - caption.height - 1.5 * mm)


class ContentsBox(ScaledBox):
    """The contents, set smaller as far as the floor; :attr:`top` is where
    their box begins on the page."""

    top = 0.0


def contents_box(issue: model.Issue, theme: Theme, styles: Styles,
                 entries: Sequence[ContentsEntry], top: float) -> ContentsBox:
    """The contents between ``top`` and the bottom margin: in one column, set
    smaller down to the floor, else in two columns. Raises :class:`IssueError`
    with how many entries fit if they do not fit even so."""
    heading = Paragraph(markup.plain(word("contents", issue.language)), styles.sidebar_heading)
    heading.tag_role = "H1"  # the first heading of the document (tagged PDF)
    room = top - theme.margin_bottom
    floor = theme.floors.contents / theme.type.contents[0]
    width = theme.text_width

    def one_column(width: float) -> list[Flowable]:
        return [heading, _contents_grid(theme, styles, entries, width, 3)] if entries else [
            heading]

    def two_columns(width: float) -> list[Flowable]:
        column = (width - theme.gutter) / 2
        half = (len(entries) + 1) // 2
        return [heading, grid([[_contents_grid(theme, styles, entries[:half], column, 1.5), "",
                                _contents_grid(theme, styles, entries[half:], column, 1.5)]],
                              [column, theme.gutter, column], theme.sans,
                              [("VALIGN", (0, 0), (-1, -1), "TOP")])]

    tried: list[ContentsBox] = []
    for layout in (one_column, two_columns)[:1 if len(entries) < 2 else 2]:
        box = ContentsBox(width, room, layout, floor)
        box.wrapOn(None, width, room)
        box.top = top
        if box.fits:
            return box
        tried.append(box)
    box = tried[-1]
    share = box.maxHeight / max(box.needed_height(width), 1.0)
    hint = (_("shorten the titles or sections, leave out the cover photo (more room for the "
              "contents), or split the articles into two issues") if issue.cover.photo
            else _("shorten the titles or sections, or split the articles into two issues"))
    raise IssueError([Diagnostic(
        _("the contents do not fit the front cover, even at {size} pt in two columns: about "
          "{fit} of the {count} entries fit").format(
              size=f"{theme.floors.contents:g}", fit=max(0, int(len(entries) * share) - 1),
              count=len(entries)),
        issue.pos.of("articles"), hint=hint)])


def _contents_grid(theme: Theme, styles: Styles, entries: Sequence[ContentsEntry],
                   width: float, padding: float) -> Table:
    """The entries in rows, each under a rule; ``padding`` above each (one more below)."""
    rows = []
    for entry in entries:
        label: list[Flowable] = []
        if entry.section:
            label.append(Paragraph(markup.plain(entry.section), styles.section))
        label.append(Paragraph(f"<b>{markup.plain(entry.title)}</b>", styles.contents))
        rows.append([label, Paragraph(str(entry.folio), styles.contents_number)])
    table = grid(rows, [width - FOLIO_WIDTH, FOLIO_WIDTH], theme.sans, [
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding + 1),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, theme.colours.rule)])
    table.tag_rows = [("LBody", "LBody")] * len(rows)  # a list, an item a row (tagged PDF)
    table.tag_each_row = True
    return table


# -- the back cover ----------------------------------------------------------------


@dataclass(frozen=True)
class BackCover:
    """The back cover's parts, fitted: the contacts' box, the next-issue notice,
    the imprint, and the texts of the band."""

    contacts: ScaledBox | None
    notice: Paragraph | None
    imprint: ScaledBox | None
    band: list[Placed]


@functools.lru_cache(maxsize=4)  # fitted once for the check, once more to draw
def plan_back(issue: model.Issue, theme: Theme, styles: Styles) -> BackCover:
    """The back cover's parts, each fitted to its place; raises :class:`IssueError`
    for every part that does not fit."""
    ctx = StoryContext(issue, styles, theme, LayoutRecord())
    top = theme.page_height - theme.margin_top
    height = top - theme.back_band - 10 * mm
    column = theme.text_width
    problems: list[Diagnostic] = []
    box = None
    if issue.contacts:
        contacts = issue.contacts

        def contacts_at(width: float) -> list[Flowable]:
            """The contacts made for a box ``width`` wide (wider where set smaller)."""
            wide = replace(theme, sidebar_width=width + 8 * mm)
            return contact_flowables(StoryContext(issue, styles, wide, LayoutRecord()), contacts)

        box = contacts_box(theme, contacts_at, height)
        if not box.fits:
            problems.append(contacts_problem(theme, issue.contacts, box,
                                             N_("the back cover")))
        column -= theme.sidebar_width + theme.sidebar_gap
    imprint = None
    used = theme.back_band + 12 * mm  # the imprint's foot
    if issue.imprint:
        imprint = ScaledBox(column, height / 2, imprint_flowables(ctx, issue.imprint),
                            theme.floors.imprint / theme.type.sidebar[0])
        imprint.wrapOn(None, column, height / 2)
        used += imprint.height
        if not imprint.fits:
            problems.append(Diagnostic(
                _("the imprint does not fit the lower half of the back cover, even at "
                  "{size} pt").format(size=f"{theme.floors.imprint:g}"),
                issue.imprint.pos, hint=_("shorten the imprint's text or lines")))
    notice = None
    if issue.next_issue:
        notice = _fit_notice(issue, theme, styles, column, top - used - 8 * mm)
        if notice is None:
            problems.append(Diagnostic(
                _("the next-issue notice does not fit the back cover above the imprint, "
                  "even at {size} pt").format(size=f"{theme.floors.notice:g}"),
                issue.pos.of("next_issue"), hint=_("say it in one sentence")))
    try:
        band = _plan_back_band(issue, theme)
    except IssueError as error:
        problems += error.diagnostics
        band = []
    if problems:
        raise IssueError(problems)
    return BackCover(box, notice, imprint, band)


def _fit_notice(issue: model.Issue, theme: Theme, styles: Styles, width: float,
                room: float) -> Paragraph | None:
    """The next-issue notice at the largest size from its own down to the floor
    at which it fits ``room``; None where it does not fit even at the floor."""
    base = styles.notice_big
    size = float(base.fontSize)
    text = markup.to_markup(issue.next_issue, issue.language)
    while True:
        style = base if size == base.fontSize else ParagraphStyle(
            "notice_fitted", parent=base, fontSize=size,
            leading=size * base.leading / base.fontSize)
        notice = Paragraph(text, style)
        _width, used = notice.wrap(width, room)
        if used <= room and notice.minWidth() <= width:
            return notice
        if size <= theme.floors.notice:
            return None
        size = max(theme.floors.notice, size - 1)


def _plan_back_band(issue: model.Issue, theme: Theme) -> list[Placed]:
    """Name and number at the left of the back cover's band, the publisher
    at its right; where both do not fit one line, one over the other."""
    t, floors, colours = theme.type, theme.floors, theme.colours
    x, width = theme.margin_inner, theme.text_width
    bold = theme.sans + "-Bold"
    middle = theme.back_band / 2
    lower, upper = 7 * mm, theme.back_band - 4 * mm
    name = [Span(f"{issue.newsletter} {issue.number}", colours.cover_text)]
    publisher = [Span(issue.publisher, colours.cover_text)]
    whole = options(name, bold, *t.back_title, t.back_title[0], width, 1)
    if whole:
        line = whole[0].set()
        room = width - line.width - 6 * mm
        beside = options(publisher, theme.sans, *t.sidebar, floors.masthead_line, room, 2)
        if room >= 50 * mm and beside:
            right = beside[0].set()
            first = middle + (len(right.lines) - 1) * right.leading / 2
            return [Placed(line, x, middle), Placed(right, x + width, first, "right")]
    titles = options(name, bold, *t.back_title, floors.back_title, width, 2)
    publishers = options(publisher, theme.sans, *t.sidebar, floors.masthead_line, width, 2)
    gap = t.sidebar[1] + theme.space.small
    for title in titles:
        for last in publishers:
            height = (title.top + (title.count - 1) * title.leading + gap
                      + (last.count - 1) * last.leading + DEPTH * last.size)
            if height <= upper - lower:
                first = (upper + lower + height) / 2 - title.top
                below = first - (title.count - 1) * title.leading - gap
                return [Placed(title.set(), x, first), Placed(last.set(), x, below)]
    raise IssueError([too_long(theme, N_("the newsletter's name, number and publisher"),
                               N_("the back cover"), name + publisher, bold,
                               floors.back_title, width, 3, issue.pos.of("publisher"))])


def draw_back(canvas: Canvas, issue: model.Issue, theme: Theme, styles: Styles) -> None:
    """The back cover as the next page of ``canvas``: contacts, next issue, imprint."""
    back = plan_back(issue, theme, styles)
    tag_parts(canvas, back.contacts, back.notice, back.imprint)  # the rest: artifacts
    top = theme.page_height - theme.margin_top
    if back.contacts is not None:
        x = theme.page_width - theme.margin_outer - theme.sidebar_width
        draw_contacts_box(canvas, theme, back.contacts, x, top)
    if back.notice is not None:
        back.notice.drawOn(canvas, theme.margin_inner, top - back.notice.height)
    if back.imprint is not None:
        back.imprint.drawOn(canvas, theme.margin_inner, theme.back_band + 12 * mm)
    canvas.setFillColor(theme.colours.cover_band)
    canvas.rect(-10 * mm, -10 * mm, theme.page_width + 20 * mm, theme.back_band + 10 * mm,
                stroke=0, fill=1)
    canvas.setFillColor(theme.colours.cover_text)
    for text in back.band:
        text.draw(canvas)
    canvas.showPage()
