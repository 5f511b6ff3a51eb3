"""How fresh the texts are, measured against today (clock.py): which pages are past their
review date (for editors: `check`, `build`, `status`) and whether a strategy's period has ended
(for readers: the strategy page and the cards that list it).

One place for what "past" means: a review date is the last day the text is fine as it is, so a
page is past it from the next day on; a period has ended once its last day is over.
"""

from __future__ import annotations

import datetime as dt

from . import registry as msg
from .errors import Problems
from .model import Page, Period, Site


def period_ended(period: Period, today: dt.date) -> bool:
    """The period's last day (31 December of a year given as a year) is over."""
    return today > Period.last_day(period.end)


def past_review(page: Page, today: dt.date) -> bool:
    return page.review_by is not None and today > page.review_by


def pages_past_review(site: Site, today: dt.date) -> list[Page]:
    """Published pages whose review date has passed, in the site's order."""
    return [page for page in site.pages if past_review(page, today)]


def review_notices(site: Site, today: dt.date, problems: Problems) -> None:
    """A notice for each page past its review date, at its `review_by:` line.

    A notice, not a warning: the sources are no more wrong today than they were yesterday, and
    `--strict` in CI must not fail every unrelated commit on the morning a date goes by.
    `handbook status` lists the same pages for the editors who plan the reviews."""
    for page in pages_past_review(site, today):
        assert page.review_by is not None
        problems.notice(page.file, msg.REVIEW_DATE_PASSED(date=page.review_by.isoformat()), page.review_by_line,
                        hint=msg.REVIEW_AGAIN())
