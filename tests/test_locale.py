"""Dates, periods, lists, plurals, language names and direction come from Babel per locale."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import text_of
from handbook.locale import localiser


def letters(count: int) -> dict[str, str]:
    return {f"content/org/dopis-{i}.md": f"---\ntitle: Dopis {i}\n---\nText.\n" for i in range(1, count + 1)}


@pytest.mark.parametrize("count,expected", [(1, "1 stránka"), (2, "2 stránky"), (4, "4 stránky"),
                                            (5, "5 stránek"), (22, "22 stránek")])
def test_czech_has_three_plural_forms(build_site, count, expected):
    result = build_site({"content/org/organisation.yaml": "name: Organizace\nlanguage: cs\n",
                         **letters(count)})
    assert text_of(result.html("cs/index.html").select_one(".card__count")) == expected


# A site's own template may join names into a sentence; the default theme lists them instead.
JOINED = """{% extends "_page.html" %}
{% block data %}<p class="joined">{{ page.values|map(attribute="name")|join_list }}</p>{% endblock %}
"""


@pytest.mark.parametrize("language,conjunction", [("sv", "och"), ("da", "og"), ("cs", "a"), ("en", "and")])
def test_lists_follow_the_locale(build_site, language, conjunction):
    result = build_site({
        "content/org/organisation.yaml": f"name: Org\nlanguage: {language}\n",
        "content/org/values.md": "---\ntitle: T\nvalues:\n  - name: Alfa\n  - name: Beta\n"
                                 "  - name: Gama\n---\n",
        "templates/values.html": JOINED,
    })
    joined = result.html(f"{language}/org/values/index.html").select_one(".joined").get_text()
    comma = "," if language == "en" else ""
    space = "\u00a0" if language == "cs" else " "  # Czech 'a' keeps the name after it
    assert joined == f"Alfa, Beta{comma} {conjunction}{space}Gama"


@pytest.mark.parametrize("language,published,updated", [
    ("sv", "Publicerad 1 januari 2018", "Senast uppdaterad 15 mars 2019"),
    ("da", "Publiceret 1. januar 2018", "Senest opdateret 15. marts 2019"),
    ("cs", "Zveřejněno 1. ledna 2018", "Naposledy aktualizováno 15. března 2019"),
    ("en", "Published January 1, 2018", "Last updated March 15, 2019"),
])
def test_dates_use_the_locales_long_format(build_site, language, published, updated):
    result = build_site({
        "content/org/organisation.yaml": f"name: Org\nlanguage: {language}\n",
        "content/org/letter.md": "---\ntitle: Brev\nauthor: A. Author\ndate: 2018-01-01\n"
                                 "updated: 2019-03-15\n---\nText.\n",
    })
    byline = text_of(result.html(f"{language}/org/letter/index.html").select_one(".byline"))
    assert published in byline and updated in byline


@pytest.mark.parametrize("period,language,expected", [
    ("{from: 2018, to: 2019}", "da", "2018–2019"),
    ("{from: 2020, to: 2020}", "sv", "2020"),
    ("{from: 2018, to: 2019-06-30}", "en", "January 1, 2018\u2009–\u2009June 30, 2019"),
    # Exact dates in the long form every other date of the site has, sharing what they share.
    ("{from: 2018-03-01, to: 2019-06-30}", "sv", "1 mars 2018–30 juni 2019"),
    ("{from: 2018-03-01, to: 2019-06-30}", "da", "1. marts 2018–30. juni 2019"),
    ("{from: 2018-03-01, to: 2019-06-30}", "cs", "1. března 2018\u2009–\u200930. června 2019"),
    ("{from: 2018-03-01, to: 2019-06-30}", "en", "March 1, 2018\u2009–\u2009June 30, 2019"),
    ("{from: 2019-03-01, to: 2019-06-30}", "da", "1. marts–30. juni 2019"),
    ("{from: 2019-03-01, to: 2019-06-30}", "cs", "1. března\u2009–\u200930. června 2019"),
    ("{from: 2019-06-01, to: 2019-06-30}", "sv", "1–30 juni 2019"),
    ("{from: 2019-06-01, to: 2019-06-30}", "cs", "1.–30. června 2019"),
    ("{from: 2019-06-01, to: 2019-06-30}", "en", "June 1\u2009–\u200930, 2019"),
])
def test_strategy_periods_are_locale_intervals(build_site, period, language, expected):
    result = build_site({
        "content/org/organisation.yaml": f"name: Org\nlanguage: {language}\n",
        "content/org/strategy.md": f"---\ntitle: S\nperiod: {period}\ngoals: [Ett]\n---\n",
    })
    value = result.html(f"{language}/org/strategy/index.html").select_one(".period__value").get_text()
    assert value == expected
    assert not re.search(r"\b(mar|jun|Mar|Jun)\b\.?", value), "a month is abbreviated"


def test_a_locale_without_long_interval_patterns_writes_both_dates_in_full():
    loc = localiser("ja")
    text = loc.date_range(dt.date(2018, 3, 1), dt.date(2019, 6, 30))
    assert loc.date(dt.date(2018, 3, 1)) in text and loc.date(dt.date(2019, 6, 30)) in text


def test_language_names_are_given_in_the_readers_language(build_site):
    result = build_site({"content/org/organisation.yaml": "name: Org\nlanguage: sv\ncountry: SE\n"})
    meta = {lang: text_of(result.html(f"{lang}/index.html").select_one(".card__meta"))
            for lang in ("sv", "da", "cs", "en")}
    assert meta["sv"] == "Sverige Språk: svenska"
    assert meta["da"] == "Sverige Skrevet på svensk"
    assert meta["cs"] == "Švédsko Jazyk: švédština"
    assert meta["en"] == "Sweden Written in Swedish"
    switcher = [text_of(a) for a in result.html("sv/index.html").select(".language-switcher li")]
    assert switcher == ["svenska", "dansk", "čeština", "English"]


def test_right_to_left_locale_gets_dir_rtl(build_site):
    site_yaml = ("title: {en: Handbook, ar: الدليل}\nbase_url: https://h.example/\n"
                 "languages: [en, ar]\ndefault_language: en\n")
    result = build_site({"content/org/organisation.yaml": "name: Org\nlanguage: en\n"}, site_yaml)
    assert result.html("ar/index.html").html["dir"] == "rtl"
    assert result.html("ar/index.html").html["lang"] == "ar"
    assert result.html("en/index.html").html["dir"] == "ltr"
    # The English organisation on the Arabic home is marked as English, left to right.
    name = result.html("ar/index.html").select_one(".card__title a")
    assert name["lang"] == "en" and name["dir"] == "ltr"
    # No catalog for Arabic: a warning, not an error, so the build goes on.
    assert "no interface translation for 'ar'" in result.err


def test_organisations_sort_by_the_readers_alphabet(build_site):
    result = build_site({
        "content/a/organisation.yaml": "name: Zeta\nlanguage: sv\n",
        "content/b/organisation.yaml": "name: alfa\nlanguage: sv\n",
        "content/c/organisation.yaml": "name: Beta\nlanguage: sv\n",
        "content/d/organisation.yaml": "name: Omega\nlanguage: sv\norder: 1\n",
    })
    names = [text_of(a) for a in result.html("sv/index.html").select(".card__title a")]
    assert names == ["Omega", "alfa", "Beta", "Zeta"]
