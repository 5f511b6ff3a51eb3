"""The editor's field table (handbook.editor.fields) says what `handbook check` accepts: every key,
which are required, the choices and the patterns. Checked by building small sites, so that the
editor cannot offer a form that check refuses, or refuse what check accepts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import yaml

from handbook import definitions
from handbook.content import ORGANISATION_KEYS
from handbook.editor.config import editor_config
from handbook.editor.fields import (
    BODY,
    CHOICE,
    DATE,
    FLAG,
    GROUP,
    IMAGE,
    ITEMS,
    LONG_TEXT,
    PAGE_KINDS,
    TEXT,
    TEXTS,
    WHOLE_NUMBER,
    YEAR_OR_DATE,
    Field,
    kind_of,
    organisation_fields,
    page_fields,
)
from handbook.editor.layout import Layout, OrganisationFiles

LANGUAGES = ("sv", "da", "cs", "en")
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def sample(field: Field) -> Any:
    """A value `handbook check` accepts for the field."""
    if field.name == "from":
        return 2025
    if field.name == "to":
        return 2026
    if field.name == "country":
        return "SE"
    if field.name == "website":
        return "https://example.org/"
    if field.name == "slug":
        return "a-page"
    return {
        TEXT: "A text", LONG_TEXT: "A longer text.", DATE: dt.date(2025, 1, 31), WHOLE_NUMBER: 2,
        FLAG: False, CHOICE: field.choices[0] if field.choices else None, TEXTS: ["A goal"],
        IMAGE: "media/logo.png",
        ITEMS: [{f.name: sample(f) for f in field.fields}],
        GROUP: {f.name: sample(f) for f in field.fields},
        YEAR_OR_DATE: 2025,
    }[field.type]


def page_text(values: dict[str, Any], body: str = "Text.\n") -> str:
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=False) + "---\n" + body


def page_values(kind: str, original: bool, leave_out: str | None = None) -> dict[str, Any]:
    fields = [f for f in page_fields(kind, LANGUAGES) if f.type != BODY
              and not (f.originals_only and not original) and not (f.translations_only and original)]
    return {f.name: sample(f) for f in fields if f.name != leave_out}


def site_files(kind: str, front: dict[str, Any], original: bool = True) -> dict[str, str | bytes]:
    page = kind if kind != "page" else "letter"
    files: dict[str, str | bytes] = {
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
        "content/org/media/logo.png": PNG,
    }
    if original:
        files[f"content/org/{page}.md"] = page_text(front)
    else:
        files[f"content/org/{page}.md"] = page_text({"title": "Original"})
        files[f"content/org/{page}.en.md"] = page_text(front)
    return files


def check(make_site, run, files: dict[str, str | bytes]):
    root = make_site(files)
    return run("check", root)


def test_the_table_holds_every_key_check_accepts():
    assert {f.name for f in organisation_fields(LANGUAGES)} == set(ORGANISATION_KEYS)
    for kind in PAGE_KINDS:
        names = {f.name for f in page_fields(kind, LANGUAGES) if f.type != BODY}
        original = {f.name for f in page_fields(kind, LANGUAGES) if f.type != BODY and not f.translations_only}
        translation = {f.name for f in page_fields(kind, LANGUAGES) if f.type != BODY and not f.originals_only}
        assert names == set(definitions.front_matter(kind).names)
        assert original == set(definitions.front_matter(kind, original=True).names)
        assert translation == set(definitions.front_matter(kind, original=False).names)


def test_an_organisation_with_every_field_passes_check(make_site, run):
    values = {f.name: sample(f) for f in organisation_fields(LANGUAGES)}
    result = check(make_site, run, {"content/org/organisation.yaml": yaml.safe_dump(values, sort_keys=False),
                                    "content/org/media/logo.png": PNG})
    assert result.code == 0, result.err


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("original", [True, False], ids=["original", "translation"])
def test_a_page_with_every_field_passes_check(make_site, run, kind, original):
    front = page_values(kind, original)
    if not original:
        front["translated_from"] = "sv"
    result = check(make_site, run, site_files(kind, front, original))
    assert result.code == 0, result.err


def required(fields: tuple[Field, ...], prefix: str = "") -> list[tuple[str, Field]]:
    found = []
    for field in fields:
        if field.required:
            found.append((prefix + field.name, field))
        found += required(field.fields, prefix + field.name + ".")
    return found


def without(values: dict[str, Any], dotted: str) -> dict[str, Any]:
    head, _, rest = dotted.partition(".")
    if not rest:
        return {k: v for k, v in values.items() if k != head}
    inner = values[head]
    if isinstance(inner, list):
        return {**values, head: [without(item, rest) for item in inner]}
    return {**values, head: without(inner, rest)}


ORGANISATION_REQUIRED = [name for name, _f in required(organisation_fields(LANGUAGES))]
PAGE_REQUIRED = [(kind, name) for kind in PAGE_KINDS for name, _f in required(page_fields(kind, LANGUAGES))]


def test_the_required_fields_are_the_ones_check_requires():
    assert ORGANISATION_REQUIRED == ["name", "language"]
    assert ("strategy", "period.from") in PAGE_REQUIRED and ("values", "values.name") in PAGE_REQUIRED


@pytest.mark.parametrize("name", ORGANISATION_REQUIRED)
def test_an_organisation_without_a_required_field_fails_check(make_site, run, name):
    values = without({f.name: sample(f) for f in organisation_fields(LANGUAGES)}, name)
    result = check(make_site, run, {"content/org/organisation.yaml": yaml.safe_dump(values, sort_keys=False),
                                    "content/org/media/logo.png": PNG})
    assert result.code == 1 and f"missing '{name}'" in result.err


@pytest.mark.parametrize(("kind", "name"), PAGE_REQUIRED)
def test_a_page_without_a_required_field_fails_check(make_site, run, kind, name):
    result = check(make_site, run, site_files(kind, without(page_values(kind, True), name)))
    assert result.code == 1 and f"missing '{name.rsplit('.', 1)[-1]}'" in result.err


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_a_page_with_only_the_required_fields_passes_check(make_site, run, kind):
    fields = page_fields(kind, LANGUAGES)
    front = {f.name: sample(f) for f in fields if f.required}
    result = check(make_site, run, site_files(kind, front))
    assert result.code == 0, result.err


def test_choices_are_what_check_accepts(make_site, run):
    language = next(f for f in organisation_fields(LANGUAGES) if f.name == "language")
    assert language.choices == LANGUAGES
    for choice in language.choices:
        files = {"content/org/organisation.yaml": f"name: Org\nlanguage: {choice}\n"}
        assert check(make_site, run, files).code == 0
    refused = check(make_site, run, {"content/org/organisation.yaml": "name: Org\nlanguage: de\n"})
    assert refused.code == 1 and "'de' is not in site.yaml" in refused.err


PATTERN_CASES = [
    ("organisation", "country", "DK", "Denmark"),
    ("organisation", "website", "http://example.org/path?x=1", "ftp://example.org/"),
    ("page", "slug", "our-vision", "Our Vision"),
    ("strategy", "period.from", "2025-03-01", "20251"),
]


@pytest.mark.parametrize(("kind", "name", "good", "bad"), PATTERN_CASES)
def test_patterns_accept_and_refuse_as_check_does(make_site, run, kind, name, good, bad):
    fields = organisation_fields(LANGUAGES) if kind == "organisation" else page_fields(kind, LANGUAGES)
    field = next(f for f in fields if f.name == name.split(".")[0])
    if "." in name:
        field = next(f for f in field.fields if f.name == name.split(".")[1])
    assert field.pattern is not None
    assert re.search(field.pattern, good) and not re.search(field.pattern, bad)
    for value, code in ((good, 0), (bad, 1)):
        scalar = yaml.safe_load(value) if name == "period.from" else value
        if kind == "organisation":
            files = {"content/org/organisation.yaml": yaml.safe_dump({"name": "Org", "language": "sv", name: scalar})}
        elif name == "period.from":
            files = site_files(kind, {"title": "T", "period": {"from": scalar, "to": 2030}})
        else:
            files = site_files(kind, {"title": "T", name: scalar})
        result = check(make_site, run, files)
        assert result.code == code, (value, result.err)


# -- the editor's configuration follows definitions.py --------------------------------------

ORG = OrganisationFiles("org", "Org", "sv", ("vision", "values", "strategy", "letter"), ())
LAYOUT = Layout(LANGUAGES, "sv", (ORG,))


def decap_names(config: dict[str, Any]) -> dict[str, set[str]]:
    """The names of the fields the Decap configuration offers, per file of the organisation
    (its settings, each original, each translation) and for the collection of new pages."""
    names: dict[str, set[str]] = {}
    for collection in config["collections"]:
        for entry in collection.get("files", [collection]):
            names[entry.get("file", collection["name"])] = {
                field["name"] for field in entry["fields"]} | {
                f"{field['name']}.{inner['name']}" for field in entry["fields"] for inner in field.get("fields", [])}
    return names


def expected_names(shape: definitions.Shape, body: bool = True) -> set[str]:
    names = set(shape.names) | {"body"} if body else set(shape.names)
    for key in shape.keys:
        inner = key.value.item if isinstance(key.value, definitions.ListOf) else key.value
        if isinstance(inner, definitions.Mapping):
            names |= {f"{key.name}.{name}" for name in inner.shape.names}
    return names


def test_the_decap_configuration_has_every_key_of_the_definitions():
    names = decap_names(editor_config(LAYOUT, "sv", {"name": "proxy"}, local_backend="http://127.0.0.1/api"))
    assert names["content/org/organisation.yaml"] == expected_names(definitions.ORGANISATION, body=False)
    assert names["organisations"] == expected_names(definitions.ORGANISATION, body=False)
    for page in ("vision", "values", "strategy", "letter"):
        kind = kind_of(page)
        assert names[f"content/org/{page}.md"] == expected_names(definitions.front_matter(kind, original=True))
        assert names[f"content/org/{page}.en.md"] == expected_names(definitions.front_matter(kind, original=False))
    assert names["pages-org"] == expected_names(definitions.front_matter("page", original=True))


def test_a_key_added_to_the_definitions_appears_in_the_editor(monkeypatch):
    """A new key needs nothing in the editor to be offered: its kind of value picks the widget,
    its name the label and its description the hint; required, choices and patterns follow."""
    audience = definitions.Key("audience", definitions.Choice(("staff", "public")), "Who the page is for.",
                               required=True)
    contact = definitions.Key("contact_email", definitions.Text(definitions.EMAIL, numbers=False),
                              "Whom to ask about the organisation.")
    example = definitions.Key("example", definitions.Text(), "An example of the value in everyday work.")
    monkeypatch.setattr(definitions, "PAGE_KEYS", (*definitions.PAGE_KEYS, audience))
    monkeypatch.setattr(definitions, "ORIGINAL_KEYS", (*definitions.ORIGINAL_KEYS, contact))
    monkeypatch.setattr(definitions, "ORGANISATION", definitions.Shape(
        definitions.ORGANISATION.name, definitions.ORGANISATION.about, (*definitions.ORGANISATION.keys, contact)))
    value = definitions.Shape("value", definitions.VALUE.about, (*definitions.VALUE.keys, example))
    monkeypatch.setitem(definitions.SECTION_KEYS, "values", (
        definitions.Key("values", definitions.ListOf(definitions.Mapping(value)), "The values."),))

    config = editor_config(LAYOUT, "sv", {"name": "proxy"}, local_backend="http://127.0.0.1/api")
    names = decap_names(config)
    assert "contact_email" in names["content/org/organisation.yaml"]
    for page in ("vision", "values", "strategy", "letter"):
        assert {"audience", "contact_email"} <= names[f"content/org/{page}.md"]
        assert "audience" in names[f"content/org/{page}.en.md"]
        assert "contact_email" not in names[f"content/org/{page}.en.md"]  # originals only
    assert "values.example" in names["content/org/values.md"]
    assert "values.example" in names["content/org/values.en.md"]
    test_the_decap_configuration_has_every_key_of_the_definitions()  # still every key, the new ones too

    files = next(c for c in config["collections"] if c["name"] == "org-org")["files"]
    letter = next(f for f in files if f["file"] == "content/org/letter.md")["fields"]
    widget = next(f for f in letter if f["name"] == "audience")
    assert widget["widget"] == "select" and widget["options"] == ["staff", "public"]
    assert "required" not in widget and widget["hint"] == "Who the page is for." and widget["label"] == "Audience"
    email = next(f for f in letter if f["name"] == "contact_email")
    assert email["required"] is False and email["widget"] == "string"
    assert re.search(email["pattern"][0], "info@example.org") and not re.search(email["pattern"][0], "info at example")
