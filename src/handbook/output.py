"""The only module that writes output: a complete build goes into a temporary directory beside
the output, which is swapped in only when everything is written, so a failed or killed build
leaves the previous output exactly as it was. `serve`'s live output is updated file by file.

Both kinds of output offer the same calls, so the pipeline does not care which it writes to:
put (new bytes), keep (the previous file is still right), copy (a file published as it is),
finish (make it visible) and discard (forget it)."""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

from . import registry as msg
from .errors import HandbookError, Problem

_RENAME_EXCHANGE = 2
_ADOPTED = "adopted"  # LiveFolder: a file written by another program
_AT_FDCWD = -100


def check_output_dir(out: Path, site_root: Path) -> None:
    """Refuse an output directory whose replacement would destroy sources or unrelated files."""
    if out.is_symlink():
        raise HandbookError([Problem(str(out), msg.OUTPUT_IS_LINK(), hint=msg.REMOVE_LINK_OR_OUT())])
    out, site_root = out.resolve(), site_root.resolve()
    if out == site_root or out in site_root.parents:
        raise HandbookError([Problem(str(out), msg.OUTPUT_CONTAINS_SITE(), hint=msg.ANOTHER_OUT())])
    if out.exists() and not out.is_dir():
        raise HandbookError([Problem(str(out), msg.OUTPUT_NOT_DIRECTORY())])
    if out.is_dir() and any(out.iterdir()) and not looks_like_build(out):
        raise HandbookError([Problem(str(out), msg.NOT_A_BUILD(), hint=msg.EMPTY_OR_ANOTHER_OUT())])


def looks_like_build(folder: Path) -> bool:
    return (folder / "index.html").is_file() and (folder / "sitemap.xml").is_file()


class StagedBuild:
    """A complete new output, written into a staging folder beside the previous one and swapped
    in by `finish`. Files that did not change are hard links to the previous build's (so they
    cost no writing); anything the staging folder holds is gone if the build stops."""

    streams = True

    def __init__(self, out: Path):
        self.out = out.resolve()
        self.written = 0
        self._folders: set[Path] = set()
        self.staging = self.out  # until begin()

    def begin(self) -> None:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(self.out)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.tmp-", dir=self.out.parent))
        self.staging.chmod(0o777 & ~_umask())

    def previous(self, path: str) -> tuple[int, int] | None:
        """(size, mtime_ns) of the previous build's file, if it has one."""
        try:
            info = os.stat(self.out / path, follow_symlinks=False)
        except OSError:
            return None
        return (info.st_size, info.st_mtime_ns) if stat.S_ISREG(info.st_mode) else None

    def keep(self, path: str) -> tuple[int, int] | None:
        """Carry the previous build's file over unchanged; its (size, mtime_ns), or None."""
        target = self._target(path)
        try:
            os.link(self.out / path, target, follow_symlinks=False)
        except OSError:
            return None
        return self.stamp(path)

    def put(self, path: str, data: bytes) -> tuple[int, int]:
        target = self._target(path)
        target.write_bytes(data)
        self.written += 1
        return self.stamp(path)

    def copy(self, source: Path, path: str, unchanged: bool) -> None:
        """Publish a file as it is (media, static files)."""
        if unchanged and self.keep(path) is not None:
            return
        shutil.copyfile(source, self._target(path))
        self.written += 1

    def stamp(self, path: str) -> tuple[int, int]:
        info = os.stat(self.staging / path)
        return (info.st_size, info.st_mtime_ns)

    @property
    def folder(self) -> Path:
        return self.staging

    def settle(self) -> None:
        pass  # the staging folder holds only what this build published

    def adopt(self, paths: list[str]) -> None:
        pass  # written into the staging folder: published with it

    def finish(self) -> None:
        _swap_in(self.staging, self.out)  # on an error, the pipeline calls discard()

    def discard(self) -> None:
        if self.staging != self.out:
            shutil.rmtree(self.staging, ignore_errors=True)
        # Stopped inside mkdtemp (Ctrl+C), the folder exists but was never named here.
        _remove_stale(self.out)

    def _target(self, path: str) -> Path:
        target = self.staging / path
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        return target


class LiveFolder:
    """`serve`'s output, updated in place file by file: readers see a file's old text or its
    new one, never half of one. Only files whose bytes changed are written."""

    streams = False

    def __init__(self, out: Path):
        self.out = out
        self.written = 0
        self.removed = 0
        self._digests: dict[str, str] = {}
        self._seen: set[str] = set()

    def begin(self) -> None:
        self.written, self.removed, self._seen = 0, 0, set()

    # The folder is serve's own: what it holds is what was written, so no file is looked at.
    def previous(self, path: str) -> tuple[int, int] | None:
        return (0, 0) if path in self._digests else None

    def keep(self, path: str) -> tuple[int, int] | None:
        if path in self._digests:
            self._seen.add(path)
            return (0, 0)
        return None

    def put(self, path: str, data: bytes) -> tuple[int, int]:
        self._seen.add(path)
        version = hashlib.blake2b(data, digest_size=16).hexdigest()
        if self._digests.get(path) != version or not (self.out / path).is_file():
            write_file(self.out / path, data)
            self._digests[path] = version
            self.written += 1
        return (0, 0)

    def copy(self, source: Path, path: str, unchanged: bool) -> None:
        self.put(path, source.read_bytes())

    def stamp(self, path: str) -> tuple[int, int]:
        return (0, 0)

    @property
    def folder(self) -> Path:
        return self.out

    def adopt(self, paths: list[str]) -> None:
        """Files another program wrote into the folder (the search index): published like the
        others until a build no longer keeps them."""
        for path in paths:
            self._digests[path] = _ADOPTED
            self._seen.add(path)

    def settle(self) -> None:
        """Remove what this build did not publish, so that the folder holds what the site now
        has (and a search index is made from exactly that)."""
        for path in sorted(set(self._digests) - self._seen):
            remove_file(self.out, path)
            if self._digests.pop(path) != _ADOPTED:
                self.removed += 1  # (pages, not the search index's files)

    def finish(self) -> None:
        self.settle()

    def discard(self) -> None:
        pass


def _swap_in(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        _discard_previous(staging)  # it now holds the previous build
        return
    # No atomic exchange on this system: two renames, with the old build kept until the end.
    previous = staging.with_name(staging.name + "-old")
    os.rename(out, previous)
    os.rename(staging, out)
    shutil.rmtree(previous)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories with Linux renameat2(RENAME_EXCHANGE), if available."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _discard_previous(folder: Path) -> None:
    """Delete the previous build, swapped out already, without making the command wait: one
    folder per page makes that thousands of unlinks. Renamed first so that no one takes it for
    a build in progress; a process that deletes it on its own (detached twice, so that nothing
    waits for it) does the rest, or, where there is no fork, this one."""
    old = folder.with_name(folder.name.replace(".tmp-", ".old-", 1))
    os.rename(folder, old)
    if not hasattr(os, "fork"):
        shutil.rmtree(old, ignore_errors=True)
        return
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the detached process
        try:
            if os.fork() == 0:
                shutil.rmtree(old, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(child, 0)


def _remove_stale(out: Path) -> None:
    """Staging and previous builds left behind by a build that was stopped."""
    for pattern in (f".{out.name}.tmp-*", f".{out.name}.old-*"):
        for leftover in out.parent.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_file(target: Path, data: bytes) -> None:
    """Write one file of a live output (serve's): readers see the old file or the new one,
    never half of one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def remove_file(root: Path, path: str) -> None:
    """Remove one file of a live output, and the folders it leaves empty."""
    target = root / path
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
