"""`handbook new site DIR`: a whole site to start from, which passes `handbook build --strict` as
it is: site.yaml, one organisation with a vision page (made as `handbook new org` makes them),
the CI workflow, a .gitignore, and the schemas and settings that let an editor check YAML while
typing.

The notes written into the files, and the descriptions in the schemas, are in the site's first
language where handbook speaks it (registry.py, HB912-HB914, as `handbook new org` writes its
own), else in English: they are files of the site, read by everyone who edits it, not messages
to whoever ran the command; everything the site
needs is written into a temporary folder first and moved into place at the end, so a refusal or
a failure leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path, PurePath

import yaml

from . import __version__
from . import registry as msg
from .config import SITE_FILE, known_locale, load_config
from .content import SLUG, slugify
from .errors import HandbookError, Problem, Problems, UsageError, suggest
from .messages import LanguageName, Text
from .new import comments_in, new_organisation
from .schema import EDITOR_EXTENSIONS, SCHEMA_DIR, editor_settings, text, write_schemas
from .theme import load_theme, load_translations

WORKFLOW = ".github/workflows/handbook.yml"
# The workflow is package data, the same file as handbook's own repository builds with
# (tests/test_new_site.py holds them equal).
WORKFLOW_SOURCE = files("handbook") / "data" / "workflow" / "handbook.yml"
# Language codes that are really country codes, and the language that was probably meant.
COUNTRY_NOT_LANGUAGE = {"se": "sv", "dk": "da", "cz": "cs", "gb": "en", "us": "en", "jp": "ja",
                        "gr": "el", "cn": "zh", "ee": "et", "si": "sl", "at": "de", "ch": "de", "ua": "uk"}
# What country's accessibility law a site in this language probably follows.
LANGUAGE_COUNTRY = {"sv": "SE", "da": "DK", "cs": "CZ"}

@dataclass(frozen=True)
class NewSite:
    """What `handbook new site` made: the files, relative to the site, and notes to print."""

    files: tuple[str, ...]
    notes: tuple[Text, ...]


def parse_languages(text: str) -> tuple[str, ...]:
    """`sv,en` → ('sv', 'en'); an unknown or repeated code is a usage error with a hint."""
    codes = [code for code in text.replace(",", " ").split() if code]
    problems = Problems()
    if not codes:
        problems.error("--languages", msg.NO_LANGUAGES_GIVEN(), hint=msg.LANGUAGES_OPTION_EXAMPLE())
    seen: list[str] = []
    for code in codes:
        if code in seen:
            problems.error("--languages", msg.LANGUAGE_GIVEN_TWICE(code=code))
        elif known_locale(code) is None:
            meant = COUNTRY_NOT_LANGUAGE.get(code.lower())
            hint = (msg.COUNTRY_NOT_LANGUAGE(code=code, language=meant) if meant
                    else suggest(code, ("sv", "da", "cs", "en")) or msg.USE_LANGUAGE_CODES())
            problems.error("--languages", msg.UNKNOWN_LANGUAGE_CODE(code=repr(code)), hint=hint)
        else:
            seen.append(code)
    if problems.items:
        raise UsageError(problems.items)
    return tuple(seen)


def new_site(folder: Path, languages: tuple[str, ...], slug: str | None = None,
             name: str | None = None) -> NewSite:
    """Make a site in `folder`, which must be new or empty."""
    label = folder.as_posix()
    if folder.exists() and not folder.is_dir():
        raise HandbookError([Problem(label, msg.NOT_A_FOLDER(), hint=msg.NEW_FOLDER())])
    if folder.is_dir() and any(folder.iterdir()):
        raise HandbookError([Problem(label, msg.FOLDER_NOT_EMPTY(), hint=msg.NEW_OR_EMPTY_FOLDER())])
    folder_name = folder.resolve().name
    slug = slug if slug is not None else slugify(folder_name)
    if not SLUG.fullmatch(slug):
        raise UsageError([Problem("--org", msg.NOT_A_SLUG(slug=slug), hint=msg.SLUG_CHARACTERS(slug=slugify(slug)))])
    name = name or folder_name.replace("-", " ").replace("_", " ").strip().title() or slug

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".handbook-new-", dir=folder.parent))
    try:
        made = _write(staging, languages, slug, name)
        notes = _interface_notes(staging)
        _move(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return NewSite(made, notes)


def _write(site: Path, languages: tuple[str, ...], slug: str, name: str) -> tuple[str, ...]:
    made = []

    def write(relative: str, content: str) -> None:
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        made.append(relative)

    say = comments_in(languages[0])
    titles = "\n".join(f"  {code}: {_yaml_text(name)}" for code in languages)
    write(SITE_FILE, say(msg.NEW_SITE_YAML(
        titles=titles, languages=", ".join(languages), default=languages[0],
        country=LANGUAGE_COUNTRY.get(languages[0].split("_")[0].split("-")[0], "SE"))))
    made += new_organisation(site, slug, languages[0], name)
    write(".gitignore", say(msg.NEW_GITIGNORE()))
    write("requirements.txt", say(msg.NEW_REQUIREMENTS(workflow=WORKFLOW, version=__version__)))
    write(WORKFLOW, WORKFLOW_SOURCE.read_text(encoding="utf-8"))
    write(".vscode/settings.json", text(editor_settings()))
    write(".vscode/extensions.json", text(EDITOR_EXTENSIONS))
    # The schemas speak to the site's editors, in the site's main language, as its notes do.
    made += [path.relative_to(site).as_posix() for path in write_schemas(site / SCHEMA_DIR, say)]
    return tuple(made)


def _yaml_text(value: str) -> str:
    """A YAML scalar for `value`, quoted only when it needs to be."""
    return yaml.safe_dump(value, allow_unicode=True, width=1000).strip().removesuffix("\n...")


def _interface_notes(site: Path) -> tuple[Text, ...]:
    """For each language the theme has no interface catalog for, what that means for the build."""
    config = load_config(site)  # the new site.yaml, checked as every build checks it
    theme = load_theme(config)
    notes = []
    for code in config.languages:
        found = Problems()
        load_translations(theme, code, found, config.root)
        if found.warnings:
            if code in COUNTRY_NOT_LANGUAGE:
                notes.append(msg.INTERFACE_NOT_TRANSLATED_COUNTRY(name=LanguageName(code), code=code,
                                                                  country=code.upper(),
                                                                  language=COUNTRY_NOT_LANGUAGE[code]))
            else:
                notes.append(msg.INTERFACE_NOT_TRANSLATED(name=LanguageName(code), code=code))
    return tuple(notes)


def _move(staging: Path, folder: Path) -> None:
    """Put the staged site in place: a rename when the folder is new, else entry by entry."""
    if not folder.exists():
        os.replace(staging, folder)
        return
    for entry in sorted(staging.iterdir()):
        os.replace(entry, folder / entry.name)


def created_lines(folder: str, made: NewSite) -> list[Text]:
    """What the command prints: each file as the user named the folder, then what to do next."""
    lines = [msg.CREATED(path=PurePath(folder, relative).as_posix()) for relative in made.files]
    return [*lines, *made.notes, msg.NEXT_STEP(folder=folder)]

