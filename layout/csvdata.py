"""A statistic's numbers read from a CSV file beside the issue (``data:``).

The file is what a spreadsheet exports: a head row (the period column's
head, then each series' name), then one row per period, its name and one
value per series. Cells are separated by ``;`` (a German spreadsheet), a tab
or ``,``, whichever the head row uses. Numbers are German (``1.234,5``) or
English (``1,234.5``): as declared, or as the file's numbers themselves say
where one of them can be read only one way. An empty cell (or ``–``) is a
missing value. A unit such as ``%`` or ``€`` may stand in the cells.

Every problem is a :class:`~layout.errors.Diagnostic` at the CSV file's line
and column, with a hint. Parsed with the standard :mod:`csv` module; this
module reads one file and never looks at the issue's YAML.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .errors import Diagnostic, Position
from .i18n import _

Style = Literal["de", "en"]
_MISSING = {"", "-", "–", "—", "~", "n/a", "k.A.", "k. A."}
#: A unit that may stand before or after a number in a cell.
_UNIT = re.compile(r"^(?P<before>[€£$]?)\s*(?P<number>.*?)\s*(?P<after>%|€|£|\$)?$")
_PATTERNS: dict[Style, re.Pattern[str]] = {
    "de": re.compile(r"[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?"),
    "en": re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?"),
}
_EXAMPLES = {"de": "1.234,5", "en": "1,234.5"}


@dataclass(frozen=True)
class Column:
    """One series: its name (from the head row), where that stands, its values."""

    name: str
    where: Position
    values: tuple[float | None, ...]
    #: The unit the column's cells carry (``%``), if any.
    unit: str


@dataclass(frozen=True)
class DataTable:
    """What a statistic's CSV file holds."""

    period_label: str
    periods: tuple[str, ...]
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class _Cell:
    text: str
    where: Position
    readings: dict[Style, float]  # what the cell is in each style it can be read in
    unit: str


def read_data(path: Path, numbers: Literal["auto", "de", "en"],
              unit: str) -> tuple[DataTable | None, list[Diagnostic]]:
    """The table in ``path``, or None and every problem found. ``numbers`` is
    how the file writes numbers; ``unit`` the statistic's own (cells may
    repeat it, but carry no other; without it, each column may carry its own)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # as German Excel saves "CSV"
    lines = text.splitlines()
    problems: list[Diagnostic] = []
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, [Diagnostic(_("the CSV file {name} is empty").format(name=path.name),
                                 Position(path, 1, 1), hint=_head_hint())]
    delimiter = ";" if ";" in lines[first] else "\t" if "\t" in lines[first] else ","
    rows = [(number, row) for number, row in _rows(text, delimiter) if any(c.strip() for c in row)]
    head_line, head = rows[0]
    head = _trimmed(head)
    starts = _starts(lines[head_line - 1], delimiter)
    if len(head) < 2:
        problems.append(Diagnostic(_("the head row of {name} names no series").format(
            name=path.name), Position(path, head_line, 1), hint=_head_hint()))
        return None, problems
    columns: list[tuple[str, Position]] = []
    for index, name in enumerate(head[1:], start=1):
        where = Position(path, head_line, _column(starts, index))
        if not name.strip():
            problems.append(Diagnostic(_("column {number} of {name} has no name in the head "
                                         "row").format(number=index + 1, name=path.name), where,
                                       hint=_("write the series' name in the head row")))
        columns.append((" ".join(name.split()), where))
    periods: list[str] = []
    cells: list[list[_Cell | None]] = []
    for line, row in rows[1:]:
        if len(row) > len(head) and not "".join(row[len(head):]).strip():
            row = row[:len(head)]  # the empty cells a spreadsheet leaves at the end
        starts = _starts(lines[line - 1], delimiter)
        if len(row) != len(head):
            problems.append(Diagnostic(
                _("this row of {name} has {count} cells, but the head row has {head}").format(
                    name=path.name, count=len(row), head=len(head)),
                Position(path, line, 1),
                hint=_("give each period one cell per series, separated by '{delimiter}'; "
                       "leave a cell empty for a missing value").format(
                    delimiter="Tab" if delimiter == "\t" else delimiter)))
            continue
        period = " ".join(row[0].split())
        if not period:
            problems.append(Diagnostic(_("this row of {name} names no period").format(
                name=path.name), Position(path, line, 1),
                hint=_("write the period (e.g. 2023) in the first cell")))
        periods.append(period)
        cells.append([_cell(text, Position(path, line, _column(starts, index)))
                      for index, text in enumerate(row[1:], start=1)])
    if not periods and not problems:
        problems.append(Diagnostic(_("{name} has a head row but no periods").format(
            name=path.name), Position(path, head_line, 1), hint=_head_hint()))
    style = _style([c for row in cells for c in row if c is not None], numbers, problems, path)
    units = [_unit([c for row in cells if (c := row[index]) is not None], unit, problems)
             for index in range(len(columns))]
    if problems or style is None:
        return None, problems
    values = [[None if c is None else c.readings[style] for c in row] for row in cells]
    return DataTable(" ".join(head[0].split()), tuple(periods), tuple(
        Column(name, where, tuple(row[index] for row in values), units[index])
        for index, (name, where) in enumerate(columns))), problems


def _head_hint() -> str:
    return _("write a head row (the period column's head, then the series' names), then one "
             "row per period: its name and one value per series")


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """The rows of ``text``, each with the line it starts on."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows, line = [], 1
    for row in reader:
        rows.append((line, row))
        line = reader.line_num + 1
    return rows


def _trimmed(row: list[str]) -> list[str]:
    """``row`` without the empty cells a spreadsheet leaves at its end."""
    while row and not row[-1].strip():
        row = row[:-1]
    return row


def _starts(line: str, delimiter: str) -> list[int]:
    """Where each cell of ``line`` starts (0-based), quotes respected."""
    starts, quoted = [0], False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            starts.append(index + 1)
    return starts


def _column(starts: list[int], index: int) -> int:
    return (starts[index] if index < len(starts) else starts[-1]) + 1


def _cell(text: str, where: Position) -> _Cell | None:
    """A cell's readings; None for a missing value."""
    cleaned = " ".join(text.replace("\u2212", "-").split())
    if cleaned in _MISSING:
        return None
    match = _UNIT.match(cleaned.replace(" ", ""))
    assert match is not None  # the pattern matches any text
    number = match["number"]
    readings: dict[Style, float] = {}
    for style, pattern in _PATTERNS.items():
        if pattern.fullmatch(number):
            plain = number.replace(*((".", "") if style == "de" else (",", "")))
            plain = plain.replace(",", ".")
            readings[style] = float(plain) if "." in plain else int(plain)
    return _Cell(text.strip(), where, readings, match["before"] or match["after"] or "")


def _style(cells: list[_Cell], numbers: Literal["auto", "de", "en"],
           problems: list[Diagnostic], path: Path) -> Style | None:
    """How the file writes its numbers; every cell that cannot be read so is a problem."""
    unreadable = [c for c in cells if not c.readings]
    for cell in unreadable:
        problems.append(Diagnostic(_("cannot read '{cell}' as a number").format(cell=cell.text),
                                   cell.where, hint=_(
            "write a number such as {de} (German) or {en} (English), or leave the cell empty "
            "for a missing value").format(de=_EXAMPLES["de"], en=_EXAMPLES["en"])))
    if numbers != "auto":
        for cell in cells:
            if cell.readings and numbers not in cell.readings:
                other = "en" if numbers == "de" else "de"
                problems.append(Diagnostic(
                    _("cannot read '{cell}' as a number written as {example}").format(
                        cell=cell.text, example=_EXAMPLES[numbers]), cell.where,
                    hint=_("it looks like {example}: write 'numbers: {style}' in the statistic, "
                           "or write the number as {own}").format(
                        example=_EXAMPLES[other], style=other, own=_EXAMPLES[numbers])))
        return numbers
    telling = [(c, next(iter(c.readings))) for c in cells if len(c.readings) == 1]
    if telling:
        cell, style = telling[0]
        for odd, kind in telling:
            if kind != style:
                problems.append(Diagnostic(
                    _("'{cell}' is written as {example}, but '{first}' (line {line}) as "
                      "{other}").format(cell=odd.text, example=_EXAMPLES[kind],
                                        first=cell.text, line=cell.where.line,
                                        other=_EXAMPLES[style]), odd.where,
                    hint=_("write every number of {name} alike, and say which with "
                           "'numbers: de' or 'numbers: en'").format(name=path.name)))
                return None
        return style
    ambiguous = [c for c in cells if len(c.readings) == 2 and len(set(c.readings.values())) == 2]
    if ambiguous:
        cell = ambiguous[0]
        problems.append(Diagnostic(
            _("'{cell}' may be {de} (German) or {en} (English)").format(
                cell=cell.text, de=_plain(cell.readings["de"]), en=_plain(cell.readings["en"])),
            cell.where, hint=_("say how {name} writes numbers: 'numbers: de' (1.234,5) or "
                               "'numbers: en' (1,234.5) in the statistic").format(
                name=path.name)))
        return None
    return "de"  # whole numbers without separators only: read alike


def _plain(value: float) -> str:
    """``value`` as a reader of either language takes it: no grouping."""
    return str(value)


def _unit(cells: list[_Cell], unit: str, problems: list[Diagnostic]) -> str:
    """The unit the cells of one column carry, checked against the statistic's own."""
    found = unit.strip()
    for cell in cells:
        if cell.unit and (found or cell.unit) != cell.unit:
            problems.append(Diagnostic(
                _("'{cell}' is in {unit}, but the column's numbers are in {other}").format(
                    cell=cell.text, unit=cell.unit, other=found), cell.where,
                hint=_("write one unit for all cells of a column (and the same as 'unit:')")))
            return found
        if cell.unit and not found:
            found = cell.unit
    return found
