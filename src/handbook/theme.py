"""Find the theme, compile its gettext catalogs in memory, and make one Jinja environment per language."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

from . import registry as msg
from . import usercache
from .config import SiteConfig
from .depends import item_key
from .errors import HandbookError, Problem, Problems
from .locale import parse_locale
from .sources import read_text
from .typography import typeset_interface

BUNDLED_THEMES = Path(__file__).parent / "themes"
CATALOG = "LC_MESSAGES/messages.po"
# Babel's parser silently truncates an unterminated string; check each line ourselves first.
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
# Markup in a translation: a tag or a character reference. Shown as text, so worth a warning.
_MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")
_PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')


@dataclass(frozen=True)
class Theme:
    """A theme on disk: templates (a site's ./templates/ first), static files, catalogs."""

    name: str
    path: Path
    template_dirs: tuple[Path, ...]
    label: str  # how problems name the theme's files, relative to the site where possible
    assets: dict[str, str] = field(default_factory=dict)  # static name → fingerprinted path
    # Each template's name → (how problems name its file, a digest of its source).
    templates: dict[str, tuple[str, str]] = field(default_factory=dict)

    def template_label(self, name: str) -> str:
        return self.templates[name][0] if name in self.templates else name

    @property
    def static_dir(self) -> Path:
        return self.path / "static"

    @property
    def locales_dir(self) -> Path:
        return self.path / "locales"


def load_theme(config: SiteConfig) -> Theme:
    local = config.root / "themes" / config.theme
    if local.is_dir():
        path, label = local, f"themes/{config.theme}"
    elif (BUNDLED_THEMES / config.theme).is_dir():
        path, label = BUNDLED_THEMES / config.theme, f"<{config.theme} theme>"
    else:
        raise HandbookError([Problem("site.yaml", msg.NO_THEME(theme=config.theme),
                                     hint=msg.USE_DEFAULT_THEME(theme=config.theme))])
    dirs = tuple(d for d in (config.root / "templates", path / "templates") if d.is_dir())
    templates: dict[str, tuple[str, str]] = {}
    for folder, folder_label in ((config.root / "templates", "templates"), (path / "templates", f"{label}/templates")):
        if folder.is_dir():
            for file in sorted(p for p in folder.rglob("*") if p.is_file()):
                name = file.relative_to(folder).as_posix()
                if name not in templates:  # the site's own template hides the theme's
                    source = hashlib.blake2b(file.read_bytes(), digest_size=12).hexdigest()
                    templates[name] = (f"{folder_label}/{name}", source)
    return Theme(config.theme, path, dirs, label, _fingerprint(path / "static"), templates)


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


def load_translations(theme: Theme, language: str, problems: Problems,
                      site_root: Path | None = None) -> NullTranslations:
    """The interface catalog for a language, compiled in memory from .po files.

    The theme's catalog comes first; a site's own locales/<lang>/LC_MESSAGES/messages.po is
    merged over it, so a site can add a language or reword a string without copying the theme.
    Untranslated, fuzzy and missing strings are warnings: they fall back to English.
    """
    sources = [(f, label) for f, label in catalog_sources(theme, site_root, language) if f.is_file()]
    english = parse_locale(language).language == "en"
    if not sources:
        if not english:
            problems.warning(f"locales/{language}/{CATALOG}", msg.NO_INTERFACE_TRANSLATION(code=language),
                             hint=msg.PYBABEL_INIT(template=f"{theme.label}/locales/messages.pot", code=language))
        return NullTranslations()

    catalogs = [(_read_catalog(file, label, language), label) for file, label in sources]
    translated: set[str] = set()
    for catalog, _label in catalogs:
        translated |= {_msgid(m) for m in catalog if m.id and not m.fuzzy and _is_translated(m)}
    for catalog, label in catalogs:
        for message in catalog:
            msgid = _msgid(message) if message.id else ""
            strings = _strings(message)
            if msgid:
                _check_placeholders(message, strings, label, problems)
            if msgid and any(_MARKUP.search(text) for text in strings):
                problems.warning(label, msg.TRANSLATION_HTML(msgid=msgid), message.lineno, hint=msg.PLAIN_TEXT())
            if not msgid or msgid in translated:
                continue
            if message.fuzzy:
                problems.warning(label, msg.FUZZY(msgid=msgid), message.lineno, hint=msg.CHECK_FUZZY())
            else:
                problems.warning(label, msg.NOT_TRANSLATED(msgid=msgid), message.lineno, hint=msg.FILL_MSGSTR())
    expected = _template_messages(theme.locales_dir / "messages.pot")
    missing = sorted(expected - {_msgid(m) for c, _ in catalogs for m in c if m.id})
    if missing and not english:
        problems.warning(catalogs[-1][1], msg.NO_ENTRIES(count=len(missing), code=language, msgid=missing[0]),
                         hint=msg.PYBABEL_UPDATE(template=f"{theme.label}/locales/messages.pot", code=language))

    result = NullTranslations()
    for catalog, label in catalogs:
        buffer = io.BytesIO()
        try:
            write_mo(buffer, catalog, use_fuzzy=False)
            buffer.seek(0)
            compiled = Translations(fp=buffer)
        except (ValueError, LookupError, OSError) as exc:  # e.g. a NUL inside a msgid
            raise HandbookError([Problem(label, msg.CANNOT_READ_CATALOG(detail=str(exc)),
                                         hint=msg.CHARSET_OR_NUL())]) from None
        result = compiled if not isinstance(result, Translations) else result.merge(compiled)
    return result


_PLACEHOLDER = re.compile(r"%(?:%|\((\w+)\)s)")


def _check_placeholders(message: Message, strings: tuple[str, ...], label: str,
                        problems: Problems) -> None:
    """Templates fill translations in with Python's % operator: a lone '%' or a width such as
    %(name)999s would break every page or flood the output, and an unknown name fails to render."""
    ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
    known = {name for text in ids for name in _PLACEHOLDER.findall(str(text)) if name} | {"num"}
    for text in strings:
        if not text:
            continue
        rest = _PLACEHOLDER.sub("", text)
        if "%" in rest:
            problems.error(label, msg.LONE_PERCENT(msgid=_msgid(message)), message.lineno, hint=msg.DOUBLE_PERCENT())
            return
        unknown = sorted({name for name in _PLACEHOLDER.findall(text) if name} - known)
        if unknown:
            names = ", ".join(f"%({n})s" for n in sorted(known - {"num"}))
            problems.error(label, msg.UNKNOWN_PLACEHOLDER(msgid=_msgid(message), name=unknown[0]), message.lineno,
                           hint=msg.ONLY_PLACEHOLDERS(names=names or msg.NONE()))
            return


def catalog_sources(theme: Theme, site_root: Path | None, language: str) -> list[tuple[Path, str]]:
    """A language's catalog files, theme first, and how problems name them."""
    sources = [(theme.locales_dir / language / CATALOG, f"{theme.label}/locales/{language}/{CATALOG}")]
    if site_root is not None:
        sources.append((site_root / "locales" / language / CATALOG, f"locales/{language}/{CATALOG}"))
    return sources


def load_all_translations(theme: Theme, config: SiteConfig, problems: Problems) -> dict[str, NullTranslations]:
    """Every language's catalog; a broken one is reported and the others are still read."""
    translations: dict[str, NullTranslations] = {}
    for code in config.languages:
        try:
            translations[code] = load_translations(theme, code, problems, config.root)
        except HandbookError as exc:
            problems.add(exc.problems)
            translations[code] = NullTranslations()
    return translations


def _read_catalog(file: Path, label: str, language: str) -> Catalog:
    text = read_text(file, label)
    _check_po_lines(text, label)
    plurals = _NPLURALS.search(text)
    if plurals and not 1 <= int(plurals.group(1)) <= 6:
        line = text.count("\n", 0, plurals.start()) + 1
        raise HandbookError([Problem(label, msg.NPLURALS(count=plurals.group(1)), line, hint=msg.COPY_PLURAL_FORMS())])
    try:
        return read_po(io.BytesIO(text.encode("utf-8")), locale=language, abort_invalid=True)
    except PoFileError as exc:
        raise HandbookError([Problem(label, msg.CATALOG_SYNTAX(detail=str(exc)),
                                     getattr(exc, "lineno", None))]) from None
    except (ValueError, LookupError) as exc:  # LookupError: a charset Python does not know
        raise HandbookError([Problem(label, msg.CANNOT_READ_CATALOG(detail=str(exc)), hint=msg.CHARSET())]) from None


def _strings(message: Message) -> tuple[str, ...]:
    """A message's translations (one, or one per plural form), empty ones as ''."""
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return tuple(str(text or "") for text in strings)


def _msgid(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _is_translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def _template_messages(pot: Path) -> frozenset[str]:
    """The theme's interface strings, from its messages.pot (empty if it has none)."""
    if not pot.is_file():
        return frozenset()
    return _messages_in(pot.read_bytes())


@lru_cache(maxsize=8)
def _messages_in(pot: bytes) -> frozenset[str]:
    return frozenset(_msgid(m) for m in read_po(io.BytesIO(pot)) if m.id)


def _check_po_lines(text: str, label: str) -> None:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not _PO_LINE.match(stripped):
            problems.append(Problem(label, msg.CATALOG_LINE(line=stripped[:60]), number, 1, msg.CATALOG_LINES()))
    if problems:
        raise HandbookError(problems)


class RecordingEnvironment(jinja2.Environment):
    """Records, while `reads` is set, the templates a render loads and the attributes of model
    items it looks at (keys as in depends.py): the dependencies of one output, as they happen."""

    reads: set[str] | None = None

    def getattr(self, obj: Any, attribute: str) -> Any:
        if self.reads is not None and (prefix := item_key(obj)) is not None:
            self.reads.add(f"{prefix}#{attribute}")
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if self.reads is not None and isinstance(argument, str) and (prefix := item_key(obj)) is not None:
            self.reads.add(f"{prefix}#{argument}")
        return super().getitem(obj, argument)

    def get_template(self, name: Any, parent: str | None = None, globals: Any = None) -> jinja2.Template:
        if self.reads is not None and isinstance(name, str):
            self.reads.add(f"template:{self.join_path(name, parent) if parent else name}")
        return super().get_template(name, parent, globals)


# How every environment is made: compiled code depends on it, so it names the code kept on disk.
_OPTIONS: dict[str, Any] = {
    "autoescape": True, "undefined": jinja2.StrictUndefined, "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True, "lstrip_blocks": True,
    # A template is compiled once and never looked at on disk again: a changed theme gets a new
    # environment (pipeline.py's Pipeline._templates_for), so stat()s per render buy nothing.
    "auto_reload": False,
}
_CODE_VERSION = repr((jinja2.__version__, sorted((name, repr(value)) for name, value in _OPTIONS.items())))


class SharedCode(jinja2.BytecodeCache):
    """Compiled templates: shared by the environments of one theme's languages in memory (they
    differ only in their catalogs and filters, which templates look up as they run, so a
    template is compiled once instead of once per language), and kept between runs in the
    user's cache folder (usercache.py), never in the site's: compiled code would run from it.
    An entry is found by the template's name, file and source, Jinja's version and the
    environment's options; one that does not load whole is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str | None, object]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self._code.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]  # type: ignore[assignment]
            return
        kept = usercache.read("templates", self._name(bucket))
        if kept is None:
            return
        try:
            bucket.bytecode_from_string(kept)  # checks Jinja's magic and the source's checksum
        except Exception:  # whatever is wrong with an entry, it is compiled again
            bucket.reset()
        if bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = (bucket.checksum, bucket.code)
        usercache.write("templates", self._name(bucket), bucket.bytecode_to_string())

    @staticmethod
    def _name(bucket: jinja2.bccache.Bucket) -> str:
        return usercache.key("template", _CODE_VERSION, bucket.key, bucket.checksum or "")


def make_environment(theme: Theme, translations: NullTranslations, language: str = "",
                     code: SharedCode | None = None) -> RecordingEnvironment:
    """A Jinja environment with the language's translations installed (gettext, plurals),
    each translation set by the language's typography (typography.typeset_interface)."""
    environment = RecordingEnvironment(
        bytecode_cache=code, loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]), **_OPTIONS)

    def text(translation: object) -> Markup:
        return escape(typeset_interface(str(translation), language))

    # Catalogs are plain text: Jinja would take a translation as markup, so a site's catalog
    # could put tags on every page, or break out of an attribute such as aria-label.
    environment.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        lambda message: text(translations.gettext(message)),
        lambda singular, plural, n: text(translations.ngettext(singular, plural, n)),
        newstyle=True,
        pgettext=lambda context, message: text(translations.pgettext(context, message)),
        npgettext=lambda context, singular, plural, n: text(
            translations.npgettext(context, singular, plural, n)))
    return environment
