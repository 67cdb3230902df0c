"""Shared fixtures: the sample issue is built once per test session."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from layout import model
from layout.build import BuildResult, build_issue
from layout.load import load_issue

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "issues" / "2022-02"
DATA = Path(__file__).resolve().parent / "data"
#: Made-up issues of other publishers that push the format (see test_gallery.py):
#: an issue's folder, or a publisher's project (``style.yaml``, ``assets/``,
#: ``fonts/``, ``issues/<id>/``) whose one issue is named after the project.
GALLERY = Path(__file__).resolve().parent / "gallery"


def _gallery_folders() -> dict[str, Path]:
    found = {}
    for path in sorted(GALLERY.iterdir()):
        if (path / "issue.yaml").is_file():
            found[path.name] = path
        elif (path / "style.yaml").is_file():
            issues = sorted(p for p in (path / "issues").iterdir() if (p / "issue.yaml").is_file())
            found[path.name] = issues[0]
    return found


#: Each gallery issue's folder, by its name.
FOLDERS = _gallery_folders()
ISSUES = sorted(FOLDERS)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    output = tmp_path_factory.mktemp("sample") / "newsletter-2022-02.pdf"
    return build_issue(SAMPLE, output)


@dataclass(frozen=True)
class Built:
    issue: model.Issue
    result: BuildResult

    @property
    def editions(self) -> tuple[Path, Path]:
        return self.result.output, self.result.print_output


@pytest.fixture(scope="session")
def gallery(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Every gallery issue, built once (the cache of the test session)."""
    out = tmp_path_factory.mktemp("gallery")
    return {name: Built(load_issue(FOLDERS[name]),
                        build_issue(FOLDERS[name], out / name / f"{name}.pdf"))
            for name in ISSUES}


@pytest.fixture(scope="session")
def sample_pdf(sample_build: BuildResult) -> PdfReader:
    return PdfReader(sample_build.output)


@pytest.fixture
def write_issue(tmp_path: Path) -> Callable[[str], Path]:
    """Write an issue file (and copy the stand-in photos beside it)."""

    def write(text: str) -> Path:
        folder = tmp_path / "issue"
        folder.mkdir(exist_ok=True)
        for name in ("portrait.jpg", "team.jpg"):
            shutil.copy(ROOT / "assets" / "standins" / name, folder / name)
        (folder / "issue.yaml").write_text(text, encoding="utf-8")
        return folder

    return write


@pytest.fixture(autouse=True)
def english_messages() -> None:
    """Tests read messages in English, whatever the machine's locale."""
    from layout import i18n

    i18n.use("en")


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests use a cache of their own, never the machine's."""
    import os

    os.environ["NEWSLETTER_CACHE"] = str(tmp_path_factory.mktemp("cache"))
