"""The preflight passes both editions and fails purpose-made bad PDFs for the right reason."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from layout.build import BuildResult, build_issue
from layout.cli import main
from layout.preflight import preflight
from layout.theme import DEFAULT

from .test_other_issues import SMALL


@pytest.mark.parametrize("edition", ["print", "digital"])
def test_both_editions_of_the_sample_pass(sample_build: BuildResult, edition: str) -> None:
    pdf = sample_build.print_output if edition == "print" else sample_build.output
    result = CliRunner().invoke(main, ["preflight", "--profile", edition, str(pdf)])
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output and "embedded, subset" in result.output


def test_both_editions_of_a_test_issue_pass(write_issue: Callable[[str], Path],
                                            tmp_path: Path) -> None:
    result = build_issue(write_issue(SMALL), tmp_path / "n.pdf")
    assert preflight(result.print_output.read_bytes(), "print")[1] == []
    assert preflight(result.output.read_bytes(), "digital")[1] == []


def test_an_unembedded_font_fails() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, "Helvetica is not embedded")
    canvas.save()
    _, problems = preflight(buffer.getvalue(), "digital")
    assert any("Helvetica" in p and "not embedded" in p for p in problems)


def test_rgb_and_a_missing_bleed_fail_the_print_profile(sample_build: BuildResult) -> None:
    _, problems = preflight(sample_build.output.read_bytes(), "print")  # the screen edition
    assert any("DeviceRGB" in p for p in problems)
    assert any("no TrimBox or no BleedBox" in p for p in problems)
    assert any("PDF/X" in p for p in problems)


def test_a_72_ppi_photo_fails_the_print_profile(write_issue: Callable[[str], Path],
                                                tmp_path: Path) -> None:
    folder = write_issue(SMALL)
    Image.new("RGB", (240, 160), "teal").save(folder / "team.jpg")  # 72 ppi at column width
    result = build_issue(folder, tmp_path / "n.pdf")
    _, problems = preflight(result.print_output.read_bytes(), "print")
    assert any("prints at 7" in p and "ppi" in p for p in problems)


def test_the_brand_colour_is_read_back_from_the_print_edition(sample_build: BuildResult) -> None:
    brand = [round(v, 2) for v in DEFAULT.colours.brand.cmyk()]
    found = []
    with pikepdf.open(sample_build.print_output) as document:
        for page in document.pages:
            for instruction in pikepdf.parse_content_stream(page):
                if str(instruction.operator) == "k":
                    found.append([round(float(v), 2) for v in instruction.operands])
    assert brand in found


def replace_output_profile(pdf: bytes, profile: bytes | None, identifier: str = "FOGRA39") -> bytes:
    """``pdf`` with its output intent's profile (None: kept) and identifier replaced."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        intent = document.Root.OutputIntents[0]
        if profile is not None:
            intent.DestOutputProfile = pikepdf.Stream(document, profile, N=4)
        intent.OutputConditionIdentifier = pikepdf.String(identifier)
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()


def test_the_print_report_names_the_output_condition(sample_build: BuildResult) -> None:
    lines, problems = preflight(sample_build.print_output.read_bytes(), "print")
    (intent,) = [line for line in lines if line.startswith("output intent:")]
    assert intent == ("output intent: /GTS_PDFX 'FOGRA39' (http://www.color.org), profile "
                      "'Newsletter FOGRA39 (ISO Coated v2), from FOGRA39L.ti3 via ArgyllCMS "
                      "colprof': ICC 2.2 prtr, CMYK to Lab, 4 components")
    assert problems == []


def test_an_output_intent_without_a_cmyk_output_profile_fails(
        sample_build: BuildResult) -> None:
    printed = sample_build.print_output.read_bytes()
    with pikepdf.open(io.BytesIO(printed)) as document:
        profile = document.Root.OutputIntents[0].DestOutputProfile.read_bytes()
    # The same tables, declared an input (scanner) profile: not one to print for.
    scanner = profile[:12] + b"scnr" + profile[16:]
    _, problems = preflight(replace_output_profile(printed, scanner), "print")
    assert "the /GTS_PDFX output intent's profile is of class 'scnr', not 'prtr'" in problems
    _, problems = preflight(replace_output_profile(printed, None, identifier=""), "print")
    assert "the /GTS_PDFX output intent has no OutputConditionIdentifier" in problems
