"""Reading an issue file into YAML nodes that remember their line.

The issue is *composed*, never constructed: no YAML tag is ever turned into a
Python object, and scalars stay the text the editor typed (``no``, ``0815`` and
``2022-06-02`` are strings until :mod:`layout.load` decides what a field
needs). Anchors and aliases are refused, which also shuts out "billion laughs"
documents. This module knows nothing of the issue format.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import Diagnostic, IssueError, Position
from .i18n import _

#: An issue file larger than this is refused before it is read.
MAX_BYTES = 4 << 20


class _AliasError(yaml.MarkedYAMLError):
    """An anchor or alias, which issue files may not use."""


class _Composer(yaml.SafeLoader):
    """A loader used only to compose; it refuses aliases before expanding them."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _AliasError(
                problem=_("anchors and aliases (& and *) are not supported in issue files"),
                problem_mark=event.start_mark,
            )
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if getattr(event, "anchor", None):
            raise _AliasError(
                problem=_("anchors and aliases (& and *) are not supported in issue files"),
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


def _fast_compose(text: str) -> yaml.Node | None:
    """The document composed by libyaml, where PyYAML was built with it (ten
    times faster than PyYAML's own parser), after a look at its events for
    anchors and aliases. None for a document with anchors, aliases or errors,
    and for an empty one: :class:`_Composer` then says what is wrong in the
    words the hints of :func:`_syntax_diagnostic` know. Plain scalars have the
    style ``""`` here, ``None`` there."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return None
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return None
        node: yaml.Node | None = yaml.compose(text, Loader=loader)
    except yaml.YAMLError:
        return None
    return node


def position(path: Path, node: yaml.Node) -> Position:
    """Where ``node`` starts in ``path`` (line and column from 1)."""
    mark = node.start_mark
    return Position(path, mark.line + 1, mark.column + 1)


def read_yaml(path: Path) -> yaml.Node:
    """Compose the YAML document in ``path``; raise :class:`IssueError` if unreadable."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise IssueError([Diagnostic(
                _("the issue file is larger than {size} MB").format(size=MAX_BYTES >> 20),
                Position(path), hint=_("an issue file holds text only; put pictures beside it"))])
        data = path.read_bytes()
    except OSError as error:
        raise IssueError(
            [Diagnostic(_("cannot read the issue file: {reason}").format(reason=error.strerror),
                        Position(path))]
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise IssueError(
            [
                Diagnostic(
                    _("the file is not UTF-8 text (byte 0x{byte:02x} cannot be read)").format(
                        byte=data[error.start]),
                    Position(path, line, 1),
                    hint=_("save the file as UTF-8 (in most editors: 'Save as…', encoding UTF-8)"),
                )
            ]
        ) from None
    try:
        node = _fast_compose(text) or yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as error:
        raise IssueError([_syntax_diagnostic(path, error)]) from None
    except yaml.YAMLError as error:  # errors without a mark
        raise IssueError([Diagnostic(_("not valid YAML: {error}").format(error=error),
                                     Position(path))]) from None
    if node is None:
        raise IssueError(
            [Diagnostic(_("the issue file is empty"), Position(path, 1, 1),
                        hint=_("start from docs/format.md or an earlier issue"))]
        )
    return node


def _syntax_diagnostic(path: Path, error: yaml.MarkedYAMLError) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    where = Position(path, mark.line + 1, mark.column + 1) if mark else Position(path)
    problem = error.problem or _("not valid YAML")
    hint = None
    if "'\\t'" in problem or "tab" in problem:
        problem = _("a tab character is used for indentation")
        hint = _("indent with spaces, never with tabs")
    elif "mapping values are not allowed" in problem:
        hint = _("a value that contains ': ' must be put in quotes")
    elif "could not find expected ':'" in problem:
        hint = _("check the indentation and that every key ends with ':'")
    elif isinstance(error, _AliasError):
        hint = _("write the values out in full where they are needed")
    return Diagnostic(_("YAML syntax error: {problem}").format(problem=problem), where, hint=hint)
