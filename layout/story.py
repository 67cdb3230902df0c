"""From the model to flowables: the content of the inside pages, in reading order.

Pure: :func:`build_story` reads an :class:`~layout.model.Issue` and returns
flowables; it draws nothing and decides no page geometry beyond the widths
the theme gives. Articles are set in two balanced columns under a header
that spans both; a photo at page width splits the columns around it. Every
editor's text goes through :mod:`layout.markup`.

Every element of the issue it sets (article, block, photo, contact, funding
notice, statistics, closing notices) is put on the record's inventory, and
the element's first flowable notes where it is drawn (see
:meth:`~layout.flowables.LayoutRecord.expect`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from xml.sax.saxutils import quoteattr

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from . import markup, model, phones
from .charts import chart_size
from .errors import Position
from .flowables import (
    Anchor,
    ChartSlot,
    Columns,
    Figure,
    FlushFloats,
    FootBand,
    GridBlock,
    GridSnap,
    KeepGroups,
    KeptTable,
    LayoutRecord,
    NeedsRoom,
    Separator,
    TopFloat,
    grid,
    tag,
)
from .formats import format_number, word
from .funding import funding_painter
from .i18n import N_, _
from .images import prepare, upright_size
from .load import Where
from .report import TracedParagraph
from .slots import FIRST, block_key, statistics_key
from .styles import Styles
from .theme import Theme
from .typography import NBSP, enclose_quote

#: Where the (first) statistic's chart is stamped in: the key of its slot.
CHART_KEY = FIRST
#: The widest column of a statistic's table.
MAX_COLUMN = 45 * mm
#: A chart inside an article is this part of the theme's chart height.
BLOCK_CHART = 0.6
#: An article's header stands where the first this many lines of its text fit.
START_LINES = 3


@dataclass(frozen=True)
class Story:
    """The flowables of the inside pages, and those of the opening page's sidebar:
    the editorial's portrait over the contacts."""

    flowables: list[Flowable]
    portrait: list[Flowable]
    contacts: list[Flowable]
    placed: list[tuple[model.Picture, float]]


@dataclass(frozen=True)
class StoryContext:
    issue: model.Issue
    styles: Styles
    theme: Theme
    record: LayoutRecord
    #: Every photo placed, with its width in points (for the resolution check).
    placed: list[tuple[model.Picture, float]] = field(default_factory=list)
    #: The page-wide photos, which may wait for the next page.
    floats: list[TopFloat] = field(default_factory=list)

    def element(self, key: str, label: str, pos: Position) -> Anchor:
        """Put an element on the inventory: see :meth:`LayoutRecord.expect`."""
        return self.record.expect(key, label, pos)

    def text(self, text: str, style_name: str) -> Paragraph:
        """A paragraph of the editor's ``text``, inline markup and typography applied."""
        return TracedParagraph(markup.to_markup(text, self.issue.language, breaks=True),
                               getattr(self.styles, style_name))

    def plain(self, text: str, style_name: str) -> Paragraph:
        """A paragraph of ``text`` exactly as given."""
        return TracedParagraph(markup.plain(text), getattr(self.styles, style_name))


def build_story(issue: model.Issue, styles: Styles, theme: Theme, record: LayoutRecord,
                closing_pages: bool) -> Story:
    """The inside pages' flowables. ``closing_pages`` adds the next-issue
    notice and the imprint at the end (when no back cover carries them)."""
    ctx = StoryContext(issue, styles, theme, record)
    flowables: list[Flowable] = [NextPageTemplate("body")]
    if issue.editorial:
        flowables += editorial_flowables(ctx, issue.editorial)
    if issue.editorial:
        flowables.append(PageBreak())
    if issue.funding and issue.funding.position == "every-page":
        # The page templates paint the band on every page, the first included.
        flowables.append(funding_element(ctx, issue.funding))
    for number, article in enumerate(issue.articles, start=1):
        flowables += article_flowables(ctx, article, number, first=number == 1)
    flowables.append(FlushFloats(ctx.floats))  # the articles' photos before what follows
    if issue.funding and issue.funding.position == "after-articles":
        flowables.append(funding_band(ctx, issue.funding))
    for number, stats in enumerate(issue.statistics, start=1):
        before = issue.statistics[number - 2] if number > 1 else None
        flowables += statistics_flowables(ctx, stats, number, heading=before is None or
                                          before.heading != stats.heading)
    if issue.funding and issue.funding.position == "last-page":
        flowables.append(funding_band(ctx, issue.funding))
    if closing_pages:
        flowables += closing_flowables(ctx)
    portrait = editorial_portraits(ctx, issue.editorial) if issue.editorial else []
    contacts = contact_flowables(ctx, issue.contacts) if issue.contacts else []
    return Story(flowables, portrait, contacts, ctx.placed)


# -- editorial -------------------------------------------------------------


def funding_band(ctx: StoryContext, funding: model.Funding) -> FootBand:
    """The funding notice in a band at the foot of the page where it stands."""
    paint = funding_painter(funding, ctx.styles, ctx.theme, ctx.issue.language)
    band = FootBand(ctx.theme.funding_height, paint, "band", gap=ctx.theme.line)
    return tag(band, funding_element(ctx, funding))


def funding_element(ctx: StoryContext, funding: model.Funding) -> Anchor:
    return ctx.element("funding", _(funding.LABEL), funding.pos)


def editorial_flowables(ctx: StoryContext, editorial: model.Editorial) -> list[Flowable]:
    title = editorial.title or word("editorial", ctx.issue.language)
    text: list[Flowable] = [
        Anchor(ctx.record, "editorial", "editorial", title),
        ctx.element("editorial", _(editorial.LABEL), editorial.pos),
        ctx.plain(title, "section"),
    ]
    if editorial.greeting:
        text.append(ctx.text(editorial.greeting, "greeting"))
    text += paragraphs(ctx, editorial.text, "editorial_first", "editorial_body")
    text.append(Spacer(0, ctx.theme.line * 0.5))
    if editorial.closing:
        text.append(ctx.text(editorial.closing, "editorial_first"))
    signers = [signer for signer in editorial.signers if signer.name]
    if len(signers) == 1:
        text.append(signature(ctx, signers[0]))
    elif signers:
        text.append(signature_grid(ctx, signers))
    return text


#: Portraits stand in rows of this many in the sidebar, where more than one signs.
PORTRAITS_PER_ROW = 2


def editorial_portraits(ctx: StoryContext, editorial: model.Editorial) -> list[Flowable]:
    """The signatories' portraits for the sidebar, top to bottom: one across
    the sidebar's width; several side by side, two to a row (four signatories
    take two rows), each at most as tall as it is wide."""
    theme = ctx.theme
    signers = [signer for signer in editorial.signers if signer.photo]
    if len(signers) == 1:
        return [editorial_portrait(ctx, editorial, signers[0], 1, theme.sidebar_width)]
    gap = theme.space.medium
    cell = (theme.sidebar_width - gap * (PORTRAITS_PER_ROW - 1)) / PORTRAITS_PER_ROW
    figures = [editorial_portrait(ctx, editorial, signer, number, cell)
               for number, signer in enumerate(signers, start=1)]
    rows: list[Flowable] = []
    for start in range(0, len(figures), PORTRAITS_PER_ROW):
        cells: list[Flowable | str] = []
        for figure in figures[start:start + PORTRAITS_PER_ROW]:
            cells += [figure, ""]
        widths = [cell, gap] * (len(cells) // 2)
        rows.append(grid([cells[:-1]], widths[:-1], theme.sans,
                         [("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    return rows


def editorial_portrait(ctx: StoryContext, editorial: model.Editorial, signer: model.Signatory,
                       number: int, width: float) -> Flowable:
    """A signatory's portrait, captioned with name and role unless the photo has a caption."""
    photo = signer.photo
    assert photo is not None
    if not photo.caption and signer.name:
        photo = replace(photo, caption=", ".join(p for p in (signer.name, signer.role) if p))
    # One portrait at most square; several in rows, as tall as 4:5.
    tall = width if width >= ctx.theme.sidebar_width else width * 1.25
    figure = picture(ctx, photo, width, max_height=tall)
    key = "editorial/photo" if number == 1 else f"editorial/photo-{number}"
    owner = Where(editorial.LABEL) if editorial.signatories == () else Where(
        signer.LABEL, index=number, owner=Where(editorial.LABEL))
    label = str(Where(photo.LABEL, owner=owner))
    return tag(figure, ctx.element(key, label, photo.pos))


def signature(ctx: StoryContext, sig: model.Signatory, style: str = "signature") -> Paragraph:
    """Who signs: the name in bold, the role after it, the office under it."""
    role = f", {markup.plain(sig.role)}" if sig.role else ""
    lines = [f"<b>{markup.plain(sig.name)}</b>{role}"]
    if sig.office:
        lines.append(markup.plain(sig.office))
    return Paragraph("<br/>".join(lines), getattr(ctx.styles, style))


def signature_grid(ctx: StoryContext, signers: Sequence[model.Signatory]) -> Flowable:
    """Several who sign, two side by side in each row, under the closing."""
    theme = ctx.theme
    names = [signature(ctx, signer, "signature_more") for signer in signers]
    rows = [names[start:start + 2] + [""] * (2 - len(names[start:start + 2]))
            for start in range(0, len(names), 2)]
    table = grid(rows, [None, None], theme.sans, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("RIGHTPADDING", (0, 0), (0, -1), theme.space.medium),
        ("TOPPADDING", (0, 1), (-1, -1), theme.space.small)])
    table.spaceBefore = ctx.styles.signature.spaceBefore
    return table


# -- articles --------------------------------------------------------------


def article_flowables(ctx: StoryContext, article: model.Article, number: int,
                      first: bool) -> list[Flowable]:
    theme = ctx.theme
    key = f"article-{number}"
    begin = Anchor(ctx.record, "article", key, article_label(article))
    begin.tag_lang = article.lang  # the language of its section (tagged PDF), if other
    header: list[Flowable] = [
        begin,
        ctx.element(key, str(Where(article.LABEL, index=number)), article.pos)]
    if article.section:
        header.append(ctx.plain(article.section, "section"))
    if article.kicker:
        header.append(ctx.text(article.kicker, "kicker"))
    header.append(ctx.text(article.title, "title"))
    if article.subtitle:
        header.append(ctx.text(article.subtitle, "subtitle"))
    if article.standfirst:
        header.append(ctx.text(article.standfirst, "standfirst"))
    start: list[Flowable] = []
    if not first:
        start = [Separator(width="100%", thickness=0.5, color=theme.colours.rule,
                            spaceBefore=theme.line, spaceAfter=theme.line)]
    # Not a KeepTogether: ReportLab draws the first flowable of a split one at
    # once, which left the anchor behind when the title moved on with its first
    # lines. Anchor, section and title keep with each other (keepWithNext), and
    # the header starts where it has room for the first lines of its text: it
    # is not kept with all of the text (see NeedsRoom).
    header[-1].keepWithNext = 0
    room = NeedsRoom([*start, *header], START_LINES * theme.line)
    flowables = [*([CondPageBreak(theme.article_start_room)] if start else []), room,
                 *start, *header]
    blocks_of = {id(block): index for index, block in enumerate(article.body, start=1)}

    def element(block: model.Block) -> Anchor:
        where = Where(block.LABEL, detail=Where(N_("block"), index=blocks_of[id(block)],
                                                owner=Where(article.LABEL, index=number)))
        return ctx.element(f"{key}/block-{blocks_of[id(block)]}", str(where), block.pos)

    for blocks, wide in segments(article.body):
        if wide is None:
            content = list(article_blocks(ctx, article, blocks, element))
            if not content:
                continue  # empty paragraphs only: nothing to set
            if isinstance(content[-1], TracedParagraph):
                content[-1].ends_flow = True
            columns = Columns(
                content, nCols=theme.columns, innerPadding=theme.gutter, leftPadding=0,
                rightPadding=0, topPadding=0, bottomPadding=0, spaceAfter=theme.line * 0.5)
            columns.line, columns.min_width = theme.line, theme.column_width * 0.75
            flowables.append(columns)
        elif isinstance(wide, model.StatisticBlock):
            figure = statistic_figure(ctx, wide.statistic, block_key(number, blocks_of[id(wide)]))
            top = tag(TopFloat(figure, space_after=theme.line, line=theme.line,
                               what=N_("a statistic")), element(wide))
            ctx.floats.append(top)
            flowables.append(top)
        else:
            figure = picture(ctx, wide.picture, theme.text_width,
                             max_height=theme.text_height * 0.45)
            top = tag(TopFloat(figure, space_after=theme.line, line=theme.line), element(wide))
            ctx.floats.append(top)
            flowables.append(top)
    return flowables


def article_label(article: model.Article) -> str:
    """The article as named in the contents and bookmarks."""
    return f"{article.section}: {article.title}" if article.section else article.title


def segments(body: Sequence[model.Block]) -> Iterator[
        tuple[list[model.Block], model.Photo | model.StatisticBlock | None]]:
    """The body cut at page-width photos and statistics: runs of column
    blocks, and what spans the page."""
    run: list[model.Block] = []
    for block in body:
        if (isinstance(block, model.Photo) and block.width == "page") or \
                isinstance(block, model.StatisticBlock):
            if run:
                yield run, None
            run = []
            yield [], block
        else:
            run.append(block)
    if run:
        yield run, None


def article_blocks(ctx: StoryContext, article: model.Article, blocks: Iterable[model.Block],
                   element: Callable[[model.Block], Anchor]) -> Iterator[Flowable]:
    """The flowables of a run of blocks set in the article's columns; the first
    of each block notes where the block is drawn (``element``)."""
    after_break = True  # the next paragraph starts flush (no indent)
    for block in blocks:
        content = list(block_flowables(ctx, article, block, after_break))
        after_break = not isinstance(block, model.Text)
        if content:
            tag(content[0], element(block))
        yield from content


def block_flowables(ctx: StoryContext, article: model.Article, block: model.Block,
                    after_break: bool) -> Iterator[Flowable]:
    """The flowables of one block; ``after_break``: its first paragraph starts flush."""
    if isinstance(block, model.Text):
        first, rest = ("body_first", "body") if after_break else ("body", "body")
        texts = paragraphs(ctx, block.text, first, rest)
        for text in texts:
            text.tag_lang = block.lang  # the language of its element (tagged PDF), if other
        if texts and after_break:
            # set after the text before it where a photo gives way (see flowables._floated)
            texts[0].indented_style = ctx.styles.body
        yield from texts
    elif isinstance(block, model.Subhead):
        yield ctx.text(block.subhead, "subhead")
    elif isinstance(block, model.Question):
        yield from question(ctx, block, block.by or article.interviewer
                            or word("interviewer", ctx.issue.language))
    elif isinstance(block, model.Answer):
        yield ctx.plain(f"{block.by}:", "speaker")
        yield from paragraphs(ctx, block.answer, "body_first", "body")
    elif isinstance(block, model.Quote):
        yield GridBlock(quote(ctx, block), ctx.theme.line)
    elif isinstance(block, model.Photo):
        figure = picture(ctx, block.picture, ctx.theme.column_width,
                         max_height=ctx.theme.text_height * 0.4)
        yield GridBlock(figure, ctx.theme.line, figure=True)


def paragraphs(ctx: StoryContext, texts: Sequence[str], first: str, rest: str) -> list[Flowable]:
    return [ctx.text(text, first if index == 0 else rest) for index, text in enumerate(texts)]


def question(ctx: StoryContext, block: model.Question, speaker: str) -> Iterator[Flowable]:
    for index, text in enumerate(block.question):
        lead = f"{markup.plain(speaker)}: " if index == 0 else ""
        text = markup.to_markup(text, ctx.issue.language, breaks=True)
        yield TracedParagraph(f"{lead}{text}", ctx.styles.question)


def quote(ctx: StoryContext, block: model.Quote) -> Flowable:
    content: list[Flowable] = [ctx.text(enclose_quote(block.quote, ctx.issue.language),
                                        "quote")]
    if block.by:
        content.append(ctx.plain(f"— {block.by}", "quote_by"))
    colour = ctx.theme.colours.accent
    table = grid([[content]], [ctx.theme.column_width], ctx.theme.sans, [
        ("LINEABOVE", (0, 0), (-1, 0), 1.5, colour),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, colour),
        ("TOPPADDING", (0, 0), (-1, 0), 8),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
    ])
    return table


# -- pictures --------------------------------------------------------------


def picture(ctx: StoryContext, pic: model.Picture, width: float, max_height: float) -> Figure:
    """The photo at ``width`` (narrower if it would be taller than ``max_height``),
    with its caption and credit under it, kept together."""
    pixels_w, pixels_h = upright_size(pic.file)
    height = width * pixels_h / pixels_w
    if height > max_height:
        height, width = max_height, max_height * pixels_w / pixels_h
    prepared = prepare(pic.file, width, height)
    ctx.placed.append((pic, width))
    photo = Image(prepared.source, width=width, height=height, mask="auto")
    parts: list[Flowable] = [photo]
    if pic.caption:
        parts.append(ctx.text(pic.caption, "caption"))
    if pic.credit:
        parts.append(ctx.text(pic.credit, "credit"))
    figure = grid([[part] for part in parts], [width], ctx.theme.sans, kind=Figure)
    assert isinstance(figure, Figure)
    return figure


# -- contacts --------------------------------------------------------------


def contact_flowables(ctx: StoryContext, contacts: model.Contacts) -> list[Flowable]:
    """The sidebar: a heading and, per group, its labelled numbers and addresses.

    Each group is a table of labels and, right-aligned beside them, the
    numbers (see :func:`contact_numbers`), in a column as wide as the widest
    number (never broken). E-mail and web addresses stand under the numbers,
    in their column where they fit, else across the width of the box, broken
    only after @ . / -. The postal address and the note follow, across the
    box. A label too long for its column stands on a line of its own, over
    its values. A group with a single unlabelled entry is one line: its
    title and the first value.
    """
    heading = contacts.heading or word("contacts", ctx.issue.language)
    flowables: list[Flowable] = [ctx.plain(heading, "sidebar_heading")]
    width = ctx.theme.sidebar_width - 8 * mm
    style = ctx.styles.sidebar_value
    numbers = [number_width(said, text, style)
               for group in contacts.groups for entry in group.entries
               for said, text, _uri in contact_numbers(entry, ctx.issue.language)]
    value_width = min(max(22 * mm, max(numbers, default=0) + 1), width - 12 * mm)
    for number, group in enumerate(contacts.groups, start=1):
        title = ctx.plain(group.title, "sidebar_group")
        one_line = len(group.entries) == 1 and not group.entries[0].label
        if not one_line:
            flowables.append(title)
        rows: list[list[Any]] = []
        commands: list[tuple[Any, ...]] = []
        roles: list[tuple[str, ...]] = []  # of each row's cells: a list (tagged PDF)

        for index, entry in enumerate(group.entries, start=1):
            where = Where(entry.LABEL, index=index, owner=Where(group.LABEL, index=number))
            anchor = ctx.element(f"contacts/{number}/{index}", str(where), entry.pos)
            label: Flowable | str = title if one_line else \
                ctx.plain(entry.label, "sidebar_entry") if entry.label else ""
            values = contact_values(ctx, entry, value_width, anchor)
            notes = contact_notes(ctx, entry, None if values else anchor)
            if isinstance(label, Paragraph) and \
                    (_natural(label) > width - value_width or not values):
                _across(rows, commands, label)  # its values under it
                roles.append(("Lbl",))
                label = ""
            for value, natural in values:
                if natural <= value_width:
                    rows.append([label, value])
                    roles.append(("Lbl", "LBody"))
                else:  # across the box, under the label
                    if label:
                        rows.append([label, ""])
                        roles.append(("Lbl",))
                    _across(rows, commands, value)
                    roles.append(("LBody",))
                label = ""
            for note in notes:
                _across(rows, commands, note)
                roles.append(("LBody",))
            if notes and index < len(group.entries):  # set apart from the next entry
                commands.append(("BOTTOMPADDING", (0, len(rows) - 1), (1, len(rows) - 1),
                                 ctx.theme.space.small))
        table = grid(rows, [width - value_width, value_width], ctx.theme.sans, [
            ("TOPPADDING", (0, 0), (-1, -1), 0.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            *commands])
        table.tag_rows = roles
        flowables.append(table)
    return flowables


def _across(rows: list[list[Any]], commands: list[tuple[Any, ...]], cell: Flowable) -> None:
    """Add ``cell`` as a row of its own, across both columns."""
    commands.append(("SPAN", (0, len(rows)), (1, len(rows))))
    rows.append([cell, ""])


def _natural(paragraph: Paragraph) -> float:
    """The width of ``paragraph`` on one line."""
    style = paragraph.style
    return float(stringWidth(paragraph.getPlainText(), style.fontName, style.fontSize))


def contact_numbers(entry: model.Contact, language: str) -> list[tuple[str, str, str | None]]:
    """Each number of ``entry``: the word for its kind ("Mobil", "Fax"; empty
    where the entry's only number is a ``phone``), the number as printed (see
    :mod:`layout.phones`) and its ``tel:`` link (none for a fax, or a number
    that cannot be read)."""
    several = len(entry.numbers) > 1
    printed = []
    for kind, typed in entry.numbers:
        phone = phones.read_phone(typed, language)
        said = phones.label(kind, language) if several or kind != "phone" else ""
        printed.append((said, phone.text, None if kind == "fax" else phone.uri))
    return printed


def number_width(said: str, number: str, style: Any) -> float:
    """The width of a number led by the word for its kind and half an em."""
    gap = style.fontSize / 2 if said else 0
    return float(stringWidth(said + number, style.fontName, style.fontSize)) + gap


def web_address(web: str) -> tuple[str, str | None]:
    """``web`` as printed, without ``https://`` and a closing ``/``, and its
    link (``https://`` added where no scheme is written; none for a scheme
    other than ``http`` or ``https``)."""
    web_scheme = re.match(r"(?i)https?://", web)
    if web_scheme:
        return web[web_scheme.end():].rstrip("/"), web
    if re.match(r"(?i)[a-z][a-z0-9+-]*:", web):  # mailto:, ftp: …
        return web, None
    return web.rstrip("/"), f"https://{web}"


def contact_values(ctx: StoryContext, entry: model.Contact, column: float,
                   anchor: Anchor) -> list[tuple[Flowable, float]]:
    """The numbers (never broken, each a ``tel:`` link but the fax), the
    e-mail and the web address of a contact, each with its width on one line;
    the first notes ``anchor`` where it is drawn. A number led by the word
    for its kind is a row at least ``column`` wide, set to the right: the
    word on the left, the number on the right, so that words and numbers
    each align."""
    style = ctx.styles.sidebar_value
    values: list[tuple[Flowable, float]] = []
    for said, text, uri in contact_numbers(entry, ctx.issue.language):
        shown = f"<nobr>{markup.plain(text).replace(' ', NBSP)}</nobr>"
        if uri:
            shown = f"<a href={quoteattr(uri)}>{shown}</a>"
        number = TracedParagraph(shown, style)
        if not values:
            tag(number, anchor)
        natural = number_width(said, text, style)
        if not said:
            values.append((number, natural))
            continue
        kind = TracedParagraph(markup.plain(said), ctx.styles.sidebar_kind)
        digits = number_width("", text, style) + 0.5
        row = grid([[kind, number]], [max(column, natural) - digits, digits], ctx.theme.sans)
        row.hAlign = "RIGHT"
        values.append((row, natural))
    for text, uri in ((entry.email, None), web_address(entry.web) if entry.web else ("", None)):
        if not text:
            continue
        shown = markup.to_markup(text, ctx.issue.language, breaks=True) if uri is None \
            else f"<a href={quoteattr(uri)}>{markup.plain(text)}</a>"
        address = TracedParagraph(shown, style)
        if not values:
            tag(address, anchor)
        values.append((address, stringWidth(text, style.fontName, style.fontSize)))
    return values


def contact_notes(ctx: StoryContext, entry: model.Contact,
                  anchor: Anchor | None) -> list[Paragraph]:
    """The postal address, its lines one under the other, and the note
    (opening hours), each as small text across the box; the first notes
    ``anchor``, if given, where it is drawn."""
    notes = []
    if entry.address:
        notes.append(TracedParagraph("<br/>".join(markup.plain(line) for line in entry.address),
                                     ctx.styles.sidebar_address))
    if entry.note:
        notes.append(ctx.text(entry.note, "sidebar_note"))
    if notes and anchor is not None:
        tag(notes[0], anchor)
    return notes


# -- statistics ------------------------------------------------------------


def statistics_flowables(ctx: StoryContext, stats: model.Statistics, number: int = 1,
                         heading: bool = True) -> list[Flowable]:
    """The heading (left out where it repeats the one before), the explanation,
    and the table beside its chart."""
    theme = ctx.theme
    language = ctx.issue.language
    key = statistics_key(number)
    owner = Where(stats.LABEL, index=number if len(ctx.issue.statistics) > 1 else None)
    title = stats.heading or word("statistics", language)
    head: list[Flowable] = [ctx.element(key, str(owner), stats.pos)]
    if heading:
        head = [Anchor(ctx.record, "statistics", key, title), *head,
                ctx.plain(title, "stats_heading")]
    if stats.text:
        head += [GridSnap(theme.line), *paragraphs(ctx, stats.text, "body_first", "body")]
    head.append(ctx.text(stats.title, "stats_title"))
    table = statistics_table(ctx, stats, language)
    tag(table, ctx.element(f"{key}/table", str(Where(N_("table"), owner=owner)),
                           stats.pos.of("series")))
    rows: list[Flowable] = [table]
    if stats.source:
        rows += [Spacer(0, 4), ctx.text(stats.source, "credit")]
    if stats.chart == "none":  # the title stays with the table it names
        return [CondPageBreak(theme.text_height / 2),
                KeepGroups([head[:-1], head[-1:] + rows], theme.text_height)]
    chart = ChartSlot(ctx.record, key, *chart_size(theme))
    where = str(Where(N_("chart"), owner=owner))
    head += [tag(chart, ctx.element(f"{key}/chart", where, stats.pos.of("chart"))),
             Spacer(0, theme.line)]
    return [CondPageBreak(theme.text_height / 2), KeepGroups([head, rows], theme.text_height)]


def statistic_figure(ctx: StoryContext, stats: model.Statistics, key: str) -> Flowable:
    """A statistic inside an article, across both columns as one figure: its
    title, chart, table and source (its heading and text are the article's)."""
    theme = ctx.theme
    owner = Where(stats.LABEL)
    parts: list[Flowable] = [ctx.text(stats.title, "stats_title")]
    if stats.chart != "none":
        width, height = chart_size(theme)
        chart = ChartSlot(ctx.record, key, width, height * BLOCK_CHART)
        parts += [tag(chart, ctx.element(f"{key}/chart", str(Where(N_("chart"), owner=owner)),
                                         stats.pos.of("chart"))), Spacer(0, theme.line / 2)]
    table = statistics_table(ctx, stats, ctx.issue.language)
    parts.append(tag(table, ctx.element(f"{key}/table", str(Where(N_("table"), owner=owner)),
                                        stats.pos.of("series"))))
    if stats.source:
        parts += [Spacer(0, 4), ctx.text(stats.source, "credit")]
    figure = grid([[part] for part in parts], [theme.text_width], theme.sans, kind=Figure)
    assert isinstance(figure, Figure)
    return figure


def statistics_table(ctx: StoryContext, stats: model.Statistics, language: str) -> Table:
    styles = ctx.styles
    header = [Paragraph(markup.plain(stats.period_label or word("period", language)),
                        styles.table_cell)]
    header += [Paragraph(markup.plain(s.name), styles.table_head) for s in stats.series]
    if stats.has_totals:
        header.append(Paragraph(markup.plain(stats.total_label or word("total", language)),
                                styles.table_head))
    rows: list[list[Flowable]] = [header]
    sums = stats.sums()
    formats = [(stats.places_of(s), stats.unit_of(s)) for s in stats.series]
    for index, period in enumerate(stats.periods):
        row = [Paragraph(markup.plain(period), styles.table_cell)]
        row += [Paragraph(markup.plain(format_number(s.values[index], language, *form)),
                          styles.table_number)
                for s, form in zip(stats.series, formats, strict=True)]
        if stats.has_totals:
            total = markup.plain(format_number(sums[index], language, stats.places,
                                               formats[0][1]))
            row.append(Paragraph(f"<b>{total}</b>", styles.table_number))
        rows.append(row)
    columns = len(header)
    # few columns stay narrow enough to read across, the table at the left
    widths = [min(ctx.theme.text_width / columns, MAX_COLUMN)] * columns
    colours = ctx.theme.colours
    commands: list[tuple[Any, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colours.brand),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, colours.brand),
    ]
    commands += [("BACKGROUND", (0, row), (-1, row), colours.tint)
                 for row in range(2, len(rows), 2)]
    table = grid(rows, widths, ctx.theme.sans, commands, repeat_rows=1, kind=KeptTable)
    assert isinstance(table, KeptTable)
    table.page_height = ctx.theme.text_height
    return table


# -- the closing notices ---------------------------------------------------


def closing_flowables(ctx: StoryContext) -> list[Flowable]:
    """Next-issue notice and imprint, for issues without a generated back cover."""
    flowables: list[Flowable] = []
    issue = ctx.issue
    if issue.next_issue:
        notice = ctx.element("next_issue", _("next-issue notice"), issue.pos.of("next_issue"))
        flowables += [Spacer(0, ctx.theme.line), tag(ctx.text(issue.next_issue, "notice"), notice)]
    if issue.imprint:
        flowables.append(ctx.element("imprint", _(issue.imprint.LABEL), issue.imprint.pos))
        flowables += imprint_flowables(ctx, issue.imprint)
    return [KeepTogether(flowables)] if flowables else []


def imprint_flowables(ctx: StoryContext, imprint: model.Imprint) -> list[Flowable]:
    heading = imprint.heading or word("imprint", ctx.issue.language)
    flowables: list[Flowable] = [Anchor(ctx.record, "imprint", "imprint", heading),
                                 ctx.plain(heading, "small_heading")]
    flowables += paragraphs(ctx, imprint.text, "small", "small")
    if imprint.lines:
        flowables.append(Paragraph("<br/>".join(markup.linked(line) for line in imprint.lines),
                                   ctx.styles.small))
    return flowables
