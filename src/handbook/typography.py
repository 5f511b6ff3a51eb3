"""Locale typography: quotation marks, dashes in year ranges, no-break spaces, per language.

The rules live in one table (RULES), keyed by language; a language without an entry gets no
changes at all. They apply to text only: in HTML, never inside code, scripts or attributes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element


@dataclass(frozen=True)
class Rules:
    """How one language sets text."""

    quotes: tuple[str, str]           # what "…" becomes
    nbsp_after: str = ""              # one-letter words that must not end a line


RULES: dict[str, Rules] = {
    "sv": Rules(quotes=("\u201d", "\u201d")),                 # ”citat”
    "da": Rules(quotes=("\u00bb", "\u00ab")),                 # »citat«
    "cs": Rules(quotes=("\u201e", "\u201c"), nbsp_after="vkszouaiVKSZOUAI"),  # „citát“
    "en": Rules(quotes=("\u201c", "\u201d")),                 # “quote”
}

NBSP = "\u00a0"
_YEARS = re.compile(r"(?<![\d\-–])([12]\d{3}) ?[-–] ?([12]\d{3})(?![\d\-–])")
_OPENS_AFTER = set(" \t\n\u00a0([{\u2013\u2014-/") | {""}
_SKIP = {"code", "pre", "kbd", "samp", "script", "style", "math", "svg"}


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
        self._nbsp: re.Pattern[str] | None = None
        if rules.nbsp_after:
            letters = re.escape(rules.nbsp_after)
            self._nbsp = re.compile(rf"(?<![\w\u00a0])([{letters}]) (?=\S|$)")

    def __call__(self, text: str) -> str:
        if not text:
            return text
        if '"' not in text and "'" not in text:
            self.previous = text[-1]
            return self._after_quotes(text)
        out = []
        for char in text:
            if char == '"':
                opening = self.previous in _OPENS_AFTER or self.previous.isspace()
                char = self.rules.quotes[0] if opening else self.rules.quotes[1]
            elif char == "'":
                char = "\u2019"
            out.append(char)
            self.previous = char
        return self._after_quotes("".join(out))

    def _after_quotes(self, text: str) -> str:
        result = _YEARS.sub(_years, text) if "-" in text or "\u2013" in text else text
        if self._nbsp is not None:
            result = self._nbsp.sub(rf"\1{NBSP}", result)
        return result


def typeset(text: str, language: str) -> str:
    """Plain text (a title, a name) set by the language's rules; unchanged without rules."""
    rules = rules_for(language)
    return Typesetter(rules)(text) if rules else text


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
