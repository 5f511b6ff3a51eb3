"""Everything that depends on a locale, through Babel: dates, periods, lists, names, direction, sorting.

A locale is data passed around (a `Localiser` per language), never process state such as LC_ALL.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Callable, Iterable
from functools import cache, cached_property
from typing import TypeVar

from babel import Locale
from babel.dates import format_date, format_interval
from babel.lists import format_list

from .collation import collator
from .model import Period

T = TypeVar("T")


@cache
def parse_locale(code: str) -> Locale:
    return Locale.parse(code, sep="-" if "-" in code else "_")


class Localiser:
    """Formats and sorts for one language, as Babel's CLDR data says that language does it."""

    def __init__(self, code: str):
        self.code = code
        self.locale = parse_locale(code)

    @cached_property
    def direction(self) -> str:
        return self.locale.text_direction

    def language_name(self, code: str) -> str:
        """Another language's name in this language: 'svenska' in Danish is 'svensk'."""
        return parse_locale(code).get_display_name(self.locale) or code

    def country_name(self, code: str) -> str:
        return self.locale.territories.get(code, code)

    def date(self, value: dt.date, format: str = "long") -> str:
        return format_date(value, format=format, locale=self.locale)

    def period(self, period: Period) -> str:
        """A strategy period: years as '2018–2019', dates as the locale's long interval."""
        if isinstance(period.start, int) and isinstance(period.end, int):
            if period.start == period.end:
                return str(period.start)
            return format_interval(dt.date(period.start, 1, 1), dt.date(period.end, 1, 1), "y",
                                   locale=self.locale)
        start, end = Period.first_day(period.start), Period.last_day(period.end)
        return format_interval(start, end, "yMMMMd", locale=self.locale)

    def list(self, items: Iterable[str]) -> str:
        """'Kunskap och Omtanke', 'a, b a c', … per the locale's list patterns."""
        return format_list(list(items), locale=self.locale)

    def plural_samples(self) -> builtins.list[tuple[str, int]]:
        """One whole number of each of the language's plural categories (CLDR: one, few, many,
        other …), lowest first: a script picks the category with Intl.PluralRules, and the
        catalog's text for that number is its text for the category."""
        samples: dict[str, int] = {}
        for number in range(1000):
            samples.setdefault(self.locale.plural_form(number), number)
        return sorted(samples.items(), key=lambda item: item[1])

    def sort_key(self, text: str) -> tuple[int, ...]:
        """The locale's alphabetical order (UCA with the locale's CLDR tailoring)."""
        return collator(self.code).sort_key(text)

    def sorted(self, items: Iterable[T], key: Callable[[T], str]) -> builtins.list[T]:
        """Items in the locale's alphabetical order of `key`."""
        return sorted(items, key=lambda item: (self.sort_key(key(item)), key(item)))


@cache
def language_autonym(code: str) -> str:
    return parse_locale(code).get_display_name(parse_locale(code)) or code


@cache
def localiser(code: str) -> Localiser:
    return Localiser(code)
