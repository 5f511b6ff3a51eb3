"""Dev server: serves a folder on loopback with livereload, and calls a rebuild function when the
watched sources change. It knows nothing of content: what to watch and how to rebuild are given.

While a rebuild fails, every HTML page is served with an overlay showing the error; the server
keeps running and the overlay goes when a rebuild succeeds.

Pages keep their Content Security Policy while served: livereload's client is loaded as a file
from this same server (not as the inline snippet livereload would inject), the overlay's look is
a stylesheet here too, and the reload socket is on the same host and port, which 'self' allows.
"""

from __future__ import annotations

import html
import ipaddress
import logging
import mimetypes
import posixpath
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher

StartResponse = Callable[..., object]
WsgiApp = Callable[[dict[str, Any], StartResponse], list[bytes]]


@dataclass
class Outcome:
    """What a rebuild did: whether browsers should reload, and the error to show, if any."""

    changed: bool
    error: str | None = None


@dataclass(frozen=True)
class Overlay:
    """The words of the error overlay, in the editor's language (`lang`)."""

    heading: str = "The handbook could not be rebuilt"
    advice: str = "Fix the file and save it: this page reloads by itself."
    title: str = "Error"
    lang: str = "en"


class _State:
    error: str | None = None
    overlay: Overlay = Overlay()


@dataclass(frozen=True)
class Watch:
    """What to watch: folders (recursively), and which changed paths count."""

    roots: tuple[Path, ...]
    accept: Callable[[Path], bool]


# How long after the last file event a batch of saves is handed on: an editor's save is often
# several events (write, rename, chmod) within a few milliseconds.
QUIET_MS = 40
# How long browsers wait after a rebuild for the next one before they reload.
RELOAD_QUIET_S = 0.1


class SourceWatcher(Watcher):
    """Rebuilds on file events (inotify, through watchfiles), not on livereload's 0.8 s polls:
    a save is seen within milliseconds. Saves that arrive while a rebuild runs become one
    rebuild after it, and browsers reload only if the output changed."""

    def __init__(self, watch: Watch, rebuild: Callable[[set[Path] | None], Outcome]):
        super().__init__()
        self._watch = watch
        self._rebuild = rebuild
        self._pending = threading.Event()
        self._stop = threading.Event()
        self._timer: object | None = None
        self._lock = threading.Lock()
        self._changed: set[Path] = set()  # saved since the last rebuild
        self._tasks: dict[str, dict[str, object]] = {
            "sources": {"func": None, "delay": None, "ignore": None, "mtimes": {}}}

    def start(self, callback: Callable[[], None]) -> bool:
        """Called by livereload: watch in a thread, and call back on the server's loop."""
        import watchfiles
        from tornado import ioloop

        loop = ioloop.IOLoop.current()
        roots = [str(root) for root in self._watch.roots if root.exists()]

        def run() -> None:
            for changes in watchfiles.watch(*roots, step=QUIET_MS, stop_event=self._stop,
                                            watch_filter=None, raise_interrupt=False):
                paths = {Path(path) for _change, path in changes}
                paths = {path for path in paths if self._watch.accept(path)}
                if paths:
                    with self._lock:
                        self._changed |= paths
                    self._pending.set()
                    loop.add_callback(callback)

        threading.Thread(target=run, name="handbook-watch", daemon=True).start()
        return True  # livereload then needs no polling of its own

    def stop(self) -> None:
        self._stop.set()

    def examine(self) -> tuple[str | None, None]:
        self._changes.clear()  # livereload's own start-up entry: our first build has been served
        if not self._pending.is_set():
            return None, None
        self._pending.clear()
        with self._lock:
            changed, self._changed = self._changed, set()
        if self._rebuild(changed).changed:
            self._reload_soon()
        return None, None  # browsers are told by _reload_soon, not by livereload

    def _reload_soon(self) -> None:
        """Tell browsers to reload once no rebuild has followed for RELOAD_QUIET_S: during a
        burst of saves a page reloads once, with the last text, instead of reloading while
        newer versions are written and missing the last one."""
        from tornado import ioloop

        loop = ioloop.IOLoop.current()
        if self._timer is not None:
            loop.remove_timeout(self._timer)
        self._timer = loop.call_later(RELOAD_QUIET_S, LiveReloadHandler.reload_waiters)


# Where the server's own files live, beside the site's.
OWN_PREFIX = "/__handbook__/"
LIVERELOAD_TAG = b'<script src="/livereload.js"></script>'
_OVERLAY_CSS = b"""#handbook-error{position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#1c1917;
color:#fff;padding:2rem;font:16px/1.5 system-ui,sans-serif}
#handbook-error h1{margin:0 0 1rem;font-size:1.4rem;color:#fca5a5}
#handbook-error pre{white-space:pre-wrap;font:15px/1.5 ui-monospace,monospace;margin:0}
#handbook-error p{color:#d4d4d8}
"""


def make_app(root: Path, state: _State, hosts: frozenset[str] | None = None) -> WsgiApp:
    """A WSGI app serving `root` like a static host: directories give their index.html, and a
    missing page the 404.html of its language. Nothing outside `root` is ever served. With
    `hosts`, a request naming another host is refused: a web page elsewhere cannot point its
    own name at 127.0.0.1 (DNS rebinding) and read the preview."""
    real_root = root.resolve()

    def app(environ, start_response):
        if hosts is not None and _host_name(environ.get("HTTP_HOST", "")) not in hosts:
            return _respond(start_response, "403 Forbidden", b"forbidden", "text/plain", state)
        # The server has decoded the path once (%2e%2e is '..' here); it is not decoded again.
        raw = environ.get("PATH_INFO", "/")
        if raw == OWN_PREFIX + "overlay.css":
            return _respond(start_response, "200 OK", _OVERLAY_CSS, "text/css", state)
        if "\x00" in raw or "\\" in raw:
            return _respond(start_response, "400 Bad Request", b"bad request", "text/plain", state)
        relative = posixpath.normpath("/" + raw).lstrip("/")
        target = (real_root / relative).resolve() if relative not in ("", ".") else real_root
        if target != real_root and real_root not in target.parents:
            return _respond(start_response, "403 Forbidden", b"forbidden", "text/plain", state)
        if target.is_dir():
            if not raw.endswith("/"):
                # Built from the normalised path: '/%2fhost/..' must not become '//host/'.
                location = "/" + quote(relative + "/" if relative else "")
                start_response("301 Moved Permanently", [("Location", location)])
                return [b""]
            target = target / "index.html"
        if target.is_file():
            kind, encoding = mimetypes.guess_type(target.name)
            if kind is None or encoding is not None:  # a.html.gz is not a page to show
                kind = "application/octet-stream"
            return _respond(start_response, "200 OK", target.read_bytes(), kind, state)
        language = relative.split("/", 1)[0]
        missing = root / language / "404.html"
        body = missing.read_bytes() if missing.is_file() else _page("Not found", "")
        return _respond(start_response, "404 Not Found", body, "text/html", state)

    return app


def _host_name(header: str) -> str:
    """The host of a Host header, without its port: '127.0.0.1:8000' → '127.0.0.1'."""
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})


def _respond(start_response: StartResponse, status: str, body: bytes, kind: str,
             state: _State) -> list[bytes]:
    if kind == "text/html" and state.error:
        body = _with_overlay(body, state.error, state.overlay)
    if kind.startswith("text/") or kind in ("application/javascript", "application/xml"):
        kind += "; charset=utf-8"
    start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")])
    return [body]


def _overlay(message: str, words: Overlay) -> str:
    """The error over the page; the message is text (file names and YAML keys can hold markup)."""
    return (f'<div id="handbook-error" role="alert" lang="{html.escape(words.lang)}">'
            f'<h1>{html.escape(words.heading)}</h1><pre>{html.escape(message)}</pre>'
            f'<p>{html.escape(words.advice)}</p></div>')


def _with_overlay(body: bytes, message: str, words: Overlay = Overlay()) -> bytes:
    text = body.decode("utf-8", errors="replace")
    start = text.find("<body")
    end = text.find(">", start) + 1 if start >= 0 else -1
    if end <= 0:
        return _page(words.title, _overlay(message, words))
    link = f'<link rel="stylesheet" href="{OWN_PREFIX}overlay.css">'
    text = text.replace("</head>", link + "</head>", 1)
    end = text.find(">", text.find("<body")) + 1
    return (text[:end] + _overlay(message, words) + text[end:]).encode("utf-8")


def _page(title: str, content: str) -> bytes:
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f'<link rel="stylesheet" href="{OWN_PREFIX}overlay.css"></head>'
            f"<body>{content}</body></html>").encode()


def is_loopback(host: str) -> bool:
    """Only this computer can reach `host` (a host name other than localhost may resolve to
    any interface)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Server(Server):
    """livereload's server, with its client loaded as a file instead of an inline script, and
    other apps mounted at their prefixes as they are: no livereload client, no overlay."""

    mounts: dict[str, WsgiApp] = {}  # noqa: RUF012 - set per instance in serve()

    def get_web_handlers(self, script):
        from tornado.web import FallbackHandler
        from tornado.wsgi import WSGIContainer

        mounted = [(re.escape(prefix.rstrip("/")) + "(/.*)?", FallbackHandler, {"fallback": WSGIContainer(app)})
                   for prefix, app in self.mounts.items()]
        return mounted + super().get_web_handlers(LIVERELOAD_TAG)


def guarded(app: WsgiApp, hosts: frozenset[str] | None) -> WsgiApp:
    """`app`, refusing requests that name another host (see make_app)."""
    if hosts is None:
        return app

    def checked(environ, start_response):
        if _host_name(environ.get("HTTP_HOST", "")) not in hosts:
            return _respond(start_response, "403 Forbidden", b"forbidden", "text/plain", _State())
        return app(environ, start_response)

    return checked


def serve(root: Path, watch: Watch, rebuild: Callable[[set[Path] | None], Outcome],
          host: str = "127.0.0.1", port: int = 8000, overlay: Overlay = Overlay(),
          mounts: dict[str, WsgiApp] | None = None) -> None:
    """Build once, then serve `root` until interrupted, rebuilding when a watched file changes.
    Browsers reload when the output changed or an error appeared or went. `mounts`: other apps
    by the path prefix they answer (the editor's /admin/)."""
    state = _State()
    state.overlay = overlay

    def tracked(changed: set[Path] | None) -> Outcome:
        outcome = rebuild(changed)
        had_error, state.error = state.error, outcome.error
        return Outcome(outcome.changed or (outcome.error or had_error) is not None, outcome.error)

    first = rebuild(None)
    state.error = first.error
    # livereload ignores changes for 3 s after a reload; our watcher already batches saves.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    hosts = LOOPBACK_NAMES | {host} if is_loopback(host) else None
    watcher = SourceWatcher(watch, tracked)
    server = _Server(app=make_app(root, state, hosts), watcher=watcher)
    server.mounts = {prefix: guarded(app, hosts) for prefix, app in (mounts or {}).items()}
    server._setup_logging = lambda: logging.getLogger("livereload").setLevel(logging.WARNING)
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    try:
        server.serve(host=host, port=port, debug=False, restart_delay=0)
    finally:
        watcher.stop()
