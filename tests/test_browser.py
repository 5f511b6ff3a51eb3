"""What readers see in a real Chromium: language choice, accessibility, phones, print, RTL."""

from __future__ import annotations

import pytest

from browser import served

pytestmark = pytest.mark.browser

# WCAG 2.2 AA (what EU public-sector sites must meet, and more) and axe's best practices.
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                  "best-practice"]}}


@pytest.fixture(scope="module")
def example_url(example):
    with served(example) as url:
        yield url


@pytest.mark.parametrize("languages,expected", [
    (["sv-FI", "fi"], "sv/"), (["cs-CZ", "cs"], "cs/"), (["da"], "da/"),
    (["de-DE", "de"], "en/"), (["fr", "da-DK"], "da/"), (["en-GB"], "en/"),
])
def test_root_page_sends_readers_to_their_language(browser, example_url, languages, expected):
    context = browser.new_context(locale=languages[0],
                                  extra_http_headers={"Accept-Language": ",".join(languages)})
    page = context.new_page()
    page.add_init_script(f"Object.defineProperty(navigator, 'languages', {{get: () => {languages!r}}})")
    page.goto(example_url)
    page.wait_for_url(example_url + expected)
    assert page.locator("html").get_attribute("lang") == expected.rstrip("/")
    context.close()


def test_root_page_without_javascript_lists_every_language(browser, example_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(example_url)
    assert page.url == example_url
    links = page.locator(".language-list a")
    assert links.all_inner_texts() == ["svenska", "dansk", "čeština", "English"]
    links.nth(2).click()
    assert page.url == example_url + "cs/"
    context.close()


PAGES = ["#languages", "sv/", "da/", "cs/", "en/", "cs/proaros/", "sv/proaros/vision/",
         "sv/proaros/values/", "da/cpus-slagelse/strategy/", "sv/hultsfred/vardegrund/",
         "cs/iq-roma-servis/chceme-byt-lepsi/", "da/center-norrebro/values/", "en/404.html"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_pass_axe_wcag_22_aa_and_best_practice(browser, example_url, path):
    from axe_playwright_python.sync_playwright import Axe
    page = browser.new_page()
    page.goto(example_url + path)
    result = Axe().run(page, options=WCAG_AA)
    assert result.violations_count == 0, result.generate_report()
    page.close()


@pytest.mark.parametrize("path", ["sv/", "da/center-norrebro/vision/", "da/cpus-slagelse/strategy/"])
def test_phone_width_has_no_sideways_scrolling(browser, example_url, path):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(example_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.close()


def test_print_shows_the_text_without_navigation(browser, example_url):
    page = browser.new_page()
    page.goto(example_url + "sv/proaros/vision/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".page-contents").is_visible()
    assert page.locator(".statement").is_visible()
    assert page.locator("h1").is_visible()
    page.close()


def test_skip_link_moves_focus_to_the_main_content(browser, example_url):
    page = browser.new_page()
    page.goto(example_url + "da/center-norrebro/vision/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()


def test_right_to_left_layout_mirrors(browser, build_site):
    site_yaml = ("title: {en: Handbook, ar: الدليل}\nbase_url: https://h.example/\n"
                 "languages: [en, ar]\ndefault_language: en\n")
    result = build_site({
        "content/org/organisation.yaml": "name: منظمة\nlanguage: ar\n",
        "content/org/vision.md": "---\ntitle: رؤيتنا\nstatement: دائما أفضل لقاء ممكن\n---\nنص.\n",
    }, site_yaml)
    with served(result.build) as url:
        page = browser.new_page()
        page.goto(url + "ar/org/vision/")
        border = page.evaluate("""() => {
            const s = getComputedStyle(document.querySelector('.statement blockquote'));
            return [s.borderRightWidth, s.borderLeftWidth];
        }""")
        assert border[0] != "0px" and border[1] == "0px"
        page.close()


# The accessibility statement: WCAG 2.2 AA and axe's best practices, in every language.
WCAG_22_AA_AND_BEST_PRACTICE = {"runOnly": {"type": "tag", "values": [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}


@pytest.mark.parametrize("path", ["sv/tillganglighet/", "da/tilgaengelighed/", "cs/pristupnost/",
                                  "en/accessibility/"])
def test_the_accessibility_statement_passes_axe(browser, example_url, path):
    from axe_playwright_python.sync_playwright import Axe
    page = browser.new_page()
    page.goto(example_url + path)
    assert page.locator("h1").inner_text() != ""
    result = Axe().run(page, options=WCAG_22_AA_AND_BEST_PRACTICE)
    assert result.violations_count == 0, result.generate_report()
    page.close()


def test_the_accessibility_statement_fits_a_phone_and_is_reached_from_the_footer(browser, example_url):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(example_url + "cs/iq-roma-servis/")
    page.locator(".site-footer a", has_text="Prohlášení o\u00a0přístupnosti").click()
    page.wait_for_url(example_url + "cs/pristupnost/")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert page.locator("#enforcement").is_visible()
    page.close()
