"""Rebuild only what a change affects, for `handbook serve`.

Every output file is recorded with the dependency keys it was rendered from and each key's
version (a digest) at the time. After an edit the sources are loaded again (unchanged files
come from a cache), the keys' versions are computed anew, and only outputs with a changed key
are rendered. Files whose text did not change are not rewritten; outputs that no longer exist
are deleted. The result is the same, byte for byte, as a clean build.

Keys, and what changes them:
    config               site.yaml (or --base-url)
    static               the theme's static files (their fingerprints)
    template:<name>      one template's source
    catalog:<lang>       a language's .po files (theme and site) and the theme's messages.pot
    orgs                 which organisations there are
    org:<slug>           an organisation.yaml
    pages:<slug>         which pages and media files an organisation has
    meta:<slug>          an organisation's pages' front matter and file names: what listings,
                         switchers and links show
    body:<file>          a page's Markdown body
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from collections.abc import Callable, Iterable, Mapping

from jinja2 import meta
from babel.support import NullTranslations

from .build import copies as copies_of, render_targets
from .config import load_config
from .content import PageCache, load_site
from .errors import Problem, Problems
from .model import Site
from .links import Anchor, check_anchors
from .output import remove_file, write_file
from .render import Renderer, Target
from .theme import Theme, catalog_sources, load_all_translations, load_theme, make_environment

TEMPLATE_OF = {"root": "root.html", "home": "home.html", "404": "404.html",
               "organisation": "organisation.html"}


def digest(value: object) -> str:
    data = value if isinstance(value, bytes) else repr(value).encode("utf-8")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class Record:
    """How an output was last made: its keys' versions, its text's digest, its problems."""

    versions: dict[str, str]
    text: str  # digest of the output's text
    problems: list[Problem] = field(default_factory=list)
    source: str = ""  # the Markdown file of a page, where its anchor problems are reported
    anchors: tuple[Anchor, ...] = ()
    ids: frozenset[str] = frozenset()


class Graph:
    """The dependency graph: which key versions each output was rendered from."""

    def __init__(self) -> None:
        self.records: dict[str, Record] = {}

    def is_dirty(self, output: str, versions: Mapping[str, str], keys: Iterable[str]) -> bool:
        """Never rendered, or rendered from other keys or other versions of them than now."""
        record = self.records.get(output)
        if record is None:
            return True
        wanted = set(keys) | set(record.versions)
        return any(record.versions.get(key) != versions.get(key) for key in wanted)


def dependency_versions(site: Site, template_sources: Mapping[str, str],
                        catalogs: Mapping[str, str], assets: Mapping[str, str]) -> dict[str, str]:
    versions = {"config": digest(site.config), "static": digest(sorted(assets.items())),
                "orgs": digest([o.slug for o in site.organisations])}
    versions.update({f"template:{name}": digest(source) for name, source in template_sources.items()})
    versions.update({f"catalog:{code}": value for code, value in catalogs.items()})
    for organisation in site.organisations:
        versions[f"org:{organisation.slug}"] = digest(replace(organisation, pages=(), media=()))
        versions[f"pages:{organisation.slug}"] = digest(([p.file for p in organisation.pages],
                                                          organisation.media))
        # Everything listings and switchers show of the organisation's pages, bodies aside.
        versions[f"meta:{organisation.slug}"] = digest([replace(p, body="") for p in organisation.pages])
        for page in organisation.pages:
            versions[f"body:{page.file}"] = digest(page.body)
    return versions


def _organisation_keys(site: Site, slug: str) -> set[str]:
    organisation = site.find_organisation(slug)
    if organisation is None:
        return {"orgs"}
    return {"orgs", f"org:{slug}", f"pages:{slug}", f"meta:{slug}"}


def target_keys(target: Target, site: Site, closure: Callable[[str], set[str]],
                linked: Iterable[str] = ()) -> set[str]:
    """The keys an output depends on, from what its template shows."""
    keys = {"config"}
    if target.kind in ("sitemap", "robots"):
        if target.kind == "sitemap":
            for organisation in site.organisations:
                keys |= _organisation_keys(site, organisation.slug)
        return keys
    template = f"{target.page.kind}.html" if target.kind == "page" else TEMPLATE_OF[target.kind]
    keys |= {"static", f"catalog:{target.language}"}
    keys |= {f"template:{name}" for name in closure(template)}
    if target.kind == "home":
        for organisation in site.organisations:
            keys |= _organisation_keys(site, organisation.slug)
    elif target.kind == "organisation":
        keys |= _organisation_keys(site, target.organisation)
    elif target.kind == "page":
        keys |= _organisation_keys(site, target.organisation) | {f"body:{target.page.file}"}
        for slug in linked:
            keys |= _organisation_keys(site, slug)
    return keys


class TemplateIndex:
    """Template sources (a site's templates/ first) and which templates each one uses."""

    def __init__(self, theme: Theme):
        self.environment = make_environment(theme, NullTranslations())
        self.sources: dict[str, str] = {}
        for name in sorted(self.environment.list_templates()):
            self.sources[name] = self.environment.loader.get_source(self.environment, name)[0]
        self._closures: dict[str, set[str]] = {}

    def closure(self, name: str) -> set[str]:
        if name not in self._closures:
            seen: set[str] = set()
            pending = [name]
            while pending:
                current = pending.pop()
                if current in seen or current not in self.sources:
                    continue
                seen.add(current)
                try:
                    referenced = meta.find_referenced_templates(self.environment.parse(self.sources[current]))
                    for child in referenced:
                        # A name computed at render time could be any template.
                        pending.extend(self.sources if child is None else [child])
                except Exception:  # noqa: BLE001 - a syntax error: the render will report it
                    pending.extend(self.sources)
            self._closures[name] = seen
        return self._closures[name]


@dataclass
class RebuildReport:
    rendered: int = 0
    written: int = 0
    removed: int = 0
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)


class IncrementalBuilder:
    """Keeps an output directory up to date with a site, rendering only what changed."""

    def __init__(self, site_dir: Path, out_dir: Path, base_url: str | None = None):
        self.site_dir = site_dir
        self.out_dir = out_dir
        self.base_url = base_url
        self.graph = Graph()
        self.cache = PageCache()
        self.copied: dict[str, str] = {}  # output path → digest of the copied source
        self._renderer: Renderer | None = None
        self._renderer_version = ""
        self.last_rendered: list[str] = []  # outputs the last successful rebuild rendered
        self._templates: TemplateIndex | None = None
        self._catalog_key: tuple = ()
        self._catalog_problems: list[Problem] = []
        self._translations: dict = {}

    def rebuild(self) -> RebuildReport:
        """Bring the output up to date; on errors raise HandbookError and change nothing."""
        start = time.perf_counter()
        report = RebuildReport()
        problems = Problems()
        config = load_config(self.site_dir, self.base_url)
        site = load_site(config, problems, self.cache)
        theme = load_theme(config)
        catalogs = {code: _catalog_version(theme, config.root, code) for code in config.languages}
        translations = self._translations_for(theme, config, catalogs, problems)
        problems.raise_if_errors()

        templates = TemplateIndex(theme)
        if self._templates is not None and self._templates.sources == templates.sources:
            templates = self._templates  # keeps the parsed closures
        self._templates = templates
        versions = dependency_versions(site, templates.sources, catalogs, theme.assets)
        renderer = self._renderer_for(site, theme, translations, problems, versions)

        records: dict[str, Record] = {}
        dirty = []
        for target in renderer.targets():
            previous = self.graph.records.get(target.path)
            keys = target_keys(target, site, templates.closure)
            if previous is not None and not self.graph.is_dirty(target.path, versions, keys):
                records[target.path] = previous
                problems.add(previous.problems)
            else:
                dirty.append(target)
        texts: dict[str, str] = {}
        for result in render_targets(renderer, dirty):
            target = result.target
            keys = target_keys(target, site, templates.closure, result.linked)
            records[target.path] = Record({key: versions.get(key, "") for key in keys},
                                          digest(result.text), list(result.problems),
                                          target.page.file if target.page else "", result.anchors,
                                          result.ids)
            texts[target.path] = result.text
            problems.add(result.problems)
        report.rendered = len(texts)
        check_anchors(((r.source, r.anchors) for r in records.values() if r.anchors),
                      {path: r.ids for path, r in records.items()}, problems)
        problems.raise_if_errors()

        copies = {target: source for source, target in copies_of(self.site_dir, site, theme)}
        report.written, report.removed = self._write(records, texts, copies)
        self.graph.records = records
        self.last_rendered = list(texts)
        report.warnings = problems.warnings
        report.seconds = time.perf_counter() - start
        return report

    def _translations_for(self, theme: Theme, config, catalogs: Mapping[str, str],
                          problems: Problems) -> dict:
        """Compile the catalogs again only when one of their files changed."""
        key = (theme.path, tuple(sorted(catalogs.items())))
        if key != self._catalog_key:
            found = Problems()
            self._translations = load_all_translations(theme, config, found)
            self._catalog_problems, self._catalog_key = found.items, key
        problems.add(self._catalog_problems)
        return self._translations

    def _renderer_for(self, site: Site, theme: Theme, translations, problems: Problems,
                      versions: Mapping[str, str]) -> Renderer:
        """Reuse the renderer (its compiled templates) unless templates, catalogs or config changed."""
        version = digest(sorted((k, v) for k, v in versions.items()
                                if k.split(":")[0] in ("config", "static", "template", "catalog")))
        if self._renderer is None or version != self._renderer_version:
            self._renderer = Renderer(site, theme, translations, problems)
            self._renderer_version = version
        else:
            self._renderer.site = site
        return self._renderer

    def _write(self, records: Mapping[str, Record], texts: Mapping[str, str],
               copies: Mapping[str, Path]) -> tuple[int, int]:
        written = removed = 0
        for path, text in texts.items():
            previous = self.graph.records.get(path)
            if previous is None or previous.text != records[path].text or not (self.out_dir / path).is_file():
                write_file(self.out_dir / path, text.encode("utf-8"))
                written += 1
        copied = {}
        for path, source in copies.items():
            data = source.read_bytes()
            copied[path] = digest(data)
            if self.copied.get(path) != copied[path] or not (self.out_dir / path).is_file():
                write_file(self.out_dir / path, data)
                written += 1
        stale = (set(self.graph.records) | set(self.copied)) - set(records) - set(copied)
        for path in sorted(stale):
            remove_file(self.out_dir, path)
            removed += 1
        self.copied = copied
        return written, removed


def _catalog_version(theme: Theme, site_root: Path, language: str) -> str:
    files = [file for file, _label in catalog_sources(theme, site_root, language)]
    files.append(theme.locales_dir / "messages.pot")
    return digest([(str(f), f.read_bytes()) if f.is_file() else None for f in files])


_WATCHED = ("site.yaml", "content", "templates", "locales", "themes")


def source_snapshot(site_dir: Path, extra: Iterable[Path] = ()) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every source file of a site: what `serve` watches.
    Hidden files and editors' temporary files are left out."""
    snapshot = {}
    roots = [site_dir / name for name in _WATCHED] + list(extra)
    for root in roots:
        files = [root] if root.is_file() else (root.rglob("*") if root.is_dir() else [])
        for file in files:
            name = file.name
            if name.startswith((".", "#")) or name.endswith(("~", ".swp", ".tmp")) or not file.is_file():
                continue
            try:
                stat = file.stat()
            except OSError:
                continue
            snapshot[str(file)] = (stat.st_mtime_ns, stat.st_size)
    return snapshot
