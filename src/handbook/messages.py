"""What handbook says to editors, in their own language, each message with a stable code.

Every text a user can see from the command line is a `Message` in registry.py: a code such as
`HB030` that never changes and is never reused, the English text with named placeholders
(`unknown key '{key}' in {what}`) and its kind (error, warning, notice, hint, or a plain text
such as a summary). Code that finds a problem fills a message in, `registry.UNKNOWN_KEY(key=…,
what=…)`, and gets a `Text`: plain data (picklable, cacheable as JSON, comparable) that is put
into words only when it is shown, by a `Language`, through the gettext catalogs in
locales/<lang>/LC_MESSAGES/handbook.po. The catalogs' msgctxt is the code, so a CI log in
English and an editor's terminal in Czech name the same mistake the same way.

Which language: `--lang`, else HANDBOOK_LANG, else the first of LC_ALL, LC_MESSAGES and LANG
that is set (`sv_SE.UTF-8` is Swedish; `C` and `POSIX` are English), else English. The choice is
data passed to whoever prints; nothing here touches the process's locale.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Union

from babel import Locale
from babel.numbers import format_decimal
from babel.support import NullTranslations

from handbook import usercache

ERROR, WARNING, NOTICE = "error", "warning", "notice"
HINT = "hint"
TEXT = "text"  # a summary, a heading, a phrase put into another message, a comment of a scaffold
KINDS = (ERROR, WARNING, NOTICE, HINT, TEXT)
PROBLEM_KINDS = (ERROR, WARNING, NOTICE)

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "handbook"
ENGLISH = "en"
CODE = re.compile(r"HB\d{3}")
# A placeholder is a name in braces; any other brace ("{name, description}") is text.
PLACEHOLDER = re.compile(r"\{(\w+)\}")

_REGISTRY: dict[str, Message] = {}
_RETIRED: set[str] = set()

Value = Union[str, int, float, "Text", "LanguageName"]


@dataclass(frozen=True)
class LanguageName:
    """A language's name, said in the editor's language: 'German', 'tyska', 'němčina'."""

    code: str


@dataclass(frozen=True)
class Message:
    """One entry of the registry: a stable code, its English text, and what kind of text it is.
    `plural` is the English plural for counts: the text then has a {count}."""

    code: str
    text: str
    kind: str = ERROR
    plural: str | None = None

    def __post_init__(self) -> None:
        if not CODE.fullmatch(self.code):
            raise ValueError(f"{self.code}: a code is HB and three digits")
        if self.kind not in KINDS:
            raise ValueError(f"{self.code}: unknown kind {self.kind!r}")
        if self.code in _RETIRED:
            raise ValueError(f"{self.code} is retired: a code is never used again")
        if self.code in _REGISTRY:
            raise ValueError(f"{self.code} is used twice: {_REGISTRY[self.code].text!r} and {self.text!r}")
        if self.plural is not None and "count" not in self.placeholders:
            raise ValueError(f"{self.code}: a plural message counts with {{count}}")
        _REGISTRY[self.code] = self

    @property
    def placeholders(self) -> frozenset[str]:
        names = set(PLACEHOLDER.findall(self.text))
        if self.plural is not None:
            names |= set(PLACEHOLDER.findall(self.plural))
        return frozenset(names)

    def __call__(self, **values: Value) -> Text:
        """This message with its placeholders filled in (all of them, and nothing else)."""
        if set(values) != self.placeholders:
            raise TypeError(f"{self.code} takes {sorted(self.placeholders)}, got {sorted(values)}")
        return Text(self.code, tuple(sorted(values.items())))


def plural(code: str, singular: str, plural: str, kind: str = TEXT) -> Message:
    """A message that counts: '{count} error' / '{count} errors' (Czech has three forms)."""
    return Message(code, singular, kind, plural)


def retire(*codes: str) -> None:
    """Codes of messages that were removed: never to be given to another message."""
    _RETIRED.update(codes)


def registry() -> dict[str, Message]:
    """Every message by code (registry.py must have been imported, as every user of it has)."""
    from . import registry as _  # noqa: F401 - registers the messages

    return dict(_REGISTRY)


def retired() -> frozenset[str]:
    return frozenset(_RETIRED)


@dataclass(frozen=True)
class Text:
    """A message with its values, not yet in any language."""

    code: str
    values: tuple[tuple[str, Value], ...] = ()

    @property
    def message(self) -> Message:
        return _REGISTRY[self.code]

    @property
    def kind(self) -> str:
        return self.message.kind

    def __str__(self) -> str:
        return english()(self)

    def to_json(self) -> dict:
        return {"code": self.code, "values": {name: _value_json(value) for name, value in self.values}}

    @staticmethod
    def from_json(data: object) -> Text:
        """A text stored by to_json; ValueError (or KeyError, TypeError) if it is damaged or its
        code is unknown to this version."""
        if not isinstance(data, dict) or not isinstance(data.get("values"), dict):
            raise ValueError("not a stored message")
        values: dict[str, Value] = {}
        for name, value in data["values"].items():
            if isinstance(value, dict) and "language" in value:
                values[str(name)] = LanguageName(str(value["language"]))
            elif isinstance(value, dict):
                values[str(name)] = Text.from_json(value)
            elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
                values[str(name)] = value
            else:
                raise ValueError("not a stored value")
        return _REGISTRY[str(data["code"])](**values)


class Language:
    """Puts texts into words in one language, through its compiled catalog."""

    def __init__(self, code: str, translations: NullTranslations):
        self.code = code
        self.locale = Locale.parse(code)
        self.translations = translations

    def __call__(self, text: Text) -> str:
        message = text.message
        values = {name: self._value(value) for name, value in text.values}
        if message.plural is not None:
            count = dict(text.values).get("count")
            number = count if isinstance(count, int) else 0
            template = str(self.translations.npgettext(message.code, message.text, message.plural, number))
        else:
            template = str(self.translations.pgettext(message.code, message.text))
        if not set(PLACEHOLDER.findall(template)) <= set(values):  # a broken catalog: say it in English
            template = message.text if message.plural is None or text_count(text) == 1 else message.plural
        return PLACEHOLDER.sub(lambda match: values.get(match[1], match[0]), template)

    def _value(self, value: Value) -> str:
        if isinstance(value, Text):
            return self(value)
        if isinstance(value, LanguageName):
            try:
                locale = Locale.parse(value.code, sep="-" if "-" in value.code else "_")
            except (ValueError, LookupError):
                return value.code
            return locale.get_display_name(self.locale) or value.code
        if isinstance(value, float):
            return format_decimal(value, locale=self.locale)
        return str(value)

    def __repr__(self) -> str:
        return f"Language({self.code!r})"


def _value_json(value: Value) -> object:
    if isinstance(value, Text):
        return value.to_json()
    if isinstance(value, LanguageName):
        return {"language": value.code}
    return value


def text_count(text: Text) -> int | None:
    count = dict(text.values).get("count")
    return count if isinstance(count, int) else None


@cache
def available() -> tuple[str, ...]:
    """The languages handbook speaks: those with a catalog."""
    return tuple(sorted(folder.name for folder in LOCALES.iterdir()
                        if (folder / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()))


@cache
def language(code: str) -> Language:
    """The Language for one of `available()`, its catalog compiled in memory (once)."""
    if code not in available():
        raise LookupError(code)
    return Language(code, usercache.translations(LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po", code, DOMAIN))


@cache
def english() -> Language:
    """English as the registry writes it, with no catalog: for logs, sorting and exceptions."""
    return Language(ENGLISH, NullTranslations())


def language_code(value: str) -> str | None:
    """The language of a locale name such as 'sv_SE.UTF-8', 'da-DK', 'cs' or 'C' if handbook
    speaks it, else None."""
    name = value.strip().split(".", 1)[0].split("@", 1)[0]
    if name in ("C", "POSIX"):
        return ENGLISH
    code = re.split(r"[_-]", name, maxsplit=1)[0].lower()
    return code if code in available() else None


class UnknownLanguage(Exception):
    """--lang or HANDBOOK_LANG names a language handbook does not speak."""

    def __init__(self, source: str, value: str):
        super().__init__(f"{source}: {value}")
        self.source = source
        self.value = value


def choose(option: str | None, environ: Mapping[str, str]) -> Language:
    """The editor's language: --lang, HANDBOOK_LANG, then LC_ALL, LC_MESSAGES, LANG (the first
    that is set and not empty decides, as in POSIX), else English. An unknown --lang or
    HANDBOOK_LANG raises UnknownLanguage; a locale handbook does not speak means English."""
    for source, value in (("--lang", option), ("HANDBOOK_LANG", environ.get("HANDBOOK_LANG"))):
        if value:
            code = language_code(value)
            if code is None:
                raise UnknownLanguage(source, value)
            return language(code)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return language(language_code(value) or ENGLISH)
    return language(ENGLISH)


def fallback(environ: Mapping[str, str]) -> Language:
    """The language to say that --lang is unknown in: the environment's, else English."""
    try:
        return choose(None, environ)
    except UnknownLanguage:
        return choose(None, {k: v for k, v in environ.items() if k != "HANDBOOK_LANG"})
