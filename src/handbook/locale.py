"""Everything that depends on a locale, through Babel: dates, periods, lists, names, direction, sorting.

A locale is data passed around (a `Localiser` per language), never process state such as LC_ALL.
"""

from __future__ import annotations

import builtins
import datetime as dt
import re
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
        return self.date_range(Period.first_day(period.start), Period.last_day(period.end))

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """Two days in the long form the site writes dates in ('1. marts 2018–30. juni 2019'),
        sharing what they share ('1.–30. juni 2019'). CLDR has interval patterns for the
        abbreviated month only, so their month is widened to the long date's; a locale whose
        patterns do not widen to its long date gets both dates in full."""
        if start == end:
            return self.date(start)
        patterns = self.locale.interval_formats.get("yMMMd", {})
        field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        if field in patterns and "y" in patterns:
            first, second = (_long_month(str(p)) for p in patterns[field])
            if _long_month(str(patterns["y"][1])) == self.locale.date_formats["long"].pattern:
                return (format_date(start, format=first, locale=self.locale)
                        + format_date(end, format=second, locale=self.locale))
        fallback = self.locale.interval_formats.get(None, "{0}\u2013{1}")
        return fallback.replace("{0}", self.date(start)).replace("{1}", self.date(end))

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


_MONTH = re.compile(r"(?<![ML])(?:MMM|M\.?)(?![ML])")


def _long_month(pattern: str) -> str:
    """A date pattern with its month as a word: 'd. MMM y' and Czech 'd. M. y' → 'd. MMMM y'."""
    return _MONTH.sub("MMMM", pattern)


@cache
def language_autonym(code: str) -> str:
    return parse_locale(code).get_display_name(parse_locale(code)) or code


@cache
def localiser(code: str) -> Localiser:
    return Localiser(code)
