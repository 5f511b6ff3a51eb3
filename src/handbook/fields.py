"""Typed reading of YAML mappings: each wrong type, unknown or missing key becomes a Problem."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from . import registry as msg
from .errors import Problems, suggest
from .messages import Text
from .sources import YamlList, YamlMap, describe


class Fields:
    """Reads the keys of one YAML mapping, reporting problems instead of raising them."""

    def __init__(self, mapping: YamlMap, problems: Problems, known: Iterable[str], what: str | Text):
        self.mapping = mapping
        self.problems = problems
        self.what = what
        known = tuple(known)
        for key in mapping:
            if key not in known:
                line, column = mapping.key_position(key)
                hint = suggest(str(key), known) or msg.MAY_HOLD(what=what, keys=", ".join(known))
                problems.error(mapping.path, msg.UNKNOWN_KEY(key=str(key), what=what), line, column, hint)

    def error(self, key: str, message: Text, hint: Text | None = None) -> None:
        line, column = self.mapping.position(key)
        self.problems.error(self.mapping.path, message, line, column, hint)

    def _get(self, key: str, required: bool) -> Any:
        value = self.mapping.get(key)
        if value is None and required:
            line, column = self.mapping.position()
            self.problems.error(self.mapping.path, msg.MISSING_KEY(what=self.what, key=key), line, column,
                                msg.ADD_LINE(key=key))
        return value

    def require(self, key: str) -> None:
        """Report a missing required key."""
        self._get(key, required=True)

    def text(self, key: str, required: bool = False) -> str | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str) or not value.strip():
            self.error(key, msg.MUST_BE_TEXT(key=key, kind=describe(value)), msg.QUOTE_TEXT())
            return None
        return value.strip()

    def integer(self, key: str) -> int | None:
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, msg.MUST_BE_WHOLE_NUMBER(key=key, kind=describe(value)))
            return None
        return value

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(key, msg.MUST_BE_TRUE_OR_FALSE(key=key, kind=describe(value)))
            return False
        return value

    def date(self, key: str) -> dt.date | None:
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        # Only a plain value is quoted: a list can be huge (YAML aliases multiply it).
        self.error(key, msg.MUST_BE_DATE_SHOWN(key=key, kind=describe(value), value=str(value))
                   if isinstance(value, (str, int, float)) else msg.MUST_BE_DATE(key=key, kind=describe(value)),
                   msg.WRITE_DATES())
        return None

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self._get(key, False)
        if value is None:
            return ()
        if not isinstance(value, YamlList):
            self.error(key, msg.MUST_BE_LIST(key=key, kind=describe(value)), msg.ONE_ITEM_PER_LINE())
            return ()
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                line, column = value.position(index)
                self.problems.error(self.mapping.path, msg.ITEM_MUST_BE_TEXT(key=key, kind=describe(item)),
                                    line, column)
            else:
                items.append(item.strip())
        return tuple(items)

    def mapping_list(self, key: str, shape: str | Text) -> list[YamlMap]:
        """A list of mappings, e.g. values as {name, description}."""
        value = self._get(key, False)
        if value is None:
            return []
        if not isinstance(value, YamlList):
            self.error(key, msg.MUST_BE_LIST_OF(key=key, shape=shape, kind=describe(value)))
            return []
        result = []
        for index, item in enumerate(value):
            if isinstance(item, YamlMap):
                result.append(item)
            else:
                line, column = value.position(index)
                self.problems.error(self.mapping.path, msg.ITEM_MUST_BE(key=key, shape=shape, kind=describe(item)),
                                    line, column)
        return result

    def submapping(self, key: str, shape: str | Text) -> YamlMap | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value, YamlMap):
            self.error(key, msg.MUST_BE(key=key, shape=shape, kind=describe(value)))
            return None
        return value
