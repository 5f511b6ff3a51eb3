"""The one build pipeline, for `build`, `check` and `serve`: load what changed, render what is
stale, check, write. (build.py is the `build` command around it.)

A `Pipeline` keeps, between runs, what each output was rendered from (see depends.py) in a
cache (in memory for `serve`; on disk in SITE/.cache/handbook/ for `build`), so a run renders
only outputs whose dependencies changed. A clean build is a run with an empty cache, and the
output of a run is the same, byte for byte, whatever the cache held.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from babel.support import NullTranslations

from . import search
from .accessibility import statement_problems
from .bodies import Bodies, Kept, kept_to_bytes
from .cache import Cache, Entry, digest, stamp, text_digest
from .clock import today
from .config import SiteConfig, load_config
from .content import CONTENT_DIR, load_site
from .depends import Versions, item_of
from .errors import Problem, Problems
from .freshness import review_notices
from .links import check_anchors
from .loaded import PageCache
from .model import Site
from .render import Rendered, Renderer, Templates
from .report import BuildReport
from .targets import PageOutput, PrintedHandbook, Target, targets_of
from .theme import Theme, catalog_sources, load_all_translations, load_theme

# How many organisations' converted bodies serve keeps between runs (a few MB at most).
KEPT_ORGANISATIONS = 8


class Output(Protocol):
    """Where a run writes: a staged build (output.StagedBuild) or serve's live folder."""

    written: int
    streams: bool  # takes texts as they are rendered, before the checks (a staged build)
    in_place: bool  # files are replaced where readers see them (not a whole new folder swapped in)

    def begin(self, carry_over: bool = False, stale: int = 0, total: int = 0) -> None: ...
    def previous(self, path: str) -> tuple[int, int] | None: ...
    def keep(self, path: str) -> tuple[int, int] | None: ...
    def put(self, path: str, data: bytes) -> tuple[int, int]: ...
    def copy(self, source: Path, path: str, unchanged: bool) -> None: ...
    def stamp(self, path: str) -> tuple[int, int]: ...
    @property
    def folder(self) -> Path: ...  # where files are being written (the search index is made there)
    # The folder holds exactly what was published (before indexing); `previous`: the files
    # the last run published.
    def settle(self, previous: Iterable[str] = ()) -> None: ...
    def stage(self) -> None: ...  # a complete new folder after all, if it was to be in place
    def adopt(self, paths: list[str]) -> None: ...  # files written into the folder by another program
    def finish(self) -> None: ...
    def discard(self) -> None: ...


class Pipeline:
    """Builds one site again and again, each time rendering only what changed."""

    def __init__(self, site_dir: Path, *, base_url: str | None = None, cache: Cache | None = None,
                 jobs: int | None = None, watching: bool = False):
        self.site_dir = site_dir
        self.base_url = base_url
        self.cache = cache if cache is not None else Cache()
        self.jobs = jobs
        # Make the search index as part of each run; serve makes it after the reload instead.
        self.index_search = True
        self.parsed = PageCache(self.cache)  # parsed sources, kept while the pipeline lives
        # From the second run on: the last run's versions, and which outputs read each key, so
        # that a run after one edit looks only at what the edited items are read by.
        self._versions: Versions | None = None
        self._readers: dict[str, set[str]] | None = {} if watching else None
        self._keys_of: dict[str, set[str]] = {}
        self._translations: tuple[tuple, dict[str, NullTranslations], list[Problem]] | None = None
        self._templates: tuple[tuple, Templates] | None = None
        # serve keeps the converted bodies of the organisations it rendered last, while the
        # templates (and so the settings) stay: an edit converts only the edited body again.
        self._watching = watching
        self._bodies: tuple[Templates, Bodies] | None = None

    def run(self, output: Output | None, strict: bool = False, changed: set[Path] | None = None, *,
            checked: bool = False) -> BuildReport:
        """Bring `output` up to date (None: check only). Raises HandbookError listing every
        problem; then the output is exactly as it was.

        `changed` names the files saved since the last run, when the caller knows (serve's file
        events); other files are then trusted to be as they were if their size and times are.
        `checked`: the caller has just run check_site_files, so it is not run again."""
        try:
            return self._run(output, strict, changed, checked)
        except BaseException:
            if output is not None:
                output.discard()
            self.cache.rollback()
            raise

    def _run(self, output: Output | None, strict: bool, changed: set[Path] | None,
             checked: bool) -> BuildReport:
        report = BuildReport()
        problems = Problems()
        if self._versions is None:
            changed = None  # the first run reads everything
        with report.step("config"):
            config = load_config(self.site_dir, self.base_url, set() if checked else changed)
        with report.step("content"):
            self.parsed.changed = changed
            site = load_site(config, problems, self.parsed)
            review_notices(site, today(), problems)
            slugs = [o.slug for o in site.organisations]
            problems.add(statement_problems(config.accessibility, slugs, config.languages))
            if config.search:
                problems.add(search.reserved_problems(slugs, config.languages))
        with report.step("theme"):
            theme = load_theme(config)
            catalogs = {code: _catalog_version(theme, config.root, code) for code in config.languages}
            translations = self._translations_for(theme, config, catalogs, problems)
        problems.raise_if_errors()

        with report.step("plan"):
            templates = self._templates_for(theme, translations, config, catalogs)
            sources = _source_versions(config, theme, catalogs)
            targets = targets_of(site)
            entries = self.cache.entries
            if self._versions is not None:
                versions = Versions(site, sources, previous=self._versions)
                touched = self._changed_outputs(versions)
                stale = [t for t in targets if t.path not in entries or t.path in touched]
            else:
                versions = Versions(site, sources)
                versions.seed({f"page:{file}#{attribute}": version
                               for file, attributes in self.parsed.stored_versions.items()
                               if site.find_page(file) is not None
                               for attribute, version in attributes.items()})
                known = versions.known
                stale = [t for t in targets if (e := entries.get(t.path)) is None
                         or e.stamp != stamp(e.keys, versions, known)]
        if output is not None:
            # A build that renders only a few outputs may write them in place; one that renders
            # many stages them and starts carrying the others over (see output.StagedBuild).
            output.begin(carry_over=self.cache.warm, stale=len(stale), total=len(targets))
        # A staged build takes each text as it is rendered (so that texts are not all held in
        # memory at once): nothing of it is visible until `finish`, and all goes if checks fail.
        streaming = output is not None and output.streams
        made: dict[str, Entry] = {}
        texts: dict[str, bytes] = {}  # rendered, for an output that cannot take them yet
        with report.step("render"):
            bodies = self._bodies_for(templates, versions)
            for result in render_targets(Renderer(site, templates, bodies), stale, self.jobs):
                for file, kept in bodies.take_fresh():
                    self.cache.put_body(file, kept.source, kept_to_bytes(kept))
                path, data = result.target.path, result.text.encode("utf-8")
                keys = tuple(sorted(map(sys.intern, result.reads)))  # one copy of each key, not one per output
                entry = Entry(keys, stamp(keys, versions, versions.known), text_digest(data), result.problems,
                              result.anchors, result.ids, result.target.source,
                              indexed=search.MARK in result.text)
                if streaming and output is not None:
                    entry.file = output.put(path, data)
                    self.cache.put(path, entry, data)
                else:
                    texts[path] = data
                made[path] = entry
        current = {t.path: made.get(t.path) or entries[t.path] for t in targets}
        with report.step("check"):
            for entry in current.values():
                problems.add(entry.problems)
            check_anchors(((e.source, e.anchors) for e in current.values() if e.anchors and e.source),
                          {path: e.ids for path, e in current.items()}, problems)
        problems.raise_if_errors(strict)

        report.pages = sum(1 for path in current if path.endswith(".html"))
        report.rendered = len(made)
        report.rendered_paths = list(made)
        if config.search:
            report.search_languages = [code for code in config.languages
                                       if any(path.startswith(f"{code}/") for path in made)]
        report.warnings = sorted(set(problems.warnings), key=Problem.sort_key)
        report.notices = sorted(set(problems.notices), key=Problem.sort_key)
        report.files = len(current)
        if output is not None:
            # What each language's search index is made from: its pages' digests.
            pages = {language: _indexed_pages(language, current) for language in config.languages} \
                if config.search and self.index_search else {}
            if self._remakes_an_index(pages):
                output.stage()  # pagefind may fail: not after pages were replaced in place
            _stop_if_interrupted()
            # Files written in place are written all, even if Ctrl+C is pressed meanwhile: an
            # output half old and half new would not be what any build made.
            with _uninterrupted(output.in_place):
                with report.step("write"):
                    stored = self._write(output, site, theme, templates, targets, current, texts, made, pages)
                    report.files = len(current)
                    report.written = output.written
                    report.removed = getattr(output, "removed", 0)
                with report.step("cache"):
                    self.parsed.save_versions(versions.computed)
                    self.cache.save(stored, current)
            self._remember(versions, entries, current)
        return report

    def _bodies_for(self, templates: Templates, versions: Versions) -> Bodies:
        """A build's bodies: converted in this run, or by an earlier build (its cache file);
        serve's: those of the organisations it rendered last, kept while the templates (and so
        the settings) stay."""
        if not self._watching:
            bodies = Bodies(store=self.cache)
        else:
            if self._bodies is None or self._bodies[0] is not templates:
                self._bodies = (templates, Bodies(organisations=KEPT_ORGANISATIONS))
            bodies = self._bodies[1]
        bodies.versions = versions
        return bodies

    def _changed_outputs(self, versions: Versions) -> set[str]:
        """The outputs that read a key whose version changed since the last run."""
        assert self._versions is not None
        if self._readers is None:
            self._readers, self._keys_of = {}, {}
            for path, entry in self.cache.entries.items():
                self._add_reader(path, entry.keys)
        previous = self._versions
        changed: set[str] = set()
        # Keys of items that changed, and the keys that belong to no item (config, templates …).
        keys = [key for item in versions.changed_items() for key in self._keys_of.get(item, ())]
        keys += self._keys_of.get("", ())
        for key in keys:
            if versions(key) != previous(key):
                changed |= self._readers.get(key, set())
        return changed

    def _remember(self, versions: Versions, before: dict[str, Entry], now: dict[str, Entry]) -> None:
        """Keep this run's versions, and which outputs read which keys, for the next run."""
        versions.forget_previous()
        self._versions = versions
        if self._readers is None:
            return
        for path, entry in before.items():
            if now.get(path) is not entry:
                for key in entry.keys:
                    self._readers.get(key, set()).discard(path)
        for path, entry in now.items():
            if before.get(path) is not entry:
                self._add_reader(path, entry.keys)

    def _add_reader(self, path: str, keys: tuple[str, ...]) -> None:
        assert self._readers is not None
        for key in keys:
            self._readers.setdefault(key, set()).add(path)
            item = item_of(key)
            self._keys_of.setdefault(item if item != key else "", set()).add(key)

    def _write(self, output: Output, site: Site, theme: Theme, templates: Templates,
               targets: list[Target], current: dict[str, Entry], texts: dict[str, bytes],
               made: dict[str, Entry], pages: dict[str, tuple[str, bool]]) -> dict[str, tuple[Entry, bytes | None]]:
        """Every output into `output`: new texts (unless the output took them as they were
        rendered), and unchanged ones kept, from the cache, or rendered again if neither is
        intact. Returns the entries the cache must store."""
        changed: dict[str, tuple[Entry, bytes | None]] = {}
        renderer: Renderer | None = None
        for target in targets:
            path, entry = target.path, current[target.path]
            if path in made and output.streams:
                continue  # written, and put in the cache, as it was rendered
            data = texts.get(path)
            if data is None and entry.file is not None and output.previous(path) == entry.file:
                kept = output.keep(path)
                if kept is not None:
                    if kept != entry.file:
                        current[path] = replace(entry, file=kept)
                        changed[path] = (current[path], None)
                    continue
            cached = False
            if data is None:
                data = self.cache.text(path)
                cached = data is not None
            if data is None:  # neither the previous file nor the cache has it intact
                renderer = renderer or Renderer(site, templates)
                data = renderer.render(target).text.encode("utf-8")
            current[path] = replace(entry, file=output.put(path, data))
            changed[path] = (current[path], None if cached else data)
        for path, data in _editor_texts(site.config).items():  # the editor's page and settings
            version = text_digest(data)
            previous = self.cache.entries.get(path)
            if _unchanged(output, path, previous, version) and (kept := output.keep(path)) is not None:
                assert previous is not None
                current[path] = replace(previous, file=kept)
            else:
                current[path] = Entry((), version, version, file=output.put(path, data))
            if current[path] != previous:
                changed[path] = (current[path], None)
        for source, path in copies(self.site_dir, site, theme):
            version = _file_version(source)
            previous = self.cache.entries.get(path)
            output.copy(source, path, _unchanged(output, path, previous, version))
            current[path] = Entry((), version, version, file=output.stamp(path))
            if current[path] != previous:
                changed[path] = (current[path], None)
        indexes = {language: self._kept_search_index(output, language, version)
                   for language, (version, _any) in pages.items()}
        # The last build's files, but for indexes made again (search.index_language replaces
        # them whole; until then, readers of an output updated in place still find one).
        remade = tuple(search.bundle_path(language) for language, kept in indexes.items() if kept is None)
        output.settle(path for path in self.cache.entries if not path.startswith(remade))
        for language, entries in indexes.items():
            if entries is None:
                entries = self._new_search_index(output, language, *pages[language])
            for path, entry in entries.items():
                current[path] = entry
                if entry != self.cache.entries.get(path):
                    changed[path] = (entry, None)
        if not output.in_place:
            _stop_if_interrupted()  # the last moment a Ctrl+C can still leave the output as it was
        output.finish()  # on an error, run() discards the output
        return changed

    # A language's search index is made from its pages, so it is the previous build's while
    # they are the same, byte for byte; its files' entries have the digest of the pages as stamp.

    def _previous_index(self, language: str) -> dict[str, Entry]:
        """The cache's entries of the files of a language's last index."""
        bundle = search.bundle_path(language)
        return {path: entry for path, entry in self.cache.entries.items() if path.startswith(bundle)}

    def _remakes_an_index(self, pages: dict[str, tuple[str, bool]]) -> bool:
        """Whether a language's search index must be made again (its pages changed)."""
        for language, (version, _any) in pages.items():
            previous = self._previous_index(language).values()
            if not previous or any(entry.stamp != version for entry in previous):
                return True
        return False

    def _kept_search_index(self, output: Output, language: str, pages: str) -> dict[str, Entry] | None:
        """The previous build's index of a language, carried over, or None: it must be made."""
        previous = self._previous_index(language)
        if not previous or not all(_unchanged(output, path, entry, pages) for path, entry in previous.items()):
            return None
        kept = {path: output.keep(path) for path in previous}
        if any(file is None for file in kept.values()):
            return None
        return {path: replace(entry, file=kept[path]) for path, entry in previous.items()}

    def _new_search_index(self, output: Output, language: str, pages: str, has_pages: bool) -> dict[str, Entry]:
        files = search.index_language(output.folder, language, has_pages)
        output.adopt(files)
        return {path: Entry((), pages, pages, file=output.stamp(path)) for path in files}

    def _translations_for(self, theme: Theme, config: SiteConfig, catalogs: dict[str, str],
                          problems: Problems) -> dict[str, NullTranslations]:
        """Compile the catalogs again only when one of their files changed."""
        key = (theme.path, tuple(sorted(catalogs.items())))
        if self._translations is None or self._translations[0] != key:
            found = Problems()
            self._translations = (key, load_all_translations(theme, config, found), found.items)
        problems.add(self._translations[2])
        return self._translations[1]

    def _templates_for(self, theme: Theme, translations: dict[str, NullTranslations],
                       config: SiteConfig, catalogs: dict[str, str]) -> Templates:
        """Keep the compiled templates while the theme, the catalogs and the settings stay."""
        key = (digest(sorted(theme.templates.items())), digest(sorted(theme.assets.items())),
               tuple(sorted(catalogs.items())), _config_version(config))
        if self._templates is None or self._templates[0] != key:
            self._templates = (key, Templates(theme, translations, config))
        return self._templates[1]


# Ctrl+C raises KeyboardInterrupt wherever the main thread is; but inside the handlers that
# run around a fork (starting render workers), Python prints it as "Exception ignored" and goes
# on. So a build also remembers that it was interrupted, and stops before it publishes.
_interrupted = False
_deferred = False  # while files are written in place: the build finishes first


def _on_interrupt(signum: int, frame: object) -> None:
    global _interrupted
    _interrupted = True
    if not _deferred:
        raise KeyboardInterrupt


@contextmanager
def _uninterrupted(deferred: bool) -> Iterator[None]:
    global _deferred
    before, _deferred = _deferred, deferred
    try:
        yield
    finally:
        _deferred = before


def _stop_if_interrupted() -> None:
    if _interrupted:
        raise KeyboardInterrupt


@contextmanager
def remembering_interrupts() -> Iterator[None]:
    global _interrupted
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _interrupted = False
    previous = signal.signal(signal.SIGINT, _on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def copies(site_dir: Path, site: Site, theme: Theme) -> list[tuple[Path, str]]:
    """Files published as they are: the theme's static files (fingerprinted), media, and the
    browser editor's bundle when site.yaml has `editor:`."""
    files = [(theme.static_dir / name, target) for name, target in theme.assets.items()]
    files += [(site_dir / CONTENT_DIR / o.slug / name, o.media_path(name))
              for o in site.organisations for name in o.media]
    if site.config.editor is not None:
        from .editor.app import published_copies  # (its modules load only for a site that has it)
        files += published_copies(site.config)
    return files


def _editor_texts(config: SiteConfig) -> dict[str, bytes]:
    """The browser editor's page and settings, when site.yaml has `editor:`."""
    if config.editor is None:
        return {}
    from .editor.app import published_texts
    return published_texts(config)


def _file_version(file: Path) -> str:
    info = file.stat()
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}"


def _config_version(config: SiteConfig) -> str:
    return digest(replace(config, root=Path(".")))


def _indexed_pages(language: str, current: dict[str, Entry]) -> tuple[str, bool]:
    """One digest of the pages a language's search index is made from, and whether there are any."""
    pages = sorted((path, entry.digest) for path, entry in current.items()
                   if entry.indexed and path.startswith(f"{language}/"))
    return digest(pages), bool(pages)


def _unchanged(output: Output, path: str, previous: Entry | None, version: str) -> bool:
    """The output's file is the one the cache's entry was written for, from this version of its
    source: it can be carried over as it is."""
    return (previous is not None and previous.stamp == version and previous.file is not None
            and output.previous(path) == previous.file)


def _source_versions(config: SiteConfig, theme: Theme, catalogs: dict[str, str]) -> dict[str, str]:
    """The versions of the keys that come from the theme and the settings, not the content."""
    versions = {"config": _config_version(config)}
    versions.update({f"template:{name}": source for name, (_label, source) in theme.templates.items()})
    versions.update({f"catalog:{code}": value for code, value in catalogs.items()})
    versions.update({f"asset:{name}": path for name, path in theme.assets.items()})
    return versions


def _catalog_version(theme: Theme, site_root: Path, language: str) -> str:
    files = [file for file, _label in catalog_sources(theme, site_root, language)]
    files.append(theme.locales_dir / "messages.pot")
    return digest([(str(f), f.read_bytes()) if f.is_file() else None for f in files])


# -- rendering in parallel ----------------------------------------------------------------------

# Outputs per worker task: large enough that sending work and results costs little.
_CHUNK = 64


def render_targets(renderer: Renderer, targets: list[Target], jobs: int | None = None) -> Iterator[Rendered]:
    """Render targets, in order, in forked worker processes when there are many; yields each
    as it is made. Workers inherit the loaded site, the templates and the targets through fork,
    are sent only the numbers of the targets to render, and send back what they made."""
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(targets) < 2 * _CHUNK or not hasattr(os, "fork"):
        for target in targets:
            yield renderer.render(target)
        return
    renderer.templates.compile_all()  # inherited by the workers (see there)
    global _worker
    _worker = (renderer, targets)
    chunks = _chunks(targets)
    try:
        import multiprocessing  # here: a build that renders a few outputs does without them
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            for chunk, (results, bodies) in zip(chunks, pool.map(_render_chunk, chunks), strict=True):
                renderer.bodies.fresh.extend(bodies)  # for the process that keeps them
                for index, made in zip(chunk, results, strict=True):
                    yield Rendered(targets[index], *made)
    finally:
        _worker = None


def _chunks(targets: list[Target]) -> list[range]:
    """The targets in runs of about _CHUNK, each ending where an organisation's outputs end:
    its printable handbooks take the bodies its pages' outputs converted, which a worker has
    only if it rendered them (split across two workers, a sixth of the bodies were converted
    twice). An organisation larger than four chunks is split all the same."""
    chunks: list[range] = []
    start = 0
    for index in range(1, len(targets) + 1):
        size = index - start
        if index == len(targets) or size >= 4 * _CHUNK or \
                (size >= _CHUNK and _organisation_of(targets[index]) != _organisation_of(targets[index - 1])):
            chunks.append(range(start, index))
            start = index
    return chunks


def _organisation_of(target: Target) -> str | None:
    """The organisation whose page bodies a target shows, if any."""
    if isinstance(target, PageOutput):
        return target.page.organisation
    if isinstance(target, PrintedHandbook):
        return target.organisation
    return None


_worker: tuple[Renderer, list[Target]] | None = None


def _render_chunk(indices: range) -> tuple[list[tuple], list[tuple[str, Kept]]]:
    assert _worker is not None
    renderer, targets = _worker
    made = []
    for index in indices:
        result = renderer.render(targets[index])
        made.append((result.text, result.problems, result.reads, result.anchors, result.ids))
    return made, renderer.bodies.take_fresh()
