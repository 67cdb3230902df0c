"""Hyphenation points from Liang's patterns, kept between runs.

German (``de``, ``de_DE``, ``de_AT``) is hyphenated by TeX's patterns for the
reformed spelling (hyph-utf8 ``hyph-de-1996``, MIT licence), shipped in
``patterns/hyph-de-1996.dic`` (made, with the licence in its header, by
``tools/make_hyphenation_reference.py``): LibreOffice's ``de_DE`` patterns
that pyphen brings allow breaks such as "Zusamme-narbeit". Every other
language (Swiss German too) keeps pyphen's dictionary.
:func:`compound_points` tells which points of a German word are compound
boundaries (``Zusammen|arbeit``), for the line breaker to prefer.

A build asks for the hyphenation points of each word once
(:func:`hyphenation_points`); the answers are kept in :mod:`layout.cache`
(:func:`save_hyphenation`), so that a repeat build never loads a
dictionary. Where a word is new, the dictionary is loaded: its parsed
patterns are kept in the cache too (marshal reads the 37,000 German ones in
0.03 s), and where they are not, :func:`parse_patterns` reads the ``.dic``
file in a quarter of the time pyphen takes, to exactly the same patterns
(a test compares them). A first build looks the words of its issue up in a
forked process (:func:`look_up_ahead`) while it imports the rest of the
engine, so that the patterns (7 MB for German once read) never enter the
build's own process. Compound boundaries need no dictionary: they are found
among a word's points by the list of word parts, read once per process.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import re
from pathlib import Path
from typing import NamedTuple

import pyphen

from . import ahead, cache

#: Letters kept before and after a break.
LEFT, RIGHT = 2, 3
#: Shortest word (in letters) that is hyphenated: "ei-nen" or "ha-ben" at a line end
#: reads worse than a looser line.
MIN_WORD = 6
#: The letters of a word that are looked up (see ``linebreak._cuts``).
LETTERS = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile("[0-9]")
#: Digits and new lines kept, everything else a space (one byte per character).
_GAPS = bytes(c if chr(c) in "0123456789\n" else 32 for c in range(256))
#: The digits 0..9 as the bytes 0..9.
_VALUES = bytes(c - 48 if 48 <= c <= 57 else c for c in range(256))


def hyphenation_language(language: str) -> str:
    """pyphen's name for a language tag: ``de-DE`` -> ``de_DE``."""
    return language.replace("-", "_")


def hyphenation_points(lang: str, word: str) -> list[int]:
    """Where ``word`` may be hyphenated in ``lang`` (positions in the word)."""
    return _WORDS.points(lang, word)


def look_up_ahead(lang: str, text: str) -> None:
    """Look up, in a forked process, the words of ``text`` (an issue's) the
    cache lacks. The dictionary's patterns (22 MB once read) then never enter
    this process, and reading them overlaps its imports; the layout waits for
    the answers when it first asks (:func:`hyphenation_points`). Only when
    :mod:`layout.ahead` says a fork is safe and the cache is on; a word the
    look-ahead did not see is looked up here, as before."""
    if (cache.folder() is None or lang in _ahead or _dictionary.cache_info().currsize
            or not ahead.may_fork()):
        return
    known = _WORDS.known(lang)
    words = sorted({w for w in LETTERS.findall(text) if len(w) >= MIN_WORD} - known.keys())
    if not words:
        return
    pid = os.fork()
    if pid == 0:  # the child: look the words up, keep them, leave without cleaning up
        try:
            for word in words:
                _WORDS.points(lang, word)
            _WORDS.save()
        finally:
            os._exit(0)
    _ahead[lang] = pid


def wait_ahead() -> None:
    """Wait for the look-ahead processes of :func:`look_up_ahead`."""
    while _ahead:
        lang, pid = _ahead.popitem()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        _WORDS.words.pop(lang, None)  # read again, with what the process kept


#: Look-ahead processes by language.
_ahead: dict[str, int] = {}


def save_hyphenation() -> None:
    """Keep the hyphenation points looked up so far for the next run."""
    _WORDS.save()


class _Words:
    """Hyphenation points per word and language, as kept in the cache."""

    def __init__(self) -> None:
        self.words: dict[str, dict[str, list[int]]] = {}
        self.changed: set[str] = set()

    def _name(self, lang: str) -> str:
        return f"{lang}-{cache.key('words', lang, LEFT, RIGHT)}.json"

    def known(self, lang: str) -> dict[str, list[int]]:
        if lang in _ahead:
            wait_ahead()
        known = self.words.get(lang)
        if known is None:
            known = cache.read_json("hyphenation", self._name(lang)) or {}
            self.words[lang] = known
        return known

    def points(self, lang: str, word: str) -> list[int]:
        known = self.words.get(lang) if lang not in _ahead else None
        if known is None:
            known = self.known(lang)
        found = known.get(word)
        if found is None:
            dictionary = _dictionary(lang)
            found = dictionary.positions(word) if dictionary else []
            known[word] = found
            self.changed.add(lang)
        return found

    def save(self) -> None:
        """Keep the words looked up, with those other processes kept meanwhile
        (``newsletter build --all`` builds several issues at once): the file
        is read again and written under its lock, never overwritten blindly."""
        for lang in sorted(self.changed):
            name = self._name(lang)
            with cache.locked("hyphenation", name):
                kept = cache.read_json("hyphenation", name)
                merged = {**kept, **self.words[lang]} if isinstance(kept, dict) else \
                    self.words[lang]
                cache.write_json("hyphenation", name, merged)
            self.words[lang] = merged
        self.changed.clear()


_WORDS = _Words()


#: The patterns shipped with the engine, by language (pyphen's names).
PATTERNS = Path(__file__).parent / "patterns"
BUNDLED = {lang: PATTERNS / "hyph-de-1996.dic" for lang in ("de", "de_DE", "de_AT")}


def patterns_path(lang: str) -> Path | None:
    """The patterns ``lang`` is hyphenated with: shipped here, else pyphen's."""
    if lang in BUNDLED:
        return BUNDLED[lang]
    found = pyphen.language_fallback(lang) if lang else None
    return BUNDLED.get(found, pyphen.LANGUAGES[found]) if found else None


#: Where the word parts of compounds are listed, by the patterns they go with.
WORD_PARTS = {PATTERNS / "hyph-de-1996.dic": PATTERNS / "de-word-parts.txt"}
#: Letters kept on each side of a compound boundary, at least.
PART_MIN = 4


def compound_points(lang: str, word: str) -> tuple[int, ...]:
    """The points of ``word`` (:func:`hyphenation_points`) at a boundary of
    the parts of a compound: ``Zusammen|arbeit``, not ``Zu|sammenarbeit``.

    TeX's patterns do not tell them apart; a point is a boundary where both
    sides keep :data:`PART_MIN` letters and the part before it ends in a
    linking suffix or a known first part, or the part after it begins with a
    known second part (not after a prefix of it: ``Sachbe|arbeiter``), and
    no suffix follows (``fach|lich``), as curated in
    ``patterns/de-word-parts.txt`` (which says how). Languages without such
    a list have none."""
    path = patterns_path(lang)
    parts = _word_parts(WORD_PARTS[path]) if path in WORD_PARTS else None
    if parts is None:
        return ()
    lower = word.lower()
    return tuple(p for p in hyphenation_points(lang, word)
                 if PART_MIN <= p <= len(word) - PART_MIN and parts.joins(lower, p))


class _WordParts(NamedTuple):
    """The sections of a list of word parts (``patterns/de-word-parts.txt``)."""

    ends: tuple[str, ...]  # joints and first parts: a boundary after them
    tails: tuple[str, ...]  # second parts: a boundary before them
    prefixes: tuple[str, ...]  # ... unless one of these is before it
    suffixes: tuple[str, ...]  # never a boundary before these

    def joins(self, lower: str, at: int) -> bool:
        """Whether the lower-case word ``lower`` joins two parts at ``at``."""
        if lower.startswith(self.suffixes, at):
            return False
        head = lower[:at]
        return head.endswith(self.ends) or (lower.startswith(self.tails, at)
                                            and not head.endswith(self.prefixes))


@functools.cache
def _word_parts(path: Path) -> _WordParts:
    """The list of word parts at ``path``, by section."""
    sections: dict[str, list[str]] = {}
    name = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("["):
            name = line.strip("[]")
        elif line:
            sections.setdefault(name, []).extend(line.split())
    return _WordParts(*(tuple(part for name in names for part in sections.get(name, ()))
                        for names in (("joints", "heads"), ("tails",), ("prefixes",),
                                      ("suffixes",))))


@functools.cache
def _dictionary(lang: str) -> pyphen.Pyphen | None:
    path = patterns_path(lang)
    if path is None:
        return None
    load_patterns(path)
    return pyphen.Pyphen(filename=path, left=LEFT, right=RIGHT)


def load_patterns(path: Path) -> None:
    """Put the patterns of the dictionary at ``path`` into pyphen's cache of
    dictionaries: from :mod:`layout.cache`, else parsed (and then kept)."""
    if path in pyphen.hdcache:
        return
    name = cache.key("patterns", hashlib.sha256(path.read_bytes()).hexdigest()) + ".marshal"
    kept = cache.read("patterns", name)  # only from a file and folders that are ours alone
    patterns = None
    if kept is not None:
        try:
            patterns = marshal.loads(kept)
        except (EOFError, ValueError, TypeError):
            patterns = None  # damaged: parsed again
    if not isinstance(patterns, dict) or not patterns:
        patterns = parse_patterns(path)
        if patterns is not None:
            cache.write("patterns", name, marshal.dumps(patterns))
    if patterns:
        dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
        dictionary.patterns, dictionary.cache = patterns, {}
        dictionary.maxlen = max(len(key) for key in patterns)
    else:
        dictionary = pyphen.HyphDict(path)  # nonstandard patterns: pyphen's own parser
    pyphen.hdcache[path] = dictionary


def parse_patterns(path: Path) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """The patterns of a ``hyph_*.dic`` as ``pyphen.HyphDict`` parses them
    (letters -> offset of the first non-zero value, the values from there to
    the last non-zero one), or None for a dictionary with nonstandard
    hyphenation (``/``) or escaped characters (``^^``), left to pyphen.

    pyphen reads pattern by pattern; here the whole file is read at once. The
    values of a pattern are the digits between its letters, 0 where there is
    none: with every letter a space and the pattern between two more, an
    empty place is two spaces in a row.
    """
    with path.open("rb") as file:
        encoding = file.readline().decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    lines = [line for line in (raw.strip() for raw in path.read_text(encoding).split("\n")[1:])
             if line and not line.startswith(pyphen.ignored)]
    text = "\n".join(lines)
    if "^^" in text or "/" in text:
        return None
    spaced = b" " + text.encode("latin-1", errors="replace").translate(_GAPS).replace(
        b"\n", b" \n ") + b" "
    while b"  " in spaced:
        spaced = spaced.replace(b"  ", b" 0 ")
    numbers = spaced.replace(b" ", b"").translate(_VALUES).split(b"\n")
    patterns = {}
    for letters, values in zip(_DIGIT.sub("", text).split("\n"), numbers, strict=True):
        trimmed = values.strip(b"\0")
        if trimmed:
            patterns[letters] = len(values) - len(values.lstrip(b"\0")), tuple(trimmed)
    return patterns
