"""Helpers to read what a reader sees in a built PDF."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pikepdf
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

#: Hyphens, dashes, soft hyphens, colons and white space: line breaking may add
#: or remove them (and contact labels drop the colon), so text is compared without.
_LOOSE = re.compile(r"[\s\-:\u00ad\u2010\u2011\u2013\u2014]+")


def squeeze(text: str) -> str:
    """``text`` without white space and hyphens, for comparing set text."""
    return _LOOSE.sub("", text)


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def document_text(reader: PdfReader, running_foot: str = "") -> str:
    """The text of all pages, without the running foot (page number and label)."""
    lines = []
    for text in page_texts(reader):
        for line in text.splitlines():
            if line.strip().isdigit() or (running_foot and line.strip() == running_foot):
                continue
            lines.append(line)
    return "\n".join(lines)


def _resources(node: DictionaryObject) -> Iterator[DictionaryObject]:
    """Every resource dictionary of a page, forms included."""
    resources = node.get("/Resources")
    if resources is None:
        return
    resources = resources.get_object()
    yield resources
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from _resources(xobject)


def fonts(reader: PdfReader) -> Iterator[DictionaryObject]:
    """Every font dictionary used on any page (descendants of Type0 fonts too)."""
    for page in reader.pages:
        for resources in _resources(page):
            for font in resources.get("/Font", {}).values():
                font = font.get_object()
                yield font
                for descendant in font.get("/DescendantFonts", []):
                    yield descendant.get_object()


def images(page: DictionaryObject) -> list[DictionaryObject]:
    """The image XObjects a page draws."""
    found = []
    for resources in _resources(page):
        for xobject in resources.get("/XObject", {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Image":
                found.append(xobject)
    return found


def text_fills(owner: object) -> Iterator[tuple[str, tuple[float, ...]]]:
    """For each text-showing operator (Tj, TJ, ', ") of a page or form, the
    fill colour it paints in: its operator (g, rg, k, sc, scn) and values."""
    fill: tuple[str, tuple[float, ...]] = ("g", (0.0,))  # DeviceGray black, the initial colour
    stack: list[tuple[str, tuple[float, ...]]] = []
    for instruction in pikepdf.parse_content_stream(owner):
        op = str(instruction.operator)
        if op == "q":
            stack.append(fill)
        elif op == "Q" and stack:
            fill = stack.pop()
        elif op in ("g", "rg", "k", "sc", "scn"):
            fill = (op, tuple(round(float(v), 4) for v in instruction.operands))
        elif op in ("Tj", "TJ", "'", '"'):
            yield fill
