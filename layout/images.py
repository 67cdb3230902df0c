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
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import dataclass
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
#: Raise when the preparation below changes, so that cached pictures are made anew.
PICTURE_VERSION = 1
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

    @property
    def source(self) -> str | io.BytesIO:
        """What ReportLab's ``Image`` flowable takes."""
        return str(self.path) if self.data is None else io.BytesIO(self.data)

    @property
    def reader(self) -> str | ImageReader:
        """What the canvas' ``drawImage`` takes."""
        return str(self.path) if self.data is None else PictureReader(self.data)


class PictureReader(ImageReader):  # type: ignore[misc]
    """ReportLab's ``ImageReader`` for a picture's bytes, which names a JPEG by a
    hash of its bytes. ``drawImage`` tells pictures apart by a digest of what
    ``getRGBData`` returns, which would decode the whole photo; a JPEG is
    then copied into the PDF as it is, its pixels never used."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self._identity = b"sha256:" + hashlib.sha256(data).digest()

    def getRGBData(self) -> bytes:
        if getattr(self._image, "format", None) == "JPEG" and self.jpeg_fh() is not None:
            self._dataA = None  # no alpha channel: drawImage asks
            return self._identity
        return bytes(super().getRGBData())


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
    name = cache.key("picture", PICTURE_VERSION, hashlib.sha256(path.read_bytes()).hexdigest(),
                     limit, cache.package_version("pillow"))
    kept = cache.read("pictures", name)
    if kept == _AS_IS:
        return _as_is(path)
    if kept is not None:
        with Image.open(io.BytesIO(kept)) as image:
            return Picture(path, kept, image.width, image.height)
    picture = _make(path, limit)
    cache.write("pictures", name, picture.data if picture.data is not None else _AS_IS)
    return picture


def _as_is(path: Path) -> Picture:
    with Image.open(path) as image:
        return Picture(path, None, image.width, image.height)


def _make(path: Path, limit: tuple[int, int]) -> Picture:
    """Open, turn, convert and downsample ``path`` as :func:`prepare` says."""
    with Image.open(path) as image:
        orientation = image.getexif().get(_ORIENTATION, 1)
        too_large = image.width > limit[0] * 1.5 or image.height > limit[1] * 1.5
        plain_jpeg = image.format == "JPEG" and image.mode in ("RGB", "L")
        if plain_jpeg and orientation == 1 and not too_large:
            return Picture(path, None, image.width, image.height)
        if image.format == "JPEG" and too_large:
            image.draft("RGB", limit)  # decode at a fraction of the size
        picture = ImageOps.exif_transpose(image) or image
        picture.load()
    if picture.mode in ("RGBA", "LA", "P") and _has_alpha(picture):
        picture = picture.convert("RGBA")
    elif picture.mode != "RGB":
        picture = picture.convert("RGB")  # CMYK too: Pillow reads Adobe's inverted CMYK right
    if picture.width > limit[0] or picture.height > limit[1]:
        picture.thumbnail(limit, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if picture.mode == "RGBA":
        picture.save(buffer, "PNG", optimize=False)
    else:
        picture.save(buffer, "JPEG", quality=90, subsampling=0)
    return Picture(path, buffer.getvalue(), picture.width, picture.height)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA") or "transparency" in image.info

