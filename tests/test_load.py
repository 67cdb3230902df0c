"""The loader: a typed model from YAML, or every problem with its line and a hint."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from layout import model, source
from layout.errors import IssueError
from layout.load import load_issue

MINIMAL = """\
newsletter: Rundbrief
number: 1/23
theme: Ankommen
date: 2023-03-01
publisher: Stadt Beispielstadt
articles:
  - title: Erster Artikel
    body:
      - Ein Absatz.
"""


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(IssueError) as caught:
        load_issue(folder)
    return [d.format() for d in caught.value.diagnostics]


def test_minimal_issue(write_issue: Callable[[str], Path]) -> None:
    issue = load_issue(write_issue(MINIMAL))
    assert issue.number == "1/23"
    assert issue.articles[0].body == (model.Text(model.Paragraphs(("Ein Absatz.",))),)
    assert issue.cover.front == "generated"


def test_unknown_field_names_line_and_suggests(write_issue: Callable[[str], Path]) -> None:
    folder = write_issue(MINIMAL.replace("  - title: Erster", "  - titel: Erster"))
    [message] = errors_of(folder)
    assert "issue.yaml:7:5: error: unknown field 'titel' in article 1" in message
    assert "did you mean 'title'?" in message
    assert "titel: Erster Artikel" in message  # the offending line is shown


def test_all_errors_are_reported_at_once(write_issue: Callable[[str], Path]) -> None:
    text = MINIMAL.replace("theme: Ankommen\n", "").replace("date: 2023-03-01", "date: März")
    messages = errors_of(write_issue(text))
    assert any("missing field 'theme'" in m for m in messages)
    assert any("must be a date like 2022-07-01" in m for m in messages)


def test_duplicate_keys_are_errors(write_issue: Callable[[str], Path]) -> None:
    [message] = errors_of(write_issue(MINIMAL + "number: 2/23\n"))
    assert ":10:1: error: duplicate field 'number'" in message
    assert "already given on line 2" in message


def test_tabs_are_explained(write_issue: Callable[[str], Path]) -> None:
    [message] = errors_of(write_issue(MINIMAL.replace("    body:", "\tbody:")))
    assert "tab" in message and "indent with spaces" in message


def test_yaml_surprises_stay_text(write_issue: Callable[[str], Path]) -> None:
    text = MINIMAL.replace("number: 1/23", "number: no").replace("theme: Ankommen", "theme: 0815")
    issue = load_issue(write_issue(text))
    assert (issue.number, issue.theme) == ("no", "0815")


@pytest.mark.parametrize("snippet", ["keywords: &a [x]\nextra: *a\n",
                                     "keywords: !!python/object/apply:os.system [echo]\n"])
def test_aliases_and_tags_are_refused(write_issue: Callable[[str], Path], snippet: str) -> None:
    messages = errors_of(write_issue(MINIMAL + snippet))
    assert any("not supported" in m or "not allowed" in m for m in messages)


def test_statistics_must_match_periods(write_issue: Callable[[str], Path]) -> None:
    text = MINIMAL + textwrap.dedent("""\
        statistics:
          title: Zahlen
          periods: [2021, 2022]
          series:
            - name: A
              values: [1, 2, 3]
        """)
    [message] = errors_of(write_issue(text))
    assert "series 'A' has 3 values but there are 2 periods" in message


def test_numbers_with_separators_get_a_hint(write_issue: Callable[[str], Path]) -> None:
    text = MINIMAL + "statistics:\n  title: Z\n  periods: [x]\n  series:\n" \
                     "    - name: A\n      values: [1.071]\n"
    [message] = errors_of(write_issue(text))
    assert "write the number without separators: 1071" in message


def test_missing_picture_suggests_close_name(write_issue: Callable[[str], Path]) -> None:
    text = MINIMAL.replace("      - Ein Absatz.", "      - photo: portrait.jpeg")
    [message] = errors_of(write_issue(text))
    assert "file 'portrait.jpeg' not found" in message
    assert "did you mean 'portrait.jpg'?" in message


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd"])
def test_pictures_outside_the_issue_are_refused(write_issue: Callable[[str], Path],
                                                name: str) -> None:
    text = MINIMAL.replace("      - Ein Absatz.", f"      - photo: {name}")
    [message] = errors_of(write_issue(text))
    assert "must be a file name inside the issue's folder" in message


def test_pictures_are_found_in_assets(write_issue: Callable[[str], Path]) -> None:
    text = MINIMAL.replace("      - Ein Absatz.", "      - photo: standins/plenum.jpg")
    issue = load_issue(write_issue(text))
    photo = issue.articles[0].body[0]
    assert isinstance(photo, model.Photo)
    assert photo.photo.name == "plenum.jpg"


def test_block_kinds(write_issue: Callable[[str], Path]) -> None:
    text = MINIMAL.replace("      - Ein Absatz.", textwrap.indent(textwrap.dedent("""\
        - subhead: Zwischentitel
        - question: Wie geht es?
        - answer: |
            Gut.

            Sehr gut.
          by: Anna
        - quote: Ein Satz.
          by: Ben
        - subhed: falsch
        """), "      "))
    [message] = errors_of(write_issue(text))
    assert "unknown kind of block" in message and "did you mean 'subhead'?" in message
    issue = load_issue(write_issue(text.replace("      - subhed: falsch\n", "")))
    kinds = [type(block) for block in issue.articles[0].body]
    assert kinds == [model.Subhead, model.Question, model.Answer, model.Quote]
    answer = issue.articles[0].body[2]
    assert isinstance(answer, model.Answer) and answer.answer == ("Gut.", "Sehr gut.")


def test_not_utf8(write_issue: Callable[[str], Path]) -> None:
    folder = write_issue(MINIMAL)
    (folder / "issue.yaml").write_bytes(MINIMAL.replace("Erster", "Größter").encode("latin-1"))
    [message] = errors_of(folder)
    assert "not UTF-8" in message and ":7:" in message


def test_empty_file(write_issue: Callable[[str], Path]) -> None:
    [message] = errors_of(write_issue(""))
    assert "empty" in message


STATS = textwrap.dedent("""\
    statistics:
      title: Zahlen
      periods: [Mitte 2021, Juni 2022]
      series:
        - name: EU-Bürger:innen
          values: [4557, 5046]
        - name: Aufenthaltstitel
          values: [3092, 5497]
    """)


def test_placeholders_take_numbers_from_the_statistics(write_issue: Callable[[str], Path]) -> None:
    text = MINIMAL.replace("Ein Absatz.", '"{{ total }} Menschen, davon {{ \\"EU-Bürger:innen\\" }}'
                           ' aus der EU; {{ total \\"Mitte 2021\\" }} im Jahr {{ period }}"')
    issue = load_issue(write_issue(text + STATS))
    body = issue.articles[0].body[0]
    assert isinstance(body, model.Text)
    assert body.text == ("10.543 Menschen, davon 5.046 aus der EU; 7.649 im Jahr Juni 2022",)


def test_unknown_placeholders_list_what_there_is(write_issue: Callable[[str], Path]) -> None:
    text = MINIMAL.replace("Ein Absatz.", "'{{ EU }} und {{ total \"2020\" }}'")
    messages = errors_of(write_issue(text + STATS))
    assert any("there is no series 'EU'" in m and '"EU-Bürger:innen", "Aufenthaltstitel"' in m
               for m in messages)
    assert any("there is no period '2020'" in m for m in messages)


def test_a_byte_order_mark_and_windows_line_endings_are_read(
        write_issue: Callable[[str], Path]) -> None:
    folder = write_issue(MINIMAL)
    (folder / "issue.yaml").write_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n")
                                        .encode("utf-8"))
    issue = load_issue(folder)
    assert issue.newsletter == "Rundbrief" and issue.articles[0].title == "Erster Artikel"


def _tree(node: yaml.Node) -> list[tuple[object, ...]]:
    """What load.py reads of a composed document: kinds, tags, values, plain or
    not, and where each node starts and ends."""
    out: list[tuple[object, ...]] = [(
        type(node).__name__, node.tag, node.start_mark.line, node.start_mark.column,
        node.end_mark.line, node.end_mark.column, bool(getattr(node, "style", None)),
        node.value if isinstance(node, yaml.ScalarNode) else None)]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out += _tree(key) + _tree(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            out += _tree(item)
    return out


def test_libyaml_composes_what_pyyaml_composes() -> None:
    """Issues are composed by libyaml for speed; errors, anchors and aliases
    are left to PyYAML's parser, whose messages the hints know."""
    root = Path(__file__).resolve().parent.parent
    files = [root / "issues" / "2022-02" / "issue.yaml",
             *(root / "tests" / "invalid").glob("*.yaml")]
    composed = 0
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        fast = source._fast_compose(text)
        if fast is not None:
            composed += 1
            assert _tree(fast) == _tree(yaml.compose(text, Loader=source._Composer)), path.name
    assert composed >= 10
    assert source._fast_compose("a: &x 1\nb: *x\n") is None
    assert source._fast_compose("a: [1\n") is None
