"""Every example in the editors' guides, docs/editing.md and its translations docs/editing.<lang>.md,
is tested here, so that no guide can drift from the tool. A guide's messages are in its own
language (`handbook --lang <lang>`; English for editing.md), with the same codes. The first line
of each fenced code block says what the block is:

    yaml file=PATH            a file of the guide's example site (any language word, e.g.
                              markdown or svg); a later block for the same path replaces an
                              earlier one. Together they must pass a strict build.
    yaml file=PATH broken     a mistake: the good site with this file replaced must fail, and
    text error                the next block holds lines the messages must contain exactly.
    sh                        commands: each `handbook` line (except serve) runs in a fresh copy
                              of the example site; after `handbook new` it must still build.
                              `handbook new site DIR` runs in an empty folder instead, and DIR
                              must then pass a strict build.
    text output               exactly what the last command of the sh block before it prints.
    text notice               lines `handbook check` must print exactly for the example site
                              (notices, which do not stop a build).
    text                      an illustration; any message lines in it must be tested ones.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from handbook import messages, registry
from handbook.cli import main
from handbook.messages import Message

DOCS = Path(__file__).resolve().parent.parent / "docs"
# docs/editing.md is in English; docs/editing.sv.md in Swedish, and so on.
GUIDE_FILE = re.compile(r"editing(?:\.(?P<lang>[a-z]{2,3}))?\.md")

# A fenced block: an opening fence of three or more backticks with its info string, the body,
# and a closing fence of the same backticks, each fence at the start of a line.
FENCE = re.compile(r"^(?P<fence>`{3,})(?P<info>[^`\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                   re.MULTILINE | re.DOTALL)
FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)^---$", re.MULTILINE | re.DOTALL)
PICTURE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)")
PAGE_FILE = re.compile(r"content/(?P<org>[^/]+)/(?P<id>[^./]+)(?:\.(?P<lang>[^./]+))?\.md")

# What a block is, by its info string: with file=<path> by its flags, else by language and flags.
FILE_KINDS = {frozenset(): "file", frozenset({"broken"}): "broken"}
KINDS = {("text", frozenset({"error"})): "error", ("sh", frozenset()): "commands",
         ("text", frozenset({"output"})): "output", ("text", frozenset()): "illustration",
         ("text", frozenset({"notice"})): "notice"}


# -- reading the guide ----------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    """One fenced code block of a guide."""

    guide: str               # docs/editing.md, docs/editing.sv.md, …
    line: int                # where it starts in the guide, for messages
    language: str            # the first word of the info string
    flags: frozenset[str]    # the other words, such as broken, error, output
    path: str | None         # from file=<path>
    text: str

    @property
    def kind(self) -> str:
        """file, broken, error, commands, output, illustration, or unknown."""
        if self.path is not None:
            return FILE_KINDS.get(self.flags, "unknown")
        return KINDS.get((self.language, self.flags), "unknown")

    def __str__(self) -> str:
        return f"{self.guide}:{self.line} ({self.language} {' '.join(sorted(self.flags))})"


def read_blocks(markdown: str, guide: str = "docs/editing.md") -> list[Block]:
    blocks = []
    for match in FENCE.finditer(markdown):
        words = match["info"].split()
        attributes = dict(word.split("=", 1) for word in words[1:] if "=" in word)
        blocks.append(Block(
            guide=guide,
            line=markdown.count("\n", 0, match.start()) + 1,
            language=words[0] if words else "",
            flags=frozenset(word for word in words[1:] if "=" not in word),
            path=attributes.get("file"),
            text=match["body"]))
    return blocks


@dataclass(frozen=True)
class Guide:
    """One editors' guide: its blocks, and the language its messages are in."""

    name: str                # docs/editing.sv.md
    language: str            # sv: what `handbook --lang` is given for its commands and mistakes
    blocks: list[Block]

    def __str__(self) -> str:
        return self.name


def read_guides() -> list[Guide]:
    guides = []
    # The English guide first: the others are its translations.
    for file in sorted(DOCS.glob("editing*.md"), key=lambda file: (file.name != "editing.md", file.name)):
        match = GUIDE_FILE.fullmatch(file.name)
        if match:
            name = f"docs/{file.name}"
            guides.append(Guide(name, match["lang"] or "en", read_blocks(file.read_text(encoding="utf-8"), name)))
    return guides


@dataclass(frozen=True)
class Mistake:
    """A broken file and the block of messages that must follow it."""

    guide: Guide
    broken: Block
    expected: Block | None

    def id(self) -> str:
        return f"{self.guide.language}:{self.broken.line}: {self.broken.path}"


@dataclass(frozen=True)
class Command:
    """One `handbook …` line of a sh block, and what the guide says it prints, if it does."""

    guide: Guide
    words: tuple[str, ...]   # the arguments after `handbook`
    where: str
    output: Block | None = None

    def __str__(self) -> str:
        return "handbook " + shlex.join(self.words)

    def id(self) -> str:
        return f"{self.guide.language}:{self.where.rpartition(':')[2]}: {self}"


GUIDES = read_guides()


def good_site(blocks: list[Block]) -> dict[str, str]:
    """The guide's example site: the last good block for each path."""
    return {block.path: block.text for block in blocks if block.kind == "file"}


def mistakes(guide: Guide) -> list[Mistake]:
    found = []
    blocks = guide.blocks
    for index, block in enumerate(blocks):
        if block.kind == "broken":
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            found.append(Mistake(guide, block, following if following and following.kind == "error" else None))
    return found


def commands(guide: Guide) -> list[Command]:
    found = []
    blocks = guide.blocks
    for index, block in enumerate(blocks):
        if block.kind != "commands":
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        output = following if following is not None and following.kind == "output" else None
        lines = [(offset, shlex.split(line, comments=True))
                 for offset, line in enumerate(block.text.splitlines(), start=1)]
        lines = [(offset, words) for offset, words in lines if words and words[0] == "handbook"]
        for number, (offset, words) in enumerate(lines, start=1):
            found.append(Command(guide, tuple(words[1:]), f"{guide.name}:{block.line + offset}",
                                 output if number == len(lines) else None))
    return found


SITES = {guide.name: good_site(guide.blocks) for guide in GUIDES}
SITE = SITES["docs/editing.md"]  # the English guide's example site, which test_schema.py checks too
MISTAKES = [mistake for guide in GUIDES for mistake in mistakes(guide)]
COMMANDS = [command for guide in GUIDES for command in commands(guide)]
NEW_COMMANDS = [c for c in COMMANDS if c.words[:1] == ("new",) and c.words[:2] != ("new", "site")]
NEW_SITE_COMMANDS = [c for c in COMMANDS if c.words[:2] == ("new", "site")]
OTHER_COMMANDS = [c for c in COMMANDS if c.words[:1] not in (("new",), ("serve",))]


# -- running the tool -----------------------------------------------------------------------

@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def said(guide: Guide, message: Message) -> str:
    """A word of the tool's, such as 'error' or 'hint', in the guide's language."""
    return messages.language(guide.language)(message())


def lines(text: str) -> list[str]:
    """The lines of a text, without trailing whitespace and without the last line's newline."""
    return [line.rstrip() for line in text.rstrip("\n").splitlines()]


def handbook(*args: str | Path, language: str = "en") -> Run:
    """Run the command line in-process, in a guide's language, capturing what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--lang", language, *(str(arg) for arg in args)], environ={})
    return Run(code, out.getvalue(), err.getvalue())


def write_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def files_in(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def front_matter(text: str) -> dict:
    match = FRONT_MATTER.match(text)
    return (yaml.safe_load(match["yaml"]) or {}) if match else {}


@dataclass(frozen=True)
class Page:
    """A page of a guide's example site and where the guide says it is published."""

    guide: str
    source: str
    text: str
    language: str
    output: str               # the HTML file, relative to build/
    original_language: str

    @property
    def is_translation(self) -> bool:
        return self.language != self.original_language

    def __str__(self) -> str:
        return f"{self.guide}: {self.source}"


def published_pages(guide: str, site: dict[str, str]) -> list[Page]:
    """Each page that is not a draft: it is in its organisation's language unless its file name
    says otherwise, and is published at <language>/<organisation>/<slug>/, the slug being its
    file name or its `slug:`."""
    pages = []
    for path, text in site.items():
        match = PAGE_FILE.fullmatch(path)
        if match is None or front_matter(text).get("draft"):
            continue
        original_language = yaml.safe_load(site[f"content/{match['org']}/organisation.yaml"])["language"]
        language = match["lang"] or original_language
        slug = front_matter(text).get("slug", match["id"])
        output = f"{language}/{match['org']}/{slug}/index.html"
        pages.append(Page(guide, path, text, language, output, original_language))
    return pages


PAGES = [page for guide in GUIDES for page in published_pages(guide.name, SITES[guide.name])]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Each guide's example site, built strictly once for the HTML tests."""
    done: dict[str, Path] = {}

    def built(page: Page) -> Path:
        if page.guide not in done:
            root = write_site(tmp_path_factory.mktemp("guide"), SITES[page.guide])
            result = handbook("build", "--strict", root)
            assert result.code == 0, result.err
            done[page.guide] = root / "build"
        return done[page.guide]

    return built


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# -- the guide itself -----------------------------------------------------------------------

def test_the_guides_are_found():
    assert [guide.name for guide in GUIDES][:1] == ["docs/editing.md"]
    for guide in GUIDES:
        assert guide.language == "en" or f"docs/editing.{guide.language}.md" == guide.name


@pytest.mark.parametrize("guide", GUIDES, ids=str)
def test_the_guide_has_examples_of_every_kind(guide):
    site = SITES[guide.name]
    pages = [page for page in PAGES if page.guide == guide.name]
    commands_here = [c for c in COMMANDS if c.guide is guide]
    assert len(site) >= 5, "the guide should build an example site from at least 5 files"
    assert any(page.is_translation for page in pages), "no translated page"
    assert any(PICTURE.search(page.text) for page in pages), "no picture"
    assert len([m for m in MISTAKES if m.guide is guide]) >= 8, "the guide should show at least 8 mistakes"
    assert any(c.words[:2] == ("new", "org") for c in commands_here), "no 'handbook new org' example"
    assert any(c.words[:2] == ("new", "page") for c in commands_here), "no 'handbook new page' example"
    assert any(c.output is not None for c in commands_here), "no command shows its output"
    first_new = next(c for c in commands_here if c.words[:1] == ("new",))
    assert first_new.words[:2] == ("new", "site"), "the guide should start from nothing: 'handbook new site'"


@pytest.mark.parametrize("guide", GUIDES, ids=str)
def test_every_block_follows_the_conventions(guide):
    blocks = guide.blocks
    for index, block in enumerate(blocks):
        previous = blocks[index - 1] if index else None
        assert block.kind != "unknown", f"{block}: not a kind of block that is tested"
        if block.kind == "error":
            assert previous is not None and previous.kind == "broken", \
                f"{block}: a 'text error' block must follow a broken file"
        if block.kind == "output":
            assert previous is not None and previous.kind == "commands", \
                f"{block}: a 'text output' block must follow a sh block"
    for mistake in MISTAKES:
        if mistake.guide is guide:
            assert mistake.expected is not None, \
                f"{mistake.broken}: must be followed by a 'text error' block"


@pytest.mark.parametrize("guide", GUIDES, ids=str)
def test_messages_shown_as_illustrations_are_tested_ones(guide):
    tested = {line for block in guide.blocks if block.kind == "error" for line in lines(block.text)}
    error, hint = said(guide, registry.SEVERITY_ERROR), said(guide, registry.HINT_LABEL)
    for block in guide.blocks:
        if block.kind == "illustration":
            for line in lines(block.text):
                if f": {error}[HB" in line or line.lstrip().startswith(f"{hint}:"):
                    assert line in tested, f"{block}: {line!r} is not in any tested message"


@pytest.mark.parametrize("guide", GUIDES, ids=str)
def test_every_message_the_guide_shows_has_its_code(guide):
    """A message line without its code is a line the tool no longer prints."""
    for block in guide.blocks:
        if block.kind in ("error", "notice", "illustration"):
            for line in lines(block.text):
                assert not re.search(r"^\S+: (error|warning|notice): ", line), \
                    f"{block}: {line!r} has no code: messages read 'error[HB030]: …'"


# -- the example site -----------------------------------------------------------------------

@pytest.mark.parametrize("guide", GUIDES, ids=str)
def test_the_example_site_builds_strictly(tmp_path, guide):
    result = handbook("build", "--strict", write_site(tmp_path, SITES[guide.name]), language="en")
    assert result.code == 0, result.err
    assert "warning" not in result.err


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_each_page_is_published_where_the_guide_says(builds, page):
    built = builds(page)
    assert (built / page.output).is_file(), f"{page} was not published at {page.output}"
    assert html(built / page.output).html["lang"] == page.language


@pytest.mark.parametrize("page", [p for p in PAGES if p.source.endswith("/values.md")], ids=str)
def test_the_values_are_shown_in_order(builds, page):
    built = builds(page)
    names = [value["name"] for value in front_matter(page.text)["values"]]
    shown = [h3.get_text(" ", strip=True) for h3 in html(built / page.output).select(".value__name")]
    assert shown == names


@pytest.mark.parametrize("page", [p for p in PAGES if PICTURE.search(p.text)], ids=str)
def test_pictures_keep_their_descriptions(builds, page):
    built = builds(page)
    soup = html(built / page.output)
    for picture in PICTURE.finditer(page.text):
        image = soup.find("img", alt=picture["alt"])
        assert image is not None, f"{page}: no picture described as {picture['alt']!r}"
        assert (built / page.output).parent.joinpath(image["src"]).resolve().is_file()


@pytest.mark.parametrize("page", [p for p in PAGES if p.is_translation], ids=str)
def test_translations_point_to_their_original(builds, page):
    soup = html(builds(page) / page.output)
    assert soup.find("link", rel="alternate", hreflang=page.original_language) is not None
    assert soup.find("a", hreflang=page.original_language) is not None, "no link to the original"


@pytest.mark.parametrize("guide", GUIDES, ids=str)
def test_the_notices_the_guide_shows_are_printed(tmp_path, guide):
    blocks = [block for block in guide.blocks if block.kind == "notice"]
    assert blocks, "the guide shows no notice"
    result = handbook("check", "--strict", write_site(tmp_path, SITES[guide.name]), language=guide.language)
    assert result.code == 0, result.err
    printed = lines(result.err)
    for block in blocks:
        for line in lines(block.text):
            assert line in printed, f"{block}: {line!r} was not printed; got:\n{result.err}"


# -- the mistakes ---------------------------------------------------------------------------

@pytest.mark.parametrize("mistake", MISTAKES, ids=Mistake.id)
def test_each_mistake_gives_the_message_the_guide_shows(tmp_path, mistake):
    assert mistake.expected is not None, f"{mistake.broken}: must be followed by a 'text error' block"
    root = write_site(tmp_path, {**SITES[mistake.guide.name], mistake.broken.path: mistake.broken.text})
    result = handbook("build", "--strict", root, language=mistake.guide.language)
    assert result.code == 1, f"{mistake.broken}: the build did not fail\n{result.err}"
    assert "Traceback" not in result.err
    printed = lines(result.err)
    expected = [line for line in lines(mistake.expected.text) if line]
    for line in expected:
        assert line in printed, f"{mistake.expected}: {line!r} was not printed; got:\n{result.err}"
    error = said(mistake.guide, registry.SEVERITY_ERROR)
    for line in printed:
        if f": {error}[HB" in line:
            assert line in expected, f"{mistake.expected}: the guide does not show {line!r}"


# -- the commands ---------------------------------------------------------------------------

def assert_prints(command: Command, result: Run) -> None:
    if command.output is not None:
        assert lines(result.out) == lines(command.output.text), \
            f"{command.output}: '{command}' printed\n{result.out}"


@pytest.mark.parametrize("command", NEW_COMMANDS, ids=Command.id)
def test_new_makes_files_that_build(tmp_path, command):
    root = write_site(tmp_path, SITES[command.guide.name])
    before = files_in(root)
    result = handbook(*command.words, "--site", root, language=command.guide.language)
    assert result.code == 0, f"{command.where}: '{command}' failed\n{result.err}"
    assert files_in(root) - before, f"{command.where}: '{command}' made no file"
    assert_prints(command, result)
    after = handbook("build", "--strict", root, language=command.guide.language)
    assert after.code == 0, f"{command.where}: after '{command}' the site does not build\n{after.err}"


@pytest.mark.parametrize("command", NEW_SITE_COMMANDS, ids=Command.id)
def test_new_site_makes_a_site_that_builds(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = handbook(*command.words, language=command.guide.language)
    assert result.code == 0, f"{command.where}: '{command}' failed\n{result.err}"
    assert_prints(command, result)
    folder = tmp_path / command.words[2]
    after = handbook("build", "--strict", folder, language=command.guide.language)
    assert after.code == 0, f"{command.where}: the site '{command}' made does not build\n{after.err}"


@pytest.mark.parametrize("command", OTHER_COMMANDS, ids=Command.id)
def test_other_commands_work_in_the_site_folder(tmp_path, monkeypatch, command):
    monkeypatch.chdir(write_site(tmp_path, SITES[command.guide.name]))
    result = handbook(*command.words, language=command.guide.language)
    assert result.code == 0, f"{command.where}: '{command}' failed\n{result.err}"
    assert_prints(command, result)
