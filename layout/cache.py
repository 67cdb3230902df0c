"""A cache of expensive results that never changes what is built.

What the engine can compute again from its inputs alone is kept here
between runs, one folder per kind: ``hyphenation`` (the points of each word,
so that a repeat build loads no dictionary) and ``patterns`` (a dictionary's
parsed patterns, for a new word), ``breaks`` (the line breaks chosen for a
paragraph), ``charts`` (so that matplotlib need not even be imported),
``pictures`` (photos made ready for print), ``images`` and ``content`` (the
pictures and page contents each edition converted), ``profiles`` (the
generic CMYK profile, plain and compressed). Each entry is keyed by
everything it depends on, the version of the library that made it
included; a cached and an uncached build give the same bytes (tests say so).
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
import tempfile
from collections import OrderedDict
from importlib.metadata import version
from pathlib import Path
from typing import Any


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
    return version(name)


def key(*parts: object) -> str:
    """A key for everything a result depends on."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


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
