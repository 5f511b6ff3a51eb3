"""The editor's configuration (Decap CMS's config.yml), generated from the field table (fields.py)
and the site's files (layout.py), in the editor's language.

Collections, in the order the editor lists them:
- Organisations: every content/<org>/organisation.yaml; a new one makes a new organisation.
- Per organisation, every file of it, one entry each: its settings; each section (vision,
  values, strategy) and page in its original language; and for each other language of the
  site its translation, <id>.<lang>.md beside the original, there already or to be written.
- Per organisation, its other pages, where a new page can be started (`pages_collection`), on
  this computer and on a Git host alike. Only serve's own backend can list an organisation's
  other pages apart from its sections and translations; a Git host lists every Markdown file of
  the folder, so there the collection lists none (`filter`, see `_pages`) and a page, once
  saved, is listed with the organisation's files when the build after its commit publishes
  the editor again.

Why not Decap's own translations (i18n): with `multiple_files`, Decap names every language's
file after its language, the original too (vision.sv.md), while handbook's original is
vision.md; and Decap's files collections, the only ones that can give a vision page other
fields than a values page, take translations only inside one file. So each translation is an
entry of its own, named with its language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from babel import Locale

from ..content import CONTENT_DIR, ORGANISATION_FILE
from .fields import (
    BODY,
    CHOICE,
    DATE,
    FLAG,
    GROUP,
    IMAGE,
    ITEMS,
    LONG_TEXT,
    N_,
    SECTION_KINDS,
    TEXT,
    TEXTS,
    WHOLE_NUMBER,
    YEAR_OR_DATE,
    Field,
    kind_of,
    organisation_fields,
    page_fields,
)
from .language import translations
from .layout import MEDIA, Layout, OrganisationFiles

ORGANISATIONS = "organisations"
# The backends whose Decap reads a file that is not there as an empty one, so that a translation
# not written yet opens (empty on a Git host; serve's own backend starts it from its original).
# Decap's GitLab and Bitbucket backends fail on it ("failed to load entry"): there the editor
# lists only the translations there are, and a new one is started on this computer.
OPENS_MISSING_FILES = frozenset({"proxy", "github", "gitea"})
NOT_TRANSLATED = N_("%(page)s (%(language)s, not translated yet)")
Gettext = Callable[[str], str]
SECTION_LABELS = {"vision": N_("Vision"), "values": N_("Values"), "strategy": N_("Strategy")}


def files_collection(slug: str) -> str:
    return f"org-{slug}"


def pages_collection(slug: str) -> str:
    return f"pages-{slug}"


def editor_config(layout: Layout, language: str, backend: dict[str, Any],
                  local_backend: str | None = None, site_url: str | None = None) -> dict[str, Any]:
    """Decap's configuration. `backend`: Decap's backend settings (the local proxy, or a Git
    host's); `local_backend`: the address of serve's own endpoint, which alone lists an
    organisation's other pages apart from its sections (None: published for a Git host)."""
    _ = translations(language).gettext
    config: dict[str, Any] = {
        "backend": backend,
        "locale": language,
        "publish_mode": "simple",
        # Required by Decap; every collection has its own: the organisation's media/ folder.
        "media_folder": CONTENT_DIR,
        "public_folder": MEDIA,
        # Slugs of new pages and organisations: ASCII, as handbook's file names must be.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "editor": {"preview": False},  # the preview is the site itself, reloaded on every save
        "collections": [_organisations(layout, _)],
    }
    if local_backend is not None:
        config["local_backend"] = {"url": local_backend}
    if site_url is not None:
        config["site_url"] = config["display_url"] = site_url
    for organisation in layout.organisations:
        config["collections"].append(_files(organisation, layout, language, _,
                                            starts_translations=backend.get("name") in OPENS_MISSING_FILES))
        config["collections"].append(_pages(organisation, layout, _, listed=local_backend is not None))
    return config


def config_yaml(config: dict[str, Any]) -> str:
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)


def _organisations(layout: Layout, _: Gettext) -> dict[str, Any]:
    return {
        "name": ORGANISATIONS,
        "label": _("Organisations"),
        "label_singular": _("Organisation"),
        "description": _("Each organisation's name, language and other settings. A new "
                         "organisation gets a folder of its own."),
        "folder": CONTENT_DIR,
        "path": "{{slug}}/" + ORGANISATION_FILE.removesuffix(".yaml"),
        "extension": "yaml",
        "format": "yaml",
        "create": True,
        "delete": False,  # an organisation goes with its folder: not from the editor
        "identifier_field": "name",
        "slug": "{{slug}}",
        "summary": "{{name}}",
        "media_folder": MEDIA,
        "public_folder": MEDIA,
        "fields": [_widget(f, _) for f in organisation_fields(layout.languages)],
    }


def _files(organisation: OrganisationFiles, layout: Layout, language: str, _: Gettext,
           starts_translations: bool = True) -> dict[str, Any]:
    """One entry per file of the organisation, there already or to be written (translations not
    written yet only where the backend can open a file that is not there)."""
    names = Locale.parse(language).languages
    files: list[dict[str, Any]] = [{
        "name": "organisation",
        "label": _("Settings"),
        "file": f"{organisation.folder}/{ORGANISATION_FILE}",
        "fields": [_widget(f, _) for f in organisation_fields(layout.languages)],
    }]
    originals = [*SECTION_KINDS] + [p for p in organisation.pages if p not in SECTION_KINDS]
    for page in originals:
        kind = kind_of(page)
        title = _(SECTION_LABELS[kind]) if kind != "page" else page
        files.append({
            "name": page,
            "label": f"{title} ({names.get(organisation.language, organisation.language)})",
            "file": f"{organisation.folder}/{page}.md",
            "fields": [_widget(f, _) for f in page_fields(kind, layout.languages) if not f.translations_only],
        })
        if page not in organisation.pages:
            continue  # a section not written yet: its translations come after it
        for code in layout.languages:
            written = (page, code) in organisation.translations
            if code == organisation.language or not (written or starts_translations):
                continue
            files.append({
                "name": f"{page}.{code}",
                "label": f"{title} ({names.get(code, code)})" if written else
                _(NOT_TRANSLATED) % {"page": title, "language": names.get(code, code)},
                "file": f"{organisation.folder}/{page}.{code}.md",
                "fields": [_widget(f, _) for f in page_fields(kind, layout.languages) if not f.originals_only],
            })
    return {
        "name": files_collection(organisation.slug),
        "label": organisation.name,
        "description": _("Every file of %(organisation)s: its settings, its vision, values, strategy "
                         "and other pages, and their translations.") % {"organisation": organisation.name},
        "media_folder": f"/{organisation.folder}/{MEDIA}",
        "public_folder": MEDIA,
        "files": files,
    }


# A Git host lists every Markdown file of an organisation's folder in the collection of new
# pages, sections and translations too, which that collection would open with a page's fields.
# Decap shows only the entries whose `field` equals `value`: no file of a handbook has a title
# that is empty (`handbook check` refuses it), so on a Git host the list is empty, and every
# file is edited where it belongs, among the organisation's files.
UNLISTED = {"field": "title", "value": ""}


def _pages(organisation: OrganisationFiles, layout: Layout, _: Gettext, listed: bool) -> dict[str, Any]:
    """Where a new page of the organisation is started, as <slug>.md in its folder."""
    collection = {
        "name": pages_collection(organisation.slug),
        "label": _("%(organisation)s: new page") % {"organisation": organisation.name},
        # Decap's "Quick add" lists every collection by this name: one per organisation.
        "label_singular": _("Page of %(organisation)s") % {"organisation": organisation.name},
        "description": _("Start a letter, an article or another page of %(organisation)s here; "
                         "once saved it is listed with the organisation's other files.") % {
            "organisation": organisation.name},
        "folder": organisation.folder,
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "delete": False,
        "identifier_field": "title",
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "media_folder": MEDIA,
        "public_folder": MEDIA,
        "fields": [_widget(f, _) for f in page_fields("page", layout.languages) if not f.translations_only],
    }
    if not listed:
        collection["filter"] = dict(UNLISTED)
    return collection


def _widget(field: Field, _: Gettext) -> dict[str, Any]:
    """A field as a Decap widget."""
    widget: dict[str, Any] = {"name": field.name, "label": _(field.label)}
    if field.type in (TEXT, YEAR_OR_DATE):
        widget["widget"] = "string"
    elif field.type == LONG_TEXT:
        widget["widget"] = "text"
    elif field.type == BODY:
        widget["widget"] = "markdown"
    elif field.type == DATE:
        widget.update(widget="datetime", format="YYYY-MM-DD", date_format="YYYY-MM-DD", time_format=False,
                      picker_utc=True)
    elif field.type == WHOLE_NUMBER:
        widget.update(widget="number", value_type="int")
    elif field.type == FLAG:
        widget.update(widget="boolean", default=False)
    elif field.type == CHOICE:
        widget.update(widget="select", options=list(field.choices))
    elif field.type == TEXTS:
        widget.update(widget="list", collapsed=False, label_singular=_(field.item or field.label),
                      field={"name": "item", "label": _(field.item or field.label), "widget": "string"})
    elif field.type == ITEMS:
        widget.update(widget="list", collapsed=False, label_singular=_(field.item or field.label),
                      summary="{{fields." + field.fields[0].name + "}}",
                      fields=[_widget(f, _) for f in field.fields])
    elif field.type == GROUP:
        widget.update(widget="object", collapsed=False, fields=[_widget(f, _) for f in field.fields])
    elif field.type == IMAGE:
        widget.update(widget="image", choose_url=False)
    else:  # pragma: no cover - every type of fields.py is above
        raise ValueError(f"no widget for {field.type}")
    if not field.required:
        widget["required"] = False
    if field.hint:
        widget["hint"] = _(field.hint)
    if field.pattern:  # Decap shows the hint again when the text does not match
        widget["pattern"] = [field.pattern, _(field.pattern_hint or field.hint or "")]
    return widget
