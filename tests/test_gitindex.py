"""gitindex.py tells whether git tracks a file from the index git itself wrote, in each of its
formats (the build cache is not used if it does: test_cache.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import git
from handbook.gitindex import in_index, tracked_by_git

# Longer than the 4,095 bytes an entry's flags can hold (and than a path on disk may be).
LONG = "/".join(["l" * 200] * 21) + "/end.md"


def touch(root: Path, *paths: str) -> None:
    for path in paths:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(b"")


@pytest.mark.parametrize("object_format", ["sha1", "sha256"])
@pytest.mark.parametrize("version", ["2", "3", "4"])
def test_what_the_index_holds_is_tracked_and_nothing_else(tmp_path, object_format, version):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", f"--object-format={object_format}")
    tracked = ["a.md", "site/.cache/handbook/cache.sqlite", "content/över/ö.md", "zz/x"]
    untracked = [".cache/handbook/cache.sqlite",  # the end of a tracked path
                 "site/.cache/handbook/cache.sqlite3", "content/över/ö.md.bak", "b.md"]
    touch(repo, *tracked, *untracked)
    git(repo, "add", *tracked[:-1])
    git(repo, "commit", "-q", "-m", "x")
    git(repo, "add", "-N", tracked[-1])  # intended to be added: an extended entry in version 3
    empty = git(repo, "hash-object", "-w", "--stdin").strip()
    git(repo, "update-index", "--add", "--cacheinfo", f"100644,{empty},{LONG}")  # in the index only
    git(repo, "update-index", "--index-version", version)
    assert [tracked_by_git(repo / path) for path in tracked] == [True] * len(tracked)
    assert [tracked_by_git(repo / path) for path in untracked] == [False] * len(untracked)
    index = (repo / ".git/index").read_bytes()
    assert in_index(index, LONG.encode()) and not in_index(index, LONG.encode()[:-1])


def test_a_linked_work_tree_reads_its_own_index(tmp_path):
    repo, linked = tmp_path / "repo", tmp_path / "linked"
    repo.mkdir()
    git(repo, "init", "-q")
    touch(repo, "a.md")
    git(repo, "add", "a.md")
    git(repo, "commit", "-q", "-m", "x")
    git(repo, "worktree", "add", "-q", str(linked))
    touch(linked, "site/.cache/handbook/cache.sqlite")
    assert (linked / ".git").is_file()
    assert tracked_by_git(linked / "a.md")
    assert not tracked_by_git(linked / "site/.cache/handbook/cache.sqlite")
    git(linked, "add", "-f", "site/.cache/handbook/cache.sqlite")
    assert tracked_by_git(linked / "site/.cache/handbook/cache.sqlite")
    assert not tracked_by_git(repo / "site/.cache/handbook/cache.sqlite")


def test_outside_a_repository_or_before_anything_is_added_nothing_is_tracked(tmp_path):
    touch(tmp_path, "plain/a.md", "repo/a.md")
    assert not tracked_by_git(tmp_path / "plain/a.md")
    git(tmp_path / "repo", "init", "-q")
    assert not (tmp_path / "repo/.git/index").exists()
    assert not tracked_by_git(tmp_path / "repo/a.md")


@pytest.mark.parametrize("index", [b"", b"DIRC", b"DIRC\x00\x00\x00\x05\x00\x00\x00\x01", b"not an index at all",
                                   b"DIRC\x00\x00\x00\x04\x00\x00\x00\x07" + b"\x01" * 70])
def test_an_index_that_cannot_be_read_counts_as_tracking(tmp_path, index):
    """What cannot be shown not to come with the sources is not trusted."""
    touch(tmp_path, "a.md")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git/index").write_bytes(index)
    assert tracked_by_git(tmp_path / "a.md")


def repository(tmp_path: Path, *tracked: str, forced: tuple[str, ...] = ()) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    touch(repo, "a.md", *tracked)
    git(repo, "add", "a.md", *tracked)
    if forced:
        git(repo, "add", "-f", *forced)
    return repo


CACHE = "site/.cache/handbook/cache.sqlite"


def test_a_journal_beside_the_cache_is_tracking_it(tmp_path):
    """SQLite replays a journal it finds beside a database into it when it opens it."""
    repo = repository(tmp_path, CACHE + "-journal")
    touch(repo, CACHE)
    assert tracked_by_git(repo / CACHE)


def test_a_folder_on_the_way_is_followed_as_written_and_as_resolved(tmp_path):
    """A link committed in place of .cache/: the index holds the link and the file it leads
    to, under their own names."""
    repo = tmp_path / "repo"
    (repo / "site/c/handbook").mkdir(parents=True)
    (repo / "site/c/handbook/cache.sqlite").write_bytes(b"")
    (repo / "site/.cache").symlink_to("c")
    git(repo, "init", "-q")
    git(repo, "add", "site/c/handbook/cache.sqlite")
    assert tracked_by_git(repo / CACHE)
    git(repo, "rm", "-q", "--cached", "site/c/handbook/cache.sqlite")
    git(repo, "add", "site/.cache")  # the link alone
    assert tracked_by_git(repo / CACHE)


def test_a_tracked_link_that_leads_nowhere_is_tracked(tmp_path):
    repo = tmp_path / "repo"
    (repo / "site/.cache/handbook").mkdir(parents=True)
    (repo / CACHE).symlink_to(tmp_path / "nothing-here")
    git(repo, "init", "-q")
    git(repo, "add", "-f", CACHE)
    assert tracked_by_git(repo / CACHE)


def test_case_does_not_hide_a_tracked_cache(tmp_path):
    """On macOS and Windows, site/.Cache/… opens as site/.cache/…."""
    repo = repository(tmp_path)
    empty = git(repo, "hash-object", "-w", "--stdin").strip()
    git(repo, "update-index", "--add", "--cacheinfo", f"100644,{empty},site/.Cache/handbook/Cache.sqlite")
    assert tracked_by_git(repo / CACHE)


def test_a_folder_a_sparse_index_keeps_whole_is_tracked(tmp_path):
    repo = repository(tmp_path, "site/vision.md", "other/x.md")
    git(repo, "commit", "-q", "-m", "x")
    git(repo, "sparse-checkout", "set", "--cone", "--sparse-index", "other")
    assert not (repo / "site").exists()
    touch(repo, CACHE)
    assert tracked_by_git(repo / CACHE)


def test_an_index_named_by_git_index_file_is_read(tmp_path, monkeypatch):
    repo = repository(tmp_path)
    touch(repo, CACHE)
    assert not tracked_by_git(repo / CACHE)
    monkeypatch.setenv("GIT_INDEX_FILE", str(tmp_path / "other-index"))  # for git and for the check
    git(repo, "add", "-f", CACHE)
    assert tracked_by_git(repo / CACHE)


@pytest.mark.parametrize("marker", [b"gitdir: nowhere\n", b"gitdir: a\0b\n", b"not a git file\n",
                                    b"gitdir: " + b"x" * 300 + b"\n"])
def test_a_git_file_that_names_no_repository_counts_as_tracking(tmp_path, marker):
    touch(tmp_path, CACHE)
    (tmp_path / ".git").write_bytes(marker)
    assert tracked_by_git(tmp_path / CACHE)


def test_an_index_that_is_not_a_plain_file_is_not_read(tmp_path):
    """A pipe would be read for ever."""
    touch(tmp_path, CACHE)
    (tmp_path / ".git").mkdir()
    os.mkfifo(tmp_path / ".git/index")
    assert tracked_by_git(tmp_path / CACHE)
