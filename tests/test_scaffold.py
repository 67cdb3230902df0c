"""Starting the next issue from the sample."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from layout.build import build_issue
from layout.cli import main
from layout.errors import IssueError
from layout.load import load_issue

from .conftest import SAMPLE


def test_new_issue_carries_over_what_repeats(tmp_path: Path) -> None:
    issues = tmp_path / "issues"
    shutil.copytree(SAMPLE, issues / "2022-02")
    result = CliRunner().invoke(main, ["new", "2022-03", "--issues", str(issues)])
    assert result.exit_code == 0, result.output
    assert "Still to fill in" in result.output and "statistics" in result.output
    warnings: list = []
    issue = load_issue(issues / "2022-03", warnings=warnings)
    old = load_issue(SAMPLE)
    assert (issue.number, issue.date.isoformat()) == ("3/22", "2022-10-15")
    assert issue.contacts == old.contacts and issue.funding == old.funding
    assert issue.imprint == old.imprint
    [stats], [old_stats] = issue.statistics, old.statistics
    assert stats.periods[:-1] == old_stats.periods
    assert all(series.values[-1] is None for series in stats.series)
    assert issue.editorial is not None and issue.editorial.signature == old.editorial.signature
    assert any("still to be written" in w.message for w in warnings)
    # The draft is laid out as it is, TODOs and all; with its short texts it
    # fills too few pages to be saddle-stitched, and the build says so
    with pytest.raises(IssueError) as failed:
        build_issue(issues / "2022-03", tmp_path / "n.pdf")
    [problem] = failed.value.diagnostics
    assert "cannot be bound by saddle-stitch" in problem.message
    assert problem.hint is not None and "binding: none" in problem.hint
    assert not (tmp_path / "n.pdf").exists()
    draft = issues / "2022-03" / "issue.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").replace(
        "binding: saddle-stitch", "binding: none"), encoding="utf-8")
    if "binding: none" not in draft.read_text(encoding="utf-8"):
        with draft.open("a", encoding="utf-8") as file:
            file.write("\nprint:\n  binding: none\n")
    assert build_issue(issues / "2022-03", tmp_path / "n.pdf").pages >= 4


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    issues = tmp_path / "issues"
    shutil.copytree(SAMPLE, issues / "2022-02")
    result = CliRunner().invoke(main, ["new", "2022-02", "--issues", str(issues)])
    assert result.exit_code == 1 and "exists already" in result.output
