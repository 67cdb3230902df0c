"""Chart kinds, series colours and value labels, judged from the chart's PDF.

Each kind (stacked, grouped and horizontal bars, lines) is drawn and read
back: its value axis counts evenly, its bars are painted in the theme's or the
editor's colour, every category is printed whole inside the chart; the print
edition sets an editor's colour as its exact CMYK; a colour the loader cannot
read is an error at its line.
"""

from __future__ import annotations

import datetime
import io
import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from layout import charts, editions
from layout.charts import chart_size, exact_colours, render_chart, screen_colours, series_colours
from layout.editions import EditionInfo
from layout.errors import IssueError
from layout.load import load_issue
from layout.model import CMYK, Series, Statistics
from layout.theme import DEFAULT, cmyk, rgb_channels

from .test_charts import as_numbers, char_boxes, chart_text, y_axis_labels
from .test_load import MINIMAL

KINDS = ("stacked-bars", "grouped-bars", "horizontal-bars", "lines")
GREEN = CMYK((70.0, 0.0, 100.0, 0.0))
PARTIES = ("CDU", "SPD", "Bündnis 90/Die Grünen",
           "Freie Wählergemeinschaft Musterstadt-Süd und Umgebung", "Die Linke", "FDP")


def draw(stats: Statistics, language: str = "de-DE") -> bytes:
    return render_chart(stats, DEFAULT, *chart_size(DEFAULT), language)


def x_axis_labels(pdf: bytes) -> list[str]:
    """The numbers under the axes of horizontal bars, left to right: those
    that stand lowest on the chart."""
    document = pdfium.PdfDocument(pdf)
    try:
        text = document[0].get_textpage()
        words = []
        for index in range(text.count_rects()):
            left, bottom, right, top = text.get_rect(index)
            word = text.get_text_bounded(left, bottom, right, top).strip()
            if re.fullmatch(r"−?[\d.,]+", word):
                words.append((bottom, left, word))
        text.close()
    finally:
        document.close()
    lowest = min(bottom for bottom, _, _ in words)
    return [word for bottom, _, word in sorted(words, key=lambda w: w[1])
            if bottom < lowest + 1]


def value_axis(stats: Statistics, language: str = "de-DE") -> list[float]:
    pdf = draw(stats, language)
    if stats.chart == "horizontal-bars":
        return as_numbers(x_axis_labels(pdf), language)
    document = pdfium.PdfDocument(pdf)
    try:
        return as_numbers(y_axis_labels(document[0]), language)
    finally:
        document.close()


def fills(pdf: bytes) -> set[tuple[int, ...]]:
    """The RGB fill colours (0-255) the chart's content stream sets (matplotlib
    writes greys with ``g``)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return {tuple(round(float(v) * 255) for v in list(i.operands) * (
                    3 if len(i.operands) == 1 else 1))
                for i in pikepdf.parse_content_stream(document.pages[0].obj)
                if str(i.operator) in ("rg", "g")}


# -- every kind ---------------------------------------------------------------------------


@pytest.mark.parametrize("chart", KINDS)
@pytest.mark.parametrize("language", ["de-DE", "en-GB"])
def test_each_kind_counts_its_value_axis_evenly_from_zero(chart: str, language: str) -> None:
    stats = Statistics("Zahlen", ("2021", "2022", "2023"),
                       (Series("Housing", (1210, 1388, 1502)),
                        Series("Benefits", (980, 1043, 1190))), chart=chart)  # type: ignore[arg-type]
    ticks = value_axis(stats, language)
    assert ticks[0] == 0 and len(ticks) >= 3, ticks
    assert len({round(b - a, 9) for a, b in itertools.pairwise(ticks)}) == 1, ticks
    top = 1502 + 1190 if chart == "stacked-bars" else 1502
    assert ticks[-1] <= top * 1.08 and ticks[-1] + ticks[1] > top * 0.6


def test_bars_is_the_older_name_of_grouped_bars() -> None:
    series = (Series("A", (3, 5)), Series("B", (4, 1)))
    assert draw(Statistics("Z", ("x", "y"), series, chart="bars")) == \
        draw(Statistics("Z", ("x", "y"), series, chart="grouped-bars"))


@pytest.mark.parametrize("chart", KINDS)
def test_series_are_painted_in_the_themes_colours_in_order(chart: str) -> None:
    stats = Statistics("Z", ("2022", "2023"), tuple(Series(f"S{n}", (n + 1, n + 2))
                                                    for n in range(4)),
                       chart=chart)  # type: ignore[arg-type]
    wanted = {rgb_channels(colour) for colour in DEFAULT.colours.series[:4]}
    assert wanted <= fills(draw(stats))


@pytest.mark.parametrize("chart", KINDS)
def test_a_series_colour_set_by_the_editor_is_painted(chart: str) -> None:
    stats = Statistics("Z", ("2022", "2023"), (Series("Grüne", (12, 15), colour=GREEN),
                                               Series("Andere", (30, 28))),
                       chart=chart)  # type: ignore[arg-type]
    painted = fills(draw(stats))
    assert rgb_channels(cmyk(*GREEN)) in painted
    assert rgb_channels(DEFAULT.colours.series[1]) in painted


def test_unset_series_do_not_repeat_a_colour_the_editor_set() -> None:
    brand = DEFAULT.colours.series[0]
    as_typed = CMYK(tuple(100 * v for v in brand.cmyk()))  # type: ignore[arg-type]
    stats = Statistics("Z", ("a",), (Series("erste", (1,)), Series("zweite", (2,), colour=as_typed),
                                     Series("dritte", (3,))))
    colours = [tuple(c.cmyk()) for c in series_colours(stats, DEFAULT)]
    assert len(set(colours)) == 3 and colours[1] == tuple(brand.cmyk())


def test_horizontal_bars_print_every_category_whole_inside_the_chart() -> None:
    stats = Statistics("Wahl", PARTIES, (Series("2024", (31.5, 22.0, 12.5, 9.8, 4.1, 3.0),
                                                 colour=GREEN),
                                         Series("2019", (33.0, 25.1, 10.2, 8.0, 6.3, 5.1))),
                       chart="horizontal-bars")
    pdf = draw(stats)
    (left, bottom, right, top), chars = char_boxes(pdf)
    assert [c for c, box in chars if box[0] < left - 0.01 or box[1] < bottom - 0.01
            or box[2] > right + 0.01 or box[3] > top + 0.01] == []
    text = " ".join(chart_text(pdf).split())
    for party in PARTIES:  # long ones wrapped to two lines, each word printed
        assert all(word in text for word in party.split()), party
    assert x_axis_labels(pdf)[0] == "0"


COUNTRIES = ("Ukraine", "Syrien", "Afghanistan", "Rumänien", "Polen", "Türkei", "Irak",
             "Bulgarien", "Russische Föderation", "Vietnam", "Kosovo", "Italien", "Kroatien",
             "Iran", "Eritrea", "Ungarn", "Somalia", "Griechenland", "Serbien",
             "Nordmazedonien", "Bosnien und Herzegowina", "Indien", "Pakistan", "China",
             "Georgien", "Nigeria", "Venezuela", "Kolumbien", "Tunesien",
             "Sonstige Staaten zusammen")


def test_thirty_categories_and_their_values_are_set_smaller_not_over_each_other() -> None:
    stats = Statistics("Herkunft", COUNTRIES, (Series("Einwohner", tuple(range(3000, 0, -100))),),
                       chart="horizontal-bars")  # their values are labelled (3.000 beside 100)
    pdf = draw(stats)
    _, chars = char_boxes(pdf)
    shrink = 0.3
    boxes = [(b[0] + shrink, b[1] + shrink, b[2] - shrink, b[3] - shrink) for _, b in chars]
    over = [(chars[i][0], chars[j][0]) for i, j in itertools.combinations(range(len(boxes)), 2)
            if j > i + 1 and min(boxes[i][2], boxes[j][2]) > max(boxes[i][0], boxes[j][0])
            and min(boxes[i][3], boxes[j][3]) > max(boxes[i][1], boxes[j][1])]
    assert over == []
    text = " ".join(chart_text(pdf).split())
    assert all(country in text for country in COUNTRIES)
    assert {"3.000", "100"} <= set(text.split())


def test_horizontal_bars_put_the_first_category_on_top() -> None:
    stats = Statistics("Wahl", ("Erste", "Zweite", "Dritte"), (Series("%", (3, 2, 1)),),
                       chart="horizontal-bars")
    _, chars = char_boxes(draw(stats))
    tops = {}
    for word in ("E", "Z", "D"):
        tops[word] = next(box[3] for c, box in chars if c == word)
    assert tops["E"] > tops["Z"] > tops["D"]


def test_stacked_bars_of_mixed_signs_stack_both_ways_and_carry_the_net_total() -> None:
    stats = Statistics("Saldo", ("A", "B"), (Series("Zuzug", (50, 40)),
                                             Series("Fortzug", (-30, -60)),
                                             Series("Geburten", (10, 20))), value_labels=True)
    ticks = value_axis(stats)
    assert min(ticks) <= -60 and max(ticks) >= 60  # 50 + 10 up, −60 down
    words = chart_text(draw(stats)).split()
    assert {"30", "0"} <= set(words)  # 50 − 30 + 10, and 40 − 60 + 20


# -- value labels -------------------------------------------------------------------------


@pytest.mark.parametrize("chart", KINDS)
def test_value_labels_print_every_value_on_request(chart: str) -> None:
    stats = Statistics("Z", ("2022", "2023"), (Series("A", (1234, 1310)), Series("B", (870, 905))),
                       chart=chart, value_labels=True)  # type: ignore[arg-type]
    words = set(chart_text(draw(stats)).split())
    wanted = {"2.104", "2.215"} if chart == "stacked-bars" else {"1.234", "1.310", "870", "905"}
    assert wanted <= words


def test_value_labels_can_be_turned_off_where_they_would_be_set() -> None:
    spanning = (Series("A", (50_000, 12)),)
    words = set(chart_text(draw(Statistics("Z", ("x", "y"), spanning, chart="grouped-bars",
                                           value_labels=False))).split())
    assert "12" not in words and "50.000" in words  # the axis still reads 50.000
    words = set(chart_text(draw(Statistics("Z", ("x", "y"), spanning,
                                           chart="grouped-bars"))).split())
    assert "12" in words  # today's rule, where value_labels is not set


def test_values_are_labelled_as_the_table_prints_them() -> None:
    """With the series' decimal places and unit: 22,0 beside 12,5; 38,5 %."""
    stats = Statistics("Wahl", ("Grüne", "SPD"), (Series("Stimmen", (12.5, 22.0)),),
                       chart="horizontal-bars", value_labels=True)
    assert {"12,5", "22,0"} <= set(chart_text(draw(stats)).split())
    shares = Statistics("Sprache", ("Deutsch", "Arabisch"), (Series("Anteil", (38.5, 21.0)),),
                        unit="%", chart="grouped-bars", value_labels=True)
    text = " ".join(chart_text(draw(shares)).replace("\u00a0", " ").split())
    assert "38,5 %" in text and "21,0 %" in text
    english = " ".join(chart_text(draw(shares, "en-GB")).split())
    assert "38.5%" in english
    money = Statistics("Spenden", ("2022", "2023"), (Series("Spenden", (-1.5, 6.5)),),
                       unit="£", chart="stacked-bars", value_labels=True)
    assert {"\u2212£1.5", "£6.5"} <= set(chart_text(draw(money, "en-GB")).split())


# -- the cache and the print edition ------------------------------------------------------


def test_the_cache_key_covers_kind_colour_and_value_labels() -> None:
    base = Statistics("Z", ("a",), (Series("A", (1,)),))
    variants = [base, Statistics("Z", ("a",), (Series("A", (1,)),), chart="horizontal-bars"),
                Statistics("Z", ("a",), (Series("A", (1,), colour=GREEN),)),
                Statistics("Z", ("a",), (Series("A", (1,)),), value_labels=True),
                Statistics("Z", ("a",), (Series("A", (1,)),), value_labels=False)]
    names = {charts._name(s, DEFAULT, 100, 100, "de") for s in variants}
    assert len(names) == len(variants)


def test_the_print_edition_sets_an_editors_colour_as_its_cmyk() -> None:
    stats = Statistics("Z", ("2022", "2023"), (Series("Grüne", (12, 15), colour=GREEN),
                                               Series("Andere", (30, 28))), chart="grouped-bars")
    info = EditionInfo("Colours", "Test", "", (), "de-DE", datetime.date(2024, 1, 1))
    printed = editions.print_edition(draw(stats), info,
                                     exact_colours=exact_colours(DEFAULT, stats))
    with pikepdf.open(io.BytesIO(printed)) as document:
        set_k = {tuple(round(float(v), 4) for v in i.operands)
                 for i in pikepdf.parse_content_stream(document.pages[0].obj)
                 if str(i.operator) == "k"}
    assert (0.7, 0.0, 1.0, 0.0) in set_k  # 70/0/100/0, not separated through the profile
    assert tuple(round(v, 4) for v in DEFAULT.colours.series[1].cmyk()) in set_k


def test_a_colour_that_looks_like_a_theme_colour_is_drawn_apart() -> None:
    """100/100/100/0 looks black on screen, as the text does: drawn 1/255
    lighter, it prints as the editor's CMYK, and the text stays 100 % K."""
    rich = CMYK((100.0, 100.0, 100.0, 0.0))
    stats = Statistics("Z", ("a",), (Series("A", (1,), colour=rich),))
    [(rgb, _)] = screen_colours(stats, DEFAULT)
    assert rgb != rgb_channels(DEFAULT.colours.text) and max(rgb) <= 1
    exact = exact_colours(DEFAULT, stats)
    assert exact[rgb] == (1.0, 1.0, 1.0, 0.0)
    assert exact[rgb_channels(DEFAULT.colours.text)] == (0.0, 0.0, 0.0, 1.0)


# -- the loader ---------------------------------------------------------------------------

STATISTICS = """\
statistics:
  title: Wahl
  periods: [CDU, Grüne]
  chart: horizontal-bars
  value_labels: yes
  series:
    - name: Stimmen
      values: [31, 12]
      colour: {colour}
"""


@pytest.mark.parametrize("typed", ["70 0 100 0", "70/0/100/0", "70, 0, 100, 0",
                                   "70% 0% 100% 0%", '"70 0 100 0"', "[70, 0, 100.0, 0]"])
def test_a_series_colour_is_read_as_cmyk_per_cent(typed: str,
                                                  write_issue: Callable[[str], Path]) -> None:
    issue = load_issue(write_issue(MINIMAL + STATISTICS.format(colour=typed)))
    found = charts._statistics(issue)
    assert [s.series[0].colour for s in found] == [(70, 0, 100, 0)]
    assert [(s.chart, s.value_labels) for s in found] == [("horizontal-bars", True)]


@pytest.mark.parametrize(("typed", "hint"), [
    ("'#1a9641'", "design manual"), ("grün", "four per-cent values"),
    ("70 0 100", "four per-cent values"), ("70 0 120 0", "four per-cent values")])
def test_a_colour_the_loader_cannot_read_is_an_error_at_its_line(
        typed: str, hint: str, write_issue: Callable[[str], Path]) -> None:
    with pytest.raises(IssueError) as caught:
        load_issue(write_issue(MINIMAL + STATISTICS.format(colour=typed)))
    [problem] = caught.value.diagnostics
    line = (MINIMAL + STATISTICS).splitlines().index("      colour: {colour}") + 1
    assert problem.position is not None and problem.position.line == line
    assert problem.position.column == len("      colour: ") + 1
    assert "must be a CMYK colour such as '100 0 80 0'" in problem.message
    assert problem.hint and hint in problem.hint


# -- the gallery --------------------------------------------------------------------------

GALLERY = Path(__file__).resolve().parent / "gallery"


def test_the_gallery_draws_every_kind_and_an_editors_colour() -> None:
    found = [stats for folder in sorted(GALLERY.iterdir()) if (folder / "issue.yaml").is_file()
             for stats in charts._statistics(load_issue(folder))]
    assert set(KINDS) <= {charts.kind(stats) for stats in found}
    assert any(series.colour for stats in found for series in stats.series)


def test_the_print_edition_of_an_issue_prints_its_series_colours_exactly(
        tmp_path: Path) -> None:
    from layout.build import build_issue

    from .test_print_colours import colours_set, forms

    result = build_issue(GALLERY / "projekt", tmp_path / "projekt.pdf")
    given = {tuple(round(v / 100, 4) for v in series.colour)
             for stats in charts._statistics(load_issue(GALLERY / "projekt"))
             for series in stats.series if series.colour}
    assert given
    with pikepdf.open(result.print_output) as document:
        printed = {values for form in forms(document)
                   for _, values in colours_set(form, ("k",))}
    assert given <= printed


def test_newsletter_new_carries_colour_kind_and_value_labels_over(
        write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    from layout.scaffold import new_issue

    folder = write_issue(MINIMAL + STATISTICS.format(colour="70 0 100 0"))
    written, _ = new_issue("2023-02", folder, tmp_path / "issues")
    [stats] = charts._statistics(load_issue(written.parent))
    assert (stats.chart, stats.value_labels, stats.series[0].colour) == (
        "horizontal-bars", True, (70, 0, 100, 0))
