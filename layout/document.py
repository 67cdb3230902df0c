"""The finished document: ReportLab's pages in reading order, with charts and bookmarks.

ReportLab writes the whole issue on one canvas, the front cover last (its
contents list needs the page numbers of the inside pages). :func:`finish`
makes the document a reader sees, with pikepdf in one pass over that PDF:

- the front cover moved to the front;
- each chart's vector PDF (from :mod:`layout.charts`) stamped as a form
  XObject into the slot the layout recorded for it;
- one bookmark per part of the issue, in reading order, the outline shown
  when the file opens, and the document's title shown instead of its name.

Title, language and the other metadata, and the file identifier, are set by
:mod:`layout.editions` for each edition. This module reads no files.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Dictionary, Name, OutlineItem, Pdf

from .flowables import LayoutRecord


@dataclass(frozen=True)
class Bookmark:
    title: str
    page: int  # index in the final document, from 0


@dataclass(frozen=True)
class Overlay:
    """A one-page PDF to stamp onto a page (index from 0) at ``x``, ``y``."""

    page: int
    x: float
    y: float
    width: float
    height: float
    pdf: bytes
    #: The marked-content identifier of the chart's figure (see :mod:`layout.tagging`).
    mcid: int | None = None


def finish(pdf: bytes, *, front: int | None, overlays: Sequence[Overlay],
           bookmarks: Sequence[Bookmark]) -> bytes:
    """The document in reading order: the page at index ``front`` (if any) moved
    first, then ``overlays`` and ``bookmarks``, whose page indices count in
    that order."""
    sources: dict[bytes, Pdf] = {}
    try:
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            if front is not None:
                cover = doc.pages[front]
                del doc.pages[front]
                doc.pages.insert(0, cover)
            for number, overlay in enumerate(overlays):
                if overlay.pdf not in sources:
                    sources[overlay.pdf] = pikepdf.open(io.BytesIO(overlay.pdf))
                _stamp(doc, overlay, sources[overlay.pdf], Name(f"/NLOverlay{number}"))
            if bookmarks:
                with doc.open_outline() as outline:
                    outline.root.extend(OutlineItem(mark.title, mark.page) for mark in bookmarks)
                doc.Root.PageMode = Name.UseOutlines
            doc.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
            out = io.BytesIO()
            # An intermediate file: the editions give it its identifier.
            doc.save(out, static_id=True, compress_streams=False,
                     stream_decode_level=pikepdf.StreamDecodeLevel.none)
            return out.getvalue()
    finally:  # qpdf reads what was copied from a source only when it writes
        for source in sources.values():
            source.close()


def _stamp(doc: Pdf, overlay: Overlay, source: Pdf, name: Name) -> None:
    """The first page of ``source`` drawn over the page as a form XObject
    called ``name`` (pikepdf's ``add_overlay`` would draw a random name)."""
    # Not Page.add_overlay, and never Page.add_resource without a name: both
    # name the form XObject Name.random() (128 random bits), which lands in
    # the page's resources and content stream, so every build would give
    # other bytes ("same YAML, same bytes": tests/test_reproducible.py).
    page = doc.pages[overlay.page]
    form = doc.copy_foreign(source.pages[0].as_form_xobject())
    if Name.Resources not in page.obj:
        page.obj.Resources = Dictionary()
    if Name.XObject not in page.obj.Resources:
        page.obj.Resources.XObject = Dictionary()
    page.obj.Resources.XObject[name] = form
    page.contents_add(b"q\n", prepend=True)
    place = f"q 1 0 0 1 {overlay.x:.4f} {overlay.y:.4f} cm {name} Do Q"
    if overlay.mcid is not None:  # tagged: the placement is the chart's Figure
        place = f"/Figure <</MCID {overlay.mcid}>> BDC {place} EMC"
    page.contents_add(f"\nQ\n{place}\n".encode())


def bookmarks(record: LayoutRecord, offset: int) -> list[Bookmark]:
    """One bookmark per part of the issue, in reading order; ``offset`` is
    the number of pages before the first inside page."""
    marks = [m for kind in ("editorial", "article", "statistics", "imprint")
             for m in record.first(kind)]
    marks.sort(key=lambda m: (m.page, -m.y))
    return [Bookmark(mark.title, mark.page - 1 + offset) for mark in marks]


def chart_overlays(record: LayoutRecord, charts: Mapping[str, bytes],
                   offset: int) -> list[Overlay]:
    """The charts, each on the page and in the slot the layout recorded."""
    return [Overlay(p.page - 1 + offset, p.x, p.y, p.width, p.height, charts[p.key], p.mcid)
            for p in record.placements]
