"""The command line: what an editor sees when a build succeeds or fails."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from layout.cli import main

from .test_other_issues import SMALL


def test_help_lists_the_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "build" in result.output


def test_build_writes_the_pdf(write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    output = tmp_path / "out" / "n.pdf"
    result = CliRunner().invoke(main, ["build", str(write_issue(SMALL)), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_bytes().startswith(b"%PDF-")
    assert "pages in" in result.output


def test_bad_input_fails_clearly_and_keeps_the_last_good_pdf(
        write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    folder = write_issue(SMALL)
    output = tmp_path / "n.pdf"
    assert CliRunner().invoke(main, ["build", str(folder), "-o", str(output)]).exit_code == 0
    good = output.read_bytes()
    (folder / "issue.yaml").write_text(SMALL.replace("title: Neue", "titel: Neue"),
                                       encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(output)])
    assert result.exit_code == 1
    assert "issue.yaml:" in result.output and "error: unknown field 'titel'" in result.output
    assert "did you mean 'title'?" in result.output
    assert "Traceback" not in result.output
    assert output.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []
