"""Messages in the editor's language: German is complete and compiled."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from layout import i18n
from layout.cli import main

from .test_other_issues import SMALL

PO = i18n.LOCALE_DIR / "de" / "LC_MESSAGES" / "newsletter.po"


def test_every_message_has_a_german_translation() -> None:
    with PO.open("rb") as file:
        catalog = read_po(file)
    missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    assert missing == [], "run make translations and translate these"


def test_the_compiled_catalogue_matches_the_translation() -> None:
    with PO.open("rb") as file:
        po = {m.id: m.string for m in read_po(file) if m.id}
    with PO.with_suffix(".mo").open("rb") as file:
        mo = {m.id: m.string for m in read_mo(file) if m.id}
    assert mo == po, "the .mo is stale: run make translations"


def test_german_diagnostics(write_issue: Callable[[str], Path]) -> None:
    folder = write_issue(SMALL.replace("title: Neue", "titel: Neue"))
    result = CliRunner().invoke(main, ["--lang", "de", "check", str(folder)])
    assert result.exit_code == 1
    assert "Fehler: unbekanntes Feld 'titel' in Artikel 3" in result.output
    assert "Tipp: meinten Sie 'title'?" in result.output


def test_german_help_and_summary(write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    help_text = CliRunner().invoke(main, ["--lang", "de", "build", "--help"]).output
    assert "Setzt die Ausgabe unter PFAD" in help_text
    result = CliRunner().invoke(main, ["--lang", "de", "build", str(write_issue(SMALL)),
                                       "-o", str(tmp_path / "n.pdf")])
    assert result.exit_code == 0, result.output
    assert "Seiten in" in result.output and "Satzbericht" in result.output


def test_language_from_the_environment(monkeypatch: object) -> None:
    import pytest

    patch = pytest.MonkeyPatch()
    patch.setenv("NEWSLETTER_LANG", "de_DE.UTF-8")
    try:
        assert i18n.language_from_environment() == "de"
    finally:
        patch.undo()
