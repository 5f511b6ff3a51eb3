"""The build cache: what each output was rendered from, its problems, and its text, kept between
runs (in SITE/.cache/handbook/ by default) so that a build renders only stale outputs.

One SQLite file, written in one transaction per build. Nothing in it is trusted: it holds JSON
and compressed text, never pickles (a cache can come from a pull request or a CI cache), every
text is checked against its digest when read back, and a file that is not a readable cache of
this version of handbook is set aside and rebuilt. A damaged entry means that output is
rendered again; it is never published.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import sys
import zlib
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Literal

from . import registry as msg
from . import usercache
from .errors import Problem
from .gitindex import tracked_by_git
from .links import Anchor
from .messages import Text

FORMAT = "6"
CACHE_DIR = Path(".cache") / "handbook"
_LIBRARIES = ("Jinja2", "Markdown", "Babel", "nh3", "PyYAML", "pyuca", "MarkupSafe", "pagefind_bin")


@cache
def environment_key() -> str:
    """What every cached output depends on besides its own sources: this code (the package's
    files, so a development checkout counts too), the libraries it renders with, Python."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(FORMAT.encode())
    hasher.update(_package_digest().encode())
    installed = _installed_versions()
    for name in _LIBRARIES:
        hasher.update(f"{name}={installed.get(_normalised(name), '')}".encode())
    hasher.update(f"{sys.version_info[:2]}".encode())
    return hasher.hexdigest()


def _package_digest() -> str:
    """A digest of the package's files: the code, the bundled theme, the collation data and the
    editor (7 MB, read in 40 ms). The user's cache keeps it by each file's name, size, time of
    change and inode, as git's index and Python's bytecode trust those; a file that changes
    changes them (an edit, a checkout, an upgrade)."""
    package = Path(__file__).parent
    files = []
    for folder, folders, names in os.walk(package):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(names):
            path = os.path.join(folder, name)
            info = os.stat(path)
            files.append((os.path.relpath(path, package), info))
    signature = usercache.key("package", FORMAT, *(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}"
                                                   for name, info in files))
    kept = usercache.read("package", signature)
    if kept is not None and re.fullmatch(rb"[0-9a-f]{32}", kept):
        return kept.decode()
    hasher = hashlib.blake2b(digest_size=16)
    for name, _info in files:
        hasher.update(Path(name).as_posix().encode())
        with open(package / name, "rb") as file:
            hasher.update(file.read())
    digest = hasher.hexdigest()
    usercache.write("package", signature, digest.encode())
    return digest


def _installed_versions() -> dict[str, str]:
    """The version of every package installed where Python imports from, by normalised name,
    from the names of their .dist-info folders (what importlib.metadata reads, without the cost
    of importing it: this runs on every build, even one with nothing to do)."""
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project, _, version = name[:-len(".dist-info")].partition("-")
                found.setdefault(_normalised(project), version)  # the first on the path is imported
    return found


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def stamp(keys: tuple[str, ...], versions: Callable[[str], str], known: dict[str, str]) -> str:
    """One digest of the current versions of an output's keys. `known`: the versions computed
    so far, looked up directly (a build looks up tens of thousands); `versions` computes the
    others."""
    try:
        joined = "\n".join([known[key] for key in keys])  # the keys themselves are stored beside it
    except KeyError:
        joined = "\n".join([known.get(key) or versions(key) for key in keys])
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=16).hexdigest()


def digest(value: object) -> str:
    """A short digest of a value as Python writes it (bytes as they are): the version of a
    dependency key, or a build's fingerprint."""
    data = value if isinstance(value, bytes) else repr(value).encode("utf-8")
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def text_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class Entry:
    """How an output was last made."""

    keys: tuple[str, ...]          # the dependency keys it read
    stamp: str                     # their versions then, as one digest
    digest: str                    # of its bytes
    problems: tuple[Problem, ...] = ()
    anchors: tuple[Anchor, ...] = ()
    ids: frozenset[str] = frozenset()
    source: str | None = None      # the Markdown file it was made from, if any
    file: tuple[int, int] | None = None  # (size, mtime_ns) of the file last written for it
    indexed: bool = False          # a page the search index is made from

    def to_json(self) -> str:
        return json.dumps({
            "stamp": self.stamp, "digest": self.digest,
            "problems": [problem_to_json(p) for p in self.problems],
            "anchors": [anchor_to_json(a) for a in self.anchors],
            "ids": sorted(self.ids), "source": self.source, "file": self.file, "indexed": self.indexed,
        }, ensure_ascii=False, separators=(",", ":"))

    @staticmethod
    def from_json(keys: tuple[str, ...], text: str) -> Entry:
        data = json.loads(text)
        return Entry(
            keys=keys, stamp=str(data["stamp"]), digest=str(data["digest"]),
            problems=tuple(problem_from_json(p) for p in data["problems"]),
            anchors=tuple(anchor_from_json(a) for a in data["anchors"]),
            ids=frozenset(str(i) for i in data["ids"]),
            source=None if data["source"] is None else str(data["source"]),
            file=None if data["file"] is None else (int(data["file"][0]), int(data["file"][1])),
            indexed=data["indexed"] is True)


def _keys_to_bytes(ids: list[int]) -> bytes:
    """An output's keys as the ids of the cache's `keys` table, 4 bytes each, little-endian."""
    packed = array("I", ids)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tobytes()


def _keys_from_bytes(data: object, names: list[str | None]) -> tuple[str, ...]:
    """The keys stored by _keys_to_bytes, by the names of their ids (looked up in C: a build
    reads tens of thousands); ValueError or IndexError if damaged."""
    if not isinstance(data, bytes):
        raise ValueError("not keys")
    packed = array("I")
    packed.frombytes(data)  # ValueError unless whole
    if sys.byteorder != "little":
        packed.byteswap()
    if len(packed) < 2:
        found: tuple = tuple(names[ident] for ident in packed)
    else:
        found = itemgetter(*packed)(names)
    if None in found:
        raise ValueError("a key that is not stored")
    return found


def problem_to_json(problem: Problem) -> list:
    """A problem as JSON: its messages by code and values, to be put into words when shown."""
    return [problem.path, problem.message.to_json(), problem.line, problem.column,
            None if problem.hint is None else problem.hint.to_json(), problem.severity, problem.strict]


def problem_from_json(item: list) -> Problem:
    """A problem stored by problem_to_json; ValueError (or TypeError, KeyError, IndexError) if
    damaged or made by a version with other messages."""
    return Problem(str(item[0]), Text.from_json(item[1]), json_int(item[2]), json_int(item[3]),
                   None if item[4] is None else Text.from_json(item[4]), str(item[5]), item[6] is not False)


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def anchor_to_json(anchor: Anchor) -> list:
    return [anchor.output, anchor.fragment, anchor.url, anchor.line]


def anchor_from_json(item: list) -> Anchor:
    """An anchor stored by anchor_to_json; ValueError (or TypeError, IndexError) if damaged."""
    return Anchor(json_text(item[0]), json_text(item[1]), json_text(item[2]), json_int(item[3]))


# Strict readers of stored JSON: a value of another kind means the entry is damaged.

def json_text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("not a text")
    return value


def json_int(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("not a number")
    return value


@dataclass
class Cache:
    """Entries by output path, read from the file when first asked for (a build with nothing to
    do needs only `last_run`); texts are read on demand. Without a file it lives in memory only
    (as `serve` and `--no-cache` use it)."""

    file: Path | None = None
    note: Text | None = None  # why an existing cache file was not used, for a warning
    _entries: dict[str, Entry] | None = None  # None: not read yet
    _db: sqlite3.Connection | None = None
    _key_ids: dict[str, int] = field(default_factory=dict)

    @classmethod
    def open(cls, file: Path | None) -> Cache:
        cache = cls(file)
        if file is not None:
            cache._load()
        return cache

    @property
    def entries(self) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = self._read_entries()
        return self._entries

    @entries.setter
    def entries(self, entries: dict[str, Entry]) -> None:
        self._entries = entries

    @property
    def warm(self) -> bool:
        """A cache file of this version of handbook was found (so most outputs may be kept)."""
        return self._db is not None

    def _load(self) -> None:
        """Open the file if it is a cache of this version of handbook (else set it aside)."""
        assert self.file is not None
        if not os.path.lexists(self.file):
            return
        if tracked_by_git(self.file):
            # It came with the sources, from whoever could commit it: its stored texts would be
            # published unchecked. Neither read nor written (it is the repository's file).
            self.note = msg.CACHE_IN_GIT(file=str(self.file))
            self.file = None
            return
        if self.file.is_symlink() or not self.file.is_file():
            # Not one a build made: a link would have SQLite read, or make, a file elsewhere.
            self.note = msg.CACHE_NOT_A_FILE(file=str(self.file))
            self.file = None
            return
        try:
            db = sqlite3.connect(self.file)
            meta = dict(db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            self._set_aside(msg.CACHE_UNREADABLE(file=str(self.file), detail=str(exc)))
            return
        if meta.get("environment") != environment_key():
            db.close()
            self._set_aside(None)  # made by another version: start afresh, quietly
            return
        self._db = db

    def _read_entries(self) -> dict[str, Entry]:
        entries: dict[str, Entry] = {}
        if self._db is None:
            return entries
        try:
            rows = self._db.execute("SELECT id, key FROM keys").fetchall()
            names: list[str | None] = [None] * (max((ident for ident, _key in rows), default=0) + 1)
            for ident, key in rows:
                names[ident] = key
            for path, keys, entry in self._db.execute("SELECT path, keys, entry FROM outputs"):
                try:
                    found = _keys_from_bytes(keys, names)
                    entries[path] = Entry.from_json(found, entry)
                except (ValueError, KeyError, TypeError, IndexError, json.JSONDecodeError):
                    continue  # a damaged entry: that output renders again
        except sqlite3.DatabaseError as exc:
            self.close()
            self._set_aside(msg.CACHE_UNREADABLE(file=str(self.file), detail=str(exc)))
            return {}
        self._key_ids.update((key, ident) for ident, key in rows)
        return entries

    def _set_aside(self, note: Text | None) -> None:
        assert self.file is not None
        self.note = note
        self._key_ids = {}
        try:
            self.file.unlink(missing_ok=True)
        except OSError:  # in a folder it may not write in, say: this build goes without a cache
            self.file = None

    def text(self, path: str) -> bytes | None:
        """An output's bytes as last rendered, if the cache has them intact."""
        entry = self.entries.get(path)
        if self._db is None or entry is None:
            return None
        try:
            row = self._db.execute("SELECT text FROM outputs WHERE path = ?", (path,)).fetchone()
            data = zlib.decompress(row[0]) if row and row[0] is not None else None
        except (sqlite3.DatabaseError, zlib.error):
            return None
        return data if data is not None and text_digest(data) == entry.digest else None

    def save(self, changed: dict[str, tuple[Entry, bytes | None]], entries: dict[str, Entry]) -> None:
        """Store this build's entries: `changed` ones with their new bytes (None: the stored
        text is still right); outputs that no longer exist are dropped."""
        self.entries = entries
        if self.file is None:
            return
        db = self._open()
        with db:  # one transaction, with what put() added during the build
            db.execute("INSERT OR REPLACE INTO meta VALUES ('environment', ?)", (environment_key(),))
            gone = set(self._stored_paths()) - set(entries)
            db.executemany("DELETE FROM outputs WHERE path = ?", [(p,) for p in sorted(gone)])
            for path, (entry, data) in sorted(changed.items()):
                self.put(path, entry, data)

    def put(self, path: str, entry: Entry, data: bytes | None) -> None:
        """Store one output as it is made; part of the build's transaction (see save)."""
        if self.file is None:
            return
        keys = _keys_to_bytes([self._key_id(key) for key in entry.keys])
        text = None if data is None else zlib.compress(data, 1)
        self._open().execute("INSERT INTO outputs VALUES (?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET "
                             "keys = excluded.keys, entry = excluded.entry, "
                             "text = COALESCE(excluded.text, outputs.text)",
                             (path, keys, entry.to_json(), text))

    # Parsed pages (see loaded.py), by file: what they were parsed from (`key`), the page and
    # its problems as JSON, and the versions of its attributes as JSON.

    def page(self, file: str, key: str,
             by: Literal["key", "stat"] = "key") -> tuple[str, str | None, str | None] | None:
        """A page's row by what it was parsed from (`key`), or by its file's size, times and
        inode with its context (`by="stat"`): its data, versions and stat."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(f"SELECT data, versions, stat FROM pages WHERE file = ? AND {by} = ?",  # noqa: S608
                                   (file, key)).fetchone()
        except sqlite3.DatabaseError:
            return None
        if row is None or not isinstance(row[0], str):
            return None
        return row[0], _text_or_none(row[1]), _text_or_none(row[2])

    def put_page(self, file: str, key: str, data: str, versions: str | None, stat: str | None) -> None:
        """Part of the build's transaction (see save)."""
        self._open().execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)", (file, key, data, versions, stat))

    def set_page_stat(self, file: str, stat: str) -> None:
        self._open().execute("UPDATE pages SET stat = ? WHERE file = ?", (stat, file))

    def set_page_versions(self, file: str, versions: str) -> None:
        self._open().execute("UPDATE pages SET versions = ? WHERE file = ?", (versions, file))

    def keep_pages(self, files: set[str]) -> None:
        """Drop the pages, and converted bodies, of files other than these."""
        db = self._open()
        for table in ("pages", "bodies"):
            gone = [(row[0],) for row in db.execute(f"SELECT file FROM {table}") if row[0] not in files]  # noqa: S608
            db.executemany(f"DELETE FROM {table} WHERE file = ?", gone)  # noqa: S608

    # Converted page bodies (see bodies.py), by file: a digest of what they were converted from,
    # and the body, what converting it found and read, compressed.

    def body(self, file: str, source: str) -> bytes | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT data FROM bodies WHERE file = ? AND source = ?", (file, source)).fetchone()
        except sqlite3.DatabaseError:
            return None
        return row[0] if row is not None and isinstance(row[0], bytes) else None

    def put_body(self, file: str, source: str, data: bytes) -> None:
        """Part of the build's transaction (see save)."""
        self._open().execute("INSERT OR REPLACE INTO bodies VALUES (?, ?, ?)", (file, source, data))

    def rollback(self) -> None:
        """Forget what a failed build put in."""
        if self._db is not None:
            self._db.rollback()
            self._key_ids = {}  # ids made in the transaction are gone with it

    def _open(self) -> sqlite3.Connection:
        if self._db is None:
            assert self.file is not None
            self.file.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.file)
            self._db.executescript(
                "PRAGMA journal_mode=DELETE;"
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);"
                "CREATE TABLE IF NOT EXISTS keys (id INTEGER PRIMARY KEY, key TEXT UNIQUE);"
                "CREATE TABLE IF NOT EXISTS outputs (path TEXT PRIMARY KEY, keys BLOB, entry TEXT, text BLOB);"
                "CREATE TABLE IF NOT EXISTS pages "
                "(file TEXT PRIMARY KEY, key TEXT, data TEXT, versions TEXT, stat TEXT);"
                "CREATE TABLE IF NOT EXISTS bodies (file TEXT PRIMARY KEY, source TEXT, data BLOB);")
        return self._db

    def _stored_paths(self) -> list[str]:
        assert self._db is not None
        return [row[0] for row in self._db.execute("SELECT path FROM outputs")]

    def _key_id(self, key: str) -> int:
        ident = self._key_ids.get(key)
        if ident is None:
            db = self._open()
            cursor = db.execute("INSERT OR IGNORE INTO keys (key) VALUES (?)", (key,))
            if cursor.lastrowid and cursor.rowcount:
                ident = cursor.lastrowid
            else:
                ident = db.execute("SELECT id FROM keys WHERE key = ?", (key,)).fetchone()[0]
            self._key_ids[key] = ident
        return ident

    def last_run(self) -> dict | None:
        """What the last successful build recorded about itself (see build.py), if anything."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'last_run'").fetchone()
            value = json.loads(row[0]) if row else None
        except (sqlite3.DatabaseError, json.JSONDecodeError, TypeError):
            return None
        return value if isinstance(value, dict) else None

    def set_last_run(self, value: dict) -> None:
        if self._db is not None:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('last_run', ?)", (json.dumps(value),))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
