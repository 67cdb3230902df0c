"""Cover pages from files, merged around the pages ReportLab wrote, with pypdf.

An issue may bring its own covers as PDFs (``cover: front: umschlag.pdf``),
designed elsewhere. :func:`merge_covers` puts their pages before and after
the pages of the issue; :func:`page_count` tells how many pages a cover
file has, so that the inside pages can be numbered. Generated covers need
none of this: ReportLab draws them with the inside pages, and pypdf is not
even imported.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def merge_covers(front: bytes | None, inside: bytes, back: bytes | None) -> bytes:
    """The pages of ``front``, then ``inside``, then ``back``, as one PDF: the
    document of ``inside``, whose catalog (its structure tree) is kept."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(inside)))
    if front:
        for index, page in enumerate(PdfReader(io.BytesIO(front)).pages):
            writer.insert_page(page, index)
    if back:
        for page in PdfReader(io.BytesIO(back)).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
