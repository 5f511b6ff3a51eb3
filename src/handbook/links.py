"""Links written in Markdown: `values.md`, `../proaros/vision.md#kunskap`, `media/photo.jpg` and
`#anchor` become site URLs; what they point to is checked, anchors once every page is rendered."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from . import registry as msg
from .errors import Problems
from .paths import PAGE_FILE

if TYPE_CHECKING:
    from .model import Page, Site


@dataclass(frozen=True)
class Anchor:
    """A link to an #anchor: the output it points into, the anchor, and where it was written."""

    output: str
    fragment: str
    url: str
    line: int | None


_ID = re.compile(r'\sid="([^"]+)"')


def ids_of(html: str) -> frozenset[str]:
    """The anchors an output offers: every id attribute."""
    return frozenset(_ID.findall(html))


# Ids the default theme gives every page, which no editor links to: not worth a hint.
_THEME_IDS = frozenset({"main", "contents-heading", "site-search-input", "site-search-status"})


def check_anchors(links: Iterable[tuple[str, Iterable[Anchor]]], ids: Mapping[str, frozenset[str]],
                  problems: Problems) -> None:
    """Report links to #anchors that the target output does not have.

    `links` pairs each Markdown file with the anchors linked from it; `ids` gives each
    output's ids, once every output is rendered.
    """
    for source, anchors in links:
        for anchor in anchors:
            offered = ids.get(anchor.output)
            if offered is None or anchor.fragment in offered:
                continue
            headings = sorted(i for i in offered if i not in _THEME_IDS)
            problems.error(source, msg.MISSING_ANCHOR(url=anchor.url, anchor=anchor.fragment), anchor.line,
                           hint=msg.ANCHORS_THERE(anchors=", ".join(headings[:8])) if headings else msg.NO_HEADINGS())


def relative_url(target: str, here: str) -> str:
    """A relative URL from the directory page `here` ('sv/org/page/', or '' for the root) to
    `target` (a directory ends in '/'; '' is the root). Plain string work: it runs for every
    link of every page."""
    folders = here.split("/")[:-1]
    parts = target.split("/")
    common = 0
    limit = min(len(folders), len(parts) - 1)
    while common < limit and folders[common] == parts[common]:
        common += 1
    return "../" * (len(folders) - common) + "/".join(parts[common:]) or "./"


class PageLinks:
    """Resolves the links of one page (a callable for the Markdown renderer) and records what
    they depend on (dependency keys, see depends.py) and the #anchors they point to."""

    def __init__(self, site: Site, page: Page, problems: Problems, reads: set[str]):
        self.site = site
        self.page = page
        self.organisation = site.organisation(page.organisation)
        self.problems = problems
        self.reads = reads
        self.anchors: list[Anchor] = []

    def __call__(self, url: str) -> str:
        """The URL to write in the HTML for one written in Markdown."""
        parts = urlsplit(url)
        if not parts.path:  # '#anchor' on this page
            self.anchors.append(Anchor(f"{self.page.path}index.html", parts.fragment, url, self._line(url)))
            return url
        target = posixpath.normpath(posixpath.join(self.organisation.slug, unquote(parts.path)))
        folder, _, name = target.partition("/")
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        owner = self.site.find_organisation(folder)
        self.reads.add("organisations")
        if name.endswith(".md") and owner is not None:
            match = PAGE_FILE.fullmatch(name)
            page_id = match["id"] if match else name[:-3]
            self.reads.add(f"versions:{folder}/{page_id}")
            self.reads.add(f"org:{folder}#originals")  # named in the hint when it is missing
            if owner.versions(page_id):
                linked = owner.page_for(page_id, self.page.language)
                if parts.fragment:
                    self.anchors.append(Anchor(f"{linked.path}index.html", parts.fragment, url, self._line(url)))
                return relative_url(linked.path, self.page.path) + fragment
            names = [f"{p.id}.md" for p in owner.originals]
            hint = msg.PAGES_OF(organisation=folder, pages=", ".join(names[:8]) + (", …" if len(names) > 8 else ""))
            self.problems.error(self.page.file, msg.NO_SUCH_PAGE(url=url), self._line(url),
                                hint=hint if names else None)
            return url
        if owner is not None:
            self.reads.add(f"media:{folder}")
        if owner is not None and name in owner.media:
            return relative_url(owner.media_path(name), self.page.path) + fragment
        if not name.endswith(".md"):
            self.problems.error(self.page.file, msg.NO_SUCH_FILE(url=url), self._line(url),
                                hint=msg.PUT_FILE_IN_MEDIA(organisation=self.organisation.slug))
            return url
        self.problems.error(self.page.file, msg.POINTS_TO_NOTHING(url=url), self._line(url), hint=msg.LINK_BY_FILE())
        return url

    def _line(self, url: str) -> int | None:
        """The line a link is written on: looked up only when a problem or an anchor needs it."""
        for offset, line in enumerate(self.page.body.split("\n")):
            # Markdown expands tabs before it reads links.
            if url in line or url in line.expandtabs(4):
                return self.page.body_line + offset
        return None
