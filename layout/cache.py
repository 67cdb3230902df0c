"""A cache of expensive results that never changes what is built.

What the engine can compute again from its inputs alone is kept here
between runs, one folder per kind: ``hyphenation`` (the points of each word,
so that a repeat build loads no dictionary) and ``patterns`` (a dictionary's
parsed patterns, for a new word), ``breaks`` (the line breaks chosen for a
paragraph), ``charts`` (so that matplotlib need not even be imported),
``pictures`` (photos made ready for print), ``images`` and ``content`` (the
pictures and page contents each edition converted), ``profiles`` (the
generic CMYK profile, plain and compressed). Each entry is keyed by
everything it depends on: its own inputs, and the :func:`fingerprint` of the
engine, which :func:`key` adds to every key (the versions of the libraries
that make and write the results, a digest of the engine's source and one of
its fonts). Nothing relies on a version number raised by hand; a cached and
an uncached build give the same bytes (tests say so).
What a process read or wrote is also kept in memory, up to
:data:`RECENT_BYTES`, as long as the file on disk is unchanged: ``newsletter
watch`` reads the same entries for every build.

The folder is ``$NEWSLETTER_CACHE``, else ``$XDG_CACHE_HOME/newsletter``,
else ``~/.cache/newsletter``; it is safe to delete at any time, and
``NEWSLETTER_CACHE=off`` switches the cache off. Files are written whole or
not at all, each with its checksum; a damaged entry is ignored and made again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
import re
import sys
import tempfile
import zlib
from collections import OrderedDict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .paths import FONTS_DIR


def folder() -> Path | None:
    """The cache folder, or None when the cache is switched off."""
    configured = os.environ.get("NEWSLETTER_CACHE")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsletter"


@functools.cache
def package_version(name: str) -> str:
    """The installed version of ``name``, for keys (looked up once per process)."""
    found = _installed().get(_canonical(name))
    if found:
        return found
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


@functools.cache
def _installed() -> dict[str, str]:
    """The versions of the installed packages, from the names of their
    ``name-version.dist-info`` folders (as installers name them): one listing
    per folder of ``sys.path``, where reading each one's metadata takes
    milliseconds. The first found wins, as for imports."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project, _, installed = name.removesuffix(".dist-info").partition("-")
                found.setdefault(_canonical(project), installed)
    return found


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def key(*parts: object) -> str:
    """A key for everything a result depends on: ``parts``, and the engine's
    :func:`fingerprint`."""
    return hashlib.sha256(json.dumps([fingerprint(), parts], sort_keys=True,
                                     default=str).encode()).hexdigest()


@functools.cache
def fingerprint() -> str:
    """A digest of :func:`engine`, made once per process."""
    return hashlib.sha256(json.dumps(engine(), sort_keys=True).encode()).hexdigest()


#: The packages whose versions every key carries: what draws, encodes, converts,
#: hyphenates and writes the results kept here (names as installed).
PACKAGES = ("reportlab", "pillow", "pikepdf", "pypdf", "fonttools", "matplotlib", "pyphen",
            "numpy")


def engine() -> dict[str, str]:
    """What every cached result depends on besides its own inputs: the
    packages' versions (matplotlib's from its metadata, never imported
    here), the native libraries they bring (LittleCMS, qpdf, zlib, libjpeg),
    Python's (``marshal`` changes with it), the engine's source and its fonts.

    Imports Pillow's colour management and pikepdf, which every build
    imports anyway; about 5 ms besides, most of it hashing the fonts."""
    import pikepdf
    from PIL import features

    return {
        **{name: package_version(name) for name in PACKAGES},
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "littlecms": str(features.version_module("littlecms2")),
        "qpdf": str(pikepdf.__libqpdf_version__),
        "zlib": zlib.ZLIB_RUNTIME_VERSION,
        "pillow-zlib": str(features.version_codec("zlib")),
        "pillow-libjpeg": str(features.version_codec("jpg")),
        "engine": _digest(sorted(Path(__file__).parent.glob("*.py"))),
        "fonts": _digest(sorted(FONTS_DIR.glob("*.ttf"))),
    }


def _digest(files: list[Path]) -> str:
    """A digest of ``files``' names and contents."""
    digest = hashlib.sha256()
    for file in files:
        content = file.read_bytes()
        digest.update(f"{file.name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def read(kind: str, name: str) -> bytes | None:
    """The entry ``name`` of ``kind`` (``charts``, ``hyphenation``), if there is one."""
    base = folder()
    if base is None:
        return None
    path = base / kind / name
    try:
        stat = os.stat(path)
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        kept = _recent.get(path)
        if kept is not None and kept[0] == signature:
            return kept[1]
        stored = path.read_bytes()
    except OSError:
        return None
    digest, data = stored[:32], stored[32:]
    if hashlib.sha256(data).digest() != digest:
        return None  # damaged: made again
    _remember(path, signature, data)
    return data


#: Entries read in this process (``newsletter watch`` reads the same ones for
#: every build), with the file's signature: a changed file is read again.
_recent: OrderedDict[Path, tuple[tuple[int, int, int], bytes]] = OrderedDict()
_recent_bytes = 0
RECENT_BYTES = 32 << 20


def _remember(path: Path, signature: tuple[int, int, int], data: bytes) -> None:
    global _recent_bytes
    if len(data) > RECENT_BYTES // 4:
        return
    old = _recent.pop(path, None)
    _recent_bytes -= len(old[1]) if old else 0
    _recent[path] = (signature, data)
    _recent_bytes += len(data)
    while _recent_bytes > RECENT_BYTES:
        _recent_bytes -= len(_recent.popitem(last=False)[1][1])


def write(kind: str, name: str, data: bytes) -> None:
    """Store an entry; a cache that cannot be written is simply not used."""
    base = folder()
    if base is None:
        return
    target = base / kind / name
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")
        with os.fdopen(handle, "wb") as file:
            file.write(hashlib.sha256(data).digest() + data)
        os.replace(temporary, target)
        stat = os.stat(target)
    except OSError:
        return
    _remember(target, (stat.st_mtime_ns, stat.st_size, stat.st_ino), data)


def read_json(kind: str, name: str) -> Any:
    data = read(kind, name)
    if data is None:
        return None
    try:
        return json.loads(data)
    except ValueError:
        return None  # damaged: made again


def write_json(kind: str, name: str, value: Any) -> None:
    write(kind, name, json.dumps(value, ensure_ascii=False, sort_keys=True).encode())
