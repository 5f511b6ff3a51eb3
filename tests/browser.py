"""Helpers for browser tests: serve a folder on 127.0.0.1 and launch Debian's Chromium."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve `folder` over HTTP on a free loopback port; yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium_missing_reason() -> str | None:
    """Why browser tests cannot run here, or None. Under CI they must run, so CI fails instead."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"Chromium is not installed ({CHROMIUM}); install Debian's 'chromium' package"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (make test installs it)"
    return None


def must_run() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")
