"""The loader: a typed model from YAML, or every problem with its line and a hint."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from layout import model, source
from layout.errors import Diagnostic, IssueError
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
    composed = limited = 0
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        try:
            fast = source._fast_compose(text)
        except source._LimitError as error:  # so does PyYAML's, at the same place
            limited += 1
            with pytest.raises(source._LimitError) as caught:
                yaml.compose(text, Loader=source._Composer)
            assert (caught.value.problem, caught.value.problem_mark.line,
                    caught.value.problem_mark.column) == (
                        error.problem, error.problem_mark.line, error.problem_mark.column)
            continue
        if fast is not None:
            composed += 1
            assert _tree(fast) == _tree(yaml.compose(text, Loader=source._Composer)), path.name
    assert composed >= 10 and limited >= 1
    assert source._fast_compose("a: &x 1\nb: *x\n") is None
    assert source._fast_compose("a: [1\n") is None


# -- bad input that used to get through --------------------------------------


@pytest.mark.parametrize(("old", "new", "where", "field"), [
    ("newsletter: Rundbrief", "newsletter:", ":1:12:", "'newsletter' in the issue"),
    ("publisher: Stadt Beispielstadt", 'publisher: ""', ":5:12:", "'publisher' in the issue"),
    ("number: 1/23", "number: '   '", ":2:9:", "'number' in the issue"),
    ("  - title: Erster Artikel", "  - title: ~", ":7:12:", "'title' in article 1"),
    ("      - Ein Absatz.", '      - "   "', ":9:9:", "block 1 of article 1"),
    ("      - Ein Absatz.", "      - answer: Gut.\n        by: null", ":10:13:",
     "'by' in answer (block 1 of article 1)"),
    ("      - Ein Absatz.", "      - text: ['', ' ']", ":9:15:",
     "'text' in paragraph (block 1 of article 1)"),
])
def test_required_fields_may_not_be_left_empty(write_issue: Callable[[str], Path], old: str,
                                               new: str, where: str, field: str) -> None:
    [message] = errors_of(write_issue(MINIMAL.replace(old, new)))
    assert f"{where} error: {field} is empty" in message
    assert "hint: " in message


def test_optional_fields_may_be_empty(write_issue: Callable[[str], Path]) -> None:
    issue = load_issue(write_issue(MINIMAL + "next_issue:\nkeywords: []\n"))
    assert issue.next_issue == "" and issue.keywords == ()


def test_decomposed_letters_are_composed(write_issue: Callable[[str], Path]) -> None:
    """"u" and a combining diaeresis is the fonts' "ü", not "u[U+0308]"."""
    warnings: list[Diagnostic] = []
    text = MINIMAL.replace("Ein Absatz.", "Frau Mu\u0308ller grüßt.").replace(
        "theme: Ankommen", "theme: Ankommen in Mu\u0308nchen")
    issue = load_issue(write_issue(text), warnings=warnings)
    assert issue.theme == "Ankommen in München" and len(issue.theme) == 19
    body = issue.articles[0].body[0]
    assert isinstance(body, model.Text) and body.text == ("Frau Müller grüßt.",)
    assert warnings == []  # no character the fonts lack


def test_a_decomposed_file_name_is_found(write_issue: Callable[[str], Path]) -> None:
    folder = write_issue(MINIMAL.replace("      - Ein Absatz.", "      - photo: Bu\u0308ro.jpg"))
    (folder / "team.jpg").rename(folder / "Bu\u0308ro.jpg")  # as macOS keeps names
    photo = load_issue(folder).articles[0].body[0]
    assert isinstance(photo, model.Photo) and photo.photo.name == "Bu\u0308ro.jpg"


def test_warnings_point_at_the_value_they_are_about(write_issue: Callable[[str], Path]) -> None:
    warnings: list[Diagnostic] = []
    text = MINIMAL.replace("theme: Ankommen", "theme: 'TODO: Thema'") + \
        "next_issue: 'TODO: im Juni'\n"
    load_issue(write_issue(text), warnings=warnings)
    assert [(w.position.line, w.position.column) for w in warnings if w.position] == [
        (3, 8), (10, 13)]


def test_statistics_errors_point_at_the_field(write_issue: Callable[[str], Path]) -> None:
    text = MINIMAL + "statistics:\n  title: Z\n  periods: []\n  series:\n" \
                     "    - name: A\n      values: [1]\n"
    messages = errors_of(write_issue(text))
    assert any(":12:12: error: statistics need at least one period" in m for m in messages)
    assert any(":15:15: error: series 'A' has 1 values but there are 0 periods" in m
               for m in messages)


def test_split_thousands_are_explained(write_issue: Callable[[str], Path]) -> None:
    stats = "statistics:\n  title: Z\n  periods: [a, b]\n  series:\n    - name: A\n" \
            "      values: {values}\n"
    [message] = errors_of(write_issue(MINIMAL + stats.format(values="[2,710, 3,105]")))
    assert ":15:15: error: series 'A' has 4 values but there are 2 periods" in message
    assert "hint: write 2710 without a separator, or quote the list items" in message
    warnings: list[Diagnostic] = []
    issue = load_issue(write_issue(MINIMAL + stats.format(values="[120,135]")),
                       warnings=warnings)
    assert issue.statistics and issue.statistics[0].series[0].values == (120, 135)
    [warning] = warnings
    assert warning.position and warning.position.line == 15
    assert "reads 120,135 as 2 values" in warning.message
    assert "write 120135 without a separator" in (warning.hint or "")
    warnings.clear()
    load_issue(write_issue(MINIMAL + stats.format(values="[120, 135]")), warnings=warnings)
    assert warnings == []  # with a space after the comma, two values are meant


def test_cover_problems_are_listed_with_the_others(write_issue: Callable[[str], Path]) -> None:
    folder = write_issue(MINIMAL.replace("  - title: Erster", "  - titel: Erster")
                         + "cover:\n  front: generated\n  back: rueckseite.pdf\n")
    (folder / "rueckseite.pdf").write_bytes(b"not a PDF at all")
    messages = errors_of(folder)
    assert any("unknown field 'titel'" in m for m in messages)
    assert any(":12:9: error: cover 'back': 'rueckseite.pdf' is not a readable PDF" in m
               for m in messages)
    (folder / "rueckseite.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<")  # cut off
    assert any("'rueckseite.pdf' is not a readable PDF" in m for m in errors_of(folder))


def test_a_truncated_picture_is_named_at_its_line(write_issue: Callable[[str], Path]) -> None:
    folder = write_issue(MINIMAL.replace("      - Ein Absatz.", "      - photo: team.jpg"))
    data = (folder / "team.jpg").read_bytes()
    (folder / "team.jpg").write_bytes(data[: len(data) // 2])
    [message] = errors_of(folder)
    assert ":9:16: error: 'photo' in photo (block 1 of article 1): 'team.jpg' is not a " \
           "readable picture (the file ends too early)" in message


def test_a_picture_is_decoded_once_per_version(write_issue: Callable[[str], Path]) -> None:
    from layout import load

    folder = write_issue(MINIMAL.replace("      - Ein Absatz.", "      - photo: team.jpg"))
    load.load_issue(folder)
    before = load._inspect_picture.cache_info()
    load.load_issue(folder)
    after = load._inspect_picture.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)


def _png_header(path: Path, width: int, height: int) -> None:
    """A PNG that says it is ``width`` × ``height`` (only its header is read)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
                     chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b""))


def test_a_huge_png_is_refused_with_its_size(write_issue: Callable[[str], Path]) -> None:
    from PIL import Image

    folder = write_issue(MINIMAL.replace("      - Ein Absatz.", "      - photo: riesig.png"))
    Image.new("1", (12000, 9000)).save(folder / "riesig.png")  # 1 bit a pixel: 14 MB
    [message] = errors_of(folder)
    assert ":9:16: error: 'photo' in photo (block 1 of article 1): 'riesig.png' has " \
           "12000 × 9000 pixels, more than the 24 million a PNG may have" in message
    assert "hint: save it as JPEG, or at most 5600 pixels wide" in message


@pytest.mark.parametrize("size", [(17000, 17000), (30000, 30000)])
def test_a_decompression_bomb_is_refused_quietly(write_issue: Callable[[str], Path],
                                                 size: tuple[int, int]) -> None:
    """Beyond Pillow's own limit (a warning, then an error): our message, no warning."""
    import warnings

    folder = write_issue(MINIMAL.replace("      - Ein Absatz.", "      - photo: bombe.png"))
    _png_header(folder / "bombe.png", *size)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning that escapes fails the test
        [message] = errors_of(folder)
    assert "'bombe.png' has more than 210 million pixels" in message
    assert "hint: save it at most 6000 pixels wide" in message


def test_a_large_jpeg_passes_without_a_warning(write_issue: Callable[[str], Path]) -> None:
    """A 108-megapixel JPEG is placed (decoded at an eighth of its size)."""
    import warnings

    from PIL import Image

    folder = write_issue(MINIMAL.replace("      - Ein Absatz.", "      - photo: gross.jpg"))
    Image.new("L", (12000, 9000), 128).save(folder / "gross.jpg", quality=50)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        photo = load_issue(folder).articles[0].body[0]
    assert isinstance(photo, model.Photo) and photo.photo.name == "gross.jpg"
