"""A publisher's project folder: which project an issue is in, where its
pictures are found (its folder, the project's assets, the engine's
stand-ins), and ``newsletter init``, whose project builds as it is."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from layout.build import check_output
from layout.cli import main
from layout.errors import IssueError, OutputError, display_path
from layout.load import load_issue
from layout.paths import STANDINS_DIR
from layout.project import find_project, init_project
from layout.watch import snapshot

from .conftest import ROOT

ISSUE = """\
newsletter: Rundbrief
number: 1/30
theme: Ankommen
date: 2030-03-01
publisher: Musterverein
articles:
  - title: Erster Artikel
    body:
      - Ein Absatz.
      - photo: {picture}
"""


def picture(path: Path, colour: str = "red") -> Path:
    """A small picture of one colour at ``path``, made for the test."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (600, 400), colour).save(path, quality=90)
    return path


def project_issue(root: Path, picture_name: str) -> Path:
    folder = root / "issues" / "2030-01"
    folder.mkdir(parents=True)
    (folder / "issue.yaml").write_text(ISSUE.format(picture=picture_name), encoding="utf-8")
    return folder


def photo_of(folder: Path) -> Path:
    [photo] = load_issue(folder).files()
    return photo


def test_the_project_holds_the_issues_folder(tmp_path: Path) -> None:
    folder = project_issue(tmp_path / "verein", "standins/team.jpg")
    project = find_project(folder)
    assert project.root == tmp_path / "verein"
    assert project.assets_dir == tmp_path / "verein" / "assets"
    assert project.fonts_dir == tmp_path / "verein" / "fonts"
    assert project.style_file is None
    (tmp_path / "verein" / "style.yaml").write_text("columns: 2\n", encoding="utf-8")
    assert find_project(folder).style_file == tmp_path / "verein" / "style.yaml"


def test_an_issue_outside_issues_is_a_project_of_its_own(tmp_path: Path) -> None:
    project = find_project(tmp_path / "einzeln")
    assert project.root == tmp_path / "einzeln"
    assert project.assets_dir == tmp_path / "einzeln" / "assets"


def test_the_repository_is_the_first_customers_project() -> None:
    project = find_project(ROOT / "issues" / "2022-02")
    assert project.root == ROOT
    assert project.assets_dir == ROOT / "assets"


def test_pictures_are_found_in_the_issue_then_assets_then_stand_ins(tmp_path: Path) -> None:
    root = tmp_path / "verein"
    folder = project_issue(root, "standins/team.jpg")
    assert photo_of(folder) == STANDINS_DIR / "team.jpg"  # the engine's
    own = picture(root / "assets" / "standins" / "team.jpg", "green")
    assert photo_of(folder) == own  # the project's assets come before the engine's
    beside = picture(folder / "standins" / "team.jpg", "blue")
    assert photo_of(folder) == beside  # and the issue's own folder before both


def test_a_project_asset_by_its_path_under_assets(tmp_path: Path) -> None:
    root = tmp_path / "verein"
    logo = picture(root / "assets" / "logos" / "verein.png")
    assert photo_of(project_issue(root, "logos/verein.png")) == logo


def test_a_missing_picture_names_the_three_places(tmp_path: Path) -> None:
    folder = project_issue(tmp_path / "verein", "gibtsnicht.jpg")
    with pytest.raises(IssueError) as caught:
        load_issue(folder)
    [message] = [d.format() for d in caught.value.diagnostics]
    assert message.startswith(f"{display_path(folder / 'issue.yaml')}:10:16: error: ")
    assert "file 'gibtsnicht.jpg' not found" in message
    assert "next to issue.yaml" in message and "assets/" in message
    assert "standins/<file>" in message


def test_a_misspelt_stand_in_is_suggested(tmp_path: Path) -> None:
    folder = project_issue(tmp_path / "verein", "standins/taem.jpg")
    with pytest.raises(IssueError) as caught:
        load_issue(folder)
    assert "did you mean 'standins/team.jpg'?" in caught.value.diagnostics[0].format()


def test_watch_and_the_output_check_know_the_projects_files(tmp_path: Path) -> None:
    root = tmp_path / "verein"
    folder = project_issue(root, "logos/verein.png")
    logo = picture(root / "assets" / "logos" / "verein.png")
    style = root / "style.yaml"
    style.write_text("columns: 2\n", encoding="utf-8")
    seen = snapshot(folder)
    assert {folder / "issue.yaml", logo, style, STANDINS_DIR / "team.jpg"} <= set(seen)
    with pytest.raises(OutputError):
        check_output(folder, root / "assets" / "n.pdf")


def test_init_writes_a_project(tmp_path: Path) -> None:
    written = init_project(tmp_path / "neu", datetime.date(2031, 4, 2))
    root = tmp_path / "neu"
    assert written[0] == root / "issues" / "2031-04" / "issue.yaml"
    assert {path.relative_to(root).as_posix() for path in written} == {
        "issues/2031-04/issue.yaml", "style.yaml", "assets/README.md", "fonts/README.md"}
    text = written[0].read_text(encoding="utf-8")
    assert "number: 1/31" in text and "date: 2031-04-02" in text
    issue = load_issue(written[0].parent)
    assert issue.language == "de-DE"
    assert all(path.is_relative_to(STANDINS_DIR) for path in issue.files())


def test_init_then_build_strict_from_a_folder_outside_the_repository(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    done = runner.invoke(main, ["init", "verein"])
    assert done.exit_code == 0, done.output
    issue = f"issues/{datetime.date.today():%Y-%m}"
    assert f"verein/{issue}/issue.yaml" in done.output
    assert "newsletter build verein" in done.output
    built = runner.invoke(main, ["build", "--strict", "verein"])  # the project: its newest issue
    assert built.exit_code == 0, built.output
    name = issue.split("/")[1]
    assert (tmp_path / "build" / name / f"newsletter-{name}.pdf").stat().st_size > 0
    assert (tmp_path / "build" / name / f"newsletter-{name}-print.pdf").stat().st_size > 0
    every = runner.invoke(main, ["build", "--all", "verein"])  # every issue of the project
    assert every.exit_code == 0, every.output
    assert "1 of 1 issue(s) built, 0 failed" in every.output


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "alt").mkdir()
    kept = tmp_path / "alt" / "notizen.txt"
    kept.write_text("bleibt", encoding="utf-8")
    done = CliRunner().invoke(main, ["init", str(tmp_path / "alt")])
    assert done.exit_code == 1
    assert "exists and is not empty" in done.output
    assert sorted(p.name for p in (tmp_path / "alt").iterdir()) == ["notizen.txt"]
    assert kept.read_text(encoding="utf-8") == "bleibt"


def test_init_takes_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "leer").mkdir()
    assert CliRunner().invoke(main, ["init", str(tmp_path / "leer")]).exit_code == 0
    assert (tmp_path / "leer" / "style.yaml").is_file()


def test_build_of_a_project_without_issues_says_so(tmp_path: Path) -> None:
    (tmp_path / "p" / "issues").mkdir(parents=True)
    done = CliRunner().invoke(main, ["build", str(tmp_path / "p")])
    assert done.exit_code == 2
    assert "no issue in" in done.output
