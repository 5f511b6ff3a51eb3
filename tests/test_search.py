"""Search: a Pagefind index per language made by `handbook build`, and the search box on every
page, tried in a real Chromium the way a reader would use it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import served
from conftest import SITE_YAML, copy_example, files_of, parse
from handbook import search
from handbook.cli import main

AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                    "best-practice"]}}

# The same word, "respekt", in Swedish, Danish and Czech pages; an English translation says
# "respect". Two Czech pages have it, for Czech's "few" plural.
SITE = {
    "content/vardgarden/organisation.yaml": "name: Vårdgården\nlanguage: sv\n",
    "content/vardgarden/values.md": """\
        ---
        title: Vår värdegrund
        values:
          - {name: Respekt, description: Vi möter varandra med respekt.}
        ---
        Respekt och omtanke i mötet med varje människa.
        """,
    "content/vardgarden/values.en.md": """\
        ---
        title: Our values
        values:
          - {name: Respect, description: We meet each other with respect.}
        ---
        Respect and care in every meeting.
        """,
    "content/vardgarden/vision.md": "---\ntitle: Vår vision\nstatement: Trygghet\n---\nTrygghet för alla.\n",
    "content/omsorg/organisation.yaml": "name: Omsorgscentret\nlanguage: da\n",
    "content/omsorg/values.md": """\
        ---
        title: Vores værdier
        values:
          - {name: Respekt, description: Vi møder hinanden med respekt.}
        ---
        Respekt for borgeren er vores udgangspunkt.
        """,
    "content/pece/organisation.yaml": "name: Centrum péče\nlanguage: cs\n",
    "content/pece/values.md": """\
        ---
        title: Naše hodnoty
        values:
          - {name: Respekt, description: Jednáme s respektem.}
        ---
        Respekt je základem naší práce.
        """,
    "content/pece/vision.md": "---\ntitle: Naše vize\nstatement: Respekt ke každému\n---\nRespekt a péče.\n",
}


def bundle(build: Path, language: str) -> Path:
    return build / language / "pagefind"


def entry(build: Path, language: str) -> dict:
    return json.loads((bundle(build, language) / "pagefind-entry.json").read_text(encoding="utf-8"))


def indexed_pages(build: Path, language: str) -> list[str]:
    """The pages of a language that mark content for the index."""
    return sorted(str(path.relative_to(build)) for path in (build / language).rglob("index.html")
                  if parse(path).find(attrs={"data-pagefind-body": True}) is not None)


# -- the index -----------------------------------------------------------------------------------

def test_each_language_has_an_index_of_its_own_pages(example):
    for language in ("sv", "da", "cs", "en"):
        languages = entry(example, language)["languages"]
        assert list(languages) == [language]  # one index, in the page's own language
        pages = indexed_pages(example, language)
        assert pages and languages[language]["page_count"] == len(pages)
    # Swedish, Danish and English are stemmed; Czech has no stemmer in Pagefind.
    assert entry(example, "sv")["languages"]["sv"]["wasm"] == "sv"
    assert entry(example, "da")["languages"]["da"]["wasm"] == "da"
    assert entry(example, "en")["languages"]["en"]["wasm"] == "en"
    assert entry(example, "cs")["languages"]["cs"]["wasm"] is None


def test_only_pages_are_indexed_not_homes_overviews_or_the_404_page(example):
    for path in ("sv/index.html", "sv/proaros/index.html", "sv/404.html", "index.html"):
        assert parse(example / path).find(attrs={"data-pagefind-body": True}) is None
    article = parse(example / "sv/proaros/values/index.html").find(attrs={"data-pagefind-body": True})
    assert article.find(attrs={"data-pagefind-meta": "organisation"}).get_text(strip=True) == "proAros"
    assert article.find(attrs={"data-pagefind-meta": "kind"}).get_text(strip=True) == "Värdegrund"


def test_the_bundle_holds_only_what_the_theme_uses(example):
    names = {path.name for path in bundle(example, "sv").iterdir()}
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.sv.pagefind"} <= names
    assert not names & {"pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-highlight.js"}


def test_two_clean_builds_are_byte_identical_index_included(tmp_path):
    site = copy_example(tmp_path / "site")
    for out in ("one", "two"):
        assert main(["build", "--no-cache", "--out", str(tmp_path / out), str(site)]) == 0
    first, second = files_of(tmp_path / "one"), files_of(tmp_path / "two")
    assert any(path.startswith("sv/pagefind/fragment/") for path in first)
    assert first == second


def test_a_warm_build_remakes_only_the_index_of_the_language_edited(tmp_path, run):
    site = copy_example(tmp_path / "site")
    assert run("build", site).code == 0
    before = {path: (site / "build" / path).stat().st_ino for path in files_of(site / "build")}
    values = site / "content/proaros/values.md"
    values.write_text(values.read_text(encoding="utf-8").replace("Omtanke", "Omsorg"), encoding="utf-8")
    assert run("build", site).code == 0
    after = {path: (site / "build" / path).stat().st_ino for path in files_of(site / "build")}
    sv_index = {path for path in after if path.startswith("sv/pagefind/")}
    assert sv_index != {path for path in before if path.startswith("sv/pagefind/")}  # remade
    for language in ("da", "cs", "en"):  # carried over: the very same files
        index = [path for path in after if path.startswith(f"{language}/pagefind/")]
        assert index and all(after[path] == before.get(path) for path in index)
    assert main(["build", "--no-cache", "--out", str(tmp_path / "clean"), str(site)]) == 0
    assert files_of(site / "build") == files_of(tmp_path / "clean")


def test_an_index_removed_from_the_output_is_made_again(tmp_path, run):
    site = copy_example(tmp_path / "site")
    assert run("build", site).code == 0
    (site / "build/da/pagefind/pagefind-entry.json").unlink()
    assert run("build", site).code == 0
    assert entry(site / "build", "da")["languages"]["da"]["page_count"] > 0


def test_search_false_publishes_no_index_and_no_search_box(build_site):
    result = build_site(SITE, SITE_YAML + "search: false\n")
    assert not list(result.build.rglob("pagefind"))
    for path in ("sv/index.html", "sv/vardgarden/values/index.html", "cs/404.html"):
        page = result.html(path)
        assert page.find("form", class_="site-search") is None
        assert not [s for s in page.find_all("script") if "search" in s.get("src", "")]


def test_search_must_be_true_or_false(make_site, run):
    site = make_site(SITE, SITE_YAML + "search: sometimes\n")
    result = run("build", site)
    assert result.code == 1
    line = (SITE_YAML + "search: sometimes\n").splitlines().index("search: sometimes") + 1
    assert f"site.yaml:{line}:9: error[HB038]: 'search' must be true or false, got a text" in result.err
    assert not (site / "build").exists()


def test_an_organisation_cannot_take_the_search_index_address(make_site, run):
    site = make_site({**SITE, "content/pagefind/organisation.yaml": "name: Pagefind\nlanguage: sv\n"})
    result = run("build", site)
    assert result.code == 1
    assert "content/pagefind: error[HB614]: the organisation's address sv/pagefind/ is the search index's" in result.err
    (site / "site.yaml").write_text(SITE_YAML + "search: false\n", encoding="utf-8")
    assert run("build", site).code == 0


def test_a_failing_pagefind_is_an_error_and_leaves_the_previous_output(tmp_path, run, monkeypatch):
    site = copy_example(tmp_path / "site")
    assert run("build", site).code == 0
    before = files_of(site / "build")
    (site / "content/proaros/vision.md").write_text("---\ntitle: Ny vision\n---\nText.\n", encoding="utf-8")
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: something broke' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setattr(search, "_executable", lambda: failing)
    result = run("build", site)
    assert result.code == 1
    assert "sv/pagefind/: error[HB611]: the search index could not be built: Error: something broke" in result.err
    assert "search: false" in result.err  # the hint says how to publish meanwhile
    assert files_of(site / "build") == before


# -- the search box ------------------------------------------------------------------------------

def test_every_page_but_the_root_has_a_hidden_search_box_with_its_texts(example):
    labels = {"sv": "Sök i handboken", "da": "Søg i håndbogen", "cs": "Hledat v\u00a0příručce",
              "en": "Search the handbook"}
    for language, label in labels.items():
        for path in (f"{language}/index.html", f"{language}/404.html"):
            form = parse(example / path).find("form", class_="site-search")
            assert form.has_attr("hidden")  # shown by the script: never to readers without it
            field = form.find("input", type="search")
            assert form.find("label", attrs={"for": field["id"]}).get_text(strip=True) == label
    assert parse(example / "index.html").find("form", class_="site-search") is None
    cs = parse(example / "cs/index.html").find("form", class_="site-search")
    # Czech has three plural forms for whole numbers: one, few, other.
    assert (cs["data-found-one"], cs["data-found-few"], cs["data-found-other"]) == (
        "Nalezena {n} stránka", "Nalezeny {n} stránky", "Nalezeno {n} stránek")
    assert cs["data-bundle"] == "pagefind/"
    assert parse(example / "cs/proaros/index.html").find("form", class_="site-search")["data-bundle"] == "../pagefind/"


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> Path:
    """SITE built under a sub-path, as an intranet would publish it: /handbok/."""
    from conftest import write_files
    root = tmp_path_factory.mktemp("search")
    write_files(root / "site", SITE)
    (root / "site/site.yaml").write_text(SITE_YAML.replace("https://handbook.example/",
                                                           "https://intranet.example/handbok/"), encoding="utf-8")
    assert main(["build", "--out", str(root / "www/handbok"), str(root / "site")]) == 0
    return root / "www"


@pytest.fixture(scope="module")
def www(search_site):
    with served(search_site) as url:
        yield url + "handbok/"


def searched(browser, url: str, query: str, **context):
    """A page at `url` with `query` typed into its search box, once the results are shown; and
    every URL it requested."""
    page = browser.new_context(**context).new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    page.get_by_role("searchbox").fill(query)
    # "Searching…" first, then what was found (the page's policy allows no wait_for_function).
    expect(page.locator(".site-search__status")).to_have_text(re.compile(r".*[^…]$"), timeout=15_000)
    return page, requests


def results(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(".site-search__result", """items => items.map(item => ({
        title: item.querySelector('a').textContent, href: item.querySelector('a').href,
        meta: (item.querySelector('.site-search__meta') || {}).textContent || '',
        marked: [...item.querySelectorAll('mark')].map(mark => mark.textContent)}))""")


@pytest.mark.browser
@pytest.mark.parametrize("language,titles,meta", [
    ("sv", ["Vår värdegrund"], "Värdegrund · Vårdgården"),
    ("da", ["Vores værdier"], "Værdier · Omsorgscentret"),
    ("cs", ["Naše hodnoty", "Naše vize"], None),
])
def test_a_reader_finds_pages_in_their_own_language_only(browser, www, language, titles, meta):
    page, requests = searched(browser, f"{www}{language}/", "respekt")
    found = results(page)
    assert sorted(item["title"] for item in found) == sorted(titles)
    assert all(f"/handbok/{language}/" in item["href"] for item in found)
    if meta:
        assert found[0]["meta"] == meta
    assert all(any(word.lower().startswith("respekt") for word in item["marked"]) for item in found)
    assert all(url.startswith(www) for url in requests)  # nothing from elsewhere
    page.close()


@pytest.mark.browser
def test_counts_follow_the_languages_plural_rules(browser, www):
    page, _ = searched(browser, f"{www}cs/", "respekt")
    assert page.locator(".site-search__status").text_content() == "Nalezeny 2 stránky"
    page.close()
    page, _ = searched(browser, f"{www}sv/", "respekt")
    assert page.locator(".site-search__status").text_content() == "1 sida hittades"
    page.close()


@pytest.mark.browser
def test_swedish_is_stemmed(browser, example_url_for_search):
    page, _ = searched(browser, example_url_for_search + "sv/", "möte")
    marked = {word.lower().rstrip(".") for item in results(page) for word in item["marked"]}
    assert {"mötet", "möten"} <= marked
    page.close()


@pytest.mark.browser
def test_nothing_found_says_so_in_the_readers_language(browser, www):
    page, _ = searched(browser, f"{www}da/", "zyxwv")
    assert page.locator(".site-search__status").text_content() == "Ingen sider fundet for »zyxwv«."
    assert page.locator(".site-search__list").is_hidden()
    page.close()


@pytest.mark.browser
def test_a_result_leads_to_its_page_from_a_sub_path(browser, www):
    page, _ = searched(browser, f"{www}en/vardgarden/values/", "respect")
    page.locator(".site-search__result a").first.click()
    page.wait_for_load_state()
    assert page.url == f"{www}en/vardgarden/values/"
    assert page.locator("h1").text_content() == "Our values"
    page.close()


@pytest.mark.browser
def test_the_search_box_is_reached_and_used_by_keyboard(browser, www):
    page = browser.new_page()
    page.goto(f"{www}sv/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "search":
            break
    assert page.evaluate("document.activeElement.id") == "site-search-input"
    page.keyboard.type("respekt")
    page.locator(".site-search__result").first.wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Vår värdegrund"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Escape")
    assert page.locator(".site-search__list").is_hidden()
    page.close()


@pytest.mark.browser
def test_without_javascript_there_is_no_search_box(browser, www):
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(f"{www}sv/")
    assert page.locator("form.site-search").is_hidden()
    assert page.get_by_role("searchbox").count() == 0
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("language,query", [("sv", "respekt"), ("da", "respekt"), ("cs", "respekt"),
                                            ("en", "respect")])
def test_results_pass_axe(browser, www, language, query):
    from axe_playwright_python.sync_playwright import Axe
    page, _ = searched(browser, f"{www}{language}/", query)
    assert page.locator(".site-search__result").count() > 0
    result = Axe().run(page, options=AXE_RULES)
    assert result.violations_count == 0, result.generate_report()
    page.close()


@pytest.mark.browser
def test_results_fit_a_phone(browser, www):
    page, _ = searched(browser, f"{www}cs/", "respekt", viewport={"width": 360, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.close()


@pytest.fixture(scope="module")
def example_url_for_search(example):
    with served(example) as url:
        yield url


@pytest.mark.browser
def test_a_language_without_pages_has_a_search_that_finds_nothing(browser, build_site):
    files = {name: text for name, text in SITE.items() if not name.endswith(".en.md")}
    result = build_site(files)
    assert not [path for path in (result.build / "en").rglob("index.html")
                if parse(path).find(attrs={"data-pagefind-body": True})]
    with served(result.build) as url:
        page, _ = searched(browser, f"{url}en/", "respekt")
        assert page.locator(".site-search__status").text_content() == "No pages match “respekt”."
        page.close()


# -- serve ---------------------------------------------------------------------------------------

def test_serve_makes_the_index_in_the_background(tmp_path, example):
    out = tmp_path / "out"
    shutil.copytree(example, out)
    shutil.rmtree(out / "sv/pagefind")
    messages: list[str] = []
    indexer = search.BackgroundIndexer(out, messages.append)
    indexer.request(["sv"])
    assert indexer.idle.wait(60)
    assert messages == []
    assert files_of(out / "sv/pagefind") == files_of(example / "sv/pagefind")
