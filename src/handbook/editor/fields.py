"""The fields the browser editor offers for each kind of file, derived from the tool's own key
definitions (definitions.py), so that the editor offers what `handbook check` accepts.

From definitions.py come every key of a file, which are required, the choices, the patterns of
texts, the keys of nested mappings (a value's name and description, a period's from and to),
and which keys only an original or only a translation may hold (`front_matter(kind,
original=...)`). A key added there appears in the editor by itself, labelled after its name and
with its description as the hint, until it is given a label of its own below.

What is the editor's own lives here: the widget for each kind of value (a language code is a
choice of the site's languages, a file in media/ is an image, a summary is a paragraph), the
labels and hints in the editors' words, the order fields are shown in, and the Markdown body.
Labels and hints are English msgids, translated from the editor's catalogs (locales/ beside
this file). tests/test_editor_fields.py builds sites from these fields and checks that `handbook
check` accepts and refuses the same things.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import definitions as d

# The types of field, in the users' words; config.py turns each into a Decap widget.
TEXT = "text"                  # one line
LONG_TEXT = "long text"        # a paragraph (shown as Markdown)
BODY = "body"                  # the Markdown text of a page, below its front matter
DATE = "date"                  # YYYY-MM-DD
YEAR_OR_DATE = "year or date"  # 2025, or 2025-03-01
WHOLE_NUMBER = "whole number"
FLAG = "yes or no"
CHOICE = "choice"
TEXTS = "list of texts"
ITEMS = "list of items"        # each item a group of fields (a value: name and description)
GROUP = "group"                # a mapping of fields (a period: from and to)
IMAGE = "image"                # a file in the organisation's media/, written as media/<file>

YEAR_OR_DATE_PATTERN = r"^\d{4}(-\d{2}-\d{2})?$"


def N_(message: str) -> str:  # noqa: N802 - gettext's name for it
    """Marks a label for the editor's catalogs (pybabel extract -k N_); translated later."""
    return message


@dataclass(frozen=True)
class Field:
    """One key of a file, as the editor offers it."""

    name: str
    type: str
    label: str
    required: bool = False
    hint: str | None = None
    choices: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()  # of a GROUP, or of each item of ITEMS
    pattern: str | None = None  # a regular expression the text must match
    pattern_hint: str | None = None  # what the editor says when it does not
    originals_only: bool = False  # e.g. review_by: a translation is reviewed with its original
    translations_only: bool = False  # e.g. translated_from
    item: str | None = None  # what one item of a list is called (a goal)


@dataclass(frozen=True)
class Look:
    """How the editor shows one key: its label and hint (msgids), and a widget other than
    its kind of value's own (a paragraph rather than a line)."""

    label: str
    hint: str | None = None
    type: str | None = None
    item: str | None = None


# In the order the editor shows them; keys without a look come after, in definitions' order.
ORGANISATION_LOOK = {
    "name": Look(N_("Name"), N_("The organisation's name, as readers see it.")),
    "language": Look(N_("Language"), N_("The language the organisation's pages are written in.")),
    "country": Look(N_("Country"), N_("A two-letter country code: SE, DK, CZ …")),
    "website": Look(N_("Website"), N_("An address starting with https://")),
    "logo": Look(N_("Logo")),
    "summary": Look(N_("Summary"), N_("One sentence about the organisation."), LONG_TEXT),
    "order": Look(N_("Order"), N_("Organisations with an order come first on the home page, lowest first.")),
}
PAGE_LOOK = {
    "title": Look(N_("Title")),
    "statement": Look(N_("Vision statement"), N_("The vision in one sentence, shown large at the top of "
                                                 "the page."), LONG_TEXT),
    "values": Look(N_("Values"), item=N_("Value")),
    "period": Look(N_("Period")),
    "goals": Look(N_("Goals"), item=N_("Goal")),
    "summary": Look(N_("Summary"), N_("One or two sentences shown in listings."), LONG_TEXT),
    "author": Look(N_("Author")),
    "role": Look(N_("Author's role")),
    "date": Look(N_("Date")),
    "updated": Look(N_("Updated"), N_("When the text last changed; readers see it.")),
    "review_by": Look(N_("Review by"), N_("When someone should read the page again to see it is still right.")),
    "slug": Look(N_("Address"), N_("The last part of the page's address: lower-case letters, digits and '-'.")),
    "source": Look(N_("Source"), N_("Where the text comes from.")),
    "translated_from": Look(N_("Translated from")),
    "draft": Look(N_("Draft"), N_("A draft is checked but not published.")),
}
NESTED_LOOK = {
    d.VALUE.name: {
        "name": Look(N_("Name")),
        "description": Look(N_("Description"), type=LONG_TEXT),
    },
    d.PERIOD.name: {
        "from": Look(N_("From"), N_("A year (2025) or a date (2025-03-01).")),
        "to": Look(N_("To"), N_("A year (2027) or a date (2027-12-31).")),
    },
}
BODY_FIELD = Field("body", BODY, N_("Text"))


def organisation_fields(languages: tuple[str, ...]) -> tuple[Field, ...]:
    """organisation.yaml (definitions.ORGANISATION)."""
    return _fields(d.ORGANISATION.keys, ORGANISATION_LOOK, languages)


def page_fields(kind: str, languages: tuple[str, ...]) -> tuple[Field, ...]:
    """The front matter and body of a page of a kind: vision, values, strategy or page
    (definitions.front_matter); the keys only an original or only a translation may hold
    are marked so."""
    either = d.front_matter(kind)
    originals = set(d.front_matter(kind, original=True).names)
    translations = set(d.front_matter(kind, original=False).names)
    fields = _fields(either.keys, PAGE_LOOK, languages)
    return (*(replace(f, originals_only=f.name not in translations, translations_only=f.name not in originals)
              for f in fields), BODY_FIELD)


def _fields(keys: tuple[d.Key, ...], looks: dict[str, Look], languages: tuple[str, ...]) -> tuple[Field, ...]:
    order = {name: index for index, name in enumerate(looks)}
    ordered = sorted(keys, key=lambda key: order.get(key.name, len(order)))  # stable: new keys keep theirs
    return tuple(_field(key, looks.get(key.name), languages) for key in ordered)


def _field(key: d.Key, look: Look | None, languages: tuple[str, ...]) -> Field:
    """A key as a field: its kind of value decides the widget, unless its look says otherwise."""
    value = key.value
    label = look.label if look else key.name.replace("_", " ").capitalize()
    hint = (look.hint if look else key.about) or None
    field = Field(key.name, TEXT, label, required=key.required, hint=hint, item=look.item if look else None)
    if isinstance(value, d.Text) and value.pattern == d.LANGUAGE:
        return replace(field, type=CHOICE, choices=languages)
    if isinstance(value, d.Text) and value.pattern == d.MEDIA_FILE:
        return replace(field, type=IMAGE)
    if isinstance(value, d.Text):
        pattern = f"^(?:{value.pattern})$" if value.pattern else None
        return replace(field, type=(look.type if look and look.type else TEXT), pattern=pattern,
                       pattern_hint=(hint or value.hint) if pattern else None)
    if isinstance(value, d.Texts):
        return replace(field, type=(look.type if look and look.type else TEXT))
    if isinstance(value, d.Date):
        return replace(field, type=DATE)
    if isinstance(value, d.Number):
        return replace(field, type=WHOLE_NUMBER)
    if isinstance(value, d.Flag):
        return replace(field, type=FLAG)
    if isinstance(value, d.Choice):
        return replace(field, type=CHOICE, choices=value.choices)
    if isinstance(value, d.AnyOf) and {type(form) for form in value.forms} == {d.Number, d.Date}:
        return replace(field, type=YEAR_OR_DATE, pattern=YEAR_OR_DATE_PATTERN, pattern_hint=hint)
    if isinstance(value, d.ListOf) and isinstance(value.item, d.Mapping):
        return replace(field, type=ITEMS, fields=_nested(value.item.shape, languages))
    if isinstance(value, d.ListOf) and isinstance(value.item, d.Text):
        return replace(field, type=TEXTS)
    if isinstance(value, d.Mapping):
        return replace(field, type=GROUP, fields=_nested(value.shape, languages))
    raise ValueError(f"the editor has no field for '{key.name}' ({type(value).__name__})")


def _nested(shape: d.Shape, languages: tuple[str, ...]) -> tuple[Field, ...]:
    return _fields(shape.keys, NESTED_LOOK.get(shape.name, {}), languages)


# The kinds of page and the file each canonical section lives in (model.SECTIONS).
SECTION_KINDS = ("vision", "values", "strategy")
PAGE_KINDS = (*SECTION_KINDS, "page")


def kind_of(page_id: str) -> str:
    return page_id if page_id in SECTION_KINDS else "page"
