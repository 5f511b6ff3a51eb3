"""Problems a user can cause, reported compiler-style with file, line and column."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from . import registry as msg
from .messages import ERROR, HINT, NOTICE, PROBLEM_KINDS, WARNING, Language, Text, english

__all__ = ["ERROR", "NOTICE", "WARNING", "HandbookError", "Problem", "Problems", "suggest"]

# ERROR and WARNING as usual; NOTICE is something an editor should know that is no fault of the
# sources, such as a review date that has passed: shown like a warning, but never stops a build,
# not even with --strict, so that a date going by cannot fail every unrelated commit's CI that
# morning.
_SEVERITY_WORDS = {ERROR: msg.SEVERITY_ERROR, WARNING: msg.SEVERITY_WARNING, NOTICE: msg.SEVERITY_NOTICE}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the sources, located as precisely as we know. Its message and hint
    come from the registry (registry.py) and are put into words only when shown."""

    path: str
    message: Text
    line: int | None = None
    column: int | None = None
    hint: Text | None = None
    severity: str = ERROR
    strict: bool = True  # False: a warning that --strict lets pass (advice, not a mistake)

    def __post_init__(self) -> None:
        # Every message comes from the registry, so that it has a code and a translation.
        if not isinstance(self.message, Text) or self.message.kind not in PROBLEM_KINDS:
            raise TypeError(f"a problem's message must be an error, warning or notice of the registry, "
                            f"got {self.message!r}")
        if self.hint is not None and (not isinstance(self.hint, Text) or self.hint.kind != HINT):
            raise TypeError(f"a problem's hint must be a hint of the registry, got {self.hint!r}")
        if self.severity not in PROBLEM_KINDS:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def code(self) -> str:
        return self.message.code

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.column or 0, str(self.message))

    def format(self, language: Language | None = None) -> str:
        """`path:line:column: error[HB030]: message`, and the hint on the next line, in
        `language` (English by default): the code is the same in every language."""
        say = language or english()
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {say(_SEVERITY_WORDS[self.severity]())}[{self.code}]: {say(self.message)}"
        if self.hint is not None:
            text += f"\n  {say(msg.HINT_LABEL())}: {say(self.hint)}"
        return text


def headline(severity: str, message: Text, language: Language | None = None) -> str:
    """A message about no file in particular: `error[HB712]: there is no folder x`."""
    say = language or english()
    return f"{say(_SEVERITY_WORDS[severity]())}[{message.code}]: {say(message)}"


def hint_line(hint: Text, language: Language | None = None) -> str:
    say = language or english()
    return f"  {say(msg.HINT_LABEL())}: {say(hint)}"


class HandbookError(Exception):
    """Raised when problems stop a build; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]):
        # One broken template fails every page that uses it: report it once.
        self.problems = sorted(set(problems), key=Problem.sort_key)
        super().__init__("\n".join(p.format() for p in self.problems))


class UsageError(HandbookError):
    """A command given wrongly, such as an unknown language code: exit code 2, not 1."""


@dataclass
class Problems:
    """Collects problems through a build so that all of them are reported at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, message: Text, line: int | None = None,
              column: int | None = None, hint: Text | None = None) -> None:
        self.items.append(Problem(path, message, line, column, hint, ERROR))

    def warning(self, path: str, message: Text, line: int | None = None,
                column: int | None = None, hint: Text | None = None, strict: bool = True) -> None:
        self.items.append(Problem(path, message, line, column, hint, WARNING, strict))

    def notice(self, path: str, message: Text, line: int | None = None,
               column: int | None = None, hint: Text | None = None) -> None:
        self.items.append(Problem(path, message, line, column, hint, NOTICE))

    def add(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == WARNING]

    @property
    def notices(self) -> list[Problem]:
        return [p for p in self.items if p.severity == NOTICE]

    def raise_if_errors(self, strict: bool = False) -> None:
        """Stop here if anything is wrong; under strict, warnings count too (but not the
        warnings that are advice, strict=False; notices never do)."""
        fatal = self.errors + [p for p in self.warnings if p.strict] if strict else self.errors
        if fatal:
            raise HandbookError(self.items)


def suggest(word: str, choices: Iterable[str]) -> Text | None:
    """A 'did you mean …?' hint for a misspelt key or name, if one is close enough."""
    import difflib  # only when a word is unknown

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return msg.DID_YOU_MEAN(word=close[0]) if close else None
