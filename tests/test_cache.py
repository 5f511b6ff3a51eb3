"""The persistent build cache: a warm build renders only what changed and writes only changed
files, its output is byte for byte a clean build's, and a damaged or foreign cache is never
published from."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import sqlite3
import zlib
from pathlib import Path

import pytest

import handbook.loaded
from conftest import REPO, copy_example, files_of, git, parse, text_of
from handbook.build import output_signature
from handbook.cache import Cache, text_digest

SUMMARY = re.compile(r"built (\d+) pages \((\d+) files\) into .* in [\d.]+ s: (\d+) rendered, (\d+) written")


def summary(err: str) -> tuple[int, int]:
    """(rendered, written) from a build's last line."""
    match = SUMMARY.search(err)
    assert match, err
    return int(match[3]), int(match[4])


@pytest.fixture
def site(tmp_path) -> Path:
    return copy_example(tmp_path / "site")


def clean_build(run, site: Path, out: Path) -> dict[str, bytes]:
    result = run("build", "--no-cache", "--out", out, site, site=site)
    assert result.code == 0, result.err
    return files_of(out)


def test_a_second_build_renders_and_writes_nothing(run, site):
    first = run("build", site)
    assert summary(first.err) == (64, 69)
    before = {path: (site / "build" / path).stat().st_ino for path in files_of(site / "build")}
    again = run("build", site)
    assert summary(again.err) == (0, 0)
    after = {path: (site / "build" / path).stat().st_ino for path in files_of(site / "build")}
    assert after == before  # the very same files, carried over, not rewritten


def test_a_saved_but_unchanged_file_renders_nothing(run, site):
    run("build", site)
    (site / "content/proaros/vision.md").touch()
    assert summary(run("build", site).err) == (0, 0)


def test_warnings_are_repeated_when_nothing_changed(run, site):
    (site / "content/proaros/notes.txt").write_text("x", encoding="utf-8")
    first = run("build", site)
    assert "content/proaros/notes.txt: warning[HB219]: this is not used" in first.err
    again = run("build", site)
    assert summary(again.err) == (0, 0)
    assert "content/proaros/notes.txt: warning[HB219]: this is not used" in again.err


def test_one_edit_renders_what_shows_it(run, site):
    run("build", site)
    values = site / "content/proaros/values.md"
    values.write_text(values.read_text(encoding="utf-8").replace("Våra ledstjärnor är", "Våra goda ledstjärnor är"),
                      encoding="utf-8")
    result = run("build", site)
    assert summary(result.err) == (5, 5)  # the page, and proAros' printable handbook in each language
    for path in ("sv/proaros/values/index.html", "cs/proaros/print/index.html"):
        assert "Våra goda ledstjärnor är" in (site / "build" / path).read_text(encoding="utf-8")


def test_a_warm_cache_fills_an_empty_output_without_rendering(run, site, tmp_path):
    run("build", site)
    shutil.rmtree(site / "build")
    result = run("build", site)
    assert summary(result.err) == (0, 69)
    assert files_of(site / "build") == clean_build(run, site, tmp_path / "clean")


def test_no_cache_reads_and_writes_no_cache(run, site):
    assert summary(run("build", "--no-cache", site).err) == (64, 69)
    assert not (site / ".cache").exists()


def test_the_cache_can_live_elsewhere(run, site, tmp_path):
    run("build", "--cache", tmp_path / "elsewhere", site)
    assert (tmp_path / "elsewhere/cache.sqlite").is_file() and not (site / ".cache").exists()
    assert summary(run("build", "--cache", tmp_path / "elsewhere", site).err) == (0, 0)


def test_a_file_changed_by_hand_in_the_output_is_made_right_again(run, site, tmp_path):
    run("build", site)
    page = site / "build/sv/proaros/vision/index.html"
    page.write_text("defaced", encoding="utf-8")
    run("build", site)
    assert files_of(site / "build") == clean_build(run, site, tmp_path / "clean")


# -- damaged and foreign caches ------------------------------------------------------------------

def cache_file(site: Path) -> Path:
    return site / ".cache/handbook/cache.sqlite"


def test_a_cache_that_is_not_a_database_is_rebuilt_with_a_warning(run, site, tmp_path):
    run("build", site)
    cache_file(site).write_bytes(b"this is not SQLite" * 100)
    shutil.rmtree(site / "build")
    result = run("build", site)
    assert result.code == 0
    assert ".cache/handbook: warning[HB608]: the build cache" in result.err and "it is rebuilt" in result.err
    assert summary(result.err)[0] == 64
    assert files_of(site / "build") == clean_build(run, site, tmp_path / "clean")
    assert summary(run("build", site).err) == (0, 0)  # and it works again


def test_a_truncated_cache_is_never_published_from(run, site, tmp_path):
    run("build", site)
    data = cache_file(site).read_bytes()
    cache_file(site).write_bytes(data[: len(data) // 3])
    shutil.rmtree(site / "build")
    result = run("build", site)
    assert result.code == 0, result.err
    assert files_of(site / "build") == clean_build(run, site, tmp_path / "clean")


def test_a_text_altered_in_the_cache_is_rendered_again(run, site, tmp_path):
    run("build", site)
    with sqlite3.connect(cache_file(site)) as db:
        db.execute("UPDATE outputs SET text = ? WHERE path = 'sv/proaros/vision/index.html'",
                   (zlib.compress(b"<script>alert(1)</script>"),))
    db.close()
    shutil.rmtree(site / "build")
    run("build", site)
    assert b"alert" not in (site / "build/sv/proaros/vision/index.html").read_bytes()
    assert files_of(site / "build") == clean_build(run, site, tmp_path / "clean")


def test_an_entry_altered_in_the_cache_is_rendered_again(run, site, tmp_path):
    run("build", site)
    with sqlite3.connect(cache_file(site)) as db:
        db.execute("UPDATE outputs SET entry = '{\"stamp\": 1' WHERE path = 'da/index.html'")
        db.execute("UPDATE outputs SET keys = 'x,y' WHERE path = 'cs/index.html'")
        db.execute("UPDATE outputs SET keys = x'010203' WHERE path = 'en/index.html'")  # not whole ids
        db.execute("UPDATE outputs SET keys = x'ffffff7f' WHERE path = 'sv/index.html'")  # no such key
        db.execute("UPDATE outputs SET keys = keys || x'00000000' WHERE path = 'sv/404.html'")  # id 0: none
    db.close()
    shutil.rmtree(site / "build")
    result = run("build", site)
    assert summary(result.err)[0] == 5
    assert files_of(site / "build") == clean_build(run, site, tmp_path / "clean")


def forge(site: Path, path: str, data: bytes) -> None:
    """Put `data` into the cache as the output at `path`, as a forger would: with its digest."""
    with sqlite3.connect(cache_file(site)) as db:
        (entry,) = db.execute("SELECT entry FROM outputs WHERE path = ?", (path,)).fetchone()
        entry = json.loads(entry) | {"digest": text_digest(data)}
        db.execute("UPDATE outputs SET text = ?, entry = ? WHERE path = ?",
                   (zlib.compress(data), json.dumps(entry), path))
    db.close()


@pytest.mark.parametrize("index_version", ["2", "3", "4"])
def test_a_cache_committed_with_the_sources_is_never_published_from(run, site, tmp_path, index_version):
    """A pull request can force-add a cache whose stored texts and digests agree: git tracks it,
    so it came with the sources, and nothing of it is read (nor is it written, being theirs)."""
    run("build", site)
    evil = b"<script>alert(1)</script>"
    forge(site, "sv/proaros/vision/index.html", evil)
    assert Cache.open(cache_file(site)).text("sv/proaros/vision/index.html") == evil  # a perfect forgery
    git(site, "init", "-q")
    git(site, "add", "-f", ".cache/handbook/cache.sqlite")
    git(site, "commit", "-q", "-m", "Cache")
    git(site, "add", "-N", "content")  # entries with extended flags, in version 3
    git(site, "update-index", "--index-version", index_version)
    committed = cache_file(site).read_bytes()
    shutil.rmtree(site / "build")
    result = run("build", site)
    assert result.code == 0, result.err
    assert ("warning[HB680]: the build cache" in result.err
            and "is in git, so it may not come from a build" in result.err)
    assert summary(result.err)[0] == 64  # all rendered
    assert evil not in (site / "build/sv/proaros/vision/index.html").read_bytes()
    assert files_of(site / "build") == clean_build(run, site, tmp_path / "clean")
    assert cache_file(site).read_bytes() == committed
    assert git(site, "status", "--porcelain", ".cache") == ""  # as it was committed
    git(site, "rm", "-q", ".cache/handbook/cache.sqlite")  # as the warning says
    assert summary(run("build", site).err)[0] == 64  # with a new cache
    result = run("build", site)
    assert "HB680" not in result.err and summary(result.err) == (0, 0)  # in use


def test_a_cache_git_does_not_track_is_used_inside_a_repository(run, site, tmp_path):
    """.gitignore keeps .cache/ out; a file whose path ends like the cache's is not it."""
    git(site, "init", "-q")
    (site / ".gitignore").write_text(".cache/\nbuild/\n", encoding="utf-8")
    (site / "content/proaros/media/.cache/handbook").mkdir(parents=True)
    (site / "content/proaros/media/.cache/handbook/cache.sqlite").write_bytes(b"")
    git(site, "add", "-A")
    git(site, "add", "-f", "content/proaros/media/.cache/handbook/cache.sqlite")
    run("build", site)
    result = run("build", site)
    assert "HB680" not in result.err and summary(result.err) == (0, 0)


def test_a_journal_committed_beside_the_cache_is_never_replayed_into_it(run, site, tmp_path):
    """SQLite replays a journal it finds beside a database into it: one committed there would
    make the reader's own cache the forger's."""
    run("build", site)
    git(site, "init", "-q")
    journal = cache_file(site).with_name("cache.sqlite-journal")
    journal.write_bytes(b"a forged journal")
    git(site, "add", "-f", ".cache/handbook/cache.sqlite-journal")
    before = cache_file(site).read_bytes()
    result = run("build", site)
    assert "warning[HB680]" in result.err and summary(result.err)[0] == 64
    assert cache_file(site).read_bytes() == before and journal.read_bytes() == b"a forged journal"


@pytest.mark.parametrize("tracked", [False, True])
def test_a_cache_that_is_a_link_is_neither_followed_nor_made(run, site, tmp_path, tracked):
    """A link at the cache's place (committed, or put there) would have SQLite read a file
    elsewhere, or make one where the link leads."""
    cache_file(site).parent.mkdir(parents=True)
    cache_file(site).symlink_to(tmp_path / "elsewhere.sqlite")
    if tracked:
        git(site, "init", "-q")
        git(site, "add", "-f", ".cache/handbook/cache.sqlite")
    result = run("build", site)
    assert result.code == 0, result.err
    assert ("warning[HB680]" if tracked else "warning[HB681]") in result.err
    assert summary(result.err) == (64, 69)
    assert not (tmp_path / "elsewhere.sqlite").exists() and cache_file(site).is_symlink()


def test_a_cache_path_that_is_a_folder_builds_without_a_cache(run, site, tmp_path):
    cache_file(site).mkdir(parents=True)
    result = run("build", site)
    assert result.code == 0, result.err
    assert ".cache/handbook: warning[HB681]: the build cache" in result.err
    assert summary(result.err) == (64, 69)
    assert files_of(site / "build") == clean_build(run, site, tmp_path / "clean")
    assert cache_file(site).is_dir()


def test_a_build_after_one_edit_parses_only_that_file(run, site, monkeypatch):
    """Pages are kept as parsed, with the versions of their fields (loaded.py)."""
    assert run("build", site).code == 0
    parsed = files_passed_to(monkeypatch, "load_page")
    _replace(site / "content/proaros/vision.md", "title: ", "title: Ny ")
    result = run("build", site)
    assert result.code == 0, result.err
    assert parsed == ["vision.md"]
    assert summary(result.err)[0] > 0


def files_passed_to(monkeypatch, function: str) -> list[str]:
    """The names of the files content.py passes to one of its functions from now on
    ('read_bytes': the page files read, 'load_page': those parsed)."""
    import handbook.content
    names: list[str] = []
    original = getattr(handbook.content, function)

    def counted(file, *args, **kwargs):
        names.append(file.name)
        return original(file, *args, **kwargs)

    monkeypatch.setattr(handbook.content, function, counted)
    return names


def test_a_build_after_one_edit_reads_only_that_file(run, site, tmp_path, monkeypatch):
    """A page file whose size, times and inode are as when it was read is not read again."""
    monkeypatch.setattr(handbook.loaded, "SETTLED_NS", 0)  # the files are not seconds old
    assert run("build", site).code == 0
    read = files_passed_to(monkeypatch, "read_bytes")
    _replace(site / "content/proaros/vision.md", "title: ", "title: Ny ")
    result = run("build", site)
    assert result.code == 0, result.err
    assert read == ["vision.md"]
    assert files_of(site / "build") == clean_build(run, site, tmp_path / "clean")


def test_a_file_saved_just_now_is_read_even_if_its_stat_looks_the_same(run, site, monkeypatch):
    """A save in the same tick of the file system's clock as the one before it, of the same size,
    would leave size and times as they were: a file is trusted only once it is 2 s old."""
    assert run("build", site).code == 0
    read = files_passed_to(monkeypatch, "read_bytes")
    _replace(site / "content/proaros/vision.md", "title: ", "title: Ny ")
    assert run("build", site).code == 0
    assert "values.md" in read  # copied into the test's site just now


def test_a_file_changed_with_its_size_and_time_put_back_is_read(run, site, tmp_path, monkeypatch):
    monkeypatch.setattr(handbook.loaded, "SETTLED_NS", 0)
    assert run("build", site).code == 0
    vision = site / "content/proaros/vision.md"
    before = vision.stat()
    _replace(vision, "title: Vår vision", "title: Vår VISION")  # same size
    os.utime(vision, ns=(before.st_atime_ns, before.st_mtime_ns))  # its ctime moves all the same
    read = files_passed_to(monkeypatch, "read_bytes")
    result = run("build", site)
    assert result.code == 0, result.err
    assert read == ["vision.md"]
    assert "Vår VISION" in text_of(parse(site / "build/sv/proaros/index.html"))


def test_damaged_pages_in_the_cache_are_parsed_again(run, site, tmp_path):
    assert run("build", site).code == 0
    with sqlite3.connect(cache_file(site)) as db:
        db.execute("UPDATE pages SET data = '{\"page\": {' WHERE file = 'content/proaros/vision.md'")
        db.execute("UPDATE pages SET data = replace(data, '\"body_line\":', '\"body_line\":\"x\",\"y\":') "
                   "WHERE file = 'content/proaros/values.md'")
        db.execute("UPDATE pages SET versions = '[1]' WHERE file = 'content/hultsfred/vardegrund.md'")
    db.close()
    _replace(site / "content/proaros/vision.md", "title: ", "title: Ny ")
    result = run("build", site)
    assert result.code == 0, result.err
    assert files_of(site / "build") == clean_build(run, site, tmp_path / "clean")


def converted_bodies(monkeypatch) -> list[str]:
    """The first words of every page body converted from now on."""
    from handbook.markdown import MarkdownRenderer
    converted: list[str] = []
    page = MarkdownRenderer.page

    def counted(self, text, language, resolve=None):
        converted.append(text[:30])
        return page(self, text, language, resolve)

    monkeypatch.setattr(MarkdownRenderer, "page", counted)
    return converted


def test_a_build_after_one_edit_converts_only_that_body(run, site, tmp_path, monkeypatch):
    """Converted bodies are kept in the cache (bodies.py): the edited page's organisation's
    printable handbooks take the other pages' bodies from there."""
    assert run("build", site).code == 0
    converted = converted_bodies(monkeypatch)
    _replace(site / "content/proaros/vision.md", "Därför är m-ö-t-e-t", "Därför är mötet")
    result = run("build", site)
    assert result.code == 0, result.err
    assert converted == ["Vår vision ska på ett pedagogi"]
    assert "Därför är mötet" in text_of(parse(site / "build/da/proaros/print/index.html"))
    assert files_of(site / "build") == clean_build(run, site, tmp_path / "clean")


@pytest.mark.parametrize("damage", ["not zlib", "not json", "another page's body", "no versions"])
def test_damaged_bodies_in_the_cache_are_converted_again(run, site, tmp_path, monkeypatch, damage):
    assert run("build", site).code == 0
    with sqlite3.connect(cache_file(site)) as db:
        rows = dict(db.execute("SELECT file, data FROM bodies"))
        values = rows["content/proaros/values.md"]
        if damage == "not zlib":
            data = b"damaged"
        elif damage == "not json":
            data = zlib.compress(b'{"source": ')
        elif damage == "another page's body":
            data = rows["content/hultsfred/vardegrund.md"]
        else:
            data = zlib.compress(zlib.decompress(values).replace(b'"versions":[', b'"versions":[["x","y"],'))
        db.execute("UPDATE bodies SET data = ? WHERE file = 'content/proaros/values.md'", (data,))
    db.close()
    converted = converted_bodies(monkeypatch)
    _replace(site / "content/proaros/vision.md", "Därför är m-ö-t-e-t", "Därför är mötet")
    result = run("build", site)
    assert result.code == 0, result.err
    assert sorted(converted) == sorted(["Vår vision ska på ett pedagogi", values_body(site)])
    assert files_of(site / "build") == clean_build(run, site, tmp_path / "clean")


def values_body(site: Path) -> str:
    text = (site / "content/proaros/values.md").read_text(encoding="utf-8")
    return text.split("---\n", 2)[2][:30]


def test_a_body_whose_link_target_changed_is_converted_again(run, site, tmp_path, monkeypatch):
    """A kept body is used only while what its links point to stays the same."""
    (site / "content/proaros/vision.md").write_text(
        (site / "content/proaros/vision.md").read_text(encoding="utf-8")
        + "\nSe [värdegrunden](values.md) och [Hultsfred](../hultsfred/vardegrund.md).\n", encoding="utf-8")
    assert run("build", site).code == 0
    converted = converted_bodies(monkeypatch)
    shutil.rmtree(site / "content/hultsfred")  # the link's target goes: an error in vision.md
    result = run("build", site)
    assert result.code == 1
    assert "vision.md" in result.err and "../hultsfred/vardegrund.md" in result.err
    assert "Vår vision ska på ett pedagogi" in converted


def test_a_cache_from_another_version_is_ignored(run, site, tmp_path):
    run("build", site)
    with sqlite3.connect(cache_file(site)) as db:
        db.execute("UPDATE meta SET value = 'another handbook' WHERE key = 'environment'")
    db.close()
    result = run("build", site)
    assert summary(result.err)[0] == 64 and "warning" not in result.err


def test_a_cache_folder_that_links_out_of_the_site_is_not_used(run, site, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (site / ".cache").symlink_to(tmp_path / "elsewhere")
    result = run("build", site)
    assert result.code == 0
    assert "the build cache is not used" in result.err
    assert not any((tmp_path / "elsewhere").rglob("*"))


# -- any sequence of edits ----------------------------------------------------------------------

def _replace(file: Path, old: str, new: str) -> bool:
    text = file.read_text(encoding="utf-8")
    if old not in text:
        return False
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return True


EDITS = [
    lambda s, n: _replace(s / "content/proaros/values.md", "name: Omtanke", f"name: Omtanke {n}"),
    lambda s, n: _replace(s / "content/proaros/vision.md", "title: ", f"title: {n} "),
    lambda s, n: _replace(s / "content/hultsfred/vardegrund.md", "Sluta aldrig", f"Sluta aldrig {n}"),
    lambda s, n: _replace(s / "content/center-norrebro/organisation.yaml", "name: ", f"name: {n} "),
    lambda s, n: (s / f"content/proaros/artikel-{n}.md").write_text(
        f"---\ntitle: Artikel {n}\n---\nSe [värdena](values.md) och [visionen](vision.md#{'x' * 0}).\n",
        encoding="utf-8"),
    lambda s, n: [p.unlink() for p in sorted((s / "content/proaros").glob("artikel-*.md"))[:1]],
    lambda s, n: (s / "content/cpus-slagelse/strategy.en.md").write_text(
        f"---\ntitle: Strategy {n}\n---\nText {n}.\n", encoding="utf-8"),
    lambda s, n: _replace(s / "site.yaml", "en: Handbook", f"en: Handbook {n}"),
    lambda s, n: (s / "templates").mkdir(exist_ok=True) or (s / "templates/vision.html").write_text(
        (REPO / "src/handbook/themes/default/templates/vision.html").read_text(encoding="utf-8")
        .replace('class="statement"', f'class="statement s{n}"'), encoding="utf-8"),
    lambda s, n: (s / "locales/da/LC_MESSAGES").mkdir(parents=True, exist_ok=True) or
    (s / "locales/da/LC_MESSAGES/messages.po").write_text(
        f'msgid ""\nmsgstr ""\n"Language: da\\n"\n\nmsgid "Skip to content"\nmsgstr "Til indholdet {n}"\n',
        encoding="utf-8"),
    lambda s, n: _replace(s / "content/iq-roma-servis/organisation.yaml", "language: cs",
                          f"language: cs\norder: {n % 3}") or
    _replace(s / "content/iq-roma-servis/organisation.yaml", f"order: {(n - 1) % 3}", f"order: {n % 3}"),
    lambda s, n: _replace(s / "content/proaros/vision.en.md", "slug: v", "slug: w")
    or _replace(s / "content/proaros/vision.en.md", "slug: w", "slug: v")
    or _replace(s / "content/proaros/vision.en.md", "title: Our vision", f"title: Our vision\nslug: v{n}"),
]


@pytest.mark.parametrize(("seed", "search"), [(1, True), (2, True), (3, True), (4, False), (5, False)])
def test_any_sequence_of_edits_builds_what_a_clean_build_builds(run, site, tmp_path, monkeypatch, seed, search):
    """Without a search index to make again, most of these builds are written in place. Page
    files are trusted by their stat as soon as they are read (see loaded.SETTLED_NS)."""
    monkeypatch.setattr(handbook.loaded, "SETTLED_NS", 0)
    if not search:
        without_search(site)
    chooser = random.Random(seed)
    assert run("build", site).code == 0
    for number in range(1, 9):
        chooser.choice(EDITS)(site, number)
        warm = run("build", site)
        assert warm.code == 0, warm.err
        clean = tmp_path / f"clean-{number}"
        assert files_of(site / "build") == clean_build(run, site, clean), f"step {number} of seed {seed}"
        assert folders_of(site / "build") == folders_of(clean), f"step {number} of seed {seed}"


# -- writing in place or staging ------------------------------------------------------------------

def folders_of(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()}


def without_search(site: Path) -> Path:
    settings = site / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "search: false\n", encoding="utf-8")
    return site


def test_one_edit_replaces_only_its_files_in_the_output(run, site, tmp_path):
    """A warm build that changes a few files of an untouched output writes just those, where
    they are: the output folder and every other file stay the very same files."""
    without_search(site)
    assert run("build", site).code == 0
    out = site / "build"
    folder, kept = out.stat(), (out / "sv/hultsfred/index.html").stat()
    edited = out / "sv/proaros/vision/index.html"
    _replace(site / "content/proaros/vision.md", "title: ", "title: Ny ")
    result = run("build", site)
    assert result.code == 0, result.err
    assert out.stat().st_ino == folder.st_ino  # not a new folder swapped in
    after = (out / "sv/hultsfred/index.html").stat()
    assert (after.st_ino, after.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)
    assert "Ny " in edited.read_text(encoding="utf-8")
    assert not [p for p in out.rglob(".*") if p.name != ".well-known"]  # no temporary file left
    assert recorded_output(site) == output_signature(out)  # what it wrote and removed, exactly
    assert files_of(out) == clean_build(run, site, tmp_path / "clean")
    assert folders_of(out) == folders_of(tmp_path / "clean")


def recorded_output(site: Path) -> str:
    """The output's signature as the last build recorded it (built from what it wrote in place)."""
    with sqlite3.connect(cache_file(site)) as db:
        value = db.execute("SELECT value FROM meta WHERE key = 'last_run'").fetchone()[0]
    db.close()
    return json.loads(value)["output"]


def test_a_page_removed_goes_from_an_output_updated_in_place(run, site, tmp_path):
    without_search(site)
    (site / "content/proaros/artikel.md").write_text("---\ntitle: Artikel\n---\nText.\n", encoding="utf-8")
    assert run("build", site).code == 0
    out = site / "build"
    folder = out.stat().st_ino
    assert (out / "sv/proaros/artikel/index.html").is_file()
    (site / "content/proaros/artikel.md").unlink()
    assert run("build", site).code == 0
    assert out.stat().st_ino == folder
    assert recorded_output(site) == output_signature(out)
    assert not (out / "sv/proaros/artikel").exists()
    assert files_of(out) == clean_build(run, site, tmp_path / "clean")
    assert folders_of(out) == folders_of(tmp_path / "clean")


def test_a_change_to_every_page_makes_a_new_output_and_never_writes_into_the_old(run, site, tmp_path):
    """Many stale outputs: a whole new output is staged and swapped in. Its unchanged files are
    the previous build's, linked; a changed one is a new file, so the previous build's copy
    (which a reader may still have open) is not changed under it."""
    without_search(site)
    assert run("build", site).code == 0
    out = site / "build"
    folder = out.stat().st_ino
    page, picture = out / "sv/proaros/vision/index.html", next(out.glob("assets/*.css"))
    os.link(page, tmp_path / "old-page")
    before, css = page.read_bytes(), picture.stat()
    _replace(site / "site.yaml", "https://handbook.example/", "https://handbook.example.org/")  # every page
    result = run("build", site)
    assert result.code == 0, result.err
    assert out.stat().st_ino != folder
    assert (tmp_path / "old-page").read_bytes() == before
    assert page.read_bytes() != before
    assert (picture.stat().st_ino, picture.stat().st_mtime_ns) == (css.st_ino, css.st_mtime_ns)
    assert files_of(out) == clean_build(run, site, tmp_path / "clean")
    assert folders_of(out) == folders_of(tmp_path / "clean")


def test_an_output_changed_by_hand_is_made_anew_not_in_place(run, site, tmp_path):
    without_search(site)
    assert run("build", site).code == 0
    out = site / "build"
    folder = out.stat().st_ino
    (out / "sv/proaros/values/index.html").write_text("edited by hand", encoding="utf-8")
    (out / "stray.txt").write_text("left here", encoding="utf-8")
    _replace(site / "content/proaros/vision.md", "title: ", "title: Ny ")
    assert run("build", site).code == 0
    assert out.stat().st_ino != folder
    assert files_of(out) == clean_build(run, site, tmp_path / "clean")


def test_a_page_edit_that_changes_the_search_index_makes_a_new_output(run, site, tmp_path):
    """Pagefind makes the index from the output's pages, and may fail: so the pages are not
    replaced in place first."""
    assert run("build", site).code == 0
    out = site / "build"
    folder = out.stat().st_ino
    _replace(site / "content/proaros/vision.md", "title: ", "title: Ny ")
    assert run("build", site).code == 0
    assert out.stat().st_ino != folder
    assert (out / "sv/pagefind/pagefind-entry.json").is_file()
