"""Phone numbers as editors type them, read with Google's ``phonenumbers``.

:func:`read_phone` parses a number in the issue's country (from its language
tag: ``de-DE`` and ``de`` mean Germany, ``en-GB`` and ``en`` the United
Kingdom); a number written with its country code (``+43 …``, ``0043 …``)
belongs to that country instead. It returns what the page prints and what
the PDF links to:

* the link is ``tel:`` with the number in international form (E.164,
  ``tel:+493411234567``), valid from any country;
* a number of the issue's country prints in its national form
  (``0341 1234567``, ``020 7946 0958``); a number of another country in
  international form with that country's grouping (``+43 1 58800``), since
  a reader dials it from the issue's country. Where the library draws the
  line between a mobile network's prefix and the number one digit off from
  where the editor drew it (German ``0151/58049677``: the library writes
  ``01515 8049677``), the editor's, the common one, is kept.

A number the library cannot read as a valid number of its country prints as
typed, without a link; the loader warns about it at its line.

This module only reads and formats: no markup, no layout, no messages
(the loader words them). What it read is kept in :mod:`layout.cache`, keyed
by the number, the language, this module's source and the library's
version: a repeat build never imports the library (40 ms).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import cache

#: The short word printed before a number, where its kind is not obvious.
_LABELS: dict[str, dict[str, str]] = {
    "de": {"phone": "Tel.", "mobile": "Mobil", "fax": "Fax"},
    "en": {"phone": "Tel.", "mobile": "Mobile", "fax": "Fax"},
}
#: The country of a language tag without one (``de``, ``en``).
_LANGUAGE_COUNTRIES = {"de": "DE", "en": "GB"}
#: The country when the language names none that we know.
DEFAULT_REGION = "DE"


@dataclass(frozen=True)
class Phone:
    """A phone number as printed and as linked."""

    #: What the page prints: the national form, or as typed if unreadable.
    text: str
    #: The ``tel:`` link in international form; None if the number is unreadable.
    uri: str | None
    #: The country the number was read for (``DE``), for messages.
    region: str

    @property
    def readable(self) -> bool:
        return self.uri is not None


def _library() -> Any:
    """``phonenumbers``, imported where a number is read for the first time."""
    import phonenumbers

    return phonenumbers


def region_of(language: str) -> str:
    """The country of a language tag: ``de-DE`` -> ``DE``, ``en-GB`` -> ``GB``,
    ``de`` -> ``DE``, ``en`` -> ``GB``."""
    parts = language.replace("_", "-").split("-")
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha() and part.upper() in _library().SUPPORTED_REGIONS:
            return part.upper()
    return _LANGUAGE_COUNTRIES.get(parts[0].lower(), DEFAULT_REGION)


def label(kind: str, language: str) -> str:
    """``Tel.``, ``Mobil``/``Mobile`` or ``Fax`` in the issue's language."""
    return _LABELS.get(language.split("-")[0].lower(), _LABELS["en"])[kind]


@functools.lru_cache(maxsize=1024)
def read_phone(typed: str, language: str) -> Phone:
    """The number ``typed`` by the editor, read in the issue's country (see
    the module's docstring); from the cache where it was read before."""
    name = hashlib.sha256(json.dumps([_source(), cache.package_version("phonenumbers"),
                                      typed, language]).encode()).hexdigest()
    kept = cache.read_json("phones", name)
    if isinstance(kept, list) and len(kept) == 3 and all(
            isinstance(v, str) or v is None for v in kept):
        return Phone(*kept)
    phone = _read_phone(typed, language)
    cache.write_json("phones", name, [phone.text, phone.uri, phone.region])
    return phone


@functools.cache
def _source() -> str:
    """A digest of this module: how it reads and prints is part of each key."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _read_phone(typed: str, language: str) -> Phone:
    phonenumbers = _library()
    from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

    home = region_of(language)
    try:
        number = phonenumbers.parse(typed, home)
    except NumberParseException:
        return Phone(typed.strip(), None, home)
    region = phonenumbers.region_code_for_number(number) or home
    if not phonenumbers.is_valid_number(number):
        written = phonenumbers.region_code_for_country_code(number.country_code or 0)
        return Phone(typed.strip(), None, written if written != "ZZ" else home)
    uri = "tel:" + phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if region != home:
        return Phone(phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
                     uri, region)
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    if phonenumbers.number_type(number) == PhoneNumberType.MOBILE:
        national = _editors_prefix(national, typed, number.country_code or 0)
    return Phone(national, uri, region)


def _editors_prefix(national: str, typed: str, country_code: int) -> str:
    """``national`` (``01515 8049677``) split after the prefix the editor
    wrote (``0151/58049677`` or ``+49 151 58049677``: ``0151 58049677``)
    where that is one digit shorter or longer than the library's."""
    groups = national.split(" ")
    digits = "".join(groups)
    if len(groups) != 2 or not digits.startswith("0"):
        return national
    parts = re.findall(r"\d+", typed)
    if typed.lstrip().startswith(("+", "00")) and parts:
        head = parts[0].removeprefix("00")
        if head != str(country_code):
            return national  # the code and the number typed without a space
        parts = parts[1:]
        if parts and parts[0] == "0":  # +49 (0)151 …
            parts = parts[1:]
        if not parts:
            return national
        parts[0] = "0" + parts[0]
    if len(parts) < 2:
        return national
    prefix = parts[0]
    if abs(len(prefix) - len(groups[0])) == 1 and len(prefix) >= 4 \
            and digits.startswith(prefix):
        return f"{prefix} {digits[len(prefix):]}"
    return national


def example(region: str) -> str:
    """A number of ``region`` in its national form, for a hint (``030 123456``)."""
    phonenumbers = _library()
    number = phonenumbers.example_number(region)
    if number is None:
        return ""
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
