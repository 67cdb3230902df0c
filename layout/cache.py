"""A cache of expensive results that never changes what is built.

What the engine can compute again from its inputs alone is kept here
between runs: the hyphenation points of each word (so that the German
dictionary need not be loaded for a repeat build) and the charts (so that
matplotlib need not even be imported). Each entry is keyed by everything it
depends on, the version of the library that made it included; a cached and
an uncached build give the same bytes (a test says so).

The folder is ``$NEWSLETTER_CACHE``, else ``$XDG_CACHE_HOME/newsletter``,
else ``~/.cache/newsletter``; it is safe to delete at any time, and
``NEWSLETTER_CACHE=off`` switches the cache off. Files are written whole or
not at all, each with its checksum; a damaged entry is ignored and made again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
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


def key(*parts: object) -> str:
    """A key for everything a result depends on."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def read(kind: str, name: str) -> bytes | None:
    """The entry ``name`` of ``kind`` (``charts``, ``hyphenation``), if there is one."""
    base = folder()
    if base is None:
        return None
    try:
        stored = (base / kind / name).read_bytes()
    except OSError:
        return None
    digest, data = stored[:32], stored[32:]
    return data if hashlib.sha256(data).digest() == digest else None  # damaged: made again


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
    except OSError:
        return


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
