"""What handbook compiles is kept in the user's cache folder (usercache.py): message catalogs
and templates are compiled once, a damaged or foreign entry is compiled again and never used,
a folder others may write to is not used at all, and --no-cache builds from nothing."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from conftest import copy_example, files_of
from handbook import messages, usercache
from handbook.editor.language import LOCALES as EDITOR_LOCALES

PO = messages.LOCALES / "sv" / "LC_MESSAGES" / "handbook.po"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A user cache folder of the test's own, empty."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    usercache.folder.cache_clear()
    yield tmp_path / "xdg" / "handbook"
    usercache.folder.cache_clear()


def entries(folder: Path, kind: str) -> list[Path]:
    return sorted((folder / kind).iterdir()) if (folder / kind).is_dir() else []


def no_parsing(monkeypatch) -> None:
    """Fail the test if a .po file is parsed."""
    import babel.messages.pofile

    def refused(*args, **kwargs):
        raise AssertionError("a catalog was compiled again")

    monkeypatch.setattr(babel.messages.pofile, "read_po", refused)


def test_a_catalog_is_compiled_once_and_then_read_as_compiled(folder, monkeypatch):
    first = usercache.translations(PO, "sv", "handbook")
    assert len(entries(folder, "catalogs")) == 1
    assert os.stat(folder).st_mode & 0o777 == 0o700
    no_parsing(monkeypatch)
    again = usercache.translations(PO, "sv", "handbook")
    assert dict(again._catalog) == dict(first._catalog)  # type: ignore[attr-defined]
    assert again.ngettext("x", "y", 5) == first.ngettext("x", "y", 5)


def test_the_editor_catalogs_are_kept_too(folder):
    from handbook.editor.language import translations
    translations.cache_clear()
    assert translations("da").gettext("Save") != "" and entries(folder, "catalogs")
    translations.cache_clear()


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "other catalog"])
def test_a_damaged_catalog_entry_is_compiled_again(folder, damage):
    expected = dict(usercache.translations(PO, "sv", "handbook")._catalog)  # type: ignore[attr-defined]
    [entry] = entries(folder, "catalogs")
    data = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        entry.write_bytes(data[:100] + bytes([data[100] ^ 0xFF]) + data[101:])
    elif damage == "empty":
        entry.write_bytes(b"")
    else:  # a whole, valid entry, but of another catalog
        usercache.translations(EDITOR_LOCALES / "sv" / "LC_MESSAGES" / "editor.po", "sv", "editor")
        other = next(e for e in entries(folder, "catalogs") if e != entry)
        entry.write_bytes(other.read_bytes())
    again = usercache.translations(PO, "sv", "handbook")
    assert dict(again._catalog) == expected  # type: ignore[attr-defined]
    assert entry.read_bytes() == data  # and written whole again


def test_a_folder_that_others_may_write_to_is_not_used(folder, monkeypatch):
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    assert usercache.folder() is None
    usercache.translations(PO, "sv", "handbook")
    assert list(folder.iterdir()) == []


def test_a_cache_path_that_is_a_file_is_not_used(folder):
    folder.parent.mkdir(parents=True)
    folder.write_text("not a folder")
    assert usercache.folder() is None
    assert usercache.translations(PO, "sv", "handbook").gettext("x") == "x"


def test_it_can_be_turned_off(folder, monkeypatch):
    monkeypatch.setenv(usercache.SWITCH, "off")
    usercache.folder.cache_clear()
    usercache.translations(PO, "sv", "handbook")
    assert not folder.exists()


def test_a_relative_xdg_cache_home_is_ignored_as_the_specification_says(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    usercache.folder.cache_clear()
    try:
        assert usercache.folder() == tmp_path / "home" / ".cache" / "handbook"
    finally:
        usercache.folder.cache_clear()


# -- templates ---------------------------------------------------------------------------------

def compiled_templates(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles from now on."""
    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


def edit(site: Path) -> None:
    page = site / "content/proaros/vision.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: ", "title: Ny ", 1), encoding="utf-8")


def test_templates_are_compiled_once_for_the_user(folder, run, tmp_path, monkeypatch):
    site = copy_example(tmp_path / "site")
    assert run("build", site).code == 0
    kept = entries(folder, "templates")
    assert kept
    compiled = compiled_templates(monkeypatch)
    edit(site)
    assert run("build", site).code == 0
    assert compiled == []
    assert entries(folder, "templates") == kept


def test_damaged_templates_are_compiled_again_and_build_the_same(folder, run, tmp_path, monkeypatch):
    site = copy_example(tmp_path / "site")
    assert run("build", "--out", tmp_path / "first", site).code == 0
    damaged = {}
    for entry in entries(folder, "templates"):
        data = entry.read_bytes()
        damaged[entry] = data[:-20] + bytes(20)  # its end zeroed
        entry.write_bytes(damaged[entry])
    compiled = compiled_templates(monkeypatch)
    assert run("build", "--no-cache", "--out", tmp_path / "second", site).code == 0
    assert compiled  # --no-cache reads nothing from the user's cache either …
    assert {entry: entry.read_bytes() for entry in damaged} == damaged  # … and keeps nothing
    compiled.clear()
    assert run("build", "--cache", tmp_path / "empty-cache", "--out", tmp_path / "third", site).code == 0
    assert compiled  # the damaged entries were not used, but compiled again …
    assert all(entry.read_bytes() != data for entry, data in damaged.items())  # … and kept whole
    assert files_of(tmp_path / "first") == files_of(tmp_path / "second") == files_of(tmp_path / "third")


def test_a_changed_template_is_compiled_again(folder, run, tmp_path, monkeypatch):
    site = copy_example(tmp_path / "site")
    assert run("build", site).code == 0
    (site / "templates").mkdir()
    base = (Path(usercache.__file__).parent / "themes/default/templates/base.html").read_text(encoding="utf-8")
    (site / "templates/base.html").write_text(base.replace("<body", "<body data-changed", 1), encoding="utf-8")
    compiled = compiled_templates(monkeypatch)
    result = run("build", site)
    assert result.code == 0, result.err
    assert "base.html" in compiled
    assert 'data-changed' in (site / "build/sv/index.html").read_text(encoding="utf-8")
