"""Alternative texts and languages: the editor's ``alt:`` and ``lang:``, the
charts' texts made from their data, and what the digital edition's catalog says."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from layout import model
from layout.alttext import alt_text, chart_alt, pictures
from layout.build import BuildResult
from layout.errors import Diagnostic, IssueError
from layout.load import load_issue

from .conftest import FOLDERS, ISSUES, SAMPLE
from .test_load import MINIMAL

SAMPLE_DE = (
    "Gestapeltes Säulendiagramm: Entwicklung der im Landkreis Nordsachsen lebenden "
    "Ausländer seit 2011, 13 Zeitpunkte von Mitte 2011 bis Juni 2022, drei Reihen "
    "(Asylverfahren/Duldung, Aufenthaltstitel und EU-Bürger:innen); niedrigster "
    "Gesamtwert 2.598 (Mitte 2011), höchster 11.865 (Juni 2022).")


def statistic(chart: str = "stacked-bars", unit: str = "", **series: list[float | None]
              ) -> model.Statistics:
    periods = ("2021", "2022", "2023")
    return model.Statistics(
        "Beratungen", periods, tuple(model.Series(name, tuple(values))
                                     for name, values in series.items()),
        unit=unit, chart=chart)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sample() -> model.Issue:
    return load_issue(SAMPLE)


# -- charts ----------------------------------------------------------------


def test_the_samples_chart_is_described_from_its_data(sample: model.Issue) -> None:
    assert chart_alt(sample.statistics[0], "de-DE") == SAMPLE_DE
    assert alt_text(sample.statistics[0], sample.language) == SAMPLE_DE


def test_a_chart_is_described_in_the_issues_language(sample: model.Issue) -> None:
    text = chart_alt(sample.statistics[0], "en-GB")
    assert text.startswith("Stacked column chart: Entwicklung")
    assert "13 periods from Mitte 2011 to Juni 2022, three series (Asylverfahren/Duldung, " \
           "Aufenthaltstitel and EU-Bürger:innen)" in text
    assert text.endswith("lowest total 2,598 (Mitte 2011), highest 11,865 (Juni 2022).")


def test_lines_name_the_series_of_their_lowest_and_highest_value() -> None:
    stats = statistic("lines", Erst=[10, 12, 9], Folge=[4, 30, None])
    assert chart_alt(stats, "de-DE") == (
        "Liniendiagramm: Beratungen, 3 Zeitpunkte von 2021 bis 2023, zwei Reihen "
        "(Erst und Folge); niedrigster Wert 4 (Folge, 2021), höchster 30 (Folge, 2022).")


def test_one_series_with_a_unit_and_decimals() -> None:
    stats = dataclasses.replace(statistic("grouped-bars", "%", Quote=[12.5, 7.25, 9.0]),
                                decimals=1)
    assert chart_alt(stats, "en-GB") == (
        "Column chart: Beratungen, 3 periods from 2021 to 2023, one series (Quote); "
        "lowest value 7.2% (2022), highest 12.5% (2021).")
    assert chart_alt(stats, "de-DE").endswith(
        "niedrigster Wert 7,2\u00a0% (2022), höchster 12,5\u00a0% (2021).")


def test_series_of_different_units_each_name_their_highest_value() -> None:
    stats = statistic("grouped-bars", Fälle=[100, 250, 180], Anteil=[10, 20, 15])
    stats = dataclasses.replace(stats, series=(
        stats.series[0], dataclasses.replace(stats.series[1], unit="%")))
    assert chart_alt(stats, "de-DE").endswith(
        "höchster Wert Fälle 250 (2022) und Anteil 20\u00a0% (2022).")


def test_a_chart_without_values_says_so() -> None:
    assert chart_alt(statistic("horizontal-bars", A=[None, None, None]), "en-GB").endswith(
        "one series (A); no values.")


def test_one_period_is_named_alone() -> None:
    stats = model.Statistics("Stand", ("Juni 2022",), (model.Series("A", (5,)),
                                                       model.Series("B", (7,))))
    assert chart_alt(stats, "de-DE") == (
        "Gestapeltes Säulendiagramm: Stand, Stand Juni 2022, zwei Reihen (A und B); "
        "Gesamtwert 12 (Juni 2022).")


# -- photos and logos ------------------------------------------------------


@pytest.mark.parametrize("name", ISSUES)
def test_every_photo_of_the_gallery_is_described(name: str) -> None:
    issue = load_issue(FOLDERS[name])
    assert all(picture.alt for picture in pictures(issue))


def test_every_photo_of_the_sample_is_described(sample: model.Issue) -> None:
    found = list(pictures(sample))
    assert [p.file.name for p in found] == ["cover.jpg", "portrait.jpg", "team.jpg",
                                            "plenum.jpg", "workshop.jpg"]
    assert alt_text(found[2], "de-DE") == (
        "Platzhalterbild: schattierte Reliefkarte; im Heft: Katharina Monden und Marc "
        "Liebmann im Büro des Sachgebiets Integration")


def test_a_logo_is_named_by_its_alt_else_its_funder(sample: model.Issue) -> None:
    assert sample.funding is not None
    funder = sample.funding.sponsors[0]
    assert alt_text(funder, "de-DE") == funder.name
    assert alt_text(dataclasses.replace(funder, alt="Logo: Sachsen"), "de-DE") == "Logo: Sachsen"
    assert alt_text(model.Funder(""), "en-GB") == "A funder's logo"


def test_a_photo_without_alt_is_named_by_its_caption() -> None:
    photo = model.Photo(model.FileRef(Path("x.jpg")), caption="Das Team")
    assert alt_text(photo, "de-DE") == "Das Team"
    assert alt_text(model.Picture(model.FileRef(Path("x.jpg"))), "en-GB") == "Photo"


WITH_PHOTOS = MINIMAL + """\
      - photo: team.jpg
        caption: Das Team
      - photo: team.jpg
        alt: Zwei Menschen an einem Schreibtisch
cover:
  photo: {file: portrait.jpg}
"""


def test_a_photo_without_alt_is_a_warning(write_issue: Callable[[str], Path]) -> None:
    warnings: list[Diagnostic] = []
    load_issue(write_issue(WITH_PHOTOS), warnings=warnings)
    assert [(d.position.line if d.position else 0, d.message) for d in warnings] == [
        (15, "photo 'portrait.jpg' has no alternative text"),
        (10, "photo 'team.jpg' has no alternative text")]
    assert warnings[0].hint is not None and "'alt: …'" in warnings[0].hint


def test_a_logo_without_alt_is_no_warning(write_issue: Callable[[str], Path]) -> None:
    text = MINIMAL + ("funding:\n  text: Gefördert.\n  funders:\n"
                      "    - {name: Ministerium, logo: team.jpg}\n")
    warnings: list[Diagnostic] = []
    load_issue(write_issue(text), warnings=warnings)
    assert warnings == []


# -- languages -------------------------------------------------------------


def test_a_block_and_an_article_may_name_their_language(
        write_issue: Callable[[str], Path]) -> None:
    text = MINIMAL.replace("      - Ein Absatz.\n", "      - Ein Absatz.\n"
                           "      - text: Ласкаво просимо!\n        lang: uk\n") + \
        "  - title: Welcome\n    lang: en-GB\n    body: [Hello.]\n"
    issue = load_issue(write_issue(text))
    assert issue.articles[0].body[1] == model.Text(model.Paragraphs(("Ласкаво просимо!",)),
                                                   lang="uk")
    assert issue.articles[0].lang == "" and issue.articles[1].lang == "en-GB"


@pytest.mark.parametrize("tag", ["uk", "de-DE", "zh-Hant-TW", "sr-Latn", "es-419",
                                 "de-CH-1996", "en-GB-x-plain", "x-klingon", "gsw"])
def test_well_formed_language_tags(write_issue: Callable[[str], Path], tag: str) -> None:
    text = MINIMAL.replace("  - title: Erster Artikel\n",
                           f"  - title: Erster Artikel\n    lang: {tag}\n")
    assert load_issue(write_issue(text)).articles[0].lang == tag


@pytest.mark.parametrize(("tag", "hint"), [
    ("uk_UA", "did you mean 'uk-UA'?"), ("Ukrainisch", "write the language's code"),
    ("u", "write the language's code"), ("de-", "write the language's code"),
    ("en-GB-", "write the language's code")])
def test_a_malformed_language_tag_is_an_error(write_issue: Callable[[str], Path],
                                              tag: str, hint: str) -> None:
    text = MINIMAL.replace("      - Ein Absatz.\n",
                           f"      - text: Ein Absatz.\n        lang: {tag}\n")
    with pytest.raises(IssueError) as caught:
        load_issue(write_issue(text))
    [error] = caught.value.diagnostics
    assert error.message == f"'lang' must be a language tag such as 'uk' or 'en-GB', not '{tag}'"
    assert error.position is not None and error.position.line == 10
    assert error.hint is not None and error.hint.startswith(hint)


# -- the digital edition's catalog ------------------------------------------


def test_the_digital_edition_names_its_language_and_shows_its_title(
        sample_build: BuildResult) -> None:
    with pikepdf.open(sample_build.output) as pdf:
        assert str(pdf.Root.Lang) == "de-DE"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
