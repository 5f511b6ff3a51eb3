"""The only module that writes output: a complete build goes into a temporary directory beside
the output, which is swapped in only when everything is written, so a failed or killed build
leaves the previous output exactly as it was. `serve`'s live output is updated file by file."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path
from collections.abc import Iterable

from .errors import HandbookError, Problem

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def check_output_dir(out: Path, site_root: Path) -> None:
    """Refuse an output directory whose replacement would destroy sources or unrelated files."""
    out, site_root = out.resolve(), site_root.resolve()
    if out == site_root or out in site_root.parents:
        raise HandbookError([Problem(str(out), "the output directory would contain the site's sources",
                                     hint="choose another --out, e.g. build/")])
    if out.exists() and not out.is_dir():
        raise HandbookError([Problem(str(out), "the output path exists and is not a directory")])
    if out.is_dir() and any(out.iterdir()) and not looks_like_build(out):
        raise HandbookError([Problem(
            str(out), "refusing to replace this directory: it does not look like a handbook build",
            hint="empty it, or choose another --out")])


def looks_like_build(folder: Path) -> bool:
    return (folder / "index.html").is_file() and (folder / "sitemap.xml").is_file()


def write_site(out: Path, files: Iterable[tuple[str, str | bytes]],
               copies: Iterable[tuple[Path, str]]) -> int:
    """Write `files` (path → text or bytes) and copy `copies` (source → path), then swap them in.

    Returns the number of files written.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    count = 0
    try:
        staging.chmod(0o777 & ~_umask())
        for relative, content in files:
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                content = content.encode("utf-8")
            target.write_bytes(content)
            count += 1
        for source, relative in copies:
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            count += 1
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _swap_in(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging)  # now holds the previous build
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


def _remove_stale(out: Path) -> None:
    """Staging directories left behind by a killed build."""
    for leftover in out.parent.glob(f".{out.name}.tmp-*"):
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
