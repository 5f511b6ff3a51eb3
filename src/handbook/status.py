"""Which pages exist in which languages, and which are past their review date: `handbook status`."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from . import registry as msg
from .config import load_config
from .content import load_site
from .errors import Problems
from .freshness import past_review
from .messages import Language, english
from .model import Page, Site

ORIGINAL, TRANSLATED, OUTDATED, MISSING = "original", "translated", "outdated", "missing"


@dataclass(frozen=True)
class Cell:
    status: str
    page: Page | None = None


@dataclass(frozen=True)
class Row:
    organisation: str
    page_id: str
    original: Page
    cells: dict[str, Cell]
    past_review: bool = False  # the original's review_by has passed


def translation_state(original: Page, translation: Page) -> str:
    """A translation is outdated when its original was updated after it (by `updated` dates)."""
    if original.updated is None:
        return TRANSLATED
    stamp = translation.updated or translation.date
    return OUTDATED if stamp is None or stamp < original.updated else TRANSLATED


def site_status(site: Site, on: dt.date) -> list[Row]:
    """A row per page; `on` is the date review dates are measured against."""
    rows = []
    for organisation in site.organisations:
        for original in organisation.originals:
            versions = organisation.versions(original.id)
            cells = {}
            for code in site.config.languages:
                page = versions.get(code)
                if page is None:
                    cells[code] = Cell(MISSING)
                elif page.is_original:
                    cells[code] = Cell(ORIGINAL, page)
                else:
                    cells[code] = Cell(translation_state(original, page), page)
            rows.append(Row(organisation.slug, original.id, original, cells, past_review(original, on)))
    return rows


def load_status(site_dir: Path, on: dt.date) -> tuple[list[str], list[Row], Problems]:
    """The rows of the site in `site_dir`, review dates measured against `on` (usually today)."""
    problems = Problems()
    config = load_config(site_dir)
    site = load_site(config, problems)
    problems.raise_if_errors()
    return list(config.languages), site_status(site, on), problems


def format_table(languages: list[str], rows: list[Row], say: Language | None = None) -> str:
    """The table for people, in the editor's language (English by default)."""
    say = say or english()
    marks = {ORIGINAL: say(msg.STATUS_ORIGINAL()), TRANSLATED: say(msg.STATUS_TRANSLATED()),
             OUTDATED: say(msg.STATUS_OUTDATED()), MISSING: "-"}
    heading = say(msg.STATUS_PAGE())
    names = [f"{row.organisation}/{row.page_id}" for row in rows]
    width = max([len(heading)] + [len(n) for n in names]) + 2
    column = max(len(m) for m in marks.values()) + 2
    lines = [heading.ljust(width) + "".join(code.ljust(column) for code in languages)]
    for name, row in zip(names, rows, strict=False):
        lines.append(name.ljust(width) + "".join(marks[row.cells[c].status].ljust(column)
                                                 for c in languages))
    counts = {state: sum(1 for r in rows for c in r.cells.values() if c.status == state)
              for state in (TRANSLATED, OUTDATED, MISSING)}
    translations = counts[TRANSLATED] + counts[OUTDATED]
    lines.append("")
    lines.append(say(msg.STATUS_SUMMARY(pages=msg.PAGES(count=len(rows)),
                                        translations=msg.TRANSLATIONS(count=translations),
                                        outdated=msg.OUTDATED(count=counts[OUTDATED]),
                                        missing=msg.MISSING(count=counts[MISSING]))))
    due = [row.original for row in rows if row.past_review]
    if due:
        lines.append("")
        lines.append(say(msg.PAST_REVIEW(count=len(due))))
        for page in due:
            assert page.review_by is not None
            lines.append(f"{page.file}:{page.review_by_line}: {say(msg.REVIEW_BY(date=page.review_by.isoformat()))}")
    return "\n".join(line.rstrip() for line in lines)


def format_json(languages: list[str], rows: list[Row], on: dt.date) -> str:
    """For scripts; `today` says the date review dates were measured against."""
    data = {"languages": languages, "today": on.isoformat(), "pages": [{
        "organisation": row.organisation,
        "page": row.page_id,
        "original_language": row.original.language,
        "review_by": row.original.review_by.isoformat() if row.original.review_by else None,
        "past_review": row.past_review,
        "versions": {code: _cell_json(cell) for code, cell in row.cells.items()},
    } for row in rows]}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)


def _cell_json(cell: Cell) -> dict:
    if cell.page is None:
        return {"status": cell.status}
    return {"status": cell.status, "file": cell.page.file, "url": cell.page.path,
            "title": cell.page.title,
            "updated": cell.page.updated.isoformat() if cell.page.updated else None}
