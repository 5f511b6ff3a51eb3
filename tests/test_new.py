"""`handbook new`: scaffolds that build as they are, with comments for the editor."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from conftest import text_of


@pytest.fixture
def site(make_site):
    return make_site({"content/proaros/organisation.yaml": "name: proAros\nlanguage: sv\n",
                      "content/proaros/vision.md": "---\ntitle: Vår vision\n---\nText.\n"})


def test_new_organisation_builds_as_it_is(site, run):
    result = run("new", "org", "iq-brno", "--language", "cs", "--name", "IQ Roma servis: Brno", "--site", site)
    assert result.code == 0
    assert result.out.splitlines() == ["created content/iq-brno/organisation.yaml",
                                       "created content/iq-brno/vision.md"]
    yaml_text = (site / "content/iq-brno/organisation.yaml").read_text()
    # The comments are in the organisation's language: Czech.
    assert "# Název organizace" in yaml_text and "name: 'IQ Roma servis: Brno'" in yaml_text
    built = run("build", "--strict", site)
    assert built.code == 0, built.err
    home = built.html("cs/index.html")
    assert "IQ Roma servis: Brno" in [text_of(a) for a in home.select(".card__title a")]
    vision = built.html("cs/iq-brno/vision/index.html")
    assert text_of(vision.select_one("h1")) == "Vize"  # the section's name in the page's language
    assert "<!--" not in (site / "build/cs/iq-brno/vision/index.html").read_text()


@pytest.mark.parametrize("page,title", [("values", "Värdegrund"), ("strategy", "Strategi"),
                                        ("brev-till-personalen", "Brev till personalen")])
def test_new_page_builds_as_it_is(site, run, page, title):
    result = run("new", "page", f"proaros/{page}", "--site", site)
    assert result.code == 0 and result.out.strip() == f"created content/proaros/{page}.md"
    text = (site / f"content/proaros/{page}.md").read_text()
    assert "Ta bort #" in text and "publiceras aldrig" in text  # proAros writes in Swedish
    built = run("build", "--strict", site)
    assert built.code == 0, built.err
    assert text_of(built.html(f"sv/proaros/{page}/index.html").select_one("h1")) == title


@pytest.mark.parametrize("page", ["strategy", "brev-till-personalen"])
def test_new_page_settings_uncommented_build_and_are_not_due_for_review(site, run, page):
    # The commented-out settings are examples to use as they are: dates from today, and a
    # review date a year ahead, not one already past that check would report at once.
    run("new", "page", f"proaros/{page}", "--site", site)
    file = site / f"content/proaros/{page}.md"
    setting = re.compile(r"^# ((?:period|goals|author|role|date|review_by):.*|  (?:from|to): .*|  - .*)$")
    lines = file.read_text(encoding="utf-8").split("\n")
    uncommented = [setting.sub(r"\1", line) for line in lines]
    assert sum(a != b for a, b in zip(lines, uncommented, strict=True)) >= 3
    file.write_text("\n".join(uncommented), encoding="utf-8")
    checked = run("check", "--strict", site)
    assert checked.code == 0, checked.err
    assert "HB250" not in checked.err
    front = yaml.safe_load(file.read_text(encoding="utf-8").split("---")[1])
    assert front["review_by"] > dt.date.today()


def test_new_translation_is_a_draft_until_done(site, run):
    result = run("new", "page", "proaros/vision.en", "--site", site)
    assert result.code == 0
    file = site / "content/proaros/vision.en.md"
    assert "translated_from: sv" in file.read_text() and "draft: true" in file.read_text()
    assert run("build", "--strict", site).code == 0
    assert not (site / "build/en/proaros/vision").exists()
    file.write_text(file.read_text().replace("draft: true\n", "").replace("title: Vår vision", "title: Our vision"))
    built = run("build", "--strict", site)
    assert built.code == 0, built.err
    assert text_of(built.html("en/proaros/vision/index.html").select_one("h1")) == "Our vision"


@pytest.mark.parametrize("args,message", [
    (["org", "proaros"], "content/proaros: error[HB733]: this organisation already exists"),
    (["org", "Bad_Slug"], "error[HB732]: 'Bad_Slug' cannot be used in a URL\n  hint: use lower-case letters, digits and '-', e.g. 'bad-slug'"),
    (["org", "x", "--language", "de"], "site.yaml: error[HB208]: the language 'de' is not in site.yaml"),
    (["page", "nobody/vision"], "content/nobody: error[HB736]: there is no such organisation"),
    (["page", "proaros/vision"], "content/proaros/vision.md: error[HB730]: already exists; nothing was written"),
    (["page", "proaros/values.en"], "error[HB738]: there is no values.md to translate"),
    (["page", "proaros/vision.sv"], "error[HB740]: the original is already in 'sv'"),
    (["page", "proaros"], "proaros: error[HB734]: give the page as <organisation>/<page>"),
    (["page", "proaros/print"], "error[HB741]: 'print' is the address of the organisation's printable handbook"),
])
def test_new_refuses_with_a_clear_message(site, run, args, message):
    before = sorted(p for p in site.rglob("*"))
    result = run("new", *args, "--site", site)
    assert result.code == 1
    assert message in result.err
    assert sorted(p for p in site.rglob("*")) == before


def test_editor_notes_are_never_published_but_code_examples_keep_them(build_site):
    result = build_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
        "content/org/page.md": "---\ntitle: T\n---\n<!-- intern anteckning -->\nSynlig text.\n\n"
                               "```html\n<!-- ett exempel -->\n```\n",
    })
    html = (result.build / "sv/org/page/index.html").read_text()
    assert "intern anteckning" not in html
    assert "&lt;!-- ett exempel --&gt;" in html
