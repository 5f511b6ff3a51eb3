"""Check a file before the editor saves it: the problems `handbook check` would report for that
file, were it saved, found by loading it the way a build does (content.py's loaders, the
Markdown renderer with the page's links), without writing anything.

A save with errors is refused, so that the editor cannot leave the site in a state that does
not build; warnings are reported but do not stop it, as in `handbook check` without --strict.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .. import registry as msg
from ..config import load_config
from ..content import CONTENT_DIR, ORGANISATION_FILE, load_organisation, load_page, load_site
from ..errors import ERROR, HandbookError, Problem, Problems
from ..links import PageLinks
from ..markdown import MarkdownRenderer, TooSlow, report_findings, too_slow
from ..model import Organisation, Page, Site

_markdown: MarkdownRenderer | None = None


def check_file(root: Path, path: str, text: str) -> list[Problem]:
    """Every problem of the file `path` (content/<org>/<file>) if it held `text`, sorted."""
    try:
        config = load_config(root)
    except HandbookError as exc:
        return exc.problems
    _, slug, name = path.split("/")
    folder = root / CONTENT_DIR / slug
    problems = Problems()
    if name == ORGANISATION_FILE:
        load_organisation(folder, config, problems, text=text)
        return _of(problems, path, f"{CONTENT_DIR}/{slug}")

    site = load_site(config, Problems())
    organisation = site.find_organisation(slug)
    if organisation is None:
        found = Problems()
        organisation = load_organisation(folder, config, found)
        if organisation is None:
            return _of(found, f"{CONTENT_DIR}/{slug}/{ORGANISATION_FILE}", f"{CONTENT_DIR}/{slug}") or [Problem(
                path, msg.ORGANISATION_UNLOADABLE(slug=slug),
                hint=msg.FIX_FIRST(file=f"{CONTENT_DIR}/{slug}/{ORGANISATION_FILE}"))]
    page = load_page(root / path, organisation, config, problems, text)
    if page is not None:
        site = _with_page(site, organisation, page)
        _check_body(site, page, problems)
        _check_place(site, page, problems)
    return _of(problems, path)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def _of(problems: Problems, *paths: str) -> list[Problem]:
    return sorted({p for p in problems.items if p.path in paths}, key=Problem.sort_key)


def _with_page(site: Site, organisation: Organisation, page: Page) -> Site:
    """The site as it would be with `page` saved (drafts are checked like any page)."""
    pages = (*(p for p in organisation.pages if p.file != page.file), page)
    changed = replace(organisation, pages=pages)
    others = tuple(o for o in site.organisations if o.slug != organisation.slug)
    return Site(site.config, (*others, changed))


def _check_body(site: Site, page: Page, problems: Problems) -> None:
    """What rendering the body reports: links to missing pages or files, markup removed."""
    global _markdown
    if _markdown is None:
        _markdown = MarkdownRenderer()
    links = PageLinks(site, page, problems, set())
    try:
        body = _markdown.page(page.body, page.language, links)
    except TooSlow as error:
        too_slow(problems, page.file, page.body_line, error)
        return
    report_findings(body.findings, problems, page.file, page.body.split("\n"), page.body_line)


def _check_place(site: Site, page: Page, problems: Problems) -> None:
    """A translation needs its original; no two pages may share an address."""
    organisation = site.organisation(page.organisation)
    if not page.is_original:
        original = next((p for p in organisation.pages if p.id == page.id and p.is_original), None)
        if original is None and not (site.config.root / CONTENT_DIR / page.organisation / f"{page.id}.md").is_file():
            problems.error(page.file, msg.NO_ORIGINAL(page=page.id), hint=msg.ADD_ORIGINAL_FIRST(page=page.id))
        elif original is not None and original.language == page.language:
            problems.error(page.file, msg.SAME_LANGUAGE(page=page.id, code=page.language), hint=msg.OTHER_LANGUAGE())
    for other in site.pages:
        if other.file != page.file and other.path == page.path:
            problems.error(page.file, msg.SAME_URL_WOULD(path=page.path, other=other.file), hint=msg.ANOTHER_ADDRESS())
