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
        return self._entries.get(key[0].parent, {}).get(key)

    def put(self, key: tuple, value: tuple[Page | None, list[Problem]]) -> None:
        self._used.add(key)
        self._entries.setdefault(key[0].parent, {})[key] = value
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
