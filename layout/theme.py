"""The newsletter's design in one place: page geometry, type scale, colours.

Every size the engine uses is defined here once; :mod:`layout.styles` turns
the type scale into paragraph styles, :mod:`layout.pages` the geometry into
page templates. Lengths are in points unless a name ends in ``_mm``.
Colours are CMYK, as the print shop needs them; :func:`rgb_hex` gives the
screen equivalent for places that only take RGB (matplotlib), and
:meth:`Colours.screen_equivalents` the way back, for the print edition.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Colours:
    text = cmyk(0, 0, 0, 100)
    brand = cmyk(100, 50, 20, 20)
    accent = cmyk(0, 60, 100, 0)
    tint = cmyk(10, 3, 2, 0)
    muted = cmyk(0, 0, 0, 65)
    rule = cmyk(0, 0, 0, 30)
    paper = cmyk(0, 0, 0, 0)
    #: One colour per statistics series, in order: as many distinct ones as
    #: a statistic may have series (``load.MAX_SERIES``).
    series = (cmyk(100, 50, 20, 20), cmyk(0, 60, 100, 0), cmyk(50, 5, 10, 0),
              cmyk(0, 0, 0, 60), cmyk(60, 0, 70, 10), cmyk(0, 90, 40, 20),
              cmyk(20, 40, 0, 0), cmyk(0, 20, 100, 10), cmyk(70, 20, 0, 60),
              cmyk(0, 0, 0, 25))

    def screen_equivalents(self) -> dict[tuple[int, int, int], tuple[float, ...]]:
        """The screen RGB of each colour (:func:`rgb_channels`, as the charts
        draw it) and its CMYK (0-1): what the print edition turns back into
        the theme's own values. Where two colours look the same on screen,
        the first defined wins."""
        found: dict[tuple[int, int, int], tuple[float, ...]] = {}
        names = [name for owner in reversed(type(self).__mro__) for name in vars(owner)
                 if not name.startswith("_")]  # in the order defined
        for name in names:
            value = getattr(self, name)
            for colour in value if isinstance(value, tuple) else (value,):
                if isinstance(colour, CMYKColor):
                    found.setdefault(rgb_channels(colour), tuple(colour.cmyk()))
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

    @property
    def text_width(self) -> float:
        return self.page_width - self.margin_inner - self.margin_outer

    @property
    def text_height(self) -> float:
        return self.page_height - self.margin_top - self.margin_bottom

    @property
    def column_width(self) -> float:
        return (self.text_width - self.gutter) / 2

    @property
    def line(self) -> float:
        """The body leading: the unit of vertical space."""
        return self.type.body[1]


DEFAULT = Theme()
