"""The one font registration, from the project's ``fonts/`` folder only.

Two families are registered with ReportLab under neutral names, ``Serif`` and
``Sans`` (each with italic, bold and bold italic), so that styles never name
a font file. TrueType fonts are always embedded as subsets by ReportLab;
nothing may fall back to a base-14 font. The same files serve matplotlib.
A house style's own fonts (:mod:`layout.style`) are registered beside them
under family names of their own (:func:`register_theme_fonts`); ``Serif``
and ``Sans`` stay the engine's. A character of the issue a house font
lacks is added to it from the engine's face of the same role and style
(:func:`with_glyphs`, with fontTools), so that it prints, never as a box.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io
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
    process and file set), the characters of ``theme.fallback`` added to
    them from the engine's; return the house style's face names."""
    register_fonts()
    return _register_files(theme.font_files, theme.fallback)


@functools.cache
def _register_files(files: tuple[tuple[str, Path], ...], fallback: str) -> tuple[str, ...]:
    names = dict(files)
    for name, path in files:
        if fallback:
            donor = engine_face(name)
            data = with_glyphs(path, donor, fallback) if donor else path.read_bytes()
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        else:
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


def engine_face(name: str) -> Path | None:
    """The engine's face that stands in for the house face ``name``
    (``HouseSerif…-Bold`` -> PT Serif Bold), or None for another name."""
    family, _, face = name.partition("-")
    for role in FAMILIES:
        if family.startswith("House" + role):
            return font_file(role, face or "Regular")
    return None


#: TrueType's flag of a composite glyph's component that carries instructions.
_WE_HAVE_INSTRUCTIONS = 0x0100


def with_glyphs(path: Path, donor: Path, characters: str) -> bytes:
    """The TrueType font at ``path`` with the glyphs of those ``characters``
    it lacks taken from ``donor`` (scaled to its units, their hinting
    dropped): a character the house font lacks is set in the engine's."""
    from fontTools.ttLib import TTFont as FontFile  # type: ignore[import-untyped]
    from fontTools.ttLib.tables import ttProgram  # type: ignore[import-untyped]

    house, engine = FontFile(str(path)), FontFile(str(donor))
    scale = house["head"].unitsPerEm / engine["head"].unitsPerEm
    have, offer = house.getBestCmap(), engine.getBestCmap()
    glyphs, metrics = engine["glyf"], engine["hmtx"]
    copied: dict[str, str] = {}

    def take(name: str) -> str:
        if name in copied:
            return copied[name]
        new = copied[name] = f"fallback.{name}"
        glyph = copy.deepcopy(glyphs[name])
        if glyph.isComposite():
            for component in glyph.components:
                component.glyphName = take(component.glyphName)
                component.x, component.y = round(component.x * scale), round(component.y * scale)
                component.flags &= ~_WE_HAVE_INSTRUCTIONS
            if hasattr(glyph, "program"):
                del glyph.program
        elif glyph.numberOfContours > 0:
            glyph.coordinates.scale((scale, scale))
            glyph.coordinates.toInt()
            glyph.program = ttProgram.Program()
            glyph.program.fromBytecode(b"")
        house["glyf"][new] = glyph  # added to the glyph order too
        width, side = metrics[name]
        house["hmtx"][new] = (round(width * scale), round(side * scale))
        return new

    # ReportLab takes a font for the one registered before with the same
    # PostScript name: the font with the added glyphs is named apart.
    tag = hashlib.sha256(characters.encode()).hexdigest()[:8]
    for record in house["name"].names:
        if record.nameID == 6:
            record.string = f"{record.toUnicode()[:50]}-F{tag}"
    wanted = [ord(c) for c in dict.fromkeys(characters) if ord(c) not in have and ord(c) in offer]
    for code in wanted:
        name = take(offer[code])
        for table in house["cmap"].tables:
            if table.isUnicode() and (code <= 0xFFFF or table.format in (12, 13)):
                table.cmap[code] = name
    out = io.BytesIO()
    house.save(out)
    return out.getvalue()
