"""Page bodies converted to HTML, kept so that each is converted once: for its own output and its
organisation's printable handbooks in one build, between `serve`'s runs in memory, and between
builds in the cache file.

A body is converted from its text, where the text starts in its file, its language and its
page's address (links are written relative to it); and what its links point to, which it reads
as dependency keys (depends.py). A kept body is used only while all of that is the same.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cache import anchor_from_json, anchor_to_json, json_text, problem_from_json, problem_to_json, text_digest
from .errors import Problem
from .links import Anchor
from .model import Page

if TYPE_CHECKING:
    from .cache import Cache


@dataclass(frozen=True)
class Body:
    """A page's body as HTML (None: it took too long to convert), and what converting it found."""

    html: str | None
    problems: tuple[Problem, ...]
    reads: frozenset[str]
    anchors: tuple[Anchor, ...]


@dataclass
class Kept:
    """A converted body, a digest of what it was converted from (see `source`), and the version
    of every key that converting it read."""

    body: Body
    source: str
    versions: tuple[tuple[str, str], ...]


def source(page: Page) -> str:
    """What a page's converted body is made from, besides the keys its links read."""
    text = "\0".join((page.body, str(page.body_line), page.language, page.path, page.file))
    return text_digest(text.encode("utf-8", "surrogatepass"))


class Bodies:
    """Converted bodies, by organisation, for the `organisations` rendered last; with `store`
    (a build's cache file), also those an earlier build converted.

    A build renders an organisation's pages and then its printable handbooks (see the order of
    targets in targets.py), so one organisation in memory is enough to convert each body once.
    `serve` keeps a few between its runs: after an edit to one page, its organisation's
    printable handbooks convert only that page again. A build after one edit finds the other
    bodies of the page's organisation in the store.

    What this run converts is listed in `fresh` for the store (render workers send theirs to
    the process that owns it); the store is read by that process only."""

    def __init__(self, organisations: int = 1, store: Cache | None = None):
        self.organisations = organisations
        self.versions: Callable[[str], str] | None = None  # this run's key versions
        self.store = store if store is not None and store.file is not None else None
        self.fresh: list[tuple[str, Kept]] = []
        self._kept: dict[str, dict[str, Kept]] = {}
        self._owner = os.getpid()

    def get(self, page: Page) -> Body | None:
        made_from = source(page)
        kept = self._kept.get(page.organisation, {}).get(page.file)
        if kept is None or kept.source != made_from:
            kept = self._stored(page.file, made_from)
            if kept is None:
                return None
            self._remember(page, kept)
        if self.versions is not None and any(self.versions(key) != version for key, version in kept.versions):
            return None
        return kept.body

    def put(self, page: Page, body: Body) -> None:
        versions = self.versions
        stamps = tuple((key, versions(key)) for key in sorted(body.reads)) if versions is not None else ()
        kept = Kept(body, source(page), stamps)
        self._remember(page, kept)
        if self.store is not None:
            self.fresh.append((page.file, kept))

    def take_fresh(self) -> list[tuple[str, Kept]]:
        fresh, self.fresh = self.fresh, []
        return fresh

    def _remember(self, page: Page, kept: Kept) -> None:
        bodies = self._kept.pop(page.organisation, None)
        if bodies is None:
            bodies = {}
            while len(self._kept) >= self.organisations:
                del self._kept[next(iter(self._kept))]  # the one used longest ago
        self._kept[page.organisation] = bodies  # now the last used
        bodies[page.file] = kept

    def _stored(self, file: str, made_from: str) -> Kept | None:
        # Only the process that owns the store reads it; without versions, nothing checks a body.
        if self.store is None or self.versions is None or os.getpid() != self._owner:
            return None
        data = self.store.body(file, made_from)
        if data is None:
            return None
        try:
            return kept_from_bytes(data, made_from)
        except (ValueError, KeyError, TypeError, IndexError, zlib.error):
            return None  # damaged: converted again


def kept_to_bytes(kept: Kept) -> bytes:
    body = kept.body
    return zlib.compress(json.dumps({
        "source": kept.source, "html": body.html, "problems": [problem_to_json(p) for p in body.problems],
        "reads": sorted(body.reads), "anchors": [anchor_to_json(a) for a in body.anchors],
        "versions": [list(pair) for pair in kept.versions],
    }, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def kept_from_bytes(data: bytes, made_from: str) -> Kept:
    """A body stored by kept_to_bytes; ValueError (or KeyError, TypeError, IndexError,
    zlib.error) if damaged."""
    stored = json.loads(zlib.decompress(data))
    if stored["source"] != made_from:
        raise ValueError("another body")
    html = stored["html"]
    if html is not None and not isinstance(html, str):
        raise ValueError("not HTML")
    anchors = tuple(anchor_from_json(a) for a in stored["anchors"])
    body = Body(html, tuple(problem_from_json(p) for p in stored["problems"]),
                frozenset(json_text(key) for key in stored["reads"]), anchors)
    versions = tuple((json_text(key), json_text(version)) for key, version in stored["versions"])
    if {key for key, _version in versions} != body.reads:
        raise ValueError("versions of other keys")
    return Kept(body, made_from, versions)

