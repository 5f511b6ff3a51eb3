"""Benchmark: from saving a file to the browser showing the page again, with `handbook serve`.

    python bench/reload.py [--pages 5000] [--edits 10]

Starts `handbook serve` on a generated site, opens an article in Debian's Chromium (Playwright),
and for each edit saves the article's Markdown file and waits for livereload to reload the page.
Reports the median and the slowest time from the save to the reloaded page's `load` event, for a
paragraph edit and a title edit. This is what a writer waits for; bench/rebuild.py gives the
pipeline's part of it.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS
from compare import HANDBOOK, handbook_site


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_served(server: subprocess.Popen, url: str, seconds: float = 600) -> None:
    import urllib.request
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"handbook serve stopped:\n{server.stderr.read() if server.stderr else ''}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("handbook serve did not start")


def timed_reloads(page, file: Path, old: str, make_new, edits: int) -> list[float]:
    """Seconds from each save to the reloaded page that shows the edit."""
    text = file.read_text(encoding="utf-8")
    times = []
    for number in range(edits):
        time.sleep(1.0)  # let the previous reload and serve's background search index settle
        new = make_new(number)
        with page.expect_event("load", timeout=30_000):
            start = time.perf_counter()
            file.write_text(text.replace(old, new, 1), encoding="utf-8")
        times.append(time.perf_counter() - start)
        if new.split(": ", 1)[-1].lstrip("# ") not in page.content():
            raise SystemExit(f"the page reloaded without the edit {new!r}")
    with page.expect_event("load", timeout=30_000):
        file.write_text(text, encoding="utf-8")
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as temp:
        site = handbook_site(Path(temp) / "site", args.pages)
        article = site / "content/org-0000/artikel-5.md"
        port = free_port()
        server = subprocess.Popen([*HANDBOOK, "serve", "--port", str(port), str(site)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            url = f"http://127.0.0.1:{port}/sv/org-0000/artikel-5/"
            wait_until_served(server, url)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(url)
                rows = []
                for name, old, new in (("paragraph edit", "## Avsnitt 1", lambda n: f"## Avsnitt 1 ({n})"),
                                       ("title edit", "title: Artikel 5", lambda n: f"title: Artikel 5 ({n})")):
                    times = timed_reloads(page, article, old, new, args.edits)
                    rows.append(f"{name:<16}{statistics.median(times) * 1000:>10.0f}{max(times) * 1000:>10.0f}")
                browser.close()
        finally:
            server.terminate()
            server.wait(10)
    print(f"{args.pages} pages: from save to reloaded page in Chromium")
    print(f"{'change':<16}{'median ms':>10}{'max ms':>10}")
    print("\n".join(rows))
    print(f"(of {args.edits} edits each; target: 300 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
