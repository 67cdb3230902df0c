"""Starting the next issue from the last one.

:func:`new_issue` writes ``issues/<id>/issue.yaml`` for a new issue: what
repeats from issue to issue is carried over (name, strap line, publisher,
contacts, funding notice and funders, imprint, the editorial's signatories,
the statistics with a new, empty period, or their CSV files to add it to),
the number and date move on, and what must be written anew (the cover lines
among it) is marked ``TODO:`` with a short instruction. It returns the list of
what remains to be filled in. Pictures the previous issue kept in its own
folder are copied; shared ones (in the project's ``assets/``, or the
engine's stand-ins) are referred to.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from . import model
from .errors import NewsletterError
from .i18n import _
from .load import find_issue_file, load_issue
from .paths import ISSUE_FILE, STANDINS, STANDINS_DIR
from .project import find_project

TODO = "TODO:"
NEW_PERIOD = "TODO: neuer Stand"
_ID = re.compile(r"(\d{4})-(\d{1,2})")

_ARTICLES = f"""\
# Articles: one entry per article, in the order they are printed. Each
# starts with '- section:' (the small label over the title), an optional
# kicker (a line over the title), a title, an optional subtitle (a line
# under it), an optional standfirst and the body: paragraphs as plain text, and blocks
# such as '- subhead: …', '- photo: file.jpg', '- question: …',
# '- answer: …' with 'by: Name', '- quote: …' with 'by: Name'.
articles:
  - section: Aktuelles
    title: "{TODO} Titel des ersten Artikels"
    standfirst: "{TODO} Ein, zwei Sätze, die in den Artikel führen."
    body:
      - "{TODO} Erster Absatz. Ein leerer Absatz trennt Absätze; ein neuer
        Eintrag mit '- ' beginnt einen neuen Absatz."
      - subhead: "{TODO} Zwischenüberschrift"
      - "{TODO} Weiterer Absatz."
  - section: Best Practice
    title: "{TODO} Titel des zweiten Artikels"
    body:
      - "{TODO} Erster Absatz."
"""


def new_issue(issue_id: str, previous: Path, issues_dir: Path,
              assets: Path | None = None) -> tuple[Path, list[str]]:
    """Write the issue ``issue_id`` from ``previous``; return its file and the to-do list.
    Shared pictures are in ``assets`` (default: the previous issue's project's)."""
    match = _ID.fullmatch(issue_id)
    if not match:
        raise NewsletterError(_("'{name}' is not an issue name like 2022-03 (year-number)")
                              .format(name=issue_id))
    folder = issues_dir / issue_id
    if (folder / ISSUE_FILE).exists():
        raise NewsletterError(_("{file} exists already; choose another name").format(
            file=folder / ISSUE_FILE))
    if assets is None:
        assets = find_project(find_issue_file(previous).absolute().parent).assets_dir
    old = load_issue(previous, assets, placeholders=False)
    folder.mkdir(parents=True, exist_ok=True)
    writer = _Writer(old.folder, folder, assets)
    year, number = int(match.group(1)), int(match.group(2))
    todo = [_("the articles (title, standfirst, text, photos)")]
    data: dict[str, Any] = {
        "newsletter": old.newsletter,
        "number": f"{number}/{year % 100:02d}",
        "theme": old.theme,
        "date": _months_later(old.date, 3).isoformat(),
        "publisher": old.publisher,
        "language": old.language,
    }
    if old.strap:
        data["strap"] = old.strap
    if old.keywords:
        data["keywords"] = list(old.keywords)
    data["cover"] = {"front": old.cover.front, "back": old.cover.back}
    if old.cover.front == "generated":
        todo.append(_("the cover photo (under cover: a photo: with file, caption, credit)"))
    if old.cover.lines:  # new teasers each issue: as many as last time, to be written
        data["cover"]["lines"] = [f"{TODO} Titelzeile {number}"
                                  for number in range(1, len(old.cover.lines) + 1)]
        todo.append(_("the cover lines"))
    if old.editorial:  # the signatories as 'signatories:', whatever the old issue wrote
        data["editorial"] = writer.plain(dataclasses.replace(
            old.editorial, text=model.Paragraphs((f"{TODO} Text des Editorials.",)),
            signatories=old.editorial.signers, signature=None, photo=None))
        todo.append(_("the editorial's text"))
    sections = [_dump(data)]
    if old.contacts:
        sections.append(_dump({"contacts": writer.plain(old.contacts)}))
    sections.append(_ARTICLES)
    if old.funding:  # the funders as 'funders:', whatever the old issue wrote
        funders = tuple(funder if funder.name else dataclasses.replace(
            funder, name=f"{TODO} Name des Förderers") for funder in old.funding.sponsors)
        sections.append(_dump({"funding": writer.plain(dataclasses.replace(
            old.funding, funders=funders, funder="", logo=None, logos=()))}))
    if old.statistics:
        every = [writer.plain(_next_statistic(stats)) for stats in old.statistics]
        sections.append(_dump({"statistics": every[0] if len(every) == 1 else every}))
        if any(stats.data is None for stats in old.statistics):
            todo.append(_("the statistics: the new period's name ('{period}') and one value "
                          "per series (now ~)").format(period=NEW_PERIOD))
        todo += [_("the statistics' data: a row for the new period in {file}").format(
            file=stats.data.name) for stats in old.statistics if stats.data is not None]
    if old.next_issue:
        sections.append(_dump({"next_issue": f"{TODO} {old.next_issue}"}))
        todo.append(_("the next-issue notice"))
    if old.imprint:
        sections.append(_dump({"imprint": writer.plain(old.imprint)}))
    header = (f"# {old.newsletter} {data['number']}, started from {previous.name} by "
              f"'newsletter new'.\n# Replace every {TODO} … ; docs/format.md describes "
              "every field.\n\n")
    path = folder / ISSUE_FILE
    path.write_text(header + "\n".join(sections), encoding="utf-8")
    return path, todo


def _next_statistic(stats: model.Statistics) -> model.Statistics:
    """``stats`` with a new period (no values yet); one read from a CSV file
    names the file again (copied), without the periods and series it held."""
    if stats.data is not None:
        return dataclasses.replace(stats, periods=(), series=())
    return dataclasses.replace(stats, periods=(*stats.periods, NEW_PERIOD), series=tuple(
        dataclasses.replace(s, values=(*s.values, None)) for s in stats.series))


class _Writer:
    """Turns model nodes back into plain YAML data, pictures relative to the new issue."""

    def __init__(self, old_folder: Path, new_folder: Path, assets: Path) -> None:
        self.old, self.new, self.assets = old_folder, new_folder, assets

    def plain(self, value: Any) -> Any:
        if isinstance(value, Path):
            return self.picture(value)
        if isinstance(value, tuple):
            return [self.plain(item) for item in value]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            data = {}
            for field in dataclasses.fields(value):
                item = getattr(value, field.name)
                if field.name in ("pos", "folder") or item == field.default or item == ():
                    continue
                if field.type == "Paragraphs":  # as the editor wrote it: a block of text
                    data[field.name] = _Block("\n\n".join(item))
                else:
                    data[field.name] = self.plain(item)
            return data
        return value

    def picture(self, path: Path) -> str:
        if path.is_relative_to(self.old):
            relative = path.relative_to(self.old)
            (self.new / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, self.new / relative)
            return relative.as_posix()
        if path.is_relative_to(self.assets):
            return path.relative_to(self.assets).as_posix()
        return f"{STANDINS}/{path.relative_to(STANDINS_DIR).as_posix()}"


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)


def _short(value: Any) -> bool:
    return value is None or isinstance(value, int | float) or (
        isinstance(value, str) and not isinstance(value, _Block) and len(value) < 32)


class _Block(str):
    """Text of several paragraphs, written as a YAML block (``|``)."""



class _Dumper(yaml.SafeDumper):
    """Writes a missing value as ``~``, the way editors are told to, and
    indents list items under their key, as the sample issue does."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_Dumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar(
    "tag:yaml.org,2002:null", "~"))
_Dumper.add_representer(_Block, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text or len(text) > 60 else None))
# Short entries on one line ({label: Eilenburg, phone: …}, [292, 346, …]), the rest as blocks.
_Dumper.add_representer(dict, lambda dumper, data: dumper.represent_mapping(
    "tag:yaml.org,2002:map", data.items(),
    flow_style=all(_short(v) for v in data.values()) and len(data) <= 3))
_Dumper.add_representer(list, lambda dumper, data: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", data, flow_style=all(_short(v) for v in data)))


def _months_later(date: datetime.date, months: int) -> datetime.date:
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    for day in (date.day, 30, 29, 28):
        try:
            return date.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")

