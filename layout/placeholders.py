"""Numbers from the statistics, written into prose by name.

An editor writes ``{{ total }}`` or ``{{ "EU-Bürger:innen" }}`` instead of
typing a number a second time, so that the text and the table cannot
disagree. The forms:

* ``{{ total }}``: the total of the latest period;
* ``{{ total "Mitte 2021" }}``: the total of a named period;
* ``{{ "EU-Bürger:innen" }}`` or ``{{ Aufenthaltstitel }}``: a series' latest value;
* ``{{ "EU-Bürger:innen" "Mitte 2021" }}``: a series' value in a named period;
* ``{{ period }}``: the name of the latest period.

Numbers are formatted in the issue's language (``11.865``). A placeholder
that names nothing there is an error that lists what there is. Runs after
loading, on the typed model; it changes nothing else.
"""

from __future__ import annotations

import dataclasses
import re
import shlex
from typing import Any

from . import model
from .errors import Diagnostic, Position
from .formats import format_number
from .i18n import _

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")


class _Unresolved(ValueError):
    """A placeholder that names nothing; the message says what there is."""


def resolve_placeholders(issue: model.Issue) -> tuple[model.Issue, list[Diagnostic]]:
    """``issue`` with every placeholder replaced, and the problems found."""
    problems: list[Diagnostic] = []
    resolved = _walk(issue, issue, issue.pos, problems)
    return resolved, problems


def _walk(value: Any, issue: model.Issue, where: Position, problems: list[Diagnostic]) -> Any:
    if isinstance(value, str):
        return _replace(value, issue, where, problems) if "{{" in value else value
    if isinstance(value, tuple):
        return tuple(_walk(item, issue, where, problems) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        position = getattr(value, "pos", where)  # each field's value, where it starts:
        changes = {f.name: _walk(getattr(value, f.name), issue, position.of(f.name), problems)
                   for f in dataclasses.fields(value) if f.name not in ("pos", "folder")}
        changed = {k: v for k, v in changes.items() if v is not getattr(value, k)}
        return dataclasses.replace(value, **changed) if changed else value
    return value


def _replace(text: str, issue: model.Issue, where: Position,
             problems: list[Diagnostic]) -> str:
    def substitute(match: re.Match[str]) -> str:
        try:
            return lookup(issue, match.group(1))
        except _Unresolved as error:
            problems.append(Diagnostic(_("placeholder {placeholder}: {problem}").format(
                placeholder=match.group(0), problem=error), where,
                hint=_choices(next(iter(every_statistic(issue)), None))))
            return match.group(0)

    return PLACEHOLDER.sub(substitute, text)


def lookup(issue: model.Issue, expression: str) -> str:
    """The text a placeholder's ``expression`` stands for."""
    every = [stats for stats in every_statistic(issue) if stats.periods]
    if not every:
        raise _Unresolved(_("the issue has no statistics to take numbers from"))
    try:
        words = shlex.split(expression)
    except ValueError as error:
        raise _Unresolved(_("cannot read it ({error})").format(error=error)) from None
    if not words or len(words) > 2:
        raise _Unresolved(_("write a series name or 'total', and optionally a period"))
    # the first statistic with the series (and the period, if named); 'total'
    # and 'period' are of the first statistic
    named = [stats for stats in every if any(s.name == words[0] for s in stats.series)]
    named = [stats for stats in named if len(words) == 1 or words[1] in stats.periods] or named
    stats = named[0] if named else every[0]
    name, period = words[0], words[1] if len(words) == 2 else stats.periods[-1]
    if period not in stats.periods:
        raise _Unresolved(_("there is no period '{period}'").format(period=period))
    index = stats.periods.index(period)
    if any(len(series.values) <= index for series in stats.series):
        raise _Unresolved(_("a series has no value for '{period}'").format(period=period))
    if name == "period" and len(words) == 1:
        return period
    if name == "total":
        return format_number(stats.sums()[index], issue.language, stats.places,
                             stats.unit_of(stats.series[0]))
    for series in stats.series:
        if series.name == name:
            return format_number(series.values[index], issue.language,
                                 stats.places_of(series), stats.unit_of(series))
    raise _Unresolved(_("there is no series '{name}'").format(name=name))


def every_statistic(issue: model.Issue) -> list[model.Statistics]:
    """The issue's statistics, then those inside its articles, in reading order."""
    return [*issue.statistics, *(block.statistic for article in issue.articles
                                 for block in article.body
                                 if isinstance(block, model.StatisticBlock))]


def _choices(stats: model.Statistics | None) -> str | None:
    if stats is None:
        return None
    if not stats.periods:
        return None
    names = ", ".join(f'"{s.name}"' for s in stats.series)
    example = f'{{{{ total "{stats.periods[0]}" }}}}'
    return _("the series are {names}; 'total' is their sum; a period may follow, "
             "e.g. {example}").format(names=names, example=example)
