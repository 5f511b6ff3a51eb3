"""What an output depends on: keys recorded while it renders, and each key's current version.

Rendering records the keys it reads (templates through the environment's attribute lookups,
Python code by naming them). After an edit, an output is stale when any of its keys has another
version than the one it was rendered from. Keys are per item, so a page that shows an
organisation's name depends on that name, not on the whole organisation:

    config                   the settings of site.yaml (and --base-url)
    template:<name>          one template's source
    catalog:<lang>           a language's catalogs (theme and site) and the theme's messages.pot
    asset:<name>             a static file's fingerprinted name
    organisations            which organisations there are
    org:<slug>#<attribute>   one attribute of an organisation: name, logo, section(), …
    page:<file>#<attribute>  one attribute of a page: title, statement, body, path, …
    versions:<slug>/<id>     which languages a page exists in, and where
    listing:<slug>:<lang>    an organisation's pages as listed in a language
    sections:<slug>:<lang>   only its vision, values and strategy as listed in a language
    size:<slug>              how many pages it has (a large one's pages list only sections)
    media:<slug>             an organisation's media files
    pages:<slug>             an organisation's pages and their addresses (for the sitemap)
    today                    the date of the build (clock.py): what is past, when it was printed
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields

from .cache import digest
from .clock import TODAY_KEY, today
from .model import Organisation, Page, Site

ABSENT = "-"


def item_key(obj: object) -> str | None:
    """The key prefix of a model item whose attributes are recorded, or None."""
    if isinstance(obj, Page):
        return f"page:{obj.file}"
    if isinstance(obj, Organisation):
        return f"org:{obj.slug}"
    return None


# What an organisation's methods return depends on; a method not named here depends on all.
_ORGANISATION_METHODS: dict[str, Callable[[Organisation], object]] = {
    "path": lambda o: o.slug,
    "print_path": lambda o: o.slug,
    "media_path": lambda o: o.slug,
    "section": lambda o: [(p.id, p.file) for p in o.originals],
    "originals": lambda o: [p.file for p in o.originals],
}
_PAGE_FIELDS = frozenset(f.name for f in fields(Page)) | {"kind", "path", "last_updated"}


def item_of(key: str) -> str:
    """The model item a key belongs to: 'page:<file>', 'org:<slug>', or the key itself."""
    kind, _, rest = key.partition(":")
    if kind == "page":
        return "page:" + rest.partition("#")[0]
    if kind in ("org", "versions", "listing", "sections", "size", "media", "pages"):
        return "org:" + rest.partition("#" if kind == "org" else ("/" if kind == "versions" else ":"))[0]
    return key


class Versions:
    """The current version of every key, for one version of a site and its theme. Memoised:
    each key is computed at most once. Given the versions of the site's previous version, a
    page that is the very same object (its file was not read again) and an organisation that
    is equal keep the versions they had, without computing them again."""

    def __init__(self, site: Site, sources: Mapping[str, str], previous: Versions | None = None):
        self.site = site
        self.sources = dict(sources)  # config, template:*, catalog:*, asset:*: computed by the caller
        self._known = dict(sources)
        self._previous = previous
        self._same_organisation: dict[str, bool] = {}
        self.computed: dict[str, str] = {}  # the versions this run worked out (not seeded or given)

    def __call__(self, key: str) -> str:
        version = self._known.get(key)
        if version is None:
            previous = self._previous
            if previous is not None and self.unchanged(item_of(key)):
                version = previous(key)
            else:
                version = self._compute(key)
            self._known[key] = self.computed[key] = version
        return version

    @property
    def known(self) -> dict[str, str]:
        """The versions computed (or given) so far, by key."""
        return self._known

    def seed(self, versions: Mapping[str, str]) -> None:
        """Versions known without computing them (a page's, stored with it: see loaded.py)."""
        self._known.update(versions)

    def forget_previous(self) -> None:
        """Let the previous version of the site go (a key not asked for yet is computed)."""
        self._previous = None
        self._same_organisation = {}

    def unchanged(self, item: str) -> bool:
        """The item is as it was in the previous version of the site."""
        previous = self._previous
        if previous is None:
            return False
        kind, _, name = item.partition(":")
        if kind == "page":
            page = self.site.find_page(name)
            return page is not None and page is previous.site.find_page(name)
        if kind == "org":
            same = self._same_organisation.get(name)
            if same is None:
                now = self.site.find_organisation(name)
                same = self._same_organisation[name] = (
                    now is not None and now == previous.site.find_organisation(name))
            return same
        return False

    def changed_items(self) -> set[str]:
        """Items that may differ from the previous version of the site (all, without one)."""
        previous = self._previous
        if previous is None:
            return {f"page:{p.file}" for p in self.site.pages} | {f"org:{o.slug}" for o in self.site.organisations}
        # An organisation that is the very same object was taken whole from the last load (no
        # file of it changed): neither it nor any of its pages can differ.
        before = {o.slug: o for o in previous.site.organisations}
        items = set()
        for organisation in self.site.organisations:
            old = before.pop(organisation.slug, None)
            if old is not organisation:
                items.add(f"org:{organisation.slug}")
                items.update(f"page:{p.file}" for p in organisation.pages + (old.pages if old else ()))
        for old in before.values():  # gone
            items.add(f"org:{old.slug}")
            items.update(f"page:{p.file}" for p in old.pages)
        return {item for item in items if not self.unchanged(item)}

    def _compute(self, key: str) -> str:
        kind, _, rest = key.partition(":")
        site = self.site
        if kind == "page":
            file, _, attribute = rest.partition("#")
            page = site.find_page(file)
            if page is None or attribute not in _PAGE_FIELDS:
                return ABSENT if page is None else digest(page)
            return digest(getattr(page, attribute))
        if kind == "org":
            slug, _, attribute = rest.partition("#")
            organisation = site.find_organisation(slug)
            if organisation is None:
                return ABSENT
            method = _ORGANISATION_METHODS.get(attribute)
            if method is not None:
                return digest(method(organisation))
            value = getattr(organisation, attribute, None)
            if callable(value) or attribute in ("pages", "media"):
                return digest(organisation)  # anything else it offers: all of it
            return digest(value)
        if kind == "organisations":
            return digest([o.slug for o in site.organisations])
        if key == TODAY_KEY:
            return today().isoformat()
        if kind in ("versions", "listing", "sections", "size", "media", "pages"):
            slug, _, detail = rest.partition("/" if kind == "versions" else ":")
            organisation = site.find_organisation(slug)
            if organisation is None:
                return ABSENT
            if kind == "versions":
                return digest(sorted((code, p.path, p.file, p.is_original)
                                     for code, p in organisation.versions(detail).items()))
            if kind == "listing":
                return digest(organisation.listing(detail))
            if kind == "sections":
                return digest([link for link in organisation.listing(detail) if link.kind != "page"])
            if kind == "size":
                return str(len(organisation.originals))
            if kind == "media":
                return digest(organisation.media)
            return digest([(p.file, p.path) for p in organisation.pages])
        return ABSENT  # a key this version of the code no longer knows: stale
