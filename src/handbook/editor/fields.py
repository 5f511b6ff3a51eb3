"""The fields the browser editor offers for each kind of file: one small table per kind.

This is the editor's whole knowledge of the content model. It says what content.py and
config.py accept, in a form the editor's configuration (config.py here) and its saving
(saving.py) can use: which keys a file may hold, which are required, their types and choices.
tests/test_editor_fields.py builds sites from this table and checks that `handbook check`
accepts and refuses the same things, so the two cannot drift apart unnoticed; when the tool's
own declarative field definitions exist, this table is the one thing to derive from them.

Labels are English msgids, translated from the editor's catalogs (locales/ beside this file).
"""

from __future__ import annotations

from dataclasses import dataclass

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

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
WEB_ADDRESS_PATTERN = r"^https?://[^\s/?#]+([/?#]\S*)?$"
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
    # Differs between an original and its translations (a name, a text) or not (a date).
    translated: bool = True
    originals_only: bool = False  # e.g. review_by: a translation is reviewed with its original
    translations_only: bool = False  # e.g. translated_from
    item: str | None = None  # what one item of a list is called (a goal)


def organisation_fields(languages: tuple[str, ...]) -> tuple[Field, ...]:
    """organisation.yaml (content.ORGANISATION_KEYS)."""
    return (
        Field("name", TEXT, N_("Name"), required=True, hint=N_("The organisation's name, as readers see it.")),
        Field("language", CHOICE, N_("Language"), required=True, choices=languages,
              hint=N_("The language the organisation's pages are written in.")),
        Field("country", TEXT, N_("Country"), pattern=COUNTRY_PATTERN,
              hint=N_("A two-letter country code: SE, DK, CZ …")),
        Field("website", TEXT, N_("Website"), pattern=WEB_ADDRESS_PATTERN,
              hint=N_("An address starting with https://")),
        Field("logo", IMAGE, N_("Logo")),
        Field("summary", LONG_TEXT, N_("Summary"), hint=N_("One sentence about the organisation.")),
        Field("order", WHOLE_NUMBER, N_("Order"),
              hint=N_("Organisations with an order come first on the home page, lowest first.")),
    )


def _page_start() -> tuple[Field, ...]:
    return (
        Field("title", TEXT, N_("Title"), required=True),
    )


def _page_end(languages: tuple[str, ...]) -> tuple[Field, ...]:
    """What every page may hold (content.PAGE_KEYS, ORIGINAL_KEYS, TRANSLATION_KEYS)."""
    return (
        Field("summary", LONG_TEXT, N_("Summary"), hint=N_("One or two sentences shown in listings.")),
        Field("author", TEXT, N_("Author")),
        Field("role", TEXT, N_("Author's role")),
        Field("date", DATE, N_("Date"), translated=False),
        Field("updated", DATE, N_("Updated"), hint=N_("When the text last changed; readers see it.")),
        Field("review_by", DATE, N_("Review by"), translated=False, originals_only=True,
              hint=N_("When someone should read the page again to see it is still right.")),
        Field("slug", TEXT, N_("Address"), pattern=SLUG_PATTERN,
              hint=N_("The last part of the page's address: lower-case letters, digits and '-'.")),
        Field("source", TEXT, N_("Source"), hint=N_("Where the text comes from.")),
        Field("translated_from", CHOICE, N_("Translated from"), choices=languages, translations_only=True),
        Field("draft", FLAG, N_("Draft"), hint=N_("A draft is checked but not published.")),
        Field("body", BODY, N_("Text")),
    )


def page_fields(kind: str, languages: tuple[str, ...]) -> tuple[Field, ...]:
    """The front matter and body of a page of a kind: vision, values, strategy or page
    (content.SECTION_KEYS)."""
    own: tuple[Field, ...] = ()
    if kind == "vision":
        own = (Field("statement", LONG_TEXT, N_("Vision statement"),
                     hint=N_("The vision in one sentence, shown large at the top of the page.")),)
    elif kind == "values":
        own = (Field("values", ITEMS, N_("Values"), item=N_("Value"), fields=(
            Field("name", TEXT, N_("Name"), required=True),
            Field("description", LONG_TEXT, N_("Description")),
        )),)
    elif kind == "strategy":
        own = (
            Field("period", GROUP, N_("Period"), translated=False, fields=(
                Field("from", YEAR_OR_DATE, N_("From"), required=True, pattern=YEAR_OR_DATE_PATTERN, translated=False,
                      hint=N_("A year (2025) or a date (2025-03-01).")),
                Field("to", YEAR_OR_DATE, N_("To"), required=True, pattern=YEAR_OR_DATE_PATTERN, translated=False,
                      hint=N_("A year (2027) or a date (2027-12-31).")),
            )),
            Field("goals", TEXTS, N_("Goals"), item=N_("Goal")),
        )
    return _page_start() + own + _page_end(languages)


# The kinds of page and the file each canonical section lives in (model.SECTIONS).
SECTION_KINDS = ("vision", "values", "strategy")
PAGE_KINDS = (*SECTION_KINDS, "page")


def kind_of(page_id: str) -> str:
    return page_id if page_id in SECTION_KINDS else "page"
