"""The customer's Newsletter 2/22, built from issues/2022-02: what a reader sees."""

from __future__ import annotations

import re

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

from layout import model
from layout.build import BuildResult, build_issue
from layout.errors import IssueError
from layout.formats import format_number
from layout.load import load_issue

from .conftest import DATA, ROOT, SAMPLE
from .pdftext import document_text, fonts, images, page_texts, squeeze

A4 = (595.28, 841.89)
FOOT = "Newsletter 2/22 · Zum Thema Migration und Integration"
#: Corrections of the source's obvious typos, applied before comparing.
CORRECTIONS = {"ge Griffen": "gegriffen"}
#: The seed's phone numbers, "0151/58049677", print in the national style: "0151 58049677".
NATIONAL = re.compile(r"\b(0\d{2,4})/(\d{3,})\b")
#: Parts of the seed that are not text of the issue (the funder's logo).
NOT_TEXT = ("STAATSMINISTERIUM FÜR SOZIALES", "UND GESELLSCHAFTLICHEN", "ZUSAMMENHALT")


def seed_paragraphs() -> list[str]:
    text = (DATA / "newsletter-2-22.txt").read_text(encoding="utf-8")
    for wrong, right in CORRECTIONS.items():
        text = text.replace(wrong, right)
    text = NATIONAL.sub(r"\1 \2", text)
    # The statistics table (tab-separated) is checked number by number below.
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if "\t" not in p]
    return [p for p in paragraphs if p and not p.startswith(NOT_TEXT)]


def test_every_paragraph_of_the_seed_is_printed(sample_pdf: PdfReader) -> None:
    printed = squeeze(document_text(sample_pdf, FOOT)).casefold()
    missing = [p for p in seed_paragraphs() if squeeze(p).casefold() not in printed]
    assert missing == []


@pytest.mark.parametrize("article", [0, 1])
def test_article_paragraphs_extract_in_reading_order(sample_pdf: PdfReader, article: int) -> None:
    issue = load_issue(SAMPLE)
    printed = squeeze(document_text(sample_pdf, FOOT))
    texts = [text for block in issue.articles[article].body for text in body_texts(block)
             if len(text) > 40]
    assert len(texts) >= 5
    positions = [printed.find(squeeze(text)) for text in texts]
    assert -1 not in positions, "a paragraph is not extracted whole"
    assert positions == sorted(positions), "paragraphs are out of reading order"


def body_texts(block: model.Block) -> tuple[str, ...]:
    if isinstance(block, model.Text):
        return block.text
    if isinstance(block, model.Question):
        return block.question
    if isinstance(block, model.Answer):
        return block.answer
    return ()


def statistics_page(reader: PdfReader) -> int:
    """The index of the page that carries the statistics (not the cover's contents)."""
    return max(i for i, text in enumerate(page_texts(reader)) if "Aktuelle Zahlen" in text)


def test_editorial_is_not_interleaved_with_the_sidebar(sample_pdf: PdfReader) -> None:
    page = squeeze(page_texts(sample_pdf)[1])
    issue = load_issue(SAMPLE)
    assert issue.editorial is not None
    first = page.find(squeeze(issue.editorial.text[0]))
    last = page.find(squeeze(issue.editorial.text[-1]))
    contact = page.find(squeeze("0151 58049677"))
    assert -1 not in (first, last, contact)
    assert first < last < contact


def test_pages_are_a4(sample_pdf: PdfReader) -> None:
    for page in sample_pdf.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(A4[0], abs=0.5)
        assert float(box.height) == pytest.approx(A4[1], abs=0.5)


def test_every_font_is_embedded(sample_pdf: PdfReader) -> None:
    seen = set()
    for font in fonts(sample_pdf):
        seen.add(str(font.get("/BaseFont")))
        if font.get("/Subtype") == "/Type0":
            continue  # checked through its descendant
        descriptor = font.get("/FontDescriptor")
        assert descriptor is not None, f"{font.get('/BaseFont')} is not embedded"
        descriptor = descriptor.get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
            f"{font.get('/BaseFont')} has no font file"
        assert font.get("/Subtype") != "/Type3"
    assert seen, "no fonts found"
    assert not any("Helvetica" in name or "Times" in name for name in seen)


def test_statistics_table_numbers_and_totals(sample_pdf: PdfReader) -> None:
    issue = load_issue(SAMPLE)
    [stats] = issue.statistics
    words = page_texts(sample_pdf)[statistics_page(sample_pdf)].split()
    values = [v for series in stats.series for v in series.values]
    assert len(values) == 39
    for value in values:
        assert format_number(value, "de-DE") in words
    assert stats.sums()[-1] == 11865
    for total in stats.sums():
        assert format_number(total, "de-DE") in words
    assert "1.071" in words and "11.865" in words


def test_chart_is_vector_with_the_newsletter_fonts(sample_pdf: PdfReader) -> None:
    page = sample_pdf.pages[statistics_page(sample_pdf)]
    with PILImage.open(ROOT / "assets" / "standins" / "funder-logo.png") as logo:
        logo_ratio = logo.width / logo.height
    ratios = [image["/Width"] / image["/Height"] for image in images(page)]
    assert [r for r in ratios if abs(r - logo_ratio) > 0.02] == [], \
        "the statistics page carries a raster image besides the funder's logo"
    text = page.extract_text()
    assert "Asylverfahren/Duldung" in text and "12.000" in text  # legend and axis are text
    names = {str(f.get("/BaseFont")) for f in fonts(sample_pdf)}
    assert any("PTSans" in name for name in names)


def test_bookmarks_and_metadata(sample_pdf: PdfReader) -> None:
    titles = [item.title for item in sample_pdf.outline]
    assert "Aktuelles: Neue Köpfe für das Sachgebiet Integration" in titles
    assert "Best Practice: Netzwerktreffen Integration Nordsachsen" in titles
    meta = sample_pdf.metadata
    assert meta is not None
    assert meta.title == "Newsletter 2/22 – Zum Thema Migration und Integration"
    assert meta.subject == "Zum Thema Migration und Integration"
    assert "Migration" in (meta.get("/Keywords") or "")
    assert sample_pdf.trailer["/Root"]["/Lang"] == "de-DE"


def test_contents_on_the_cover_name_the_right_pages(sample_pdf: PdfReader) -> None:
    texts = page_texts(sample_pdf)
    cover = texts[0]
    assert "in dieser ausgabe" in cover.casefold()
    for item in sample_pdf.outline:
        page = sample_pdf.get_destination_page_number(item)
        folio = str(page + 1)
        assert re.search(rf"{re.escape(item.title.split(': ')[-1])}\s*{folio}\b", cover), item.title


def test_credits_and_stand_in_labels(sample_pdf: PdfReader) -> None:
    text = document_text(sample_pdf)
    assert "© LRA Nordsachsen" in text
    assert text.count("Quelle: LRA Nordsachsen") >= 3


def test_same_input_same_bytes(sample_build: BuildResult,
                               tmp_path_factory: pytest.TempPathFactory) -> None:
    again = build_issue(SAMPLE, tmp_path_factory.mktemp("again") / "other-name.pdf")
    assert again.output.read_bytes() == sample_build.output.read_bytes()


def test_layout_report_meets_the_typographic_standard(sample_build: BuildResult) -> None:
    report = sample_build.report
    assert report.defects == []
    assert report.loose_lines <= 10
    assert report.widest_gap_em <= 1.0
    assert report.longest_hyphen_run <= 3
    assert sample_build.report_path.read_text(encoding="utf-8").startswith("Layout report:")


def test_sample_builds_strictly(sample_build: BuildResult,
                                tmp_path_factory: pytest.TempPathFactory) -> None:
    """No defect, no warning: the notice stands where the issue asks (under
    the statistics) and the notes page is one the issue welcomes."""
    assert sample_build.report.defects == []
    assert sample_build.warnings == ()
    result = build_issue(SAMPLE, tmp_path_factory.mktemp("strict") / "n.pdf", strict=True)
    assert result.pages == 8
    assert any("1 notes page(s) added" in note for note in result.report.notes)


def test_strict_names_what_the_layout_moved(tmp_path_factory: pytest.TempPathFactory) -> None:
    """--strict fails on what the layout found too, not only on the YAML's
    warnings: asked for after the articles, which end on a full page 5, the
    funding notice stands at the foot of page 6; and the 7 pages need a notes
    page the issue does not say it welcomes."""
    import shutil

    folder = tmp_path_factory.mktemp("moved") / "2022-02"
    shutil.copytree(SAMPLE, folder)
    text = (folder / "issue.yaml").read_text(encoding="utf-8")
    changed = text.replace("position: last-page", "position: after-articles").replace(
        "  notes_page: true\n", "")
    assert changed.count("\n") == text.count("\n") - 1
    (folder / "issue.yaml").write_text(changed, encoding="utf-8")
    result = build_issue(folder, folder / "n.pdf")
    found = sorted(w.message for w in result.warnings)
    assert len(found) == 2
    assert "the funding notice does not fit on page 5" in found[1]
    assert "1 notes page(s) added" in found[0]
    output = folder / "strict.pdf"
    with pytest.raises(IssueError) as failed:
        build_issue(folder, output, strict=True)
    assert sorted(d.message for d in failed.value.diagnostics) == found
    assert not output.exists()


def test_both_editions_are_written(sample_build: BuildResult) -> None:
    from layout.preflight import check_pdfa, check_print

    digital = sample_build.output.read_bytes()
    printed = sample_build.print_output.read_bytes()
    assert sample_build.print_output.name == "newsletter-2022-02-print.pdf"
    assert check_pdfa(digital) == [] and check_print(printed) == []
    assert len(digital) < 2_000_000
    reader = PdfReader(sample_build.print_output)
    assert len(reader.pages) % 4 == 0  # saddle stitching
    for page in reader.pages:
        assert [round(float(v), 1) for v in page.trimbox] == [0, 0, 595.3, 841.9]
        assert [round(float(v), 1) for v in page.bleedbox] == [-8.5, -8.5, 603.8, 850.4]


def test_same_bytes_from_another_folder(sample_build: BuildResult,
                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    import shutil

    copy = tmp_path_factory.mktemp("elsewhere") / "2022-02"
    shutil.copytree(SAMPLE, copy)
    again = build_issue(copy, copy.parent / "out" / "newsletter.pdf")
    assert again.output.read_bytes() == sample_build.output.read_bytes()
    assert again.print_output.read_bytes() == sample_build.print_output.read_bytes()


def test_print_settings_crop_marks_and_a_shops_profile(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    import shutil

    from layout import icc
    from layout.preflight import check_print

    folder = tmp_path_factory.mktemp("shop") / "2022-02"
    shutil.copytree(SAMPLE, folder)
    (folder / "shop.icc").write_bytes(icc.fogra39_profile())
    text = (folder / "issue.yaml").read_text(encoding="utf-8")
    assert text.count("\nprint:\n") == 1
    (folder / "issue.yaml").write_text(text.replace(
        "\nprint:\n", "\nprint:\n  crop_marks: yes\n  profile: shop.icc\n"
        "  condition: Hausdruckerei\n"), encoding="utf-8")
    result = build_issue(folder, folder / "n.pdf")
    printed = result.print_output.read_bytes()
    assert check_print(printed) == []
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(printed)) as document:
        intent = document.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "Hausdruckerei"
    page = PdfReader(result.print_output).pages[0]
    assert float(page.mediabox.width) > float(page.bleedbox.width) + 50  # the slug for marks


def test_body_lines_keep_to_one_grid_per_page(sample_build: BuildResult) -> None:
    """Page 3's columns and page 4's three runs of columns (under the second
    article's header and under a page-wide photo) all stand on one grid."""
    from layout.theme import DEFAULT

    from .test_gallery import body_baselines, off_grid, read_pages

    assert off_grid(sample_build.output, DEFAULT.type.body[0], DEFAULT.line) == {}
    pages = read_pages(sample_build.output)
    assert len(body_baselines(pages[3], DEFAULT.type.body[0])) > 40  # the test sees the text
