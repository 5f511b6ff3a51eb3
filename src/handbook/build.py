"""The build pipeline in one function: config → content → theme → catalogs → render → write."""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterator

from .config import load_config
from .content import CONTENT_DIR, load_site
from .errors import Problem, Problems
from .output import check_output_dir, write_site
from .links import Anchor, check_anchors, ids_of
from .model import Site
from .render import Renderer, Target
from .theme import Theme, load_all_translations, load_theme


@dataclass
class BuildReport:
    """What a build did: files written, warnings, and how long each step took."""

    pages: int = 0
    files: int = 0
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.timings[name] = time.perf_counter() - start

    @property
    def seconds(self) -> float:
        return sum(self.timings.values())


def build(site_dir: Path, out_dir: Path | None = None, *, base_url: str | None = None,
          strict: bool = False, write: bool = True, jobs: int | None = None) -> BuildReport:
    """Build the site in `site_dir` into `out_dir` (default: site_dir/build).

    Raises HandbookError listing every problem found; then nothing is written and the
    previous output is left exactly as it was. With `write=False` it only checks.
    `jobs` processes render the pages (default: one per core).
    """
    report = BuildReport()
    problems = Problems()
    out = out_dir if out_dir is not None else site_dir / "build"

    with report.step("config"):
        config = load_config(site_dir, base_url)
        if write:
            check_output_dir(out, site_dir)
    with report.step("content"):
        site = load_site(config, problems)
    with report.step("theme"):
        theme = load_theme(config)
        translations = load_all_translations(theme, config, problems)
    problems.raise_if_errors()

    with report.step("render"):
        renderer = Renderer(site, theme, translations, problems)
        files = render_all(renderer, jobs)
    problems.raise_if_errors(strict)

    report.pages = sum(1 for path, _ in files if path.endswith(".html"))
    report.warnings = problems.warnings
    if write:
        with report.step("write"):
            report.files = write_site(out, files, copies(site_dir, site, theme))
    return report


def copies(site_dir: Path, site: Site, theme: Theme) -> list[tuple[Path, str]]:
    """Files published as they are: the theme's static files (fingerprinted) and media."""
    files = [(theme.static_dir / name, target) for name, target in theme.assets.items()]
    files += [(site_dir / CONTENT_DIR / o.slug / name, o.media_path(name))
              for o in site.organisations for name in o.media]
    return files


# Pages per worker task: large enough that sending work and results costs little.
_CHUNK = 64
_worker_renderer: Renderer | None = None


@dataclass(frozen=True)
class Rendered:
    """One rendered output, the organisations it links to, and the problems found in it."""

    target: Target
    text: str
    linked: frozenset[str]
    problems: tuple[Problem, ...]
    anchors: tuple[Anchor, ...] = ()
    ids: frozenset[str] = frozenset()


def render_all(renderer: Renderer, jobs: int | None = None) -> list[tuple[str, str]]:
    """Every output of the site as (path, text); problems go to the renderer's collector."""
    results = render_targets(renderer, renderer.targets(), jobs)
    for result in results:
        renderer.problems.add(result.problems)
    check_anchors(((r.target.page.file, r.anchors) for r in results if r.anchors),
                  {r.target.path: r.ids for r in results}, renderer.problems)
    return [(result.target.path, result.text) for result in results]


def render_targets(renderer: Renderer, targets: list[Target], jobs: int | None = None) -> list[Rendered]:
    """Render targets in order, the Markdown pages in forked worker processes when there are many.

    Workers inherit the loaded site and theme through fork and send back their results.
    """
    pages = [t for t in targets if t.kind == "page"]
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(pages) < 2 * _CHUNK or "fork" not in mp.get_all_start_methods():
        return [_render_one(renderer, target) for target in targets]
    global _worker_renderer
    _worker_renderer = renderer
    chunks = [pages[i:i + _CHUNK] for i in range(0, len(pages), _CHUNK)]
    try:
        with ProcessPoolExecutor(jobs, mp_context=mp.get_context("fork")) as pool:
            done = {r.target.path: r for chunk in pool.map(_render_chunk, chunks) for r in chunk}
    finally:
        _worker_renderer = None
    return [done[t.path] if t.kind == "page" else _render_one(renderer, t) for t in targets]


def _render_one(renderer: Renderer, target: Target) -> Rendered:
    collected, renderer.problems = renderer.problems, Problems()
    try:
        text = renderer.render(target)
        return Rendered(target, text, frozenset(renderer.linked), tuple(renderer.problems.items),
                        tuple(renderer.anchors), ids_of(text))
    finally:
        renderer.problems = collected


def _render_chunk(targets: list[Target]) -> list[Rendered]:
    assert _worker_renderer is not None
    return [_render_one(_worker_renderer, target) for target in targets]
