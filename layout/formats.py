"""How numbers, dates and phone numbers are written in the issue's language."""

from __future__ import annotations

import datetime
import re

_MONTHS = {
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}
_COUNTRY_CODES = {"DE": "49", "AT": "43", "CH": "41"}
#: Words the engine itself prints on the pages, in the issue's language (not
#: the editor's: those are messages, see layout.i18n).
_WORDS = {
    "de": {"contents": "In dieser Ausgabe", "notes": "Notizen"},
    "en": {"contents": "In this issue", "notes": "Notes"},
}


def word(name: str, language: str) -> str:
    """A word the engine prints on the page (``contents``, ``notes``) in ``language``."""
    return _WORDS.get(_primary(language), _WORDS["en"])[name]


def _primary(language: str) -> str:
    return language.split("-")[0].lower()


def format_number(value: int | None, language: str) -> str:
    """``1071`` as ``1.071`` in German, ``1,071`` in English; a dash if missing."""
    if value is None:
        return "–"
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if _primary(language) == "de" else grouped


def format_tick(value: float, language: str) -> str:
    """An axis label that shows its value exactly: ``12,5`` in German and
    ``12.5`` in English, ``2.500``/``2,500`` grouped, ``−5`` with a minus sign,
    ``0`` never ``-0``."""
    if abs(value - round(value)) < 1e-9:
        text = format_number(round(value), language)
    else:
        text = f"{value:,.6f}".rstrip("0").rstrip(".")
        if _primary(language) == "de":
            text = text.translate(str.maketrans(",.", ".,"))
    return text.replace("-", "\u2212")  # a minus sign, as wide as the digits


def format_month(date: datetime.date, language: str) -> str:
    """``Juli 2022``: the month and year an issue appears."""
    months = _MONTHS.get(_primary(language), _MONTHS["en"])
    return f"{months[date.month - 1]} {date.year}"


def phone_uri(number: str, language: str) -> str:
    """A ``tel:`` link for a national number such as ``0151/58049677``."""
    digits = re.sub(r"[^\d+]", "", number)
    country = _COUNTRY_CODES.get(language.split("-")[-1].upper())
    if country and digits.startswith("0") and not digits.startswith("00"):
        digits = f"+{country}{digits[1:]}"
    return f"tel:{digits}"
