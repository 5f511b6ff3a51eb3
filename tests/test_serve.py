"""`handbook serve` in a real Chromium: edits reload the page, errors show an overlay and the
server recovers, rapid saves are coalesced, and nothing is written into build/."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(site: Path, host: str = "127.0.0.1", wait_for: str = "sv/"):
    """Run `handbook serve` as a real process; yields (url, lines printed so far, process)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "handbook", "serve", str(site), "--port", str(port),
                                "--host", host],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stderr.readline, "")), daemon=True)
    reader.start()
    url = f"http://{host}:{port}/"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urlopen(url + wait_for, timeout=1).read()
            break
        except HTTPError:  # served, with an error page
            break
        except OSError:
            assert process.poll() is None, "".join(lines)
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("handbook serve did not start: " + "".join(lines))
    try:
        yield url, lines, process
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def site(example_site) -> Path:
    return example_site


def rewrite(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def wait_for_livereload(page, timeout: float = 10.0) -> None:
    """Wait until livereload's client runs in the page. Polled from here: Playwright's
    wait_for_function evaluates a string, which the pages' security policy rightly forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate("window.LiveReload !== undefined"):
        assert time.monotonic() < deadline, "livereload's client did not start in the page"
        time.sleep(0.05)


def test_an_edit_reloads_the_page_with_the_new_text(browser, site):
    with serving(site) as (url, lines, _process):
        page = browser.new_page()
        page.goto(url + "sv/proaros/values/")
        wait_for_livereload(page)
        page.evaluate("window.__marker = 'before reload'")
        rewrite(site / "content/proaros/values.md", "Våra ledstjärnor är", "Våra goda ledstjärnor är")
        page.wait_for_selector("text=Våra goda ledstjärnor är", timeout=15000)
        assert page.evaluate("window.__marker") is None  # a real reload, not a patch
        # The page, and its organisation's printable handbook in each language.
        assert any("rebuilt 5 pages in" in line for line in lines), lines
        page.close()
    assert not (site / "build").exists()


def test_a_broken_file_shows_an_overlay_until_it_is_fixed(browser, site):
    vision = site / "content/proaros/vision.md"
    good = vision.read_text(encoding="utf-8")
    with serving(site) as (url, lines, process):
        page = browser.new_page()
        page.goto(url + "sv/proaros/vision/")
        wait_for_livereload(page)
        vision.write_text(good.replace("statement: Alltid bästa möjliga möte",
                                       "statement: [Alltid bästa"), encoding="utf-8")
        overlay = page.wait_for_selector("#handbook-error", timeout=15000)
        assert "content/proaros/vision.md:3:" in overlay.inner_text()
        assert "YAML syntax" in overlay.inner_text()
        assert any(line.startswith("content/proaros/vision.md:3:") for line in lines), lines
        assert process.poll() is None
        # Other pages carry the overlay too, over the last good version.
        other = browser.new_page()
        other.goto(url + "da/")
        assert other.locator("#handbook-error").is_visible()
        assert other.locator(".card").count() == 5
        other.close()
        vision.write_text(good.replace("Alltid bästa möjliga möte", "Alltid det bästa mötet", 1),
                          encoding="utf-8")
        page.wait_for_selector("#handbook-error", state="detached", timeout=15000)
        page.wait_for_selector("text=Alltid det bästa mötet", timeout=15000)
        page.close()


def test_rapid_saves_are_coalesced_and_the_last_one_wins(browser, site):
    file = site / "content/hultsfred/vardegrund.md"
    original = file.read_text(encoding="utf-8")
    with serving(site) as (url, lines, process):
        page = browser.new_page()
        page.goto(url + "sv/hultsfred/vardegrund/")
        wait_for_livereload(page)
        for number in range(20):
            file.write_text(original.replace("Sluta aldrig att träna", f"Sluta aldrig att träna {number}"),
                            encoding="utf-8")
            time.sleep(0.03)
        page.wait_for_selector("text=Sluta aldrig att träna 19", timeout=15000)
        assert process.poll() is None
        rebuilds = [line for line in lines if line.startswith("rebuilt")]
        assert 2 <= len(rebuilds) <= 12, rebuilds  # the first build, then batches, not 20
        page.close()


def test_serve_can_listen_on_another_loopback_address_without_warning(site):
    with serving(site, host="127.0.0.2") as (url, lines, _process):
        assert urlopen(url + "da/").status == 200
    assert not any("other computers" in line for line in lines), lines


def test_addresses_other_computers_can_reach_get_a_warning():
    from handbook.cli import exposure_warning
    for host in ("127.0.0.1", "127.0.0.2", "::1", "localhost"):
        assert exposure_warning(host) is None
    for host in ("0.0.0.0", "::", "192.168.1.10", "handbook.local"):
        assert "other computers on the network can see this preview" in exposure_warning(host)


def test_serve_reports_a_busy_port(site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = subprocess.run([sys.executable, "-m", "handbook", "serve", str(site), "--port", str(port)],
                                 capture_output=True, text=True, timeout=60)
    assert process.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in process.stderr


def fetch(url: str) -> str:
    """A page's HTML, also when the server answers with an error status."""
    try:
        return urlopen(url).read().decode()
    except HTTPError as error:
        return error.read().decode()


def test_serve_starts_on_a_broken_site_and_shows_the_page_once_fixed(example_site):
    settings = example_site / "site.yaml"
    good = settings.read_text(encoding="utf-8")
    settings.write_text(good.replace("languages: [sv, da, cs, en]", "languages: [sv, da, cs, en"), encoding="utf-8")
    with serving(example_site, wait_for="") as (url, _lines, process):
        page = fetch(url)
        assert 'id="handbook-error"' in page and "site.yaml:9:17: error[HB106]: YAML syntax" in page
        assert "while parsing a flow sequence that starts on line 8" in page
        assert process.poll() is None
        settings.write_text(good, encoding="utf-8")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and "handbook-error" in fetch(url + "sv/"):
            time.sleep(0.2)
        page = fetch(url + "sv/")
        assert 'id="handbook-error"' not in page and "Handbok" in page


def test_serve_needs_an_existing_folder(tmp_path):
    process = subprocess.run([sys.executable, "-m", "handbook", "serve", str(tmp_path / "nope")],
                             capture_output=True, text=True, timeout=60)
    assert process.returncode == 2 and "there is no folder" in process.stderr


def raw_get(url: str, path: str, host: str | None = None) -> tuple[int, bytes]:
    """Send a path exactly as written (no client normalises it) and read the answer."""
    address = url.split("//", 1)[1].rstrip("/")
    name, port = address.rsplit(":", 1)
    with socket.create_connection((name, int(port)), timeout=5) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: {host or address}\r\nConnection: close\r\n\r\n"
                           .encode("latin-1"))
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_the_running_server_serves_nothing_outside_its_folder(site, tmp_path):
    (site / "content/proaros/secret-neighbour.txt").write_text("TOP SECRET", encoding="utf-8")
    with serving(site) as (url, _lines, _process):
        for path in ("/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                     "/..%2f..%2f..%2fetc%2fpasswd", "//etc/passwd", "/sv/%00", "/sv/..%5c..%5cetc",
                     "/%252e%252e/%252e%252e/etc/passwd", "/" + "../" * 40 + "etc/passwd"):
            status, body = raw_get(url, path)
            assert b"root:" not in body and b"TOP SECRET" not in body, path
            assert status in (400, 403, 404), (path, status)
        status, _ = raw_get(url, "/sv/", host="evil.example")
        assert status == 403  # DNS rebinding: another name for 127.0.0.1
        assert raw_get(url, "/sv/")[0] == 200
