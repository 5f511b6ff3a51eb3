"""Benchmark: full builds of the example site and of generated sites of many pages.

    python bench/build.py [--pages 1000 5000] [--repeat 3]

Prints the best wall time of each build and its throughput. Not a test: figures vary by machine.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from handbook.build import build

REPO = Path(__file__).resolve().parent.parent
PARAGRAPH = ("Vår vision ska på ett pedagogiskt och enkelt sätt fånga det som i vardagen gör att vi "
             "levererar en offentlig service med hög kvalitet. Mötet är själva själen i allt vi gör, "
             "och *kunskap* och **omtanke** är ledstjärnor som vägleder mötet. ")


def generated_site(root: Path, pages: int, per_organisation: int = 20) -> Path:
    """A site of `pages` pages of about 750 words each, spread over organisations."""
    root.mkdir(parents=True)
    (root / "site.yaml").write_text(
        "title: {sv: Handbok, da: Håndbog, cs: Příručka, en: Handbook}\n"
        "base_url: https://handbook.example/\nlanguages: [sv, da, cs, en]\ndefault_language: sv\n",
        encoding="utf-8")
    body = "\n\n".join(f"## Avsnitt {i}\n\n" + PARAGRAPH * 4 for i in range(1, 6))  # ~750 words
    for number in range(pages):
        organisation = root / "content" / f"org-{number // per_organisation:04d}"
        if not organisation.exists():
            organisation.mkdir(parents=True)
            (organisation / "organisation.yaml").write_text(
                f"name: Organisation {number // per_organisation}\nlanguage: sv\ncountry: SE\n", encoding="utf-8")
        index = number % per_organisation
        if index == 0:
            text = "---\ntitle: Vår vision\nstatement: Alltid bästa möjliga möte\n---\n"
            name = "vision.md"
        elif index == 1:
            text = ("---\ntitle: Värdegrund\nvalues:\n  - {name: Kunskap, description: Att lära.}\n"
                    "  - {name: Omtanke, description: Att bry sig.}\n---\n")
            name = "values.md"
        else:
            text = f"---\ntitle: Artikel {index}\ndate: 2024-01-{index % 28 + 1:02d}\n---\n"
            name = f"artikel-{index}.md"
        (organisation / name).write_text(text + body, encoding="utf-8")
    return root


def example_site(root: Path) -> Path:
    """A copy of the bundled example site."""
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    return root


def measure(site: Path, out: Path, repeat: int) -> tuple[float, int, float]:
    best, pages = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        report = build(site, out)
        best = min(best, time.perf_counter() - start)
        pages = report.pages
    tracemalloc.start()
    build(site, out)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return best, pages, peak


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, nargs="*", default=[1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        example = example_site(temp / "example")
        rows = [("example", *measure(example, temp / "out-example", args.repeat))]
        for pages in args.pages:
            site = generated_site(temp / f"site-{pages}", pages)
            rows.append((f"{pages} sources", *measure(site, temp / f"out-{pages}", args.repeat)))
    print(f"{'site':<16}{'pages out':>10}{'best s':>10}{'pages/s':>10}{'peak MiB':>10}")
    for name, seconds, pages, peak in rows:
        print(f"{name:<16}{pages:>10}{seconds:>10.2f}{pages / seconds:>10.0f}{peak:>10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
