"""A cache of expensive results that never changes what is built.

What the engine can compute again from its inputs alone is kept here
between runs, one folder per kind: ``hyphenation`` (the points of each word,
so that a repeat build loads no dictionary) and ``patterns`` (a dictionary's
parsed patterns, for a new word), ``breaks`` (the line breaks chosen for a
paragraph), ``charts`` (so that matplotlib need not even be imported),
``pictures`` (photos made ready for print), ``images`` and ``content`` (the
pictures and page contents each edition converted), ``profiles`` (the
output profiles, compressed). Each entry is keyed by
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
not at all (a temporary file moved into place, removed whatever stops the
write), each with its checksum; a damaged entry is ignored and made again.
An entry that processes add to together (the hyphenation of words) is
changed under :func:`locked`.

The cache is trusted as pip trusts its own: a folder (the cache's, or a
kind's) that belongs to another user or that others may write to is not
used, nor is an entry file that is not ours alone (entries are parsed by
``marshal`` and ``json``; a checksum tells damage, not intent). This module
must not unpickle anything.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import platform
import re
import sys
import tempfile
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from stat import S_IMODE, S_ISDIR
from typing import Any

from .i18n import _
from .paths import FONTS_DIR

try:
    import fcntl
except ImportError:  # not on Windows: entries are then changed without a lock
    fcntl = None  # type: ignore[assignment]

logger = logging.getLogger("layout")


def folder() -> Path | None:
    """The cache folder, or None when the cache is switched off or the folder
    is not to be trusted (:func:`trusted`)."""
    configured = os.environ.get("NEWSLETTER_CACHE")
    if configured == "off":
        return None
    if configured:
        base = Path(configured)
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsletter"
    return base if trusted(base) else None


def trusted(path: Path, stat: os.stat_result | None = None) -> bool:
    """Whether the cache may use ``path`` (a folder or an entry; ``stat`` its
    status, if known): it belongs to this user and no one else may write to
    it. A folder not made yet is trusted: it is made by :func:`write`, for
    this user alone; a folder of this user's that others may write to is
    closed to them first. A refusal is logged once per path."""
    if stat is None:
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            return True
        except OSError:
            return _refuse(path)
    if not hasattr(os, "geteuid"):
        return True  # no owners to compare (Windows)
    if stat.st_uid != os.geteuid():
        return _refuse(path)
    if not stat.st_mode & 0o022:
        return True
    if S_ISDIR(stat.st_mode):
        # Ours, but others may write to it (a folder made under umask 002):
        # closed to them, it is used, since every entry in it is checked too.
        try:
            os.chmod(path, S_IMODE(stat.st_mode) & ~0o022)
        except OSError:
            return _refuse(path)
        return True
    return _refuse(path)


def _refuse(path: Path) -> bool:
    with _lock:
        first = path not in _refused
        _refused.add(path)
    if first:
        logger.info(_("the cache at {path} is not used: it belongs to another user, or others "
                      "may write to it").format(path=path))
    return False


#: Paths :func:`trusted` refused, so far.
_refused: set[Path] = set()
#: Guards what this module keeps in memory, which several threads of a build use.
_lock = threading.Lock()


def _kind_folder(kind: str) -> Path | None:
    """The folder of ``kind``'s entries, if it may be used."""
    base = folder()
    if base is None:
        return None
    where = base / kind
    return where if trusted(where) else None


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
    Python's (``marshal`` changes with it), the engine's source (with the
    hyphenation patterns and word parts it ships, ``patterns/``) and its fonts.

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
        "engine": _digest(sorted(Path(__file__).parent.glob("*.py")) + sorted(
            file for file in (Path(__file__).parent / "patterns").iterdir() if file.is_file())),
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
    """The entry ``name`` of ``kind`` (``charts``, ``hyphenation``), if there is
    one that is whole and trusted."""
    where = _kind_folder(kind)
    if where is None:
        return None
    path = where / name
    try:
        signature = _signature(os.stat(path))
    except OSError:
        return None
    with _lock:
        kept = _recent.get(path)
    if kept is not None and kept[0] == signature:
        return kept[1]  # unchanged, owner and mode too, since it was checked
    try:
        with open(path, "rb") as file:
            stat = os.fstat(file.fileno())
            if not trusted(path, stat):
                return None
            stored = file.read()
    except OSError:
        return None
    digest, data = stored[:32], stored[32:]
    if hashlib.sha256(data).digest() != digest:
        return None  # damaged: made again
    _remember(path, _signature(stat), data)
    return data


def _signature(stat: os.stat_result) -> tuple[int, ...]:
    """What changes when a file is written, replaced, or its owner or mode changed."""
    return stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino


#: Entries read in this process (``newsletter watch`` reads the same ones for
#: every build), with the file's signature: a changed file is read again.
_recent: OrderedDict[Path, tuple[tuple[int, ...], bytes]] = OrderedDict()
_recent_bytes = 0
RECENT_BYTES = 32 << 20


def _remember(path: Path, signature: tuple[int, ...], data: bytes) -> None:
    global _recent_bytes
    if len(data) > RECENT_BYTES // 4:
        return
    with _lock:
        old = _recent.pop(path, None)
        _recent_bytes -= len(old[1]) if old else 0
        _recent[path] = (signature, data)
        _recent_bytes += len(data)
        while _recent_bytes > RECENT_BYTES:
            _recent_bytes -= len(_recent.popitem(last=False)[1][1])


def write(kind: str, name: str, data: bytes) -> None:
    """Store an entry; a cache that cannot be written is simply not used."""
    where = _folder_made(kind)
    if where is None:
        return
    target = where / name
    try:
        handle, temporary = tempfile.mkstemp(dir=where, prefix=".", suffix=".part")
    except OSError:
        return
    moved = False
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(hashlib.sha256(data).digest() + data)
        os.replace(temporary, target)
        moved = True
        stat = os.stat(target)
    except OSError:
        return
    finally:  # whatever stopped the write (a full disk, Ctrl-C): no temporary left
        if not moved:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    _remember(target, _signature(stat), data)


def _folder_made(kind: str) -> Path | None:
    """The folder of ``kind``, made (for this user alone) if need be, if it may be used."""
    base = folder()
    if base is None:
        return None
    where = base / kind
    try:
        for made in (base, where):
            made.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return where if trusted(base) and trusted(where) else None


@contextlib.contextmanager
def locked(kind: str, name: str) -> Iterator[None]:
    """Hold the lock of entry ``name`` of ``kind`` (an exclusive ``flock`` on
    ``.name.lock`` beside it): for entries that several processes change,
    one after the other. Where there is no such lock or no cache, nothing is
    held."""
    where = _folder_made(kind)
    if where is None or fcntl is None:
        yield
        return
    try:
        handle = os.open(where / f".{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # and the lock with it


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


def read_entry(kind: str, name: str) -> tuple[Any, bytes] | None:
    """An entry of :func:`write_entry`: its header and its data."""
    stored = read(kind, name)
    if stored is None or len(stored) < 4:
        return None
    length = int.from_bytes(stored[:4], "big")
    try:
        return json.loads(stored[4:4 + length]), stored[4 + length:]
    except ValueError:
        return None  # damaged: made again


def write_entry(kind: str, name: str, header: Any, data: bytes) -> None:
    """Store ``data`` and a JSON ``header`` that says what it is, in one file:
    a reader gets both as they were written together, or neither."""
    encoded = json.dumps(header, sort_keys=True).encode()
    write(kind, name, len(encoded).to_bytes(4, "big") + encoded + data)
