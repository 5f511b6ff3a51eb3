"""Messages to editors in their own language: the registry of codes, its catalogs, how the language
is chosen, and what each command prints in Swedish, Danish, Czech and English."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

import handbook
from handbook import messages, registry, schema
from handbook.cli import main
from handbook.errors import Problem
from handbook.messages import LOCALES, LanguageName, Message, Text, UnknownLanguage, choose, language
from handbook.usage import HELP_TEXTS, help_texts

SRC = Path(handbook.__file__).parent
LANGUAGES = ("sv", "da", "cs", "en")
REGISTRY = messages.registry()
# Placeholders a translation may leave out: argparse's type name ('int') means nothing to an editor.
MAY_LEAVE_OUT = {("HB852", "type")}
# A one-letter Czech preposition or conjunction followed by a plain space (it must be U+00A0).
CZECH_ONE_LETTER = re.compile(r"(?:(?<=\s)|^)[ksvzouaiKSVZOUAI] (?=\S)", re.MULTILINE)


def catalog(code: str):
    with open(LOCALES / code / "LC_MESSAGES" / "handbook.po", "rb") as file:
        return read_po(file, locale=code, domain="handbook")


# -- the registry ---------------------------------------------------------------------------

def test_every_code_is_unique_well_formed_and_never_reused():
    assert len(REGISTRY) >= 300
    for code, message in REGISTRY.items():
        assert re.fullmatch(r"HB\d{3}", code) and message.code == code
    assert not set(REGISTRY) & messages.retired()
    with pytest.raises(ValueError, match="used twice"):
        Message("HB030", "another text")
    names = [name for name, value in vars(registry).items() if isinstance(value, Message)]
    assert len(names) == len(REGISTRY), "every message has one name in registry.py"


def test_a_retired_code_cannot_be_given_to_a_new_message():
    messages.retire("HB999")
    try:
        with pytest.raises(ValueError, match="retired"):
            Message("HB999", "a new message")
    finally:
        messages._RETIRED.discard("HB999")


def test_a_message_takes_exactly_its_placeholders():
    assert registry.UNKNOWN_KEY(key="x", what="site.yaml").code == "HB030"
    with pytest.raises(TypeError):
        registry.UNKNOWN_KEY(key="x")
    with pytest.raises(TypeError):
        registry.UNKNOWN_KEY(key="x", what="y", extra="z")


def _registry_calls():
    """Every `msg.NAME(…)` and `msg.NAME` in the package's code."""
    for file in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "msg":
                yield file.name, node


def test_every_message_used_in_the_code_exists_and_gets_its_placeholders():
    for file in sorted(SRC.rglob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        calls = {id(n.func): n for n in ast.walk(tree) if isinstance(n, ast.Call)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "msg":
                message = getattr(registry, node.attr, None)
                if isinstance(message, Message) and id(node) in calls:
                    call = calls[id(node)]
                    assert not call.args, f"{file.name}:{node.lineno}: {node.attr} takes its values by name"
                    given = {keyword.arg for keyword in call.keywords}
                    assert given == message.placeholders, \
                        f"{file.name}:{node.lineno}: {node.attr} ({message.code}) takes {sorted(message.placeholders)}"
                else:
                    assert message is not None, f"{file.name}:{node.lineno}: no message {node.attr} in registry.py"


def test_every_message_of_the_registry_is_used():
    used = {node.attr for _file, node in _registry_calls()}
    used |= {name for name, value in vars(registry).items() if isinstance(value, Message)
             and value.text in HELP_TEXTS}  # the help texts are found by their English words
    unused = sorted(name for name, value in vars(registry).items()
                    if isinstance(value, Message) and name not in used)
    assert not unused, f"messages no code uses (retire their codes): {unused}"


def _is_words(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)) \
        or (isinstance(node, ast.BinOp) and (_is_words(node.left) or _is_words(node.right)))


def test_no_problem_is_written_in_words_outside_the_registry():
    """A message or hint written as a string in the code would have no code and no translation."""
    for file in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("error", "warning", "notice", "Problem", "Finding", "Refused"):
                # Finding(message, needle, …); Refused(message, status); Problem(path, message, …);
                # problems.error(path, message, …)
                said = node.args[:1] if name in ("Finding", "Refused") else node.args[1:]
                for argument in said + [k.value for k in node.keywords if k.arg not in ("severity", "needle")]:
                    assert not _is_words(argument), \
                        f"{file.name}:{node.lineno}: a message in words; add it to registry.py and use msg.NAME(…)"


def test_a_problem_refuses_words_that_are_not_from_the_registry():
    with pytest.raises(TypeError):
        Problem("site.yaml", "something is wrong")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Problem("site.yaml", registry.NO_CONTENT(), hint="do this")  # type: ignore[arg-type]
    with pytest.raises(TypeError):  # a hint is not a message, nor a message a hint
        Problem("site.yaml", registry.ADD_LINE(key="title"))


def test_a_text_survives_the_cache_as_data():
    text = registry.MUST_BE_TEXT(key="title", kind=registry.KIND_LIST())
    assert Text.from_json(text.to_json()) == text
    named = registry.INTERFACE_NOT_TRANSLATED(name=LanguageName("de"), code="de")
    assert Text.from_json(named.to_json()) == named
    with pytest.raises(KeyError):
        Text.from_json({"code": "HB998", "values": {}})


# -- the catalogs ---------------------------------------------------------------------------

def extracted() -> list[tuple[str, object]]:
    """What `make messages` extracts: (msgctxt, msgid), the code of a message of registry.py or
    'schema: …' for a text of the JSON Schemas (schema.py)."""
    with open(LOCALES / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {"Message": ((1, "c"), 2), "plural": ((1, "c"), 2, 3)}
    return [(context, message) for _file, _line, message, _comments, context
            in extract_from_dir(SRC, method_map, options_map, keywords=keywords)]


def is_message(context: str | None) -> bool:
    return context is not None and messages.CODE.fullmatch(context) is not None


def test_extraction_finds_every_message_with_its_code():
    found = dict((context, text) for context, text in extracted() if is_message(context))
    assert set(found) == set(REGISTRY)
    for code, message in REGISTRY.items():
        assert found[code] == ((message.text, message.plural) if message.plural else message.text)


def test_extraction_finds_every_text_of_the_schemas_once():
    found = [(context, text) for context, text in extracted() if not is_message(context)]
    assert found == list(schema.texts()) and len(found) > 80
    assert all(context.startswith("schema: ") for context, _text in found)


def test_the_template_is_up_to_date():
    with open(LOCALES / "handbook.pot", "rb") as file:
        pot = {(m.context, m.id) for m in read_po(file) if m.id}
    assert pot == {(context, tuple(m) if isinstance(m, tuple) else m) for context, m in extracted()}, \
        "run 'make messages' after changing registry.py or definitions.py"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_text_of_the_schemas_is_translated(code):
    entries = {(m.context, m.id): m for m in catalog(code) if m.id and not is_message(m.context)}
    assert set(entries) == set(schema.texts()), f"{code}: run 'make messages' and translate"
    for (context, english), entry in entries.items():
        assert entry.string and not entry.fuzzy, f"{code} {context}: not translated"
        assert (entry.string == english) == (code == "en"), f"{code} {context}: {entry.string!r}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_catalog_has_every_message_translated_with_the_same_placeholders(code):
    entries = {m.context: m for m in catalog(code) if m.id and is_message(m.context)}
    assert set(entries) == set(REGISTRY), f"{code}: run 'make messages' and translate"
    for context, entry in entries.items():
        message = REGISTRY[context]
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        assert not entry.fuzzy and all(strings), f"{code} {context}: not translated"
        if message.plural is not None:
            assert len(strings) == catalog(code).num_plurals, f"{code} {context}: plural forms"
        for text in strings:
            found = set(messages.PLACEHOLDER.findall(text))
            assert found <= message.placeholders, f"{code} {context}: unknown placeholder in {text!r}"
            left_out = message.placeholders - found - {"count"} if message.plural else message.placeholders - found
            assert not {(context, name) for name in left_out} - MAY_LEAVE_OUT, \
                f"{code} {context}: {sorted(left_out)} missing from {text!r}"


def test_the_english_catalog_says_what_the_registry_says():
    for entry in catalog("en"):
        if entry.id:
            assert entry.string == entry.id, f"en {entry.context}: the registry's English is the source"


def test_czech_keeps_one_letter_words_with_the_next_word():
    for entry in catalog("cs"):
        for text in entry.string if isinstance(entry.string, tuple) else (entry.string,):
            assert not CZECH_ONE_LETTER.search(text), f"cs {entry.context}: a plain space in {text!r}"


@pytest.mark.parametrize("count,form", [(1, "1 chyba"), (2, "2 chyby"), (4, "4 chyby"), (5, "5 chyb"), (21, "21 chyb")])
def test_czech_counts_with_three_forms(count, form):
    assert language("cs")(registry.ERRORS(count=count)) == form


@pytest.mark.parametrize("code,name", [("en", "German (de)"), ("sv", "tyska (de)"), ("da", "tysk (de)"),
                                       ("cs", "de (němčina)")])
def test_a_language_is_named_in_the_editors_language(code, name):
    assert name in language(code)(registry.INTERFACE_NOT_TRANSLATED(name=LanguageName("de"), code="de"))


@pytest.mark.parametrize("count,form", [(1, "1 stránka"), (2, "2 stránky"), (5, "5 stránek")])
def test_czech_page_counts(count, form):
    assert language("cs")(registry.PAGES(count=count)) == form


# -- choosing the language ------------------------------------------------------------------

@pytest.mark.parametrize("option,environ,expected", [
    ("da", {"HANDBOOK_LANG": "sv", "LC_ALL": "cs_CZ.UTF-8", "LANG": "sv_SE.UTF-8"}, "da"),
    (None, {"HANDBOOK_LANG": "sv", "LC_ALL": "cs_CZ.UTF-8", "LC_MESSAGES": "da_DK", "LANG": "da_DK"}, "sv"),
    (None, {"LC_ALL": "cs_CZ.UTF-8", "LC_MESSAGES": "da_DK.UTF-8", "LANG": "sv_SE.UTF-8"}, "cs"),
    (None, {"LC_MESSAGES": "da_DK.UTF-8", "LANG": "sv_SE.UTF-8"}, "da"),
    (None, {"LANG": "sv_SE.UTF-8"}, "sv"),
    (None, {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "da_DK.ISO-8859-1@euro"}, "da"),
    (None, {"LC_ALL": "C", "LANG": "sv_SE.UTF-8"}, "en"),
    (None, {"LC_ALL": "POSIX"}, "en"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"LANG": "de_DE.UTF-8"}, "en"),  # a language handbook does not speak: English
    (None, {}, "en"),
    ("sv-SE", {}, "sv"),
    ("CS", {}, "cs"),
])
def test_the_language_is_chosen_in_order(option, environ, expected):
    assert choose(option, environ).code == expected


@pytest.mark.parametrize("option,environ", [("de", {}), (None, {"HANDBOOK_LANG": "xx"})])
def test_an_unknown_language_asked_for_by_name_is_refused(option, environ):
    with pytest.raises(UnknownLanguage):
        choose(option, environ)


MISTAKE = {"content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
           "content/org/vision.md": "---\ntitle: Vision\nstatment: Alltid\n---\nText.\n"}
SAID = {
    "en": ["content/org/vision.md:3:1: error[HB030]: unknown key 'statment' in the front matter of a vision page",
           "  hint: did you mean 'statement'?",
           "1 error; nothing was written, the previous output is unchanged"],
    "sv": ["content/org/vision.md:3:1: fel[HB030]: okänd inställning 'statment' i sidhuvudet på en visionssida",
           "  tips: menade du 'statement'?",
           "1 fel; inget skrevs, det som byggdes förra gången är oförändrat"],
    "da": ["content/org/vision.md:3:1: fejl[HB030]: ukendt indstilling 'statment' i sidehovedet på en visionsside",
           "  tip: mente du 'statement'?",
           "1 fejl; der blev ikke skrevet noget, og det, der blev bygget sidst, er uændret"],
    "cs": ["content/org/vision.md:3:1: chyba[HB030]: záhlaví stránky s\u00a0vizí obsahuje neznámé nastavení 'statment'",
           "  rada: nemysleli jste 'statement'?",
           "1 chyba; nic se nezapsalo, předchozí výsledek zůstává beze změny"],
}


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_mistake_is_told_in_the_editors_language_with_the_same_code_and_place(make_site, run, code):
    root = make_site(MISTAKE)
    result = run("--lang", code, "build", root)
    assert result.code == 1
    assert result.err.splitlines() == SAID[code]
    assert not (root / "build").exists()


@pytest.mark.parametrize("variable", ["HANDBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"])
def test_the_environment_chooses_the_language(make_site, run, monkeypatch, variable):
    monkeypatch.setenv(variable, "da_DK.UTF-8")
    result = run("check", make_site(MISTAKE))
    assert result.err.splitlines() == [*SAID["da"][:2], "1 fejl"]


def test_lang_on_the_command_line_wins_over_the_environment(make_site, run, monkeypatch):
    monkeypatch.setenv("HANDBOOK_LANG", "da")
    monkeypatch.setenv("LC_ALL", "cs_CZ.UTF-8")
    assert run("build", make_site(MISTAKE), "--lang", "sv").err.splitlines() == SAID["sv"]
    monkeypatch.delenv("HANDBOOK_LANG")
    assert run("build", make_site(MISTAKE)).err.splitlines() == SAID["cs"]


def test_an_unknown_lang_is_a_usage_error_that_lists_the_languages(make_site, run, monkeypatch):
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    result = run("--lang", "de", "build", make_site(MISTAKE))
    assert result.code == 2
    assert result.err.splitlines() == ["--lang: fel[HB723]: handbook har inga meddelanden på 'de'",
                                       "  tips: välj ett av: cs, da, en, sv"]
    monkeypatch.setenv("HANDBOOK_LANG", "klingon")
    result = run("check", make_site(MISTAKE))
    assert result.code == 2 and result.err.startswith("HANDBOOK_LANG: fel[HB723]: ")


@pytest.mark.parametrize("count,summary", [(1, "1 chyba"), (2, "2 chyby"), (5, "5 chyb")])
def test_the_czech_summary_counts_errors_in_three_forms(make_site, run, count, summary):
    front = "".join(f"klic{n}: x\n" for n in range(count))
    root = make_site({"content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
                      "content/org/page.md": f"---\ntitle: Stránka\n{front}---\nText.\n"})
    result = run("--lang", "cs", "build", root)
    assert result.err.splitlines()[-1] == f"{summary}; nic se nezapsalo, předchozí výsledek zůstává beze změny"
    assert len([line for line in result.err.splitlines() if ": chyba[HB030]: " in line]) == count


def test_warnings_from_the_cache_are_told_in_the_language_of_the_next_run(make_site, run):
    root = make_site({"content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
                      "content/org/vision.md": "---\ntitle: Vision\n---\nText.\n", "content/org/notes.txt": "x"})
    first = run("build", root)
    assert "content/org/notes.txt: warning[HB219]: this is not used" in first.err
    again = run("--lang", "sv", "build", root)  # nothing changed: the warnings come from the cache
    assert "content/org/notes.txt: varning[HB219]: detta används inte" in again.err
    assert re.fullmatch(r"byggde \d+ sidor \(\d+ filer\) till \S+ på [\d,]+ s: 0 skapades på nytt, 0 sparades",
                        again.err.splitlines()[-1]), again.err


# -- the commands ---------------------------------------------------------------------------

STATUS_SITE = {
    "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
    "content/org/vision.md": "---\ntitle: Vision\nupdated: 2025-03-01\nreview_by: 2025-06-30\n---\nText.\n",
    "content/org/vision.en.md": "---\ntitle: Vision\nupdated: 2025-01-10\n---\nText.\n",
    "content/org/values.md": "---\ntitle: Värderingar\n---\nText.\n",
}


def test_status_in_swedish(make_site, run, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    result = run("--lang", "sv", "status", make_site(STATUS_SITE))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "sida        sv         da         cs         en",
        "org/vision  original   -          -          FÖRÅLDRAD",
        "org/values  original   -          -          -",
        "",
        "2 sidor; 1 översättning (1 föråldrad); 5 saknas",
        "",
        "1 sida har passerat granskningsdatumet:",
        "content/org/vision.md:4: granska senast 2025-06-30",
    ]


def test_status_for_scripts_stays_in_english(make_site, run, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    result = run("--lang", "cs", "status", "--json", make_site(STATUS_SITE))
    assert '"status": "outdated"' in result.out and '"past_review": true' in result.out


def test_summaries_and_created_files_in_czech(make_site, run):
    root = make_site({"content/org/organisation.yaml": "name: Org\nlanguage: cs\n",
                      "content/org/vision.md": "---\ntitle: Vize\n---\nText.\n"})
    built = run("--lang", "cs", "build", root)
    assert re.fullmatch(r"sestaveno: \d+ stránek \(\d+ souborů\) do \S+ za [\d,]+ s; vytvořeno: \d+, zapsáno: \d+",
                        built.err.splitlines()[-1]), built.err
    checked = run("--lang", "cs", "check", root)
    assert re.fullmatch(r"zkontrolováno: \d+ stránek, žádné chyby", checked.err.splitlines()[-1]), checked.err
    created = run("--lang", "cs", "new", "page", "org/kontakty", "--site", root)
    assert created.out.splitlines() == ["vytvořeno: content/org/kontakty.md"]


DANISH_SITE = {"site.yaml": "title: {da: Håndbog}\nbase_url: https://x.example/\nlanguages: [da, en]\n"
                            "accessibility: false\n"}


def test_new_site_writes_its_notes_in_the_sites_first_language(tmp_path, run):
    site = tmp_path / "prirucka"
    result = run("new", "site", site, "--languages", "cs,en", "--name", "Poradna")
    assert result.code == 0, result.err
    settings = (site / "site.yaml").read_text(encoding="utf-8")
    assert settings.startswith("# Nastavení celé příručky. Řádky začínající znakem # jsou poznámky pro redaktory.\n")
    assert "#   country: CZ " in settings and "#     - Filmy nemají titulky." in settings
    assert (site / ".gitignore").read_text(encoding="utf-8").startswith("# Vytváří handbook:")
    assert "# Název organizace" in (site / "content/prirucka/organisation.yaml").read_text(encoding="utf-8")
    assert run("build", "--strict", site).code == 0


def test_new_writes_its_comments_in_the_organisations_language(tmp_path, run):
    root = tmp_path / "site"
    root.mkdir()
    (root / "site.yaml").write_text(DANISH_SITE["site.yaml"], encoding="utf-8")
    result = run("new", "org", "sundhedshus", "--name", "Sundhedshuset", "--site", root)  # English messages
    assert result.out.splitlines() == ["created content/sundhedshus/organisation.yaml",
                                       "created content/sundhedshus/vision.md"]
    organisation = (root / "content/sundhedshus/organisation.yaml").read_text(encoding="utf-8")
    assert organisation.splitlines()[:4] == ["# Organisationens navn, som læserne skal se det.", "name: Sundhedshuset",
                                             "# Det sprog, organisationen skriver på: et af da, en.", "language: da"]
    vision = (root / "content/sundhedshus/vision.md").read_text(encoding="utf-8")
    assert "# Visionen i én sætning, vist stort øverst på siden. Fjern # for at bruge den." in vision
    assert "Denne note er til redaktører og bliver aldrig udgivet." in vision
    run("new", "page", "sundhedshus/vision.en", "--site", root)
    translation = (root / "content/sundhedshus/vision.en.md").read_text(encoding="utf-8")
    assert "# Oversæt titlen og teksten nedenfor fra vision.md." in translation
    assert run("build", "--strict", root).code == 0


SITE_VALUES = {"titles": "  sv: Handbok", "languages": "sv", "default": "sv", "country": "SE"}
SCAFFOLDS = (registry.NEW_VISION, registry.NEW_VALUES, registry.NEW_STRATEGY, registry.NEW_PAGE,
             registry.NEW_ORGANISATION_OPTIONAL, registry.NEW_SITE_YAML)
# What `handbook new` fills in: dates from the day it runs.
PAGE_DATES = {"today": "2026-11-24", "review_by": "2027-11-24"}
STRATEGY_DATES = {"start": "2026", "end": "2028", "review_by": "2027-11-24"}
EXAMPLE_LINE = re.compile(r"^# (?=\s*(?:- )?[a-z_]+:)", re.MULTILINE)


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("scaffold", SCAFFOLDS, ids=lambda m: m.code)
def test_the_examples_in_new_files_work_when_uncommented(code, scaffold):
    """'Remove the # to use it': in every language, the example lines are YAML with the same keys."""
    values = {registry.NEW_SITE_YAML: SITE_VALUES, registry.NEW_PAGE: PAGE_DATES,
              registry.NEW_STRATEGY: STRATEGY_DATES}.get(scaffold, {})
    english = yaml.safe_load(EXAMPLE_LINE.sub("", messages.english()(scaffold(**values))))
    translated = yaml.safe_load(EXAMPLE_LINE.sub("", language(code)(scaffold(**values))))
    assert isinstance(translated, dict) and set(translated) == set(english) and english
    for key, value in english.items():
        assert type(translated[key]) is type(value), f"{code} {scaffold.code}: {key}"
        if isinstance(value, (list, dict)):
            assert len(translated[key]) == len(value)
            if isinstance(value, dict):
                assert set(translated[key]) == set(value)


# -- the command line's own words -----------------------------------------------------------

def test_every_help_text_is_in_the_registry():
    from handbook.cli import _parser

    assert help_texts(_parser()) <= set(HELP_TEXTS), "add the help text to registry.py and usage.HELP_TEXTS"


def test_help_in_swedish(capsys):
    with pytest.raises(SystemExit) as exit_code:
        main(["--lang", "sv", "build", "--help"], environ={})
    out = capsys.readouterr().out
    assert exit_code.value.code == 0
    assert out.startswith("användning: handbook build")
    assert "behandla varningar som fel (för CI)" in out and "alternativ:" in out


@pytest.mark.parametrize("arguments,line", [
    (["bild"], "handbook: fejl[HB851]: argumentet COMMAND: ugyldigt valg: 'bild' (vælg mellem "),
    (["serve", "--port", "x"], "handbook serve: fejl[HB852]: argumentet --port: ugyldig værdi: 'x'"),
    (["new", "org"], "handbook new org: fejl[HB850]: disse argumenter mangler: slug"),
])
def test_a_usage_error_is_told_in_the_editors_language(capsys, arguments, line):
    with pytest.raises(SystemExit) as exit_code:
        main(["--lang", "da", *arguments], environ={})
    err = capsys.readouterr().err.splitlines()
    assert exit_code.value.code == 2
    assert err[0].startswith("brug: handbook")
    said = [index for index, text in enumerate(err) if text.startswith(line)]
    assert said, err
    hint = err[said[0] + 1]
    assert hint.startswith("  tip: '") and hint.endswith(" --help' viser, hvad kommandoen tager imod")


def test_the_serve_overlay_speaks_the_editors_language():
    from bs4 import BeautifulSoup

    from handbook.serve import Overlay, _with_overlay

    say = language("sv")
    words = Overlay(say(registry.OVERLAY_HEADING()), say(registry.OVERLAY_ADVICE()), say(registry.OVERLAY_TITLE()), "sv")
    page = BeautifulSoup(_with_overlay(b"<html><body><p>x</p></body></html>", "fel", words), "html.parser")
    overlay = page.find(id="handbook-error")
    assert overlay["lang"] == "sv" and overlay.h1.get_text() == "Handboken kunde inte byggas om"


def test_a_problem_in_any_language_keeps_its_place_and_code():
    """Problem.format in a language changes the words only: path, line, column and code stay."""
    problem = Problem("content/a.md", registry.NO_SUCH_PAGE(url="x.md"), 4, 2, registry.LINK_BY_FILE())
    said = {code: problem.format(language(code)).splitlines() for code in LANGUAGES}
    for lines in said.values():
        assert re.fullmatch(r"content/a\.md:4:2: \w+\[HB303\]: \S.*'x\.md'.*", lines[0]), lines
        assert len(lines) == 2 and lines[1].startswith("  ")
    assert len({lines[0] for lines in said.values()}) == 4  # four languages, four wordings
