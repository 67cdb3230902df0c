"""The digital edition is a tagged PDF: structure tree, marked content, artifacts.

Read back with pikepdf (the tree, the content streams) and pypdfium2 (the
text of each marked-content sequence), not with the code that wrote them.
"""

from __future__ import annotations

import ctypes
import html
import re

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pikepdf import Array, Dictionary, Name

from layout import markup, model
from layout.alttext import alt_text
from layout.build import BuildResult
from layout.load import load_issue

from .conftest import ISSUES, SAMPLE, Built
from .pdftext import squeeze

#: Operators that show text, or paint.
TEXT = {"Tj", "TJ", "'", '"'}
PAINT = TEXT | {"Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "INLINE IMAGE"}

Key = tuple[int, int]  # page index, MCID


@pytest.fixture(scope="module")
def digital(sample_build: BuildResult) -> pikepdf.Pdf:
    with pikepdf.open(sample_build.output) as pdf:
        yield pdf


@pytest.fixture(scope="module")
def texts(sample_build: BuildResult) -> dict[Key, str]:
    """The text of each marked-content sequence, by page index and MCID
    (key (page, -1): the text outside any, that is, the artifacts')."""
    found: dict[Key, list[str]] = {}
    doc = pdfium.PdfDocument(sample_build.output)
    try:
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            for obj in page.get_objects(max_depth=1):
                if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                    continue
                mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj.raw)
                size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)  # bytes
                buffer = (ctypes.c_ushort * (size // 2))()
                pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
                text = bytes(buffer)[:size - 2].decode("utf-16-le")
                found.setdefault((index, mcid), []).append(text)
    finally:
        doc.close()
    return {key: "".join(parts) for key, parts in found.items()}


def _elements(pdf: pikepdf.Pdf) -> list[tuple[Dictionary, int]]:
    """Every structure element, in the tree's order, with its depth."""
    found: list[tuple[Dictionary, int]] = []

    def walk(node: object, depth: int) -> None:
        if not isinstance(node, Dictionary) or node.get("/Type") != Name.StructElem:
            return
        found.append((node, depth))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, Array) else [kids]:
            walk(kid, depth + 1)

    walk(pdf.Root.StructTreeRoot.K, 0)
    return found


def _page_index(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: index for index, page in enumerate(pdf.pages)}


def _content(pdf: pikepdf.Pdf, element: Dictionary) -> list[Key]:
    """The marked content an element holds itself, in order."""
    pages = _page_index(pdf)
    kids = element.get("/K")
    keys = []
    for kid in kids if isinstance(kids, Array) else [kids]:
        if isinstance(kid, int):
            keys.append((pages[element.Pg.objgen], int(kid)))
        elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
            keys.append((pages[kid.Pg.objgen], int(kid.MCID)))
    return keys


def _text(pdf: pikepdf.Pdf, element: Dictionary, texts: dict[Key, str]) -> str:
    return "".join(texts.get(key, "") for key in _content(pdf, element))


def _marked(pdf: pikepdf.Pdf) -> dict[int, list[int]]:
    """The MCIDs of each page's content, in order."""
    found = {}
    for index, page in enumerate(pdf.pages):
        found[index] = [int(operands[1].MCID) for operands, op in
                        pikepdf.parse_content_stream(page, "BDC")
                        if isinstance(operands[1], Dictionary) and "/MCID" in operands[1]]
    return found


def test_marked_with_a_parent_tree_for_every_mcid(digital: pikepdf.Pdf) -> None:
    check_parent_tree(digital)


def test_every_sequence_balanced_and_nothing_drawn_outside_one(digital: pikepdf.Pdf) -> None:
    check_sequences(digital)


@pytest.mark.parametrize("name", ISSUES)
def test_the_gallery_is_tagged_too(gallery: dict[str, Built], name: str) -> None:
    """Other publishers' issues (no editorial, interviews, several
    statistics, photos across the page): the same promises."""
    with pikepdf.open(gallery[name].result.output) as pdf:
        check_parent_tree(pdf)
        check_sequences(pdf)


def check_parent_tree(digital: pikepdf.Pdf) -> None:
    assert digital.Root.MarkInfo.Marked is True
    root = digital.Root.StructTreeRoot
    assert Name.Document == root.K.S
    nums = list(root.ParentTree.Nums)
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    pages = _page_index(digital)
    for index, mcids in _marked(digital).items():
        page = digital.pages[index].obj
        assert page.Tabs == Name.S
        if not mcids:
            continue
        assert sorted(mcids) == list(range(len(mcids))), f"page {index + 1}: MCIDs {mcids}"
        parents = tree[int(page.StructParents)]
        assert len(parents) == len(mcids)
        for mcid, parent in enumerate(parents):
            assert parent.Type == Name.StructElem
            assert (index, mcid) in _content(digital, parent), (index, mcid)
            assert pages[parent.Pg.objgen] <= index


def check_sequences(digital: pikepdf.Pdf) -> None:
    for index, page in enumerate(digital.pages):
        depth = 0
        for instruction in pikepdf.parse_content_stream(page):
            op = "INLINE IMAGE" if isinstance(instruction, pikepdf.ContentStreamInlineImage) \
                else str(instruction.operator)
            if op in ("BDC", "BMC"):
                depth += 1
            elif op == "EMC":
                depth -= 1
                assert depth >= 0, f"page {index + 1}: EMC without its BDC"
            elif op in PAINT:
                assert depth > 0, f"page {index + 1}: {op} outside tagged or artifact content"
        assert depth == 0, f"page {index + 1}: a sequence left open"


def test_the_h1_of_each_article_is_its_title(digital: pikepdf.Pdf,
                                              texts: dict[Key, str]) -> None:
    issue = load_issue(SAMPLE)
    sects = [element for element, depth in _elements(digital) if depth == 1]
    articles = [sect for sect in sects if any(
        kid.get("/S") == Name.H1 for kid in _kids(sect)) and str(sect.get("/T", "")) in
        {_label(article) for article in issue.articles}]
    titles = [_text(digital, kid, texts) for sect in articles for kid in _kids(sect)
              if kid.S == Name.H1]
    assert [squeeze(t) for t in titles] == [squeeze(_plain(a.title, issue.language))
                                            for a in issue.articles]


def test_paragraphs_read_in_the_order_of_the_yaml(digital: pikepdf.Pdf,
                                                   texts: dict[Key, str]) -> None:
    """The text of the tree, element by element, holds every paragraph of
    the editorial and the articles in the YAML's order (the layout moves
    photos, balances columns and floats figures: none of that shows here)."""
    issue = load_issue(SAMPLE)
    read = squeeze("".join(_text(digital, element, texts)
                           for element, _depth in _elements(digital)))
    expected: list[str] = []
    if issue.editorial:
        expected += issue.editorial.text
    for article in issue.articles:
        expected.append(article.title)
        for block in article.body:
            if isinstance(block, model.Text):
                expected += block.text
            elif isinstance(block, model.Subhead):
                expected.append(block.subhead)
            elif isinstance(block, model.Quote):
                expected.append(block.quote)
            elif isinstance(block, model.Photo) and block.caption:
                expected.append(block.caption)
    at = 0
    for text in expected:
        start = squeeze(_plain(text, issue.language))[:30]
        found = read.find(start, at)
        assert found >= 0, f"not after position {at} of the tree's text: {start!r}"
        at = found + len(start)


def test_words_read_apart_at_line_ends(digital: pikepdf.Pdf, texts: dict[Key, str]) -> None:
    """Each paragraph of the editorial and the articles reads in the tree as
    the editor wrote it: a space where a line ends between words ("und die",
    not "unddie"), nothing where a word was hyphenated at the line's end
    (its hyphen is the soft hyphen, which is not read)."""
    issue = load_issue(SAMPLE)
    read = _spaced("".join(_text(digital, element, texts) + " "
                           for element, _depth in _elements(digital)))
    expected = list(issue.editorial.text) if issue.editorial else []
    expected += [text for article in issue.articles for block in article.body
                 if isinstance(block, model.Text) for text in block.text]
    assert len(expected) > 10
    for text in expected:
        assert _spaced(_plain(text, issue.language)) in read


def _spaced(text: str) -> str:
    """``text`` with soft hyphens taken out (pdfium reads them as U+0002) and
    its white space as single spaces."""
    return " ".join(text.replace("\u00ad", "").replace("\x02", "").split())


def test_the_running_foot_is_an_artifact(digital: pikepdf.Pdf, texts: dict[Key, str]) -> None:
    """The name and number: tagged on the front cover, where they are read
    once; an artifact in the running foot of every inside page."""
    issue = load_issue(SAMPLE)
    label = squeeze(f"{issue.newsletter} {issue.number}")
    outside = [text for (page, mcid), text in texts.items() if mcid < 0]
    tagged = [text for (page, mcid), text in texts.items() if mcid >= 0 and page > 0]
    assert any(label in squeeze(text) for (page, mcid), text in texts.items()
               if page == 0 and mcid >= 0)
    assert any(label in squeeze(text) for text in outside)
    assert not any(label in squeeze(text) for text in tagged)


def test_photos_and_the_chart_are_figures_with_alternative_text(digital: pikepdf.Pdf) -> None:
    """The editor's ``alt:`` on each photo, the chart's made from its data."""
    issue = load_issue(SAMPLE)
    figures = [element for element, _depth in _elements(digital) if Name.Figure == element.S]
    alts = [str(figure.get("/Alt", "")) for figure in figures]
    assert all(alt.strip() for alt in alts)
    for photo in [block for article in issue.articles for block in article.body
                  if isinstance(block, model.Photo) and block.alt]:
        assert alt_text(photo, issue.language) in alts
    for stats in issue.statistics:
        assert alt_text(stats, issue.language) in alts


def _kids(element: Dictionary) -> list[Dictionary]:
    kids = element.get("/K")
    return [kid for kid in (kids if isinstance(kids, Array) else [kids])
            if isinstance(kid, Dictionary) and kid.get("/Type") == Name.StructElem]


def _label(article: model.Article) -> str:
    return f"{article.section}: {article.title}" if article.section else article.title


def _plain(text: str, language: str) -> str:
    """Editor's text as set: markup applied, tags dropped."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup.to_markup(text, language)))

