"""Editors' inline markup to ReportLab paragraph markup.

The only producer of ReportLab's XML-like paragraph markup in the engine.
Editors write a small Markdown subset, parsed by markdown-it-py:

* ``*emphasis*`` and ``**strong**``,
* ``[text](https://example.org)`` links and bare web or e-mail addresses,
* a backslash to take the next character literally (``\\*``).

Everything else prints as typed: ``<font>``, ``&amp;`` or ``<img>`` are text,
never markup, because every text token and attribute value is escaped here.
Links are kept only for ``http``, ``https``, ``mailto`` and ``tel``. A star
between letters ("Leser*innen") is a gender star, not emphasis.
"""

from __future__ import annotations

import functools
import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from markdown_it import MarkdownIt

from .fonts import missing_characters, stand_in
from .typography import refine

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_GENDER_STAR = re.compile(r"(?<=\w)\*(?=\w)")
#: C0 and C1 control characters other than tab and newline; never printable.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TAGS = {"em": "i", "strong": "b"}


@functools.cache
def _parser() -> MarkdownIt:
    rules = ["emphasis", "link", "autolink", "escape", "backticks", "linkify", "newline"]
    return MarkdownIt("zero", {"linkify": True}).enable(rules)


@functools.lru_cache(maxsize=4096)  # a watched issue's texts, set again after each edit
def to_markup(text: str, language: str, link_color: str | None = None,
              breaks: bool = False) -> str:
    """Convert an editor's text to ReportLab paragraph markup (escaped), with
    the typography of ``language`` (see :mod:`layout.typography`). With
    ``breaks`` the zero-width spaces the editor typed stay, as breaks without
    a hyphen, for a paragraph of :mod:`layout.linebreak` (never for another)."""
    text = _stand_in_missing(refine(_CONTROL.sub("", text), language, breaks))
    text = _GENDER_STAR.sub(r"\\*", text)
    tokens = _parser().parseInline(text)
    out: list[str] = []
    children = tokens[0].children if tokens else None
    for token in children or ():
        kind = token.type
        if kind in ("text", "code_inline"):
            out.append(escape(token.content))
        elif kind in ("softbreak", "hardbreak"):
            out.append("<br/>" if kind == "hardbreak" else " ")
        elif kind.endswith("_open") and kind[:-5] in _TAGS:
            out.append(f"<{_TAGS[kind[:-5]]}>")
        elif kind.endswith("_close") and kind[:-6] in _TAGS:
            out.append(f"</{_TAGS[kind[:-6]]}>")
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            if href.lower().startswith(_SAFE_SCHEMES):
                color = f" color={quoteattr(link_color)}" if link_color else ""
                out.append(f"<a href={quoteattr(href)}{color}>")
            else:
                out.append("<a>")  # a refused link: dropped with its close tag below
        elif kind == "link_close":
            out.append("</a>")
    return _drop_unsafe_links(out)


def _drop_unsafe_links(parts: list[str]) -> str:
    """Remove the ``<a>``/``</a>`` pair of links whose target was refused."""
    result: list[str] = []
    stack: list[bool] = []
    for part in parts:
        if part.startswith("<a"):
            safe = part != "<a>"
            stack.append(safe)
            if safe:
                result.append(part)
        elif part == "</a>":
            if stack.pop():
                result.append(part)
        else:
            result.append(part)
    return "".join(result)


def plain(text: str) -> str:
    """Escape ``text`` for a paragraph without interpreting any markup."""
    return escape(_stand_in_missing(_CONTROL.sub("", text)))


def linked(text: str) -> str:
    """:func:`plain`, but with its web and e-mail addresses links, as
    :func:`to_markup` makes them (an address line of the imprint)."""
    text = _stand_in_missing(_CONTROL.sub("", text))
    out: list[str] = []
    at = 0
    finder: Any = _parser().linkify  # what finds the addresses for to_markup
    for match in finder.match(text) or ():
        out.append(escape(text[at:match.index]))
        shown = escape(match.text)
        url = str(match.url)
        out.append(f"<a href={quoteattr(url)}>{shown}</a>"
                   if url.lower().startswith(_SAFE_SCHEMES) else shown)
        at = match.last_index
    out.append(escape(text[at:]))
    return "".join(out)


def _stand_in_missing(text: str) -> str:
    """Characters the fonts lack print as their code (``[U+1F600]``), never as
    a box; the loader warns about them at their line."""
    for character in missing_characters(text):
        text = text.replace(character, stand_in(character))
    return text
