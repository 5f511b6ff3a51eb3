"""Markdown → HTML with one reused converter; links to .md files and media become site URLs."""

from __future__ import annotations

import re
from typing import Callable
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor

# Given a URL written in Markdown, returns the URL to put in the HTML (or the same one).
LinkResolver = Callable[[str], str]

_EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


def is_local(url: str) -> bool:
    """A relative link into the sources (not http:, mailto:, //host or a bare #anchor)."""
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


class _LinkExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        self.processor = _LinkRewriter(md)
        # After inline patterns have produced the <a> and <img> elements (priority 20).
        md.treeprocessors.register(self.processor, "handbook-links", 5)


class MarkdownRenderer:
    """Converts page bodies and short YAML texts; one instance is reused for every page."""

    def __init__(self) -> None:
        self._links = _LinkExtension()
        self._md = markdown.Markdown(
            extensions=["extra", "sane_lists", "toc", self._links],
            extension_configs={"toc": {"slugify": slugify_unicode}},
            output_format="html")

    def page(self, text: str, resolve: LinkResolver | None = None) -> str:
        """A page body as HTML; `resolve` rewrites the links written in it."""
        self._links.processor.resolve = resolve
        try:
            return self._md.reset().convert(text)
        finally:
            self._links.processor.resolve = None

    def inline(self, text: str) -> str:
        """A one-line text from YAML (a value's name, a goal) as HTML without a paragraph."""
        html = self._md.reset().convert(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            return html[3:-4]
        return html

    def block(self, text: str) -> str:
        """A longer text from YAML (a value's description) as HTML paragraphs."""
        return self._md.reset().convert(text)
