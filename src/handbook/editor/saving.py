"""Saving from the editor: the editor sends a whole file as it would write it; what is written is
the file as it was, with only the values that changed changed.

The editor (Decap) writes YAML its own way: it drops comments (the notes `handbook new` leaves
for editors), reorders keys, re-quotes and re-folds texts. So its text is read for its values
only, and they are put into the file on disk through ruamel.yaml's round trip, which keeps
everything else: comments, key order, quoting, folded texts, indentation. The Markdown body is
taken as sent, unless it means the same as the body on disk (the same HTML), which then stays
byte for byte. A file saved without a change is left byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from .. import registry as msg
from ..messages import Message, Text
from .fields import BODY, DATE, FLAG, GROUP, ITEMS, TEXTS, WHOLE_NUMBER, YEAR_OR_DATE, Field

# The indentations tried when reading a file, the first that gives its text back exactly is
# kept for writing it: ("  - name" under "values:") or ("- name").
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4))
_WIDTH = 90  # where a folded (>-) text that changed is wrapped
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"\d{4}")


class NotReadable(Exception):
    """What the editor sent cannot be read as the file it claims to be. `message` is the
    registry's, filled in with the file's path by whoever knows it (`text`)."""

    def __init__(self, message: Message, **values: str):
        super().__init__(message.text)
        self.message = message
        self.values = values

    def text(self, path: str) -> Text:
        return self.message(path=path, **self.values)


@dataclass(frozen=True)
class Sent:
    """A file as the editor sent it: its values, and its Markdown body (None for YAML files)."""

    values: dict[str, Any]
    body: str | None


def read_sent(raw: str, markdown: bool) -> Sent:
    """The values (and body) of the text the editor sent."""
    front, body = split(raw) if markdown else (raw, None)
    try:
        values = yaml.safe_load(front) if front.strip() else {}
    except yaml.YAMLError as exc:
        raise NotReadable(msg.SENT_YAML_UNREADABLE, detail=str(exc)) from None
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise NotReadable(msg.SENT_NOT_MAPPING)
    return Sent(values, body)


def split(text: str) -> tuple[str, str]:
    """Front matter text and body, as sources.split_front_matter splits them (a file without
    front matter is all body)."""
    parts = _parts(text)
    return (parts[1], parts[3]) if parts else ("", text)


def _parts(text: str) -> tuple[str, str, str, str] | None:
    """The opening '---' line, the front matter, the closing line and the body, each with its
    line end, so that joined they are `text` again; None without front matter."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "".join(line + "\n" for line in lines[1:index])
            closing = lines[index] + ("\n" if index + 1 < len(lines) else "")
            return lines[0] + "\n", front, closing, "\n".join(lines[index + 1:])
    return None


def merged(old: str | None, sent: Sent, fields: tuple[Field, ...], same_body: Any = None) -> str:
    """The file to write: `old` (None: a new file) with the values of `sent` for `fields`.

    Keys the editor does not show for this file (not in `fields`) are kept as they are.
    `same_body(old_body, new_body)` says whether two bodies mean the same."""
    markdown = sent.body is not None
    head, fence = "---\n", "---\n"
    old_front, old_body = "", None
    if old is not None and markdown:
        parts = _parts(old)
        if parts is None:
            old_body = old
        else:
            head, old_front, fence, old_body = parts
    elif old is not None:
        old_front = old

    loader, document = _load(old_front)
    changed = _update(document, sent.values, [f for f in fields if f.type != BODY])
    front = old_front if not changed else _dump(loader, document)

    if not markdown:
        return front
    body = sent.body or ""
    if old_body is not None and (body == old_body or (same_body is not None and same_body(old_body, body))):
        body = old_body
    if old is not None and not changed and body == old_body:
        return old
    if not front and old is not None and _parts(old) is None:
        return body  # a file without front matter stays without it
    return f"{head}{front}{fence}{body}"


def _load(text: str) -> tuple[YAML, CommentedMap]:
    """The round-trip loader that gives `text` back exactly, and the document it read."""
    chosen = None
    for mapping, sequence, offset in _INDENTS:
        loader = YAML()
        loader.preserve_quotes = True
        loader.width = 4096  # never re-wrap a line that did not change
        loader.indent(mapping=mapping, sequence=sequence, offset=offset)
        try:
            document = loader.load(text) if text.strip() else CommentedMap()
        except RuamelError as exc:
            raise NotReadable(msg.DISK_YAML_UNREADABLE, detail=str(exc)) from None
        if not isinstance(document, CommentedMap):
            raise NotReadable(msg.DISK_NOT_MAPPING)
        if chosen is None:
            chosen = (loader, document)
        if not text.strip() or _dump(loader, document) == text:
            return loader, document
    assert chosen is not None
    return chosen


def _dump(loader: YAML, document: CommentedMap) -> str:
    if not document:
        return ""
    out = io.StringIO()
    loader.dump(document, out)
    return out.getvalue()


def is_empty(value: Any) -> bool:
    """Nothing given: the key might as well be absent (a cleared text, an unticked box)."""
    if value is None or value is False:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple)):
        return all(is_empty(item) for item in value)
    if isinstance(value, dict):
        return all(is_empty(item) for item in value.values())
    return False


def _update(document: CommentedMap, values: dict[str, Any], fields: list[Field]) -> bool:
    """Make `document` hold `values` for `fields`, touching nothing that is already equal.
    Returns whether anything changed."""
    changed = False
    for index, field in enumerate(fields):
        new = values.get(field.name)
        if is_empty(new):
            if field.name in document:
                del document[field.name]
                changed = True
            continue
        new = coerce(new, field)
        if field.name in document:
            old = document[field.name]
            if plain(old) == plain(new):
                continue
            document[field.name] = _styled(old, new, field)
        else:
            document.insert(_position(document, fields, index), field.name, _styled(None, new, field))
        changed = True
    return changed


def _position(document: CommentedMap, fields: list[Field], index: int) -> int:
    """Where a new key goes: after the last key of a field that comes before it."""
    keys = list(document.keys())
    before = {f.name for f in fields[:index]}
    positions = [i for i, key in enumerate(keys) if key in before]
    return positions[-1] + 1 if positions else 0


def coerce(value: Any, field: Field) -> Any:
    """A value the editor sent, as the type handbook reads (Decap sends texts for some)."""
    if field.type == DATE and isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        return value.date()
    if field.type == YEAR_OR_DATE and isinstance(value, str):
        text = value.strip()
        if _YEAR.fullmatch(text):
            return int(text)
        if _DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return value
    if field.type == WHOLE_NUMBER and isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    if field.type == WHOLE_NUMBER and isinstance(value, float) and value.is_integer():
        return int(value)
    if field.type == FLAG and isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    if field.type == TEXTS and isinstance(value, list):
        return [item for item in value if not is_empty(item)]
    if field.type == ITEMS and isinstance(value, list):
        return [{f.name: coerce(item[f.name], f) for f in field.fields if not is_empty(item.get(f.name))}
                if isinstance(item, dict) else item for item in value if not is_empty(item)]
    if field.type == GROUP and isinstance(value, dict):
        return {f.name: coerce(value[f.name], f) for f in field.fields if not is_empty(value.get(f.name))}
    if isinstance(value, str):
        return value.rstrip() if "\n" in value else value.strip()
    return value


def plain(value: Any) -> Any:
    """A YAML value as plain Python data, for comparing (texts compare without the space
    around them, which handbook strips)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, str):
        return str(value).strip()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    return value


def _styled(old: Any, new: Any, field: Field) -> Any:
    """`new` in the shape and style of `old`: a list or group keeps the items and keys that did
    not change (with their comments), a text keeps its quoting or folding."""
    if field.type == ITEMS and isinstance(new, list):
        items = old if isinstance(old, CommentedSeq) else CommentedSeq()
        for index, item in enumerate(new):
            if index < len(items) and isinstance(items[index], CommentedMap) and isinstance(item, dict):
                _update(items[index], item, list(field.fields))
            elif isinstance(item, dict):
                fresh = CommentedMap()
                _update(fresh, item, list(field.fields))
                if index < len(items):
                    items[index] = fresh
                else:
                    items.append(fresh)
            elif index < len(items):
                items[index] = item
            else:
                items.append(item)
        del items[len(new):]
        return items
    if field.type == GROUP and isinstance(new, dict):
        group = old if isinstance(old, CommentedMap) else CommentedMap()
        _update(group, new, list(field.fields))
        return group
    if field.type == TEXTS and isinstance(new, list):
        items = old if isinstance(old, CommentedSeq) else CommentedSeq()
        for index, item in enumerate(new):
            if index < len(items):
                if plain(items[index]) != plain(item):
                    items[index] = _text(items[index], item)
            else:
                items.append(_text(None, item))
        del items[len(new):]
        return items
    if isinstance(new, str):
        return _text(old, new)
    return new


def _text(old: Any, new: str) -> Any:
    """A text in the style of the one it replaces, quoted where a YAML reader would otherwise
    take it for something else (yes, 2019-03-01, 12)."""
    if "\n" in new.strip():
        return LiteralScalarString(new.rstrip() + "\n") if isinstance(old, LiteralScalarString) or \
            not isinstance(old, FoldedScalarString) else _folded(new)
    if isinstance(old, FoldedScalarString):
        return _folded(new)
    if isinstance(old, LiteralScalarString):
        return LiteralScalarString(new)
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(new)
    if isinstance(old, DoubleQuotedScalarString) or _needs_quotes(new):
        return DoubleQuotedScalarString(new) if "'" in new or isinstance(old, DoubleQuotedScalarString) \
            else SingleQuotedScalarString(new)
    return new


def _folded(text: str) -> FoldedScalarString:
    """A folded (>-) text wrapped at about _WIDTH characters, as the other texts of the file."""
    folded = FoldedScalarString(text)
    positions, line_start, last_space = [], 0, -1
    for index, char in enumerate(text):
        if char == " ":
            if index - line_start > _WIDTH and last_space > line_start:
                positions.append(last_space)
                line_start = last_space + 1
            last_space = index
    if len(text) - line_start > _WIDTH and last_space > line_start:
        positions.append(last_space)
    folded.fold_pos = positions
    return folded


_RESOLVER = yaml.resolver.Resolver()


def _needs_quotes(text: str) -> bool:
    """Whether handbook's YAML reader (YAML 1.1) would read the plain text as something else."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    return tag != "tag:yaml.org,2002:str" or text != text.strip()
