"""The ink check: text beyond the page and lines printed over each other,
found by the engine while it draws (:mod:`layout.ink`), and named in the
layout report with the page they are on."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from layout import covers, render
from layout.build import BuildResult, build_issue
from layout.errors import LayoutError
from layout.fonts import register_fonts
from layout.ink import Ink, Run
from layout.load import load_issue

from .conftest import FOLDERS, SAMPLE
from .test_gallery import ISSUES, read_pages

WIDTH, HEIGHT = A4
FONT = "Sans"


@pytest.fixture
def canvas() -> tuple[Canvas, Ink, io.BytesIO]:
    """A watched A4 canvas, set in our sans at 10 pt."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, initialFontName=FONT)
    ink = Ink()
    ink.watch(canvas)
    canvas.setFont(FONT, 10)
    return canvas, ink, buffer


def messages(ink: Ink, first_folio: int = 1, front: int | None = None) -> list[str]:
    return [message for _page, message in ink.defects(first_folio, front)]


def runs(ink: Ink, page: int = 1) -> list[Run]:
    return ink.pages[page].runs


# -- unit --------------------------------------------------------------------------


def test_text_past_the_edge_and_lines_over_each_other(canvas: tuple[Canvas, Ink, io.BytesIO]
                                                      ) -> None:
    drawing, ink, _buffer = canvas
    drawing.drawString(72, 700, "A clean line of text")
    drawing.drawString(72, 686, "and the next one, a leading lower")
    drawing.drawString(WIDTH - 40, 600, "runs off the right edge")
    drawing.drawString(72, 500, "First line")
    drawing.drawString(80, 504, "Second line")
    assert messages(ink) == [
        "text beyond the page edge on page 1: 'runs off the right edge'",
        "lines printed over each other on page 1: 'First line' / 'Second line'"]


def test_clean_text_has_no_defect(canvas: tuple[Canvas, Ink, io.BytesIO]) -> None:
    drawing, ink, _buffer = canvas
    text = drawing.beginText(72, 700)
    text.setFont(FONT, 10, leading=10)  # ascent plus descent: lines touch, no more
    text.textLines("One line\nanother line right under it\nand a third")
    drawing.drawText(text)
    drawing.drawRightString(WIDTH - 72, 650, "flush right")
    drawing.drawCentredString(WIDTH / 2, 650, "centred")
    drawing.drawString(72, 600, "    ")  # white space only
    drawing.drawString(72, 550, "the same text twice")
    drawing.drawString(72, 550, "the same text twice")  # over itself
    drawing.drawString(0, 2.3, "in the corner")  # its descent on the page's very edge
    drawing.drawString(72, 400, "invisible", mode=3)
    drawing.drawString(72, 400, "ink over it")
    assert messages(ink) == []
    assert [run.text for run in runs(ink)] == [
        "One line", "another line right under it", "and a third", "flush right", "centred",
        "the same text twice", "the same text twice", "in the corner", "ink over it"]


def test_lines_closer_than_their_type(canvas: tuple[Canvas, Ink, io.BytesIO]) -> None:
    drawing, ink, _buffer = canvas
    text = drawing.beginText(72, 700)
    text.setFont(FONT, 10, leading=6)
    text.textLines("Upper line\nLower line")
    drawing.drawText(text)
    assert messages(ink) == ["lines printed over each other on page 1: 'Upper line' / "
                             "'Lower line'"]


def test_the_box_of_a_run(canvas: tuple[Canvas, Ink, io.BytesIO]) -> None:
    """Across by the advance widths (spacing and scale included, spaces at
    either end left out), up from the descent to the ascent (of a font
    without outlines), at the run's place in the text object (PDF's, not
    ReportLab's cursor)."""
    drawing, ink, _buffer = canvas
    font = "Helvetica"
    ascent, descent = getAscentDescent(font, 10)
    text = drawing.beginText(100, 500)
    text.setFont(font, 10, leading=12)
    text._textOut("  Word ")  # ReportLab's cursor stays, PDF's moves on
    text._textOut("next", 1)
    text.setWordSpace(2)
    text.setCharSpace(0.5)
    text.setHorizScale(50)
    text.setRise(3)
    text._textOut("a b")
    drawing.drawText(text)
    word, spaces = stringWidth("Word", font, 10), stringWidth("  ", font, 10)
    space = stringWidth(" ", font, 10)
    first, second, third = runs(ink)
    assert first == Run("Word", pytest.approx((100 + spaces, 500 + descent, 100 + spaces + word,
                                               500 + ascent)), True)
    assert second.box[0] == pytest.approx(first.box[2] + space)
    assert third.box == pytest.approx((100, 500 - 12 + 3 + descent,
                                       100 + (stringWidth("a b", font, 10) + 2 * 0.5 + 2) / 2,
                                       500 - 12 + 3 + ascent))


def test_the_glyphs_reach(canvas: tuple[Canvas, Ink, io.BytesIO]) -> None:
    """Up and down as far as the run's glyphs reach: an x-height word stays
    under a capital, a descender and an accent reach further."""
    drawing, ink, _buffer = canvas
    for x, word in enumerate(("ace", "ACE", "gap", "ÄCE", "Ägypten")):
        drawing.drawString(100 * x + 20, 500, word)
    ace, caps, gap, accent, both = (run.box for run in runs(ink))
    assert ace[1] == pytest.approx(500, abs=0.2) and ace[3] < caps[3] < accent[3]
    assert gap[1] < ace[1] and gap[3] == pytest.approx(ace[3], abs=0.2)
    assert both[1] == gap[1] and both[3] == accent[3]


def test_a_transformed_canvas(canvas: tuple[Canvas, Ink, io.BytesIO]) -> None:
    """Runs stand where the canvas' transformation puts them; rotated text
    crosses other lines without a defect, but not the page edge."""
    drawing, ink, _buffer = canvas
    font = "Helvetica"  # no outlines: its ascent and descent
    drawing.setFont(font, 10)
    ascent, descent = getAscentDescent(font, 10)
    width = stringWidth("scaled up", font, 10)
    drawing.saveState()
    drawing.translate(100, 100)
    drawing.scale(2, 2)
    drawing.drawString(0, 0, "scaled up")
    drawing.restoreState()
    drawing.saveState()
    drawing.translate(300, 400)
    drawing.rotate(90)
    drawing.drawString(-20, 0, "turned across a line")
    drawing.restoreState()
    drawing.drawString(250, 405, "a line under the turned one")
    drawing.saveState()
    drawing.translate(300, HEIGHT - 20)
    drawing.rotate(90)
    drawing.drawString(0, 0, "turned off the top")
    drawing.restoreState()
    scaled, turned, _line, off = runs(ink)
    assert scaled == Run("scaled up", pytest.approx((100, 100 + 2 * descent, 100 + 2 * width,
                                                     100 + 2 * ascent)), True)
    length = stringWidth("turned across a line", font, 10)
    assert turned == Run("turned across a line", pytest.approx(
        (300 - ascent, 380, 300 - descent, 380 + length)), False)
    assert not off.upright
    assert messages(ink) == ["text beyond the page edge on page 1: 'turned off the top'"]


def test_a_paragraph_stands_where_the_pdf_shows_it(canvas: tuple[Canvas, Ink, io.BytesIO],
                                                   tmp_path: Path) -> None:
    """Each character pdfium finds in the PDF lies in the box of a run, and
    each run holds characters: justified, ragged and mixed lines of a
    platypus paragraph, a bold word, a superscript."""
    drawing, ink, buffer = canvas
    style = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13, alignment=4)
    text = ("Words of a paragraph set justified across a narrow column, with <b>bold</b> "
            "words, a figure<super>2</super> and a line break so that the lines "
            "are spaced out. " * 3)
    for x, markup in ((72, text), (300, text.replace("<b>bold</b>", "plain"))):
        paragraph = Paragraph(markup, style)
        paragraph.wrapOn(drawing, 180, 600)
        paragraph.drawOn(drawing, x, 700 - paragraph.height)
    drawing.showPage()
    drawing.save()
    pdf = tmp_path / "paragraph.pdf"
    pdf.write_bytes(buffer.getvalue())
    boxes = [run.box for run in runs(ink)]

    def within(char_box: tuple[float, float, float, float], box: tuple[float, ...]) -> bool:
        x, y = (char_box[0] + char_box[2]) / 2, (char_box[1] + char_box[3]) / 2
        return box[0] - 0.1 <= x <= box[2] + 0.1 and box[1] - 0.1 <= y <= box[3] + 0.1

    chars = read_pages(pdf)[0].chars
    assert len(boxes) > 20
    assert [c.text for c in chars if not any(within(c.box, box) for box in boxes)] == []
    assert all(any(within(c.box, box) for c in chars) for box in boxes)
    assert messages(ink) == []


def test_pages_as_the_report_numbers_them(canvas: tuple[Canvas, Ink, io.BytesIO]) -> None:
    """Page N of the canvas is printed as N + first_folio - 1; the front
    cover, drawn last, is printed first (the trace's page first_folio - 1)."""
    drawing, ink, _buffer = canvas
    for _page in range(3):
        drawing.setFont(FONT, 10)
        drawing.drawString(WIDTH - 20, 400, "off the edge")
        drawing.showPage()
    assert ink.defects(2, front=3) == [
        (1, "text beyond the page edge on page 2: 'off the edge'"),
        (2, "text beyond the page edge on page 3: 'off the edge'"),
        (0, "text beyond the page edge on page 1: 'off the edge'")]


def test_watching_changes_nothing_drawn() -> None:
    register_fonts()
    pdfs = []
    for watched in (False, True):
        buffer = io.BytesIO()
        drawing = Canvas(buffer, pagesize=A4, invariant=1, initialFontName=FONT)
        if watched:
            Ink().watch(drawing)
        drawing.setFont(FONT, 10)
        drawing.drawString(72, 700, "Drawn the same")
        paragraph = Paragraph("A paragraph, <b>justified</b> " * 20,
                              ParagraphStyle("body", fontName=FONT, alignment=4))
        paragraph.wrapOn(drawing, 200, 600)
        paragraph.drawOn(drawing, 72, 400)
        drawing.showPage()
        drawing.save()
        pdfs.append(buffer.getvalue())
    assert pdfs[0] == pdfs[1]


def test_unwatch_leaves_the_canvas_as_it_was(canvas: tuple[Canvas, Ink, io.BytesIO]) -> None:
    drawing, ink, _buffer = canvas
    ink.unwatch(drawing)
    assert "beginText" not in vars(drawing) and "drawText" not in vars(drawing)
    drawing.drawString(WIDTH - 20, 400, "unseen")
    assert ink.pages == {}


# -- the sample and the gallery ---------------------------------------------------------


INK = re.compile(r"text beyond the page edge|lines printed over each other")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[BuildResult, Ink]]:
    """The sample and each gallery issue, built, with what the ink check saw."""
    out = tmp_path_factory.mktemp("ink")
    found: dict[str, tuple[BuildResult, Ink]] = {}
    seen: list[Ink] = []

    class Watching(Ink):
        def __init__(self) -> None:
            super().__init__()
            seen.append(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "Ink", Watching)
        for name, folder in [("sample", SAMPLE), *((n, FOLDERS[n]) for n in ISSUES)]:
            result = build_issue(folder, out / name / f"{name}.pdf")
            found[name] = (result, seen[-1])
    return found


@pytest.mark.parametrize("name", ["sample", *ISSUES])
def test_no_text_beyond_the_page_nor_over_other_text(
        built: dict[str, tuple[BuildResult, Ink]], name: str) -> None:
    result, ink = built[name]
    assert sorted(ink.pages) == list(range(1, result.pages + 1))  # every page watched
    assert [d for d in result.report.defects if INK.search(d)] == []


# -- provoked ---------------------------------------------------------------------------


def _front_band_moved(dx: float, theme_onto_title: bool = False) -> object:
    """The front cover's band as planned, its texts moved ``dx`` to the right
    (and the theme onto the name's baseline)."""
    planned = covers.plan_front_band

    def plan(issue: object, theme: object) -> list[object]:
        title, subject, publisher = planned(issue, theme)  # type: ignore[arg-type]
        if theme_onto_title:
            subject = replace(subject, baseline=title.baseline)
        return [replace(p, x=p.x + dx) for p in (title, subject, publisher)]

    return plan


def test_a_title_off_the_front_cover_is_named(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.setattr(covers, "plan_front_band", _front_band_moved(WIDTH / 2))
    issue = load_issue(SAMPLE)
    result = build_issue(SAMPLE, tmp_path / "off.pdf")
    title = f"text beyond the page edge on page 1: '{issue.newsletter}"
    front = result.report.pages[0]
    assert front.page == 1 and any(d.startswith(title) for d in front.defects)
    assert any(d.startswith(title) for d in result.report.defects)
    assert f"page 1: no text\n  defect: {title}" in result.report.format()
    with pytest.raises(LayoutError, match=re.escape(title)):
        build_issue(SAMPLE, tmp_path / "strict.pdf", strict=True)


def test_lines_over_each_other_on_the_front_cover(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.setattr(covers, "plan_front_band", _front_band_moved(0, theme_onto_title=True))
    issue = load_issue(SAMPLE)
    result = build_issue(SAMPLE, tmp_path / "over.pdf")
    over = [d for d in result.report.pages[0].defects if "printed over each other" in d]
    assert over and all(d.startswith("lines printed over each other on page 1: '") for d in over)
    assert any(issue.theme.split()[0] in d for d in over)
    assert not any(INK.search(d) for p in result.report.pages[1:] for d in p.defects)
