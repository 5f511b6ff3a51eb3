"""Locale typography: quotation marks, dashes in year ranges, no-break spaces, per language.

The rules live in one table (RULES), keyed by language; a language without an entry gets no
changes at all. They apply to text only: in HTML, never inside code, scripts or attributes.
The interface's catalog strings go through the same rules (`typeset_interface`), so a
translator's plain space after a Czech one-letter word is set right like the content's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from xml.etree.ElementTree import Element


@dataclass(frozen=True)
class Rules:
    """How one language sets text."""

    quotes: tuple[str, str]           # what "…" becomes
    single_quotes: tuple[str, str]    # what '…' becomes (an apostrophe is always ’)
    nbsp_after: str = ""              # one-letter words that must not end a line


RULES: dict[str, Rules] = {
    "sv": Rules(quotes=("\u201d", "\u201d"), single_quotes=("\u2019", "\u2019")),  # ”citat” ’citat’
    "da": Rules(quotes=("\u00bb", "\u00ab"), single_quotes=("\u203a", "\u2039")),  # »citat« ›citat‹
    "cs": Rules(quotes=("\u201e", "\u201c"), single_quotes=("\u201a", "\u2018"),   # „citát“ ‚citát‘
                nbsp_after="vkszouaiVKSZOUAI"),
    "en": Rules(quotes=("\u201c", "\u201d"), single_quotes=("\u2018", "\u2019")),  # “quote” ‘quote’
}

NBSP = "\u00a0"
_YEARS = re.compile(r"(?<![\d\-–])([12]\d{3}) ?[-–] ?([12]\d{3})(?![\d\-–])")
_OPENS_AFTER = set(" \t\n\u00a0([{\u2013\u2014-/") | {""}
_SKIP = {"code", "pre", "kbd", "samp", "script", "style", "math", "svg"}
APOSTROPHE = "\u2019"
# What a template fills in: kept out of the rules ('%(count)s stránka' is no one-letter 's').
_PLACEHOLDER = re.compile(r"%\(\w+\)s|%%")


def rules_for(language: str) -> Rules | None:
    return RULES.get(re.split(r"[-_]", language)[0].lower())


def _years(match: re.Match) -> str:
    start, end = match.group(1), match.group(2)
    return f"{start}\u2013{end}" if int(end) >= int(start) else match.group(0)


class Typesetter:
    """Applies one language's rules to a run of text segments, remembering the previous
    character across segments so that a quote opened before <em> closes after it."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self.previous = ""
        self.opened = False       # the previous character is a quotation mark that opened
        self.single_open = False  # a single quotation is open, so a ' may close it
        self._nbsp: re.Pattern[str] | None = None
        if rules.nbsp_after:
            letters = re.escape(rules.nbsp_after)
            self._nbsp = re.compile(rf"(?<![\w\u00a0\u2019])([{letters}]) (?=\S|$)")

    def __call__(self, text: str) -> str:
        if not text:
            return text
        if '"' not in text and "'" not in text:
            self.previous, self.opened = text[-1], False
            return self._after_quotes(text)
        out = []
        for index, char in enumerate(text):
            opened = False
            if char == '"':
                opened = self._may_open()
                char = self.rules.quotes[0] if opened else self.rules.quotes[1]
            elif char == "'":
                char, opened = self._single(text[index + 1:index + 2])
            out.append(char)
            self.previous, self.opened = char, opened
        return self._after_quotes("".join(out))

    def _may_open(self) -> bool:
        return self.previous in _OPENS_AFTER or self.previous.isspace() or self.opened

    def _single(self, following: str) -> tuple[str, bool]:
        """A ' is a single quotation mark that opens (after a space, before a word), one that
        closes (an open quotation, not inside a word), or else an apostrophe: "it's", "CPUS'"."""
        if self.single_open and not self.previous.isspace() and not following.isalnum():
            self.single_open = False
            return self.rules.single_quotes[1], False
        if self._may_open() and following and not following.isspace() and not following.isdigit():
            self.single_open = True
            return self.rules.single_quotes[0], True
        return APOSTROPHE, False

    def _after_quotes(self, text: str) -> str:
        result = _YEARS.sub(_years, text) if "-" in text or "\u2013" in text else text
        if self._nbsp is not None:
            result = self._nbsp.sub(rf"\1{NBSP}", result)
        return result


def typeset(text: str, language: str) -> str:
    """Plain text (a title, a name) set by the language's rules; unchanged without rules."""
    rules = rules_for(language)
    return Typesetter(rules)(text) if rules else text


def typeset_interface(text: str, language: str) -> str:
    """A catalog string set by the language's rules, its %(placeholders)s left as they are
    (what fills them in is set where it comes from)."""
    rules = rules_for(language)
    if rules is None or not text:
        return text
    return _typeset_interface(text, rules)


@lru_cache(maxsize=4096)
def _typeset_interface(text: str, rules: Rules) -> str:
    setter = Typesetter(rules)
    out, start = [], 0
    for match in _PLACEHOLDER.finditer(text):
        out.append(setter(text[start:match.start()]))
        out.append(match.group(0))
        setter.previous, setter.opened = "x", False  # a value stands there, as a word would
        start = match.end()
    out.append(setter(text[start:]))
    return "".join(out)


def typeset_tree(root: Element, language: str) -> None:
    """Set every text node of an HTML tree in document order, skipping code and the like."""
    rules = rules_for(language)
    if rules is None:
        return
    setter = Typesetter(rules)
    for element, attribute in _text_slots(root):
        value = getattr(element, attribute)
        if value:
            setattr(element, attribute, setter(value))


def _text_slots(element: Element, skip: bool = False) -> Iterator[tuple[Element, str]]:
    """(element, 'text' or 'tail') in document order; text inside skipped elements is left."""
    inside = skip or (isinstance(element.tag, str) and element.tag in _SKIP)
    if not inside:
        yield element, "text"
    for child in element:
        yield from _text_slots(child, inside)
        if not inside:
            yield child, "tail"
