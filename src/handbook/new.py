"""`handbook new`: scaffold an organisation or a page that builds as it is, with comments that
tell the editor what to fill in, in the organisation's language (registry.py, HB9xx). Section
titles come from the interface catalog of the page's language, so a new Czech vision page is
titled "Vize"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from . import messages
from . import registry as msg
from .clock import today
from .config import SiteConfig, load_config
from .content import CONTENT_DIR, ORGANISATION_FILE, PAGE_FILE, SLUG, load_organisation, slugify
from .errors import HandbookError, Problem, Problems
from .messages import Language, Text, english, language_code
from .model import PRINT_SLUG
from .sources import read_text, split_front_matter
from .theme import load_theme, load_translations

SECTION_LABELS = {"vision": "Vision", "values": "Values", "strategy": "Strategy"}

# The comments for editors, by kind of page; registry.py holds them, in English and in each
# catalog, so that an organisation's editors read them in the organisation's language.
SECTION_FRONT = {"vision": msg.NEW_VISION, "values": msg.NEW_VALUES, "strategy": msg.NEW_STRATEGY,
                 "page": msg.NEW_PAGE}


def comments_in(language: str) -> Language:
    """The language of the comments in new files: the organisation's, where handbook speaks it
    (a 'cs-CZ' organisation gets Czech), else English."""
    code = language_code(language)
    return messages.language(code) if code is not None else english()


def _quote(value: str) -> str:
    """A YAML scalar for `value`, quoted only when it needs to be."""
    return yaml.safe_dump(value, allow_unicode=True, default_style=None, width=1000).strip().removesuffix("\n...")


def _label(config: SiteConfig, language: str, page_id: str) -> str:
    if page_id not in SECTION_LABELS:
        return page_id.replace("-", " ").capitalize()
    translations = load_translations(load_theme(config), language, Problems(), config.root)
    return translations.gettext(SECTION_LABELS[page_id])


def _write(site: Path, relative: str, text: str) -> str:
    target = site / relative
    if target.exists():
        raise HandbookError([Problem(relative, msg.ALREADY_EXISTS(), hint=msg.ANOTHER_NAME())])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return relative


def new_organisation(site: Path, slug: str, language: str | None, name: str | None) -> list[str]:
    """content/<slug>/organisation.yaml and a vision page to start from."""
    config = load_config(site)
    if not SLUG.fullmatch(slug):
        raise HandbookError([Problem(f"{CONTENT_DIR}/{slug}", msg.NOT_A_SLUG(slug=slug),
                                     hint=msg.SLUG_CHARACTERS(slug=slugify(slug)))])
    language = language or config.default_language
    if language not in config.languages:
        raise HandbookError([Problem("site.yaml", msg.LANGUAGE_NOT_IN_SITE(code=language),
                                     hint=config.languages_hint)])
    folder = f"{CONTENT_DIR}/{slug}"
    if (site / folder).exists():
        raise HandbookError([Problem(folder, msg.ORGANISATION_EXISTS())])
    say = comments_in(language)
    organisation = (f"{say(msg.NEW_ORGANISATION_NAME())}\n"
                    f"name: {_quote(name or slug.replace('-', ' ').title())}\n"
                    f"{say(msg.NEW_ORGANISATION_LANGUAGE(languages=', '.join(config.languages)))}\n"
                    f"language: {language}\n"
                    f"{say(msg.NEW_ORGANISATION_OPTIONAL())}")
    return [_write(site, f"{folder}/{ORGANISATION_FILE}", organisation),
            *_new_page(site, config, slug, "vision", None, language)]


def new_page(site: Path, where: str) -> list[str]:
    """content/<org>/<id>.md, or a translation with <id>.<lang>."""
    config = load_config(site)
    organisation, _, name = where.partition("/")
    match = PAGE_FILE.fullmatch(f"{name}.md") if name else None
    if not organisation or match is None or not SLUG.fullmatch(match["id"]):
        raise HandbookError([Problem(where, msg.GIVE_PAGE_AS(), hint=msg.PAGE_NAMES())])
    if match["id"] == PRINT_SLUG:
        raise HandbookError([Problem(where, msg.PRINT_SLUG_TAKEN(slug=PRINT_SLUG),
                                     hint=msg.ANOTHER_PAGE_NAME(example=f"{organisation}/printing"))])
    folder = site / CONTENT_DIR / organisation
    if not (folder / ORGANISATION_FILE).is_file():
        raise HandbookError([Problem(f"{CONTENT_DIR}/{organisation}", msg.NO_SUCH_ORGANISATION(),
                                     hint=msg.CREATE_ORGANISATION_FIRST(organisation=organisation))])
    problems = Problems()
    loaded = load_organisation(folder, config, problems)
    problems.raise_if_errors()
    if loaded is None:  # pragma: no cover - load_organisation reports why
        raise HandbookError(problems.items)
    return _new_page(site, config, organisation, match["id"], match["lang"], loaded.language)


def _front_notes(kind: str) -> Text:
    """The commented-out settings of a new page, with dates that make sense from today: a
    strategy from this year, a page written today, and a review a year from now (a past date
    would have the page reported as due for review as soon as it is uncommented)."""
    on = today()
    review_by = _a_year_after(on).isoformat()
    if kind == "strategy":
        return msg.NEW_STRATEGY(start=str(on.year), end=str(on.year + 2), review_by=review_by)
    if kind == "page":
        return msg.NEW_PAGE(today=on.isoformat(), review_by=review_by)
    return SECTION_FRONT[kind]()


def _a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _new_page(site: Path, config: SiteConfig, organisation: str, page_id: str,
              translation: str | None, original_language: str) -> list[str]:
    kind = page_id if page_id in SECTION_LABELS else "page"
    language = translation or original_language
    if language not in config.languages:
        raise HandbookError([Problem("site.yaml", msg.LANGUAGE_NOT_IN_SITE(code=language),
                                     hint=config.languages_hint)])
    folder = f"{CONTENT_DIR}/{organisation}"
    say = comments_in(original_language)
    body_note = say(msg.NEW_BODY_NOTE())
    if translation is None:
        front = f"{say(msg.NEW_TITLE())}\ntitle: {_quote(_label(config, language, page_id))}\n"
        return [_write(site, f"{folder}/{page_id}.md",
                       f"---\n{front}{say(_front_notes(kind))}---\n{body_note}")]

    original_file = site / folder / f"{page_id}.md"
    if not original_file.is_file():
        raise HandbookError([Problem(f"{folder}/{page_id}.{translation}.md", msg.NOTHING_TO_TRANSLATE(page=page_id),
                                     hint=msg.CREATE_ORIGINAL_FIRST(organisation=organisation, page=page_id))])
    if translation == original_language:
        raise HandbookError([Problem(f"{folder}/{page_id}.md", msg.ORIGINAL_ALREADY_IN(code=translation))])
    document = split_front_matter(read_text(original_file, f"{folder}/{page_id}.md"), f"{folder}/{page_id}.md")
    title = document.front.get("title") or page_id
    front = (f"{say(msg.NEW_TRANSLATE(page=page_id))}\ntitle: {_quote(str(title))}\n"
             f"translated_from: {original_language}\n"
             f"{say(msg.NEW_DRAFT())}\ndraft: true\n{say(msg.NEW_SLUG())}\n"
             f"# slug: {page_id}\n")
    return [_write(site, f"{folder}/{page_id}.{translation}.md", f"---\n{front}---\n{body_note}")]
