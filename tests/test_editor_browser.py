"""The browser editor in a real Chromium, on a copy of the example served by `handbook serve`:
a change saved from the editor changes only its line on disk and reaches the served page; a
translation can be added; a save with an error is refused with its message and writes nothing;
and no request leaves the local server."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from bs4 import BeautifulSoup

from conftest import text_of
from test_serve import free_port

pytestmark = pytest.mark.browser


@contextmanager
def serving(site: Path, lang: str = "sv") -> Iterator[str]:
    """`handbook serve --lang` as a real process; yields its address."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "handbook", "serve", str(site), "--port", str(port),
                                "--lang", lang], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(process.stderr.readline, "")), daemon=True).start()
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            urlopen(url + "sv/", timeout=1).read()
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "".join(lines)
            time.sleep(0.1)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def editor(browser, url: str) -> Iterator[tuple[object, list[str]]]:
    """The editor's page, signed in to the local backend; yields it and every URL it asked for."""
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page.goto(url + "admin/")
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("link", name="Organisationer").wait_for()
    try:
        yield page, requested
    finally:
        context.close()
        here = urlsplit(url).netloc
        assert requested and all(urlsplit(u).scheme in ("data", "blob") or urlsplit(u).netloc == here
                                 for u in requested), [u for u in requested if here not in u]


def save(page) -> None:
    page.get_by_role("button", name="Publicera").first.click()
    page.get_by_text("Publicera nu").click()


def served_text(url: str, path: str) -> str:
    return text_of(BeautifulSoup(urlopen(url + path, timeout=5).read(), "html.parser").main)


def served_or_empty(url: str, path: str) -> str:
    """The served page's text, or '' while it is not there yet."""
    try:
        return text_of(BeautifulSoup(urlopen(url + path, timeout=5).read(), "html.parser").find("h1"))
    except OSError:
        return ""


def wait_for(condition, what: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def test_a_changed_value_is_saved_on_its_line_and_shown_on_the_served_page(browser, example_site):
    file = example_site / "content/center-norrebro/values.md"
    before = file.read_text(encoding="utf-8").splitlines(keepends=True)
    old = ("betyder at vi tilrettelægger de rehabiliterende indsatser i ligeværdige samarbejder med "
           "borgerne, hvor vi altid tager udgangspunkt i borgernes ønsker og behov")
    new = "betyder at vi altid arbejder sammen med borgerne"
    with serving(example_site) as url, editor(browser, url) as (page, _requested):
        page.goto(url + "admin/#/collections/org-center-norrebro/entries/values")
        page.get_by_role("textbox", name="Rubrik").wait_for()
        page.locator("textarea", has_text=old).fill(new)
        save(page)
        page.get_by_text("Inlägg sparat").wait_for()
        after = file.read_text(encoding="utf-8").splitlines(keepends=True)
        # Only the first value's description (lines 5-7, folded with >-) changed; every other
        # line, the other values' folding included, is as it was.
        assert after[:4] == before[:4] and after[-(len(before) - 7):] == before[7:]
        assert " ".join(line.strip() for line in after[4:len(after) - (len(before) - 7)]).endswith(new)
        wait_for(lambda: new in served_text(url, "da/center-norrebro/values/"), "the served page shows the new text")


def test_a_translation_is_added_beside_its_original(browser, example_site):
    file = example_site / "content/proaros/vision.da.md"
    assert not file.exists()
    with serving(example_site) as url, editor(browser, url) as (page, _requested):
        page.goto(url + "admin/#/collections/org-proaros")
        page.get_by_text("Vision (danska, inte översatt än)").click()
        title = page.get_by_role("textbox", name="Rubrik")
        assert title.input_value() == "Vår vision"  # starts as the original, to be translated
        title.fill("Vores vision")
        save(page)
        page.get_by_text("Inlägg sparat").wait_for()
    text = file.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Vores vision\n")
    assert "translated_from: sv\n" in text and "draft: true\n" in text


def test_a_period_that_ends_before_it_starts_is_refused_with_its_message(browser, example_site):
    file = example_site / "content/cpus-slagelse/strategy.md"
    before = file.read_bytes()
    with serving(example_site) as url, editor(browser, url) as (page, _requested):
        page.goto(url + "admin/#/collections/org-cpus-slagelse/entries/strategy")
        page.get_by_role("textbox", name="Till", exact=True).fill("2017")
        save(page)
        alert = page.get_by_text("perioden slutar (2017) innan den börjar (2018)")  # in the editor's language
        alert.wait_for()
        line = before.decode("utf-8").splitlines().index("  to: 2019") + 1  # where 'to:' is
        assert f"content/cpus-slagelse/strategy.md:{line}:7" in alert.inner_text()
    assert file.read_bytes() == before


def test_a_new_page_is_started_in_the_editor_and_served(browser, example_site):
    file = example_site / "content/proaros/vart-uppdrag.md"
    with serving(example_site) as url, editor(browser, url) as (page, _requested):
        page.goto(url + "admin/#/collections/pages-proaros/new")
        page.get_by_role("textbox", name="Rubrik").fill("Vårt uppdrag")
        save(page)
        page.get_by_text("Inlägg sparat").wait_for()
        wait_for(lambda: "Vårt uppdrag" in served_or_empty(url, "sv/proaros/vart-uppdrag/"), "the new page is served")
    assert file.read_text(encoding="utf-8").startswith("---\ntitle: Vårt uppdrag\n")
