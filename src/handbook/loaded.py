"""What loading content found, kept between loads (by `serve`, through one Pipeline): parsed pages
by the bytes they were parsed from, and whole organisations, so that a load after one edit
parses only what changed."""

from __future__ import annotations

from pathlib import Path

from .config import SiteConfig
from .errors import Problem
from .model import Organisation, Page


class PageCache:
    """Parsed pages by (path, bytes, organisation, site languages), kept between loads so a
    rebuild after one edit parses only that file. Entries a load did not use are dropped."""

    def __init__(self) -> None:
        self._entries: dict[tuple, tuple[Page | None, list[Problem]]] = {}
        self._used: set[tuple] = set()
        self._files: dict[Path, tuple[tuple[int, int, int, int] | None, tuple]] = {}
        # Files known to have changed since the last load; None: any may have, read them all.
        self.changed: set[Path] | None = None
        self._organisations: dict[Path, tuple[SiteConfig, Organisation | None, list[Problem]]] = {}
        self._used_organisations: set[Path] = set()

    def get(self, key: tuple) -> tuple[Page | None, list[Problem]] | None:
        self._used.add(key)
        return self._entries.get(key)

    def put(self, key: tuple, value: tuple[Page | None, list[Problem]]) -> None:
        self._used.add(key)
        self._entries[key] = value
        self._files[key[0]] = (_signature(key[0]), key)

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
        if any(folder == path or folder in path.parents for path in self.changed):
            return None
        self._used_organisations.add(folder)
        return known[1], known[2]

    def keep_organisation(self, folder: Path, config: SiteConfig, organisation: Organisation | None,
                          problems: list[Problem]) -> None:
        self._organisations[folder] = (config, organisation, problems)
        self._used_organisations.add(folder)

    def prune(self) -> None:
        # Pages of an organisation taken whole were not asked for, but are still current.
        self._entries = {k: v for k, v in self._entries.items()
                         if k in self._used or k[0].parent in self._used_organisations}
        self._files = {f: v for f, v in self._files.items() if v[1] in self._entries}
        self._organisations = {f: v for f, v in self._organisations.items() if f in self._used_organisations}
        self._used, self._used_organisations = set(), set()

    def __len__(self) -> int:
        return len(self._entries)


def _signature(file: Path) -> tuple[int, int, int, int] | None:
    try:
        info = file.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
