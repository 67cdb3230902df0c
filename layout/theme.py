"""The newsletter's design in one place: page geometry, type scale, colours.

Every size the engine uses is defined here once; :mod:`layout.styles` turns
the type scale into paragraph styles, :mod:`layout.pages` the geometry into
page templates. :data:`DEFAULT` is the engine's own design; a publisher's
house style (:mod:`layout.style`) is this design with what its
``style.yaml`` sets replaced. Lengths are in points unless a name ends in ``_mm``.
Colours are CMYK, as the print shop needs them; :func:`rgb_hex` gives the
screen equivalent for places that only take RGB (matplotlib), and
:meth:`Colours.screen_equivalents` the way back, for the print edition.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from reportlab.lib.colors import CMYKColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm


def cmyk(c: float, m: float, y: float, k: float) -> CMYKColor:
    """A colour from percentages of cyan, magenta, yellow and black."""
    return CMYKColor(c / 100, m / 100, y / 100, k / 100)


def rgb_channels(colour: CMYKColor) -> tuple[int, int, int]:
    """The naive RGB equivalent of a CMYK colour, 0-255 a channel."""
    c, m, y, k = colour.cmyk()
    red, green, blue = (round(255 * (1 - v) * (1 - k)) for v in (c, m, y))
    return red, green, blue


def rgb_hex(colour: CMYKColor) -> str:
    """The naive RGB equivalent of a CMYK colour, as ``#rrggbb``."""
    return "#" + "".join(f"{v:02x}" for v in rgb_channels(colour))


# The engine's own colours (ReportLab's colours are never changed in place).
_BLACK, _WHITE = cmyk(0, 0, 0, 100), cmyk(0, 0, 0, 0)
_BLUE, _ORANGE, _PALE_BLUE = cmyk(100, 50, 20, 20), cmyk(0, 60, 100, 0), cmyk(10, 3, 2, 0)
_GREY, _LIGHT_GREY = cmyk(0, 0, 0, 65), cmyk(0, 0, 0, 30)
_SERIES = (cmyk(100, 50, 20, 20), cmyk(0, 60, 100, 0), cmyk(50, 5, 10, 0), cmyk(0, 0, 0, 60),
           cmyk(60, 0, 70, 10), cmyk(0, 90, 40, 20), cmyk(20, 40, 0, 0), cmyk(0, 20, 100, 10),
           cmyk(70, 20, 0, 60), cmyk(0, 0, 0, 25))


@dataclass(frozen=True)
class Colours:
    """The design's printing colours; a house style (:mod:`layout.style`)
    replaces any of them."""

    text: CMYKColor = _BLACK
    brand: CMYKColor = _BLUE
    accent: CMYKColor = _ORANGE
    tint: CMYKColor = _PALE_BLUE
    muted: CMYKColor = _GREY
    rule: CMYKColor = _LIGHT_GREY
    paper: CMYKColor = _WHITE
    #: One colour per statistics series, in order: as many distinct ones as
    #: a statistic may have series (``load.MAX_SERIES``).
    series: tuple[CMYKColor, ...] = _SERIES
    #: The front and back covers' bands, and the text on them.
    cover_band: CMYKColor = _BLUE
    cover_text: CMYKColor = _WHITE
    #: Screen colours given for some of the above (``#rrggbb`` by CMYK value,
    #: 0-1 a channel) instead of :func:`rgb_channels`' naive conversion.
    screen: tuple[tuple[tuple[float, ...], tuple[int, int, int]], ...] = ()

    def rgb(self, colour: CMYKColor) -> tuple[int, int, int]:
        """The screen RGB of ``colour``: as given, else :func:`rgb_channels`."""
        values = tuple(colour.cmyk())
        return next((rgb for given, rgb in self.screen if given == values),
                    rgb_channels(colour))

    def hex(self, colour: CMYKColor) -> str:
        """:meth:`rgb` as ``#rrggbb``."""
        return "#" + "".join(f"{v:02x}" for v in self.rgb(colour))

    def screen_equivalents(self) -> dict[tuple[int, int, int], tuple[float, ...]]:
        """The screen RGB of each colour (:meth:`rgb`, as the charts draw
        it) and its CMYK (0-1): what the print edition turns back into the
        theme's own values. Where two colours look the same on screen, the
        first defined wins."""
        found: dict[tuple[int, int, int], tuple[float, ...]] = {}
        for spec in fields(self):  # in the order defined
            value = getattr(self, spec.name)
            for colour in value if isinstance(value, tuple) else (value,):
                if isinstance(colour, CMYKColor):
                    found.setdefault(self.rgb(colour), tuple(colour.cmyk()))
        return found


@dataclass(frozen=True)
class Type:
    """Font size and leading of each kind of text (points)."""

    body: tuple[float, float] = (9.5, 13)
    standfirst: tuple[float, float] = (11.5, 15)
    title: tuple[float, float] = (22, 25)
    #: An article's Dachzeile (over the title) and Unterzeile (under it).
    kicker: tuple[float, float] = (11, 13.5)
    subtitle: tuple[float, float] = (13, 16)
    section: tuple[float, float] = (8, 10)
    subhead: tuple[float, float] = (10.5, 13)
    quote: tuple[float, float] = (13, 17)
    caption: tuple[float, float] = (7.5, 9.5)
    credit: tuple[float, float] = (6.5, 8)
    sidebar: tuple[float, float] = (8.5, 11)
    sidebar_heading: tuple[float, float] = (9.5, 12)
    table: tuple[float, float] = (8, 10)
    foot: tuple[float, float] = (7.5, 9)
    editorial: tuple[float, float] = (10.5, 15)
    contents: tuple[float, float] = (10, 13)
    notice: tuple[float, float] = (20, 24)
    masthead: tuple[float, float] = (30, 32)
    masthead_full: tuple[float, float] = (44, 46)
    #: The theme under the masthead's name: its first baseline stands its
    #: leading and ``Space.tight`` under the name's.
    masthead_theme: tuple[float, float] = (12.5, 15)
    cover_title: tuple[float, float] = (58, 60)
    cover_theme: tuple[float, float] = (20, 24)
    #: Publisher and month at the foot of the front cover's band.
    cover_line: tuple[float, float] = (9, 11.5)
    #: The cover lines (teasers) on the front cover's photo.
    cover_teaser: tuple[float, float] = (15, 18)
    #: Name and number in the back cover's band.
    back_title: tuple[float, float] = (16, 19)


@dataclass(frozen=True)
class Floors:
    """The smallest size (points) each fixed element may be set in.

    The page furniture stands at fixed places: where its text would not fit
    at the size of :class:`Type`, it is wrapped and set smaller in steps, down
    to these sizes; only then does the build stop and say what is too long
    (see :mod:`layout.fitting`). Boxes of flowables (the contents, the
    contacts, the imprint) are scaled down together, as far as their body
    text reaches the size given here.
    """

    cover_title: float = 30
    cover_theme: float = 13
    cover_line: float = 7.5
    cover_teaser: float = 10
    masthead: float = 20
    masthead_full: float = 22
    masthead_theme: float = 9.5
    #: The publisher in the masthead.
    masthead_line: float = 7
    foot: float = 6
    #: The funding notice, where its band cannot grow further.
    funding: float = 6
    #: The titles of the front cover's contents.
    contents: float = 8
    #: The contact entries, in the sidebar and on the back cover.
    sidebar: float = 7
    #: The next-issue notice on the back cover.
    notice: float = 12
    back_title: float = 11
    #: The imprint on the back cover (its text is set at ``Type.sidebar``).
    imprint: float = 7


@dataclass(frozen=True)
class Space:
    """Small vertical spaces (points) inside blocks that stand outside the
    column grid: captions, sidebar, headers, footers. Column text itself is
    spaced in whole lines (see :attr:`Theme.line`)."""

    tight: float = 2
    small: float = 4
    medium: float = 7
    large: float = 15


@dataclass(frozen=True)
class Theme:
    """Geometry, type and colours of one newsletter design."""

    page_width: float = A4[0]
    page_height: float = A4[1]
    margin_top: float = 16 * mm
    margin_bottom: float = 22 * mm
    margin_inner: float = 17 * mm
    margin_outer: float = 17 * mm
    gutter: float = 6 * mm
    #: How far pictures and colour areas at the page edge run past it, for the press.
    bleed: float = 3 * mm
    #: The contact sidebar on the opening page, and its distance to the text.
    sidebar_width: float = 60 * mm
    sidebar_gap: float = 7 * mm
    #: Height of the masthead band on the opening page (slim: a cover precedes).
    masthead_height: float = 34 * mm
    masthead_full_height: float = 62 * mm
    #: Baseline of the running foot, from the bottom edge of the page.
    foot_baseline: float = 11 * mm
    #: An article starts on a new page unless this much room is left.
    article_start_room: float = 60 * mm
    #: Height of the statistics chart (it spans the text width).
    chart_height: float = 80 * mm
    #: Height of the funding band at the foot of a page.
    funding_height: float = 27 * mm
    #: First-line indent of a paragraph that follows another.
    paragraph_indent: float = 9.5
    type: Type = Type()
    floors: Floors = Floors()
    space: Space = Space()
    colours: Colours = Colours()
    serif: str = "Serif"
    sans: str = "Sans"
    #: The font files of ``serif`` and ``sans`` where a house style brings
    #: its own (see :mod:`layout.style`); else the engine's, from ``fonts/``.
    font_files: tuple[tuple[str, Path], ...] = ()
    #: Characters of the issue the house fonts lack: they are added to them
    #: from the engine's fonts when they are registered.
    fallback: str = ""
    #: The text columns of articles.
    columns: int = 2
    #: A logo in the masthead band (and on the front cover's band).
    logo: Path | None = None
    #: The front cover's band (from the top edge), its photo under it, and
    #: the back cover's band (from the bottom edge).
    cover_band: float = 92 * mm
    cover_photo: float = 120 * mm
    back_band: float = 30 * mm
    #: The house style's file this theme was read from (None: the engine's design).
    source: Path | None = None

    @property
    def text_width(self) -> float:
        return self.page_width - self.margin_inner - self.margin_outer

    @property
    def text_height(self) -> float:
        return self.page_height - self.margin_top - self.margin_bottom

    @property
    def column_width(self) -> float:
        return (self.text_width - (self.columns - 1) * self.gutter) / self.columns

    @property
    def line(self) -> float:
        """The body leading: the unit of vertical space."""
        return self.type.body[1]


DEFAULT = Theme()
