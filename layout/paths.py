"""Where the project's shared resources live: fonts and assets.

The engine is installed from its source tree (``pip install -e .``), so the
folders sit beside the package. Nothing here reads or writes files.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FONTS_DIR = PROJECT_ROOT / "fonts"
ASSETS_DIR = PROJECT_ROOT / "assets"
#: The file name of an issue inside its folder.
ISSUE_FILE = "issue.yaml"
