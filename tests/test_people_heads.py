"""People, heads and the cover: several signatories with portraits, a strap
line, cover lines, kicker and subtitle, several funders with a logo each.

Judged from the built PDFs of the gallery (``netzwerk``: an editorial signed
by four; ``projekt``: strap, cover lines, kicker and subtitle, two funders),
by their text, the characters' places and the pictures drawn; and the
replaced fields (``signature``, ``photo``, ``funder``, ``logo``, ``logos``)
still read, with a warning that says what to write instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.lib.units import mm

from layout.build import build_issue
from layout.errors import IssueError
from layout.load import load_issue
from layout.theme import Theme

from .conftest import GALLERY, Built
from .test_gallery import Page, read_pages


@pytest.fixture(scope="module")
def built(gallery: dict[str, Built]) -> dict[str, Path]:
    """The gallery's issues that carry these fields (built once per session)."""
    return {name: gallery[name].result.output for name in ("netzwerk", "projekt")}


def _text(page: Page) -> str:
    """The page's characters, without white space (as :func:`read_pages` keeps them)."""
    return "".join(char.text for char in page.chars)


def _squeeze(text: str) -> str:
    return "".join(text.split()).replace("\u00ad", "")


def _top_of(page: Page, text: str) -> float:
    """The baseline of the first character of ``text`` on ``page``."""
    index = _text(page).find(_squeeze(text))
    assert index >= 0, f"{text!r} not on page {page.number}"
    return page.chars[index].y


def _images(pdf: Path, number: int) -> list[tuple[float, float, float, float]]:
    """The bounds (left, bottom, right, top) of every picture drawn on page ``number``."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[number - 1]
        found = [obj.get_bounds() for obj in page.get_objects(
            filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3)]
        page.close()
    finally:
        document.close()
    return found


def test_four_signatories_sign_with_portraits(built: dict[str, Path]) -> None:
    issue = load_issue(GALLERY / "netzwerk")
    assert issue.editorial is not None
    signers = issue.editorial.signatories
    assert len(signers) == 4 and all(signer.photo for signer in signers)
    page = read_pages(built["netzwerk"])[1]
    text = _text(page)
    for signer in signers:  # in the signature block and under the portrait
        assert text.count(_squeeze(signer.name)) >= 2, signer.name
    theme = Theme()
    sidebar = theme.page_width - theme.margin_outer - theme.sidebar_width
    portraits = [box for box in _images(built["netzwerk"], 2) if box[0] >= sidebar - 1]
    assert len(portraits) == 4
    # two by two: two columns, two rows
    assert len({round(box[0]) for box in portraits}) == 2
    assert len({round(box[3]) for box in portraits}) == 2


def test_strap_and_cover_lines_are_printed(built: dict[str, Path]) -> None:
    issue = load_issue(GALLERY / "projekt")
    assert issue.strap and 2 <= len(issue.cover.lines) <= 4
    cover, first = read_pages(built["projekt"])[:2]
    assert _squeeze(issue.strap) in _text(cover)
    assert _squeeze(issue.strap) in _text(first)  # in the masthead
    # on the cover, the strap line stands above the name
    assert _top_of(cover, issue.strap) > _top_of(cover, issue.newsletter)
    # the cover lines stand on the photo, in its lower half
    photo = max(_images(built["projekt"], 1), key=lambda box: (box[2] - box[0]))
    for line in issue.cover.lines:
        assert _squeeze(line) in _text(cover), line
        assert photo[1] < _top_of(cover, line) < (photo[1] + photo[3]) / 2


def test_kicker_stands_above_title_above_subtitle(built: dict[str, Path]) -> None:
    issue = load_issue(GALLERY / "projekt")
    article = issue.articles[0]
    assert article.kicker and article.subtitle
    page = read_pages(built["projekt"])[1]
    section, kicker, title, subtitle, standfirst = (
        _top_of(page, text) for text in (article.section.upper(), article.kicker,
                                         article.title, article.subtitle,
                                         article.standfirst))
    assert section > kicker > title > subtitle > standfirst


def test_two_funders_show_their_logos_in_the_band(built: dict[str, Path]) -> None:
    issue = load_issue(GALLERY / "projekt")
    assert issue.funding is not None and len(issue.funding.funders) == 2
    pages = read_pages(built["projekt"])
    band = next(page for page in pages if "Gefördertdurch" in _text(page))
    logos = [box for box in _images(built["projekt"], band.number) if box[3] < 60 * mm]
    assert len(logos) == 2
    assert logos[0][2] < logos[1][0] or logos[1][2] < logos[0][0]  # side by side


OLD = """\
newsletter: Newsletter
number: 1/24
theme: Thema
date: 2024-03-15
publisher: Stadt Beispielstadt
editorial:
  text: Ein Text.
  signature:
    name: Dr. Miriam Schulze
    role: Leiterin
  photo:
    file: portrait.jpg
articles: []
funding:
  text: Gefördert.
  funder: Ministerium für Soziales
  logo: portrait.jpg
  logos: [team.jpg]
"""


def test_replaced_fields_still_read_with_a_warning(
        write_issue: Callable[[str], Path]) -> None:
    warnings: list = []
    issue = load_issue(write_issue(OLD), warnings=warnings)
    assert issue.editorial is not None and issue.funding is not None
    (signer,) = issue.editorial.signers
    assert (signer.name, signer.role) == ("Dr. Miriam Schulze", "Leiterin")
    assert signer.photo is not None and signer.photo.file.name == "portrait.jpg"
    assert [f.logo.name for f in issue.funding.sponsors if f.logo] == ["portrait.jpg",
                                                                       "team.jpg"]
    assert issue.funding.sponsors[0].name == "Ministerium für Soziales"
    replaced = {w.message.split("'")[1]: w.hint for w in warnings
                if "is replaced by a newer field" in w.message}
    assert set(replaced) == {"signature", "photo", "funder", "logo", "logos"}
    assert "signatories:" in replaced["signature"] and "funders:" in replaced["funder"]
    assert all(w.severity == "warning" for w in warnings)


def test_old_and_new_field_together_is_an_error(write_issue: Callable[[str], Path]) -> None:
    text = OLD.replace("  funder: Ministerium für Soziales\n",
                       "  funder: Ministerium für Soziales\n  funders:\n    - name: Land\n")
    with pytest.raises(IssueError) as caught:
        load_issue(write_issue(text))
    assert any("give only 'funders'" in d.message for d in caught.value.diagnostics)


def test_funding_needs_a_funder(write_issue: Callable[[str], Path]) -> None:
    text = OLD.replace("  funder: Ministerium für Soziales\n  logo: portrait.jpg\n"
                       "  logos: [team.jpg]\n", "")
    with pytest.raises(IssueError) as caught:
        load_issue(write_issue(text))
    assert any("names no funder" in d.message for d in caught.value.diagnostics)


def test_cover_lines_are_counted_and_need_a_photo(write_issue: Callable[[str], Path]) -> None:
    five = OLD + "cover:\n  lines: [eins, zwei, drei, vier, fünf]\n"
    with pytest.raises(IssueError) as caught:
        load_issue(write_issue(five))
    assert any("room for 4 cover lines, not 5" in d.message
               for d in caught.value.diagnostics)
    warnings: list = []
    load_issue(write_issue(OLD + "cover:\n  lines: [eins, zwei]\n"), warnings=warnings)
    assert any("cover has none" in w.message for w in warnings)


def test_a_cover_line_too_long_is_an_error(write_issue: Callable[[str], Path],
                                           tmp_path: Path) -> None:
    long = "Eine Titelzeile, die viel zu lang für das Feld auf dem Titelfoto ist, " * 3
    text = OLD + f"cover:\n  photo: {{file: team.jpg}}\n  lines: [Kurz, '{long}']\n"
    with pytest.raises(IssueError) as caught:
        build_issue(write_issue(text), tmp_path / "out" / "x.pdf")
    assert any("a cover line: too long for the cover photo" in d.message
               for d in caught.value.diagnostics)


def _board(entries: int) -> str:
    """An issue signed by four with portraits, its contacts ``entries`` long."""
    signers = "".join(f"    - name: Person {n}\n      role: Vorstand\n"
                      "      photo: {file: standins/portrait.jpg}\n" for n in range(4))
    contacts = "".join(f"        - {{label: Ort {n}, phone: 0341/00000{n:02d}}}\n"
                       for n in range(entries))
    return (OLD.split("editorial:")[0] + "print: {binding: none}\ncover: {front: none, "
            "back: none}\neditorial:\n  text: Ein Text.\n  signatories:\n" + signers
            + "contacts:\n  groups:\n    - title: Beratung\n      entries:\n" + contacts
            + "articles:\n  - title: Ein Artikel\n    body:\n      - Ein Absatz.\n")


def test_portraits_are_set_smaller_before_the_contacts(
        write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    heights = []
    for entries in (8, 30):
        result = build_issue(write_issue(_board(entries)), tmp_path / f"{entries}" / "b.pdf")
        theme = Theme()
        sidebar = theme.page_width - theme.margin_outer - theme.sidebar_width
        portraits = [box for box in _images(result.output, 1) if box[0] >= sidebar - 1]
        assert len(portraits) == 4
        heights.append(portraits[0][3] - portraits[0][1])
        assert not any("contacts" in w.message for w in result.warnings)
    assert 0.8 * heights[0] - 0.5 <= heights[1] < 0.95 * heights[0]
    with pytest.raises(IssueError) as caught:  # too many even so: a clear error
        build_issue(write_issue(_board(60)), tmp_path / "60" / "b.pdf")
    assert any("the contacts do not fit the sidebar" in d.message
               for d in caught.value.diagnostics)
