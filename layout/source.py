"""Reading an issue file into YAML nodes that remember their line.

The issue is *composed*, never constructed: no YAML tag is ever turned into a
Python object, and scalars stay the text the editor typed (``no``, ``0815`` and
``2022-06-02`` are strings until :mod:`layout.load` decides what a field
needs). Anchors and aliases are refused, which also shuts out "billion laughs"
documents. So is a file too large, too deeply nested or with too many values
to be an issue: the work of reading it stays within a second. This module
knows nothing of the issue format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Diagnostic, IssueError, Position
from .i18n import _

#: An issue file larger than this is refused before it is read: a 40-page
#: issue is some 60 KB, the sample 18 KB.
MAX_BYTES = 256 << 10
#: At most this many values (texts, lists and mappings; the sample has 352),
#: so that a file within MAX_BYTES is still read in well under a second ...
MAX_NODES = 10_000
#: ... and nested at most this deep (the sample: 6 levels).
MAX_DEPTH = 50


class _AliasError(yaml.MarkedYAMLError):
    """An anchor or alias, which issue files may not use."""


class _LimitError(yaml.MarkedYAMLError):
    """A document nested too deeply, or with too many values, to be an issue."""

    def __init__(self, problem: str, hint: str, mark: Any = None) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


def _too_deep(mark: Any = None) -> _LimitError:
    return _LimitError(_("the values are nested more than {most} levels deep").format(
        most=MAX_DEPTH), _("an issue needs only a few levels: check the indentation and that "
                           "every [ and { is closed"), mark)


class _Limits:
    """Counts the values of a document and how deeply they nest, event by event."""

    def __init__(self) -> None:
        self.nodes = 0
        self.depth = 0

    def count(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.CollectionEndEvent):
            self.depth -= 1
            return
        if not isinstance(event, yaml.NodeEvent):
            return
        self.nodes += 1
        if isinstance(event, yaml.CollectionStartEvent):
            self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _too_deep(event.start_mark)
        if self.nodes > MAX_NODES:
            raise _LimitError(_("the issue file holds more than {most} values").format(
                most=MAX_NODES), _("an issue holds a few hundred values; split the file into "
                                   "several issues"), event.start_mark)


class _Composer(yaml.SafeLoader):
    """A loader used only to compose; it refuses aliases before expanding them,
    and documents beyond the limits before composing them further."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.limits = _Limits()

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
        self.limits.count(event)
        node = super().compose_node(parent, index)
        if isinstance(node, yaml.CollectionNode):
            self.limits.depth -= 1
        return node


def _fast_compose(text: str) -> yaml.Node | None:
    """The document composed by libyaml, where PyYAML was built with it (ten
    times faster than PyYAML's own parser), after a look at its events for
    anchors and aliases. None for a document with anchors, aliases or errors,
    and for an empty one: :class:`_Composer` then says what is wrong in the
    words the hints of :func:`_syntax_diagnostic` know. Plain scalars have the
    style ``""`` here, ``None`` there. Raises :class:`_LimitError` for a
    document beyond the limits, before composing it."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return None
    limits = _Limits()
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return None
            limits.count(event)
        node: yaml.Node | None = yaml.compose(text, Loader=loader)
    except _LimitError:
        raise
    except yaml.MarkedYAMLError as error:
        if error.problem == "exceeded maximum nesting depth":  # libyaml's own limit, 1000
            raise _too_deep(error.problem_mark) from None  # before PyYAML labours at it
        return None
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
                _("the issue file is larger than {size} KB").format(size=MAX_BYTES >> 10),
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
    except _LimitError as error:
        raise IssueError([_limit_diagnostic(path, error)]) from None
    except RecursionError:  # the limits above come first; this is the last guard
        raise IssueError([_limit_diagnostic(path, _too_deep())]) from None
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


def _limit_diagnostic(path: Path, error: _LimitError) -> Diagnostic:
    mark = error.problem_mark
    where = Position(path, mark.line + 1, mark.column + 1) if mark else Position(path)
    return Diagnostic(str(error.problem), where, hint=error.hint)


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
