"""The one font registration, from the project's ``fonts/`` folder only.

Two families are registered with ReportLab under neutral names, ``Serif`` and
``Sans`` (each with italic, bold and bold italic), so that styles never name
a font file. TrueType fonts are always embedded as subsets by ReportLab;
nothing may fall back to a base-14 font. The same files serve matplotlib.
"""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .errors import NewsletterError
from .i18n import _
from .paths import FONTS_DIR

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
