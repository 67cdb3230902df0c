"""A publisher's house style (``style.yaml``, :mod:`layout.style`): every key
read, validated at its line, and seen in the built PDF; no style file, no change."""

from __future__ import annotations

import dataclasses
import itertools
import shutil
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from reportlab.lib.pagesizes import A5, LETTER
from reportlab.lib.units import mm

from layout import charts
from layout.build import BuildResult, build_issue, check_output
from layout.cli import main
from layout.errors import IssueError, OutputError
from layout.load import load_issue
from layout.style import find_style_file, house_style, load_style, style_files
from layout.theme import DEFAULT, cmyk

from .conftest import FOLDERS, SAMPLE, Built
from .pdftext import fonts, images, text_fills
from .test_gallery import read_pages

VEREIN = FOLDERS["verein"].parent.parent
SPENDEN = FOLDERS["spendenbrief"].parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the charity's issue, its fonts and logo, and no style yet."""
    root = tmp_path / "verlag"
    shutil.copytree(FOLDERS["spendenbrief"], root / "issues" / "2026-herbst")
    shutil.copytree(VEREIN / "fonts", root / "fonts")
    shutil.copytree(VEREIN / "assets", root / "assets")
    return root


def check(project: Path, style: str, *options: str) -> tuple[int, list[str]]:
    """``newsletter check`` of the project's issue with ``style`` as its style file."""
    (project / "style.yaml").write_text(style, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", *options, str(project / "issues" / "2026-herbst")])
    assert "Traceback" not in result.output
    return result.exit_code, result.output.splitlines()


def first_problem(lines: list[str]) -> str:
    """The first diagnostic, from the style file's name on."""
    line = next(line for line in lines if "style.yaml:" in line)
    return line[line.index("style.yaml:"):]


# -- finding and reading the style file --------------------------------------------


def test_the_project_is_the_folder_holding_issues() -> None:
    assert find_style_file(FOLDERS["verein"]) == VEREIN / "style.yaml"
    assert find_style_file(FOLDERS["verein"] / "issue.yaml") == VEREIN / "style.yaml"


def test_without_a_style_file_the_design_is_the_engines() -> None:
    assert find_style_file(SAMPLE) is None
    assert house_style(SAMPLE) is DEFAULT
    assert house_style(FOLDERS["netzwerk"]) is DEFAULT


def test_a_style_file_all_commented_out_changes_nothing(project: Path) -> None:
    (project / "style.yaml").write_text("# colours:\n#   brand: 100 0 0 0\n", encoding="utf-8")
    assert load_style(project / "style.yaml") is DEFAULT


def test_the_sample_builds_the_same_with_the_default_theme_given(
        sample_build: BuildResult, tmp_path: Path) -> None:
    """No style file: the theme the build chooses is today's, to the byte."""
    again = build_issue(SAMPLE, tmp_path / sample_build.output.name, theme=DEFAULT)
    assert again.output.read_bytes() == sample_build.output.read_bytes()
    assert again.print_output.read_bytes() == sample_build.print_output.read_bytes()


# -- validation ---------------------------------------------------------------------


@pytest.mark.parametrize(("style", "expected"), [
    ("colours:\n  brnad: 100 0 0 0\n",
     "style.yaml:2:3: error: unknown field 'brnad' in colours of the style file"),
    ("colours:\n  brand: '#1f6f43'\n",
     "style.yaml:2:10: error: 'brand' in colours of the style file must be a CMYK colour "
     "such as '100 0 80 0', not '#1f6f43'"),
    ("colours:\n  brand: {cmyk: 100 0 0 0, screen: green}\n",
     "style.yaml:2:36: error: the screen colour must be written '#rrggbb', not 'green'"),
    ("page:\n  size: A3\n",
     "style.yaml:2:9: error: 'size' in page of the style file must be one of A4, A5, letter, "
     "not 'A3'"),
    ("page: {size: A5}\ncolumns: 3\n",
     "style.yaml:2:10: error: three columns do not fit an A5 page: they would be some 35 mm "
     "narrow"),
    ("columns: 4\n", "style.yaml:1:10: error: 'columns' must be 2 or 3, not 4"),
    ("type:\n  body: {size: 9, leading: 8}\n",
     "style.yaml:2:28: error: the leading (8 pt) must be at least the size (9 pt)"),
    ("page:\n  margins: {top: 2}\n",
     "style.yaml:2:18: error: the top margin must be between 5 and 50 mm, not 2"),
    ("masthead:\n  logo: logo.jpg\n",
     "style.yaml:2:9: error: 'logo' in masthead of the style file: file 'logo.jpg' not found in"),
    ("fonts:\n  serif:\n    regular: STIXGeneral.otf\n",
     "style.yaml:3:14: error: 'regular' in family of fonts of the style file: font file "
     "'STIXGeneral.otf' not found in"),
    ("fonts:\n  serif:\n    regular: LICENSE_STIX\n",
     "style.yaml:3:14: error: 'regular' in family of fonts of the style file: 'LICENSE_STIX' is "
     "not a font the engine can embed"),
])
def test_a_mistake_is_reported_at_its_line_with_what_to_do(project: Path, style: str,
                                                           expected: str) -> None:
    status, lines = check(project, style)
    assert status == 1
    assert first_problem(lines).startswith(expected)


def test_a_misspelt_key_gets_a_suggestion(project: Path) -> None:
    _status, lines = check(project, "colours:\n  acent: 0 60 100 0\n")
    assert "  hint: did you mean 'accent'?" in lines


def test_problems_of_the_style_and_the_issue_are_reported_together(project: Path) -> None:
    issue = project / "issues" / "2026-herbst" / "issue.yaml"
    issue.write_text(issue.read_text(encoding="utf-8").replace("newsletter:", "newsleter:"),
                     encoding="utf-8")
    status, lines = check(project, "colurs: {}\n")
    assert status == 1
    assert any("unknown field 'colurs'" in line for line in lines)
    assert any("unknown field 'newsleter'" in line for line in lines)


def test_a_missing_font_face_is_a_warning_and_fails_strict(project: Path) -> None:
    style = "fonts:\n  serif:\n    regular: STIXGeneral.ttf\n    bold: STIXGeneralBol.ttf\n"
    status, lines = check(project, style)
    assert status == 0
    assert any("the serif fonts have no italic face: the regular one is used for it" in line
               for line in lines)
    assert check(project, style, "--strict")[0] == 1


def test_the_style_files_are_inputs_the_output_may_not_overwrite(project: Path) -> None:
    """The style file, its fonts and its logo are what the build reads: the
    output may not be written over one of them (here: a logo named .pdf)."""
    shutil.copy(project / "assets" / "logo.png", project / "assets" / "logo.pdf")
    (project / "style.yaml").write_text(
        "masthead: {logo: logo.png}\nfonts:\n  sans: {regular: STIXGeneral.ttf}\n",
        encoding="utf-8")
    theme = load_style(project / "style.yaml")
    assert set(style_files(theme)) == {project / "style.yaml", project / "assets" / "logo.png",
                                       project / "fonts" / "STIXGeneral.ttf"}
    source = project / "issues" / "2026-herbst"
    check_output(source, project / "elsewhere.pdf", theme=theme)
    logo = dataclasses.replace(theme, logo=project / "assets" / "logo.pdf")
    with pytest.raises(OutputError):
        check_output(source, project / "assets" / "logo.pdf", theme=logo)


# -- each key seen in the PDF ----------------------------------------------------------


def _page_sizes(path: Path) -> set[tuple[float, float]]:
    return {(round(float(p.trimbox.width), 1), round(float(p.trimbox.height), 1))
            for p in PdfReader(path).pages}


def test_page_size(gallery: dict[str, Built]) -> None:
    assert _page_sizes(gallery["spendenbrief"].result.output) == {
        (round(A5[0], 1), round(A5[1], 1))}
    assert _page_sizes(gallery["verein"].result.output) == {(595.3, 841.9)}


def test_letter_and_margins(project: Path, tmp_path: Path) -> None:
    (project / "style.yaml").write_text(
        "page:\n  size: letter\n  margins: {inner: 25, outer: 15}\n", encoding="utf-8")
    result = build_issue(project / "issues" / "2026-herbst", tmp_path / "out" / "l.pdf",
                         strict=True)
    assert _page_sizes(result.output) == {(round(LETTER[0], 1), round(LETTER[1], 1))}
    page = read_pages(result.output)[2]  # the article, a right-hand page (page 3)
    left = min(char.x for char in page.chars if char.upright)
    assert left == pytest.approx(25 * mm, abs=0.5)


def _columns(built: Built, page: int) -> int:
    """How many columns the body text of ``page`` (from 1) stands in: the
    distinct left edges of its text lines, counted where many lines start."""
    page_chars = read_pages(built.result.output)[page - 1]
    starts = Counter(round(chars[0].x) for chars in _lines(page_chars))
    return sum(count >= 4 for count in starts.values())


def _lines(page: object) -> list[list[object]]:
    from .test_gallery import runs

    return runs(page)  # type: ignore[arg-type]


def test_columns(gallery: dict[str, Built]) -> None:
    assert _columns(gallery["verein"], 3) == 3
    assert _columns(gallery["spendenbrief"], 3) == 2
    assert _columns(gallery["netzwerk"], 3) == 2


def test_body_type_sets_the_grid(gallery: dict[str, Built]) -> None:
    """The body's baselines stand its leading apart: 12 pt in the charity's style."""
    page = read_pages(gallery["spendenbrief"].result.output)[2]
    body = sorted({round(c.y, 2) for c in page.chars if c.upright and round(c.size, 1) == 9.0},
                  reverse=True)
    steps = Counter(round(a - b, 1) for a, b in itertools.pairwise(body))
    assert steps.most_common(1)[0][0] == 12.0


def _fills(path: Path, page: int) -> set[tuple[str, tuple[float, ...]]]:
    """The fill colours of ``page`` (from 1), text and areas."""
    with pikepdf.open(path) as pdf:
        found = set()
        for instruction in pikepdf.parse_content_stream(pdf.pages[page - 1]):
            if str(instruction.operator) in ("k", "rg", "g"):
                found.add((str(instruction.operator),
                           tuple(round(float(v), 3) for v in instruction.operands)))
        return found


def test_colours_print_as_given(gallery: dict[str, Built]) -> None:
    spenden = gallery["spendenbrief"].result.print_output
    masthead = _fills(spenden, 2)
    assert ("k", (0.1, 0.95, 0.85, 0.15)) in masthead  # the brand, the masthead's band
    cover = _fills(spenden, 1) | _fills(spenden, len(PdfReader(spenden).pages))
    assert ("k", (0.2, 1.0, 0.9, 0.35)) in cover  # the cover's band
    with pikepdf.open(spenden) as pdf:
        texts = set(text_fills(pdf.pages[0]))
    assert ("k", (0.0, 0.03, 0.12, 0.0)) in texts  # the cover's text


def test_a_given_screen_colour_draws_the_chart_and_prints_as_its_cmyk(
        gallery: dict[str, Built]) -> None:
    theme = house_style(FOLDERS["verein"])
    brand = cmyk(85, 10, 80, 40)
    assert theme.colours.brand.cmyk() == brand.cmyk()
    assert theme.colours.rgb(brand) == (0x1F, 0x6F, 0x43)
    exact = charts.exact_colours(theme, gallery["verein"].issue)
    assert exact[(0x1F, 0x6F, 0x43)] == pytest.approx(tuple(brand.cmyk()))
    palette = [tuple(c.cmyk()) for c in theme.colours.series[:4]]
    assert palette[1] == pytest.approx((0.45, 0, 0.7, 0))


def test_a_given_screen_colour_is_the_digital_editions(gallery: dict[str, Built]) -> None:
    """The digital edition shows the brand's bands in the screen green the
    design manual gives, not in the profile's conversion of its CMYK."""
    digital = gallery["verein"].result.output
    fills = _fills(digital, 2) | _fills(digital, 1)
    assert ("rg", (round(0x1F / 255, 3), round(0x6F / 255, 3), round(0x43 / 255, 3))) in fills


def test_house_fonts_are_embedded_and_used_by_the_chart(gallery: dict[str, Built]) -> None:
    names = {str(font.get("/BaseFont")) for font in fonts(PdfReader(
        gallery["verein"].result.output))}
    assert {n.split("+")[-1] for n in names} >= {"/STIXGeneral-Regular".lstrip("/"),
                                                 "STIXGeneral-Bold", "STIXGeneral-Italic"}
    stix = [font for font in fonts(PdfReader(gallery["verein"].result.output))
            if "STIX" in str(font.get("/BaseFont")) and "/FontDescriptor" in font]
    assert stix and all("/FontFile2" in font["/FontDescriptor"] for font in stix)  # embedded
    theme = house_style(FOLDERS["verein"])
    assert theme.serif != "Serif" and theme.sans == "Sans"  # the engine's stay registered


def test_the_logo_stands_in_the_masthead(gallery: dict[str, Built]) -> None:
    reader = PdfReader(gallery["verein"].result.output)
    sizes = {(int(i["/Width"]), int(i["/Height"])) for i in images(reader.pages[1])}
    assert any(abs(w / h - 640 / 260) < 0.02 for w, h in sizes)
    none = PdfReader(gallery["spendenbrief"].result.output)
    assert not any(abs(int(i["/Width"]) / int(i["/Height"]) - 640 / 260) < 0.02
                   for i in images(none.pages[1]))


def test_a_changed_style_is_a_new_chart(gallery: dict[str, Built]) -> None:
    stats = gallery["verein"].issue.statistics[0]
    theme = house_style(FOLDERS["verein"])
    other = load_issue(FOLDERS["verein"])  # the same data
    assert charts._name(stats, theme, 100, 100, "de-DE") != charts._name(
        stats, DEFAULT, 100, 100, "de-DE")
    assert charts._name(other.statistics[0], theme, 100, 100, "de-DE") == charts._name(
        stats, theme, 100, 100, "de-DE")


def test_characters_the_house_fonts_lack_are_set_in_the_engines(project: Path,
                                                                tmp_path: Path) -> None:
    """STIX General has no Ș (Romanian S with comma): a warning names it at
    the text's line, and it prints from PT Serif, added to the house font."""
    (project / "style.yaml").write_text(
        "fonts:\n  serif:\n    regular: STIXGeneral.ttf\n    bold: STIXGeneralBol.ttf\n"
        "    italic: STIXGeneralItalic.ttf\n    bold_italic: STIXGeneralBolIta.ttf\n",
        encoding="utf-8")
    issue = project / "issues" / "2026-herbst" / "issue.yaml"
    issue.write_text(issue.read_text(encoding="utf-8").replace(
        "vor einem Jahr haben wir", "vor einem Jahr haben Ștefan und wir"), encoding="utf-8")
    with pytest.raises(IssueError) as raised:
        build_issue(issue.parent, tmp_path / "out" / "x.pdf", strict=True)
    message = raised.value.format_message()
    assert "issue.yaml:" in message
    assert "the house style's fonts have no Ș: they are set in the engine's fonts" in message
    result = build_issue(issue.parent, tmp_path / "out" / "x.pdf")
    drawn = [c for c in read_pages(result.output)[1].chars if c.text == "Ș"]
    assert drawn and drawn[0].box[3] - drawn[0].box[1] > 5  # a glyph, not an empty box
    names = {str(font.get("/BaseFont")) for font in fonts(PdfReader(result.output))}
    assert any(name.endswith("STIXGeneral-Regular-F" + name[-8:]) for name in names)


def test_a_house_style_builds_the_same_bytes_anywhere(gallery: dict[str, Built], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The project copied into a deeper folder, built without the cache: the
    same editions (fonts named by their files' digest, the logo by its bytes)."""
    copy = tmp_path / "a longer folder" / "verein"
    shutil.copytree(VEREIN, copy)
    monkeypatch.setenv("NEWSLETTER_CACHE", "off")
    built = gallery["verein"].result
    again = build_issue(copy / "issues" / FOLDERS["verein"].name, tmp_path / "out" / "v.pdf")
    assert again.output.read_bytes() == built.output.read_bytes()
    assert again.print_output.read_bytes() == built.print_output.read_bytes()
