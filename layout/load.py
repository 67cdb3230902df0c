"""From YAML nodes to the typed :class:`~layout.model.Issue`, or every error at once.

The conversion is driven by the model's type hints: a dataclass is a YAML
mapping whose keys are its field names, ``tuple[X, ...]`` a list, ``Literal``
a choice, :data:`~layout.model.Paragraphs` text split at blank lines and
:data:`~layout.model.FileRef` a file beside the issue (or in ``assets/``).
Article blocks are told apart by their first key (``subhead:``, ``photo:`` …);
a plain string is a paragraph.

Problems are collected as diagnostics; :func:`load_issue` raises one
:class:`~layout.errors.IssueError` with all of them. Warnings are logged.
This module never lays anything out and never writes a file.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import logging
import re
import types
import typing
from pathlib import Path
from typing import Any, Literal

import yaml
from PIL import Image as PILImage

from . import model
from .errors import Diagnostic, IssueError, Position
from .paths import ASSETS_DIR, ISSUE_FILE
from .placeholders import resolve_placeholders
from .source import position, read_yaml

logger = logging.getLogger(__name__)

_INVALID: Any = object()  # a value that could not be converted (already reported)
_NULLS = {"", "~", "null", "Null", "NULL"}
_MISSING_NUMBER = {"", "~", "null", "-", "–", "n/a"}
_TAG_PREFIX = "tag:yaml.org,2002:"
_PLAIN_TAGS = {f"{_TAG_PREFIX}{name}" for name in
               ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_COVER_CHOICES = ("generated", "none")


def find_issue_file(path: Path) -> Path:
    """The issue file for ``path``: the file itself or ``issue.yaml`` in the folder."""
    return path / ISSUE_FILE if path.is_dir() else path


def load_issue(path: Path, assets: Path = ASSETS_DIR,
               warnings: list[Diagnostic] | None = None, placeholders: bool = True) -> model.Issue:
    """Read, validate and convert the issue at ``path`` (a file or its folder).

    Warnings go to ``warnings`` if given, else to the log. ``placeholders``
    (``{{ total }}`` …) are replaced by their numbers unless told not to.
    """
    path = find_issue_file(path).absolute()
    root = read_yaml(path)
    converter = _Converter(path, assets)
    issue: model.Issue = converter.convert(root, model.Issue, "the issue")
    if issue is not _INVALID:
        converter.check(issue)
        if placeholders:
            issue, problems = resolve_placeholders(issue)
            converter.diagnostics += problems
        converter.check_unfinished(issue)
    errors = [d for d in converter.diagnostics if d.severity == "error"]
    if errors:
        raise IssueError(converter.diagnostics)
    for warning in converter.diagnostics:
        if warnings is None:
            logger.warning(warning.format())
        else:
            warnings.append(warning)
    return dataclasses.replace(issue, folder=path.parent)


class _Converter:
    """Converts nodes to model values, recording every problem it meets."""

    def __init__(self, path: Path, assets: Path) -> None:
        self.path = path
        self.folder = path.parent
        self.assets = assets
        self.diagnostics: list[Diagnostic] = []

    # -- reporting -------------------------------------------------------

    def error(self, node: yaml.Node, message: str, hint: str | None = None) -> Any:
        self.diagnostics.append(Diagnostic(message, position(self.path, node), hint=hint))
        return _INVALID

    def warn(self, where: Position, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(message, where, "warning", hint))

    # -- dispatch on the type hint --------------------------------------

    def convert(self, node: yaml.Node, hint: Any, context: str) -> Any:
        if node.tag not in _PLAIN_TAGS:
            return self.error(node, f"YAML tags such as '{node.tag}' are not allowed ({context})",
                              "remove the tag; write the value as plain text")
        origin = typing.get_origin(hint)
        if hint is model.Paragraphs:
            return self.paragraphs(node, context)
        if hint is model.FileRef:
            return self.file(node, context)
        if hint is str:
            return self.text(node, context)
        if hint is int:
            return self.number(node, context, optional=False)
        if hint is datetime.date:
            return self.date(node, context)
        if origin is Literal:
            return self.choice(node, typing.get_args(hint), context)
        if origin is tuple:
            return self.sequence(node, typing.get_args(hint)[0], context)
        if origin in (typing.Union, types.UnionType):
            return self.union(node, hint, context)
        if dataclasses.is_dataclass(hint):
            if context.startswith("'"):  # a field's value: name the object instead
                owner = _owner(context)
                label = getattr(hint, "LABEL", "entry")
                context = label if owner == "the issue" else f"{label} of {owner}"
            return self.mapping(node, hint, context)
        raise TypeError(f"no conversion for {hint!r}")  # a bug in the model, not the input

    # -- scalars ---------------------------------------------------------

    def scalar(self, node: yaml.Node, context: str, expected: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
            return self.error(node, f"{context} must be {expected}, not {kind}")
        return node.value

    def text(self, node: yaml.Node, context: str) -> Any:
        value = self.scalar(node, context, "text")
        if value is _INVALID:
            return value
        return " ".join(value.split())  # one line: YAML line breaks are spaces

    def paragraphs(self, node: yaml.Node, context: str) -> Any:
        if isinstance(node, yaml.SequenceNode):
            items = [self.text(item, context) for item in node.value]
            return _INVALID if _INVALID in items else model.Paragraphs(tuple(items))
        value = self.scalar(node, context, "text")
        if value is _INVALID:
            return value
        blocks = re.split(r"\n[ \t]*\n", value.strip())
        return model.Paragraphs(tuple(" ".join(b.split()) for b in blocks if b.strip()))

    def number(self, node: yaml.Node, context: str, optional: bool) -> Any:
        value = self.scalar(node, context, "a number")
        if value is _INVALID:
            return value
        value = value.strip()
        if optional and getattr(node, "style", None) is None and value in _MISSING_NUMBER:
            return None
        if re.fullmatch(r"[+-]?\d+", value):
            return int(value)
        hint = None
        if re.fullmatch(r"[+-]?\d{1,3}([.,]\d{3})+", value):
            hint = f"write the number without separators: {re.sub(r'[.,]', '', value)}"
        elif optional:
            hint = "write a whole number, or ~ for a missing value"
        return self.error(node, f"{context} must be a whole number, not '{value}'", hint)

    def date(self, node: yaml.Node, context: str) -> Any:
        value = self.scalar(node, context, "a date")
        if value is _INVALID:
            return value
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return self.error(node, f"{context} must be a date like 2022-07-01, not '{value}'",
                              "write year-month-day, e.g. 2022-07-01")

    def choice(self, node: yaml.Node, choices: tuple[str, ...], context: str) -> Any:
        value = self.scalar(node, context, "one of " + ", ".join(choices))
        if value is _INVALID or value in choices:
            return value
        return self.error(node, f"{context} must be one of {', '.join(choices)}, not '{value}'",
                          _did_you_mean(value, choices))

    def file(self, node: yaml.Node, context: str) -> Any:
        value = self.scalar(node, context, "a file name")
        if value is _INVALID:
            return value
        resolved = self.resolve_file(node, value.strip(), context)
        return resolved if resolved is _INVALID else model.FileRef(resolved)

    def resolve_file(self, node: yaml.Node, name: str, context: str) -> Any:
        """``name`` beside the issue, else in the shared assets; never outside both."""
        relative = Path(name)
        if not name or relative.is_absolute() or ".." in relative.parts:
            return self.error(node, f"{context}: '{name}' must be a file name inside the issue's "
                              "folder or in assets/", "copy the file next to issue.yaml")
        for base in (self.folder, self.assets):
            candidate = base / relative
            if candidate.is_file():
                real = candidate.resolve()
                if not real.is_relative_to(base.resolve()):
                    return self.error(node, f"{context}: '{name}' points outside its folder",
                                      "copy the file itself, not a link to it")
                problem = _unreadable_image(candidate)
                if problem:
                    return self.error(node, f"{context}: '{name}' {problem}",
                                      "save the picture again as JPEG or PNG")
                return candidate
        known = [p.name for base in (self.folder, self.assets) if base.is_dir()
                 for p in base.rglob("*") if p.is_file()]
        return self.error(node, f"{context}: file '{name}' not found",
                          _did_you_mean(relative.name, known) or
                          "put the file next to issue.yaml, or in assets/")

    # -- collections -----------------------------------------------------

    def union(self, node: yaml.Node, hint: Any, context: str) -> Any:
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if type(None) in typing.get_args(hint):
            if isinstance(node, yaml.ScalarNode) and node.style is None and node.value in _NULLS:
                return None
            if options == [int]:
                return self.number(node, context, optional=True)
        if len(options) == 1:
            return self.convert(node, options[0], context)
        if set(options) == set(typing.get_args(model.Block)):
            return self.block(node, context)
        raise TypeError(f"no conversion for {hint!r}")

    def sequence(self, node: yaml.Node, item: Any, context: str) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            return self.error(node, f"{context} must be a list (lines starting with '- ')")
        label = getattr(item, "LABEL", "entry")
        if item == model.Block:
            label = "block"
        elif typing.get_origin(item) in (typing.Union, types.UnionType):
            label = "value"
        # "'articles' in the issue" -> items are "article 1", "article 2" …
        owner = _owner(context)
        values = []
        for index, child in enumerate(node.value, start=1):
            inner = f"{label} {index}" + ("" if owner == "the issue" else f" of {owner}")
            values.append(self.convert(child, item, inner))
        return _INVALID if any(v is _INVALID for v in values) else tuple(values)

    def block(self, node: yaml.Node, context: str) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return model.Text(self.paragraphs(node, context), position(self.path, node))
        if not isinstance(node, yaml.MappingNode):
            return self.error(node, f"{context} must be text or a mapping such as 'subhead: …'")
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        kinds = {_first_field(kind): kind for kind in model.BLOCK_KINDS}
        found = [key for key in keys if key in kinds]
        if len(found) != 1:
            names = ", ".join(kinds)
            if found:
                return self.error(node, f"{context} mixes {' and '.join(found)}; "
                                  "each block is one kind", "start a new '- ' entry for each")
            return self.error(node, f"{context}: unknown kind of block", _did_you_mean(
                keys[0] if keys else "", list(kinds)) or f"start it with one of: {names}")
        kind = kinds[found[0]]
        return self.mapping(node, kind, f"{kind.LABEL} ({context})")

    def mapping(self, node: yaml.Node, cls: Any, context: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self.error(node, f"{context} must be a mapping of 'key: value' lines")
        hints = typing.get_type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls) if f.name not in ("pos", "folder")}
        given: dict[str, yaml.Node] = {}
        suggested: set[str] = set()  # fields a misspelt key was taken for
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                self.error(key_node, f"{context}: keys must be plain words")
            elif key in given:
                first = given[key].start_mark.line + 1
                self.error(key_node, f"duplicate field '{key}' in {context}",
                           f"it is already given on line {first}; keep one")
            elif key not in fields:
                close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
                suggested.update(close)
                self.error(key_node, f"unknown field '{key}' in {context}",
                           _did_you_mean(key, list(fields)))
            else:
                given[key] = value_node
                continue
            ok = False
        values: dict[str, Any] = {}
        for name, spec in fields.items():
            if name in given:
                values[name] = self.convert(given[name], hints[name], f"'{name}' in {context}")
                ok = ok and values[name] is not _INVALID
            elif name in suggested:
                continue  # already reported as the misspelt key
            elif _required(spec):
                self.error(node, f"missing field '{name}' in {context}", f"add a line '{name}: …'")
                ok = False
        if not ok:
            return _INVALID
        return cls(**values, pos=position(self.path, node))

    # -- checks across fields -------------------------------------------

    def check(self, issue: model.Issue) -> None:
        """Rules that no single field can express."""
        if not issue.articles:
            self.warn(issue.pos, "the issue has no articles")
        for number, article in enumerate(issue.articles, start=1):
            if not article.body:
                self.warn(article.pos, f"article {number} ('{article.title}') has no text")
        if issue.contacts:
            for group in issue.contacts.groups:
                for entry in group.entries:
                    if not (entry.phone or entry.email):
                        self.diagnostics.append(Diagnostic(
                            f"contact '{entry.label or group.title}' has neither phone nor email",
                            entry.pos, hint="add 'phone: …' or 'email: …'"))
        if issue.statistics:
            self.check_statistics(issue.statistics)
        self.check_cover(issue.cover)

    def check_unfinished(self, node: Any, where: Position | None = None) -> None:
        """Warn about text still marked ``TODO:`` (as ``newsletter new`` leaves it)."""
        where = getattr(node, "pos", where)
        if isinstance(node, str):
            if "TODO:" in node and where is not None:
                self.warn(where, f"still to be written: '{node[:50]}'",
                          "replace the TODO text before printing")
        elif isinstance(node, tuple):
            for item in node:
                self.check_unfinished(item, where)
        elif dataclasses.is_dataclass(node) and not isinstance(node, type):
            for field in dataclasses.fields(node):
                if field.name not in ("pos", "folder"):
                    self.check_unfinished(getattr(node, field.name), where)

    def check_statistics(self, stats: model.Statistics) -> None:
        if not stats.periods:
            self.diagnostics.append(Diagnostic("statistics need at least one period", stats.pos))
        if not stats.series:
            self.diagnostics.append(Diagnostic("statistics need at least one series", stats.pos))
        for series in stats.series:
            if len(series.values) != len(stats.periods):
                self.diagnostics.append(Diagnostic(
                    f"series '{series.name}' has {len(series.values)} values "
                    f"but there are {len(stats.periods)} periods",
                    series.pos, hint="give one value per period, in the same order "
                    "(~ for a value that is missing)"))

    def check_cover(self, cover: model.Cover) -> None:
        for side in ("front", "back"):
            value = getattr(cover, side)
            if value in _COVER_CHOICES:
                continue
            if not value.lower().endswith(".pdf"):
                self.diagnostics.append(Diagnostic(
                    f"cover '{side}' must be generated, none or a PDF file, not '{value}'",
                    cover.pos, hint=_did_you_mean(value, _COVER_CHOICES)))
                continue
            candidate = self.folder / value
            if Path(value).is_absolute() or ".." in Path(value).parts or not candidate.is_file():
                self.diagnostics.append(Diagnostic(
                    f"cover '{side}': PDF '{value}' not found in the issue's folder",
                    cover.pos, hint="put the designer's PDF next to issue.yaml"))


def _unreadable_image(path: Path) -> str | None:
    """Why ``path`` is not a picture the engine can place, or None."""
    try:
        with PILImage.open(path) as image:
            image.verify()
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
        return f"is not a readable picture ({error.__class__.__name__})"
    return None


def _owner(context: str) -> str:
    """The object a field belongs to: "'groups' in contacts" -> "contacts"."""
    return context.split(" in ", 1)[1] if context.startswith("'") else context


def _required(spec: dataclasses.Field[Any]) -> bool:
    return spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING


def _first_field(cls: Any) -> str:
    return str(dataclasses.fields(cls)[0].name)


def _did_you_mean(word: str, choices: typing.Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
