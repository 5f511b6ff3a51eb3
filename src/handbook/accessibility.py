"""The accessibility statement: what site.yaml's `accessibility:` says, checked as it is read.

Public bodies in the EU must publish an accessibility statement for their websites (Web
Accessibility Directive (EU) 2016/2102, article 7), structured as the model statement of
Commission Implementing Decision (EU) 2018/1523. site.yaml gives the facts (compliance status,
known non-accessible content, contact, dates, enforcement body); the theme's template
`accessibility.html` words them in each language from the catalogs. `accessibility:` is one of

    a mapping          the statement's facts: a statement is published in every language
    url: <address>     the statement is published elsewhere (Denmark: the WAS-Tool);
                       every page's footer links there
    required           the site must have a statement but gives none yet: a warning, which
                       --strict makes an error
    false              the site publishes no statement and needs none: no warning
    (absent)           a warning that --strict lets pass: not every site must publish one
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from . import definitions
from . import registry as msg
from .errors import Problem, Problems, suggest
from .fields import Fields
from .sources import YamlList, YamlMap, describe

SITE_FILE = "site.yaml"
KEY = "accessibility"
# The keys and choices are definitions.py's, which editors' schemas are written from too.
STATEMENT_KEYS = definitions.STATEMENT.names + definitions.ELSEWHERE.names  # the one Fields reads both
STATUSES = definitions.STATUSES   # fully / partially / not compliant
METHODS = definitions.METHODS     # the model statement's two methods
REASONS = definitions.REASONS
ISSUE_KEYS = definitions.ISSUE.names
CONTACT_KEYS = definitions.CONTACT.names
ENFORCEMENT_KEYS = definitions.ENFORCEMENT.names
DEFAULT_STANDARD = "EN 301 549 V3.2.1"

# The enforcement body of each country whose law the theme names, and where its procedure is
# described. The bodies' names are the theme's to translate (accessibility.html).
ENFORCEMENT = {
    "SE": "https://www.digg.se/tdosanmalan",
    "DK": "https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/",
    "CZ": "https://www.dia.gov.cz/egovernment/pristupnost-internetovych-stranek-a-mobilnich-aplikaci/",
}
# Where the statement is published in each language: stable, ASCII, in the reader's words.
SLUGS = {"sv": "tillganglighet", "da": "tilgaengelighed", "cs": "pristupnost", "en": "accessibility"}

_WEB_ADDRESS = re.compile(definitions.WEB_ADDRESS)
_EMAIL = re.compile(definitions.EMAIL)
_PHONE = re.compile(definitions.PHONE)
_COUNTRY = re.compile(definitions.COUNTRY)
_MAY_HOLD_MARKUP = re.compile(r"[<\[{&*_>`\\]")


def statement_slug(language: str) -> str:
    return SLUGS.get(language.replace("-", "_").split("_")[0], "accessibility")


def statement_path(language: str) -> str:
    """Where the statement in `language` lives, as a directory URL relative to the site root."""
    return f"{language}/{statement_slug(language)}/"


@dataclass(frozen=True)
class Text:
    """A text from site.yaml, once or per language; a language without its own version shows
    the default language's."""

    texts: tuple[tuple[str, str], ...]  # (language, text), the default language first
    lines: tuple[int, ...] = ()         # where each text is in site.yaml

    def in_language(self, language: str) -> tuple[str, str]:
        """The text for a page in `language`, and the language it is written in."""
        for code, text in self.texts:
            if code == language:
                return text, code
        return self.texts[0][1], self.texts[0][0]


@dataclass(frozen=True)
class Issue:
    """Content that is not accessible, and why: one of REASONS."""

    text: Text
    reason: str = "non-compliance"
    alternative: Text | None = None


@dataclass(frozen=True)
class Contact:
    name: Text | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None

    @property
    def phone_link(self) -> str | None:
        """The number as a tel: address: digits and a leading +."""
        if self.phone is None:
            return None
        return "tel:" + ("+" if self.phone.startswith("+") else "") + re.sub(r"\D", "", self.phone)


@dataclass(frozen=True)
class Enforcement:
    url: str
    name: Text | None = None  # None: the country's body, named by the theme


@dataclass(frozen=True)
class Statement:
    """The facts of an accessibility statement, as the model statement asks for them."""

    publisher: Text
    status: str
    method: str
    prepared: dt.date
    contact: Contact
    enforcement: Enforcement
    country: str | None = None
    reviewed: dt.date | None = None
    standard: str = DEFAULT_STANDARD
    issues: tuple[Issue, ...] = ()


@dataclass(frozen=True)
class Accessibility:
    """What site.yaml says about the site's accessibility statement."""

    statement: Statement | None = None  # published by the site, in every language
    elsewhere: str | None = None        # the address of a statement published elsewhere
    required: bool = False              # 'accessibility: required'
    declined: bool = False              # 'accessibility: false'
    line: int | None = None
    column: int | None = None

    def link(self, language: str) -> str | None:
        """Where every page's footer links: a path in the site, an address elsewhere, or None."""
        if self.statement is not None:
            return statement_path(language)
        return self.elsewhere


# -- reading site.yaml ------------------------------------------------------------------------

def read_accessibility(data: YamlMap, problems: Problems, languages: list[str], default: str) -> Accessibility:
    """The `accessibility:` setting of site.yaml; each mistake becomes a problem at its line."""
    if KEY not in data:
        return Accessibility()
    value = data[KEY]
    line, column = data.position(KEY)
    if value is False:
        return Accessibility(declined=True, line=line, column=column)
    if value == "required":
        return Accessibility(required=True, line=line, column=column)
    if not isinstance(value, YamlMap):
        hint = ((suggest(value, ["required"]) if isinstance(value, str) else None)
                or (msg.WRITE_REQUIRED() if value is True else None)
                or msg.WRITE_FACTS())
        message = (msg.ACCESSIBILITY_WRONG_SHOWN(kind=describe(value), value=str(value))
                   if isinstance(value, (str, int, float)) and not isinstance(value, bool)
                   else msg.ACCESSIBILITY_WRONG(kind=describe(value)))
        problems.error(SITE_FILE, message, line, column, hint)
        return Accessibility()
    reader = _Reader(value, problems, languages, default)
    errors = len(problems.errors)
    if "url" in value:
        result = Accessibility(elsewhere=reader.elsewhere(), line=line, column=column)
    else:
        result = Accessibility(statement=reader.statement(), line=line, column=column)
    if result.link(default) is None and len(problems.errors) == errors:  # never silently without one
        problems.error(SITE_FILE, msg.STATEMENT_INCOMPLETE(), line, column, msg.SEE_STATEMENT_GUIDE())
    return result


@dataclass
class _Reader:
    mapping: YamlMap
    problems: Problems
    languages: list[str]
    default: str
    fields: Fields = field(init=False)

    def __post_init__(self) -> None:
        self.fields = Fields(self.mapping, self.problems, STATEMENT_KEYS, f"'{KEY}'")

    def elsewhere(self) -> str | None:
        others = [key for key in self.mapping if key != "url" and key in STATEMENT_KEYS]
        if others:
            line, column = self.mapping.key_position(others[0])
            self.problems.error(SITE_FILE, msg.URL_AND_FACTS(key=str(others[0])), line, column, msg.KEEP_URL_OR_FACTS())
        return _web_address(self.fields, "url", required=True)

    def statement(self) -> Statement | None:
        fields = self.fields
        publisher = self.text(self.mapping, "publisher", required=True)
        status = _choice(fields, "status", STATUSES, required=True)
        method = _choice(fields, "method", METHODS, required=True)
        prepared = fields.date("prepared")
        if self.mapping.get("prepared") is None:
            fields.require("prepared")
        reviewed = fields.date("reviewed")
        if prepared is not None and reviewed is not None and reviewed < prepared:
            fields.error("reviewed", msg.REVIEWED_BEFORE_PREPARED(reviewed=reviewed.isoformat(),
                                                                  prepared=prepared.isoformat()),
                         msg.PREPARED_AND_REVIEWED())
        standard = fields.text("standard") or DEFAULT_STANDARD
        country = fields.text("country")
        if country is not None and not _COUNTRY.fullmatch(country):
            fields.error("country", msg.COUNTRY_CODE(value=country), msg.COUNTRY_EXAMPLE())
            country = None
        issues = self.issues(status)
        contact = self.contact()
        enforcement = self.enforcement(country)
        if (publisher is None or status is None or method is None or prepared is None or contact is None
                or enforcement is None):
            return None
        return Statement(publisher=publisher, status=status, method=method, prepared=prepared,
                         reviewed=reviewed, contact=contact, enforcement=enforcement, country=country,
                         standard=standard, issues=issues)

    def text(self, mapping: YamlMap, key: str, required: bool = False,
             what: str | msg.Message = f"'{KEY}'") -> Text | None:
        """A text, or one text per language (which must include the default language)."""
        value = mapping.get(key)
        line, column = mapping.position(key)
        if value is None:
            if required:
                hint = _REQUIRED_HINTS[key]() if key in _REQUIRED_HINTS else msg.ADD_LINE(key=key)
                self.problems.error(SITE_FILE, msg.MISSING_KEY(what=what if isinstance(what, str) else what(), key=key),
                                    *mapping.position(), hint)
            return None
        if isinstance(value, str) and value.strip():
            return Text(((self.default, value.strip()),), (line,))
        if not isinstance(value, YamlMap) or not value:
            self.problems.error(SITE_FILE, msg.TEXT_OR_TEXTS(key=key, kind=describe(value)), line, column,
                                msg.QUOTE_TEXT_COLON())
            return None
        texts: dict[str, str] = {}
        lines: dict[str, int] = {}
        for code, text in value.items():
            at = value.key_position(code)
            if code not in self.languages:
                self.problems.error(SITE_FILE, msg.TEXT_LANGUAGE_UNKNOWN(key=key, code=str(code)), *at,
                                    suggest(str(code), self.languages)
                                    or msg.LANGUAGES_IN(file=SITE_FILE, languages=", ".join(self.languages)))
            elif not isinstance(text, str) or not text.strip():
                self.problems.error(SITE_FILE, msg.TEXT_IN_LANGUAGE(key=key, code=str(code), kind=describe(text)),
                                    *value.position(code))
            else:
                texts[code] = text.strip()
                lines[code] = value.position(code)[0]
        if texts and self.default not in texts:
            self.problems.error(SITE_FILE, msg.NO_DEFAULT_TEXT(key=key, code=self.default), line, column,
                                msg.ADD_DEFAULT_TEXT(code=self.default))
            return None
        if not texts:
            return None
        order = [self.default] + [code for code in texts if code != self.default]
        return Text(tuple((code, texts[code]) for code in order), tuple(lines[code] for code in order))

    def issues(self, status: str | None) -> tuple[Issue, ...]:
        raw = self.mapping.get("issues")
        if raw is None:
            if status in ("partial", "none"):
                self.fields.error("status", msg.STATUS_NEEDS_ISSUES(status=status), msg.ADD_ISSUES())
            return ()
        if not isinstance(raw, YamlList):
            self.fields.error("issues", msg.MUST_BE_LIST(key="issues", kind=describe(raw)), msg.ONE_ISSUE_PER_LINE())
            return ()
        issues = []
        for index, item in enumerate(raw):
            issue = self.issue(raw, index, item)
            if issue is not None:
                issues.append(issue)
        if status == "full":
            for index, issue in enumerate(issues):
                if issue.reason != "out-of-scope":
                    line, column = raw.position(index)
                    self.problems.error(SITE_FILE, msg.FULL_WITH_ISSUE(reason=issue.reason), line, column,
                                        msg.PARTIAL_OR_OUT_OF_SCOPE())
                    break
        return tuple(issues)

    def issue(self, items: YamlList, index: int, item: Any) -> Issue | None:
        line, column = items.position(index)
        if isinstance(item, str) and item.strip():
            return Issue(Text(((self.default, item.strip()),), (line,)))
        if not isinstance(item, YamlMap):
            self.problems.error(SITE_FILE, msg.ISSUE_SHAPE(kind=describe(item)), line, column)
            return None
        fields = Fields(item, self.problems, ISSUE_KEYS, msg.AN_ISSUE())
        text = self.text(item, "text", required=True, what=msg.AN_ISSUE)
        reason = _choice(fields, "reason", REASONS) or "non-compliance"
        alternative = self.text(item, "alternative")
        return Issue(text, reason, alternative) if text is not None else None

    def contact(self) -> Contact | None:
        raw = self.fields.submapping("contact", msg.CONTACT_SHAPE())
        if raw is None:
            if self.mapping.get("contact") is None:
                self.fields.require("contact")
            return None
        fields = Fields(raw, self.problems, CONTACT_KEYS, "'contact'")
        email = fields.text("email")
        if email is not None and not _EMAIL.fullmatch(email):
            fields.error("email", msg.EMAIL(value=email[:60]), msg.EMAIL_EXAMPLE())
            email = None
        phone = _phone(fields, raw)
        url = _web_address(fields, "url")
        if not (email or phone or url) and not any(key in raw for key in ("email", "phone", "url")):
            line, column = raw.position()
            self.problems.error(SITE_FILE, msg.CONTACT_NEEDS_A_WAY(), line, column, msg.CONTACT_EXAMPLE())
            return None
        return Contact(name=self.text(raw, "name"), email=email, phone=phone, url=url)

    def enforcement(self, country: str | None) -> Enforcement | None:
        raw = self.fields.submapping("enforcement", msg.ENFORCEMENT_SHAPE())
        if raw is None:
            if country in ENFORCEMENT:
                return Enforcement(ENFORCEMENT[country])
            if self.mapping.get("enforcement") is None:
                where = "country" if country is not None else None
                line, column = self.mapping.position(where)
                known = ", ".join(ENFORCEMENT)
                self.problems.error(
                    SITE_FILE, msg.NO_ENFORCEMENT_FOR(country=country) if country else msg.NO_ENFORCEMENT(),
                    line, column, msg.GIVE_COUNTRY(countries=known))
            return None
        fields = Fields(raw, self.problems, ENFORCEMENT_KEYS, "'enforcement'")
        url = _web_address(fields, "url", required=True)
        name = self.text(raw, "name", required=country not in ENFORCEMENT, what="'enforcement'")
        if url is None or (name is None and country not in ENFORCEMENT):
            return None
        return Enforcement(url, name)


_REQUIRED_HINTS = {"publisher": msg.ADD_PUBLISHER, "text": msg.ADD_ISSUE_TEXT, "name": msg.ADD_AUTHORITY}


def _choice(fields: Fields, key: str, choices: tuple[str, ...], required: bool = False) -> str | None:
    if required and fields.mapping.get(key) is None:
        line, column = fields.mapping.position()
        fields.problems.error(fields.mapping.path, msg.MISSING_KEY(what=fields.what, key=key), line, column,
                              msg.ADD_CHOICE(key=key, choices=", ".join(choices)))
        return None
    value = fields.text(key)
    if value is None:
        return None
    if value not in choices:
        fields.error(key, msg.ONE_OF(key=key, choices=", ".join(choices), value=value[:60]), suggest(value, choices))
        return None
    return value


def _web_address(fields: Fields, key: str, required: bool = False) -> str | None:
    url = fields.text(key, required=required)
    if url is not None and not _WEB_ADDRESS.fullmatch(url):
        fields.error(key, msg.WEB_ADDRESS(key=key, value=url[:60]), msg.FEEDBACK_EXAMPLE())
        return None
    return url


def _phone(fields: Fields, raw: YamlMap) -> str | None:
    value = raw.get("phone")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # YAML reads 0771114400 as a number (and a leading 0 as octal): the number is lost.
        fields.error("phone", msg.PHONE_IN_QUOTES(), msg.PHONE_EXAMPLE())
        return None
    phone = fields.text("phone")
    if phone is not None and not _PHONE.fullmatch(phone):
        fields.error("phone", msg.PHONE(value=phone[:60]), msg.PHONE_CHARACTERS())
        return None
    return phone


# -- checking the site ------------------------------------------------------------------------

def statement_problems(accessibility: Accessibility, organisations: list[str],
                       languages: tuple[str, ...]) -> list[Problem]:
    """A site without a statement is reminded of it; an organisation cannot have its address."""
    found = Problems()
    if accessibility.statement is not None:
        for slug in organisations:
            for code in languages:
                if statement_slug(code) == slug:
                    found.error(f"content/{slug}", msg.ADDRESS_TAKEN(code=code, slug=slug),
                                hint=msg.RENAME_FOLDER_STATEMENT(paths=", ".join(statement_path(c) for c in languages)))
                    break
    elif accessibility.required:
        found.warning(SITE_FILE, msg.REQUIRED_BUT_MISSING(), accessibility.line, accessibility.column,
                      hint=msg.GIVE_THE_FACTS())
    elif accessibility.elsewhere is None and not accessibility.declined:
        found.warning(SITE_FILE, msg.NO_STATEMENT(), strict=False, hint=msg.PUBLIC_BODIES())
    if accessibility.statement is not None:
        for text in _texts(accessibility.statement):
            for (language, value), line in zip(text.texts, text.lines, strict=True):
                _check_markup(value, language, line, found)
    return found.items


def _texts(statement: Statement) -> list[Text]:
    """Every text of a statement that is shown as Markdown."""
    texts = [statement.publisher, statement.contact.name, statement.enforcement.name]
    for issue in statement.issues:
        texts += [issue.text, issue.alternative]
    return [text for text in texts if text is not None]


def _check_markup(text: str, language: str, line: int, problems: Problems) -> None:
    """Report what sanitising takes out of a text, as for the texts of content/."""
    if not _MAY_HOLD_MARKUP.search(text):
        return  # no tag, link, entity or attribute list: Markdown makes nothing to take out
    from .markdown import MarkdownRenderer, TooSlow, report_findings, too_slow

    try:
        clean = MarkdownRenderer().inline(text, language)
    except TooSlow as error:
        too_slow(problems, SITE_FILE, line, error)
        return
    report_findings(clean.findings, problems, SITE_FILE, first_line=line)
