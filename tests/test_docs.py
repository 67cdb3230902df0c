"""Every example issue in the documentation builds, so the docs cannot rot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from layout.build import build_issue

from .conftest import ROOT

DOCS = sorted((ROOT / "docs").glob("*.md"))


def examples(path: Path) -> list[str]:
    """The ```yaml blocks of a document that are whole issues."""
    blocks = re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
    return [block for block in blocks if re.search(r"^newsletter:", block, re.M)]


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_examples_build(doc: Path, tmp_path: Path) -> None:
    for number, example in enumerate(examples(doc)):
        folder = tmp_path / f"example-{number}"
        folder.mkdir()
        (folder / "issue.yaml").write_text(example, encoding="utf-8")
        result = build_issue(folder, folder / "out.pdf")
        assert len(PdfReader(result.output).pages) == result.pages >= 2


def test_format_reference_has_an_example() -> None:
    assert examples(ROOT / "docs" / "format.md")
