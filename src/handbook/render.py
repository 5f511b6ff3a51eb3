"""Model → HTML strings through the theme's templates. Pure: reads no files, writes nothing.

Each page renders independently of the others, so pages can be rendered in any order, in
parallel or one at a time when a single source changes.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from typing import Any
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

import jinja2
from babel.support import NullTranslations
from markupsafe import Markup, escape

from .errors import Problems
from .locale import Localiser, language_autonym, localiser
from .links import Anchor, PageLinks, relative_url
from .markdown import MarkdownRenderer, report_findings
from .model import Organisation, Page, SECTIONS, Site
from .theme import Theme, make_environment


# How many of its organisation's pages a page lists beside itself before it lists only the
# canonical sections and links to the organisation's overview for the rest.
MAX_CONTENTS = 12

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
class Target:
    """One output file and what it shows."""

    path: str
    kind: str  # root, home, 404, organisation, page, sitemap, robots
    language: str | None = None
    organisation: str | None = None
    page: Page | None = None


@dataclass(frozen=True)
class Link:
    """A link to a page as a listing shows it: in the reader's language, or marked as not."""

    title: str
    path: str
    language: str
    kind: str
    current: bool = False


class Renderer:
    """Renders every output file of a site. One instance per build; environments are per language."""

    def __init__(self, site: Site, theme: Theme, translations: dict[str, NullTranslations],
                 problems: Problems):
        self.site = site
        self.theme = theme
        self.translations = translations
        self.problems = problems
        self.markdown = MarkdownRenderer()
        self._environments: dict[str, jinja2.Environment] = {}
        # What the page rendered last links to: organisations (for the dependency graph) and
        # #anchors (checked once every page is rendered).
        self.linked: set[str] = set()
        self.anchors: list[Anchor] = []

    @property
    def site(self) -> Site:
        return self._site

    @site.setter
    def site(self, site: Site) -> None:
        """A new version of the site (after an edit); templates stay compiled."""
        self._site = site
        self._contents_cache: dict[tuple[str, str], tuple[list[Link], list[Link]]] = {}

    @property
    def config(self):
        return self._site.config

    # -- the outputs ---------------------------------------------------------------------

    def targets(self) -> list[Target]:
        """Every output file of the site, in a stable order."""
        targets = [Target("index.html", "root", self.config.default_language)]
        for language in self.config.languages:
            targets.append(Target(f"{language}/index.html", "home", language))
            targets.append(Target(f"{language}/404.html", "404", language))
            for organisation in self.site.organisations:
                targets.append(Target(f"{organisation.path(language)}index.html", "organisation",
                                      language, organisation.slug))
        for page in self.site.pages:
            targets.append(Target(f"{page.path}index.html", "page", page.language,
                                  page.organisation, page))
        targets.append(Target("sitemap.xml", "sitemap"))
        targets.append(Target("robots.txt", "robots"))
        return targets

    def render(self, target: Target) -> str:
        """The text of one output file."""
        self.linked, self.anchors = set(), []
        if target.kind == "page":
            return self.page(target.page)
        if target.kind == "organisation":
            return self.organisation(self.site.organisation(target.organisation), target.language)
        if target.kind == "home":
            return self.home(target.language)
        if target.kind == "404":
            return self.not_found(target.language)
        if target.kind == "root":
            return self.root()
        if target.kind == "sitemap":
            return self.sitemap()
        return f"User-agent: *\nAllow: /\nSitemap: {self.config.base_url}sitemap.xml\n"

    def outputs(self, targets: Iterable[Target] | None = None) -> Iterator[tuple[str, str]]:
        """(path, text) of the given targets, by default of the whole site."""
        for target in self.targets() if targets is None else targets:
            yield target.path, self.render(target)

    def root(self) -> str:
        """The entry page: picks the reader's language in the browser; plain links without JS."""
        language = self.config.default_language
        return self._render("root.html", language, "", alternates=self._all_languages(""),
                            languages=[self._language_entry(code) for code in self.config.languages])

    def home(self, language: str) -> str:
        loc = localiser(language)
        organisations = self._sorted_organisations(loc)
        return self._render("home.html", language, f"{language}/",
                            alternates=self._all_languages(""),
                            organisations=[self._card(o, language) for o in organisations])

    def organisation(self, organisation: Organisation, language: str) -> str:
        here = organisation.path(language)
        return self._render("organisation.html", language, here,
                            alternates=self._all_languages(f"{organisation.slug}/"),
                            x_default=organisation.path(self.config.default_language),
                            organisation=organisation, card=self._card(organisation, language))

    def page(self, page: Page) -> str:
        organisation = self.site.organisation(page.organisation)
        versions = organisation.versions(page.id)
        original = organisation.original(page.id)
        default = versions.get(self.config.default_language, original)
        links = PageLinks(self.site, page, self.problems)
        body = self.markdown.page(page.body, page.language, links)
        report_findings(body.findings, self.problems, page.file, page.body.split("\n"), page.body_line)
        self.linked, self.anchors = links.linked, links.anchors
        everything, sections = self._listing(organisation, page.language)
        more = 0
        if len(everything) > MAX_CONTENTS:
            # A large organisation: its sections and this page, and a link to all the others.
            listed = sections if page.kind != "page" else sections + [self._link(page)]
            more = len(everything) - len(listed)
        else:
            listed = everything
        contents = [replace(link, current=True) if link.path == page.path else link for link in listed]
        alternates = self._alternates(organisation, page.id)
        return self._render(f"{page.kind}.html", page.language, page.path,
                            alternates=alternates, x_default=default.path, page=page,
                            original=original, organisation=organisation,
                            body=Markup(body.html), contents=contents, more_pages=more)

    def not_found(self, language: str) -> str:
        # Served for any missing URL, so its links cannot be relative: they start at the site root.
        return self._render("404.html", language, None, alternates=[])

    def sitemap(self) -> str:
        entries = []
        for language in self.config.languages:
            entries.append((f"{language}/", self._all_languages("")))
            for organisation in self.site.organisations:
                entries.append((organisation.path(language), self._all_languages(f"{organisation.slug}/")))
        for page in self.site.pages:
            entries.append((page.path, self._alternates(self.site.organisation(page.organisation), page.id)))
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                 'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
        for path, alternates in entries:
            lines.append(f"  <url><loc>{escape(self.config.base_url + path)}</loc>")
            for code, target in alternates:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{code}" '
                             f'href="{escape(self.config.base_url + target)}"/>')
            lines.append("  </url>")
        lines.append("</urlset>")
        return "\n".join(lines) + "\n"

    # -- pieces shared by several pages ---------------------------------------------------

    def _all_languages(self, rest: str) -> list[tuple[str, str]]:
        return [(code, f"{code}/{rest}") for code in self.config.languages]

    def _language_entry(self, code: str) -> dict[str, str]:
        return {"code": code, "name": language_autonym(code), "path": f"{code}/",
                "dir": localiser(code).direction}

    def _sorted_organisations(self, loc: Localiser) -> list[Organisation]:
        """Explicit `order` first, then the reader's alphabet."""
        by_name = loc.sorted(self.site.organisations, key=lambda o: o.name)
        return sorted(by_name, key=lambda o: (o.order is None, o.order or 0))

    def _card(self, organisation: Organisation, language: str) -> dict[str, Any]:
        vision = organisation.section("vision")
        vision = organisation.page_for("vision", language) if vision else None
        return {"organisation": organisation, "vision": vision,
                "contents": self._listing(organisation, language)[0]}

    def _listing(self, organisation: Organisation, language: str) -> tuple[list[Link], list[Link]]:
        """The organisation's pages, each in `language` where translated, else the original;
        and its canonical sections alone. Made once per organisation and language."""
        key = (organisation.slug, language)
        if key not in self._contents_cache:
            links = [self._link(organisation.page_for(original.id, language))
                     for original in organisation.originals]
            self._contents_cache[key] = (links, [link for link in links if link.kind != "page"])
        return self._contents_cache[key]

    @staticmethod
    def _link(page: Page) -> Link:
        return Link(page.title, page.path, page.language, page.kind)

    def _alternates(self, organisation: Organisation, page_id: str) -> list[tuple[str, str]]:
        """The versions of a page, in the site's order of languages."""
        versions = organisation.versions(page_id)
        return [(code, versions[code].path) for code in self.config.languages if code in versions]

    # -- rendering ------------------------------------------------------------------------

    def _environment(self, language: str) -> jinja2.Environment:
        environment = self._environments.get(language)
        if environment is None:
            environment = make_environment(self.theme, self.translations[language])
            loc = localiser(language)
            environment.filters.update(
                date=loc.date, period=loc.period, join_list=_list_joiner(loc),
                country=loc.country_name,
                language_name=loc.language_name, autonym=language_autonym,
                # Texts from YAML; what sanitising takes out of them is reported as they load.
                inline=lambda text, language=language: Markup(self.markdown.inline(text, language).html),
                block=lambda text, language=language: Markup(self.markdown.block(text, language).html))
            environment.globals.update(
                content_security_policy=Markup(CONTENT_SECURITY_POLICY), referrer_policy=REFERRER_POLICY,
                lang=language, dir=loc.direction, loc=loc, site=self.config,
                languages=[self._language_entry(code) for code in self.config.languages],
                sections=SECTIONS)
            self._environments[language] = environment
        return environment

    def _render(self, template: str, language: str, here: str | None,
                alternates: list[tuple[str, str]], x_default: str = "", **context: Any) -> str:
        environment = self._environment(language)
        base = self.config.base_url
        root_path = urlsplit(base).path

        def url(target: str) -> str:
            if here is None:
                return root_path + target
            return relative_url(target, here)

        def foreign(code: str) -> Markup:
            """lang (and dir) attributes for text in another language than the page."""
            if code == language:
                return Markup("")
            direction = localiser(code).direction
            extra = f' dir="{direction}"' if direction != localiser(language).direction else ""
            return Markup(f' lang="{escape(code)}"{extra}')

        site_title, title_language = self.config.title_in(language)
        try:
            html = environment.get_template(template).render(
                here=here, url=url, absolute=lambda target: base + target,
                asset=lambda name: url(self.theme.assets[name]), foreign=foreign,
                alternates=[{"code": code, "path": path, "name": language_autonym(code)}
                            for code, path in alternates],
                canonical=None if here is None else base + here, x_default=x_default,
                site_title=site_title, site_title_language=title_language, **context)
            if _POLICY_TAG not in html:
                self.problems.error(self._template_label(template), "this page has no security policy",
                                    hint='keep <meta http-equiv="Content-Security-Policy" content="'
                                         '{{ content_security_policy }}"> in the <head> of base.html')
            return html
        except jinja2.TemplateSyntaxError as exc:
            self.problems.error(self._template_label(exc.name or template),
                                f"template syntax: {exc.message}", exc.lineno)
        except (jinja2.UndefinedError, jinja2.TemplateNotFound, TypeError, KeyError) as exc:
            name, line = _template_frame(exc, template)
            self.problems.error(self._template_label(name), f"template error: {exc}", line)
        return ""

    def _template_label(self, name: str) -> str:
        for folder in self.theme.template_dirs:
            if (folder / name).is_file():
                try:
                    return (folder / name).relative_to(self.config.root).as_posix()
                except ValueError:
                    return f"{self.theme.label}/templates/{name}"
        return name


def _list_joiner(loc: Localiser):
    """A filter: items joined by the locale's list pattern ('Kunskap och Omtanke'), as HTML.

    Items written in another language than the page (`language`) carry their own lang.
    """
    def join_list(items: Any, language: str | None = None) -> Markup:
        items = list(items)
        tokens = [f"\x00{index}\x00" for index in range(len(items))]
        text = str(escape(loc.list(tokens)))
        for token, item in zip(tokens, items):
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
