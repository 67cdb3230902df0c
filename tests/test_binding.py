"""The page count a binding needs: one notes page at most, else the editor is told.

A saddle-stitched issue needs a multiple of four pages, a perfect-bound one
an even number. One missing page becomes a notes page, with a warning; where
more are missing, ruled pages would fill an issue, so the build stops and
names what to add or cut instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.build import build_issue, notes_pages
from layout.errors import IssueError, Position

from .conftest import ROOT
from .test_docs import as_issue, blocks, make_files

WHERE = Position(Path("issue.yaml"), 40, 3)


@pytest.mark.parametrize(("pages", "binding", "notes"), [
    (8, "saddle-stitch", 0), (7, "saddle-stitch", 1), (5, "perfect", 1), (6, "perfect", 0),
    (5, "none", 0),
])
def test_one_notes_page_is_added_with_a_warning(pages: int, binding: str, notes: int) -> None:
    added, told = notes_pages(pages, binding, WHERE)
    assert added == notes
    if notes:
        assert told is not None and told.severity == "warning" and told.position == WHERE
        assert f"{pages} pages need {notes} more" in told.message
    else:
        assert told is None


@pytest.mark.parametrize(("pages", "more", "cut"), [(6, 2, 2), (5, 3, 1), (9, 3, 1)])
def test_more_missing_pages_are_an_error_that_names_the_options(pages: int, more: int,
                                                                cut: int) -> None:
    added, told = notes_pages(pages, "saddle-stitch", WHERE)
    assert added == 0
    assert told is not None and told.severity == "error" and told.position == WHERE
    assert f"{pages} pages cannot be bound by saddle-stitch: {more} more are needed" \
        in told.message
    assert told.hint is not None
    for option in (f"add {more} page(s) of content", f"cut {cut}", "binding: perfect",
                   "binding: none"):
        assert option in told.hint


def test_an_issue_two_pages_short_is_not_filled_with_notes_pages(tmp_path: Path) -> None:
    # The format reference's complete example: six pages, bound with a glued spine.
    text = as_issue(blocks(ROOT / "docs" / "format.md")[0])
    saddle = text.replace("  binding: perfect", "  binding: saddle-stitch")
    assert saddle != text
    make_files(tmp_path, saddle)
    (tmp_path / "issue.yaml").write_text(saddle, encoding="utf-8")
    with pytest.raises(IssueError) as caught:
        build_issue(tmp_path, tmp_path / "n.pdf")
    message = caught.value.format_message()
    assert "6 pages cannot be bound by saddle-stitch: 2 more are needed" in message
    line = next(number for number, text in enumerate(saddle.splitlines(), start=1)
                if text.startswith("  binding: saddle-stitch"))
    assert f"issue.yaml:{line}:" in message  # at the value it is about
    assert not (tmp_path / "n.pdf").exists()
    (tmp_path / "issue.yaml").write_text(text, encoding="utf-8")
    result = build_issue(tmp_path, tmp_path / "n.pdf")
    assert result.pages == 6 and not [w for w in result.warnings if "notes" in w.message]
