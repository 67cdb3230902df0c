"""The print (PDF/X-4) and digital (PDF/A-2b) editions of the sample issue."""

from __future__ import annotations

import io
import math
import re
import struct
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pikepdf
import pypdfium2
import pytest
from pikepdf import Name, Pdf
from PIL import Image, ImageCms
from pypdf import PdfReader
from pypdf.generic import Destination

from layout import editions, icc, preflight
from layout.build import BuildResult, assemble_issue
from layout.editions import EditionInfo
from layout.load import load_issue

from .conftest import ROOT, SAMPLE
from .pdftext import squeeze, text_fills

A4 = (595.28, 841.89)
BLEED = 3 * editions.MM
HEADLINE = "Neue Köpfe für das Sachgebiet Integration"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: The committed print profile, read here without layout.icc.
FOGRA39_FILE = ROOT / "layout" / "profiles" / "fogra39-newsletter.icc"
FOGRA39_CONDITION = ("Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, paper type 1 "
                     "or 2 = coated art, 115 g/m2, screen ruling 60/cm")


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return assemble_issue(SAMPLE).pdf


@pytest.fixture(scope="module")
def info() -> EditionInfo:
    issue = load_issue(SAMPLE)
    return EditionInfo(issue.title, issue.publisher, issue.theme, issue.keywords,
                       issue.language, issue.date)


@pytest.fixture(scope="module")
def printed(source: bytes, info: EditionInfo) -> bytes:
    return editions.print_edition(source, info)  # FOGRA39, the default


@pytest.fixture(scope="module")
def marked(source: bytes, info: EditionInfo) -> bytes:
    return editions.print_edition(source, info, crop_marks=True)


@pytest.fixture(scope="module")
def digital(source: bytes, info: EditionInfo) -> bytes:
    return editions.digital_edition(source, info, srgb_profile=icc.srgb_profile())


# -- helpers: what is drawn, found independently of layout.editions ---------------

def drawn(pdf: Pdf) -> Iterator[tuple[pikepdf.Object, pikepdf.Object]]:
    """(content stream or page, resources) of every page and form XObject."""
    todo: list[tuple[pikepdf.Object, pikepdf.Object]] = [
        (page.obj, page.resources) for page in pdf.pages]
    seen = set()
    while todo:
        owner, resources = todo.pop()
        yield owner, resources
        for child in resources.get("/XObject", {}).values():
            if child.get("/Subtype") == Name.Form and child.objgen not in seen:
                seen.add(child.objgen)
                todo.append((child, child.get("/Resources", resources)))


def colour_spaces(pdf: Pdf) -> set[str]:
    """Every colour space an operator or an image of the document uses."""
    found = set()
    for owner, resources in drawn(pdf):
        for child in resources.get("/XObject", {}).values():
            if child.get("/Subtype") == Name.Image:
                found.add(str(child.ColorSpace))
        for instruction in pikepdf.parse_content_stream(owner):
            op = str(instruction.operator)
            implied = {"rg": "/DeviceRGB", "k": "/DeviceCMYK", "g": "/DeviceGray"}
            if op.lower() in implied:
                found.add(implied[op.lower()])
            elif op in ("cs", "CS"):
                found.add(str(instruction.operands[0]))
    return found


def operators(pdf: Pdf, names: tuple[str, ...]) -> list[list[float]]:
    return [[float(v) for v in instruction.operands]
            for owner, _ in drawn(pdf) for instruction in pikepdf.parse_content_stream(owner)
            if str(instruction.operator) in names]


def box(page: pikepdf.Page, key: str) -> list[float]:
    return [float(v) for v in page.obj[key]]


def band_colour(pdf: bytes) -> np.ndarray:
    """The mean colour of the cover's top band (below the top trim edge)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        left, _, _, top = (float(v) for v in document.pages[0].mediabox)
    scale = 0.5
    picture = pypdfium2.PdfDocument(pdf).get_page(0).render(scale=scale).to_pil()
    pixels = np.asarray(picture.convert("RGB"), dtype=np.float64)
    rows = slice(round((top - A4[1] + 10) * scale), round((top - A4[1] + 230) * scale))
    columns = slice(round((60 - left) * scale), round((535 - left) * scale))
    return np.asarray(pixels[rows, columns].reshape(-1, 3).mean(axis=0))


def xmp(pdf: Pdf) -> ElementTree.Element:
    return ElementTree.fromstring(pdf.Root.Metadata.read_bytes())


def text_colours(pdf: Pdf) -> Counter[tuple[float, ...]]:
    """How often each fill colour paints text (Tj, TJ, ', ") on the pages."""
    return Counter(values for page in pdf.pages for _op, values in text_fills(page))


def small_document(content: bytes) -> bytes:
    """One A4 page of ``content``, with Helvetica as /F1."""
    document = pikepdf.new()
    page = document.add_blank_page(page_size=A4)
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(
        Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)))
    page.Contents = document.make_stream(content)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def shop_profile() -> bytes:
    """A print shop's own CMYK profile: the FOGRA39 one made on another day."""
    profile = FOGRA39_FILE.read_bytes()
    return profile[:24] + struct.pack(">6H", 2023, 3, 4, 5, 6, 7) + profile[36:]


# -- both --------------------------------------------------------------------------

@pytest.mark.parametrize("edition", ["printed", "marked", "digital"])
def test_editions_open_in_pypdf_and_pikepdf(edition: str, source: bytes,
                                            request: pytest.FixtureRequest) -> None:
    pdf: bytes = request.getfixturevalue(edition)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 8
    with pikepdf.open(io.BytesIO(source)) as original:
        identifier = bytes(original.trailer.ID[0])
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 8
        assert bytes(document.trailer.ID[0]) == identifier  # the file's ID is kept


def test_editions_are_reproducible(source: bytes, info: EditionInfo, printed: bytes,
                                   marked: bytes, digital: bytes) -> None:
    cmyk = FOGRA39_FILE.read_bytes()
    assert editions.print_edition(source, info, cmyk_profile=cmyk, condition="FOGRA39") == printed
    assert editions.print_edition(source, info, crop_marks=True) == marked
    assert editions.digital_edition(source, info, srgb_profile=icc.srgb_profile()) == digital


def test_colour_conversion_keeps_the_look(printed: bytes, digital: bytes) -> None:
    difference = np.abs(band_colour(printed) - band_colour(digital))
    assert difference.max() < 25, difference


# -- print -------------------------------------------------------------------------

@pytest.mark.parametrize(("edition", "margin"), [("printed", BLEED),
                                                 ("marked", BLEED + editions.SLUG)])
def test_print_pages_have_trim_and_bleed_boxes(edition: str, margin: float,
                                               request: pytest.FixtureRequest) -> None:
    with pikepdf.open(io.BytesIO(request.getfixturevalue(edition))) as document:
        for page in document.pages:
            assert box(page, "/TrimBox") == pytest.approx([0, 0, *A4], abs=0.01)
            assert box(page, "/BleedBox") == pytest.approx(
                [-BLEED, -BLEED, A4[0] + BLEED, A4[1] + BLEED], abs=0.01)
            assert box(page, "/MediaBox") == pytest.approx(
                [-margin, -margin, A4[0] + margin, A4[1] + margin], abs=0.01)


def test_crop_marks_lie_in_the_slug_outside_the_bleed(marked: bytes) -> None:
    with pikepdf.open(io.BytesIO(marked)) as document:
        page = document.pages[0]
        instructions = pikepdf.parse_content_stream(page)
        assert [str(i.operator) for i in instructions[:3]] == ["q", "re", "W"]  # clip: bleed
        start = next(n for n, i in enumerate(instructions)
                     if str(i.operator) == "CS" and i.operands[0] == "/NLRegistration")
        points = [(float(i.operands[0]), float(i.operands[1])) for i in instructions[start:]
                  if str(i.operator) in ("m", "l")]
        registration = page.resources.ColorSpace.NLRegistration
        assert registration[1] == "/All" and list(registration[3].C1) == [1, 1, 1, 1]
    assert len(points) == 16
    widths = [float(i.operands[0]) for i in instructions[start:] if str(i.operator) == "w"]
    assert widths == [0.25]
    for x, y in points:
        outside = x < -BLEED or x > A4[0] + BLEED or y < -BLEED or y > A4[1] + BLEED
        assert outside and -BLEED - editions.SLUG < x < A4[0] + BLEED + editions.SLUG


@pytest.mark.parametrize("edition", ["printed", "marked"])
def test_print_edition_has_no_rgb(edition: str, request: pytest.FixtureRequest) -> None:
    with pikepdf.open(io.BytesIO(request.getfixturevalue(edition))) as document:
        spaces = colour_spaces(document)
    assert "/DeviceRGB" not in spaces
    assert "/DeviceCMYK" in spaces


def test_neutral_colours_print_in_black_ink_only(source: bytes, printed: bytes) -> None:
    with pikepdf.open(io.BytesIO(source)) as document:
        assert [0, 0, 0] in operators(document, ("rg",))  # pure black, as RGB
    with pikepdf.open(io.BytesIO(printed)) as document:
        separations = operators(document, ("k", "K"))
    assert [0, 0, 0, 1] in separations
    assert all(c == m == y == 0 for c, m, y, _ in separations if c == m == y)
    assert max(sum(colour) for colour in separations) <= 3


def test_rgb_in_forms_images_and_sc_operators_is_converted(info: EditionInfo) -> None:
    """A small document with what the sample does not have: a form XObject, the
    sc operator in DeviceRGB and an image with a soft mask."""
    document = pikepdf.new()
    page = document.add_blank_page(page_size=A4)
    mask = document.make_stream(bytes([128] * 4), Type=Name.XObject, Subtype=Name.Image,
                                Width=2, Height=2, ColorSpace=Name.DeviceGray,
                                BitsPerComponent=8)
    photo = document.make_stream(bytes([255, 0, 0] * 4), Type=Name.XObject, Subtype=Name.Image,
                                 Width=2, Height=2, ColorSpace=Name.DeviceRGB,
                                 BitsPerComponent=8, SMask=mask)
    form = document.make_stream(b"/DeviceRGB cs 0 0.4 0.64 sc 0 0 10 10 re f /Im0 Do",
                                Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 10, 10],
                                Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(
                                    Im0=photo)))
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=form))
    page.Contents = document.make_stream(b"0 0 0 rg 0.5 0.5 0.5 RG 1 1 1 rg /Fm0 Do")
    buffer = io.BytesIO()
    document.save(buffer)
    result = editions.print_edition(buffer.getvalue(), info)
    with pikepdf.open(io.BytesIO(result)) as converted:
        page_ops = [(str(i.operator), [float(v) for v in i.operands])
                    for i in pikepdf.parse_content_stream(converted.pages[0])
                    if str(i.operator) in ("k", "K")]
        drawing = converted.pages[0].resources.XObject.Fm0
        form_ops = [(str(i.operator), list(i.operands))
                    for i in pikepdf.parse_content_stream(drawing)]
        image = drawing.Resources.XObject.Im0
        assert image.ColorSpace == Name.DeviceCMYK and image.SMask.ColorSpace == Name.DeviceGray
        assert preflight.check_print(result) == []
    # Greys in black ink only, as dark as FOGRA39 prints the grey: a 50 % sRGB
    # grey (L* 54) takes 63 % black, with its dot gain.
    assert page_ops == [("k", [0, 0, 0, 1]), ("K", [0, 0, 0, pytest.approx(0.63, abs=0.03)]),
                        ("k", [0, 0, 0, 0])]
    assert form_ops[0] == ("cs", [Name.DeviceCMYK]) and len(form_ops[1][1]) == 4


def test_print_edition_declares_pdfx4_with_a_cmyk_output_intent(printed: bytes) -> None:
    with pikepdf.open(io.BytesIO(printed)) as document:
        (intent,) = document.Root.OutputIntents
        profile = intent.DestOutputProfile
        assert intent.S == Name.GTS_PDFX and intent.OutputConditionIdentifier
        assert profile.N == 4 and profile.read_bytes() == icc.fogra39_profile()
        assert document.open_metadata().pdfx_status == "PDF/X-4"
        assert document.docinfo.GTS_PDFXVersion == "PDF/X-4"
        assert document.docinfo.Trapped == Name("/False")
        assert "/Annots" not in document.pages[1].obj


def test_print_output_intent_is_fogra39_with_the_committed_profile(printed: bytes) -> None:
    with pikepdf.open(io.BytesIO(printed)) as document:
        (intent,) = document.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org"
        assert str(intent.OutputCondition) == FOGRA39_CONDITION
        assert str(intent.Info) == ("Newsletter FOGRA39 (ISO Coated v2), from FOGRA39L.ti3 "
                                    "via ArgyllCMS colprof")
        embedded = intent.DestOutputProfile.read_bytes()
    assert embedded == FOGRA39_FILE.read_bytes()
    # An ICC output profile (device class prtr) from CMYK to Lab.
    assert (embedded[12:16], embedded[16:20], embedded[20:24], embedded[36:40]) == (
        b"prtr", b"CMYK", b"Lab ", b"acsp")


def test_black_text_of_the_sample_is_100_percent_black(printed: bytes) -> None:
    with pikepdf.open(io.BytesIO(printed)) as document:
        colours = text_colours(document)
    assert colours.most_common(1)[0][0] == (0, 0, 0, 1)  # the body text
    rich = [c for c in colours if len(c) == 4 and c[3] > 0.9 and sum(c[:3]) > 0]
    assert not rich, rich


def test_rgb_black_and_greys_print_in_black_ink_only(info: EditionInfo) -> None:
    """Through FOGRA39, RGB black would separate as rich black (about
    79/69/49/100): text in RGB black or grey, e.g. from an editor's cover
    file, is black ink only, and black is 100 % K."""
    source = small_document(b"BT /F1 10 Tf 0 0 0 rg 72 720 Td (RGB black) Tj ET "
                            b"BT /F1 10 Tf 0 0 0 1 k 72 700 Td (CMYK black) Tj ET "
                            b"BT /F1 10 Tf 0.25 0.25 0.25 rg 72 680 Td (dark grey) Tj ET "
                            b"BT /F1 10 Tf 0.7 0.7 0.7 rg 72 660 Td (light grey) Tj ET")
    printed = editions.print_edition(source, info, cmyk_profile=FOGRA39_FILE.read_bytes(),
                                     condition="FOGRA39")
    with pikepdf.open(io.BytesIO(printed)) as document:
        colours = list(text_colours(document).elements())  # in the order drawn
    assert colours[:2] == [(0, 0, 0, 1), (0, 0, 0, 1)]
    (_, _, _, dark), (_, _, _, light) = colours[2:]
    assert [c[:3] for c in colours] == [(0, 0, 0)] * 4
    assert 1 > dark > light > 0


def test_print_photos_stay_within_300_percent_ink(printed: bytes) -> None:
    checked = 0
    with pikepdf.open(io.BytesIO(printed)) as document:
        for obj in document.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == Name.Image and \
                    obj.get("/ColorSpace") == Name.DeviceCMYK:
                picture = pikepdf.PdfImage(obj).as_pil_image()
                totals = np.asarray(picture, dtype=np.int64).sum(axis=-1)
                averaged = np.asarray(picture.reduce(4), dtype=np.int64).sum(axis=-1)
                # JPEG's ringing may add a few units to single pixels, not to areas.
                assert np.percentile(totals, 99.9) <= 3 * 255, obj.objgen
                assert averaged.max() <= 3 * 255 + 2, obj.objgen
                checked += 1
    assert checked >= 5


def test_a_shops_profile_replaces_fogra39(info: EditionInfo) -> None:
    source = small_document(b"0 0.4 0.64 rg 0 0 100 100 re f")
    shop = shop_profile()
    printed = editions.print_edition(source, info, cmyk_profile=shop, condition="Hausdruckerei")
    with pikepdf.open(io.BytesIO(printed)) as document:
        (intent,) = document.Root.OutputIntents
        assert intent.DestOutputProfile.read_bytes() == shop != FOGRA39_FILE.read_bytes()
        assert str(intent.OutputConditionIdentifier) == "Hausdruckerei"
        assert str(intent.OutputCondition) == str(intent.Info) != FOGRA39_CONDITION
    # A shop's FOGRA39 profile is described as the registry describes FOGRA39.
    named = editions.print_edition(source, info, cmyk_profile=shop, condition="FOGRA39")
    with pikepdf.open(io.BytesIO(named)) as document:
        (intent,) = document.Root.OutputIntents
        assert intent.DestOutputProfile.read_bytes() == shop
        assert str(intent.OutputCondition) == FOGRA39_CONDITION


@pytest.mark.parametrize("edition", ["printed", "marked"])
def test_print_preflight_passes(edition: str, request: pytest.FixtureRequest) -> None:
    assert preflight.check_print(request.getfixturevalue(edition)) == []


def test_print_preflight_flags_the_source(source: bytes) -> None:
    problems = preflight.check_print(source)
    assert any("DeviceRGB image" in p for p in problems)
    assert any("DeviceRGB colour" in p for p in problems)
    assert any("TrimBox" in p for p in problems)


# -- digital -----------------------------------------------------------------------

def test_digital_metadata_says_pdfa2b_in_german(digital: bytes, info: EditionInfo) -> None:
    with pikepdf.open(io.BytesIO(digital)) as document:
        metadata = document.open_metadata()
        assert metadata.pdfa_status == "2B"
        title = next(xmp(document).iter(f"{DC}title"))
        titles = {li.get(XML_LANG): li.text for li in title.iter(f"{RDF}li")}
        assert titles["de-DE"] == titles["x-default"] == info.title
        assert document.docinfo.Title == metadata["dc:title"] == info.title
        assert document.docinfo.Author == info.author and metadata["dc:creator"] == [info.author]
        assert document.docinfo.Subject == metadata["dc:description"] == info.subject
        assert document.docinfo.Keywords == metadata["pdf:Keywords"]
        assert document.docinfo.Producer == metadata["pdf:Producer"]
        assert document.docinfo.Creator == metadata["xmp:CreatorTool"]
        assert document.docinfo.CreationDate == "D:20220715000000Z"
        assert metadata["xmp:CreateDate"] == metadata["xmp:ModifyDate"] == "2022-07-15T00:00:00Z"
        assert metadata["xmp:MetadataDate"] == "2022-07-15T00:00:00Z"


def test_digital_edition_is_srgb_without_cmyk(digital: bytes) -> None:
    with pikepdf.open(io.BytesIO(digital)) as document:
        (intent,) = document.Root.OutputIntents
        assert intent.S == Name.GTS_PDFA1 and intent.DestOutputProfile.N == 3
        assert intent.DestOutputProfile.read_bytes() == icc.srgb_profile()
        spaces = colour_spaces(document)
    assert "/DeviceCMYK" not in spaces
    assert "/DeviceRGB" in spaces


def test_digital_edition_reads_cmyk_as_fogra39(digital: bytes) -> None:
    """The brand colour (100/50/20/20) on screen as it prints on FOGRA39:
    a deep petrol blue, read independently of layout.icc."""
    to_screen = ImageCms.buildTransform(
        ImageCms.ImageCmsProfile(io.BytesIO(FOGRA39_FILE.read_bytes())),
        ImageCms.createProfile("sRGB"), "CMYK", "RGB",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    expected = to_screen.apply(Image.new("CMYK", (1, 1), (255, 128, 51, 51))).getpixel((0, 0))
    with pikepdf.open(io.BytesIO(digital)) as document:
        fills = operators(document, ("rg",))
    assert any(np.abs(np.array(fill) * 255 - expected).max() < 1 for fill in fills), expected


def test_digital_edition_keeps_language_bookmarks_and_links(source: bytes,
                                                             digital: bytes) -> None:
    before, after = PdfReader(io.BytesIO(source)), PdfReader(io.BytesIO(digital))
    assert str(after.root_object["/Lang"]) == "de-DE"
    titles = [[b.title for b in r.outline if isinstance(b, Destination)] for r in (before, after)]
    assert titles[0] == titles[1] and len(titles[1]) == 4
    with pikepdf.open(io.BytesIO(source)) as document:
        count = sum(len(page.obj.get("/Annots", [])) for page in document.pages)
    with pikepdf.open(io.BytesIO(digital)) as document:
        links = [a for page in document.pages for a in page.obj.get("/Annots", [])]
        assert len(links) == count > 0
        assert all(int(a.F) & 4 and not int(a.F) & (1 | 2 | 32) for a in links)


def test_digital_photos_are_at_most_200_ppi_and_the_file_is_small(digital: bytes) -> None:
    assert len(digital) < 2_000_000
    with pikepdf.open(io.BytesIO(digital)) as document:
        for page in document.pages:
            for name, ctm in pikepdf.get_objects_with_ctm(page):
                image = page.resources.XObject[name]
                if image.Filter == Name.DCTDecode:
                    assert int(image.Width) * 72 / math.hypot(ctm.a, ctm.b) < 201


def test_digital_edition_text_is_extractable(digital: bytes) -> None:
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(digital)).pages)
    assert squeeze(HEADLINE) in squeeze(text)


def test_digital_preflight_passes_and_flags_the_source(source: bytes, digital: bytes) -> None:
    assert preflight.check_pdfa(digital) == []
    problems = preflight.check_pdfa(source)
    assert "no /GTS_PDFA1 output intent with an embedded ICC profile" in problems
    assert any("DeviceCMYK colour" in p for p in problems)
    assert any("not printable" in p for p in problems)


def test_digital_edition_passes_pikepdfs_pdfa_validator(digital: bytes, tmp_path: Path) -> None:
    validator = pytest.importorskip("pikepdf.pdfa", exc_type=ImportError)
    (tmp_path / "digital.pdf").write_bytes(digital)
    report = validator.validate_written(tmp_path / "digital.pdf", "2b")
    # pikepdf's validator knows no extension schemas ("pikepdf does not write"
    # them): it refuses the PDF/UA identification and the schema that
    # describes it for PDF/A (ISO 19005-2, 6.6.2.3.1), which is checked below.
    extension = r"XMP (property|namespace) (pdfuaid:part|pdfa(Extension|Schema|Property))"
    assert not [str(finding) for finding in report.findings
                if not re.search(extension, str(finding))]
    with pikepdf.open(io.BytesIO(digital)) as pdf:
        assert pdf.open_metadata()["pdfuaid:part"] == "1"
        schema = ElementTree.fromstring(bytes(pdf.Root.Metadata.read_bytes()))
    prefixes = [node.text for node in schema.iter("{http://www.aiim.org/pdfa/ns/schema#}prefix")]
    uris = [node.text for node in
            schema.iter("{http://www.aiim.org/pdfa/ns/schema#}namespaceURI")]
    names = [node.text for node in schema.iter("{http://www.aiim.org/pdfa/ns/property#}name")]
    assert (prefixes, uris, names) == (["pdfuaid"], ["http://www.aiim.org/pdfua/ns/id/"],
                                       ["part"])


def test_every_link_of_the_digital_edition_says_where_it_leads(sample_build: BuildResult) -> None:
    """PDF/UA asks a description (``/Contents``) of every annotation: a screen
    reader says "Anrufen: +49…" rather than "link"."""
    with pikepdf.open(sample_build.output) as pdf:
        links = [annotation for page in pdf.pages
                 for annotation in page.obj.get("/Annots", pikepdf.Array())
                 if annotation.get("/Subtype") == Name.Link]
        described = [str(annotation.Contents) for annotation in links
                     if "/Contents" in annotation]
    assert links and len(described) == len(links)
    assert "Anrufen: +4915158049677" in described
    assert any(text.startswith("E-Mail an ") and "@" in text for text in described)


@pytest.mark.parametrize(("uri", "language", "said"), [
    ("mailto:info@example.org", "de-DE", "E-Mail an info@example.org"),
    ("tel:+442079460321", "en-GB", "Call +442079460321"),
    ("https://www.example.org/", "de-AT", "Webseite www.example.org"),
    ("", "en-US", "Link"),
])
def test_a_link_is_described_in_the_issue_language(uri: str, language: str, said: str) -> None:
    annotation = pikepdf.Dictionary(Subtype=Name.Link)
    if uri:
        annotation.A = pikepdf.Dictionary(S=Name.URI, URI=pikepdf.String(uri))
    assert editions.link_description(annotation, language) == said
