"""Fuzzing: whatever an editor (or an attacker) puts in a site's sources, `handbook build` ends
with exit code 0 or 1 and messages that name a file; never with a traceback, never in a hang.

Each target replaces one source of a small, valid site (two organisations, two languages, every
kind of page, a media file and a catalog) with random or hostile text or bytes, builds it with
the real command line in-process, and checks the outcome:

- the exit code is 0 or 1 and no exception escapes `handbook.cli.main`;
- stderr holds no "internal error" and no "Traceback";
- with exit code 1, at least one "error[HB…]:" line names a file (of the site, or of the theme);
- the build ends within TIMEOUT seconds (of processor time).

Profiles (HANDBOOK_FUZZ):
- fast (the default, as in `make test`): few examples per target, derandomized so that every run
  tries the same examples; the whole file runs in well under a minute. Markdown is nested up
  to 300 levels deep; no body is repeated up to 50-200 KB (see DEPTH below).
- long (`make fuzz`): 10 000 random examples per target, nesting up to 600 levels, 200 KB bodies.
HANDBOOK_FUZZ_EXAMPLES=N sets the number of examples of every target, e.g. for a shorter long run.

Crashes found by fuzzing are kept as regression tests at the end of the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import faulthandler
import io
import os
import re
import signal
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import markdown as markdown_lib
import pytest
import yaml
from babel.localedata import locale_identifiers
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import slugify_unicode

from conftest import REPO
from handbook.cli import main
from handbook.markdown import _GatedInlineProcessor
from handbook.theme import BUNDLED_THEMES

pytestmark = pytest.mark.fuzz

# -- profiles ------------------------------------------------------------------------------

_SUPPRESSED = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
               HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture]
settings.register_profile("handbook-fast", deadline=None, derandomize=True, database=None,
                          print_blob=True, suppress_health_check=_SUPPRESSED)
settings.register_profile("handbook-long", deadline=None, derandomize=False, database=None,
                          print_blob=True, suppress_health_check=_SUPPRESSED, max_examples=10_000)

MODE = os.environ.get("HANDBOOK_FUZZ", "fast")
if MODE not in ("fast", "long"):
    raise ValueError(f"HANDBOOK_FUZZ must be 'fast' or 'long', not {MODE!r}")
PROFILE = settings.get_profile(f"handbook-{MODE}")
_OVERRIDE = os.environ.get("HANDBOOK_FUZZ_EXAMPLES")


def fuzz(fast_examples: int) -> settings:
    """The settings of one target: `fast_examples` in the fast profile, the profile's own
    number in the long one, HANDBOOK_FUZZ_EXAMPLES in either if it is set."""
    if _OVERRIDE:
        examples = int(_OVERRIDE)
    else:
        examples = fast_examples if MODE == "fast" else PROFILE.max_examples
    return settings(PROFILE, max_examples=examples)


# -- one build, and what it must (not) do ----------------------------------------------------

# Seconds of processor time; a build of this small site normally takes a tenth of a second. It is
# measured with ITIMER_PROF (SIGPROF), not with the wall clock's SIGALRM, which handbook itself
# uses (markdown.py's time budget) and which would replace or cancel a timer set here.
TIMEOUT = 20


class _Hang(BaseException):
    """Raised by the timer in a build that runs too long (not an Exception: main must not catch it)."""


@dataclass
class Outcome:
    code: int
    err: str


# `path[:line[:column]]: error[HB000]: message`, as errors.Problem.format writes it.
_ERROR_LINE = re.compile(r"^(?P<path>\S[^\n]*?)(?::\d+(?::\d+)?)?: error\[HB\d{3}\]: ", re.MULTILINE)
_THEME_LABEL = re.compile(r"^<(?P<theme>[^>]+) theme>/(?P<rest>.+)$")


def build(files: Mapping[str, str | bytes | None], timeout: float = TIMEOUT) -> Outcome:
    """Write the base site with `files` replaced, added or (None) left out in a fresh folder,
    build it, and check the outcome."""
    with tempfile.TemporaryDirectory(prefix="handbook-fuzz-") as folder:
        root = Path(folder) / "site"
        for name, content in {**BASE_SITE, **files}.items():
            if content is None:
                continue
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        err = io.StringIO()

        def expired(signum, frame):
            raise _Hang

        previous = signal.signal(signal.SIGPROF, expired)
        signal.setitimer(signal.ITIMER_PROF, timeout)
        # Last resort for a hang the timer cannot interrupt: one that waits without using the
        # processor, or in C code that never checks for signals. It ends the whole test run.
        faulthandler.dump_traceback_later(timeout * 3 + 60, exit=True)
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(["build", str(root)])
        except _Hang:
            raise AssertionError(f"the build did not end within {timeout} s") from None
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)
            faulthandler.cancel_dump_traceback_later()
        outcome = Outcome(code, err.getvalue())
        check(outcome, root)
        return outcome


def check(outcome: Outcome, root: Path) -> None:
    err = outcome.err
    assert "internal error" not in err, err
    assert "Traceback" not in err, err
    assert outcome.code in (0, 1), (outcome.code, err)
    if outcome.code == 1:
        paths = [match["path"] for match in _ERROR_LINE.finditer(err)]
        assert any(names_a_file(path, root) for path in paths), f"no error names a file:\n{err}"


def names_a_file(path: str, root: Path) -> bool:
    """An existing file or folder of the site, or of a bundled theme ('<default theme>/…')."""
    theme = _THEME_LABEL.match(path)
    if theme:
        return (BUNDLED_THEMES / theme["theme"] / theme["rest"]).exists()
    try:
        return (root / path).exists()
    except (OSError, ValueError):
        return False


# -- the site that each target breaks ----------------------------------------------------------

SITE_YAML = """\
title: {sv: Handbok, en: Handbook}
base_url: https://handbook.example/
languages: [sv, en]
default_language: sv
theme: default
accessibility: false
"""
ORGANISATION_YAML = """\
name: Vårdcentralen Ekdalen
language: sv
country: SE
website: https://ekdalen.example/
logo: media/logo.png
summary: En "vårdcentral" i Ekdalen.
order: 1
"""
VISION = """\
---
title: Vår vision
statement: Alla i Ekdalen ska må bra.
---
Vi bygger på [våra värden](values.md#kunskap) och [grannarna](../aaby/vision.md).
"""
VALUES = """\
---
title: Våra värden
values:
  - name: Kunskap
    description: Vi lär oss av varandra.
  - name: Omtanke
---
## Kunskap

Se [strategin](strategy.md).
"""
STRATEGY = """\
---
title: Strategi 2019–2022
period: {from: 2019, to: 2022}
goals:
  - Kortare väntetider
  - Fler hembesök
---
![Logotyp](media/logo.png)
"""
PAGE = """\
---
title: Öppettider
slug: oppettider
summary: När vi har öppet.
author: Anna Berg
role: Verksamhetschef
date: 2024-03-01
updated: 2024-04-02
source: Styrelsen
---
Vi har öppet 8–17. Se [visionen](vision.md).
"""
VISION_EN = """\
---
title: Our vision
translated_from: sv
---
Everyone in Ekdalen should be well.
"""
CATALOG = r'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Vision"
msgstr "Vision"

msgid "%(count)s value"
msgid_plural "%(count)s values"
msgstr[0] "%(count)s värde"
msgstr[1] "%(count)s värden"
'''
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d"
                    "49444154789c6360000002000185d114090000000049454e44ae426082")

ORG = "content/ekdalen"
ORG_FILE = f"{ORG}/organisation.yaml"
PAGES = {f"{ORG}/vision.md": VISION, f"{ORG}/values.md": VALUES, f"{ORG}/strategy.md": STRATEGY,
         f"{ORG}/oppettider.md": PAGE, f"{ORG}/vision.en.md": VISION_EN}
CATALOG_FILE = "locales/sv/LC_MESSAGES/messages.po"
BASE_SITE: dict[str, str | bytes] = {
    "site.yaml": SITE_YAML,
    ORG_FILE: ORGANISATION_YAML,
    **PAGES,
    f"{ORG}/media/logo.png": PNG,
    "content/aaby/organisation.yaml": "name: Sundhedshuset Åby\nlanguage: en\ncountry: DK\n",
    "content/aaby/vision.md": "---\ntitle: Vision\n---\nSee [Ekdalen](../ekdalen/values.md).\n",
    CATALOG_FILE: CATALOG,
}

# -- random values ------------------------------------------------------------------------------

PAGE_KEYS = ("title", "slug", "summary", "author", "role", "date", "updated", "draft", "source",
             "translated_from", "statement", "values", "period", "goals")
ORGANISATION_KEYS = ("name", "language", "country", "website", "logo", "summary", "order")
SITE_KEYS = ("title", "base_url", "languages", "default_language", "theme")
LOCALES = sorted(locale_identifiers())

# Values that mean something to YAML, to a URL, to a template, to a shell or to a terminal.
TRICKY = [
    "", " ", "~", "null", "yes", "no", "on", "off", "True", "0", "-1", "007", "1e999", ".nan",
    "0x_", "0b2", "1:2:3", "2019-02-30", "2019-13-45", "9999-12-31", "0001-01-01",
    "2019-01-01T25:00:00", "sv", "en", "SV", "xx-nope", "zh-Hant-TW", "sr_Latn", "ar", "default",
    "..", "/", "../../etc/passwd", "C:\\Windows", "media/logo.png", "media/../../site.yaml",
    "https://[", "https://h.example:99999/", "https://h.example:x/", "//evil.example/",
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "http://h.example/?q#f",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{ 7*7 }}", "{% raw %}",
    "%(count)s", "%(nope)s", "%s", "%", "\\", '"', "'", "\x00", "\ufeff", "\u202e", "\u2028",
    "\r", "\x1b[31m", "a: b", "- a", "[", "{", "*a", "&a", "!!binary", "#", "|", ">", "@", "`",
    "---", "...", "\t", "x" * 500, "ÅÄÖ åäö", "příliš žluťoučký", "العربية", "😀", "\U0010ffff",
]
texts = st.one_of(st.text(max_size=40), st.sampled_from(TRICKY))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(),
    st.integers(min_value=-(10 ** 40), max_value=10 ** 40),
    st.floats(), texts, st.dates(), st.datetimes(),
)
keys = st.one_of(st.sampled_from(PAGE_KEYS + ORGANISATION_KEYS + SITE_KEYS), st.text(max_size=15),
                 st.integers(), st.booleans(), st.none(), st.dates(), st.floats())
shapes = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(keys, inner, max_size=4), max_leaves=15)


@st.composite
def dumped(draw, data: st.SearchStrategy) -> str:
    """A value written as YAML in one of the ways PyYAML can write it."""
    return yaml.safe_dump(
        draw(data), sort_keys=False, allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, None, True])),
        width=draw(st.sampled_from([80, 12, 10 ** 6])), explicit_start=draw(st.booleans()),
        explicit_end=draw(st.booleans()))


def with_keys(known: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    """A mapping of some known keys, each with a plausible or a random value, and random keys."""
    return st.builds(
        lambda mapping, extra: {**mapping, **extra},
        st.fixed_dictionaries({}, optional={key: values | shapes for key, values in known.items()}),
        st.dictionaries(keys, shapes, max_size=2))


# Lines that YAML gives meaning to: anchors and aliases, tags, merge keys, flow and block styles.
yaml_lines = st.one_of(st.text(max_size=30), st.sampled_from([
    "title: T", "title: !!timestamp abc", "title: !!bool maybe", "title: !!int ''", "title: !!float x",
    "title: !!binary '@@'", "title: !!set {a, b}", "title: !!omap [a: 1, b: 2]", "title: !!pairs [a: 1]",
    "title: !!python/object/apply:os.system ['true']", "title: !!str", "title: !custom x",
    "title: &a [*a]", "a: &a {x: 1}", "<<: *a", "<<: [*a, *a]", "<<: 5", "b: *nope", "? [1, 2]",
    ": x", "- a", "  - name: x", "    description: y", "values:", "period:", "  from: 2019",
    "  to: 2018", "goals: [a, b", "date: 2019-02-30", "date: 0x_", "date: 1e999", "order: 0xffffff",
    "title: 0x" + "f" * 4000, "order: 1" + "0" * 5000, "key: |", "key: >-", "  folded",
    "%YAML 1.1", "%TAG ! tag:x,2000:", "---", "...", "\t", "title: 'a''b'", 'title: "\\x00\\uD800"',
    "title: T # comment", "title:  \u00a0", "title: " + "[" * 300 + "]" * 300,
    "title: " + "{a: " * 300 + "1" + "}" * 300, "".join(" " * i + "a:\n" for i in range(400)),
]))


@st.composite
def alias_bomb(draw) -> str:
    """A 'billion laughs': each level lists the one before many times over."""
    levels, width = draw(st.integers(2, 9)), draw(st.integers(2, 9))
    key = draw(st.sampled_from(["title", "date", "values", "goals", "languages", "name", "period"]))
    lines = [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return "\n".join(["l0: &l0 [lol, lol]", *lines, f"{key}: *l{levels}"])


def yaml_source(known: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    """YAML text: known keys with random values, random shapes, random lines, or random text."""
    return st.one_of(
        dumped(with_keys(known)), dumped(shapes), alias_bomb(),
        st.lists(yaml_lines, max_size=12).map("\n".join), st.text(),
    )


dates = st.one_of(st.dates(), st.datetimes(), texts)
page_values = {
    "title": texts, "slug": st.from_regex(r"[a-z0-9-]{0,12}", fullmatch=True) | texts,
    "summary": texts, "author": texts, "role": texts, "source": texts, "date": dates,
    "updated": dates, "draft": st.booleans(), "translated_from": st.sampled_from(["sv", "en", "da"]),
    "statement": texts,
    "values": st.lists(st.fixed_dictionaries(
        {}, optional={"name": texts | shapes, "description": texts | shapes, "weight": shapes}), max_size=4),
    "period": st.fixed_dictionaries({}, optional={
        "from": st.integers(-10, 12000) | st.dates() | shapes,
        "to": st.integers(-10, 12000) | st.dates() | shapes, "until": shapes}),
    "goals": st.lists(texts | shapes, max_size=4),
}
organisation_values = {
    "name": texts, "language": st.sampled_from(["sv", "en", "da", "de", "xx"]),
    "country": st.from_regex(r"[A-Z]{2}", fullmatch=True) | texts,
    "website": st.sampled_from(["https://ekdalen.example/", "javascript:alert(1)", "//x", ""]) | texts,
    "logo": st.sampled_from(["media/logo.png", "media/", "media", "logo.png", "../site.yaml",
                             "media/../media/logo.png", "media/nope.png"]) | texts,
    "summary": texts, "order": st.integers() | st.floats(),
}
locales = st.sampled_from(LOCALES) | st.sampled_from(LOCALES).map(lambda code: code.replace("_", "-"))
language_codes = st.one_of(locales,
                           st.sampled_from(["sv", "en", "da", "cs", "ar", "he", "zh-Hant", "xx-nope", "no"]),
                           texts)
site_values = {
    "title": texts | st.dictionaries(language_codes | texts, texts | shapes, max_size=3),
    "base_url": st.sampled_from(["https://handbook.example/", "http://h.example/sub/dir", "https://[/",
                                 "https://h.example:99999/", "https://h.example/?q=1#x", "ftp://h/",
                                 "https://h.example/<script>/", "https://h.example/%zz/"]) | texts,
    "languages": st.lists(language_codes, max_size=4),
    "default_language": language_codes,
    "theme": st.sampled_from(["default", "nope", "..", "/", "../default", "default/", ".default"]) | texts,
}


def front_matter_page(front: str) -> str:
    return f"---\n{front}\n---\nText.\n"


# -- 1. front matter -----------------------------------------------------------------------------

PAGE_FILES = [f"{ORG}/vision.md", f"{ORG}/values.md", f"{ORG}/strategy.md", f"{ORG}/oppettider.md",
              f"{ORG}/vision.en.md", f"{ORG}/ny-sida.md"]


@fuzz(60)
@given(page=st.sampled_from(PAGE_FILES), front=yaml_source(page_values),
       fence=st.sampled_from(["---", "--- ", "..."]))
def test_front_matter(page, front, fence):
    text = front_matter_page(front)
    if fence != "---":
        text = text.replace("\n---\n", f"\n{fence}\n", 1)
    build({page: text})


# -- 2. organisation.yaml ------------------------------------------------------------------------

@fuzz(40)
@given(source=yaml_source(organisation_values))
def test_organisation_yaml(source):
    build({ORG_FILE: source})


# -- 3. site.yaml -----------------------------------------------------------------------------------

@st.composite
def site_and_pages(draw) -> dict[str, str | None]:
    """site.yaml, and the organisation and translation in its languages where it has some."""
    if draw(st.booleans()):
        return {"site.yaml": draw(yaml_source(site_values))}
    # A right site.yaml in random languages, so that every page is rendered in each of them.
    languages = draw(st.lists(locales | language_codes, min_size=1, max_size=3))
    mapping = {"title": {languages[0]: "Handbok"}, "base_url": "https://handbook.example/",
               "languages": languages}
    if draw(st.booleans()):
        mapping.update(draw(with_keys({key: site_values[key] for key in ("default_language", "theme")})))
    files: dict[str, str | None] = {"site.yaml": draw(dumped(st.just(mapping)))}
    language = yaml.safe_dump({"language": languages[0]}, allow_unicode=True)
    files[ORG_FILE] = ORGANISATION_YAML.replace("language: sv\n", language)
    files["content/aaby/organisation.yaml"] = "name: Sundhedshuset Åby\n" + yaml.safe_dump(
        {"language": languages[-1]}, allow_unicode=True)
    files[f"{ORG}/vision.en.md"] = None
    for code in languages[1:2]:
        if re.fullmatch(r"[\w-]{1,40}", code):  # a file name, not a path or a long one
            files[f"{ORG}/vision.{code}.md"] = VISION_EN.replace("translated_from: sv\n", "")
    return files


@fuzz(40)
@given(files=site_and_pages())
def test_site_yaml(files):
    build(files)


# -- 3b. site.yaml's accessibility statement ----------------------------------------------------

per_language = texts | st.dictionaries(st.sampled_from(["sv", "en", "da", "xx"]) | texts, texts | shapes,
                                       max_size=3)
accessibility_values = {
    "publisher": per_language, "country": st.sampled_from(["SE", "DK", "CZ", "FI", "se", "Sverige"]),
    "status": st.sampled_from(["full", "partial", "none", "partly"]),
    "method": st.sampled_from(["self-assessment", "third-party", "self"]),
    "prepared": dates, "reviewed": dates, "standard": texts,
    "issues": st.lists(per_language | st.fixed_dictionaries({}, optional={
        "text": per_language, "reason": st.sampled_from(["non-compliance", "disproportionate-burden",
                                                         "out-of-scope", "burden"]) | texts,
        "alternative": per_language}), max_size=3),
    "contact": st.fixed_dictionaries({}, optional={
        "name": per_language, "email": st.sampled_from(["a@b.example", "a@b", "@", "a b@c.d"]) | texts,
        "phone": st.sampled_from(["+46 10 123 45 67", "0101234567", "ring"]) | texts | st.integers(),
        "url": st.sampled_from(["https://b.example/f", "javascript:alert(1)", "b.example"]) | texts}),
    "enforcement": st.fixed_dictionaries({}, optional={"name": per_language, "url": texts}),
    "url": st.sampled_from(["https://was.example/x", "was.example", ""]) | texts,
}


VALID_STATEMENT = {"publisher": "Region Ekdalen", "country": "SE", "status": "partial",
                   "method": "self-assessment", "prepared": dt.date(2025, 9, 1), "issues": ["Filmen saknar text."],
                   "contact": {"email": "a@b.example"}}
# A right statement with one or two of its facts replaced: each text reaches the page.
near_valid = st.builds(lambda changes: {**VALID_STATEMENT, **changes},
                       st.dictionaries(st.sampled_from(sorted(accessibility_values)),
                                       st.one_of(*accessibility_values.values()), max_size=2))


@fuzz(40)
@given(accessibility=st.one_of(near_valid, with_keys(accessibility_values), shapes))
def test_accessibility_statement(accessibility):
    mapping = yaml.safe_load(SITE_YAML.replace("accessibility: false\n", ""))
    mapping["accessibility"] = accessibility
    build({"site.yaml": yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False)})


# -- 4. catalogs ---------------------------------------------------------------------------------

with open(BUNDLED_THEMES / "default" / "locales" / "messages.pot", "rb") as _pot:
    THEME_MESSAGES = [m.id for m in read_po(_pot) if m.id]

po_pieces = st.sampled_from(["%(count)s", "%(date)s", "%(language)s", "%(name)s", "%(nope)s", "%s",
                             "%d", "%", "%%", "%(", "{name}", "<b>", "</p>", "<script>", "&amp;",
                             "&#0;", "{{ x }}", "{% if %}", "\\", '"', "\n", "\t", " ", "ř", "ü"])
po_texts = st.lists(po_pieces | st.text(max_size=8), max_size=6).map("".join)


def po_string(text: str, raw: bool) -> str:
    """A .po string: quoted and escaped (possibly over several lines), or as it is, unescaped."""
    if raw:
        return f'"{text}"'
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")
    parts = escaped.split("\\n")
    if len(parts) > 1:
        return '""\n' + "\n".join(f'"{part}\\n"' for part in parts[:-1]) + f'\n"{parts[-1]}"'
    return f'"{escaped}"'


@st.composite
def po_message(draw) -> str:
    raw = draw(st.booleans()) and draw(st.booleans())
    lines = draw(st.lists(st.sampled_from([
        "#, fuzzy", "#, python-format", "#, fuzzy, python-format", "#,", "#: templates/x.html:1",
        "#. a note", '#| msgid "old"', "# translator", '#~ msgid "obsolete"', '#~ msgstr "x"']), max_size=3))
    if draw(st.booleans()):
        lines.append(f"msgctxt {po_string(draw(po_texts), raw)}")
    message = draw(st.sampled_from(THEME_MESSAGES) | po_texts)
    singular, plural = message if isinstance(message, tuple) else (message, None)
    if plural is None and draw(st.integers(0, 3)) == 0:
        plural = draw(po_texts)
    lines.append(f"msgid {po_string(singular, raw)}")
    if plural is not None:
        lines.append(f"msgid_plural {po_string(plural, raw)}")
        for index in draw(st.lists(st.integers(0, 4), max_size=4)):
            lines.append(f"msgstr[{index}] {po_string(draw(po_texts), raw)}")
    else:
        lines.append(f"msgstr {po_string(draw(po_texts), raw)}")
    return "\n".join(lines)


@st.composite
def po_catalog(draw) -> str:
    entries = []
    if draw(st.booleans()):
        nplurals = draw(st.sampled_from(["1", "2", "3", "0", "-1", "x", "999999999999", ""]))
        plural = draw(st.sampled_from(["(n != 1)", "0", "n%10==1 ? 0 : 1", "n", "(n", "n/0", "n % 0",
                                       "__import__('os')", "", "n>1?2:1", "(" * 200 + "n" + ")" * 200])
                      | st.text(max_size=12))
        charset = draw(st.sampled_from(["UTF-8", "latin-1", "nope", ""]))
        header = [f"Content-Type: text/plain; charset={charset}",
                  f"Plural-Forms: nplurals={nplurals}; plural={plural};",
                  f"Language: {draw(st.sampled_from(['sv', 'en', 'xx', '']) | st.text(max_size=6))}"]
        header += draw(st.lists(st.text(max_size=20), max_size=2))
        entries.append('msgid ""\nmsgstr ""\n' + "\n".join(po_string(h + "\n", False) for h in header))
    entries += draw(st.lists(po_message(), max_size=6))
    return draw(st.sampled_from(["\n\n", "\n"])).join(entries) + "\n"


@fuzz(40)
@given(source=st.one_of(po_catalog(), st.text(), st.binary(max_size=200)))
def test_catalog(source):
    build({CATALOG_FILE: source})


# -- 5. Markdown bodies ---------------------------------------------------------------------------

link_targets = st.one_of(st.sampled_from([
    "values.md", "values.md#kunskap", "values.md#nope", "vision.en.md", "../aaby/vision.md",
    "../aaby/", "../nobody/vision.md", "../../../../etc/passwd", "..", "../", ".", "#", "#kunskap",
    "#fn:1", "?q", "media/logo.png", "media/", "media/nope.png", "media/../../../site.yaml",
    "%2e%2e/site.yaml", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
    "vbscript:x", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd", "//evil.example/x",
    "http://[", "https://h.example/a b", "mailto:a@b.example", "<>", "x.y.z.md", "vision.xx.md",
    "VALUES.md", "values.md?x=1", "\\..\\site.yaml", "/etc/passwd", "values.md#" + "a" * 300,
]), st.text(max_size=20))
inline = st.text(max_size=20)
markdown_pieces = st.one_of(
    inline, st.sampled_from(TRICKY),
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 7), inline),
    st.builds("[{}]({})".format, inline, link_targets),
    st.builds('[{}]({} "{}")'.format, inline, link_targets, inline),
    st.builds("![{}]({})".format, inline, link_targets),
    st.builds("<{}>".format, link_targets),
    st.builds("[{0}][{0}]\n\n[{0}]: {1}".format, inline, link_targets),
    st.builds("{0}[^{1}]\n\n[^{1}]: {2}".format, inline, inline, inline),
    st.builds("| {} | {} |\n|:--|--:|\n| {} | {} |".format, inline, inline, inline, inline),
    st.builds("```{}\n{}\n```".format, inline, inline),
    st.builds("*[{}]: {}".format, inline, inline),
    st.builds("{}\n: {}".format, inline, inline),
    st.sampled_from([
        "<div>", "</div>", '<div markdown="1">', "<span>", "</span>", "<p>", "</p>", "<table>",
        "<script>alert(1)</script>", "<style>body{}</style>", "<iframe src=//x></iframe>",
        "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>', "<svg onload=alert(1)>",
        "<math><mi>x</mi></math>", "<!--", "-->", "<!-- note -->", "<![CDATA[ x ]]>", "<?php ?>",
        "<!DOCTYPE html>", "<object data=x>", "<form action=//x>", "<base href=//x>",
        '<meta http-equiv="refresh" content="0;url=//x">', "<p", "</p >", "&#0;", "&#x110000;",
        "&#xD800;", "&amp;", "&nosuch;", "{: #kunskap }", "{: onclick=alert(1) }", '{: style="x" }',
        "{#x}", "*", "**", "_", "__", "~~", "`", "``", "- ", "1. ", "* ", "+ ", "> ", "    ",
        "[TOC]", "---", "***", "___", "\\", '"', "'", "2019-2020", "v lese", " -- ", "\x00", "\r",
        "\u2028", "\u202e", "\ufeff",
    ]),
)
markdown_mixes = st.lists(st.tuples(markdown_pieces, st.sampled_from(["", " ", "\n", "\n\n", "\n    "])),
                          max_size=25).map(lambda parts: "".join(p + s for p, s in parts))

NESTERS = {
    "quote": lambda n, x: "> " * n + x,
    "quote lines": lambda n, x: "".join(">" * i + " " + x + "\n" for i in range(1, n + 1)),
    "list": lambda n, x: "".join("    " * i + "- " + x + "\n" for i in range(n)),
    "ordered list": lambda n, x: "".join("    " * i + "1. " + x + "\n" for i in range(n)),
    "list and quote": lambda n, x: "".join("    " * i + "- > " + x + "\n" for i in range(n)),
    "div": lambda n, x: "<div>" * n + x + "</div>" * n,
    "markdown div": lambda n, x: '<div markdown="1">\n' * n + x + "\n</div>" * n,
    "emphasis": lambda n, x: "*_" * n + x + "_*" * n,
    "brackets": lambda n, x: "[" * n + x + "]" * n + "(values.md)",
    "link in link": lambda n, x: "[" * n + x + "](values.md)" * n,
    "parentheses": lambda n, x: "[x](" + "(" * n + x + ")" * n + ")",
    "code": lambda n, x: "`" * n + x + "`" * n,
    "headings": lambda n, x: "#" * n + " " + x,
}
# How deep and how large the fast profile goes. A 200 KB body takes seconds to build even when
# all is well, so only the long profile makes them.
DEPTH = 300 if MODE == "fast" else 600
HUGE = [50_000, 200_000]
deep = st.builds(lambda name, n, x: NESTERS[name](n, x), st.sampled_from(sorted(NESTERS)),
                 st.integers(1, DEPTH), inline)
huge = st.builds(lambda snippet, size: (snippet or "x") * (size // max(1, len(snippet or "x"))),
                 markdown_mixes, st.sampled_from(HUGE))
bodies = st.one_of(st.text(), markdown_mixes, markdown_mixes, deep, *([huge] if MODE == "long" else []))


@fuzz(40)
@given(body=bodies,
       page=st.sampled_from([f"{ORG}/oppettider.md", f"{ORG}/values.md", f"{ORG}/vision.en.md"]))
def test_markdown_body(body, page):
    head = PAGES[page].split("\n---\n", 1)[0]
    build({page: f"{head}\n---\n{body}"})


_STOCK = markdown_lib.Markdown(extensions=["extra", "sane_lists", "toc"],
                               extension_configs={"toc": {"slugify": slugify_unicode}})
_GATED = markdown_lib.Markdown(extensions=["extra", "sane_lists", "toc"],
                               extension_configs={"toc": {"slugify": slugify_unicode}})
_GATED.treeprocessors.register(_GatedInlineProcessor(_GATED), "inline", 20)


@fuzz(300)
@given(body=st.one_of(st.text(), markdown_mixes, markdown_mixes,
                      st.text(alphabet="*_`\\[]()<>!&# \n-abc:/@;", max_size=60)))
def test_skipping_inline_patterns_changes_nothing(body):
    """The inline pass that skips patterns whose trigger characters a text lacks converts
    every text exactly as Python-Markdown's own does."""
    assert _GATED.reset().convert(body) == _STOCK.reset().convert(body)


def test_skipping_inline_patterns_changes_nothing_on_the_example_and_the_guides():
    texts = [path.read_text(encoding="utf-8") for folder in ("content", "docs")
             for path in sorted((REPO / folder).rglob("*.md"))]
    assert len(texts) >= 10
    for text in texts:
        assert _GATED.reset().convert(text) == _STOCK.reset().convert(text)


# -- 6. random bytes ----------------------------------------------------------------------------

BYTE_FILES = {"site.yaml": SITE_YAML, ORG_FILE: ORGANISATION_YAML, f"{ORG}/values.md": VALUES,
              CATALOG_FILE: CATALOG}
BAD_BYTES = [b"\x00", b"\xff", b"\xfe", b"\xc3", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
             b"\xef\xbb\xbf", b"\xff\xfe", b"\r", b"\r\n", b"\x1b[2J", b"\x85", b"\xe2\x80\xa8"]


@st.composite
def mangled(draw, text: str) -> bytes:
    """A valid file, encoded oddly and then with bytes put in or cut out."""
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "crlf", "cr"]))
    if encoding == "crlf":
        data = text.replace("\n", "\r\n").encode()
    elif encoding == "cr":
        data = text.replace("\n", "\r").encode()
    else:
        data = text.encode(encoding, errors="replace")
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        if draw(st.booleans()):
            data = data[:at] + draw(st.sampled_from(BAD_BYTES) | st.binary(max_size=4)) + data[at:]
        else:
            data = data[:at] + data[at + draw(st.integers(1, 3)):]
    return data


@fuzz(60)
@given(data=st.data(), file=st.sampled_from(sorted(BYTE_FILES)))
def test_random_bytes(data, file):
    content = data.draw(st.one_of(st.binary(max_size=300), mangled(BYTE_FILES[file])), label=file)
    build({file: content})


# -- the site the targets start from --------------------------------------------------------------

def test_the_base_site_builds_without_warnings():
    """Every target breaks one file of a site that is otherwise right: otherwise the fuzzing
    would only ever reach the first error."""
    outcome = build({})
    assert outcome.code == 0, outcome.err
    assert "warning" not in outcome.err, outcome.err


# -- crashes found by fuzzing, kept as regression tests --------------------------------------------
# Each is a minimal reproduction of a crash or hang the fuzzing found, fixed since.

def with_body(body: str, page: str = f"{ORG}/oppettider.md") -> dict[str, str]:
    head = PAGES[page].split("\n---\n", 1)[0]
    return {page: f"{head}\n---\n{body}"}


@pytest.mark.parametrize("body", [
    "".join("    " * level + "- x\n" for level in range(300)),
    "".join("    " * level + "1. > x\n" for level in range(300)),
    '<div markdown="1">\n' * 400 + "x" + "\n</div>" * 400,
    "0\n: \n" * 1000,
], ids=["nested-list", "nested-ordered-list-and-quote", "nested-markdown-div", "definition-lists"])
def test_deep_markdown_is_an_error_not_a_crash(body):
    build(with_body(body))


def test_many_removed_tags_do_not_hang_the_build():
    build(with_body("<x>\n\n" * 8_000), timeout=4)


def test_unknown_charset_in_a_catalog_is_an_error_not_a_crash():
    build({CATALOG_FILE: CATALOG.replace("charset=UTF-8", "charset=nope")})


def test_nul_in_a_plural_msgid_is_an_error_not_a_crash():
    build({CATALOG_FILE: CATALOG + '\nmsgid "\x00"\nmsgid_plural ""\nmsgstr[0] "a"\nmsgstr[1] "b"\n'})


def test_half_a_character_in_yaml_is_an_error_not_a_crash():
    outcome = build({f"{ORG}/vision.md": 'title: "\\uD800"'.join(["---\n", "\n---\nText.\n"])})
    assert "half of a character" in outcome.err


def test_unknown_charset_in_a_catalog_with_only_a_header_is_an_error_not_a_crash():
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=nope\\n"\n"Language: sv\\n"\n'
    outcome = build({CATALOG_FILE: header})
    assert "cannot read the catalog" in outcome.err


def test_a_huge_number_of_plural_forms_is_an_error_not_a_hang():
    header = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
              '"Plural-Forms: nplurals=999999999999; plural=(n != 1);\\n"\n\n'
              'msgid "%(count)s goal"\nmsgid_plural "%(count)s goals"\n')
    outcome = build({CATALOG_FILE: header}, timeout=5)
    assert "nplurals=999999999999" in outcome.err
