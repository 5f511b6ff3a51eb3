"""The theme's gettext catalogs: complete for sv, da and cs, extracted by the ordinary Babel workflow."""

from __future__ import annotations

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from handbook.theme import BUNDLED_THEMES

THEME = BUNDLED_THEMES / "default"


def extracted_ids() -> set[str]:
    """What `pybabel extract -F babel.cfg` finds in the templates."""
    with open(THEME / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    ids = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            THEME / "templates", method_map, options_map):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def catalog(language: str):
    with open(THEME / "locales" / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


def test_extraction_finds_the_templates_strings():
    ids = extracted_ids()
    assert {"Skip to content", "%(count)s page", "Goals", "Vision", "Values", "Strategy"} <= ids
    assert len(ids) >= 25


def test_the_template_catalog_is_up_to_date():
    with open(THEME / "locales" / "messages.pot", "rb") as handle:
        pot = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert pot == extracted_ids(), "run 'make catalogs' after changing templates"


@pytest.mark.parametrize("language", ["sv", "da", "cs", "en"])
def test_catalog_is_complete_with_no_fuzzy_strings(language):
    messages = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog(language) if m.id}
    missing = extracted_ids() - set(messages)
    assert not missing, f"{language}: not in the catalog: {missing}"
    for msgid, message in messages.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{language}: '{msgid}' is untranslated"
        assert not message.fuzzy, f"{language}: '{msgid}' is fuzzy"


def test_czech_catalog_has_three_plural_forms():
    czech = catalog("cs")
    assert czech.num_plurals == 3
    plural = czech.get("%(count)s page")
    assert plural.string == ("%(count)s stránka", "%(count)s stránky", "%(count)s stránek")


def test_no_compiled_catalogs_are_shipped_in_the_sources():
    assert not list(THEME.rglob("*.mo"))


def test_fuzzy_translation_warns_and_fails_strict(make_site, run):
    po = (THEME / "locales" / "sv" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    po = po.replace('msgid "Skip to content"', '#, fuzzy\nmsgid "Skip to content"')
    root = make_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
        "themes/mine/locales/sv/LC_MESSAGES/messages.po": po,
        "themes/mine/templates/base.html": (THEME / "templates" / "base.html").read_text(),
    }, site_yaml="title: {sv: H}\nbase_url: https://h.example/\nlanguages: [sv]\ntheme: mine\n")
    # The site's theme only overrides some files: templates fall back to nothing here, so copy them.
    for template in (THEME / "templates").glob("*.html"):
        target = root / "themes" / "mine" / "templates" / template.name
        if not target.exists():
            target.write_text(template.read_text(encoding="utf-8"), encoding="utf-8")
    for asset in (THEME / "static").iterdir():
        target = root / "themes" / "mine" / "static" / asset.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(asset.read_bytes())

    result = run("build", root)
    assert result.code == 0
    assert "warning[HB506]: fuzzy translation of 'Skip to content'" in result.err
    assert "themes/mine/locales/sv/LC_MESSAGES/messages.po:" in result.err
    skip = result.html("sv/index.html").select_one(".skip-link").get_text()
    assert skip == "Skip to content"  # a fuzzy string is not used

    strict = run("build", "--strict", "--out", root / "strict-out", root)
    assert strict.code == 1
    assert "warning[HB506]: fuzzy translation of 'Skip to content'" in strict.err
    assert not (root / "strict-out").exists()


def test_broken_catalog_syntax_is_reported_with_its_line(make_site, run, tmp_path):
    root = make_site({"content/org/organisation.yaml": "name: Org\nlanguage: sv\n"},
                     site_yaml="title: {sv: H}\nbase_url: https://h.example/\nlanguages: [sv]\ntheme: mine\n")
    theme = root / "themes" / "mine"
    for source in THEME.rglob("*"):
        if source.is_file():
            target = theme / source.relative_to(THEME)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    po = theme / "locales" / "sv" / "LC_MESSAGES" / "messages.po"
    original = po.read_text(encoding="utf-8")
    po.write_text(original + '\nmsgid "Broken"\nmsgstr "unterminated\n', encoding="utf-8")
    line = original.count("\n") + 3
    result = run("build", root)
    assert result.code == 1
    assert f"themes/mine/locales/sv/LC_MESSAGES/messages.po:{line}:1: error[HB522]: catalog syntax" in result.err
    assert not (root / "build").exists()


GERMAN_PO = """\
msgid ""
msgstr ""
"Language: de\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Skip to content"
msgstr "Zum Inhalt springen"

msgid "%(count)s page"
msgid_plural "%(count)s pages"
msgstr[0] "%(count)s Seite"
msgstr[1] "%(count)s Seiten"
"""


def test_a_new_language_needs_only_site_yaml_and_a_catalog(make_site, run):
    root = make_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\ncountry: SE\n",
        "content/org/letter.md": "---\ntitle: Brev\ndate: 2018-01-01\n---\nText.\n",
        "locales/de/LC_MESSAGES/messages.po": GERMAN_PO,
    }, site_yaml="title: {sv: Handbok, de: Handbuch}\nbase_url: https://h.example/\n"
                 "languages: [sv, de]\n")
    result = run("build", root)
    assert result.code == 0, result.err
    home = result.html("de/index.html")
    assert home.html["lang"] == "de"
    assert home.select_one(".skip-link").get_text() == "Zum Inhalt springen"
    assert home.select_one(".card__count").get_text() == "1 Seite"
    assert "Schweden" in home.select_one(".card__meta").get_text()
    assert [a.get_text() for a in home.select(".language-switcher li > *")] == ["svenska", "Deutsch"]
    # What the site's catalog lacks falls back to English, with a warning naming the file.
    assert "locales/de/LC_MESSAGES/messages.po: warning[HB510]:" in result.err
    assert "interface strings have no entry for 'de'" in result.err
    assert run("build", "--strict", root).code == 1


def test_a_site_catalog_rewords_one_string_of_the_theme(make_site, run):
    root = make_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
        "locales/sv/LC_MESSAGES/messages.po": 'msgid ""\nmsgstr ""\n"Language: sv\\n"\n\n'
                                             'msgid "Skip to content"\nmsgstr "Till innehållet"\n',
    })
    result = run("build", "--strict", root)
    assert result.code == 0, result.err
    assert result.html("sv/index.html").select_one(".skip-link").get_text() == "Till innehållet"
    assert result.html("sv/index.html").select_one(".card__count").get_text() == "0 sidor"
