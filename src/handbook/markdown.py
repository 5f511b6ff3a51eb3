"""Markdown → HTML with one reused converter; links to .md files and media become site URLs."""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .typography import typeset_tree

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
                if url is not None and is_local(url):
                    element.set(attribute, self.resolve(url))


class _EditorNotes(Preprocessor):
    """<!-- notes --> are for editors and never published. Runs after fenced code blocks are
    set aside (priority 25), so a comment shown inside a code example stays."""

    _COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "<!--" not in text:
            return lines
        return self._COMMENT.sub("", text).split("\n")


class _Typography(Treeprocessor):
    language: str = ""

    def run(self, root: Element) -> None:
        typeset_tree(root, self.language)


class _HandbookExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        # Both run after inline patterns have produced the final elements (priority 20).
        self.links = _LinkRewriter(md)
        self.typography = _Typography(md)
        md.treeprocessors.register(self.links, "handbook-links", 5)
        md.preprocessors.register(_EditorNotes(md), "handbook-notes", 22)
        md.treeprocessors.register(self.typography, "handbook-typography", 4)


class MarkdownRenderer:
    """Converts page bodies and short YAML texts; one instance is reused for every page."""

    def __init__(self) -> None:
        self._extension = _HandbookExtension()
        self._md = markdown.Markdown(
            extensions=["extra", "sane_lists", "toc", self._extension],
            extension_configs={"toc": {"slugify": slugify_unicode}},
            output_format="html")

    def page(self, text: str, language: str, resolve: LinkResolver | None = None) -> str:
        """A page body as HTML, set by the language's typography; `resolve` rewrites links."""
        return self._convert(text, language, resolve)

    def inline(self, text: str, language: str) -> str:
        """A one-line text from YAML (a value's name, a goal) as HTML without a paragraph."""
        html = self._convert(text, language)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            return html[3:-4]
        return html

    def block(self, text: str, language: str) -> str:
        """A longer text from YAML (a value's description) as HTML paragraphs."""
        return self._convert(text, language)

    def _convert(self, text: str, language: str, resolve: LinkResolver | None = None) -> str:
        self._extension.links.resolve = resolve
        self._extension.typography.language = language
        try:
            return self._md.reset().convert(text)
        finally:
            self._extension.links.resolve = None
