"""Pages rendered and compared with reviewed reference images: the sample,
a small issue and every issue of the test gallery.

References live in tests/references/<case>/ and change only through
`make update-references` (UPDATE_REFERENCES=1). On a difference, the actual
page and a diff image are written to tests/output/ and named in the failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from layout.build import BuildResult, build_issue
from layout.proof import render_pages

from .conftest import ISSUES, Built
from .test_other_issues import SMALL

HERE = Path(__file__).resolve().parent
REFERENCES = HERE / "references"
OUTPUT = HERE / "output"
DPI = 30
GALLERY_DPI = 20
#: Mean difference per channel (0–255) a page may show, and the share of
#: pixels that may differ noticeably: room for anti-aliasing, not for a moved line.
MEAN_TOLERANCE = 0.6
CHANGED_PIXELS = 0.004
UPDATE = os.environ.get("UPDATE_REFERENCES") == "1"


def compare(case: str, pdf: Path, dpi: int = DPI) -> None:
    pages = render_pages(pdf, dpi)
    folder = REFERENCES / case
    if UPDATE:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for number, page in enumerate(pages, start=1):
            page.save(folder / f"page-{number}.png", optimize=True)
        pytest.skip(f"references of {case} updated")
    expected = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
    assert len(pages) == len(expected), f"{case}: {len(pages)} pages, reference has {len(expected)}"
    failures = []
    for number, (page, reference_path) in enumerate(zip(pages, expected, strict=True), start=1):
        reference = Image.open(reference_path).convert("RGB")
        if page.size != reference.size:
            failures.append(f"page {number}: size {page.size} != {reference.size}")
            continue
        diff = ImageChops.difference(page, reference)
        mean = sum(ImageStat.Stat(diff).mean) / 3
        marked = diff.convert("L").point(lambda value: 255 if value > 40 else 0)
        changed = ImageStat.Stat(marked).mean[0] / 255
        if mean > MEAN_TOLERANCE or changed > CHANGED_PIXELS:
            OUTPUT.mkdir(exist_ok=True)
            actual = OUTPUT / f"{case}-page-{number}-actual.png"
            diff_path = OUTPUT / f"{case}-page-{number}-diff.png"
            page.save(actual)
            ImageChops.invert(diff).save(diff_path)
            failures.append(f"page {number}: mean {mean:.2f}, {changed:.2%} changed; "
                            f"see {actual.relative_to(HERE.parent)} and {diff_path.name}")
    assert not failures, f"{case} differs from its reference:\n" + "\n".join(failures)


def test_sample_pages(sample_build: BuildResult) -> None:
    compare("sample", sample_build.output)


@pytest.mark.parametrize("name", ISSUES)
def test_gallery_pages(gallery: dict[str, Built], name: str) -> None:
    """Every page of the gallery's issues, looked at and accepted (at a
    lower resolution: enough to see a moved block or a changed break)."""
    compare(f"gallery-{name}", gallery[name].result.output, GALLERY_DPI)


def test_small_issue_pages(write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    compare("small", build_issue(write_issue(SMALL), tmp_path / "small.pdf").output)
