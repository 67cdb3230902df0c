"""Every YAML example in the documentation loads and builds, so the docs cannot rot.

Whole issues (they start with ``newsletter:``) are built as they are;
fragments are set into a small issue: top-level keys replace the issue's,
a list of blocks becomes an article's body. Pictures and profiles a
fragment names are made up for the test. A house style (a block that
starts with ``# style.yaml``) is the style file of a project whose issue
is the small one, with strict checks: its fonts are taken from the
gallery's projects or the engine's ``fonts/``, its logo made up.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from layout import icc
from layout.build import build_issue

from .conftest import GALLERY, ROOT

DOCS = sorted((ROOT / "docs").glob("*.md"))
BASE = textwrap.dedent("""\
    newsletter: Rundbrief
    number: 1/24
    theme: Probe
    date: 2024-03-01
    publisher: Stadt Beispielstadt
    print: {binding: none}
    articles:
      - title: Ein Artikel
        body:
          - Ein Absatz.
    statistics:
      title: Zahlen
      periods: [Mitte 2021, Juni 2022]
      series:
        - {name: Asylverfahren/Duldung, values: [1240, 1322]}
        - {name: Aufenthaltstitel, values: [3092, 5497]}
        - {name: EU-Bürger:innen, values: [4557, 5046]}
    """)


def blocks(path: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def as_issue(block: str) -> str:
    """The example as a whole issue."""
    if re.search(r"^newsletter:", block, re.M):
        return block
    fragment: Any = yaml.safe_load(block)
    base = yaml.safe_load(BASE)
    if isinstance(fragment, list):
        base["articles"][0]["body"] = fragment
    else:
        merge(base, fragment)
    return yaml.safe_dump(base, allow_unicode=True, sort_keys=False)


def merge(base: dict[str, Any], fragment: dict[str, Any]) -> None:
    """``fragment``'s keys into ``base``, mappings merged key by key."""
    for key, value in fragment.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value)
        else:
            base[key] = value


def make_files(folder: Path, text: str) -> None:
    """Stand-ins for the pictures, profiles and CSV data an example names."""
    for name in re.findall(r"[\w./-]+\.csv\b", text):
        (folder / name).write_text("Gemeinde;Einwohner;Anteil\nMusterstadt;24.310;9,8 %\n"
                                   "Grünau;7.482;\n", encoding="utf-8")
    for name in re.findall(r"[\w./-]+\.(?:jpe?g|png|icc)\b", text):
        target = folder / name
        if (ROOT / "assets" / name).exists() or target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".icc"):
            target.write_bytes(icc.fogra39_profile())
        else:
            Image.new("RGB", (1200, 800), (90, 120, 160)).save(target)


CASES = [(doc, number, block) for doc in DOCS for number, block in enumerate(blocks(doc))]


def build_style(block: str, tmp_path: Path) -> None:
    """The house style ``block`` as a project's style file, its issue the small one."""
    issue = tmp_path / "issues" / "2024-01"
    issue.mkdir(parents=True)
    (issue / "issue.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "style.yaml").write_text(block, encoding="utf-8")
    for name in re.findall(r"[\w.-]+\.ttf\b", block):
        found = [*GALLERY.glob(f"*/fonts/{name}"), *(ROOT / "fonts").glob(name)]
        (tmp_path / "fonts").mkdir(exist_ok=True)
        shutil.copy(found[0], tmp_path / "fonts" / name)
    for name in re.findall(r"[\w.-]+\.png\b", block):
        (tmp_path / "assets").mkdir(exist_ok=True)
        Image.new("RGBA", (400, 160), (255, 255, 255, 255)).save(tmp_path / "assets" / name)
    result = build_issue(issue, tmp_path / "out.pdf", strict=True)
    assert len(PdfReader(result.output).pages) == result.pages >= 1


@pytest.mark.parametrize(("doc", "number", "block"), CASES,
                         ids=[f"{doc.name}-{number}" for doc, number, _ in CASES])
def test_example_builds(doc: Path, number: int, block: str, tmp_path: Path) -> None:
    if block.startswith("# style.yaml"):
        build_style(block, tmp_path)
        return
    text = as_issue(block)
    make_files(tmp_path, text)
    (tmp_path / "issue.yaml").write_text(text, encoding="utf-8")
    result = build_issue(tmp_path, tmp_path / "out.pdf")
    assert len(PdfReader(result.output).pages) == result.pages >= 1


def test_format_reference_has_a_whole_issue() -> None:
    assert any(re.search(r"^newsletter:", b, re.M) for b in blocks(ROOT / "docs" / "format.md"))
