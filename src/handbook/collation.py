"""Sorting by a locale's alphabet: the Unicode Collation Algorithm with CLDR tailorings.

pyuca supplies the UCA and its default table (DUCET); on top of it this module applies the
locale's CLDR rules (data/collation/<locale>.txt), so that Swedish puts å ä ö after z, Danish
sorts "aa" as å, and Czech puts "ch" after h. ICU would do the same, but PyICU has no wheel and
needs a C++ toolchain and libicu headers to install; this needs nothing beyond pip.

Tailored characters need weights *between* existing ones, so every DUCET weight is scaled by
SCALE, leaving room for up to SCALE-1 tailored entries after (or before) any weight.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources

SCALE = 1 << 12
_COMMON_SECONDARY = 0x20 * SCALE
_COMMON_TERTIARY = 0x02 * SCALE
_RELATION = re.compile(r"\s*(<<<|<<|<|=)\s*")
_BEFORE = re.compile(r"^\[before ([123])\]\s*")

Element = tuple[int, int, int]


@lru_cache(maxsize=1)
def _ducet():
    import pyuca
    return pyuca.Collator()


def _codepoints(text: str) -> tuple[int, ...]:
    return tuple(ord(c) for c in unicodedata.normalize("NFD", text))


class Collator:
    """Sort keys for one locale. Build with `collator(code)`, which caches per locale."""

    def __init__(self, rules: str = ""):
        self._base = _ducet()
        self._tailored: dict[tuple[int, ...], list[Element]] = {}
        self._starts: set[int] = set()
        self._longest = 0
        for line in rules.splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("&"):
                self._apply(line[1:])
            elif line and not line.startswith("["):
                raise ValueError(f"unsupported collation rule: {line!r}")

    def sort_key(self, text: str) -> tuple[int, ...]:
        elements = self._elements(_codepoints(text))
        key: list[int] = []
        for level in range(3):
            if level:
                key.append(0)
            key.extend(element[level] for element in elements if element[level])
        return tuple(key)

    def sorted(self, items: Iterable[str]) -> list[str]:
        return sorted(items, key=lambda item: (self.sort_key(item), item))

    # -- building the tailoring ---------------------------------------------------------

    def _apply(self, chain: str) -> None:
        """One rule chain: '&reset < a <<< A << b …'."""
        before = _BEFORE.match(chain)
        if before:
            chain = chain[before.end():]
        parts = _RELATION.split(chain)
        reset, relations = parts[0], list(zip(parts[1::2], parts[2::2], strict=False))
        previous: list[tuple[int, int, int]] = list(self._elements(_codepoints(reset)))
        if before:
            # Just before the reset at that level: the first relation then steps forward.
            level = int(before.group(1)) - 1
            weights = list(previous[-1])
            weights[level] -= SCALE // 2
            previous[-1] = (weights[0], weights[1], weights[2])
        for relation, item in relations:
            item, _, expansion = item.partition("/")
            p, s, t = previous[-1]
            if relation == "<":
                last = (p + 1, _COMMON_SECONDARY, _COMMON_TERTIARY)
            elif relation == "<<":
                last = (p, s + 1, _COMMON_TERTIARY)
            elif relation == "<<<":
                last = (p, s, t + 1)
            else:
                last = (p, s, t)
            previous = [*previous[:-1], last]
            elements = previous + (self._elements(_codepoints(expansion)) if expansion else [])
            key = _codepoints(item)
            self._tailored[key] = elements
            self._starts.add(key[0])
            self._longest = max(self._longest, len(key))

    # -- the algorithm ------------------------------------------------------------------

    def _elements(self, codepoints: tuple[int, ...]) -> list[Element]:
        """Collation elements: the longest tailored match wins, else the DUCET's own."""
        result: list[Element] = []
        position = 0
        while position < len(codepoints):
            for length in range(min(self._longest, len(codepoints) - position), 0, -1):
                tailored = self._tailored.get(codepoints[position:position + length])
                if tailored is not None:
                    result.extend(tailored)
                    position += length
                    break
            else:
                # Up to the next tailored sequence's possible start, the DUCET decides.
                end = position + 1
                while end < len(codepoints) and codepoints[end] not in self._starts:
                    end += 1
                segment = "".join(map(chr, codepoints[position:end]))
                for element in self._base.collation_elements(segment):
                    result.append((element[0] * SCALE, element[1] * SCALE, element[2] * SCALE))
                position = end
        return result


@cache
def collator(code: str) -> Collator:
    """The collator for a locale code such as 'sv', 'da', 'cs-CZ'; root order if CLDR has no rules."""
    language = re.split(r"[-_]", code)[0].lower()
    rules = resources.files("handbook") / "data" / "collation" / f"{language}.txt"
    return Collator(rules.read_text(encoding="utf-8") if rules.is_file() else "")
