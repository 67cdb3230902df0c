"""The funding band holds its notice: a notice of some 600 characters stays
under the band's top rule, a few points clear of it, and on the page.

Judged from the built PDF alone: the characters' boxes and the rule as drawn.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from layout.build import build_issue
from layout.load import load_issue

GALLERY = Path(__file__).resolve().parent / "gallery"
#: The least room (points) between the rule and the tops of the first line's glyphs.
CLEARANCE = 2.0
NOTICE = (
    "Dieses Vorhaben wird im Rahmen des Bundesprogramms Zusammenhalt vor Ort durch das "
    "Bundesministerium für Beispiele und aus Mitteln des Europäischen Sozialfonds Plus "
    "gefördert. Die Kofinanzierung erfolgt durch das Land Musterland mit Steuermitteln auf "
    "Grundlage des vom Landtag beschlossenen Haushaltes. Für die Inhalte dieser "
    "Veröffentlichung sind allein die Projektträger verantwortlich; sie geben nicht "
    "notwendigerweise die Meinung der Fördermittelgeber wieder. Weitere Informationen zur "
    "Förderung und zu den Teilnahmebedingungen finden Sie unter der Adresse "
    "www.foerderband-test.example."
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gallery's project issue, its notice replaced by :data:`NOTICE`."""
    source = tmp_path_factory.mktemp("funding") / "issue"
    shutil.copytree(GALLERY / "projekt", source)
    yaml = source / "issue.yaml"
    text = yaml.read_text(encoding="utf-8")
    start = text.index("funding:\n  text: >\n") + len("funding:\n  text: >\n")
    end = text.index("  funders:", start)
    yaml.write_text(text[:start] + f"    {NOTICE}\n" + text[end:], encoding="utf-8")
    funding = load_issue(source).funding
    assert funding is not None and funding.text.strip() == NOTICE
    return build_issue(source, source.parent / "out" / "issue.pdf").output


def _rules(page: pdfium.PdfPage, min_width: float) -> list[float]:
    """The heights of the horizontal rules at least ``min_width`` long, drawn
    on the page itself (a chart's gridlines stand in a form of their own,
    whose bounds pypdfium2 gives in the form's space)."""
    heights = []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=0):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom < 1.5 and right - left >= min_width:
            heights.append((top + bottom) / 2)
    return heights


def test_notice_is_long() -> None:
    assert 580 <= len(NOTICE) <= 620


def test_notice_stays_under_the_rule_and_on_the_page(built: Path) -> None:
    pdf = pdfium.PdfDocument(built)
    found = []
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        if "Dieses Vorhaben" not in text:
            continue
        first = textpage.search("Dieses Vorhaben", match_case=True).get_next()
        last = textpage.search("foerderband-test.example.", match_case=True).get_next()
        assert first and last, "the whole notice stands on one page"
        chars = [textpage.get_charbox(i) for i in range(first[0], last[0] + last[1])]
        chars = [box for box in chars if box[2] > box[0] and box[3] > box[1]]  # drawn glyphs
        assert len(chars) > 500
        width, height = page.get_size()
        lowest = min(bottom for _left, bottom, _right, _top in chars)
        text_left = min(left for left, _bottom, _right, _top in chars)
        rules = [y for y in _rules(page, 0.9 * (width - 2 * text_left)) if y > lowest]
        assert rules, "a rule above the notice's last line"
        rule = min(rules)  # the band's own rule, the lowest above the notice
        for left, bottom, right, top in chars:
            assert top <= rule - CLEARANCE, (
                f"page {index + 1}: a character of the notice reaches {top:.1f} pt, "
                f"the band's rule stands at {rule:.1f} pt")
            assert left >= 0 and right <= width and bottom >= 0 and top <= height
        found.append(index)
    assert len(found) == 1
