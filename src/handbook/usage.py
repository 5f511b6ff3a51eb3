"""The command line's own words, in the editor's language: --help, and mistakes in the arguments.

cli.py builds its parser in English, as argparse expects; `localise` then puts every help text,
heading and the usage line into the editor's language (each English text must be a message of the
registry: tests/test_messages.py checks it), and a mistake in the arguments is told like every
other message, with a code and a hint, and exit code 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import NoReturn

from . import registry as msg
from .errors import ERROR, headline, hint_line
from .messages import Language, Message, Text, english

# argparse's own English texts, and the help texts of cli.py, by their English words.
HELP_TEXTS: dict[str, Message] = {message.text: message for message in (
    msg.HELP_POSITIONALS, msg.HELP_OPTIONS, msg.HELP_HELP, msg.HELP_VERSION, msg.HELP_HANDBOOK, msg.HELP_DEBUG,
    msg.HELP_LANG, msg.HELP_BUILD, msg.HELP_SITE, msg.HELP_OUT, msg.HELP_STRICT_CI, msg.HELP_BASE_URL,
    msg.HELP_CACHE, msg.HELP_NO_CACHE, msg.HELP_CHECK, msg.HELP_STRICT, msg.HELP_SERVE, msg.HELP_PORT,
    msg.HELP_HOST, msg.HELP_NEW, msg.HELP_NEW_ORG, msg.HELP_SLUG, msg.HELP_LANGUAGE, msg.HELP_NAME,
    msg.HELP_NEW_PAGE, msg.HELP_PAGE, msg.HELP_STATUS, msg.HELP_JSON, msg.HELP_NEW_SITE, msg.HELP_FOLDER,
    msg.HELP_LANGUAGES, msg.HELP_ORG, msg.HELP_SITE_NAME, msg.HELP_SCHEMA, msg.HELP_SCHEMA_OUT,
    msg.HELP_EXPLAIN, msg.HELP_CODE)}

# argparse's messages (Python 3.11 to 3.13), taken apart to be said again in the editor's words.
_USAGE_ERRORS: tuple[tuple[re.Pattern[str], Message], ...] = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), msg.USAGE_REQUIRED),
    (re.compile(r"argument (?P<argument>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
     msg.USAGE_INVALID_CHOICE),
    (re.compile(r"argument (?P<argument>.+?): invalid (?P<type>\w+) value: (?P<value>.+)"), msg.USAGE_INVALID_VALUE),
    (re.compile(r"argument (?P<argument>.+?): expected one argument"), msg.USAGE_EXPECTED_ONE),
    (re.compile(r"unrecognized arguments: (?P<arguments>.+)"), msg.USAGE_UNRECOGNIZED),
)


def usage_error(message: str) -> Text:
    """argparse's message as a message of the registry (its English words if it is a new one)."""
    for pattern, usage in _USAGE_ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return usage(**match.groupdict())
    return msg.USAGE_OTHER(detail=message)


class Parser(argparse.ArgumentParser):
    """An argument parser that speaks the editor's language (set by `localise`)."""

    language: Language | None = None

    def error(self, message: str) -> NoReturn:
        say = self.language or english()
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {headline(ERROR, usage_error(message), say)}", file=sys.stderr)
        print(hint_line(msg.SEE_HELP(command=self.prog), say), file=sys.stderr)
        sys.exit(2)

    def _get_formatter(self) -> argparse.HelpFormatter:
        return _Formatter(prog=self.prog, prefix=(self.language or english())(msg.USAGE()) + " ")


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str, prefix: str):
        super().__init__(prog)
        self._prefix = prefix

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else self._prefix)


def localise(parser: argparse.ArgumentParser, say: Language) -> argparse.ArgumentParser:
    """The parser, and every parser of its commands, in the editor's language."""
    if isinstance(parser, Parser):
        parser.language = say
    parser.description = _said(parser.description, say)
    for group in parser._action_groups:
        group.title = _said(group.title, say)
    for action in parser._actions:
        action.help = _said(action.help, say)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = _said(choice.help, say)
            for command in action.choices.values():
                localise(command, say)
    return parser


def _said(text: str | None, say: Language) -> str | None:
    message = HELP_TEXTS.get(text) if text is not None else None
    return say(message()) if message is not None else text


def help_texts(parser: argparse.ArgumentParser) -> set[str]:
    """Every help text, description and heading of a parser and its commands (for the tests)."""
    texts = {parser.description} | {group.title for group in parser._action_groups}
    for action in parser._actions:
        texts.add(action.help)
        if isinstance(action, argparse._SubParsersAction):
            texts |= {choice.help for choice in action._choices_actions}
            for command in action.choices.values():
                texts |= help_texts(command)
    return {text for text in texts if text and text != argparse.SUPPRESS}


def without_lang(arguments: list[str]) -> list[str]:
    """The arguments without --lang and its value, which cli.py reads before parsing."""
    result: list[str] = []
    skip = False
    for index, word in enumerate(arguments):
        if skip:
            skip = False
            continue
        if word == "--":
            return result + arguments[index:]
        if word == "--lang" and index + 1 < len(arguments):
            skip = True
            continue
        if word.startswith("--lang="):
            continue
        result.append(word)
    return result
