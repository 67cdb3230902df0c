"""Contacts: every way to reach an office, as the loader reads it and the
reader sees it in the PDF (numbers in the national style, ``tel:`` links in
international form, a fax never linked)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from layout import model
from layout.build import build_issue
from layout.errors import Diagnostic, IssueError
from layout.load import load_issue
from layout.phones import read_phone, region_of

from .pdftext import page_texts

HEAD = """\
newsletter: Rundbrief
number: 1/23
theme: Erreichbar
date: 2023-03-01
publisher: Stadt Beispielstadt
language: {language}
cover: {{front: none, back: none}}
print: {{binding: none}}
editorial:
  text: Ein kurzes Vorwort.
articles:
  - title: Ein Artikel
    body:
      - Ein Absatz.
"""

CONTACTS = """\
contacts:
  groups:
    - title: Integrationsbüro
      entries:
        - label: Beratung
          phone: 0341/1234567
          mobile: +49 151 23456789
          fax: 0341 1234569
          email: integration@beispielstadt.de
          web: https://www.beispielstadt.de/integration/
          address:
            - Rathausplatz 1
            - 01234 Beispielstadt
          note: Mo–Do 9–16 Uhr
        - label: London
          phone: +44 20 7946 0321
"""


def issue_text(contacts: str = CONTACTS, language: str = "de-DE") -> str:
    return HEAD.format(language=language) + contacts


def uris(reader: PdfReader) -> list[str]:
    """The targets of every link annotation of the document."""
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or ():
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                found.append(str(action["/URI"]))
    return found


@pytest.fixture
def built(write_issue: Callable[[str], Path], tmp_path: Path) -> tuple[PdfReader, str]:
    result = build_issue(write_issue(issue_text()), tmp_path / "out" / "c.pdf")
    reader = PdfReader(result.output)
    return reader, "\n".join(page_texts(reader))


# -- reading numbers ----------------------------------------------------------


@pytest.mark.parametrize(("language", "region"), [
    ("de-DE", "DE"), ("de", "DE"), ("en-GB", "GB"), ("en", "GB"), ("de-AT", "AT")])
def test_the_country_comes_from_the_language(language: str, region: str) -> None:
    assert region_of(language) == region


@pytest.mark.parametrize(("typed", "printed", "uri"), [
    ("0341/1234567", "0341 1234567", "tel:+493411234567"),
    ("03421/7585332", "03421 7585332", "tel:+4934217585332"),
    # the library writes 01515 8049677; the prefix the editor wrote is kept
    ("0151/58049677", "0151 58049677", "tel:+4915158049677"),
    ("+49 151 58049677", "0151 58049677", "tel:+4915158049677"),
    ("+49 340 87 05 88 30", "0340 87058830", "tel:+4934087058830"),
    # another country's number: dialled from Germany with its code
    ("+44 20 7946 0321", "+44 20 7946 0321", "tel:+442079460321"),
    ("0043 1 2345678", "+43 1 2345678", "tel:+4312345678"),
])
def test_a_number_prints_in_the_national_style(typed: str, printed: str, uri: str) -> None:
    phone = read_phone(typed, "de-DE")
    assert (phone.text, phone.uri) == (printed, uri)


def test_a_british_issue_reads_british_numbers() -> None:
    phone = read_phone("020 7946 0018", "en-GB")
    assert (phone.text, phone.uri) == ("020 7946 0018", "tel:+442079460018")


def test_an_unreadable_number_prints_as_typed_without_a_link() -> None:
    phone = read_phone("0341/12", "de-DE")
    assert (phone.text, phone.uri, phone.readable) == ("0341/12", None, False)


# -- the loader -----------------------------------------------------------------


def test_every_way_is_read(write_issue: Callable[[str], Path]) -> None:
    issue = load_issue(write_issue(issue_text()))
    assert issue.contacts is not None
    entry = issue.contacts.groups[0].entries[0]
    assert (entry.mobile, entry.fax, entry.web) == (
        "+49 151 23456789", "0341 1234569", "https://www.beispielstadt.de/integration/")
    assert entry.address == ("Rathausplatz 1", "01234 Beispielstadt")
    assert entry.note == "Mo–Do 9–16 Uhr"


@pytest.mark.parametrize(("written", "lines"), [
    ("address: Rathausplatz 1, 01234 Beispielstadt", ("Rathausplatz 1, 01234 Beispielstadt",)),
    ("address: [Rathausplatz 1, 01234 Beispielstadt]", ("Rathausplatz 1", "01234 Beispielstadt")),
    ("address: |\n            Rathausplatz 1\n            01234  Beispielstadt",
     ("Rathausplatz 1", "01234 Beispielstadt")),
])
def test_an_address_is_a_text_or_lines(write_issue: Callable[[str], Path], written: str,
                                       lines: tuple[str, ...]) -> None:
    contacts = f"""\
contacts:
  groups:
    - title: Büro
      entries:
        - phone: 0341/1234567
          {written}
"""
    issue = load_issue(write_issue(issue_text(contacts)))
    assert issue.contacts is not None
    assert issue.contacts.groups[0].entries[0].address == lines


def test_a_bad_number_is_a_warning_at_its_line(write_issue: Callable[[str], Path]) -> None:
    contacts = CONTACTS.replace("fax: 0341 1234569", "fax: 0341/12")
    warnings: list[Diagnostic] = []
    load_issue(write_issue(issue_text(contacts)), warnings=warnings)
    line = issue_text(contacts).splitlines().index("          fax: 0341/12") + 1
    [warning] = [w.format() for w in warnings]
    assert f"issue.yaml:{line}:16: warning: '0341/12' is not a phone number of DE" in warning
    assert "030 123456" in warning  # an example of the country's numbers


def test_old_contacts_still_load(write_issue: Callable[[str], Path]) -> None:
    contacts = """\
contacts:
  heading: Kontakte
  groups:
    - title: Beratung
      entries:
        - {label: Nordstadt, phone: 0341/1234567}
        - email: beratung@beispielstadt.de
"""
    warnings: list[Diagnostic] = []
    issue = load_issue(write_issue(issue_text(contacts)), warnings=warnings)
    assert warnings == []
    assert issue.contacts is not None
    first, second = issue.contacts.groups[0].entries
    assert first == model.Contact(label="Nordstadt", phone="0341/1234567")
    assert (second.email, second.address, second.note) == ("beratung@beispielstadt.de", (), "")


def test_an_entry_needs_a_way_to_reach_it(write_issue: Callable[[str], Path]) -> None:
    contacts = """\
contacts:
  groups:
    - title: Beratung
      entries:
        - {label: Nordstadt, note: Mo 9–12 Uhr}
        - {label: Südstadt, address: [Marktplatz 2]}
"""
    with pytest.raises(IssueError) as caught:
        load_issue(write_issue(issue_text(contacts)))
    assert [d.message for d in caught.value.diagnostics] == [
        "contact 'Nordstadt' has neither phone nor email"]


# -- what the reader sees -------------------------------------------------------


def test_links_are_international(built: tuple[PdfReader, str]) -> None:
    reader, _text = built
    links = set(uris(reader))
    assert {"tel:+493411234567", "tel:+4915123456789", "tel:+442079460321"} <= links
    assert "https://www.beispielstadt.de/integration/" in links
    assert "mailto:integration@beispielstadt.de" in links


def test_a_fax_is_never_a_link(built: tuple[PdfReader, str]) -> None:
    reader, text = built
    assert "0341 1234569" in text
    assert not [uri for uri in uris(reader) if "1234569" in uri]


def test_numbers_print_nationally_with_their_kind(built: tuple[PdfReader, str]) -> None:
    _reader, text = built
    lines = [" ".join(line.split()) for line in text.splitlines()]
    pairs = list(itertools.pairwise(lines))  # the word, then its number
    for kind, number in (("Tel.", "0341 1234567"), ("Mobil", "0151 23456789"),
                         ("Fax", "0341 1234569")):
        assert (kind, number) in pairs, (kind, lines)
    assert "+44 20 7946 0321" in text
    assert "0341/1234567" not in text


def test_web_address_address_and_note_print(built: tuple[PdfReader, str]) -> None:
    _reader, text = built
    assert "www.beispielstadt.de/integration" in text
    assert "https://" not in text
    for line in ("Rathausplatz 1", "01234 Beispielstadt", "Mo–Do 9–16 Uhr"):
        assert line in text


def test_english_labels(write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    contacts = """\
contacts:
  groups:
    - title: Office
      entries:
        - {label: Front desk, phone: 020 7946 0018, mobile: 07700 900018, fax: 020 7946 0019}
"""
    warnings: list[Diagnostic] = []
    folder = write_issue(issue_text(contacts, "en-GB"))
    load_issue(folder, warnings=warnings)
    assert [w.message for w in warnings] == [
        "'07700 900018' is not a phone number of GB"]  # Ofcom's drama range: not in service
    result = build_issue(folder, tmp_path / "out" / "e.pdf")
    text = "\n".join(page_texts(PdfReader(result.output)))
    assert "Mobile" in text and "Fax" in text and "020 7946 0019" in text
    assert "07700 900018" in text  # as typed


def test_a_number_read_before_comes_from_the_cache(tmp_path: Path) -> None:
    """A repeat build reads its numbers from the cache: phonenumbers (40 ms
    to import) stays out of the process, and the answer is the same."""
    import os
    import subprocess
    import sys

    script = ("import sys; from layout.phones import read_phone; "
              "p = read_phone('0151/58049677', 'de-DE'); "
              "print(p.text, p.uri, p.region, 'phonenumbers' in sys.modules)")
    env = {**os.environ, "NEWSLETTER_CACHE": str(tmp_path / "cache")}
    first, second = (subprocess.run([sys.executable, "-c", script], capture_output=True,
                                    text=True, check=True, env=env).stdout.split()
                     for _ in range(2))
    assert first == ["0151", "58049677", "tel:+4915158049677", "DE", "True"]
    assert second == [*first[:4], "False"]
