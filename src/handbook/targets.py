"""What a site publishes: one target per output file, one small type per kind of output."""

from __future__ import annotations

from dataclasses import dataclass

from .accessibility import statement_path
from .model import Page, Site


@dataclass(frozen=True)
class Target:
    """One output file."""

    path: str

    @property
    def source(self) -> str | None:
        """The Markdown file whose links this output holds (where anchor problems are reported)."""
        return None


@dataclass(frozen=True)
class Root(Target):
    """The entry page: picks the reader's language."""


@dataclass(frozen=True)
class Home(Target):
    """Every organisation, in one language."""

    language: str


@dataclass(frozen=True)
class NotFound(Target):
    language: str


@dataclass(frozen=True)
class OrganisationOverview(Target):
    language: str
    organisation: str


@dataclass(frozen=True)
class PageOutput(Target):
    page: Page

    @property
    def source(self) -> str | None:
        return self.page.file


@dataclass(frozen=True)
class AccessibilityStatement(Target):
    """The accessibility statement in one language, from site.yaml's `accessibility:`."""

    language: str


@dataclass(frozen=True)
class PrintedHandbook(Target):
    """Every page of an organisation on one page, in one language, laid out for paper."""

    language: str
    organisation: str


@dataclass(frozen=True)
class Sitemap(Target):
    pass


@dataclass(frozen=True)
class Robots(Target):
    pass


def targets_of(site: Site) -> list[Target]:
    """Every output file of the site, in a stable order."""
    config = site.config
    targets: list[Target] = [Root("index.html")]
    for language in config.languages:
        targets.append(Home(f"{language}/index.html", language))
        targets.append(NotFound(f"{language}/404.html", language))
        for organisation in site.organisations:
            targets.append(OrganisationOverview(f"{organisation.path(language)}index.html", language,
                                                organisation.slug))
    for organisation in site.organisations:
        targets.extend(PageOutput(f"{page.path}index.html", page) for page in organisation.pages)
        # Right after its pages, whose Markdown a renderer then converts once for all of them.
        targets.extend(PrintedHandbook(f"{organisation.print_path(language)}index.html", language,
                                       organisation.slug) for language in config.languages)
    if config.accessibility.statement is not None:
        targets.extend(AccessibilityStatement(f"{statement_path(code)}index.html", code)
                       for code in config.languages)
    targets.append(Sitemap("sitemap.xml"))
    targets.append(Robots("robots.txt"))
    return targets
