"""Charts: what matplotlib would warn of never reaches the editor's console."""

from __future__ import annotations

import io
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
