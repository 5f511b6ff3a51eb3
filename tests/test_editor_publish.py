"""`editor:` in site.yaml: a build publishes admin/ for the Git host's backend (the editor's page,
its configuration and the bundle); without it, no admin/. Mistakes in the setting are reported
at their line with a hint."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import unicodedata
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import SITE_YAML, files_of, text_of
from handbook import definitions

ORG = {"content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
       "content/org/vision.md": "---\ntitle: Vår vision\nstatement: Alltid\n---\nText.\n"}
EDITOR = "editor:\n  backend: github\n  repo: example/handbook\n  branch: published\n  auth_url: https://auth.example.org\n"


def test_without_an_editor_setting_no_admin_is_published(build_site):
    result = build_site(ORG)
    assert not (result.build / "admin").exists()


def test_with_an_editor_setting_admin_is_published_for_the_git_host(build_site):
    result = build_site(ORG, SITE_YAML + EDITOR)
    admin = result.build / "admin"
    page = BeautifulSoup((admin / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "sv"
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "connect-src 'self' https://api.github.com" in policy and "script-src 'self' 'unsafe-eval'" in policy
    scripts = [s["src"] for s in page.find_all("script")]
    assert scripts == ["vendor/decap-cms.js"] and (admin / scripts[0]).stat().st_size > 1_000_000
    assert (admin / "vendor" / "LICENSE").is_file() and (admin / "vendor" / "decap-cms.js.LICENSE.txt").is_file()
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": "example/handbook", "branch": "published",
                                 "base_url": "https://auth.example.org"}
    assert "local_backend" not in config and config["locale"] == "sv"
    files = [f["file"] for f in config["collections"][1]["files"]]
    assert "content/org/vision.md" in files and "content/org/vision.en.md" in files


def test_the_published_editor_is_the_same_on_a_warm_cache(make_site, run):
    root = make_site(ORG, SITE_YAML + EDITOR)
    assert run("build", root).code == 0
    first = files_of(root / "build")
    assert run("build", root, "--no-cache").code == 0
    assert files_of(root / "build") == first


def test_mistakes_in_the_editor_setting_are_reported_at_their_line(make_site, run):
    root = make_site(ORG, SITE_YAML + "editor:\n  backend: githb\n  repo: handbook\n  brnch: main\n")
    result = run("build", root)
    assert result.code == 1
    assert "site.yaml:8:12: error[HB622]: the editor cannot use 'githb'\n  hint: did you mean 'github'?" in result.err
    assert "site.yaml:9:9: error[HB624]: 'repo' must be the repository as owner/name, got 'handbook'" in result.err
    assert "site.yaml:10:3: error[HB030]: unknown key 'brnch' in 'editor'\n  hint: did you mean 'branch'?" in result.err
    assert not (root / "build").exists()


def test_an_editor_setting_needs_a_backend_and_a_repository(make_site, run):
    root = make_site(ORG, SITE_YAML + "editor: github\n")
    result = run("check", root)
    assert result.code == 1 and "site.yaml:7:9: error[HB620]: 'editor' must be 'key: value' lines" in result.err
    root = make_site(ORG, SITE_YAML + "editor:\n  branch: main\n")
    result = run("check", root)
    assert "'editor' is missing 'backend'" in result.err and "'editor' is missing 'repo'" in result.err


# -- new pages and translations in the published editor --------------------------------------------

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PAGES_ORG = {**ORG, "content/org/letter.md": "---\ntitle: Brev\n---\nText.\n",
             "content/org/vision.en.md": "---\ntitle: Our vision\nstatement: Always\ntranslated_from: sv\n---\nText.\n"}


def decap_slug(text: str) -> str:
    """A file name as Decap makes it from a title with the configuration's `slug` settings
    (encoding: ascii, clean_accents, sanitize_replacement '-'): lower case, accents taken off,
    every other sign a '-', and no '-' twice or at either end."""
    plain = unicodedata.normalize("NFKD", text.strip().lower().replace("'", "").replace(".", "-"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9_~-]", "-", plain)).strip("-")


def published_config(build_site, files: dict[str, str], editor: str = EDITOR):
    result = build_site(files, SITE_YAML + editor)
    config = yaml.safe_load((result.build / "admin" / "config.yml").read_text(encoding="utf-8"))
    return result, {collection["name"]: collection for collection in config["collections"]}


def test_the_published_editor_starts_new_pages_with_the_fields_handbook_check_accepts(build_site):
    _result, collections = published_config(build_site, PAGES_ORG)
    pages = collections["pages-org"]
    assert pages["folder"] == "content/org" and pages["extension"] == "md"
    assert pages["format"] == "yaml-frontmatter" and pages["create"] is True and pages["delete"] is False
    assert pages["slug"] == "{{slug}}" and pages["identifier_field"] == "title"
    # A Git host would list every .md of the folder here, sections and translations with a page's
    # fields: the list is kept empty (no handbook file has an empty title), each file is edited
    # among the organisation's files.
    assert pages["filter"] == {"field": "title", "value": ""}
    original = definitions.front_matter("page", original=True)
    fields = {field["name"]: field for field in pages["fields"]}
    assert set(fields) == set(original.names) | {"body"}
    assert {name for name, field in fields.items() if field.get("required", True)} == \
        {key.name for key in original.keys if key.required} == {"title"}
    for field in pages["fields"]:
        if "pattern" in field:
            assert re.fullmatch(field["pattern"][0], "our-mission")


@pytest.mark.parametrize("everything", [False, True], ids=["required fields", "every field"])
def test_a_page_made_as_the_published_configuration_says_builds(build_site, run, everything):
    result, collections = published_config(build_site, PAGES_ORG)
    pages = collections["pages-org"]
    examples = {key.name: key.example for key in definitions.front_matter("page", original=True).keys}
    title = "Vårt uppdrag: Ärligt talat"
    data: dict[str, object] = {"title": title}
    for field in pages["fields"]:
        if everything and field["name"] not in ("title", "body"):
            data[field["name"]] = "our-mission" if "pattern" in field else examples[field["name"]]
    body = "Vi *lovar* lite.\n"
    name = decap_slug(title)
    assert name == "vart-uppdrag-arligt-talat"
    file = result.site / pages["folder"] / f"{name}.{pages['extension']}"
    # Decap's YAML (1.2) writes a date as it is, unquoted: read back, it is a date.
    data = {key: dt.date.fromisoformat(value) if isinstance(value, str) and DATE.fullmatch(value) else value
            for key, value in data.items()}
    file.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    built = run("build", result.site)
    assert built.code == 0, built.err
    address = "our-mission" if everything else name
    page = built.html(f"sv/org/{address}/index.html")
    assert text_of(page.find("h1")) == title and text_of(page.find("em")) == "lovar"


def test_the_published_editor_offers_each_translation_and_marks_those_not_written_yet(build_site):
    _result, collections = published_config(build_site, PAGES_ORG)
    files = {entry["file"]: entry for entry in collections["org-org"]["files"]}
    assert files["content/org/vision.en.md"]["label"] == "Vision (engelska)"
    # GitHub's and Gitea's Decap read a file that is not there as empty: the translation opens
    # as an empty form, and saving it writes vision.da.md beside its original.
    assert files["content/org/vision.da.md"]["label"] == "Vision (danska, inte översatt än)"
    assert files["content/org/letter.da.md"]["label"] == "letter (danska, inte översatt än)"
    translation = {field["name"] for field in files["content/org/vision.da.md"]["fields"]}
    assert translation == set(definitions.front_matter("vision", original=False).names) | {"body"}


def test_on_gitlab_the_published_editor_offers_only_the_translations_there_are(build_site):
    """Decap's GitLab backend cannot open a file that is not there ('failed to load entry'):
    a translation is started with `handbook serve`'s editor or `handbook new page`, and from the
    next build on it is offered online too."""
    gitlab = "editor:\n  backend: gitlab\n  repo: example/handbook\n"
    _result, collections = published_config(build_site, PAGES_ORG, gitlab)
    files = [entry["file"] for entry in collections["org-org"]["files"]]
    assert "content/org/vision.en.md" in files and "content/org/letter.md" in files
    assert not [file for file in files if file.endswith((".da.md", ".cs.md")) or file == "content/org/letter.en.md"]
    assert collections["pages-org"]["create"] is True


# -- admin/ is the editor, not a page of the handbook ------------------------------------------------

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BUILT = re.compile(r"built (\d+) pages? \((\d+) files?\) into .* (\d+) rendered")


def test_the_published_editor_is_not_counted_indexed_or_listed_as_a_page(make_site, run):
    """admin/index.html is the editor's page: the build's summary counts the handbook's pages
    (admin/'s files only among its files), the sitemap does not list it, no search index holds
    it, and 'handbook status' is the same with or without the editor."""

    def built(root):
        """The summaries of a cold build and of one with nothing to do, and what readers get."""
        shutil.rmtree(root / ".cache", ignore_errors=True)
        first, again = run("build", root), run("build", root)
        assert first.code == again.code == 0, first.err
        build = root / "build"
        sitemap = [loc.text for loc in ElementTree.parse(build / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
        indexed = {code: json.loads((build / code / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
                   ["languages"][code]["page_count"] for code in ("sv", "da", "cs", "en")}
        return [BUILT.search(first.err).groups(), BUILT.search(again.err).groups()], sitemap, indexed, \
            run("status", root).out

    reports, sitemap, indexed, status = built(make_site(PAGES_ORG))
    (pages, files, rendered), _again = reports
    assert reports[1] == (pages, files, "0")
    root = make_site(PAGES_ORG, SITE_YAML + EDITOR)
    published = built(root)
    admin = [p for p in (root / "build" / "admin").rglob("*") if p.is_file()]
    assert len(admin) > 10 and (root / "build" / "admin" / "index.html") in admin
    with_admin = str(int(files) + len(admin))
    assert published == ([(pages, with_admin, rendered), (pages, with_admin, "0")], sitemap, indexed, status)
    assert not [url for url in sitemap if "admin" in url] and all(indexed.values())


def test_quick_add_names_each_organisations_new_page(build_site):
    """Decap's "Quick add" lists every collection that starts entries by its singular label: with
    two organisations, two different names."""
    other = {"content/annan/organisation.yaml": "name: Annan\nlanguage: da\n"}
    _result, collections = published_config(build_site, {**PAGES_ORG, **other})
    creatable = [c["label_singular"] for c in collections.values() if c.get("create")]
    assert creatable == ["Organisation", "Sida för Annan", "Sida för Org"]
