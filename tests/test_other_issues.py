"""Issues other than the sample: nothing may be hard-wired to Newsletter 2/22."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Name
from pypdf import PdfReader

from layout.build import build_issue
from layout.covers import render_front
from layout.errors import IssueError
from layout.fonts import register_fonts
from layout.load import load_issue
from layout.styles import make_styles
from layout.theme import DEFAULT

from .pdftext import document_text, images, page_texts, squeeze
from .test_gallery import Char, outside_trim, overprints, read_pages, runs
from .test_tagging import check_parent_tree, check_sequences

SMALL = textwrap.dedent("""\
    newsletter: Rundbrief
    number: 1/23
    theme: Ankommen in Beispielstadt
    date: 2023-03-01
    publisher: Stadt Beispielstadt · Integrationsbüro
    language: de-DE
    cover:
      front: none
      back: none
    print:
      binding: none
    articles:
      - section: Aus dem Rathaus
        title: Sprachcafé öffnet im März
        standfirst: Jeden Dienstag treffen sich Neuzugewanderte und Nachbar:innen.
        body:
          - Das Sprachcafé im Stadtteilzentrum öffnet am 7. März. **Alle** sind willkommen.
          - subhead: Wer macht mit?
          - Ehrenamtliche aus drei Vereinen begleiten die Gespräche. Олена Шевченко
            moderiert die ukrainische Runde.
          - photo: team.jpg
            caption: Das Team des Sprachcafés
            credit: "Foto: Stadt Beispielstadt"
            alt: Vier Ehrenamtliche an einem Tisch im Sprachcafé
      - section: Termine
        title: Beratung jetzt auch am Samstag
        body:
          - Die Migrationsberatung ist ab April auch samstags von 9 bis 12 Uhr geöffnet.
          - quote: Wir wollen da sein, wenn die Menschen Zeit haben.
            by: Amtsleitung
      - title: Neue Broschüre
        body:
          - Die Broschüre "Willkommen" liegt in sechs Sprachen aus -- Fragen an
            info@beispielstadt.example... oder im Büro.
    funding:
      text: Gefördert aus Mitteln des Landes.
      funders:
        - name: Landesministerium für Beispiele
      position: every-page
    next_issue: Die nächste Ausgabe erscheint im Juni 2023
    imprint:
      heading: Impressum
      text: Herausgeber ist die Stadt Beispielstadt.
    """)


def test_a_small_issue_without_interview_or_chart(write_issue: Callable[[str], Path],
                                                  tmp_path: Path) -> None:
    result = build_issue(write_issue(SMALL), tmp_path / "out.pdf")
    reader = PdfReader(result.output)
    text = document_text(reader)
    flat = squeeze(text)
    for sentence in ("Das Sprachcafé im Stadtteilzentrum öffnet am 7. März.",
                     "Олена Шевченко moderiert die ukrainische Runde.",
                     "Die Migrationsberatung ist ab April auch samstags",
                     "Wir wollen da sein, wenn die Menschen Zeit haben.",
                     "Herausgeber ist die Stadt Beispielstadt.",
                     "Die nächste Ausgabe erscheint im Juni 2023"):
        assert squeeze(sentence).casefold() in flat.casefold(), sentence
    assert [item.title for item in reader.outline][:2] == [
        "Aus dem Rathaus: Sprachcafé öffnet im März", "Termine: Beratung jetzt auch am Samstag"]
    # no covers: the first page is the masthead page, numbered 1
    assert page_texts(reader)[0].lstrip().startswith("Rundbrief")
    # the funding notice stands on every page
    assert all("Gefördert aus Mitteln des Landes." in t for t in page_texts(reader))
    assert result.pages == len(reader.pages)


def test_typed_quotes_and_dashes_are_set(write_issue: Callable[[str], Path],
                                         tmp_path: Path) -> None:
    reader = PdfReader(build_issue(write_issue(SMALL), tmp_path / "out.pdf").output)
    text = " ".join(document_text(reader).split())
    assert "Die Broschüre „Willkommen“ liegt in sechs Sprachen aus – Fragen" in text
    assert "info@beispielstadt.example… oder im Büro." in text
    assert '"' not in text and "--" not in text


def test_a_designers_cover_is_used_instead(write_issue: Callable[[str], Path],
                                          tmp_path: Path) -> None:
    folder = write_issue(SMALL)
    register_fonts()
    issue = load_issue(folder)
    designed = render_front(issue, DEFAULT, make_styles(DEFAULT, "de-DE"), [])
    (folder / "titel.pdf").write_bytes(designed)
    text = SMALL.replace("  front: none", "  front: titel.pdf")
    (folder / "issue.yaml").write_text(text, encoding="utf-8")
    output = build_issue(folder, tmp_path / "out.pdf").output
    reader = PdfReader(output)
    assert "Rundbrief" in page_texts(reader)[0]
    assert images(reader.pages[0]) == []  # the designer's page, not a generated cover photo
    # the inside pages are numbered after the cover
    assert "2" in [line.strip() for line in page_texts(reader)[1].splitlines()]
    # the digital edition stays tagged: the designer's page is one figure, read first
    with pikepdf.open(output) as pdf:
        check_parent_tree(pdf)
        check_sequences(pdf)
        first = pdf.Root.StructTreeRoot.K.K[0]
        assert (first.S, first.Pg.objgen) == (Name.Figure, pdf.pages[0].obj.objgen)
        assert str(first.Alt) == f"Titelseite: {issue.newsletter} {issue.number}"
        assert pdf.open_metadata()["pdfuaid:part"] == "1"


def test_small_issue_builds_strictly(write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    result = build_issue(write_issue(SMALL), tmp_path / "out.pdf", strict=True)
    assert result.report.defects == []


def test_a_front_cover_without_photo_is_a_field_of_the_brand_colour(
        write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    """Where the photo would stand, the band goes on: the page's middle is the
    brand colour (not two thirds of white paper), the name stands low in the
    field, and the report has nothing to say about it."""
    from layout.proof import render_pages

    text = SMALL.replace("  front: none", "  front: generated")
    assert text != SMALL
    result = build_issue(write_issue(text), tmp_path / "out.pdf")
    cover = render_pages(result.output, 20)[0]
    width, height = cover.size
    edge = width - 3  # right of any text
    brand = cover.getpixel((edge, height // 10))
    assert sum(brand) < 3 * 200  # a colour, not paper
    for y in (0.3, 0.5, 0.65):
        assert cover.getpixel((edge, int(height * y))) == brand
    assert cover.getpixel((edge, int(height * 0.9))) == (255, 255, 255)
    assert not any("photo" in note for note in result.report.notes)
    assert "Rundbrief" in PdfReader(result.output).pages[0].extract_text()


# -- page numbers of moved articles ---------------------------------------------

#: Titles without digits, so that a page number after one is read unambiguously.
TITLES = ("Frühjahrsputz im Quartier", "Neue Wege in den Beruf", "Sprachcafé mit Gästen",
          "Ein Garten für alle", "Beratung am Samstag", "Familien im Gespräch",
          "Sport verbindet", "Rückblick auf das Sommerfest")
FILLER = ("Die Beratungsstelle im Rathaus hilft bei Anträgen, Wohnungssuche und Sprachkursen; "
          "sie vermittelt Dolmetscherinnen und begleitet zu Ämtern, wenn es nötig ist.")


def eight_articles(words: int = 250) -> str:
    lines = ["newsletter: Rundbrief", "number: 2/23", "theme: Acht Artikel",
             "date: 2023-06-01", "publisher: Stadt Beispielstadt", "print:",
             "  binding: none", "articles:"]
    vocabulary = FILLER.split()
    for number, title in enumerate(TITLES):
        text = " ".join(vocabulary[(number + i) % len(vocabulary)] for i in range(words))
        paragraphs = [" ".join(text.split()[i:i + 50]) for i in range(0, words, 50)]
        lines += [f"  - section: Teil {number + 1}", f"    title: {title}", "    body:"]
        lines += [f"      - {paragraph}" for paragraph in paragraphs]
    return "\n".join(lines) + "\n"


def title_pages(reader: PdfReader) -> dict[str, int]:
    """The page (from 1) each title is printed on, the cover's contents aside."""
    found: dict[str, int] = {}
    for number, text in enumerate(page_texts(reader)[1:], start=2):
        for title in TITLES:
            if squeeze(title) in squeeze(text):
                found.setdefault(title, number)
    return found


def test_contents_and_bookmarks_give_the_page_the_title_is_on(
        write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    """An article moved to a new page (its title kept with its first lines) is
    listed with the page it moved to (issue 12: articles listed a page early)."""
    reader = PdfReader(build_issue(write_issue(eight_articles()), tmp_path / "n.pdf").output)
    printed = title_pages(reader)
    assert set(printed) == set(TITLES)
    cover = page_texts(reader)[0]
    listed = {title: int(re.search(re.escape(title) + r"\s*(\d+)", cover)[1])  # type: ignore[index]
              for title in TITLES}
    assert listed == printed
    marks = {item.title.split(": ", 1)[1]: reader.get_destination_page_number(item) + 1
             for item in reader.outline}
    assert marks == printed
    # several articles must have been moved for the test to mean anything
    moved = [t for t in TITLES if printed[t] != printed[TITLES[0]]]
    assert len(set(printed.values())) >= 4 and moved


# -- furniture that adapts to its text ------------------------------------------


def set_size(capital: Char) -> float:
    """The size a capital letter is printed at, from the height of its glyph
    (PDF font sizes do not tell the scale of a box set smaller)."""
    return (capital.box[3] - capital.box[1]) / 0.7


def test_forty_articles_are_listed_in_two_columns(write_issue: Callable[[str], Path],
                                                  tmp_path: Path) -> None:
    articles = "".join(
        f"  - section: Kurz\n    title: Meldung {chr(65 + n % 26)}{chr(97 + n // 26)}\n"
        f"    body:\n      - Eine kurze Meldung, damit die Seite sich füllt.\n"
        for n in range(40))
    text = SMALL.split("cover:")[0] + "print:\n  binding: none\narticles:\n" + articles
    result = build_issue(write_issue(text), tmp_path / "n.pdf")
    cover = read_pages(result.output)[0]
    titles = [run for run in runs(cover) if "".join(c.text for c in run).startswith("Meldung")]
    assert len(titles) == 40
    assert min(set_size(run[0]) for run in titles) >= DEFAULT.floors.contents - 0.2
    assert len({round(run[0].box[0]) for run in titles}) == 2  # in two columns
    assert outside_trim(cover) == "" and overprints(cover) == []
    flat = squeeze(page_texts(PdfReader(result.output))[0])
    assert all(f"Meldung{chr(65 + n % 26)}{chr(97 + n // 26)}" in flat for n in range(40))


def test_contents_that_never_fit_are_a_clear_error(write_issue: Callable[[str], Path]) -> None:
    articles = "".join(f"  - section: Aus den Ortsteilen und Gemeinden\n"
                       f"    title: Eine lange Überschrift für die Meldung Nummer {n}\n"
                       f"    body:\n      - Text.\n" for n in range(60))
    text = SMALL.split("cover:")[0] + "print:\n  binding: none\narticles:\n" + articles
    with pytest.raises(IssueError) as caught:
        build_issue(write_issue(text))
    message = caught.value.format_message()
    assert "the contents do not fit the front cover, even at 8 pt in two columns" in message
    assert "of the 60 entries fit" in message
    assert "issue.yaml:10:3:" in message  # where the articles begin


def test_contacts_beyond_the_floor_are_a_clear_error(write_issue: Callable[[str], Path]) -> None:
    entries = "".join(f"        - {{label: Ort {n}, phone: 0341/{n:07d}}}\n" for n in range(120))
    text = (SMALL + "contacts:\n  groups:\n    - title: Beratung\n      entries:\n" + entries
            + "editorial:\n  text: Ein kurzes Editorial.\n")
    with pytest.raises(IssueError) as caught:
        build_issue(write_issue(text))
    (problem,) = caught.value.diagnostics
    assert problem.position and problem.position.line == text.splitlines().index("contacts:") + 2
    assert "the contacts do not fit the sidebar of the opening page, even at 7 pt" in (
        problem.message)
    assert "of the 120 entries fit" in problem.message


def test_contacts_are_set_smaller_down_to_the_floor(write_issue: Callable[[str], Path],
                                                   tmp_path: Path) -> None:
    entries = "".join(f"        - {{label: Ort {n}, phone: 0341/{n:07d}}}\n" for n in range(38))
    text = (SMALL + "contacts:\n  groups:\n    - title: Beratung\n      entries:\n" + entries
            + "editorial:\n  text: Ein kurzes Editorial.\n")
    result = build_issue(write_issue(text), tmp_path / "n.pdf")
    page = read_pages(result.output)[0]
    labels = [run[0] for run in runs(page) if "".join(c.text for c in run).startswith("Ort")]
    sizes = [set_size(char) for char in labels]
    assert len(labels) == 38 and min(sizes) >= DEFAULT.floors.sidebar - 0.2
    assert max(sizes) < DEFAULT.type.sidebar[0] - 0.2  # set smaller, as far as needed
    assert "0341 0000037" in page_texts(PdfReader(result.output))[0]  # the national form
    assert any("sidebar" in defect for defect in result.report.defects)
    assert overprints(page) == []


def test_a_name_too_long_for_any_size_names_the_element(
        write_issue: Callable[[str], Path]) -> None:
    name = "Informationsdienst der Arbeitsgemeinschaft " * 4
    text = SMALL.replace("newsletter: Rundbrief", f"newsletter: {name.strip()}")
    with pytest.raises(IssueError) as caught:
        build_issue(write_issue(text))
    (problem,) = caught.value.diagnostics
    assert problem.position and (problem.position.line, problem.position.column) == (1, 13)
    assert problem.message.startswith("the newsletter's name and number: too long for the "
                                      "masthead even at 22 pt on 3 line(s), by about ")


@pytest.mark.parametrize("front", ["generated", "none"])
def test_long_names_wrap_and_step_down_but_stay_on_the_page(
        write_issue: Callable[[str], Path], tmp_path: Path, front: str) -> None:
    text = (SMALL.replace("newsletter: Rundbrief", "newsletter: Netzwerk-Newsletter")
            .replace("number: 1/23", "number: Ausgabe 10/2021")
            .replace("theme: Ankommen in Beispielstadt",
                     "theme: Teilhabe gestalten – wie Vereine, Kommunen und Ehrenamtliche "
                     "gemeinsam Zukunft schaffen, Tag für Tag")
            .replace("publisher: Stadt Beispielstadt · Integrationsbüro",
                     "publisher: Landesnetzwerk der Migrantenorganisationen im Beispielland e. V.")
            .replace("  front: none\n  back: none", f"  front: {front}\n  back: generated"))
    result = build_issue(write_issue(text), tmp_path / "n.pdf")
    for page in read_pages(result.output):
        assert outside_trim(page) == "", page.number
        assert overprints(page) == [], page.number
    flat = squeeze(document_text(PdfReader(result.output)))
    for part in ("Netzwerk-Newsletter", "Ausgabe 10/2021", "gemeinsam Zukunft schaffen, Tag",
                 "Landesnetzwerk der Migrantenorganisationen im Beispielland e. V."):
        assert squeeze(part) in flat


def test_no_rule_between_articles_at_the_top_of_a_page(write_issue: Callable[[str], Path],
                                                       tmp_path: Path) -> None:
    """The second page begins with an article: nothing stands above it to be
    separated from, so the rule between articles is left out there."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from layout.theme import DEFAULT

    result = build_issue(write_issue(SMALL), tmp_path / "n.pdf")
    document = pdfium.PdfDocument(str(result.output))
    try:
        page = document[1]
        assert "Neue Broschüre" in page.get_textpage().get_text_range()
        top = DEFAULT.page_height - DEFAULT.margin_top
        rules = [bounds for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])
                 if (bounds := obj.get_bounds())[2] - bounds[0] > DEFAULT.text_width * 0.9
                 and bounds[1] > top - 3 * DEFAULT.line]
    finally:
        document.close()
    assert rules == []
