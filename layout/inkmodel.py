"""The ink model of the "Newsletter generic CMYK" profile, and its bytes.

Computed with numpy, which only this module imports: a build takes the
profile from :mod:`layout.cache` (see :func:`layout.icc.generic_cmyk_profile`)
and imports this module only when the profile is made.

The ink model (paper = sRGB white, everything in gamma-encoded sRGB):

- each ink's coverage ``v`` gains dot gain ``v + DOT_GAIN·v·(1 - v)``;
- CMYK to RGB is multiplicative: ``r = (1 - c')(1 - k')``, ``g = (1 - m')(1 -
  k')``, ``b = (1 - y')(1 - k')``; RGB is sRGB, taken to Lab (D50) for the
  profile connection space (table ``A2B0``);
- the inverse (table ``B2A0``) separates with full grey-component
  replacement: ``k' = 1 - max(r, g, b)``, ``c' = 1 - r / max(r, g, b)``
  and so on, so neutrals are black ink only and at most two chromatic inks
  join black; in the deepest shadows (``max(r, g, b) <`` :data:`SHADOW_FADE`)
  the chromatic inks fade out smoothly; the total ink is capped at
  :data:`TOTAL_INK_LIMIT` (which full GCR already keeps).

This module only computes: it reads and writes no files.
"""

from __future__ import annotations

import io
import struct

import numpy as np
from numpy.typing import NDArray

from .icc import PROFILE_DATE

Floats = NDArray[np.float64]

CMYK_DESCRIPTION = "Newsletter generic CMYK (approximation, not a press characterisation)"
COPYRIGHT = "Public domain / CC0: no rights reserved"
#: Dot gain of the ink model: a 50% tint prints as 50% + DOT_GAIN/4 (56%).
DOT_GAIN = 0.25
#: The highest total of the four inks the B2A0 table gives (1.0 = 100%).
TOTAL_INK_LIMIT = 3.0
#: Below this lightness (the largest sRGB channel) chromatic inks fade out,
#: so that the separation stays continuous at black and black is K only.
SHADOW_FADE = 0.08
#: Grid points per input channel of the two colour tables.
A2B_GRID = 11
B2A_GRID = 33
GAMUT_GRID = 17

D50 = np.array([0.9642, 1.0, 0.8249])
#: Linear sRGB to XYZ, Bradford-adapted to D50 (the matrix of ICC sRGB profiles).
SRGB_TO_XYZ = np.array([[0.4360747, 0.3850649, 0.1430804],
                        [0.2225045, 0.7168786, 0.0606169],
                        [0.0139322, 0.0971045, 0.7141733]])



def generic_cmyk_profile() -> bytes:
    """The "Newsletter generic CMYK" output profile (ICC v2.4, CMYK to Lab)."""
    a2b = _lut16(_a2b_table(), input_curves=_identity_curves(4))
    b2a = _lut16(_b2a_table(), input_curves=_lab_input_curves())
    gamut = _lut16(_gamut_table(), input_curves=_lab_input_curves())
    tags = [
        (b"desc", _text_description(CMYK_DESCRIPTION)),
        (b"cprt", _text(COPYRIGHT)),
        (b"wtpt", _xyz(D50)),
        (b"A2B0", a2b), (b"A2B1", a2b), (b"A2B2", a2b),
        (b"B2A0", b2a), (b"B2A1", b2a), (b"B2A2", b2a),
        (b"gamt", gamut),
    ]
    return _profile(b"prtr", b"CMYK", b"Lab ", tags)


# -- the ink model ------------------------------------------------------------

def cmyk_to_srgb(cmyk: Floats) -> Floats:
    """Encoded sRGB (0..1) of inks (0..1), both as arrays of shape (..., 4/3)."""
    gained = cmyk + DOT_GAIN * cmyk * (1 - cmyk)
    return (1 - gained[..., :3]) * (1 - gained[..., 3:4])


def srgb_to_cmyk(rgb: Floats) -> Floats:
    """Inks (0..1) for encoded sRGB (0..1): full GCR, then the total ink limit."""
    rgb = np.clip(rgb, 0.0, 1.0)
    white = rgb.max(axis=-1, keepdims=True)
    fade = np.clip(white / SHADOW_FADE, 0.0, 1.0)
    chromatic = (1 - rgb / np.maximum(white, 1e-12)) * fade * fade * (3 - 2 * fade)
    black = 1 - white
    inks = _remove_dot_gain(np.clip(np.concatenate([chromatic, black], axis=-1), 0.0, 1.0))
    total = inks.sum(axis=-1, keepdims=True)
    excess = np.clip(total - TOTAL_INK_LIMIT, 0.0, None)
    colour = inks[..., :3].sum(axis=-1, keepdims=True)
    scale = np.where(colour > 0, 1 - excess / np.maximum(colour, 1e-12), 1.0)
    return np.concatenate([inks[..., :3] * scale, inks[..., 3:]], axis=-1)


def _remove_dot_gain(gained: Floats) -> Floats:
    """The coverage ``v`` with ``v + DOT_GAIN·v·(1 - v) = gained``."""
    g = DOT_GAIN
    return ((1 + g) - np.sqrt((1 + g) ** 2 - 4 * g * gained)) / (2 * g)


def srgb_to_lab(rgb: Floats) -> Floats:
    """CIE Lab (D50) of encoded sRGB."""
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    xyz = linear @ SRGB_TO_XYZ.T / D50
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]),
                     200 * (f[..., 1] - f[..., 2])], axis=-1)


def lab_to_linear_srgb(lab: Floats) -> Floats:
    """Linear sRGB of CIE Lab (D50), not clipped: outside 0..1 is out of gamut."""
    fy = (lab[..., 0] + 16) / 116
    f = np.stack([fy + lab[..., 1] / 500, fy, fy - lab[..., 2] / 200], axis=-1)
    xyz = np.where(f > 6 / 29, f**3, 3 * (6 / 29) ** 2 * (f - 4 / 29)) * D50
    result: Floats = xyz @ np.linalg.inv(SRGB_TO_XYZ).T
    return result


def _encode_srgb(linear: Floats) -> Floats:
    linear = np.clip(linear, 0.0, 1.0)
    return np.where(linear <= 0.0031308, 12.92 * linear,
                    1.055 * np.power(linear, 1 / 2.4) - 0.055)


# -- the tables -----------------------------------------------------------------

def _grid(points: int, channels: int) -> Floats:
    """Every node of a colour table (first channel varying slowest), in 0..1."""
    axis = np.linspace(0.0, 1.0, points)
    mesh = np.meshgrid(*([axis] * channels), indexing="ij")
    return np.stack(mesh, axis=-1).reshape(-1, channels)


def _grid_lab(points: int) -> Floats:
    """The Lab of each B2A node: L spans 0..100 (see the input curves), a and
    b the v2 encoding's -128..127.996."""
    node = _grid(points, 3)
    return np.stack([node[:, 0] * 100, node[:, 1] * 65535 / 256 - 128,
                     node[:, 2] * 65535 / 256 - 128], axis=-1)


def _a2b_table() -> Floats:
    """Lab in the ICC v2 16-bit encoding (as 0..1) for each CMYK node."""
    lab = srgb_to_lab(cmyk_to_srgb(_grid(A2B_GRID, 4)))
    return np.stack([lab[:, 0] * 652.80, (lab[:, 1] + 128) * 256,
                     (lab[:, 2] + 128) * 256], axis=-1) / 65535


def _b2a_table() -> Floats:
    return srgb_to_cmyk(_encode_srgb(lab_to_linear_srgb(_grid_lab(B2A_GRID))))


def _gamut_table() -> Floats:
    """0 where a Lab node is inside the gamut (sRGB's), 1 where outside."""
    linear = lab_to_linear_srgb(_grid_lab(GAMUT_GRID))
    outside = np.asarray((linear < -1e-3) | (linear > 1 + 1e-3)).any(axis=-1)
    return np.asarray(outside, dtype=np.float64).reshape(-1, 1)


def _identity_curves(channels: int) -> Floats:
    return np.tile(np.linspace(0.0, 1.0, 256), (channels, 1))


def _lab_input_curves() -> Floats:
    """L* 100 (v2 code 0xFF00) onto the last grid node; a* and b* unchanged."""
    codes = np.linspace(0.0, 65535.0, 256)
    lightness = np.clip(codes / 65280, 0.0, 1.0)
    return np.stack([lightness, codes / 65535, codes / 65535])


# -- the ICC file format ----------------------------------------------------------

def _u16(values: Floats) -> bytes:
    return np.round(np.clip(values, 0.0, 1.0) * 65535).astype(">u2").tobytes()


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _lut16(table: Floats, input_curves: Floats) -> bytes:
    """A ``lut16Type`` (mft2): input curves, colour table, identity output curves."""
    inputs, outputs = input_curves.shape[0], table.shape[1]
    points = round(len(table) ** (1 / inputs))
    matrix = b"".join(_s15(float(v)) for v in np.eye(3).ravel())
    header = b"mft2" + bytes(4) + bytes([inputs, outputs, points, 0]) + matrix
    counts = struct.pack(">HH", input_curves.shape[1], 2)
    output_curves = np.tile([0.0, 1.0], outputs)
    return header + counts + _u16(input_curves) + _u16(table) + _u16(output_curves)


def _text_description(text: str) -> bytes:
    """A v2 ``textDescriptionType``: ASCII only, no Unicode or ScriptCode part."""
    ascii_text = text.encode("ascii") + b"\0"
    return (b"desc" + bytes(4) + struct.pack(">I", len(ascii_text)) + ascii_text
            + bytes(8) + bytes(3) + bytes(67))


def _text(text: str) -> bytes:
    return b"text" + bytes(4) + text.encode("ascii") + b"\0"


def _xyz(xyz: Floats) -> bytes:
    return b"XYZ " + bytes(4) + b"".join(_s15(float(v)) for v in xyz)


def _profile(device_class: bytes, colour_space: bytes, connection: bytes,
             tags: list[tuple[bytes, bytes]]) -> bytes:
    """Header, tag table and tag data (shared data written once, 4-byte aligned)."""
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    placed: dict[bytes, tuple[int, int]] = {}
    entries, data = [], io.BytesIO()
    for signature, content in tags:
        if content not in placed:
            placed[content] = (offset + data.tell(), len(content))
            data.write(content + bytes(-len(content) % 4))
        entries.append(signature + struct.pack(">II", *placed[content]))
    body = struct.pack(">I", len(tags)) + b"".join(entries) + data.getvalue()
    size = 128 + len(body)
    header = (struct.pack(">I", size) + bytes(4) + bytes([2, 0x40, 0, 0]) + device_class
              + colour_space + connection + struct.pack(">6H", *PROFILE_DATE) + b"acsp"
              + bytes(4) + bytes(4) + bytes(8) + bytes(8) + struct.pack(">I", 0)
              + b"".join(_s15(float(v)) for v in D50) + bytes(4) + bytes(16) + bytes(28))
    assert len(header) == 128
    return header + body
