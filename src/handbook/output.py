"""The only module that writes output. A build goes into a temporary directory beside the
output, which is swapped in only when everything is written, so a failed or killed build leaves
the previous output exactly as it was; except that a build that changes only a few files of an
output nothing else has touched since the last build writes just those, each atomically, once
every check has passed (see StagedBuild). `serve`'s live output is updated file by file.

Both kinds of output offer the same calls, so the pipeline does not care which it writes to:
put (new bytes), keep (the previous file is still right), copy (a file published as it is),
finish (make it visible) and discard (forget it)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

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
    """The output of `handbook build`, in one of two ways, chosen when it begins:

    - Staged: a complete new output is written into a staging folder beside the previous one
      and swapped in by `finish`. Files that did not change are hard links to the previous
      build's (so they cost no writing); anything the staging folder holds is gone if the build
      stops. With `carry_over`, a child process links every file of the previous build into the
      staging folder while this one renders: a folder and a link per page cost the kernel more
      than anything else such a build does. A new file then never takes the place of a linked
      one by being written into it (that would change the previous build), but is written
      beside it and renamed over it; what the build did not publish is removed again before
      the swap (`settle`).
    - In place: when the output is exactly as the last build left it (`untouched`) and only a
      few outputs are stale, making a whole new tree would cost far more than the change (a
      folder and a link per page, and deleting the old tree). Then nothing is written until
      every check has passed (texts are held, `streams` is false); then each new file is
      written beside its old one and renamed over it, so a reader sees the old file or the
      new one, never half of one, and files no longer published are removed. A build stopped
      by an error or Ctrl+C before that changes nothing (Ctrl+C waits while files are
      renamed); one killed while renaming leaves some files new and some old, each whole,
      which the next build finds (they are not what the cache says was written) and rewrites.
    """

    # In place when at most this many outputs are stale, or this share of them.
    IN_PLACE_MOST = 16
    IN_PLACE_SHARE = 0.02

    def __init__(self, out: Path, untouched: bool = False):
        self.out = out.resolve()
        self.untouched = untouched  # the output is as the last build left it
        self.in_place = False
        self.streams = True
        self.removed = 0
        self.written = 0
        self._folders: set[str] = set()
        self.staging = self.out  # until begin()
        self._out = self._staging = str(self.out)  # as texts: a build looks up thousands of paths
        self._carrier: int | None = None  # the process linking the previous build's files
        self._carried: IO[bytes] | None = None  # where it lists the files it linked
        self._published: set[str] | None = None  # with carry_over: what this build published
        # In place: the files this build wrote, with their (size, mtime_ns), and removed (None).
        self.changes: dict[str, tuple[int, int] | None] = {}

    def begin(self, carry_over: bool = False, stale: int = 0, total: int = 0) -> None:
        """Start a build that renders `stale` of `total` outputs; `carry_over`: most of the
        others are the previous build's files (the cache says so)."""
        if self.in_place or self.staging != self.out:
            return  # begun already
        if (carry_over and self.untouched and looks_like_build(self.out)
                and stale <= max(self.IN_PLACE_MOST, total * self.IN_PLACE_SHARE)):
            self.in_place, self.streams = True, False
            self._published = set()
            _remove_stale(self.out)
            return
        self._stage(carry_over)

    def stage(self) -> None:
        """Make a complete new output after all, if this one was to be written in place: a
        search index is made from the folder it is in, and a failing one must leave the
        previous output as it was."""
        if self.in_place:
            self.in_place, self._published = False, None
            self._stage(carry_over=True)

    def _stage(self, carry_over: bool) -> None:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(self.out)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.tmp-", dir=self.out.parent))
        self.staging.chmod(0o777 & ~_umask())
        self._staging = str(self.staging)
        if carry_over and hasattr(os, "fork") and looks_like_build(self.out):
            self._published = set()
            self._carried = tempfile.TemporaryFile()  # noqa: SIM115 - closed by settle or discard
            self._carrier = _start_linking(self._out, self._staging, self._carried)

    def previous(self, path: str) -> tuple[int, int] | None:
        """(size, mtime_ns) of the previous build's file, if it has one."""
        try:
            info = os.stat(os.path.join(self._out, path), follow_symlinks=False)
        except OSError:
            return None
        return (info.st_size, info.st_mtime_ns) if stat.S_ISREG(info.st_mode) else None

    def keep(self, path: str) -> tuple[int, int] | None:
        """Carry the previous build's file over unchanged; its (size, mtime_ns), or None."""
        source = os.path.join(self._out, path)
        if self.in_place:
            assert self._published is not None
            try:
                info = os.stat(source, follow_symlinks=False)
            except OSError:
                return None
            self._published.add(path)
            return (info.st_size, info.st_mtime_ns)
        if self._published is not None:
            self._wait()
            try:
                linked = os.stat(os.path.join(self._staging, path), follow_symlinks=False)
                if os.path.samestat(linked, os.stat(source, follow_symlinks=False)):
                    self._published.add(path)
                    return (linked.st_size, linked.st_mtime_ns)
            except OSError:
                pass  # not carried over (the linking process stopped early): link it here
        target = self._target(path)
        try:
            os.link(source, target, follow_symlinks=False)
        except OSError:
            return None
        if self._published is not None:
            self._published.add(path)
        return self.stamp(path)

    def put(self, path: str, data: bytes) -> tuple[int, int]:
        target = self._target(path)
        if self._published is None:
            _write_bytes(target, data)
        else:  # beside a file that may be a link to the previous build's, then over it
            self._published.add(path)
            _replace(target, lambda temporary: _write_bytes(temporary, data))
        self.written += 1
        made = self.stamp(path)
        if self.in_place:
            self.changes[path] = made
        return made

    def copy(self, source: Path, path: str, unchanged: bool) -> None:
        """Publish a file as it is (media, static files)."""
        if unchanged and self.keep(path) is not None:
            return
        target = self._target(path)
        if self._published is None:
            shutil.copyfile(source, target)
        else:
            self._published.add(path)
            _replace(target, lambda temporary: shutil.copyfile(source, temporary))
        self.written += 1
        if self.in_place:
            self.changes[path] = self.stamp(path)

    def stamp(self, path: str) -> tuple[int, int]:
        info = os.stat(os.path.join(self._staging, path))
        return (info.st_size, info.st_mtime_ns)

    @property
    def folder(self) -> Path:
        return self.staging

    def settle(self, previous: Iterable[str] = ()) -> None:
        """Remove the carried-over files this build did not publish (pages that are gone, a
        search index made again), and the folders that leaves empty. `previous`: the files
        the last build published (what an output left in place holds)."""
        published = self._published
        if published is None:
            return  # the staging folder holds only what this build published
        self._published = None  # from now on files are only added (the search index)
        linked = list(previous) if self.in_place else self._linked()
        if linked is None:  # the linking process did not finish: look at every file
            linked = [os.path.relpath(os.path.join(folder, name), self._staging)
                      for folder, _folders, files in os.walk(self._staging) for name in files]
        emptied = set()
        for path in linked:
            if path not in published:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(self._staging, path))
                if self.in_place:
                    self.removed += 1  # a page that is gone (staged: only the link to it)
                    self.changes[path] = None
                emptied.add(os.path.dirname(path))
        for folder in sorted(emptied, key=len, reverse=True):  # and the folders left empty
            while folder:
                try:
                    os.rmdir(os.path.join(self._staging, folder))
                except OSError:
                    break  # not empty
                self._folders.discard(os.path.join(self._staging, folder))
                folder = os.path.dirname(folder)

    def adopt(self, paths: list[str]) -> None:
        pass  # written into the staging folder: published with it

    def finish(self) -> None:
        self.settle()
        if not self.in_place:
            _swap_in(self.staging, self.out)  # on an error, the pipeline calls discard()

    def discard(self) -> None:
        if self.in_place:
            return  # nothing is written before every check has passed
        if self._carrier is not None:
            with contextlib.suppress(OSError):
                os.kill(self._carrier, signal.SIGKILL)
            self._wait()
        if self.staging != self.out:
            if self._published is not None:  # as many links as the previous build has files
                _discard_previous(self.staging)  # deleted in the background
            else:
                shutil.rmtree(self.staging, ignore_errors=True)
        self._forget_carried()
        # Stopped inside mkdtemp (Ctrl+C), the folder exists but was never named here.
        _remove_stale(self.out)

    def _wait(self) -> None:
        """Until the process linking the previous build's files is done."""
        if self._carrier is not None:
            status = 1
            with contextlib.suppress(ChildProcessError):
                status = os.waitpid(self._carrier, 0)[1]
            self._carrier = None
            if status != 0:
                self._forget_carried()

    def _linked(self) -> list[str] | None:
        """The files the linking process linked (None: it did not finish, so not known)."""
        self._wait()
        if self._carried is None:
            return None
        self._carried.seek(0)
        names = self._carried.read().decode("utf-8", "surrogateescape")
        self._forget_carried()
        return names.split("\0") if names else []

    def _forget_carried(self) -> None:
        if self._carried is not None:
            self._carried.close()
            self._carried = None

    def _target(self, path: str) -> str:
        target = os.path.join(self._staging, path)
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return target


class LiveFolder:
    """`serve`'s output, updated in place file by file: readers see a file's old text or its
    new one, never half of one. Only files whose bytes changed are written."""

    streams = False
    in_place = True

    def __init__(self, out: Path):
        self.out = out
        self.written = 0
        self.removed = 0
        self._digests: dict[str, str] = {}
        self._seen: set[str] = set()

    def begin(self, carry_over: bool = False, stale: int = 0, total: int = 0) -> None:
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

    def stage(self) -> None:
        pass  # always in place: serve's reader gets each file as soon as it is made

    def settle(self, previous: Iterable[str] = ()) -> None:
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


def _replace(target: str, write: Callable[[str], object]) -> None:
    """Replace a file whole: `write` makes the new one beside it, which is then renamed over it,
    so a reader gets the old file or the new one, never half of one; and a hard link to the old
    one keeps the old text."""
    folder, name = os.path.split(target)
    temporary = os.path.join(folder, f".{name}.new-{os.getpid()}")
    write(temporary)
    os.replace(temporary, target)


def _write_bytes(file: str, data: bytes) -> None:
    with open(file, "wb") as handle:
        handle.write(data)


def _start_linking(previous: str, staging: str, listing: IO[bytes]) -> int:
    """A process that links every file of the previous build into the staging folder and lists
    them in `listing`, NUL-separated."""
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            linked = _link_tree(previous, staging)
            listing.write("\0".join(linked).encode("utf-8", "surrogateescape"))
            listing.flush()
            code = 0
        finally:
            os._exit(code)
    return child


def _link_tree(source: str, target: str) -> list[str]:
    """Hard-link each regular file under `source` to the same place under `target`; their paths,
    relative to it. A file the build has already put there, or a folder it has made, is left
    as it is."""
    linked = []
    pending = [""]
    while pending:
        folder = pending.pop()
        with os.scandir(os.path.join(source, folder)) as entries:
            for entry in entries:
                name = os.path.join(folder, entry.name)
                if entry.is_dir(follow_symlinks=False):
                    with contextlib.suppress(FileExistsError):
                        os.mkdir(os.path.join(target, name))
                    pending.append(name)
                elif entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(FileExistsError):
                        os.link(entry.path, os.path.join(target, name), follow_symlinks=False)
                        linked.append(name)
    return linked


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
    import ctypes  # only here: it takes a while to load, and a build with nothing to do needs none of it

    try:
        libc = ctypes.CDLL(None, use_errno=True)  # the C library this Python runs on
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
    _replace(str(target), lambda temporary: _write_bytes(temporary, data))


def remove_file(root: Path, path: str) -> None:
    """Remove one file of a live output, and the folders it leaves empty."""
    target = root / path
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
