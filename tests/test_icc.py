"""The profiles of layout.icc: valid for LittleCMS, stable bytes, a sane ink model."""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator, Sequence

import numpy as np
import pytest
from PIL import Image, ImageCms

from layout import icc, inkmodel
from layout.inkmodel import Floats
from layout.theme import Colours

#: The highest total ink the tests accept, in 8-bit units (300%).
INK_LIMIT = 3 * 255


@pytest.fixture(autouse=True)
def fresh_profiles() -> Iterator[None]:
    """Every test builds the profiles anew, so that caching hides nothing."""
    icc.srgb_profile.cache_clear()
    icc.generic_cmyk_profile.cache_clear()
    yield


def to_cmyk(rgb: Sequence[tuple[int, ...]]) -> list[tuple[int, ...]]:
    transform = icc.transform(icc.srgb_profile(), icc.generic_cmyk_profile(), "RGB", "CMYK")
    return pixels(transform.apply(image("RGB", rgb)))


def to_rgb(cmyk: Sequence[tuple[int, ...]]) -> list[tuple[int, ...]]:
    transform = icc.transform(icc.generic_cmyk_profile(), icc.srgb_profile(), "CMYK", "RGB")
    return pixels(transform.apply(image("CMYK", cmyk)))


def image(mode: str, colours: Sequence[tuple[int, ...]]) -> Image.Image:
    array = np.array(colours, dtype=np.uint8).reshape(1, len(colours), len(mode))
    return Image.fromarray(array, mode)


def pixels(picture: Image.Image) -> list[tuple[int, ...]]:
    return [tuple(int(v) for v in p) for p in np.asarray(picture).reshape(-1, len(picture.mode))]


def brand_cmyk() -> tuple[int, ...]:
    return tuple(round(v * 255) for v in Colours.brand.cmyk())


@pytest.mark.parametrize("name", ["srgb_profile", "generic_cmyk_profile"])
def test_profile_bytes_are_reproducible(name: str) -> None:
    first = getattr(icc, name)()
    # Made anew: Pillow's sRGB profile, the ink model's CMYK one (not the cache).
    icc.srgb_profile.cache_clear()
    second = icc.srgb_profile() if name == "srgb_profile" else inkmodel.generic_cmyk_profile()
    assert second == first and second is not first
    assert struct.unpack(">I", first[:4])[0] == len(first)
    assert first[36:40] == b"acsp"


def test_srgb_profile_is_lcms_srgb_with_a_fixed_date() -> None:
    profile = ImageCms.ImageCmsProfile(io.BytesIO(icc.srgb_profile())).profile
    assert profile.xcolor_space == "RGB "
    assert "sRGB" in (profile.profile_description or "")
    assert struct.unpack(">6H", icc.srgb_profile()[24:36]) == icc.PROFILE_DATE


def test_cmyk_profile_is_an_output_profile_pillow_can_open() -> None:
    data = icc.generic_cmyk_profile()
    profile = ImageCms.ImageCmsProfile(io.BytesIO(data)).profile
    assert profile.profile_description == inkmodel.CMYK_DESCRIPTION
    assert "CC0" in (profile.copyright or "")
    assert (profile.device_class, profile.xcolor_space, profile.connection_space) == (
        "prtr", "CMYK", "Lab ")
    assert profile.version == pytest.approx(2.4)
    tags = {data[132 + 12 * i:136 + 12 * i] for i in range(struct.unpack(">I", data[128:132])[0])}
    assert {b"desc", b"cprt", b"wtpt", b"A2B0", b"B2A0", b"gamt"} <= tags


def test_white_takes_no_ink_and_black_is_black_ink_only() -> None:
    white, black = to_cmyk([(255, 255, 255), (0, 0, 0)])
    assert white == (0, 0, 0, 0)
    assert black == (0, 0, 0, 255)
    assert to_rgb([(0, 0, 0, 255), (0, 0, 0, 0)]) == [(0, 0, 0), (255, 255, 255)]


def test_greys_are_black_ink_only_and_darker_grey_takes_more() -> None:
    separations = to_cmyk([(v, v, v) for v in range(256)])
    assert all(c == m == y == 0 for c, m, y, _ in separations)
    blacks = [k for *_, k in separations]
    assert blacks == sorted(blacks, reverse=True)


def delta_e(first: Sequence[tuple[int, ...]], second: Sequence[tuple[int, ...]]) -> Floats:
    """CIE76 colour differences of sRGB colours (1 is about a just noticeable one)."""
    lab = [inkmodel.srgb_to_lab(np.array(colours, dtype=np.float64) / 255)
           for colours in (first, second)]
    return np.asarray(np.linalg.norm(lab[0] - lab[1], axis=-1))


def test_brand_colour_round_trips() -> None:
    screen = to_rgb([brand_cmyk()])
    again = to_rgb(to_cmyk(screen))
    assert delta_e(screen, again).max() < 2
    # The tables sample the ink model: the profile gives the model's colour.
    brand = inkmodel.cmyk_to_srgb(np.array(Colours.brand.cmyk()))
    expected = [tuple(round(v * 255) for v in brand)]
    assert delta_e(screen, expected).max() < 1


def test_no_colour_takes_more_than_300_percent_ink() -> None:
    axis = np.linspace(0, 255, 18).round().astype(int)
    cube = [(int(r), int(g), int(b)) for r in axis for g in axis for b in axis]
    separations = np.array(to_cmyk(cube))
    assert separations.sum(axis=1).max() <= INK_LIMIT
    inks = inkmodel.srgb_to_cmyk(np.array(cube) / 255)
    assert inks.sum(axis=1).max() <= inkmodel.TOTAL_INK_LIMIT + 1e-9


def test_colours_survive_the_round_trip() -> None:
    rng = np.random.default_rng(7)
    colours = [tuple(int(v) for v in c) for c in rng.integers(0, 256, (2000, 3))]
    error = delta_e(colours, to_rgb(to_cmyk(colours)))
    assert error.mean() < 1
    assert np.percentile(error, 99) < 3


def test_the_kept_profile_is_the_one_the_ink_model_makes() -> None:
    """A build takes the CMYK profile from the cache; it is byte for byte the
    profile the ink model computes (and made anew when the model changes)."""
    made = inkmodel.generic_cmyk_profile()
    assert icc.generic_cmyk_profile() == made  # made now and kept
    icc.generic_cmyk_profile.cache_clear()
    assert icc.generic_cmyk_profile() == made  # read back from the cache
