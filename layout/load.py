"""From YAML nodes to the typed :class:`~layout.model.Issue`, or every error at once.

The conversion is driven by the model's type hints: a dataclass is a YAML
mapping whose keys are its field names, ``tuple[X, ...]`` a list, ``Literal``
a choice, :data:`~layout.model.Paragraphs` text split at blank lines and
:data:`~layout.model.FileRef` a file beside the issue, else in the project's
``assets/``, else one of the engine's stand-ins (``standins/team.jpg``; see
:mod:`layout.project`).
Article blocks are told apart by their first key (``subhead:``, ``photo:`` …);
a plain string is a paragraph.

Every text is read in Unicode's composed form (NFC), so that ``ü`` typed as
``u`` and a combining diaeresis prints as the fonts' ``ü``. A required field
may not be left empty. Every picture is decoded once, to know it can be
placed (memoised per file version); one too large to decode within bounded
memory is refused, with its size and the most it may have.

Problems are collected as diagnostics; :func:`load_issue` raises one
:class:`~layout.errors.IssueError` with all of them. Each points at the
value it is about: a model node's position knows where its fields' values
start (:meth:`~layout.errors.Position.of`). Warnings are logged.
This module never lays anything out and never writes a file.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import io
import logging
import math
import re
import types
import typing
import unicodedata
import warnings as python_warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from PIL import Image as PILImage

from . import model
from .alttext import pictures
from .csvdata import read_data
from .errors import Diagnostic, IssueError, Position
from .fonts import is_right_to_left, missing_characters, stand_in
from .formats import LANGUAGES
from .i18n import N_, _
from .paths import ISSUE_FILE, STANDINS, STANDINS_DIR
from .phones import example as example_phone
from .phones import read_phone
from .placeholders import resolve_placeholders
from .project import find_project
from .source import position, read_yaml

logger = logging.getLogger(__name__)

_INVALID: Any = object()  # a value that could not be converted (already reported)
_NULLS = {"", "~", "null", "Null", "NULL"}
_MISSING_NUMBER = {"", "~", "null", "-", "–", "n/a"}
_TAG_PREFIX = "tag:yaml.org,2002:"
_PLAIN_TAGS = {f"{_TAG_PREFIX}{name}" for name in
               ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_COVER_CHOICES = ("generated", "none")
#: C0 and C1 control characters other than tab and line breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: A well-formed BCP 47 language tag (RFC 5646 ``langtag`` or private use):
#: language (with extended subtags), script, region, variants, extensions.
_LANGUAGE_TAG = re.compile(r"""
    (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})   # language, e.g. uk, de, yue
    (?:-[a-z]{4})?                                # script, e.g. Cyrl
    (?:-(?:[a-z]{2}|\d{3}))?                      # region, e.g. UA, 419
    (?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*           # variants, e.g. 1996
    (?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*             # extensions
    (?:-x(?:-[a-z\d]{1,8})+)?                     # private use
    | x(?:-[a-z\d]{1,8})+
""", re.VERBOSE | re.IGNORECASE)
_FLAGS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False,
          "ja": True, "nein": False}
#: Columns of the statistics table must stay at least 14 mm wide: with the
#: period and the total, ten series fill the 176 mm of the page.
MAX_SERIES = 10
#: The front cover's photo carries two to four cover lines.
MAX_COVER_LINES = 4
#: The most pixels of a picture that is decoded whole to be placed: PNG,
#: TIFF, GIF … and a progressive JPEG (some 100 MB to decode; a page-wide
#: photo needs 3 million) ...
MAX_PIXELS = 24_000_000
#: ... and of a (baseline) JPEG, which is decoded at a fraction of its size:
#: a 200-megapixel phone photo.
MAX_JPEG_PIXELS = 210_000_000
#: Pillow's own guard against decompression bombs, beyond the largest picture
#: accepted here: it warns above it and refuses twice as many pixels.
PILImage.MAX_IMAGE_PIXELS = MAX_JPEG_PIXELS
_JPEG = ("JPEG", "MPO")  # MPO: a phone's JPEG with a second picture inside


def find_issue_file(path: Path) -> Path:
    """The issue file for ``path``: the file itself or ``issue.yaml`` in the folder."""
    return path / ISSUE_FILE if path.is_dir() else path


def load_issue(path: Path, assets: Path | None = None,
               warnings: list[Diagnostic] | None = None, placeholders: bool = True) -> model.Issue:
    """Read, validate and convert the issue at ``path`` (a file or its folder).

    Pictures not beside the issue are looked up in ``assets`` (default: its
    project's ``assets/``), then among the engine's stand-ins.

    Warnings go to ``warnings`` if given, else to the log. ``placeholders``
    (``{{ total }}`` …) are replaced by their numbers unless told not to.
    """
    path = find_issue_file(path).absolute()
    root = read_yaml(path)
    converter = _Converter(path, find_project(path.parent).assets_dir if assets is None
                           else assets)
    issue: model.Issue = converter.convert(root, model.Issue, Where())
    converter.check_language(_value_node(root, "language"))
    if issue is not _INVALID:
        converter.check(issue)
        if placeholders and not any(d.severity == "error" for d in converter.diagnostics):
            issue, problems = resolve_placeholders(issue)
            converter.diagnostics += problems
        converter.check_texts(issue)
    errors = [d for d in converter.diagnostics if d.severity == "error"]
    if errors:
        raise IssueError(converter.diagnostics)
    for warning in converter.diagnostics:
        if warnings is None:
            logger.warning(warning.format())
        else:
            warnings.append(warning)
    return dataclasses.replace(issue, folder=path.parent)


@dataclass(frozen=True)
class Where:
    """What a message says a value belongs to, in the editor's language:
    "the issue", "article 3", "signature of the editorial", "'date' in the
    issue", "photo (block 2 of article 1)"."""

    label: str = N_("the issue")  # a noun marked for translation (a model's LABEL)
    index: int | None = None
    owner: Where | None = None
    field: str | None = None  # the value of this field of ``owner``
    detail: Where | None = None  # for a block: which block it is

    def __str__(self) -> str:
        if self.field is not None:
            return _("'{field}' in {owner}").format(field=self.field, owner=self.owner)
        name = _(self.label)
        if self.index is not None:
            name = _("{label} {number}").format(label=name, number=self.index)
        if self.detail is not None:
            return _("{kind} ({block})").format(kind=name, block=self.detail)
        if self.owner is not None and not self.owner.is_root:
            name = _("{thing} of {owner}").format(thing=name, owner=self.owner)
        return name

    @property
    def is_root(self) -> bool:
        """The issue itself, which messages do not name as an owner."""
        return self == Where()


class _Converter:
    """Converts nodes to model values, recording every problem it meets."""

    def __init__(self, path: Path, assets: Path) -> None:
        self.path = path
        self.folder = path.parent
        self.assets = assets
        self.diagnostics: list[Diagnostic] = []
        self._known: list[str] | None = None  # the files there are, for "did you mean"
        #: Rules about one node, checked as soon as it is converted, whatever
        #: else is wrong: with the node and its fields' YAML nodes.
        self.node_checks: dict[type, Callable[[Any, dict[str, yaml.Node]], Any]] = {
            model.Statistics: self.check_statistics, model.Cover: self.check_cover,
            model.Editorial: self.check_editorial, model.Funding: self.check_funding,
            model.Text: self.check_lang, model.Article: self.check_lang}

    # -- reporting -------------------------------------------------------

    def error(self, node: yaml.Node, message: str, hint: str | None = None) -> Any:
        self.diagnostics.append(Diagnostic(message, position(self.path, node), hint=hint))
        return _INVALID

    def warn(self, where: Position, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(message, where, "warning", hint))

    # -- dispatch on the type hint --------------------------------------

    def convert(self, node: yaml.Node, hint: Any, context: Where) -> Any:
        if node.tag not in _PLAIN_TAGS:
            return self.error(node, _("YAML tags such as '{tag}' are not allowed ({context})")
                              .format(tag=node.tag, context=context),
                              _("remove the tag; write the value as plain text"))
        origin = typing.get_origin(hint)
        if hint is model.Paragraphs:
            return self.paragraphs(node, context)
        if hint is model.Lines:
            return self.lines(node, context)
        if hint is model.FileRef:
            return self.file(node, context)
        if hint is model.CMYK:
            return self.colour(node, context)
        if hint is str:
            return self.text(node, context)
        if hint is int:
            return self.number(node, context, optional=False)
        if hint is bool:
            return self.flag(node, context)
        if hint is datetime.date:
            return self.date(node, context)
        if origin is Literal:
            return self.choice(node, typing.get_args(hint), context)
        if origin is tuple:
            return self.sequence(node, typing.get_args(hint)[0], context)
        if origin in (typing.Union, types.UnionType):
            return self.union(node, hint, context)
        if dataclasses.is_dataclass(hint):
            if context.field is not None:  # a field's value: name the object instead
                context = Where(getattr(hint, "LABEL", N_("entry")), owner=context.owner)
            return self.mapping(node, hint, context)
        raise TypeError(f"no conversion for {hint!r}")  # a bug in the model, not the input

    # -- scalars ---------------------------------------------------------

    def scalar(self, node: yaml.Node, context: Where, expected: str) -> Any:
        """The text of a scalar; ``expected`` names what it should be, for the message."""
        if not isinstance(node, yaml.ScalarNode):
            message = (_("{context} must be {expected}, not a list")
                       if isinstance(node, yaml.SequenceNode)
                       else _("{context} must be {expected}, not a mapping"))
            return self.error(node, message.format(context=context, expected=expected))
        value = _CONTROL.sub("", node.value)  # never printable: not even a box
        if not unicodedata.is_normalized("NFC", value):  # "u" + "\u0308" -> "ü"
            value = unicodedata.normalize("NFC", value)
        return value

    def text(self, node: yaml.Node, context: Where) -> Any:
        value = self.scalar(node, context, _("text"))
        if value is _INVALID:
            return value
        return " ".join(value.split())  # one line: YAML line breaks are spaces

    def texts(self, node: yaml.SequenceNode, context: Where) -> Any:
        """The non-empty texts of a list, one per item."""
        items = [self.text(item, context) for item in node.value]
        return _INVALID if _INVALID in items else tuple(item for item in items if item)

    def paragraphs(self, node: yaml.Node, context: Where) -> Any:
        if isinstance(node, yaml.SequenceNode):
            items = self.texts(node, context)
            return items if items is _INVALID else model.Paragraphs(items)
        value = self.scalar(node, context, _("text"))
        if value is _INVALID:
            return value
        blocks = re.split(r"\n[ \t]*\n", value.strip())
        return model.Paragraphs(tuple(" ".join(b.split()) for b in blocks if b.strip()))

    def lines(self, node: yaml.Node, context: Where) -> Any:
        """Lines (an address): a list, one item per line, or a text whose line
        breaks are kept; each line's spaces are collapsed, empty lines dropped."""
        if _is_null(node):
            return model.Lines(())
        if isinstance(node, yaml.SequenceNode):
            items = self.texts(node, context)
            return items if items is _INVALID else model.Lines(items)
        value = self.scalar(node, context, _("text"))
        if value is _INVALID:
            return value
        return model.Lines(tuple(" ".join(line.split()) for line in value.splitlines()
                                 if line.strip()))

    def number(self, node: yaml.Node, context: Where, optional: bool,
               decimal: bool = False) -> Any:
        """A whole number; with ``decimal``, also one with a decimal point
        (``12.5``), but not ``1.071``, which a German editor means as 1071."""
        value = self.scalar(node, context, _("a number"))
        if value is _INVALID:
            return value
        value = value.strip()
        if optional and not getattr(node, "style", None) and value in _MISSING_NUMBER:
            return None
        if re.fullmatch(r"[+-]?\d+", value):
            return int(value)
        grouped = re.fullmatch(r"[+-]?\d{1,3}([.,]\d{3})+", value)
        if decimal and not grouped and re.fullmatch(r"[+-]?\d*\.\d+", value):
            return float(value)
        hint = None
        if grouped:
            hint = _("write the number without separators: {number}").format(
                number=re.sub(r"[.,]", "", value))
        elif decimal and re.fullmatch(r"[+-]?\d+,\d+", value):
            hint = _("write the decimal with a point: {number}").format(
                number=value.replace(",", "."))
        elif decimal and re.search(r"\d", value) and re.search(r"[%€£$]", value):
            hint = _("write the number alone, and the unit once for the statistic: "
                     "'unit: {unit}'").format(unit=re.findall(r"[%€£$]", value)[0])
        elif optional:
            hint = _("write a whole number, or ~ for a missing value")
        if decimal and not grouped:
            return self.error(node, _("{context} must be a number, not '{value}'")
                              .format(context=context, value=value), hint or
                              _("write a number such as 12 or 12.5, or ~ for a missing value"))
        return self.error(node, _("{context} must be a whole number, not '{value}'")
                          .format(context=context, value=value), hint)

    def flag(self, node: yaml.Node, context: Where) -> Any:
        value = self.scalar(node, context, _("yes or no"))
        if value is _INVALID:
            return value
        answer = _FLAGS.get(value.strip().lower())
        if answer is None:
            return self.error(node, _("{context} must be yes or no, not '{value}'").format(
                context=context, value=value))
        return answer

    def date(self, node: yaml.Node, context: Where) -> Any:
        value = self.scalar(node, context, _("a date"))
        if value is _INVALID:
            return value
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return self.error(node, _("{context} must be a date like 2022-07-01, not '{value}'")
                              .format(context=context, value=value),
                              _("write year-month-day, e.g. 2022-07-01"))

    def colour(self, node: yaml.Node, context: Where) -> Any:
        """Four percentages, cyan magenta yellow black: ``100 0 80 0`` (also
        with commas, slashes or per-cent signs, as design manuals write them,
        or as a list of four numbers, as ``newsletter new`` writes it back)."""
        expected = _("a CMYK colour such as '100 0 80 0'")
        if isinstance(node, yaml.SequenceNode) and len(node.value) == 4 and all(
                isinstance(item, yaml.ScalarNode) for item in node.value):
            node = yaml.ScalarNode("tag:yaml.org,2002:str",
                                   " ".join(item.value for item in node.value),
                                   node.start_mark, node.end_mark)
        value = self.scalar(node, context, expected)
        if value is _INVALID:
            return value
        parts = [p for p in re.split(r"[\s,/;]+", value.replace("%", " ")) if p]
        if len(parts) == 4 and all(re.fullmatch(r"\d{1,3}(\.\d+)?", p) for p in parts) \
                and all(float(p) <= 100 for p in parts):
            return model.CMYK(tuple(float(p) for p in parts))  # type: ignore[arg-type]
        hint = (_("the print edition needs the colour's CMYK values: take them from the "
                  "design manual, or ask the print shop") if value.strip().startswith("#")
                else _("write four per-cent values, 0 to 100: cyan, magenta, yellow and "
                       "black, e.g. '100 0 80 0'"))
        return self.error(node, _("{context} must be {expected}, not '{value}'").format(
            context=context, expected=expected, value=value.strip()), hint)

    def choice(self, node: yaml.Node, choices: tuple[str, ...], context: Where) -> Any:
        names = ", ".join(choices)
        value = self.scalar(node, context, _("one of {choices}").format(choices=names))
        if value is _INVALID or value in choices:
            return value
        return self.error(node, _("{context} must be one of {choices}, not '{value}'")
                          .format(context=context, choices=names, value=value),
                          _did_you_mean(value, choices))

    def file(self, node: yaml.Node, context: Where) -> Any:
        value = self.scalar(node, context, _("a file name"))
        if value is _INVALID:
            return value
        resolved = self.resolve_file(node, value.strip(), context)
        return resolved if resolved is _INVALID else model.FileRef(resolved)

    def resolve_file(self, node: yaml.Node, name: str, context: Where) -> Any:
        """``name`` beside the issue, else in the project's assets, else (as
        ``standins/<file>``) among the engine's stand-ins; never outside them.
        The name is read composed (NFC), as every text; a file system that keeps
        names decomposed (as macOS did) is asked for that form too."""
        relative = Path(name)
        if not name or relative.is_absolute() or ".." in relative.parts:
            return self.error(node, _("{context}: '{name}' must be a file name inside the "
                                      "issue's folder, the project's assets/ or the "
                                      "engine's standins/").format(context=context, name=name),
                              _("copy the file next to issue.yaml"))
        forms = dict.fromkeys((relative, Path(unicodedata.normalize("NFD", name))))
        for base, form in self.places(forms):
            candidate = base / form
            if candidate.is_file():
                real = candidate.resolve()
                if not real.is_relative_to(base.resolve()):
                    return self.error(node, _("{context}: '{name}' points outside its folder")
                                      .format(context=context, name=name),
                                      _("copy the file itself, not a link to it"))
                if candidate.suffix.lower() in (".csv", ".txt"):
                    return candidate  # read and checked with the statistic it fills
                if candidate.suffix.lower() in (".icc", ".icm"):
                    if not _is_cmyk_profile(candidate):
                        return self.error(node, _("{context}: '{name}' is not a CMYK ICC "
                                                  "profile").format(context=context, name=name),
                                          _("ask the print shop for its output profile"))
                    return candidate
                problem = _picture_problem(candidate)
                if problem:
                    message, hint = problem
                    return self.error(node, message.format(context=context, name=name), hint)
                return candidate
        if self._known is None:  # once, however many files are missing
            self._known = [p.name for base in (self.folder, self.assets) if base.is_dir()
                           for p in base.rglob("*") if p.is_file()]
            self._known += [f"{STANDINS}/{p.name}" for p in sorted(STANDINS_DIR.glob("*"))
                            if p.suffix.lower() in (".jpg", ".png")]
        return self.error(node, _("{context}: file '{name}' not found").format(
                              context=context, name=name),
                          _did_you_mean(relative.name, self._known) or
                          _did_you_mean(name, self._known) or
                          _("put the file next to issue.yaml or in the project's assets/ "
                            "folder, or name one of the engine's stand-ins as "
                            "standins/<file>"))

    def places(self, forms: dict[Path, None]) -> list[tuple[Path, Path]]:
        """Where to look for a file named in each of ``forms``, in order: the
        issue's folder, the project's assets, the engine's stand-ins (a name
        that starts with ``standins/``, without it)."""
        places = [(base, form) for base in (self.folder, self.assets) for form in forms]
        places += [(STANDINS_DIR, Path(*form.parts[1:])) for form in forms
                   if len(form.parts) > 1 and form.parts[0] == STANDINS]
        return places

    # -- collections -----------------------------------------------------

    def union(self, node: yaml.Node, hint: Any, context: Where) -> Any:
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if type(None) in typing.get_args(hint):
            if isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULLS:
                return None
            if options == [int]:
                return self.number(node, context, optional=True)
            if options == [float]:
                return self.number(node, context, optional=True, decimal=True)
        if len(options) == 1:
            return self.convert(node, options[0], context)
        if set(options) == set(typing.get_args(model.Block)):
            return self.block(node, context)
        raise TypeError(f"no conversion for {hint!r}")

    def sequence(self, node: yaml.Node, item: Any, context: Where) -> Any:
        if isinstance(node, yaml.MappingNode) and getattr(item, "ALONE", False):
            alone = self.convert(node, item, context)  # one, written without a list
            return alone if alone is _INVALID else (alone,)
        if not isinstance(node, yaml.SequenceNode):
            return self.error(node, _("{context} must be a list (lines starting with '- ')")
                              .format(context=context),
                              _("start each entry on a line of its own with '- '"))
        label = getattr(item, "LABEL", N_("entry"))
        if item == model.Block:
            label = N_("block")
        elif typing.get_origin(item) in (typing.Union, types.UnionType):
            label = N_("value")
        # "'articles' in the issue" -> its items are "article 1", "article 2" …
        owner = context.owner if context.field is not None else context
        values = []
        for index, child in enumerate(node.value, start=1):
            values.append(self.convert(child, item, Where(label, index, owner)))
        return _INVALID if any(v is _INVALID for v in values) else tuple(values)

    def block(self, node: yaml.Node, context: Where) -> Any:
        if isinstance(node, yaml.ScalarNode):
            text: Any = () if _is_null(node) else self.paragraphs(node, context)
            if text == ():
                return self.error(node, _("{context} is empty").format(context=context),
                                  _("write the paragraph, or delete the line"))
            return text if text is _INVALID else model.Text(text, pos=position(self.path, node))
        if not isinstance(node, yaml.MappingNode):
            return self.error(node, _("{context} must be text or a mapping such as "
                                      "'subhead: …'").format(context=context))
        keys = [k.value for k, _value in node.value if isinstance(k, yaml.ScalarNode)]
        kinds = {_first_field(kind): kind for kind in model.BLOCK_KINDS}
        found = [key for key in keys if key in kinds]
        if len(found) != 1:
            names = ", ".join(kinds)
            if found:
                return self.error(node, _("{context} mixes {kinds}; each block is one kind")
                                  .format(context=context, kinds=", ".join(found)),
                                  _("start a new '- ' entry for each"))
            return self.error(node, _("{context}: unknown kind of block").format(
                context=context), _did_you_mean(keys[0] if keys else "", list(kinds))
                or _("start it with one of: {names}").format(names=names))
        kind = kinds[found[0]]
        return self.mapping(node, kind, Where(kind.LABEL, detail=context))

    def mapping(self, node: yaml.Node, cls: Any, context: Where) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self.error(node, _("{context} must be a mapping of 'key: value' lines")
                              .format(context=context))
        hints, fields = _fields(cls)
        given: dict[str, yaml.Node] = {}
        suggested: set[str] = set()  # fields a misspelt key was taken for
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                self.error(key_node, _("{context}: keys must be plain words").format(
                    context=context))
            elif key in given:
                self.error(key_node, _("duplicate field '{key}' in {context}").format(
                    key=key, context=context),
                    _("it is already given on line {line}; keep one").format(
                        line=given[key].start_mark.line + 1))
            elif key not in fields:
                close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
                suggested.update(close)
                self.error(key_node, _("unknown field '{key}' in {context}").format(
                    key=key, context=context), _did_you_mean(key, list(fields)))
            else:
                given[key] = value_node
                if key in cls.REPLACED:  # still read; say what to write instead
                    self.warn(position(self.path, key_node),
                              _("'{key}' in {context} is replaced by a newer field").format(
                                  key=key, context=context), _(cls.REPLACED[key]))
                continue
            ok = False
        values: dict[str, Any] = {}
        for name, spec in fields.items():
            if name in given:
                value_node, where = given[name], Where(field=name, owner=context)
                required = _required(spec)
                empty = required and _is_null(value_node)
                value = _INVALID if empty else self.convert(value_node, hints[name], where)
                if empty or (required and hints[name] in (str, model.Paragraphs)
                             and value is not _INVALID and not value):
                    value = self.error(value_node, _("{context} is empty").format(
                        context=where), _("'{name}' is required: write it after '{name}:'")
                        .format(name=name))
                values[name] = value
                ok = ok and value is not _INVALID
            elif name in suggested:
                continue  # already reported as the misspelt key
            elif _required(spec):
                self.error(node, _("missing field '{name}' in {context}").format(
                    name=name, context=context), _("add a line '{name}: …'").format(name=name))
                ok = False
        if not ok:
            return _INVALID
        spot = dataclasses.replace(position(self.path, node), values=tuple(
            (name, position(self.path, value_node)) for name, value_node in given.items()))
        converted = cls(**values, pos=spot)
        check = self.node_checks.get(cls)
        if check is not None:  # may give the node completed (a statistic's CSV data)
            converted = check(converted, given) or converted
        return converted

    # -- checks across fields -------------------------------------------

    def check(self, issue: model.Issue) -> None:
        """Rules across the issue that no single field can express (those about
        one node are :attr:`node_checks`)."""
        if not issue.articles:
            self.warn(issue.pos.of("articles"), _("the issue has no articles"))
        for number, article in enumerate(issue.articles, start=1):
            if not article.body:
                self.warn(article.pos.of("body"), _("article {number} ('{title}') has no text")
                          .format(number=number, title=article.title))
        if issue.contacts:
            self.check_contacts(issue.contacts, issue.language)
        for picture in pictures(issue):
            if not picture.alt.strip():
                self.warn(picture.pos, _("photo '{name}' has no alternative text").format(
                              name=picture.file.name),
                          _("describe in a sentence what the photo shows, for readers who "
                            "cannot see it: 'alt: …'"))

    def check_lang(self, node: model.Text | model.Article, given: dict[str, yaml.Node]) -> None:
        """``lang:`` is a well-formed language tag (BCP 47), such as ``uk`` or ``en-GB``."""
        value = node.lang.strip()
        if not value or _LANGUAGE_TAG.fullmatch(value):
            return
        fixed = value.replace("_", "-")
        self.error(given["lang"], _("'lang' must be a language tag such as 'uk' or 'en-GB', "
                                    "not '{value}'").format(value=value),
                   _("did you mean '{word}'?").format(word=fixed)
                   if _LANGUAGE_TAG.fullmatch(fixed) else
                   _("write the language's code: uk Ukrainian, ru Russian, ar Arabic, "
                     "en English"))

    def check_contacts(self, contacts: model.Contacts, language: str) -> None:
        """Every entry names a way to reach it, and every number can be read
        (see :mod:`layout.phones`): one that cannot prints as typed, unlinked."""
        for group in contacts.groups:
            for entry in group.entries:
                if not (entry.numbers or entry.email or entry.web or entry.address):
                    self.diagnostics.append(Diagnostic(
                        _("contact '{name}' has neither phone nor email").format(
                            name=entry.label or group.title),
                        entry.pos, hint=_("add 'phone: …' or 'email: …'")))
                for kind, number in entry.numbers:
                    phone = read_phone(number, language)
                    if not phone.readable:
                        self.warn(entry.pos.of(kind), _(
                            "'{number}' is not a phone number of {country}").format(
                                number=number, country=phone.region),
                            _("write it as it is dialled within {country}, e.g. {example}, "
                              "or with + and the country code").format(
                                  country=phone.region, example=example_phone(phone.region)))

    def check_texts(self, node: Any, where: Position | None = None) -> None:
        """Every text of the issue: still marked ``TODO:`` (as ``newsletter new``
        leaves it), in a right-to-left script, or with characters the fonts lack."""
        if isinstance(node, str):
            if where is not None:
                self.check_text(node, where)
        elif isinstance(node, tuple):
            for item in node:
                self.check_texts(item, where)
        elif dataclasses.is_dataclass(node) and not isinstance(node, type):
            for field in dataclasses.fields(node):
                if field.name not in ("pos", "folder"):
                    self.check_texts(getattr(node, field.name), _value_position(node, field.name))

    def check_text(self, text: str, where: Position) -> None:
        if "TODO:" in text:
            self.warn(where, _("still to be written: '{text}'").format(text=text[:50]),
                      _("replace the TODO text before printing"))
        missing = missing_characters(text)
        backwards = [c for c in missing if is_right_to_left(c)]
        if backwards:
            self.diagnostics.append(Diagnostic(
                _("right-to-left script (such as Arabic or Hebrew) cannot be set yet: "
                  "'{text}'").format(text=text[:40]), where,
                hint=_("write the name in Latin letters, or set it as a picture")))
        elif missing:
            self.warn(where, _("the fonts have no {characters}; they print as {stand_ins}")
                      .format(characters=" ".join(missing),
                              stand_ins=" ".join(stand_in(c) for c in missing)),
                      _("leave them out, or describe them in words"))

    def check_language(self, node: yaml.Node | None) -> None:
        """The issue's ``language:`` must be one the engine has words, quote
        marks and numbers for (:data:`~layout.formats.LANGUAGES`); checked
        from its YAML node, so that it is reported whatever else is wrong."""
        if not isinstance(node, yaml.ScalarNode) or _is_null(node):
            return  # not text: reported by the conversion; empty: the default
        value = node.value.strip()
        if value in LANGUAGES:
            return
        suggestion = _suggest_language(value)
        self.error(node, _("language '{value}' is not supported; the issue's language must be "
                           "one of {languages}").format(value=value,
                                                        languages=", ".join(LANGUAGES)),
                   _("did you mean '{word}'?").format(word=suggestion) if suggestion else
                   _("German and English can be set; write e.g. 'language: en-GB'"))

    def check_statistics(self, stats: model.Statistics,
                         given: dict[str, yaml.Node]) -> model.Statistics:
        """The statistic's rules; it is returned with its CSV data filled in."""
        if stats.data is not None:
            if "periods" in given or "series" in given:
                self.diagnostics.append(Diagnostic(
                    _("a statistic takes its periods and series either from 'data' or from "
                      "'periods' and 'series', not both"), stats.pos.of("data"),
                    hint=_("delete 'periods' and 'series', or 'data'")))
                return stats
            table, problems = read_data(stats.data, stats.numbers, stats.unit)
            self.diagnostics += problems
            if table is None:
                return stats
            stats = dataclasses.replace(
                stats, periods=table.periods,
                period_label=stats.period_label if "period_label" in given or
                not table.period_label else table.period_label,
                series=tuple(model.Series(c.name, c.values, c.unit if c.unit != stats.unit
                                          else "", pos=c.where)
                             for c in table.columns))
        if stats.decimals is not None and not 0 <= stats.decimals <= 4:
            self.diagnostics.append(Diagnostic(
                _("'decimals' must be between 0 and 4, not {value}").format(
                    value=stats.decimals), stats.pos.of("decimals")))
        data_hint = None if stats.data else _("write the list, or name a CSV file with "
                                              "'data: zahlen.csv'")
        if not stats.periods:
            self.diagnostics.append(Diagnostic(_("statistics need at least one period"),
                                               stats.pos.of("periods"), hint=data_hint))
        if not stats.series:
            self.diagnostics.append(Diagnostic(_("statistics need at least one series"),
                                               stats.pos.of("series"), hint=data_hint))
        if len(stats.series) > MAX_SERIES:
            self.diagnostics.append(Diagnostic(
                _("the table has room for {most} series, not {count}").format(
                    most=MAX_SERIES, count=len(stats.series)), stats.pos.of("series"),
                hint=_("combine series, or split them into two statistics")))
        if stats.data is not None:
            return stats  # its rows were read whole
        nodes = given["series"].value if isinstance(given.get("series"), yaml.SequenceNode) \
            else []
        for series, node in zip(stats.series, nodes, strict=True):
            values = _value_node(node, "values")
            split = _split_thousands(values) if values is not None else None
            where = series.pos.of("values")
            if len(series.values) != len(stats.periods):
                self.diagnostics.append(Diagnostic(
                    _("series '{name}' has {values} values but there are {periods} periods")
                    .format(name=series.name, values=len(series.values),
                            periods=len(stats.periods)),
                    where, hint=_("write {number} without a separator, or quote the list "
                                  "items").format(number=split.replace(",", "")) if split else
                    _("give one value per period, in the same order (~ for a value that is "
                      "missing)")))
            elif split:
                self.warn(where, _("series '{name}' reads {typed} as {count} values").format(
                              name=series.name, typed=split, count=split.count(",") + 1),
                          _("write {number} without a separator, or quote the list items; if "
                            "they are separate values, put a space after the comma").format(
                              number=split.replace(",", "")))
        return stats

    def check_replaced(self, node: model.Node, given: dict[str, yaml.Node], new: str) -> None:
        """A replaced field given beside the field that replaces it: an error."""
        old = [name for name in given if name in node.REPLACED]
        if new in given and old:
            self.diagnostics.append(Diagnostic(
                _("'{old}' and '{new}' in {context}: give only '{new}'").format(
                    old="', '".join(old), new=new, context=_(node.LABEL)),
                position(self.path, given[old[0]]),
                hint=_("move what '{old}' says into '{new}'").format(old=old[0], new=new)))

    def check_editorial(self, editorial: model.Editorial, given: dict[str, yaml.Node]) -> None:
        self.check_replaced(editorial, given, "signatories")

    def check_funding(self, funding: model.Funding, given: dict[str, yaml.Node]) -> None:
        self.check_replaced(funding, given, "funders")
        if not funding.sponsors:
            self.diagnostics.append(Diagnostic(
                _("the funding notice names no funder"), funding.pos,
                hint=_("add 'funders:' with a line '- name: …' for each funder")))

    def check_cover(self, cover: model.Cover, given: dict[str, yaml.Node]) -> None:
        if len(cover.lines) > MAX_COVER_LINES:
            self.diagnostics.append(Diagnostic(
                _("the front cover has room for {most} cover lines, not {count}").format(
                    most=MAX_COVER_LINES, count=len(cover.lines)), cover.pos.of("lines"),
                hint=_("keep the strongest two to four")))
        elif cover.lines and cover.front != "generated":
            self.warn(cover.pos.of("lines"), _("the cover lines are printed only on a "
                                               "generated front cover"),
                      _("leave out 'lines:', or write 'front: generated'"))
        elif cover.lines and not cover.photo:
            self.warn(cover.pos.of("lines"), _("the cover lines stand on the cover photo, "
                                               "but the cover has none: they are left out"),
                      _("add a 'photo:' to the cover, or leave out 'lines:'"))
        for side in ("front", "back"):
            value = getattr(cover, side)
            if value in _COVER_CHOICES:
                continue
            where = cover.pos.of(side)
            if not value.lower().endswith(".pdf"):
                self.diagnostics.append(Diagnostic(
                    _("cover '{side}' must be generated, none or a PDF file, not '{value}'")
                    .format(side=side, value=value),
                    where, hint=_did_you_mean(value, _COVER_CHOICES)))
                continue
            candidate = self.folder / value
            if Path(value).is_absolute() or ".." in Path(value).parts or not candidate.is_file():
                self.diagnostics.append(Diagnostic(
                    _("cover '{side}': PDF '{value}' not found in the issue's folder")
                    .format(side=side, value=value),
                    where, hint=_("put the designer's PDF next to issue.yaml")))
                continue
            problem = _pdf_problem(candidate)
            if problem:
                self.diagnostics.append(Diagnostic(
                    _("cover '{side}': '{value}' is not a readable PDF ({problem})").format(
                        side=side, value=value, problem=problem), where,
                    hint=_("export the cover from the design program again, as PDF")))


def _is_null(node: yaml.Node) -> bool:
    """Whether ``node`` is YAML's "nothing": no value, ``~`` or ``null`` (unquoted)."""
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value.strip() in _NULLS


def _is_cmyk_profile(path: Path) -> bool:
    header = path.read_bytes()[:40]
    return len(header) == 40 and header[16:20] == b"CMYK" and header[36:40] == b"acsp"


def _picture_problem(path: Path) -> tuple[str, str] | None:
    """Why ``path`` is not a picture the engine can place, as a message (with
    ``{context}`` and ``{name}`` still to fill in) and a hint; or None."""
    stat = path.stat()
    kind, detail, width, height = _inspect_picture(path, stat.st_mtime_ns, stat.st_size)
    if kind == "ok":
        return None
    if kind == "truncated":
        return (_("{context}: '{name}' is not a readable picture (the file ends too early)"),
                _("copy the picture again from where it came from: this copy is incomplete"))
    if kind == "unreadable":
        return (_("{context}: '{name}' is not a readable picture ({problem})").replace(
                    "{problem}", detail), _("save the picture again as JPEG or PNG"))
    jpeg = kind == "too-large" and detail == "JPEG"
    most = MAX_JPEG_PIXELS if jpeg or kind == "bomb" else MAX_PIXELS
    if kind == "bomb":  # so large that Pillow would not even read its size
        message = _("{context}: '{name}' has more than {most} million pixels")
        width, height = 6000, 4500
    else:
        kind_name = _("progressive JPEG") if detail == "progressive" else detail
        message = _("{context}: '{name}' has {width} × {height} pixels, more than the {most} "
                    "million a {kind} may have").replace("{kind}", kind_name)
    wide = max(100, math.isqrt(most * width // max(height, 1)) // 100 * 100)
    hint = (_("save it at most {width} pixels wide; 3000 are plenty for a page-wide photo")
            if jpeg or detail == "progressive" or kind == "bomb" else
            _("save it as JPEG, or at most {width} pixels wide; 3000 are plenty for a "
              "page-wide photo")).format(width=min(wide, width))
    message = message.replace("{width}", str(width)).replace("{height}", str(height)).replace(
        "{most}", str(most // 1_000_000))
    return message, hint


@functools.lru_cache(maxsize=256)
def _inspect_picture(path: Path, mtime: int, size: int) -> tuple[str, str, int, int]:
    """Whether the picture at ``path`` (in the version of ``mtime`` and
    ``size``) can be placed: decoded fully, a JPEG at an eighth of its size,
    once per process. ``("ok", format, width, height)``, else the kind of
    problem (``truncated``, ``unreadable``, ``too-large``, ``bomb``) and what
    it was (the error's name; the format, or ``progressive``)."""
    try:
        with python_warnings.catch_warnings():  # Pillow warns of a bomb: refuse it here
            python_warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(path) as image:
                width, height = image.size
                jpeg = image.format in _JPEG
                progressive = jpeg and bool(image.info.get("progressive") or
                                            image.info.get("progression"))
                if width * height > (MAX_JPEG_PIXELS if jpeg and not progressive
                                     else MAX_PIXELS):
                    detail = "progressive" if progressive else \
                        "JPEG" if jpeg else str(image.format)
                    return "too-large", detail, width, height
                if jpeg:
                    image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
                image.load()
                return "ok", str(image.format), width, height
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        return "bomb", "", 0, 0
    except Exception as error:  # noqa: BLE001 - whatever a broken file makes Pillow raise
        if isinstance(error, EOFError) or "truncated" in str(error).lower():
            return "truncated", "", 0, 0
        return "unreadable", error.__class__.__name__, 0, 0


def _pdf_problem(path: Path) -> str | None:
    """Why ``path`` is not a PDF whose pages a build can take, or None."""
    stat = path.stat()
    return _inspect_pdf(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _inspect_pdf(path: Path, mtime: int, size: int) -> str | None:
    data = path.read_bytes()
    if b"%PDF-" not in data[:1024]:
        return _("it is not a PDF file")
    from pypdf import PdfReader  # as the build reads it; imported only for cover files

    try:
        if not PdfReader(io.BytesIO(data)).pages:
            return _("it has no pages")
    except Exception as error:  # noqa: BLE001 - whatever a broken file makes pypdf raise
        return error.__class__.__name__
    return None


@functools.cache
def _fields(cls: Any) -> tuple[dict[str, Any], dict[str, dataclasses.Field[Any]]]:
    """The type hints and the editor's fields of a model class, resolved once
    (resolving the hints took half as long as reading the sample)."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name not in ("pos", "folder")}
    return hints, fields


def _required(spec: dataclasses.Field[Any]) -> bool:
    return spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING


def _value_node(node: yaml.Node, key: str) -> yaml.Node | None:
    """The value of ``key`` in the mapping ``node``, if it has one."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found: yaml.Node = value_node
                return found
    return None


def _value_position(node: Any, name: str) -> Position | None:
    """Where the value of the field ``name`` of the model node ``node`` starts."""
    where = getattr(node, "pos", None)
    return where.of(name) if isinstance(where, Position) else None


def _split_thousands(node: yaml.Node) -> str | None:
    """``2,710`` where a list of numbers was typed with thousands separators,
    ``[2,710, 3,105]``, which YAML reads as four numbers: a number of one to
    three digits, a comma with no space after it and exactly three digits."""
    if not isinstance(node, yaml.SequenceNode):
        return None
    items = node.value
    for index, first in enumerate(items[:-1]):
        run = [first]
        for item in items[index + 1:]:
            if not _joined(run[-1], item, lead=len(run) == 1):
                break
            run.append(item)
        if len(run) > 1:
            return ",".join(item.value for item in run)
    return None


def _joined(before: yaml.Node, after: yaml.Node, lead: bool) -> bool:
    """Whether ``after`` follows ``before`` as a thousands group: ``,`` then three digits."""
    if not (isinstance(before, yaml.ScalarNode) and isinstance(after, yaml.ScalarNode)) or \
            before.style or after.style:
        return False
    digits = r"[+-]?\d{1,3}" if lead else r"\d{3}"
    return bool(re.fullmatch(digits, before.value) and re.fullmatch(r"\d{3}", after.value)
                and before.end_mark.line == after.start_mark.line
                and after.start_mark.column == before.end_mark.column + 1)


def _first_field(cls: Any) -> str:
    return str(dataclasses.fields(cls)[0].name)


#: What editors write for a language instead of its tag.
_LANGUAGE_NAMES = {"german": "de-DE", "deutsch": "de-DE", "english": "en-GB",
                   "englisch": "en-GB"}


def _suggest_language(value: str) -> str | None:
    """The supported tag ``value`` was meant to be: ``de_de`` or ``de`` ->
    ``de-DE``, ``English`` -> ``en-GB``, ``en-AU`` -> ``en-GB``; None for
    a language the engine cannot set."""
    tag = value.replace("_", "-").lower()
    primary = tag.split("-")[0]
    return ({lang.lower(): lang for lang in LANGUAGES}.get(tag) or _LANGUAGE_NAMES.get(tag)
            or next((lang for lang in LANGUAGES if lang.split("-")[0] == primary), None))


def _did_you_mean(word: str, choices: typing.Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return _("did you mean '{word}'?").format(word=close[0]) if close else None
