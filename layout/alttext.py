"""Alternative texts: what a picture, logo or chart says to one who cannot see it.

A photo's text is the editor's (``alt:``); a logo's is the editor's or the
funder's name; a chart's is made from its data (kind, title, periods,
series, lowest and highest value), in the issue's language. The tagging of
the digital edition reads them from here (:func:`alt_text`), and the loader
asks :func:`pictures` which photos an editor must describe.

This module only reads the model: it prints nothing, draws nothing and
never looks at the PDF.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import model
from .formats import format_number

#: What a photo is called where the editor wrote no ``alt:`` (and was warned).
_PHOTO = {"de": "Foto", "en": "Photo"}
_LOGO = {"de": "Logo eines Förderers", "en": "A funder's logo"}
_KINDS = {
    "de": {"stacked-bars": "Gestapeltes Säulendiagramm", "grouped-bars": "Säulendiagramm",
           "bars": "Säulendiagramm", "horizontal-bars": "Balkendiagramm",
           "lines": "Liniendiagramm", "none": "Tabelle"},
    "en": {"stacked-bars": "Stacked column chart", "grouped-bars": "Column chart",
           "bars": "Column chart", "horizontal-bars": "Bar chart",
           "lines": "Line chart", "none": "Table"},
}
_COUNTS = {
    "de": ("eine", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
           "elf", "zwölf"),
    "en": ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "eleven", "twelve"),
}
_SERIES = {"de": ("Reihe", "Reihen"), "en": ("series", "series")}
#: The sentence's parts, by language: ``{n}`` a count, ``{first}``/``{last}``
#: periods, ``{value}`` a formatted number, ``{at}`` where it stands.
_PHRASES: dict[str, dict[str, str]] = {
    "de": {"periods": "{n} Zeitpunkte von {first} bis {last}",
           "period": "Stand {first}", "and": "und", "no_values": "keine Werte",
           "totals": "niedrigster Gesamtwert {low} ({low_at}), höchster {high} ({high_at})",
           "values": "niedrigster Wert {low} ({low_at}), höchster {high} ({high_at})",
           "highest": "höchster Wert {items}", "total": "Gesamtwert {high} ({high_at})",
           "value": "Wert {high} ({high_at})"},
    "en": {"periods": "{n} periods from {first} to {last}",
           "period": "as of {first}", "and": "and", "no_values": "no values",
           "totals": "lowest total {low} ({low_at}), highest {high} ({high_at})",
           "values": "lowest value {low} ({low_at}), highest {high} ({high_at})",
           "highest": "highest value {items}", "total": "total {high} ({high_at})",
           "value": "value {high} ({high_at})"},
}


def _language(language: str) -> str:
    return "de" if language.split("-")[0].lower() == "de" else "en"


def pictures(issue: model.Issue) -> Iterator[model.Picture]:
    """Every photo of ``issue`` that needs an alternative text, in the YAML's
    order: the cover photo, the signatories' portraits, the articles' photos
    (logos have their funder's name)."""
    if issue.cover.photo is not None:
        yield issue.cover.photo
    if issue.editorial is not None:
        for signer in issue.editorial.signers:
            if signer.photo is not None:
                yield signer.photo
    for article in issue.articles:
        for block in article.body:
            if isinstance(block, model.Photo):
                yield block.picture


def alt_text(item: model.Picture | model.Photo | model.Funder | model.Statistics,
             language: str) -> str:
    """The alternative text of a photo (its ``alt:``), a funder's logo (its
    ``alt:``, else the funder's name) or a statistic's chart (made from its
    data, :func:`chart_alt`), in ``language``, the issue's. A photo without
    ``alt:`` (the loader warned) is named by its caption, else as a photo."""
    words = _language(language)
    if isinstance(item, model.Statistics):
        return chart_alt(item, language)
    if isinstance(item, model.Funder):
        return item.alt.strip() or item.name.strip() or _LOGO[words]
    return item.alt.strip() or item.caption.strip() or _PHOTO[words]


def chart_alt(stats: model.Statistics, language: str) -> str:
    """What the chart of ``stats`` shows, in one sentence in ``language``:
    its kind and title, its periods, its series, and the lowest and highest
    value (of the totals, where stacked bars add up), each with its period.

    ``Gestapeltes Säulendiagramm: Entwicklung …, 13 Zeitpunkte von Mitte 2011
    bis Juni 2022, drei Reihen (A, B und C); niedrigster Gesamtwert 2.598
    (Mitte 2011), höchster 11.865 (Juni 2022).``"""
    words = _language(language)
    phrase = _PHRASES[words]
    parts = [f"{_KINDS[words][stats.chart]}: {stats.title.strip()}"]
    if stats.periods:
        first, last = stats.periods[0], stats.periods[-1]
        parts.append(phrase["period"].format(first=first) if len(stats.periods) == 1 else
                     phrase["periods"].format(n=len(stats.periods), first=first, last=last))
    count = len(stats.series)
    if count:
        number = _COUNTS[words][count - 1] if count <= len(_COUNTS[words]) else str(count)
        noun = _SERIES[words][count > 1]
        names = _enumerate([series.name for series in stats.series], phrase["and"])
        parts.append(f"{number} {noun} ({names})")
    return f"{', '.join(parts)}; {_extremes(stats, language)}."


def _extremes(stats: model.Statistics, language: str) -> str:
    """The lowest and highest value with where they stand: of the totals
    where the chart stacks series of one unit, of all values where the
    series share a unit, else each series' highest."""
    phrase = _PHRASES[_language(language)]
    units = {stats.unit_of(series) for series in stats.series}
    if len(units) > 1:
        items = []
        for series in stats.series:
            found = _low_high([(v, period) for v, period in zip(series.values, stats.periods,
                                                                 strict=False)])
            if found:
                value = format_number(found[1][0], language, stats.places_of(series),
                                      stats.unit_of(series))
                items.append(f"{series.name} {value} ({found[1][1]})")
        return phrase["highest"].format(items=_enumerate(items, phrase["and"])) if items \
            else phrase["no_values"]
    unit = units.pop() if units else ""
    stacked = stats.chart == "stacked-bars" and len(stats.series) > 1 and unit != "%"
    if stacked:
        found = _low_high(list(zip(stats.sums(), stats.periods, strict=False)))
        places, key, single = stats.places, "totals", "total"
    else:
        found = _low_high([(v, f"{series.name}, {period}" if len(stats.series) > 1 else period)
                           for series in stats.series
                           for v, period in zip(series.values, stats.periods, strict=False)])
        places, key, single = max((stats.places_of(s) for s in stats.series), default=0), \
            "values", "value"
    if not found:
        return phrase["no_values"]
    (low, low_at), (high, high_at) = found
    low_text = format_number(low, language, places, unit)
    high_text = format_number(high, language, places, unit)
    if low == high and low_at == high_at:
        return phrase[single].format(high=high_text, high_at=high_at)
    return phrase[key].format(low=low_text, low_at=low_at, high=high_text, high_at=high_at)


def _low_high(values: list[tuple[float | None, str]]
              ) -> tuple[tuple[float, str], tuple[float, str]] | None:
    """The lowest and the highest of ``values`` with their labels (the first
    where several are equal), leaving out missing ones; None if all are."""
    present = [(value, label) for value, label in values if value is not None]
    if not present:
        return None
    low = min(present, key=lambda item: item[0])
    high = max(present, key=lambda item: item[0])
    return low, high


def _enumerate(items: list[str], conjunction: str) -> str:
    """``A, B and C``."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
