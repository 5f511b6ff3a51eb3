"""Read source files: decode text, split front matter, parse YAML that remembers line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import registry as msg
from .errors import HandbookError, Problem
from .messages import Text
from .paths import read_site_file


class YamlMap(dict):
    """A YAML mapping that knows where it and each of its keys and values stood (1-based)."""

    path: str
    line: int
    column: int
    key_at: dict[Any, tuple[int, int]]
    value_at: dict[Any, tuple[int, int]]

    def position(self, key: Any = None) -> tuple[int, int]:
        """Where the value of `key` is, or the mapping itself when the key is absent."""
        if key is not None and key in self.value_at:
            return self.value_at[key]
        return (self.line, self.column)

    def key_position(self, key: Any) -> tuple[int, int]:
        return self.key_at.get(key, (self.line, self.column))


class YamlList(list):
    """A YAML sequence that knows where it and each item stood (1-based)."""

    path: str
    line: int
    column: int
    item_at: list[tuple[int, int]]

    def position(self, index: int | None = None) -> tuple[int, int]:
        if index is not None and index < len(self.item_at):
            return self.item_at[index]
        return (self.line, self.column)


# libyaml's parser, where PyYAML was built with it: the same documents, several times faster.
# Its error messages are worded differently, so a document it refuses is parsed again by the
# pure-Python parser, whose messages our hints are written for.
_FAST_BASE: type | None = getattr(yaml, "CSafeLoader", None)


@lru_cache(maxsize=2)
def _loader_class(base: type) -> type:
    """A safe loader that builds YamlMap and YamlList; made once per parser, told the file and
    its first line per document."""

    def at(loader: Any, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1 + loader.handbook_offset, node.start_mark.column + 1)

    class Loader(base):
        handbook_path = ""
        handbook_offset = 0

        def construct_document(self, node: yaml.Node) -> Any:
            try:
                return super().construct_document(node)
            except _UNCONSTRUCTABLE as exc:  # the whole document is one value, e.g. '!!bool maybe'
                raise HandbookError([_unreadable(self.handbook_path, node, exc, *at(self, node))]) from None

    def construct(loader: Loader, node: yaml.Node) -> Any:
        try:
            return loader.construct_object(node, deep=True)
        except _UNCONSTRUCTABLE as exc:
            raise HandbookError([_unreadable(loader.handbook_path, node, exc, *at(loader, node))]) from None

    def construct_str(loader: Loader, node: yaml.ScalarNode) -> str:
        value = loader.construct_yaml_str(node)
        if _SURROGATE.search(value):  # "\uD800" in quotes: half of a character, no text
            line, column = at(loader, node)
            raise HandbookError([Problem(loader.handbook_path, msg.HALF_CHARACTER(), line, column,
                                         msg.WHOLE_CHARACTER())])
        return value

    def construct_int(loader: Loader, node: yaml.ScalarNode) -> int:
        value = loader.construct_yaml_int(node)
        str(value)  # ValueError for a number with more digits than Python will print (0xfff…)
        return value

    def construct_mapping(loader: Loader, node: yaml.MappingNode) -> YamlMap:
        path = loader.handbook_path
        loader.flatten_mapping(node)
        result = YamlMap()
        result.path = path
        result.line, result.column = at(loader, node)
        result.key_at, result.value_at = {}, {}
        for key_node, value_node in node.value:
            key = construct(loader, key_node)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                line, column = at(loader, key_node)
                raise HandbookError([Problem(path, msg.KEY_NOT_PLAIN(), line, column)])
            if key in result:
                line, column = at(loader, key_node)
                first = result.key_at[key][0]
                raise HandbookError([Problem(path, msg.KEY_TWICE(key=str(key), line=first), line, column,
                                             msg.KEEP_ONE())])
            result[key] = construct(loader, value_node)
            result.key_at[key] = at(loader, key_node)
            result.value_at[key] = at(loader, value_node)
        return result

    def construct_sequence(loader: Loader, node: yaml.SequenceNode) -> YamlList:
        result = YamlList(construct(loader, child) for child in node.value)
        result.path = loader.handbook_path
        result.line, result.column = at(loader, node)
        result.item_at = [at(loader, child) for child in node.value]
        return result

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    Loader.add_constructor("tag:yaml.org,2002:str", construct_str)
    return Loader


def _load(text: str, path: str, first_line: int, base: type) -> Any:
    loader = _loader_class(base)(text)
    loader.handbook_path, loader.handbook_offset = path, first_line - 1
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def parse_yaml(text: str, path: str, first_line: int = 1) -> Any:
    """Parse YAML safely; syntax errors become a Problem at the right line and column."""
    if _FAST_BASE is not None:
        try:
            return _load(text, path, first_line, _FAST_BASE)
        except yaml.YAMLError:
            pass  # said again below, in the words our messages and hints expect
        except RecursionError:
            pass
    try:
        return _load(text, path, first_line, yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        column = mark.column + 1 if mark else None
        message = msg.YAML_SYNTAX(problem=_yaml_words(exc.problem or exc.context or ""))
        if exc.context and exc.problem:
            context: str | Text = _yaml_words(exc.context)
            start = exc.context_mark
            if start is not None and mark is not None and start.line != mark.line:
                # Where an unclosed [ or { began helps more than where the parser gave up.
                context = msg.YAML_STARTS_ON(context=context, line=start.line + first_line)
            message = msg.YAML_SYNTAX_IN(problem=_yaml_words(exc.problem), context=context)
        raise HandbookError([Problem(path, message, line, column, _yaml_hint(exc))]) from None
    except yaml.YAMLError as exc:
        raise HandbookError([Problem(path, msg.YAML_OTHER(detail=str(exc)))]) from None
    except RecursionError:  # e.g. 300 nested [ or {
        raise HandbookError([Problem(path, msg.NESTED_TOO_DEEPLY(), first_line, 1, msg.FEWER_LEVELS())]) from None


_SURROGATE = re.compile("[\ud800-\udfff]")

# What PyYAML's constructors raise, instead of a YAMLError with a position, for a value whose
# form or '!!' tag gives it a type it cannot have: 2018-13-45, 0x_, !!bool maybe, !!int ''.
_UNCONSTRUCTABLE = (ValueError, LookupError, AttributeError, TypeError, OverflowError)
_KINDS = {"int": msg.KIND_WHOLE_NUMBER, "float": msg.KIND_NUMBER, "bool": msg.KIND_YES_NO, "binary": msg.KIND_BINARY}
# What the YAML reader says most often, in words the catalogs translate; the rest stays English.
_YAML_WORDS = {message.text: message for message in (
    msg.YAML_MAPPING_VALUES, msg.YAML_EXPECTED_END_KEY, msg.YAML_EXPECTED_END_ITEM, msg.YAML_EXPECTED_END_SCALAR,
    msg.YAML_NO_COLON, msg.YAML_TAB, msg.YAML_END_OF_STREAM, msg.YAML_BLOCK_MAPPING, msg.YAML_BLOCK_COLLECTION,
    msg.YAML_QUOTED, msg.YAML_FLOW_SEQUENCE, msg.YAML_FLOW_MAPPING, msg.YAML_SIMPLE_KEY)}


def _yaml_words(words: str) -> str | Text:
    message = _YAML_WORDS.get(words)
    return message() if message is not None else words


def _unreadable(path: str, node: yaml.Node, exc: Exception, line: int, column: int) -> Problem:
    kind = node.tag.rsplit(":", 1)[-1]
    text = node.value if isinstance(node, yaml.ScalarNode) else None
    shown = text if text is None or len(text) <= 40 else text[:40] + "…"
    if kind == "timestamp":
        if isinstance(exc, ValueError) and str(exc) == "day is out of range for month":
            return Problem(path, msg.NOT_A_DATE_DAY(value=str(shown)), line, column, msg.WRITE_DATES())
        return Problem(path, msg.NOT_A_DATE(value=str(shown)), line, column, msg.WRITE_DATES())
    if text is None:
        return Problem(path, msg.LIST_UNREADABLE() if isinstance(node, yaml.SequenceNode) else msg.VALUE_UNREADABLE(),
                       line, column, msg.LEAVE_OUT_TAG())
    return Problem(path, msg.CANNOT_READ_AS(value=str(shown), kind=_KINDS[kind]() if kind in _KINDS else kind),
                   line, column, msg.QUOTE_IT())


def _yaml_hint(exc: yaml.MarkedYAMLError) -> Text | None:
    problem = exc.problem or ""
    if "mapping values are not allowed" in problem:
        return msg.QUOTE_COLON()
    if "found character '\\t'" in problem:
        return msg.NO_TABS()
    if "expected <block end>, but found '?'" in problem or "expected <block end>, but found '-'" in problem:
        return msg.CHECK_SPACES()
    if "expected <block end>, but found '<scalar>'" in problem:
        return msg.END_QUOTE()
    if "could not find expected ':'" in problem:
        return msg.MISSING_COLON()
    return None


def read_bytes(file: Path, path: str) -> bytes:
    try:
        return read_site_file(file)
    except OSError as exc:
        raise HandbookError([Problem(path, msg.CANNOT_READ_FILE(reason=str(exc.strerror)))]) from None


def read_text(file: Path, path: str) -> str:
    """Read a file as UTF-8; bad bytes are reported with their line, not a traceback."""
    return decode_text(read_bytes(file, path), path)


def decode_text(data: bytes, path: str) -> str:
    """UTF-8 text with Unix line ends and no byte-order mark."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise HandbookError([Problem(path, msg.NOT_UTF8(byte=f"{data[exc.start]:02x}"), line, column,
                                     msg.SAVE_AS_UTF8())]) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Document:
    """A Markdown source: its front matter (a YamlMap) and its body, with the body's first line."""

    front: YamlMap
    body: str
    body_line: int


def split_front_matter(text: str, path: str) -> Document:
    """Split `---`-fenced YAML front matter from the Markdown body."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        empty = YamlMap()
        empty.path, empty.line, empty.column, empty.key_at, empty.value_at = path, 1, 1, {}, {}
        return Document(empty, text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            break
    else:
        raise HandbookError([Problem(path, msg.FRONT_MATTER_NOT_CLOSED(), 1, 1, msg.CLOSE_FRONT_MATTER())])
    front = parse_yaml("\n".join(lines[1:index]), path, first_line=2)
    if front is None:
        front = parse_yaml("{}", path, first_line=2)
    if not isinstance(front, YamlMap):
        raise HandbookError([Problem(path, msg.FRONT_MATTER_NOT_MAPPING(kind=describe(front)), 2, 1)])
    return Document(front, "\n".join(lines[index + 1:]), index + 2)


def describe(value: Any) -> str | Text:
    """Name a YAML value's type in an editor's words."""
    if value is None:
        return msg.KIND_NOTHING()
    if isinstance(value, bool):
        return msg.KIND_YES_NO()
    if isinstance(value, (int, float)):
        return msg.KIND_NUMBER()
    if isinstance(value, str):
        return msg.KIND_TEXT()
    if isinstance(value, list):
        return msg.KIND_LIST()
    if isinstance(value, dict):
        return msg.KIND_MAPPING()
    return type(value).__name__
