"""ICC colour profiles made here, without third-party files.

Two profiles, each as the bytes of an ICC file, the same bytes on every run:

- :func:`srgb_profile`: the standard sRGB display profile of LittleCMS (as
  Pillow builds it), its creation date fixed so that the bytes are stable.
- :func:`generic_cmyk_profile`: a small ICC v2 CMYK *output* profile,
  "Newsletter generic CMYK". It is an approximation from a simple, documented
  ink model (:mod:`layout.inkmodel`), not the characterisation of a press:
  licence-clean, good enough to separate photos and brand colours
  plausibly, not a FOGRA39 replacement.

:func:`transform` converts between profiles, always the same way.
"""

from __future__ import annotations

import functools
import hashlib
import io
import struct
from pathlib import Path

from PIL import ImageCms

from . import cache

#: The fixed creation date written into both profiles' headers.
PROFILE_DATE = (2022, 1, 1, 0, 0, 0)


@functools.cache
def srgb_profile() -> bytes:
    """The sRGB profile of LittleCMS (ICC v4), with a fixed creation date."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    # Bytes 24-35 hold the creation date; the profile ID (84-99), an MD5 over a
    # header with that date, is zeroed: "not computed", as LittleCMS leaves it.
    return profile[:24] + struct.pack(">6H", *PROFILE_DATE) + profile[36:84] + bytes(16) + \
        profile[100:]


@functools.cache
def generic_cmyk_profile() -> bytes:
    """The "Newsletter generic CMYK" output profile (ICC v2.4, CMYK to Lab).

    Made by :mod:`layout.inkmodel` and kept in :mod:`layout.cache`, keyed by
    that module's source and numpy's version: a build need not import numpy.
    """
    model = Path(__file__).with_name("inkmodel.py")
    name = cache.key("generic-cmyk", hashlib.sha256(model.read_bytes()).hexdigest(),
                     hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
                     cache.package_version("numpy")) + ".icc"
    profile = cache.read("profiles", name)
    if profile is None:
        from . import inkmodel

        profile = inkmodel.generic_cmyk_profile()
        cache.write("profiles", name, profile)
    return profile


@functools.lru_cache(maxsize=8)  # 30 ms to build; newsletter watch needs the same ones
def transform(source: bytes, target: bytes, source_mode: str,
              target_mode: str) -> ImageCms.ImageCmsTransform:
    """The engine's one kind of colour conversion between two profiles (Pillow
    modes such as "RGB" and "CMYK"): relative colorimetric with black point
    compensation. Without LittleCMS' cache of the last colour, so that one
    transform may convert several pictures at once, in threads."""
    return ImageCms.buildTransform(
        ImageCms.ImageCmsProfile(io.BytesIO(source)), ImageCms.ImageCmsProfile(io.BytesIO(target)),
        source_mode, target_mode, renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION | ImageCms.Flags.NOCACHE)
