#!/usr/bin/env python3
"""Make the German hyphenation patterns and their reference list (a developer's tool).

Not a build step: both files are committed, and a build only reads the first.
Run this to make them again, e.g. after a new release of TeX's patterns::

    git clone https://github.com/hyphenation/tex-hyphen /tmp/tex-hyphen
    .venv/bin/python tools/make_hyphenation_reference.py /tmp/tex-hyphen [--measure]

The argument is a clone of ``hyphenation/tex-hyphen`` (hyph-utf8), with a
work tree or bare: files are read from its ``HEAD`` then.

It writes:

1. ``layout/patterns/hyph-de-1996.dic``: TeX's German patterns for the
   reformed spelling (hyph-utf8 ``hyph-de-1996``,
   ``hyph-utf8/tex/generic/hyph-utf8/patterns/txt/hyph-de-1996.pat.txt``; the
   language has no exceptions file), as a ``hyph_*.dic`` that pyphen and
   :func:`layout.hyphenation.parse_patterns` read: the line ``UTF-8``, then
   the header of ``patterns/tex/hyph-de-1996.tex`` (title, version, authors,
   copyright and the MIT licence) as ``%`` comments with the commit they came
   from, then one pattern a line.
2. ``tests/data/hyphenation-de-1996.txt``: the reference list, each word with
   the breaks TeX's patterns give it (``Zu-sam-men-ar-beit``), found here by
   Liang's algorithm with TeX's own hyphenmins for the language (left 2,
   right 2), by code of its own (not the engine's: the checker is not the
   producer). The words: those of five letters or more (the engine's
   ``MIN_WORD``) in the German issues (``issues/*/issue.yaml``,
   ``tests/gallery/*/issue.yaml`` whose ``language`` is German), and the
   compounds of public-office German in :data:`COMPOUNDS`.

With ``--measure`` it prints how the engine's hyphenation (as it is in this
work tree) compares: bad breaks (a break the engine allows that TeX's
patterns do not) and missed breaks.
"""

from __future__ import annotations

import argparse
import itertools
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PATTERNS_DIR = "hyph-utf8/tex/generic/hyph-utf8/patterns"
NAME = "hyph-de-1996"
DIC = ROOT / "layout" / "patterns" / f"{NAME}.dic"
REFERENCE = ROOT / "tests" / "data" / "hyphenation-de-1996.txt"
#: TeX's hyphenmins for typesetting ``hyph-de-1996`` (its header says so).
TEX_LEFT, TEX_RIGHT = 2, 2
MIN_WORD = 5
LETTERS = re.compile(r"[^\W\d_]+")

#: Long compounds of public-office German, beside the words of the issues.
_COMPOUNDS = """
Zusammenarbeit Kompetenzentwicklung Migrationsberatung Integrationsbeauftragte
Integrationsbeauftragter Ausländerbehörde Ausländerbehörden Ausländerbeirat Ausländerrecht
Aufenthaltserlaubnis Aufenthaltstitel Aufenthaltsgesetz Asylbewerberleistungsgesetz
Asylverfahren Asylbewerber Asylsuchende Erstaufnahmeeinrichtung Gemeinschaftsunterkunft
Gemeinschaftsunterkünfte Unterkunftskosten Sozialarbeit Sozialarbeiterin Sozialarbeiter
Sozialamt Sozialleistungen Sozialversicherung Sozialraum Sozialraumorientierung Jugendamt
Jugendhilfe Jugendarbeit Jugendsozialarbeit Jugendmigrationsdienst Familienzentrum
Familienberatung Familienhilfe Familiennachzug Elternarbeit Elternabend Elterngeld
Kindergarten Kindertagesstätte Kindertagespflege Kinderbetreuung Kinderschutz Schulsozialarbeit
Schulanfang Schulbegleitung Grundschule Oberschule Berufsschule Berufsausbildung
Berufsberatung Berufsorientierung Berufsanerkennung Berufserfahrung Ausbildungsplatz
Ausbildungsstelle Ausbildungsmesse Arbeitsmarkt Arbeitsmarktintegration Arbeitsagentur
Arbeitsvermittlung Arbeitserlaubnis Arbeitsplatz Arbeitsgruppe Arbeitskreis Arbeitsweise
Arbeitsalltag Arbeitgeber Arbeitnehmer Arbeitslosengeld Arbeitsuchende Arbeitszeit
Jobcenter Sprachkurs Sprachkurse Sprachförderung Sprachmittler Sprachmittlerin Sprachcafé
Sprachniveau Deutschkurs Deutschkurse Deutschkenntnisse Integrationskurs Integrationskurse
Integrationskonzept Integrationsarbeit Integrationsnetzwerk Integrationsmanagement
Integrationsbeirat Integrationsfonds Migrationsdienst Migrationshintergrund Migrationsarbeit
Migrationssozialarbeit Flüchtlingssozialarbeit Flüchtlingsunterkunft Flüchtlingshilfe
Geflüchtetenhilfe Ehrenamtskoordination Ehrenamtskoordinatorin Ehrenamtspreis Ehrenamtliche
Freiwilligenarbeit Freiwilligendienst Nachbarschaftshilfe Nachbarschaftstreff Begegnungsstätte
Begegnungscafé Beratungsstelle Beratungsangebot Beratungsangebote Beratungsgespräch
Beratungstermin Anlaufstelle Kontaktstelle Koordinierungsstelle Fachstelle Fachkräfte
Fachkräftemangel Fachkräftesicherung Fachtag Fachaustausch Fachbereich Fachdienst
Fachberatung Fachberatungsstelle Geschäftsstelle Geschäftsführung Geschäftsführerin
Landratsamt Landkreis Landkreisverwaltung Kreisverwaltung Kreistag Kreisrat Kreisstadt
Stadtverwaltung Stadtrat Stadtratssitzung Stadtteil Stadtteilzentrum Stadtteilarbeit
Gemeindeverwaltung Gemeinderat Bürgermeister Bürgermeisterin Oberbürgermeister Bürgerbüro
Bürgerbeteiligung Bürgerservice Bürgeramt Einwohnermeldeamt Standesamt Ordnungsamt
Gesundheitsamt Gesundheitsversorgung Gesundheitswesen Gesundheitsförderung Krankenversicherung
Krankenhaus Pflegeversicherung Pflegedienst Pflegeheim Wohngeld Wohnungssuche Wohnungsmarkt
Wohnungsbau Wohnraum Mietvertrag Nebenkosten Heizkosten Stromkosten Bildungsangebot
Bildungsangebote Bildungsarbeit Bildungseinrichtung Bildungsträger Bildungsberatung
Bildungspaket Weiterbildung Fortbildung Fortbildungsreihe Qualifizierungsmaßnahme
Anerkennungsverfahren Anerkennungsberatung Antragstellung Antragsformular Antragsfrist
Förderprogramm Förderrichtlinie Fördermittel Fördermittelgeber Förderverein Förderzeitraum
Fördergelder Zuwendungsbescheid Verwendungsnachweis Haushaltsplan Haushaltsmittel
Landeshaushalt Bundesprogramm Bundesregierung Bundesland Bundesländer Bundesamt
Landesregierung Landesamt Landesprogramm Landesdirektion Staatsministerium Staatsregierung
Staatsangehörigkeit Staatsbürgerschaft Einbürgerung Einbürgerungstest Einbürgerungsfeier
Öffentlichkeitsarbeit Pressemitteilung Pressestelle Veranstaltungskalender Veranstaltungsreihe
Veranstaltungsort Informationsveranstaltung Informationsabend Informationsmaterial
Netzwerktreffen Netzwerkarbeit Netzwerkpartner Netzwerkpartnerin Kooperationspartner
Kooperationsvereinbarung Projektleitung Projektleiterin Projektträger Projektverbund
Projektförderung Projektlaufzeit Projektmittel Modellprojekt Teilhabe Teilhabechancen
Chancengleichheit Gleichstellung Gleichstellungsbeauftragte Antidiskriminierungsstelle
Diskriminierungsschutz Demokratieförderung Demokratiebildung Extremismusprävention
Gewaltprävention Gewaltschutz Frauenhaus Frauenberatung Frauenförderung Kinderrechte
Menschenrechte Menschenwürde Willkommenskultur Willkommenszentrum Vielfaltsstrategie
Stellenausschreibung Stellenangebot Bewerbungsgespräch Bewerbungsunterlagen Vorstellungsgespräch
Dienstbesprechung Dienstreise Dienstleistung Dienstleistungen Verwaltungsvorschrift
Verwaltungsverfahren Verwaltungsgericht Rechtsgrundlage Rechtsgrundlagen Rechtsberatung
Rechtsanwalt Rechtsanwältin Gerichtsverfahren Datenschutz Datenschutzerklärung
Datenschutzbeauftragte Schweigepflicht Schweigepflichtentbindung Einverständniserklärung
Kostenübernahme Kostenerstattung Leistungsbescheid Leistungsberechtigte Grundsicherung
Sozialhilfe Bürgergeld Kindergeld Kinderzuschlag Unterhaltsvorschuss Rentenversicherung
Schwerbehinderung Eingliederungshilfe Inklusionsbeauftragte Barrierefreiheit Gebärdensprache
Dolmetscherdienst Dolmetscherpool Übersetzungsdienst Kulturmittler Kulturmittlerin
Kulturverein Sportverein Heimatverein Jugendclub Seniorenbeirat Seniorenbegegnungsstätte
Mehrgenerationenhaus Stadtbibliothek Volkshochschule Musikschule Ferienprogramm
Ferienbetreuung Hausaufgabenhilfe Lernpatenschaft Patenschaftsprogramm Mentoringprogramm
Sprachpatenschaft Elternlotsen Stadtteilmütter Gesundheitslotsen Integrationslotsen
Zuwanderung Zuwanderungsgesetz Einwanderungsland Fachkräfteeinwanderungsgesetz
Wohnsitzauflage Duldung Ausbildungsduldung Beschäftigungsduldung Abschiebung Rückkehrberatung
Härtefallkommission Petitionsausschuss Kreistagsfraktion Haushaltsausschuss Sozialausschuss
Jugendhilfeausschuss Integrationsausschuss Sitzungsvorlage Beschlussvorlage Tagesordnung
Tagesordnungspunkt Niederschrift Sitzungsprotokoll Jahresbericht Tätigkeitsbericht
Sachstandsbericht Evaluationsbericht Zwischenbericht Abschlussbericht Projektbericht
Sachgebiet Sachgebietsleiterin Sachbearbeiterin Sachbearbeiter Amtsleiter Amtsleiterin
Abteilungsleiter Abteilungsleitung Referatsleiter Dezernent Dezernat Beigeordnete
Zuständigkeit Zuständigkeiten Ansprechpartner Ansprechpartnerin Ansprechpersonen
Öffnungszeiten Sprechzeiten Terminvereinbarung Wartezeit Wartezimmer Eingangsbereich
Erdgeschoss Obergeschoss Haupteingang Postanschrift Telefonnummer Faxnummer Internetseite
Internetauftritt Onlineberatung Onlineantrag Videokonferenz Telefonkonferenz Arbeitstreffen
Steuerungsgruppe Lenkungskreis Begleitausschuss Fachbeirat Kuratorium Mitgliederversammlung
Vereinsvorstand Vorstandssitzung Schatzmeister Kassenprüfer Spendenkonto Bankverbindung
Zahlungseingang Rechnungsprüfung Vergabeverfahren Ausschreibungsunterlagen Auftragsvergabe
Landesaufnahmegesetz Unterbringungskonzept Wohnungsnotfallhilfe Obdachlosenhilfe
Schuldnerberatung Suchtberatung Erziehungsberatung Schwangerschaftsberatung
Lebensmittelausgabe Kleiderkammer Möbelbörse Fahrradwerkstatt Reparaturcafé Gemeinschaftsgarten
Nachbarschaftsfest Stadtteilfest Sommerfest Weihnachtsfeier Neujahrsempfang Tagesausflug
Wochenende Wochenmarkt Schuljahr Schuljahresbeginn Kalenderjahr Haushaltsjahr Quartalsbericht
Personalrat Personalentwicklung Personalabteilung Personalausweis Reisepass Passbild
Meldebescheinigung Geburtsurkunde Heiratsurkunde Sterbeurkunde Führungszeugnis
Krankenversichertenkarte Gesundheitskarte Impfpass Schuleingangsuntersuchung
Kinderarzt Kinderärztin Hausarzt Zahnarzt Notaufnahme Rettungsdienst Feuerwehr
Polizeidirektion Katastrophenschutz Bevölkerungsschutz Zivilgesellschaft Zivilcourage
Selbstorganisation Migrantenorganisation Migrantenselbstorganisationen Dachverband
Landesverband Kreisverband Wohlfahrtsverband Wohlfahrtspflege Diakonie Caritasverband
Kirchgemeinde Moscheegemeinde Religionsgemeinschaft Glaubensgemeinschaft
Hochschulzugang Studienberatung Studienkolleg Hochschulabschluss Schulabschluss
Berufsabschluss Abschlusszeugnis Zeugnisanerkennung Bildungsabschluss Sprachprüfung
Sprachzertifikat Prüfungstermin Prüfungsvorbereitung Lernmaterial Unterrichtsmaterial
Lehrkräfte Lehrerzimmer Klassenzimmer Schulhof Sporthalle Turnhalle Mensaessen
Verkehrsverbund Fahrkarte Monatskarte Deutschlandticket Sozialticket Bildungsticket
Bahnhofstraße Hauptstraße Marktplatz Rathausplatz Rathaus Kreishaus Verwaltungsgebäude
Arbeitsmarktmentor Arbeitsmarktmentorin Kommunalverwaltung Kommunalverwaltungen
Einarbeitungsphase Netzwerkpartnerinnen Brückenfunktion Gesamtgesellschaft
"""
COMPOUNDS = tuple(_COMPOUNDS.split())


def read(repo: Path, path: str) -> str:
    """The text of ``path`` in the clone ``repo``: from its work tree, else its ``HEAD``."""
    if (repo / path).is_file():
        return (repo / path).read_text(encoding="utf-8")
    git = ["git", "--git-dir", str(repo if (repo / "HEAD").is_file() else repo / ".git")]
    return subprocess.run([*git, "show", f"HEAD:{path}"], capture_output=True, text=True,
                          check=True, encoding="utf-8").stdout


def commit(repo: Path) -> str:
    git = ["git", "--git-dir", str(repo if (repo / "HEAD").is_file() else repo / ".git")]
    return subprocess.run([*git, "log", "-1", "--format=%H %cs"], capture_output=True,
                          text=True, check=True).stdout.strip()


def header(tex: str) -> list[str]:
    """The comment header of the ``.tex`` file (title to texlive), without its ``%``."""
    lines = []
    for line in tex.splitlines():
        if not line.startswith("%"):
            break
        if line.startswith("% ====="):
            break
        lines.append(line[1:].rstrip())
    return lines


def parse(patterns: str) -> dict[str, list[int]]:
    """Liang's patterns: letters -> the value before each letter and after the last."""
    parsed = {}
    for pattern in patterns.split():
        letters = re.sub(r"\d", "", pattern)
        values = [0] * (len(letters) + 1)
        at = 0
        for ch in pattern:
            if ch.isdigit():
                values[at] = int(ch)
            else:
                at += 1
        parsed[letters] = values
    return parsed


def breaks(patterns: dict[str, list[int]], word: str, left: int, right: int) -> list[int]:
    """Where Liang's algorithm breaks ``word``: odd values, ``left`` and
    ``right`` letters kept at the ends."""
    dotted = f".{word.lower()}."
    values = [0] * (len(dotted) + 1)
    longest = max(map(len, patterns))
    for i in range(len(dotted)):
        for j in range(i + 1, min(i + longest, len(dotted)) + 1):
            found = patterns.get(dotted[i:j])
            if found:
                for k, value in enumerate(found):
                    values[i + k] = max(values[i + k], value)
    # values[i] lies between dotted[i-1] and dotted[i]: before word[i-1]
    return [p for p in range(left, len(word) - right + 1) if values[p + 1] % 2]


def strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def words() -> list[str]:
    """The words of the German issues (five letters or more), then
    :data:`COMPOUNDS`; each once (the first spelling of a word in any case)."""
    found: dict[str, str] = {}
    for path in [*sorted(ROOT.glob("issues/*/issue.yaml")),
                 *sorted(ROOT.glob("tests/gallery/*/issue.yaml"))]:
        issue = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not str(issue.get("language", "de")).startswith("de"):
            continue
        for text in strings(issue):
            for word in LETTERS.findall(text):
                if len(word) >= MIN_WORD:
                    found.setdefault(word.lower(), word)
    for word in COMPOUNDS:
        found.setdefault(word.lower(), word)
    return sorted(found.values(), key=lambda w: (w.lower(), w))


def hyphenated(word: str, points: list[int]) -> str:
    cuts = [0, *points, len(word)]
    return "-".join(word[a:b] for a, b in itertools.pairwise(cuts))


def measure(reference: dict[str, list[int]]) -> None:
    """Print how the engine's German hyphenation compares with ``reference``."""
    from layout import hyphenation

    bad, missed, total, found = [], [], 0, 0
    for word, tex in reference.items():
        engine = hyphenation.hyphenation_points("de_DE", word)
        total += len(tex)
        found += len(set(engine) & set(tex))
        bad += [hyphenated(word, [p]) for p in engine if p not in tex]
        missed += [hyphenated(word, [p]) for p in tex if p not in engine]
    print(f"{len(reference)} words, {total} TeX breaks: the engine finds {found} "
          f"({found / total:.1%}), misses {len(missed)}, allows {len(bad)} bad breaks")
    print("bad breaks, e.g.:", ", ".join(bad[:25]))
    print("missed breaks, e.g.:", ", ".join(missed[:25]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tex_hyphen", type=Path, help="a clone of hyphenation/tex-hyphen")
    parser.add_argument("--measure", action="store_true",
                        help="only compare the engine with the reference list")
    args = parser.parse_args()
    if args.measure:
        reference = {}
        for line in REFERENCE.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                parts = line.split("-")
                reference["".join(parts)] = [sum(map(len, parts[:i]))
                                             for i in range(1, len(parts))]
        measure(reference)
        return
    repo = args.tex_hyphen
    source = f"{commit(repo)} of https://github.com/hyphenation/tex-hyphen"
    text = read(repo, f"{PATTERNS_DIR}/txt/{NAME}.pat.txt")
    tex = read(repo, f"{PATTERNS_DIR}/tex/{NAME}.tex")
    DIC.parent.mkdir(exist_ok=True)
    with DIC.open("w", encoding="utf-8", newline="\n") as out:
        out.write("UTF-8\n")
        out.write(f"% {NAME}.dic: TeX's German hyphenation patterns (hyph-utf8), made by\n"
                  f"% tools/make_hyphenation_reference.py from {PATTERNS_DIR}/txt/"
                  f"{NAME}.pat.txt\n% at commit {source}.\n"
                  f"% What follows is the header of {PATTERNS_DIR}/tex/{NAME}.tex:\n%\n")
        out.writelines(f"%{line}\n" for line in header(tex))
        out.writelines(f"{pattern}\n" for pattern in text.split())
    patterns = parse(text)
    listed = words()
    reference = {word: breaks(patterns, word, TEX_LEFT, TEX_RIGHT) for word in listed}
    with REFERENCE.open("w", encoding="utf-8", newline="\n") as out:
        out.write("# German words with the breaks TeX's patterns give them (hyph-utf8\n"
                  f"# hyph-de-1996, {source};\n"
                  f"# Liang's algorithm, hyphenmins {TEX_LEFT} and {TEX_RIGHT}).\n"
                  "# Made by tools/make_hyphenation_reference.py; made again, not edited.\n")
        out.writelines(f"{hyphenated(word, points)}\n" for word, points in reference.items())
    print(f"{DIC.relative_to(ROOT)}: {len(patterns)} patterns; "
          f"{REFERENCE.relative_to(ROOT)}: {len(reference)} words")


if __name__ == "__main__":
    main()
