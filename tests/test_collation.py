"""Sorting follows each locale's alphabet: CLDR tailorings on the Unicode Collation Algorithm."""

from __future__ import annotations

import pytest

from conftest import text_of
from handbook.collation import Collator, collator


@pytest.mark.parametrize("language,words,expected", [
    ("sv", ["Östersund", "Zeta", "Åre", "Ängelholm", "Arboga"],
     ["Arboga", "Zeta", "Åre", "Ängelholm", "Östersund"]),
    ("sv", ["Wadköping", "Vänersborg", "Ystad", "Zürich", "Zeta"],
     ["Vänersborg", "Wadköping", "Ystad", "Zeta", "Zürich"]),
    ("da", ["Aabenraa", "Ærø", "Zealand", "Østerbro", "Ålborg", "Aarhus", "Abildgaard"],
     ["Abildgaard", "Zealand", "Ærø", "Østerbro", "Aabenraa", "Ålborg", "Aarhus"]),
    ("cs", ["Chata", "Hrad", "Cibule", "Čaj", "Ihned", "Dům"],
     ["Cibule", "Čaj", "Dům", "Hrad", "Chata", "Ihned"]),
    ("cs", ["Žába", "Zebra", "Řeka", "Rak", "Šum", "Sova", "chléb", "hrách"],
     ["hrách", "chléb", "Rak", "Řeka", "Sova", "Šum", "Zebra", "Žába"]),
    # Without a tailoring, the root order: accents are secondary, "ch" is c + h.
    ("en", ["Chata", "Hrad", "Čaj", "Zeta", "Åre", "apple"],
     ["apple", "Åre", "Čaj", "Chata", "Hrad", "Zeta"]),
    ("de", ["Äpfel", "Zebra", "Apfel", "Österreich", "Ofen"],
     ["Apfel", "Äpfel", "Ofen", "Österreich", "Zebra"]),
])
def test_locale_alphabets(language, words, expected):
    assert collator(language).sorted(words) == expected


def test_case_is_a_tertiary_difference_only():
    sv = collator("sv")
    assert sv.sorted(["öl", "Öl", "ål", "Ål"]) == ["ål", "Ål", "öl", "Öl"]


def test_region_subtags_use_the_language_rules():
    assert collator("sv-FI").sorted(["Ö", "Z"]) == ["Z", "Ö"]
    assert collator("cs_CZ").sorted(["ch", "i", "h"]) == ["h", "ch", "i"]


def test_unsupported_rule_syntax_is_refused():
    with pytest.raises(ValueError):
        Collator("&a<b\n@backwards\n")


def test_homes_sort_organisations_by_each_readers_alphabet(build_site):
    names = {"a": "Ørsted Center", "b": "Zenit", "c": "Aabenraa Bo", "d": "Chrudim", "e": "Hradec",
             "f": "Čáslav", "g": "Cibulka", "h": "Ängby"}
    files = {f"content/{slug}/organisation.yaml": f"name: {name}\nlanguage: sv\n" for slug, name in names.items()}
    result = build_site(files)
    order = {lang: [text_of(a) for a in result.html(f"{lang}/index.html").select(".card__title a")]
             for lang in ("sv", "da", "cs")}
    assert order["sv"] == ["Aabenraa Bo", "Čáslav", "Chrudim", "Cibulka", "Hradec", "Zenit", "Ängby", "Ørsted Center"]
    assert order["da"] == ["Čáslav", "Chrudim", "Cibulka", "Hradec", "Zenit", "Ängby", "Ørsted Center", "Aabenraa Bo"]
    assert order["cs"] == ["Aabenraa Bo", "Ängby", "Cibulka", "Čáslav", "Hradec", "Chrudim", "Ørsted Center", "Zenit"]
