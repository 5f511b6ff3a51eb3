"""What the editor needs to know of a site's files: its languages, and each organisation's folder,
language and pages. Read leniently, so the editor opens on a site with mistakes in it (the very
thing it is for): an unreadable file costs a guess, never the editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content import CONTENT_DIR, ORGANISATION_FILE, PAGE_FILE, SLUG
from ..errors import HandbookError
from ..sources import YamlMap, parse_yaml, read_text

MEDIA = "media"


@dataclass(frozen=True)
class OrganisationFiles:
    """One organisation's folder as the editor shows it."""

    slug: str
    name: str
    language: str
    pages: tuple[str, ...]  # ids of the originals, in file order
    translations: tuple[tuple[str, str], ...]  # (id, language) of each translation

    @property
    def folder(self) -> str:
        return f"{CONTENT_DIR}/{self.slug}"


@dataclass(frozen=True)
class Layout:
    languages: tuple[str, ...]
    default_language: str
    organisations: tuple[OrganisationFiles, ...]

    def organisation(self, slug: str) -> OrganisationFiles | None:
        return next((o for o in self.organisations if o.slug == slug), None)


def read_layout(root: Path, languages: tuple[str, ...], default_language: str) -> Layout:
    """The organisations under content/ (folders with an organisation.yaml), sorted by folder."""
    content = root / CONTENT_DIR
    organisations = []
    folders = sorted(content.iterdir()) if content.is_dir() else []
    for folder in folders:
        if not folder.is_dir() or folder.is_symlink() or not SLUG.fullmatch(folder.name):
            continue
        file = folder / ORGANISATION_FILE
        if not file.is_file():
            continue
        settings = _settings(file, f"{CONTENT_DIR}/{folder.name}/{ORGANISATION_FILE}")
        name = settings.get("name")
        language = settings.get("language")
        pages, translations = [], []
        for page in sorted(folder.glob("*.md")):
            match = PAGE_FILE.fullmatch(page.name)
            if match is None or not SLUG.fullmatch(match["id"]) or page.is_symlink():
                continue
            if match["lang"] is None:
                pages.append(match["id"])
            else:
                translations.append((match["id"], match["lang"]))
        organisations.append(OrganisationFiles(
            slug=folder.name, name=name if isinstance(name, str) and name.strip() else folder.name,
            language=language if isinstance(language, str) and language in languages else default_language,
            pages=tuple(pages), translations=tuple(translations)))
    return Layout(languages, default_language, tuple(organisations))


def _settings(file: Path, path: str) -> dict:
    try:
        data = parse_yaml(read_text(file, path), path)
    except HandbookError:
        return {}
    return data if isinstance(data, YamlMap) else {}
