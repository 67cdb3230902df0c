"""The one font registration, from the project's ``fonts/`` folder only.

Two families are registered with ReportLab under neutral names, ``Serif`` and
``Sans`` (each with italic, bold and bold italic), so that styles never name
a font file. TrueType fonts are always embedded as subsets by ReportLab;
nothing may fall back to a base-14 font. The same files serve matplotlib.
A house style's own fonts (:mod:`layout.style`) are registered beside them
under family names of their own (:func:`register_theme_fonts`); ``Serif``
and ``Sans`` stay the engine's.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .errors import NewsletterError
from .i18n import _
from .paths import FONTS_DIR

if TYPE_CHECKING:
    from .theme import Theme

#: family name -> file stem; faces are ``-Regular``, ``-Italic``, ``-Bold``, ``-BoldItalic``.
FAMILIES = {"Serif": "PTSerif", "Sans": "PTSans"}
FACES = {"": "Regular", "-Italic": "Italic", "-Bold": "Bold", "-BoldItalic": "BoldItalic"}


def font_file(family: str, face: str = "Regular", folder: Path = FONTS_DIR) -> Path:
    """The TrueType file of ``family`` (``Serif`` or ``Sans``) in ``face``."""
    path = folder / f"{FAMILIES[family]}-{face}.ttf"
    if not path.is_file():
        raise NewsletterError(_("font file missing: {path} (the fonts/ folder is incomplete)")
                              .format(path=path))
    return path


@functools.cache
def covered_characters() -> frozenset[int]:
    """The code points every face of both families can set."""
    register_fonts()
    maps = [set(pdfmetrics.getFont(family + suffix).face.charToGlyph)
            for family in FAMILIES for suffix in FACES]
    return frozenset(set.intersection(*maps))


#: Scripts written right to left: the engine does not shape or reorder them.
_RTL = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF), (0x10800, 0x10FFF))


def is_right_to_left(character: str) -> bool:
    code = ord(character)
    return any(low <= code <= high for low, high in _RTL)


def missing_characters(text: str) -> list[str]:
    """The characters of ``text`` the fonts cannot set (white space and
    invisible format characters aside), each once, in order."""
    covered = covered_characters()
    seen: dict[str, None] = {}
    for character in text:
        if ord(character) not in covered and not character.isspace() and character.isprintable():
            seen.setdefault(character)
    return list(seen)


def stand_in(character: str) -> str:
    """What prints instead of a character the fonts lack: its code, never a box."""
    return f"[U+{ord(character):04X}]"


@functools.cache
def register_fonts() -> tuple[str, ...]:
    """Register both families with ReportLab (once per process); return their names."""
    names = []
    for family in FAMILIES:
        for suffix, face in FACES.items():
            name = family + suffix
            pdfmetrics.registerFont(TTFont(name, str(font_file(family, face))))
            names.append(name)
        addMapping(family, 0, 0, family)
        addMapping(family, 0, 1, family + "-Italic")
        addMapping(family, 1, 0, family + "-Bold")
        addMapping(family, 1, 1, family + "-BoldItalic")
    return tuple(names)


def face_file(theme: Theme, name: str) -> Path:
    """The file of the face registered as ``name`` (``Sans-Bold``, or a house
    style's face): the theme's own, else the engine's."""
    files = dict(theme.font_files)
    if name in files:
        return files[name]
    family, _, face = name.partition("-")
    return font_file(family, face or "Regular")


def register_theme_fonts(theme: Theme) -> tuple[str, ...]:
    """Register the engine's families and a house style's own (once per
    process and file set); return the house style's face names."""
    register_fonts()
    return _register_files(theme.font_files)


@functools.cache
def _register_files(files: tuple[tuple[str, Path], ...]) -> tuple[str, ...]:
    names = dict(files)
    for name, path in files:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    for name in names:
        if "-" not in name:  # a family: its faces as bold and italic
            for bold, italic, suffix in ((0, 0, ""), (0, 1, "-Italic"), (1, 0, "-Bold"),
                                         (1, 1, "-BoldItalic")):
                addMapping(name, bold, italic, name + suffix)
    return tuple(names)


def covered_by(names: tuple[str, ...]) -> frozenset[int]:
    """The code points every one of the registered faces ``names`` can set."""
    maps = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in names]
    return frozenset(set.intersection(*maps)) if maps else frozenset()
