"""Assembly of the final PDF: covers around the body, charts, metadata.

The one user of pypdf. It puts the front cover, the inside pages and the
back cover together, stamps each chart's vector PDF into the slot the layout
recorded for it, and sets what a reader and an archive see of the document:
title, author, subject, keywords, language, one bookmark per article, page
labels that match the printed numbers, and a file identifier derived from the
content (so the same input gives the same bytes).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    NameObject,
    TextStringObject,
)

from . import model
from .flowables import LayoutRecord

PRODUCER = "newsletter layout engine (ReportLab, pypdf)"


@dataclass(frozen=True)
class Bookmark:
    title: str
    page: int  # index in the final document, from 0


def merge_issue(issue: model.Issue, front: bytes | None, body: bytes, back: bytes | None,
                record: LayoutRecord, charts: Mapping[str, bytes],
                notes: bytes | None = None) -> bytes:
    """The finished document as PDF bytes; ``notes`` pages go before the back cover."""
    writer = PdfWriter()
    offset = 0
    if front:
        offset = _append(writer, front)
    _append(writer, body)
    for placement in record.placements:
        chart = PdfReader(io.BytesIO(charts[placement.key])).pages[0]
        page = writer.pages[offset + placement.page - 1]
        page.merge_transformed_page(
            chart, Transformation().translate(placement.x, placement.y), over=True)
    if notes:
        _append(writer, notes)
    if back:
        _append(writer, back)
    for bookmark in bookmarks(issue, record, offset):
        writer.add_outline_item(title=bookmark.title, page_number=bookmark.page)
    _describe(writer, issue, [front or b"", body, notes or b"", back or b"", *charts.values()])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _append(writer: PdfWriter, pdf: bytes) -> int:
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        writer.add_page(page)
    return len(reader.pages)


def bookmarks(issue: model.Issue, record: LayoutRecord, offset: int) -> list[Bookmark]:
    """One bookmark per part of the issue, in reading order."""
    marks = [m for kind in ("editorial", "article", "statistics", "imprint")
             for m in record.first(kind)]
    marks.sort(key=lambda m: (m.page, -m.y))
    return [Bookmark(mark.title, mark.page - 1 + offset) for mark in marks]


def _describe(writer: PdfWriter, issue: model.Issue, parts: Sequence[bytes]) -> None:
    """Document information, language, viewer preferences and a stable file ID."""
    timestamp = issue.date.strftime("D:%Y%m%d000000Z")
    writer.add_metadata({
        "/Title": issue.title,
        "/Author": issue.publisher,
        "/Subject": issue.theme,
        "/Keywords": ", ".join(issue.keywords),
        "/Creator": PRODUCER,
        "/Producer": PRODUCER,
        "/CreationDate": timestamp,
        "/ModDate": timestamp,
    })
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject(issue.language)
    preferences = writer.create_viewer_preferences()
    preferences[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    writer.page_mode = "/UseOutlines"
    digest = hashlib.md5(usedforsecurity=False)
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    identifier = ByteStringObject(digest.digest())
    # pypdf has no public setter for the trailer's /ID; it would draw a random one.
    writer._ID = ArrayObject([identifier, identifier])
