"""`handbook schema`: JSON Schemas (draft 2020-12) for site.yaml, organisation.yaml and the front
matter of each kind of page, written from definitions.py, the table the validators read.

Editors' YAML checkers (VS Code's YAML extension and others built on the YAML language server)
use them to complete keys, explain them on hover and mark mistakes while one types. The schemas
use only keywords that draft 7 means the same way (no $defs, prefixItems or unevaluated*), so
that checkers which know only draft 7 read them right too; `patternErrorMessage` and
`markdownDescription` are the VS Code extensions, ignored by other validators.

They describe what handbook accepts: a file they reject, `handbook check` rejects too. Rules
that need more than one file (a page's language must be in site.yaml, a logo must exist) are
left to `handbook check`.

What an editor reads in them (each description, each choice's meaning, each `patternErrorMessage`)
is in the editor's language: the English texts of definitions.py, put into words through the
same catalogs as the messages (locales/<lang>/LC_MESSAGES/handbook.po). Their msgctxt is
`schema: ` and the key they describe (`schema: base_url`), so a translator sees what each text
is about; `make messages` extracts them with `extract` below, which writes the schemas and
collects every text they asked for, so the catalogs hold exactly the texts the schemas show. Only
the words differ between languages: what a schema accepts is the same in every one of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from . import definitions as d
from . import registry as msg
from .errors import HandbookError, Problem
from .messages import Language, Text, english
from .paths import SCHEMA_DIR

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Where `handbook schema` and `handbook new site` put them in a site, and where the editor
# settings point.
PAGE_KINDS = ("vision", "values", "strategy", "page")
_NOT_BLANK = r"\S"


# What the schemas say to editors: an English text of definitions.py with its msgctxt, in words.
Say = Callable[[str, str], str]
CONTEXT = "schema: "
DATE_HINT = "A date as YYYY-MM-DD, e.g. 2025-03-01"


def words_of(language: Language | None) -> Say:
    """The schemas' texts in `language` (English without one): a text the catalog does not
    translate stays in English, as a message would."""
    translations = (language or english()).translations
    return lambda context, english_text: str(translations.pgettext(CONTEXT + context, english_text))


def schemas(language: Language | None = None) -> dict[str, dict[str, Any]]:
    """Each schema by its file name, in a fixed order, its descriptions in `language`."""
    return _Writer(words_of(language)).schemas()


class _Writer:
    """Writes the schemas, asking `say` for every text an editor reads in them."""

    def __init__(self, say: Say):
        self.say = say
        self.file = ""  # the schema being written

    def schemas(self) -> dict[str, dict[str, Any]]:
        shapes = {"site.schema.json": d.SITE, "organisation.schema.json": d.ORGANISATION,
                  **{f"{kind}.schema.json": d.front_matter(kind) for kind in PAGE_KINDS}}
        found = {}
        for self.file, shape in shapes.items():
            found[self.file] = self.document(shape)
        return found

    def document(self, shape: d.Shape) -> dict[str, Any]:
        """A whole schema for a file (or front matter) holding `shape`."""
        return {"$schema": DRAFT, "title": shape.name, **self.mapping(shape)}

    def mapping(self, shape: d.Shape) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "description": self.say(shape.name, shape.about),
            "type": "object",
            "properties": {key.name: self.key(key) for key in shape.keys},
            "additionalProperties": False,
        }
        if shape.required:
            schema["required"] = list(shape.required)
        rules = [_rule(needs) for needs in shape.needs]
        if rules:
            schema["allOf"] = rules
        return schema

    def key(self, key: d.Key) -> dict[str, Any]:
        # A mapping describes itself (its shape's about); any other value by the key's.
        value = self.value(key.value, key.name)
        schema = {"description": value.pop("description", None) or self.say(key.name, key.about), **value}
        if key.example is not None and not isinstance(key.value, (d.Mapping, d.ListOf)):
            schema["examples"] = [key.example]
        return schema

    def value(self, kind: d.Value, name: str) -> dict[str, Any]:
        """The schema of one kind of value, of the key `name`."""
        if isinstance(kind, d.Text):
            # A number is read as its digits (a pattern applies to texts only); a text must hold
            # more than spaces.
            schema: dict[str, Any] = {"type": ["string", "number"] if kind.numbers else "string",
                                      "pattern": f"^(?:{kind.pattern})$" if kind.pattern else _NOT_BLANK}
            if kind.hint:
                schema["patternErrorMessage"] = self.say(f"{name}: hint", kind.hint)
            return schema
        if isinstance(kind, d.Texts):
            text = {"type": "string", "pattern": _NOT_BLANK}
            return {"anyOf": [text, {"type": "object", "minProperties": 1,
                                     "propertyNames": {"pattern": f"^(?:{d.LANGUAGE})$"},
                                     "additionalProperties": text}]}
        if isinstance(kind, d.Number):
            schema = {"type": "integer"}
            if kind.low is not None:
                schema["minimum"] = kind.low
            if kind.high is not None:
                schema["maximum"] = kind.high
            return schema
        if isinstance(kind, d.Flag):
            return {"type": "boolean"}
        if isinstance(kind, d.Date):
            return {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                    "patternErrorMessage": self.say("YYYY-MM-DD", DATE_HINT)}
        if isinstance(kind, d.Choice):
            schema = {"enum": list(kind.choices)}
            if kind.about:  # shown beside each choice when an editor completes the value
                schema["enumDescriptions"] = [self.say(f"{name}: {choice}", about)
                                              for choice, about in zip(kind.choices, kind.about, strict=True)]
            return schema
        if isinstance(kind, d.Exactly):
            return {"const": kind.value}
        if isinstance(kind, d.ListOf):
            schema = {"type": "array", "items": self.value(kind.item, name)}
            if kind.at_least:
                schema["minItems"] = kind.at_least
            if kind.unique:
                schema["uniqueItems"] = True
            return schema
        if isinstance(kind, d.Mapping):
            return self.mapping(kind.shape)
        if isinstance(kind, d.AnyOf):
            return {"anyOf": [self.value(form, name) for form in kind.forms]}
        raise TypeError(f"no schema for {kind!r}")  # pragma: no cover - every kind is above


def _rule(needs: d.Needs) -> dict[str, Any]:
    if needs.one_of:
        return {"anyOf": [{"required": [key]} for key in needs.keys]}
    assert needs.key is not None
    when = {"required": [needs.key], "properties": {needs.key: {"enum": list(needs.values)}}}
    then = {"required": list(needs.keys)}
    return {"if": when, "else": then} if needs.unless else {"if": when, "then": then}


def texts() -> dict[tuple[str, str], str]:
    """Every text the schemas show an editor, as (msgctxt, English), once each, in the order
    the schemas first show them, with the schema that first shows it."""
    asked: dict[tuple[str, str], str] = {}

    def record(context: str, english_text: str) -> str:
        asked.setdefault((CONTEXT + context, english_text), writer.file)
        return english_text

    writer = _Writer(record)
    writer.schemas()
    return asked


def extract(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[tuple]:
    """Babel's extraction method for the schemas' texts (locales/babel.cfg): each as a `Message`
    with its msgctxt, whatever file it is run on (schema.py)."""
    for (context, english_text), file in texts().items():
        note = f"TRANSLATORS: {file}, shown in VS Code beside the setting; keep the setting's own words as they are."
        yield 0, "Message", (context, english_text), [note]


def text(schema: dict[str, Any]) -> str:
    """A schema as the file holds it: stable, readable, ending in a newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path, language: Language | None = None) -> list[Path]:
    """Write every schema into `folder`, in `language`; the files written, changed or not."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas(language).items():
        path = folder / name
        path.write_text(text(schema), encoding="utf-8")
        written.append(path)
    return written


# -- the editor ----------------------------------------------------------------------------

def editor_settings(schema_dir: str = SCHEMA_DIR) -> dict[str, Any]:
    """VS Code's settings for a site: the YAML extension checks site.yaml and organisation.yaml
    against the schemas (it does not look inside Markdown, so pages are checked by handbook
    itself), files are saved as UTF-8 with Unix line ends, and the output is read-only."""
    return {
        "yaml.schemas": {
            f"{schema_dir}/site.schema.json": ["site.yaml"],
            f"{schema_dir}/organisation.schema.json": ["content/*/organisation.yaml"],
        },
        "files.encoding": "utf8",
        "files.eol": "\n",
        "files.insertFinalNewline": True,
        "files.readonlyInclude": {"build/**": True},
        "search.exclude": {"build": True, ".cache": True},
        "[markdown]": {"editor.wordWrap": "on"},
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }


# VS Code offers to install the extensions a folder recommends when it is opened.
EDITOR_EXTENSIONS = {"recommendations": ["redhat.vscode-yaml"]}


SETTINGS_FILE = ".vscode/settings.json"
EXTENSIONS_FILE = ".vscode/extensions.json"
def write_editor_files(site: Path, out: Path | None, language: Language | None = None) -> list[Text]:
    """`handbook schema`: the schemas, in `language`, into `out`, or into the site with the editor
    settings that use them (never over settings of the site's own). What to print, one line each."""
    if out is not None:
        return [msg.WROTE(path=path.as_posix()) for path in write_schemas(out, language)]
    if not (site / "site.yaml").is_file():
        raise HandbookError([Problem("site.yaml", msg.NO_SITE_FILE(file="site.yaml", folder=str(site)),
                                     hint=msg.NO_SITE_FOR_SCHEMAS())])
    lines = [msg.WROTE(path=path.relative_to(site).as_posix()) for path in write_schemas(site / SCHEMA_DIR, language)]
    settings = site / SETTINGS_FILE
    if not settings.exists():
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(text(editor_settings()), encoding="utf-8")
        lines.append(msg.CREATED(path=SETTINGS_FILE))
        if not (site / EXTENSIONS_FILE).exists():
            (site / EXTENSIONS_FILE).write_text(text(EDITOR_EXTENSIONS), encoding="utf-8")
            lines.append(msg.CREATED(path=EXTENSIONS_FILE))
    elif SCHEMA_DIR not in settings.read_text(encoding="utf-8", errors="replace"):
        lines.append(msg.SETTINGS_LEFT_AS_THEY_ARE(file=SETTINGS_FILE, setting=schema_setting()))
    return lines


def schema_setting() -> str:
    """The setting that maps the files to their schemas, as lines to add to settings.json."""
    mapping = editor_settings()["yaml.schemas"]
    entries = ",\n".join(f"  {json.dumps(schema)}: {json.dumps(globs)}" for schema, globs in mapping.items())
    return f'"yaml.schemas": {{\n{entries}\n}}'
