"""Locale typography on Markdown and YAML text, never inside code, URLs or attributes."""

from __future__ import annotations

import pytest

from handbook.typography import NBSP, RULES, typeset

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


@pytest.mark.parametrize("language,opening,closing", [
    ("sv", "\u201d", "\u201d"), ("da", "\u00bb", "\u00ab"), ("cs", "\u201e", "\u201c"), ("en", "\u201c", "\u201d"),
])
def test_quotes_and_year_ranges_follow_the_locale(build_site, language, opening, closing):
    _, page = built(build_site, language)
    first = page.select_one(".prose p").get_text()
    assert f"{opening}hej{closing}" in first
    assert "\u2019tja\u2019" in first
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
