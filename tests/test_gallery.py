"""The gallery: made-up issues of other publishers that push the format's extremes.

Each folder of ``tests/gallery/`` is an issue written in the documented
format (its pictures are the stand-ins of ``assets/standins/``, found there
by name). Every one is built once per session, and its PDFs are judged from
the PDF alone, as a print shop would: no character beyond the trim, no two
lines printed over each other, every text of the YAML in the pages.

- ``netzwerk``: long names and numbers (a 60-character association as
  publisher, "Netzwerk-Newsletter 10/2021", a long theme), an editorial
  signed by four with portraits, contacts with every way to reach them
  (mobile, fax, web, address, opening hours, a British number);
- ``kreismagazin``: a county magazine with a statistics table of 30 periods
  drawn as lines, a second statistic from a CSV file, a statistic inside an
  article, no cover photo;
- ``projekt``: two funders with a logo each and a funding notice of some 600
  characters, a strap line, cover lines, kicker and subtitle, horizontal and
  stacked bars with a series colour set, no editorial (the first article
  stands beside the contacts);
- ``update-en``: an English issue that sets no label, grouped bars with
  value labels;
- ``rundmail``: a short e-mail issue without covers or binding, a line chart.
"""

from __future__ import annotations

import ctypes
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader

from layout import model
from layout.load import load_issue
from layout.phones import read_phone
from layout.story import web_address

from .conftest import FOLDERS, ISSUES, Built

# -- building ------------------------------------------------------------------


# The issues are built once per session by conftest's ``gallery`` fixture.


# -- where characters stand ----------------------------------------------------

#: Glyph boxes are shrunk by this much (points) before they are compared, so
#: that an accent grazing a descender of display type is not counted.
TOUCH = 0.3
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Char:
    text: str
    box: Box  # the glyph's tight box: left, bottom, right, top
    x: float  # the origin on the baseline
    y: float
    size: float
    upright: bool


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    trim: Box
    chars: list[Char]


def read_pages(pdf: Path) -> list[Page]:
    """Each page's trim box and characters, read with pypdfium2's text page."""
    document = pdfium.PdfDocument(str(pdf))
    pages = []
    x, y = ctypes.c_double(), ctypes.c_double()
    try:
        for index in range(len(document)):
            page = document[index]
            text = page.get_textpage()
            chars = []
            for i in range(text.count_chars()):
                char = text.get_text_range(i, 1)
                if not char.strip() or pdfium_c.FPDFText_IsGenerated(text.raw, i) == 1:
                    continue
                box = text.get_charbox(i)
                if box[2] <= box[0] or box[3] <= box[1]:
                    continue
                pdfium_c.FPDFText_GetCharOrigin(text.raw, i, x, y)
                angle = pdfium_c.FPDFText_GetCharAngle(text.raw, i)
                chars.append(Char(char, box, x.value, y.value,
                                  pdfium_c.FPDFText_GetFontSize(text.raw, i),
                                  min(angle, abs(angle - 6.283185)) < 1e-3))
            pages.append(Page(index + 1, page.get_trimbox(), chars))
            text.close()
            page.close()
    finally:
        document.close()
    return pages


def outside_trim(page: Page) -> str:
    """The characters whose glyph reaches beyond the trim box, as text."""
    left, bottom, right, top = page.trim
    return "".join(c.text for c in page.chars
                   if c.box[0] < left - 0.01 or c.box[1] < bottom - 0.01
                   or c.box[2] > right + 0.01 or c.box[3] > top + 0.01)


def runs(page: Page) -> list[list[Char]]:
    """The upright characters in runs: drawn one after the other on one baseline."""
    found: list[list[Char]] = []
    for char in page.chars:
        if not char.upright:
            continue  # rotated labels (a chart's axis) are no lines of text
        if found:
            last = found[-1][-1]
            em = max(last.size, char.size, 1.0)
            if abs(char.y - last.y) < 0.2 * em and -0.3 * em <= char.x - last.x <= 3 * em:
                found[-1].append(char)
                continue
        found.append([char])
    return found


def _meet(a: Box, b: Box) -> bool:
    return (min(a[2], b[2]) - max(a[0], b[0]) > 2 * TOUCH
            and min(a[3], b[3]) - max(a[1], b[1]) > 2 * TOUCH)


def overprints(page: Page) -> list[tuple[str, str]]:
    """The pairs of runs (their text) with characters whose glyphs overlap."""
    lines = runs(page)
    bounds = [(min(c.box[0] for c in r), min(c.box[1] for c in r),
               max(c.box[2] for c in r), max(c.box[3] for c in r)) for r in lines]
    order = sorted(range(len(lines)), key=lambda i: bounds[i][1])
    found = []
    for position, i in enumerate(order):
        for j in order[position + 1:]:
            if bounds[j][1] >= bounds[i][3]:
                break  # sorted by their bottoms: no later run reaches down to this one
            if _meet(bounds[i], bounds[j]) and any(
                    _meet(a.box, b.box) for a in lines[i] for b in lines[j]):
                found.append(("".join(c.text for c in lines[i]),
                              "".join(c.text for c in lines[j])))
    return found


# -- what the YAML says ----------------------------------------------------------


def _words(text: str, count: int = 8) -> str:
    """The first ``count`` words of ``text``, up to a placeholder."""
    return " ".join(text.split("{{")[0].split()[:count])


def yaml_texts(issue: model.Issue) -> Iterator[str]:
    """Every text of the issue a reader must find printed (paragraphs by their
    first words), the funding notice apart (see its own test)."""
    yield from (issue.newsletter, issue.number, issue.theme, issue.publisher)
    if issue.cover.front == "generated" and issue.cover.photo:
        yield from (issue.cover.photo.caption, issue.cover.photo.credit)
    if issue.editorial:
        editorial = issue.editorial
        yield from (editorial.title, editorial.greeting, editorial.closing)
        yield from (_words(text) for text in editorial.text)
        for signer in editorial.signers:
            yield from (signer.name, signer.role, signer.office)
    if issue.contacts:
        yield issue.contacts.heading
        for group in issue.contacts.groups:
            yield group.title
            for entry in group.entries:
                yield from (entry.label, entry.email, entry.note, *entry.address)
                # numbers in the national style, the web address without https://
                yield from (read_phone(number, issue.language).text
                            for _kind, number in entry.numbers)
                yield web_address(entry.web)[0] if entry.web else ""
    for article in issue.articles:
        yield from (article.section, article.kicker, article.title, article.subtitle,
                    _words(article.standfirst))
        for block in article.body:
            if isinstance(block, model.Text):
                yield from (_words(text) for text in block.text)
            elif isinstance(block, model.Subhead):
                yield block.subhead
            elif isinstance(block, model.Quote):
                yield from (_words(block.quote), block.by)
            elif isinstance(block, model.Question):
                yield from (_words(text) for text in block.question)
            elif isinstance(block, model.Answer):
                yield block.by
                yield from (_words(text) for text in block.answer)
            elif isinstance(block, model.Photo):
                yield from (block.caption, block.credit)
    for stats in issue.statistics:
        yield from (stats.heading, stats.title, stats.period_label, stats.total_label,
                    stats.source)
        yield from (_words(text) for text in stats.text)
        yield from stats.periods
        yield from (series.name for series in stats.series)
    yield _words(issue.next_issue)
    if issue.imprint:
        yield issue.imprint.heading
        yield from (_words(text) for text in issue.imprint.text)
        yield from issue.imprint.lines


def loose(text: str) -> str:
    """Letters and digits only, case folded: line breaks, hyphenation, typography
    (quotes, dashes, no-break spaces) and number grouping do not count."""
    return re.sub(r"[\W_]+", "", text).casefold()


def pdf_text(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


# -- the tests ------------------------------------------------------------------


def test_the_gallery_pushes_the_extremes(gallery: dict[str, Built]) -> None:
    """What each issue is there for is in it (so that an edit cannot tame it)."""
    netzwerk = gallery["netzwerk"].issue
    assert len(netzwerk.publisher) >= 60 and netzwerk.number == "10/2021"
    assert netzwerk.contacts and any(
        e.phone and e.email for g in netzwerk.contacts.groups for e in g.entries)
    stats = gallery["kreismagazin"].issue.statistics
    assert len(stats) == 2 and len(stats[0].periods) == 30 and stats[1].data is not None
    funding = gallery["projekt"].issue.funding
    assert funding and len(funding.all_logos) == 2 and len(funding.text) >= 550
    assert gallery["update-en"].issue.language == "en-GB"
    rundmail = gallery["rundmail"].issue
    assert (rundmail.print.binding, rundmail.cover.front, rundmail.cover.back) == (
        "none", "none", "none")


@pytest.mark.parametrize("name", ISSUES)
def test_no_character_beyond_the_trim(gallery: dict[str, Built], name: str) -> None:
    for pdf in gallery[name].editions:
        beyond = {page.number: text for page in read_pages(pdf)
                  if (text := outside_trim(page))}
        assert beyond == {}, f"{pdf.name}: characters beyond the trim, by page"


@pytest.mark.parametrize("name", ISSUES)
def test_no_lines_print_over_each_other(gallery: dict[str, Built], name: str) -> None:
    found = {page.number: pairs for page in read_pages(gallery[name].result.output)
             if (pairs := overprints(page))}
    assert found == {}, "lines printed over each other, by page"


@pytest.mark.parametrize("name", ISSUES)
def test_every_text_of_the_yaml_is_printed(gallery: dict[str, Built], name: str) -> None:
    built = gallery[name]
    printed = loose(pdf_text(built.result.output))
    missing = [text for text in yaml_texts(built.issue) if text and loose(text) not in printed]
    assert missing == []


@pytest.mark.parametrize("name", [n for n in ISSUES if n in ("netzwerk", "projekt",
                                                                  "update-en")])
def test_the_funding_notice_is_printed(gallery: dict[str, Built], name: str) -> None:
    built = gallery[name]
    funding = built.issue.funding
    assert funding
    printed = loose(pdf_text(built.result.output))
    assert loose(funding.text) in printed
    assert loose(funding.label) in printed


@pytest.mark.parametrize("name", ISSUES)
def test_the_layout_report_is_written(gallery: dict[str, Built], name: str) -> None:
    result = gallery[name].result
    assert result.report_path.read_text(encoding="utf-8").startswith("Layout report:")
    assert result.pages == len(PdfReader(result.output).pages)


@pytest.mark.parametrize("name", [n for n in ISSUES if (s := load_issue(FOLDERS[n]).statistics)
                                  and s[0].chart != "none"])
def test_the_chart_axis_counts_evenly_from_zero(gallery: dict[str, Built], name: str) -> None:
    """The y axis of the chart stamped into the page (a form XObject) reads
    0 and then numbers in equal steps."""
    from .test_charts import as_numbers, y_axis_labels

    built = gallery[name]
    document = pdfium.PdfDocument(str(built.result.output))
    try:
        axes = [labels for page in document
                for form in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_FORM], max_depth=1)
                if len(labels := y_axis_labels(page, form.get_bounds())) >= 3]
    finally:
        document.close()
    assert axes, axes  # a chart per statistic
    for labels in axes:
        ticks = as_numbers(labels, built.issue.language)
        steps = {round(b - a, 9) for a, b in itertools.pairwise(ticks)}
        assert ticks[0] == 0 and len(steps) == 1 and steps.pop() > 0, ticks


@pytest.mark.parametrize("name", ISSUES)
def test_builds_strictly(gallery: dict[str, Built], name: str) -> None:
    """No warning and no defect: what --strict asks (it would fail otherwise)."""
    result = gallery[name].result
    assert [w.message for w in result.warnings] == []
    assert result.report.defects == []


def body_baselines(page: Page, size: float, line: float = 13.0) -> list[float]:
    """The baselines of the page's lines of body text: set at ``size``, with
    another such line ``line`` above or below at the same left edge (a
    one-line heading of the sidebar may share the body's size)."""
    starts = {(round(run[0].x), round(run[0].y, 1)) for run in runs(page)
              if abs(run[0].size - size) < 0.01}
    return sorted({y for x, y in starts
                   if any(abs(y2 - y - d) < 0.2 for x2, y2 in starts if abs(x2 - x) <= 12
                          for d in (line, -line))})


def off_grid(pdf: Path, size: float, line: float) -> dict[int, list[float]]:
    """Per page, the body lines that stand off the page's grid: the grid of
    most of its lines (a heading of the sidebar may share the body's size)."""
    found = {}
    for page in read_pages(pdf):
        baselines = body_baselines(page, size, line)
        if not baselines:
            continue
        phases = [round(y % line, 1) for y in baselines]
        grid = max(sorted(set(phases)), key=phases.count)
        off = [y for y in baselines
               if min((phase := (y - grid) % line), line - phase) > 0.3]
        if off:
            found[page.number] = off
    return found


@pytest.mark.parametrize("name", ISSUES)
def test_body_lines_keep_to_one_grid_per_page(gallery: dict[str, Built], name: str) -> None:
    """Lines level across the gutter and from one run of columns to the
    next: every baseline of body text is a whole number of lines from the
    page's first."""
    from layout.theme import DEFAULT

    assert off_grid(gallery[name].result.output, DEFAULT.type.body[0], DEFAULT.line) == {}
