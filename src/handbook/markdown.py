"""Markdown → safe HTML with one reused converter; links to .md files and media become site URLs.

Every conversion goes through the sanitiser: what it returns is safe to publish, together with
what was taken out, for the caller to report where the text came from.
"""

from __future__ import annotations

import html as html_lib
import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import AMP_SUBSTITUTE, AtomicString

from . import registry as msg
from .errors import Problems
from .sanitise import Clean, Finding, sanitise
from .typography import typeset_tree

# Python-Markdown takes quadratic time on some inputs (thousands of unclosed '['): a text that
# takes longer than this to convert is an error, not a build that never ends.
SECONDS_PER_TEXT = 10.0


class TooSlow(Exception):
    """A text took longer than SECONDS_PER_TEXT to convert, or nests too deeply to convert."""

    def __init__(self, deep: bool = False):
        super().__init__()
        self.deep = deep


@contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    """Raise TooSlow if the block runs longer than `seconds` (in the main thread, where
    signals arrive; elsewhere there is no budget)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise TooSlow()

    previous = signal.signal(signal.SIGALRM, expired)
    outer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, *outer)  # an outer timer goes on (0: none)
        signal.signal(signal.SIGALRM, previous)


# Given a URL written in Markdown, returns the URL to put in the HTML (or the same one).
LinkResolver = Callable[[str], str]

_EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def is_local(url: str) -> bool:
    """A relative link into the sources or an #anchor (not http:, mailto: or //host)."""
    return bool(url) and not _EXTERNAL.match(url)


class _LinkRewriter(Treeprocessor):
    resolve: LinkResolver | None = None

    def run(self, root: Element) -> None:
        if self.resolve is None:
            return
        for element in root.iter():
            for attribute in ("href", "src"):
                url = element.get(attribute)
                if url is not None and is_local(url) and not url.startswith(AMP_SUBSTITUTE):
                    # (An e-mail autolink's address is written as character references.)
                    element.set(attribute, self.resolve(url))


class _EditorNotes(Preprocessor):
    """<!-- notes --> are for editors and never published. Runs after fenced code blocks are
    set aside (priority 25); code spans and indented code lines keep their comments, shown as
    written. A '<!--' that is never closed would hide the rest of the page in a browser, so it
    is shown as text instead, and said."""

    _TOKEN = re.compile(r"(?P<code>(`+)[^\n]*?(?<!`)(?P=code_ticks)(?!`))|(?P<note><!--.*?(?:-->|--!>))|<!--"
                        .replace("(`+)", "(?P<code_ticks>`+)"), re.DOTALL)
    found: list[Finding]

    def run(self, lines: list[str]) -> list[str]:
        self.found = []
        text = "\n".join(lines)
        if "<!--" not in text:
            return lines
        return self._TOKEN.sub(lambda match: self._replace(text, match), text).split("\n")

    def _replace(self, text: str, match: re.Match) -> str:
        if match["code"] is not None:
            return match[0]
        line_start = text.rfind("\n", 0, match.start()) + 1
        if text.startswith(("    ", "\t"), line_start):
            return match[0]  # an indented code line: shown as written
        if match["note"] is not None:
            return "\n" * match[0].count("\n")  # keep the line numbers of what follows
        self.found.append(Finding(msg.NOTE_NOT_CLOSED(), "<!--", hint=msg.CLOSE_NOTE()))
        return "&lt;!--"


class _TableAlignment(Treeprocessor):
    """Tables written in Markdown align columns with a style attribute, which the page's
    security policy would block; a class does the same through the theme's stylesheet."""

    _ALIGN = re.compile(r"text-align: (left|center|right);")

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag in ("th", "td") and (style := element.get("style")):
                match = self._ALIGN.fullmatch(style)
                if match:
                    del element.attrib["style"]
                    element.set("class", f"align-{match.group(1)}")


class _Typography(Treeprocessor):
    language: str = ""

    def run(self, root: Element) -> None:
        typeset_tree(root, self.language)


# The characters without which an inline pattern cannot match, by the name Python-Markdown and
# its extensions register it under. A pattern not named here is always tried.
_TRIGGERS = {
    "backtick": "`", "escape": "\\", "footnote": "[", "reference": "[", "link": "[",
    "image_link": "[", "image_reference": "[", "short_reference": "[", "short_image_ref": "[",
    "autolink": "<", "automail": "<", "linebreak": "\n", "html": "<", "entity": "&", "em_strong": "*_",
}


class _GatedInlineProcessor(InlineProcessor):
    """Python-Markdown's inline pass, which tries each of its 15 patterns on every piece of text
    in turn, minus the patterns that cannot match because the text lacks all of their trigger
    characters: most of a page is plain prose, and the tries were a third of a build. Output is
    the same; tests compare it with the stock processor."""

    def run(self, tree: Element, ancestors: list[str] | None = None) -> Element:
        self._patterns = list(self.inlinePatterns)
        self._gates: list[str | None] = [None] * len(self._patterns)
        for name, triggers in _TRIGGERS.items():
            if name in self.inlinePatterns:
                self._gates[self.inlinePatterns.get_index_for_name(name)] = triggers
        return super().run(tree, ancestors)

    # InlineProcessor's private (name-mangled) loop over the patterns.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if isinstance(data, AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern
        patterns, gates = self._patterns, self._gates
        index, start = patternIndex, 0
        while index < len(patterns):
            gate = gates[index]
            if gate is not None and start == 0 and not any(c in data for c in gate):
                index += 1
                continue
            data, matched, start = apply(patterns[index], data, index, start)
            if not matched:
                index += 1
        return data


class _HandbookExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        # Both run after inline patterns have produced the final elements (priority 20).
        self.links = _LinkRewriter(md)
        self.typography = _Typography(md)
        self.notes = _EditorNotes(md)
        md.treeprocessors.register(self.links, "handbook-links", 5)
        md.preprocessors.register(self.notes, "handbook-notes", 22)
        md.treeprocessors.register(self.typography, "handbook-typography", 4)
        md.treeprocessors.register(_TableAlignment(md), "handbook-table-alignment", 3)
        md.treeprocessors.register(_GatedInlineProcessor(md), "inline", 20)


class MarkdownRenderer:
    """Converts page bodies and short YAML texts; one instance is reused for every page."""

    def __init__(self) -> None:
        self._extension = _HandbookExtension()
        self._md = markdown.Markdown(
            extensions=["extra", "sane_lists", "toc", self._extension],
            extension_configs={"toc": {"slugify": slugify_unicode}},
            output_format="html")

    def page(self, text: str, language: str, resolve: LinkResolver | None = None) -> Clean:
        """A page body as HTML, set by the language's typography; `resolve` rewrites links."""
        return self._convert(text, language, resolve)

    def inline(self, text: str, language: str) -> Clean:
        """A one-line text from YAML (a value's name, a goal) as HTML without a paragraph."""
        clean = self._convert(text, language)
        html = clean.html
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            return Clean(html[3:-4], clean.findings)
        return clean

    def block(self, text: str, language: str) -> Clean:
        """A longer text from YAML (a value's description) as HTML paragraphs."""
        return self._convert(text, language)

    def _convert(self, text: str, language: str, resolve: LinkResolver | None = None) -> Clean:
        self._extension.links.resolve = resolve
        self._extension.typography.language = language
        try:
            self._extension.notes.found = []
            with _time_budget(SECONDS_PER_TEXT):
                try:
                    html = self._md.reset().convert(text)
                except RecursionError:  # Python-Markdown recurses once per level of nesting
                    raise TooSlow(deep=True) from None
            clean = sanitise(html)
            notes = self._extension.notes.found
            return Clean(clean.html, tuple(notes) + clean.findings) if notes else clean
        finally:
            self._extension.links.resolve = None


def too_slow(problems: Problems, path: str, line: int | None, error: TooSlow) -> None:
    if error.deep:
        problems.error(path, msg.NESTED_TOO_DEEPLY_TO_CONVERT(), line, hint=msg.FEWER_LEVELS_OF_LISTS())
        return
    problems.error(path, msg.TOO_SLOW(seconds=float(SECONDS_PER_TEXT)), line, hint=msg.LOOK_FOR_UNCLOSED())


# More than this many removals in one file are summed up in one warning.
MAX_FINDINGS = 20


def report_findings(findings: tuple[Finding, ...], problems: Problems, path: str,
                    lines: list[str] | None = None, first_line: int = 1) -> None:
    """Warn about what the sanitiser took out (an error for a URL that runs code), each at the
    line of the source it was written on: in `lines` (a body starting at `first_line`), found by
    looking for it, or at `first_line` itself for a one-line text."""
    seen: dict[str, int] = {}
    where: dict[str, list[int]] = {}  # each needle's lines, found once
    shown = 0
    for finding in findings:
        if not finding.fatal:
            shown += 1
            if shown > MAX_FINDINGS:
                continue
        line = first_line
        if lines is not None:
            occurrence = seen.get(finding.needle, 0)
            seen[finding.needle] = occurrence + 1
            if finding.needle not in where:
                where[finding.needle] = _lines_with(finding.needle, lines)
            found = where[finding.needle]
            line = first_line + found[min(occurrence, len(found) - 1)] if found else first_line
        if finding.fatal:
            problems.error(path, finding.message, line, hint=msg.SAFE_LINKS())
        else:
            problems.warning(path, finding.message, line, hint=finding.hint)
    if shown > MAX_FINDINGS:
        problems.warning(path, msg.MORE_REMOVED(count=shown - MAX_FINDINGS), first_line, hint=msg.FIX_THESE_FIRST())


_TABS = re.compile(r"[\t\n\r]")


def _lines_with(needle: str, lines: list[str]) -> list[int]:
    """The indices of the lines holding `needle` (as written, or with character references
    decoded and tabs left out)."""
    wanted = _TABS.sub("", needle).lower()
    return [index for index, line in enumerate(lines)
            if wanted in line.lower() or ("&" in line and wanted in _TABS.sub("", html_lib.unescape(line)).lower())]
