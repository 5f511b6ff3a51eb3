"""Command line: parse arguments, call one function, turn problems into messages and exit codes.

Exit codes: 0 ok, 1 content or build errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path

from . import __version__
from . import registry as msg
from .build import build
from .clock import today
from .errors import ERROR, WARNING, HandbookError, Problem, UsageError, headline, hint_line
from .messages import Language, UnknownLanguage, available, choose, fallback
from .paths import SCHEMA_DIR
from .usage import Parser, localise, without_lang

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 128 + 13  # SIGPIPE


def _parser() -> argparse.ArgumentParser:
    parser = Parser(prog="handbook",
                    description="Build a multilingual handbook of organisations' vision, values and strategy.")
    parser.add_argument("--version", action="version", version=f"handbook {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    parser.add_argument("--lang", metavar="LANG", help="the language of messages and of the editor at /admin/: cs, "
                                                       "da, en or sv (default: HANDBOOK_LANG, else LC_ALL, "
                                                       "LC_MESSAGES or LANG)")
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

    explain_cmd = commands.add_parser("explain", help="what a message means and how to fix it, by its code")
    explain_cmd.add_argument("code", help="the code a message shows in brackets, e.g. HB030")

    status_cmd = commands.add_parser("status", help="which pages exist in which languages, and which "
                                                    "are past their review date")
    status_cmd.add_argument("site", nargs="?", default=".", type=Path, help="site directory (default: .)")
    status_cmd.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


def main(argv: list[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Run one command; messages are in the editor's language (--lang, HANDBOOK_LANG, LC_ALL,
    LC_MESSAGES, LANG, else English), chosen from `environ` (default: the process's)."""
    environ = os.environ if environ is None else environ
    arguments = sys.argv[1:] if argv is None else argv
    try:
        say = choose(_lang_option(arguments), environ)
    except UnknownLanguage as exc:
        say = fallback(environ)
        print(Problem(exc.source, msg.UNKNOWN_MESSAGE_LANGUAGE(code=exc.value),
                      hint=msg.MESSAGE_LANGUAGES(languages=", ".join(available()))).format(say), file=sys.stderr)
        return EXIT_USAGE
    args = localise(_parser(), say).parse_args(without_lang(arguments))
    try:
        if args.command == "build":
            report = build(args.site, args.out, base_url=args.base_url, strict=args.strict,
                           cache_dir=args.cache, use_cache=not args.no_cache)
            _print_warnings(report.warnings + report.notices, say)
            out = args.out or args.site / "build"
            print(say(msg.BUILT(pages=msg.PAGES(count=report.pages), files=msg.FILES(count=report.files),
                                out=str(out), seconds=round(report.seconds, 2), rendered=report.rendered,
                                written=report.written)), file=sys.stderr)
        elif args.command == "check":
            report = build(args.site, strict=args.strict, write=False)
            _print_warnings(report.warnings + report.notices, say)
            print(say(msg.CHECKED(pages=msg.PAGES(count=report.pages))), file=sys.stderr)
        elif args.command == "serve":
            return _serve(args.site, args.host, args.port, say)
        elif args.command == "new":
            # Each command loads its own modules: `handbook build` with nothing to do stays quick.
            from .new import new_organisation, new_page
            from .new_site import created_lines, new_site, parse_languages
            if args.kind == "site":
                made = new_site(args.folder, parse_languages(args.languages), args.org, args.name)
                print("\n".join(say(line) for line in created_lines(str(args.folder), made)))
                return EXIT_OK
            if args.kind == "org":
                created = new_organisation(args.site, args.slug, args.language, args.name)
            else:
                created = new_page(args.site, args.page)
            for path in created:
                print(say(msg.CREATED(path=path)))
        elif args.command == "schema":
            from .schema import write_editor_files
            for line in write_editor_files(args.site, args.out, say):
                print(say(line))
        elif args.command == "explain":
            from .explain import UnknownCode, explain
            try:
                print(explain(args.code, say), end="")
            except UnknownCode as exc:
                print(headline(ERROR, exc.text, say), file=sys.stderr)
                print(hint_line(exc.hint, say), file=sys.stderr)
                return EXIT_USAGE
        elif args.command == "status":
            from .status import format_json, format_table, load_status
            on = today()
            languages, rows, problems = load_status(args.site, on)
            _print_warnings(problems.warnings, say)
            print(format_json(languages, rows, on) if args.json else format_table(languages, rows, say))
        return EXIT_OK
    except UsageError as exc:
        _print_problems(exc.problems, say, wrote_nothing=False)
        return EXIT_USAGE
    except HandbookError as exc:
        _print_problems(exc.problems, say, wrote_nothing=args.command == "build")
        return EXIT_ERRORS
    except KeyboardInterrupt:
        print(say(msg.INTERRUPTED()), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`handbook status --json | head`): stop quietly, as Unix tools
        # do, with the status of a process that SIGPIPE ended; nothing is left to flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception:
        if args.debug:
            traceback.print_exc()
        else:
            last = traceback.format_exc().strip().splitlines()[-1]
            print(f"{say(msg.INTERNAL_ERROR(detail=last))}\n  {say(msg.REPORT_BUG())}", file=sys.stderr)
        return EXIT_ERRORS


def _lang_option(arguments: list[str]) -> str | None:
    """--lang, wherever it is on the line: the language is needed before the arguments are
    parsed, so that mistakes in them are told in it too."""
    found = None
    for index, word in enumerate(arguments):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(arguments):
            found = arguments[index + 1]
        elif word.startswith("--lang="):
            found = word.partition("=")[2]
    return found


def _serve(site: Path, host: str, port: int, say: Language) -> int:
    """`handbook serve`: an incremental build into a temporary folder, served with livereload,
    and the browser editor at /admin/ (both in the editor's language)."""
    # Imported here: the server's libraries are only needed by `serve`.
    from .editor.app import PREFIX, make_editor_app
    from .editor.backend import LocalBackend, Saved
    from .editor.language import editor_language
    from .output import LiveFolder
    from .paths import is_source
    from .pipeline import Pipeline
    from .search import BackgroundIndexer
    from .serve import Outcome, Overlay, Watch, serve
    from .theme import BUNDLED_THEMES

    if not site.is_dir():
        print(headline(ERROR, msg.NO_FOLDER(folder=str(site)), say), file=sys.stderr)
        return EXIT_USAGE
    warning = exposure_warning(host, say)
    if warning:
        print(warning, file=sys.stderr)
    everywhere = host in ("0.0.0.0", "::")  # noqa: S104 - only to print a URL that works here
    url = f"http://{'127.0.0.1' if everywhere else host}:{port}/"
    import shutil
    import tempfile

    out = Path(tempfile.mkdtemp(prefix="handbook-serve-"))
    pipeline = Pipeline(site.resolve(), base_url=url, watching=True)
    pipeline.index_search = False  # made in the background, after the browser has reloaded
    live = LiveFolder(out)
    indexer = BackgroundIndexer(out, lambda problems: _print_warnings(problems, say, flush=True))

    def rebuild(changed: set[Path] | None) -> Outcome:
        try:
            report = pipeline.run(live, changed=changed)
        except HandbookError as exc:
            message = "\n".join(p.format(say) for p in exc.problems)
            print(message, file=sys.stderr)
            print(say(msg.REBUILD_FAILED()), file=sys.stderr, flush=True)
            return Outcome(changed=False, error=message)
        except Exception:
            message = say(msg.REPORT_BUG_WITH_TEXT()) + "\n" + traceback.format_exc()
            print(message, file=sys.stderr, flush=True)
            return Outcome(changed=False, error=message)
        _print_warnings(report.warnings + report.notices, say)
        print(say(msg.REBUILT(pages=msg.PAGES(count=report.rendered), milliseconds=round(report.seconds * 1000))),
              file=sys.stderr, flush=True)
        indexer.request(report.search_languages)
        return Outcome(changed=report.written + report.removed > 0)

    def saved(saved: Saved) -> None:
        for file in saved.files:
            print(say(msg.EDITOR_SAVED(file=file)), file=sys.stderr, flush=True)
        _print_warnings(list(saved.warnings), say)

    # The editor writes into content/: only for this computer, never for the network.
    local = warning is None
    serving = (msg.SERVING(site=str(site), url=url, editor=f"{url}{PREFIX.lstrip('/')}") if local
               else msg.SERVING_WITHOUT_EDITOR(site=str(site), url=url))
    print(say(serving), file=sys.stderr, flush=True)
    overlay = Overlay(heading=say(msg.OVERLAY_HEADING()), advice=say(msg.OVERLAY_ADVICE()),
                      title=say(msg.OVERLAY_TITLE()), lang=say.code)
    try:
        root = site.resolve()
        watch = Watch((root, BUNDLED_THEMES), lambda path: is_source(root, path, [BUNDLED_THEMES]))
        editor = make_editor_app(root, editor_language(say.code), LocalBackend(root, saved, say))
        serve(out, watch, rebuild, host, port, overlay, mounts={PREFIX: editor} if local else {})
    except OSError as exc:
        print(headline(ERROR, msg.CANNOT_LISTEN(host=host, port=port, reason=str(exc.strerror)), say), file=sys.stderr)
        print(hint_line(msg.ANOTHER_PORT(), say), file=sys.stderr)
        return EXIT_ERRORS
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return EXIT_OK


def exposure_warning(host: str, say: Language | None = None) -> str | None:
    """A warning when the preview would be reachable from other computers."""
    from .serve import is_loopback

    if is_loopback(host):
        return None
    return headline(WARNING, msg.PREVIEW_EXPOSED(host=host), say)


def _print_problems(problems: list[Problem], say: Language, wrote_nothing: bool) -> None:
    for problem in problems:
        print(problem.format(say), file=sys.stderr)
    errors = msg.ERRORS(count=sum(1 for p in problems if p.severity == ERROR))
    warnings = sum(1 for p in problems if p.severity == WARNING)
    summary = msg.ERRORS_AND_WARNINGS(errors=errors, warnings=msg.WARNINGS(count=warnings)) if warnings else errors
    print(say(msg.NOTHING_WRITTEN(summary=summary) if wrote_nothing else summary), file=sys.stderr)


def _print_warnings(problems: list[Problem], say: Language, flush: bool = False) -> None:
    for problem in problems:
        print(problem.format(say), file=sys.stderr, flush=flush)


if __name__ == "__main__":
    sys.exit(main())
