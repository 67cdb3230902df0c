"""Preflight: what a print shop's or an archive's checker would flag.

:func:`check_print` looks at a print edition the way a PDF/X-4 preflight
does, :func:`check_pdfa` at a digital edition the way a PDF/A-2b validator
does (for the rules :mod:`layout.editions` implements), and at its tagging
the way a PDF/UA-1 checker does (:func:`check_tagging`). Both only read: they
return the problems found, one line each, and change nothing.
:func:`preflight` adds what a print shop's report shows: boxes per page,
fonts, images with their resolution as placed, colour spaces, output
intents, XMP markers and metadata; it runs on any PDF.
"""

from __future__ import annotations

import datetime
import io
import struct
from typing import Any

import numpy as np
import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, Stream
from pikepdf import ContentStreamInlineImage as InlineImage
from pikepdf.models.metadata import decode_pdf_date
from PIL import Image

from .editions import (
    AGREEMENT,
    HIDING_FLAGS,
    INK_LIMIT,
    MM,
    PRINT_FLAG,
    UNREADABLE,
    colour_family,
    content_streams,
    dictionaries,
    image_resolutions,
    image_streams,
    is_script,
)
from .i18n import _


def check_print(pdf: bytes) -> list[str]:
    """What a PDF/X-4 preflight would flag: RGB anywhere, fonts not embedded or
    Type 3, total ink above 300% (vector colours; images averaged over small
    areas), missing TrimBox/BleedBox, annotations, output intent, metadata."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        problems = _check_intent(doc, "/GTS_PDFX", b"CMYK", (b"prtr",)) + _check_metadata(doc)
        if doc.open_metadata().get("pdfxid:GTS_PDFXVersion") != "PDF/X-4":
            problems.append("XMP does not declare PDF/X-4 (pdfxid:GTS_PDFXVersion)")
        for number, page in enumerate(doc.pages, start=1):
            problems += _check_boxes(page, number)
            problems += [f"page {number}: {a.get('/Subtype')} annotation on a print page"
                         for a in page.obj.get("/Annots", Array())
                         if str(a.get("/Subtype")) not in ("/PrinterMark", "/TrapNet")]
        problems += _check_fonts(doc, type3=False) + _check_colours(doc, "RGB", INK_LIMIT)
    return list(dict.fromkeys(problems))


def check_pdfa(pdf: bytes) -> list[str]:
    """Violations of the PDF/A-2b rules this module implements: XMP (pdfaid)
    and Info agreement, sRGB output intent, no DeviceCMYK, fonts embedded,
    annotations printable, a file ID, no scripts, no encryption; and of the
    PDF/UA-1 conditions :func:`check_tagging` checks, where the file is tagged."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        problems = _check_intent(doc, "/GTS_PDFA1", b"RGB ", (b"prtr", b"mntr")) + \
            _check_metadata(doc)
        if doc.open_metadata().pdfa_status != "2B":
            problems.append("XMP does not declare PDF/A-2b (pdfaid:part 2, conformance B)")
        if doc.is_encrypted or "/ID" not in doc.trailer:
            problems.append("the file is encrypted or has no file identifier (/ID)")
        for number, page in enumerate(doc.pages, start=1):
            problems += [f"page {number}: {a.get('/Subtype')} annotation is not printable"
                         for a in page.obj.get("/Annots", Array())
                         if int(a.get("/F", 0)) & (PRINT_FLAG | HIDING_FLAGS) != PRINT_FLAG]
        if "/JavaScript" in doc.Root.get("/Names", Dictionary()) or any(
                "/AA" in d or is_script(d) for d in dictionaries(doc)):
            problems.append("the file contains JavaScript, launch or additional actions")
        problems += _check_fonts(doc, type3=True) + _check_colours(doc, "DeviceCMYK", None)
    return list(dict.fromkeys(problems + check_tagging(pdf)))


def _check_intent(doc: Pdf, kind: str, colour_space: bytes,
                  classes: tuple[bytes, ...]) -> list[str]:
    """The output intent of ``kind``: named, with an embedded ICC profile of
    ``colour_space`` and one of the device ``classes`` (PDF/X: an output
    profile, ``prtr``; PDF/A: output or display, ``mntr``), read from its header."""
    intents = [i for i in doc.Root.get("/OutputIntents", Array()) if i.get("/S") == kind]
    profile = intents[0].get("/DestOutputProfile") if intents else None
    if not isinstance(profile, Stream):
        return [f"no {kind} output intent with an embedded ICC profile"]
    header, components = profile.read_bytes()[:128], len(colour_space.strip())
    if header[16:20] != colour_space or header[36:40] != b"acsp" or profile.get("/N") != components:
        return [f"the {kind} output intent's profile is not a {components}-component ICC profile"]
    problems = []
    if header[12:16] not in classes:
        message = _("the {kind} output intent's profile is of class '{found}', not {expected}")
        problems.append(message.format(kind=kind, found=header[12:16].decode("latin-1").strip(),
                                       expected=" or ".join(f"'{c.decode()}'" for c in classes)))
    if not str(intents[0].get("/OutputConditionIdentifier", "")).strip():
        problems.append(_("the {kind} output intent has no OutputConditionIdentifier").format(
            kind=kind))
    return problems


def _check_boxes(page: pikepdf.Page, number: int) -> list[str]:
    if "/TrimBox" not in page.obj or "/BleedBox" not in page.obj:
        return [f"page {number}: no TrimBox or no BleedBox"]
    trim, bleed, media = (pikepdf.Rectangle(b) for b in (page.trimbox, page.bleedbox,
                                                         page.mediabox))
    if not (trim <= bleed and bleed <= media):
        return [f"page {number}: TrimBox, BleedBox and MediaBox are not nested"]
    return []


def _check_fonts(doc: Pdf, type3: bool) -> list[str]:
    problems = []
    for where, _owner, resources in content_streams(doc):
        for font in resources.get("/Font", Dictionary()).values():
            if font.get("/Subtype") == Name.Type3:
                problems += [] if type3 else [f"{where}: Type 3 font"]
                continue
            descriptor = font.get("/DescendantFonts", Array([font]))[0].get(
                "/FontDescriptor", Dictionary())
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"{where}: font {font.get('/BaseFont')} is not embedded")
    return problems


def _check_colours(doc: Pdf, forbidden: str, ink_limit: float | None) -> list[str]:
    """Colour spaces whose family names contain ``forbidden`` (in operators,
    inline images, images, shadings, groups) and, with ``ink_limit``, CMYK
    colours above it."""
    problems = []
    for where, owner, resources in content_streams(doc):
        spaces = [owner.get("/Group", Dictionary()).get("/CS")] + [
            s.get("/ColorSpace") for s in resources.get("/Shading", Dictionary()).values()] + [
            p.Shading.get("/ColorSpace") for p in resources.get("/Pattern", Dictionary()).values()
            if p.get("/PatternType") == 2]
        for instruction in pikepdf.parse_content_stream(owner):
            if isinstance(instruction, InlineImage):
                inline = instruction.iimage.obj
                spaces.append(inline.get("/CS", inline.get("/ColorSpace")))
                continue
            op, operands = str(instruction.operator), instruction.operands
            if op in ("cs", "CS", "rg", "RG", "k", "K"):
                spaces.append(operands[0] if op in ("cs", "CS") else Name(
                    "/DeviceRGB" if op in ("rg", "RG") else "/DeviceCMYK"))
            if ink_limit and op in ("k", "K", "sc", "scn", "SC", "SCN") and len(operands) == 4 \
                    and sum(float(v) for v in operands) > ink_limit + 1e-6:
                problems.append(f"{where}: total ink above {ink_limit:.0%} ({op})")
        problems += [f"{where}: {colour_family(s, resources)} colour" for s in spaces
                     if forbidden in colour_family(s, resources)]
    for where, image in image_streams(doc):
        family = colour_family(image.get("/ColorSpace"))
        if forbidden in family:
            problems.append(f"{where}: {family} image")
        elif ink_limit and family.endswith("CMYK") and _image_ink(image) > ink_limit + 0.01:
            problems.append(f"{where}: total ink above {ink_limit:.0%} in an image")
    return problems


def _image_ink(image: Stream) -> float:
    """The highest total ink of an image averaged over areas of 1/256 of its side."""
    try:
        picture = pikepdf.PdfImage(image).as_pil_image(apply_mask=False)
    except UNREADABLE:
        return 0.0
    picture.thumbnail((256, 256), Image.Resampling.BOX)
    return float(np.asarray(picture, dtype=np.float64).sum(axis=-1).max()) / 255


def _check_metadata(doc: Pdf) -> list[str]:
    """Every Info entry that has an XMP counterpart agrees with it."""
    info, xmp, problems = doc.trailer.get("/Info", Dictionary()), doc.open_metadata(), []
    if "/Metadata" not in doc.Root:
        return ["no XMP metadata"]
    for key, name in AGREEMENT.items():
        value, other = str(info.get(key, "")).removeprefix("/"), xmp.get(name)
        if isinstance(other, list):
            other = ", ".join(other)
        if key.endswith("Date") and key in info and isinstance(other, str):
            same = decode_pdf_date(value) == datetime.datetime.fromisoformat(other)
        else:
            same = key not in info or value == other
        if not same:
            problems.append(f"Info {key} ({value!r}) and XMP {name} ({other!r}) differ")
    return problems


# -- the report ----------------------------------------------------------------------

#: A photo under this resolution fails the print preflight.
MIN_PRINT_PPI = 150


def preflight(pdf: bytes, profile: str) -> tuple[list[str], list[str]]:
    """A preflight report of ``pdf`` for ``print`` (PDF/X-4) or ``digital``
    (PDF/A-2b): what it holds, line by line, and the problems found."""
    problems = check_print(pdf) if profile == "print" else check_pdfa(pdf)
    lines: list[str] = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        lines.append(f"pages: {len(doc.pages)}; PDF {doc.pdf_version}")
        meta = doc.open_metadata()
        lines.append("XMP: " + ", ".join(f"{key} {meta.get(key)}" for key in (
            "pdfaid:part", "pdfaid:conformance", "pdfuaid:part", "pdfxid:GTS_PDFXVersion",
            "dc:title")
            if meta.get(key)))
        info = doc.docinfo
        lines.append("information: " + "; ".join(
            f"{key[1:]}: {info[key]}" for key in ("/Title", "/Author", "/Subject") if key in info)
            + f"; language: {doc.Root.get('/Lang', '–')}")
        lines += [_intent_line(intent) for intent in doc.Root.get("/OutputIntents", Array())]
        for number, page in enumerate(doc.pages, start=1):
            lines.append(f"page {number}: " + ", ".join(
                f"{key[1:]} {_millimetres(page.obj[key])}"
                for key in ("/MediaBox", "/TrimBox", "/BleedBox") if key in page.obj))
        lines += _font_lines(doc)
        placed = image_resolutions(doc)
        for _where, image in image_streams(doc):
            ppi = placed.get(image.objgen)
            lines.append(f"image {int(image.Width)}×{int(image.Height)} "
                         f"{colour_family(image.get('/ColorSpace'))}"
                         + (f", {ppi:.0f} ppi as placed" if ppi else ""))
            if profile == "print" and ppi and ppi < MIN_PRINT_PPI and _is_photo(image):
                problems.append(f"an image prints at {ppi:.0f} ppi "
                                f"(at least {MIN_PRINT_PPI} needed, 300 for sharp print)")
        spaces = sorted({colour_family(s, r) for _where, owner, r in content_streams(doc)
                         for s in _spaces_used(owner)})
        lines.append("colour spaces: " + (", ".join(spaces) or "–"))
    return lines, list(dict.fromkeys(problems))


def _intent_line(intent: pikepdf.Object) -> str:
    """What an output intent names, and what its embedded profile says it is."""
    line = (f"output intent: {intent.get('/S')} "
            f"'{intent.get('/OutputConditionIdentifier', '')}'"
            + (f" ({intent.RegistryName})" if "/RegistryName" in intent else ""))
    icc = intent.get("/DestOutputProfile")
    if not isinstance(icc, Stream):
        return line + ", no profile embedded"
    data = icc.read_bytes()
    if len(data) < 132 or data[36:40] != b"acsp":
        return line + ", the embedded profile is not an ICC profile"
    version = f"{data[8]}.{data[9] >> 4}"
    kind = data[12:16].decode("latin-1").strip()
    space, connection = (data[i:i + 4].decode("latin-1").strip() for i in (16, 20))
    return (line + f", profile '{_icc_description(data)}': ICC {version} {kind}, {space} to "
            f"{connection}, {int(icc.get('/N', 0))} components")


def _icc_description(data: bytes) -> str:
    """The ``desc`` tag of an ICC profile: ASCII (v2 ``desc``) or the first
    record of a v4 ``mluc``; "" when there is none or it is unreadable."""
    try:
        (count,) = struct.unpack_from(">I", data, 128)
        for index in range(count):
            signature, offset, _size = struct.unpack_from(">4sII", data, 132 + 12 * index)
            if signature != b"desc":
                continue
            kind = data[offset:offset + 4]
            if kind == b"desc":
                (length,) = struct.unpack_from(">I", data, offset + 8)
                return data[offset + 12:offset + 12 + length].split(b"\0")[0].decode("latin-1")
            if kind == b"mluc":
                length, start = struct.unpack_from(">II", data, offset + 20)
                return data[offset + start:offset + start + length].decode("utf-16-be")
    except (struct.error, UnicodeDecodeError):
        pass
    return ""


def _millimetres(box: pikepdf.Object) -> str:
    left, bottom, right, top = (float(v) for v in box)
    return f"{(right - left) / MM:.1f}×{(top - bottom) / MM:.1f} mm"


def _font_lines(doc: Pdf) -> list[str]:
    seen: dict[str, str] = {}
    for page in doc.pages:
        for font in page.resources.get("/Font", Dictionary()).values():
            name = str(font.get("/BaseFont", "?"))
            descendants = font.get("/DescendantFonts", Array())
            target = descendants[0] if len(descendants) else font
            descriptor = target.get("/FontDescriptor", Dictionary())
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            subset = len(name) > 8 and name[7] == "+"
            seen[name] = (f"font {name.lstrip('/')}: {str(font.get('/Subtype')).lstrip('/')}, "
                          f"{'embedded' if embedded else 'NOT embedded'}"
                          f"{', subset' if subset else ''}")
    return list(seen.values())


def _spaces_used(owner: pikepdf.Object) -> set[pikepdf.Object]:
    """The colour spaces the operators of a content stream name or imply."""
    implied = {"rg": Name.DeviceRGB, "RG": Name.DeviceRGB, "k": Name.DeviceCMYK,
               "K": Name.DeviceCMYK, "g": Name.DeviceGray, "G": Name.DeviceGray}
    found: set[pikepdf.Object] = set()
    for instruction in pikepdf.parse_content_stream(owner):
        operator = str(getattr(instruction, "operator", ""))
        if operator in implied:
            found.add(implied[operator])
        elif operator in ("cs", "CS"):
            found.add(instruction.operands[0])
    return found


def _is_photo(image: Stream) -> bool:
    chain = image.get("/Filter", Array())
    return Name.DCTDecode in (chain if isinstance(chain, Array) else [chain])


# -- tagged PDF (PDF/UA-1) -----------------------------------------------------------

#: The standard structure types of ISO 32000-1, 14.8.4 (no role map is written).
STANDARD_TYPES = frozenset({
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form"})
#: Where an element of a type may stand: the types of its parent (ISO 32000-1, 14.8.4.3).
PARENTS = {"LI": {"L"}, "Lbl": {"LI"}, "LBody": {"LI"}, "TR": {"Table", "THead", "TBody", "TFoot"},
           "TH": {"TR"}, "TD": {"TR"}, "THead": {"Table"}, "TBody": {"Table"},
           "TFoot": {"Table"}}
_PAINTS = frozenset({"Tj", "TJ", "'", '"', "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*",
                     "sh", "INLINE IMAGE"})


def check_tagging(pdf: bytes) -> list[str]:
    """What a PDF/UA-1 checker would flag in a digital edition that claims it
    (``pdfuaid:part``), for the machine-checkable conditions of the Matterhorn
    Protocol that apply to what the engine writes; each problem names its
    checkpoint. A file that claims nothing and has no structure tree passes."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        claimed = doc.open_metadata().get("pdfuaid:part")
        root: Any = doc.Root.get("/StructTreeRoot")
        if root is None:
            return ["06-002: XMP claims PDF/UA-1, but the file has no structure tree"] \
                if claimed else []
        problems = [] if claimed == "1" else ["06-002: no PDF/UA identification (pdfuaid:part)"]
        if not doc.Root.get("/MarkInfo", Dictionary()).get("/Marked", False):
            problems.append("7.1: MarkInfo /Marked is not true")
        if not doc.open_metadata().get("dc:title"):
            problems.append("06-003: no dc:title in the XMP metadata")
        if not doc.Root.get("/ViewerPreferences", Dictionary()).get("/DisplayDocTitle", False):
            problems.append("07-001: ViewerPreferences /DisplayDocTitle is not true")
        if not str(doc.Root.get("/Lang", "")):
            problems.append("11-001: the catalog names no language (/Lang)")
        nums = list(root.get("/ParentTree", Dictionary()).get("/Nums", Array()))
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}
        problems += _check_elements(_structure(root))
        problems += _check_content(doc, tree)
        problems += _check_annotations(doc, tree)
        problems += _check_notdef(doc) + _check_unicode(doc)
    return list(dict.fromkeys(problems))


def _structure(root: Any) -> list[tuple[Dictionary, Dictionary | None]]:
    """Every structure element, in the tree's order, with its parent element."""
    found: list[tuple[Dictionary, Dictionary | None]] = []

    def walk(node: Any, parent: Dictionary | None) -> None:
        if not isinstance(node, Dictionary) or node.get("/Type", Name.StructElem) != \
                Name.StructElem or "/S" not in node:
            return
        found.append((node, parent))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, Array) else [kids]:
            walk(kid, node)

    kids = root.get("/K")
    for kid in kids if isinstance(kids, Array) else [kids]:
        walk(kid, None)
    return found


def _check_elements(elements: list[tuple[Dictionary, Dictionary | None]]) -> list[str]:
    """Standard types (02-001), where they stand (09-004, 09-005), headings
    (14-002, 14-003), alternative text of figures (13-004)."""
    problems, level = [], 0
    for element, parent in elements:
        role = str(element.S)[1:]
        if role not in STANDARD_TYPES:
            problems.append(f"02-001: structure type {role} is not a standard one")
        allowed = PARENTS.get(role)
        if allowed and (parent is None or str(parent.S)[1:] not in allowed):
            where = str(parent.S)[1:] if parent is not None else "the root"
            point = "09-004" if role[0] == "T" else "09-005"  # tables, lists
            problems.append(f"{point}: {role} stands in {where}, not in "
                            f"{'/'.join(sorted(allowed))}")
        if role in {"H1", "H2", "H3", "H4", "H5", "H6"}:
            number = int(role[1])
            if level == 0 and number != 1:
                problems.append(f"14-002: the first heading is {role}, not H1")
            elif number > level + 1 and level:
                problems.append(f"14-003: a heading {role} follows H{level}: a level skipped")
            level = number
        if role == "Figure" and not str(element.get("/Alt", "")).strip() and \
                not str(element.get("/ActualText", "")).strip():
            problems.append("13-004: a figure has no alternative text")
    return problems


def _check_content(doc: Pdf, tree: dict[int, Any]) -> list[str]:
    """Every painting operator in tagged or artifact content (01-005), no
    artifact within tagged content (01-003), balanced sequences, every MCID of
    a page in the parent tree (7.1), the tab order of a page with annotations
    (7.18.3)."""
    problems = []
    for number, page in enumerate(doc.pages, start=1):
        if page.obj.get("/Tabs") != Name.S and "/Annots" in page.obj:
            problems.append(f"page {number}: 7.18.3: annotations, but no tab order /Tabs /S")
        stack: list[str] = []
        mcids: list[int] = []
        for instruction in pikepdf.parse_content_stream(page):
            op = "INLINE IMAGE" if isinstance(instruction, InlineImage) \
                else str(instruction.operator)
            if op in ("BDC", "BMC"):
                tag = str(instruction.operands[0])[1:]
                properties = instruction.operands[1] if op == "BDC" else None
                if tag == "Artifact" and any(kind != "Artifact" for kind in stack):
                    problems.append(f"page {number}: 01-003: an artifact inside tagged content")
                if isinstance(properties, Dictionary) and "/MCID" in properties:
                    mcids.append(int(properties.MCID))
                    stack.append("MCID")
                else:
                    stack.append(tag if tag == "Artifact" else "other")
            elif op == "EMC":
                if not stack:
                    problems.append(f"page {number}: 7.1: EMC without its BDC")
                else:
                    stack.pop()
            elif op in _PAINTS and not any(kind in ("MCID", "Artifact") for kind in stack):
                problems.append(f"page {number}: 01-005: content neither tagged nor an artifact")
        if stack:
            problems.append(f"page {number}: 7.1: a marked-content sequence left open")
        if mcids:
            parents = tree.get(int(page.obj.get("/StructParents", -1)))
            if not isinstance(parents, Array) or len(parents) < max(mcids) + 1 or any(
                    not isinstance(parents[mcid], Dictionary) for mcid in mcids):
                problems.append(f"page {number}: 7.1: marked content not in the parent tree")
    return problems


def _check_notdef(doc: Pdf) -> list[str]:
    """No glyph shown is CID 0, the .notdef glyph (7.21.8), in the composite
    fonts (matplotlib's charts) whose codes are CIDs."""
    problems = []
    for where, owner, resources in content_streams(doc):
        fonts = resources.get("/Font", Dictionary())
        font: Any = None
        for instruction in pikepdf.parse_content_stream(owner, "Tf Tj TJ ' \""):
            operands, operator = instruction.operands, instruction.operator  # type: ignore[union-attr]
            if str(operator) == "Tf":
                font = fonts.get(str(operands[0]))
                continue
            if font is None or font.get("/Subtype") != Name.Type0 or \
                    font.get("/Encoding") not in (Name("/Identity-H"), Name("/Identity-V")):
                continue
            shown = operands[-1] if str(operator) != "TJ" else operands[0]
            for part in shown if isinstance(shown, Array) else [shown]:
                data = bytes(part) if isinstance(part, pikepdf.String) else b""
                if any(data[i:i + 2] == b"\0\0" for i in range(0, len(data) - 1, 2)):
                    problems.append(f"{where}: 7.21.8: the .notdef glyph (CID 0) of "
                                    f"{font.get('/BaseFont')} is shown")
    return problems


def _check_unicode(doc: Pdf) -> list[str]:
    """Every font used maps its codes to Unicode (7.21.7): a ``/ToUnicode``
    CMap, or a simple font with a standard encoding and no symbols."""
    problems = []
    for where, _owner, resources in content_streams(doc):
        for name, font in resources.get("/Font", Dictionary()).items():
            simple = font.get("/Subtype") in (Name.Type1, Name.TrueType) and font.get(
                "/Encoding") in (Name.WinAnsiEncoding, Name.MacRomanEncoding)
            if "/ToUnicode" not in font and not simple:
                problems.append(f"{where}: 7.21.7: font {font.get('/BaseFont', name)} maps "
                                f"no code to Unicode")
    return problems


def _check_annotations(doc: Pdf, tree: dict[int, Any]) -> list[str]:
    """Every annotation described (/Contents, 28-004) and in the tree: a link
    in a Link element that holds it by an OBJR (28-002, 28-011)."""
    problems = []
    for number, page in enumerate(doc.pages, start=1):
        for annotation in page.obj.get("/Annots", Array()):
            kind = str(annotation.get("/Subtype", ""))
            if kind in ("/Popup", "/PrinterMark", "/TrapNet"):
                continue
            if not str(annotation.get("/Contents", "")).strip():
                problems.append(f"page {number}: 28-004: a {kind[1:]} annotation has no /Contents")
            parent: Any = tree.get(int(annotation.get("/StructParent", -1)))
            kids = parent.get("/K") if isinstance(parent, Dictionary) else None
            holds = any(isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR
                        and kid.Obj.objgen == annotation.objgen
                        for kid in (kids if isinstance(kids, Array) else [kids]))
            if not holds:
                problems.append(f"page {number}: 28-002: a {kind[1:]} annotation is not in the "
                                f"structure tree")
            elif kind == "/Link" and Name.Link != parent.S:
                problems.append(f"page {number}: 28-011: a link is not in a Link element")
    return problems
