"""`handbook new`: scaffold an organisation or a page that builds as it is, with comments that
tell the editor what to fill in. Section titles come from the interface catalog of the page's
language, so a new Czech vision page is titled "Vize"."""

from __future__ import annotations

from pathlib import Path

import yaml

from .config import SiteConfig, load_config
from .content import CONTENT_DIR, ORGANISATION_FILE, PAGE_FILE, SLUG, load_organisation, slugify
from .errors import HandbookError, Problem, Problems
from .model import PRINT_SLUG
from .sources import read_text, split_front_matter
from .theme import load_theme, load_translations

SECTION_LABELS = {"vision": "Vision", "values": "Values", "strategy": "Strategy"}

BODY_NOTE = """\
<!--
Write the text of this page below, in Markdown. This note is for editors and is never published.
  ## A heading        starts a section
  **bold**, *italic*  for emphasis
  - item              for a list
  [text](values.md)   links to another page of this organisation
  ![Description](media/photo.jpg)   shows a picture from the media/ folder
-->
"""

SECTION_FRONT = {
    "vision": """\
# The vision in one sentence, shown large at the top of the page. Remove the # to use it.
# statement: Always the best possible encounter
""",
    "values": """\
# The values, each with a name and what it means. Remove the # signs to use them.
# values:
#   - name: Knowledge
#     description: What this value means in our everyday work.
#   - name: Care
#     description: What this value means in our everyday work.
""",
    "strategy": """\
# The years the strategy covers, and its goals. Remove the # signs to use them.
# period:
#   from: 2025
#   to: 2027
# goals:
#   - The first goal
#   - The second goal
# When someone should read the strategy again (YYYY-MM-DD). Remove the # to use it.
# review_by: 2026-01-31
""",
    "page": """\
# Optional: who wrote it and when (dates as YYYY-MM-DD). Remove the # signs to use them.
# author: Name Surname
# role: Their role
# date: 2025-01-31
# review_by: 2026-01-31       # when someone should read the page again to see it is still right
""",
}


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
        raise HandbookError([Problem(relative, "already exists; nothing was written",
                                     hint="choose another name, or edit the file")])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return relative


def new_organisation(site: Path, slug: str, language: str | None, name: str | None) -> list[str]:
    """content/<slug>/organisation.yaml and a vision page to start from."""
    config = load_config(site)
    if not SLUG.fullmatch(slug):
        raise HandbookError([Problem(f"{CONTENT_DIR}/{slug}", f"'{slug}' cannot be used in a URL",
                                     hint=f"use lower-case letters, digits and '-', e.g. '{slugify(slug)}'")])
    language = language or config.default_language
    if language not in config.languages:
        raise HandbookError([Problem("site.yaml", f"the language '{language}' is not in site.yaml",
                                     hint=config.languages_hint)])
    folder = f"{CONTENT_DIR}/{slug}"
    if (site / folder).exists():
        raise HandbookError([Problem(folder, "this organisation already exists; nothing was written")])
    organisation = f"""\
# The organisation's name, as readers should see it.
name: {_quote(name or slug.replace("-", " ").title())}
# The language the organisation writes in: one of {", ".join(config.languages)}.
language: {language}
# Optional. Remove the # to use a line.
# country: SE                # two-letter country code (SE, DK, CZ, …)
# website: https://www.example.org/
# logo: media/logo.svg       # a file you put in the media/ folder
# summary: One sentence about the organisation.
# order: 1                   # organisations with an order come first on the home page
"""
    return [_write(site, f"{folder}/{ORGANISATION_FILE}", organisation),
            *_new_page(site, config, slug, "vision", None, language)]


def new_page(site: Path, where: str) -> list[str]:
    """content/<org>/<id>.md, or a translation with <id>.<lang>."""
    config = load_config(site)
    organisation, _, name = where.partition("/")
    match = PAGE_FILE.fullmatch(f"{name}.md") if name else None
    if not organisation or match is None or not SLUG.fullmatch(match["id"]):
        raise HandbookError([Problem(where, "give the page as <organisation>/<page>, e.g. proaros/strategy, "
                                            "or proaros/vision.en for a translation",
                                     hint="page names use lower-case letters, digits and '-'")])
    if match["id"] == PRINT_SLUG:
        raise HandbookError([Problem(where, f"'{PRINT_SLUG}' is the address of the organisation's printable "
                                            "handbook, so no page can have it",
                                     hint=f"choose another name, e.g. {organisation}/printing")])
    folder = site / CONTENT_DIR / organisation
    if not (folder / ORGANISATION_FILE).is_file():
        raise HandbookError([Problem(f"{CONTENT_DIR}/{organisation}", "there is no such organisation",
                                     hint=f"create it first: handbook new org {organisation}")])
    problems = Problems()
    loaded = load_organisation(folder, config, problems)
    problems.raise_if_errors()
    if loaded is None:  # pragma: no cover - load_organisation reports why
        raise HandbookError(problems.items)
    return _new_page(site, config, organisation, match["id"], match["lang"], loaded.language)


def _new_page(site: Path, config: SiteConfig, organisation: str, page_id: str,
              translation: str | None, original_language: str) -> list[str]:
    kind = page_id if page_id in SECTION_LABELS else "page"
    language = translation or original_language
    if language not in config.languages:
        raise HandbookError([Problem("site.yaml", f"the language '{language}' is not in site.yaml",
                                     hint=config.languages_hint)])
    folder = f"{CONTENT_DIR}/{organisation}"
    if translation is None:
        front = f"# The page's title.\ntitle: {_quote(_label(config, language, page_id))}\n"
        return [_write(site, f"{folder}/{page_id}.md", f"---\n{front}{SECTION_FRONT[kind]}---\n{BODY_NOTE}")]

    original_file = site / folder / f"{page_id}.md"
    if not original_file.is_file():
        raise HandbookError([Problem(f"{folder}/{page_id}.{translation}.md",
                                     f"there is no {page_id}.md to translate",
                                     hint=f"create the original first: handbook new page {organisation}/{page_id}")])
    if translation == original_language:
        raise HandbookError([Problem(f"{folder}/{page_id}.md", f"the original is already in '{translation}'")])
    document = split_front_matter(read_text(original_file, f"{folder}/{page_id}.md"), f"{folder}/{page_id}.md")
    title = document.front.get("title") or page_id
    front = (f"# Translate the title and the text below from {page_id}.md.\ntitle: {_quote(str(title))}\n"
             f"translated_from: {original_language}\n"
             "# A draft is checked but not published: remove this line when the translation is done.\n"
             "draft: true\n# Optional: the address of the page in this language, e.g. our-vision\n"
             f"# slug: {page_id}\n")
    return [_write(site, f"{folder}/{page_id}.{translation}.md", f"---\n{front}---\n{BODY_NOTE}")]
