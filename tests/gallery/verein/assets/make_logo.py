"""Draws logo.png, the stand-in logo of the made-up "Verein Grünes Band e. V."
(a test of the house style; no real association's mark). Run from this folder:
python make_logo.py. The lettering is set in PT Sans Bold of the engine's fonts/
(SIL Open Font License)."""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path(__file__).resolve().parents[4] / "fonts" / "PTSans-Bold.ttf"
WHITE, PALE = (255, 255, 255, 255), (200, 235, 205, 255)

image = Image.new("RGBA", (640, 260), (0, 0, 0, 0))
draw = ImageDraw.Draw(image)
# a leaf: two arcs, and its vein
draw.pieslice((10, 30, 250, 270), 180, 270, fill=WHITE)
draw.pieslice((10, -10, 250, 230), 90, 180, fill=None)
draw.ellipse((30, 40, 210, 220), fill=WHITE)
draw.polygon([(120, 30), (230, 30), (230, 130)], fill=WHITE)
draw.line((60, 190, 200, 60), fill=(31, 111, 67, 255), width=10)
draw.line((120, 130, 120, 80), fill=(31, 111, 67, 255), width=7)
draw.line((140, 110, 190, 110), fill=(31, 111, 67, 255), width=7)
big = ImageFont.truetype(str(FONT), 84)
small = ImageFont.truetype(str(FONT), 30)
draw.text((270, 40), "Grünes", font=big, fill=WHITE)
draw.text((270, 125), "Band e. V.", font=big, fill=PALE)
draw.text((272, 222), "PLATZHALTER-LOGO", font=small, fill=PALE)
image.save(Path(__file__).with_name("logo.png"), optimize=True)
