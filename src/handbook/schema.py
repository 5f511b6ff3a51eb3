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
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import definitions as d
from . import registry as msg
from .errors import HandbookError, Problem
from .messages import Text

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Where `handbook schema` and `handbook new site` put them in a site, and where the editor
# settings point.
SCHEMA_DIR = ".handbook/schemas"
PAGE_KINDS = ("vision", "values", "strategy", "page")
_NOT_BLANK = r"\S"


def schemas() -> dict[str, dict[str, Any]]:
    """Each schema by its file name, in a fixed order."""
    found = {"site.schema.json": document(d.SITE), "organisation.schema.json": document(d.ORGANISATION)}
    for kind in PAGE_KINDS:
        found[f"{kind}.schema.json"] = document(d.front_matter(kind))
    return found


def document(shape: d.Shape) -> dict[str, Any]:
    """A whole schema for a file (or front matter) holding `shape`."""
    return {"$schema": DRAFT, "title": shape.name, **mapping(shape)}


def mapping(shape: d.Shape) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "description": shape.about,
        "type": "object",
        "properties": {key.name: _key(key) for key in shape.keys},
        "additionalProperties": False,
    }
    if shape.required:
        schema["required"] = list(shape.required)
    rules = [_rule(needs) for needs in shape.needs]
    if rules:
        schema["allOf"] = rules
    return schema


def _key(key: d.Key) -> dict[str, Any]:
    schema = {"description": key.about, **value(key.value)}
    if key.example is not None and not isinstance(key.value, (d.Mapping, d.ListOf)):
        schema["examples"] = [key.example]
    return schema


def value(kind: d.Value) -> dict[str, Any]:
    """The schema of one kind of value."""
    if isinstance(kind, d.Text):
        # A number is read as its digits (a pattern applies to texts only); a text must hold
        # more than spaces.
        schema: dict[str, Any] = {"type": ["string", "number"] if kind.numbers else "string",
                                  "pattern": f"^(?:{kind.pattern})$" if kind.pattern else _NOT_BLANK}
        if kind.hint:
            schema["patternErrorMessage"] = kind.hint
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
                "patternErrorMessage": "A date as YYYY-MM-DD, e.g. 2025-03-01"}
    if isinstance(kind, d.Choice):
        return {"enum": list(kind.choices)}
    if isinstance(kind, d.Exactly):
        return {"const": kind.value}
    if isinstance(kind, d.ListOf):
        schema = {"type": "array", "items": value(kind.item)}
        if kind.at_least:
            schema["minItems"] = kind.at_least
        if kind.unique:
            schema["uniqueItems"] = True
        return schema
    if isinstance(kind, d.Mapping):
        return mapping(kind.shape)
    if isinstance(kind, d.AnyOf):
        return {"anyOf": [value(form) for form in kind.forms]}
    raise TypeError(f"no schema for {kind!r}")  # pragma: no cover - every kind is above


def _rule(needs: d.Needs) -> dict[str, Any]:
    if needs.one_of:
        return {"anyOf": [{"required": [key]} for key in needs.keys]}
    assert needs.key is not None
    when = {"required": [needs.key], "properties": {needs.key: {"enum": list(needs.values)}}}
    then = {"required": list(needs.keys)}
    return {"if": when, "else": then} if needs.unless else {"if": when, "then": then}


def text(schema: dict[str, Any]) -> str:
    """A schema as the file holds it: stable, readable, ending in a newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder`; the files written, changed or not."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
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
def write_editor_files(site: Path, out: Path | None) -> list[Text]:
    """`handbook schema`: the schemas into `out`, or into the site with the editor settings that
    use them (never over settings of the site's own). What to print, one line each."""
    if out is not None:
        return [msg.WROTE(path=path.as_posix()) for path in write_schemas(out)]
    if not (site / "site.yaml").is_file():
        raise HandbookError([Problem("site.yaml", msg.NO_SITE_FILE(file="site.yaml", folder=str(site)),
                                     hint=msg.NO_SITE_FOR_SCHEMAS())])
    lines = [msg.WROTE(path=path.relative_to(site).as_posix()) for path in write_schemas(site / SCHEMA_DIR)]
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
