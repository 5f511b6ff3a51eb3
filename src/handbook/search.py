"""The search index: Pagefind, run over the published pages of one language at a time.

Each language has a bundle of its own at `<lang>/pagefind/`, made from the pages under `<lang>/`
only, so a reader searching on a Swedish page finds Swedish pages, whatever words the other
languages share. Pagefind stems Swedish, Danish and English and indexes Czech without stemming;
it takes a page's language from its `<html lang>`, which the build writes. Only what a template
marks with `data-pagefind-body` is indexed: a page's article (not homes, overviews or print).

Pagefind writes the same files for the same pages, except that the order of the languages in
pagefind-entry.json follows a hash map; that file is written again in a fixed order. The
bundle's ready-made interfaces are removed: the theme's own search box (static/search.js)
speaks the site's languages through its catalogs and keeps to its security policy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from . import registry as msg
from .errors import WARNING, HandbookError, Problem

FOLDER = "pagefind"
MARK = "data-pagefind-body"  # what a template puts on the part of a page to index
ENTRY = "pagefind-entry.json"
# Files of Pagefind's own interfaces, which the theme does not use.
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# The one word of an index that finds nothing (Pagefind makes no index of no words).
_NOTHING = "zqxhandbookemptyindexzqx"
# Indexing 20,000 pages takes about 20 s here; a run that takes this long has hung.
TIMEOUT_SECONDS = 600


def bundle_path(language: str) -> str:
    """Where a language's index is published, relative to the output folder, ending in '/'."""
    return f"{language}/{FOLDER}/"


def reserved_problems(organisations: list[str], languages: Iterable[str]) -> list[Problem]:
    """An organisation whose folder is named like the search index would share its address."""
    if FOLDER not in organisations:
        return []
    code = next(iter(languages))  # one problem, named in the first language's address
    return [Problem(f"content/{FOLDER}", msg.SEARCH_ADDRESS_TAKEN(code=code, slug=FOLDER),
                    hint=msg.RENAME_OR_NO_SEARCH())]


def index_language(out: Path, language: str, has_pages: bool = True) -> list[str]:
    """Index the pages under `out/<language>/` into `out/<language>/pagefind/` (replacing what
    was there); the files written, relative to `out`, sorted. A language without pages to index
    (`has_pages` false) gets an index that finds nothing: Pagefind would index every page's
    whole body instead, or refuse to make an empty one."""
    site = out / language
    bundle, fresh = site / FOLDER, site / f".{FOLDER}-new"
    _remove(fresh)
    # Made beside the previous index and then put in its place, so that a reader of serve's
    # folder finds one index or the other, never half of one.
    with tempfile.TemporaryDirectory(prefix="handbook-pagefind-") as work:
        source = site
        if not has_pages:
            source = Path(work) / "empty"
            source.mkdir()
            (source / "index.html").write_text(
                f'<!DOCTYPE html><html lang="{language}"><body {MARK}><p>{_NOTHING}</p></body></html>',
                encoding="utf-8")
        command = [str(_executable()), "--site", str(source.resolve()), "--output-path", str(fresh.resolve()),
                   "--quiet"]
        # Pagefind also reads settings from PAGEFIND_* variables and a pagefind.yml in its
        # working folder: neither may change what is published.
        environment = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
        try:
            done = subprocess.run(command, check=False, capture_output=True, text=True,
                                  timeout=TIMEOUT_SECONDS, env=environment, cwd=work, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as error:
            _remove(fresh)
            raise _failed(language, str(error)) from None
    if done.returncode != 0:
        _remove(fresh)
        raise _failed(language, (done.stderr or done.stdout).strip())
    for name in _UNUSED:
        (fresh / name).unlink(missing_ok=True)
    _normalise_entry(fresh / ENTRY)
    old = site / f".{FOLDER}-old"
    _remove(old)
    if bundle.exists() or bundle.is_symlink():
        bundle.rename(old)
    fresh.rename(bundle)
    _remove(old)
    files = []
    for folder, _dirs, names in os.walk(bundle):
        for name in names:
            files.append(os.path.relpath(os.path.join(folder, name), out).replace(os.sep, "/"))
    return sorted(files)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def _normalise_entry(file: Path) -> None:
    """pagefind-entry.json with its languages in a fixed order, so that builds are identical."""
    try:
        entry = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise _failed(file.parent.parent.name, f"Pagefind's {ENTRY} is not readable: {error}") from None
    if isinstance(entry.get("languages"), dict):
        entry["languages"] = dict(sorted(entry["languages"].items()))
    file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _executable() -> Path:
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
        return Path(get_executable())
    except (ImportError, FileNotFoundError) as error:
        raise HandbookError([Problem("site.yaml", msg.NO_PAGEFIND(detail=str(error)),
                                     hint=msg.INSTALL_AGAIN())]) from None


def _failed(language: str, detail: str) -> HandbookError:
    lines = [line for line in detail.splitlines() if line.strip()][-5:]
    reason = " / ".join(lines) or msg.NO_REASON_GIVEN()
    return HandbookError([Problem(bundle_path(language), msg.SEARCH_FAILED(detail=reason), hint=msg.SEARCH_FAULT())])


class BackgroundIndexer:
    """serve's search index: made again in a thread of its own after a rebuild has reloaded the
    browser, so that an edit shows without waiting for Pagefind. Requests that come while it
    works are gathered into one run per language."""

    QUIET_SECONDS = 0.3  # a burst of saves is indexed once

    def __init__(self, out: Path, report: Callable[[list[Problem]], None]):
        self.out = out
        self.report = report
        self._pending: set[str] = set()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self.idle = threading.Event()
        self.idle.set()
        threading.Thread(target=self._work, name="search-index", daemon=True).start()

    def request(self, languages: Iterable[str]) -> None:
        with self._lock:
            self._pending.update(languages)
            if self._pending:
                self.idle.clear()
                self._wake.set()

    def _work(self) -> None:
        while True:
            self._wake.wait()
            time.sleep(self.QUIET_SECONDS)
            with self._lock:
                languages, self._pending = sorted(self._pending), set()
                self._wake.clear()
            for language in languages:
                try:
                    index_language(self.out, language)
                except HandbookError as error:
                    self.report(error.problems)
                except OSError as error:  # the folder went away as serve stopped
                    self.report([Problem(bundle_path(language), msg.SEARCH_NOT_MADE(code=language, detail=str(error)),
                                         severity=WARNING)])
            with self._lock:
                if not self._pending:
                    self.idle.set()
