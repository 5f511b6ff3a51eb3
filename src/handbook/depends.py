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
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import fields, replace
from typing import Any

from .model import Organisation, Page, Site

ABSENT = "-"


def digest(value: object) -> str:
    data = value if isinstance(value, bytes) else repr(value).encode("utf-8")
    return hashlib.blake2b(data, digest_size=12).hexdigest()


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
    "media_path": lambda o: o.slug,
    "section": lambda o: [(p.id, p.file) for p in o.originals],
    "originals": lambda o: [p.file for p in o.originals],
}
_PAGE_FIELDS = frozenset(f.name for f in fields(Page)) | {"kind", "path"}


class Versions:
    """The current version of every key, for one version of a site and its theme. Memoised:
    each key is computed at most once."""

    def __init__(self, site: Site, sources: Mapping[str, str]):
        self.site = site
        self._known = dict(sources)  # config, template:*, catalog:*, asset:*: computed by the caller

    def __call__(self, key: str) -> str:
        version = self._known.get(key)
        if version is None:
            version = self._known[key] = self._compute(key)
        return version

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


def outline(organisation: Organisation) -> Organisation:
    """An organisation without its pages' bodies: what a change of metadata is measured by."""
    return replace(organisation, pages=tuple(replace(p, body="") for p in organisation.pages))


def stale(recorded: Mapping[str, str], versions: Callable[[str], str]) -> bool:
    """Rendered from another version of any key than the current one."""
    return any(versions(key) != version for key, version in recorded.items())


def record(keys: frozenset[str], versions: Callable[[str], str]) -> dict[str, str]:
    return {key: versions(key) for key in sorted(keys)}


Reads = set[str]
"""The keys one output read while it rendered."""


def note(reads: Reads | None, key: str) -> None:
    if reads is not None:
        reads.add(key)


def attribute_key(obj: Any, attribute: str) -> str | None:
    prefix = item_key(obj)
    return None if prefix is None else f"{prefix}#{attribute}"
