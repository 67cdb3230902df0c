"""Several statistics in one issue, each with its heading, table and chart;
a statistic inside an article; decimals, per cent and currencies in the
issue's language; a totals column only where it adds up; numbers read from
a CSV file, its mistakes named at ``file:line:column``. Numbers are read
back from the PDF's text."""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from layout import model
from layout.build import build_issue
from layout.errors import IssueError
from layout.fonts import register_fonts
from layout.formats import format_number
from layout.load import load_issue
from layout.render import Body, render_body
from layout.styles import make_styles
from layout.theme import DEFAULT

HEAD = """\
newsletter: Rundbrief
number: 1/23
theme: Zahlen
date: 2023-03-01
publisher: Stadt Beispielstadt
language: {language}
cover: {{front: none, back: none}}
print: {{binding: none}}
"""

ARTICLE = """\
articles:
  - title: Ein Artikel
    body:
      - Das Ergebnis brachte {{ Grüne Stadt }} für die Grünen.
"""

SEVERAL = """\
statistics:
  - heading: Aktuelle Zahlen
    title: Beratungen
    periods: [2022, 2023]
    series:
      - name: Erstberatung
        values: [1071, 1205]
      - name: Folgeberatung
        values: [2310, ~]
  - heading: Die Wahl
    title: Stimmen in Prozent
    periods: [Stadt, Land]
    series:
      - name: Grüne
        values: [12.5, 9.25]
      - name: Andere
        values: [87.5, 90.75]
    unit: "%"
    chart: none
  - heading: Die Wahl
    title: Spenden
    periods: [2023]
    series:
      - name: Spenden
        values: [6.5]
    unit: "£"
    decimals: 2
    chart: none
"""


def lay_out(folder: Path) -> tuple[model.Issue, Body]:
    register_fonts()
    issue = load_issue(folder)
    return issue, render_body(issue, DEFAULT, make_styles(DEFAULT, issue.language), 1,
                              closing_pages=False, full_masthead=True)


def text_of(body: Body) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body.pdf)).pages)


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(IssueError) as caught:
        load_issue(folder)
    return [d.format() for d in caught.value.diagnostics]


def words(text: str) -> list[str]:
    return text.replace("\u00a0", " ").split()


# -- several statistics, decimals, units, totals ---------------------------------------


def test_several_statistics_each_print_their_numbers_in_german(
        write_issue: Callable[[str], Path]) -> None:
    issue, body = lay_out(write_issue(HEAD.format(language="de-DE") + ARTICLE + SEVERAL))
    assert len(issue.statistics) == 3
    text = text_of(body)
    flat = " ".join(words(text))
    # the first: whole numbers, a total where every value is given, "–" where one is missing
    for number in ("1.071", "1.205", "2.310", "3.381"):
        assert number in words(text)
    assert re.search(r"2023 1\.205 – –", flat), flat
    # the second: per cent, two places as written, no totals column
    for value in ("12,50 %", "9,25 %", "87,50 %", "90,75 %"):
        assert value in flat
    # the third: pounds at two places, one series: no totals
    assert "6,50 £" in flat
    assert text.count("Gesamt") == 1  # the first table's column only
    # the headings: the third repeats the second's, which is not printed twice
    assert text.count("Die Wahl") == 1 and "Aktuelle Zahlen" in text
    # the placeholder takes the series' unit and places
    assert "brachte 12,50 % für" in flat


def test_english_numbers_put_the_currency_first_and_the_percent_close(
        write_issue: Callable[[str], Path]) -> None:
    _, body = lay_out(write_issue(HEAD.format(language="en-GB") + ARTICLE + SEVERAL))
    flat = " ".join(words(text_of(body)))
    for value in ("1,071", "3,381", "12.50%", "90.75%", "£6.50", "brachte 12.50% für"):
        assert value in flat, value


def test_number_formats() -> None:
    assert format_number(1071, "de-DE") == "1.071"
    assert format_number(12.5, "de-DE", 1, "%") == "12,5\u00a0%"
    assert format_number(12.5, "en-GB", 1, "%") == "12.5%"
    assert format_number(6.5, "en-GB", 1, "£") == "£6.5"
    assert format_number(-6.5, "en-GB", 1, "£") == "-£6.5"
    assert format_number(6.5, "de-DE", 2, "€") == "6,50\u00a0€"
    assert format_number(3.5, "en-GB", 1, "km") == "3.5\u00a0km"
    assert format_number(None, "de-DE", 1, "%") == "–"
    assert format_number(-0.04, "de-DE", 1) == "0,0"


@pytest.mark.parametrize(("totals", "series", "unit", "shown"), [
    ("auto", 1, "", False), ("auto", 2, "", True), ("auto", 2, "%", False),
    ("yes", 1, "", True), ("no", 2, "", False), ("yes", 2, "%", True)])
def test_the_totals_column_only_where_it_means_something(
        write_issue: Callable[[str], Path], totals: str, series: int, unit: str,
        shown: bool) -> None:
    listed = "".join(f"    - name: Reihe {n}\n      values: [10, 20]\n"
                     for n in range(1, series + 1))
    folder = write_issue(HEAD.format(language="de-DE") + ARTICLE.replace(
        "{{ Grüne Stadt }}", "viel") + textwrap.dedent(f"""\
        statistics:
          title: Zahlen
          periods: [2022, 2023]
          totals: {totals}
          unit: "{unit}"
          chart: none
          series:
        """) + listed)
    issue, body = lay_out(folder)
    assert issue.statistics[0].has_totals is shown
    assert ("Gesamt" in text_of(body)) is shown


def test_an_old_single_statistics_mapping_still_loads(write_issue: Callable[[str], Path]) -> None:
    folder = write_issue(HEAD.format(language="de-DE") + ARTICLE.replace(
        "{{ Grüne Stadt }}", "{{ total }}") + textwrap.dedent("""\
        statistics:
          title: Zahlen
          periods: [2022, 2023]
          series:
            - {name: A, values: [1000, 2000]}
            - {name: B, values: [71, 1]}
        """))
    issue = load_issue(folder)
    [stats] = issue.statistics
    assert stats.sums() == (1071, 2001)
    assert "brachte 2.001 für" in issue.articles[0].body[0].text[0]


def test_a_decimal_comma_in_the_yaml_is_explained(write_issue: Callable[[str], Path]) -> None:
    folder = write_issue(HEAD.format(language="de-DE") + ARTICLE.replace(
        "{{ Grüne Stadt }}", "viel") + textwrap.dedent("""\
        statistics:
          title: Zahlen
          periods: [2022, 2023]
          series:
            - name: A
              values:
                - 12,5
                - 12.5 %
        """))
    [comma, percent] = errors_of(folder)
    assert ":19:11: error: value 1 of series 1 of statistics must be a number, not '12,5'" \
        in comma and "hint: write the decimal with a point: 12.5" in comma
    assert "hint: write the number alone, and the unit once for the statistic: 'unit: %'" \
        in percent


# -- a statistic inside an article -------------------------------------------------------


BLOCK = """\
articles:
  - title: Ein Artikel
    body:
      - Der Text vor der Statistik.
      - statistic:
          title: Sprachen der Beratungen
          period_label: Sprache
          periods: [Deutsch, Arabisch]
          series:
            - name: Anteil
              values: [61.5, 38.5]
          unit: "%"
      - Der Text nach der Statistik.
"""


def test_a_statistic_inside_an_article_sets_its_table_and_chart(
        write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    folder = write_issue(HEAD.format(language="de-DE") + BLOCK + SEVERAL.replace(
        "    chart: none\n", ""))
    issue = load_issue(folder)
    block = issue.articles[0].body[1]
    assert isinstance(block, model.StatisticBlock) and block.statistic.unit == "%"
    result = build_issue(folder, tmp_path / "out" / "n.pdf")
    reader = PdfReader(result.output)
    flat = " ".join(words("\n".join(p.extract_text() or "" for p in reader.pages)))
    assert "Sprache Anteil Deutsch 61,5 % Arabisch 38,5 %" in flat
    # top to bottom on the first page (the figure is drawn before the text)
    heights: dict[str, float] = {}

    def note(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        for needle in ("vor der Statistik", "SPRACHEN DER BERATUNGEN", "nach der Statistik"):
            if needle in text:
                heights[needle] = cm[5] + tm[5] * cm[3]

    reader.pages[0].extract_text(visitor_text=note)
    assert heights["vor der Statistik"] > heights["SPRACHEN DER BERATUNGEN"] > \
        heights["nach der Statistik"], heights
    # one chart stamped in per statistic that has one: the block and all three sections
    with pikepdf.open(result.output) as pdf:
        charts = [name for page in pdf.pages for name in page.Resources.get("/XObject", {})
                  if str(name).startswith("/NLOverlay")]
    assert len(charts) == 4, charts


def test_a_statistic_that_moves_on_is_named_as_such(write_issue: Callable[[str], Path],
                                                    tmp_path: Path) -> None:
    """Text before the block fills its page: the block stands at the top of
    the next, and the layout report says that a statistic moved (not a photo)."""
    long_text = " ".join(["Der Text vor der Statistik füllt die Seite Zeile um Zeile."] * 64)
    body = BLOCK.replace("      - Der Text vor der Statistik.\n", f"      - {long_text}\n")
    assert body != BLOCK
    result = build_issue(write_issue(HEAD.format(language="de-DE") + body),
                         tmp_path / "out" / "n.pdf")
    notes = [note for page in result.report.pages for note in page.notes]
    assert any(note.startswith("a statistic moved to the top of this page") for note in notes), \
        notes
    assert not any("photo" in note for note in notes)


# -- CSV data --------------------------------------------------------------------------


def csv_issue(write_issue: Callable[[str], Path], csv: str, extra: str = "",
              encoding: str = "utf-8", text: str = "viel") -> Path:
    folder = write_issue(HEAD.format(language="de-DE") + ARTICLE.replace(
        "{{ Grüne Stadt }}", text) + textwrap.dedent("""\
        statistics:
          title: Zahlen
          data: zahlen.csv
          chart: none
        """) + extra)
    (folder / "zahlen.csv").write_bytes(csv.encode(encoding))
    return folder


def test_csv_data_in_german_fills_periods_and_series(write_issue: Callable[[str], Path]) -> None:
    folder = csv_issue(write_issue, "Gemeinde;Einwohner;Anteil\n"
                                    "Musterstadt;24.310;9,8 %\n"
                                    "Grünau;7.482;\n"
                                    "Heidedorf;1.126,5;2,7 %;;\n", text="{{ Anteil }}")
    issue, body = lay_out(folder)
    [stats] = issue.statistics
    assert stats.periods == ("Musterstadt", "Grünau", "Heidedorf")
    assert stats.period_label == "Gemeinde"
    assert [s.name for s in stats.series] == ["Einwohner", "Anteil"]
    assert stats.series[0].values == (24310, 7482, 1126.5)
    assert stats.series[1].values == (9.8, None, 2.7) and stats.series[1].unit == "%"
    assert not stats.has_totals  # people and per cent do not add up
    flat = " ".join(words(text_of(body)))
    assert "Musterstadt 24.310,0 9,8 %" in flat and "Grünau 7.482,0 –" in flat
    assert "brachte 2,7 % für" in flat
    assert folder / "zahlen.csv" in issue.files()


def test_csv_data_in_english_with_commas(write_issue: Callable[[str], Path]) -> None:
    folder = csv_issue(write_issue, 'Year,Income,Anteil\n2022,"£6,500,000",12.5\n'
                                    '2023,"£7,250,000.50",13\n', "  numbers: auto\n")
    [stats] = load_issue(folder).statistics
    assert stats.series[0].values == (6500000, 7250000.5) and stats.series[0].unit == "£"
    assert stats.series[1].values == (12.5, 13)


def test_csv_from_a_german_spreadsheet_in_its_own_encoding(
        write_issue: Callable[[str], Path]) -> None:
    folder = csv_issue(write_issue, "Jahr;Größe\n2023;4,5\n", encoding="cp1252")
    [stats] = load_issue(folder).statistics
    assert stats.series[0].name == "Größe" and stats.series[0].values == (4.5,)


@pytest.mark.parametrize(("csv", "extra", "where", "message", "hint"), [
    ("Jahr;A;B\n2022;1000;2\n2023;viele;3\n", "", "zahlen.csv:3:6",
     "cannot read 'viele' as a number",
     "write a number such as 1.234,5 (German) or 1,234.5 (English)"),
    ("Jahr;A\n2022;1.234\n2023;2.345\n", "", "zahlen.csv:2:6",
     "'1.234' may be 1234 (German) or 1.234 (English)",
     "say how zahlen.csv writes numbers: 'numbers: de' (1.234,5) or 'numbers: en' (1,234.5)"),
    ("Jahr;A\n2022;1.234\n2023;2.345\n", "  numbers: de\n", None, None, None),
    ('Jahr,A\n2022,"1,5"\n2023,2.5\n', "", "zahlen.csv:3:6",
     "'2.5' is written as 1,234.5, but '1,5' (line 2) as 1.234,5",
     "write every number of zahlen.csv alike"),
    ("Jahr;A\n2022;1,234.5\n", "  numbers: de\n", "zahlen.csv:2:6",
     "cannot read '1,234.5' as a number written as 1.234,5",
     "it looks like 1,234.5: write 'numbers: en' in the statistic"),
    ("Jahr;A;B\n2022;1\n", "", "zahlen.csv:2:1",
     "this row of zahlen.csv has 2 cells, but the head row has 3",
     "give each period one cell per series, separated by ';'"),
    ("Jahr;A\n2022;5 %\n2023;5 €\n", "", "zahlen.csv:3:6",
     "'5 €' is in €, but the column's numbers are in %", "write one unit for all cells"),
    ("\n\n", "", "zahlen.csv:1:1", "the CSV file zahlen.csv is empty",
     "write a head row"),
])
def test_csv_mistakes_are_named_at_their_cell(write_issue: Callable[[str], Path], csv: str,
                                              extra: str, where: str | None,
                                              message: str | None, hint: str | None) -> None:
    folder = csv_issue(write_issue, csv, extra)
    if where is None:
        [stats] = load_issue(folder).statistics
        assert stats.series[0].values == (1234, 2345)
        return
    [error] = errors_of(folder)
    assert f"{where}: error: {message}" in error, error
    assert f"hint: {hint}" in error, error


def test_data_and_periods_together_are_refused(write_issue: Callable[[str], Path]) -> None:
    folder = csv_issue(write_issue, "Jahr;A\n2022;1\n", "  periods: [2022]\n")
    [error] = errors_of(folder)
    assert "either from 'data' or from 'periods' and 'series', not both" in error
