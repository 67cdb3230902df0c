"""Editors' inline markup becomes ReportLab markup; everything else prints as typed."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from layout.markup import linked, plain, to_markup


@pytest.mark.parametrize(("text", "expected"), [
    ("*wichtig*", "<i>wichtig</i>"),
    ("**sehr**", "<b>sehr</b>"),
    ("A & B", "A &amp; B"),
    ("<font size=80>groß</font>", "&lt;font size=80&gt;groß&lt;/font&gt;"),
    ('<img src="x.png"/>', '&lt;img src="x.png"/&gt;'),
    ("&amp; bleibt", "&amp;amp; bleibt"),
    ("Leser*innen und Kolleg*innen", "Leser*innen und Kolleg*innen"),
    ("Kolleg:innen", "Kolleg:innen"),
    (r"\*kein Akzent\*", "*kein Akzent*"),
    ("zwei\x07Zeichen\x1b", "zweiZeichen"),
])
def test_conversion(text: str, expected: str) -> None:
    assert to_markup(text, "de") == expected


def test_links_are_kept_with_escaped_targets() -> None:
    markup = to_markup('[Seite](https://example.org/?a=1&b="2")', "de")
    assert markup == '<a href="https://example.org/?a=1&amp;b=%222%22">Seite</a>'


def test_bare_addresses_become_links() -> None:
    assert to_markup("an sabrina.neumann@lra-nordsachsen.de richten", "de") == (
        'an <a href="mailto:sabrina.neumann@lra-nordsachsen.de">'
        "sabrina.neumann@lra-nordsachsen.de</a> richten")


def test_unsafe_links_are_text() -> None:
    assert to_markup("[klick](javascript:alert(1))", "de") == "[klick](javascript:alert(1))"


def test_plain_escapes_without_interpreting() -> None:
    assert plain("*a* <b>") == "*a* &lt;b&gt;"


@pytest.mark.parametrize("text", [
    "<font size=80>x", "&#x202E;", '<a href="javascript:x">', "</i>", "<para>", "a < b > c & d",
])
def test_hostile_text_renders_as_typed(text: str) -> None:
    paragraph = Paragraph(to_markup(text, "de"), ParagraphStyle("t"))
    assert paragraph.getPlainText() == text


def test_address_lines_link_their_addresses_and_nothing_else() -> None:
    """The imprint's address lines: verbatim, but an e-mail or web address is
    a link (in the digital edition, and for a screen reader a Link)."""
    assert linked("E-Mail: info@landesnetz-beispielland.de") == (
        'E-Mail: <a href="mailto:info@landesnetz-beispielland.de">'
        "info@landesnetz-beispielland.de</a>")
    assert linked("www.beispielstadt.de · Tel. 0340 123") == (
        '<a href="http://www.beispielstadt.de">www.beispielstadt.de</a> · Tel. 0340 123')
    assert linked("Dr.-Belian-Str. 4 & 5 *Haus B*") == \
        "Dr.-Belian-Str. 4 &amp; 5 *Haus B*"
