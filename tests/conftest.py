"""Fixtures that follow the pipeline: write a whole small site, build it, parse what came out."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from handbook.cli import main

REPO = Path(__file__).resolve().parent.parent

SITE_YAML = """\
title: {sv: Handbok, da: Håndbog, cs: Příručka, en: Handbook}
base_url: https://handbook.example/
languages: [sv, da, cs, en]
default_language: sv
theme: default
accessibility: false
"""


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


@dataclass
class Result:
    """What one run of the command line did."""

    code: int
    out: str
    err: str
    site: Path

    @property
    def build(self) -> Path:
        return self.site / "build"

    def html(self, path: str) -> BeautifulSoup:
        return parse(self.build / path)


def git(folder: Path, *args: str) -> str:
    """Run git in `folder` as a stated author, untouched by this machine's git settings; its
    output. Skips the test where git is not installed."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", "-C", str(folder), "-c", "user.name=A", "-c", "user.email=a@example.org", *args],
                          input="", check=True, capture_output=True, text=True, env=environment).stdout


def parse(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def text_of(soup: BeautifulSoup | object) -> str:
    return " ".join(soup.get_text(" ").split())


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory) -> Path:
    """The user's cache folder (usercache.py) of the whole session: never the real one, and
    empty when the session starts."""
    import os

    from handbook import usercache
    folder = tmp_path_factory.mktemp("user-cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    usercache.folder.cache_clear()
    yield folder / "handbook"
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before
    usercache.folder.cache_clear()


@pytest.fixture
def run(capsys):
    """Run the handbook command line in-process; returns code, stdout, stderr."""

    def run_cli(*args: str | Path, site: Path | None = None) -> Result:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err, site or Path(str(args[-1])))

    return run_cli


@pytest.fixture
def make_site(tmp_path):
    """Write a site from a dict of files; site.yaml defaults to four languages."""

    def make(files: dict[str, str | bytes], site_yaml: str = SITE_YAML) -> Path:
        root = tmp_path / "site"
        root.mkdir(exist_ok=True)
        write_files(root, {"site.yaml": site_yaml, **files})
        return root

    return make


@pytest.fixture
def build_site(make_site, run):
    """Write and build a site; the build must succeed."""

    def build(files: dict[str, str | bytes], site_yaml: str = SITE_YAML, *args: str) -> Result:
        root = make_site(files, site_yaml)
        result = run("build", *args, root, site=root)
        assert result.code == 0, result.err
        return result

    return build


def copy_example(root: Path) -> Path:
    """A copy of the bundled example site (site.yaml and content/) at `root`."""
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    return root


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file below a folder with its bytes: to compare outputs exactly."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def example_site(tmp_path) -> Path:
    """A fresh copy of the example site that a test may edit."""
    return copy_example(tmp_path / "site")


@pytest.fixture(scope="session")
def example(tmp_path_factory) -> Path:
    """The bundled example handbook, copied and built once for the session."""
    root = copy_example(tmp_path_factory.mktemp("example"))
    assert main(["build", str(root)]) == 0
    return root / "build"


def local_target(build: Path, page: Path, url: str, base_url: str) -> Path | None:
    """The file a URL in `page` points to, or None if it leaves the site."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        if not url.startswith(base_url):
            return None
        path = urlsplit(url).path[len(urlsplit(base_url).path):]
        target = build / path
    elif parts.scheme or url.startswith("#"):
        return None
    elif url.startswith("/"):
        target = build / parts.path[len(urlsplit(base_url).path):]
    else:
        target = (page.parent / parts.path).resolve()
    if parts.path.endswith("/") or target.is_dir() or parts.path == "":
        target = target / "index.html"
    return target


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session. Skips locally without it; fails under CI=true."""
    from browser import CHROMIUM, CHROMIUM_ARGS, chromium_missing_reason, must_run
    reason = chromium_missing_reason()
    if reason:
        if must_run():
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
