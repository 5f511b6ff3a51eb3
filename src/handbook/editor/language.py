"""The editor's language: which one the person at the keyboard reads, and the editor's own
catalogs (field labels and hints, in locales/ beside this file), compiled in memory.

The language is chosen as for every message to editors: `--lang`, else HANDBOOK_LANG, else
the usual LC_ALL / LC_MESSAGES / LANG of the terminal (sv_SE.UTF-8 is Swedish), else English.
Decap's own interface (buttons, menus) speaks it too: Decap has sv, da, cs and en.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from babel.support import NullTranslations

from handbook import usercache

EDITOR_LANGUAGES = ("sv", "da", "cs", "en")
LOCALES = Path(__file__).parent / "locales"
DOMAIN = "editor"
_VARIABLES = ("HANDBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def editor_language(chosen: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """sv, da, cs or en: from `chosen` (--lang), else the environment, else English.
    A setting in a language the editor does not speak falls through to the next one."""
    environ = os.environ if environ is None else environ
    for value in (chosen, *(environ.get(name) for name in _VARIABLES)):
        language = _language_of(value)
        if language is not None:
            return language
    return "en"


def _language_of(value: str | None) -> str | None:
    """'sv_SE.UTF-8' → 'sv', 'cs-CZ' → 'cs'; None for C, POSIX, empty or another language.
    LANGUAGE-style lists ('da:en') give their first language the editor speaks."""
    if not value:
        return None
    for part in value.split(":"):
        code = part.split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0].lower()
        if code in EDITOR_LANGUAGES:
            return code
    return None


@lru_cache(maxsize=len(EDITOR_LANGUAGES))
def translations(language: str) -> NullTranslations:
    """The editor's catalog for a language (English: the msgids themselves)."""
    file = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == "en" or not file.is_file():
        return NullTranslations()
    return usercache.translations(file, language, DOMAIN)
