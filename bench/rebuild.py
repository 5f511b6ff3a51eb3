"""Benchmark: edit-to-rebuilt time of `handbook serve`'s runs of the pipeline.

    python bench/rebuild.py [--pages 5000] [--edits 10]

For the example site and a generated site, it reports the first build and the median time from
saving an edit to the rebuilt output on disk, for a body edit, a title edit and a template edit.
The time is measured from just after the save to the end of the rebuild. `serve` adds to it the
file event's settling time (40 ms) and, for the browser, a quiet 100 ms before the reload.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from compare import REPO, handbook_site
from handbook.output import LiveFolder
from handbook.pipeline import Pipeline
from handbook.report import BuildReport
from handbook.theme import BUNDLED_THEMES


def example_site(root: Path) -> Path:
    """A copy of the bundled example site."""
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    return root


class Builder:
    """What `handbook serve` keeps: one pipeline and its live folder."""

    def __init__(self, site: Path, out: Path):
        self.pipeline = Pipeline(site, base_url="http://127.0.0.1:8000/", watching=True)
        self.live = LiveFolder(out)

    def rebuild(self, changed: set[Path] | None = None) -> BuildReport:
        return self.pipeline.run(self.live, changed=changed)


def timed_edits(builder: Builder, file: Path, old: str, make_new, edits: int) -> tuple[float, int]:
    times, rendered = [], 0
    text = file.read_text(encoding="utf-8")
    for number in range(edits):
        file.write_text(text.replace(old, make_new(number), 1), encoding="utf-8")
        start = time.perf_counter()
        report = builder.rebuild({file.resolve()})  # as serve's file events name it
        times.append(time.perf_counter() - start)
        rendered = report.rendered
    file.write_text(text, encoding="utf-8")
    builder.rebuild()
    return statistics.median(times), rendered


def measure(name: str, site: Path, body_file: Path, body_old: str, title_old: str, edits: int) -> list[str]:
    out = site.parent / f"serve-{name}"
    builder = Builder(site.resolve(), out)
    start = time.perf_counter()
    first = builder.rebuild()
    first_seconds = time.perf_counter() - start
    rows = [f"{name:<14}{'first build':<16}{first.rendered:>9}{first_seconds * 1000:>10.0f}"]
    seconds, rendered = timed_edits(builder, body_file, body_old, lambda n: f"{body_old} {n}", edits)
    rows.append(f"{name:<14}{'body edit':<16}{rendered:>9}{seconds * 1000:>10.0f}")
    seconds, rendered = timed_edits(builder, body_file, title_old, lambda n: f"{title_old} {n}", edits)
    rows.append(f"{name:<14}{'title edit':<16}{rendered:>9}{seconds * 1000:>10.0f}")
    (site / "templates").mkdir(exist_ok=True)
    template = site / "templates" / "vision.html"
    shutil.copy(BUNDLED_THEMES / "default" / "templates" / "vision.html", template)
    builder.rebuild()
    seconds, rendered = timed_edits(builder, template, 'class="statement"',
                                    lambda n: f'class="statement s{n}"', edits)
    rows.append(f"{name:<14}{'template edit':<16}{rendered:>9}{seconds * 1000:>10.0f}")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        example = example_site(temp / "example")
        rows = measure("example", example, example / "content/proaros/values.md",
                       "Våra ledstjärnor är", "title: Våra ledstjärnor", args.edits)
        generated = handbook_site(temp / "generated", args.pages)
        rows += measure(f"{args.pages} pages", generated, generated / "content/org-0000/artikel-5.md",
                        "## Avsnitt 1", "title: Artikel 5", args.edits)
    print(f"{'site':<14}{'change':<16}{'rendered':>9}{'ms':>10}")
    print("\n".join(rows))
    print("(median of", args.edits, "edits; ms from save to rebuilt output)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
