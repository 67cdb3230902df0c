"""A publisher's house style: ``style.yaml`` read into a :class:`~layout.theme.Theme`.

The style file stands in the project's folder, beside ``issues/``, ``assets/``
and ``fonts/``. It is read like an issue (:mod:`layout.source`, and the
loader's conversion driven by type hints, so every problem is reported at
its ``file:line:col``, unknown keys with a "did you mean"), and says what
differs from the engine's design: brand colours (CMYK, with their screen
RGB derived or given), the chart palette, fonts from ``fonts/``, a logo
from ``assets/`` for the masthead, page size and margins, the number of
text columns, the body type (the baseline grid follows its leading), and
the covers' colours. What it does not say keeps today's design; without a
style file the theme is :data:`~layout.theme.DEFAULT`, untouched.

A page size other than A4 scales the geometry that the engine keeps in
millimetres (margins, sidebar, masthead, chart, bands) and, on a smaller
page, the display type with its floors. This module reads files and
registers fonts; it lays nothing out.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

import yaml
from reportlab.lib.colors import CMYKColor
from reportlab.lib.pagesizes import A4, A5, LETTER
from reportlab.lib.units import mm

from . import model
from .errors import Diagnostic, IssueError, Position
from .i18n import N_, _
from .load import Where, _Converter, _value_position, load_issue
from .model import CMYK, FileRef, Node
from .project import find_project
from .source import position, read_yaml
from .theme import DEFAULT, Colours, Floors, Theme, cmyk

#: The style file's name, in the project's folder.
#: Page sizes by the name the style file gives them.
PAGE_SIZES = {"A4": A4, "A5": A5, "letter": LETTER}
#: The font faces of a family, and the suffix ReportLab's mapping gives each.
FACES = {"regular": "", "bold": "-Bold", "italic": "-Italic", "bold_italic": "-BoldItalic"}
#: Sizes of the display type (titles, masthead, covers), scaled on a small
#: page; the rest (captions, sidebar, tables) stays readable as it is.
DISPLAY = ("standfirst", "title", "kicker", "subtitle", "quote", "notice", "masthead",
           "masthead_full", "masthead_theme", "cover_title", "cover_theme", "cover_teaser",
           "back_title")
_SCREEN = re.compile(r"#[0-9a-fA-F]{6}")


def find_style_file(source: Path) -> Path | None:
    """The style file of the project of the issue at ``source`` (its folder
    or YAML file), if there is one (see :mod:`layout.project`)."""
    return find_project(source if source.is_dir() else source.parent).style_file


# -- what the style file may say ---------------------------------------------


class HouseColour:
    """Type hint of a colour: CMYK per cent (``100 50 20 20``) or a
    :class:`ScreenColour` mapping; read as a :class:`ScreenColour`."""


class FontFile:
    """Type hint of a font file's name in the project's ``fonts/`` folder."""


@dataclass(frozen=True)
class ScreenColour(Node):
    """A printing colour and, if given, its screen RGB."""

    LABEL: ClassVar[str] = N_("colour")
    cmyk: CMYK
    screen: str = ""
    pos: Position = model.NOWHERE


@dataclass(frozen=True)
class StyleColours(Node):
    LABEL: ClassVar[str] = N_("colours")
    brand: HouseColour | None = None
    accent: HouseColour | None = None
    tint: HouseColour | None = None
    muted: HouseColour | None = None
    rule: HouseColour | None = None
    text: HouseColour | None = None
    pos: Position = model.NOWHERE


@dataclass(frozen=True)
class ChartStyle(Node):
    LABEL: ClassVar[str] = N_("chart")
    palette: tuple[HouseColour, ...] = ()
    pos: Position = model.NOWHERE


@dataclass(frozen=True)
class Family(Node):
    LABEL: ClassVar[str] = N_("family")
    regular: FontFile
    bold: FontFile | None = None
    italic: FontFile | None = None
    bold_italic: FontFile | None = None
    pos: Position = model.NOWHERE


@dataclass(frozen=True)
class StyleFonts(Node):
    LABEL: ClassVar[str] = N_("fonts")
    serif: Family | None = None
    sans: Family | None = None
    pos: Position = model.NOWHERE


@dataclass(frozen=True)
class Masthead(Node):
    LABEL: ClassVar[str] = N_("masthead")
    logo: FileRef | None = None
    pos: Position = model.NOWHERE


@dataclass(frozen=True)
class Margins(Node):
    """The page's margins in millimetres."""

    LABEL: ClassVar[str] = N_("margins")
    top: float | None = None
    bottom: float | None = None
    inner: float | None = None
    outer: float | None = None
    pos: Position = model.NOWHERE


@dataclass(frozen=True)
class PageStyle(Node):
    LABEL: ClassVar[str] = N_("page")
    size: Literal["A4", "A5", "letter"] = "A4"
    margins: Margins | None = None
    pos: Position = model.NOWHERE


@dataclass(frozen=True)
class BodyType(Node):
    LABEL: ClassVar[str] = N_("body type")
    size: float | None = None
    leading: float | None = None
    pos: Position = model.NOWHERE


@dataclass(frozen=True)
class TypeStyle(Node):
    LABEL: ClassVar[str] = N_("type")
    body: BodyType | None = None
    pos: Position = model.NOWHERE


@dataclass(frozen=True)
class CoverStyle(Node):
    LABEL: ClassVar[str] = N_("cover")
    band: HouseColour | None = None
    text: HouseColour | None = None
    pos: Position = model.NOWHERE


@dataclass(frozen=True)
class HouseStyle(Node):
    """The style file: every key optional."""

    LABEL: ClassVar[str] = N_("the style file")
    colours: StyleColours | None = None
    chart: ChartStyle | None = None
    fonts: StyleFonts | None = None
    masthead: Masthead | None = None
    page: PageStyle | None = None
    columns: int | None = None
    type: TypeStyle | None = None
    cover: CoverStyle | None = None
    pos: Position = model.NOWHERE


# -- reading -----------------------------------------------------------------


def load_style(path: Path, warnings: list[Diagnostic] | None = None) -> Theme:
    """The theme the style file at ``path`` describes; raises
    :class:`IssueError` with every problem. Warnings (a font face missing)
    go to ``warnings`` if given, else nowhere: the build reports them."""
    path = path.absolute()
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    if not any(line.strip() and not line.lstrip().startswith("#")
               for line in text.splitlines()):
        return DEFAULT  # all commented out, as `newsletter init` writes it
    root = read_yaml(path)
    converter = _StyleConverter(path)
    style = converter.convert(root, HouseStyle, Where(HouseStyle.LABEL))
    theme = DEFAULT
    if style is not _invalid() and not converter.errors():
        theme = converter.theme(style)
    if converter.errors():
        raise IssueError(converter.diagnostics)
    if warnings is not None:
        warnings.extend(converter.diagnostics)
    return dataclasses.replace(theme, source=path)


def house_style(source: Path, warnings: list[Diagnostic] | None = None) -> Theme:
    """The theme of the project of the issue at ``source``: its style file's,
    else the engine's design."""
    found = find_style_file(source)
    return DEFAULT if found is None else load_style(found, warnings)


def _invalid() -> Any:
    from . import load

    return load._INVALID


class _StyleConverter(_Converter):
    """The issue loader's conversion, with the style file's own kinds of value."""

    def __init__(self, path: Path) -> None:
        self.project = path.parent
        super().__init__(path, self.project / "assets")
        self.folder = self.assets  # a logo stands in assets/, nowhere else
        self.node_checks = {ScreenColour: self.check_screen, HouseStyle: self.check_style,
                            BodyType: self.check_body, Margins: self.check_margins}
        self.faces: dict[str, Path] = {}

    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def convert(self, node: yaml.Node, hint: Any, context: Where) -> Any:
        if hint is HouseColour and node.tag in _TAGS:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, ScreenColour, Where(ScreenColour.LABEL,
                                                              owner=context.owner))
            value = self.colour(node, context)
            return value if value is _invalid() else ScreenColour(value, "",
                                                                  position(self.path, node))
        if hint is FontFile and node.tag in _TAGS:
            return self.font(node, context)
        return super().convert(node, hint, context)

    def font(self, node: yaml.Node, context: Where) -> Any:
        """A TrueType (or OpenType with TrueType outlines) file in ``fonts/``."""
        value = self.scalar(node, context, _("a font file name"))
        if value is _invalid():
            return value
        name = value.strip()
        folder = self.project / "fonts"
        path = folder / name
        if not name or Path(name).is_absolute() or ".." in Path(name).parts:
            return self.error(node, _("{context}: '{name}' must be a file name in fonts/")
                              .format(context=context, name=name))
        if not path.is_file():
            known = [p.name for p in folder.glob("*") if p.is_file()] if folder.is_dir() else []
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            return self.error(node, _("{context}: font file '{name}' not found in {folder}")
                              .format(context=context, name=name, folder=folder),
                              _("did you mean '{word}'?").format(word=close[0]) if close else
                              _("copy the font's .ttf or .otf file (with its licence) into "
                                "the fonts/ folder beside style.yaml"))
        from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

        try:
            TTFontFile(str(path), validate=1)
        except (TTFError, OSError) as error:
            return self.error(node, _("{context}: '{name}' is not a font the engine can "
                                      "embed ({problem})").format(context=context, name=name,
                                                                  problem=error),
                              _("use a TrueType font (.ttf), or an OpenType font with "
                                "TrueType outlines"))
        return path

    def file(self, node: yaml.Node, context: Where) -> Any:
        value = self.scalar(node, context, _("a file name"))
        if value is _invalid():
            return value
        name = value.strip()
        if name and not (self.assets / name).is_file():
            known = ([p.name for p in self.assets.rglob("*") if p.is_file()]
                     if self.assets.is_dir() else [])
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            return self.error(node, _("{context}: file '{name}' not found in {folder}").format(
                context=context, name=name, folder=self.assets),
                _("did you mean '{word}'?").format(word=close[0]) if close else
                _("put the logo (PNG or JPEG) into the assets/ folder beside style.yaml"))
        return super().file(node, context)

    # -- checks ------------------------------------------------------------

    def check_screen(self, colour: ScreenColour, given: dict[str, yaml.Node]) -> None:
        if colour.screen and not _SCREEN.fullmatch(colour.screen.strip()):
            self.error(given["screen"], _("the screen colour must be written '#rrggbb', not "
                                          "'{value}'").format(value=colour.screen),
                       _("six hexadecimal digits, as a web page gives them: '#1f6f43'"))

    def check_style(self, style: HouseStyle, given: dict[str, yaml.Node]) -> None:
        if style.columns is None:
            return
        if style.columns not in (2, 3):
            self.error(given["columns"], _("'columns' must be 2 or 3, not {value}").format(
                value=style.columns), _("articles are set in two or three columns"))
        elif style.columns == 3 and style.page and style.page.size == "A5":
            self.error(given["columns"], _("three columns do not fit an A5 page: they would "
                                           "be some 35 mm narrow"),
                       _("write 'columns: 2' for A5, or choose A4 or letter"))

    def check_body(self, body: BodyType, given: dict[str, yaml.Node]) -> None:
        for key, low, high in (("size", 6, 14), ("leading", 7, 20)):
            value = getattr(body, key)
            if value is not None and not low <= value <= high:
                self.error(given[key], _("the body type's {key} must be between {low} and "
                                         "{high} pt, not {value:g}").format(
                                             key=key, low=low, high=high, value=value))
        if body.size and body.leading and body.leading < body.size:
            self.error(given["leading"], _("the leading ({leading:g} pt) must be at least the "
                                           "size ({size:g} pt)").format(
                                               leading=body.leading, size=body.size),
                       _("the leading is the distance of the lines' baselines; about 1.35 "
                         "times the size reads well"))

    def check_margins(self, margins: Margins, given: dict[str, yaml.Node]) -> None:
        for key in ("top", "bottom", "inner", "outer"):
            value = getattr(margins, key)
            if value is not None and not 5 <= value <= 50:
                self.error(given[key], _("the {key} margin must be between 5 and 50 mm, not "
                                         "{value:g}").format(key=key, value=value))

    # -- the theme ---------------------------------------------------------

    def theme(self, style: HouseStyle) -> Theme:
        """The theme ``style`` makes of the engine's design."""
        page = style.page or PageStyle()
        theme = scaled(DEFAULT, page.size)
        margins = page.margins or Margins()
        given: dict[str, Any] = {
            f"margin_{key}": exact(getattr(margins, key) * mm)
            for key in ("top", "bottom", "inner", "outer") if getattr(margins, key) is not None}
        theme = dataclasses.replace(theme, **given)
        body = style.type.body if style.type and style.type.body else None
        if body and (body.size or body.leading):
            size, leading = DEFAULT.type.body
            size = body.size or (body.leading or leading) * size / leading
            leading = body.leading or size * DEFAULT.type.body[1] / DEFAULT.type.body[0]
            # the editorial keeps its relation to the body (a little larger, more open)
            (normal, normal_leading), (editorial_size, editorial_leading) = (
                DEFAULT.type.body, DEFAULT.type.editorial)
            editorial = (round(editorial_size * size / normal, 1),
                         round(editorial_leading * leading / normal_leading, 1))
            theme = dataclasses.replace(theme, type=dataclasses.replace(
                theme.type, body=(size, leading), editorial=editorial), paragraph_indent=size)
        theme = dataclasses.replace(theme, colours=self.colours(style))
        if style.columns:
            theme = dataclasses.replace(theme, columns=style.columns)
        if style.masthead and style.masthead.logo:
            theme = dataclasses.replace(theme, logo=Path(style.masthead.logo))
        if style.fonts:
            theme = self.fonts(theme, style.fonts)
        return theme

    def colours(self, style: HouseStyle) -> Colours:
        base = Colours()
        screens: dict[tuple[float, ...], tuple[int, int, int]] = {}

        def read(given: ScreenColour | None, default: CMYKColor) -> CMYKColor:
            if given is None:
                return default
            colour = cmyk(*given.cmyk)
            if given.screen:
                value = given.screen.strip()
                screens[tuple(colour.cmyk())] = (int(value[1:3], 16), int(value[3:5], 16),
                                                 int(value[5:7], 16))
            return colour

        given = style.colours or StyleColours()
        values: dict[str, Any] = {name: read(getattr(given, name), getattr(base, name))
                                  for name in ("brand", "accent", "tint", "muted", "rule",
                                               "text")}
        if style.chart and style.chart.palette:
            palette = [read(c, base.brand) for c in style.chart.palette]  # type: ignore[arg-type]
            chosen = {tuple(c.cmyk()) for c in palette}
            values["series"] = tuple(palette + [c for c in base.series
                                                if tuple(c.cmyk()) not in chosen])
        cover = style.cover or CoverStyle()
        values["cover_band"] = read(cover.band, values["brand"])  # type: ignore[arg-type]
        values["cover_text"] = read(cover.text, base.paper)  # type: ignore[arg-type]
        values["screen"] = tuple(screens.items())
        return dataclasses.replace(base, **values)

    def fonts(self, theme: Theme, fonts: StyleFonts) -> Theme:
        """The theme with the style's families, registered under names of
        their own: ``House`` and the role, then a digest of the files (so
        that what is kept by font name in the cache is the files')."""
        files = list(theme.font_files)
        names: dict[str, str] = {}
        for role in ("serif", "sans"):
            family: Family | None = getattr(fonts, role)
            if family is None:
                continue
            faces: dict[str, Path] = {}
            for face in FACES:
                path = getattr(family, face)
                if path is None:
                    path = family.regular
                    self.warn(family.pos, _("the {role} fonts have no {face} face: the "
                                            "regular one is used for it").format(
                                                role=role, face=face.replace("_", " ")),
                              _("name the file of the {face} face, e.g. '{key}: "
                                "Family-{example}.ttf'").format(
                                    face=face.replace("_", " "), key=face,
                                    example=face.title().replace("_", "")))
                faces[face] = Path(path)
            digest = hashlib.sha256()
            for path in faces.values():
                digest.update(path.read_bytes())
            name = f"House{role.title()}{digest.hexdigest()[:10]}"
            names[role] = name
            files += [(name + FACES[face], path) for face, path in faces.items()]
        return dataclasses.replace(theme, font_files=tuple(files),
                                   serif=names.get("serif", theme.serif),
                                   sans=names.get("sans", theme.sans))


_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "seq", "map")}


def scaled(theme: Theme, size: str) -> Theme:
    """``theme`` on a page of ``size`` (``A4``, ``A5``, ``letter``): lengths
    across the page scale with its width, those down it with its height,
    margins and gaps with the smaller of both; on a page much smaller than
    A4 the display type too (with its floors), by the root of that ratio."""
    width, height = PAGE_SIZES[size]
    across, down = width / theme.page_width, height / theme.page_height
    if (across, down) == (1, 1):
        return theme
    both = min(across, down)
    factor = both ** 0.5 if both < 0.9 else 1.0
    kind = {name: tuple(round(v * factor, 1) for v in getattr(theme.type, name))
            for name in DISPLAY}
    floors = {spec.name: round(getattr(theme.floors, spec.name) * factor, 1)
              for spec in dataclasses.fields(Floors)
              if spec.name in DISPLAY or spec.name in ("masthead_line", "notice", "contents")}
    lengths: dict[str, float] = {"margin_top": both, "margin_bottom": both, "margin_inner": both,
               "margin_outer": both, "gutter": both ** 0.5, "sidebar_width": across,
               "sidebar_gap": both ** 0.5, "masthead_height": down,
               "masthead_full_height": down, "foot_baseline": both, "article_start_room": down,
               "chart_height": down, "funding_height": down, "cover_band": down,
               "cover_photo": down, "back_band": down}
    changes: dict[str, Any] = {name: exact(getattr(theme, name) * ratio)
                               for name, ratio in lengths.items()}
    return dataclasses.replace(
        theme, page_width=exact(width), page_height=exact(height), **changes,
        type=dataclasses.replace(theme.type, **kind) if factor != 1 else theme.type,
        floors=dataclasses.replace(theme.floors, **floors) if factor != 1 else theme.floors)


def exact(length: float) -> float:
    """``length`` rounded to 1/64 pt: sums and differences of such lengths
    are exact in floating point, so that a column the theme computes is as
    wide as the one ReportLab computes from the frame (else a figure of the
    theme's column width can be a rounding error too wide for it)."""
    return round(length * 64) / 64


# -- the issue in the house fonts --------------------------------------------


def font_gaps(theme: Theme, issue: model.Issue) -> tuple[list[Diagnostic], str]:
    """A warning for each text of ``issue`` with characters the house
    style's fonts lack (those the engine's fonts lack too were reported by
    the loader), and those characters: :func:`with_fallback` sets them in
    the engine's fonts."""
    if not theme.font_files:
        return [], ""
    from .fonts import covered_by, covered_characters, register_theme_fonts

    register_theme_fonts(theme)
    covered = covered_by(tuple(name for name, _path in theme.font_files))
    engine = covered_characters()
    found: list[Diagnostic] = []
    lacking: dict[str, None] = {}

    def walk(node: Any, where: Position | None) -> None:
        if isinstance(node, str):
            missing = dict.fromkeys(c for c in node if ord(c) not in covered
                                    and ord(c) in engine and not c.isspace())
            if missing and where is not None:
                lacking.update(missing)
                found.append(Diagnostic(
                    _("the house style's fonts have no {characters}: they are set in the "
                      "engine's fonts").format(characters=" ".join(missing)), where,
                    "warning", _("leave them out, or choose fonts in style.yaml that have "
                                 "them")))
        elif isinstance(node, tuple):
            for item in node:
                walk(item, where)
        elif dataclasses.is_dataclass(node) and not isinstance(node, type):
            for spec in dataclasses.fields(node):
                if spec.name not in ("pos", "folder"):
                    walk(getattr(node, spec.name), _value_position(node, spec.name) or where)

    walk(issue, None)
    return found, "".join(sorted(lacking))


def with_fallback(theme: Theme, characters: str) -> Theme:
    """``theme`` with ``characters`` added to its house fonts from the
    engine's (see :func:`layout.fonts.with_glyphs`), under family names of
    their own: what the cache keeps by font name stays the plain fonts'."""
    if not characters or not theme.font_files:
        return theme
    tag = "F" + hashlib.sha256(characters.encode()).hexdigest()[:8]
    families = {name.partition("-")[0] for name, _path in theme.font_files}

    def renamed(name: str) -> str:
        family, dash, face = name.partition("-")
        return family + tag + dash + face if family in families else name

    return dataclasses.replace(
        theme, font_files=tuple((renamed(name), path) for name, path in theme.font_files),
        serif=renamed(theme.serif), sans=renamed(theme.sans), fallback=characters)


def style_files(theme: Theme) -> list[Path]:
    """The files a theme was made of: the style file, its fonts and logo."""
    files = [theme.source] if theme.source else []
    files += [path for _name, path in theme.font_files]
    return files + ([theme.logo] if theme.logo else [])


def load_with_style(source: Path, theme: Theme | None,
                    warnings: list[Diagnostic]) -> tuple[model.Issue, Theme]:
    """The issue at ``source`` and the theme to set it in (``theme``, else
    its project's house style), checked together: the problems of both
    files are reported at once."""
    problems: list[Diagnostic] = []
    if theme is None:
        try:
            theme = house_style(source, warnings)
        except IssueError as error:
            problems = list(error.diagnostics)
    try:
        issue = load_issue(source, warnings=warnings)
    except IssueError as error:
        raise IssueError(problems + list(error.diagnostics)) from None
    if problems or theme is None:
        raise IssueError(problems)
    gaps, lacking = font_gaps(theme, issue)
    warnings += gaps
    return issue, with_fallback(theme, lacking)
