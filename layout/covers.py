"""Front and back cover, generated from the issue.

The front cover carries the masthead, number, theme, the cover photo and the
contents with page numbers (taken from the inside pages' layout record); the
back cover the contacts, the next-issue notice and the imprint. Each is
drawn as one more page of the canvas the inside pages were set on (after
them: the contents must know their page numbers), with the same fonts,
styles and colours; :mod:`layout.document` puts the front cover first.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepInFrame, Paragraph

from . import markup, model
from .flowables import LayoutRecord, grid
from .formats import format_month, word
from .images import prepare, upright_size
from .pages import draw_contacts_box
from .story import StoryContext, contact_flowables, imprint_flowables
from .styles import Styles
from .theme import Theme


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
    for mark, article in zip(record.first("article"), issue.articles, strict=False):
        entries.append(ContentsEntry(article.section, article.title, mark.page + first_folio - 1))
    for mark in record.first("statistics"):
        entries.append(ContentsEntry("", mark.title, mark.page + first_folio - 1))
    return entries


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


def draw_front(canvas: Canvas, issue: model.Issue, theme: Theme, styles: Styles,
               entries: Sequence[ContentsEntry],
               placed: list[tuple[model.Picture, float]] | None = None) -> None:
    """The front cover as the next page of ``canvas``; its photo is added to ``placed``."""
    colours, type_ = theme.colours, theme.type
    width, height = theme.page_width, theme.page_height
    band_bottom = height - 92 * mm
    canvas.setFillColor(colours.brand)
    canvas.rect(-10 * mm, band_bottom, width + 20 * mm, 92 * mm + 10 * mm, stroke=0, fill=1)
    x = theme.margin_inner
    canvas.setFillColor(colours.paper)
    canvas.setFont(theme.sans + "-Bold", type_.cover_title[0])
    title_y = height - 42 * mm
    canvas.drawString(x, title_y, issue.newsletter)
    offset = canvas.stringWidth(issue.newsletter + " ", theme.sans + "-Bold", type_.cover_title[0])
    canvas.setFillColor(colours.accent)
    canvas.drawString(x + offset, title_y, issue.number)
    canvas.setFillColor(colours.paper)
    canvas.setFont(theme.serif + "-Italic", 20)
    canvas.drawString(x, title_y - 13 * mm, issue.theme)
    canvas.setFont(theme.sans, type_.sidebar[0] + 0.5)
    canvas.drawString(x, band_bottom + 9 * mm, issue.publisher)
    canvas.setFont(theme.sans + "-Bold", type_.sidebar[0] + 0.5)
    canvas.drawRightString(width - theme.margin_outer, band_bottom + 9 * mm,
                           format_month(issue.date, issue.language))
    photo_bottom = band_bottom - 120 * mm
    if issue.cover.photo:
        _draw_photo(canvas, issue.cover.photo,
                    (-theme.bleed, photo_bottom, width + 2 * theme.bleed, 120 * mm), styles,
                    issue.language)
        if placed is not None:
            placed.append((issue.cover.photo, width))
    else:
        photo_bottom = band_bottom
    _draw_contents(canvas, theme, styles, entries, photo_bottom - 12 * mm, issue.language)
    canvas.showPage()


def _draw_photo(canvas: Canvas, photo: model.Picture, box: tuple[float, float, float, float],
                styles: Styles, language: str) -> None:
    """The photo filling ``box`` (x, y, width, height; cropped, never stretched),
    its caption and credit under it."""
    x, y, width, height = box
    pixels_w, pixels_h = upright_size(photo.file)
    scale = max(width / pixels_w, height / pixels_h)
    shown_w, shown_h = pixels_w * scale, pixels_h * scale
    prepared = prepare(photo.file, shown_w, shown_h)
    canvas.saveState()
    path = canvas.beginPath()
    path.rect(x, y, width, height)
    canvas.clipPath(path, stroke=0, fill=0)
    canvas.drawImage(prepared.reader, x + (width - shown_w) / 2, y + (height - shown_h) / 2,
                     shown_w, shown_h, mask="auto")
    canvas.restoreState()
    text = " · ".join(part for part in (photo.caption, photo.credit) if part)
    if text:
        caption = Paragraph(markup.to_markup(text, language), styles.credit)
        caption.wrap(width - 40 * mm, 20 * mm)
        caption.drawOn(canvas, max(x, 0.0) + 17 * mm, y - caption.height - 1.5 * mm)


def _draw_contents(canvas: Canvas, theme: Theme, styles: Styles,
                   entries: Sequence[ContentsEntry], top: float, language: str) -> None:
    heading = word("contents", language)
    rows = []
    for entry in entries:
        label: list[Flowable] = []
        if entry.section:
            label.append(Paragraph(markup.plain(entry.section), styles.section))
        label.append(Paragraph(f"<b>{markup.plain(entry.title)}</b>", styles.contents))
        rows.append([label, Paragraph(str(entry.folio), styles.contents_number)])
    flowables: list[Flowable] = [Paragraph(markup.plain(heading), styles.sidebar_heading)]
    if rows:
        flowables.append(grid(rows, [theme.text_width - 15 * mm, 15 * mm], theme.sans, [
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, theme.colours.rule)]))
    frame = Frame(theme.margin_inner, theme.margin_bottom, theme.text_width,
                  top - theme.margin_bottom, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    frame.addFromList([KeepInFrame(frame.width, frame.height, flowables, mode="shrink")], canvas)


def draw_back(canvas: Canvas, issue: model.Issue, theme: Theme, styles: Styles) -> None:
    """The back cover as the next page of ``canvas``: contacts, next issue, imprint."""
    ctx = StoryContext(issue, styles, theme, LayoutRecord())
    band = 30 * mm
    top = theme.page_height - theme.margin_top
    height = top - band - 10 * mm
    column = theme.text_width
    if issue.contacts:
        x = theme.page_width - theme.margin_outer - theme.sidebar_width
        draw_contacts_box(canvas, theme, contact_flowables(ctx, issue.contacts), x, top, height)
        column -= theme.sidebar_width + theme.sidebar_gap
    if issue.next_issue:
        notice = Paragraph(markup.to_markup(issue.next_issue, issue.language), styles.notice_big)
        _, notice_height = notice.wrap(column, height)
        notice.drawOn(canvas, theme.margin_inner, top - notice_height)
    if issue.imprint:
        imprint = KeepInFrame(column, height / 2, imprint_flowables(ctx, issue.imprint),
                              mode="shrink")
        imprint.wrapOn(canvas, column, height / 2)
        imprint.drawOn(canvas, theme.margin_inner, band + 12 * mm)
    canvas.setFillColor(theme.colours.brand)
    canvas.rect(-10 * mm, -10 * mm, theme.page_width + 20 * mm, band + 10 * mm, stroke=0, fill=1)
    canvas.setFillColor(theme.colours.paper)
    canvas.setFont(theme.sans + "-Bold", 16)
    canvas.drawString(theme.margin_inner, band / 2, f"{issue.newsletter} {issue.number}")
    canvas.setFont(theme.sans, theme.type.sidebar[0])
    canvas.drawRightString(theme.page_width - theme.margin_outer, band / 2, issue.publisher)
    canvas.showPage()
