"""How numbers and dates are written in the issue's language (phone
numbers: :mod:`layout.phones`)."""

from __future__ import annotations

import datetime

#: The language tags an issue may name (``language:``), each German or
#: English: the words, quote marks, numbers, months and hyphenation of its
#: language, and the country of its phone numbers.
LANGUAGES = ("de-DE", "de-AT", "de-CH", "en-GB", "en-US")

_MONTHS = {
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"),
    "de-AT": ("Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
              "September", "Oktober", "November", "Dezember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}
#: Words the engine itself prints on the pages, in the issue's language (not
#: the editor's: those are messages, see layout.i18n). Where the issue has a
#: field for one (``heading``, ``label`` …), its value is printed instead.
_WORDS = {
    "de": {
        "contents": "In dieser Ausgabe",  # the front cover's contents
        "notes": "Notizen",  # a notes page
        "editorial": "Editorial",  # editorial: title
        "interviewer": "Redaktion",  # an article's interviewer
        "contacts": "Kontakte",  # contacts: heading
        "funded_by": "Gefördert durch",  # funding: label
        "statistics": "Aktuelle Zahlen",  # statistics: heading
        "period": "Stand",  # statistics: period_label
        "total": "Gesamt",  # statistics: total_label
        "imprint": "Impressum",  # imprint: heading
    },
    "en": {
        "contents": "In this issue",
        "notes": "Notes",
        "editorial": "Editorial",
        "interviewer": "Editor",
        "contacts": "Contacts",
        "funded_by": "Funded by",
        "statistics": "Latest figures",
        "period": "Period",
        "total": "Total",
        "imprint": "Imprint",
    },
}


def word(name: str, language: str) -> str:
    """A word the engine prints on the page (``contents``, ``total`` …) in ``language``."""
    return _WORDS.get(_primary(language), _WORDS["en"])[name]


def words(language: str) -> dict[str, str]:
    """Every word of :func:`word` in ``language``, by name."""
    return dict(_WORDS.get(_primary(language), _WORDS["en"]))


def _primary(language: str) -> str:
    return language.split("-")[0].lower()


#: The thousands separator and the decimal mark, by language (Swiss German
#: groups with an apostrophe and writes a decimal point).
_SEPARATORS = {"de": (".", ","), "de-CH": ("’", "."), "en": (",", ".")}


def _localise(text: str, language: str) -> str:
    """``text`` written with Python's ``,`` and ``.`` in the marks of ``language``."""
    group, decimal = _SEPARATORS.get(language, _SEPARATORS.get(_primary(language),
                                                                _SEPARATORS["en"]))
    return text.translate({ord(","): group, ord("."): decimal})


def format_number(value: float | None, language: str, places: int = 0, unit: str = "") -> str:
    """``1071`` as ``1.071`` in German (``1’071`` in Swiss German), ``1,071``
    in English; a dash if missing. ``places``: decimal places (``12,5``);
    ``unit``: see :func:`with_unit`."""
    if value is None:
        return "–"
    if isinstance(value, int) and not places:
        text = f"{value:,}"
    else:
        text = f"{value:,.{places}f}"
        if not text.strip("-0,."):  # -0.04 at one place: 0.0, never -0.0
            text = text.lstrip("-")
    return with_unit(_localise(text, language), unit, language)


def format_tick(value: float, language: str) -> str:
    """An axis label that shows its value exactly: ``12,5`` in German and
    ``12.5`` in English, ``2.500``/``2,500`` grouped, ``−5`` with a minus sign,
    ``0`` never ``-0``."""
    if abs(value - round(value)) < 1e-9:
        text = format_number(round(value), language)
    else:
        text = _localise(f"{value:,.6f}".rstrip("0").rstrip("."), language)
    return text.replace("-", "\u2212")  # a minus sign, as wide as the digits


def format_month(date: datetime.date, language: str) -> str:
    """``Juli 2022``: the month and year an issue appears."""
    months = _MONTHS.get(language, _MONTHS.get(_primary(language), _MONTHS["en"]))
    return f"{months[date.month - 1]} {date.year}"


#: Units written before the number in English (``£6.5``), as currencies are.
_CURRENCIES = frozenset("€£$¥")


def with_unit(number: str, unit: str, language: str) -> str:
    """``number`` with its ``unit``: in German after a no-break space
    (``12,5 %``, ``6,5 £``); in English a currency before (``£6.5``), ``%``
    right after (``12.5%``), any other unit after a space (``3.5 km``)."""
    unit = unit.strip()
    if not unit:
        return number
    if _primary(language) != "de":
        if unit in _CURRENCIES:
            sign = "-" if number.startswith("-") else ""
            return f"{sign}{unit}{number.removeprefix('-')}"
        if unit == "%":
            return f"{number}%"
    return f"{number}\u00a0{unit}"
