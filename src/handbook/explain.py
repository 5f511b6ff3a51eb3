"""`handbook explain HB030`: what a message means, what usually causes it, how to fix it and where
the editors' guide shows it, in the editor's language, as `rustc --explain` does for Rust.

Nothing is written here per message. An explanation is put together from what handbook already
knows, so that it cannot drift from what handbook says:
- the message itself, as the catalog words it, with its placeholders ({key}) left in;
- what its kind means (an error stops a build, a warning stops only --strict, a notice never);
- where its group of codes comes from and what usually causes it (registry.py's groups);
- the hints the code gives with it: found in handbook's own source, where a problem and its hint
  are written side by side (`problems.error(path, msg.X(…), hint=msg.Y(…))`), plus the few that
  are printed apart (`ALSO`); so a hint added in the code is explained at once;
- whether the editors' guide shows it (`GUIDE_CODES`, held to docs/editing.md by the tests).
"""

from __future__ import annotations

import ast
import re
import textwrap
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from . import registry as msg
from .errors import ERROR, NOTICE, WARNING
from .messages import CODE, HINT, TEXT, Language, Message, Text, registry, retired

# The codes the editors' guide shows, with an example and its fix (tests/test_explain.py holds
# this to the codes in docs/editing.md; the guides in other languages show the same ones).
GUIDE_CODES = frozenset({
    "HB030", "HB033", "HB038", "HB040", "HB045", "HB046", "HB105", "HB106", "HB125", "HB208", "HB209", "HB213",
    "HB229", "HB231", "HB233", "HB235", "HB236", "HB250", "HB300", "HB303", "HB305", "HB307", "HB323", "HB329",
    "HB348", "HB433", "HB443",
})

# Hints printed apart from their problem, where the source does not write them side by side.
ALSO: dict[str, tuple[str, ...]] = {
    "HB323": ("HB314",), "HB324": ("HB314",),  # markdown.py: a fatal finding of sanitise.py
    "HB713": ("HB714",),                       # cli.py: cannot listen, try another port
    "HB033": ("HB410", "HB411", "HB412"),      # accessibility.py: a table of hints for missing facts
    **{code: ("HB856",) for code in ("HB850", "HB851", "HB852", "HB853", "HB854", "HB855")},  # usage.py
}

# Where each group of codes comes from, and what usually causes its messages (registry.py).
_GROUPS: tuple[tuple[int, Message], ...] = (
    (100, msg.ABOUT_SETTINGS), (200, msg.ABOUT_READING), (300, msg.ABOUT_PAGES), (400, msg.ABOUT_MARKDOWN),
    (500, msg.ABOUT_STATEMENT), (600, msg.ABOUT_THEME), (700, msg.ABOUT_OUTPUT), (800, msg.ABOUT_COMMANDS),
    (900, msg.ABOUT_COMMAND_LINE),
)
_KINDS = {ERROR: msg.EXPLAIN_ERROR, WARNING: msg.EXPLAIN_WARNING, NOTICE: msg.EXPLAIN_NOTICE}
_PROBLEMS = (ERROR, WARNING, NOTICE)
# What an editor may paste: HB030, hb030, 030, error[HB030], fel[HB030]:
_GIVEN = re.compile(r"(?:\w+\[)?(?:HB)?(\d{3})\]?:?", re.IGNORECASE)
WIDTH = 88


class UnknownCode(LookupError):
    """The code names no message of this version: what to say, and the hint."""

    def __init__(self, text: Text, hint: Text):
        super().__init__(str(text))
        self.text = text
        self.hint = hint


def code_of(given: str) -> str:
    """The code an editor asks about, however it was pasted; UnknownCode if there is none."""
    match = _GIVEN.fullmatch(given.strip())
    code = f"HB{match[1]}" if match else given.strip()
    if code in retired():
        raise UnknownCode(msg.CODE_RETIRED(code=code), msg.GIVE_CODE())
    if not CODE.fullmatch(code) or code not in registry():
        raise UnknownCode(msg.NO_SUCH_CODE(code=code), msg.GIVE_CODE())
    return code


def explain(given: str, say: Language) -> str:
    """The whole explanation of a message, in `say`'s language, ready to print: its text, then
    paragraphs separated by blank lines."""
    code = code_of(given)
    message = registry()[code]
    template = _template(message, say)
    if message.kind == TEXT:
        return _page(f"{code}: {template}", [say(msg.EXPLAIN_TEXT())])
    if message.kind == HINT:
        codes = ", ".join(sorted(problem for problem, hints in pairs().items() if code in hints))
        return _page(f"{say(msg.HINT_LABEL())}[{code}]: {template}", [say(msg.EXPLAIN_HINT(codes=codes))])
    paragraphs: list[str | list[str]] = [say(_KINDS[message.kind]()), say(_group(code)())]
    if message.placeholders:
        paragraphs.append(say(msg.EXPLAIN_PLACEHOLDERS()))
    hints = sorted(pairs().get(code, ()))
    if not hints:
        paragraphs.append(say(msg.EXPLAIN_NO_HINT()))
    else:
        label = say(msg.HINT_LABEL())
        paragraphs.append([*_wrapped(say(msg.EXPLAIN_FIX() if len(hints) == 1 else msg.EXPLAIN_FIXES())),
                           *(f"  {label}: {_template(registry()[hint], say)}" for hint in hints)])
    guide = say(msg.GUIDE_FILE())
    paragraphs.append(say(msg.EXPLAIN_IN_GUIDE(guide=guide, code=code) if code in GUIDE_CODES
                          else msg.EXPLAIN_NOT_IN_GUIDE(guide=guide)))
    return _page(f"{_severity(message, say)}[{code}]: {template}", paragraphs)


def _page(headline: str, paragraphs: list[str | list[str]]) -> str:
    """The message's line, then each paragraph (wrapped, unless it is lines already)."""
    blocks = [[headline], *(_wrapped(p) if isinstance(p, str) else p for p in paragraphs)]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _severity(message: Message, say: Language) -> str:
    return say({ERROR: msg.SEVERITY_ERROR, WARNING: msg.SEVERITY_WARNING, NOTICE: msg.SEVERITY_NOTICE}[message.kind]())


def _template(message: Message, say: Language) -> str:
    """The message in the editor's words with its placeholders left as they are: {key}."""
    return say(message(**{name: f"{{{name}}}" for name in message.placeholders}))


def _group(code: str) -> Message:
    number = int(code[2:])
    return next(about for limit, about in _GROUPS if number < limit or limit == 900)


def _wrapped(paragraph: str) -> list[str]:
    # Only spaces break a line: a Czech no-break space keeps 'v' with its word.
    return textwrap.wrap(paragraph, WIDTH, break_long_words=False, break_on_hyphens=False)


# -- which hints go with which message: read from handbook's own source ------------------------

@cache
def pairs() -> dict[str, frozenset[str]]:
    """Each problem's code → the codes of the hints the code gives with it."""
    found: dict[str, set[str]] = {}
    for problem, hint in _written_together():
        found.setdefault(problem, set()).add(hint)
    for problem, hints in ALSO.items():
        found.setdefault(problem, set()).update(hints)
    return {problem: frozenset(hints) for problem, hints in found.items()}


def _written_together() -> Iterator[tuple[str, str]]:
    """(problem, hint) for every call in the package that is given both: a message of the
    registry that is a problem, and a hint, directly, through a name assigned just before, or
    through a function or property of the package that gives hints only (errors.suggest,
    config.languages_hint)."""
    kinds = {name: value for name, value in vars(msg).items() if isinstance(value, Message)}
    scans = []
    for file in sorted(Path(__file__).parent.rglob("*.py")):
        try:
            source = file.read_text(encoding="utf-8")
            if "msg." in source:
                scans.append(_Scan(ast.parse(source), kinds))
        except (OSError, SyntaxError, UnicodeDecodeError):  # pragma: no cover - the package's own files
            continue
    hint_functions: dict[str, frozenset[str]] = {"suggest": frozenset({"DID_YOU_MEAN"})}
    for scan in scans:
        hint_functions |= scan.hint_functions()
    for scan in scans:
        yield from scan.pairs(hint_functions)


class _Scan:
    """One file of the package, read once: what each part of it names."""

    def __init__(self, tree: ast.Module, kinds: dict[str, Message]):
        self.tree = tree
        self.kinds = kinds
        self.hints: dict[str, frozenset[str]] = {}
        self._said: dict[int, tuple[frozenset[str], frozenset[str]]] = {}

    def hint_functions(self) -> dict[str, frozenset[str]]:
        """The functions (and properties) of this file that return hints and name no other message."""
        found = {}
        for node in self._functions():
            named = self._under(node)[0]
            returned = frozenset().union(*(self._under(inner.value)[0] for inner in ast.walk(node)
                                           if isinstance(inner, ast.Return) and inner.value is not None))
            if returned and all(self.kinds[name].kind == HINT for name in named):
                found[node.name] = returned
        self._said.clear()
        return found

    def _under(self, node: ast.AST) -> tuple[frozenset[str], frozenset[str]]:
        """The messages of the registry a part of the code names (directly, or through a hint
        function), and the plain names it uses; each part worked out once."""
        known = self._said.get(id(node))
        if known is not None:
            return known
        messages: set[str] = set()
        names: set[str] = set()
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "msg" \
                and node.attr in self.kinds:
            messages.add(node.attr)
        elif isinstance(node, ast.Name):
            names.add(node.id)
            messages |= self.hints.get(node.id, frozenset())
        elif isinstance(node, ast.Attribute):
            messages |= self.hints.get(node.attr, frozenset())
        for child in ast.iter_child_nodes(node):
            inner_messages, inner_names = self._under(child)
            messages |= inner_messages
            names |= inner_names
        said = (frozenset(messages), frozenset(names))
        self._said[id(node)] = said
        return said

    def _functions(self) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
        """The module's functions and methods; one nested in another is read with it."""
        bodies = [self.tree.body]
        while bodies:
            for node in bodies.pop():
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    yield node
                elif isinstance(node, ast.ClassDef):
                    bodies.append(node.body)

    def pairs(self, hint_functions: dict[str, frozenset[str]]) -> Iterator[tuple[str, str]]:
        self.hints = hint_functions
        self._said.clear()
        for function in self._functions():
            if not self._under(function)[0]:
                continue
            assigned = [(node.lineno, target.id, node.value) for node in ast.walk(function)
                        if isinstance(node, ast.Assign) for target in node.targets if isinstance(target, ast.Name)]
            last_use: dict[str, int] = {}
            calls = sorted((node for node in ast.walk(function) if isinstance(node, ast.Call)),
                           key=lambda node: node.lineno)
            for call in calls:
                arguments = [*call.args, *(keyword.value for keyword in call.keywords)]
                said: set[str] = set()
                names: set[str] = set()
                for argument in arguments:
                    said |= self._under(argument)[0]
                    names |= self._under(argument)[1]
                # A name means what it was last given before this call (since its last use).
                for line, name, value in assigned:
                    if name in names and last_use.get(name, 0) <= line < call.lineno:
                        said |= self._under(value)[0]
                for name in names:
                    last_use[name] = call.lineno
                problems = {self.kinds[name].code for name in said if self.kinds[name].kind in _PROBLEMS}
                hints = {self.kinds[name].code for name in said if self.kinds[name].kind == HINT}
                for problem in problems:
                    for hint in hints:
                        yield problem, hint
