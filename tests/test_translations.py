"""Translations: reciprocal hreflang, switchers, translated slugs, and marked fallbacks."""

from __future__ import annotations

from conftest import local_target, parse, text_of

BASE = "https://handbook.example/"


def alternates(soup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}


def test_hreflang_is_reciprocal_across_the_whole_example(example):
    pages = {}
    for file in example.rglob("*.html"):
        soup = parse(file)
        canonical = soup.select_one('link[rel="canonical"]')
        if canonical is not None:
            pages[canonical["href"]] = (soup.html["lang"], alternates(soup))
    assert len(pages) == 58  # 34, a printable handbook per organisation and language, 4 statements
    for url, (language, links) in pages.items():
        if url == BASE:
            # The root language picker is itself the x-default of the homes.
            assert links["x-default"] == BASE and set(links) == {"sv", "da", "cs", "en", "x-default"}
            continue
        if not links:
            continue
        assert links[language] == url, f"{url} does not list itself as {language}"
        assert ("x-default" in links) == (len(links) > 1)
        for code, target in links.items():
            if code == "x-default":
                assert target in pages.values() or target in pages or target == BASE
                continue
            assert target in pages, f"{url}: alternate {target} does not exist"
            back = pages[target][1]
            assert back.get(language) == url, f"{target} does not point back to {url}"
            assert pages[target][0] == code


def test_translated_pages_link_each_other_and_name_languages_in_themselves(example):
    english = parse(example / "en" / "proaros" / "vision" / "index.html")
    assert english.html["lang"] == "en"
    assert alternates(english) == {"sv": BASE + "sv/proaros/vision/", "en": BASE + "en/proaros/vision/",
                                   "x-default": BASE + "en/proaros/vision/"}
    switcher = english.select(".language-switcher li > *")
    assert [(e.name, e.get_text(), e.get("lang")) for e in switcher] == [
        ("a", "svenska", "sv"), ("span", "English", "en")]
    swedish = parse(example / "sv" / "proaros" / "vision" / "index.html")
    assert [e.get_text() for e in swedish.select(".language-switcher li > *")] == ["svenska", "English"]
    note = english.select_one(".translation-note")
    assert text_of(note).startswith("Translated from Swedish.")
    assert note.select_one("a")["href"] == "../../../sv/proaros/vision/"
    assert text_of(english.select_one(".statement")) == "Always the best possible encounter"


def test_originals_stay_untouched_by_their_translations(example):
    swedish = parse(example / "sv" / "proaros" / "vision" / "index.html")
    assert swedish.select_one(".translation-note") is None
    assert text_of(swedish.select_one(".statement")) == "Alltid bästa möjliga möte"


def test_fallback_links_are_marked_with_language_and_note(example):
    home = parse(example / "da" / "index.html")
    card = next(c for c in home.select(".card") if text_of(c.select_one(".card__title")) == "proAros")
    link = card.select_one(".card__contents a")
    assert link["hreflang"] == "sv" and link["lang"] == "sv"
    assert text_of(link.find_next_sibling("span")) == "(kun på svensk)"
    # English has a translation: the English home links to it, with no note.
    english = parse(example / "en" / "index.html")
    card = next(c for c in english.select(".card") if text_of(c.select_one(".card__title")) == "proAros")
    link = card.select_one(".card__contents a")
    assert link["href"] == "../en/proaros/vision/" or link["href"].endswith("proaros/vision/")
    assert link.get("lang") is None and link.find_next_sibling("span", class_="only-in") is None
    target = local_target(example, example / "en" / "index.html", link["href"], BASE)
    assert target == (example / "en" / "proaros" / "vision" / "index.html").resolve()


def test_czech_note_for_a_swedish_original(example):
    overview = parse(example / "cs" / "proaros" / "index.html")
    assert text_of(overview.select_one(".only-in")) == "(jen v originále: švédština)"


def test_translated_slug_keeps_hreflang_right(build_site):
    result = build_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
        "content/org/vision.md": "---\ntitle: Vår vision\nslug: var-vision\n---\nText.\n",
        "content/org/vision.en.md": "---\ntitle: Our vision\nslug: our-vision\ntranslated_from: sv\n---\nText.\n",
        "content/org/vision.cs.md": "---\ntitle: Naše vize\nslug: nase-vize\n---\nText.\n",
    })
    build = result.build
    assert (build / "sv/org/var-vision/index.html").is_file()
    assert (build / "en/org/our-vision/index.html").is_file()
    assert (build / "cs/org/nase-vize/index.html").is_file()
    expected = {"sv": BASE + "sv/org/var-vision/", "cs": BASE + "cs/org/nase-vize/",
                "en": BASE + "en/org/our-vision/"}
    for path in ("sv/org/var-vision/", "en/org/our-vision/", "cs/org/nase-vize/"):
        links = alternates(result.html(path + "index.html"))
        assert {k: v for k, v in links.items() if k != "x-default"} == expected
        assert links["x-default"] == BASE + "sv/org/var-vision/"
    overview = result.html("da/org/index.html").select_one(".contents-list a")
    assert overview["href"] == "../../sv/org/var-vision/"
    assert result.html("en/org/index.html").select_one(".contents-list a")["href"] == "our-vision/"
    sitemap = (build / "sitemap.xml").read_text()
    assert f'hreflang="en" href="{BASE}en/org/our-vision/"' in sitemap


def test_translated_from_must_name_the_originals_language(make_site, run):
    root = make_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
        "content/org/vision.md": "---\ntitle: Vår vision\n---\n",
        "content/org/vision.en.md": "---\ntitle: Our vision\ntranslated_from: da\n---\n",
    })
    result = run("build", root)
    assert result.code == 1
    assert "content/org/vision.en.md:3:18: error[HB233]: the original is written in 'sv', not 'da'" in result.err


def test_translated_from_is_only_for_translations(make_site, run):
    root = make_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
        "content/org/vision.md": "---\ntitle: Vår vision\ntranslated_from: sv\n---\n",
    })
    result = run("build", root)
    assert result.code == 1
    assert "content/org/vision.md:3:1: error[HB030]: unknown key 'translated_from'" in result.err
