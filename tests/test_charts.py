"""Charts: what matplotlib would warn of never reaches the editor's console."""

from __future__ import annotations

import io
import itertools
import logging
import warnings

import pytest
from pypdf import PdfReader

from layout.charts import chart_size, render_chart
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
    if case == "wide legend":
        assert any("Tight layout not applied" in r.getMessage() for r in caplog.records)


def test_what_the_fonts_lack_prints_as_its_code_and_every_name_shows() -> None:
    stats = Statistics("Zahlen", ("Jan 🙂", "Feb"), (Series("_intern", (1, 2)),
                                                    Series("Ωμέγα", (3, 4))))
    text = chart_text(render_chart(stats, DEFAULT, *chart_size(DEFAULT), "de"))
    assert "[U+1F642]" in text and "_intern" in text
    assert "[U+03B3]" in text  # γ: PT Sans sets Latin and Cyrillic, not Greek


# -- the axis states the numbers right -------------------------------------------------


def axis_labels(stats: Statistics, language: str = "de-DE") -> list[str]:
    """The chart's labels that are numbers (the periods here are letters)."""
    width, height = chart_size(DEFAULT)
    words = chart_text(render_chart(stats, DEFAULT, width, height, language)).split()
    return [w for w in words if any(c.isdigit() for c in w)]


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
