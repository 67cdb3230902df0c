"""A publisher's project folder: where an issue's shared files are, and how one begins.

A project keeps one publisher's newsletter apart from the engine::

    style.yaml      the house style (optional; without it, today's design)
    issues/         one folder per issue, each with its issue.yaml
    assets/         logos and recurring pictures, shared by the issues
    fonts/          the house fonts, with their licences (optional)

:func:`find_project` says which project an issue belongs to: the folder that
holds its ``issues/`` folder, else the issue's own folder (a one-issue
project). An issue's pictures are looked up in its own folder, then in the
project's ``assets/``, then among the engine's stand-ins
(:data:`~layout.paths.STANDINS_DIR`, named ``standins/<file>``).
:func:`init_project` writes a new project from the templates in
``layout/starter/``. This module reads no issue and lays nothing out.
"""

from __future__ import annotations

import datetime
import string
from dataclasses import dataclass
from pathlib import Path

from .errors import NewsletterError
from .i18n import _
from .paths import ISSUE_FILE

#: The folder names of a project.
ISSUES, ASSETS, FONTS = "issues", "assets", "fonts"
#: The house style's file, beside ``issues/``.
STYLE_FILE = "style.yaml"
_STARTER = Path(__file__).resolve().parent / "starter"


@dataclass(frozen=True)
class Project:
    """The folders of one publisher's project (they need not all exist)."""

    root: Path
    issues_dir: Path
    assets_dir: Path
    fonts_dir: Path
    #: The house style, or None where the project has none (today's design).
    style_file: Path | None

    @classmethod
    def at(cls, root: Path) -> Project:
        """The project whose root folder is ``root``."""
        style = root / STYLE_FILE
        return cls(root=root, issues_dir=root / ISSUES, assets_dir=root / ASSETS,
                   fonts_dir=root / FONTS, style_file=style if style.is_file() else None)


def find_project(issue_folder: Path) -> Project:
    """The project of the issue in ``issue_folder``: the folder holding its
    ``issues/`` folder, else the issue folder itself (a one-issue project)."""
    folder = issue_folder.absolute()
    if folder.parent.name == ISSUES:
        return Project.at(folder.parent.parent)
    return Project.at(folder)


def is_project(folder: Path) -> bool:
    """Whether ``folder`` is a project's root rather than an issue: it has an
    ``issues/`` folder and no issue file of its own."""
    return (folder / ISSUES).is_dir() and not (folder / ISSUE_FILE).exists()


def newest_issue(issues_dir: Path) -> Path | None:
    """The issue folder whose name sorts last (``2022-02`` before ``2022-03``)."""
    if not issues_dir.is_dir():
        return None
    folders = sorted(p for p in issues_dir.iterdir() if (p / ISSUE_FILE).is_file())
    return folders[-1] if folders else None


#: What :func:`init_project` writes: template in ``layout/starter/`` -> path in the project.
_FILES = {
    "style.yaml": STYLE_FILE,
    "issue.yaml": f"{ISSUES}/$issue/{ISSUE_FILE}",
    "assets-README.md": f"{ASSETS}/README.md",
    "fonts-README.md": f"{FONTS}/README.md",
}


def init_project(root: Path, today: datetime.date | None = None) -> list[Path]:
    """Write a new project into ``root`` (made if missing, else it must be
    empty): the style file with today's design, a first issue named after
    this month (``issues/2026-12``), and the ``assets/`` and ``fonts/``
    folders, each with a note. Return the files written, the issue's first."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise NewsletterError(_("{folder} exists and is not empty; a new project needs a "
                                "new or empty folder").format(folder=root))
    date = today or datetime.date.today()
    values = {"issue": f"{date:%Y-%m}", "date": date.isoformat(), "year": f"{date:%Y}",
              "number": f"1/{date:%y}"}
    written = []
    for template, target in _FILES.items():
        path = root / string.Template(target).substitute(values)
        text = string.Template((_STARTER / template).read_text(encoding="utf-8"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.substitute(values), encoding="utf-8")
        written.append(path)
    return [written[1], *written[:1], *written[2:]]
