"""Pictures as the PDF needs them: upright, RGB, no larger than print needs.

Photos arrive from phones and shared drives: rotated by an EXIF tag, in
CMYK, with transparency, or far larger than a column. :func:`prepare` gives
ReportLab a picture it can place as is: turned upright, converted to RGB
(transparency kept as an alpha channel over white paper, never black),
downsampled to at most :data:`PRINT_PPI` at its placed size. A JPEG that
needs none of that is passed through untouched; what was made is kept in
:mod:`layout.cache` for the next build. JPEGs are decoded in
draft mode, so a 12000 × 9000 photo never sits whole in memory.
:func:`effective_ppi` tells how sharp a picture will print.

ReportLab names a picture in the PDF (``/FormXob.<md5>``) by a digest of
what it is handed: of the file *name* for a path, of the pixels for a
reader. A picture is therefore always handed over as a :class:`PictureReader`
of its bytes, named by a hash of them: the same picture gives the same PDF in
any folder, and a JPEG placed as it is is never decoded.
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps
from reportlab.lib.utils import ImageReader

from . import cache, model
from .errors import Diagnostic
from .i18n import _

#: Resolution a photo needs in print; more is thrown away.
PRINT_PPI = 300
#: Below this a photo prints visibly soft (a warning) ...
SOFT_PPI = 300
#: ... and below this, blurred (a defect under --strict).
BLURRED_PPI = 150
_ORIENTATION = 0x0112
#: What the cache keeps for a picture placed as it is.
_AS_IS = b"as is"
_TURNED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


@dataclass(frozen=True)
class Picture:
    """A picture ready for ReportLab: the file as it is, or re-encoded ``data``."""

    path: Path
    data: bytes | None
    width: int
    height: int
    #: What the PDF embeds: ``data``, or the file's bytes when it is placed as is.
    content: bytes = field(repr=False)
    #: A hash of ``content``, which names the picture in the PDF.
    digest: bytes = field(repr=False)

    @property
    def source(self) -> PictureReader:
        """What ReportLab's ``Image`` flowable takes (see :meth:`PictureReader.read`)."""
        return self.reader

    @property
    def reader(self) -> PictureReader:
        """What the canvas' ``drawImage`` takes: never a file name, which
        ReportLab would digest into the picture's name in the PDF."""
        return PictureReader(self.content, self.digest)


class PictureReader(ImageReader):  # type: ignore[misc]
    """ReportLab's ``ImageReader`` for a picture's bytes, named by their hash.

    ``drawImage`` tells pictures apart by a digest of what ``getRGBData``
    returns. For a JPEG, which ReportLab copies into the PDF as it is, that is
    the hash of its bytes, set here, so the photo is never decoded; other
    pictures are named by their pixels (and their alpha channel), which
    ReportLab decodes anyway to embed them.
    """

    def __init__(self, data: bytes, digest: bytes | None = None) -> None:
        super().__init__(io.BytesIO(data))
        if getattr(self._image, "format", None) == "JPEG" and self.jpeg_fh() is not None:
            # What ImageReader.getRGBData returns from now on, also for the
            # copy of this reader that ReportLab's Image flowable makes (which
            # shares its attributes, not its class).
            self._data = b"sha256:" + (digest or hashlib.sha256(data).digest())
            self._dataA = None  # no alpha channel: drawImage asks
            # ImageReader keeps its own bound method here, which the copy would
            # call on this reader: on Python 3.13 a reader the copy outlives
            # loses its attributes (a CPython detail). The file, not the reader.
            self.__dict__["jpeg_fh"] = functools.partial(_rewound, self.fp)

    def read(self, size: int = -1) -> bytes:
        """The picture's bytes. With this, ReportLab's ``Image`` flowable takes
        the reader as an open file, not as a file name, and draws a copy of
        it that shares its attributes (its name among them)."""
        return bytes(self.fp.read(size))


def _rewound(file: io.BytesIO) -> io.BytesIO:
    file.seek(0)
    return file


def upright_size(path: Path) -> tuple[int, int]:
    """The picture's size in pixels as it is meant to be seen (EXIF applied)."""
    stat = path.stat()
    return _upright_size(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)  # a PNG is read whole to find its EXIF
def _upright_size(path: Path, mtime: int, size: int) -> tuple[int, int]:
    with Image.open(path) as image:
        width, height = image.size
        orientation = image.getexif().get(_ORIENTATION, 1)
    return (height, width) if orientation in _TURNED else (width, height)


def effective_ppi(pixels_wide: int, placed_width: float) -> float:
    """Pixels per inch of a picture ``pixels_wide`` set ``placed_width`` points wide."""
    return pixels_wide / (placed_width / 72) if placed_width > 0 else float("inf")


def check_resolution(placed: list[tuple[model.Picture, float]]) -> tuple[list[Diagnostic],
                                                                          list[str]]:
    """Photos too coarse for print: blurred ones as warnings (at the photo's
    YAML line), soft ones as notes for the layout report."""
    warnings, notes = [], []
    for picture, width in placed:
        ppi = effective_ppi(upright_size(picture.file)[0], width)
        name = picture.file.name
        if ppi < BLURRED_PPI:
            warnings.append(Diagnostic(
                _("photo '{name}' prints at {ppi:.0f} ppi: it will look blurred").format(
                    name=name, ppi=ppi), picture.pos, "warning",
                _("use a picture at least {pixels} pixels wide (300 ppi at its size)").format(
                    pixels=round(width / 72 * PRINT_PPI))))
        elif ppi < SOFT_PPI:
            notes.append(_("photo '{name}' prints at {ppi:.0f} ppi (300 for sharp print)")
                         .format(name=name, ppi=ppi))
    return warnings, notes


def prepare(path: Path, placed_width: float, placed_height: float) -> Picture:
    """``path`` ready to place at ``placed_width`` × ``placed_height`` points."""
    stat = path.stat()
    return _prepare(path, stat.st_mtime_ns, stat.st_size, round(placed_width, 1),
                    round(placed_height, 1))


@functools.lru_cache(maxsize=64)
def _prepare(path: Path, mtime: int, size: int, placed_width: float,
             placed_height: float) -> Picture:
    limit = (max(1, round(placed_width / 72 * PRINT_PPI)),
             max(1, round(placed_height / 72 * PRINT_PPI)))
    original = path.read_bytes()
    digest = hashlib.sha256(original).digest()
    name = cache.key("picture", digest.hex(), limit)
    kept = cache.read("pictures", name)
    if kept is None:
        made = _make(original, limit)
        cache.write("pictures", name, _AS_IS if made is None else made)
    else:
        made = None if kept == _AS_IS else kept
    if made is None:
        with Image.open(io.BytesIO(original)) as image:
            return Picture(path, None, image.width, image.height, original, digest)
    with Image.open(io.BytesIO(made)) as image:
        return Picture(path, made, image.width, image.height, made,
                       hashlib.sha256(made).digest())


def _make(original: bytes, limit: tuple[int, int]) -> bytes | None:
    """The picture of ``original`` (a file's bytes) turned, converted and
    downsampled as :func:`prepare` says; None where it is placed as it is."""
    with Image.open(io.BytesIO(original)) as image:
        orientation = image.getexif().get(_ORIENTATION, 1)
        too_large = image.width > limit[0] * 1.5 or image.height > limit[1] * 1.5
        plain_jpeg = image.format == "JPEG" and image.mode in ("RGB", "L")
        if plain_jpeg and orientation == 1 and not too_large:
            return None
        if image.format == "JPEG" and too_large:
            image.draft("RGB", limit)  # decode at a fraction of the size
        # Turned where the EXIF tag says so; else the picture itself, not the
        # copy exif_transpose would make (70 MB at the largest PNG allowed).
        picture = ImageOps.exif_transpose(image) if orientation != 1 else image
        picture.load()
        if picture.mode in ("RGBA", "LA", "P") and _has_alpha(picture):
            picture = picture.convert("RGBA")
        elif picture.mode != "RGB":
            picture = picture.convert("RGB")  # CMYK too: Pillow reads Adobe's inverted CMYK
        if picture.width > limit[0] or picture.height > limit[1]:
            picture.thumbnail(limit, Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        if picture.mode == "RGBA":
            picture.save(buffer, "PNG", optimize=False)
        else:
            picture.save(buffer, "JPEG", quality=90, subsampling=0)
    return buffer.getvalue()


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA") or "transparency" in image.info

