"""The profiles of layout.icc: stable bytes, the committed FOGRA39 profile as its
provenance says, the printing condition it claims, separations within 300 % ink."""

from __future__ import annotations

import hashlib
import io
import re
import struct
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image, ImageCms

from layout import icc

PROFILES = Path(__file__).resolve().parent.parent / "layout" / "profiles"
#: The highest total ink the tests accept, in 8-bit units: 300 % and a rounding step.
INK_LIMIT = 3 * 255 + 2
#: sRGB colours whose separations are checked by name.
NAMED = {"black": (0, 0, 0), "dark blue": (0, 0, 128), "navy": (20, 30, 80),
         "saturated red": (255, 0, 0), "dark red": (90, 0, 0), "dark green": (0, 60, 0),
         "dark brown": (60, 30, 10), "violet": (60, 0, 90), "blue": (0, 0, 255)}
#: FOGRA39 (ISO 12647-2:2004/Amd 1, paper type 1/2) as its characterisation
#: data says: paper, the solids and their overprints, CIELAB D50.
FOGRA39_LAB = {(0, 0, 0, 0): (95, 0, -2), (255, 0, 0, 0): (55, -37, -50),
               (0, 255, 0, 0): (48, 74, -3), (0, 0, 255, 0): (89, -5, 93),
               (0, 0, 0, 255): (16, 0, 0), (255, 255, 0, 0): (24, 22, -46),
               (0, 255, 255, 0): (47, 68, 48), (255, 0, 255, 0): (50, -65, 27)}


@pytest.fixture(autouse=True)
def fresh_profiles() -> Iterator[None]:
    """Every test reads the profiles anew, so that caching hides nothing."""
    icc.srgb_profile.cache_clear()
    icc.fogra39_profile.cache_clear()
    yield


def to_cmyk(rgb: Sequence[tuple[int, ...]]) -> NDArray[np.int64]:
    transform = icc.transform(icc.srgb_profile(), icc.fogra39_profile(), "RGB", "CMYK")
    return pixels(transform.apply(image("RGB", rgb)))


def to_rgb(cmyk: Sequence[tuple[int, ...]]) -> list[tuple[int, ...]]:
    transform = icc.transform(icc.fogra39_profile(), icc.srgb_profile(), "CMYK", "RGB")
    return [tuple(int(v) for v in p) for p in pixels(transform.apply(image("CMYK", cmyk)))]


def image(mode: str, colours: Sequence[tuple[int, ...]]) -> Image.Image:
    array = np.array(colours, dtype=np.uint8).reshape(1, len(colours), len(mode))
    return Image.fromarray(array, mode)


def pixels(picture: Image.Image) -> NDArray[np.int64]:
    return np.asarray(picture).reshape(-1, len(picture.mode)).astype(np.int64)


def cmyk_to_lab(cmyk: Sequence[tuple[int, ...]]) -> NDArray[np.float64]:
    """CIELAB (D50) of inks, absolute colorimetric, as the profile says they print."""
    transform = ImageCms.buildTransform(
        ImageCms.ImageCmsProfile(io.BytesIO(icc.fogra39_profile())),
        ImageCms.createProfile("LAB"), "CMYK", "LAB",
        renderingIntent=ImageCms.Intent.ABSOLUTE_COLORIMETRIC)
    lab = np.asarray(transform.apply(image("CMYK", cmyk))).reshape(-1, 3)
    return np.column_stack([lab[:, 0].astype(np.float64) * 100 / 255,
                            lab[:, 1:].view(np.int8).astype(np.float64)])


def header(profile: bytes) -> dict[str, bytes]:
    return {"class": profile[12:16], "space": profile[16:20], "pcs": profile[20:24],
            "date": profile[24:36], "magic": profile[36:40], "id": profile[84:100]}


def tags(profile: bytes) -> dict[bytes, bytes]:
    """The tags of an ICC profile: signature to data."""
    (count,) = struct.unpack(">I", profile[128:132])
    found = {}
    for number in range(count):
        signature, offset, size = struct.unpack(">4sII", profile[132 + 12 * number:
                                                                 144 + 12 * number])
        found[signature] = profile[offset:offset + size]
    return found


def provenance() -> dict[str, str]:
    """The size and MD5 ``PROVENANCE.md`` records for the committed profile."""
    text = (PROFILES / "PROVENANCE.md").read_text(encoding="utf-8")
    size = re.search(r"^\| size \| (\d+) bytes \|$", text, re.MULTILINE)
    md5 = re.search(r"^\| MD5 \| `([0-9a-f]{32})` \|$", text, re.MULTILINE)
    assert size and md5, "PROVENANCE.md names no size or MD5"
    return {"size": size.group(1), "md5": md5.group(1)}


# -- sRGB ----------------------------------------------------------------------------

def test_srgb_profile_bytes_are_reproducible() -> None:
    first = icc.srgb_profile()
    icc.srgb_profile.cache_clear()
    second = icc.srgb_profile()
    assert second == first and second is not first
    assert struct.unpack(">I", first[:4])[0] == len(first)
    assert first[36:40] == b"acsp"


def test_srgb_profile_is_lcms_srgb_with_a_fixed_date() -> None:
    profile = ImageCms.ImageCmsProfile(io.BytesIO(icc.srgb_profile())).profile
    assert profile.xcolor_space == "RGB "
    assert "sRGB" in (profile.profile_description or "")
    assert struct.unpack(">6H", icc.srgb_profile()[24:36]) == icc.PROFILE_DATE


# -- the committed FOGRA39 profile ---------------------------------------------------

def test_fogra39_profile_is_the_committed_file_its_provenance_describes() -> None:
    profile = icc.fogra39_profile()
    assert icc.FOGRA39_PATH == PROFILES / "fogra39-newsletter.icc"
    assert profile == icc.FOGRA39_PATH.read_bytes()
    recorded = provenance()
    assert str(len(profile)) == recorded["size"]
    assert hashlib.md5(profile).hexdigest() == recorded["md5"]
    assert len(profile) < 1_500_000  # small enough to commit and embed


def test_fogra39_profile_is_a_v2_cmyk_output_profile_with_a_fixed_header() -> None:
    data = icc.fogra39_profile()
    assert struct.unpack(">I", data[:4])[0] == len(data)
    assert header(data) == {"class": b"prtr", "space": b"CMYK", "pcs": b"Lab ",
                            "date": struct.pack(">6H", *icc.PROFILE_DATE), "magic": b"acsp",
                            "id": bytes(16)}
    assert data[8] == 2  # ICC version 2, what PDF/X-4 readers all take
    profile = ImageCms.ImageCmsProfile(io.BytesIO(data)).profile
    assert profile.profile_description == ("Newsletter FOGRA39 (ISO Coated v2), from "
                                           "FOGRA39L.ti3 via ArgyllCMS colprof")
    assert "zlib licence" in (profile.copyright or "")
    assert {b"desc", b"cprt", b"wtpt", b"A2B0", b"A2B1", b"B2A0", b"B2A1", b"gamt"} <= set(
        tags(data))


def test_fogra39_profile_prints_as_the_fogra39_characterisation() -> None:
    lab = cmyk_to_lab(list(FOGRA39_LAB))
    error = np.linalg.norm(lab - np.array(list(FOGRA39_LAB.values())), axis=1)
    assert error.max() < 2, dict(zip(FOGRA39_LAB, error.round(2), strict=True))


def test_print_condition_is_the_registered_fogra39() -> None:
    assert icc.FOGRA39.identifier == "FOGRA39"
    assert icc.FOGRA39.registry == "http://www.color.org"
    assert icc.FOGRA39.condition == (
        "Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, paper type 1 or 2 = "
        "coated art, 115 g/m2, screen ruling 60/cm")
    assert icc.REGISTERED["FOGRA39"] is icc.FOGRA39


# -- separations through it ----------------------------------------------------------

def test_white_takes_no_ink() -> None:
    assert to_cmyk([(255, 255, 255)]).tolist() == [[0, 0, 0, 0]]


@pytest.mark.parametrize("name", list(NAMED))
def test_named_colours_take_at_most_300_percent_ink(name: str) -> None:
    (separation,) = to_cmyk([NAMED[name]])
    assert separation.sum() <= INK_LIMIT, separation


def test_no_srgb_colour_takes_more_than_300_percent_ink() -> None:
    axis = np.linspace(0, 255, 24).round().astype(int)
    cube = [(int(r), int(g), int(b)) for r in axis for g in axis for b in axis]
    totals = to_cmyk(cube).sum(axis=1)
    assert totals.max() <= INK_LIMIT, cube[int(totals.argmax())]


def test_black_is_a_rich_black_near_the_limit_and_greys_use_black_ink() -> None:
    black, grey, dark = to_cmyk([(0, 0, 0), (128, 128, 128), (51, 51, 51)])
    assert black[3] >= 250 and black.sum() >= 2.7 * 255  # the darkest the press prints
    # Grey component replacement: black ink carries neutrals and dark tones.
    assert grey[3] > max(grey[:3]) and dark[3] > max(dark[:3])
    ramp = to_cmyk([(v, v, v) for v in range(0, 256, 5)])
    assert np.diff(ramp[:, 3]).max() <= 2  # less black for lighter greys (within the tables)


def test_print_colours_survive_a_round_trip() -> None:
    """CMYK within the ink limit, to Lab and back through the profile's tables:
    the same colour (the tables' accuracy, measured by profcheck, 0.16 ΔE)."""
    rng = np.random.default_rng(7)
    inks = rng.integers(0, 256, (500, 4))
    inks = inks[inks.sum(axis=1) <= 3 * 255]
    colours = [tuple(int(v) for v in c) for c in inks]
    screen = to_rgb(colours)
    again = to_rgb([tuple(int(v) for v in c) for c in to_cmyk(screen)])
    difference = np.abs(np.array(screen) - np.array(again))
    assert difference.mean() < 1 and np.percentile(difference, 99) < 8
