"""What the theme writes around the organisations' texts reads right in each language: headings
that are words, not counts; names kept whole; Czech one-letter words bound to the next word on
every page, interface included."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Comment

from conftest import parse, text_of

NBSP = "\u00a0"

# Per language: an organisation in it, with a value whose name holds the list conjunction.
WORDS = {
    "sv": {"name": "Kunskap och omtanke", "pages": "Sidor", "goals": "Mål", "values": "Värdegrund",
           "language": "Språk: svenska", "published": "Publicerad"},
    "da": {"name": "Vidensbaserede indsatser og kvalitet", "pages": "Sider", "goals": "Mål",
           "values": "Værdier", "language": "Skrevet på dansk", "published": "Publiceret"},
    "cs": {"name": "Respekt a\u00a0důvěra", "pages": "Stránky", "goals": "Cíle", "values": "Hodnoty",
           "language": "Jazyk: čeština", "published": "Zveřejněno"},
    "en": {"name": "Knowledge and care", "pages": "Pages", "goals": "Goals", "values": "Values",
           "language": "Written in English", "published": "Published"},
}


def organisation(language: str) -> dict[str, str]:
    name = WORDS[language]["name"].replace(NBSP, " ")
    return {
        "content/org/organisation.yaml": f"name: Org\nlanguage: {language}\n",
        "content/org/values.md": f"---\ntitle: T\nvalues:\n  - name: {name}\n    description: D.\n"
                                 "  - name: Mod\n---\nText:\n",
        "content/org/strategy.md": "---\ntitle: S\nperiod: {from: 2025, to: 2027}\ngoals: [G1, G2]\n---\n",
        "content/org/letter.md": "---\ntitle: L\ndate: 2024-01-01\nupdated: 2024-02-01\n---\nText.\n",
    }


@pytest.mark.parametrize("language", sorted(WORDS))
def test_headings_and_labels_are_words_of_the_language(build_site, language):
    words = WORDS[language]
    result = build_site(organisation(language))
    overview = result.html(f"{language}/org/index.html")
    assert [text_of(h) for h in overview.select("main h2")] == [words["pages"]]
    strategy = result.html(f"{language}/org/strategy/index.html")
    assert text_of(strategy.select_one("#goals-heading")) == words["goals"]
    home = result.html(f"{language}/index.html")
    assert text_of(home.select_one(".card__label")) == words["values"]
    # A list of names, not a sentence: a name holding the word for "and" stays one item.
    assert [li.get_text() for li in home.select(".card__value-list li")] == [words["name"], "Mod"]
    assert words["language"] in text_of(home.select_one(".card__meta"))
    letter = result.html(f"{language}/org/letter/index.html")
    assert text_of(letter.select_one(".byline")).startswith(words["published"] + " ")


@pytest.mark.parametrize("language", sorted(WORDS))
def test_a_values_page_has_no_heading_that_counts_or_lists_the_values(build_site, language):
    result = build_site(organisation(language))
    page = result.html(f"{language}/org/values/index.html")
    headings = [h.get_text() for h in page.select("main article h2, main article h3")]
    assert headings == [WORDS[language]["name"], "Mod"]
    # The text leading into the values is followed by the values themselves.
    assert page.select_one(".prose").find_next_sibling().select_one(".value-list") is not None


def test_a_description_that_goes_on_from_the_name_is_read_with_it(build_site):
    result = build_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: da\n",
        "content/org/values.md": "---\ntitle: T\nvalues:\n"
                                 "  - name: Sammen med borgeren\n    description: betyder at vi lytter\n"
                                 "  - name: Mod\n    description: Vi tør.\n"
                                 "  - name: Tillid\n    description: '*betyder* at vi stoler på hinanden'\n---\n",
    })
    values = result.html("da/org/values/index.html").select(".value")
    assert [text_of(v) for v in values] == ["Sammen med borgeren – betyder at vi lytter", "Mod Vi tør.",
                                           "Tillid – betyder at vi stoler på hinanden"]
    assert [("value--run-in" in v["class"]) for v in values] == [True, False, True]


def test_no_heading_of_the_example_is_a_count(example):
    for file in sorted(example.rglob("*.html")):
        for heading in parse(file).select("h1, h2, h3, h4"):
            assert not re.match(r"\d", text_of(heading)), f"{file.relative_to(example)}: {heading}"


# -- Czech: a one-letter word (k, s, v, z, o, u, a, i) never ends a line -------------------------

ONE_LETTER = re.compile(r"(?<![\w\u00a0\u2019\-])[ksvzouaiKSVZOUAI] ")
HIDDEN = {"code", "pre", "script", "style", "kbd", "samp"}
# Attributes whose text readers see or hear (data-* holds the search box's messages).
SHOWN = ("aria-label", "title", "alt", "placeholder")


def language_of(element) -> str | None:
    for node in (element, *element.parents):
        if getattr(node, "attrs", None) and node.get("lang"):
            return node["lang"]
    return None


def unbound_one_letter_words(soup: BeautifulSoup, language: str = "cs") -> list[str]:
    """Each place where a one-letter word in `language` is followed by a plain space."""
    found, previous = [], ""
    for string in soup.find_all(string=True):
        if isinstance(string, Comment) or any(p.name in HIDDEN for p in string.parents):
            continue
        text = str(string)
        if language_of(string.parent) == language:
            # The text before says whether a word starts here ("Dánsko" + " " is no "o ").
            before = previous[-15:]
            joined = before + text
            found += [joined[m.start():m.end() + 15] for m in ONE_LETTER.finditer(joined)
                      if m.end() > len(before)]
        previous = (previous + text)[-15:]
    for element in soup.find_all(True):
        if language_of(element) != language:
            continue
        for name, value in element.attrs.items():
            shown = name in SHOWN or name.startswith("data-") or (
                name == "content" and element.get("name") == "description")
            if shown and isinstance(value, str):
                found += [f"{name}: {value[m.start():m.end() + 15]}"
                          for m in ONE_LETTER.finditer(value)]
    return found


def test_the_check_finds_a_plain_space_after_a_one_letter_word():
    soup = BeautifulSoup('<html lang="cs"><p>Přejít k obsahu <span lang="sv">i Sverige</span>'
                         f'<a title="v odkazu">a{NBSP}b</a> <code>v kódu</code></p></html>', "html.parser")
    assert unbound_one_letter_words(soup) == ["k obsahu ", "title: v odkazu"]


def test_every_czech_page_of_the_example_binds_one_letter_words(example):
    pages = sorted((example / "cs").rglob("*.html"))
    assert len(pages) >= 8
    for file in pages:
        soup = parse(file)
        assert soup.html["lang"] == "cs"
        found = unbound_one_letter_words(soup)
        assert not found, f"{file.relative_to(example)}: {found}"


def test_the_czech_interface_binds_one_letter_words_where_they_were(example):
    """The strings the review found: the interface, not only the content, is set."""
    home = parse(example / "cs" / "index.html")
    assert home.select_one(".skip-link").get_text() == f"Přejít k{NBSP}obsahu"
    assert f"hodnoty a{NBSP}strategie" in home.select_one(".lead").get_text()
    assert f"jen v{NBSP}originále" in home.select_one(".only-in").get_text()
    assert f"v{NBSP}odkazu" in parse(example / "cs" / "404.html").select_one("main").get_text()
