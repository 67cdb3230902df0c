"""Extract the messages, merge them into each translation and compile it.

Run by `make translations`; needs Babel (a development dependency). Dates in
the headers are fixed so that the files change only when messages do.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "newsletter.pot"


def extract() -> Catalog:
    root = HERE.parent.parent  # locations relative to the project, never this machine's paths
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-k", "_",
                    "-k", "N_", "--add-location=file", "--sort-by-file", "--omit-header",
                    "-o", str(TEMPLATE), "layout"], check=True, capture_output=True, cwd=root)
    with TEMPLATE.open("rb") as file:
        return read_po(file)


def merge(template: Catalog, po: Path) -> list[str]:
    """Merge ``template`` into the translation ``po``; return what is untranslated."""
    with po.open("rb") as file:
        catalog = read_po(file)
    created = catalog.creation_date
    catalog.update(template, no_fuzzy_matching=True)
    catalog.fuzzy = False
    catalog.revision_date = catalog.creation_date = created
    catalog.last_translator = "Newsletter project"
    with po.open("wb") as file:
        write_po(file, catalog, width=88, sort_by_file=True, include_lineno=False,
                 ignore_obsolete=True)
    with po.with_suffix(".mo").open("wb") as file:
        write_mo(file, catalog)
    return [str(m.id) for m in catalog if m.id and (not m.string or m.fuzzy)]


def main() -> int:
    template = extract()
    missing = []
    for po in sorted(HERE.glob("*/LC_MESSAGES/newsletter.po")):
        missing += [f"{po.parts[-3]}: {message!r}" for message in merge(template, po)]
    for line in missing:
        print(f"untranslated {line}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
