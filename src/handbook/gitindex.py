"""Whether a file came with the sources: read from the git repository's index, so that a build
needs neither git nor a process of its own for it.

The build cache must come from a build on this machine or from CI's cache, never with the
sources: a file committed into the repository may come from anyone who can open a pull request,
and a cache's stored texts are published as they are (see cache.py). The index's format is git's
Documentation/gitformat-index.txt; versions 2, 3 and 4 are read, with SHA-1 or SHA-256 names.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

_SIGNATURE = b"DIRC"
_STAT_SIZE = 40  # ctime, mtime (seconds and nanoseconds), dev, ino, mode, uid, gid, size
_EXTENDED = 0x4000  # in an entry's flags: 16 more bits of flags follow (version 3 and later)
_NAME_LENGTH = 0xFFF  # the low bits of the flags: the path's length, or this for a longer one
_LARGEST_INDEX = 1 << 30  # bytes; a larger one is not read (and counts as unreadable)


def tracked_by_git(file: Path) -> bool:
    """Whether git tracks `file`, a file named like it with more after it (SQLite's journal
    beside a database, which SQLite replays into it when it opens it), or a folder on its way
    to it (a link, or a folder a sparse index keeps whole); both along the path as written and
    as its links resolve, and without regard to case (as macOS and Windows open files).

    False outside a work tree. Where it cannot tell (an index that cannot be read, a `.git`
    naming a folder that is not there) it says True: what cannot be shown not to come with the
    sources is not trusted. A copy of the sources without git (an archive) cannot be told."""
    try:
        written, resolved = os.path.abspath(file), os.path.realpath(file)
        return any(_tracked(Path(form)) for form in {written, resolved})
    except (OSError, ValueError):
        return True


def _tracked(file: Path) -> bool:
    found = _work_tree(file.parent)
    if found is None:
        return False
    root, git_dir = found
    if not git_dir.is_dir():
        return True  # a .git file naming no folder
    path = file.relative_to(root).as_posix().encode("utf-8", "surrogateescape").lower()
    folders = [path[:at] for at in range(len(path)) if path[at:at + 1] == b"/"]
    indexes = [git_dir / "index", *sorted(git_dir.glob("sharedindex.*"))]  # a split index: both
    if os.environ.get("GIT_INDEX_FILE"):
        indexes.append(Path(os.environ["GIT_INDEX_FILE"]))
    for file_of_index in indexes:
        data = _read_index(file_of_index)
        if data is None:
            continue
        index = _Index.of(data)
        if index is None or index.any_starting(path) or \
                any(index.holds(folder) or index.holds(folder + b"/") for folder in folders):
            return True
    return False


def _read_index(index: Path) -> bytes | None:
    """The index's bytes; None if there is none (nothing was ever added). Raises ValueError for
    one that is not a plain file of a sensible size (a pipe would never end), OSError for one
    that cannot be read."""
    try:
        status = os.stat(index)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(status.st_mode) or status.st_size > _LARGEST_INDEX:
        raise ValueError(f"not an index: {index}")
    return index.read_bytes()


def _work_tree(folder: Path) -> tuple[Path, Path] | None:
    """The innermost work tree holding `folder`, with its git folder: `.git` is that folder, or
    a file naming it (a linked work tree, a submodule)."""
    for candidate in (folder, *folder.parents):
        marker = candidate / ".git"
        if marker.is_dir():
            return candidate, marker
        if marker.is_file():
            text = marker.read_text(encoding="utf-8").strip()
            if not text.startswith("gitdir:"):
                raise ValueError("not a .git file")
            return candidate, candidate / text.removeprefix("gitdir:").strip()
    return None


class _Index:
    """The paths of an index's entries, looked up in lower case."""

    def __init__(self, data: bytes, paths: list[bytes] | None):
        self._data, self._lowered = data, data.lower()  # the same length: the same positions
        self._paths = None if paths is None else [path.lower() for path in paths]  # version 4

    @classmethod
    def of(cls, data: bytes) -> _Index | None:
        """None if the bytes are not an index this can read."""
        if len(data) < 12 or data[:4] != _SIGNATURE:
            return None
        version = int.from_bytes(data[4:8], "big")
        if version in (2, 3):
            return cls(data, None)
        if version == 4:
            count = int.from_bytes(data[8:12], "big")
            for name_size in (20, 32):  # SHA-1, else SHA-256
                paths = _compressed_paths(data, count, name_size)
                if paths is not None:
                    return cls(b"", paths)
        return None

    def any_starting(self, prefix: bytes) -> bool:
        if self._paths is not None:
            return any(path.startswith(prefix) for path in self._paths)
        return next(self._padded_starting(prefix), None) is not None

    def holds(self, path: bytes) -> bool:
        if self._paths is not None:
            return path in self._paths
        return next(self._padded_starting(path + b"\0"), None) is not None

    def _padded_starting(self, prefix: bytes) -> Iterator[int]:
        """Versions 2 and 3 write each path whole, NUL-terminated, right after the entry's flags
        (and, in version 3, after 16 bits of extended flags when the flags say so), whose low
        bits hold the path's length: where `prefix` is found, an entry starts only if they are
        there, so that the middle of a longer path does not count. Yields where each starts."""
        data = self._data
        at = self._lowered.find(prefix, 12)
        while at != -1:
            end = data.find(b"\0", at)
            if end == -1:
                return
            length = min(end - at, _NAME_LENGTH)
            for flags_at, extended in ((at - 2, False), (at - 4, True)):
                if flags_at >= 12:
                    flags = int.from_bytes(data[flags_at:flags_at + 2], "big")
                    if flags & _NAME_LENGTH == length and bool(flags & _EXTENDED) == extended:
                        yield at
                        break
            at = self._lowered.find(prefix, at + 1)


def in_index(data: bytes, path: bytes) -> bool | None:
    """Whether an index file's bytes hold `path` (None: they are not an index this can read)."""
    index = _Index.of(data)
    return None if index is None else index.holds(path.lower())


def _compressed_paths(data: bytes, count: int, name_size: int) -> list[bytes] | None:
    """Version 4's paths: each is the one before it, less as many bytes as a number says, plus
    a NUL-terminated suffix. None if the bytes do not parse with names of `name_size` (each
    entry's flags must hold its path's length)."""
    paths: list[bytes] = []
    previous = b""
    at = 12
    try:
        for _ in range(count):
            flags = int.from_bytes(data[at + _STAT_SIZE + name_size:at + _STAT_SIZE + name_size + 2], "big")
            at += _STAT_SIZE + name_size + 2 + (2 if flags & _EXTENDED else 0)
            # git's varint: seven bits a byte, the high bit says one more follows (each adding 1)
            byte = data[at]
            at += 1
            strip = byte & 0x7F
            while byte & 0x80:
                byte = data[at]
                at += 1
                strip = ((strip + 1) << 7) | (byte & 0x7F)
            end = data.index(b"\0", at)
            if strip > len(previous):
                return None
            previous = previous[:len(previous) - strip] + data[at:end]
            if flags & _NAME_LENGTH != min(len(previous), _NAME_LENGTH):
                return None  # the flags hold the path's length: these are not the right names
            paths.append(previous)
            at = end + 1
    except (IndexError, ValueError):
        return None
    return paths
