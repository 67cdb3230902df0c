"""Errors and diagnostics: the one exception hierarchy of the engine.

Every problem an editor can cause is reported as a :class:`Diagnostic` that
points at the issue file (path, line, column) and says what to do. Engine code
raises; only :mod:`layout.cli` prints and exits. Nothing here imports other
modules of the package but :mod:`layout.i18n`, to speak the editor's language.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]
#: An error lists at most this many problems; a file with more has one
#: mistake repeated, or is no issue at all.
MAX_SHOWN = 100
#: The most of a line an excerpt shows.
_EXCERPT = 100


@dataclass(frozen=True, order=True)
class Position:
    """A place in an input file; line and column count from 1.

    The position of a model node also knows where the values of the node's
    fields start (``values``, set by the loader), so that a message about one
    field points at that field's value: see :meth:`of`. They take no part in
    comparing positions.
    """

    path: Path
    line: int = 0
    column: int = 0
    values: tuple[tuple[str, Position], ...] = field(default=(), compare=False, repr=False)

    def of(self, name: str) -> Position:
        """Where the value of the field ``name`` starts; where the node starts
        if the field was not written."""
        for key, where in self.values:
            if key == name:
                return where
        return self

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
        lines = _lines(position.path)
        if position.line > len(lines):
            return None
        text = lines[position.line - 1].rstrip("\r\n").replace("\t", " ")
        column = max(position.column - 1, 0)
        if len(text) > _EXCERPT:  # a window around the column, not the whole line
            start = max(0, min(column - _EXCERPT // 2, len(text) - _EXCERPT))
            head = "…" if start else ""
            tail = "…" if start + _EXCERPT < len(text) else ""
            text = head + text[start:start + _EXCERPT] + tail
            column += len(head) - start
        return f"  {position.line:>4} | {text}\n       | {' ' * column}^"


def _lines(path: Path) -> list[str]:
    """The lines of ``path`` (none if it cannot be read), read once however many
    diagnostics point into it."""
    try:
        stat = path.stat()
    except OSError:
        return []
    return _read_lines(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _read_lines(path: Path, mtime: int, size: int) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as source:
            text = source.read()
    except OSError:
        return []
    lines = text.split("\n")  # as YAML counts them (\r\n and \r read as \n)
    return lines[:-1] if text.endswith("\n") else lines


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
        from .i18n import _

        shown = [d.format() for d in self.diagnostics[:MAX_SHOWN]]
        if len(self.diagnostics) > MAX_SHOWN:
            shown.append(_("… and {count} more problem(s) not shown; correct these first")
                         .format(count=len(self.diagnostics) - MAX_SHOWN))
        return "\n".join(shown)


class LayoutError(NewsletterError):
    """The content cannot be set on the pages (for example it never fits)."""


class OutputError(NewsletterError):
    """The PDF cannot be written where it was asked to go."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    def format_message(self) -> str:
        from .i18n import _

        if self.hint is None:
            return str(self)
        return "\n".join([f"{_('error')}: {self}", _("  hint: {hint}").format(hint=self.hint)])
