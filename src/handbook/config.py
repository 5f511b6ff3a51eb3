"""site.yaml → a frozen SiteConfig; unknown keys are rejected with the nearest valid key."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

from . import definitions
from . import registry as msg
from .accessibility import Accessibility, read_accessibility
from .editor.settings import EditorSettings, read_editor
from .errors import HandbookError, Problem, Problems
from .fields import Fields
from .messages import Text
from .paths import check_changed_files, check_site_files
from .sources import YamlList, YamlMap, describe, parse_yaml, read_text

SITE_FILE = "site.yaml"
SITE_KEYS = definitions.SITE.names
_URL = re.compile(definitions.BASE_URL)
# A theme is a folder name, looked up in themes/ and among the bundled themes: never a path.
_THEME = re.compile(definitions.THEME)


@dataclass(frozen=True)
class SiteConfig:
    """The settings of one site directory."""

    root: Path
    title: dict[str, str]
    base_url: str
    languages: tuple[str, ...]
    default_language: str
    theme: str
    search: bool = True  # a search box on every page, with a Pagefind index per language
    # The accessibility statement (accessibility.py).
    accessibility: Accessibility = field(default_factory=Accessibility)
    # The Git host the published editor (admin/) commits to; None: no admin/ (editor/settings.py).
    editor: EditorSettings | None = None

    @property
    def languages_hint(self) -> Text:
        return msg.LANGUAGES_IN(file=SITE_FILE, languages=", ".join(self.languages))

    def title_in(self, language: str) -> tuple[str, str]:
        """The site title for a language, and the language it is actually written in."""
        if language in self.title:
            return self.title[language], language
        return self.title[self.default_language], self.default_language


def known_locale(code: object) -> str | None:
    """The CLDR locale code if Babel knows it, else None."""
    if not isinstance(code, str) or not re.fullmatch(definitions.LANGUAGE, code):
        return None
    try:
        Locale.parse(code, sep="-" if "-" in code else "_")
    except (UnknownLocaleError, ValueError):
        return None
    return code


def load_config(root: Path, base_url: str | None = None, changed: set[Path] | None = None) -> SiteConfig:
    """Read and check site.yaml; raise HandbookError listing everything wrong in it.

    First of all, no file of the site may lead outside it (see paths.py): this is where every
    command starts reading a site. `changed`: only these files changed since the last check.
    """
    if changed is None:
        check_site_files(root)
    else:
        check_changed_files(root, changed)
    file = root / SITE_FILE
    if not file.is_file():
        raise HandbookError([Problem(SITE_FILE, msg.NO_SITE_FILE(file=SITE_FILE, folder=str(root)),
                                     hint=msg.RUN_IN_SITE())])
    data = parse_yaml(read_text(file, SITE_FILE), SITE_FILE)
    if not isinstance(data, YamlMap):
        raise HandbookError([Problem(SITE_FILE, msg.NOT_KEY_VALUE_LINES(file=SITE_FILE, kind=describe(data)),
                                     1, 1)])
    problems = Problems()
    fields = Fields(data, problems, SITE_KEYS, SITE_FILE)

    languages: list[str] = []
    raw_languages = data.get("languages")
    if raw_languages is None:
        fields.error("languages", msg.MISSING_KEY(what=SITE_FILE, key="languages"), msg.ADD_LANGUAGES())
    elif not isinstance(raw_languages, YamlList) or not raw_languages:
        fields.error("languages", msg.LANGUAGES_NOT_LIST(kind=describe(raw_languages)), msg.LANGUAGES_EXAMPLE())
    else:
        for index, code in enumerate(raw_languages):
            line, column = raw_languages.position(index)
            if known_locale(code) is None:
                # A list or mapping is not quoted: YAML aliases can make it huge.
                message = (msg.UNKNOWN_LANGUAGE_CODE(code=repr(code)) if isinstance(code, (str, int, float))
                           or code is None else msg.LANGUAGE_CODE_NOT_TEXT(kind=describe(code)))
                problems.error(SITE_FILE, message, line, column,
                               msg.USE_LOCALE_CODE_NO() if code is False else msg.USE_LOCALE_CODE())
            elif code in languages:
                problems.error(SITE_FILE, msg.LANGUAGE_TWICE(code=code), line, column)
            else:
                languages.append(code)

    default = fields.text("default_language")
    if default is None:
        default = languages[0] if languages else ""
    elif languages and default not in languages:
        fields.error("default_language", msg.DEFAULT_NOT_IN_LANGUAGES(code=default),
                     msg.LANGUAGES_IN(file=SITE_FILE, languages=", ".join(languages)))

    title: dict[str, str] = {}
    raw_title = data.get("title")
    if isinstance(raw_title, str) and raw_title.strip():
        title = {default: raw_title.strip()}
    elif isinstance(raw_title, YamlMap):
        for code, text in raw_title.items():
            line, column = raw_title.key_position(code)
            if code not in languages:
                problems.error(SITE_FILE, msg.TITLE_LANGUAGE_UNKNOWN(code=str(code)), line, column,
                               msg.LANGUAGES_IN(file=SITE_FILE, languages=", ".join(languages)))
            elif not isinstance(text, str) or not text.strip():
                problems.error(SITE_FILE, msg.TITLE_NOT_TEXT(code=str(code)), line, column)
            else:
                title[code] = text.strip()
        if default and default not in title and languages:
            fields.error("title", msg.NO_DEFAULT_TEXT(key="title", code=default))
    elif raw_title is None:
        fields.error("title", msg.MISSING_KEY(what=SITE_FILE, key="title"), msg.ADD_TITLE())
    else:
        fields.error("title", msg.TEXT_OR_TEXTS(key="title", kind=describe(raw_title)))

    url = base_url if base_url is not None else fields.text("base_url", required=True)
    if url is not None:
        if not _is_absolute_url(url):
            if base_url is not None:
                problems.error("--base-url", msg.BASE_URL_OPTION(url=repr(url)))
            else:
                fields.error("base_url", msg.BASE_URL_NOT_ABSOLUTE(url=repr(url)), msg.BASE_URL_EXAMPLE())
        url = url if url.endswith("/") else url + "/"

    theme = fields.text("theme") or "default"
    if not _THEME.fullmatch(theme):
        fields.error("theme", msg.THEME_NAME(theme=theme), msg.THEME_EXAMPLE())
    search = fields.flag("search") if "search" in data else True
    accessibility = read_accessibility(data, problems, languages, default)
    editor = read_editor(data, problems)
    problems.raise_if_errors()
    return SiteConfig(root=root, title=title, base_url=url or "/", languages=tuple(languages),
                      default_language=default, theme=theme, search=search, accessibility=accessibility,
                      editor=editor)


def _is_absolute_url(url: str) -> bool:
    """An http(s) URL with a host that the rest of the build can take apart again."""
    if not _URL.fullmatch(url):
        return False
    try:
        _ = urlsplit(url).port  # ValueError for 'https://[' or a port that is not a number
    except ValueError:
        return False
    return True
