"""The handbook as typed, immutable objects: site, organisations, pages and their translations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from .config import SiteConfig

# The canonical sections of an organisation, in the order readers meet them.
SECTIONS = ("vision", "values", "strategy")
# The folder of an organisation's printable handbook (<lang>/<org>/print/): no page may use it.
PRINT_SLUG = "print"


@dataclass(frozen=True)
class Value:
    """One value of an organisation, e.g. Kunskap, with what it means."""

    name: str
    description: str | None = None

    @property
    def continues_name(self) -> bool:
        """Whether the description goes on from the name, as in "Sammen med borgeren – betyder
        at vi …": it starts with a small letter (after any Markdown marks), so it is no sentence
        of its own."""
        text = (self.description or "").lstrip(" *_[(\"'\u201e\u201c\u201d\u00bb\u00ab\u2018\u2019\u201a")
        return text[:1].islower()


@dataclass(frozen=True)
class Period:
    """The time a strategy covers; each end is a year or a date."""

    start: int | dt.date
    end: int | dt.date

    @staticmethod
    def first_day(point: int | dt.date) -> dt.date:
        return dt.date(point, 1, 1) if isinstance(point, int) else point

    @staticmethod
    def last_day(point: int | dt.date) -> dt.date:
        return dt.date(point, 12, 31) if isinstance(point, int) else point


@dataclass(frozen=True)
class Page:
    """One Markdown file: an original, or a translation of one (`<id>.<lang>.md`)."""

    organisation: str
    id: str
    language: str
    is_original: bool
    file: str
    title: str
    slug: str
    body: str
    body_line: int = 1
    statement: str | None = None
    values: tuple[Value, ...] = ()
    period: Period | None = None
    goals: tuple[str, ...] = ()
    author: str | None = None
    role: str | None = None
    date: dt.date | None = None
    updated: dt.date | None = None
    review_by: dt.date | None = None  # when an editor should read the text again (originals only)
    review_by_line: int | None = None  # where the date is written, for the notice once it has passed
    summary: str | None = None
    source: str | None = None
    draft: bool = False
    translated_from: str | None = None

    @property
    def kind(self) -> str:
        """vision, values, strategy, or page for anything else."""
        return self.id if self.id in SECTIONS else "page"

    @property
    def last_updated(self) -> dt.date | None:
        """When the text last changed, as readers are told: `updated`, else `date`."""
        return self.updated or self.date

    @property
    def path(self) -> str:
        """Where the page lives in the output, as a directory URL relative to the site root."""
        return f"{self.language}/{self.organisation}/{self.slug}/"


@dataclass(frozen=True)
class Link:
    """A link to a page as a listing shows it: in the reader's language, or marked as not."""

    title: str
    path: str
    language: str
    kind: str
    current: bool = False

    @staticmethod
    def to(page: Page) -> Link:
        return Link(page.title, page.path, page.language, page.kind)


@dataclass(frozen=True)
class Organisation:
    """An organisation with its own language and its pages in every language they exist in."""

    slug: str
    name: str
    language: str
    file: str
    country: str | None = None
    website: str | None = None
    logo: str | None = None
    summary: str | None = None
    order: int | None = None
    pages: tuple[Page, ...] = ()
    media: tuple[str, ...] = ()  # files under content/<org>/media/, relative to the folder


    def path(self, language: str) -> str:
        return f"{language}/{self.slug}/"

    def print_path(self, language: str) -> str:
        """Where its printable handbook in `language` lives: every page on one page."""
        return f"{language}/{self.slug}/{PRINT_SLUG}/"

    def media_path(self, name: str) -> str:
        """Where a media file is published: once for the site, not once per language."""
        return f"media/{self.slug}/{name.removeprefix('media/')}"

    @cached_property
    def originals(self) -> tuple[Page, ...]:
        return tuple(p for p in self.pages if p.is_original)

    @cached_property
    def _versions(self) -> dict[str, dict[str, Page]]:
        index: dict[str, dict[str, Page]] = {}
        for page in self.pages:
            index.setdefault(page.id, {})[page.language] = page
        return index

    def versions(self, page_id: str) -> dict[str, Page]:
        """Every language version of one page, keyed by language."""
        return self._versions.get(page_id, {})

    def original(self, page_id: str) -> Page:
        """The original of a page; loading guarantees every published page has one."""
        for page in self.versions(page_id).values():
            if page.is_original:
                return page
        raise LookupError(f"{self.slug}/{page_id} has no original")

    def page_for(self, page_id: str, language: str) -> Page:
        """The page in `language` if it is translated, otherwise its original."""
        return self.versions(page_id).get(language) or self.original(page_id)

    def section(self, kind: str) -> Page | None:
        return next((p for p in self.originals if p.id == kind), None)

    @cached_property
    def _listings(self) -> dict[str, tuple[Link, ...]]:
        return {}

    def listing(self, language: str) -> tuple[Link, ...]:
        """Every page, in `language` where it is translated, else its original, in reading order."""
        found = self._listings.get(language)
        if found is None:
            found = tuple(Link.to(self.page_for(o.id, language)) for o in self.originals)
            self._listings[language] = found
        return found

    def alternates(self, page_id: str, languages: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """(language, path) of each version of a page, in the site's order of languages."""
        versions = self.versions(page_id)
        return tuple((code, versions[code].path) for code in languages if code in versions)


@dataclass(frozen=True)
class Site:
    """Everything that is built: settings and organisations."""

    config: SiteConfig
    organisations: tuple[Organisation, ...] = field(default_factory=tuple)

    @cached_property
    def _by_slug(self) -> dict[str, Organisation]:
        return {o.slug: o for o in self.organisations}

    def organisation(self, slug: str) -> Organisation:
        return self._by_slug[slug]

    def find_organisation(self, slug: str) -> Organisation | None:
        return self._by_slug.get(slug)

    @cached_property
    def pages(self) -> tuple[Page, ...]:
        return tuple(p for o in self.organisations for p in o.pages)

    @cached_property
    def _by_file(self) -> dict[str, Page]:
        return {p.file: p for p in self.pages}

    def find_page(self, file: str) -> Page | None:
        """A published page by its source file, e.g. content/proaros/vision.md."""
        return self._by_file.get(file)
