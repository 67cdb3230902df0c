"""The typed model of one newsletter issue.

Frozen dataclasses, built by :mod:`layout.load` from the issue's YAML and
read by every later stage. Each node carries the :class:`~layout.errors.Position`
it came from, so that layout problems can still point at the YAML line.
Field names are the YAML keys; a field without a default is required.

This module holds data only: no parsing, no layout, no I/O.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal, NewType

from .errors import Position
from .i18n import N_

#: Text that may hold several paragraphs, separated by a blank line in YAML.
Paragraphs = NewType("Paragraphs", tuple[str, ...])
#: Lines printed one under the other (an address): a list, one item per line,
#: or a text whose line breaks are kept (``|``); a one-line text is one line.
Lines = NewType("Lines", tuple[str, ...])
#: A file named in the issue, resolved to an existing file by the loader.
FileRef = NewType("FileRef", Path)
#: A printing colour: per cent of cyan, magenta, yellow and black (0-100 each),
#: written ``100 0 80 0`` in the YAML (the loader reads it).
CMYK = NewType("CMYK", tuple[float, float, float, float])

NOWHERE = Position(Path("<unknown>"))


def _pos() -> Position:
    return field(default=NOWHERE, compare=False, repr=False)  # type: ignore[return-value]


@dataclass(frozen=True)
class Node:
    """Base of every model node: where in the YAML it was written."""

    #: What the node is called in messages to editors.
    LABEL: ClassVar[str] = N_("entry")
    #: Fields replaced by others, with what to write instead: still read,
    #: with a warning that says so (see :mod:`layout.load`).
    REPLACED: ClassVar[dict[str, str]] = {}


@dataclass(frozen=True)
class Picture(Node):
    """A photo or logo: the file, and how it is captioned and credited."""

    LABEL: ClassVar[str] = N_("photo")
    file: FileRef
    caption: str = ""
    credit: str = ""
    #: ``column`` sets the photo at column width, ``page`` across both columns.
    width: Literal["column", "page"] = "column"
    #: The alternative text: what the picture shows, for readers who cannot
    #: see it (read out by a screen reader; see :mod:`layout.alttext`).
    alt: str = ""
    pos: Position = _pos()


# -- article blocks ------------------------------------------------------


@dataclass(frozen=True)
class Text(Node):
    """Body text: one or more paragraphs."""

    LABEL: ClassVar[str] = N_("paragraph")
    text: Paragraphs
    #: The text's language where it is not the issue's (a BCP 47 tag, ``uk``).
    lang: str = ""
    pos: Position = _pos()


@dataclass(frozen=True)
class Subhead(Node):
    LABEL: ClassVar[str] = N_("sub-head")
    subhead: str
    pos: Position = _pos()


@dataclass(frozen=True)
class Quote(Node):
    """A quotation set apart from the text (a pull quote), with its speaker."""

    LABEL: ClassVar[str] = N_("quote")
    quote: str
    by: str = ""
    pos: Position = _pos()


@dataclass(frozen=True)
class Question(Node):
    """An interviewer's question; ``by`` defaults to the article's interviewer."""

    LABEL: ClassVar[str] = N_("question")
    question: Paragraphs
    by: str = ""
    pos: Position = _pos()


@dataclass(frozen=True)
class Answer(Node):
    """An interviewee's answer, set under the speaker's name."""

    LABEL: ClassVar[str] = N_("answer")
    answer: Paragraphs
    by: str
    pos: Position = _pos()


@dataclass(frozen=True)
class Photo(Node):
    """A photo inside an article's text."""

    LABEL: ClassVar[str] = N_("photo")
    photo: FileRef
    caption: str = ""
    credit: str = ""
    width: Literal["column", "page"] = "column"
    alt: str = ""
    pos: Position = _pos()

    @property
    def picture(self) -> Picture:
        return Picture(self.photo, self.caption, self.credit, self.width, self.alt, self.pos)


@dataclass(frozen=True)
class StatisticBlock(Node):
    """A statistic (title, chart, table) set inside an article, across both columns."""

    LABEL: ClassVar[str] = N_("statistic")
    statistic: Statistics
    pos: Position = _pos()


Block = Text | Subhead | Quote | Question | Answer | Photo | StatisticBlock
#: The block kinds, each recognised by the key named like its first field.
BLOCK_KINDS: tuple[type[Node], ...] = (Subhead, Quote, Question, Answer, Photo,
                                       StatisticBlock, Text)


@dataclass(frozen=True)
class Article(Node):
    LABEL: ClassVar[str] = N_("article")
    title: str
    body: tuple[Block, ...]
    #: The department (rubric): a small label above the head, and in the contents.
    section: str = ""
    #: The Dachzeile: a line above the title that leads into it.
    kicker: str = ""
    #: The Unterzeile: a line under the title, before the standfirst.
    subtitle: str = ""
    standfirst: str = ""
    #: Default speaker of the article's questions; empty: the language's word
    #: (``formats.word("interviewer")``, "Redaktion").
    interviewer: str = ""
    #: The article's language where it is not the issue's (a BCP 47 tag, ``uk``).
    lang: str = ""
    pos: Position = _pos()


# -- the fixed parts of an issue -----------------------------------------


@dataclass(frozen=True)
class Signature(Node):
    LABEL: ClassVar[str] = N_("signature")
    name: str
    role: str = ""
    office: str = ""
    pos: Position = _pos()


@dataclass(frozen=True)
class Signatory(Node):
    """One who signs the editorial, with a portrait for the sidebar."""

    LABEL: ClassVar[str] = N_("signatory")
    name: str
    role: str = ""
    office: str = ""
    photo: Picture | None = None
    pos: Position = _pos()


@dataclass(frozen=True)
class Editorial(Node):
    LABEL: ClassVar[str] = N_("editorial")
    REPLACED: ClassVar[dict[str, str]] = {
        "signature": N_("write 'signatories:' with a list of '- name: …' entries"),
        "photo": N_("write the portrait as 'photo:' of its entry under 'signatories:'")}
    text: Paragraphs
    title: str = ""  # empty: the language's word, "Editorial"
    greeting: str = ""
    closing: str = ""
    signatories: tuple[Signatory, ...] = ()
    #: Replaced by ``signatories`` (one who signs, and the portrait).
    signature: Signature | None = None
    photo: Picture | None = None
    pos: Position = _pos()

    @property
    def signers(self) -> tuple[Signatory, ...]:
        """Who signs, each with a portrait or none: ``signatories``, else the
        replaced ``signature`` and ``photo`` as one signatory."""
        if self.signatories or not (self.signature or self.photo):
            return self.signatories
        sig = self.signature or Signature("", pos=self.pos)
        return (Signatory(sig.name, sig.role, sig.office, self.photo, pos=sig.pos),)


@dataclass(frozen=True)
class Contact(Node):
    """One way into an office: its numbers (read by :mod:`layout.phones`),
    e-mail and web address, postal address and a note such as opening hours."""

    LABEL: ClassVar[str] = N_("contact")
    label: str = ""
    phone: str = ""
    mobile: str = ""
    #: Printed, never linked.
    fax: str = ""
    email: str = ""
    #: ``www.example.org`` or ``https://…``: printed without ``https://``.
    web: str = ""
    address: Lines = Lines(())
    note: str = ""
    pos: Position = _pos()

    @property
    def numbers(self) -> tuple[tuple[str, str], ...]:
        """The kinds (``phone``, ``mobile``, ``fax``) and numbers given, in that order."""
        return tuple((kind, number) for kind, number in
                     (("phone", self.phone), ("mobile", self.mobile), ("fax", self.fax))
                     if number)


@dataclass(frozen=True)
class ContactGroup(Node):
    LABEL: ClassVar[str] = N_("contact group")
    title: str
    entries: tuple[Contact, ...]
    pos: Position = _pos()


@dataclass(frozen=True)
class Contacts(Node):
    LABEL: ClassVar[str] = N_("contacts")
    groups: tuple[ContactGroup, ...]
    heading: str = ""  # empty: the language's word, "Kontakte"
    pos: Position = _pos()


@dataclass(frozen=True)
class Funder(Node):
    """One who funds: the name, and the logo shown for it in the band."""

    LABEL: ClassVar[str] = N_("funder")
    name: str
    logo: FileRef | None = None
    #: The logo's alternative text; without it, the funder's name.
    alt: str = ""
    pos: Position = _pos()


@dataclass(frozen=True)
class Funding(Node):
    LABEL: ClassVar[str] = N_("funding notice")
    REPLACED: ClassVar[dict[str, str]] = {
        "funder": N_("write 'funders:' with a list of '- name: …' entries"),
        "logo": N_("write the logo as 'logo:' of its entry under 'funders:'"),
        "logos": N_("write each logo as 'logo:' of its entry under 'funders:'")}
    text: str
    funders: tuple[Funder, ...] = ()
    #: Replaced by ``funders`` (one text for all, and their logos).
    funder: str = ""
    label: str = ""  # empty: the language's word, "Gefördert durch"
    logo: FileRef | None = None
    logos: tuple[FileRef, ...] = ()
    #: ``after-articles``: a band at the foot of the page where the articles
    #: end; ``last-page``: at the foot of the last inside page, under the
    #: statistics; ``every-page``: a band at the foot of every inside page.
    position: Literal["after-articles", "last-page", "every-page"] = "after-articles"
    pos: Position = _pos()

    @property
    def sponsors(self) -> tuple[Funder, ...]:
        """Who funds: ``funders``, else the replaced ``funder``, ``logo`` and
        ``logos`` (the name with the first logo, or alone where there is none)."""
        if self.funders:
            return self.funders
        logos = ((self.logo,) if self.logo else ()) + self.logos
        if not logos:
            return (Funder(self.funder, pos=self.pos),) if self.funder else ()
        return tuple(Funder(self.funder if index == 0 else "", logo, pos=self.pos)
                     for index, logo in enumerate(logos))

    @property
    def all_logos(self) -> tuple[FileRef, ...]:
        """Every funder's logo, in order."""
        return tuple(funder.logo for funder in self.sponsors if funder.logo)


@dataclass(frozen=True)
class Series(Node):
    LABEL: ClassVar[str] = N_("series")
    name: str
    #: Whole numbers or decimals (``12.5``); ``None`` where a value is missing.
    values: tuple[float | None, ...]
    #: The series' own unit, where it differs from the statistic's (``%`` beside counts).
    unit: str = ""
    #: The series' colour in the chart, printed as exactly this CMYK; without
    #: it, the next of the theme's series colours no other series has.
    colour: CMYK | None = None
    pos: Position = _pos()


@dataclass(frozen=True)
class Statistics(Node):
    LABEL: ClassVar[str] = N_("statistics")
    #: The issue's ``statistics`` may be one of them instead of a list.
    ALONE: ClassVar[bool] = True
    title: str
    #: Required, unless ``data`` fills them (and then not to be written).
    periods: tuple[str, ...] = ()
    series: tuple[Series, ...] = ()
    #: A CSV file beside the issue: a head row (the period column's head, then
    #: the series' names), then one row per period. The loader fills
    #: ``periods`` and ``series`` from it.
    data: FileRef | None = None
    #: How the CSV file writes its numbers: ``de`` 1.234,5, ``en`` 1,234.5;
    #: ``auto`` tells them apart where a number says which it is.
    numbers: Literal["auto", "de", "en"] = "auto"
    #: Printed with every value, e.g. ``%``, ``€``, ``£``, ``km``.
    unit: str = ""
    #: Decimal places printed; ``None``: as many as the values have (at most 3).
    decimals: int | None = None
    #: The column of the periods' sums: ``auto`` where there are two series
    #: or more and their unit adds up (not ``%``).
    totals: Literal["auto", "yes", "no"] = "auto"
    heading: str = ""  # empty: the language's word, "Aktuelle Zahlen"
    text: Paragraphs = Paragraphs(())
    period_label: str = ""  # empty: the language's word, "Stand"
    total_label: str = ""  # empty: the language's word, "Gesamt"
    source: str = ""
    #: ``bars`` is the older name of ``grouped-bars`` (series side by side).
    chart: Literal["stacked-bars", "grouped-bars", "horizontal-bars", "lines", "bars",
                   "none"] = "stacked-bars"
    #: Each bar's (point's) value printed at it; ``None``: only where the bars'
    #: heights span more than ``charts.SPAN`` times.
    value_labels: bool | None = None
    pos: Position = _pos()

    def sums(self) -> tuple[float | None, ...]:
        """The sum of the series per period; ``None`` where a value is missing."""
        sums: list[float | None] = []
        for index in range(len(self.periods)):
            column = [series.values[index] for series in self.series]
            sums.append(None if any(v is None for v in column) else sum(v or 0 for v in column))
        return tuple(sums)

    @property
    def has_totals(self) -> bool:
        """Whether the table has a totals column (see ``totals``)."""
        if self.totals != "auto":
            return self.totals == "yes"
        units = {self.unit_of(series) for series in self.series}
        return len(self.series) > 1 and len(units) == 1 and "%" not in units

    def unit_of(self, series: Series) -> str:
        """The unit ``series`` is printed with: its own, else the statistic's."""
        return (series.unit or self.unit).strip()

    def places_of(self, series: Series) -> int:
        """The decimal places ``series`` is printed with: ``decimals``, else as
        many as its values have."""
        if self.decimals is not None:
            return self.decimals
        return max((_places(v) for v in series.values if v is not None), default=0)

    @property
    def places(self) -> int:
        """The decimal places of the totals: the most of any series."""
        return max((self.places_of(series) for series in self.series), default=0)


def _places(value: float) -> int:
    """The decimal places ``value`` was written with (at most 3)."""
    if isinstance(value, int) or float(value).is_integer():
        return 0
    return min(3, len(repr(float(value)).partition(".")[2]))


@dataclass(frozen=True)
class Imprint(Node):
    LABEL: ClassVar[str] = N_("imprint")
    text: Paragraphs
    heading: str = ""  # empty: the language's word, "Impressum"
    lines: tuple[str, ...] = ()
    pos: Position = _pos()


@dataclass(frozen=True)
class Cover(Node):
    """What stands before and after the inside pages.

    ``front`` and ``back`` are ``generated`` (made from the issue), ``none``, or
    the file name of a designer's PDF used instead.
    """

    LABEL: ClassVar[str] = N_("cover")
    photo: Picture | None = None
    #: Cover lines: two to four short teasers, set on the cover photo.
    lines: tuple[str, ...] = ()
    front: str = "generated"
    back: str = "generated"
    pos: Position = _pos()


@dataclass(frozen=True)
class PrintSettings(Node):
    """What the print shop asked for."""

    LABEL: ClassVar[str] = N_("print settings")
    #: ``saddle-stitch`` needs a multiple of 4 pages, ``perfect`` an even
    #: number; missing pages become notes pages before the back cover.
    binding: Literal["saddle-stitch", "perfect", "none"] = "saddle-stitch"
    #: A notes page is welcome where the binding needs one more page: it is
    #: added without a warning (else with one).
    notes_page: bool = False
    crop_marks: bool = False
    #: The shop's CMYK output profile (an .icc file), e.g. FOGRA39; without
    #: it, FOGRA39 (ISO Coated v2) is declared and embedded.
    profile: FileRef | None = None
    #: The output condition the profile describes, e.g. "FOGRA39".
    condition: str = ""
    pos: Position = _pos()


@dataclass(frozen=True)
class Issue(Node):
    """One issue of the newsletter: everything one YAML file describes."""

    LABEL: ClassVar[str] = N_("issue")
    newsletter: str
    number: str
    theme: str
    date: datetime.date
    publisher: str
    articles: tuple[Article, ...]
    #: The strap line: a short motto under the masthead's name and above the
    #: name on the front cover.
    strap: str = ""
    language: str = "de-DE"
    keywords: tuple[str, ...] = ()
    cover: Cover = Cover()
    editorial: Editorial | None = None
    contacts: Contacts | None = None
    funding: Funding | None = None
    #: One statistic, or several (a list), each a section of its own after the articles.
    statistics: tuple[Statistics, ...] = ()
    next_issue: str = ""
    imprint: Imprint | None = None
    print: PrintSettings = PrintSettings()
    pos: Position = _pos()
    #: The folder the issue was read from (set by the loader, not in YAML).
    folder: Path = field(default=Path("."), compare=False, repr=False)

    @property
    def title(self) -> str:
        """The document title, e.g. ``Newsletter 2/22 – Zum Thema …``."""
        return f"{self.newsletter} {self.number} – {self.theme}"

    def files(self) -> tuple[Path, ...]:
        """Every file the issue names: pictures, logos, the print profile and
        the designer's cover PDFs (the files a build reads besides the issue's own)."""
        found: list[Path] = [self.folder / name for name in (self.cover.front, self.cover.back)
                             if name not in ("generated", "none")]

        def collect(value: object) -> None:
            if isinstance(value, Path):
                found.append(value)
            elif isinstance(value, tuple):
                for item in value:
                    collect(item)
            elif isinstance(value, Node):
                for name in vars(value):
                    if name not in ("pos", "folder"):
                        collect(getattr(value, name))

        collect(self)
        return tuple(found)
