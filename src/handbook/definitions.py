"""What each file of a site may hold: every key, the kind of value it takes, whether it is
required, its choices, and what it means.

One table, read by two sides so that they cannot drift apart:
- the validators (config.py, accessibility.py, content.py) take from it the keys they accept,
  the choices and the patterns of texts;
- schema.py writes it out as JSON Schema, for editors that check YAML while one types.

Where a validator still decides something in code (which keys are required, the kind of each
value), tests/test_schema.py proves from this table that both sides agree, key by key.

Values are described as YAML loaded by the YAML 1.2 rules of editors: a date written
2025-03-01 is a text of that form. A key written with no value ('summary:') is an unfinished
line to an editor's schema; handbook itself reads it as absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# -- the patterns of texts, as regular expressions the whole text must match ----------------
# Written in the syntax Python and JavaScript (editors' schema validators) share.
LANGUAGE = r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*"    # a CLDR locale code: sv, en, pt-BR
COUNTRY = r"[A-Z]{2}"                                    # SE, DK, CZ
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"                       # a name in a URL: center-norrebro
WEB_ADDRESS = r"""[hH][tT][tT][pP][sS]?://[^\s/?#"'<>\\]+(?:[/?#][^\s"<>\\]*)?"""
BASE_URL = r"https?://[^\s/]+(?:/\S*)?"                  # the site's own address
EMAIL = r"""[^\s@<>()\[\]\\,;:"]+@[^\s@<>()\[\]\\,;:"]+\.[^\s@<>()\[\]\\,;:".]+"""
PHONE = r"\+?[0-9][0-9 ()./-]{3,30}[0-9]"
THEME = r"\w[\w.-]*"                                     # a folder name, never a path
MEDIA_FILE = r"media/.+"                                 # a file in the organisation's media/

# The countries whose accessibility enforcement body handbook knows (accessibility.ENFORCEMENT).
STATEMENT_COUNTRIES = ("SE", "DK", "CZ")
# The words of the EU's model accessibility statement.
STATUSES = ("full", "partial", "none")            # fully / partially / not compliant
METHODS = ("self-assessment", "third-party")
REASONS = ("non-compliance", "disproportionate-burden", "out-of-scope")


# -- kinds of values ----------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """A text on one line or more. Unless `numbers` is False, a number is read as its digits
    (name: 1177). `pattern`: what the whole text must look like."""

    pattern: str | None = None
    numbers: bool = True
    hint: str | None = None  # what an editor sees when the pattern does not match


@dataclass(frozen=True)
class Texts:
    """A text, or one text per language: `title: {sv: Handbok, en: Handbook}`."""


@dataclass(frozen=True)
class Number:
    """A whole number, optionally between `low` and `high`."""

    low: int | None = None
    high: int | None = None


@dataclass(frozen=True)
class Flag:
    """true or false."""


@dataclass(frozen=True)
class Date:
    """A date, written YYYY-MM-DD."""


@dataclass(frozen=True)
class Choice:
    """One of a few words; `about`, if given, says what each one means (in the same order)."""

    choices: tuple[str, ...]
    about: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.about and len(self.about) != len(self.choices):
            raise ValueError(f"{self.choices}: one meaning for each choice")


@dataclass(frozen=True)
class Exactly:
    """This one value, as it is: `accessibility: false`."""

    value: Any


@dataclass(frozen=True)
class ListOf:
    """A list ('- ' lines, or [a, b]) of values of one kind."""

    item: Value
    at_least: int = 0
    unique: bool = False


@dataclass(frozen=True)
class Mapping:
    """'key: value' lines, the keys of `shape`."""

    shape: Shape


@dataclass(frozen=True)
class AnyOf:
    """A value of any of these kinds."""

    forms: tuple[Value, ...]


Value = Text | Texts | Number | Flag | Date | Choice | Exactly | ListOf | Mapping | AnyOf


# -- keys and the mappings that hold them --------------------------------------------------

@dataclass(frozen=True)
class Key:
    """One key of a mapping. `example` is a valid value: shown to editors, used by the tests
    (a mapping's example is made of its keys' examples)."""

    name: str
    value: Value
    about: str
    required: bool = False
    example: Any = None


@dataclass(frozen=True)
class Needs:
    """A rule between keys: when `key` has one of `values` (with `unless`: when it has none of
    them, or is absent), the mapping needs `keys`; with `one_of`, at least one of them."""

    keys: tuple[str, ...]
    key: str | None = None
    values: tuple[Any, ...] = ()
    unless: bool = False
    one_of: bool = False


@dataclass(frozen=True)
class Shape:
    """The keys one YAML mapping may hold; no other key is accepted."""

    name: str
    about: str
    keys: tuple[Key, ...]
    needs: tuple[Needs, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys if key.required)

    def __getitem__(self, name: str) -> Key:
        for key in self.keys:
            if key.name == name:
                return key
        raise KeyError(name)


def example(key: Key) -> Any:
    """A valid value for `key`."""
    if key.example is not None:
        return key.example
    try:
        return _made(key.value)
    except ValueError:
        raise ValueError(f"the key '{key.name}' has no example") from None


def _made(value: Value) -> Any:
    """An example of a mapping or a list, made of its keys' examples."""
    if isinstance(value, AnyOf):
        value = next((form for form in value.forms if isinstance(form, Mapping)), value.forms[0])
    if isinstance(value, Mapping):
        return {inner.name: example(inner) for inner in value.shape.keys}
    if isinstance(value, ListOf):
        return [_made(value.item)]
    raise ValueError("no example")


# -- site.yaml ------------------------------------------------------------------------------

_WEB_HINT = "A web address starting with https:// or http://"
_DATE_EXAMPLE = "2025-09-01"

CONTACT = Shape("contact", "How readers reach the publisher about accessibility: at least one of email, "
                           "phone and url.", (
    Key("name", Texts(), "A team or a person readers can turn to; one text, or one per language.",
        example="Kommunikationsavdelningen"),
    Key("email", Text(EMAIL, numbers=False, hint="An email address, e.g. tillganglighet@example.org"),
        "An email address.", example="tillganglighet@example.org"),
    Key("phone", Text(PHONE, numbers=False, hint="A phone number in quotes, e.g. '+46 771 11 44 00'"),
        "A phone number, in quotes: '+46 771 11 44 00'.", example="+46 771 11 44 00"),
    Key("url", Text(WEB_ADDRESS, numbers=False, hint=_WEB_HINT), "The address of a feedback form.",
        example="https://example.org/feedback"),
), needs=(Needs(("email", "phone", "url"), one_of=True),))

ENFORCEMENT = Shape("enforcement", "The authority readers can turn to when the publisher does not answer. "
                                   "Only needed for a country handbook does not know (it knows SE, DK and CZ).", (
    Key("name", Texts(), "The authority's name; one text, or one per language. Required unless 'country' "
                         "is SE, DK or CZ.", example="Myndigheten för digital förvaltning"),
    Key("url", Text(WEB_ADDRESS, numbers=False, hint=_WEB_HINT), "Where its procedure is described.",
        required=True, example="https://www.digg.se/tdosanmalan"),
))

ISSUE = Shape("issue", "Content that is not accessible, and why.", (
    Key("text", Texts(), "What is not accessible; one text, or one per language.", required=True,
        example="Filmen om vårdcentralen saknar undertexter."),
    Key("reason", Choice(REASONS, (
        "It does not meet the requirements yet (the default).",
        "Making it accessible would cost more than the law asks of the publisher.",
        "The law does not cover it, e.g. films published before 23 September 2020.")),
        "Why: non-compliance (the default: it does not meet the requirements yet), "
        "disproportionate-burden (making it accessible would cost more than the law asks), "
        "out-of-scope (the law does not cover it).", example="non-compliance"),
    Key("alternative", Texts(), "Where readers find the same content in an accessible form; one text, "
                                "or one per language.", example="Texten till filmen finns på sidan Öppettider."),
))

STATEMENT = Shape("statement", "The facts of the accessibility statement that public bodies in the EU must "
                               "publish; handbook words them in every language.", (
    Key("publisher", Texts(), "The body that publishes the handbook, as readers should see its name; one "
                              "text, or one per language.", required=True, example="Region Ekdalen"),
    Key("country", Text(COUNTRY, numbers=False, hint="A two-letter country code in capitals: SE, DK, CZ"),
        "The country whose law applies: SE, DK or CZ name the law and the enforcement body.", example="SE"),
    Key("status", Choice(STATUSES, (
        "Fully compliant: the handbook meets every requirement.",
        "Partially compliant: most of it does; 'issues' says what does not.",
        "Not compliant: most of it does not meet the requirements yet.")),
        "How well the handbook meets the requirements: full, partial (most of it does) or none.",
        required=True, example="partial"),
    Key("method", Choice(METHODS, (
        "The publisher checked the handbook itself.",
        "Someone outside the publisher checked it, such as an accessibility consultant.")),
        "How the status was found: self-assessment or third-party.", required=True, example="self-assessment"),
    Key("standard", Text(), "What the handbook was checked against (default: EN 301 549 V3.2.1).",
        example="EN 301 549 V3.2.1"),
    Key("prepared", Date(), "When the statement was first written (YYYY-MM-DD).", required=True,
        example=_DATE_EXAMPLE),
    Key("reviewed", Date(), "When it was last checked (YYYY-MM-DD), not before 'prepared'.",
        example="2026-02-16"),
    Key("issues", ListOf(AnyOf((Mapping(ISSUE), Text(numbers=False)))),
        "What is not accessible, one '- ' line each: a text, or a text with a reason and an alternative. "
        "Needed when status is partial or none."),
    Key("contact", Mapping(CONTACT), CONTACT.about, required=True),
    Key("enforcement", Mapping(ENFORCEMENT), ENFORCEMENT.about),
), needs=(Needs(("issues",), key="status", values=("partial", "none")),
          Needs(("enforcement",), key="country", values=STATEMENT_COUNTRIES, unless=True)))

ELSEWHERE = Shape("statement elsewhere", "An accessibility statement published elsewhere (Denmark: the "
                                         "WAS-Tool); every page links there.", (
    Key("url", Text(WEB_ADDRESS, numbers=False, hint=_WEB_HINT), "The statement's address.", required=True,
        example="https://www.was.digst.dk/handbog-ekdalen-example"),
))

# The Git hosts the published browser editor can commit to (editor/settings.py).
EDITOR_BACKENDS = ("github", "gitlab", "gitea")
_HTTPS = r"""https://[^\s/?#"'<>\\]+(?:[/?#][^\s"<>\\]*)?"""
EDITOR = Shape("editor", "The Git host the published browser editor (admin/) commits to. Without it, "
                         "no admin/ is published; 'handbook serve' offers the editor either way.", (
    Key("backend", Choice(EDITOR_BACKENDS, ("GitHub, on github.com.", "GitLab, on gitlab.com or a server of your own.",
                                            "Gitea, on a server of your own.")),
        "The Git host: github, gitlab or gitea.", required=True, example="github"),
    Key("repo", Text(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+", numbers=False,
                     hint="The repository as owner/name, e.g. example/handbook"),
        "The repository on the Git host, as owner/name.", required=True, example="example/handbook"),
    Key("branch", Text(r"(?!.*\.\.)[A-Za-z0-9._/-]+", hint="A branch name, e.g. main"),
        "The branch the editor commits to (default: main).", example="main"),
    Key("auth_url", Text(_HTTPS, numbers=False, hint="An address starting with https://"),
        "The sign-in service the editor uses (GitHub, Gitea).", example="https://auth.example.org"),
    Key("app_id", Text(), "GitLab's OAuth application id (sign-in without a service).", example="1a2b3c"),
    Key("api_root", Text(_HTTPS, numbers=False, hint="An address starting with https://"),
        "The API of a self-hosted GitLab or Gitea.", example="https://git.example.org/api/v1"),
))

SITE = Shape("site.yaml", "The settings of the whole handbook.", (
    Key("title", Texts(), "The name of the handbook: one text, or one per language (sv: …, en: …), "
                          "with one in the default language.", required=True,
        example={"sv": "Handbok för Ekdalen", "en": "The Ekdalen handbook"}),
    Key("base_url", Text(BASE_URL, numbers=False, hint="An address starting with https://, e.g. "
                                                       "https://intranet.example/handbok/"),
        "The address where the handbook is published; used for canonical links and the sitemap.",
        required=True, example="https://handbok.ekdalen.example/"),
    Key("languages", ListOf(Text(LANGUAGE, numbers=False, hint="A language code such as sv, da, cs, en"),
                            at_least=1, unique=True),
        "The languages of the handbook, as language codes (sv, da, cs, en; not country codes).",
        required=True, example=["sv", "da", "cs", "en"]),
    Key("default_language", Text(LANGUAGE, numbers=False, hint="One of the codes in 'languages'"),
        "The main language, one of 'languages' (default: the first): shown when a reader's browser "
        "asks for none of them.", example="sv"),
    Key("theme", Text(THEME, hint="The name of a theme, e.g. default"),
        "The look of the handbook: 'default', or the name of a folder in themes/.", example="default"),
    Key("search", Flag(), "A search box on every page (default: true).", example=True),
    Key("accessibility", AnyOf((Mapping(STATEMENT), Mapping(ELSEWHERE), Exactly(False), Exactly("required"))),
        "The accessibility statement: its facts; or 'url:' where it is published elsewhere; 'required' "
        "(the site must have one: --strict stops until it is here); or false (the site needs none)."),
    Key("editor", Mapping(EDITOR), "The Git host the published browser editor commits to (see 'editor')."),
))

# -- content/<org>/organisation.yaml --------------------------------------------------------

ORGANISATION = Shape("organisation.yaml", "An organisation of the handbook.", (
    Key("name", Text(), "The organisation's name, as readers should see it.", required=True,
        example="Vårdcentralen Ekdalen"),
    Key("language", Text(LANGUAGE, numbers=False, hint="A language code from site.yaml, such as sv"),
        "The language the organisation writes in: a code from 'languages' in site.yaml.", required=True,
        example="sv"),
    Key("country", Text(COUNTRY, numbers=False, hint="A two-letter country code in capitals: SE, DK, CZ"),
        "The country, as a two-letter code in capitals: SE, DK, CZ.", example="SE"),
    Key("website", Text(WEB_ADDRESS, numbers=False, hint=_WEB_HINT), "The organisation's own website.",
        example="https://vardcentralen.ekdalen.example/"),
    Key("logo", Text(MEDIA_FILE, numbers=False, hint="A file in the organisation's media folder: media/logo.svg"),
        "A picture in the organisation's media folder: media/logo.svg.", example="media/logo.svg"),
    Key("summary", Text(), "One sentence about the organisation (Markdown).",
        example="Vård nära dig, för barn, vuxna och äldre i Ekdalen."),
    Key("order", Number(), "Organisations with an order come first on the home page, lowest first.",
        example=1),
))

# -- the front matter of a page -------------------------------------------------------------

PAGE_KEYS = (
    Key("title", Text(), "The page's title, its main heading.", required=True, example="Vår vision"),
    Key("slug", Text(SLUG, hint="Small letters a-z, digits and '-', e.g. our-vision"),
        "Another web address for the page than its file name: small letters a-z, digits and '-'.",
        example="var-vision"),
    Key("summary", Text(), "One sentence about the page, shown under the title (Markdown).",
        example="Det här vill vi vara för människorna i Ekdalen."),
    Key("author", Text(), "Who wrote the text, shown as a signature.", example="Karin Lund"),
    Key("role", Text(), "The author's role, shown under the name.", example="verksamhetschef"),
    Key("date", Date(), "When the text was published (YYYY-MM-DD).", example="2025-02-03"),
    Key("updated", Date(), "When the text was last changed (YYYY-MM-DD); translations are compared "
                           "with it.", example="2025-03-01"),
    Key("draft", Flag(), "true: check the page, but do not publish it yet.", example=False),
    Key("source", Text(), "Where the text comes from, e.g. a printed brochure (Markdown).",
        example="Verksamhetsplan 2025"),
)
ORIGINAL_KEYS = (
    Key("review_by", Date(), "The date by which someone should read the text again (YYYY-MM-DD). "
                             "Only in originals: a translation follows its original.", example="2026-06-30"),
)
TRANSLATION_KEYS = (
    Key("translated_from", Text(LANGUAGE, numbers=False, hint="The language code of the original"),
        "Only in translations: the language of the original.", example="sv"),
)

VALUE = Shape("value", "One value: its name and what it means.", (
    Key("name", Text(), "The value's name.", required=True, example="Omtanke"),
    Key("description", Text(), "What the value means in everyday work (Markdown).",
        example="Vi möter varje patient med respekt och tid att lyssna."),
))
PERIOD = Shape("period", "The time the strategy covers.", (
    Key("from", AnyOf((Number(1000, 9999), Date())), "The first year (2025) or day (2025-03-01).",
        required=True, example=2025),
    Key("to", AnyOf((Number(1000, 9999), Date())), "The last year (2027) or day (2027-06-30).",
        required=True, example=2027),
))
SECTION_KEYS = {
    "vision": (Key("statement", Text(), "The vision in one sentence, shown large at the top of the page and "
                                        "on the home page (Markdown).",
                   example="Rätt vård, i rätt tid, nära dig"),),
    "values": (Key("values", ListOf(Mapping(VALUE)), "The values, in the order they are shown: each has a "
                                                     "name and a description."),),
    "strategy": (Key("period", Mapping(PERIOD), PERIOD.about),
                 Key("goals", ListOf(Text(numbers=False)), "The goals, one '- ' line each.",
                     example=["Alla som ringer får svar samma dag"])),
    "page": (),
}
PAGE_ABOUT = {"vision": "The front matter of vision.md: the organisation's vision.",
              "values": "The front matter of values.md: the organisation's values.",
              "strategy": "The front matter of strategy.md: the organisation's strategy.",
              "page": "The front matter of a page: a letter, an article, any page."}


def front_matter(kind: str, original: bool | None = None) -> Shape:
    """The keys a page of `kind` (vision, values, strategy or page) may have at the top: an
    original's, a translation's, or (None) either's, as an editor's schema cannot tell them apart."""
    keys = PAGE_KEYS + SECTION_KEYS[kind]
    if original is not False:
        keys += ORIGINAL_KEYS
    if original is not True:
        keys += TRANSLATION_KEYS
    return Shape(f"{kind}.md" if kind != "page" else "page", PAGE_ABOUT[kind], keys)
