"""Charts: what matplotlib would warn of never reaches the editor's console."""

from __future__ import annotations

import io
import itertools
import logging
import re
import warnings

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from layout.charts import chart_size, render_chart
from layout.formats import format_number
from layout.model import Series, Statistics
from layout.theme import DEFAULT

PERIODS = ("2020", "2021", "2022")
#: Inputs on which matplotlib warns: a series without a name (no legend
#: entries), names too wide for one legend row (tight_layout gives up),
#: characters the fonts lack (missing glyphs), a name matplotlib hides.
AWKWARD = {
    "unnamed": (Series("", (1, 2, 3)),),
    "wide legend": tuple(Series(f"Beratungen mit sehr langem Namen {n}", (1, 2, 3))
                         for n in range(8)),
    "missing glyphs": (Series("Ωμέγα 🙂", (1, 2, 3)),),
    "underscore": (Series("_intern", (1, 2, 3)),),
}


def chart_text(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


@pytest.mark.parametrize("chart", ["stacked-bars", "bars", "lines"])
@pytest.mark.parametrize("case", AWKWARD)
def test_a_chart_shows_no_python_warning(case: str, chart: str,
                                         caplog: pytest.LogCaptureFixture) -> None:
    stats = Statistics("Zahlen", PERIODS, AWKWARD[case], chart=chart)  # type: ignore[arg-type]
    width, height = chart_size(DEFAULT)
    with warnings.catch_warnings(), caplog.at_level(logging.DEBUG, logger="layout"):
        warnings.simplefilter("error")
        pdf = render_chart(stats, DEFAULT, width, height, "de")
    assert pdf.startswith(b"%PDF-")


def test_what_the_fonts_lack_prints_as_its_code_and_every_name_shows() -> None:
    stats = Statistics("Zahlen", ("Jan 🙂", "Feb"), (Series("_intern", (1, 2)),
                                                    Series("Ωμέγα", (3, 4))))
    text = chart_text(render_chart(stats, DEFAULT, *chart_size(DEFAULT), "de"))
    assert "[U+1F642]" in text and "_intern" in text
    assert "[U+03B3]" in text  # γ: PT Sans sets Latin and Cyrillic, not Greek


# -- the axis states the numbers right -------------------------------------------------


def y_axis_labels(page: pdfium.PdfPage,
                  within: tuple[float, float, float, float] | None = None) -> list[str]:
    """The y axis's labels on ``page`` (inside ``within``: left, bottom, right,
    top), bottom to top: the numbers that end where the lowest-ending ones do
    (labels at the bars and periods stand right of the axis)."""
    text = page.get_textpage()
    rects = []
    for index in range(text.count_rects()):
        left, bottom, right, top = text.get_rect(index)
        if not within or (within[0] - 1 <= left and right <= within[2] + 1
                          and within[1] - 1 <= bottom and top <= within[3] + 1):
            rects.append((left, bottom, right, top,
                          text.get_text_bounded(left, bottom, right, top).strip()))
    text.close()
    found = []
    for left, bottom, right, top, word in rects:
        if re.fullmatch(r"[\d.,]+", word):
            # a minus sign, flatter than the digits, is a box of its own
            minus = any(w == "−" and 0 <= left - r < 2 and bottom < (b + t) / 2 < top
                        for _, b, r, t, w in rects)
            found.append((right, bottom, "−" * minus + word))
    if not found:
        return []
    edge = min(right for right, _, _ in found)
    return [word for right, _, word in sorted(found, key=lambda f: f[1]) if right < edge + 1]


def axis_labels(stats: Statistics, language: str = "de-DE") -> list[str]:
    """The labels of the chart's y axis."""
    width, height = chart_size(DEFAULT)
    document = pdfium.PdfDocument(render_chart(stats, DEFAULT, width, height, language))
    try:
        return y_axis_labels(document[0])
    finally:
        document.close()


def as_numbers(labels: list[str], language: str) -> list[float]:
    thousands, decimal = (".", ",") if language.startswith("de") else (",", ".")
    return [float(label.replace(thousands, "").replace(decimal, ".").replace("−", "-"))
            for label in labels]


@pytest.mark.parametrize("values", [(17, 9, 4), (3, 1, 2), (140, 60, 90), (2710, 3105, 880),
                                    (49_000, 1_200, 800)])
@pytest.mark.parametrize("chart", ["stacked-bars", "bars", "lines"])
@pytest.mark.parametrize("language", ["de-DE", "en-GB"])
def test_gridlines_are_labelled_evenly_and_exactly(values: tuple[int, ...], chart: str,
                                                   language: str) -> None:
    """Gridlines every 2.5 were labelled 2, 5, 7, 10, 12 …: each label now
    shows its line's value, in steps of 1, 2, 2.5 or 5 × 10ⁿ that whole numbers
    can be (counts are never split into halves)."""
    stats = Statistics("Zahlen", ("A", "B", "C"), (Series("Beratungen", values),),
                       chart=chart)  # type: ignore[arg-type]
    ticks = as_numbers(axis_labels(stats, language), language)
    assert ticks[0] == 0 and len(ticks) >= 3
    steps = {round(b - a, 9) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1, ticks  # evenly spaced
    [step] = steps
    assert step == int(step)  # whole numbers
    mantissa = step / 10 ** (len(str(int(step))) - 1)
    assert mantissa in (1, 2, 2.5, 5), step
    assert ticks[-1] <= max(values) * 1.08 and ticks[-1] + step > max(values) * 0.6


def test_negative_values_draw_below_a_zero_line() -> None:
    stats = Statistics("Saldo", ("A", "B", "C"), (Series("Wanderung", (120, -80, 40)),),
                       chart="bars")
    ticks = as_numbers(axis_labels(stats), "de-DE")
    assert min(ticks) < 0 < max(ticks)  # the axis no longer starts at 0


def test_stacked_negative_values_stack_downwards() -> None:
    stats = Statistics("Saldo", ("A", "B"), (Series("Zuzug", (50, 40)),
                                             Series("Fortzug", (-30, -60))))
    ticks = as_numbers(axis_labels(stats), "de-DE")
    assert min(ticks) <= -60 * 0.9 and max(ticks) >= 40


def test_every_series_a_statistic_may_have_gets_its_own_colour() -> None:
    from layout.load import MAX_SERIES

    assert len(set(DEFAULT.colours.series)) >= MAX_SERIES


# -- every label readable ----------------------------------------------------------------

QUARTERS = tuple(f"{q}. Quartal {year}" for year in range(2016, 2024) for q in range(1, 5))[:30]
LONG = "Landkreis Nordsachsen-Ost"


def char_boxes(pdf: bytes) -> tuple[tuple[float, float, float, float],
                                    list[tuple[str, tuple[float, float, float, float]]]]:
    """The chart page's media box, and each printed character with its glyph's box."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        text = page.get_textpage()
        chars = [(text.get_text_range(i, 1), text.get_charbox(i))
                 for i in range(text.count_chars()) if text.get_text_range(i, 1).strip()]
        text.close()
        return page.get_mediabox(), chars
    finally:
        document.close()


@pytest.mark.parametrize("periods", [QUARTERS, tuple(f"{LONG} {n}" for n in range(30)),
                                     tuple(f"{LONG} {n}" for n in range(8)),
                                     tuple(f"{LONG} {n}" for n in range(3))])
@pytest.mark.parametrize("chart", ["bars", "lines"])
def test_period_labels_lie_inside_the_chart(periods: tuple[str, ...], chart: str) -> None:
    """Turned labels reached beyond the page's left edge: "L" of the first was cut."""
    values = tuple(range(1, len(periods) + 1))
    stats = Statistics("Zahlen", periods, (Series("Beratungen", values),),
                       chart=chart)  # type: ignore[arg-type]
    (left, bottom, right, top), chars = char_boxes(
        render_chart(stats, DEFAULT, *chart_size(DEFAULT), "de"))
    outside = [c for c, box in chars if box[0] < left - 0.01 or box[1] < bottom - 0.01
               or box[2] > right + 0.01 or box[3] > top + 0.01]
    assert outside == []


@pytest.mark.parametrize("count", [3, 5, 6])
def test_long_periods_among_few_are_wrapped_not_printed_over_each_other(count: int) -> None:
    stats = Statistics("Zahlen", tuple(f"{LONG} {n}" for n in range(count)),
                       (Series("Beratungen", tuple(range(1, count + 1))),), chart="bars")
    pdf = render_chart(stats, DEFAULT, *chart_size(DEFAULT), "de")
    _, chars = char_boxes(pdf)
    shrink = 0.5
    boxes = [(c, (b[0] + shrink, b[1] + shrink, b[2] - shrink, b[3] - shrink)) for c, b in chars]
    over = [(a, b) for (i, (a, p)), (j, (b, q)) in itertools.combinations(enumerate(boxes), 2)
            if j > i + 1 and min(p[2], q[2]) > max(p[0], q[0])
            and min(p[3], q[3]) > max(p[1], q[1])]
    assert over == []
    words = chart_text(pdf).split()
    assert words.count("Landkreis") == count  # every period printed, upright


SPANNING = (50_000, 1_950, 1_800, 1_640, 1_200, 990, 870, 640, 410, 260, 95, 12)


@pytest.mark.parametrize("chart", ["bars", "stacked-bars"])
@pytest.mark.parametrize("language", ["de-DE", "en-GB"])
def test_bars_spanning_orders_of_magnitude_carry_their_values(chart: str, language: str) -> None:
    """Beside a bar of 50,000 one of 12 is a hairline: its label states it."""
    stats = Statistics("Zahlen", tuple(str(year) for year in range(2012, 2024)),
                       (Series("Beratungen", SPANNING),), chart=chart)  # type: ignore[arg-type]
    words = chart_text(render_chart(stats, DEFAULT, *chart_size(DEFAULT), language)).split()
    labels = [format_number(value, language) for value in SPANNING]
    assert [label for label in labels if label not in words] == []
    ticks = as_numbers(axis_labels(stats, language), language)
    assert ticks[0] == 0 and ticks[-1] == 50_000  # the axis as before
    alike = Statistics("Zahlen", PERIODS, (Series("Beratungen", (2_710, 3_105, 880)),),
                       chart=chart)  # type: ignore[arg-type]
    words = chart_text(render_chart(alike, DEFAULT, *chart_size(DEFAULT), language)).split()
    assert not {format_number(v, language) for v in (2_710, 3_105, 880)} & set(words)


def test_stacked_bars_carry_the_totals_of_their_stacks() -> None:
    stats = Statistics("Zahlen", ("A", "B", "C"), (Series("Zuzug", (30_000, 400, 20)),
                                                   Series("Fortzug", (9_000, 100, 5))))
    words = chart_text(render_chart(stats, DEFAULT, *chart_size(DEFAULT), "de")).split()
    assert {"39.000", "500", "25"} <= set(words)
