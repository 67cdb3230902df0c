"""Errors and diagnostics: the one exception hierarchy of the engine.

Every problem an editor can cause is reported as a :class:`Diagnostic` that
points at the issue file (path, line, column) and says what to do. Engine code
raises; only :mod:`layout.cli` prints and exits. Nothing here imports other
modules of the package but :mod:`layout.i18n`, to speak the editor's language.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Position:
    """A place in an input file; line and column count from 1."""

    path: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        shown = display_path(self.path)
        if self.line <= 0:
            return shown
        return f"{shown}:{self.line}:{self.column or 1}"


def display_path(path: Path) -> str:
    """``path`` relative to the working directory where that is shorter."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return relative if len(relative) < len(str(path)) else str(path)


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the input, ready to be shown to an editor."""

    message: str
    position: Position | None = None
    severity: Severity = "error"
    hint: str | None = None

    def format(self) -> str:
        """The diagnostic as ``path:line:col: error: message``, then the
        offending line and the hint, each on a line of its own."""
        from .i18n import _

        prefix = f"{self.position}: " if self.position else ""
        severity = _("error") if self.severity == "error" else _("warning")
        lines = [f"{prefix}{severity}: {self.message}"]
        excerpt = self._excerpt()
        if excerpt:
            lines.append(excerpt)
        if self.hint:
            lines.append(_("  hint: {hint}").format(hint=self.hint))
        return "\n".join(lines)

    def _excerpt(self) -> str | None:
        position = self.position
        if position is None or position.line <= 0:
            return None
        try:
            with open(position.path, encoding="utf-8", errors="replace") as source:
                for number, text in enumerate(source, start=1):
                    if number == position.line:
                        text = text.rstrip("\r\n").replace("\t", " ")
                        caret = " " * max(position.column - 1, 0) + "^"
                        return f"  {number:>4} | {text}\n       | {caret}"
        except OSError:
            return None
        return None


class NewsletterError(Exception):
    """Base of every error the engine raises on purpose.

    Subclasses know how to show themselves (:meth:`format_message`) and carry
    the exit status the command line ends with.
    """

    exit_code = 1

    def format_message(self) -> str:
        return str(self)


class IssueError(NewsletterError):
    """The issue file or what it references is invalid: all problems at once."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(
            diagnostics, key=lambda d: (d.position is None, d.position or Position(Path()))
        )
        errors = sum(d.severity == "error" for d in self.diagnostics)
        super().__init__(f"{errors} error(s) in the issue")  # for tracebacks; see format_message

    def format_message(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)


class LayoutError(NewsletterError):
    """The content cannot be set on the pages (for example it never fits)."""


class OutputError(NewsletterError):
    """The PDF cannot be written where it was asked to go."""
