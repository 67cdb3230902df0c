"""The command line: what an editor sees when a build succeeds or fails."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
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


def test_check_reports_every_problem_without_building(write_issue: Callable[[str], Path]) -> None:
    folder = write_issue(SMALL.replace("title: Neue", "titel: Neue").replace(
        "date: 2023-03-01", "date: 1. März"))
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1
    assert "unknown field 'titel'" in result.output and "must be a date" in result.output
    assert not list(folder.glob("*.pdf"))


def test_check_passes_a_good_issue(write_issue: Callable[[str], Path]) -> None:
    result = CliRunner().invoke(main, ["check", str(write_issue(SMALL))])
    assert result.exit_code == 0, result.output
    assert "no errors" in result.output


def test_a_broken_picture_is_named(write_issue: Callable[[str], Path]) -> None:
    folder = write_issue(SMALL)
    (folder / "team.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1
    assert "'team.jpg' is not a readable picture" in result.output


def test_build_all_issues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from .conftest import SAMPLE

    issues = tmp_path / "issues"
    shutil.copytree(SAMPLE, issues / "2022-02")
    (issues / "2022-03").mkdir()
    (issues / "2022-03" / "issue.yaml").write_text("newsletter: [", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the PDFs go to build/ here
    result = CliRunner().invoke(main, ["build", "--all", str(issues)])
    assert result.exit_code == 1
    assert "[1/2]" in result.output and "[2/2]" in result.output
    assert "2022-02: " in result.output and "pages in" in result.output
    assert "2022-03: " in result.output and "YAML syntax error" in result.output


def test_an_interrupted_build_leaves_the_last_good_pdfs(write_issue: Callable[[str], Path],
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from layout import build, editions

    folder = write_issue(SMALL)
    output = tmp_path / "n.pdf"
    first = build.build_issue(folder, output)
    good = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}

    def interrupted(*args: object, **kwargs: object) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(editions, "digital_edition", interrupted)
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(output)])
    assert result.exit_code == 130 and "unchanged" in result.output
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == good
    assert first.print_output.exists()
