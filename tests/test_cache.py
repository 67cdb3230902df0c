"""The cache makes repeat builds fast and never changes a byte of them."""

from __future__ import annotations

import _thread
import contextlib
import importlib.metadata
import json
import logging
import marshal
import os
import re
import subprocess
import sys
import textwrap
import threading
import time
import types
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyphen
import pytest

from layout import ahead, cache, hyphenation
from layout.build import build_issue

from .conftest import ROOT, SAMPLE


def test_cached_and_uncached_builds_are_identical(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLETTER_CACHE", "off")
    uncached = build_issue(SAMPLE, tmp_path / "off" / "n.pdf")
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cache"))
    filling = build_issue(SAMPLE, tmp_path / "fill" / "n.pdf")
    cached = build_issue(SAMPLE, tmp_path / "warm" / "n.pdf")
    assert {"breaks", "charts", "content", "images"} <= set(os.listdir(tmp_path / "cache"))
    for result in (filling, cached):
        assert result.output.read_bytes() == uncached.output.read_bytes()
        assert result.print_output.read_bytes() == uncached.print_output.read_bytes()
    assert set(cached.timings) >= {"load", "layout", "assemble", "editions"}


def test_a_damaged_cache_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cache"))
    first = build_issue(SAMPLE, tmp_path / "a" / "n.pdf")
    for entry in (tmp_path / "cache").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"\x00 damaged")
    again = build_issue(SAMPLE, tmp_path / "b" / "n.pdf")
    assert again.output.read_bytes() == first.output.read_bytes()


def test_a_fresh_process_with_a_warm_cache_builds_the_same_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a process keeps in memory (pyphen's dictionary, the profiles) is
    not there in a new one: everything then comes from the cache on disk."""
    monkeypatch.setenv("NEWSLETTER_CACHE", "off")
    uncached = build_issue(SAMPLE, tmp_path / "off" / "n.pdf")
    env = {**os.environ, "NEWSLETTER_CACHE": str(tmp_path / "cache")}
    for run in ("fill", "warm"):
        subprocess.run([sys.executable, "-m", "layout", "build", str(SAMPLE), "-o",
                        str(tmp_path / run / "n.pdf")], env=env, check=True, capture_output=True)
    for name in ("n.pdf", "n-print.pdf"):
        assert (tmp_path / "warm" / name).read_bytes() == (tmp_path / "off" / name).read_bytes()
    assert uncached.pages == 8
    assert {"hyphenation", "patterns", "profiles"} <= set(os.listdir(tmp_path / "cache"))


def test_kept_patterns_hyphenate_as_pyphen_does(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cache"))
    path = pyphen.LANGUAGES["de_DE"]
    words = ["Integrationsbeauftragte", "Ausländerbehörde", "Beratungsangebote", "Landratsamt",
             "Schifffahrt", "Zusammenarbeit", "Sprachkurse", "Öffentlichkeitsarbeit"]
    expected = [pyphen.HyphDict(path).positions(word) for word in words]
    for _ in ("parsed and kept", "read from the cache"):
        monkeypatch.delitem(pyphen.hdcache, path, raising=False)
        hyphenation.load_patterns(path)
        assert [pyphen.hdcache[path].positions(word) for word in words] == expected
    assert any((tmp_path / "cache" / "patterns").iterdir())


@pytest.mark.parametrize("lang", ["de_DE", "de_CH", "en_US", "ru_RU", "nl_NL", "hu_HU"])
def test_patterns_parse_as_pyphen_parses_them(lang: str) -> None:
    path = pyphen.LANGUAGES[lang]
    parsed = hyphenation.parse_patterns(path)
    if lang == "hu_HU":  # nonstandard hyphenation: left to pyphen
        assert parsed is None
    else:
        assert parsed == pyphen.HyphDict(path).patterns


def fresh_process(script: str, cache: Path) -> Any:
    """What ``script`` prints as JSON, run in a new process: a fork needs a
    process without other threads, which this one (its libraries having run
    other tests) need not be. ``forks`` counts the process' forks."""
    spy = textwrap.dedent("""
        import json, os
        forks = []
        _fork = os.fork
        def fork():
            forks.append(os.getpid())
            return _fork()
        os.fork = fork
        """)
    done = subprocess.run([sys.executable, "-c", spy + textwrap.dedent(script)],
                          env={**os.environ, "NEWSLETTER_CACHE": str(cache)},
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@contextlib.contextmanager
def native_thread() -> Iterator[None]:
    """A thread that Python's ``threading`` does not know of, as native
    libraries start them (OpenBLAS a worker per core when numpy is imported)."""
    release = _thread.allocate_lock()
    release.acquire()
    _thread.start_new_thread(release.acquire, ())
    try:
        yield
    finally:
        release.release()


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The forks this process makes from now on."""
    made: list[int] = []
    real = os.fork
    monkeypatch.setattr(os, "fork", lambda: made.append(os.getpid()) or real())
    return made


def test_charts_are_drawn_ahead_only_without_other_threads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: list[int]) -> None:
    """A fork keeps the locks other threads hold locked for good: with another
    thread running, the chart is drawn in the build, and the build finishes."""
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cache"))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        busy = build_issue(SAMPLE, tmp_path / "busy" / "n.pdf")
    finally:
        stop.set()
        other.join()
    assert forks == []
    alone = fresh_process(f"""
        import multiprocessing
        from pathlib import Path
        from layout.build import build_issue
        contexts = []
        _context = multiprocessing.get_context
        multiprocessing.get_context = lambda method=None: contexts.append(method) or \\
            _context(method)
        build_issue(Path({str(SAMPLE)!r}), Path({str(tmp_path / "alone" / "n.pdf")!r}))
        print(json.dumps(contexts))
        """, tmp_path / "alone-cache")
    assert alone == ["fork"]  # the chart, drawn ahead
    assert (tmp_path / "alone" / "n.pdf").read_bytes() == busy.output.read_bytes()


def test_a_watch_build_does_not_fork_while_native_threads_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: list[int]) -> None:
    """``newsletter watch`` builds in one process: after a build, a library's
    thread may stay that ``threading`` does not count. A later build that
    misses the cache (here: another, empty one) must not fork then (Python
    3.12 warns of it), and builds the same bytes."""
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cold"))
    first = build_issue(SAMPLE, tmp_path / "first" / "n.pdf")
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "empty"))
    monkeypatch.setattr(hyphenation, "_WORDS", hyphenation._Words())  # new words, too
    hyphenation._dictionary.cache_clear()
    forks.clear()
    with native_thread(), warnings.catch_warnings():
        warnings.simplefilter("error")
        assert threading.active_count() == 1
        assert (ahead.threads() or 0) > 1
        again = build_issue(SAMPLE, tmp_path / "again" / "n.pdf")
    assert forks == []
    assert again.output.read_bytes() == first.output.read_bytes()
    assert again.print_output.read_bytes() == first.print_output.read_bytes()


def test_no_fork_where_threads_cannot_be_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ahead, "TASKS", "/nowhere/task")
    assert ahead.threads() is None
    assert not ahead.may_fork()
    assert ahead.fork_context() is None


def test_words_are_looked_up_ahead_in_another_process(tmp_path: Path) -> None:
    """A first build looks its words up in a forked process: the same points
    as pyphen's, and the dictionary never loaded in this one."""
    words = ["Integrationsbeauftragte", "Ausländerbehörde", "Netzwerktreffen"]
    found = fresh_process(f"""
        from layout import hyphenation
        words = {words!r}
        hyphenation.look_up_ahead("de_DE", "title: " + " und ".join(words) + "\\n")
        assert "de_DE" in hyphenation._ahead and forks
        found = [hyphenation.hyphenation_points("de_DE", word) for word in words]
        assert hyphenation._dictionary.cache_info().currsize == 0
        print(json.dumps(found))
        """, tmp_path / "cache")
    dictionary = pyphen.Pyphen(lang="de_DE", left=hyphenation.LEFT, right=hyphenation.RIGHT)
    assert found == [dictionary.positions(word) for word in words]


@pytest.fixture
def change_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Pretend one part of the engine's fingerprint changed (an upgrade, an
    edited module, another font file)."""
    real = cache.engine()

    def change(component: str) -> None:
        changed = {**real, component: real[component] + " changed"}
        monkeypatch.setattr(cache, "engine", lambda: changed)
        cache.fingerprint.cache_clear()

    yield change
    cache.fingerprint.cache_clear()  # made again, from the real engine


def test_the_fingerprint_names_libraries_source_and_fonts() -> None:
    engine = cache.engine()
    assert {"reportlab", "pillow", "littlecms", "pikepdf", "qpdf", "zlib", "fonttools",
            "matplotlib", "pyphen", "engine", "fonts"} <= engine.keys()
    for name in cache.PACKAGES:
        assert engine[name] == importlib.metadata.version(name)
    imported = subprocess.run(
        [sys.executable, "-c", "import sys; from layout import cache; cache.fingerprint(); "
         "print('matplotlib' in sys.modules)"], capture_output=True, text=True, check=True)
    assert imported.stdout.strip() == "False"  # its version read, matplotlib not imported


def test_any_change_of_the_fingerprint_changes_every_key(
        change_engine: Callable[[str], None]) -> None:
    parts = [("breaks", "Wort", [240.0]), ("chart", "bars", 3), ("picture", "abc", (1, 2))]
    before = [cache.key(*p) for p in parts]
    for component in cache.engine():
        change_engine(component)
        after = [cache.key(*p) for p in parts]
        assert all(a != b for a, b in zip(after, before, strict=True)), component


def test_a_build_with_another_engine_reads_none_of_the_old_entries(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        change_engine: Callable[[str], None]) -> None:
    """Every entry a build reads is named by a key that carries the
    fingerprint: after a change of the fonts (say), no old entry is read."""
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cache"))
    read: list[tuple[str, str]] = []
    real = cache.read
    monkeypatch.setattr(cache, "read", lambda kind, name: read.append((kind, name)) or
                        real(kind, name))
    build_issue(SAMPLE, tmp_path / "a" / "n.pdf")
    first, read[:] = set(read), []
    change_engine("fonts")
    monkeypatch.setattr(hyphenation, "_WORDS", hyphenation._Words())
    build_issue(SAMPLE, tmp_path / "b" / "n.pdf")
    assert {kind for kind, _ in read} >= {"breaks", "charts", "content"}  # some are in memory
    assert first.isdisjoint(read)


def test_no_version_is_raised_by_hand() -> None:
    """Keys are derived (:func:`layout.cache.fingerprint`), not maintained."""
    for module in (ROOT / "layout").glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"^\s*[A-Z_]*VERSION\s*=\s*\d+", text, re.MULTILINE), module.name


# -- writes whole or not at all; what processes and threads share ----------------


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt(),
                                     MemoryError()])
def test_a_write_that_fails_midway_leaves_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException) -> None:
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cache"))
    cache.write("charts", "before.pdf", b"kept")

    def fail(*args: object) -> None:
        raise failure

    monkeypatch.setattr(os, "replace", fail)
    if isinstance(failure, OSError):
        cache.write("charts", "new.pdf", b"lost")  # a cache that cannot be written: not used
    else:
        with pytest.raises(type(failure)):
            cache.write("charts", "new.pdf", b"lost")
    assert sorted(p.name for p in (tmp_path / "cache" / "charts").iterdir()) == ["before.pdf"]
    assert cache.read("charts", "new.pdf") is None


def test_threads_share_the_memory_of_recent_entries(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A build reads and writes entries from several threads: what is kept in
    memory stays consistent, within its bound."""
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "RECENT_BYTES", 4000)
    monkeypatch.setattr(cache, "_recent", cache.OrderedDict())
    monkeypatch.setattr(cache, "_recent_bytes", 0)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch often: races show
    failures: list[BaseException] = []

    def work(number: int) -> None:
        try:
            for index in range(150):
                name = f"{number}-{index % 7}"
                cache.write("breaks", name, bytes(50 + index % 300))
                cache.read("breaks", name)
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    try:
        threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
    assert cache._recent_bytes == sum(len(data) for _, data in cache._recent.values())
    assert cache._recent_bytes <= cache.RECENT_BYTES


def test_words_two_builds_learnt_at_once_are_all_kept(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds read the kept words, each learns others, each saves: the
    second keeps the first's words too (it reads the file again to save)."""
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cache"))
    one, other = hyphenation._Words(), hyphenation._Words()
    assert one.known("de_DE") == {} and other.known("de_DE") == {}
    one.points("de_DE", "Integrationsbeauftragte")
    other.points("de_DE", "Ausländerbehörde")
    one.save()
    other.save()
    assert {"Integrationsbeauftragte", "Ausländerbehörde"} <= hyphenation._Words().known(
        "de_DE").keys()


SAVE_WORDS = """
    import sys, time
    from pathlib import Path
    from layout import hyphenation
    words = sys.argv[2:]
    hyphenation._WORDS.known("de_DE")
    Path(sys.argv[1], "ready-" + words[0]).touch()
    while not Path(sys.argv[1], "go").exists():
        time.sleep(0.005)
    for word in words:
        hyphenation.hyphenation_points("de_DE", word)
    hyphenation.save_hyphenation()
    """


def save_words(folder: Path, cache_folder: Path, words: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(SAVE_WORDS), str(folder), *words],
        env={**os.environ, "NEWSLETTER_CACHE": str(cache_folder)}, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_processes_saving_different_words_all_keep_theirs(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """``newsletter build --all``: builds in parallel processes save words at
    the same moment."""
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cache"))
    groups = [["Integrationsbeauftragte", "Netzwerktreffen"], ["Ausländerbehörde", "Landratsamt"],
              ["Beratungsangebote", "Sprachkurse"], ["Zusammenarbeit", "Schifffahrt"]]
    processes = [save_words(tmp_path, tmp_path / "cache", words) for words in groups]
    while len(list(tmp_path.glob("ready-*"))) < len(groups):
        assert all(p.poll() is None for p in processes), [p.communicate() for p in processes]
        time.sleep(0.01)
    (tmp_path / "go").touch()
    for process in processes:
        assert process.wait(60) == 0, process.communicate()
    kept = hyphenation._Words().known("de_DE")
    assert {word for words in groups for word in words} <= kept.keys()


def test_a_save_waits_for_the_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cache"))
    (tmp_path / "go").touch()
    name = hyphenation._Words()._name("de_DE")
    with cache.locked("hyphenation", name):
        process = save_words(tmp_path, tmp_path / "cache", ["Netzwerktreffen"])
        time.sleep(3)
        assert process.poll() is None  # waits
        assert not (tmp_path / "cache" / "hyphenation" / name).exists()
    assert process.wait(60) == 0, process.communicate()
    assert "Netzwerktreffen" in hyphenation._Words().known("de_DE")


def test_a_converted_picture_is_one_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Samples and the image dictionary that says what they are, in one file:
    a reader never pairs one build's samples with another's dictionary."""
    from layout import editions

    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cache"))
    converted = (b"\xff\xd8 samples", {"/Filter": "/DCTDecode", "/ColorSpace": "/DeviceCMYK"})
    editions._keep_conversion("photo", converted)
    assert [p.name for p in (tmp_path / "cache" / "images").iterdir()] == ["photo.image"]
    assert editions._kept_conversion("photo") == converted
    editions._keep_conversion("photo", (b"other samples", {"/Filter": "/FlateDecode"}))
    assert editions._kept_conversion("photo") == (b"other samples", {"/Filter": "/FlateDecode"})
    cache.write("images", "photo.image", b"\x00\x00\x01\x00{")  # header longer than the entry
    assert editions._kept_conversion("photo") is None


# -- a cache folder that is not ours alone is not used ------------------------------

STRANGER = 12345  # a user id that is not ours


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache with one entry of each kind the tests below look at."""
    monkeypatch.setenv("NEWSLETTER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_refused", set())
    cache.write("charts", "chart.pdf", b"%PDF- a chart")
    cache.write("breaks", "breaks.json", b"{}")
    return tmp_path / "cache"


def untrust(path: Path, how: str) -> None:
    if how == "mode":
        path.chmod(0o777 if path.is_dir() else 0o666)
    else:
        os.chown(path, STRANGER, -1)


needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                reason="giving a file away needs root")
HOW = ["mode", pytest.param("owner", marks=needs_root)]


def test_the_cache_makes_its_folders_for_its_user_alone(cache_folder: Path) -> None:
    for made in (cache_folder, cache_folder / "charts"):
        assert made.stat().st_mode & 0o777 == 0o700
        assert cache.trusted(made)
    assert cache.folder() == cache_folder


@pytest.mark.parametrize("folder", ["", "charts"])
def test_a_folder_of_ours_that_others_may_write_to_is_closed_first(cache_folder: Path,
                                                                   folder: str) -> None:
    """A folder made under umask 002 stays in use: it is ours, so it is
    closed to others, and every entry in it is still checked on its own."""
    untrust(cache_folder / folder, "mode")
    assert cache.folder() == cache_folder
    assert cache.read("charts", "chart.pdf") == b"%PDF- a chart"
    assert (cache_folder / folder).stat().st_mode & 0o022 == 0


@pytest.mark.parametrize("how", [pytest.param("owner", marks=needs_root)])
def test_a_cache_folder_not_ours_alone_is_not_used(cache_folder: Path, how: str,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    untrust(cache_folder, how)
    with caplog.at_level(logging.INFO, logger="layout"):
        assert cache.folder() is None
        assert cache.read("charts", "chart.pdf") is None
        cache.write("charts", "new.pdf", b"%PDF-")
        with cache.locked("hyphenation", "words.json"):
            pass
    assert not (cache_folder / "charts" / "new.pdf").exists()
    assert not (cache_folder / "hyphenation").exists()
    refusals = [r for r in caplog.records if "is not used" in r.getMessage()]
    assert len(refusals) == 1  # once, not per entry
    assert str(cache_folder) in refusals[0].getMessage()


@pytest.mark.parametrize("how", [pytest.param("owner", marks=needs_root)])
def test_a_kind_folder_not_ours_alone_is_not_used(cache_folder: Path, how: str) -> None:
    untrust(cache_folder / "charts", how)
    assert cache.folder() == cache_folder
    assert cache.read("charts", "chart.pdf") is None
    cache.write("charts", "new.pdf", b"%PDF-")
    assert not (cache_folder / "charts" / "new.pdf").exists()
    assert cache.read("breaks", "breaks.json") == b"{}"  # the other kinds are used


@pytest.mark.parametrize("how", HOW)
def test_an_entry_not_ours_alone_is_not_read(cache_folder: Path, how: str) -> None:
    assert cache.read("charts", "chart.pdf") == b"%PDF- a chart"  # and kept in memory
    untrust(cache_folder / "charts" / "chart.pdf", how)
    assert cache.read("charts", "chart.pdf") is None


@pytest.mark.parametrize("how", HOW)
def test_patterns_are_unmarshalled_only_from_our_own_files(
        cache_folder: Path, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``marshal`` runs what it reads no more than pickle is safe with it: a
    patterns entry another user could have written is parsed again instead."""
    path = pyphen.LANGUAGES["de_DE"]
    monkeypatch.delitem(pyphen.hdcache, path, raising=False)
    hyphenation.load_patterns(path)  # parsed, and kept
    [entry] = (cache_folder / "patterns").iterdir()
    untrust(entry, how)
    loaded: list[bytes] = []
    monkeypatch.setattr(hyphenation, "marshal", types.SimpleNamespace(
        loads=lambda data: loaded.append(data), dumps=marshal.dumps))
    monkeypatch.delitem(pyphen.hdcache, path)
    hyphenation.load_patterns(path)
    assert loaded == []
    assert pyphen.hdcache[path].positions("Zusammenarbeit")
