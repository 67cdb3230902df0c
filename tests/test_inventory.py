"""Nothing dropped: every element of the YAML is placed, or the build fails.

The story puts each element (article, block, photo, contact, funding notice,
statistics, closing notices) on the record's inventory; after the layout each
must have been drawn. An element that cannot stand where the YAML asks moves
to the nearest place it fits, with a warning at its YAML line.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from layout import flowables
from layout.build import build_issue
from layout.errors import IssueError
from layout.fonts import register_fonts
from layout.load import load_issue
from layout.render import Body, render_body
from layout.styles import make_styles
from layout.theme import DEFAULT

from .conftest import SAMPLE
from .pdftext import images, page_texts
from .test_other_issues import SMALL

FILLER = ("Die Beratungsstelle im Rathaus hilft bei Anträgen, Wohnungssuche und "
          "Sprachkursen; sie vermittelt Dolmetscher:innen und begleitet zu Ämtern. ")
NOTICE = "Gefördert aus Mitteln des Landes Beispielland."


def one_article(paragraphs: int, words: int, back: str = "generated") -> str:
    """An issue of one article of ``paragraphs`` long paragraphs and a last one
    of ``words`` words, the funding notice after it (two logos), nothing else."""
    body = [FILLER * 3] * paragraphs + ([" ".join(FILLER.split()[:words])] if words else [])
    return textwrap.dedent(f"""\
        newsletter: Rundbrief
        number: 1/23
        theme: Probe
        date: 2023-03-01
        publisher: Stadt Beispielstadt
        cover: {{front: none, back: {back}}}
        print: {{binding: none}}
        articles:
          - title: Ein Artikel
            body:
        """) + "".join(f"      - {text}\n" for text in body) + textwrap.dedent(f"""\
        funding:
          text: {NOTICE}
          funders:
            - name: Landesministerium für Beispiele
              logo: standins/funder-logo.png
            - name: Zweiter Förderer
              logo: zweites-logo.png
        """)


def lay_out(folder: Path) -> Body:
    register_fonts()
    issue = load_issue(folder)
    return render_body(issue, DEFAULT, make_styles(DEFAULT, issue.language), 1,
                       closing_pages=False, full_masthead=True)


def room_under_last_article(body: Body) -> float:
    """Points left under the article's text on its last page, to the foot of
    the page's text area."""
    last = max(piece.page for piece in body.trace.pieces if piece.style.startswith("body"))
    text = [p for p in body.trace.pieces if p.page == last and p.style.startswith("body")]
    return min(p.bottom for p in text) - DEFAULT.margin_bottom


def test_the_notice_is_never_dropped_when_the_last_article_fills_its_page(
        write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    folder = write_issue(one_article(1, 0))
    Image.new("RGB", (600, 300), (20, 120, 200)).save(folder / "zweites-logo.png")
    band = DEFAULT.funding_height
    # Lengthen the last paragraph until the article ends so low on its page
    # that the band has no room under it (the case that lost the notice).
    for paragraphs in range(8, 12):
        found = None
        for words in range(0, 30, 3):
            (folder / "issue.yaml").write_text(one_article(paragraphs, words), encoding="utf-8")
            if room_under_last_article(lay_out(folder)) < band:
                found = words
                break
        if found is not None:
            break
    else:
        pytest.fail("no length fills the page")
    result = build_issue(folder, tmp_path / "n.pdf")
    reader = PdfReader(result.output)
    texts = page_texts(reader)
    with_notice = [n for n, text in enumerate(texts) if NOTICE in text]
    assert with_notice, "the funding notice is missing"
    page = reader.pages[with_notice[0]]
    assert len(images(page)) >= 2  # both logos
    assert "Landesministerium" not in texts[-1]  # not on the back cover only
    moved = [w for w in result.warnings if "funding notice" in w.message]
    assert moved and moved[0].severity == "warning"
    assert moved[0].position is not None and moved[0].position.line > 0
    assert f"foot of page {with_notice[0] + 1}" in moved[0].message
    assert any("funding notice" in n for p in result.report.pages for n in p.notes)


def test_every_length_places_the_notice(write_issue: Callable[[str], Path]) -> None:
    folder = write_issue(one_article(1, 0))
    Image.new("RGB", (600, 300), (20, 120, 200)).save(folder / "zweites-logo.png")
    for paragraphs in range(8, 11):
        (folder / "issue.yaml").write_text(one_article(paragraphs, 0), encoding="utf-8")
        body = lay_out(folder)
        assert "funding" in body.record.placed(), paragraphs
        assert body.record.missing() == []


def expected_keys(folder: Path) -> set[str]:
    issue = load_issue(folder)
    keys = {f"article-{n}" for n in range(1, len(issue.articles) + 1)}
    keys |= {f"article-{n}/block-{m}" for n, article in enumerate(issue.articles, start=1)
             for m in range(1, len(article.body) + 1)}
    if issue.contacts:
        keys |= {f"contacts/{g}/{e}" for g, group in enumerate(issue.contacts.groups, start=1)
                 for e in range(1, len(group.entries) + 1)}
    for name in ("funding", "statistics", "editorial"):
        if getattr(issue, name):
            keys.add(name)
    if issue.statistics:
        keys |= {"statistics/table", "statistics/chart"}  # one statistic in both cases
    portraits = [s for s in issue.editorial.signers if s.photo] if issue.editorial else []
    for number in range(1, len(portraits) + 1):
        keys.add("editorial/photo" if number == 1 else f"editorial/photo-{number}")
    return keys


@pytest.mark.parametrize("case", ["sample", "small"])
def test_every_element_is_on_the_inventory_and_placed(write_issue: Callable[[str], Path],
                                                      case: str) -> None:
    folder = SAMPLE if case == "sample" else write_issue(SMALL)
    record = lay_out(folder).record
    expected = {element.key for element in record.expected}
    assert expected_keys(folder) <= expected
    assert record.missing() == []
    assert set(record.placed()) == expected


def test_a_dropped_element_is_an_error_at_its_line(write_issue: Callable[[str], Path],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_issue(SMALL)
    # A pull quote that is never drawn: what a lost flowable looks like.
    monkeypatch.setattr(flowables.GridBlock, "draw", lambda self: None)
    with pytest.raises(IssueError) as caught:
        build_issue(folder, folder / "n.pdf")
    message = caught.value.format_message()
    line = next(n for n, text in enumerate((folder / "issue.yaml").read_text().splitlines(),
                                           start=1) if "quote:" in text)
    assert f"issue.yaml:{line}:" in message
    assert "quote (block 2 of article 2) is missing from the pages" in message
    assert "photo (block 4 of article 1) is missing" in message
    assert not (folder / "n.pdf").exists()


def test_a_page_wide_photo_that_ends_the_articles_is_not_left_behind(
        write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    # The photo does not fit under the text and waits for the next page; no
    # text follows it, so that page must still come.
    for paragraphs in (4, 5, 6):
        text = one_article(paragraphs, 0).replace(
            "funding:", "      - photo: team.jpg\n        width: page\n"
                        "        caption: Das Team am Ende\nfunding:")
        folder = write_issue(text)
        Image.new("RGB", (600, 300), (20, 120, 200)).save(folder / "zweites-logo.png")
        result = build_issue(folder, tmp_path / f"{paragraphs}.pdf")
        texts = page_texts(PdfReader(result.output))
        assert any("Das Team am Ende" in t for t in texts), paragraphs
        assert any(NOTICE in t for t in texts), paragraphs

