"""Command line: parse arguments, call one function, turn problems into messages and exit codes.

Exit codes: 0 ok, 1 content or build errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from . import __version__
from .build import build
from .clock import today
from .errors import ERROR, WARNING, HandbookError, Problem, UsageError, count
from .new import new_organisation, new_page
from .new_site import created_lines, new_site, parse_languages
from .schema import SCHEMA_DIR, write_editor_files
from .status import format_json, format_table, load_status

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook",
                                     description="Build a multilingual handbook of organisations' "
                                                 "vision, values and strategy.")
    parser.add_argument("--version", action="version", version=f"handbook {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build_cmd = commands.add_parser("build", help="build the site into build/")
    build_cmd.add_argument("site", nargs="?", default=".", type=Path, help="site directory (default: .)")
    build_cmd.add_argument("--out", type=Path, help="output directory (default: SITE/build)")
    build_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors (for CI)")
    build_cmd.add_argument("--base-url", help="override base_url from site.yaml")
    build_cmd.add_argument("--cache", type=Path, metavar="DIR",
                           help="where to keep the build cache (default: SITE/.cache/handbook)")
    build_cmd.add_argument("--no-cache", action="store_true",
                           help="build everything from nothing, without reading or writing the cache")

    check_cmd = commands.add_parser("check", help="check everything, write nothing")
    check_cmd.add_argument("site", nargs="?", default=".", type=Path, help="site directory (default: .)")
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")

    serve_cmd = commands.add_parser("serve", help="preview the site, rebuilding and reloading on every save")
    serve_cmd.add_argument("site", nargs="?", default=".", type=Path, help="site directory (default: .)")
    serve_cmd.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve_cmd.add_argument("--host", default="127.0.0.1",
                           help="address to listen on (default: 127.0.0.1, this computer only)")
    serve_cmd.add_argument("--lang", choices=("sv", "da", "cs", "en"),
                           help="the language of the editor at /admin/ (default: HANDBOOK_LANG, "
                                "else LC_ALL / LC_MESSAGES / LANG, else English)")

    new_cmd = commands.add_parser("new", help="start a new organisation or page from a template")
    kinds = new_cmd.add_subparsers(dest="kind", metavar="KIND", required=True)
    new_org = kinds.add_parser("org", help="a new organisation: content/<slug>/")
    new_org.add_argument("slug", help="its folder and URL name, e.g. center-norrebro")
    new_org.add_argument("--language", help="the language it writes in (default: site.yaml's default_language)")
    new_org.add_argument("--name", help="its name as readers see it")
    new_org.add_argument("--site", type=Path, default=Path("."), help="site directory (default: .)")
    new_pg = kinds.add_parser("page", help="a new page, or a translation with <org>/<page>.<lang>")
    new_pg.add_argument("page", help="e.g. proaros/strategy, or proaros/vision.en for a translation")
    new_pg.add_argument("--site", type=Path, default=Path("."), help="site directory (default: .)")
    new_st = kinds.add_parser("site", help="a whole new site to start from, in a new folder")
    new_st.add_argument("folder", type=Path, help="the new folder (or an empty one), e.g. handbok")
    new_st.add_argument("--languages", default="en",
                        help="the handbook's language codes, the main one first (default: en), e.g. sv,en")
    new_st.add_argument("--org", help="the first organisation's folder and URL name (default: from FOLDER)")
    new_st.add_argument("--name", help="its name as readers see it, also the handbook's title")

    schema_cmd = commands.add_parser("schema", help="write JSON Schemas of the settings, for editors "
                                                    "that check YAML while you type")
    schema_cmd.add_argument("--out", type=Path, metavar="DIR",
                            help=f"where to write them (default: SITE/{SCHEMA_DIR}, with editor settings)")
    schema_cmd.add_argument("--site", type=Path, default=Path("."), help="site directory (default: .)")

    status_cmd = commands.add_parser("status", help="which pages exist in which languages, and which "
                                                    "are past their review date")
    status_cmd.add_argument("site", nargs="?", default=".", type=Path, help="site directory (default: .)")
    status_cmd.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            report = build(args.site, args.out, base_url=args.base_url, strict=args.strict,
                           cache_dir=args.cache, use_cache=not args.no_cache)
            _print_warnings(report.warnings + report.notices)
            out = args.out or args.site / "build"
            print(f"built {report.pages} pages ({report.files} files) into {out} "
                  f"in {report.seconds:.2f} s: {report.rendered} rendered, {report.written} written",
                  file=sys.stderr)
        elif args.command == "check":
            report = build(args.site, strict=args.strict, write=False)
            _print_warnings(report.warnings + report.notices)
            print(f"checked {report.pages} pages: no errors", file=sys.stderr)
        elif args.command == "serve":
            return _serve(args.site, args.host, args.port, args.lang)
        elif args.command == "new":
            if args.kind == "site":
                made = new_site(args.folder, parse_languages(args.languages), args.org, args.name)
                print("\n".join(created_lines(str(args.folder), made)))
                return EXIT_OK
            if args.kind == "org":
                created = new_organisation(args.site, args.slug, args.language, args.name)
            else:
                created = new_page(args.site, args.page)
            for path in created:
                print(f"created {path}")
        elif args.command == "schema":
            for line in write_editor_files(args.site, args.out):
                print(line)
        elif args.command == "status":
            on = today()
            languages, rows, problems = load_status(args.site, on)
            _print_warnings(problems.warnings)
            print(format_json(languages, rows, on) if args.json else format_table(languages, rows))
        return EXIT_OK
    except UsageError as exc:
        _print_problems(exc.problems, wrote_nothing=False)
        return EXIT_USAGE
    except HandbookError as exc:
        _print_problems(exc.problems, wrote_nothing=args.command == "build")
        return EXIT_ERRORS
    except KeyboardInterrupt:
        print("interrupted; the previous output is unchanged", file=sys.stderr)
        return 130
    except Exception:
        if args.debug:
            traceback.print_exc()
        else:
            last = traceback.format_exc().strip().splitlines()[-1]
            print(f"internal error: {last}\n  this is a bug in handbook, not in your content; "
                  "please report it with the output of 'handbook --debug …'", file=sys.stderr)
        return EXIT_ERRORS


def _serve(site: Path, host: str, port: int, lang: str | None = None) -> int:
    """`handbook serve`: an incremental build into a temporary folder, served with livereload,
    and the browser editor at /admin/."""
    # Imported here: the server's libraries are only needed by `serve`.
    from .build import Pipeline
    from .editor.app import PREFIX, make_editor_app
    from .editor.backend import LocalBackend, Saved
    from .editor.language import editor_language
    from .output import LiveFolder
    from .paths import is_source
    from .search import BackgroundIndexer
    from .serve import Outcome, Watch, serve
    from .theme import BUNDLED_THEMES

    if not site.is_dir():
        print(f"error: there is no folder {site}", file=sys.stderr)
        return EXIT_USAGE
    warning = exposure_warning(host)
    if warning:
        print(warning, file=sys.stderr)
    everywhere = host in ("0.0.0.0", "::")  # noqa: S104 - only to print a URL that works here
    url = f"http://{'127.0.0.1' if everywhere else host}:{port}/"
    out = Path(tempfile.mkdtemp(prefix="handbook-serve-"))
    pipeline = Pipeline(site.resolve(), base_url=url, watching=True)
    pipeline.index_search = False  # made in the background, after the browser has reloaded
    live = LiveFolder(out)
    indexer = BackgroundIndexer(out, lambda message: print(message, file=sys.stderr, flush=True))

    def rebuild(changed: set[Path] | None) -> Outcome:
        try:
            report = pipeline.run(live, changed=changed)
        except HandbookError as exc:
            message = "\n".join(p.format() for p in exc.problems)
            print(message, file=sys.stderr)
            print("rebuild failed: still serving the last good version", file=sys.stderr, flush=True)
            return Outcome(changed=False, error=message)
        except Exception:
            message = ("internal error: this is a bug in handbook, not in your content; please "
                       "report it with this text:\n" + traceback.format_exc())
            print(message, file=sys.stderr, flush=True)
            return Outcome(changed=False, error=message)
        _print_warnings(report.warnings + report.notices)
        print(f"rebuilt {count(report.rendered, 'page')} in {report.seconds * 1000:.0f} ms",
              file=sys.stderr, flush=True)
        indexer.request(report.search_languages)
        return Outcome(changed=report.written + report.removed > 0)

    def saved(saved: Saved) -> None:
        for file in saved.files:
            print(f"editor: saved {file}", file=sys.stderr, flush=True)
        _print_warnings(list(saved.warnings))

    # The editor writes into content/: only for this computer, never for the network.
    local = warning is None
    where = f"; the editor is at {url}{PREFIX.lstrip('/')}" if local else \
        "; the editor (/admin/) is offered only on 127.0.0.1, where no one else can reach it"
    print(f"serving {site} on {url} (press Ctrl+C to stop){where}", file=sys.stderr, flush=True)
    try:
        root = site.resolve()
        watch = Watch((root, BUNDLED_THEMES), lambda path: is_source(root, path, [BUNDLED_THEMES]))
        mounts = {PREFIX: make_editor_app(root, editor_language(lang), LocalBackend(root, saved))} if local else {}
        serve(out, watch, rebuild, host, port, mounts=mounts)
    except OSError as exc:
        print(f"error: cannot listen on {host}:{port}: {exc.strerror}\n  hint: try another --port",
              file=sys.stderr)
        return EXIT_ERRORS
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return EXIT_OK


def exposure_warning(host: str) -> str | None:
    """A warning when the preview would be reachable from other computers."""
    from .serve import is_loopback

    if is_loopback(host):
        return None
    return f"warning: serving on {host}: other computers on the network can see this preview"


def _print_problems(problems: list[Problem], wrote_nothing: bool) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = sum(1 for p in problems if p.severity == WARNING)
    summary = count(errors, "error")
    if warnings:
        summary += f", {count(warnings, 'warning')}"
    if wrote_nothing:
        summary += "; nothing was written, the previous output is unchanged"
    print(summary, file=sys.stderr)


def _print_warnings(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
