"""Where the engine's own resources live: its fonts and its stand-in pictures.

They sit at the top of the source tree (``fonts/``, ``assets/standins/``:
the design card wants the fonts and their licence there), and a wheel
carries them inside the package (``layout/assets/fonts``,
``layout/assets/standins``; ``pyproject.toml`` maps them in). Both are found
here, so an editable install, a plain source checkout and a normal
``pip install .`` see the same files. A publisher's own folders are
:mod:`layout.project`'s. Nothing here reads or writes files.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
#: The engine's assets: its fonts (``fonts/``) and stand-ins (``standins/``)
#: when installed; in the source tree, the repository's ``assets/`` (whose
#: ``standins/`` they are).
ASSETS_DIR = (_PACKAGE / "assets" if (_PACKAGE / "assets" / "fonts").is_dir()
              else _PACKAGE.parent / "assets")
#: The engine's own fonts, with their licence.
FONTS_DIR = (ASSETS_DIR / "fonts" if ASSETS_DIR.parent == _PACKAGE
             else _PACKAGE.parent / "fonts")
#: The engine's stand-in pictures: an issue names them ``standins/<file>``.
STANDINS_DIR = ASSETS_DIR / "standins"
#: The folder name by which an issue names the engine's stand-ins.
STANDINS = "standins"
#: The file name of an issue inside its folder.
ISSUE_FILE = "issue.yaml"
