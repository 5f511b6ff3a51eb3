"""Make HTML from content safe to publish, and say what was taken out and why.

nh3 (Rust's Ammonia) does the cleaning: it parses the fragment as a browser would and keeps only
the allowlist below, which covers everything Python-Markdown and our extensions produce. It does
not say what it removed, so a walk over the same fragment names each removal in an editor's words;
a caller turns those into warnings with the file and line. A link or image whose URL would run
script (javascript:, vbscript:, data:) is marked fatal: it is never a mistake worth publishing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import PurePosixPath

import nh3

from . import registry as msg
from .messages import Text

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
# Attributes any allowed tag may carry, and those of particular tags.
GENERIC_ATTRIBUTES = frozenset({"id", "lang", "dir", "title", "class"})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope", "abbr"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
}
# Classes that Python-Markdown and our extensions set; any other class is the theme's business.
ALLOWED_CLASS = re.compile(r"footnote|footnote-ref|footnote-backref|toc|toclink"
                           r"|align-(?:left|center|right)|language-[A-Za-z0-9_+.#-]+")
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Schemes that run script or smuggle a document: an error, not a warning.
FATAL_SCHEMES = frozenset({"javascript", "vbscript", "data"})
# Removed together with everything inside them.
CONTENT_REMOVED = frozenset({"script", "style", "template", "noscript", "iframe", "noembed",
                             "noframes", "xmp", "textarea", "title", "object", "embed", "applet"})
# Read by browsers as plain text up to their end tag (with scripting on, noscript too), so the
# walk must not see tags inside them: `<noscript><p title="</noscript><img onerror=…>">`.
RAW_TEXT = frozenset({"noscript", "iframe", "noembed", "noframes", "xmp", "textarea", "title"})
# SVG and MathML: their inner tags go with them, but HTML inside (an <img>) is HTML again, and a
# <style> there holds markup, not text.
FOREIGN = frozenset({"svg", "math"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "background",
                            "xlink:href", "cite", "ping", "longdesc", "lowsrc", "dynsrc",
                            "codebase", "manifest", "srcset", "usemap"})

_WHY_SCHEME = {"javascript": msg.WHY_JAVASCRIPT, "vbscript": msg.WHY_VBSCRIPT, "data": msg.WHY_DATA}
_WHY_TAG = [
    ({"script"}, msg.WHY_SCRIPTS),
    ({"style", "link"}, msg.WHY_STYLES),
    ({"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe"}, msg.WHY_EMBEDDED),
    ({"form", "input", "button", "textarea", "select", "option", "optgroup", "label", "fieldset",
      "legend", "output", "datalist", "meter", "progress"}, msg.WHY_FORMS),
    ({"svg", "math"}, msg.WHY_DRAWINGS),
    ({"audio", "video", "source", "track", "canvas", "picture", "map", "area"}, msg.WHY_PLAYERS),
    ({"meta", "base", "head", "html", "body", "template", "noscript", "slot", "dialog"}, msg.WHY_PAGE_SETTINGS),
]


def _why_tag(tag: str) -> Text | None:
    for tags, why in _WHY_TAG:
        if tag in tags:
            return why()
    return None


@dataclass(frozen=True)
class Finding:
    """Something taken out of a fragment, a URL it refuses, or an image that will not load."""

    message: Text   # in an editor's words: "<script> removed: scripts are not published"
    needle: str     # text to look for in the source to find the line it was written on
    fatal: bool = False
    hint: Text | None = None


@dataclass(frozen=True)
class Clean:
    """A sanitised fragment and what was removed from it, in document order."""

    html: str
    findings: tuple[Finding, ...] = ()


def _keep_class(tag: str, attribute: str, value: str) -> str | None:
    if attribute != "class":
        return value
    kept = [name for name in value.split() if ALLOWED_CLASS.fullmatch(name)]
    return " ".join(kept) or None


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(CONTENT_REMOVED),
    attributes={"*": set(GENERIC_ATTRIBUTES), **{t: set(a) for t, a in TAG_ATTRIBUTES.items()}},
    attribute_filter=_keep_class,
    strip_comments=True,
    link_rel=None,
    url_schemes=set(URL_SCHEMES),
)


def sanitise(html: str) -> Clean:
    """The fragment with only allowed tags, attributes, classes and URL schemes left."""
    if "<" not in html:
        return Clean(html)
    cleaned = _CLEANER.clean(html)
    if cleaned == html and "<img" not in html:
        return Clean(html)  # nothing taken out, and no image that could be from elsewhere
    return Clean(cleaned, _Inspector.findings_in(html))


def _parses(url: str) -> bool:
    """nh3 drops an address it cannot parse; ask it, so that no link goes silently."""
    return "href" in _CLEANER.clean(f'<a href="{html_escape(url, quote=True)}">x</a>')


def url_scheme(url: str) -> str | None:
    """The scheme of a URL as a browser reads it (it ignores tabs, newlines and leading spaces
    and control characters), lower-case; None for a relative URL."""
    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c"
                                                   "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
                                                   "\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


def is_remote(url: str) -> bool:
    """A URL that points to another site (http, https, or //host)."""
    stripped = url.strip()
    return url_scheme(stripped) in ("http", "https") or stripped.startswith(("//", "\\\\", "/\\"))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


class _Inspector(HTMLParser):
    """Walks a fragment and lists what the allowlist will take out of it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Finding] = []
        self._removed_depth = 0  # inside a tag removed with its content: report nothing more
        self._foreign_depth = 0  # inside <svg> or <math>

    @classmethod
    def findings_in(cls, html: str) -> tuple[Finding, ...]:
        inspector = cls()
        inspector.feed(html)
        inspector.close()
        return tuple(inspector.found)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closes=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closes=False)

    def handle_endtag(self, tag: str) -> None:
        if tag in CONTENT_REMOVED and self._removed_depth:
            self._removed_depth -= 1
        elif tag in FOREIGN and self._foreign_depth:
            self._foreign_depth -= 1
            if not self._foreign_depth:
                self.CDATA_CONTENT_ELEMENTS = HTMLParser.CDATA_CONTENT_ELEMENTS  # type: ignore[misc]

    def unknown_decl(self, data: str) -> None:
        if not self._removed_depth:
            self.found.append(Finding(msg.SECTION_REMOVED(data=_short(data)), "<!["))

    def handle_decl(self, decl: str) -> None:
        if not self._removed_depth:
            self.found.append(Finding(msg.DECLARATION_REMOVED(data=_short(decl)), "<!"))

    def handle_pi(self, data: str) -> None:
        if not self._removed_depth:
            self.found.append(Finding(msg.INSTRUCTION_REMOVED(data=_short(data)), "<?"))

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closes: bool) -> None:
        if tag == "image":
            tag = "img"  # as browsers (and nh3) read it
        if self._removed_depth:
            if tag in CONTENT_REMOVED and not closes:
                self._removed_depth += 1
            return
        # A URL that runs script is refused wherever it is, even on a tag that goes anyway.
        for name, value in attrs:
            if value is not None and name in URL_ATTRIBUTES:
                for url in (value.split(",") if name == "srcset" else [value]):
                    scheme = url_scheme(url)
                    if scheme in FATAL_SCHEMES:
                        danger = _WHY_SCHEME[scheme]()
                        shown = _short(url.strip())
                        message = (msg.LINK_NOT_ALLOWED(url=shown, why=danger) if name == "href"
                                   else msg.ADDRESS_NOT_ALLOWED(url=shown, why=danger))
                        self.found.append(Finding(message, url.strip()[:40], fatal=True))
        if self._foreign_depth:
            if tag not in ALLOWED_TAGS:
                return  # a part of the drawing, reported with it
            # An HTML tag such as <img> ends the drawing, in browsers as in nh3.
            self._foreign_depth = 0
            self.CDATA_CONTENT_ELEMENTS = HTMLParser.CDATA_CONTENT_ELEMENTS  # type: ignore[misc]
        if tag not in ALLOWED_TAGS:
            why = _why_tag(tag)
            hint = msg.LINK_INSTEAD() if tag in ("iframe", "object", "embed", "video", "audio") else None
            if why is None:
                why = msg.WHY_TAG() if tag in CONTENT_REMOVED else msg.WHY_TAG_TEXT_KEPT()
                hint = msg.ESCAPE_BRACKETS()
            message = (msg.TAG_REMOVED_WITH_CONTENT(tag=tag, why=why) if tag in CONTENT_REMOVED - {"script", "style"}
                       else msg.TAG_REMOVED(tag=tag, why=why))
            self.found.append(Finding(message, f"<{tag}", hint=hint))
            if closes:
                return
            if tag in FOREIGN:
                self._foreign_depth += 1
                self.CDATA_CONTENT_ELEMENTS = ()  # type: ignore[misc]
            elif tag in CONTENT_REMOVED:
                self._removed_depth += 1
                if tag in RAW_TEXT:
                    self.set_cdata_mode(tag)
            return
        allowed = GENERIC_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name not in allowed:
                self.found.append(self._attribute_removal(tag, name, value))
            elif name == "class" and value:
                for cls in value.split():
                    if not ALLOWED_CLASS.fullmatch(cls):
                        self.found.append(Finding(msg.CLASS_REMOVED(name=_short(cls), tag=tag), cls))
            elif name in ("href", "src") and value is not None:
                if tag == "img" and name == "src" and is_remote(value):
                    self.found.append(Finding(msg.REMOTE_IMAGE(url=_short(value.strip())), value.strip()[:40]))
                scheme = url_scheme(value)
                if scheme in URL_SCHEMES and not _parses(value):
                    shown = _short(value.strip())
                    message = (msg.LINK_INVALID(url=shown, tag=tag) if name == "href"
                               else msg.ADDRESS_INVALID(url=shown, tag=tag))
                    self.found.append(Finding(message, value.strip()[:40], hint=msg.CHECK_ADDRESS()))
                if scheme is not None and scheme not in URL_SCHEMES | FATAL_SCHEMES:
                    shown = _short(value.strip())
                    message = (msg.LINK_SCHEME(url=shown, tag=tag) if name == "href"
                               else msg.ADDRESS_SCHEME(url=shown, tag=tag))
                    self.found.append(Finding(message, value.strip()[:40]))

    @staticmethod
    def _attribute_removal(tag: str, name: str, value: str | None) -> Finding:
        if name.startswith("on"):
            why = msg.WHY_SCRIPTS()
        elif name == "style":
            why = msg.WHY_LOOK()
        elif name in URL_ATTRIBUTES:
            why = msg.WHY_ELSEWHERE()
        else:
            why = msg.WHY_ATTRIBUTE()
        return Finding(msg.ATTRIBUTE_REMOVED(name=name, tag=tag, why=why), name)


# Media files: what may be published, by the name's last suffix. Anything else could be opened
# by a browser as a page of the site (.html, .xhtm, .xml, …) or is not worth the risk.
MEDIA_SUFFIXES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg",
    ".pdf", ".txt", ".csv", ".rtf", ".odt", ".ods", ".odp", ".doc", ".docx", ".xls", ".xlsx",
    ".ppt", ".pptx", ".epub", ".zip",
    ".mp3", ".m4a", ".oga", ".ogg", ".opus", ".wav", ".mp4", ".m4v", ".ogv", ".webm", ".vtt",
})
# Suffixes that make a browser or a web server treat a file as a page or compressed content,
# wherever they stand in the name (a.html.pdf is fine for browsers, not for every server).
_ACTIVE_SUFFIXES = frozenset({
    ".html", ".htm", ".xhtml", ".xhtm", ".xht", ".shtml", ".mht", ".mhtml", ".xml", ".xsl",
    ".xslt", ".svgz", ".js", ".mjs", ".cjs", ".swf", ".hta", ".php", ".wasm", ".gz", ".bz2",
    ".xz", ".z", ".br", ".zst", ".xpdl", ".rss", ".atom", ".rdf", ".mml",
})


def media_problem(name: str) -> Text | None:
    """Why a media file's name keeps it from being published, or None."""
    suffixes = [s.lower() for s in PurePosixPath(name).suffixes]
    if not suffixes:
        return msg.MEDIA_NO_SUFFIX()
    if suffixes[-1] not in MEDIA_SUFFIXES:
        return msg.MEDIA_SUFFIX(suffix=suffixes[-1])
    active = next((s for s in suffixes[:-1] if s in _ACTIVE_SUFFIXES), None)
    if active:
        return msg.MEDIA_ACTIVE_SUFFIX(suffix=active)
    return None


SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_XLINK = "{http://www.w3.org/1999/xlink}href"
# Elements of these kinds are pages, formulas or programs inside a drawing; others that drawing
# programs add (Inkscape's, RDF metadata) are ignored by browsers.
_ACTIVE_NAMESPACES = ("{http://www.w3.org/1999/xhtml}", "{http://www.w3.org/1999/XSL/Transform}",
                      "{http://www.w3.org/1998/Math/MathML}")
_SVG_ACTIVE_TAGS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler",
                              "listener", "a"})
_CSS_REMOTE = re.compile(r"@import|url\(\s*(?![\"']?#)", re.IGNORECASE)
_PROCESSING = re.compile(rb"<\?(?!xml[\s?])", re.IGNORECASE)


def svg_problem(data: bytes) -> Text | None:
    """Why an SVG file must not be published, or None. An SVG opened on its own is a document
    of the site, where it could run script or load other things, so only plain drawings pass:
    SVG elements only, no scripts, links, event handlers, style sheets or references outside
    the drawing, no processing instructions (an XSLT style sheet runs script), no entities."""
    from xml.etree import ElementTree

    upper = data.upper()
    if b"<!ENTITY" in upper:
        return msg.SVG_ENTITIES()
    if b"<!DOCTYPE" in upper and b"[" in data[upper.index(b"<!DOCTYPE"):].split(b">", 1)[0]:
        return msg.SVG_DOCTYPE()
    if _PROCESSING.search(data):
        return msg.SVG_PROCESSING()
    try:
        # Safe here: entities were refused above, and expat fetches nothing from outside.
        root = ElementTree.fromstring(data)  # noqa: S314
    except ElementTree.ParseError as exc:
        return msg.SVG_NOT_WELL_FORMED(detail=str(exc))
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        return msg.SVG_NOT_SVG()
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.startswith(_ACTIVE_NAMESPACES):
            return msg.SVG_FOREIGN(tag=tag.rsplit("}", 1)[-1])
        local_tag = tag.rsplit("}", 1)[-1].lower()
        if local_tag in _SVG_ACTIVE_TAGS:
            return msg.SVG_ACTIVE(tag=local_tag)
        if local_tag == "style" and _CSS_REMOTE.search("".join(element.itertext())):
            return msg.SVG_STYLE_SHEET()
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return msg.SVG_HANDLER(name=local)
            if (local in ("href", "src") or name == _XLINK) and not value.strip().startswith("#"):
                return msg.SVG_REFERS(url=_short(value))
            if local == "style" and _CSS_REMOTE.search(value):
                return msg.SVG_STYLE()
            if local_tag in ("animate", "set", "animatemotion", "animatetransform") and \
                    local in ("attributename", "values", "to", "from") and "href" in value.lower():
                return msg.SVG_ANIMATES_LINK()
    return None
