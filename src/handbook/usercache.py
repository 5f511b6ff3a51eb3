"""What handbook compiles from its own files and the theme's, kept between runs for the user who
runs it: message catalogs compiled from .po files, templates compiled by Jinja, and the digest
of handbook's own files (cache.py).

It lives in the user's cache folder ($XDG_CACHE_HOME/handbook, else ~/.cache/handbook), never in
a site's folder: a site's `.cache/handbook/` may be restored by CI or arrive with a checkout, and
compiled templates are code. This folder is used only if it belongs to the user and nobody else
may write to it (as Python trusts its own __pycache__); otherwise nothing is kept. Each entry is
named by a digest of everything it was made from, is written whole (beside, then renamed over)
and is checked as it is read, so a stale, damaged or foreign file is compiled again, never used.
Setting HANDBOOK_USER_CACHE=off keeps nothing; so does a build with --no-cache (`off`), which
is meant to make everything from nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import stat
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import babel
from babel.support import Translations

SWITCH = "HANDBOOK_USER_CACHE"
_off = 0  # how many `off()` blocks are running


@cache
def folder() -> Path | None:
    """The user's cache folder for handbook, made if need be; None when it cannot be trusted
    or written (then every run compiles again, as if there were none)."""
    if os.environ.get(SWITCH, "").lower() in ("off", "0", "no", "false") or not hasattr(os, "getuid"):
        return None  # (without owners to check, as on Windows, nothing is kept)
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    path = root / "handbook"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        return None
    return path


@contextlib.contextmanager
def off() -> Iterator[None]:
    """Neither read nor keep anything meanwhile."""
    global _off
    _off += 1
    try:
        yield
    finally:
        _off -= 1


def read(kind: str, key: str) -> bytes | None:
    """The entry `key` of `kind` ('catalogs', 'templates', 'package'), or None if there is none
    whole: each starts with a digest of its kind, its key and what follows, so that a damaged
    entry, or another's under its name, is not used."""
    root = folder()
    if root is None or _off:
        return None
    try:
        data = (root / kind / key).read_bytes()
    except OSError:
        return None
    if len(data) < _DIGEST or _seal(kind, key, data[_DIGEST:]) != data[:_DIGEST]:
        return None
    return data[_DIGEST:]


def write(kind: str, key: str, data: bytes) -> None:
    """Keep an entry; a cache that cannot be written is no error (the next run compiles again)."""
    root = folder()
    if root is None or _off:
        return
    target = root / kind / key
    temporary: str | None = None
    try:
        target.parent.mkdir(mode=0o700, exist_ok=True)
        temporary = str(target.parent / f".{key}.{os.getpid()}.{os.urandom(4).hex()}")
        with open(temporary, "xb") as file:
            file.write(_seal(kind, key, data) + data)
        os.replace(temporary, target)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def key(*parts: bytes | str) -> str:
    """A digest of everything an entry is made from, with the Python that runs it."""
    digest = hashlib.sha256(sys.version.encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


_DIGEST = 32


def _seal(kind: str, key: str, data: bytes) -> bytes:
    return hashlib.sha256(b"%s\0%s\0%s" % (kind.encode(), key.encode(), data)).digest()


def translations(po: Path, language: str, domain: str) -> Translations:
    """A .po file shipped with handbook, compiled (to .mo, in memory) once per user and version
    of it: compiling the command line's catalog took about 50 ms of every command."""
    source = po.read_bytes()
    name = key("catalog", babel.__version__, language, domain, source)
    kept = read("catalogs", name)
    if kept is not None:
        with contextlib.suppress(Exception):  # whatever else is wrong with an entry, it is compiled again
            return Translations(io.BytesIO(kept), domain=domain)
    from babel.messages.mofile import write_mo  # only when compiling: they take time to import
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(source), locale=language, domain=domain)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    data = compiled.getvalue()
    write("catalogs", name, data)
    return Translations(io.BytesIO(data), domain=domain)
