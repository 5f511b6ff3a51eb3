"""Content is untrusted: what it may publish, what is taken out (and said), what is refused.

Every test builds a whole small site from files written here and looks at the output files and
the messages, as an editor or CI would. The browser side (nothing runs in Chromium) is in
test_payloads.py; the dev server's side is at the end of this file.
"""

from __future__ import annotations

import os
import re
import socket

import pytest

from conftest import files_of, parse, text_of

ORG = {"content/org/organisation.yaml": "name: Org\nlanguage: sv\n"}
LINE = re.compile(r"^(?P<path>content/\S+?):(?P<line>\d+)(?::\d+)?: (?P<severity>warning|error)\[HB\d{3}\]: (?P<message>.*)$")


def messages(err: str) -> list[tuple[str, int, str, str]]:
    """(file, line, severity, message) of every located message."""
    return [(m["path"], int(m["line"]), m["severity"], m["message"])
            for m in map(LINE.match, err.splitlines()) if m]


def page(body: str, front: str = "title: Sida") -> str:
    return f"---\n{front}\n---\n{body}"


# -- the sanitiser keeps what Markdown makes --------------------------------------------------

EVERYTHING_MARKDOWN_MAKES = """\
## Rubrik {: #egen lang=en }

Text med [länk](https://example.org/) och [sida](values.md), *kursiv*, **fet**, `kod`,
en fotnot[^1] och HTML.

| Vänster | Mitten | Höger |
|:--------|:------:|------:|
| a       | b      | c     |

Term
: Definition

> Citat

```python
print("kod")
```

![Bild](media/bild.png)

<span lang="da" dir="ltr">dansk</span> och <abbr title="förkortning">förk.</abbr>

[^1]: Fotnoten.

*[HTML]: HyperText Markup Language
"""


def test_everything_markdown_makes_is_kept_without_warnings(build_site):
    result = build_site({**ORG, "content/org/sida.md": page(EVERYTHING_MARKDOWN_MAKES),
                         "content/org/values.md": page("", "title: Värden"),
                         "content/org/media/bild.png": b"\x89PNG\r\n"})
    assert "warning" not in result.err, result.err
    prose = result.html("sv/org/sida/index.html").select_one(".prose")
    assert prose.select_one("h2#egen[lang=en]").get_text() == "Rubrik"
    assert [td["class"] for td in prose.select("tbody td")] == [["align-left"], ["align-center"], ["align-right"]]
    assert not prose.select("[style]")
    assert prose.select_one("sup a.footnote-ref")["href"] == "#fn:1"
    assert prose.select_one("div.footnote li#fn\\:1 a.footnote-backref")
    assert prose.select_one("abbr[title='HyperText Markup Language']").get_text() == "HTML"
    assert prose.select_one("dl dt").get_text() == "Term"
    assert prose.select_one("pre code.language-python")
    assert prose.select_one("img")["src"] == "../../../media/org/bild.png"
    assert prose.select_one("span[lang=da][dir=ltr]").get_text() == "dansk"
    assert prose.select_one("a[href='https://example.org/']")
    assert prose.select_one("a[href='../values/']")


# -- raw HTML: removed, and said with file and line --------------------------------------------

HOSTILE_BODY = """\
Första stycket.

<script>alert(1)</script>

<p onclick="alert(2)" style="color:red">Klicka</p>

<iframe src="https://evil.example/"></iframe>

<img src="media/bild.png" alt="bild" onerror="alert(3)">

<form action="/x"><input name="q"></form>

<svg onload="alert(4)"><circle r="1"/></svg>
"""


def test_raw_html_is_removed_and_each_removal_is_a_warning_with_its_line(build_site):
    result = build_site({**ORG, "content/org/sida.md": page(HOSTILE_BODY),
                         "content/org/media/bild.png": b"\x89PNG\r\n"})
    found = messages(result.err)
    file = "content/org/sida.md"
    assert (file, 6, "warning", "<script> removed: scripts are not published") in found
    assert (file, 8, "warning", "the attribute onclick removed from <p>: scripts are not published") in found
    assert (file, 8, "warning", "the attribute style removed from <p>: the look of the page comes from the theme") in found
    assert any(f[:3] == (file, 10, "warning") and f[3].startswith("<iframe> removed") for f in found), found
    assert (file, 12, "warning", "the attribute onerror removed from <img>: scripts are not published") in found
    assert any(f[:3] == (file, 14, "warning") and f[3] == "<form> removed: forms are not published" for f in found)
    assert any(f[:3] == (file, 16, "warning") and f[3].startswith("<svg> removed") for f in found)
    html = result.html("sv/org/sida/index.html")
    prose = html.select_one(".prose")
    assert not prose.select("script, iframe, form, input, svg, [onclick], [onerror], [style]")
    assert prose.select_one("p").get_text() == "Första stycket."
    assert prose.select_one("img")["alt"] == "bild"
    assert "Klicka" in text_of(prose)
    # Each removal is said once, though the page is one of several outputs.
    assert result.err.count("<script> removed") == 1


def test_strict_makes_a_removal_an_error_and_writes_nothing(make_site, run):
    root = make_site({**ORG, "content/org/sida.md": page("<script>alert(1)</script>\n")})
    result = run("build", "--strict", root)
    assert result.code == 1
    assert "content/org/sida.md:4: warning[HB328]: <script> removed: scripts are not published" in result.err
    assert not (root / "build").exists()


@pytest.mark.parametrize("markdown", [
    "[klicka](javascript:alert(1))",
    "[klicka](JaVaScRiPt:alert(1))",
    "![bild](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    "[klicka](vbscript:msgbox)",
    '<a href="&#106;avascript:alert(1)">klicka</a>',
    '<a href=" java&#x09;script:alert(1)">klicka</a>',
    '<img src="data:text/html,<script>alert(1)</script>">',
])
def test_a_link_or_image_that_runs_code_is_an_error_with_its_line(make_site, run, markdown):
    root = make_site({**ORG, "content/org/sida.md": page(f"Stycke.\n\nMer: {markdown}\n")})
    result = run("build", root)
    assert result.code == 1
    found = messages(result.err)
    assert any(f[:3] == ("content/org/sida.md", 6, "error") and "is not allowed" in f[3] for f in found), result.err
    assert "javascript: addresses" in result.err or "data: addresses" in result.err or "vbscript:" in result.err
    assert not (root / "build").exists()


def test_other_url_schemes_are_removed_with_a_warning(build_site):
    result = build_site({**ORG, "content/org/sida.md": page("[fil](file:///etc/passwd) och [ftp](ftp://x.example/)\n")})
    assert "content/org/sida.md:4: warning[HB346]: the link 'file:///etc/passwd' removed from <a>: only http, " \
           "https, mailto and tel addresses are published" in result.err
    links = result.html("sv/org/sida/index.html").select(".prose a")
    assert [a.get("href") for a in links] == [None, None]


def test_an_image_from_elsewhere_is_a_warning(build_site):
    result = build_site({**ORG, "content/org/sida.md": page("![logga](https://evil.example/x.png)\n")})
    assert "content/org/sida.md:4: warning[HB342]: the image 'https://evil.example/x.png' will not be shown" in result.err


def test_mutation_payloads_do_not_survive(build_site):
    body = ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>\n\n'
            '<math><mglyph><style><img src=x onerror=alert(2)></style></mglyph></math>\n\n'
            '<a href="#" onmouseover="alert(3)">x</a>\n')
    result = build_site({**ORG, "content/org/sida.md": page(body)})
    prose = result.html("sv/org/sida/index.html").select_one(".prose")
    assert not prose.select("[onerror], [onmouseover], noscript, math, style")
    found = [f for f in messages(result.err) if f[0] == "content/org/sida.md"]
    assert any("onerror" in f[3] for f in found)
    assert any("onmouseover" in f[3] for f in found)


# -- YAML texts shown as Markdown ----------------------------------------------------------------

def test_yaml_texts_are_sanitised_and_reported_at_their_line(build_site):
    vision = ("---\ntitle: Vision\n"
              "statement: 'Bästa mötet <img src=x onerror=alert(1)>'\n"
              "summary: Kort <script>alert(2)</script>\n---\nText\n")
    values = ("---\ntitle: Värden\nvalues:\n  - name: Kunskap <b onclick=alert(3)>!</b>\n"
              "    description: |\n      Att lära.\n      <iframe src=https://evil.example></iframe>\n---\n")
    strategy = "---\ntitle: Strategi\ngoals:\n  - Mål ett\n  - 'Mål <script>alert(4)</script>'\n---\n"
    organisation = "name: Org\nlanguage: sv\nsummary: Om oss <svg onload=alert(5)></svg>\n"
    result = build_site({"content/org/organisation.yaml": organisation, "content/org/vision.md": vision,
                         "content/org/values.md": values, "content/org/strategy.md": strategy})
    found = {(f[0], f[1], f[3].split(":")[0]) for f in messages(result.err)}
    assert ("content/org/vision.md", 3, "the attribute onerror removed from <img>") in found
    assert ("content/org/vision.md", 4, "<script> removed") in found
    assert ("content/org/values.md", 4, "the attribute onclick removed from <b>") in found
    assert ("content/org/values.md", 5, "<iframe> removed with its content") in found
    assert ("content/org/strategy.md", 5, "<script> removed") in found
    assert ("content/org/organisation.yaml", 3, "<svg> removed") in found
    for path in ("sv/", "da/", "sv/org/", "sv/org/vision/", "sv/org/values/", "sv/org/strategy/"):
        html = result.html(path + "index.html")
        assert not html.select("main script, main iframe, main svg, [onerror], [onclick], [onload]"), path
    assert "Bästa mötet" in text_of(result.html("da/index.html").select_one(".card__statement"))


def test_a_link_that_runs_code_in_a_statement_is_an_error(make_site, run):
    root = make_site({**ORG, "content/org/vision.md": "---\ntitle: V\nstatement: '[x](javascript:alert(1))'\n---\n"})
    result = run("build", root)
    assert result.code == 1
    assert "content/org/vision.md:3: error[HB323]: the link 'javascript:alert(1)' is not allowed" in result.err


@pytest.mark.parametrize("website", ["javascript:alert(1)", "https://x.example/\"><script>alert(1)</script>",
                                     "data:text/html,hi", "www.example.org"])
def test_an_organisation_website_must_be_a_web_address(make_site, run, website):
    root = make_site({"content/org/organisation.yaml": f"name: Org\nlanguage: sv\nwebsite: '{website}'\n"})
    result = run("build", root)
    assert result.code == 1
    assert "content/org/organisation.yaml:3:10: error[HB211]: 'website' must be a web address starting with " \
           "https:// or http://" in result.err


def test_titles_names_and_authors_are_text(build_site):
    result = build_site({
        "content/org/organisation.yaml": "name: '<script>alert(1)</script>Org'\nlanguage: sv\n",
        "content/org/brev.md": "---\ntitle: '<img src=x onerror=alert(2)>Brev'\nauthor: '<b>A</b>'\n"
                               "role: '\"><script>alert(3)</script>'\n---\nText\n"})
    html = result.html("sv/org/brev/index.html")
    assert not html.select("script:not([src]), [onerror], main b")
    assert html.select_one("h1").get_text() == "<img src=x onerror=alert(2)>Brev"
    assert "warning" not in result.err  # text is shown as text: nothing was removed


# -- already right, kept so ---------------------------------------------------------------------

def test_yaml_cannot_construct_python_objects(make_site, run):
    root = make_site({**ORG, "content/org/sida.md": "---\ntitle: !!python/object/apply:os.system ['touch pwned']\n---\n"})
    result = run("build", root)
    assert result.code == 1
    assert "content/org/sida.md:2:" in result.err
    assert not (root / "pwned").exists() and not os.path.exists("pwned")


def test_content_is_never_a_template(build_site):
    result = build_site({**ORG, "content/org/sida.md": page("{{ 7 * 7 }} {% if true %}ja{% endif %} "
                                                            "{{ config.__class__ }}\n", "title: '{{ 6 * 7 }}'")})
    html = result.html("sv/org/sida/index.html")
    assert html.select_one("h1").get_text() == "{{ 6 * 7 }}"
    assert "{{ 7 * 7 }} {% if true %}ja{% endif %}" in text_of(html.select_one(".prose"))


@pytest.mark.parametrize("front,body,expected", [
    ("title: S\nslug: ../../etc", "", "the slug '../../etc' cannot be used in a URL"),
    ("title: S", "![x](../../../../etc/passwd)", "the file '../../../../etc/passwd' does not exist"),
    ("title: S", "[x](../../../site.yaml)", "does not exist"),
])
def test_slugs_and_file_links_cannot_leave_the_site(make_site, run, front, body, expected):
    root = make_site({**ORG, "content/org/sida.md": page(body + "\n", front)})
    result = run("build", root)
    assert result.code == 1
    assert expected in result.err


# -- every page carries a security policy --------------------------------------------------------

def test_every_page_has_a_security_policy_and_no_inline_script(example):
    pages = sorted(example.rglob("*.html"))
    assert len(pages) > 30
    for file in pages:
        html = parse(file)
        policy = html.select_one('head meta[http-equiv="Content-Security-Policy"]')
        assert policy is not None, file
        directives = dict(d.strip().split(" ", 1) for d in policy["content"].split(";"))
        assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
        assert "unsafe-inline" not in policy["content"] and "unsafe-eval" not in policy["content"]
        assert html.select_one('meta[name="referrer"]')["content"] == "same-origin"
        assert all(script.get("src") and not script.string for script in html.select("script")), file
        assert not html.select("[style]"), file


def test_a_template_without_the_policy_is_an_error(make_site, run):
    root = make_site({**ORG, "templates/base.html": "<!DOCTYPE html><html lang=\"{{ lang }}\"><head>"
                                                     "<title>x</title></head><body>{% block main %}"
                                                     "{% endblock %}</body></html>"})
    result = run("build", root)
    assert result.code == 1
    assert "templates/" in result.err and "this page has no security policy" in result.err


# -- catalogs of a site are plain text -----------------------------------------------------------

CATALOG = '''\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Skip to content"
msgstr "<img src=x onerror=alert(1)>Till innehållet"

msgid "Languages"
msgstr "Språk\\" onfocus=\\"alert(2)\\" autofocus=\\""
'''


def test_markup_in_a_sites_catalog_is_shown_as_text_with_a_warning(build_site):
    result = build_site({**ORG, "content/org/sida.md": page("Text\n"),
                         "content/org/sida.en.md": page("Text\n", "title: Page"),
                         "locales/sv/LC_MESSAGES/messages.po": CATALOG})
    assert "locales/sv/LC_MESSAGES/messages.po:5: warning[HB504]: the translation of 'Skip to content' contains " \
           "HTML, which readers will see as text" in result.err
    html = result.html("sv/org/sida/index.html")
    skip = html.select_one("a.skip-link")
    assert skip.get_text() == "<img src=x onerror=alert(1)>Till innehållet"
    assert not html.select("img[onerror], [onfocus], [autofocus]")
    switcher = html.select_one("nav.language-switcher")
    # Text, set by Swedish typography like every catalog string: its quotes become ”.
    assert switcher["aria-label"] == 'Språk\u201d onfocus=\u201dalert(2)\u201d autofocus=\u201d'


# -- nothing outside the site is read or published ------------------------------------------------

@pytest.fixture
def outside(tmp_path):
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    (secret / "org").mkdir()
    (secret / "org" / "organisation.yaml").write_text("name: Other\nlanguage: sv\n", encoding="utf-8")
    (secret / "page.md").write_text("---\ntitle: Stolen\n---\nTOP SECRET\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize("link,target", [
    ("content/org/media/secret.txt", "secret.txt"),
    ("content/org/stolen.md", "page.md"),
    ("content/other", "org"),
    ("templates/page.html", "secret.txt"),
    ("locales", "org"),
    ("site.yaml", "secret.txt"),
])
def test_a_link_out_of_the_site_is_an_error_naming_the_link(make_site, run, outside, link, target):
    root = make_site({**ORG, "content/org/sida.md": page("Text\n")})
    assert run("build", root).code == 0
    before = files_of(root / "build")
    path = root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    path.symlink_to(outside / target)
    result = run("build", root)
    assert result.code == 1
    assert f"{link}: error[HB131]: this is a link to {outside / target}, which is outside the site folder" in result.err
    assert "TOP SECRET" not in result.err
    assert files_of(root / "build") == before


def test_links_inside_the_site_are_followed(build_site, tmp_path):
    files = {**ORG, "content/org/sida.md": page("![bild](media/delad.png)\n"),
             "content/other/organisation.yaml": "name: Other\nlanguage: sv\n",
             "content/other/media/bild.png": b"\x89PNG-shared"}
    root = tmp_path / "site"
    (root / "content/org/media").mkdir(parents=True)
    (root / "content/org/media/delad.png").symlink_to("../../other/media/bild.png")
    result = build_site(files)
    assert (result.build / "media/org/delad.png").read_bytes() == b"\x89PNG-shared"


def test_a_folder_link_to_its_own_parent_is_an_error(make_site, run):
    root = make_site({**ORG})
    (root / "content/org/media").mkdir()
    (root / "content/org/media/loop").symlink_to("..")
    result = run("build", root)
    assert result.code == 1
    assert "content/org/media/loop: error[HB137]: this link points to a folder that contains it" in result.err


def test_a_named_pipe_is_never_read(make_site, run):
    root = make_site({**ORG})
    (root / "content/org/media").mkdir()
    os.mkfifo(root / "content/org/media/pipe.png")
    os.mkfifo(root / "content/org/pipe.md")
    result = run("build", root)  # would hang if either were opened
    assert result.code == 1
    assert "content/org/pipe.md: error[HB140]: this is a named pipe, not a file; it is never read" in result.err
    assert "content/org/media/pipe.png: error[HB140]: this is a named pipe" in result.err


def test_a_socket_is_never_read(make_site, run):
    root = make_site({**ORG})
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(root / "content/org/sock.md"))
        result = run("build", root)
    finally:
        server.close()
    assert result.code == 1
    assert "content/org/sock.md: error[HB140]: this is a socket, not a file" in result.err


# -- media that would run in the site's origin ----------------------------------------------------

@pytest.mark.parametrize("name,data,expected", [
    ("page.html", b"<script>alert(1)</script>", ".html files are not published"),
    ("code.js", b"alert(1)", ".js files are not published"),
    ("x.xhtm", b"<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>",
     ".xhtm files are not published"),
    ("a.html.gz", b"\x1f\x8b", ".gz files are not published"),
    ("b.html.pdf", b"%PDF", "'.html' in the name makes some web servers send the file as a page"),
    ("noext", b"<script>alert(1)</script>", "a file without a suffix"),
    ("xslt.svg", b'<?xml-stylesheet type="text/xsl" href="x.png"?><svg xmlns="http://www.w3.org/2000/svg"/>',
     "processing instruction"),
    ("refresh.svg", b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml">'
                    b'<h:meta http-equiv="refresh" content="0;url=https://evil.example/"/></svg>', "contains <meta>"),
    ("far.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><image href="//evil.example/t.png"/></svg>',
     "may only refer to parts of itself"),
    ("css.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/a.css)</style></svg>',
     "its style sheet loads something from elsewhere"),
    ("page.svg", b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "it is not an SVG drawing"),
    ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "the event handler onload"),
    ("evil2.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "contains <script>"),
    ("evil3.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
     "contains <foreignobject>"),
    ("evil4.svg", b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                  b'<use xlink:href="javascript:alert(1)"/></svg>', "refers to 'javascript:alert(1)'"),
    ("bomb.svg", b'<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><svg>&b;</svg>', "declares entities"),
])
def test_media_that_could_run_script_is_an_error(make_site, run, name, data, expected):
    root = make_site({**ORG, f"content/org/media/{name}": data})
    result = run("build", root)
    assert result.code == 1
    assert f"content/org/media/{name}: error[" in result.err and expected in result.err, result.err


def test_a_plain_svg_drawing_is_published(build_site):
    svg = (b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
           b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg" '
           b'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" viewBox="0 0 10 10">'
           b'<sodipodi:namedview/><style>circle{fill:url(#g)}</style><defs><linearGradient id="g"/></defs>'
           b'<circle r="4" cx="5" cy="5"/><use href="#g"/></svg>')
    result = build_site({"content/org/organisation.yaml": "name: Org\nlanguage: sv\nlogo: media/logo.svg\n",
                         "content/org/media/logo.svg": svg})
    assert (result.build / "media/org/logo.svg").read_bytes() == svg


# -- the dev server -----------------------------------------------------------------------------

def test_the_dev_server_serves_nothing_outside_its_folder(tmp_path):
    from handbook.serve import _State, make_app
    root = tmp_path / "out"
    (root / "sv").mkdir(parents=True)
    (root / "sv/index.html").write_text("<html><head></head><body>hej</body></html>", encoding="utf-8")
    (root / "sv/404.html").write_text("<html><head></head><body>saknas</body></html>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    (root / "sv/link.txt").symlink_to(tmp_path / "secret.txt")
    app = make_app(root, _State())

    def get(path: str) -> tuple[str, bytes]:
        status = []
        body = b"".join(app({"PATH_INFO": path}, lambda s, headers: status.append(s)))
        return status[0], body

    assert get("/sv/")[1].endswith(b"hej</body></html>")
    # The server decodes %2e%2e and %2f once before the app sees the path.
    for path in ("/../secret.txt", "/sv/../../secret.txt", "//../secret.txt", "/sv/link.txt",
                 str(tmp_path / "secret.txt"), "/sv/..\\..\\secret.txt", "/sv/%2e%2e/%2e%2e/secret.txt",
                 "/sv/\x00", "/" + "../" * 20 + "etc/passwd"):
        status, body = get(path)
        assert b"TOP SECRET" not in body and b"root:" not in body, path
        assert status.split()[0] in ("400", "403", "404"), (path, status)


def test_the_error_overlay_shows_markup_as_text():
    from handbook.serve import _with_overlay
    page = b"<html><head></head><body><p>hej</p></body></html>"
    shown = _with_overlay(page, "content/<img src=x onerror=alert(1)>.md:1: error: '<script>' is unknown")
    html = parse_bytes(shown)
    overlay = html.select_one("#handbook-error")
    assert "<img src=x onerror=alert(1)>" in overlay.get_text()
    assert not overlay.select("img, script")
    assert not html.select("[style]")  # its look comes from a stylesheet: the policy stays strict


def parse_bytes(data: bytes):
    from bs4 import BeautifulSoup
    return BeautifulSoup(data.decode("utf-8"), "html.parser")


def test_pages_keep_their_policy_under_serve(tmp_path):
    from handbook.serve import _State, make_app
    root = tmp_path / "out"
    root.mkdir()
    policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">"
    (root / "index.html").write_text(f"<html><head>{policy}</head><body>hej</body></html>", encoding="utf-8")
    state = _State()
    state.error = "x"
    body = b"".join(make_app(root, state)({"PATH_INFO": "/"}, lambda s, h: None))
    assert policy.encode() in body
    assert b'<link rel="stylesheet" href="/__handbook__/overlay.css">' in body




@pytest.mark.parametrize("target", ["../../../.git/config", "../../../.env", "../../../secrets.yaml"])
def test_a_link_from_content_to_elsewhere_in_the_site_is_an_error(make_site, run, target):
    root = make_site({**ORG, ".git/config": "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n",
                      ".env": "TOKEN=secret\n", "secrets.yaml": "token: secret\n"})
    (root / "content/org/media").mkdir()
    (root / "content/org/media/config.txt").symlink_to(target)
    result = run("build", root)
    assert result.code == 1
    assert "content/org/media/config.txt: error[HB133]: this is a link to" in result.err
    assert "which is not a file of content that may be published" in result.err
    assert "secret" not in result.err.replace("secrets.yaml", "")


def test_an_output_folder_that_is_a_link_is_refused(make_site, run, tmp_path):
    root = make_site({**ORG})
    (tmp_path / "elsewhere").mkdir()
    (root / "build").symlink_to(tmp_path / "elsewhere")
    result = run("build", root)
    assert result.code == 1
    assert "the output directory is a symbolic link" in result.err
    assert not any((tmp_path / "elsewhere").iterdir())


def test_the_dev_server_redirects_only_within_itself_and_never_sniffs(tmp_path):
    from handbook.serve import _State, make_app
    root = tmp_path / "out"
    (root / "sv").mkdir(parents=True)
    (root / "sv/index.html").write_text("<html><head></head><body>hej</body></html>", encoding="utf-8")
    (root / "sv/a.html.gz").write_bytes(b"<script>alert(1)</script>")
    app = make_app(root, _State(), frozenset({"127.0.0.1", "localhost", "::1"}))

    def get(path: str, host: str = "127.0.0.1:8000") -> tuple[str, dict[str, str]]:
        seen = []
        b"".join(app({"PATH_INFO": path, "HTTP_HOST": host}, lambda s, h: seen.append((s, dict(h)))))
        return seen[0]

    status, headers = get("//evil.example/../sv")  # what '/%2fevil.example/..%2fsv' decodes to
    assert status.startswith("301") and headers["Location"] == "/sv/"
    status, headers = get("/sv/a.html.gz")
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["X-Content-Type-Options"] == "nosniff"
    # A page elsewhere that points its own name at 127.0.0.1 cannot read the preview.
    assert get("/sv/", host="evil.example:8000")[0].startswith("403")
    assert get("/sv/", host="localhost:8000")[0].startswith("200")
    assert get("/sv/", host="[::1]:8000")[0].startswith("200")


@pytest.mark.parametrize("msgstr,expected", [
    ("Skrivet på %(language)999999999s", "[HB515]: the translation of 'Written in %(language)s' has a '%' that is "
                                         "neither '%%' nor a placeholder"),
    ("Innehåll 100%", "[HB515]: the translation of 'Written in %(language)s' has a '%' that is neither '%%' nor a "
                      "placeholder"),
    ("Skrivet på %(sprog)s", "[HB517]: the translation of 'Written in %(language)s' uses %(sprog)s, which the "
                             "original does not have"),
])
def test_a_catalog_placeholder_that_would_break_pages_is_an_error(make_site, run, msgstr, expected):
    catalog = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
               f'msgid "Written in %(language)s"\nmsgstr "{msgstr}"\n')
    root = make_site({**ORG, "locales/sv/LC_MESSAGES/messages.po": catalog})
    result = run("build", root)
    assert result.code == 1
    assert f"locales/sv/LC_MESSAGES/messages.po:5: error{expected}" in result.err
    assert "internal error" not in result.err


def test_a_text_that_takes_too_long_to_convert_is_an_error_not_a_hang(make_site, run, monkeypatch):
    import handbook.markdown
    monkeypatch.setattr(handbook.markdown, "SECONDS_PER_TEXT", 0.5)
    root = make_site({**ORG, "content/org/sida.md": page("Text.\n\n" + "[" * 20000 + "\n")})
    result = run("build", root)
    assert result.code == 1
    assert "content/org/sida.md:4: error[HB312]: this text takes longer than 0.5 s to convert" in result.err
    (root / "content/org/sida.md").unlink()
    (root / "content/org/vision.md").write_text("---\ntitle: V\nstatement: '" + "[" * 20000 + "'\n---\n")
    result = run("build", root)
    assert result.code == 1
    assert "content/org/vision.md:3: error[HB312]: this text takes longer than 0.5 s to convert" in result.err


def test_a_page_over_a_megabyte_is_an_error(make_site, run):
    root = make_site({**ORG, "content/org/sida.md": page("a" * (1024 * 1024 + 10) + "\n")})
    result = run("build", root)
    assert result.code == 1
    assert "content/org/sida.md: error[HB224]: the page is 1024 KB long, more than a page can be (1024 KB)" in result.err


@pytest.mark.parametrize("body,line,message", [
    ("Intro\n\n<div>\n<!-- not closed\n</div>\n\n## Rubrik\n\nText.", 7,
     "[HB317]: '<!--' starts a note for editors that is never closed with '-->'; it is shown as text"),
    ("Text <![CDATA[ hemlig ]]> mer.", 4, "[HB320]: <![CDATA[ hemlig ]]> removed"),
    ("[länk](http://localhost:99999/)", 4, "[HB343]: the link 'http://localhost:99999/' removed from <a>: it is not a valid address"),
    ('<image src="//evil.example/x.png">', 4, "[HB342]: the image '//evil.example/x.png' will not be shown"),
    ("Skriv <dit namn> här.", 4, "[HB328]: <dit> removed: this tag is not allowed in content; the text inside it is kept"),
])
def test_nothing_is_taken_out_silently(build_site, body, line, message):
    result = build_site({**ORG, "content/org/sida.md": page(body + "\n")})
    assert f"content/org/sida.md:{line}: warning{message}" in result.err, result.err


def test_an_unclosed_note_does_not_hide_the_rest_of_the_page(build_site):
    result = build_site({**ORG, "content/org/sida.md": page("Intro\n\n<!-- not closed\n\n## Rubrik\n\nViktig text.\n")})
    prose = result.html("sv/org/sida/index.html").select_one(".prose")
    assert prose.select_one("h2").get_text() == "Rubrik" and "Viktig text." in prose.get_text()


def test_notes_in_code_stay_and_closed_notes_go(build_site):
    body = "Skriv `<!-- anteckning -->` för att gömma text.\n\n    <!-- kod -->\n\nSynlig <!-- gömd --> text.\n"
    result = build_site({**ORG, "content/org/sida.md": page(body)})
    prose = result.html("sv/org/sida/index.html").select_one(".prose")
    assert [c.get_text() for c in prose.select("code")] == ["<!-- anteckning -->", "<!-- kod -->\n"]
    assert "gömd" not in prose.get_text() and "Synlig" in prose.get_text()
    assert "warning" not in result.err


def test_an_email_autolink_is_a_mailto_link(build_site):
    result = build_site({**ORG, "content/org/sida.md": page("Skriv till <kontakt@example.se>.\n")})
    link = result.html("sv/org/sida/index.html").select_one(".prose a")
    assert link["href"] == "mailto:kontakt@example.se" and link.get_text() == "kontakt@example.se"
    assert "warning" not in result.err
