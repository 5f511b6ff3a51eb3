"""Model → the text of each output, through the theme's templates. Pure: reads no files, writes
nothing, and returns with each output everything it found: problems, links, anchors, and the
dependency keys it read (see depends.py).

Two lifetimes, two owners: `Templates` holds the compiled environments of one theme, its
catalogs and the settings, and outlives many versions of the content; a `Renderer` renders
one version of the site. Every output renders independently of the others, in any order, in
parallel or one at a time when a single source changes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

import jinja2
from babel.support import NullTranslations
from markupsafe import Markup, escape

from . import registry as msg
from .accessibility import statement_path
from .bodies import Bodies, Body
from .clock import TODAY_KEY, today
from .config import SiteConfig
from .errors import Problem, Problems
from .freshness import period_ended
from .links import Anchor, PageLinks, ids_of, relative_url
from .locale import Localiser, language_autonym, localiser
from .markdown import MarkdownRenderer, TooSlow, report_findings, too_slow
from .model import SECTIONS, Organisation, Page, Site
from .printing import Mover, section_id
from .targets import (
    AccessibilityStatement,
    Home,
    NotFound,
    OrganisationOverview,
    PageOutput,
    PrintedHandbook,
    Robots,
    Root,
    Sitemap,
    Target,
)
from .theme import RecordingEnvironment, SharedCode, Theme, make_environment
from .typography import typeset_interface

# How many of its organisation's pages a page lists beside itself before it lists only the
# canonical sections and links to the organisation's overview for the rest.
MAX_CONTENTS = 12

# How many converted YAML texts (names, descriptions) the templates keep, at most.
MAX_KEPT_TEXTS = 20_000

# Every page's policy: only the site's own files load; no inline script or style, plug-ins,
# frames or forms to elsewhere. (frame-ancestors and report-uri do not work in a <meta>.)
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self'",
    "font-src 'self'", "connect-src 'self'", "media-src 'self'", "object-src 'none'",
    "frame-src 'none'", "base-uri 'self'", "form-action 'self'"])
# Other sites never learn which page of the handbook a reader came from.
REFERRER_POLICY = "same-origin"
_POLICY_TAG = 'http-equiv="Content-Security-Policy"'


@dataclass(frozen=True)
class Rendered:
    """One output's text and what rendering it found."""

    target: Target
    text: str
    problems: tuple[Problem, ...] = ()
    reads: frozenset[str] = frozenset()
    anchors: tuple[Anchor, ...] = ()
    ids: frozenset[str] = frozenset()


class Templates:
    """The theme's templates compiled once per language, with that language's catalog, filters
    and the site's settings installed."""

    def __init__(self, theme: Theme, translations: dict[str, NullTranslations], config: SiteConfig):
        self.theme = theme
        self.translations = translations
        self.config = config
        self.markdown = MarkdownRenderer()
        self._environments: dict[str, RecordingEnvironment] = {}
        self._code = SharedCode()
        self.languages = [_language_entry(code) for code in config.languages]
        # The same names and descriptions show on many pages (cards, contents, print).
        self._texts: dict[tuple[str, str, str], Markup] = {}

    def _converted(self, kind: str, text: str, language: str) -> Markup:
        """A YAML text as HTML: `kind` is inline (a name, a goal) or block (a description)."""
        key = (kind, text, language)
        html = self._texts.get(key)
        if html is None:
            convert = self.markdown.inline if kind == "inline" else self.markdown.block
            try:
                html = Markup(convert(text, language).html)
            except TooSlow:  # reported as the text was loaded; the build stops there
                html = escape(text)
            if len(self._texts) >= MAX_KEPT_TEXTS:
                self._texts.clear()
            self._texts[key] = html
        return html

    def compile_all(self) -> None:
        """Compile every template for every language now (once, and shared between languages):
        before render workers fork, so that they inherit the compiled templates instead of
        each compiling its own, and so that `serve` has them at hand for its first edit.
        A template that does not compile is left to fail, with its message, where it is used."""
        for language in self.config.languages:
            environment = self.environment(language)
            for name in sorted(self.theme.templates):
                try:
                    environment.get_template(name)
                except jinja2.TemplateError:
                    continue

    def environment(self, language: str) -> RecordingEnvironment:
        environment = self._environments.get(language)
        if environment is None:
            environment = make_environment(self.theme, self.translations[language], language, self._code)
            loc = localiser(language)
            environment.filters.update(
                date=loc.date, period=loc.period, join_list=_list_joiner(loc),
                country=loc.country_name, language_name=loc.language_name, autonym=language_autonym,
                # Texts from YAML; what sanitising takes out of them is reported as they load.
                inline=lambda text, language=language: self._converted("inline", text, language),
                block=lambda text, language=language: self._converted("block", text, language))
            environment.globals.update(
                content_security_policy=Markup(CONTENT_SECURITY_POLICY), referrer_policy=REFERRER_POLICY,
                lang=language, dir=loc.direction, loc=loc, site=self.config,
                languages=self.languages, sections=SECTIONS)
            self._environments[language] = environment
        return environment


@dataclass
class _Output:
    """What one render has found so far."""

    reads: set[str] = field(default_factory=lambda: {"config"})
    problems: Problems = field(default_factory=Problems)
    anchors: list[Anchor] = field(default_factory=list)


class Renderer:
    """Renders the outputs of one version of a site."""

    def __init__(self, site: Site, templates: Templates, bodies: Bodies | None = None):
        self.site = site
        self.config = site.config
        self.templates = templates
        # Bodies converted once for their own outputs and their organisation's printable
        # handbooks; `serve` passes the ones it keeps between runs.
        self.bodies = bodies if bodies is not None else Bodies()

    def render(self, target: Target) -> Rendered:
        """The text of one output and everything found while making it."""
        out = _Output()
        if isinstance(target, PageOutput):
            text = self._page(out, target.page)
        elif isinstance(target, OrganisationOverview):
            text = self._organisation(out, self.site.organisation(target.organisation), target.language)
        elif isinstance(target, PrintedHandbook):
            text = self._printed(out, self.site.organisation(target.organisation), target.language)
        elif isinstance(target, Home):
            text = self._home(out, target.language)
        elif isinstance(target, NotFound):
            text = self._render(out, "404.html", target.language, None, alternates=[])
        elif isinstance(target, Root):
            text = self._root(out)
        elif isinstance(target, AccessibilityStatement):
            text = self._statement(out, target.language)
        elif isinstance(target, Sitemap):
            text = self._sitemap(out)
        elif isinstance(target, Robots):
            text = f"User-agent: *\nAllow: /\nSitemap: {self.config.base_url}sitemap.xml\n"
        else:
            raise TypeError(f"no way to render {target!r}")
        html = target.path.endswith(".html")
        return Rendered(target, text, tuple(out.problems.items), frozenset(out.reads),
                        tuple(out.anchors), ids_of(text) if html else frozenset())

    # -- the outputs ---------------------------------------------------------------------

    def _root(self, out: _Output) -> str:
        """The entry page: picks the reader's language in the browser; plain links without JS."""
        return self._render(out, "root.html", self.config.default_language, "",
                            alternates=self._all_languages(""))

    def _home(self, out: _Output, language: str) -> str:
        organisations = self._sorted_organisations(out, localiser(language))
        return self._render(out, "home.html", language, f"{language}/",
                            alternates=self._all_languages(""),
                            organisations=[self._card(out, o, language) for o in organisations])

    def _organisation(self, out: _Output, organisation: Organisation, language: str) -> str:
        out.reads.add(f"versions:{organisation.slug}/{self.config.default_language}")
        return self._render(out, "organisation.html", language, organisation.path(language),
                            alternates=self._all_languages(f"{organisation.slug}/"),
                            x_default=organisation.path(self.config.default_language),
                            organisation=organisation, card=self._card(out, organisation, language, whole=True))

    def _page(self, out: _Output, page: Page) -> str:
        organisation = self.site.organisation(page.organisation)
        slug = organisation.slug
        out.reads.update((f"page:{page.file}#body", f"page:{page.file}#body_line",
                          f"page:{page.file}#language", f"page:{page.file}#path",
                          f"page:{page.file}#kind", f"versions:{slug}/{page.id}"))
        versions = organisation.versions(page.id)
        original = organisation.original(page.id)
        default = versions.get(self.config.default_language, original)
        body = self._body(page)
        out.reads.update(body.reads)
        out.problems.add(body.problems)
        out.anchors.extend(body.anchors)
        if body.html is None:
            return ""
        everything = organisation.listing(page.language)
        more = 0
        if len(everything) > MAX_CONTENTS:
            # A large organisation: its sections and this page, and a link to all the others.
            out.reads.update((f"sections:{slug}:{page.language}", f"size:{slug}", f"page:{page.file}#title"))
            listed = [link for link in everything if link.kind != "page" or link.path == page.path]
            more = len(everything) - len(listed)
        else:
            out.reads.add(f"listing:{slug}:{page.language}")
            listed = list(everything)
        contents = [replace(link, current=True) if link.path == page.path else link for link in listed]
        return self._render(out, f"{page.kind}.html", page.language, page.path,
                            alternates=organisation.alternates(page.id, self.config.languages),
                            x_default=default.path, page=page, original=original,
                            organisation=organisation, body=Markup(body.html), contents=contents,
                            more_pages=more,
                            period_ended=self._ended(out, page) if page.kind == "strategy" else False)

    def _statement(self, out: _Output, language: str) -> str:
        """The accessibility statement: site.yaml's facts, worded by the theme (accessibility.py)."""
        statement = self.config.accessibility.statement
        return self._render(out, "accessibility.html", language, statement_path(language),
                            alternates=self._statements(),
                            x_default=statement_path(self.config.default_language), statement=statement)

    def _statements(self) -> list[tuple[str, str]]:
        return [(code, statement_path(code)) for code in self.config.languages]

    def _printed(self, out: _Output, organisation: Organisation, language: str) -> str:
        """Every page of an organisation on one page, for paper: the version in `language`
        where there is one, else the original, in reading order (vision, values, strategy, then
        the rest as the organisation lists them), with the date it was made."""
        slug = organisation.slug
        here = organisation.print_path(language)
        out.reads.update((TODAY_KEY, f"org:{slug}#originals"))
        folders: dict[str, str] = {}  # every version's folder → its page's id: links lead there
        for original in organisation.originals:
            out.reads.add(f"versions:{slug}/{original.id}")
            folders.update((version.path, original.id) for version in organisation.versions(original.id).values())
        mover = Mover(here, folders, self.config.base_url)
        sections = []
        for original in organisation.originals:
            page = organisation.page_for(original.id, language)
            out.reads.update(f"page:{page.file}#{name}" for name in ("body", "body_line", "language", "path", "kind"))
            body = self._body(page)
            out.reads.update(body.reads)  # its problems and anchors are its own output's to report
            sections.append({
                "id": section_id(page.id), "page": page, "original": original, "body": Markup(body.html or ""),
                "ended": self._ended(out, page) if page.kind == "strategy" else False,
                "move": lambda html, page=page: Markup(mover.move(str(html), page.path, page.id))})
        text = self._render(out, "print.html", language, here,
                            alternates=[(code, organisation.print_path(code)) for code in self.config.languages],
                            x_default=organisation.print_path(self.config.default_language),
                            organisation=organisation, sections=sections, today=today())
        return mover.settle(text)

    def _body(self, page: Page) -> Body:
        """A page's body as HTML, converted once for the page's output and its organisation's
        printable handbooks. Problems, anchors and what its links read are the page's."""
        found = self.bodies.get(page)
        if found is not None:
            return found
        problems, reads = Problems(), set[str]()
        links = PageLinks(self.site, page, problems, reads)
        html: str | None = None
        try:
            body = self.templates.markdown.page(page.body, page.language, links)
        except TooSlow as error:
            too_slow(problems, page.file, page.body_line, error)
        else:
            report_findings(body.findings, problems, page.file, page.body.split("\n"), page.body_line)
            html = body.html
        found = Body(html, tuple(problems.items), frozenset(reads), tuple(links.anchors))
        self.bodies.put(page, found)
        return found

    def _sitemap(self, out: _Output) -> str:
        out.reads.add("organisations")
        languages = self.config.languages
        entries: list[tuple[str, list[tuple[str, str]] | tuple[tuple[str, str], ...]]] = []
        for language in languages:
            entries.append((f"{language}/", self._all_languages("")))
            for organisation in self.site.organisations:
                entries.append((organisation.path(language), self._all_languages(f"{organisation.slug}/")))
        for organisation in self.site.organisations:
            out.reads.add(f"pages:{organisation.slug}")
            for page in organisation.pages:
                out.reads.add(f"versions:{organisation.slug}/{page.id}")
                entries.append((page.path, organisation.alternates(page.id, languages)))
        if self.config.accessibility.statement is not None:
            entries.extend((path, self._statements()) for _code, path in self._statements())
        base = self.config.base_url
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                 'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
        for path, alternates in entries:
            lines.append(f"  <url><loc>{escape(base + path)}</loc>")
            for code, target in alternates:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{code}" '
                             f'href="{escape(base + target)}"/>')
            lines.append("  </url>")
        lines.append("</urlset>")
        return "\n".join(lines) + "\n"

    # -- pieces shared by several pages ---------------------------------------------------

    def _all_languages(self, rest: str) -> list[tuple[str, str]]:
        return [(code, f"{code}/{rest}") for code in self.config.languages]

    def _sorted_organisations(self, out: _Output, loc: Localiser) -> list[Organisation]:
        """Explicit `order` first, then the reader's alphabet."""
        out.reads.add("organisations")
        for organisation in self.site.organisations:
            out.reads.update((f"org:{organisation.slug}#name", f"org:{organisation.slug}#order"))
        by_name = loc.sorted(self.site.organisations, key=lambda o: o.name)
        return sorted(by_name, key=lambda o: (o.order is None, o.order or 0))

    def _ended(self, out: _Output, page: Page | None) -> bool:
        """Whether the page's strategy period is over: the only thing readers see that depends
        on the date of the build, so only outputs that show a period record `today`."""
        if page is None:
            return False
        out.reads.add(f"page:{page.file}#period")
        if page.period is None:
            return False
        out.reads.add(TODAY_KEY)
        return period_ended(page.period, today())

    def _card(self, out: _Output, organisation: Organisation, language: str,
              whole: bool = False) -> dict[str, Any]:
        """An organisation as homes show it: its vision and its pages, or, for a large one, its
        sections and how many more pages it has (its overview, `whole`, lists them all)."""
        slug = organisation.slug
        out.reads.add(f"versions:{slug}/vision")
        vision = organisation.page_for("vision", language) if organisation.section("vision") else None
        everything = organisation.listing(language)
        if whole or len(everything) <= MAX_CONTENTS:
            out.reads.add(f"listing:{slug}:{language}")
            contents = list(everything)
        else:
            out.reads.update((f"sections:{slug}:{language}", f"size:{slug}"))
            contents = [link for link in everything if link.kind != "page"]
        out.reads.add(f"versions:{slug}/strategy")
        strategy = organisation.page_for("strategy", language) if organisation.section("strategy") else None
        return {"organisation": organisation, "vision": vision, "contents": contents,
                "total": len(everything), "more": len(everything) - len(contents),
                "strategy_ended": self._ended(out, strategy)}

    # -- rendering ------------------------------------------------------------------------

    def _render(self, out: _Output, template: str, language: str, here: str | None,
                alternates: list[tuple[str, str]] | tuple[tuple[str, str], ...], x_default: str = "",
                **context: Any) -> str:
        out.reads.add(f"catalog:{language}")
        environment = self.templates.environment(language)
        theme = self.templates.theme
        base = self.config.base_url
        root_path = urlsplit(base).path

        def url(target: str) -> str:
            if here is None:
                return root_path + target
            return relative_url(target, here)

        def asset(name: str) -> str:
            out.reads.add(f"asset:{name}")
            return url(theme.assets[name])

        def foreign(code: str) -> Markup:
            """lang (and dir) attributes for text in another language than the page."""
            if code == language:
                return Markup("")
            direction = localiser(code).direction
            extra = f' dir="{direction}"' if direction != localiser(language).direction else ""
            return Markup(f' lang="{escape(code)}"{extra}')

        site_title, title_language = self.config.title_in(language)
        statement = self.config.accessibility.link(language)
        environment.reads = out.reads
        try:
            html = environment.get_template(template).render(
                here=here, url=url, absolute=lambda target: base + target, asset=asset,
                foreign=foreign,
                alternates=[{"code": code, "path": path, "name": language_autonym(code)}
                            for code, path in alternates],
                canonical=None if here is None else base + here, x_default=x_default,
                site_title=site_title, site_title_language=title_language,
                accessibility_statement=None if statement is None else (
                    statement if "://" in statement else url(statement)),
                **context)
            if _POLICY_TAG not in html:
                out.problems.error(theme.template_label(template), msg.NO_SECURITY_POLICY(),
                                   hint=msg.KEEP_SECURITY_POLICY())
            return html
        except jinja2.TemplateSyntaxError as exc:
            out.problems.error(theme.template_label(exc.name or template),
                               msg.TEMPLATE_SYNTAX(detail=str(exc.message)), exc.lineno)
        except (jinja2.UndefinedError, jinja2.TemplateNotFound, TypeError, KeyError, ValueError) as exc:
            name, line = _template_frame(exc, template)
            out.problems.error(theme.template_label(name), msg.TEMPLATE_ERROR(detail=str(exc)), line)
        finally:
            environment.reads = None
        return ""




def _language_entry(code: str) -> dict[str, str]:
    return {"code": code, "name": language_autonym(code), "path": f"{code}/",
            "dir": localiser(code).direction}


def _list_joiner(loc: Localiser) -> Callable[..., Markup]:
    """A filter: items joined by the locale's list pattern ('Kunskap och Omtanke'), as HTML.

    Items written in another language than the page (`language`) carry their own lang; the
    pattern's words are set by the page language's typography ('a' in Czech keeps its item).
    """
    def join_list(items: Any, language: str | None = None) -> Markup:
        items = list(items)
        tokens = [f"\x00{index}\x00" for index in range(len(items))]
        text = str(escape(typeset_interface(loc.list(tokens), loc.code)))
        for token, item in zip(tokens, items, strict=False):
            html = escape(item)
            if language and language != loc.code:
                html = Markup('<span lang="{}">{}</span>').format(language, html)
            text = text.replace(token, str(html))
        return Markup(text)

    return join_list


def _template_frame(exc: BaseException, fallback: str) -> tuple[str, int | None]:
    """The innermost template file and line in a traceback (Jinja rewrites frames to templates)."""
    name, line = fallback, None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html") or filename.endswith(".xml"):
            name, line = posixpath.basename(filename), tb.tb_lineno
        tb = tb.tb_next
    return name, line

