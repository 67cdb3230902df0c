"""Total-fit line breaking (layout.linebreak) on the sample issue's German text.

The sample's body paragraphs are set at the newsletter's column width (86 mm,
PT Serif 9.5 on 13 pt) with :class:`JustifiedParagraph` and with ReportLab's
own greedy breaker; the first must meet the newsletter's spacing targets and
do better than the second. ReportLab's drawing and splitting must work on the
lines as they do on its own.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterable
from typing import Any

import pyphen
import pytest
from pypdf import PdfReader
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, SimpleDocTemplate
from reportlab.platypus.paragraph import (
    _FK_BREAK,
    _InjectedFrag,
    _SplitFrag,
    _SplitFragH,
    _SplitFragHY,
)

from layout import model
from layout.fonts import register_fonts
from layout.linebreak import (
    HOLE_EM,
    LOOSE_EM,
    MAX_HYPHEN_RUN,
    SHRINK,
    JustifiedParagraph,
    LineMetrics,
    _make_lines,
    line_spacing_report,
)
from layout.load import load_issue
from layout.markup import to_markup

from .conftest import SAMPLE
from .pdftext import squeeze

WIDTH = 86 * mm
#: Loose lines (word spaces over LOOSE_EM) allowed in the whole sample.
MAX_LOOSE_LINES = 10
COMPOUND = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"
MIXED = ("Die <b>Bundes</b>regierung hat die <i>Integrations</i><b>beauftragte</b> gebeten, "
         "<a href=\"https://example.org/kontakt\" color=\"blue\">unsere Webseite</a> und das "
         "<b>Rindfleischetikettierungsüberwachungsaufgabenübertragungs</b>gesetz zu prüfen, "
         "damit die <i>freiheitlich-demokratische</i> Grundordnung der Gemeinschaft "
         "geschützt bleibt und alle Ansprechpartner:innen erreichbar sind.")


@pytest.fixture(scope="module")
def style() -> ParagraphStyle:
    register_fonts()
    return ParagraphStyle("b", fontName="Serif", fontSize=9.5, leading=13,
                          alignment=TA_JUSTIFY, hyphenationLang="de_DE", embeddedHyphenation=1,
                          allowWidows=0, allowOrphans=0)


@pytest.fixture(scope="module")
def sample() -> list[str]:
    """The German body paragraphs of the sample issue, as ReportLab markup."""
    issue = load_issue(SAMPLE)
    texts = list(issue.editorial.text) if issue.editorial else []
    for article in issue.articles:
        for block in article.body:
            if isinstance(block, model.Text):
                texts += block.text
            elif isinstance(block, model.Answer):
                texts += block.answer
            elif isinstance(block, model.Question):
                texts += block.question
    return [to_markup(text, issue.language) for text in texts]


def normal(text: str) -> str:
    return " ".join(text.split())


def rejoined(paragraph: Paragraph) -> str:
    """The words of all lines, without the hyphens added at line ends."""
    lines, frags = paragraph.blPara.lines, paragraph.frags
    out = []
    for index, line in enumerate(lines):
        text = "".join(word.text for word in line.words)
        following = lines[index + 1].sFW if index + 1 < len(lines) else None
        if following is not None and isinstance(frags[following], _InjectedFrag):
            added = isinstance(frags[following - 1], _SplitFragHY)
            out.append(text.removesuffix("-") if added else text)
        elif following is None or line.words[-1]._fkind == _FK_BREAK:
            out.append(text)
        else:
            out.append(text + " ")
    return "".join(out)


def space_em(style: ParagraphStyle) -> float:
    return float(stringWidth(" ", style.fontName, style.fontSize) / style.fontSize)


def assert_fits(metrics: Iterable[LineMetrics], style: ParagraphStyle) -> None:
    """No line wider than its width, word spaces shrunk by SHRINK at most."""
    for line in metrics:
        give = line.spaces * SHRINK * space_em(style) * style.fontSize
        assert line.natural_width <= line.width + give + 1e-6, line
        if line.spaces and not line.last:
            assert line.word_space_em >= (1 - SHRINK) * space_em(style) - 1e-6, line


def test_text_and_words_are_unchanged(sample: list[str], style: ParagraphStyle) -> None:
    for text in sample:
        paragraph = JustifiedParagraph(text, style)
        before = normal(paragraph.getPlainText())
        metrics = line_spacing_report(paragraph, WIDTH)
        assert normal(paragraph.getPlainText()) == before
        assert normal(rejoined(paragraph)) == before
        assert_fits(metrics, style)


def spacing(paragraphs: Iterable[Paragraph]) -> dict[str, float]:
    """Loose lines, widest word space, longest run of hyphenated line ends."""
    loose = longest = hyphenated = 0
    widest = 0.0
    for paragraph in paragraphs:
        run = 0
        for line in line_spacing_report(paragraph, WIDTH):
            if not line.last:
                loose += line.word_space_em > LOOSE_EM
                widest = max(widest, line.word_space_em)
            run = run + 1 if line.hyphenated else 0
            hyphenated += line.hyphenated
            longest = max(longest, run)
    return {"loose": loose, "widest": round(widest, 3), "run": longest, "hyphens": hyphenated}


def test_sample_meets_the_spacing_targets(sample: list[str], style: ParagraphStyle) -> None:
    ours = spacing(JustifiedParagraph(text, style) for text in sample)
    greedy = spacing(Paragraph(text, style) for text in sample)
    report = f"total fit {ours}, ReportLab's greedy breaker {greedy}"
    print(report)
    assert ours["widest"] <= HOLE_EM, report
    assert ours["loose"] <= MAX_LOOSE_LINES, report
    assert ours["run"] <= MAX_HYPHEN_RUN, report
    assert ours["loose"] < greedy["loose"] and ours["widest"] < greedy["widest"], report


@pytest.mark.parametrize("width_mm", [30, 45, 60, 86])
def test_long_compound_breaks_at_syllables(style: ParagraphStyle, width_mm: float) -> None:
    text = f"Der Landtag hat das {COMPOUND} nach langer Beratung beschlossen und verkündet."
    paragraph = JustifiedParagraph(text, style)
    assert_fits(line_spacing_report(paragraph, width_mm * mm), style)
    assert paragraph.blPara.kind == 1, "ReportLab's greedy breaker (kind 0) stepped in"
    split = split_words(paragraph.frags)
    parts = next(p for p in split if "".join(t.removesuffix("-") for t in p) == COMPOUND)
    syllables = set(pyphen.Pyphen(lang="de_DE", left=2, right=3).positions(COMPOUND))
    cuts = list(itertools.accumulate(len(t.removesuffix("-")) for t in parts[:-1]))
    assert cuts and set(cuts) <= syllables
    assert normal(rejoined(paragraph)) == normal(text)


def split_words(frags: list[Any]) -> list[list[str]]:
    """The texts of the parts of each word that was split at line ends."""
    words: list[list[str]] = []
    current: list[str] = []
    for word in frags:
        if isinstance(word, _SplitFrag):
            current.append("".join(t for _, t in word[1:]))
            if not isinstance(word, _SplitFragH):
                words.append(current)
                current = []
    return words


def test_mixed_markup_and_link_survive_drawing(style: ParagraphStyle) -> None:
    paragraph = JustifiedParagraph(MIXED, style)
    before = paragraph.getPlainText()
    assert "Bundesregierung" in before and "unsere Webseite" in before
    reader = build([paragraph], lambda out: SimpleDocTemplate(
        out, pagesize=(WIDTH + 2 * 36 + 12, 400), leftMargin=36, rightMargin=36))
    assert normal(paragraph.getPlainText()) == normal(before)
    assert len(paragraph.blPara.lines) > 3
    assert squeeze(before) in squeeze(reader.pages[0].extract_text())
    links = [a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots", [])]
    assert "https://example.org/kontakt" in links


def build(flowables: list[Any], template: Callable[[io.BytesIO], BaseDocTemplate]) -> PdfReader:
    out = io.BytesIO()
    template(out).build(flowables)
    return PdfReader(io.BytesIO(out.getvalue()))


def small_frames(out: io.BytesIO) -> BaseDocTemplate:
    """Pages of two 86 mm columns, seven lines high."""
    height = 7 * 13
    frames = [Frame(20 + k * (WIDTH + 20), 40, WIDTH, height, 0, 0, 0, 0, id=f"c{k}")
              for k in range(2)]
    doc = BaseDocTemplate(out, pagesize=(2 * WIDTH + 60, height + 80))
    doc.addPageTemplates([PageTemplate("p", frames)])
    return doc


def test_split_across_frames_keeps_all_text(sample: list[str], style: ParagraphStyle) -> None:
    paragraphs = [JustifiedParagraph(text, style) for text in sample[:8]]
    plain = [normal(p.getPlainText()) for p in paragraphs]
    # a paragraph taller than a column must split, or the build fails
    assert max(p.wrap(WIDTH, 1e9)[1] for p in paragraphs) > 7 * 13
    reader = build(paragraphs, small_frames)
    printed = squeeze("".join(page.extract_text() for page in reader.pages))
    positions = [printed.find(squeeze(text)) for text in plain]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_split_keeps_lines_and_avoids_widows_and_orphans(sample: list[str],
                                                         style: ParagraphStyle) -> None:
    text = max(sample, key=len)
    paragraph = JustifiedParagraph(text, style)
    _, height = paragraph.wrap(WIDTH, 1e9)
    lines = paragraph.blPara.lines
    total = len(lines)
    assert JustifiedParagraph(text, style).split(WIDTH, 13 * 1.5) == []  # no orphan
    first, rest = paragraph.split(WIDTH, height - 13)  # would leave a widow
    assert len(first.blPara.lines) == total - 2
    first.wrap(WIDTH, height)
    assert [ln.words[0].text for ln in first.blPara.lines] == \
        [ln.words[0].text for ln in lines[:total - 2]]
    rest.wrap(WIDTH, 1e9)
    assert len(rest.blPara.lines) >= 2
    whole = normal(rejoined(first) + " " + rejoined(rest))
    assert squeeze(whole) == squeeze(JustifiedParagraph(text, style).getPlainText())


def test_the_rest_of_a_split_keeps_its_lines(sample: list[str], style: ParagraphStyle) -> None:
    """A paragraph is broken once, as in TeX: its rest is not broken again
    where it continues in the next column, at the width it was broken for."""
    text = max(sample, key=len)
    paragraph = JustifiedParagraph(text, style)
    paragraph.wrap(WIDTH, 1e9)
    whole = [[word.text for word in line.words] for line in paragraph.blPara.lines]
    first, rest = paragraph.split(WIDTH, 4 * 13)
    cut = len(first.blPara.lines)
    rest.wrap(WIDTH - 1e-6, 1e9)  # frames pass widths give or take a millionth
    assert [[word.text for word in line.words] for line in rest.blPara.lines] == whole[cut:]
    assert rest.blPara.lines[0].sFW == 0
    assert squeeze(rest.getPlainText()) in squeeze(paragraph.getPlainText())
    rest.wrap(WIDTH / 2, 1e9)  # another width: broken anew
    assert len(rest.blPara.lines) > len(whole) - cut


def test_lines_are_built_exactly_as_reportlab_builds_them(style: ParagraphStyle) -> None:
    text = MIXED + "<br/>Neue Zeile mit <b>fettem Text</b> und <br/><br/>Leerzeile. " + MIXED
    paragraph = Paragraph(text, style)
    paragraph.wrap(WIDTH, 1e9)
    lines = paragraph.blPara.lines
    starts = {line.sFW for prev, line in itertools.pairwise(lines)
              if prev.words[-1]._fkind != _FK_BREAK}
    ours = _make_lines(paragraph.frags, starts, paragraph._wrapWidths, False)

    def described(line: Any) -> tuple[Any, ...]:
        return (round(line.extraSpace, 6), line.wordCount, line.lineBreak, line.fontSize,
                line.ascent, line.descent, line.maxWidth, line.sFW,
                [(w.text, w.fontName, w.fontSize, w._fkind) for w in line.words])

    assert [described(line) for line in ours] == [described(line) for line in lines]


def test_breaks_are_ragged_before_br_and_after_the_last_line(style: ParagraphStyle) -> None:
    paragraph = JustifiedParagraph("Eine kurze Zeile<br/>" + MIXED, style)
    metrics = line_spacing_report(paragraph, WIDTH)
    assert metrics[0].last and paragraph.blPara.lines[0].lineBreak
    assert metrics[-1].last and not any(m.last for m in metrics[1:-1])


def test_addresses_break_only_after_separators_when_nothing_else_works(
        style: ParagraphStyle) -> None:
    text = ("Schreiben Sie an info@migration-nordsachsen.de oder lesen Sie "
            "https://www.landkreis-nordsachsen.de/integration/beratung nach.")
    wide = JustifiedParagraph(text, style)
    wide.wrap(WIDTH, 1e9)
    words = [w for line in wide.blPara.lines for w in line.words]
    assert any("info@migration-nordsachsen.de" in w.text for w in words)
    narrow = JustifiedParagraph(text, style)
    assert_fits(line_spacing_report(narrow, 40 * mm), style)
    ends = [ln.words[-2].text.rstrip() for ln in narrow.blPara.lines[:-1]
            if len(ln.words) > 1 and "/" in ln.words[-2].text]
    assert ends and all(end.endswith(("/", ".", "@", "-", "?", "&")) for end in ends)
    assert normal(rejoined(narrow)) == normal(text)


def test_what_it_cannot_improve_is_left_to_reportlab(style: ParagraphStyle) -> None:
    left = ParagraphStyle("l", parent=style, alignment=TA_LEFT)
    ours, theirs = JustifiedParagraph(MIXED, left), Paragraph(MIXED, left)
    ours.wrap(WIDTH, 1e9)
    theirs.wrap(WIDTH, 1e9)
    assert [ln.extraSpace for ln in ours.blPara.lines] == \
        [ln.extraSpace for ln in theirs.blPara.lines]


def test_first_line_indent(style: ParagraphStyle) -> None:
    indented = ParagraphStyle("i", parent=style, firstLineIndent=12)
    paragraph = JustifiedParagraph(MIXED, indented)
    metrics = line_spacing_report(paragraph, WIDTH)
    assert metrics[0].width == pytest.approx(WIDTH - 12)
    assert all(m.width == pytest.approx(WIDTH) for m in metrics[1:])
    assert_fits(metrics, indented)
