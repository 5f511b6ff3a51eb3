"""Locale typography on Markdown and YAML text, never inside code, URLs or attributes."""

from __future__ import annotations

import pytest

from handbook.typography import NBSP, RULES, typeset, typeset_interface

BODY = """\
Vi sa "hej" och 'tja' i 2018-2019, den 2019-03-01, tel. 070-1234.

Kod: `"inte" 2018-2019 v kódu` och [en "länk"](https://example.org/it's/2018-2019 "En 'titel' 2018-2019").

```
print("2018-2019")
```

"*Betonat*" slut.
"""


def built(build_site, language: str, body: str = BODY, front: str = "") -> tuple:
    result = build_site({
        "content/org/organisation.yaml": f"name: Org\nlanguage: {language}\n",
        "content/org/page.md": f"---\ntitle: '\"Sidan\" 2018-2019'\n{front}---\n{body}",
    })
    return result, result.html(f"{language}/org/page/index.html")


QUOTES = [  # language, double quotes, single quotes
    ("sv", "\u201d\u201d", "\u2019\u2019"), ("da", "\u00bb\u00ab", "\u203a\u2039"),
    ("cs", "\u201e\u201c", "\u201a\u2018"), ("en", "\u201c\u201d", "\u2018\u2019"),
]


@pytest.mark.parametrize("language,double,single", QUOTES)
def test_quotes_and_year_ranges_follow_the_locale(build_site, language, double, single):
    opening, closing = double
    _, page = built(build_site, language)
    first = page.select_one(".prose p").get_text()
    assert f"{opening}hej{closing}" in first
    assert f"{single[0]}tja{single[1]}" in first
    assert "2018\u20132019" in first
    assert "2019-03-01" in first and "070-1234" in first
    last = page.select(".prose p")[-1].get_text()
    assert last.startswith(f"{opening}Betonat{closing}")
    assert page.select_one("h1").get_text() == f"{opening}Sidan{closing} 2018\u20132019"


def test_code_urls_and_attributes_are_left_alone(build_site):
    _, page = built(build_site, "cs")
    code = page.select_one(".prose p code").get_text()
    assert code == '"inte" 2018-2019 v kódu'
    assert page.select_one(".prose pre code").get_text() == 'print("2018-2019")\n'
    link = page.select_one(".prose p a")
    assert link["href"] == "https://example.org/it's/2018-2019"
    assert link["title"] == "En 'titel' 2018-2019"
    assert link.get_text() == "en \u201elänk\u201c"


def test_czech_one_letter_words_never_end_a_line(build_site):
    body = "Služby v Praze a v Brně, s klienty i k cíli; o tom u nás. V roce 2017 z kraje.\n"
    _, page = built(build_site, "cs", body)
    text = page.select_one(".prose p").get_text()
    for word in ("v Praze", "a v", "v Brně", "s klienty", "i k", "k cíli", "o tom", "u nás", "V roce", "z kraje"):
        first, second = word.split(" ")
        assert f"{first}{NBSP}{second}" in text, word
    assert "Služby v" in text.replace(NBSP, " ")


def test_swedish_gets_no_czech_no_break_spaces(build_site):
    _, page = built(build_site, "sv", "Vi bor i en stad och a och o.\n")
    assert NBSP not in page.select_one(".prose p").get_text()


def test_yaml_text_fields_are_set_too(build_site):
    result = build_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: da\n",
        "content/org/values.md": "---\ntitle: Værdier\nvalues:\n  - name: '\"Sammen\" med borgeren'\n"
                                 "    description: 'betyder \"ligeværdigt\" samarbejde'\n---\n",
        "content/org/vision.md": "---\ntitle: Vision\nstatement: 'Vi vil \"mere\" i 2018-2019'\n---\n",
    })
    values = result.html("da/org/values/index.html")
    assert values.select_one(".value__name").get_text() == "\u00bbSammen\u00ab med borgeren"
    assert "\u00bbligeværdigt\u00ab" in values.select_one(".value__description").get_text()
    statement = result.html("da/org/vision/index.html").select_one(".statement").get_text()
    assert "Vi vil \u00bbmere\u00ab i 2018\u20132019" in statement
    # On the Swedish home, the Danish statement keeps Danish typography.
    card = result.html("sv/index.html").select_one(".card__statement").get_text()
    assert "\u00bbmere\u00ab" in card


def test_a_language_without_rules_is_left_as_written():
    assert "de" not in RULES
    assert typeset('Er sagte "ja" 2018-2019', "de") == 'Er sagte "ja" 2018-2019'
    assert typeset('"ja"', "sv-FI") == "\u201dja\u201d"


def test_year_ranges_only_when_they_are_ranges():
    assert typeset("2019-2018", "sv") == "2019-2018"
    assert typeset("2018- 2019", "da") == "2018\u20132019"
    assert typeset("ISBN 978-91-2018-2019-1", "sv") == "ISBN 978-91-2018-2019-1"


@pytest.mark.parametrize("language,double,single", QUOTES)
def test_single_quotes_open_and_close_and_apostrophes_stay_apostrophes(language, double, single):
    text = typeset("""CPUS' strategi: 'Nørrebro's bedste', "et 'lille' citat" og ('fælles').""", language)
    assert text.startswith("CPUS\u2019 strategi: ")  # an apostrophe after a word
    assert f"{single[0]}Nørrebro\u2019s bedste{single[1]}," in text
    assert f"{double[0]}et {single[0]}lille{single[1]} citat{double[1]}" in text
    assert f"({single[0]}fælles{single[1]})." in text
    assert "'" not in text


def test_an_apostrophe_inside_a_word_or_before_a_number_is_no_quotation_mark():
    assert typeset("it's the '90s", "en") == "it\u2019s the \u201990s"
    assert typeset("Hans' og Grethes", "da") == "Hans\u2019 og Grethes"


def test_interface_strings_keep_their_placeholders_whole():
    assert typeset_interface("%(count)s stránka a k %(name)s", "cs") == f"%(count)s stránka a{NBSP}k{NBSP}%(name)s"
    assert typeset_interface("100%% a 'citát'", "cs") == f"100%% a{NBSP}\u201acitát\u2018"
    assert typeset_interface("Vi sa 'hej' i %(place)s", "sv") == "Vi sa \u2019hej\u2019 i %(place)s"
    assert typeset_interface("anything", "de") == "anything"


CZECH_PO = """\
msgid ""
msgstr ""
"Language: cs\\n"
"Plural-Forms: nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Skip to content"
msgstr "Přejít k obsahu a k 'hlavní' části"

#, python-format
msgid "only in %(language)s"
msgstr "jen v originále: %(language)s"

#, python-format
msgid "%(count)s page"
msgid_plural "%(count)s pages"
msgstr[0] "%(count)s stránka"
msgstr[1] "%(count)s stránky"
msgstr[2] "%(count)s stránek"
"""


def test_a_sites_catalog_is_set_by_the_languages_typography_too(build_site):
    """A translator who types plain spaces still gets Czech one-letter words bound to the next."""
    result = build_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
        "content/org/brev.md": "---\ntitle: Brev\n---\nText.\n",
        "locales/cs/LC_MESSAGES/messages.po": CZECH_PO,
    })
    home = result.html("cs/index.html")
    assert home.select_one(".skip-link").get_text() == f"Přejít k{NBSP}obsahu a{NBSP}k{NBSP}\u201ahlavní\u2018 části"
    assert home.select_one(".only-in").get_text() == f"(jen v{NBSP}originále: švédština)"
    assert home.select_one(".card__count").get_text() == "1 stránka"
    # Other languages' interface is left as their rules say: no Czech spaces in Swedish.
    assert NBSP not in result.html("sv/index.html").select_one(".skip-link").get_text()
