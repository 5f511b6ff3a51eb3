"""The editor as `handbook serve` offers it at /admin/: its page, its generated configuration, the
Decap bundle shipped in vendor/, and the local backend at /admin/api/v1. Also the files
`handbook build` publishes in admin/ for a Git host's backend.

Pages of the site keep their strict policy; the editor's page has its own, as strict as Decap
allows: Decap compiles its configuration's schema at run time (ajv: 'unsafe-eval') and styles
itself with style elements it writes ('unsafe-inline' styles). Its scripts come from this
server only, and it may connect to this server only (and, published, to the Git host's API).
"""

from __future__ import annotations

import html
import json
import mimetypes
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .. import registry as msg
from ..config import SiteConfig
from .backend import BRANCH, MAX_REQUEST_BYTES, LocalBackend, refusal
from .config import config_yaml, editor_config
from .fields import N_
from .language import EDITOR_LANGUAGES, translations
from .layout import read_layout

PREFIX = "/admin/"
API = PREFIX + "api/v1"
VENDOR = Path(__file__).parent / "vendor"
BUNDLE = "decap-cms.js"
TITLE = N_("Handbook editor")
NEEDS_SCRIPT = N_("The editor needs JavaScript.")

StartResponse = Callable[..., object]


def policy(connect: Iterable[str] = (), images: Iterable[str] = ()) -> str:
    """The editor page's Content Security Policy."""
    return "; ".join((
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src " + " ".join(("'self'", "data:", "blob:", *images)),
        "media-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src " + " ".join(("'self'", *connect)),
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ))


def index_html(language: str, meta_policy: str | None = None) -> str:
    """The editor's page: Decap's bundle from vendor/, its configuration from config.yml."""
    _ = translations(language).gettext
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{html.escape(meta_policy)}">\n'
            if meta_policy else "")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language}">\n<head>\n<meta charset="utf-8">\n{meta}'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        '<meta name="referrer" content="same-origin">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{html.escape(_(TITLE))}</title>\n"
        '<link rel="cms-config-url" type="text/yaml" href="config.yml">\n'
        "</head>\n<body>\n"
        f"<noscript>{html.escape(_(NEEDS_SCRIPT))}</noscript>\n"
        f'<script src="vendor/{BUNDLE}"></script>\n'
        "</body>\n</html>\n")


def vendor_files() -> list[Path]:
    """The bundle's files served or published (scripts and licences)."""
    return sorted(p for p in VENDOR.iterdir() if p.is_file() and (p.suffix == ".js" or p.name.startswith(
        ("LICENSE", "README")) or p.name.endswith(".LICENSE.txt")))


def make_editor_app(root: Path, language: str, backend: LocalBackend) -> Callable[..., list[bytes]]:
    """The WSGI app for everything under /admin/."""
    served = {p.name: p for p in vendor_files()}
    page_policy = policy()

    def app(environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        path = environ.get("PATH_INFO", "/")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == API:
            if method != "POST":
                return _respond(start_response, "405 Method Not Allowed", b"POST only", "text/plain",
                                [("Allow", "POST")])
            return _api(environ, start_response, backend)
        if method not in ("GET", "HEAD"):
            return _respond(start_response, "405 Method Not Allowed", b"GET only", "text/plain", [("Allow", "GET")])
        if path in (PREFIX, PREFIX + "index.html"):
            body = index_html(language).encode("utf-8")
            return _respond(start_response, "200 OK", body, "text/html; charset=utf-8",
                            [("Content-Security-Policy", page_policy)])
        if path == PREFIX + "config.yml":
            host = environ.get("HTTP_HOST", "127.0.0.1")
            origin = f"http://{host}"
            backend_settings = {"name": "proxy", "proxy_url": origin + API, "branch": BRANCH}
            config = editor_config(backend.layout(), language, backend_settings,
                                   local_backend=origin + API, site_url=origin + "/")
            return _respond(start_response, "200 OK", config_yaml(config).encode("utf-8"),
                            "text/yaml; charset=utf-8", [])
        name = path.removeprefix(PREFIX + "vendor/")
        if name in served:
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind.endswith("javascript"):
                kind += "; charset=utf-8"
            return _respond(start_response, "200 OK", served[name].read_bytes(), kind,
                            [])
        if path == PREFIX.rstrip("/"):
            start_response("301 Moved Permanently", [("Location", PREFIX)])
            return [b""]
        return _respond(start_response, "404 Not Found", b"not found", "text/plain", [])

    return app


def _api(environ: dict[str, Any], start_response: StartResponse, backend: LocalBackend) -> list[bytes]:
    """POST /admin/api/v1: only from the editor's own page. A web page elsewhere could make the
    browser send a form or a plain-text request here; it cannot send JSON without asking (CORS),
    and browsers name where a request comes from."""
    kind = environ.get("CONTENT_TYPE", "")
    origin = environ.get("HTTP_ORIGIN")
    fetch_site = environ.get("HTTP_SEC_FETCH_SITE")
    host = environ.get("HTTP_HOST", "")
    if not kind.lower().startswith("application/json") or (origin is not None and origin != f"http://{host}") \
            or fetch_site not in (None, "same-origin", "none"):
        return _json(start_response, 403, refusal(msg.NOT_FROM_EDITOR(), backend.say))
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if length < 0 or length > MAX_REQUEST_BYTES:
        limit = MAX_REQUEST_BYTES // (1024 * 1024)
        return _json(start_response, 413, refusal(msg.REQUEST_TOO_LARGE(size=limit), backend.say))
    body = environ["wsgi.input"].read(length) if length else b""
    try:
        request = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _json(start_response, 400, refusal(msg.NOT_JSON(), backend.say))
    status, answer = backend.handle(request)
    return _json(start_response, status, answer)


_REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 413: "Content Too Large",
            415: "Unsupported Media Type", 422: "Unprocessable Content", 500: "Internal Server Error"}


def _json(start_response: StartResponse, status: int, answer: Any) -> list[bytes]:
    body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
    return _respond(start_response, f"{status} {_REASONS.get(status, 'Error')}", body,
                    "application/json; charset=utf-8", [])


def _respond(start_response: StartResponse, status: str, body: bytes, kind: str,
             headers: list[tuple[str, str]]) -> list[bytes]:
    start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
                            ("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY"), *headers])
    return [body]


# -- the published editor (admin/ in a build) ----------------------------------------------------

OUTPUT = "admin/"


def published_texts(config: SiteConfig) -> dict[str, bytes]:
    """admin/index.html and admin/config.yml for the Git host of site.yaml's `editor:`, in the
    site's default language (English where the editor does not speak it)."""
    if config.editor is None:
        return {}
    language = config.default_language if config.default_language in EDITOR_LANGUAGES else "en"
    layout = read_layout(config.root, config.languages, config.default_language)
    settings = editor_config(layout, language, config.editor.decap_backend(), site_url=config.base_url)
    page_policy = policy(connect=config.editor.origins, images=config.editor.origins)
    return {OUTPUT + "index.html": index_html(language, meta_policy=page_policy).encode("utf-8"),
            OUTPUT + "config.yml": config_yaml(settings).encode("utf-8")}


def published_copies(config: SiteConfig) -> list[tuple[Path, str]]:
    """The bundle's files, copied into admin/vendor/."""
    if config.editor is None:
        return []
    return [(file, f"{OUTPUT}vendor/{file.name}") for file in vendor_files()]
