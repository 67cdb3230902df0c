"""The print edition prints the theme's colours as the theme defines them.

matplotlib draws the charts in RGB: the screen equivalents of the theme's
CMYK colours (``rgb_hex``). The print edition turns those back into the
theme's own CMYK values, so that a brand blue is 100/50/20/20 and a grey is
black ink alone, not a mix the profile makes of four inks; any other RGB
colour is still separated through the output profile.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf
import pytest
from pikepdf import Name, Pdf
from PIL import Image

from layout import editions, icc, preflight
from layout.build import BuildResult
from layout.editions import EditionInfo
from layout.load import load_issue
from layout.theme import DEFAULT, Colours, cmyk, rgb_channels, rgb_hex

from . import pdftext
from .conftest import SAMPLE

Colour = tuple[float | str, ...]
THEME = DEFAULT.colours
EXACT = THEME.screen_equivalents()
#: Every CMYK value the theme defines.
THEME_CMYK = {tuple(colour.cmyk()) for colour in (
    THEME.text, THEME.brand, THEME.accent, THEME.tint, THEME.muted, THEME.rule, THEME.paper,
    *THEME.series)}


def forms(pdf: Pdf) -> Iterator[pikepdf.Object]:
    """Every form XObject the pages draw, each once (followed into forms)."""
    todo = [page.resources for page in pdf.pages]
    seen: set[tuple[int, int]] = set()
    while todo:
        resources = todo.pop(0)
        for child in resources.get("/XObject", {}).values():
            if child.get("/Subtype") == Name.Form and child.objgen not in seen:
                seen.add(child.objgen)
                yield child
                todo.append(child.get("/Resources", resources))


def colours_set(owner: pikepdf.Object, operators: tuple[str, ...]) -> list[tuple[str, Colour]]:
    """The colour operators of ``operators`` in one content stream, in order,
    with their operands (names as strings)."""
    return [(str(i.operator), tuple(str(v) if isinstance(v, Name) else round(float(v), 4)
                                    for v in i.operands))
            for i in pikepdf.parse_content_stream(owner) if str(i.operator) in operators]


def text_fills(owner: pikepdf.Object) -> set[tuple[str, Colour]]:
    """The fill colours (operator and values) text is painted in."""
    return set(pdftext.text_fills(owner))


@pytest.fixture(scope="module")
def printed_sample(sample_build: BuildResult) -> Iterator[Pdf]:
    with pikepdf.open(sample_build.print_output) as document:
        yield document


@pytest.fixture(scope="module")
def charts(printed_sample: Pdf) -> list[pikepdf.Object]:
    """The forms of the sample: its statistics chart, stamped into a page."""
    found = list(forms(printed_sample))
    assert found and all(text_fills(chart) for chart in found)  # charts, with axis text
    return found


@pytest.fixture(scope="module")
def info() -> EditionInfo:
    return EditionInfo("Colours", "Test", "", (), "de-DE", load_issue(SAMPLE).date)


def small_document(content: bytes) -> bytes:
    """One page of ``content``, with Helvetica as /F1."""
    document = pikepdf.new()
    page = document.add_blank_page()
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(
        Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)))
    page.Contents = document.make_stream(content)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def page_colours(pdf: bytes) -> list[tuple[str, Colour]]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return colours_set(document.pages[0].obj, ("g", "G", "rg", "RG", "k", "K", "cs", "sc"))


def separated(rgb: tuple[int, int, int]) -> Colour:
    """``rgb`` through sRGB to FOGRA39, as the profiles separate it (not the editions)."""
    transform = icc.transform(icc.srgb_profile(), icc.fogra39_profile(), "RGB", "CMYK")
    return tuple(round(v / 255, 4) for v in transform.apply(Image.new("RGB", (1, 1), rgb))
                 .tobytes())


def rgb_operands(rgb: tuple[int, int, int]) -> bytes:
    """``rgb`` (0-255) as matplotlib writes it in a content stream."""
    return " ".join(f"{v / 255:.4f}".rstrip("0").rstrip(".") or "0" for v in rgb).encode()


# -- the sample ----------------------------------------------------------------------

def test_chart_series_print_as_the_themes_cmyk_values(charts: list[pikepdf.Object]) -> None:
    [statistics] = load_issue(SAMPLE).statistics
    wanted = {tuple(colour.cmyk()) for colour in THEME.series[:len(statistics.series)]}
    fills = {values for chart in charts for _, values in colours_set(chart, ("k",))}
    assert wanted <= fills
    painted = {values for chart in charts for _, values in colours_set(chart, ("k", "K"))}
    assert painted <= THEME_CMYK, painted - THEME_CMYK  # nothing but the theme's own values


def test_chart_axis_text_is_black_ink_only(charts: list[pikepdf.Object]) -> None:
    fills = {fill for chart in charts for fill in text_fills(chart)}
    assert fills == {("k", tuple(THEME.text.cmyk()))}  # 0/0/0/100, not a rich black


def test_chart_greys_print_in_black_ink_at_the_themes_tone(
        charts: list[pikepdf.Object]) -> None:
    """matplotlib writes greys with ``g``/``G``: the rule's and the muted
    grey's come back as the theme's 30 % and 65 % black, not 30.2 and 65.1."""
    strokes = {values for chart in charts for _, values in colours_set(chart, ("K",))}
    assert {tuple(THEME.rule.cmyk()), tuple(THEME.muted.cmyk())} <= strokes
    assert all(c == m == y == 0 for c, m, y, _ in strokes)


def test_print_edition_of_the_sample_sets_no_rgb(printed_sample: Pdf) -> None:
    owners = [page.obj for page in printed_sample.pages] + list(forms(printed_sample))
    for owner in owners:
        for instruction in pikepdf.parse_content_stream(owner):
            op = str(instruction.operator)
            assert op not in ("rg", "RG")
            if op in ("cs", "CS"):
                assert instruction.operands[0] != Name.DeviceRGB
        group = owner.get("/Group", pikepdf.Dictionary())
        assert group.get("/CS") != Name.DeviceRGB


def test_the_sample_print_edition_passes_preflight(sample_build: BuildResult) -> None:
    assert preflight.check_print(sample_build.print_output.read_bytes()) == []


# -- the rule, on small documents -------------------------------------------------------

def test_theme_colours_and_near_ones_take_the_theme_values(info: EditionInfo) -> None:
    brand, accent = rgb_channels(THEME.brand), rgb_channels(THEME.accent)
    near = (brand[0] + 1, brand[1] - 1, brand[2] + 1)  # 1/255 off in each channel
    source = small_document(
        rgb_operands(brand) + b" rg " + rgb_operands(near) + b" RG "
        + b"/DeviceRGB cs " + rgb_operands(accent) + b" sc 0.4 g 0 G")
    printed = editions.print_edition(source, info, exact_colours=EXACT)
    assert page_colours(printed) == [
        ("k", (1.0, 0.5, 0.2, 0.2)), ("K", (1.0, 0.5, 0.2, 0.2)),
        ("cs", ("/DeviceCMYK",)), ("sc", (0.0, 0.6, 1.0, 0.0)),
        ("k", (0.0, 0.0, 0.0, 0.6)),  # series grey: 60 % black
        ("K", (0.0, 0.0, 0.0, 1.0))]  # text black


def test_other_rgb_colours_are_separated_through_the_profile(info: EditionInfo) -> None:
    brand = rgb_channels(THEME.brand)
    other = (51, 178, 77)
    farther = (brand[0], brand[1] + 2, brand[2])  # 2/255 off: not the brand colour
    source = small_document(rgb_operands(other) + b" rg " + rgb_operands(farther) + b" RG "
                            + b"0.5 g")
    printed = editions.print_edition(source, info, exact_colours=EXACT)
    plain = editions.print_edition(source, info)
    assert page_colours(printed) == page_colours(plain) == [
        ("k", separated(other)), ("K", separated(farther)),
        ("g", (0.5,))]  # a grey no theme colour has stays DeviceGray


def test_through_the_profile_alone_the_brand_blue_would_be_a_mix(info: EditionInfo) -> None:
    """What the theme's colours are for: the profile makes another blue of it."""
    source = small_document(rgb_operands(rgb_channels(THEME.brand)) + b" rg")
    [(_, separated_blue)] = page_colours(editions.print_edition(source, info))
    assert separated_blue != tuple(THEME.brand.cmyk())
    [(_, exact_blue)] = page_colours(editions.print_edition(source, info, exact_colours=EXACT))
    assert exact_blue == tuple(THEME.brand.cmyk())


def test_print_edition_with_theme_colours_is_reproducible(info: EditionInfo) -> None:
    source = small_document(rgb_operands(rgb_channels(THEME.brand)) + b" rg 0.4 g")
    first = editions.print_edition(source, info, exact_colours=EXACT)
    assert editions.print_edition(source, info, exact_colours=dict(EXACT)) == first


# -- the theme ---------------------------------------------------------------------------

def test_screen_equivalents_are_the_charts_rgb_of_every_theme_colour() -> None:
    assert set(map(tuple, EXACT.values())) == THEME_CMYK
    for colour in (THEME.muted, *THEME.series):
        rgb = rgb_channels(colour)
        assert "#" + bytes(rgb).hex() == rgb_hex(colour)
        assert EXACT[rgb] == tuple(colour.cmyk())


def test_of_two_colours_alike_on_screen_the_first_defined_wins() -> None:
    """A rich black series does not make the text's black rich."""

    class RichBlack(Colours):
        series = (cmyk(60, 40, 40, 100),)  # black on screen, as the text is

    assert RichBlack().screen_equivalents()[(0, 0, 0)] == (0.0, 0.0, 0.0, 1.0)
