"""Problems a user can cause, reported compiler-style with file, line and column."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"
# Something an editor should know that is no fault of the sources, such as a review date that has
# passed: shown like a warning, but never stops a build, not even with --strict, so that a date
# going by cannot fail every unrelated commit's CI that morning.
NOTICE = "notice"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the sources, located as precisely as we know."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    severity: str = ERROR
    strict: bool = True  # False: a warning that --strict lets pass (advice, not a mistake)

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.column or 0, self.message)

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


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

    def error(self, path: str, message: str, line: int | None = None,
              column: int | None = None, hint: str | None = None) -> None:
        self.items.append(Problem(path, message, line, column, hint, ERROR))

    def warning(self, path: str, message: str, line: int | None = None,
                column: int | None = None, hint: str | None = None, strict: bool = True) -> None:
        self.items.append(Problem(path, message, line, column, hint, WARNING, strict))

    def notice(self, path: str, message: str, line: int | None = None,
               column: int | None = None, hint: str | None = None) -> None:
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


def count(number: int, noun: str) -> str:
    """'1 page', '3 pages': counts in the terminal's English messages."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean …?' hint for a misspelt key or name, if one is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
