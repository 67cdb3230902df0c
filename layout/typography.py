"""Typographic refinement of editors' plain typing, by language.

What an editor types on an ordinary keyboard becomes what a typesetter would
set: straight quotes become „…“ and ‚…‘ in German («…» and ‹…› in Swiss
German, “…” and ‘…’ in English),
an apostrophe becomes ’, ``--`` an en dash, ``---`` an em dash, a spaced
hyphen between words an en dash, ``...`` an ellipsis. Non-breaking spaces
keep together what must not be split at a line end: a day and its month
("02. Juni 2022"), a month and its year, a number and its unit, short
abbreviations and what they name ("LK Nordsachsen", "z. B.").

Works on plain text before inline markup is parsed (:mod:`layout.markup`);
it never adds markup. Gender forms ("Kolleg:innen", "Leser*innen") are
left as they are.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
SHY = "\u00ad"
ZWSP = "\u200b"
#: A zero-width space inside a word: a break without a hyphen, kept for the
#: engine's line breaking (:mod:`layout.linebreak`) where asked, else dropped.
_BREAK = re.compile(r"(?<=\S)\u200b+(?=\S)")
#: Invisible characters the fonts lack and ReportLab would set as a space:
#: they go (zero-width spaces that are no break within a word, joiners);
#: a narrow no-break space becomes a no-break space.
_INVISIBLE = [
    (re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]"), ""),
    (re.compile(r"\u202f"), NBSP),
]

#: Double and single quotation marks, opening and closing, by language tag
#: or its language: German „…“ ‚…‘, Swiss German «…» ‹…›, English (British
#: and American alike) “…” ‘…’.
_QUOTES = {
    "de": ("„", "“", "‚", "‘"),
    "de-CH": ("«", "»", "‹", "›"),
    "en": ("“", "”", "‘", "’"),
}
_MONTHS = (
    "Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    "January|February|March|May|June|July|October|December"
)
_UNITS = (
    r"%|‰|€|\$|Euro|Prozent|Uhr|Jahre?n?|Monate?n?|Wochen?|Tage?n?|Stunden?|Minuten?|"
    r"Mio\.|Mrd\.|Millionen|Milliarden|Tsd\.|km|m|cm|mm|kg|g|t|l|ha|qm|m²|Personen|Menschen"
)

_DASHES = [
    (re.compile(r"(?<!-)---(?!-)"), "—"),
    (re.compile(r"(?<!-)--(?!-)"), "–"),
    (re.compile(r"(?<=\w) - (?=\w)"), " – "),
    (re.compile(r"\.\.\."), "…"),
]
_NO_BREAK = [
    # 02. Juni, 2. Juni
    (re.compile(rf"\b(\d{{1,2}}\.) (?=(?:{_MONTHS})\b)"), rf"\1{NBSP}"),
    # Juni 2022
    (re.compile(rf"\b((?:{_MONTHS})) (?=\d{{4}}\b)"), rf"\1{NBSP}"),
    # 100 Millionen, 12 %, 9 Uhr
    (re.compile(rf"(\d) (?=(?:{_UNITS})(?!\w))"), rf"\1{NBSP}"),
    # z. B., d. h., u. a.: kept together
    (re.compile(r"\b([a-zA-Z]\.) (?=[a-zA-Z]\.)"), rf"\1{NBSP}"),
    # LK Nordsachsen, II. Weltkrieg, Nr. 5, § 3, S. 12
    (re.compile(r"\b([A-ZÄÖÜ]{2,3}|[IVX]{1,4}\.|Nr\.|S\.|Abs\.|Art\.|§) (?=\w)"), rf"\1{NBSP}"),
]
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=[sxzß])'(?=\s|$)")
#: Every mark an editor may type around a quotation: double, then single.
QUOTE_MARKS = "\"„“”«»" + "'‚‘’‹›"
_ENCLOSED = re.compile(rf"^([{QUOTE_MARKS}])(.+)([{QUOTE_MARKS}])([.!?…]?)$", re.S)
_DOUBLE_MARK = re.compile("[\"„“”«»]")
#: A single mark that is no apostrophe (not between letters).
_SINGLE_MARK = re.compile(r"(?<!\w)[‚‘’‹›']|[‚‘’‹›'](?!\w)")


def _marks(language: str) -> tuple[str, str, str, str]:
    """The quotation marks of ``language``: of its tag (``de-CH``), else of its language."""
    return _QUOTES.get(language) or _QUOTES.get(language.split("-")[0].lower(), _QUOTES["en"])


def quote_marks(language: str) -> tuple[str, str]:
    """The opening and closing quotation marks of ``language`` („ “ in German)."""
    marks = _marks(language)
    return marks[0], marks[1]


def enclose_quote(text: str, language: str) -> str:
    """``text`` as a quotation, between the marks of ``language``.

    Where the editor typed marks at its start and end (any of
    :data:`QUOTE_MARKS`, a full stop or the like after the closing one), none
    are added: every mark in it is set anew in the language's style, the
    outer ones as double marks („…“ or “…”).
    """
    text = text.strip()
    enclosed = _ENCLOSED.match(text)
    if not enclosed:
        opening, closing = quote_marks(language)
        return f"{opening}{text}{closing}"
    inner = _SINGLE_MARK.sub("'", _DOUBLE_MARK.sub('"', enclosed.group(2).strip()))
    return refine(f'"{inner}"{enclosed.group(4)}', language)


# A phone number: a country or trunk prefix and at least two more groups of
# digits, 7 digits or more in all (never a year, a time or a range of them).
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}|0\d{1,5})(?:[ /–-]{1,3}\d{1,8}){2,}(?![\w/])")


def _join_phone(match: re.Match[str]) -> str:
    number = match.group()
    if sum(char.isdigit() for char in number) < 7:
        return number
    return number.replace(" ", NBSP)


#: What is typed as code, not prose: tag-like text, link targets, web addresses.
_VERBATIM = re.compile(
    r"(<[^<>\n]*>|\]\([^)\s]*\)|\b(?:https?://|www\.)[^\s\"'<>]*[^\s\"'<>.,;:!?)])")


def refine(text: str, language: str, breaks: bool = False) -> str:
    """``text`` with quotes, dashes, ellipses and non-breaking spaces set.

    Tag-like text (``<a href="x">``), link targets and web addresses keep
    their characters as typed. A zero-width space inside a word is kept (as
    one U+200B) with ``breaks``, for a paragraph of :mod:`layout.linebreak`,
    which breaks there without a hyphen and never draws it; else it goes.
    """
    quotes = _marks(language)
    if breaks:
        text = _BREAK.sub("\x00", text.replace("\x00", ""))  # kept apart from the rest
    for pattern, replacement in _INVISIBLE:
        text = pattern.sub(replacement, text)
    text = text.replace("\x00", ZWSP)
    parts = _VERBATIM.split(text)
    for index in range(0, len(parts), 2):  # even parts are prose
        prose = parts[index]
        for pattern, replacement in _DASHES:
            prose = pattern.sub(replacement, prose)
        parts[index] = _APOSTROPHE.sub("’", prose)
    text = _quotes(parts, *quotes)
    for pattern, replacement in _NO_BREAK:
        text = pattern.sub(replacement, text)
    return _PHONE.sub(_join_phone, text)  # a phone number never breaks


def _quotes(parts: list[str], open2: str, close2: str, open1: str, close1: str) -> str:
    """Straight quotes in the prose ``parts`` (even indices) to typographic
    ones: opening after a space, bracket or dash (or at the start), closing
    elsewhere. Odd parts are kept as typed."""
    out: list[str] = []
    before = " "
    for index, part in enumerate(parts):
        if index % 2:
            out.append(part)
        else:
            for char in part:
                if char in "\"'":
                    opening = before.isspace() or before in "([{–—/"
                    pair = (open2, close2) if char == '"' else (open1, close1)
                    char = pair[0] if opening else pair[1]
                out.append(char)
                before = char
        if part:
            before = part[-1]
    return "".join(out)
