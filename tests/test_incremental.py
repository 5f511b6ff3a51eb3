"""Incremental runs of the one pipeline, as `handbook serve` makes them: only what an edit
affects is rendered, and the result after any sequence of edits is byte for byte a clean build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, files_of
from handbook.build import BuildReport, build
from handbook.errors import HandbookError
from handbook.markdown import MarkdownRenderer
from handbook.output import LiveFolder
from handbook.paths import is_source
from handbook.pipeline import Pipeline

BASE = "http://127.0.0.1:8000/"


class Serving:
    """The pipeline and live folder that `handbook serve` keeps for a site."""

    def __init__(self, site: Path, out: Path):
        self.pipeline = Pipeline(site, base_url=BASE, watching=True)
        self.live = LiveFolder(out)
        self.last_rendered: list[str] = []

    def rebuild(self) -> BuildReport:
        report = self.pipeline.run(self.live)
        self.last_rendered = report.rendered_paths
        return report


@pytest.fixture
def site(example_site) -> Path:
    return example_site


@pytest.fixture
def builder(site, tmp_path) -> Serving:
    incremental = Serving(site, tmp_path / "serve")
    first = incremental.rebuild()
    # 38 pages, 20 printable handbooks (5 organisations × 4 languages), 4 accessibility
    # statements, sitemap.xml, robots.txt
    assert first.rendered == 64
    return incremental


def edit(file: Path, old: str, new: str):
    def apply():
        text = file.read_text(encoding="utf-8")
        assert old in text
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def test_nothing_changed_renders_nothing(builder):
    report = builder.rebuild()
    assert (report.rendered, report.written, report.removed) == (0, 0, 0)


def test_a_body_edit_renders_only_that_page(builder, site):
    edit(site / "content/proaros/values.md", "Våra ledstjärnor är", "Våra fina ledstjärnor är")()
    report = builder.rebuild()
    # The page, and the organisation's printable handbooks, which show it.
    assert builder.last_rendered == ["sv/proaros/values/index.html",
                                     *(f"{lang}/proaros/print/index.html" for lang in ("sv", "da", "cs", "en"))]
    assert (report.rendered, report.written) == (5, 5)


def test_a_body_edit_converts_only_that_body_again(builder, site, monkeypatch):
    # The printable handbooks show every page of the organisation: serve keeps the other
    # bodies as converted, and converts only the edited one, once.
    converted: list[str] = []
    original = MarkdownRenderer.page

    def page(self, text, language, resolve=None):
        converted.append(text)
        return original(self, text, language, resolve)

    monkeypatch.setattr(MarkdownRenderer, "page", page)
    edit(site / "content/proaros/values.md", "Våra ledstjärnor är", "Våra fina ledstjärnor är")()
    builder.rebuild()
    assert len(converted) == 1 and "Våra fina ledstjärnor är" in converted[0]
    assert "Våra fina ledstjärnor är" in (builder.live.out / "en/proaros/print/index.html").read_text(encoding="utf-8")


def test_a_title_edit_renders_the_pages_that_show_it(builder, site):
    edit(site / "content/proaros/values.md", "title: Våra ledstjärnor", "title: Ledstjärnor")()
    builder.rebuild()
    # Not the sitemap, which shows addresses, not titles; nor other organisations' pages.
    assert set(builder.last_rendered) == {
        "sv/proaros/values/index.html", "sv/proaros/vision/index.html", "en/proaros/vision/index.html",
        *(f"{lang}/index.html" for lang in ("sv", "da", "cs", "en")),
        *(f"{lang}/proaros/index.html" for lang in ("sv", "da", "cs", "en")),
        *(f"{lang}/proaros/print/index.html" for lang in ("sv", "da", "cs", "en"))}


def test_a_translation_edit_renders_its_switchers_and_listings(builder, site):
    edit(site / "content/proaros/vision.en.md", "title: Our vision", "title: Our shared vision")()
    builder.rebuild()
    # The Swedish original shows the English version's address, not its title.
    assert set(builder.last_rendered) == {"en/proaros/vision/index.html", "en/index.html",
                                          "en/proaros/index.html", "en/proaros/print/index.html"}


def test_a_template_edit_renders_the_pages_that_use_it(builder, site):
    (site / "templates").mkdir()
    source = (REPO / "src/handbook/themes/default/templates/strategy.html").read_text()
    (site / "templates/strategy.html").write_text(source.replace('class="goals"', 'class="goals mine"'))
    builder.rebuild()
    assert builder.last_rendered == ["da/cpus-slagelse/strategy/index.html"]


def test_a_catalog_edit_renders_that_language_only(builder, site):
    (site / "locales/da/LC_MESSAGES").mkdir(parents=True)
    (site / "locales/da/LC_MESSAGES/messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: da\\n"\n\nmsgid "Skip to content"\nmsgstr "Til indholdet"\n')
    builder.rebuild()
    rendered = set(builder.last_rendered)
    assert rendered and all(path.startswith("da/") for path in rendered)
    assert len(rendered) == 1 + 1 + 5 + 5 + 3 + 1  # home, 404, organisations, their printable handbooks, Danish pages, statement


def test_a_config_edit_renders_everything(builder, site):
    edit(site / "site.yaml", "da: Håndbog", "da: Vores håndbog")()
    builder.rebuild()
    assert len(builder.last_rendered) == 64


def test_deleting_and_renaming_remove_old_output(builder, site, tmp_path):
    out = tmp_path / "serve"
    (site / "content/hultsfred/vardegrund.md").rename(site / "content/hultsfred/brev.md")
    report = builder.rebuild()
    assert not (out / "sv/hultsfred/vardegrund").exists()
    assert (out / "sv/hultsfred/brev/index.html").is_file()
    assert report.removed == 1
    (site / "content/iq-roma-servis/chceme-byt-lepsi.md").unlink()
    builder.rebuild()
    assert not (out / "cs/iq-roma-servis/chceme-byt-lepsi").exists()
    assert (out / "cs/iq-roma-servis/index.html").is_file()


def test_an_error_changes_nothing_and_the_fix_recovers(builder, site, tmp_path):
    out = tmp_path / "serve"
    before = files_of(out)
    good = (site / "content/proaros/vision.md").read_text()
    (site / "content/proaros/vision.md").write_text("---\ntitle: [broken\n---\n")
    with pytest.raises(HandbookError) as error:
        builder.rebuild()
    assert error.value.problems[0].path == "content/proaros/vision.md"
    assert len(error.value.problems) == 1
    assert files_of(out) == before
    (site / "content/proaros/vision.md").write_text(good)
    report = builder.rebuild()
    assert report.rendered == 0 and files_of(out) == before


def test_a_broken_link_stays_an_error_until_fixed(builder, site):
    edit(site / "content/hultsfred/vardegrund.md", "Sluta aldrig", "Se [här](missing.md). Sluta aldrig")()
    with pytest.raises(HandbookError):
        builder.rebuild()
    edit(site / "site.yaml", "en: Handbook", "en: The handbook")()  # an unrelated edit
    with pytest.raises(HandbookError):
        builder.rebuild()
    edit(site / "content/hultsfred/vardegrund.md", "Se [här](missing.md). ", "")()
    builder.rebuild()


def test_any_sequence_of_edits_equals_a_clean_build(builder, site, tmp_path):
    content = site / "content"
    steps = [
        edit(content / "proaros/values.md", "name: Omtanke", "name: Omsorg"),
        edit(content / "center-norrebro/vision.md", "title: Visioner og værdier", "title: Vores vision"),
        lambda: (content / "proaros/strategy.md").write_text(
            "---\ntitle: Strategi\nperiod: {from: 2024, to: 2026}\ngoals: [Ett mål]\n---\n"
            "Se [värdena](values.md) och [Nørrebro](../center-norrebro/vision.md).\n"),
        edit(content / "center-norrebro/vision.md", "title: Vores vision", "title: Visioner\nslug: visioner"),
        lambda: (content / "hultsfred/vardegrund.md").rename(content / "hultsfred/brev.md"),
        lambda: shutil.rmtree(content / "iq-roma-servis"),
        (content / "aabenraa").mkdir,
        lambda: (content / "aabenraa/organisation.yaml").write_text("name: Aabenraa Kommune\nlanguage: da\n"),
        edit(site / "site.yaml", "languages: [sv, da, cs, en]", "languages: [sv, da, en]"),
        lambda: (site / "site.yaml").write_text(  # and every text in Czech
            re.sub(r"^ *cs: .*\n", "", (site / "site.yaml").read_text(encoding="utf-8"), flags=re.MULTILINE),
            encoding="utf-8"),
        (content / "aabenraa/media").mkdir,
        lambda: (content / "aabenraa/media/logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>"),
        edit(content / "aabenraa/organisation.yaml", "language: da", "language: da\nlogo: media/logo.svg"),
        lambda: (content / "proaros/vision.da.md").write_text("---\ntitle: Vores vision\n---\nTekst.\n"),
    ]
    failures = 0
    for step in steps:
        step()
        try:
            builder.rebuild()
        except HandbookError:
            # An unfinished edit (a folder without its organisation.yaml yet): a clean build
            # fails the same way, and the served files stay as they were.
            failures += 1
            with pytest.raises(HandbookError):
                build(site, tmp_path / "clean", base_url=BASE, use_cache=False)
            continue
        build(site, tmp_path / "clean", base_url=BASE, use_cache=False)
        assert files_of(tmp_path / "serve") == files_of(tmp_path / "clean")
    assert failures == 2


def test_serve_reacts_to_sources_and_not_to_editor_files(site):
    assert is_source(site, site / "content/proaros/new.md")
    assert is_source(site, site / "site.yaml")
    assert is_source(site, site / "templates/base.html")
    assert not is_source(site, site / "content/proaros/.vision.md.swp")
    assert not is_source(site, site / "content/proaros/vision.md~")
    assert not is_source(site, site / "build/index.html")
    assert not is_source(site, site / ".cache/handbook/cache.sqlite")
    assert is_source(site, REPO / "src/handbook/themes/default/base.html", [REPO / "src/handbook/themes"])


def test_many_dirty_pages_render_in_parallel_and_still_equal_a_clean_build(make_site, tmp_path):
    files = {"content/org/organisation.yaml": "name: Org\nlanguage: sv\n"}
    for number in range(200):
        files[f"content/org/page-{number}.md"] = f"---\ntitle: Sida {number}\n---\nSe [nästa](page-{number + 1}.md).\n"
    files["content/org/page-200.md"] = "---\ntitle: Sist\n---\nSlut.\n"
    root = make_site(files)
    incremental = Serving(root, tmp_path / "serve")
    assert incremental.rebuild().rendered == 201 + 4 * 4 + 3
    (root / "content/org/page-7.md").write_text("---\ntitle: Sju\n---\nSe [nästa](page-8.md).\n")
    incremental.rebuild()
    # A large organisation's pages and home cards list only its sections, so only its
    # overviews and printable handbooks show the new title; the page linking to it shows its address, which stayed.
    assert set(incremental.last_rendered) == {"sv/org/page-7/index.html",
                                              *(f"{lang}/org/index.html" for lang in ("sv", "da", "cs", "en")),
                                              *(f"{lang}/org/print/index.html" for lang in ("sv", "da", "cs", "en"))}
    build(root, tmp_path / "clean", base_url=BASE, use_cache=False)
    assert files_of(tmp_path / "serve") == files_of(tmp_path / "clean")


def test_an_anchor_broken_by_editing_the_target_page_is_caught(builder, site):
    edit(site / "content/hultsfred/vardegrund.md", "Sluta aldrig",
         "Se [frågan](#vad-är-då-en-värdegrund). Sluta aldrig")()
    builder.rebuild()
    edit(site / "content/hultsfred/vardegrund.md", "## Vad är då en värdegrund?", "## Vad är en värdegrund?")()
    with pytest.raises(HandbookError) as error:
        builder.rebuild()
    assert "points to a missing anchor '#vad-är-då-en-värdegrund'" in str(error.value)
    edit(site / "content/hultsfred/vardegrund.md", "(#vad-är-då-en-värdegrund)", "(#vad-är-en-värdegrund)")()
    builder.rebuild()
