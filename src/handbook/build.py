"""`handbook build` and `handbook check`: the pipeline (pipeline.py) run over a site, with its
cache on disk; or, when nothing was saved since the last build and its output is untouched,
nothing at all.

This module loads only what that check needs. The pipeline's modules (Jinja, Markdown, the
theme, the content loader) load when there is something to build, so that a build with
nothing to do takes a fraction of a second.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import registry as msg
from . import usercache
from .cache import CACHE_DIR, Cache, digest, environment_key, problem_from_json, problem_to_json
from .clock import today
from .errors import WARNING, Problem
from .messages import Text
from .output import StagedBuild, check_output_dir
from .paths import check_site_files, is_inside
from .report import BuildReport

if TYPE_CHECKING:
    from .pipeline import Pipeline

__all__ = ["BuildReport", "build", "output_signature"]


def build(site_dir: Path, out_dir: Path | None = None, *, base_url: str | None = None,
          strict: bool = False, write: bool = True, jobs: int | None = None,
          cache_dir: Path | None = None, use_cache: bool = True) -> BuildReport:
    """Build the site in `site_dir` into `out_dir` (default: site_dir/build), or with
    `write=False` only check it.

    Raises HandbookError listing every problem found; then nothing is written and the previous
    output is left exactly as it was. The cache (default SITE/.cache/handbook/) lets a build
    render only what changed since the last one; `use_cache=False` builds from nothing.
    """
    with usercache.off() if not use_cache else contextlib.nullcontext():  # nothing an earlier run compiled
        return _build(site_dir, out_dir, base_url, strict, write, jobs, cache_dir, use_cache)


def _build(site_dir: Path, out_dir: Path | None, base_url: str | None, strict: bool, write: bool,
           jobs: int | None, cache_dir: Path | None, use_cache: bool) -> BuildReport:
    out = out_dir if out_dir is not None else site_dir / "build"
    cache = Cache()
    note: Text | None = None
    if use_cache:
        folder = cache_dir if cache_dir is not None else site_dir / CACHE_DIR
        if cache_dir is None and not is_inside(folder.resolve(), site_dir.resolve()):
            note = msg.CACHE_IS_LINK(folder=str(CACHE_DIR))
        else:
            cache = Cache.open(folder / "cache.sqlite")
    try:
        if not write:
            return _pipeline(site_dir, base_url, cache, jobs).run(None, strict)
        check_output_dir(out, site_dir)
        # Nothing saved since the last build, and its output untouched: nothing to do.
        start = time.perf_counter()
        run_key = digest([check_site_files(site_dir), base_url, strict, str(out.resolve()), environment_key(),
                          today().isoformat()])  # outputs that show a date depend on it
        last = cache.last_run() if cache.file is not None else None
        # The output as the last build left it: it is the cache's to trust (and to update in place).
        listing = output_listing(out)
        untouched = last is not None and last.get("output") == signature(listing)
        if untouched and last is not None and last.get("key") == run_key:
            report = _unchanged_report(last, time.perf_counter() - start)
        else:
            from .pipeline import remembering_interrupts
            with remembering_interrupts():
                pipeline = _pipeline(site_dir, base_url, cache, jobs)
                output = StagedBuild(out, untouched)
                report = pipeline.run(output, strict, checked=True)  # by the fingerprint above
            if output.in_place:  # the files as they were, but for those the build wrote or removed
                for path, made in output.changes.items():
                    if made is None:
                        listing.pop(path, None)
                    else:
                        listing[path] = made
            else:
                listing = output_listing(out)
            if cache.file is not None:
                cache.set_last_run({"key": run_key, "output": signature(listing), "pages": report.pages,
                                    "files": report.files,
                                    "warnings": [problem_to_json(p) for p in report.warnings],
                                    "notices": [problem_to_json(p) for p in report.notices]})
    finally:
        cache.close()
    note = note or cache.note  # (a damaged cache may show only when its entries are read)
    if note:
        report.warnings.insert(0, Problem(str(CACHE_DIR), note, severity=WARNING))
    return report


def _pipeline(site_dir: Path, base_url: str | None, cache: Cache, jobs: int | None) -> Pipeline:
    from .pipeline import Pipeline  # loaded only when there is something to build (see above)
    return Pipeline(site_dir, base_url=base_url, cache=cache, jobs=jobs)


def output_listing(out: Path) -> dict[str, tuple[int, int]]:
    """Every output file's (size, mtime_ns), by its path in the output."""
    seen: dict[str, tuple[int, int]] = {}
    pending = [("", str(out))]
    while pending:
        prefix, folder = pending.pop()
        try:
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append((name + "/", entry.path))
                else:
                    info = entry.stat(follow_symlinks=False)
                    seen[name] = (info.st_size, info.st_mtime_ns)
    return seen


def signature(listing: dict[str, tuple[int, int]]) -> str:
    """An output's listing as one digest: if it is the same, so is every file (the cache's to trust)."""
    return digest(sorted(f"{name}\0{size}\0{mtime}" for name, (size, mtime) in listing.items()))


def output_signature(out: Path) -> str:
    return signature(output_listing(out))


def _unchanged_report(last: dict, seconds: float) -> BuildReport:
    try:
        warnings = [problem_from_json(item) for item in last.get("warnings", [])]
        notices = [problem_from_json(item) for item in last.get("notices", [])]
        return BuildReport(pages=int(last["pages"]), files=int(last["files"]), warnings=warnings,
                           notices=notices, timings={"unchanged": seconds})
    except (TypeError, ValueError, KeyError, IndexError):
        return BuildReport(timings={"unchanged": seconds})
