"""`handbook new site DIR`: a whole site to start from, which passes `handbook build --strict` as
it is: site.yaml, one organisation with a vision page (made as `handbook new org` makes them),
the CI workflow, a .gitignore, and the schemas and settings that let an editor check YAML while
typing.

The notes written into the files are the English constants below, in one place, so that they
can be put through the catalogs later; everything the site needs is written into a temporary
folder first and moved into place at the end, so a refusal or a failure leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path, PurePath

import yaml
from babel import Locale

from . import __version__
from .config import SITE_FILE, known_locale, load_config
from .content import SLUG, slugify
from .errors import HandbookError, Problem, Problems, UsageError, suggest
from .new import new_organisation
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

SITE_YAML = """\
# The settings of the whole handbook. Lines starting with # are notes for editors.
# The name of the handbook, in each language.
title:
{titles}
# The address where the handbook is published. Change it before you publish
# (the CI workflow gives its own with --base-url).
base_url: https://handbook.example/
# The languages of the handbook, as language codes: the main one first.
languages: [{languages}]
# The main language: the one used when a reader's browser asks for none of the others.
default_language: {default}
# The look of the handbook: 'default' is the theme that comes with handbook.
theme: default
# Every page has a search box. To publish the handbook without one, remove the # below.
# search: false

# The accessibility statement, which public bodies in the EU must publish. Until it is here,
# every build reminds you of it. Give the facts and remove the # at the start of each line
# below (see "The accessibility statement" in the editors' guide); or, if your handbook needs
# no statement, write a line 'accessibility: false' instead.
# accessibility:
#   publisher: The name of your organisation   # who publishes the handbook
#   country: {country}         # SE, DK or CZ: the law and the authority readers can turn to
#   status: partial     # full, partial or none
#   method: self-assessment   # or third-party
#   prepared: 2025-01-31   # when the statement was written (YYYY-MM-DD)
#   issues:             # what is not accessible, one '- ' line each
#     - The films have no subtitles.
#   contact:            # at least one of email, phone and url
#     email: accessibility@example.org
"""

GITIGNORE = """\
# Made by handbook: the finished website and the build cache. They are not kept in Git.
/build/
/.cache/
"""

REQUIREMENTS = f"""\
# The handbook that CI installs to build this site ({WORKFLOW}).
# To upgrade, change the version. If your organisation keeps handbook elsewhere, say where,
# e.g. handbook @ git+https://git.example.org/handbook.git@v{__version__}
handbook=={__version__}
"""

CREATED = "created {path}"
NEXT = "next: cd {folder}, then 'handbook serve' shows the handbook in your browser while you edit"
NO_INTERFACE = ("note: the interface (menus, headings) is not translated into {name} ({code}) yet: "
                "'handbook build' shows it in English, and 'handbook build --strict' stops until "
                "locales/{code}/LC_MESSAGES/messages.po translates it (see the README, 'The interface "
                "in another language')")


@dataclass(frozen=True)
class NewSite:
    """What `handbook new site` made: the files, relative to the site, and notes to print."""

    files: tuple[str, ...]
    notes: tuple[str, ...]


def parse_languages(text: str) -> tuple[str, ...]:
    """`sv,en` → ('sv', 'en'); an unknown or repeated code is a usage error with a hint."""
    codes = [code for code in text.replace(",", " ").split() if code]
    problems = Problems()
    if not codes:
        problems.error("--languages", "give at least one language code", hint="e.g. --languages sv,en")
    seen: list[str] = []
    for code in codes:
        if code in seen:
            problems.error("--languages", f"the language '{code}' is given twice")
        elif known_locale(code) is None:
            meant = COUNTRY_NOT_LANGUAGE.get(code.lower())
            hint = (f"'{code}' is a country code; the language is '{meant}'" if meant
                    else suggest(code, ("sv", "da", "cs", "en")) or "use language codes such as sv, da, cs, en")
            problems.error("--languages", f"unknown language code '{code}'", hint=hint)
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
        raise HandbookError([Problem(label, "this is a file, not a folder; nothing was written",
                                     hint="give the name of a new folder")])
    if folder.is_dir() and any(folder.iterdir()):
        raise HandbookError([Problem(label, "this folder is not empty; nothing was written",
                                     hint="give the name of a new folder (or an empty one): a new site "
                                          "never writes over files")])
    folder_name = folder.resolve().name
    slug = slug if slug is not None else slugify(folder_name)
    if not SLUG.fullmatch(slug):
        raise UsageError([Problem("--org", f"'{slug}' cannot be used in a URL",
                                  hint=f"use lower-case letters, digits and '-', e.g. '{slugify(slug)}'")])
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

    titles = "\n".join(f"  {code}: {_yaml_text(name)}" for code in languages)
    write(SITE_FILE, SITE_YAML.format(titles=titles, languages=", ".join(languages), default=languages[0],
                                      country=LANGUAGE_COUNTRY.get(languages[0].split("_")[0].split("-")[0], "SE")))
    made += new_organisation(site, slug, languages[0], name)
    write(".gitignore", GITIGNORE)
    write("requirements.txt", REQUIREMENTS)
    write(WORKFLOW, WORKFLOW_SOURCE.read_text(encoding="utf-8"))
    write(".vscode/settings.json", text(editor_settings()))
    write(".vscode/extensions.json", text(EDITOR_EXTENSIONS))
    made += [path.relative_to(site).as_posix() for path in write_schemas(site / SCHEMA_DIR)]
    return tuple(made)


def _yaml_text(value: str) -> str:
    """A YAML scalar for `value`, quoted only when it needs to be."""
    return yaml.safe_dump(value, allow_unicode=True, width=1000).strip().removesuffix("\n...")


def _interface_notes(site: Path) -> tuple[str, ...]:
    """For each language the theme has no interface catalog for, what that means for the build."""
    config = load_config(site)  # the new site.yaml, checked as every build checks it
    theme = load_theme(config)
    notes = []
    for code in config.languages:
        found = Problems()
        load_translations(theme, code, found, config.root)
        if found.warnings:
            language = Locale.parse(code, sep="-" if "-" in code else "_").get_display_name("en") or code
            note = NO_INTERFACE.format(name=language, code=code)
            if code in COUNTRY_NOT_LANGUAGE:
                note += f"; if you meant the language of {code.upper()}, its code is " \
                        f"'{COUNTRY_NOT_LANGUAGE[code]}'"
            notes.append(note)
    return tuple(notes)


def _move(staging: Path, folder: Path) -> None:
    """Put the staged site in place: a rename when the folder is new, else entry by entry."""
    if not folder.exists():
        os.replace(staging, folder)
        return
    for entry in sorted(staging.iterdir()):
        os.replace(entry, folder / entry.name)


def created_lines(folder: str, made: NewSite) -> list[str]:
    """What the command prints: each file as the user named the folder, then what to do next."""
    lines = [CREATED.format(path=PurePath(folder, relative).as_posix()) for relative in made.files]
    return lines + list(made.notes) + [NEXT.format(folder=folder)]

