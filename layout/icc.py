"""ICC colour profiles and the one kind of conversion between them.

Two profiles, each as the bytes of an ICC file, the same bytes on every run:

- :func:`srgb_profile`: the standard sRGB display profile of LittleCMS (as
  Pillow builds it), its creation date fixed so that the bytes are stable.
- :func:`fogra39_profile`: "Newsletter FOGRA39 (ISO Coated v2)", an ICC v2
  CMYK *output* profile of the characterised printing condition FOGRA39
  (offset on coated paper), made by ArgyllCMS from Fogra's measurements
  (``tools/make_fogra39_profile.py``) and committed in ``profiles/`` with
  its provenance: total ink at most 300 %, grey component replacement. The
  print edition's output intent (:data:`FOGRA39`) unless the issue names a
  print shop's own profile; the digital edition reads DeviceCMYK as it.

:func:`transform` converts between profiles, always the same way. This
module reads the committed profile and writes nothing.
"""

from __future__ import annotations

import functools
import io
import struct
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageCms

#: The fixed creation date written into the profiles' headers.
PROFILE_DATE = (2022, 1, 1, 0, 0, 0)
#: The committed FOGRA39 profile (see ``profiles/PROVENANCE.md``).
FOGRA39_PATH = Path(__file__).with_name("profiles") / "fogra39-newsletter.icc"


@dataclass(frozen=True)
class OutputCondition:
    """A characterised printing condition as an output intent names it."""

    #: ``OutputConditionIdentifier``: the name in the registry, e.g. "FOGRA39".
    identifier: str
    #: ``OutputCondition``: what the condition is, for people.
    condition: str
    #: ``RegistryName``: the registry of characterised conditions.
    registry: str = "http://www.color.org"


#: The print edition's default: FOGRA39 as the ICC registry describes it.
FOGRA39 = OutputCondition(
    "FOGRA39", "Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, paper type 1 "
    "or 2 = coated art, 115 g/m2, screen ruling 60/cm")
#: Registered conditions by identifier: a shop's profile with ``condition:
#: FOGRA39`` is described as the registry does.
REGISTERED = {FOGRA39.identifier: FOGRA39}


def fixed_header(profile: bytes) -> bytes:
    """``profile`` with :data:`PROFILE_DATE` as its creation date (bytes 24-35)
    and its profile ID (84-99, an MD5 over a header with the date) zeroed:
    "not computed", as LittleCMS and ArgyllCMS leave it."""
    return profile[:24] + struct.pack(">6H", *PROFILE_DATE) + profile[36:84] + bytes(16) + \
        profile[100:]


@functools.cache
def srgb_profile() -> bytes:
    """The sRGB profile of LittleCMS (ICC v4), with a fixed creation date."""
    return fixed_header(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


@functools.cache
def fogra39_profile() -> bytes:
    """The committed "Newsletter FOGRA39" output profile (ICC v2, CMYK to Lab)."""
    return FOGRA39_PATH.read_bytes()


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
