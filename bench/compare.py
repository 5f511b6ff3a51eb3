"""Benchmark: handbook against Pelican and Hugo on the same generated corpus, in one interleaved run.

    python bench/compare.py --peers .bench-venv [--pages 1000 5000 20000] [--repeat 3] [--profile]

Every tool builds the same pages (about 750 words each, in Swedish, Danish and Czech, 20 pages
per organisation or section) as a separate process, timed by GNU time (wall seconds and the
peak RSS of the largest process). Rounds are interleaved (handbook, Pelican, Hugo, handbook, …)
so that a noisy machine slows all of them alike; the table gives medians and the ratios the
targets are stated in:

    cold        handbook with an empty cache        ≤ 0.4 × Pelican
    unchanged   a second build, warm cache          ≤ 0.5 × Hugo cold
    ci          warm cache, empty output folder     (a CI run with a restored cache)
    +search     what the search index adds to a cold build (the peers make none, so the rounds
                above build with `search: false`), and the size of the indexes
    one edit    one paragraph changed, warm cache   ≤ 1.0 × Hugo cold
    linear      ms per page at the largest size within 1.2 × ms per page at 5,000

`--profile` adds a cProfile of handbook's cold build at the smallest size (one process, so that
the profile sees all the work).
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import io
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HANDBOOK = [sys.executable, "-m", "handbook"]

PARAGRAPHS = {
    "sv": ("Vår vision ska på ett pedagogiskt och enkelt sätt fånga det som i vardagen gör att vi "
           "levererar en offentlig service med hög kvalitet. Mötet är själva själen i allt vi gör, "
           "och *kunskap* och **omtanke** är ledstjärnor som vägleder mötet. "),
    "da": ("Vores vision er at skabe et godt møde med borgeren, hvor viden og omsorg går hånd i "
           "hånd. Vi arbejder sammen på tværs af faggrupper, og vi måler løbende, om vores "
           "*indsatser* gør en **forskel** for de mennesker, vi er til for. "),
    "cs": ("Naší vizí je kvalitní služba pro každého klienta. Pracujeme s respektem, otevřeně a v "
           "souladu s nejlepší praxí, a společně hledáme cesty, jak *zlepšit* život lidí v našem "
           "**okolí** a jak podpořit jejich samostatnost. "),
}
LANGUAGES = ("sv", "da", "cs")
PER_ORGANISATION = 20


def body(language: str, number: int) -> str:
    """About 750 words: five sections of four paragraphs, with a link and a list."""
    paragraph = PARAGRAPHS[language]
    sections = [f"## Avsnitt {i}\n\n" + (paragraph * 4).strip() + f" Sida {number}." for i in range(1, 6)]
    return "\n\n".join(sections) + "\n\n- ett\n- två\n- tre\n"


def pages(count: int):
    """(organisation, language, page number within it, global number) for each page."""
    for number in range(count):
        organisation = number // PER_ORGANISATION
        yield organisation, LANGUAGES[organisation % 3], number % PER_ORGANISATION, number


def handbook_site(root: Path, count: int) -> Path:
    (root / "site.yaml").parent.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(
        "title: {sv: Handbok, da: Håndbog, cs: Příručka}\nbase_url: https://handbook.example/\n"
        "languages: [sv, da, cs]\ndefault_language: sv\nsearch: false\n", encoding="utf-8")
    for organisation, language, index, number in pages(count):
        folder = root / "content" / f"org-{organisation:04d}"
        if index == 0:
            folder.mkdir(parents=True)
            (folder / "organisation.yaml").write_text(
                f"name: Organisation {organisation}\nlanguage: {language}\n", encoding="utf-8")
        if index == 0:
            name, front = "vision.md", "title: Vision\nstatement: Alltid bästa möjliga möte\n"
        elif index == 1:
            name, front = "values.md", ("title: Värdegrund\nvalues:\n  - {name: Kunskap, description: Att lära.}\n"
                                        "  - {name: Omtanke, description: Att bry sig.}\n")
        else:
            name, front = f"artikel-{index}.md", f"title: Artikel {index}\ndate: 2024-01-{index % 28 + 1:02d}\n"
        (folder / name).write_text(f"---\n{front}---\n{body(language, number)}", encoding="utf-8")
    return root


def pelican_site(root: Path, count: int) -> Path:
    content = root / "content"
    content.mkdir(parents=True)
    settings = ["SITENAME = 'Handbok'", "SITEURL = ''", "PATH = 'content'", "TIMEZONE = 'Europe/Stockholm'",
                "DEFAULT_LANG = 'sv'", "FEED_ALL_ATOM = None", "CATEGORY_FEED_ATOM = None",
                "TRANSLATION_FEED_ATOM = None", "AUTHOR_FEED_ATOM = None", "AUTHOR_FEED_RSS = None",
                "DEFAULT_PAGINATION = 20", "LOAD_CONTENT_CACHE = False"]
    (root / "pelicanconf.py").write_text("\n".join(settings) + "\n", encoding="utf-8")
    for organisation, language, index, number in pages(count):
        (content / f"page-{number:05d}.md").write_text(
            f"Title: Sida {number}\nDate: 2024-01-{index % 28 + 1:02d}\n"
            f"Category: org-{organisation:04d}\nSlug: page-{number:05d}\nLang: {language}\n\n"
            f"{body(language, number)}", encoding="utf-8")
    return root


HUGO_SINGLE = """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }} – {{ .Site.Title }}</title></head>
<body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></header>
<main><h1>{{ .Title }}</h1>{{ .Content }}</main>
<nav><ul>{{ range first 12 .CurrentSection.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
</body></html>
"""
HUGO_LIST = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
"""


def hugo_site(root: Path, count: int) -> Path:
    (root / "layouts/_default").mkdir(parents=True)
    (root / "layouts/_default/single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (root / "layouts/_default/list.html").write_text(HUGO_LIST, encoding="utf-8")
    (root / "hugo.toml").write_text("baseURL = 'https://handbook.example/'\ntitle = 'Handbok'\n"
                                    "languageCode = 'sv'\ndisableKinds = ['taxonomy', 'term', 'RSS']\n",
                                    encoding="utf-8")
    for organisation, language, index, number in pages(count):
        folder = root / "content" / f"org-{organisation:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page-{number:05d}.md").write_text(
            f"---\ntitle: Sida {number}\ndate: 2024-01-{index % 28 + 1:02d}\n---\n{body(language, number)}",
            encoding="utf-8")
    return root


@dataclass
class Sample:
    seconds: float
    peak_mb: float


def timed(command: list[str], cwd: Path, user_cache: Path | None = None) -> Sample:
    """Run a command under GNU time; handbook's with `user_cache` as its user's cache folder."""
    env = None if user_cache is None else {**os.environ, "XDG_CACHE_HOME": str(user_cache)}
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M", *command], cwd=cwd, capture_output=True, text=True,
                            check=False, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    seconds, kilobytes = result.stderr.strip().splitlines()[-1].split()
    return Sample(float(seconds), int(kilobytes) / 1024)


class Tools:
    def __init__(self, peers: Path, scratch: Path):
        # handbook's user cache (compiled catalogs and templates, usercache.py): empty for every
        # cold build, kept between the others, as on an editor's computer.
        self.user_cache = scratch / "user-cache"
        self.pelican = [str(peers / "bin" / "pelican")]
        binary = next(peers.glob("lib/python*/site-packages/hugo/binaries/hugo"), None)
        self.hugo = [str(binary)] if binary else [str(peers / "bin" / "hugo")]

    def handbook_cold(self, site: Path) -> Sample:
        shutil.rmtree(site / ".cache", ignore_errors=True)
        shutil.rmtree(site / "build", ignore_errors=True)
        shutil.rmtree(self.user_cache, ignore_errors=True)
        return timed([*HANDBOOK, "build", "."], site, self.user_cache)

    def handbook_search(self, site: Path) -> tuple[Sample, int]:
        """A cold build with the search index (the peers make none, so the other rounds do
        not either), and the size of the indexes in bytes."""
        settings = site / "site.yaml"
        text = settings.read_text(encoding="utf-8")
        settings.write_text(text.replace("search: false", "search: true"), encoding="utf-8")
        try:
            shutil.rmtree(site / ".cache", ignore_errors=True)
            out = site / "build-search"
            shutil.rmtree(out, ignore_errors=True)
            sample = timed([*HANDBOOK, "build", "--no-cache", "--out", str(out), "."], site, self.user_cache)
            size = sum(f.stat().st_size for f in out.glob("*/pagefind/**/*") if f.is_file())
            shutil.rmtree(out)
            return sample, size
        finally:
            settings.write_text(text, encoding="utf-8")

    def handbook_unchanged(self, site: Path) -> Sample:
        return timed([*HANDBOOK, "build", "."], site, self.user_cache)

    def handbook_ci(self, site: Path) -> Sample:
        shutil.rmtree(site / "build", ignore_errors=True)
        return timed([*HANDBOOK, "build", "."], site, self.user_cache)

    def handbook_edit(self, site: Path, round_number: int) -> Sample:
        page = next((site / "content").glob("org-0000/artikel-5.md"))
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("Sida", f"Sida ({round_number})", 1), encoding="utf-8")
        return timed([*HANDBOOK, "build", "."], site, self.user_cache)

    def pelican_cold(self, site: Path) -> Sample:
        shutil.rmtree(site / "output", ignore_errors=True)
        return timed([*self.pelican, "content", "-o", "output", "-s", "pelicanconf.py", "-q"], site)

    def hugo_cold(self, site: Path) -> Sample:
        shutil.rmtree(site / "public", ignore_errors=True)
        shutil.rmtree(site / "resources", ignore_errors=True)
        return timed([*self.hugo, "--quiet", "--noBuildLock", "-s", str(site), "-d", str(site / "public")], site)


def profile_cold_build(site: Path) -> str:
    from handbook.build import build
    shutil.rmtree(site / ".cache", ignore_errors=True)
    profiler = cProfile.Profile()
    profiler.enable()
    build(site, site / "build-profile", use_cache=False, jobs=1)
    profiler.disable()
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(35)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--peers", type=Path, required=True, help="a venv with pelican and hugo")
    parser.add_argument("--pages", type=int, nargs="*", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    # handbook's modules as an installed package has them, compiled (pip compiles a package's
    # bytecode when it installs it, so the peers' is; an editable install's is not).
    compileall.compile_dir(REPO / "src" / "handbook", quiet=1)
    rows = []
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as temp:
        tools = Tools(args.peers.resolve(), Path(temp))
        for count in args.pages:
            base = Path(temp) / str(count)
            ours = handbook_site(base / "handbook", count)
            pelican = pelican_site(base / "pelican", count)
            hugo = hugo_site(base / "hugo", count)
            samples: dict[str, list[Sample]] = {k: [] for k in
                                                ("cold", "unchanged", "ci", "edit", "pelican", "hugo", "search")}
            index_bytes = 0
            for round_number in range(args.repeat):
                samples["cold"].append(tools.handbook_cold(ours))
                samples["pelican"].append(tools.pelican_cold(pelican))
                samples["unchanged"].append(tools.handbook_unchanged(ours))
                samples["hugo"].append(tools.hugo_cold(hugo))
                samples["edit"].append(tools.handbook_edit(ours, round_number))
                samples["ci"].append(tools.handbook_ci(ours))
                sample, index_bytes = tools.handbook_search(ours)
                samples["search"].append(sample)
                print(f"  {count} pages, round {round_number + 1} of {args.repeat} done", file=sys.stderr)
            medians = {k: statistics.median(s.seconds for s in v) for k, v in samples.items()}
            peaks = {k: max(s.peak_mb for s in v) for k, v in samples.items()}
            rows.append((count, medians, peaks, index_bytes))
            if args.profile and count == min(args.pages):
                print(profile_cold_build(ours))
            shutil.rmtree(base)

    print(f"\n{'pages':>7} {'cold':>7} {'unchanged':>9} {'ci':>6} {'one edit':>8} {'Pelican':>8} {'Hugo':>6}"
          f" {'cold/Pel':>8} {'unch/Hugo':>9} {'edit/Hugo':>9} {'ms/page':>8} {'peak MB':>8}"
          f" {'+search s':>9} {'index MB':>8}")
    per_page = {}
    for count, m, peaks, index_bytes in rows:
        per_page[count] = m["cold"] / count * 1000
        print(f"{count:>7} {m['cold']:>7.2f} {m['unchanged']:>9.2f} {m['ci']:>6.2f} {m['edit']:>8.2f}"
              f" {m['pelican']:>8.2f} {m['hugo']:>6.2f} {m['cold'] / m['pelican']:>8.2f}"
              f" {m['unchanged'] / m['hugo']:>9.2f} {m['edit'] / m['hugo']:>9.2f} {per_page[count]:>8.2f}"
              f" {max(peaks['cold'], peaks['unchanged'], peaks['edit'], peaks['ci']):>8.0f}"
              f" {m['search'] - m['cold']:>9.2f} {index_bytes / 1e6:>8.1f}")
    if 5000 in per_page and len(per_page) > 1:
        largest = max(per_page)
        if largest != 5000:
            print(f"\nms/page at {largest} ÷ ms/page at 5000: {per_page[largest] / per_page[5000]:.2f} (target ≤ 1.2)")
    print("\ntargets: cold/Pel ≤ 0.4, unch/Hugo ≤ 0.5, edit/Hugo ≤ 1.0, peak ≤ 200 MB at 5000")
    return 0


if __name__ == "__main__":
    sys.exit(main())
