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
