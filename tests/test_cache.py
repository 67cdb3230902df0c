"""The cache makes repeat builds fast and never changes a byte of them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from layout.build import build_issue

from .conftest import SAMPLE


def test_cached_and_uncached_builds_are_identical(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLETTER_CACHE", "off")
    uncached = build_issue(SAMPLE, tmp_path / "off" / "n.pdf")
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cache"))
    filling = build_issue(SAMPLE, tmp_path / "fill" / "n.pdf")
    cached = build_issue(SAMPLE, tmp_path / "warm" / "n.pdf")
    assert "charts" in os.listdir(tmp_path / "cache")
    for result in (filling, cached):
        assert result.output.read_bytes() == uncached.output.read_bytes()
        assert result.print_output.read_bytes() == uncached.print_output.read_bytes()
    assert set(cached.timings) >= {"load", "layout", "charts", "editions"}


def test_a_damaged_cache_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cache"))
    first = build_issue(SAMPLE, tmp_path / "a" / "n.pdf")
    for entry in (tmp_path / "cache").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"\x00 damaged")
    again = build_issue(SAMPLE, tmp_path / "b" / "n.pdf")
    assert again.output.read_bytes() == first.output.read_bytes()
