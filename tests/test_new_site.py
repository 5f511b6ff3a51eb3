"""`handbook new site`: start from nothing, with a site that passes `handbook build --strict` as
it is, CI and editor settings included; and the scaffolds' notes, which say "remove the #",
give a site that still builds when an editor does so."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from conftest import REPO, git, parse, text_of
from handbook import __version__
from handbook.messages import language
from handbook.new_site import WORKFLOW_SOURCE
from handbook.schema import EDITOR_EXTENSIONS, SCHEMA_DIR, editor_settings, schemas

SCHEMA_FILES = [f"{SCHEMA_DIR}/{name}" for name in schemas()]


def files_in(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_a_new_site_builds_strictly_as_it_is(tmp_path, run):
    result = run("new", "site", tmp_path / "ekdalen", "--languages", "sv,en")
    assert result.code == 0, result.err
    site = tmp_path / "ekdalen"
    expected = ["site.yaml", "content/ekdalen/organisation.yaml", "content/ekdalen/vision.md", ".gitignore",
                "requirements.txt", ".github/workflows/handbook.yml", ".vscode/settings.json",
                ".vscode/extensions.json", *SCHEMA_FILES]
    assert result.out.splitlines() == [f"created {(site / name).as_posix()}" for name in expected] + [
        f"next: cd {site.as_posix()}, then 'handbook serve' shows the handbook in your browser while you edit"]
    assert files_in(site) == set(expected)

    config = yaml.safe_load((site / "site.yaml").read_text(encoding="utf-8"))
    assert config == {"title": {"sv": "Ekdalen", "en": "Ekdalen"}, "base_url": "https://handbook.example/",
                      "languages": ["sv", "en"], "default_language": "sv", "theme": "default"}
    built = run("build", "--strict", site)
    assert built.code == 0, built.err
    # The one warning leads the editor to the accessibility statement; it does not stop CI.
    assert "site.yaml: warning[HB443]: this site publishes no accessibility statement" in built.err
    home = built.html("sv/index.html")
    assert home.html["lang"] == "sv"
    assert [text_of(a) for a in home.select(".card__title a")] == ["Ekdalen"]
    assert text_of(built.html("sv/ekdalen/vision/index.html").select_one("h1")) == "Vision"
    assert (site / "build/en/index.html").is_file()


def test_the_organisation_writes_in_the_first_language(tmp_path, run):
    site = tmp_path / "poradna"
    result = run("new", "site", site, "--languages", "cs, en", "--org", "poradna-brno", "--name",
                 "Poradna pro rodinu: Brno")
    assert result.code == 0, result.err
    organisation = yaml.safe_load((site / "content/poradna-brno/organisation.yaml").read_text(encoding="utf-8"))
    assert organisation == {"name": "Poradna pro rodinu: Brno", "language": "cs"}
    assert yaml.safe_load((site / "site.yaml").read_text(encoding="utf-8"))["title"] == {
        "cs": "Poradna pro rodinu: Brno", "en": "Poradna pro rodinu: Brno"}
    built = run("build", "--strict", site)
    assert built.code == 0, built.err
    vision = built.html("cs/poradna-brno/vision/index.html")
    assert text_of(vision.select_one("h1")) == "Vize"
    assert vision.html["lang"] == "cs"


def test_an_empty_folder_may_be_used_and_the_organisation_is_named_after_it(tmp_path, run, monkeypatch):
    site = tmp_path / "center-norrebro"
    site.mkdir()
    monkeypatch.chdir(site)
    result = run("new", "site", ".", "--languages", "da")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "created site.yaml"
    organisation = yaml.safe_load((site / "content/center-norrebro/organisation.yaml").read_text(encoding="utf-8"))
    assert organisation == {"name": "Center Norrebro", "language": "da"}
    assert run("build", "--strict", site).code == 0
    assert not [p for p in tmp_path.iterdir() if p.name != "center-norrebro"], "the staging folder was left"


def test_without_languages_the_site_is_in_english(tmp_path, run):
    assert run("new", "site", tmp_path / "handbook").code == 0
    config = yaml.safe_load((tmp_path / "handbook/site.yaml").read_text(encoding="utf-8"))
    assert config["languages"] == ["en"] and config["default_language"] == "en"
    assert run("build", "--strict", tmp_path / "handbook").code == 0


@pytest.mark.parametrize("args,code,message", [
    (["--languages", "sv,dk"], 2, "--languages: error[HB007]: unknown language code 'dk'\n  hint: 'dk' is a country code; the language is 'da'"),
    (["--languages", "sv,cz"], 2, "hint: 'cz' is a country code; the language is 'cs'"),
    (["--languages", "svenska"], 2, "--languages: error[HB007]: unknown language code 'svenska'\n  hint: use language codes such as sv, da, cs, en"),
    (["--languages", "sv,en,sv"], 2, "--languages: error[HB762]: the language 'sv' is given twice"),
    (["--languages", ","], 2, "--languages: error[HB760]: give at least one language code\n  hint: e.g. --languages sv,en"),
    (["--org", "Vårdcentralen"], 2, "--org: error[HB732]: 'Vårdcentralen' cannot be used in a URL\n  hint: use lower-case letters, digits and '-', e.g. 'vardcentralen'"),
])
def test_wrong_arguments_write_nothing(tmp_path, run, args, code, message):
    result = run("new", "site", tmp_path / "ekdalen", *args)
    assert result.code == code
    assert message in result.err
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_is_not_empty_is_refused(tmp_path, run):
    site = tmp_path / "handbok"
    (site / "content").mkdir(parents=True)
    (site / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run("new", "site", site, "--languages", "sv")
    assert result.code == 1
    assert f"{site.as_posix()}: error[HB767]: this folder is not empty; nothing was written" in result.err
    assert "hint: give the name of a new folder (or an empty one): a new site never writes over files" in result.err
    assert files_in(tmp_path) == {"handbok/notes.txt"}
    assert [p.name for p in tmp_path.iterdir()] == ["handbok"]


def test_a_file_is_refused(tmp_path, run):
    (tmp_path / "handbok").write_text("mine\n", encoding="utf-8")
    result = run("new", "site", tmp_path / "handbok")
    assert result.code == 1
    assert "error[HB765]: this is a file, not a folder; nothing was written" in result.err
    assert (tmp_path / "handbok").read_text(encoding="utf-8") == "mine\n"


def test_a_language_without_an_interface_translation_is_explained(tmp_path, run):
    site = tmp_path / "handbuch"
    result = run("new", "site", site, "--languages", "de,en")
    assert result.code == 0, result.err
    assert ("note: the interface (menus, headings) is not translated into German (de) yet: 'handbook build' "
            "shows it in English, and 'handbook build --strict' stops until locales/de/LC_MESSAGES/messages.po "
            "translates it (see the README, 'The interface in another language')") in result.out.splitlines()
    assert run("build", site).code == 0
    strict = run("build", "--strict", site)
    assert strict.code == 1
    assert "locales/de/LC_MESSAGES/messages.po: warning[HB502]: no interface translation for 'de'" in strict.err


def test_a_country_code_that_is_also_a_language_is_pointed_out(tmp_path, run):
    result = run("new", "site", tmp_path / "handbok", "--languages", "se")  # Northern Sami, or Sweden?
    assert result.code == 0, result.err
    assert "not translated into Northern Sami (se) yet" in result.out
    assert "if you meant the language of SE, its code is 'sv'" in result.out


# -- what comes with it -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def new_site(tmp_path_factory) -> Path:
    from handbook.cli import main
    site = tmp_path_factory.mktemp("new") / "ekdalen"
    assert main(["new", "site", str(site), "--languages", "sv,da,cs,en"]) == 0
    return site


def test_the_workflow_is_the_one_handbook_builds_itself_with(new_site):
    workflow = (new_site / ".github/workflows/handbook.yml").read_bytes()
    assert workflow == (REPO / ".github/workflows/handbook.yml").read_bytes()
    assert workflow == WORKFLOW_SOURCE.read_bytes()
    steps = yaml.safe_load(workflow)["jobs"]["build"]["steps"]
    commands = "\n".join(step.get("run", "") for step in steps)
    assert "handbook build --strict ." in commands
    assert "pip install -r requirements.txt" in commands


def test_the_install_step_installs_what_requirements_say(new_site, tmp_path):
    """The workflow's install step, run by a shell with pip replaced by a recorder."""
    steps = yaml.safe_load((new_site / ".github/workflows/handbook.yml").read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    install = next(step["run"] for step in steps if step.get("name") == "Install handbook")
    recorder = tmp_path / "bin" / "python"
    recorder.parent.mkdir()
    recorder.write_text('#!/bin/sh\necho "$@" >> "$RECORD"\n', encoding="utf-8")
    recorder.chmod(0o755)
    for folder, expected in ((new_site, "-m pip install -r requirements.txt"), (REPO, "-m pip install .")):
        record = tmp_path / "record"
        record.unlink(missing_ok=True)
        env = {"PATH": f"{recorder.parent}:/usr/bin:/bin", "RECORD": str(record)}
        subprocess.run(["sh", "-e", "-c", install], cwd=folder, env=env, check=True)
        assert record.read_text(encoding="utf-8").strip() == expected
    requirement = next(line for line in (new_site / "requirements.txt").read_text(encoding="utf-8").splitlines()
                       if line and not line.startswith("#"))
    parsed = Requirement(requirement)
    assert parsed.name == "handbook" and parsed.specifier.contains(__version__)


def test_git_keeps_the_sources_but_not_the_output(new_site, tmp_path, run):
    site = tmp_path / "site"
    shutil.copytree(new_site, site)
    assert run("build", site).code == 0
    assert (site / "build").is_dir() and (site / ".cache").is_dir()
    git(site, "init", "-q")
    status = git(site, "status", "--porcelain", "--untracked-files=all")
    tracked = {line[3:] for line in status.splitlines()}
    assert tracked == files_in(new_site)


def test_the_editor_settings_map_the_yaml_files_to_their_schemas(new_site):
    settings = json.loads((new_site / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings == editor_settings()
    assert json.loads((new_site / ".vscode/extensions.json").read_text(encoding="utf-8")) == EDITOR_EXTENSIONS
    mapped = {}
    for schema, patterns in settings["yaml.schemas"].items():
        # In the site's main language, Swedish, as the notes in its files are.
        assert json.loads((new_site / schema).read_text(encoding="utf-8")) == schemas(language("sv"))[Path(schema).name]
        for pattern in patterns:
            mapped |= {p.relative_to(new_site).as_posix(): schema for p in new_site.glob(pattern)}
    assert mapped == {"site.yaml": f"{SCHEMA_DIR}/site.schema.json",
                      "content/ekdalen/organisation.yaml": f"{SCHEMA_DIR}/organisation.schema.json"}


def test_the_schemas_speak_the_sites_main_language_whoever_makes_it(tmp_path, run):
    """The schemas are files of the site, read by everyone who edits it: they are in the site's
    main language, like its notes, not in the language of whoever ran the command."""
    site = tmp_path / "haandbog"
    result = run("--lang", "cs", "new", "site", site, "--languages", "da,en")
    assert result.code == 0 and result.out.startswith("vytvořeno: "), result.out
    written = json.loads((site / SCHEMA_DIR / "site.schema.json").read_text(encoding="utf-8"))
    assert written == schemas(language("da"))["site.schema.json"]
    assert written["description"] == "Indstillingerne for hele håndbogen."
    german = tmp_path / "handbuch"  # a language handbook does not speak: English
    assert run("--lang", "cs", "new", "site", german, "--languages", "de,en").code == 0
    assert json.loads((german / SCHEMA_DIR / "page.schema.json").read_text(encoding="utf-8")) == schemas()["page.schema.json"]


# -- "remove the # to use it" -------------------------------------------------------------------

SETTING = re.compile(r"^# ?(?P<line>(?:\s*[a-z_]+:(?: |$)|\s+- ).*)$")


def uncomment(text: str) -> str:
    """The file after an editor has removed the # from every line that is a setting."""
    return "\n".join(m["line"] if (m := SETTING.match(line)) else line for line in text.split("\n"))


def test_every_note_that_says_remove_the_hash_gives_a_site_that_builds(new_site, tmp_path, run):
    site = tmp_path / "site"
    shutil.copytree(new_site, site)
    assert run("new", "page", "ekdalen/values", "--site", site).code == 0
    assert run("new", "page", "ekdalen/strategy", "--site", site).code == 0
    assert run("new", "page", "ekdalen/brev", "--site", site).code == 0
    (site / "content/ekdalen/media").mkdir()
    (site / "content/ekdalen/media/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><rect width="2" height="2"/></svg>\n',
        encoding="utf-8")
    changed = 0
    for file in ["site.yaml", *(p.relative_to(site).as_posix() for p in (site / "content/ekdalen").glob("*.*"))]:
        text = (site / file).read_text(encoding="utf-8")
        used = uncomment(text)
        changed += used != text
        (site / file).write_text(used, encoding="utf-8")
    assert changed == 6  # site.yaml, organisation.yaml and four pages
    config = yaml.safe_load((site / "site.yaml").read_text(encoding="utf-8"))
    assert config["search"] is False and config["accessibility"]["status"] == "partial"
    built = run("build", "--strict", site)
    assert built.code == 0, built.err
    assert "warning" not in built.err
    statement = parse(site / "build/sv/tillganglighet/index.html")
    assert "Filmerna saknar undertexter." in text_of(statement)  # the notes are in the site's first language
    organisation = yaml.safe_load((site / "content/ekdalen/organisation.yaml").read_text(encoding="utf-8"))
    assert organisation["country"] == "SE" and organisation["order"] == 1
