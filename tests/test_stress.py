"""Unusual but legal issues: many articles, contacts, logos, rows, periods."""

from __future__ import annotations

import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from layout.build import build_issue
from layout.errors import IssueError
from layout.formats import format_number
from layout.load import load_issue

from .pdftext import page_texts
from .test_other_issues import SMALL

HEAD = SMALL.split("articles:")[0]


def statistics(periods: list[str], series: dict[str, list[str]],
               chart: str = "stacked-bars") -> str:
    lines = ["statistics:", "  title: Zahlen", f"  chart: {chart}",
             f"  periods: [{', '.join(periods)}]", "  series:"]
    for name, values in series.items():
        lines += [f"    - name: {name}", f"      values: [{', '.join(values)}]"]
    return "\n".join(lines) + "\n"


def article(number: int) -> str:
    return textwrap.indent(textwrap.dedent(f"""\
        - section: Kurz
          title: Meldung {number}
          body:
            - Eine kurze Meldung mit der Nummer {number}, damit die Seite sich füllt.
        """), "  ")


def build(write_issue: Callable[[str], Path], tmp_path: Path, text: str) -> PdfReader:
    return PdfReader(build_issue(write_issue(text), tmp_path / "n.pdf").output)


def test_forty_articles(write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    text = HEAD + "articles:\n" + "".join(article(n) for n in range(1, 41))
    reader = build(write_issue, tmp_path, text)
    assert len(reader.outline) == 40
    assert "Meldung 40" in "".join(page_texts(reader))


def contacts_issue(count: int) -> str:
    entries = "".join(f"        - {{label: Ort {n}, phone: 0341/{n:07d}}}\n"
                      for n in range(count))
    contacts = f"contacts:\n  groups:\n    - title: Beratung\n      entries:\n{entries}"
    return SMALL + contacts + "editorial:\n  text: Ein kurzes Editorial.\n"


def test_forty_contacts_are_set_smaller_and_all_printed(write_issue: Callable[[str], Path],
                                                         tmp_path: Path) -> None:
    result = build_issue(write_issue(contacts_issue(40)), tmp_path / "n.pdf")
    text = page_texts(PdfReader(result.output))[0]
    assert "0341 0000039" in text  # every one, inside the sidebar (in the national form)


def test_ninety_contacts_are_a_clear_error_not_two_point_type(
        write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    with pytest.raises(IssueError) as caught:
        build_issue(write_issue(contacts_issue(90)), tmp_path / "n.pdf")
    message = caught.value.format_message()
    assert "the contacts do not fit the sidebar of the opening page" in message
    assert "of the 90 entries fit" in message
    assert not (tmp_path / "n.pdf").exists()


def test_six_funders_logos(write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    folder = write_issue(SMALL)
    for n in range(6):
        Image.new("RGB", (900, 300), (40 * n, 120, 200)).save(folder / f"logo{n}.png")
    text = SMALL.replace("  funders:\n", "  funders:\n" + "".join(
        f"    - {{name: Förderer {n}, logo: logo{n}.png}}\n" for n in range(6)))
    (folder / "issue.yaml").write_text(text, encoding="utf-8")
    reader = PdfReader(build_issue(folder, tmp_path / "n.pdf").output)
    assert len(reader.pages[0].images) >= 6  # the logos, all on the page


def test_sixty_rows_repeat_their_header(write_issue: Callable[[str], Path],
                                        tmp_path: Path) -> None:
    periods = [f"Monat {n}" for n in range(60)]
    text = SMALL + statistics(periods, {"A": [str(n * 10) for n in range(60)],
                                        "B": [str(n) for n in range(60)]}, chart="none")
    reader = build(write_issue, tmp_path, text)
    pages = [t for t in page_texts(reader) if "Monat" in t]
    assert len(pages) >= 2 and all("Gesamt" in t for t in pages)
    assert format_number(59 * 11, "de") in pages[-1]


def test_too_many_series_is_a_clear_error(write_issue: Callable[[str], Path]) -> None:
    series = {f"Reihe{n}": ["1", "2"] for n in range(12)}
    with pytest.raises(IssueError) as caught:
        build_issue(write_issue(SMALL + statistics(["2021", "2022"], series)))
    assert "room for 10 series, not 12" in caught.value.format_message()


@pytest.mark.parametrize(("periods", "values", "chart"), [
    (["2021", "2022", "2023"], ["-5", "10", "~"], "stacked-bars"),
    (["2021", "2022", "2023"], ["~", "10", "12"], "lines"),
    (["2023"], ["42"], "bars"),
    ([f"Quartal {n}" for n in range(40)], [str(n) for n in range(40)], "stacked-bars"),
    (["2021", "2022", "2023"], ["0", "0", "0"], "stacked-bars"),
])
def test_charts_of_odd_numbers(write_issue: Callable[[str], Path], tmp_path: Path,
                               periods: list[str], values: list[str], chart: str) -> None:
    text = SMALL + statistics(periods, {"Reihe": values, "Andere": values}, chart)
    reader = build(write_issue, tmp_path, text)
    statistics_page = next(t for t in page_texts(reader) if "Zahlen" in t)
    if "~" in values:
        assert "–" in statistics_page  # a gap, never a silent 0


def test_an_oversized_issue_file_is_refused(write_issue: Callable[[str], Path]) -> None:
    folder = write_issue(SMALL + "# " + "x" * (300 << 10) + "\n")
    with pytest.raises(IssueError) as caught:
        build_issue(folder, folder / "n.pdf")
    assert "larger than 256 KB" in caught.value.format_message()


def _refused_quickly(folder: Path) -> str:
    """The message of ``newsletter check`` on ``folder``, which must take under a second."""
    started = time.perf_counter()
    with pytest.raises(IssueError) as caught:
        load_issue(folder)
    message = caught.value.format_message()
    assert time.perf_counter() - started < 1.0
    return message


@pytest.mark.parametrize("depth", [60, 999, 3000])
def test_deep_nesting_is_refused_at_its_line(write_issue: Callable[[str], Path],
                                             depth: int) -> None:
    text = SMALL + "keywords: " + "[" * depth + "x" + "]" * depth + "\n"
    message = _refused_quickly(write_issue(text))
    line = SMALL.count("\n") + 1
    assert f"issue.yaml:{line}:" in message and "nested more than 50 levels deep" in message
    assert "RecursionError" not in message
    block = "keywords:\n" + "".join("  " * n + "- \n" for n in range(60))
    assert "nested more than 50 levels deep" in _refused_quickly(write_issue(SMALL + block))


def test_too_many_values_are_refused_quickly(write_issue: Callable[[str], Path]) -> None:
    text = SMALL + "keywords: [" + ", ".join(["x"] * 12_000) + "]\n"
    assert len(text.encode()) < 256 << 10
    assert "holds more than 10000 values" in _refused_quickly(write_issue(text))


def test_a_file_with_thousands_of_errors_is_reported_quickly(
        write_issue: Callable[[str], Path]) -> None:
    articles = "".join(f"  - titel: Meldung {n}\n    body: [Text {n}]\n" for n in range(1500))
    text = SMALL.split("articles:")[0] + "articles:\n" + articles
    message = _refused_quickly(write_issue(text))
    assert message.count("error: unknown field 'titel'") == 100
    assert "… and 1400 more problem(s) not shown" in message


def test_a_large_issue_within_the_limits_is_read_in_time(
        write_issue: Callable[[str], Path]) -> None:
    """As many articles as the limits allow: read in under a second."""
    articles = "".join(f"  - title: Meldung {n}\n    body: [Eine kurze Meldung {n}.]\n"
                       for n in range(1600))
    folder = write_issue(SMALL.split("articles:")[0] + "articles:\n" + articles)
    started = time.perf_counter()
    issue = load_issue(folder)
    assert len(issue.articles) == 1600 and time.perf_counter() - started < 1.0


def test_billion_laughs_is_refused_quickly(write_issue: Callable[[str], Path]) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n"
        for n in range(9))
    with pytest.raises(IssueError) as caught:
        build_issue(write_issue(bomb))
    assert "anchors and aliases" in caught.value.format_message()
