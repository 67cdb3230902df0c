"""PDF/UA-1: the machine-checkable conditions of the Matterhorn Protocol that
apply to the digital edition, on the sample and on every gallery issue.

:func:`layout.preflight.check_tagging` (what ``newsletter preflight --profile
digital`` runs) checks them; each condition is also provoked here, in a copy
of the sample's digital edition changed with pikepdf, so that a check that
finds nothing is known to look. What the structure says is read back in
``test_tagging.py``; two independent checkers (pdfua, outloud) run in
``make a11y``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Dictionary, Name, String

from layout import model
from layout.build import BuildResult
from layout.load import load_issue
from layout.preflight import check_pdfa, check_tagging

from .conftest import ISSUES, SAMPLE, Built
from .test_tagging import _elements, _kids


def test_the_sample_meets_every_condition(sample_build: BuildResult) -> None:
    assert check_tagging(sample_build.output.read_bytes()) == []


@pytest.mark.parametrize("name", ISSUES)
def test_every_gallery_issue_meets_every_condition(gallery: dict[str, Built], name: str) -> None:
    assert check_tagging(gallery[name].result.output.read_bytes()) == []


def test_the_claim_is_made_for_a_tagged_file_only(sample_build: BuildResult) -> None:
    """The digital edition claims PDF/UA-1 beside PDF/A-2b; the print edition
    (PDF/X-4, its links taken out) is untagged and claims nothing of it."""
    with pikepdf.open(sample_build.output) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfuaid:part"], meta.pdfa_status) == ("1", "2B")
    with pikepdf.open(sample_build.print_output) as pdf:
        assert "pdfuaid:part" not in pdf.open_metadata()
        assert "/StructTreeRoot" not in pdf.Root and "/MarkInfo" not in pdf.Root
        assert not any("/StructParents" in page.obj for page in pdf.pages)
    assert check_tagging(sample_build.print_output.read_bytes()) == []


def _first(pdf: pikepdf.Pdf, role: str) -> Dictionary:
    """The first structure element of ``role``, in the tree's order."""
    found = [element for element in _all(pdf) if Name("/" + role) == element.S]
    assert found, f"no {role} element"
    return found[0]


def _all(pdf: pikepdf.Pdf) -> list[Dictionary]:
    """Every structure element, in the tree's order."""
    return [element for element, _depth in _elements(pdf)]


def _page_with_links(pdf: pikepdf.Pdf) -> pikepdf.Page:
    return next(page for page in pdf.pages if "/Annots" in page.obj)


def _append(pdf: pikepdf.Pdf, code: bytes) -> None:
    """``code`` drawn at the end of the second page."""
    pdf.pages[1].contents_add(pdf.make_stream(code))


def _no_alt(pdf: pikepdf.Pdf) -> None:
    del _first(pdf, "Figure")["/Alt"]


def _h2_first(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "H1").S = Name.H2


def _skipped_level(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "H2").S = Name.H4


def _untagged_text(pdf: pikepdf.Pdf) -> None:
    _append(pdf, b"BT /F1 9 Tf 50 50 Td (x) Tj ET")


def _artifact_in_text(pdf: pikepdf.Pdf) -> None:
    _append(pdf, b"/P <</MCID 999>> BDC /Artifact BMC 0 0 1 1 re f EMC EMC")


def _open_sequence(pdf: pikepdf.Pdf) -> None:
    _append(pdf, b"/Artifact BMC 0 0 1 1 re f")


def _link_outside_the_tree(pdf: pikepdf.Pdf) -> None:
    del _page_with_links(pdf).obj.Annots[0]["/StructParent"]


def _link_in_a_paragraph(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "Link").S = Name.Span


def _undescribed_link(pdf: pikepdf.Pdf) -> None:
    del _page_with_links(pdf).obj.Annots[0]["/Contents"]


def _no_tab_order(pdf: pikepdf.Pdf) -> None:
    del _page_with_links(pdf).obj["/Tabs"]


def _item_outside_a_list(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "L").S = Name.Div


def _cell_outside_a_row(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "TR").S = Name.Div


def _own_type(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "Caption").S = Name("/Bildunterschrift")


def _no_language(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/Lang"]


def _no_claim(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        del meta["pdfuaid:part"]


def _file_name_as_title(pdf: pikepdf.Pdf) -> None:
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def _not_marked(pdf: pikepdf.Pdf) -> None:
    pdf.Root.MarkInfo.Marked = False


def _mcid_without_parent(pdf: pikepdf.Pdf) -> None:
    _append(pdf, b"/P <</MCID 999>> BDC 0 0 1 1 re f EMC")


def _no_unicode(pdf: pikepdf.Pdf) -> None:
    del next(iter(pdf.pages[1].Resources.Font.values()))["/ToUnicode"]


def _alt_as_empty_string(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "Figure").Alt = String(" ")


DEFECTS: dict[str, tuple[Callable[[pikepdf.Pdf], None], str]] = {
    "a figure without alternative text": (_no_alt, "13-004"),
    "a figure whose alternative text is blank": (_alt_as_empty_string, "13-004"),
    "the first heading not H1": (_h2_first, "14-002"),
    "a heading level skipped": (_skipped_level, "14-003"),
    "text neither tagged nor an artifact": (_untagged_text, "01-005"),
    "an artifact inside tagged content": (_artifact_in_text, "01-003"),
    "a sequence left open": (_open_sequence, "left open"),
    "marked content not in the parent tree": (_mcid_without_parent, "not in the parent tree"),
    "an annotation outside the tree": (_link_outside_the_tree, "28-002"),
    "a link in another element than Link": (_link_in_a_paragraph, "28-011"),
    "a link without /Contents": (_undescribed_link, "28-004"),
    "a page of links without tab order": (_no_tab_order, "7.18.3"),
    "list items outside a list": (_item_outside_a_list, "09-005"),
    "table cells outside a row": (_cell_outside_a_row, "09-004"),
    "a structure type of its own": (_own_type, "02-001"),
    "no language": (_no_language, "11-001"),
    "no PDF/UA identification": (_no_claim, "06-002"),
    "the file name shown as the title": (_file_name_as_title, "07-001"),
    "MarkInfo not marked": (_not_marked, "MarkInfo"),
    "a font that maps no code to Unicode": (_no_unicode, "7.21.7"),
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_each_condition_is_checked(sample_build: BuildResult, defect: str) -> None:
    change, expected = DEFECTS[defect]
    with pikepdf.open(sample_build.output) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
    problems = check_tagging(out.getvalue())
    assert any(expected in problem for problem in problems), problems
    assert any(expected in problem for problem in check_pdfa(out.getvalue()))


def test_the_contacts_are_a_list_of_labels_and_numbers(sample_build: BuildResult) -> None:
    """Each contact an item (LI): its label (Lbl), then its number (LBody),
    the number a Link holding its annotation."""
    issue = load_issue(SAMPLE)
    assert issue.contacts is not None
    with pikepdf.open(sample_build.output) as pdf:
        lists = [element for element in _all(pdf) if element.S == Name.L]
        items = [item for element in lists for item in _kids(element)]
        assert items and all(item.S == Name.LI for item in items)
        labelled = [item for item in items if Name.Lbl == _kids(item)[0].S]
        entries = [entry for group in issue.contacts.groups for entry in group.entries
                   if entry.label and entry.phone]
        assert len(labelled) >= len(entries)
        links = [kid for item in labelled for body in _kids(item) if Name.LBody == body.S
                 for paragraph in _kids(body) for kid in _kids(paragraph)
                 if Name.Link == kid.S]
        assert links
        for link in links:
            kinds = [kid.get("/Type") for kid in link.K if isinstance(kid, Dictionary)]
            assert Name.OBJR in kinds


def test_the_front_cover_is_read_first(sample_build: BuildResult) -> None:
    """The cover's section opens the document: its figure has the photo's
    alternative text, and the contents are a list after the first H1."""
    issue = load_issue(SAMPLE)
    with pikepdf.open(sample_build.output) as pdf:
        cover = _kids(pdf.Root.StructTreeRoot.K)[0]
        assert all(kid.Pg.objgen == pdf.pages[0].obj.objgen for kid in _kids(cover)
                   if "/Pg" in kid)
        roles = [str(kid.S)[1:] for kid in _kids(cover)]
        assert roles[-2:] == ["H1", "L"]
        assert "Figure" in roles
        assert issue.cover.photo is not None
        figure = _kids(cover)[roles.index("Figure")]
        assert str(figure.Alt).strip()
        entries = _kids(_kids(cover)[-1])
        expected = 1 + len(issue.articles) + len(issue.statistics)  # editorial, articles
        assert len(entries) == expected


def test_a_block_in_another_language_says_so(write_issue: Callable[[str], Path],
                                             tmp_path: Path) -> None:
    """``lang: uk`` on a text block: its paragraphs carry ``/Lang (uk)``."""
    from layout.build import build_issue

    from .test_other_issues import SMALL

    text = SMALL.replace(
        "      - Ehrenamtliche aus drei Vereinen begleiten die Gespräche. Олена Шевченко\n"
        "        moderiert die ukrainische Runde.\n",
        "      - text: Ласкаво просимо до мовного кафе!\n"
        "        lang: uk\n")
    assert text != SMALL, "the test issue has no text block to mark"
    folder = write_issue(text)
    issue = load_issue(folder)
    block = next(block for article in issue.articles for block in article.body
                 if isinstance(block, model.Text) and block.lang)
    assert block.text == ("Ласкаво просимо до мовного кафе!",)
    result = build_issue(folder, tmp_path / "out.pdf")
    with pikepdf.open(result.output) as pdf:
        langs = [str(element.Lang) for element in _all(pdf) if "/Lang" in element]
        assert langs and set(langs) == {"uk"}


def test_the_statistics_table_has_a_head_and_a_body(sample_build: BuildResult) -> None:
    """The table under the chart: ``THead`` with one row of column headers
    (``TH``, scope Column), ``TBody`` with a row of ``TD`` per period."""
    issue = load_issue(SAMPLE)
    stats = issue.statistics[0]
    with pikepdf.open(sample_build.output) as pdf:
        table = next(element for element in _all(pdf) if Name.Table == element.S)
        head, body = _kids(table)
        assert (Name.THead, Name.TBody) == (head.S, body.S)
        headers = [cell for row in _kids(head) for cell in _kids(row)]
        assert headers and all(cell.S == Name.TH and cell.A.Scope == Name.Column
                               for cell in headers)
        rows = _kids(body)
        assert len(rows) == len(stats.periods)
        assert all(cell.S == Name.TD for row in rows for cell in _kids(row))


def test_a_funding_notice_on_every_page_is_read_once(tmp_path: Path) -> None:
    """The page templates paint it on every page: tagged where first drawn
    (its text, label and each logo), an artifact on the pages after."""
    import shutil

    from layout.build import build_issue

    from .conftest import GALLERY

    folder = tmp_path / "projekt"
    shutil.copytree(GALLERY / "projekt", folder)
    text = (folder / "issue.yaml").read_text(encoding="utf-8")
    assert "  position: after-articles\n" in text
    (folder / "issue.yaml").write_text(text.replace("  position: after-articles\n",
                                                    "  position: every-page\n"),
                                       encoding="utf-8")
    issue = load_issue(folder)
    assert issue.funding is not None
    output = build_issue(folder, tmp_path / "out.pdf").output
    assert check_tagging(output.read_bytes()) == []
    with pikepdf.open(output) as pdf:
        sects = [sect for sect in _kids(pdf.Root.StructTreeRoot.K)
                 if any(Name.Figure == kid.S for kid in _kids(sect))
                 and sum(Name.Figure == kid.S for kid in _kids(sect)) ==
                 len(issue.funding.all_logos)]
        assert len(sects) == 1
        pages = {kid.Pg.objgen for kid in _kids(sects[0])}
        assert len(pages) == 1  # where it was first drawn
