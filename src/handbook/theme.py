"""Find the theme, compile its gettext catalogs in memory, and make one Jinja environment per language."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from .config import SiteConfig
from .errors import HandbookError, Problem, Problems
from .locale import parse_locale

BUNDLED_THEMES = Path(__file__).parent / "themes"
CATALOG = "LC_MESSAGES/messages.po"
# Babel's parser silently truncates an unterminated string; check each line ourselves first.
_PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')


@dataclass(frozen=True)
class Theme:
    """A theme on disk: templates (a site's ./templates/ first), static files, catalogs."""

    name: str
    path: Path
    template_dirs: tuple[Path, ...]
    label: str  # how problems name the theme's files, relative to the site where possible
    assets: dict[str, str] = field(default_factory=dict)  # static name → fingerprinted path

    @property
    def static_dir(self) -> Path:
        return self.path / "static"

    @property
    def locales_dir(self) -> Path:
        return self.path / "locales"

    def catalog_file(self, language: str) -> Path:
        return self.locales_dir / language / CATALOG

    def catalog_label(self, language: str) -> str:
        return f"{self.label}/locales/{language}/{CATALOG}"


def load_theme(config: SiteConfig) -> Theme:
    local = config.root / "themes" / config.theme
    if local.is_dir():
        path, label = local, f"themes/{config.theme}"
    elif (BUNDLED_THEMES / config.theme).is_dir():
        path, label = BUNDLED_THEMES / config.theme, f"<{config.theme} theme>"
    else:
        raise HandbookError([Problem("site.yaml", f"there is no theme '{config.theme}'",
                                     hint="use 'theme: default' or create themes/"
                                          f"{config.theme}/templates/")])
    dirs = tuple(d for d in (config.root / "templates", path / "templates") if d.is_dir())
    return Theme(config.theme, path, dirs, label, _fingerprint(path / "static"))


def _fingerprint(static: Path) -> dict[str, str]:
    """Static files get a content hash in their name so browsers can cache them forever."""
    assets = {}
    if static.is_dir():
        for file in sorted(p for p in static.rglob("*") if p.is_file()):
            name = file.relative_to(static).as_posix()
            digest = hashlib.sha256(file.read_bytes()).hexdigest()[:10]
            stem, dot, suffix = name.rpartition(".")
            assets[name] = f"assets/{stem}.{digest}.{suffix}" if dot else f"assets/{name}.{digest}"
    return assets


def load_translations(theme: Theme, language: str, problems: Problems) -> NullTranslations:
    """The theme's catalog for a language, compiled in memory from its .po file.

    Untranslated and fuzzy strings are warnings (they fall back to English); a missing catalog
    is a warning too, except for English, whose strings are the message ids themselves.
    """
    file = theme.catalog_file(language)
    label = theme.catalog_label(language)
    if not file.is_file():
        if parse_locale(language).language != "en":
            problems.warning(label, f"no interface translation for '{language}': "
                                    "menus and headings will be in English",
                             hint=f"create it with: pybabel init -i {theme.label}/locales/messages.pot "
                                  f"-d {theme.label}/locales -l {language}")
        return NullTranslations()
    try:
        data = file.read_bytes()
        _check_po_lines(data.decode("utf-8"), label)
        catalog = read_po(io.BytesIO(data), locale=language, abort_invalid=True)
    except PoFileError as exc:
        raise HandbookError([Problem(label, f"catalog syntax: {exc}", getattr(exc, "lineno", None))]) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise HandbookError([Problem(label, f"cannot read the catalog: {exc}")]) from None
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.warning(label, f"fuzzy translation of '{msgid}' is not used", message.lineno,
                             hint="check the translation and remove the '#, fuzzy' line")
        elif not all(strings):
            problems.warning(label, f"'{msgid}' is not translated", message.lineno,
                             hint="fill in its msgstr")
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer)


def _check_po_lines(text: str, label: str) -> None:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not _PO_LINE.match(stripped):
            problems.append(Problem(label, f"catalog syntax: cannot read this line: {stripped[:60]}",
                                    number, 1, 'each line is msgid "…", msgstr "…", or a "…" '
                                               "continuation, with the quotes closed"))
    if problems:
        raise HandbookError(problems)


def make_environment(theme: Theme, translations: NullTranslations) -> jinja2.Environment:
    """A Jinja environment with the language's translations installed (gettext, plurals)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.install_gettext_translations(translations, newstyle=True)
    return environment
