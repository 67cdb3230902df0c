"""German hyphenation (layout.hyphenation) judged against TeX's patterns.

``tests/data/hyphenation-de-1996.txt`` holds 1,433 German words (those of
the sample and gallery issues, and long compounds of public-office German)
with the breaks TeX's ``hyph-de-1996`` patterns give them, found by Liang's
algorithm in ``tools/make_hyphenation_reference.py``, not by the engine. The
engine must allow no break TeX forbids, find the breaks TeX allows (but for
those its own minimum of letters after a break rules out), and prefer
compound boundaries when the line breaker has to hyphenate.
"""

from __future__ import annotations

from pathlib import Path

import pyphen
import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from layout import cache, hyphenation, linebreak
from layout.fonts import register_fonts
from layout.hyphenation import LEFT, RIGHT, compound_points, hyphenation_points
from layout.linebreak import COMPOUND_PENALTY, HYPHEN_PENALTY, JustifiedParagraph

REFERENCE = Path(__file__).parent / "data" / "hyphenation-de-1996.txt"
#: The share of TeX's breaks the engine finds on the list: 3,376 of 3,652
#: (92.4 %); the rest leave two letters after the break, where the engine
#: keeps three (RIGHT). LibreOffice's patterns found 3,349 and allowed 109
#: breaks TeX forbids ("Zusamme-narbeit").
FOUND_SHARE = 0.92


def reference() -> dict[str, list[int]]:
    """The words of the reference list with TeX's breaks (positions in the word)."""
    words = {}
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            parts = line.split("-")
            words["".join(parts)] = [sum(map(len, parts[:i])) for i in range(1, len(parts))]
    return words


@pytest.fixture(scope="module")
def words() -> dict[str, list[int]]:
    found = reference()
    assert 1000 <= len(found) <= 3000
    return found


@pytest.mark.parametrize("lang", ["de_DE", "de_AT", "de"])
def test_no_break_tex_forbids(words: dict[str, list[int]], lang: str) -> None:
    bad = [f"{word[:p]}-{word[p:]}" for word, tex in words.items()
           for p in hyphenation_points(lang, word) if p not in tex]
    assert bad == []
    assert len(bad) == 0


def test_the_breaks_tex_allows_are_found(words: dict[str, list[int]]) -> None:
    total = found = 0
    for word, tex in words.items():
        engine = set(hyphenation_points("de_DE", word))
        total += len(tex)
        found += len(engine & set(tex))
        missed = [p for p in tex if p not in engine]
        assert all(p < LEFT or p > len(word) - RIGHT for p in missed), (word, missed)
    assert found / total >= FOUND_SHARE, (found, total)


def test_the_patterns_shipped_are_texs_and_carry_their_licence() -> None:
    path = hyphenation.patterns_path("de_DE")
    assert path is not None and path.parent == Path(hyphenation.__file__).parent / "patterns"
    assert hyphenation.patterns_path("de_AT") == path
    assert hyphenation.patterns_path("de_CH") == pyphen.LANGUAGES["de_CH"]
    assert hyphenation.patterns_path("en_GB") == pyphen.LANGUAGES["en_GB"]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("UTF-8\n")
    for needed in ("hyph-de-1996", "licence:", "name: MIT", "Permission is hereby granted",
                   "The above copyright notice", "Copyright (c) 2013-2024"):
        assert needed in text
    assert hyphenation.parse_patterns(path) == pyphen.HyphDict(path).patterns


def test_the_patterns_are_part_of_the_engine_fingerprint() -> None:
    folder = Path(cache.__file__).parent
    sources = sorted(folder.glob("*.py"))
    patterns = sorted((folder / "patterns").iterdir())
    assert {p.name for p in patterns} >= {"hyph-de-1996.dic", "de-word-parts.txt"}
    assert cache.engine()["engine"] == cache._digest(sources + patterns)
    assert cache._digest(sources) != cache._digest(sources + patterns)


@pytest.mark.parametrize(("word", "boundaries"), [
    ("Zusammenarbeit", ["Zusammen|arbeit"]),
    ("Kompetenzentwicklung", ["Kompetenz|entwicklung"]),
    ("Migrationsberatung", ["Migrations|beratung"]),
    ("Integrationsbeauftragte", ["Integrations|beauftragte"]),
    ("Ausländerbehörde", ["Ausländer|behörde"]),
    ("Netzwerktreffen", ["Netzwerk|treffen"]),
    ("Arbeitsmarktintegration", ["Arbeits|marktintegration", "Arbeitsmarkt|integration"]),
    ("Sachbearbeiterin", []),  # not "Sachbe|arbeiterin"
    ("Krankenversicherung", ["Kranken|versicherung"]),  # not "Krankenver|sicherung"
    ("Jugendliche", []),  # not "Jugend|liche"
])
def test_compound_boundaries(word: str, boundaries: list[str]) -> None:
    found = [f"{word[:p]}|{word[p:]}" for p in compound_points("de_DE", word)]
    assert found == boundaries
    assert set(compound_points("de_DE", word)) <= set(hyphenation_points("de_DE", word))


def test_other_languages_have_no_compound_boundaries() -> None:
    assert compound_points("en_GB", "Kompetenzentwicklung") == ()
    assert compound_points("", "Kompetenzentwicklung") == ()


def test_a_compound_boundary_costs_less() -> None:
    assert COMPOUND_PENALTY < HYPHEN_PENALTY
    for word, boundary in (("Zusammenarbeit", 8), ("Kompetenzentwicklung", 9)):
        cuts = linebreak._cuts("de_DE", word)
        assert [pos for pos, *_ in cuts] == hyphenation_points("de_DE", word)
        for pos, hyphen, emergency, penalty in cuts:
            assert hyphen and not emergency
            assert penalty == (COMPOUND_PENALTY if pos == boundary else HYPHEN_PENALTY)


@pytest.fixture
def style() -> ParagraphStyle:
    register_fonts()
    return ParagraphStyle("b", fontName="Serif", fontSize=9.5, leading=13,
                          alignment=TA_JUSTIFY, hyphenationLang="de_DE")


def hyphenated_ends(text: str, style: ParagraphStyle, width: float) -> list[str]:
    """The last word (part) of each line but the last."""
    paragraph = JustifiedParagraph(text, style)
    paragraph.wrap(width, 1e6)
    return ["".join(w.text for w in line.words).split()[-1]
            for line in paragraph.blPara.lines[:-1]]


@pytest.mark.parametrize(("word", "boundary"), [("Zusammenarbeit", "Zusammen-"),
                                                 ("Kompetenzentwicklung", "Kompetenz-")])
def test_the_line_breaker_prefers_the_compound_boundary(
        style: ParagraphStyle, word: str, boundary: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Set at widths from 60 to 70 mm, where the compound's breaks compete:
    where the boundary's lower penalty changes the choice at all, the
    boundary is chosen instead of another point of the word."""
    monkeypatch.setenv("NEWSLETTER_CACHE", "off")  # chosen breaks are kept by the engine's source
    text = f"Wir danken allen für die gute {word} im Landkreis und in der Stadt."
    widths = [w / 2 * mm for w in range(120, 141)]
    chosen = {}
    for penalty in (COMPOUND_PENALTY, HYPHEN_PENALTY):
        monkeypatch.setattr(linebreak, "COMPOUND_PENALTY", penalty)
        linebreak._cuts.cache_clear()
        chosen[penalty] = [hyphenated_ends(text, style, width) for width in widths]
    linebreak._cuts.cache_clear()
    changed = [(ours, plain) for ours, plain in zip(chosen[COMPOUND_PENALTY],
                                                    chosen[HYPHEN_PENALTY], strict=True)
               if ours != plain]
    assert changed
    for ours, plain in changed:
        assert ours == [boundary], (ours, plain)
        assert plain[0].startswith(word[:3]) and plain[0] != boundary
