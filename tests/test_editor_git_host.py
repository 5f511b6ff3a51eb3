"""The published editor (admin/ of a build, for a Git host) in a real Chromium, against a GitHub
answered in the browser from memory (git_host.py): a translation not written yet opens empty and
is committed beside its original; a new page is committed where the configuration says; both
build. Nothing leaves this computer: every other request is refused and recorded."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser import served
from conftest import SITE_YAML, text_of, write_files
from git_host import API, FakeGitHub

pytestmark = pytest.mark.browser

REPO = "example/handbook"
SITE = {"content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
        "content/org/vision.md": "---\ntitle: Vår vision\nstatement: Alltid bästa möjliga möte\n---\nText.\n",
        "content/org/vision.en.md": "---\ntitle: Our vision\nstatement: Always the best meeting\n"
                                    "translated_from: sv\n---\nText.\n"}
EDITOR = f"editor:\n  backend: github\n  repo: {REPO}\n  branch: main\n"


@pytest.fixture
def published(build_site):
    """A site built with its editor for GitHub, and the Git host holding its sources."""
    result = build_site(SITE, SITE_YAML + EDITOR)
    files = {p.relative_to(result.site).as_posix(): p.read_bytes()
             for p in sorted((result.site / "content").rglob("*")) if p.is_file()}
    return result, FakeGitHub(REPO, "main", files)


@contextmanager
def signed_in(browser, build: Path, host: FakeGitHub) -> Iterator[object]:
    """admin/ of the build, signed in to the Git host as Decap keeps a signed-in user."""
    with served(build) as url:
        here = urlsplit(url).netloc
        refused: list[str] = []
        context = browser.new_context()
        context.add_init_script("window.localStorage.setItem('decap-cms-user', JSON.stringify("
                                "{backendName: 'github', token: 'a-token', login: 'editor'}))")

        def elsewhere(route) -> None:
            refused.append(route.request.url)
            route.abort()

        context.route(lambda u: urlsplit(u).scheme.startswith("http") and urlsplit(u).netloc != here
                      and not u.startswith(API + "/"), elsewhere)
        context.route(API + "/**", host.route)
        page = context.new_page()
        page.goto(url + "admin/")
        page.get_by_role("link", name="Organisationer").wait_for()
        try:
            yield page
        finally:
            context.close()
        assert not refused and not host.unknown, (refused, host.unknown)


def publish(page, host: FakeGitHub) -> None:
    """Publish the entry and wait for the commit it makes."""
    commits = len(host.messages)
    page.get_by_role("button", name="Publicera").first.click()
    page.get_by_text("Publicera nu").click()
    for _ in range(300):
        if len(host.messages) > commits:
            return
        page.wait_for_timeout(50)
    raise AssertionError("no commit was made")


def check_out(site: Path, host: FakeGitHub) -> None:
    """The repository's content/ as the site's (what CI builds after the commit)."""
    write_files(site, {path: data for path, data in host.files.items()})


def test_a_translation_not_written_yet_opens_empty_and_is_committed_beside_its_original(browser, published, run):
    result, host = published
    before = dict(host.files)
    with signed_in(browser, result.build, host) as page:
        page.goto(page.url.split("#")[0] + "#/collections/org-org")
        page.get_by_text("Vision (danska, inte översatt än)").click()
        title = page.get_by_role("textbox", name="Rubrik")
        assert title.input_value() == ""  # GitHub's Decap reads a missing file as empty
        title.fill("Vores vision")
        publish(page, host)
    added = {path: data for path, data in host.files.items() if before.get(path) != data}
    assert list(added) == ["content/org/vision.da.md"] and set(before) < set(host.files)
    assert added["content/org/vision.da.md"].decode("utf-8").startswith("---\ntitle: Vores vision\n")
    check_out(result.site, host)
    built = run("build", result.site)
    assert built.code == 0, built.err
    assert text_of(built.html("da/org/vision/index.html").find("h1")) == "Vores vision"


def test_a_new_page_is_committed_where_the_configuration_says_and_builds(browser, published, run):
    result, host = published
    before = dict(host.files)
    with signed_in(browser, result.build, host) as page:
        page.goto(page.url.split("#")[0] + "#/collections/pages-org/new")
        page.get_by_role("textbox", name="Rubrik").fill("Vårt uppdrag")
        publish(page, host)
    added = {path: data for path, data in host.files.items() if before.get(path) != data}
    assert list(added) == ["content/org/vart-uppdrag.md"]
    check_out(result.site, host)
    built = run("build", result.site)
    assert built.code == 0, built.err
    assert text_of(built.html("sv/org/vart-uppdrag/index.html").find("h1")) == "Vårt uppdrag"
    assert len(host.messages) == 1 and "vart-uppdrag" in host.messages[0]
