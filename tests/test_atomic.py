"""A build that is killed or interrupted while writing leaves the previous output exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SITE_YAML, files_of, write_files


def big_site(root: Path) -> None:
    """Enough pages and media that writing the output takes a while."""
    files: dict[str, str | bytes] = {"site.yaml": SITE_YAML,
                                     "content/org/organisation.yaml": "name: Org\nlanguage: sv\n"}
    for number in range(300):
        files[f"content/org/page-{number}.md"] = f"---\ntitle: Sida {number}\n---\n" + "Text. " * 200
    for number in range(150):
        files[f"content/org/media/file-{number}.pdf"] = os.urandom(200_000)
    write_files(root, files)


def start_build(root: Path) -> subprocess.Popen:
    # Without the cache, so that it writes every file again: time to stop it while it writes.
    return subprocess.Popen([sys.executable, "-m", "handbook", "build", "--no-cache", str(root)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def interrupt_while_writing(root: Path, sig: int) -> subprocess.Popen:
    """Start a build and send `sig` as soon as its staging directory appears."""
    process = start_build(root)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if list(root.glob(".build.tmp-*")):
            process.send_signal(sig)
            break
        time.sleep(0.001)
    process.wait(timeout=60)
    return process


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_a_build_stopped_while_writing_changes_nothing(tmp_path, sig):
    root = tmp_path / "site"
    big_site(root)
    assert subprocess.run([sys.executable, "-m", "handbook", "build", str(root)],
                          capture_output=True).returncode == 0
    # Change a page so that a completed build would change the output.
    (root / "content/org/page-1.md").write_text("---\ntitle: Ändrad\n---\nNy text.\n", encoding="utf-8")
    before = files_of(root / "build")
    process = interrupt_while_writing(root, sig)
    assert process.returncode == -sig if sig == signal.SIGKILL else process.returncode in (130, -sig), \
        process.stderr.read()
    assert files_of(root / "build") == before
    if sig == signal.SIGINT:
        assert not list(root.glob(".build.tmp-*"))
        assert "the previous output is unchanged" in process.stderr.read()
    # The next build cleans up whatever the stopped one left, and succeeds.
    assert subprocess.run([sys.executable, "-m", "handbook", "build", str(root)],
                          capture_output=True).returncode == 0
    assert not list(root.glob(".build.tmp-*"))
    assert "Ändrad" in (root / "build/sv/org/page-1/index.html").read_text(encoding="utf-8")
