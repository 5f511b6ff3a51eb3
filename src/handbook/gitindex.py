"""Whether git tracks a file: read from the repository's index, so that a build needs neither git
nor a process of its own for it.

The build cache must come from a build on this machine or from CI's cache, never with the
sources: a file committed into the repository may come from anyone who can open a pull request,
and a cache's stored texts are published as they are (see cache.py). The index's format is git's
Documentation/gitformat-index.txt; versions 2, 3 and 4 are read, with SHA-1 or SHA-256 names.
"""

from __future__ import annotations

import os
from pathlib import Path

_SIGNATURE = b"DIRC"
_STAT_SIZE = 40  # ctime, mtime (seconds and nanoseconds), dev, ino, mode, uid, gid, size
_EXTENDED = 0x4000  # in an entry's flags: 16 more bits of flags follow (version 3 and later)
_NAME_LENGTH = 0xFFF  # the low bits of the flags: the path's length, or this for a longer one


def tracked_by_git(file: Path) -> bool:
    """Whether `file` is in the index of the git work tree that holds it (added or committed).
    False outside a work tree. An index that is there but cannot be read counts as tracking
    it: what cannot be shown not to come with the sources is not trusted."""
    found = _work_tree(Path(os.path.abspath(file)).parent)
    if found is None:
        return False
    root, git_dir = found
    path = Path(os.path.abspath(file)).relative_to(root).as_posix().encode("utf-8", "surrogateescape")
    # A split index (core.splitIndex) keeps most entries in shared index files beside it.
    indexes = [git_dir / "index", *sorted(git_dir.glob("sharedindex.*"))]
    for index in indexes:
        try:
            data = index.read_bytes()
        except FileNotFoundError:
            continue  # a repository where nothing was ever added has no index
        except OSError:
            return True
        if in_index(data, path) is not False:
            return True
    return False


def _work_tree(folder: Path) -> tuple[Path, Path] | None:
    """The innermost work tree holding `folder`, with its git folder: `.git` is that folder, or
    a file naming it (a linked work tree, a submodule)."""
    for candidate in (folder, *folder.parents):
        marker = candidate / ".git"
        if marker.is_dir():
            return candidate, marker
        if marker.is_file():
            try:
                text = marker.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                return candidate, marker  # no index is found there: counts as unreadable
            if text.startswith("gitdir:"):
                return candidate, candidate / text.removeprefix("gitdir:").strip()
            return candidate, marker
    return None


def in_index(data: bytes, path: bytes) -> bool | None:
    """Whether an index file's bytes hold `path` (None: they are not an index this can read)."""
    if len(data) < 12 or data[:4] != _SIGNATURE:
        return None
    version = int.from_bytes(data[4:8], "big")
    if version in (2, 3):
        return _in_padded_index(data, path)
    if version == 4:
        count = int.from_bytes(data[8:12], "big")
        for name_size in (20, 32):  # SHA-1, else SHA-256
            paths = _compressed_paths(data, count, name_size)
            if paths is not None:
                return path in paths
    return None


def _in_padded_index(data: bytes, path: bytes) -> bool:
    """Versions 2 and 3 write each path whole, NUL-terminated, right after the entry's flags
    (and, in version 3, after 16 bits of extended flags when the flags say so), whose low bits
    hold the path's length: a match must have them, so that the end of a longer path does not
    count."""
    needle = path + b"\0"
    length = min(len(path), _NAME_LENGTH)
    at = data.find(needle, 12)
    while at != -1:
        for flags_at, extended in ((at - 2, False), (at - 4, True)):
            if flags_at >= 12:
                flags = int.from_bytes(data[flags_at:flags_at + 2], "big")
                if flags & _NAME_LENGTH == length and bool(flags & _EXTENDED) == extended:
                    return True
        at = data.find(needle, at + 1)
    return False


def _compressed_paths(data: bytes, count: int, name_size: int) -> set[bytes] | None:
    """Version 4's paths: each is the one before it, less as many bytes as a number says, plus
    a NUL-terminated suffix. None if the bytes do not parse with names of `name_size` (each
    entry's flags must hold its path's length)."""
    paths: set[bytes] = set()
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
            paths.add(previous)
            at = end + 1
    except (IndexError, ValueError):
        return None
    return paths
