"""Print and digital editions of a finished issue: PDF/X-4 and PDF/A-2b.

Made with pikepdf from the PDF that :mod:`layout.document` wrote, by
functions that are pure in what they return: the same bytes and
:class:`EditionInfo` in give the same bytes out (dates come from the info
only; the file and XMP identifiers derive from content hashes). What they
convert, pictures and content streams, is kept in :mod:`layout.cache`;
:func:`convert_pictures` converts the pictures of both beforehand, each
photo decoded once.

- :func:`print_edition`: bleed (and crop marks in a slug, if asked), trim and
  bleed boxes; every RGB colour (images, vector colour operators, also in form
  XObjects) separated to CMYK through the output profile, but for the screen
  equivalents of the theme's CMYK colours (those of the charts), which take
  the theme's values again; a PDF/X output intent and PDF/X-4 metadata.
  :func:`check_print` lists what a preflight would flag.
- :func:`digital_edition`: CMYK converted to sRGB, images downsampled to
  ``max_ppi`` at their placed size, an sRGB output intent, PDF/A-2b metadata,
  every annotation printable, no scripts. :func:`check_pdfa` lists violations
  of the rules implemented here.

Colours are converted with :func:`layout.icc.transform` (relative
colorimetric, black point compensation), vector colours through the same
8-bit transform as the images. This module reads and writes no files but
through the cache, does not read the clock or draw random numbers, and
must not move anything on a page.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import itertools
import math
import uuid
import zlib
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, Operator, Pdf, Stream, String
from pikepdf import ContentStreamInlineImage as InlineImage
from pikepdf import ContentStreamInstruction as Instruction
from PIL import Image, ImageCms

from . import cache, icc

MM = 72 / 25.4
SLUG = 10 * MM
#: Crop marks start this far outside the bleed and are this long.
MARK_OFFSET, MARK_LENGTH = 2 * MM, 6 * MM
INK_LIMIT = 3.0
PRINT_JPEG_QUALITY, SCREEN_JPEG_QUALITY = 92, 85
PRODUCER = "newsletter layout engine (ReportLab, pikepdf)"
CREATOR_TOOL = "newsletter layout engine"
SRGB_CONDITION = "sRGB IEC61966-2.1"
#: Namespace of the UUIDs that XMP identifiers derive from content hashes.
ID_NAMESPACE = uuid.UUID("5b0d4a1e-6c2f-4e8a-9a57-2f1e0c3d7b41")
PDFUA_NAMESPACE = "http://www.aiim.org/pdfua/ns/id/"
NAMESPACES = {"dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
              "pdf": "http://ns.adobe.com/pdf/1.3/", "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
              "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
              "pdfxid": "http://www.npes.org/pdfx/ns/id/",
              "pdfuaid": PDFUA_NAMESPACE,
              "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/"}
#: The PDF/UA identification schema, described for PDF/A (which knows only
#: its predefined schemas): the claim ``pdfuaid:part`` is valid XMP for PDF/A.
PDFUA_EXTENSION = (
    '<rdf:Bag><rdf:li rdf:parseType="Resource"'
    ' xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"'
    ' xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
    "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>"
    f"<pdfaSchema:namespaceURI>{PDFUA_NAMESPACE}</pdfaSchema:namespaceURI>"
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
    '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">'
    "<pdfaProperty:name>part</pdfaProperty:name>"
    "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
    "<pdfaProperty:category>internal</pdfaProperty:category>"
    "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed"
    "</pdfaProperty:description>"
    "</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag>")
#: Document information entries and the XMP properties that must agree with them.
AGREEMENT = {"/Title": "dc:title", "/Author": "dc:creator", "/Subject": "dc:description",
             "/Keywords": "pdf:Keywords", "/Creator": "xmp:CreatorTool",
             "/Producer": "pdf:Producer", "/CreationDate": "xmp:CreateDate",
             "/ModDate": "xmp:ModifyDate", "/Trapped": "pdf:Trapped"}
FAMILIES = {"/DeviceRGB": "DeviceRGB", "/RGB": "DeviceRGB", "/DeviceCMYK": "DeviceCMYK",
            "/CMYK": "DeviceCMYK", "/DeviceGray": "DeviceGray", "/G": "DeviceGray",
            "/CalRGB": "CalRGB", "/CalGray": "CalGray", "/Pattern": "Pattern"}
ICC_FAMILIES = {1: "ICCBased Gray", 3: "ICCBased RGB", 4: "ICCBased CMYK"}
#: Annotation flags: Print, and those PDF/A forbids (Invisible, Hidden, NoView, ToggleNoView).
PRINT_FLAG, HIDING_FLAGS = 4, 1 | 2 | 32 | 256
IDENTITY = (1, 0, 0, 1, 0, 0)
#: An 8-bit RGB value, and the CMYK colour (0-1 a channel) it stands for.
RGB = tuple[int, int, int]
ExactColours = Mapping[tuple[int, ...], Sequence[float]]  # RGB (print) or CMYK (digital)
UNREADABLE = (pikepdf.PdfError, NotImplementedError, ValueError)


class Markup(str):
    """A value of an XMP property that is XML already (not escaped)."""

    __slots__ = ()


@dataclass(frozen=True)
class EditionInfo:
    """What both editions say about themselves (Info dictionary and XMP)."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str  # BCP 47, e.g. "de-DE"
    date: datetime.date  # creation, modification and metadata date, at 00:00:00Z


def print_edition(pdf: bytes, info: EditionInfo, *, cmyk_profile: bytes | None = None,
                  bleed: float = 3 * MM, crop_marks: bool = False,
                  condition: str | None = None, exact_colours: ExactColours | None = None
                  ) -> bytes:
    """The PDF/X-4 print edition: bleed and boxes, DeviceRGB taken as sRGB and
    separated for ``cmyk_profile`` (by default FOGRA39, :func:`layout.icc.fogra39_profile`),
    links and the structure tree removed (no use on paper). The output intent
    embeds the profile and names ``condition`` (by default FOGRA39 for the
    default profile, else the profile's description); a condition of the ICC
    registry is described as the registry does.

    ``exact_colours`` maps 8-bit RGB values to the CMYK colours they stand
    for (the theme's, :meth:`layout.theme.Colours.screen_equivalents`): a
    vector colour within 1/255 a channel of one (``rg``, ``RG``, ``sc`` and
    ``scn`` in DeviceRGB, and ``g``, ``G``, as matplotlib writes greys) is
    printed as that CMYK colour, not separated through the profile."""
    profile = cmyk_profile or icc.fogra39_profile()
    described = _description(profile)
    condition = condition or (icc.FOGRA39.identifier if cmyk_profile is None else
                              described or "CMYK")
    registered = icc.REGISTERED.get(condition)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        recolour = _Recolour(icc.srgb_profile(), profile, "RGB", "CMYK", exact_colours)
        _convert_images(doc, recolour, PRINT_JPEG_QUALITY)
        _recolour_streams(doc, recolour)
        for page in doc.pages:
            _add_bleed(page, bleed, crop_marks)
            for key in ("/Annots", "/StructParents", "/Tabs"):
                if key in page.obj:
                    del page.obj[key]
        # untagged (the structure tree is the digital edition's): its links,
        # whose annotations are gone, would point at nothing
        for key in ("/StructTreeRoot", "/MarkInfo"):
            if key in doc.Root:
                del doc.Root[key]
        _set_output_intent(doc, "/GTS_PDFX", condition,
                           registered.condition if registered else described or condition,
                           described or condition, profile, 4)
        seed = f"print {bleed} {crop_marks} {condition} {hashlib.sha256(profile).hexdigest()}"
        seed += f" exact {recolour.exact_key}" if exact_colours else ""
        _describe(doc, info, pdf, seed, {"/Trapped": Name("/False"),
                                         "/GTS_PDFXVersion": String("PDF/X-4")},
                  [("xmpMM:VersionID", "1"), ("xmpMM:RenditionClass", "default"),
                   ("pdf:Trapped", "False"), ("pdfxid:GTS_PDFXVersion", "PDF/X-4")])
        return _save(doc, "1.6")


def digital_edition(pdf: bytes, info: EditionInfo, *, srgb_profile: bytes, max_ppi: float = 200,
                    cmyk_profile: bytes | None = None,
                    screen_colours: ExactColours | None = None) -> bytes:
    """The PDF/A-2b digital edition: sRGB, screen resolution, printable links.
    DeviceCMYK is read as ``cmyk_profile``, by default the print condition FOGRA39;
    ``screen_colours`` maps 8-bit CMYK values to the RGB colour (0-1 a
    channel) a house style gives for them, shown instead of the conversion.
    The catalog names the issue's language (``/Lang``) and has the viewer show
    the title, not the file name (``DisplayDocTitle``), as PDF/UA asks."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        source = cmyk_profile or icc.fogra39_profile()
        recolour = _Recolour(source, srgb_profile, "CMYK", "RGB", screen_colours)
        _convert_images(doc, recolour, SCREEN_JPEG_QUALITY, max_ppi)
        _recolour_streams(doc, recolour)
        for page in doc.pages:
            for annotation in page.obj.get("/Annots", Array()):
                annotation.F = (int(annotation.get("/F", 0)) | PRINT_FLAG) & ~HIDING_FLAGS
                if annotation.get("/Subtype") == Name.Link and "/Contents" not in annotation:
                    annotation.Contents = String(link_description(annotation, info.language))
            if page.obj.get("/Trans") == Dictionary():
                del page.obj["/Trans"]  # empty: says nothing, and validators balk at it
        for _, _, resources in content_streams(doc):  # pages and forms (the charts)
            for key in ("/Pattern", "/Shading"):
                if resources.get(key) == Dictionary():
                    del resources[key]
        _remove_scripts(doc)
        _set_output_intent(doc, "/GTS_PDFA1", SRGB_CONDITION, SRGB_CONDITION, SRGB_CONDITION,
                           srgb_profile, 3)
        claims = [("pdfaid:part", "2"), ("pdfaid:conformance", "B")]
        if "/StructTreeRoot" in doc.Root:  # tagged (layout.tagging): PDF/UA-1
            claims += [("pdfuaid:part", "1"), ("pdfaExtension:schemas", Markup(PDFUA_EXTENSION))]
        seed = f"digital {max_ppi}" + (f" screen {recolour.exact_key}" if screen_colours else "")
        _describe(doc, info, pdf, seed, {}, claims)
        _display_title(doc)
        return _save(doc, "1.7")


#: How a link is described to a screen reader (``/Contents``), by its kind.
_LINK_WORDS = {
    "de": {"mailto": "E-Mail an {0}", "tel": "Anrufen: {0}", "web": "Webseite {0}",
           "other": "Verweis"},
    "en": {"mailto": "E-mail {0}", "tel": "Call {0}", "web": "Web page {0}", "other": "Link"},
}


def link_description(annotation: Object, language: str) -> str:
    """What a link annotation leads to, in words (its ``/Contents``, which
    PDF/UA asks of every annotation): ``E-Mail an info@…``, ``Anrufen:
    +49…``, ``Webseite www.…``."""
    words = _LINK_WORDS.get(language.split("-")[0].lower(), _LINK_WORDS["en"])
    action = annotation.get("/A")
    uri = str(action.get("/URI", "")) if isinstance(action, Dictionary) else ""
    scheme, _, rest = uri.partition(":")
    if scheme in ("mailto", "tel") and rest:
        return words[scheme].format(rest)
    if scheme in ("http", "https") and rest:
        return words["web"].format(rest.removeprefix("//").rstrip("/"))
    return words["other"]


def _display_title(doc: Pdf) -> None:
    """``/ViewerPreferences`` with ``/DisplayDocTitle true``, keeping any other preference."""
    preferences = doc.Root.get("/ViewerPreferences")
    if not isinstance(preferences, Dictionary):
        preferences = Dictionary()
    preferences.DisplayDocTitle = True
    doc.Root.ViewerPreferences = preferences


def _save(doc: Pdf, version: str) -> bytes:
    """Deterministic bytes: the first /ID word kept, the second from the content.

    Streams are written as they are: those left plain are compressed here,
    the XMP metadata excepted (PDF/A wants it readable); qpdf neither decodes
    nor compresses anything again, which would double the time of a build.
    """
    for obj in doc.objects:
        if isinstance(obj, Stream) and "/Filter" not in obj and obj.get("/Type") != Name.Metadata:
            obj.write(zlib.compress(obj.read_raw_bytes(), FLATE_LEVEL), filter=Name.FlateDecode)
    out = io.BytesIO()
    doc.save(out, deterministic_id=True, fix_metadata_version=False, force_version=version,
             compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


# -- colour ------------------------------------------------------------------------

class _Recolour:
    """One conversion: colours of the ``sources`` families to ``target``.

    The colour transform is built on first use: a build whose content streams
    and images all come from :mod:`layout.cache` never needs it. Vector
    colours near one of ``exact`` (see :func:`print_edition`) take its value.
    """

    def __init__(self, source: bytes, target: bytes, source_mode: str, target_mode: str,
                 exact: ExactColours | None = None) -> None:
        self.sources = (f"Device{source_mode}", f"ICCBased {source_mode}", f"Cal{source_mode}")
        self.target = Name(f"/Device{target_mode}")
        self.operators = {"rg": "k", "RG": "K"} if source_mode == "RGB" else {"k": "rg", "K": "RG"}
        self.mode = source_mode
        #: What the conversion of pictures depends on, for :mod:`layout.cache` keys.
        self.identity = cache.key(hashlib.sha256(source).hexdigest(),
                                  hashlib.sha256(target).hexdigest(), source_mode, target_mode)
        kept = {rgb: tuple(round(float(v), 4) for v in values)
                for rgb, values in (exact or {}).items()}
        #: The exact colours, in words (for the identifiers of the edition).
        self.exact_key = repr(sorted(kept.items()))
        #: ... and what that of vector colours depends on, which ``exact`` changes.
        self.vector_identity = cache.key(self.identity, self.exact_key) if kept else self.identity
        #: Grey operators that may stand for one of ``exact`` (DeviceGray is left
        #: as it is; matplotlib writes greys so, in RGB only).
        self.greys = {"g": self.operators["rg"], "G": self.operators["RG"]} \
            if kept and source_mode == "RGB" else {}
        self._exact = _near(kept)
        self._profiles = (source, target, target_mode)
        self._colours = _COLOURS.setdefault(self.vector_identity, {})

    @functools.cached_property
    def transform(self) -> ImageCms.ImageCmsTransform:
        source, target, target_mode = self._profiles
        return icc.transform(source, target, self.mode, target_mode)

    def colour(self, values: Sequence[Object | float]) -> list[float]:
        """A vector colour converted. To CMYK, a neutral grey (r = g = b) takes
        black ink only, as much as prints its lightness, and black is 100 % K:
        text and rules need no register of four inks, as the press wants. A
        colour near one of the exact ones takes its value."""
        key = _eight_bit(values)
        if key not in self._colours:
            if key in self._exact:
                self._colours[key] = list(self._exact[key])
            elif self._profiles[2] == "CMYK" and len(set(key)) == 1:
                self._colours[key] = [0, 0, 0, round(self._black_ink[key[0]] / 255, 4)]
            else:
                pixel = self.transform.apply(Image.new(self.mode, (1, 1), key))
                self._colours[key] = [round(v / 255, 4) for v in pixel.tobytes()]
        return self._colours[key]

    def exact_grey(self, operands: Sequence[Object]) -> list[float] | None:
        """The exact colour the grey of a ``g`` or ``G`` operator stands for, if any."""
        if not self.greys or len(operands) != 1:
            return None
        found = self._exact.get(_eight_bit([operands[0]] * 3))
        return None if found is None else list(found)

    @functools.cached_property
    def _black_ink(self) -> list[int]:
        """For each grey level (0-255), the black ink alone (0-255) that prints
        the nearest grey, read back through the profiles; black (0) is solid."""
        source, target, target_mode = self._profiles
        ramp = Image.frombytes(target_mode, (256, 1),
                               bytes(v for k in range(256) for v in (0, 0, 0, k)))
        back = icc.transform(target, source, target_mode, self.mode).apply(ramp).tobytes()
        channels = len(self.mode)
        greys = [sum(back[i:i + channels]) / channels for i in range(0, len(back), channels)]
        inks = [min(range(256), key=lambda k: (abs(greys[k] - level), -k)) for level in range(256)]
        return [255, *inks[1:]]


#: Colours converted so far, per conversion (its vector identity): kept for the process.
_COLOURS: dict[str, dict[tuple[int, ...], list[float]]] = {}


def _eight_bit(values: Sequence[Object | float]) -> tuple[int, ...]:
    return tuple(min(255, max(0, round(float(v) * 255))) for v in values)


def _near(exact: Mapping[tuple[int, ...], tuple[float, ...]]
          ) -> dict[tuple[int, ...], tuple[float, ...]]:
    """``exact`` with every value (RGB, or CMYK for the digital edition)
    within 1/255 a channel of one of its own: the nearest wins, and of two as
    near, the first."""
    found: dict[tuple[int, ...], tuple[int, tuple[float, ...]]] = {}
    for rgb, values in exact.items():
        for offset in itertools.product((-1, 0, 1), repeat=len(rgb)):
            near = tuple(v + d for v, d in zip(rgb, offset, strict=True))
            distance = sum(map(abs, offset))
            if all(0 <= v <= 255 for v in near) and distance < found.get(near, (4, ()))[0]:
                found[near] = (distance, values)
    return {rgb: values for rgb, (_, values) in found.items()}


def colour_family(space: Object | None, resources: Object | None = None) -> str:
    """The kind of a colour space: "DeviceRGB", "ICCBased CMYK", "Indexed DeviceRGB"…"""
    if isinstance(space, Name) and resources is not None and str(space) not in FAMILIES:
        space = resources.get("/ColorSpace", Dictionary()).get(space, space)
    if isinstance(space, Name):
        return FAMILIES.get(str(space), "other")
    if not isinstance(space, Array) or len(space) < 2:
        return "none" if space is None else "other"
    kind = str(space[0])
    if kind == "/ICCBased":
        return ICC_FAMILIES.get(int(space[1].get("/N", 0)), "other")
    if kind in ("/Indexed", "/I"):
        return "Indexed " + colour_family(space[1], resources)
    return FAMILIES.get(kind, kind.lstrip("/"))


def content_streams(doc: Pdf) -> Iterator[tuple[str, Object, Object]]:
    """(where, owner, resources) of every content stream, each once: pages and
    annotation appearances, then the form XObjects and tiling patterns they use."""
    todo: list[tuple[str, Object, Object]] = []
    for number, page in enumerate(doc.pages, start=1):
        todo.append((f"page {number}", page.obj, page.resources))
        for annotation in page.obj.get("/Annots", Array()):
            for look in annotation.get("/AP", Dictionary()).values():
                todo += [(f"page {number} annotation", s, s.get("/Resources", Dictionary()))
                         for s in ([look] if isinstance(look, Stream) else look.values())
                         if isinstance(s, Stream)]
    seen: set[tuple[int, int]] = set()
    while todo:
        where, owner, resources = todo.pop(0)
        yield where, owner, resources
        for kind in ("/XObject", "/Pattern"):
            for name, child in resources.get(kind, Dictionary()).items():
                drawn = child.get("/Subtype") == Name.Form or child.get("/PatternType") == 1
                if isinstance(child, Stream) and drawn and child.objgen not in seen:
                    seen.add(child.objgen)
                    todo.append((f"{where} {name}", child, child.get("/Resources", resources)))


def image_streams(doc: Pdf) -> Iterator[tuple[str, Stream]]:
    """(where, image) of every image XObject drawn, each once."""
    seen: set[tuple[int, int]] = set()
    for where, _, resources in content_streams(doc):
        for name, child in resources.get("/XObject", Dictionary()).items():
            if isinstance(child, Stream) and child.get("/Subtype") == Name.Image and \
                    child.objgen not in seen:
                seen.add(child.objgen)
                yield f"{where} {name}", child


def _recolour_streams(doc: Pdf, recolour: _Recolour) -> None:
    """Every content stream recoloured, and written compressed; a stream seen
    before (same bytes, same colour spaces by name) comes from the cache, and
    one that sets no colour of the source families is left as it is."""
    for _, owner, resources in content_streams(doc):
        if owner.get("/Type") == Name.Page:
            pikepdf.Page(owner).contents_coalesce()
            owner = owner.Contents
        data = owner.read_bytes()
        spaces = sorted((str(name), colour_family(space))
                        for name, space in resources.get("/ColorSpace", Dictionary()).items())
        name = cache.key("content", recolour.vector_identity, hashlib.sha256(data).hexdigest(),
                         spaces)
        recoloured = cache.read("content", name)
        if recoloured is None:
            if _sets_source_colours(owner, resources, recolour):
                recoloured = zlib.compress(pikepdf.unparse_content_stream(_recolour(
                    pikepdf.parse_content_stream(owner), resources, recolour)), FLATE_LEVEL)
            else:
                recoloured = _AS_IS
            cache.write("content", name, recoloured)
        if recoloured == _AS_IS:
            if "/Filter" not in owner:
                owner.write(zlib.compress(data, FLATE_LEVEL), filter=Name.FlateDecode)
            continue
        for key in ("/DecodeParms", "/DL"):
            if key in owner:
                del owner[key]
        owner.write(recoloured, filter=Name.FlateDecode)
        group = owner.get("/Group", Dictionary())
        if colour_family(group.get("/CS")) in recolour.sources:
            group.CS = recolour.target


def _sets_source_colours(owner: Object, resources: Object, recolour: _Recolour) -> bool:
    """Whether a content stream sets a colour ``recolour`` converts: a quick
    look at its colour operators only (a page of text has a few)."""
    wanted = "rg RG k K cs CS g G" if recolour.greys else "rg RG k K cs CS"
    for instruction in pikepdf.parse_content_stream(owner, wanted):
        op, operands = str(instruction.operator), list(instruction.operands)
        if op in recolour.operators or (op in ("cs", "CS") and colour_family(
                operands[0], resources) in recolour.sources) or (
                op in recolour.greys and recolour.exact_grey(operands) is not None):
            return True
    return False


#: What the cache keeps for a content stream that needs no recolouring.
_AS_IS = b"as is"
#: zlib's default level, the one qpdf uses: streams the editions write are compressed by us,
#: once, and kept in the cache.
FLATE_LEVEL = 6


def _recolour(instructions: Sequence[Instruction | InlineImage],
              resources: Object, recolour: _Recolour) -> list[Instruction | InlineImage]:
    """Colour operators of the source spaces rewritten (and greys that stand
    for an exact colour); the fill and stroke colour spaces are followed
    through ``q``/``Q`` to convert ``sc``/``scn``."""
    spaces = {"fill": False, "stroke": False}  # is the current space a source one?
    stack: list[dict[str, bool]] = []
    out: list[Instruction | InlineImage] = []
    for instruction in instructions:
        if not isinstance(instruction, Instruction):
            out.append(instruction)  # inline images: left as they are (and flagged)
            continue
        op, operands = str(instruction.operator), list(instruction.operands)
        kind = "stroke" if op.isupper() else "fill"
        if op == "q":
            stack.append(dict(spaces))
        elif op == "Q" and stack:
            spaces = stack.pop()
        elif op in recolour.operators:
            instruction = Instruction(recolour.colour(operands), Operator(recolour.operators[op]))
            spaces[kind] = False
        elif op in recolour.greys and (exact := recolour.exact_grey(operands)) is not None:
            instruction = Instruction(exact, Operator(recolour.greys[op]))
            spaces[kind] = False
        elif op in ("cs", "CS"):
            spaces[kind] = colour_family(operands[0], resources) in recolour.sources
            if spaces[kind]:
                instruction = Instruction([recolour.target], instruction.operator)
        elif op in ("sc", "scn", "SC", "SCN") and spaces[kind] and len(operands) == len(
                recolour.mode):
            instruction = Instruction(recolour.colour(operands), instruction.operator)
        elif op in ("g", "G", "rg", "RG", "k", "K"):
            spaces[kind] = False
        out.append(instruction)
    return out


# -- images ------------------------------------------------------------------------

def convert_pictures(pdf: bytes, *, cmyk_profile: bytes, srgb_profile: bytes,
                     max_ppi: float = 200, screen_cmyk_profile: bytes | None = None) -> None:
    """Convert the pictures of ``pdf`` for both editions before they are made:
    one photo after the other, each decoded once and converted for the two
    editions side by side. :func:`print_edition` and :func:`digital_edition`,
    made of the same ``pdf`` with the same profiles, then find them converted
    (in :mod:`layout.cache`, or in memory where it is off). A first build so
    holds the pixels of one photo at a time, some 60 MB for 2600 × 1900,
    not those of several photos decoded once for each edition."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        work: dict[tuple[int, int], list[_Conversion]] = {}
        digests: dict[tuple[int, int], str] = {}
        for recolour, quality, ppi in (
                (_Recolour(icc.srgb_profile(), cmyk_profile, "RGB", "CMYK"),
                 PRINT_JPEG_QUALITY, None),
                (_Recolour(screen_cmyk_profile or icc.fogra39_profile(), srgb_profile,
                           "CMYK", "RGB"), SCREEN_JPEG_QUALITY, max_ppi)):
            for job in _conversions(doc, recolour, quality, ppi, digests):
                if _kept_conversion(job.name) is None:
                    work.setdefault(job.image.objgen, []).append(job)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="picture") as helper:
            for jobs in work.values():
                try:
                    picture = pikepdf.PdfImage(jobs[0].image).as_pil_image(apply_mask=False)
                    picture.load()
                except UNREADABLE:
                    continue  # an encoding Pillow cannot read: left as it is (and flagged)
                # The editions' conversions of one photo side by side, sharing its
                # decoded pixels: the first here, the other in one helper thread
                # (Pillow and LittleCMS leave Python's lock free while they work).
                later = [helper.submit(_converted, picture, job.transform, job.scale,
                                       job.quality, job.jpeg) for job in jobs[1:]]
                done = [_converted(picture, jobs[0].transform, jobs[0].scale, jobs[0].quality,
                                   jobs[0].jpeg)] + [result.result() for result in later]
                for job, converted in zip(jobs, done, strict=True):
                    _keep_conversion(job.name, converted)
                    if cache.folder() is None:  # no cache: the editions still find it
                        _converted_now[job.name] = converted
                del picture, later, done


@dataclass
class _Conversion:
    """A picture of an edition to convert, and the name of the result."""

    image: Stream
    name: str
    recolour: _Recolour
    convert: bool  # its colours, besides (or instead of) scaling it
    scale: float
    quality: int
    jpeg: bool

    @property
    def transform(self) -> ImageCms.ImageCmsTransform | None:
        """Built only when a picture is converted (30 ms)."""
        return self.recolour.transform if self.convert else None


def _convert_images(doc: Pdf, recolour: _Recolour, quality: int,
                    max_ppi: float | None = None) -> None:
    """Images of the source families converted; with ``max_ppi``, photos (JPEG
    images) drawn at a higher resolution resampled (Lanczos) down to it. What
    :func:`convert_pictures` or an earlier build converted is taken as it is."""
    for job in _conversions(doc, recolour, quality, max_ppi):
        kept = _converted_now.pop(job.name, None) or _kept_conversion(job.name)
        if kept is None:
            try:
                picture = pikepdf.PdfImage(job.image).as_pil_image(apply_mask=False)
            except UNREADABLE:
                continue  # an encoding Pillow cannot read: left as it is (and flagged)
            kept = _converted(picture, job.transform, job.scale, quality, job.jpeg)
            _keep_conversion(job.name, kept)
        _put_image(job.image, *kept)


def _conversions(doc: Pdf, recolour: _Recolour, quality: int, max_ppi: float | None,
                 digests: dict[tuple[int, int], str] | None = None) -> Iterator[_Conversion]:
    """The images of ``doc`` this edition converts, with the name of each
    result; ``digests`` keeps the hashes of images for another edition's turn."""
    digests = {} if digests is None else digests
    placed = image_resolutions(doc) if max_ppi else {}
    for _, image in image_streams(doc):
        family = colour_family(image.get("/ColorSpace")).removeprefix("Indexed ")
        ppi = placed.get(image.objgen, 0.0) if _is_jpeg(image) else 0.0
        scale = max_ppi / ppi if max_ppi and ppi > max_ppi else 1.0
        convert = family in recolour.sources
        if not convert and (scale == 1.0 or family not in ("DeviceRGB", "DeviceGray")):
            continue
        if isinstance(image.get("/Mask"), Array):
            continue  # a colour-key mask names source colours: left as it is (and flagged)
        if image.objgen not in digests:
            digests[image.objgen] = hashlib.sha256(image.read_raw_bytes()).hexdigest() + repr(
                sorted((str(k), repr(v)) for k, v in image.items()))
        name = cache.key("image", recolour.identity, convert, quality, scale,
                         digests[image.objgen])
        yield _Conversion(image, name, recolour, convert, scale, quality, _is_jpeg(image))


def _kept_conversion(name: str) -> tuple[bytes, dict[str, Any]] | None:
    """A conversion :func:`_keep_conversion` kept: its samples and the image
    dictionary's keys, from one entry (never the one's and the other's of
    two builds)."""
    kept = cache.read_entry("images", name + ".image")
    return (kept[1], kept[0]) if kept is not None and isinstance(kept[0], dict) else None


def _keep_conversion(name: str, converted: tuple[bytes, dict[str, Any]]) -> None:
    cache.write_entry("images", name + ".image", converted[1], converted[0])


#: Conversions :func:`convert_pictures` made while the cache is off, each
#: taken (and dropped) by the edition it was made for.
_converted_now: dict[str, tuple[bytes, dict[str, Any]]] = {}


def _converted(picture: Image.Image, transform: ImageCms.ImageCmsTransform | None,
               scale: float, quality: int, jpeg: bool) -> tuple[bytes, dict[str, Any]]:
    """New samples of ``picture`` (colours converted by ``transform``, scaled by
    ``scale``), and the keys of the image dictionary that say what they are:
    JPEG where the picture was JPEG, else Flate. Pillow writes CMYK JPEGs the
    Adobe way (inverted, APP14 marker): they get ``/Decode [1 0 1 0 1 0 1 0]``,
    as Acrobat and pdfium expect."""
    if transform is not None:
        if picture.mode != transform.input_mode:
            picture = picture.convert(transform.input_mode)
        picture = transform.apply(picture)
    elif picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    if scale < 1.0:
        size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
        picture = picture.resize(size, Image.Resampling.LANCZOS)
    if jpeg:
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=quality)
        data, kind = buffer.getvalue(), "/DCTDecode"
    else:
        data, kind = zlib.compress(picture.tobytes(), 9), "/FlateDecode"
    space = "/DeviceGray" if picture.mode == "L" else f"/Device{picture.mode}"
    decode = [1.0, 0.0] * 4 if jpeg and picture.mode == "CMYK" else None
    return data, {"filter": kind, "space": space, "width": picture.width,
                  "height": picture.height, "decode": decode}


def _put_image(image: Stream, data: bytes, entries: dict[str, Any]) -> None:
    """Replace the samples of ``image`` (an SMask stays)."""
    for key in ("/Decode", "/Interpolate", "/DecodeParms"):
        if key in image:
            del image[key]
    image.write(data, filter=Name(entries["filter"]))
    image.ColorSpace = Name(entries["space"])
    image.BitsPerComponent, image.Width, image.Height = 8, entries["width"], entries["height"]
    if entries["decode"] is not None:
        image.Decode = Array([int(v) if float(v).is_integer() else v for v in entries["decode"]])


def _is_jpeg(image: Stream) -> bool:
    chain = image.get("/Filter", Array())
    return Name.DCTDecode in (chain if isinstance(chain, Array) else [chain])


def image_resolutions(doc: Pdf) -> dict[tuple[int, int], float]:
    """The lowest effective resolution (pixels per inch) each image is drawn at."""
    placed: dict[tuple[int, int], float] = {}
    for page in doc.pages:
        _find_resolutions(page.obj, page.resources, pikepdf.Matrix(), placed, depth=0)
    return placed


def _find_resolutions(owner: Object, resources: Object, ctm: pikepdf.Matrix,
                      placed: dict[tuple[int, int], float], depth: int) -> None:
    """Record the resolution of each image drawn here, from the current
    transformation matrix at its ``Do``, following form XObjects."""
    stack: list[pikepdf.Matrix] = []
    for op, operands in _placing(owner):
        if op in ("q", "Q"):
            ctm = stack.pop() if op == "Q" and stack else ctm
            stack += [ctm] if op == "q" else []
        elif op == "cm":
            ctm = pikepdf.Matrix(*operands) @ ctm
        elif op == "Do" and operands[0] in resources.get("/XObject", Dictionary()):
            child = resources.XObject[operands[0]]
            width, height = math.hypot(ctm.a, ctm.b), math.hypot(ctm.c, ctm.d)
            if child.get("/Subtype") == Name.Image and width > 0 and height > 0:
                ppi = min(int(child.Width) * 72 / width, int(child.Height) * 72 / height)
                placed[child.objgen] = min(ppi, placed.get(child.objgen, math.inf))
            elif child.get("/Subtype") == Name.Form and depth < 16:
                matrix = pikepdf.Matrix(*(float(v) for v in child.get("/Matrix", IDENTITY)))
                _find_resolutions(child, child.get("/Resources", resources), matrix @ ctm,
                                  placed, depth + 1)


def _placing(owner: Object) -> list[tuple[str, tuple[Any, ...]]]:
    """The ``q``, ``Q``, ``cm`` and ``Do`` of a content stream (a page's or a
    form's), kept per process by the stream's bytes: parsing a page of text
    for them takes a millisecond, and most pages are the same in the next build."""
    parts = owner.get("/Contents", Array()) if owner.get("/Type") == Name.Page else owner
    streams = parts if isinstance(parts, Array) else [parts]
    digest = hashlib.sha256(b"".join(stream.read_bytes() for stream in streams)).digest()
    found = _PLACING.get(digest)
    if found is None:
        found = [(str(i.operator), tuple(float(v) if str(i.operator) == "cm" else str(v)
                                         for v in i.operands))
                 for i in pikepdf.parse_content_stream(owner, "q Q cm Do")]
        if len(_PLACING) > 1024:
            _PLACING.clear()
        _PLACING[digest] = found
    return found


_PLACING: dict[bytes, list[tuple[str, tuple[Any, ...]]]] = {}


# -- pages, scripts, metadata ----------------------------------------------------------

def _add_bleed(page: pikepdf.Page, bleed: float, crop_marks: bool) -> None:
    """TrimBox = the page as it was, BleedBox around it, MediaBox around that;
    with crop marks a slug too, where the content is clipped to the bleed."""
    box = [float(v) for v in page.trimbox]
    (x0, x1), (y0, y1) = sorted(box[0::2]), sorted(box[1::2])
    trim = (x0, y0, x1, y1)
    grown = bleed + (SLUG if crop_marks else 0)
    page.obj.MediaBox = Array([round(v, 4) for v in (x0 - grown, y0 - grown, x1 + grown,
                                                     y1 + grown)])
    page.obj.BleedBox = Array([round(v, 4) for v in (x0 - bleed, y0 - bleed, x1 + bleed,
                                                     y1 + bleed)])
    page.obj.TrimBox = Array([round(v, 4) for v in trim])
    if "/CropBox" in page.obj:
        del page.obj["/CropBox"]
    if crop_marks:
        if "/ColorSpace" not in page.obj.Resources:
            page.obj.Resources.ColorSpace = Dictionary()
        page.obj.Resources.ColorSpace.NLRegistration = Array([
            Name.Separation, Name.All, Name.DeviceCMYK,
            Dictionary(FunctionType=2, Domain=[0, 1], C0=[0] * 4, C1=[1] * 4, N=1)])
        page.contents_coalesce()
        clip = f"q {x0 - bleed:.4f} {y0 - bleed:.4f} {x1 - x0 + 2 * bleed:.4f} " \
               f"{y1 - y0 + 2 * bleed:.4f} re W n\n"
        page.obj.Contents.write(clip.encode() + page.obj.Contents.read_bytes() + b"\nQ\n"
                                + _crop_marks(trim, bleed))


def _crop_marks(trim: Sequence[float], bleed: float) -> bytes:
    """Registration-black 0.25 pt lines on the trim lines, outside the bleed."""
    near, far = bleed + MARK_OFFSET, bleed + MARK_OFFSET + MARK_LENGTH
    lines = []
    for x, dx in ((trim[0], -1), (trim[2], 1)):
        for y, dy in ((trim[1], -1), (trim[3], 1)):
            lines.append(f"{x + dx * near:.4f} {y:.4f} m {x + dx * far:.4f} {y:.4f} l")
            lines.append(f"{x:.4f} {y + dy * near:.4f} m {x:.4f} {y + dy * far:.4f} l")
    body = "\n".join(lines)
    return f"q /NLRegistration CS 1 SCN 0.25 w 0 J [] 0 d\n{body}\nS Q\n".encode()


def _remove_scripts(doc: Pdf) -> None:
    """No JavaScript, launch actions or additional actions anywhere."""
    pikepdf.sanitize.remove_javascript(doc)
    for dictionary in dictionaries(doc):
        for key in ("/AA", "/A", "/OpenAction"):
            if key in dictionary and (key == "/AA" or is_script(dictionary[key])):
                del dictionary[key]


def is_script(action: Object | None) -> bool:
    return isinstance(action, Dictionary) and (
        "/JS" in action or str(action.get("/S")) in ("/JavaScript", "/Launch"))


def dictionaries(doc: Pdf) -> Iterator[Dictionary]:
    """Every dictionary of the file, indirect or nested directly in another object."""
    todo = [o for o in doc.objects if isinstance(o, Dictionary | Array | Stream)]
    while todo:
        obj = todo.pop()
        if isinstance(obj, Dictionary):
            yield obj
        values = obj if isinstance(obj, Array) else obj.values()
        todo += [v for v in values if isinstance(v, Dictionary | Array) and not v.is_indirect]


def _set_output_intent(doc: Pdf, kind: str, identifier: str, condition: str, description: str,
                       profile: bytes, components: int) -> None:
    """The one output intent: ``identifier`` (OutputConditionIdentifier), what
    the ``condition`` is, the profile's ``description`` (Info), the profile embedded."""
    intent = Dictionary(Type=Name.OutputIntent, S=Name(kind),
                        OutputConditionIdentifier=String(identifier),
                        OutputCondition=String(condition), Info=String(description),
                        RegistryName=String("http://www.color.org"),
                        DestOutputProfile=Stream(doc, _compressed(profile), N=components,
                                                 Filter=Name.FlateDecode))
    doc.Root.OutputIntents = Array([doc.make_indirect(intent)])


@functools.lru_cache(maxsize=4)
def _compressed(data: bytes) -> bytes:
    """A profile Flate-compressed (the FOGRA39 one, 445 kB, takes 20 ms),
    kept in :mod:`layout.cache`."""
    name = cache.key("flate", FLATE_LEVEL, hashlib.sha256(data).hexdigest()) + ".zlib"
    compressed = cache.read("profiles", name)
    if compressed is None:
        compressed = zlib.compress(data, FLATE_LEVEL)
        cache.write("profiles", name, compressed)
    return compressed


@functools.lru_cache(maxsize=4)
def _description(profile: bytes) -> str:
    return str(ImageCms.ImageCmsProfile(io.BytesIO(profile)).profile.profile_description or "")


def _describe(doc: Pdf, info: EditionInfo, source: bytes, edition: str,
              extra_info: dict[str, Object], extra_xmp: list[tuple[str, str]]) -> None:
    """Info dictionary, /Lang and XMP metadata, saying the same things."""
    stamp = info.date.strftime("D:%Y%m%d000000Z")
    text = {"/Title": info.title, "/Author": info.author, "/Subject": info.subject,
            "/Keywords": ", ".join(info.keywords), "/Creator": CREATOR_TOOL,
            "/Producer": PRODUCER, "/CreationDate": stamp, "/ModDate": stamp}
    entries: dict[str, Object] = {key: String(value) for key, value in text.items()}
    doc.trailer.Info = doc.make_indirect(Dictionary({**entries, **extra_info}))
    doc.Root.Lang = String(info.language)
    digest = hashlib.sha256(source).hexdigest()
    ids = [("xmpMM:DocumentID", f"uuid:{uuid.uuid5(ID_NAMESPACE, digest)}"),
           ("xmpMM:InstanceID", f"uuid:{uuid.uuid5(ID_NAMESPACE, f'{digest} {edition} {info}')}")]
    doc.Root.Metadata = doc.make_stream(_xmp(info, ids + extra_xmp), Type=Name.Metadata,
                                        Subtype=Name.XML)


def _xmp(info: EditionInfo, extra: list[tuple[str, str]]) -> bytes:
    """The XMP packet: element form, properties in a fixed order."""
    when = f"{info.date.isoformat()}T00:00:00Z"

    def alt(value: str) -> str:
        return "<rdf:Alt>" + "".join(f"<rdf:li xml:lang={quoteattr(lang)}>{escape(value)}"
                                     f"</rdf:li>" for lang in ("x-default", info.language)) + \
            "</rdf:Alt>"

    def array(kind: str, values: Sequence[str]) -> str:
        items = "".join(f"<rdf:li>{escape(v)}</rdf:li>" for v in values)
        return f"<rdf:{kind}>{items}</rdf:{kind}>"

    fields = [("dc:format", "application/pdf"), ("dc:title", alt(info.title)),
              ("dc:creator", array("Seq", [info.author])), ("dc:description", alt(info.subject)),
              ("dc:subject", array("Bag", info.keywords)),
              ("dc:language", array("Bag", [info.language])),
              ("pdf:Keywords", escape(", ".join(info.keywords))),
              ("pdf:Producer", escape(PRODUCER)), ("xmp:CreatorTool", escape(CREATOR_TOOL)),
              ("xmp:CreateDate", when), ("xmp:ModifyDate", when), ("xmp:MetadataDate", when),
              *((name, value if isinstance(value, Markup) else escape(value))
                for name, value in extra)]
    used = sorted({name.split(":")[0] for name, _ in fields})
    namespaces = "".join(f' xmlns:{prefix}="{NAMESPACES[prefix]}"' for prefix in used)
    body = "".join(f"<{name}>{value}</{name}>" for name, value in fields)
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x='
            '"adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            f'<rdf:Description rdf:about=""{namespaces}>{body}</rdf:Description></rdf:RDF>'
            '</x:xmpmeta>\n<?xpacket end="w"?>').encode()


# -- preflight ---------------------------------------------------------------------
