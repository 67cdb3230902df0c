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
    assert result.output.splitlines()[-3:] == [
        "1 of 2 issue(s) built, 1 failed:", "  2022-02: ok", "  2022-03: failed"]


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


# -- outputs that would destroy what the build reads -------------------------


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _one_build_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """``newsletter watch`` builds once and returns, should it get that far."""
    from layout import watch

    monkeypatch.setattr(watch, "_changes", lambda *args: iter([None]))


def test_an_output_that_is_not_a_pdf_is_refused(write_issue: Callable[[str], Path],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_issue(SMALL)
    before = _files(folder)
    monkeypatch.chdir(folder)
    _one_build_only(monkeypatch)
    for command in ("build", "watch"):
        result = CliRunner().invoke(main, [command, ".", "-o", "issue.yaml"])
        assert result.exit_code == 1, result.output
        assert "error: the output issue.yaml is not a PDF file name" in result.output
        assert "hint: give a name ending in .pdf" in result.output
        assert _files(folder) == before  # the editor's YAML is untouched, nothing added


@pytest.mark.parametrize(("cover", "output", "overwritten"), [
    ("back: generated", "link.pdf", "issue.yaml"),            # a link to the issue file
    ("back: rueckseite.pdf", "rueckseite.pdf", "rueckseite.pdf"),  # the cover PDF
    ("back: alt-print.pdf", "alt.pdf", "alt-print.pdf"),      # ... as the print edition
])
def test_an_output_that_would_overwrite_an_input_is_refused(
        write_issue: Callable[[str], Path], cover: str, output: str, overwritten: str) -> None:
    from pypdf import PdfWriter

    folder = write_issue(SMALL.replace("back: none", cover))
    for name in ("rueckseite.pdf", "alt-print.pdf"):
        writer = PdfWriter()
        writer.add_blank_page(595, 842)
        writer.write(folder / name)
    (folder / "link.pdf").symlink_to("issue.yaml")
    before = _files(folder)
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(folder / output)])
    assert result.exit_code == 1, result.output
    assert f"would overwrite {folder.resolve() / overwritten}, which the build reads" in \
        result.output
    assert "Traceback" not in result.output
    assert _files(folder) == before


def test_watch_refuses_an_output_over_the_issue(write_issue: Callable[[str], Path],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _one_build_only(monkeypatch)
    folder = write_issue(SMALL)
    (folder / "link.pdf").symlink_to("issue.yaml")
    result = CliRunner().invoke(main, ["watch", str(folder), "-o", str(folder / "link.pdf")])
    assert result.exit_code == 1 and "would overwrite" in result.output
    assert "watching" not in result.output


def test_a_truncated_picture_is_an_error_of_check_not_of_build(
        write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    folder = write_issue(SMALL)
    data = (folder / "team.jpg").read_bytes()
    (folder / "team.jpg").write_bytes(data[: len(data) // 2])
    for command in (["check", str(folder)], ["build", str(folder), "-o", str(tmp_path / "n.pdf")]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert "issue.yaml:21:16: error: 'photo' in photo (block 4 of article 1): 'team.jpg' " \
               "is not a readable picture (the file ends too early)" in result.output
        assert "internal error" not in result.output
    assert not (tmp_path / "n.pdf").exists()


def test_a_huge_png_is_refused_by_build(write_issue: Callable[[str], Path],
                                        tmp_path: Path) -> None:
    from PIL import Image

    folder = write_issue(SMALL.replace("photo: team.jpg", "photo: riesig.png"))
    Image.new("1", (12000, 9000)).save(folder / "riesig.png")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "n.pdf")])
    assert result.exit_code == 1, result.output
    assert "'riesig.png' has 12000 × 9000 pixels, more than the 24 million a PNG may have" \
        in result.output
    assert "hint: save it as JPEG, or at most 5600 pixels wide" in result.output
    assert "Warning" not in result.output and "PIL" not in result.output


def test_python_warnings_never_reach_the_editor(write_issue: Callable[[str], Path]) -> None:
    """A library's warning (Pillow's, with its file's path) goes to the log: shown
    with --debug, else not at all."""
    import subprocess
    import sys

    folder = write_issue(SMALL)
    program = (
        "import sys, warnings\n"
        "from layout import cli, load\n"
        "checked = load.load_issue\n"
        "def warned(*args, **kwargs):\n"
        "    warnings.warn('inside/PIL/Image.py: bomb?', UserWarning)\n"
        "    return checked(*args, **kwargs)\n"
        "load.load_issue = warned\n"
        "sys.argv = ['newsletter', *sys.argv[1:]]\n"
        "cli.main()\n")
    for debug, shown in (([], False), (["--debug"], True)):
        done = subprocess.run([sys.executable, "-c", program, "check", str(folder), *debug],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert ("bomb?" in done.stderr) == shown, done.stderr


# -- build --all ---------------------------------------------------------------


def test_build_one_reports_an_internal_error_in_one_line(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from layout import build, cli

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(build, "build_issue", broken)
    assert cli._build_one(tmp_path, strict=False) == (
        False, "internal error: RuntimeError: boom")


def test_build_all_goes_on_after_any_failure(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A good issue, an invalid one and one whose build fails unexpectedly:
    each reported, the others built, a summary in order, exit status 1."""
    import multiprocessing
    from types import SimpleNamespace

    from layout import build

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the pool's processes must inherit the patched build")
    issues = tmp_path / "issues"
    for name, text in (("a-good", SMALL), ("b-crash", SMALL), ("c-invalid", "newsletter: [")):
        (issues / name).mkdir(parents=True)
        (issues / name / "issue.yaml").write_text(text, encoding="utf-8")
    original = build.build_issue

    def patched(issue: Path, *args: object, **kwargs: object) -> object:
        if issue.name == "b-crash":
            raise ZeroDivisionError("division by zero")
        if issue.name == "a-good":  # no need to lay it out here
            return SimpleNamespace(output=Path("a.pdf"), pages=4, seconds=0.1)
        return original(issue, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "build_issue", patched)
    result = CliRunner().invoke(main, ["build", "--all", str(issues)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "b-crash: internal error: ZeroDivisionError: division by zero" in result.output
    assert "c-invalid: " in result.output and "YAML syntax error" in result.output
    assert "a-good: a.pdf: 4 pages in 0.1 s" in result.output
    assert lines[-4:] == ["1 of 3 issue(s) built, 2 failed:", "  a-good: ok",
                          "  b-crash: failed", "  c-invalid: failed"]
