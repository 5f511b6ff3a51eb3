"""gitindex.py tells whether git tracks a file from the index git itself wrote, in each of its
formats (the build cache is not used if it does: test_cache.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook.gitindex import in_index, tracked_by_git

# Longer than the 4,095 bytes an entry's flags can hold (and than a path on disk may be).
LONG = "/".join(["l" * 200] * 21) + "/end.md"


def git(folder: Path, *args: str) -> str:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", "-C", str(folder), "-c", "user.name=A", "-c", "user.email=a@example.org", *args],
                          input="", check=True, capture_output=True, text=True, env=environment).stdout


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
                 "site/.cache/handbook/cache", "content/över/ö.md.bak", "b.md"]
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
