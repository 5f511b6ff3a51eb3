"""Walk content/ and turn organisation.yaml files and Markdown pages into the checked model."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import replace
from pathlib import Path

from . import definitions
from . import registry as msg
from .config import SiteConfig
from .errors import HandbookError, Problems
from .fields import Fields
from .loaded import PageCache
from .markdown import MarkdownRenderer, TooSlow, report_findings, too_slow
from .model import PRINT_SLUG, SECTIONS, Organisation, Page, Period, Site, Value
from .paths import CONTENT_DIR, PAGE_FILE
from .sanitise import media_problem, svg_problem
from .sources import YamlList, YamlMap, decode_text, describe, parse_yaml, read_bytes, read_text, split_front_matter
from .typography import typeset

ORGANISATION_FILE = "organisation.yaml"
# The keys are definitions.py's, which editors' schemas are written from too.
ORGANISATION_KEYS = definitions.ORGANISATION.names
VALUE_KEYS = definitions.VALUE.names
PERIOD_KEYS = definitions.PERIOD.names
SLUG = re.compile(definitions.SLUG)
_WEB_ADDRESS = re.compile(definitions.WEB_ADDRESS)
_COUNTRY = re.compile(definitions.COUNTRY)
MAX_PAGE_BYTES = 1024 * 1024
# Front matter texts that are shown as Markdown (the others are plain text).
HTML_TEXTS = ("statement", "summary", "source")
_FRONT_MATTER = {"vision": msg.FRONT_MATTER_VISION, "values": msg.FRONT_MATTER_VALUES,
                 "strategy": msg.FRONT_MATTER_STRATEGY, "page": msg.THE_FRONT_MATTER}


def slugify(text: str) -> str:
    """A suggestion for a URL-safe slug, for hints."""
    import unicodedata
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "page"


def load_site(config: SiteConfig, problems: Problems, cache: PageCache | None = None) -> Site:
    """Every organisation under content/, sorted by slug; problems are collected, not raised.

    With a `cache` (a PageCache kept between calls), unchanged files are not parsed again.
    """
    content = config.root / CONTENT_DIR
    if not content.is_dir():
        problems.error(CONTENT_DIR, msg.NO_CONTENT(), hint=msg.CREATE_CONTENT())
        return Site(config)
    organisations = []
    for folder in sorted(content.iterdir()):
        if folder.name.startswith("."):
            continue
        if not folder.is_dir():
            problems.warning(f"{CONTENT_DIR}/{folder.name}", msg.FILE_IN_CONTENT(), hint=msg.MOVE_INTO_ORGANISATION())
            continue
        known = cache.organisation(folder, config) if cache is not None else None
        if known is not None:
            organisation, found = known
            problems.add(found)
        else:
            found_here = Problems()
            organisation = load_organisation(folder, config, found_here, cache)
            problems.add(found_here.items)
            if cache is not None:
                cache.keep_organisation(folder, config, organisation, found_here.items)
        if organisation is not None:
            organisations.append(organisation)
    _check_unique_urls(organisations, problems)
    if cache is not None:
        cache.prune()
    return Site(config, tuple(organisations))


def load_organisation(folder: Path, config: SiteConfig, problems: Problems,
                      cache: PageCache | None = None, text: str | None = None) -> Organisation | None:
    """An organisation's folder; `text`: its organisation.yaml as it would be saved (the editor
    checks a save before writing it), then the folder need not exist yet."""
    slug = folder.name
    where = f"{CONTENT_DIR}/{slug}"
    if not SLUG.fullmatch(slug):
        problems.error(where, msg.FOLDER_NOT_URL(name=slug), hint=msg.RENAME_FOLDER(slug=slugify(slug)))
        return None
    file = folder / ORGANISATION_FILE
    path = f"{where}/{ORGANISATION_FILE}"
    if text is None and not file.is_file():
        problems.error(where, msg.NO_ORGANISATION_FILE(slug=slug, file=ORGANISATION_FILE),
                       hint=msg.CREATE_ORGANISATION_FILE(path=path))
        return None
    try:
        data = parse_yaml(read_text(file, path) if text is None else text, path)
    except HandbookError as exc:
        problems.add(exc.problems)
        return None
    if not isinstance(data, YamlMap):
        problems.error(path, msg.NOT_KEY_VALUE_LINES(file=ORGANISATION_FILE, kind=describe(data)), 1, 1)
        return None
    fields = Fields(data, problems, ORGANISATION_KEYS, ORGANISATION_FILE)
    name = fields.text("name", required=True)
    language = fields.text("language", required=True)
    if language is not None and language not in config.languages:
        fields.error("language", msg.LANGUAGE_NOT_IN_SITE(code=language), config.languages_hint)
        language = None
    country = fields.text("country")
    if country is not None and not _COUNTRY.fullmatch(country):
        fields.error("country", msg.COUNTRY_CODE(value=country), msg.COUNTRY_EXAMPLE())
        country = None
    website = fields.text("website")
    if website is not None and not _WEB_ADDRESS.fullmatch(website):
        fields.error("website", msg.WEB_ADDRESS(key="website", value=website[:60]), msg.WEBSITE_EXAMPLE())
        website = None
    summary = fields.text("summary")
    if summary is not None and language is not None:
        _check_html(summary, language, data, "summary", problems)
    media = _media_files(folder, where, problems)
    logo = fields.text("logo")
    if logo is not None and logo not in media:
        fields.error("logo", msg.LOGO_NOT_IN_MEDIA(file=logo, folder=where), msg.PUT_LOGO_IN_MEDIA(folder=where))
        logo = None
    organisation = Organisation(
        slug=slug, name=typeset(name or slug, language or ""), language=language or config.default_language,
        file=path,
        country=country, website=website, logo=logo,
        summary=summary, order=fields.integer("order"))
    if name is None or language is None or not folder.is_dir():
        return None

    _warn_unused(folder, where, problems)
    pages, original_files = [], set()
    for file in sorted(folder.glob("*.md")):
        match = PAGE_FILE.fullmatch(file.name)
        if match and match["lang"] is None:
            original_files.add(match["id"])
        page = _cached_page(file, organisation, config, problems, cache)
        if page is not None:
            pages.append(page)
    pages = _without_drafts(pages, problems)
    _check_translations(pages, original_files, problems)
    pages.sort(key=_page_order)
    return replace(organisation, pages=tuple(pages), media=media)


def _media_files(folder: Path, where: str, problems: Problems) -> tuple[str, ...]:
    """Files under media/ that may be published (hidden ones, such as .DS_Store, are not;
    pages and scripts that would run in readers' browsers are errors)."""
    media = folder / "media"
    files = []
    for file in sorted(p for p in media.rglob("*") if p.is_file()):
        name = file.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in file.relative_to(media).parts):
            continue
        why = media_problem(file.name)
        if why is None and file.suffix.lower() == ".svg":
            problem = svg_problem(read_bytes(file, f"{where}/{name}"))
            if problem:
                why = msg.DRAWING_NOT_PUBLISHED(why=problem)
        if why:
            problems.error(f"{where}/{name}", why, hint=msg.MEDIA_KINDS())
            continue
        files.append(name)
    return tuple(files)


def _without_drafts(pages: list[Page], problems: Problems) -> list[Page]:
    """Drafts are checked but not published; nor is a translation of a draft."""
    drafts = {p.id for p in pages if p.draft and p.is_original}
    kept = []
    for page in pages:
        if page.draft:
            continue
        if not page.is_original and page.id in drafts:
            problems.warning(page.file, msg.ORIGINAL_IS_DRAFT(page=page.id), hint=msg.REMOVE_DRAFT(page=page.id))
            continue
        kept.append(page)
    return kept


def _warn_unused(folder: Path, where: str, problems: Problems) -> None:
    """Files an editor may expect to be published but that are not."""
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name.startswith(".") or name in (ORGANISATION_FILE, "media") or name.endswith(".md"):
            continue
        if entry.is_dir():
            hint = msg.FILES_IN_MEDIA()
        elif name.lower().endswith((".md", ".markdown", ".txt")):
            hint = msg.PAGES_END_IN_MD(name=slugify(name.rsplit(".", 1)[0]))
        elif name.lower().endswith((".yaml", ".yml")):
            hint = msg.SETTINGS_GO_IN(file=ORGANISATION_FILE)
        else:
            hint = msg.PUT_IN_MEDIA()
        problems.warning(f"{where}/{name}", msg.NOT_USED(), hint=hint)


def _cached_page(file: Path, organisation: Organisation, config: SiteConfig, problems: Problems,
                 cache: PageCache | None) -> Page | None:
    """Parse a page, or take it from the cache when the file and what it depends on are unchanged."""
    path = f"{CONTENT_DIR}/{organisation.slug}/{file.name}"
    found = Problems()
    # Without reading the file: serve knows it is unchanged, or its stat is as when it was read.
    if cache is not None and (known := cache.unchanged(file, organisation.language, config.languages)
                              or cache.trusted(file, organisation.language, config.languages)):
        page, found_before = known
        problems.add(found_before)
        return page
    try:
        data = read_bytes(file, path)
    except HandbookError as exc:
        problems.add(exc.problems)
        return None
    if len(data) > MAX_PAGE_BYTES:
        problems.error(path, msg.PAGE_TOO_LONG(size=len(data) // 1024, limit=MAX_PAGE_BYTES // 1024),
                       hint=msg.SPLIT_PAGE())
        return None
    key = (file, hashlib.blake2b(data, digest_size=16).digest(), organisation.language, config.languages)
    hit = cache.get(key) if cache is not None else None
    if hit is not None:
        page, found_before = hit
        problems.add(found_before)
        return page
    try:
        page = load_page(file, organisation, config, found, decode_text(data, path))
    except HandbookError as exc:
        found.add(exc.problems)
        page = None
    problems.add(found.items)
    if cache is not None:
        cache.put(key, (page, found.items))
    return page


def _page_order(page: Page) -> tuple:
    section = SECTIONS.index(page.id) if page.id in SECTIONS else len(SECTIONS)
    return (section, page.id, not page.is_original, page.language)


def load_page(file: Path, organisation: Organisation, config: SiteConfig,
              problems: Problems, text: str | None = None) -> Page | None:
    path = f"{CONTENT_DIR}/{organisation.slug}/{file.name}"
    match = PAGE_FILE.fullmatch(file.name)
    if not match or not SLUG.fullmatch(match["id"]):
        problems.error(path, msg.FILE_NAME_NOT_URL(name=file.name), hint=msg.RENAME_PAGE(slug=slugify(file.stem)))
        return None
    page_id, language = match["id"], match["lang"] or organisation.language
    if language not in config.languages:
        problems.error(path, msg.PAGE_LANGUAGE_NOT_IN_SITE(code=language), hint=config.languages_hint)
        return None

    document = split_front_matter(text if text is not None else read_text(file, path), path)
    kind = page_id if page_id in SECTIONS else "page"
    is_original = match["lang"] is None
    # A translation is reviewed with its original, but may have review_by to be told so.
    known = definitions.front_matter(kind, original=None if not is_original else True).names
    fields = Fields(document.front, problems, known, _FRONT_MATTER[kind]())
    title = fields.text("title", required=True)
    slug = fields.text("slug") or page_id
    if not SLUG.fullmatch(slug):
        fields.error("slug", msg.SLUG_NOT_URL(slug=slug), msg.SLUG_CHARACTERS(slug=slugify(slug)))
        slug = page_id
    review_by = _review_by(fields, is_original, page_id)
    if slug == PRINT_SLUG:
        if fields.text("slug"):
            fields.error("slug", msg.PRINT_ADDRESS_TAKEN(slug=slug), msg.ANOTHER_SLUG_FOR_PRINT())
        else:
            problems.error(path, msg.PRINT_ADDRESS_TAKEN(slug=slug), hint=msg.RENAME_OR_SLUG())
    page = Page(
        organisation=organisation.slug, id=page_id, language=language,
        is_original=is_original, file=path, title=typeset(title or page_id, language), slug=slug,
        body=document.body, body_line=document.body_line,
        statement=fields.text("statement") if kind == "vision" else None,
        values=_values(fields) if kind == "values" else (),
        period=_period(fields) if kind == "strategy" else None,
        goals=fields.text_list("goals") if kind == "strategy" else (),
        author=fields.text("author"), role=fields.text("role"), date=fields.date("date"),
        updated=fields.date("updated"), summary=fields.text("summary"),
        review_by=review_by, review_by_line=fields.mapping.position("review_by")[0] if review_by else None,
        source=fields.text("source"), draft=fields.flag("draft"),
        translated_from=None if is_original else _translated_from(fields, organisation))
    _check_html_texts(document.front, language, problems)
    return page if title is not None else None


_markdown: MarkdownRenderer | None = None
_MAY_HOLD_MARKUP = re.compile(r"[<\[{&*_>`\\]")  # tags, links, entities, attributes, nesting


def _check_html(text: str, language: str, where: YamlMap | YamlList, key: str | int,
                problems: Problems, block: bool = False) -> None:
    """Report what sanitising takes out of a YAML text shown as Markdown, at its line."""
    if not _MAY_HOLD_MARKUP.search(text):
        return  # no tag, link, entity or attribute list: Markdown makes nothing to take out
    global _markdown
    if _markdown is None:
        _markdown = MarkdownRenderer()
    line = where.position(key)[0]  # type: ignore[arg-type]
    try:
        clean = (_markdown.block if block else _markdown.inline)(text, language)
    except TooSlow as error:
        too_slow(problems, where.path, line, error)
        return
    if clean.findings:
        report_findings(clean.findings, problems, where.path, first_line=line)


def _check_html_texts(front: YamlMap, language: str, problems: Problems) -> None:
    for key in HTML_TEXTS:
        if isinstance(front.get(key), str):
            _check_html(front[key], language, front, key, problems)
    goals = front.get("goals")
    if isinstance(goals, YamlList):
        for index, goal in enumerate(goals):
            if isinstance(goal, str):
                _check_html(goal, language, goals, index, problems)
    values = front.get("values")
    if isinstance(values, YamlList):
        for item in values:
            if isinstance(item, YamlMap):
                for key in ("name", "description"):
                    if isinstance(item.get(key), str):
                        _check_html(item[key], language, item, key, problems, block=key == "description")


def _review_by(fields: Fields, is_original: bool, page_id: str) -> dt.date | None:
    """The date by which an editor should read the page again. It belongs to the original: a
    translation follows it (status shows a translation as outdated once the original is
    updated after it), and one date per page keeps one review from becoming four."""
    if is_original:
        return fields.date("review_by")
    if "review_by" in fields.mapping:
        fields.error("review_by", msg.REVIEW_BY_IN_TRANSLATION(page=page_id), msg.REVIEW_WITH_ORIGINAL(page=page_id))
    return None


def _translated_from(fields: Fields, organisation: Organisation) -> str | None:
    """A translation may say which language it was translated from: the original's."""
    source = fields.text("translated_from")
    if source is not None and source != organisation.language:
        fields.error("translated_from", msg.TRANSLATED_FROM(original=organisation.language, given=source),
                     msg.WRITE_TRANSLATED_FROM(original=organisation.language))
        return None
    return source


def _values(fields: Fields) -> tuple[Value, ...]:
    values = []
    for item in fields.mapping_list("values", "{name, description}"):
        value_fields = Fields(item, fields.problems, VALUE_KEYS, msg.A_VALUE())
        name = value_fields.text("name", required=True)
        if name is not None:
            values.append(Value(name, value_fields.text("description")))
    return tuple(values)


def _period(fields: Fields) -> Period | None:
    raw = fields.submapping("period", "{from: YYYY, to: YYYY}")
    if raw is None:
        return None
    period_fields = Fields(raw, fields.problems, PERIOD_KEYS, msg.A_PERIOD())
    ends: list[int | dt.date] = []
    for key in PERIOD_KEYS:
        value = raw.get(key)
        if value is None:
            period_fields.require(key)
        elif isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            ends.append(value)
        elif (date := period_fields.date(key)) is not None:
            ends.append(date)
    if len(ends) != 2:
        return None
    period = Period(*ends)
    if Period.last_day(period.end) < Period.first_day(period.start):
        period_fields.error("to", msg.PERIOD_BACKWARDS(end=str(period.end), start=str(period.start)))
        return None
    return period


def _check_translations(pages: list[Page], original_files: set[str], problems: Problems) -> None:
    """Each translation needs its original (one that exists but has errors is reported itself)."""
    originals = {p.id: p for p in pages if p.is_original}
    for page in pages:
        original = originals.get(page.id)
        if page.is_original:
            continue
        if original is None and page.id in original_files:
            continue  # the original has errors of its own, reported already
        if original is None:
            problems.error(page.file, msg.NO_ORIGINAL(page=page.id), hint=msg.ADD_ORIGINAL(page=page.id))
        elif original.language == page.language:
            problems.error(page.file, msg.SAME_LANGUAGE(page=page.id, code=page.language), hint=msg.OTHER_LANGUAGE())


def _check_unique_urls(organisations: list[Organisation], problems: Problems) -> None:
    seen: dict[str, Page] = {}
    for organisation in organisations:
        for page in organisation.pages:
            if page.path in seen:
                problems.error(page.file, msg.SAME_URL(path=page.path, other=seen[page.path].file),
                               hint=msg.ANOTHER_SLUG())
            else:
                seen[page.path] = page
