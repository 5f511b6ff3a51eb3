"""The accessibility statement: site.yaml's `accessibility:` checked like every setting, a page
per language in the order of the EU's model statement (Implementing Decision (EU) 2018/1523),
worded by the catalogs, linked from every page, and a reminder for a site without one."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from xml.etree import ElementTree

import pytest
from babel.dates import format_date

from conftest import files_of, local_target, parse, text_of

LANGUAGES = ("sv", "da", "cs", "en")
STATEMENT = {"sv": "sv/tillganglighet/", "da": "da/tilgaengelighed/", "cs": "cs/pristupnost/",
             "en": "en/accessibility/"}
TITLE = {"sv": "Tillgänglighetsredogörelse", "da": "Tilgængelighedserklæring",
         "cs": "Prohlášení o přístupnosti", "en": "Accessibility statement"}
# The model statement's sections, in its order, as each language's catalog names them.
SECTIONS = {
    "sv": ["Förenlighet med lagkraven", "Innehåll som inte är tillgängligt",
           "Hur redogörelsen har tagits fram", "Återkoppling och kontaktuppgifter", "Tillsyn"],
    "da": ["Overensstemmelsesstatus", "Ikke-tilgængeligt indhold",
           "Udarbejdelse af denne tilgængelighedserklæring", "Feedback og kontaktoplysninger",
           "Håndhævelsesprocedure"],
    "cs": ["Stav souladu", "Nepřístupný obsah", "Vypracování tohoto prohlášení o přístupnosti",
           "Zpětná vazba a kontaktní údaje", "Postupy pro vymáhání práva"],
    "en": ["Compliance status", "Non-accessible content", "Preparation of this accessibility statement",
           "Feedback and contact information", "Enforcement procedure"],
}
SITE = """\
title: {sv: Handbok, da: Håndbog, cs: Příručka, en: Handbook}
base_url: https://handbook.example/
languages: [sv, da, cs, en]
default_language: sv
"""
HEAD = """\
accessibility:
  publisher:
    sv: Region Ekdalen
    en: Ekdalen Region
  country: SE
  status: partial
  method: self-assessment
  prepared: 2025-09-01
  reviewed: 2026-02-16
"""
ISSUES = """\
  issues:
    - text:
        sv: Filmen saknar undertexter.
        en: The film has no subtitles.
      alternative:
        sv: Texten finns på sidan Öppettider.
        en: Its text is on the page about opening hours.
    - text: Det gamla arkivet i PDF är inte tillgängligt.
      reason: disproportionate-burden
    - text: Kartan kommer från Lantmäteriet.
      reason: out-of-scope
"""
CONTACT = """\
  contact:
    name: {sv: Kommunikationsenheten, en: The communications team}
    email: tillganglighet@ekdalen.example
    phone: '+46 10 123 45 67'
    url: https://ekdalen.example/synpunkter
"""
FACTS = HEAD + ISSUES + CONTACT
ORG = {"content/org/organisation.yaml": "name: Vårdcentralen\nlanguage: sv\n",
       "content/org/vision.md": "---\ntitle: Vision\nstatement: Nära vård\n---\nText.\n"}


def site_with(accessibility: str, site: str = SITE) -> str:
    return site + textwrap.dedent(accessibility)


@pytest.fixture
def statement_site(build_site):
    return build_site(ORG, site_with(FACTS))


def plain(text: str) -> str:
    """Text with Czech no-break spaces as spaces."""
    return text.replace("\u00a0", " ")


# -- the page ---------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_the_statement_follows_the_model_in_each_language(statement_site, language):
    soup = statement_site.html(STATEMENT[language] + "index.html")
    assert soup.html["lang"] == language
    assert plain(soup.h1.get_text(strip=True)) == TITLE[language]
    assert plain(soup.title.get_text()).startswith(TITLE[language])
    assert [plain(h2.get_text(" ", strip=True)) for h2 in soup.select("main h2")] == SECTIONS[language]
    assert [h2["id"] for h2 in soup.select("main h2")] == ["status", "content", "preparation", "feedback",
                                                           "enforcement"]
    # Dates in the page's long form, as Babel writes them, and machine-readable.
    times = soup.select("main time")
    assert [t["datetime"] for t in times] == ["2025-09-01", "2026-02-16"]
    assert [t.get_text() for t in times] == [format_date(dt.date(2025, 9, 1), "long", locale=language),
                                             format_date(dt.date(2026, 2, 16), "long", locale=language)]


@pytest.mark.parametrize("language,law,body", [
    ("sv", "lagen (2018:1937) om tillgänglighet till digital offentlig service",
     "Myndigheten för digital förvaltning (Digg)"),
    ("da", "den svenske lov (2018:1937) om tilgængelighed til digital offentlig service",
     "Myndigheten för digital förvaltning (Digg), Sverige"),
    ("cs", "švédským zákonem (2018:1937) o přístupnosti digitálních veřejných služeb",
     "Myndigheten för digital förvaltning (Digg), Švédsko"),
    ("en", "the Swedish Act (2018:1937) on accessibility to digital public service",
     "Agency for Digital Government (Digg), Sweden"),
])
def test_the_country_names_its_law_and_enforcement_body(statement_site, language, law, body):
    soup = statement_site.html(STATEMENT[language] + "index.html")
    lead = plain(text_of(soup.select_one("main .lead")))
    assert law in lead
    assert law in plain(text_of(soup.select_one("#status").parent))
    enforcement = soup.select_one("#enforcement").parent.select_one("dd a")
    assert enforcement["href"] == "https://www.digg.se/tdosanmalan"
    assert enforcement.get_text(strip=True) == body


def test_the_publisher_and_texts_fall_back_to_the_main_language_marked_as_such(statement_site):
    english = statement_site.html("en/accessibility/index.html")
    assert "Ekdalen Region is committed to making its website accessible" in text_of(english.select_one(".lead"))
    danish = statement_site.html("da/tilgaengelighed/index.html")
    publisher = danish.select_one(".lead span[lang]")
    assert (publisher["lang"], publisher.get_text()) == ("sv", "Region Ekdalen")
    contact = danish.select_one("#feedback").parent
    assert contact.select_one("dd span[lang=sv]").get_text() == "Kommunikationsenheten"
    assert english.select_one("#feedback").parent.select_one("dd").get_text() == "The communications team"


def test_non_accessible_content_is_grouped_by_reason(statement_site):
    soup = statement_site.html("en/accessibility/index.html")
    section = soup.select_one("#content").parent
    groups = {h3["id"]: h3.find_next_sibling("ul") for h3 in section.select("h3")}
    assert list(groups) == ["non-compliance", "disproportionate-burden", "out-of-scope"]
    assert [h3.get_text(strip=True) for h3 in section.select("h3")] == [
        "Non-compliance with the legislation", "Disproportionate burden",
        "Content not within the scope of the legislation"]
    film = groups["non-compliance"].li
    assert text_of(film) == ("The film has no subtitles. Accessible alternative: "
                             "Its text is on the page about opening hours.")
    archive = groups["disproportionate-burden"].li.span
    assert archive["lang"] == "sv" and archive.get_text() == "Det gamla arkivet i PDF är inte tillgängligt."
    assert "Lantmäteriet" in text_of(groups["out-of-scope"])


def test_contact_is_a_list_of_working_links(statement_site):
    soup = statement_site.html("sv/tillganglighet/index.html")
    links = [a["href"] for a in soup.select_one("#feedback").parent.select("dd a")]
    assert links == ["mailto:tillganglighet@ekdalen.example", "tel:+46101234567",
                     "https://ekdalen.example/synpunkter"]
    assert [dt.get_text() for dt in soup.select_one("#feedback").parent.select("dt")] == [
        "Kontakt", "E-post", "Telefon", "Webbformulär"]


@pytest.mark.parametrize("status,expected", [
    ("full", "This website is fully compliant with"),
    ("partial", "This website is partially compliant with"),
    ("none", "This website is not compliant with"),
])
def test_each_compliance_status_has_its_sentence(build_site, status, expected):
    facts = (HEAD + (ISSUES if status != "full" else "") + CONTACT).replace("status: partial", f"status: {status}")
    result = build_site(ORG, site_with(facts))
    soup = result.html("en/accessibility/index.html")
    assert expected in text_of(soup.select_one("#status").parent)
    content = soup.select_one("#content").parent
    if status == "full":
        assert not content.select("h3")
        assert "We know of no content on this website that is not accessible." in text_of(content)
    else:
        assert len(content.select("h3")) == 3


def test_czech_keeps_one_letter_words_with_the_next(statement_site):
    lead = statement_site.html("cs/pristupnost/index.html").select_one(".lead").get_text()
    assert "v\u00a0souladu se" in lead and "o\u00a0přístupnosti" in lead


def test_a_third_party_assessment_and_another_standard(build_site):
    facts = FACTS.replace("method: self-assessment", "method: third-party\n  standard: WCAG 2.2 AA")
    soup = build_site(ORG, site_with(facts)).html("en/accessibility/index.html")
    assert ("The statement is based on an assessment of the website by a third party against WCAG 2.2 AA."
            in text_of(soup.select_one("#preparation").parent))


@pytest.mark.parametrize("country,language,href,name", [
    ("DK", "da", "https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/",
     "Digitaliseringsstyrelsen"),
    ("DK", "sv", "https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/",
     "Digitaliseringsstyrelsen, Danmark"),
    ("CZ", "cs", "https://www.dia.gov.cz/egovernment/pristupnost-internetovych-stranek-a-mobilnich-aplikaci/",
     "Digitální a informační agentura"),
])
def test_each_known_country_has_its_law_and_enforcement_body(build_site, country, language, href, name):
    result = build_site(ORG, site_with(FACTS.replace("country: SE", f"country: {country}")))
    soup = result.html(STATEMENT[language] + "index.html")
    link = soup.select_one("#enforcement").parent.select_one("dd a")
    assert (link["href"], plain(link.get_text(strip=True))) == (href, name)
    law = {("DK", "da"): "lov om tilgængelighed af offentlige organers websteder og mobilapplikationer",
           ("DK", "sv"): "den danska lagen om tillgänglighet till offentliga organs webbplatser",
           ("CZ", "cs"): "zákonem č. 99/2019 Sb., o přístupnosti internetových stránek a mobilních aplikací"}
    assert law[country, language] in plain(text_of(soup.select_one(".lead")))


def test_another_country_names_the_directive_and_its_own_body(build_site):
    facts = FACTS.replace("country: SE", "country: FI\n  enforcement:\n"
                                         "    name: {sv: Regionförvaltningsverket, en: Regional State Administrative Agency}\n"
                                         "    url: https://www.saavutettavuusvaatimukset.fi/")
    soup = build_site(ORG, site_with(facts)).html("en/accessibility/index.html")
    assert "in accordance with Directive (EU) 2016/2102" in text_of(soup.select_one(".lead"))
    link = soup.select_one("#enforcement").parent.select_one("dd a")
    assert (link["href"], link.get_text()) == ("https://www.saavutettavuusvaatimukset.fi/",
                                               "Regional State Administrative Agency")


# -- links, addresses, languages ------------------------------------------------------------------

def test_every_page_of_the_example_links_to_the_statement_in_its_language(example):
    pages = sorted(example.rglob("*.html"))
    assert len(pages) > 30
    for file in pages:
        soup = parse(file)
        language = soup.html["lang"]
        links = [a for a in soup.select("footer a") if plain(a.get_text(strip=True)) == TITLE[language]]
        assert len(links) == 1, f"{file}: no footer link to the accessibility statement"
        if file.name == "404.html":
            assert links[0]["href"] == "/" + STATEMENT[language]  # a 404 page is served at any address
            continue
        target = local_target(example, file, links[0]["href"], "https://handbook.example/")
        assert target is not None and target.is_file(), f"{file}: {links[0]['href']} leads nowhere"
        assert target == example / STATEMENT[language] / "index.html"


def test_the_statement_marks_its_own_footer_link(statement_site):
    link = statement_site.html("sv/tillganglighet/index.html").select_one("footer a[aria-current=page]")
    assert link["href"] == "./"


def test_the_language_versions_link_each_other(statement_site):
    for language in LANGUAGES:
        soup = statement_site.html(STATEMENT[language] + "index.html")
        alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"]')}
        assert alternates == {**{code: "https://handbook.example/" + path for code, path in STATEMENT.items()},
                              "x-default": "https://handbook.example/sv/tillganglighet/"}
        switcher = [a["href"] for a in soup.select(".language-switcher a")]
        assert len(switcher) == 3 and all((statement_site.build / STATEMENT[language] / href / "index.html")
                                          .resolve().is_file() for href in switcher)


def test_the_sitemap_lists_every_language_version(statement_site):
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap = ElementTree.parse(statement_site.build / "sitemap.xml").getroot()
    entries = {url.findtext("s:loc", namespaces=namespaces): [link.get("href") for link in url.findall("x:link", namespaces)]
               for url in sitemap.findall("s:url", namespaces)}
    for path in STATEMENT.values():
        assert entries["https://handbook.example/" + path] == [
            "https://handbook.example/" + other for other in STATEMENT.values()]


def test_a_sub_path_base_url(build_site):
    result = build_site(ORG, site_with(FACTS, SITE.replace("https://handbook.example/",
                                                           "https://intranet.example/handbok/")))
    soup = result.html("cs/pristupnost/index.html")
    assert soup.select_one('link[rel="canonical"]')["href"] == "https://intranet.example/handbok/cs/pristupnost/"
    address = soup.select_one(".page-header a")
    assert address["href"] == address.get_text() == "https://intranet.example/handbok/"
    home = result.html("cs/org/index.html").select("footer a")[-1]["href"]
    assert (result.build / "cs/org" / home / "index.html").resolve() == result.build / "cs/pristupnost/index.html"
    assert result.html("en/404.html").select("footer a")[-1]["href"] == "/handbok/en/accessibility/"


def test_an_organisation_cannot_take_the_statements_address(make_site, run):
    root = make_site({**ORG, "content/pristupnost/organisation.yaml": "name: Přístupnost\nlanguage: cs\n"},
                     site_with(FACTS))
    result = run("build", root)
    assert result.code == 1
    assert ("content/pristupnost: error[HB439]: the organisation's address cs/pristupnost/ is the accessibility "
            "statement's") in result.err
    assert not (root / "build").exists()


def test_two_builds_are_byte_identical(make_site, run, tmp_path):
    root = make_site(ORG, site_with(FACTS))
    assert run("build", "--no-cache", "--out", tmp_path / "one", root).code == 0
    assert run("build", "--no-cache", "--out", tmp_path / "two", root).code == 0
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")


def test_a_warm_cache_after_edits_equals_a_clean_build(make_site, run, tmp_path):
    root = make_site(ORG, site_with(FACTS))
    assert run("build", root).code == 0
    site_yaml = root / "site.yaml"
    for old, new in [("reviewed: 2026-02-16", "reviewed: 2026-03-01"), ("country: SE", "country: DK"),
                     ("en: Ekdalen Region", "en: The Ekdalen Region")]:
        site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        warm = run("build", root)
        assert warm.code == 0, warm.err
        shutil.rmtree(tmp_path / "clean", ignore_errors=True)
        assert run("build", "--no-cache", "--out", tmp_path / "clean", root).code == 0
        assert files_of(root / "build") == files_of(tmp_path / "clean")
    assert "2026-03-01" in (root / "build/en/accessibility/index.html").read_text(encoding="utf-8")
    # A site catalog that rewords the statement renders it again, in that language only.
    (root / "locales/da/LC_MESSAGES").mkdir(parents=True)
    (root / "locales/da/LC_MESSAGES/messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: da\\n"\n\nmsgid "Accessibility statement"\nmsgstr "Om tilgængelighed"\n',
        encoding="utf-8")
    warm = run("build", root)
    assert "Om tilgængelighed" in parse(root / "build/da/tilgaengelighed/index.html").h1.get_text()
    assert run("build", "--no-cache", "--out", tmp_path / "clean2", root).code == 0
    assert files_of(root / "build") == files_of(tmp_path / "clean2")


def test_the_statement_depends_on_settings_and_catalogs_not_on_content(make_site):
    from handbook.build import build
    root = make_site(ORG, site_with(FACTS))
    first = build(root)
    assert set(STATEMENT.values()) <= {path.removesuffix("index.html") for path in first.rendered_paths}
    vision = root / "content/org/vision.md"
    vision.write_text(vision.read_text(encoding="utf-8").replace("Text.", "Another text."), encoding="utf-8")
    # The page and its organisation's printable handbooks, which hold it; no statement.
    assert sorted(build(root).rendered_paths) == sorted(["sv/org/vision/index.html", *(
        f"{code}/org/print/index.html" for code in ("sv", "da", "cs", "en"))])


# -- a site without a statement ---------------------------------------------------------------

def test_without_the_setting_a_warning_that_strict_lets_pass(build_site):
    result = build_site(ORG, SITE, "--strict")
    assert "site.yaml: warning[HB443]: this site publishes no accessibility statement" in result.err
    assert "accessibility: false" in result.err  # the hint says how to silence it
    assert not (result.build / "en/accessibility").exists()
    assert all(TITLE[soup.html["lang"]] not in text_of(soup.footer)
               for soup in map(parse, result.build.rglob("*.html")))


def test_required_warns_and_fails_a_strict_build(make_site, run):
    root = make_site(ORG, site_with("accessibility: required\n"))
    result = run("build", root)
    assert result.code == 0
    assert "site.yaml:5:16: warning[HB441]: 'accessibility: required', but site.yaml gives no accessibility statement" \
        in result.err
    before = files_of(root / "build")
    strict = run("build", "--strict", root)
    assert strict.code == 1
    assert "site.yaml:5:16: warning[HB441]: 'accessibility: required'" in strict.err
    assert "nothing was written" in strict.err
    assert files_of(root / "build") == before
    assert run("check", "--strict", root).code == 1


def test_false_means_no_statement_and_no_warning(build_site):
    result = build_site(ORG, site_with("accessibility: false\n"), "--strict")
    assert "warning" not in result.err
    assert not (result.build / "sv/tillganglighet").exists()
    assert not any(a.get_text() == "Tillgänglighetsredogörelse" for a in result.html("sv/index.html").select("a"))


def test_a_statement_published_elsewhere_is_linked_from_every_page(build_site):
    url = "https://www.was.digst.dk/handbook-example"
    result = build_site(ORG, site_with(f"accessibility:\n  url: {url}\n"), "--strict")
    assert "warning" not in result.err
    assert not (result.build / "da/tilgaengelighed").exists()
    for path in ("index.html", "da/index.html", "sv/org/vision/index.html", "cs/404.html"):
        assert result.html(path).select("footer a")[-1]["href"] == url


# -- mistakes in site.yaml ----------------------------------------------------------------------

MISTAKES = [  # (a line of FACTS, what a mistake makes of it, the message, a word of its hint)
    ("  reviewed: 2026-02-16", "  reviwed: 2026-02-16",
     "site.yaml:13:3: error[HB030]: unknown key 'reviwed' in 'accessibility'", "did you mean 'reviewed'?"),
    ("  status: partial", "  status: partly",
     "site.yaml:10:11: error[HB433]: 'status' must be one of full, partial, none, got 'partly'", "did you mean 'partial'?"),
    ("  method: self-assessment", "  method: self assessment",
     "site.yaml:11:11: error[HB433]: 'method' must be one of self-assessment, third-party, got 'self assessment'",
     "did you mean 'self-assessment'?"),
    ("  prepared: 2025-09-01", "  prepared: 1. 9. 2025",
     "site.yaml:12:13: error[HB040]: 'prepared' must be a date, got a text '1. 9. 2025'", "YYYY-MM-DD"),
    ("  reviewed: 2026-02-16", "  reviewed: 2025-01-01",
     "site.yaml:13:13: error[HB408]: 'reviewed' (2025-01-01) is before 'prepared' (2025-09-01)", "last checked"),
    ("  country: SE", "  country: Sverige",
     "site.yaml:9:12: error[HB209]: 'country' must be a two-letter country code, got 'Sverige'", "SE, DK, CZ"),
    ("  country: SE", "  country: FI",
     "site.yaml:9:12: error[HB430]: the statement must name the enforcement body readers can turn to: handbook "
     "knows none for 'FI'", "'enforcement:'"),
    ("      reason: disproportionate-burden", "      reason: burden",
     "site.yaml:22:15: error[HB433]: 'reason' must be one of non-compliance, disproportionate-burden, out-of-scope, "
     "got 'burden'", None),
    ("        en: The film has no subtitles.",
     "        en: The film has no subtitles.\n        de: Der Film hat keine Untertitel.",
     "site.yaml:18:9: error[HB414]: 'text' has a text for 'de', which is not in 'languages'", "sv, da, cs, en"),
    ("    email: tillganglighet@ekdalen.example", "    email: tillganglighet(at)ekdalen.example",
     "site.yaml:27:12: error[HB423]: 'email' must be an email address, got 'tillganglighet(at)ekdalen.example'", None),
    ("    phone: '+46 10 123 45 67'", "    phone: 0101234567",
     "site.yaml:28:12: error[HB435]: 'phone' must be in quotes: written without, it is read as a number",
     "phone: '+46 771 11 44 00'"),
    ("    phone: '+46 10 123 45 67'", "    phone: 'ring oss'",
     "site.yaml:28:12: error[HB437]: 'phone' must be a phone number, got 'ring oss'", "digits"),
    ("    url: https://ekdalen.example/synpunkter", "    url: ekdalen.example/synpunkter",
     "site.yaml:29:10: error[HB211]: 'url' must be a web address starting with https:// or http://, got "
     "'ekdalen.example/synpunkter'", None),
]


@pytest.mark.parametrize("line,mistake,message,hint", MISTAKES, ids=[m[1].strip() for m in MISTAKES])
def test_each_mistake_is_reported_at_its_line(make_site, run, line, mistake, message, hint):
    assert f"\n{line}\n" in FACTS
    root = make_site(ORG, site_with(FACTS.replace(f"\n{line}\n", f"\n{mistake}\n")))
    result = run("build", root)
    assert result.code == 1, result.err
    assert message in result.err, result.err
    if hint:
        hint_line = result.err.split(message, 1)[1].splitlines()[1]
        assert hint_line.startswith("  hint: ") and hint in hint_line, result.err
    assert not (root / "build").exists()


@pytest.mark.parametrize("facts,message", [
    ("accessibility: maybe\n",
     "site.yaml:5:16: error[HB401]: 'accessibility' must be the facts of the accessibility statement, 'required' or "
     "false, got a text 'maybe'"),
    ("accessibility: true\n", "site.yaml:5:16: error[HB400]: 'accessibility' must be the facts"),
    ("accessibility:\n  country: SE\n", "site.yaml:6:3: error[HB033]: 'accessibility' is missing 'publisher'"),
    ("accessibility:\n  publisher: R\n  country: SE\n  status: partial\n  method: self-assessment\n"
     "  prepared: 2025-09-01\n  contact: {email: a@b.example}\n",
     "site.yaml:8:11: error[HB417]: 'status: partial' needs the content that is not accessible, listed under 'issues'"),
    ("accessibility:\n  publisher: R\n  country: SE\n  status: full\n  method: self-assessment\n"
     "  prepared: 2025-09-01\n  contact: {email: a@b.example}\n  issues: [Filmen saknar text.]\n",
     "site.yaml:12:12: error[HB420]: 'status: full' and an issue of non-compliance: a fully compliant site has none"),
    ("accessibility:\n  publisher: R\n  country: SE\n  status: full\n  method: self-assessment\n"
     "  prepared: 2025-09-01\n  contact: {name: Enheten}\n",
     "site.yaml:11:12: error[HB427]: 'contact' needs at least one way to reach you: email, phone or url"),
    ("accessibility:\n  publisher: R\n  country: SE\n  status: full\n  method: self-assessment\n"
     "  prepared: 2025-09-01\n",
     "site.yaml:6:3: error[HB033]: 'accessibility' is missing 'contact'"),
    ("accessibility:\n  publisher: {en: Region}\n  country: SE\n  status: full\n  method: self-assessment\n"
     "  prepared: 2025-09-01\n  contact: {email: a@b.example}\n",
     "site.yaml:6:14: error[HB049]: 'publisher' has no text in the default language 'sv'"),
    ("accessibility:\n  url: https://was.example/x\n  status: full\n",
     "site.yaml:7:3: error[HB406]: 'accessibility' has 'url', a statement published elsewhere, and 'status'"),
    ("accessibility:\n  publisher: R\n  country: SE\n  status: partial\n  method: self-assessment\n"
     "  prepared: 2025-09-01\n  contact: {email: a@b.example}\n  issues:\n    - reason: out-of-scope\n",
     "site.yaml:13:7: error[HB033]: an issue is missing 'text'"),
    ("accessibility:\n  publisher: R\n  status: partial\n  method: self-assessment\n"
     "  prepared: 2025-09-01\n  contact: {email: a@b.example}\n  issues: [X]\n"
     "  enforcement: {url: 'https://e.example/'}\n",
     "site.yaml:12:16: error[HB033]: 'enforcement' is missing 'name'"),
    ("accessibility:\n  url: was.digst.dk/x\n",
     "site.yaml:6:8: error[HB211]: 'url' must be a web address starting with https:// or http://"),
])
def test_each_incomplete_statement_is_reported_at_its_line(make_site, run, facts, message):
    root = make_site(ORG, site_with(facts))
    result = run("build", root)
    assert result.code == 1
    assert message in result.err, result.err
    assert "Traceback" not in result.err and not (root / "build").exists()


def test_markup_in_the_texts_is_sanitised_with_a_warning_at_its_line(make_site, run):
    facts = FACTS.replace("Kartan kommer från Lantmäteriet.",
                          "'Kartan <script>alert(1)</script>kommer från [Lantmäteriet](https://lm.example/).'")
    root = make_site(ORG, site_with(facts))
    result = run("build", root)
    assert result.code == 0, result.err
    assert "site.yaml:23: warning[HB328]:" in result.err and "script" in result.err
    item = parse(root / "build/sv/tillganglighet/index.html").select_one("#out-of-scope + ul li")
    assert item.script is None and item.a["href"] == "https://lm.example/"
    assert run("build", "--strict", root).code == 1
    bad = make_site(ORG, site_with(facts.replace("https://lm.example/", "javascript:alert(1)")))
    result = run("build", bad)
    assert result.code == 1 and "site.yaml:23: error[HB323]: the link 'javascript:alert(1)' is not allowed" in result.err
