"""Output guarantees: the URL layout, deterministic bytes, and a failed build that changes nothing."""

from __future__ import annotations

from conftest import copy_example, files_of, parse


def test_urls_follow_the_contract(example):
    for path in ["index.html", "sitemap.xml", "robots.txt",
                 "sv/index.html", "da/index.html", "cs/index.html", "en/index.html",
                 "sv/404.html", "en/404.html",
                 "sv/proaros/index.html", "en/proaros/index.html",
                 "sv/proaros/vision/index.html", "sv/proaros/values/index.html",
                 "sv/hultsfred/vardegrund/index.html",
                 "da/center-norrebro/vision/index.html", "da/center-norrebro/values/index.html",
                 "da/cpus-slagelse/strategy/index.html",
                 "cs/iq-roma-servis/chceme-byt-lepsi/index.html"]:
        assert (example / path).is_file(), path
    # A page exists only in the languages it is written in: no silently mixed-language copies.
    assert not (example / "da" / "proaros" / "vision").exists()
    assert not (example / "cs" / "hultsfred" / "vardegrund").exists()


def test_same_sources_give_identical_bytes(tmp_path, run):
    site = copy_example(tmp_path / "site")
    assert run("build", "--out", tmp_path / "one", site).code == 0
    assert run("build", "--out", tmp_path / "two", site).code == 0
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")


def test_a_rebuild_replaces_the_output_and_removes_stale_pages(tmp_path, run):
    site = copy_example(tmp_path / "site")
    assert run("build", site).code == 0
    (site / "content" / "hultsfred" / "vardegrund.md").unlink()
    assert run("build", site).code == 0
    assert not (site / "build" / "sv" / "hultsfred" / "vardegrund").exists()
    assert (site / "build" / "sv" / "hultsfred" / "index.html").is_file()
    assert not list(site.glob(".build.tmp-*"))


def test_a_failed_build_leaves_the_previous_output_exactly(tmp_path, run):
    site = copy_example(tmp_path / "site")
    assert run("build", site).code == 0
    before = files_of(site / "build")
    (site / "content" / "proaros" / "vision.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    assert run("build", site).code == 1
    assert files_of(site / "build") == before


def test_root_page_picks_a_language_and_lists_them_all(example):
    root = parse(example / "index.html")
    links = {a["hreflang"]: a["href"] for a in root.select(".language-list a")}
    assert links == {"sv": "sv/", "da": "da/", "cs": "cs/", "en": "en/"}
    assert [a.get_text() for a in root.select(".language-list a")] == ["svenska", "dansk", "čeština", "English"]
    script = root.find("script")
    assert script.string is None, "the picker is a file, so the security policy needs no inline script"
    assert script["data-languages"] == "sv da cs en" and script["data-default"] == "en"
    code = (example / script["src"]).read_text(encoding="utf-8")
    assert "navigator.languages" in code and "location.replace" in code


def test_sitemap_and_robots(example):
    sitemap = (example / "sitemap.xml").read_text()
    assert "<loc>https://handbook.example/da/cpus-slagelse/strategy/</loc>" in sitemap
    assert 'hreflang="cs" href="https://handbook.example/cs/"' in sitemap
    robots = (example / "robots.txt").read_text()
    assert "Sitemap: https://handbook.example/sitemap.xml" in robots


def test_every_page_has_lang_dir_and_one_h1(example):
    for file in example.rglob("*.html"):
        soup = parse(file)
        assert soup.html.get("lang") in ("sv", "da", "cs", "en"), file
        assert soup.html.get("dir") == "ltr", file
        assert len(soup.find_all("h1")) == 1, file
        assert soup.select_one("a.skip-link")["href"] == "#main"
        assert soup.find("main", id="main") is not None


def test_no_page_repeats_site_wide_lists(example):
    """Pages carry at most the list of organisations, never every page of the site."""
    page = parse(example / "sv" / "proaros" / "vision" / "index.html")
    hrefs = [a["href"] for a in page.find_all("a")]
    assert not any("hultsfred" in h or "iq-roma-servis" in h for h in hrefs)


def test_the_package_bundles_the_default_theme(make_site, run, tmp_path):
    """A site with only site.yaml and content/ builds with the installed theme."""
    root = make_site({"content/org/organisation.yaml": "name: Org\nlanguage: da\n"})
    assert not (root / "themes").exists()
    assert run("build", root).code == 0
    css = list((root / "build" / "assets").glob("style.*.css"))
    assert len(css) == 1 and "@media print" in css[0].read_text()


def test_media_files_are_published_once_and_linked(build_site):
    result = build_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\nlogo: media/logo.svg\n",
        "content/org/media/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "content/org/media/photo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "content/org/page.md": "---\ntitle: T\n---\n![Ett foto](media/photo.svg)\n",
    })
    assert (result.build / "media" / "org" / "photo.svg").is_file()
    image = result.html("sv/org/page/index.html").select_one(".prose img")
    assert image["src"] == "../../../media/org/photo.svg"
    assert image["alt"] == "Ett foto"
    logo = result.html("da/org/index.html").select_one(".organisation__logo")
    assert logo["src"] == "../../media/org/logo.svg"


def test_markdown_links_to_pages_become_urls(build_site):
    result = build_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
        "content/org/vision.md": "---\ntitle: V\n---\nSe [värdena](values.md#kunskap) och [den andra](../other/vision.md).\n",
        "content/org/values.md": "---\ntitle: Värden\n---\n## Kunskap\n",
        "content/other/organisation.yaml": "name: Other\nlanguage: da\n",
        "content/other/vision.md": "---\ntitle: Anden\n---\n",
    })
    links = [a["href"] for a in result.html("sv/org/vision/index.html").select(".prose a")]
    assert links == ["../values/#kunskap", "../../../da/other/vision/"]


def many_pages(count: int) -> dict[str, str]:
    files = {"content/org/organisation.yaml": "name: Org\nlanguage: sv\n"}
    for number in range(count):
        files[f"content/org/page-{number}.md"] = f"---\ntitle: Sida {number}\n---\nText *{number}*.\n"
    return files


def test_parallel_rendering_gives_the_same_bytes(make_site, tmp_path):
    from handbook.build import build
    root = make_site(many_pages(300))
    serial = build(root, tmp_path / "serial", jobs=1)
    parallel = build(root, tmp_path / "parallel", jobs=2)
    assert serial.pages == parallel.pages == 300 + 4 * 4 + 1  # and per language: home, 404, organisation, print
    assert files_of(tmp_path / "serial") == files_of(tmp_path / "parallel")


def test_parallel_rendering_converts_each_body_once(make_site, tmp_path, monkeypatch):
    """An organisation's printable handbooks show its pages' bodies: a worker is given an
    organisation's outputs together, so that it converts them once for both."""
    from handbook.build import build
    from handbook.markdown import MarkdownRenderer
    files = {}
    for organisation in range(5):
        files[f"content/org-{organisation}/organisation.yaml"] = f"name: Org {organisation}\nlanguage: sv\n"
        for number in range(50):
            files[f"content/org-{organisation}/page-{number}.md"] = f"---\ntitle: S\n---\nText {organisation}-{number}.\n"
    root = make_site(files)
    log = tmp_path / "converted"
    page = MarkdownRenderer.page

    def logged(self, text, language, resolve=None):
        with open(log, "a", encoding="utf-8") as handle:  # from whichever process converts it
            handle.write(text.strip() + "\n")
        return page(self, text, language, resolve)

    monkeypatch.setattr(MarkdownRenderer, "page", logged)
    build(root, tmp_path / "out", jobs=2, use_cache=False)
    converted = log.read_text(encoding="utf-8").splitlines()
    assert sorted(converted) == sorted(f"Text {o}-{n}." for o in range(5) for n in range(50))


def test_problems_found_while_rendering_in_parallel_are_reported(make_site, tmp_path):
    import pytest

    from handbook.build import build
    from handbook.errors import HandbookError
    files = many_pages(300)
    files["content/org/page-299.md"] = "---\ntitle: Sist\n---\nSe [saknad](missing.md).\n"
    root = make_site(files)
    with pytest.raises(HandbookError) as error:
        build(root, tmp_path / "out", jobs=2)
    assert [p.format() for p in error.value.problems] == [
        "content/org/page-299.md:4: error[HB303]: the link 'missing.md' points to a page that does not exist\n"
        "  hint: pages of org: page-0.md, page-1.md, page-10.md, page-100.md, page-101.md, "
        "page-102.md, page-103.md, page-104.md, …"]
    assert not (tmp_path / "out").exists()


def test_a_large_organisation_does_not_list_every_page_on_every_page(build_site):
    files = many_pages(20)
    files["content/org/vision.md"] = "---\ntitle: Vår vision\n---\n"
    result = build_site(files)
    page = result.html("sv/org/page-7/index.html")
    listed = [a.get_text() for a in page.select(".page-contents li a")]
    assert listed == ["Vår vision", "Sida 7"]
    more = page.select_one(".page-contents__more a")
    assert more.get_text() == "19 sidor till" and more["href"] == "../"


def test_a_small_organisation_lists_all_its_pages_on_each(build_site):
    small = build_site(many_pages(3))
    assert len(small.html("sv/org/page-1/index.html").select(".page-contents li a")) == 3
    assert small.html("sv/org/page-1/index.html").select_one(".page-contents__more") is None


def test_media_names_with_spaces_and_hidden_files(build_site):
    result = build_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
        "content/org/media/my photo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "content/org/media/.DS_Store": b"\x00",
        "content/org/page.md": "---\ntitle: T\n---\n![A](media/my%20photo.svg) ![B](<media/my photo.svg>)\n",
    })
    sources = [img["src"] for img in result.html("sv/org/page/index.html").select(".prose img")]
    assert len(sources) == 2 and all(src.startswith("../../../media/org/my") for src in sources)
    assert (result.build / "media/org/my photo.svg").is_file()
    assert not (result.build / "media/org/.DS_Store").exists()


def test_a_large_organisation_is_summed_up_on_the_homes(build_site):
    files = {"content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
             "content/org/vision.md": "---\ntitle: Vision\n---\nText.\n"}
    for number in range(20):
        files[f"content/org/sida-{number:02d}.md"] = f"---\ntitle: Sida {number}\n---\nText.\n"
    result = build_site(files)
    card = result.html("cs/index.html").select_one(".card")
    assert [a.get_text() for a in card.select(".card__contents a")] == ["Vision"]
    more = card.select_one(".card__more a")
    assert more["href"] == "org/" and more.get_text() == "20 dalších stránek"
    assert card.select_one(".card__count").get_text() == "21 stránek"
    overview = result.html("sv/org/index.html")
    assert len(overview.select(".contents-list li")) == 21  # the overview lists them all
