"""Regenerate the stand-in photos and logo of the sample issue.

The customer's issue names photos and a funder's logo that we do not have.
These stand-ins are licence-clean and say on their face that they are
stand-ins:

* the portrait is the public-domain photo of Grace Hopper (U.S. Navy) that
  matplotlib ships as sample data;
* the landscape pictures are hill-shaded renderings of the public-domain USGS
  elevation model (Jacksboro fault) that matplotlib ships as sample data;
* the funder's logo is drawn here from plain shapes and text.

Run ``python tools/make_standins.py`` from the project root; the
output is committed, so a build never needs to run this.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from matplotlib import cbook, font_manager  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.colors import LightSource  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "assets" / "standins"  # where the pictures go
FONTS = ROOT / "fonts"
LABEL = "PLATZHALTER · stand-in"


def _font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    name = "PTSans-Bold.ttf" if bold else "PTSans-Regular.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def _stamp(image: Image.Image, subject: str) -> Image.Image:
    """Write the stand-in label and what the picture stands for onto it."""
    image = image.convert("RGB")
    draw = ImageDraw.Draw(image, "RGBA")
    size = max(image.width // 28, 14)
    text = f"{LABEL}: {subject}"
    box = draw.textbbox((0, 0), text, font=_font(size))
    pad = size // 2
    draw.rectangle((0, image.height - box[3] - 2 * pad, box[2] + 2 * pad, image.height),
                   fill=(255, 255, 255, 200))
    draw.text((pad, image.height - box[3] - pad), text, font=_font(size), fill=(20, 20, 20))
    return image


def portrait() -> None:
    with cbook.get_sample_data("grace_hopper.jpg") as file:
        photo = Image.open(file).convert("RGB")
    photo = photo.crop((26, 20, 486, 594))
    _stamp(photo, "Porträt").save(HERE / "portrait.jpg", quality=88, optimize=True)


def landscape(name: str, subject: str, azimuth: float, cmap: str, window: tuple[slice, slice],
              size: tuple[int, int]) -> None:
    dem = cbook.get_sample_data("jacksboro_fault_dem.npz")["elevation"][window]
    shade = LightSource(azdeg=azimuth, altdeg=35).shade(
        dem.astype(float), cmap=plt.get_cmap(cmap), vert_exag=0.08, blend_mode="soft")
    image = Image.fromarray((shade[..., :3] * 255).astype("uint8"))
    image = image.resize(size, Image.Resampling.BICUBIC)
    _stamp(image, subject).save(HERE / name, quality=85, optimize=True)


def logo() -> None:
    """A stand-in funder's logo: an emblem and the ministry's name, 1600 px wide."""
    width, height = 1600, 560
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    green = (0, 122, 61)
    for row in range(5):
        colour = green if row % 2 == 0 else (250, 200, 0)
        draw.rectangle((40, 60 + row * 80, 300, 60 + (row + 1) * 80), fill=colour)
    draw.rectangle((40, 60, 300, 460), outline=(30, 30, 30), width=6)
    lines = ["STAATSMINISTERIUM", "FÜR SOZIALES UND", "GESELLSCHAFTLICHEN", "ZUSAMMENHALT"]
    for index, line in enumerate(lines):
        draw.text((360, 60 + index * 100), line, font=_font(84), fill=(30, 30, 30))
    draw.text((360, 480), LABEL + " (Logo)", font=_font(44, bold=False), fill=(200, 0, 0))
    image.save(HERE / "funder-logo.png", optimize=True)


def main() -> None:
    font_manager.fontManager.addfont(str(FONTS / "PTSans-Regular.ttf"))
    portrait()
    full = (slice(None), slice(None))
    landscape("team.jpg", "Team", 315, "cividis", full, (1800, 1200))
    landscape("plenum.jpg", "Plenum", 200, "gist_earth", full, (2400, 1350))
    landscape("workshop.jpg", "Workshop", 60, "copper", (slice(40, 300), slice(0, 340)), (1800, 1200))
    landscape("cover.jpg", "Titelbild", 270, "viridis", full, (2600, 1900))
    logo()


if __name__ == "__main__":
    main()
