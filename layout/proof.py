"""Pages as pictures: rendering for review, contact sheets and visual tests.

Renders a PDF's pages with PDFium (pypdfium2) and lays them out as a
contact sheet the way the printed newsletter is seen: the front cover on
its own, then the spreads. Imported only by the ``proof`` command and the
tests; the build never needs it.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

#: Grey around and between the pages of a contact sheet.
_BACKGROUND = (128, 128, 128)
_GAP = 12


def render_pages(pdf: Path, dpi: float = 40) -> list[Image.Image]:
    """Every page of ``pdf`` as an RGB image at ``dpi``."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def spreads(count: int) -> list[tuple[int | None, int | None]]:
    """Page indices as seen in print: (None, 0) is the cover alone on the right."""
    pairs: list[tuple[int | None, int | None]] = [(None, 0)]
    for left in range(1, count, 2):
        pairs.append((left, left + 1 if left + 1 < count else None))
    return pairs


def contact_sheet(pages: list[Image.Image], per_row: int = 3) -> Image.Image:
    """All pages, as spreads, ``per_row`` spreads to a row."""
    width, height = pages[0].size
    rows = spreads(len(pages))
    lines = (len(rows) + per_row - 1) // per_row
    sheet = Image.new("RGB", (per_row * (2 * width + _GAP) + _GAP,
                              lines * (height + _GAP) + _GAP), _BACKGROUND)
    for number, (left, right) in enumerate(rows):
        x = _GAP + (number % per_row) * (2 * width + _GAP)
        y = _GAP + (number // per_row) * (height + _GAP)
        for offset, index in ((0, left), (width, right)):
            if index is not None:
                sheet.paste(pages[index], (x + offset, y))
    return sheet
