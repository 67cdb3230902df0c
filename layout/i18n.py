"""Messages in the editor's language, through the standard gettext machinery.

Every text an editor can see (diagnostics, hints, the build summary, the
command line's help) is written in English in the code, marked with
:func:`_` (or :func:`N_` where it is only named, to be translated later),
and translated from ``layout/locale/<lang>/LC_MESSAGES/newsletter.po``
(compiled to ``.mo`` by ``make translations``).

The language is English or German: ``--lang``, else the environment
(``NEWSLETTER_LANG``, ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``).
This module holds the one translation in use; it changes no layout state.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "newsletter"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "de")
_ENVIRONMENT = ("NEWSLETTER_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_translation: gettext.NullTranslations = gettext.NullTranslations()


def language_from_environment() -> str:
    """The first of our languages the environment asks for; English otherwise."""
    for name in _ENVIRONMENT:
        for wanted in os.environ.get(name, "").split(":"):
            code = wanted.split(".")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
    return "en"


def use(language: str | None = None) -> str:
    """Show messages in ``language`` (``en`` or ``de``; None: from the environment)."""
    global _translation
    code = (language or language_from_environment()).split("-")[0].split("_")[0].lower()
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)
    return code


def _(message: str) -> str:
    """``message`` in the language in use."""
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is defined; translate it with
    :func:`_` where it is shown."""
    return message


use()
