"""`editor:` in site.yaml: a build publishes admin/ for the Git host's backend (the editor's page,
its configuration and the bundle); without it, no admin/. Mistakes in the setting are reported
at their line with a hint."""

from __future__ import annotations

import yaml
from bs4 import BeautifulSoup

from conftest import SITE_YAML, files_of

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
