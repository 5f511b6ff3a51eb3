"""An organisation's whole handbook as one document for paper (<lang>/<org>/print/): each page's
HTML, made to stand alone at its own address, moved into a section of that document.

On its own page a text's headings sit below the page's h1, its ids are unique on that page only,
and its links are relative to the page's folder. In the printable handbook every page is a
section under the document's one h1 and its title an h2, so moving a page's HTML
- takes its headings one level down (h2 → h3 …; an h6 stays h6), so the outline stays whole;
- prefixes its ids with its section's (`page-values--kunskap`), so they stay unique;
- sends a link to another page of the organisation, or to a place on it, to that page's section,
  since the reader holds it in hand; a place the section lacks (it shows another language
  version than the one linked) is reached on the page itself instead (`Mover.settle`);
- makes every other link relative to the document's folder, and writes beside it its full
  address (data-print-url) for the print stylesheet to print, as a relative one means nothing
  on paper.

What is moved comes from the sanitiser or the theme: tags are well formed, attribute values are
quoted, and a '<' in text is always written '&lt;', so a regular expression finds every tag.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from html import escape, unescape
from urllib.parse import unquote, urlsplit

from .links import ids_of, relative_url
from .markdown import is_local
from .sanitise import url_scheme

# Where a page's section starts (`page-<id>`) and the places inside it (`page-<id>--<id>`). Page
# ids are slugs, which never hold '--', and the document's own ids do not start with 'page-'.
_SECTION = "page-"
_INSIDE = "--"
# Attributes moved links carry: where a link to a place leads if the document lacks the place
# (a site path with its #fragment; gone after `settle`), and a link's full address, for paper.
FALLBACK = "data-fallback"
PRINT_URL = "data-print-url"

_ATTRIBUTES = r"""(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)"""
_TAG = re.compile(rf"""<(/?)([A-Za-z][A-Za-z0-9]*)({_ATTRIBUTES}*)\s*(/?)>""")
# Attributes that name ids (space-separated), which move with them.
_ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "for", "headers")
# Only the tags that moving changes: headings, and tags with ids, links or references to ids
# (most tags of a text are <p>s, left as they are without a look).
_CHANGED = "|".join(("id", "href", "src", *_ID_REFERENCES))
_MOVED_TAG = re.compile(rf"""<(?=/?[hH][1-6][\s/>]|[A-Za-z][A-Za-z0-9]*{_ATTRIBUTES}*?\s+(?:{_CHANGED})\s*=)"""
                        + _TAG.pattern[1:], re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_HEADING = re.compile(r"[hH]([1-6])")
_LINKS = {"a": "href", "img": "src"}


# Links whose address is printed after them on paper, and those printed without the scheme.
_PRINTED = ("http://", "https://", "mailto:", "tel:")
_SHOWN_WITHOUT_SCHEME = ("mailto:", "tel:")


def _text_is(html: str, end: int, address: str) -> bool:
    """Whether the text of the link whose start tag ends at `end` is its address already (as
    in <https://example.org>), so that printing it again would only repeat it."""
    close = html.find("</a>", end)
    text = html[end:close] if close != -1 else ""
    return "<" not in text and _plain(unescape(text)) in (_plain(address), _plain(address.split("://", 1)[-1]))


def _plain(url: str) -> str:
    return url.strip().rstrip("/").lower()


def section_id(page_id: str) -> str:
    """The id of a page's section in the printable handbook."""
    return _SECTION + page_id


def inner_id(page_id: str, name: str) -> str:
    """The id, in the printable handbook, of the place `name` on a page."""
    return section_id(page_id) + _INSIDE + name


class _Tag:
    """One start tag taken apart: its name and attributes, each with its text as written, so
    that a tag is written again as it was except for what is changed."""

    def __init__(self, name: str, attributes: str, closes: str):
        self.name = name
        self.closes = closes
        self.items: list[tuple[str, str | None, str]] = []  # (name, value, as written)
        for match in _ATTRIBUTE.finditer(attributes):
            value = next((v for v in match.group(2, 3, 4) if v is not None), None)
            self.items.append((match[1].lower(), None if value is None else unescape(value), match[0]))
        self.changed = False

    def get(self, name: str) -> str | None:
        return next((value for key, value, _ in self.items if key == name), None)

    def set(self, name: str, value: str | None) -> None:
        """Set an attribute (None: remove it)."""
        text = "" if value is None else f'{name}="{escape(value, quote=True)}"'
        for index, (key, _, _) in enumerate(self.items):
            if key == name:
                self.items[index] = (name, value, text)
                break
        else:
            self.items.append((name, value, text))
        self.changed = True

    def __str__(self) -> str:
        attributes = "".join(f" {text}" for _, _, text in self.items if text)
        return f"<{self.name}{attributes}{' /' if self.closes else ''}>"


class Mover:
    """Moves the HTML of an organisation's pages into its printable handbook in one language."""

    def __init__(self, here: str, sections: Mapping[str, str], base_url: str):
        self.here = here            # the document's folder, e.g. 'sv/proaros/print/'
        self.sections = sections    # the folder of every version of every page → the page's id
        self.base_url = base_url

    def move(self, html: str, page_path: str, page_id: str) -> str:
        """HTML made for the page at `page_path`, as it reads in the section of `page_id`."""
        def rewrite(match: re.Match[str]) -> str:
            closing, name, attributes, closes = match.groups()
            heading = _HEADING.fullmatch(name)
            if heading:
                name = f"h{min(int(heading[1]) + 1, 6)}"
                if closing:
                    return f"</{name}>"
            if closing or not attributes:
                return f"<{name}{' /' if closes else ''}>" if heading else match[0]
            tag = _Tag(name, attributes, closes)
            place = tag.get("id")
            if place is not None:
                tag.set("id", inner_id(page_id, place))
            for reference in _ID_REFERENCES:
                names = tag.get(reference)
                if names is not None:
                    tag.set(reference, " ".join(inner_id(page_id, n) for n in names.split()))
            link = _LINKS.get(name.lower())
            url = tag.get(link) if link else None
            if link and url is not None:
                self._link(tag, link, url.strip(), page_path, page_id, html, match.end())
            return str(tag) if tag.changed or heading else match[0]

        return _MOVED_TAG.sub(rewrite, html)

    def _link(self, tag: _Tag, attribute: str, url: str, page_path: str, page_id: str,
              html: str, end: int) -> None:
        if url.startswith("#"):  # a place on the same page
            if url != "#":
                tag.set(attribute, "#" + inner_id(page_id, url[1:]))
                tag.set(FALLBACK, page_path + url)
            return
        if not is_local(url):  # another site, an e-mail address, a phone number
            address = url.split(":", 1)[1] if url.lower().startswith(_SHOWN_WITHOUT_SCHEME) else url
            if attribute == "href" and url.lower().startswith(_PRINTED) and not _text_is(html, end, address):
                tag.set(PRINT_URL, address)
            return
        if url.startswith("/"):
            return  # the web server's root: as it is
        parts = urlsplit(url)
        path = parts.path or "./"
        target = posixpath.normpath(posixpath.join(page_path, path))
        if target == ".":
            target = ""
        elif target == ".." or target.startswith("../"):
            return  # out of the site: as written (the page's own output says so)
        elif path.endswith(("/", "/.", "/..")) or path in (".", ".."):
            target += "/"
        query = f"?{parts.query}" if parts.query else ""
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        folder = target.removesuffix("index.html") if target.endswith("/index.html") else target
        section = self.sections.get(folder) if attribute == "href" and not query else None
        if section is not None:
            if fragment:
                tag.set(attribute, "#" + inner_id(section, parts.fragment))
                tag.set(FALLBACK, folder + fragment)
            else:
                tag.set(attribute, "#" + section_id(section))
            return
        relative = relative_url(target, self.here)
        if url_scheme(relative) is not None:  # a file of the document's folder named 'x:…'
            relative = "./" + relative
        tag.set(attribute, relative + query + fragment)
        if attribute == "href":
            tag.set(PRINT_URL, self.base_url + target + query + fragment)

    def settle(self, html: str) -> str:
        """The whole document, its links to places made good: a link to a place the document
        has keeps it; one to a place it lacks leads to the page that has it (where the page's
        own output checked it), with its address printed. The fallbacks go either way."""
        if FALLBACK not in html:
            return html
        ids = {unescape(i) for i in ids_of(html)}

        def settle_link(match: re.Match[str]) -> str:
            if match[1] or FALLBACK not in match[3]:
                return match[0]
            tag = _Tag(match[2], match[3], match[4])
            fallback, href = tag.get(FALLBACK), tag.get("href")
            if fallback is None or href is None:
                return match[0]
            tag.set(FALLBACK, None)
            place = href.removeprefix("#")
            if place not in ids and unquote(place) not in ids:
                path, _, fragment = fallback.partition("#")
                tag.set("href", f"{relative_url(path, self.here)}#{fragment}")
                tag.set(PRINT_URL, self.base_url + fallback)
            return str(tag)

        return _TAG.sub(settle_link, html)
