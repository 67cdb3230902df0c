"""A corpus of invalid issues, each carrying its expected diagnostic, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from layout.cli import main

CORPUS = sorted((Path(__file__).parent / "invalid").glob("*.yaml"))


def expected(path: Path, marker: str) -> str | None:
    for line in path.read_text(encoding="utf-8").splitlines()[:2]:
        if line.startswith(f"# {marker}: "):
            return line.removeprefix(f"# {marker}: ")
    return None


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
@pytest.mark.parametrize(("language", "marker"), [("en", "expect"), ("de", "erwartet")])
def test_the_first_diagnostic_is_the_expected_one(path: Path, language: str, marker: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    assert expected(path, marker) is not None, f"{path.name} has no '# {marker}:' line"
    monkeypatch.chdir(path.parent)
    result = CliRunner().invoke(main, ["--lang", language, "check", path.name])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    first = next(line for line in result.output.splitlines() if line.startswith(path.name))
    assert first == f"{path.name}:{expected(path, marker)}"
    assert ("  hint: " if language == "en" else "  Tipp: ") in result.output  # what to do


def test_the_corpus_covers_the_typical_mistakes() -> None:
    assert len(CORPUS) >= 12
