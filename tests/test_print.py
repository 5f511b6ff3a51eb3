"""The printable handbook (<lang>/<org>/print/): every page of an organisation on one page, in
reading order, one outline, unique ids, links that work inside it and out, the date it was
made; and, in Chromium, the A4 PDF a reader gets from it."""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser import served
from conftest import REPO, files_of, local_target, parse, text_of
from handbook.output import StagedBuild
from handbook.pipeline import Pipeline

BASE = "https://handbook.example/"
LANGUAGES = ("sv", "da", "cs", "en")
EXAMPLE = {"proaros": "sv", "hultsfred": "sv", "center-norrebro": "da", "cpus-slagelse": "da",
           "iq-roma-servis": "cs"}
# 2027-01-01, noon UTC
NEW_YEAR = "1798804800"

# A Swedish organisation with every kind of page, translations of some, and links of every kind.
SITE = {
    "content/norr/organisation.yaml": "name: Hemtjänst Norr\nlanguage: sv\ncountry: SE\nwebsite: https://norr.example/\n",
    "content/norr/vision.md": """\
        ---
        title: Vår vision
        statement: Alltid nära
        ---
        Visionen säger vart vi är på väg. Läs [våra värden](values.md#omtanke) och [strategin](strategy.md).

        ## Varför en vision

        Den ger riktning. [Till början av avsnittet](#varför-en-vision).
        """,
    "content/norr/vision.en.md": """\
        ---
        title: Our vision
        translated_from: sv
        statement: Always close
        ---
        The vision says where we are going. Read [our values](values.md#caring).

        ## Why a vision

        It gives direction.
        """,
    "content/norr/values.md": """\
        ---
        title: Våra värden
        values:
          - name: Omtanke
            description: Vi bryr oss om varandra.
          - name: Kunskap
            description: Vi lär oss hela tiden.
        ---
        Värdena gäller alla som arbetar hos oss.

        ## Omtanke

        Läs [kommunens riktlinjer](https://kommun.example/riktlinjer), [broschyren](media/broschyr.pdf)
        och skriv till [oss](mailto:info@norr.example). Adressen är <https://norr.example/>.
        """,
    "content/norr/values.en.md": """\
        ---
        title: Our values
        translated_from: sv
        values:
          - name: Care
            description: We care for each other.
          - name: Knowledge
            description: We keep learning.
        ---
        The values hold for everyone who works with us.

        ## Caring

        See the guidelines.
        """,
    "content/norr/strategy.md": """\
        ---
        title: Strategi 2026–2028
        period: {from: 2026, to: 2028}
        goals:
          - Fler nöjda brukare
          - Kortare väntetider
        ---
        Strategin bygger på [omtanken](values.md#omtanke) och på visionen.

        ## Så arbetar vi

        Tillsammans, varje dag.
        """,
    "content/norr/b-nyheter.md": """\
        ---
        title: Nyheter från året
        date: 2026-03-01
        ---
        Året har varit händelserikt. Se också [Annas vision](../anna/vision.md).
        """,
    "content/norr/a-brev.md": """\
        ---
        title: Brev från chefen
        author: Anna Berg
        role: Socialchef
        ---
        Välkommen till oss, vi är glada att du är här.
        """,
    "content/norr/media/broschyr.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    "content/anna/organisation.yaml": "name: Anna Omsorg\nlanguage: da\n",
    "content/anna/vision.md": "---\ntitle: Vores vision\n---\nAltid tæt på.\n",
}
ORDER = ["page-vision", "page-values", "page-strategy", "page-a-brev", "page-b-nyheter"]


@pytest.fixture
def site(build_site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NEW_YEAR)
    return build_site(SITE)


def printed(result, language: str, organisation: str = "norr"):
    return result.html(f"{language}/{organisation}/print/index.html")


def headings(soup) -> list[tuple[int, str]]:
    return [(int(h.name[1]), text_of(h)) for h in soup.select("main h1, main h2, main h3, main h4, main h5, main h6")]


def assert_one_outline(soup) -> None:
    levels = [level for level, _ in headings(soup)]
    assert levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"a heading skips from h{before} to h{after}: {headings(soup)}"


def assert_unique_ids(soup) -> None:
    repeated = [i for i, n in Counter(e["id"] for e in soup.select("[id]")).items() if n > 1]
    assert not repeated, repeated


def assert_links_work(build: Path, file: Path, soup) -> int:
    """Every link leads somewhere: a place in the document, or a file (and place) of the site."""
    ids = {e["id"] for e in soup.select("[id]")}
    checked = 0
    for element in soup.select("a[href], img[src]"):
        url = element.get("href") or element["src"]
        if url.startswith("#"):
            assert unquote(url[1:]) in ids, f"{url} is not in the document"
        else:
            target = local_target(build, file, url, BASE)
            if target is None:
                continue
            assert target.is_file(), f"{url} is dead"
            fragment = urlsplit(url).fragment
            if fragment:
                assert parse(target).find(id=unquote(fragment)), f"{url}: no such place there"
        checked += 1
    return checked


# -- what it holds ------------------------------------------------------------------------------

def test_every_organisation_has_one_in_every_language_linked_from_its_page(example):
    for organisation in EXAMPLE:
        for language in LANGUAGES:
            overview = parse(example / language / organisation / "index.html")
            link = overview.select_one(".print-link a")
            target = local_target(example, example / language / organisation / "index.html", link["href"], BASE)
            assert target == (example / language / organisation / "print" / "index.html").resolve()
            assert target.is_file()
            assert overview.select_one('link[rel="alternate"][media="print"]')["href"] == link["href"]
            soup = parse(target)
            assert soup.html["lang"] == language
            assert soup.select_one('meta[http-equiv="Content-Security-Policy"]')


@pytest.mark.parametrize("language,label", [("sv", "Utskriftsversion av alla sidor"),
                                            ("da", "Udskriftsversion af alle sider"),
                                            ("cs", "Všechny stránky ve verzi k\u00a0tisku"),
                                            ("en", "Printable version of all pages")])
def test_the_link_is_in_the_readers_language(example, language, label):
    overview = parse(example / language / "proaros" / "index.html")
    assert overview.select_one(".print-link a").get_text() == label


def test_pages_come_in_reading_order_each_as_on_its_own_page(site):
    soup = printed(site, "sv")
    assert [s["id"] for s in soup.select("section.handbook-section")] == ORDER
    assert [a["href"] for a in soup.select(".handbook-contents a")] == [f"#{i}" for i in ORDER]
    assert text_of(soup.select_one("h1")) == "Hemtjänst Norr"
    titles = [text_of(s.select_one("h2")) for s in soup.select("section.handbook-section")]
    assert titles == ["Vår vision", "Våra värden", "Strategi 2026–2028", "Brev från chefen", "Nyheter från året"]
    vision = soup.select_one("#page-vision")
    assert text_of(vision.select_one(".statement")) == "Alltid nära"
    values = soup.select_one("#page-values")
    assert [text_of(n) for n in values.select(".value__name")] == ["Omtanke", "Kunskap"]
    # As on the values page: no heading that counts or lists them; each name is a heading.
    assert [n.name for n in values.select(".value__name")] == ["h3", "h3"]
    assert [text_of(h) for h in values.select(".values h3")] == ["Omtanke", "Kunskap"]
    strategy = soup.select_one("#page-strategy")
    assert text_of(strategy.select_one(".period__value")) == "2026–2028"
    assert [text_of(g) for g in strategy.select(".goal-list li")] == ["Fler nöjda brukare", "Kortare väntetider"]
    assert text_of(strategy.select_one("#page-strategy--goals-heading")) == "Mål"
    assert text_of(soup.select_one("#page-a-brev .signature")) == "Anna Berg Socialchef"
    assert "1 mars 2026" in text_of(soup.select_one("#page-b-nyheter .byline"))
    assert "Välkommen till oss" in text_of(soup.select_one("#page-a-brev .prose"))


def test_headings_make_one_outline_and_ids_stay_unique(site, example):
    for soup in [printed(site, code) for code in LANGUAGES] + [
            parse(example / code / org / "print" / "index.html") for code in LANGUAGES for org in EXAMPLE]:
        assert_one_outline(soup)
        assert_unique_ids(soup)
    soup = printed(site, "sv")
    # Each page's title is an h2 and its own headings one level below where they were.
    assert (3, "Varför en vision") in headings(soup) and (3, "Omtanke") in headings(soup)
    assert soup.select_one("#page-vision--varför-en-vision").name == "h3"
    assert soup.select_one("#page-values--omtanke").name == "h3"  # a value's name, in the body
    assert soup.select_one("#page-strategy--goals-heading").name == "h3"
    assert soup.select_one('#page-strategy section[aria-labelledby="page-strategy--goals-heading"]')


def test_links_lead_into_the_document_or_to_the_site(site, example):
    build = site.build
    for language in LANGUAGES:
        file = build / language / "norr" / "print" / "index.html"
        assert assert_links_work(build, file, parse(file)) > 10
    for organisation in EXAMPLE:
        for language in LANGUAGES:
            file = example / language / organisation / "print" / "index.html"
            assert_links_work(example, file, parse(file))
    soup = printed(site, "sv")
    vision = soup.select_one("#page-vision .prose")
    # Between pages of the organisation: to their sections; on the same page: to its place.
    assert [a["href"] for a in vision.select("a")] == ["#page-values--omtanke", "#page-strategy",
                                                        "#page-vision--varför-en-vision"]
    # Elsewhere in the site: a working relative link, and the full address for paper.
    other = soup.select_one('#page-b-nyheter a[href*="anna"]')
    assert other["href"] == "../../../da/anna/vision/" and other["data-print-url"] == BASE + "da/anna/vision/"
    media = soup.select_one('#page-values a[href$=".pdf"]')
    assert media["href"] == "../../../media/norr/broschyr.pdf"
    assert media["data-print-url"] == BASE + "media/norr/broschyr.pdf"
    external = soup.select_one('#page-values a[href^="https://kommun"]')
    assert external["data-print-url"] == "https://kommun.example/riktlinjer"
    assert soup.select_one('a[href^="mailto:"]')["data-print-url"] == "info@norr.example"
    # A link whose text is its address needs it printed only once.
    assert not soup.select_one('#page-values a[href="https://norr.example/"]').has_attr("data-print-url")
    assert not soup.select("[data-fallback]")


def test_footnotes_raw_html_and_deep_headings_move_whole(build_site):
    result = build_site({**SITE, "content/norr/a-brev.md": """\
        ---
        title: Brev
        ---
        Ett påstående.[^1] Ett till.[^2]

        <p title="a > <h2 id='x'> b" id="rå">Rått stycke, <a href="../print/javascript:alert(1)">inget skript</a>.</p>

        ##### Fem

        ###### Sex

        [^1]: Den första fotnoten.
        [^2]: Den andra.
        """})
    soup = parse(result.build / "sv/norr/print/index.html")
    assert_unique_ids(soup)
    letter = soup.select_one("#page-a-brev")
    assert [a["href"] for a in letter.select("sup a")] == ["#page-a-brev--fn:1", "#page-a-brev--fn:2"]
    for link in letter.select('a[href^="#"]'):  # the footnotes and back
        assert soup.find(id=link["href"][1:]), link
    assert letter.select_one('[id="page-a-brev--fn:1"]').name == "li"
    raw = letter.select_one('[id="page-a-brev--rå"]')
    assert raw["title"] == "a > <h2 id='x'> b" and text_of(raw) == "Rått stycke, inget skript ."
    # A file name that looks like an address with a scheme stays a file name in the document.
    assert raw.select_one("a")["href"] == "./javascript:alert(1)"
    assert [(h.name, text_of(h)) for h in letter.select(".prose h5, .prose h6")] == [("h6", "Fem"), ("h6", "Sex")]


def test_a_place_missing_from_the_version_shown_is_reached_on_its_page(site):
    # In English the values are the translation, without 'Omtanke': the untranslated Swedish
    # strategy's link to that heading leads to the Swedish values page, where it is.
    soup = printed(site, "en")
    link = soup.select_one("#page-strategy .prose a")
    assert link["href"] == "../../../sv/norr/values/#omtanke"
    assert link["data-print-url"] == BASE + "sv/norr/values/#omtanke"
    # The English vision links to a place of the English values, in the document.
    assert soup.select_one("#page-vision .prose a")["href"] == "#page-values--caring"
    # Where the version shown has the place, the link stays in the document.
    assert printed(site, "da").select_one("#page-strategy .prose a")["href"] == "#page-values--omtanke"


def test_each_language_shows_its_translation_or_the_marked_original(site):
    soup = printed(site, "en")
    assert soup.html["lang"] == "en"
    vision = soup.select_one("#page-vision")
    assert text_of(vision.select_one("h2")) == "Our vision" and vision.select_one("h2").get("lang") is None
    assert text_of(vision.select_one(".translation-note")) == "Translated from Swedish."
    strategy = soup.select_one("#page-strategy")
    assert strategy.select_one("h2")["lang"] == "sv"
    assert strategy.select_one(".prose")["lang"] == "sv"
    assert strategy.select_one(".goal-list")["lang"] == "sv"
    assert text_of(strategy.select_one(".translation-note")) == \
        "Not translated: this page is in its original language, Swedish."
    assert text_of(strategy.select_one(".kind")) == "Strategy"  # the interface stays English
    contents = {text_of(li.select_one("a")): text_of(li) for li in soup.select(".handbook-contents li")}
    assert contents["Strategi 2026–2028"].endswith("(only in Swedish)")
    assert "only in" not in contents["Our values"]
    czech = printed(site, "cs").select_one("#page-vision .translation-note")
    assert czech.get_text() == "Nepřeloženo: stránka je v\u00a0původním jazyce (švédština)."


@pytest.mark.parametrize("language,made", [
    ("sv", "Sammanställd den 1 januari 2027."), ("da", "Samlet den 1. januar 2027."),
    ("cs", "Sestaveno 1. ledna 2027."), ("en", "Compiled on January 1, 2027."),
])
def test_it_says_when_it_was_made_and_where_the_latest_version_is(site, language, made):
    soup = printed(site, language)
    cover = soup.select_one(".handbook-cover__made")
    assert cover.get_text().startswith(made)
    assert cover.select_one("time")["datetime"] == "2027-01-01"
    assert cover.select_one("a")["href"] == f"{BASE}{language}/norr/"


def test_it_is_for_readers_not_for_search_engines(site):
    soup = printed(site, "da")
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    assert "/print/" not in (site.build / "sitemap.xml").read_text()
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates == {**{code: f"{BASE}{code}/norr/print/" for code in LANGUAGES},
                          "x-default": f"{BASE}sv/norr/print/"}


# -- kept current --------------------------------------------------------------------------------

def test_an_edit_to_any_page_reaches_it_and_a_warm_build_equals_a_clean_one(site, run, tmp_path):
    root = site.site
    letter = root / "content/norr/a-brev.md"
    letter.write_text(letter.read_text().replace("Välkommen till oss", "Hjärtligt välkommen till oss"))
    (root / "content/anna/organisation.yaml").write_text("name: Anna Omsorg ApS\nlanguage: da\n")
    assert run("build", root).code == 0
    for language in LANGUAGES:
        assert "Hjärtligt välkommen" in text_of(printed(site, language).select_one("#page-a-brev"))
    clean = run("build", "--no-cache", "--out", tmp_path / "clean", root)
    assert clean.code == 0
    assert files_of(root / "build") == files_of(tmp_path / "clean")


def test_a_new_day_renders_the_printed_date_again(make_site, tmp_path, monkeypatch):
    root = make_site(SITE)
    pipeline = Pipeline(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NEW_YEAR)
    pipeline.run(StagedBuild(root / "build"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NEW_YEAR) + 86400))
    report = pipeline.run(StagedBuild(root / "build"))
    assert {f"{code}/{org}/print/index.html" for code in LANGUAGES for org in ("norr", "anna")} \
        <= set(report.rendered_paths)
    assert "2 januari 2027" in text_of(parse(root / "build/sv/norr/print/index.html").select_one("time"))
    assert "Välkommen" in text_of(parse(root / "build/sv/norr/a-brev/index.html"))
    Pipeline(root, cache=None).run(StagedBuild(tmp_path / "clean"))
    assert files_of(root / "build") == files_of(tmp_path / "clean")


# -- its address is its own ---------------------------------------------------------------------

@pytest.mark.parametrize("file,text,where", [
    ("content/norr/print.md", "---\ntitle: Skriv ut\n---\nText.\n", "content/norr/print.md: error[HB242]"),
    ("content/norr/utskrift.md", "---\ntitle: Skriv ut\nslug: print\n---\nText.\n", "content/norr/utskrift.md:3:7: error[HB242]"),
])
def test_no_page_can_take_its_address(make_site, run, file, text, where):
    root = make_site({**SITE, file: text})
    result = run("build", root)
    assert result.code == 1
    assert f"{where}: the address 'print/' is taken by the organisation's printable handbook" in result.err
    assert not (root / "build").exists()


# -- in Chromium: on paper and on screen ---------------------------------------------------------

AXE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                             "best-practice"]}}


def comparable(text: str) -> str:
    """Text as a PDF gives it back, without what layout changes: line breaks, hyphens at line
    ends, ligatures, typographic quotes and dashes; letters and digits only."""
    return re.sub(r"\W+", "", unicodedata.normalize("NFKC", text)).lower()


def pdf_pages(browser, url: str) -> list[str]:
    """The text of each A4 page of `url` printed to PDF by Chromium."""
    from pypdf import PdfReader
    page = browser.new_page()
    page.goto(url)
    data = page.pdf(format="A4")
    page.close()
    reader = PdfReader(io.BytesIO(data))
    for sheet in reader.pages:
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4, in mm
    return [sheet.extract_text() for sheet in reader.pages]


def first_sentence(body: str) -> str:
    """The start of a Markdown body's first paragraph, as words."""
    paragraph = next(p for p in body.split("\n\n") if p.strip() and not p.lstrip().startswith(("#", "<!--")))
    return " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", paragraph).split()[:10])


@pytest.mark.browser
def test_printed_to_pdf_each_page_starts_a_sheet_with_addresses_and_no_navigation(browser, site):
    with served(site.build) as url:
        sheets = pdf_pages(browser, url + "sv/norr/print/")
    whole = comparable(" ".join(sheets))
    cover = sheets[0]
    assert "Hemtjänst Norr" in cover and "Innehåll" in cover
    assert comparable("Sammanställd den 1 januari 2027") in comparable(cover)
    titles = ["Vår vision", "Våra värden", "Strategi 2026–2028", "Brev från chefen", "Nyheter från året"]
    starts = []
    for title in titles:
        sheet = next(i for i, text in enumerate(sheets) if i > 0 and title in text)
        before = re.sub(r"\d+ / \d+", "", sheets[sheet].split(title)[0]).split()
        assert len(before) <= 1, f"{title!r} does not start its sheet: {before}"  # only its kind
        starts.append(sheet)
    assert starts == sorted(set(starts)), starts
    for sentence in ("Visionen säger vart vi är på väg", "Värdena gäller alla som arbetar hos oss",
                     "Strategin bygger på omtanken", "Välkommen till oss", "Året har varit händelserikt"):
        assert comparable(sentence) in whole
    # Where links lead, for a reader of paper: other sites, e-mail, the rest of the handbook.
    for address in ("https://kommun.example/riktlinjer", "info@norr.example",
                    "https://handbook.example/media/norr/broschyr.pdf", "https://handbook.example/da/anna/vision/"):
        assert comparable(f"({address})") in whole, address
    assert whole.count(comparable("https://norr.example/")) == 2  # the website, and a link showing it
    # None of the screen's navigation.
    for chrome in ("Hoppa till innehållet", "Alla organisationer", "English", "čeština",
                   "utskriftskommando", "Skriv ut"):
        assert comparable(chrome) not in whole, chrome


@pytest.mark.browser
def test_the_example_printed_to_pdf_holds_every_page(browser, example):
    from handbook.config import load_config
    from handbook.content import load_site
    from handbook.errors import Problems
    model = load_site(load_config(REPO), Problems())
    with served(example) as url:
        for organisation in model.organisations:
            for language in sorted({organisation.language, "en"}):
                whole = comparable(" ".join(pdf_pages(browser, f"{url}{language}/{organisation.slug}/print/")))
                for original in organisation.originals:
                    page = organisation.page_for(original.id, language)
                    assert comparable(page.title) in whole, page.file
                    assert comparable(first_sentence(page.body)) in whole, page.file
                assert comparable(organisation.name) in whole


@pytest.mark.browser
@pytest.mark.parametrize("path", ["cs/proaros/print/", "sv/hultsfred/print/", "da/cpus-slagelse/print/",
                                  "en/center-norrebro/print/"])
def test_on_screen_it_passes_axe_and_fits_a_phone(browser, example, path):
    from axe_playwright_python.sync_playwright import Axe
    with served(example) as url:
        page = browser.new_page()
        page.goto(url + path)
        result = Axe().run(page, options=AXE)
        assert result.violations_count == 0, result.generate_report()
        page.set_viewport_size({"width": 360, "height": 740})
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        page.close()


@pytest.mark.browser
def test_the_purpose_built_handbook_passes_axe_in_every_language(browser, site):
    from axe_playwright_python.sync_playwright import Axe
    with served(site.build) as url:
        for language in LANGUAGES:
            page = browser.new_page()
            page.goto(f"{url}{language}/norr/print/")
            result = Axe().run(page, options=AXE)
            assert result.violations_count == 0, result.generate_report()
            page.close()


@pytest.mark.browser
def test_the_print_button_prints_where_scripts_run_and_the_hint_says_how_elsewhere(browser, site):
    with served(site.build) as url:
        page = browser.new_page()
        page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
        page.goto(url + "da/norr/print/")
        button = page.get_by_role("button", name="Udskriv")
        assert button.is_visible()
        button.click()
        assert page.evaluate("window.printed") == 1
        page.emulate_media(media="print")
        assert not button.is_visible() and not page.locator(".site-header").is_visible()
        assert page.locator(".handbook-contents").is_visible()
        page.close()
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(url + "da/norr/print/")
        assert not page.locator("button[data-print]").is_visible()
        assert "Ctrl+P" in page.locator(".print-hint").inner_text()
        context.close()
