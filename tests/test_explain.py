"""`handbook explain HB030`: a message's full explanation, in the editor's language, put together
from what handbook already knows (the registry, the hints the code gives with each message, the
codes the editors' guide shows), so that it cannot drift from what handbook says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO
from handbook import messages, registry
from handbook.explain import ALSO, GUIDE_CODES, _written_together, pairs
from handbook.messages import HINT, TEXT, language

REGISTRY = messages.registry()
LANGUAGES = ("sv", "da", "cs", "en")
GUIDES = {"en": "docs/editing.md", "sv": "docs/editing.sv.md", "da": "docs/editing.da.md", "cs": "docs/editing.cs.md"}


def template(message: messages.Message, code: str) -> str:
    """A message in a language with its placeholders left in, as explain shows it."""
    return language(code)(message(**{name: f"{{{name}}}" for name in message.placeholders}))


def test_explain_says_what_a_message_means_how_to_fix_it_and_where_the_guide_shows_it(run):
    result = run("explain", "HB030")
    assert result.code == 0 and result.err == ""
    paragraphs = result.out.rstrip("\n").split("\n\n")
    assert paragraphs[0] == "error[HB030]: unknown key '{key}' in {what}"
    assert paragraphs[1].startswith("An error: 'handbook build' writes nothing until it is fixed")
    assert paragraphs[2].startswith("It is about the settings of site.yaml, an organisation.yaml")
    assert paragraphs[3].startswith("Words in braces stand for what handbook found")
    assert paragraphs[4].splitlines() == [
        "How to fix it: under the message, handbook says the one of these that fits:",
        "  hint: {what} may hold: {keys}",
        "  hint: did you mean '{word}'?"]
    assert " ".join(paragraphs[5].split()) == \
        "The editors' guide, docs/editing.md, shows this message and how to fix it: search it for HB030."
    assert all(len(line) <= 88 for paragraph in paragraphs[1:4] for line in paragraph.splitlines())


@pytest.mark.parametrize("code", ["sv", "da", "cs"])
def test_explain_speaks_the_editors_language(run, code):
    english = run("explain", "HB105").out.split("\n\n")
    said = run("--lang", code, "explain", "HB105").out.split("\n\n")
    assert len(said) == len(english) == 6
    severity = language(code)(registry.SEVERITY_ERROR())
    assert said[0].rstrip("\n") == f"{severity}[HB105]: {template(registry.YAML_SYNTAX, code)}"
    for ours, theirs in zip(said[1:], english[1:], strict=True):
        assert ours != theirs
    hints = said[4].splitlines()[1:]
    label = language(code)(registry.HINT_LABEL())
    assert hints == [f"  {label}: {template(REGISTRY[hint], code)}" for hint in sorted(pairs()["HB105"])]
    assert GUIDES[code] in said[5] and "HB105" in said[5]
    if code == "cs":  # no line ends on a one-letter word: the no-break space keeps it with the next
        assert not re.search(r"(?:^|\s)[ksvzouai]$", "\n".join(said), re.MULTILINE)


@pytest.mark.parametrize("given", ["HB030", "hb030", "030", "error[HB030]:", "fel[HB030]", " HB030 "])
def test_a_code_may_be_given_as_it_was_pasted(run, given):
    assert run("explain", given).out == run("explain", "HB030").out


@pytest.mark.parametrize("given", ["HB999", "HB30", "HB0300", "unknown", "HB-030"])
def test_an_unknown_code_is_a_usage_error_that_says_how_to_give_one(run, given):
    result = run("explain", given)
    assert result.code == 2 and result.out == ""
    code = f"HB{given[2:]}" if given.startswith("HB") and given[2:].isdigit() and len(given) == 5 else given
    assert result.err.splitlines() == [f"error[HB774]: handbook has no message {code}",
                                       "  hint: give the code a message shows in brackets, e.g. handbook explain HB030"]


def test_an_unknown_code_is_told_in_the_editors_language(run):
    result = run("--lang", "cs", "explain", "HB999")
    assert result.code == 2
    assert result.err.splitlines()[0] == "chyba[HB774]: handbook nemá žádné hlášení s\u00a0kódem HB999"


def test_a_retired_code_says_it_was_retired(run):
    messages.retire("HB998")
    try:
        result = run("explain", "HB998")
    finally:
        messages._RETIRED.discard("HB998")
    assert result.code == 2
    assert result.err.splitlines()[0] == "error[HB776]: HB998 was retired: this version of handbook never says it"


def test_each_kind_is_explained_for_what_it_does(run):
    assert "A warning: the handbook is still built, but 'handbook build --strict'" in run("explain", "HB443").out
    notice = run("explain", "HB250").out
    assert notice.startswith("notice[HB250]: the review date {date} has passed") and "A notice: it never stops" in notice
    hint = run("explain", "HB032").out.split("\n\n")
    assert hint[0] == "hint[HB032]: did you mean '{word}'?"
    assert "HB030" in hint[1] and "HB433" in hint[1]
    text = run("explain", "HB700").out
    assert text.startswith("HB700: built {pages} ({files}) into {out}") and "nothing needs fixing" in text
    alone = run("explain", "HB011").out  # no hint: the message says it all
    assert "handbook gives no hint with it" in alone and "does not show this message" in alone


def test_every_code_is_explained_in_every_language():
    from handbook.explain import explain

    for code in LANGUAGES:
        say = language(code)
        for number in REGISTRY:
            first = explain(number, say).splitlines()[0]
            assert f"[{number}]: " in first or first.startswith(f"{number}: "), first


# -- the hints: from the code -----------------------------------------------------------------

def test_every_hint_goes_with_a_problem():
    hints = {code for code, message in REGISTRY.items() if message.kind == HINT}
    given = set().union(*pairs().values())
    assert given == hints, f"hints explain cannot place: {sorted(hints - given)}; add them to explain.ALSO"
    for problem in pairs():
        assert REGISTRY[problem].kind not in (HINT, TEXT), problem


def test_also_holds_only_what_the_source_does_not_say_side_by_side():
    found = set(_written_together())
    for problem, hints in ALSO.items():
        for hint in hints:
            assert (problem, hint) not in found, f"{problem} with {hint} is found in the code: remove it from ALSO"


HINT_AFTER = re.compile(r"^(?P<where>\S*: )?(?P<severity>error|warning|notice)\[(?P<code>HB\d{3})\]: .*\n"
                        r"  hint: (?P<hint>.+)$", re.MULTILINE)


def hint_code(text: str) -> str:
    """The code of the hint whose English text this is, its placeholders filled in."""
    for code, message in REGISTRY.items():
        if message.kind == HINT:
            pattern = re.escape(message.text)
            for name in message.placeholders:
                pattern = pattern.replace(re.escape(f"{{{name}}}"), ".+")
            if re.fullmatch(pattern, text):
                return code
    raise AssertionError(f"no hint reads {text!r}")


def shown_pairs() -> list[tuple[str, str]]:
    """Every message shown with its hint in the editors' guide and the README."""
    found = []
    for path in (REPO / "docs/editing.md", REPO / "README.md"):
        for match in HINT_AFTER.finditer(path.read_text(encoding="utf-8")):
            found.append((match["code"], hint_code(match["hint"])))
    return found


def test_the_hints_the_guide_shows_are_the_ones_explain_gives():
    shown = shown_pairs()
    assert len(shown) > 15
    for problem, hint in shown:
        assert hint in pairs().get(problem, ()), f"the guide shows {problem} with {hint}; explain does not"


def test_the_guide_shows_the_codes_explain_sends_editors_to_it_for():
    guide = (REPO / "docs/editing.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\[(HB\d{3})\]", guide))
    assert shown == GUIDE_CODES, "update explain.GUIDE_CODES to the codes docs/editing.md shows"
    for code, path in GUIDES.items():
        translated = REPO / path
        if code != "en" and translated.is_file():  # the guides in other languages show the same messages
            missing = GUIDE_CODES - set(re.findall(r"\[(HB\d{3})\]", translated.read_text(encoding="utf-8")))
            assert not missing, f"{path} does not show {sorted(missing)}"
        assert language(code)(registry.GUIDE_FILE()) == path


def test_explain_is_in_the_help_in_the_editors_language(capsys):
    from handbook.cli import main

    with pytest.raises(SystemExit):
        main(["--lang", "da", "--help"], environ={})
    out = capsys.readouterr().out
    assert "hvad en meddelelse betyder, og hvordan den rettes, ud fra dens kode" in " ".join(out.split())


def test_the_source_is_read_where_the_package_is():
    from handbook import explain

    assert Path(explain.__file__).with_name("registry.py").is_file()
