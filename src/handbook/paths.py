"""Which files of a site may be read: regular files inside the site folder, and nothing else.

Sources can come from anyone who can open a pull request, and a Git checkout can hold symbolic
links. A link to /etc/passwd or to a CI runner's secrets, copied into build/ as a "media file",
would be published; a FIFO or a device would hang or flood the build. So before anything is read,
every file and folder a build may read is checked: links must resolve inside the site folder
(then they are fine), folders must not contain themselves, and files must be regular files.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from . import registry as msg
from .errors import Problems
from .messages import Text

# A page's file name: <id>.md, or <id>.<lang>.md for its version in another language.
PAGE_FILE = re.compile(r"(?P<id>[^.]+)(?:\.(?P<lang>[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]+)*))?\.md")

# What a build reads from a site folder.
CONTENT_DIR = "content"  # the organisations' folders
SOURCES = ("site.yaml", CONTENT_DIR, "templates", "themes", "locales")
SCHEMA_DIR = ".handbook/schemas"  # where `handbook schema` writes, for editors


def check_site_files(site_dir: Path) -> str:
    """Raise HandbookError naming every link that leaves the site and every special file.

    Returns a fingerprint of every source file's name, size and modification time: if it is
    the same as after the last build, nothing was saved since."""
    problems = Problems()
    root = site_dir.resolve()
    seen: list[str] = []
    for name in SOURCES:
        _check(site_dir / name, name, root, _allowed(root, name), frozenset(), problems, seen)
    problems.raise_if_errors()
    return hashlib.blake2b("\n".join(seen).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def check_changed_files(site_dir: Path, changed: set[Path]) -> None:
    """check_site_files for the files that changed since it last ran (from file events)."""
    problems = Problems()
    root = site_dir.resolve()
    for path in sorted(changed):
        try:
            parts = path.relative_to(root).parts
        except ValueError:
            continue  # the bundled theme, outside the site
        if parts and parts[0] in SOURCES:
            _check(path, "/".join(parts), root, _allowed(root, parts[0]), frozenset(), problems, [])
    problems.raise_if_errors()


def _allowed(root: Path, source: str) -> Path:
    """Where links under one of SOURCES may lead. A link under content/ must stay in content/:
    the site folder is often a whole repository, with secrets beside the content (.git/config
    holds CI's token)."""
    return (root / source).resolve() if source == "content" else root


def _check(path: Path, label: str, root: Path, allowed: Path, ancestors: frozenset[Path],
           problems: Problems, seen: list[str]) -> None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        problems.error(label, msg.CANNOT_BE_READ(reason=str(exc.strerror)))
        return
    if stat.S_ISLNK(info.st_mode):
        target = path.resolve()
        if not is_inside(target, root):
            problems.error(label, msg.LINK_OUTSIDE(target=str(target)), hint=msg.COPY_INSTEAD())
            return
        where = target.relative_to(root).parts
        if not is_inside(target, allowed) or any(part.startswith(".") for part in where):
            folder = allowed.relative_to(root).as_posix() if allowed != root else msg.THE_SITE_FOLDER()
            problems.error(label, msg.LINK_NOT_PUBLISHABLE(target="/".join(where), folder=folder),
                           hint=msg.CONTENT_LINKS())
            return
        try:
            info = os.stat(path)
        except OSError:
            problems.error(label, msg.LINK_BROKEN(target=str(target)), hint=msg.REMOVE_LINK())
            return
    if stat.S_ISDIR(info.st_mode):
        real = path.resolve()
        if real in ancestors:
            problems.error(label, msg.LINK_LOOP(), hint=msg.ENDLESS())
            return
        try:
            entries = sorted(os.scandir(path), key=lambda entry: entry.name)
        except OSError as exc:
            problems.error(label, msg.CANNOT_READ_FOLDER(reason=str(exc.strerror)))
            return
        for entry in entries:
            _check(path / entry.name, f"{label}/{entry.name}", root, allowed, ancestors | {real}, problems,
                   seen)
    elif stat.S_ISREG(info.st_mode):
        seen.append(f"{label}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}\0{info.st_ctime_ns}")
    else:
        problems.error(label, msg.SPECIAL_FILE(kind=_special_kind(info.st_mode)), hint=msg.REMOVE_FROM_SITE())


def is_inside(path: Path, root: Path) -> bool:
    """`path` (resolved) is `root` or below it."""
    return path == root or root in path.parents


def _special_kind(mode: int) -> Text:
    if stat.S_ISFIFO(mode):
        return msg.KIND_PIPE()
    if stat.S_ISSOCK(mode):
        return msg.KIND_SOCKET()
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg.KIND_DEVICE()
    return msg.KIND_SPECIAL()


def read_site_file(path: Path) -> bytes:
    """A file's bytes, refusing anything that is not a regular file (checked on the open file,
    so a file swapped for a pipe after the check cannot hang the build)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(0, "not a regular file")
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            return file.read()
    finally:
        os.close(descriptor)


def is_source(site_dir: Path, path: Path, extra: Iterable[Path] = ()) -> bool:
    """Whether a changed file is a source of the site (or of a theme in `extra`): what `serve`
    reacts to. Hidden files, editors' temporary files, the output and the cache are not."""
    name = path.name
    if name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")):
        return False
    for root in extra:
        if path == root or root in path.parents:
            return True
    try:
        first = path.relative_to(site_dir).parts[0]
    except (ValueError, IndexError):
        return False
    return first in SOURCES
