"""Today's date, the one thing a build reads from the clock: the date a printed handbook was
made, and whether a strategy's period or a page's review date has passed.

SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/) fixes it, so that
CI and tests can build the same bytes on any day. Outputs that show something derived from it
record the dependency key `today` (see depends.py), so a warm cache renders them again when
the date moves on.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

TODAY_KEY = "today"


def today() -> date:
    """SOURCE_DATE_EPOCH's date (UTC) when it is set to a whole number, else the local date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()
