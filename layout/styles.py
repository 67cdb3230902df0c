"""Paragraph styles, made fresh for every build from a :class:`~layout.theme.Theme`.

Never mutates a shared style sheet: :func:`make_styles` returns a new frozen
set of :class:`~reportlab.lib.styles.ParagraphStyle` objects, one per kind of
text. Body text is justified and hyphenated in the issue's language; headings
are never hyphenated.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from .hyphenation import hyphenation_language
from .theme import Theme


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_first: ParagraphStyle
    standfirst: ParagraphStyle
    section: ParagraphStyle
    title: ParagraphStyle
    kicker: ParagraphStyle
    subtitle: ParagraphStyle
    subhead: ParagraphStyle
    question: ParagraphStyle
    speaker: ParagraphStyle
    quote: ParagraphStyle
    quote_by: ParagraphStyle
    caption: ParagraphStyle
    credit: ParagraphStyle
    editorial_body: ParagraphStyle
    editorial_first: ParagraphStyle
    greeting: ParagraphStyle
    signature: ParagraphStyle
    signature_more: ParagraphStyle
    sidebar_heading: ParagraphStyle
    sidebar_group: ParagraphStyle
    sidebar_entry: ParagraphStyle
    sidebar_value: ParagraphStyle
    sidebar_kind: ParagraphStyle
    sidebar_address: ParagraphStyle
    sidebar_note: ParagraphStyle
    funding: ParagraphStyle
    funding_label: ParagraphStyle
    stats_heading: ParagraphStyle
    stats_title: ParagraphStyle
    table_head: ParagraphStyle
    table_cell: ParagraphStyle
    table_number: ParagraphStyle
    notice: ParagraphStyle
    notice_big: ParagraphStyle
    small_heading: ParagraphStyle
    small: ParagraphStyle
    foot: ParagraphStyle
    contents: ParagraphStyle
    contents_number: ParagraphStyle


def make_styles(theme: Theme, language: str) -> Styles:
    """A complete, fresh style set for one build."""
    t, c = theme.type, theme.colours
    serif, sans = theme.serif, theme.sans

    def style(name: str, font: str, size: tuple[float, float], **extra: object) -> ParagraphStyle:
        base: dict[str, object] = {"textColor": c.text, "alignment": TA_LEFT,
                                   "allowWidows": 0, "allowOrphans": 0}
        base.update(extra)
        return ParagraphStyle(name, fontName=font, fontSize=size[0], leading=size[1], **base)

    justified: dict[str, object] = {
        "alignment": TA_JUSTIFY,
        "hyphenationLang": hyphenation_language(language),
        "embeddedHyphenation": 1,
        "uriWasteReduce": 0.3,
    }
    line, space = theme.line, theme.space
    # Column text keeps to a baseline grid of one body line: headings inside
    # the columns have the body leading and a whole blank line before them,
    # nothing after, so that lines stay level across the gutter.
    in_column = {"spaceBefore": line, "spaceAfter": 0, "keepWithNext": 1, "hyphenationLang": ""}
    heading = {"keepWithNext": 1, "hyphenationLang": ""}
    body_first = style("body_first", serif, t.body, **justified)
    editorial_first = style("editorial_first", serif, t.editorial, **justified)
    return Styles(
        body=ParagraphStyle("body", parent=body_first, firstLineIndent=theme.paragraph_indent),
        body_first=body_first,
        standfirst=style("standfirst", serif + "-Italic", t.standfirst, textColor=c.brand,
                         spaceAfter=line, hyphenationLang=""),
        section=style("section", sans + "-Bold", t.section, textColor=c.accent,
                      textTransform="uppercase", spaceAfter=space.tight, **heading),
        title=style("title", sans + "-Bold", t.title, textColor=c.brand,
                    spaceAfter=space.small, **heading),
        # Dachzeile and Unterzeile in the text's colour, around the title in
        # the brand's: the section above them keeps the accent to itself.
        kicker=style("kicker", sans + "-Bold", t.kicker, spaceAfter=space.tight, **heading),
        subtitle=style("subtitle", sans, t.subtitle, spaceAfter=space.medium, **heading),
        subhead=style("subhead", sans + "-Bold", (t.subhead[0], line), textColor=c.brand,
                      **in_column),
        question=style("question", sans + "-Bold", t.body, textColor=c.brand, **in_column),
        speaker=style("speaker", sans + "-Bold", t.body, **in_column),
        quote=style("quote", serif + "-Italic", t.quote, textColor=c.brand),
        quote_by=style("quote_by", sans, t.caption, textColor=c.muted, spaceBefore=space.small),
        caption=style("caption", sans, t.caption, spaceBefore=space.small),
        credit=style("credit", sans, t.credit, textColor=c.muted),
        editorial_body=ParagraphStyle("editorial_body", parent=editorial_first,
                                      firstLineIndent=t.editorial[0]),
        editorial_first=editorial_first,
        greeting=style("greeting", serif + "-Bold", t.editorial, spaceAfter=space.small),
        signature=style("signature", sans, t.sidebar, spaceBefore=space.large),
        signature_more=style("signature_more", sans, t.sidebar),
        sidebar_heading=style("sidebar_heading", sans + "-Bold", t.sidebar_heading,
                              textColor=c.brand, textTransform="uppercase",
                              spaceAfter=space.small, **heading),
        sidebar_group=style("sidebar_group", sans + "-Bold", t.sidebar, spaceBefore=space.medium,
                            keepWithNext=1, breakByRules=1,
                            hyphenationLang=hyphenation_language(language)),
        # The sidebar's narrow columns: labels hyphenate by the language's
        # rules, numbers never break, addresses only after @ . / - (see
        # layout.linebreak); no word is split at any letter.
        sidebar_entry=style("sidebar_entry", sans, t.sidebar, breakByRules=1,
                            hyphenationLang=hyphenation_language(language)),
        sidebar_value=style("sidebar_value", sans, t.table, alignment=TA_RIGHT, breakByRules=1),
        # The word before a number ("Fax"); a contact's postal address (never
        # hyphenated) and note, under its values.
        sidebar_kind=style("sidebar_kind", sans, t.table, textColor=c.muted),
        sidebar_address=style("sidebar_address", sans, t.table, breakByRules=1),
        sidebar_note=style("sidebar_note", sans, t.table, textColor=c.muted, breakByRules=1,
                           hyphenationLang=hyphenation_language(language)),
        funding=style("funding", sans, t.caption),
        funding_label=style("funding_label", sans, t.caption, textColor=c.muted),
        stats_heading=style("stats_heading", sans + "-Bold", t.title, textColor=c.brand,
                            spaceAfter=space.small, **heading),
        stats_title=style("stats_title", sans + "-Bold", t.section, textColor=c.brand,
                          textTransform="uppercase", spaceBefore=line, spaceAfter=line / 2,
                          **heading),
        table_head=style("table_head", sans + "-Bold", t.table, alignment=TA_RIGHT),
        table_cell=style("table_cell", sans, t.table),
        table_number=style("table_number", sans, t.table, alignment=TA_RIGHT),
        notice=style("notice", sans + "-Bold", t.subhead, textColor=c.brand,
                     textTransform="uppercase", alignment=TA_CENTER),
        notice_big=style("notice_big", sans + "-Bold", t.notice, textColor=c.brand,
                         hyphenationLang=""),
        small_heading=style("small_heading", sans + "-Bold", t.sidebar, textColor=c.brand,
                            spaceBefore=space.medium, spaceAfter=space.tight, **heading),
        small=style("small", sans, t.sidebar, spaceAfter=space.tight),
        foot=style("foot", sans, t.foot, textColor=c.muted),
        contents=style("contents", sans, t.contents),
        contents_number=style("contents_number", sans + "-Bold", t.contents, alignment=TA_RIGHT),
    )
