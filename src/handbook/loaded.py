"""What loading content found, kept between loads (by `serve`, through one Pipeline): parsed pages
by the bytes they were parsed from, and whole organisations, so that a load after one edit
parses only what changed.

A build keeps parsed pages in its cache file too (cache.Cache's `pages`), as JSON, so that a
build after one edit parses only that file, like serve. With each page go the versions of its
attributes (see depends.py) that the last build computed: they depend on nothing but the page."""

from __future__ import annotations

import datetime as dt
import json
import time
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin, get_type_hints

from .cache import digest, json_text, problem_from_json, problem_to_json
from .config import SiteConfig
from .errors import Problem
from .model import Organisation, Page, Period, Value
from .paths import CONTENT_DIR

if TYPE_CHECKING:
    from .cache import Cache


class PageCache:
    """Parsed pages by (path, bytes, organisation, site languages), kept between loads so a
    rebuild after one edit parses only that file. Entries a load did not use are dropped."""

    def __init__(self, store: Cache | None = None) -> None:
        # A build's cache file, if it has one (serve's cache lives in memory only).
        self.store = store if store is not None and store.file is not None else None
        # Per page file (content/<org>/<name>), versions of its attributes read from the store.
        self.stored_versions: dict[str, dict[str, str]] = {}
        self._stored: set[str] = set()  # the files of the store's rows that this load used
        # By the folder the file is in (its organisation's), so that a load after one edit
        # looks only at that organisation's entries, however many the others have.
        self._entries: dict[Path, dict[tuple, tuple[Page | None, list[Problem]]]] = {}
        self._used: set[tuple] = set()
        self._files: dict[Path, tuple[tuple[int, int, int, int] | None, tuple]] = {}
        self._changed: set[Path] | None = None
        self._changed_folders: set[Path] = set()  # the changed files' folders and theirs, up to /
        self._organisations: dict[Path, tuple[SiteConfig, Organisation | None, list[Problem]]] = {}
        self._used_organisations: set[Path] = set()

    @property
    def changed(self) -> set[Path] | None:
        """Files known to have changed since the last load; None: any may have, read them all."""
        return self._changed

    @changed.setter
    def changed(self, files: set[Path] | None) -> None:
        self._changed = files
        self._changed_folders = {folder for file in files or () for folder in (file, *file.parents)}

    def get(self, key: tuple) -> tuple[Page | None, list[Problem]] | None:
        self._used.add(key)
        found = self._entries.get(key[0].parent, {}).get(key)
        if found is None and self.store is not None:
            signature = _signature(key[0])
            found = self._restore(_stored_name(key[0]), _stored_key(key), signature=signature, context=key[2:])
            if found is not None:
                self._entries.setdefault(key[0].parent, {})[key] = found
                self._files[key[0]] = (signature, key)
        return found

    def put(self, key: tuple, value: tuple[Page | None, list[Problem]]) -> None:
        self._used.add(key)
        self._entries.setdefault(key[0].parent, {})[key] = value
        signature = _signature(key[0])
        self._files[key[0]] = (signature, key)
        if self.store is not None:
            name = _stored_name(key[0])
            self._stored.add(name)
            self.stored_versions.pop(name, None)
            self.store.put_page(name, _stored_key(key), page_to_json(*value), None, _stat_key(signature, key[2:]))

    def trusted(self, file: Path, language: str,
                languages: tuple[str, ...]) -> tuple[Page | None, list[Problem]] | None:
        """The stored page of a file whose size, times and inode are those it had when it was
        last read, long enough after it was saved that a later save would have changed them
        (as git's index and Python's bytecode trust them); None when it must be read."""
        if self.store is None:
            return None
        stat = _stat_key(_signature(file), (language, languages))
        if stat is None:
            return None
        return self._restore(_stored_name(file), stat, by="stat")

    def _restore(self, name: str, key: str, by: Literal["key", "stat"] = "key",
                 signature: tuple[int, int, int, int] | None = None,
                 context: tuple = ()) -> tuple[Page | None, list[Problem]] | None:
        assert self.store is not None
        row = self.store.page(name, key, by)
        if row is None:
            return None
        try:
            value = page_from_json(row[0])
            versions = json.loads(row[1]) if row[1] else {}
            if not isinstance(versions, dict) or not all(isinstance(v, str) for v in versions.values()):
                raise ValueError("not versions")
        except (ValueError, KeyError, TypeError, IndexError):
            return None  # damaged: parsed again
        self._stored.add(name)
        if value[0] is not None:
            self.stored_versions[value[0].file] = versions
        if by == "key" and (stat := _stat_key(signature, context)) is not None and stat != row[2]:
            self.store.set_page_stat(name, stat)  # the file was read: trust its stat from now on
        return value

    def save_versions(self, computed: dict[str, str]) -> None:
        """Store, with each page, the versions of its attributes this run worked out (those of a
        page just parsed; new ones of a page restored with its versions); drop the rows of files
        this load did not use."""
        if self.store is None:
            return
        by_page: dict[str, dict[str, str]] = {}
        for key, version in computed.items():
            if key.startswith("page:"):
                file, _, attribute = key[5:].partition("#")
                if attribute:
                    by_page.setdefault(file, {})[attribute] = version
        for file, versions in by_page.items():
            stored = self.stored_versions.get(file, {})
            merged = {**stored, **versions}
            if file in self._stored and merged != stored:
                self.store.set_page_versions(file, json.dumps(merged, sort_keys=True))
                self.stored_versions[file] = merged
        self.store.keep_pages(self._stored)

    def unchanged(self, file: Path, language: str,
                  languages: tuple[str, ...]) -> tuple[Page | None, list[Problem]] | None:
        """The cached page of a file that was not among `changed` (which `serve` learns from
        file events) and looks as it did, without reading it; None when it must be read."""
        if self.changed is None or file in self.changed:
            return None
        known = self._files.get(file)
        if known is None or known[1][2:] != (language, languages) or known[0] != _signature(file):
            return None
        return self.get(known[1])

    def organisation(self, folder: Path,
                     config: SiteConfig) -> tuple[Organisation | None, list[Problem]] | None:
        """A whole organisation as last loaded, when no file under its folder changed (serve's
        file events say so) and neither did the settings; None when it must be loaded."""
        known = self._organisations.get(folder)
        if self.changed is None or known is None or known[0] != config:
            return None
        if folder in self._changed_folders:
            return None
        self._used_organisations.add(folder)
        return known[1], known[2]

    def keep_organisation(self, folder: Path, config: SiteConfig, organisation: Organisation | None,
                          problems: list[Problem]) -> None:
        self._organisations[folder] = (config, organisation, problems)
        self._used_organisations.add(folder)

    def prune(self) -> None:
        """Drop what the last load did not use. Pages of an organisation taken whole were not
        asked for, but are still current."""
        for folder in list(self._entries):
            if folder in self._used_organisations:
                continue
            entries = self._entries[folder]
            for key in [key for key in entries if key not in self._used]:
                del entries[key]
                if self._files.get(key[0], (None, None))[1] == key:
                    del self._files[key[0]]
            if not entries:
                del self._entries[folder]
        self._organisations = {f: v for f, v in self._organisations.items() if f in self._used_organisations}
        self._used, self._used_organisations = set(), set()

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._entries.values())


def _signature(file: Path) -> tuple[int, int, int, int] | None:
    try:
        info = file.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


# How long after a file was last changed its stat may be trusted: a save within the same tick of
# the file system's clock as the one before, of the same size, would not change it.
SETTLED_NS = 2_000_000_000


def _stat_key(signature: tuple[int, int, int, int] | None, context: tuple) -> str | None:
    """What a page's row is found by without reading its file: the file's size, times and inode,
    with what else it was parsed with (see _stored_key); None while the file is too new."""
    if signature is None:
        return None
    settled = time.time_ns() - SETTLED_NS
    if signature[1] > settled or signature[2] > settled:
        return None
    return digest((signature, *context))


def _stored_name(file: Path) -> str:
    return f"{CONTENT_DIR}/{file.parent.name}/{file.name}"  # as Page.file names it


def _stored_key(key: tuple) -> str:
    """What a parsed page depends on: the file's bytes, its organisation's language, the site's
    languages (this version of handbook: the cache is discarded with another)."""
    return digest(key[1:])


def page_to_json(page: Page | None, problems: list[Problem]) -> str:
    data = None if page is None else {
        name: _value_to_json(getattr(page, name)) for name in Page.__dataclass_fields__}
    return json.dumps({"page": data, "problems": [problem_to_json(p) for p in problems]},
                      ensure_ascii=False, separators=(",", ":"))


def page_from_json(text: str) -> tuple[Page | None, list[Problem]]:
    """A page stored by page_to_json; ValueError (or KeyError, TypeError, IndexError) if damaged."""
    data = json.loads(text)
    problems = [problem_from_json(p) for p in data["problems"]]
    stored = data["page"]
    if stored is None:
        return None, problems
    fields: dict[str, Any] = {name: _value_from_json(stored[name]) for name in Page.__dataclass_fields__}
    fields["values"] = tuple(_value(item) for item in fields["values"])
    fields["goals"] = tuple(json_text(goal) for goal in fields["goals"])
    if fields["period"] is not None:
        start, end = fields["period"]
        fields["period"] = Period(_point(start), _point(end))
    page = Page(**fields)
    for name, kinds in _PAGE_TYPES.items():
        if not isinstance(getattr(page, name), kinds):
            raise ValueError(f"{name} is not {kinds}")
    return page, problems


def _runtime_types(hint: Any) -> tuple[type, ...]:
    """The classes a value of a field's declared type is an instance of (`str | None`: str and
    NoneType; `tuple[Value, ...]`: tuple, whose items page_from_json checks itself)."""
    if get_origin(hint) in (Union, types.UnionType):
        return tuple(kind for argument in get_args(hint) for kind in _runtime_types(argument))
    return (get_origin(hint) or hint,)


# The type of each field of a page, as model.py declares it.
_PAGE_TYPES = {name: _runtime_types(hint) for name, hint in get_type_hints(Page).items()}


def _value_to_json(value: object) -> object:
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, Value):
        return [value.name, value.description]
    if isinstance(value, Period):
        return [_value_to_json(value.start), _value_to_json(value.end)]
    if isinstance(value, tuple):
        return [_value_to_json(item) for item in value]
    return value


def _value_from_json(value: object) -> object:
    if isinstance(value, dict):
        return dt.date.fromisoformat(value["date"])
    return value


def _point(value: object) -> int | dt.date:
    if isinstance(value, dict):
        return dt.date.fromisoformat(value["date"])
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError("not a year or a date")


def _value(item: object) -> Value:
    if not isinstance(item, list) or len(item) != 2 or (item[1] is not None and not isinstance(item[1], str)):
        raise ValueError("not a value")
    return Value(json_text(item[0]), item[1])

