"""Rebuild an issue whenever its file or one of its pictures changes.

Polls the issue folder and what it may take from its project (the shared
assets and fonts, the style file) and the engine's stand-ins for changed
modification times, so it needs no file-system notification library and works the same
on network drives. Each build either replaces the PDF with a good one or
leaves the last good PDF in place and reports the problems: the viewer never
shows a broken file. Reports go to a callback; :mod:`layout.cli` prints them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .build import BuildResult, build_issue, check_output, default_output, print_path
from .errors import NewsletterError
from .load import find_issue_file
from .paths import STANDINS_DIR
from .project import find_project


@dataclass(frozen=True)
class Outcome:
    """One rebuild: its result, or the error that stopped it."""

    result: BuildResult | None
    error: NewsletterError | None
    started: float


def snapshot(folder: Path, ignore: frozenset[Path] = frozenset(),
             assets: Path | None = None) -> dict[Path, float]:
    """Modification times of the issue's files, its project's assets (or
    ``assets``), fonts and style file and the engine's stand-ins, but for
    hidden files (temporary ones among them) and those in ``ignore``."""
    project = find_project(folder)
    times = {}
    for base in (folder, project.assets_dir if assets is None else assets, project.fonts_dir,
                 STANDINS_DIR):
        if base.is_dir():
            for path in base.rglob("*"):
                if path.is_file() and not path.name.startswith(".") and path not in ignore:
                    times[path] = path.stat().st_mtime
    if project.style_file is not None and project.style_file not in ignore:
        times[project.style_file] = project.style_file.stat().st_mtime
    return times


def watch_issue(source: Path, output: Path | None, report: Callable[[Outcome], None], *,
                interval: float = 0.3, builds: int | None = None) -> None:
    """Build ``source`` now and after every change; stop after ``builds`` builds
    (never, if None) or on KeyboardInterrupt. An ``output`` that would overwrite
    what the build reads is refused (:class:`~layout.errors.OutputError`)
    before the first build; each build checks it again against the files the
    issue names then."""
    folder = find_issue_file(source).absolute().parent
    target = (output or default_output(source)).absolute()
    check_output(source, target)
    ignore = frozenset({target, print_path(target), target.with_suffix(".report.txt")})
    for _ in _changes(folder, ignore, interval, builds):
        started = time.time()
        try:
            report(Outcome(build_issue(source, output), None, started))
        except NewsletterError as error:
            report(Outcome(None, error, started))


def _changes(folder: Path, ignore: frozenset[Path], interval: float,
             limit: int | None) -> Iterator[None]:
    seen: dict[Path, float] = {}
    count = 0
    while limit is None or count < limit:
        current = snapshot(folder, ignore)
        if current != seen:
            seen = current
            count += 1
            yield
        else:
            time.sleep(interval)
