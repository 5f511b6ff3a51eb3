"""The editor's local backend (the protocol Decap's decap-server speaks), driven as the editor's
page drives it: JSON requests through the WSGI app `handbook serve` mounts at /admin/.

Saves change only what changed and are checked like `handbook check`; hostile requests are
refused and leave every file as it was."""

from __future__ import annotations

import base64
import io
import json
import os
from pathlib import Path

import pytest
import yaml

from handbook import messages
from handbook.content import MAX_PAGE_BYTES
from handbook.editor.app import API, make_editor_app
from handbook.editor.backend import MAX_MEDIA_BYTES, LocalBackend

VALUES = """\
---
# The page's title.
title: Våra ledstjärnor
values:
  - name: Kunskap
    description: >-
      Genom kunskap – att lära ett barn läsa, att ge omsorg till en dement, att stödja en
      missbrukare, att erbjuda kultur – skapar vi ett mervärde.
  - name: "Omtanke"
    description: Vårt sätt att skapa kvalitet är att visa omtanke i allt vi gör.
# review_by: 2026-01-31
---
Om *mötet* är det centrala.

* Kunskap
* Omtanke
"""

SITE = {
    "content/proaros/organisation.yaml": "# The organisation's name.\nname: proAros\nlanguage: sv\ncountry: SE\n",
    "content/proaros/values.md": VALUES,
    "content/proaros/vision.md": "---\ntitle: Vår vision\nstatement: Alltid bästa möjliga möte\n---\nText.\n",
    "content/proaros/strategy.md": "---\ntitle: Strategi\nperiod:\n  from: 2018\n  to: 2019\n---\nText.\n",
}


class Editor:
    """The editor's page, as far as the backend can tell: POSTs of JSON from its own origin."""

    def __init__(self, root: Path, language: str = "en"):
        self.root = root
        self.saved: list[tuple[str, ...]] = []
        self.app = make_editor_app(root, "sv", LocalBackend(root, lambda saved: self.saved.append(saved.files),
                                                            messages.language(language)))

    def request(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
                ) -> tuple[int, dict[str, str], bytes]:
        environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "HTTP_HOST": "127.0.0.1:8000",
                   "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body),
                   "CONTENT_TYPE": "application/json; charset=utf-8", "HTTP_ORIGIN": "http://127.0.0.1:8000"}
        for name, value in (headers or {}).items():
            key = name.upper().replace("-", "_")
            environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else "HTTP_" + key] = value
            if value is None:
                del environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else "HTTP_" + key]
        answer: dict = {}

        def start_response(status: str, response_headers: list[tuple[str, str]]) -> None:
            answer["status"] = int(status.split(maxsplit=1)[0])
            answer["headers"] = dict(response_headers)

        data = b"".join(self.app(environ, start_response))
        return answer["status"], answer["headers"], data

    def call(self, action: str, **params) -> tuple[int, object]:
        status, _headers, data = self.request("POST", API, json.dumps({"action": action, "params": params}).encode())
        return status, json.loads(data)

    def save(self, path: str, raw: str) -> tuple[int, object]:
        return self.call("persistEntry", branch="main", dataFiles=[{"path": path, "slug": "x", "raw": raw}],
                         assets=[], options={"commitMessage": "save"})


def decap_text(text: str, change=None) -> str:
    """A page as Decap writes it back: its own YAML (no comments, other quoting and folding),
    after `change` has changed its front matter."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    front = yaml.safe_load("\n".join(lines[1:end]))
    if change is not None:
        change(front)
    body = "\n".join(lines[end + 1:])
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=True, width=60) + "---\n" + body


@pytest.fixture
def site(make_site) -> Path:
    return make_site(SITE)


@pytest.fixture
def editor(site) -> Editor:
    return Editor(site)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_reading_entries_and_the_organisations_folder(editor):
    status, entry = editor.call("getEntry", branch="main", path="content/proaros/values.md")
    assert status == 200 and entry["data"] == VALUES and entry["file"]["path"] == "content/proaros/values.md"
    status, entries = editor.call("entriesByFolder", branch="main", folder="content", extension="yaml", depth=2)
    assert [e["file"]["path"] for e in entries] == ["content/proaros/organisation.yaml"]
    status, info = editor.call("info")
    assert status == 200 and info["publish_modes"] == ["simple"]


def test_saving_what_the_editor_sent_back_unchanged_leaves_the_file_byte_identical(editor, site):
    before = snapshot(site)
    status, _ = editor.save("content/proaros/values.md", decap_text(VALUES))
    assert status == 200
    assert snapshot(site) == before
    assert editor.saved == []  # nothing written, nothing reported


def test_a_changed_description_changes_only_its_line(editor, site):
    raw = decap_text(VALUES, lambda front: front["values"][1].update(description="Omtanke i allt vi gör."))
    status, answer = editor.save("content/proaros/values.md", raw)
    assert status == 200, answer
    after = (site / "content/proaros/values.md").read_text(encoding="utf-8")
    assert after == VALUES.replace("Vårt sätt att skapa kvalitet är att visa omtanke i allt vi gör.",
                                   "Omtanke i allt vi gör.")
    assert editor.saved == [("content/proaros/values.md",)]


def test_a_new_key_goes_after_the_fields_before_it_and_comments_and_body_stay(editor, site):
    raw = decap_text(VALUES, lambda front: front.update(author="Anna Berg"))
    # Decap's rich text mode writes lists with '-' and emphasis with '_': the same Markdown.
    raw = raw.replace("* Kunskap", "- Kunskap").replace("* Omtanke", "- Omtanke").replace("*mötet*", "_mötet_")
    assert editor.save("content/proaros/values.md", raw)[0] == 200
    after = (site / "content/proaros/values.md").read_text(encoding="utf-8")
    # The comment below the values stays with them; the new line comes after both.
    assert after == VALUES.replace("# review_by: 2026-01-31\n", "# review_by: 2026-01-31\nauthor: Anna Berg\n")


def test_a_changed_body_is_written_as_sent(editor, site):
    raw = decap_text(VALUES).replace("Om *mötet* är det centrala.", "Mötet är det centrala.")
    assert editor.save("content/proaros/values.md", raw)[0] == 200
    after = (site / "content/proaros/values.md").read_text(encoding="utf-8")
    assert after.endswith("---\nMötet är det centrala.\n\n* Kunskap\n* Omtanke\n")
    assert after.startswith(VALUES.split("---\nOm", maxsplit=1)[0])


def test_a_cleared_field_is_removed_and_texts_that_yaml_would_misread_are_quoted(editor, site):
    raw = decap_text(SITE["content/proaros/vision.md"],
                     lambda front: front.update(statement="", author="yes", role="2019-03-01"))
    assert editor.save("content/proaros/vision.md", raw)[0] == 200
    after = (site / "content/proaros/vision.md").read_text(encoding="utf-8")
    assert after == "---\ntitle: Vår vision\nauthor: 'yes'\nrole: '2019-03-01'\n---\nText.\n"


def test_an_organisation_keeps_its_comments(editor, site):
    raw = "country: DK\nlanguage: sv\nname: proAros\n"
    assert editor.save("content/proaros/organisation.yaml", raw)[0] == 200
    after = (site / "content/proaros/organisation.yaml").read_text(encoding="utf-8")
    assert after == "# The organisation's name.\nname: proAros\nlanguage: sv\ncountry: DK\n"


def test_a_period_that_ends_before_it_starts_is_refused_and_nothing_is_written(editor, site):
    before = snapshot(site)
    raw = decap_text(SITE["content/proaros/strategy.md"], lambda front: front["period"].update(to="2017"))
    status, answer = editor.save("content/proaros/strategy.md", raw)
    assert status == 422
    assert answer["error"] == ("not saved: content/proaros/strategy.md:5:7: error[HB235]: the period ends (2017) "
                               "before it starts (2018)")
    assert snapshot(site) == before and editor.saved == []


@pytest.mark.parametrize(("change", "message"), [
    ("title: Strategi", "content/proaros/strategy.md:2:1: error[HB033]: the front matter of a strategy page is missing 'title'"),
    ("from: 2018", "content/proaros/strategy.md:4:9: error[HB040]: 'from' must be a date, got a text 'soon'"),
])
def test_a_save_with_errors_names_file_line_and_hint(editor, site, change, message):
    raw = decap_text(SITE["content/proaros/strategy.md"])
    raw = raw.replace("title: Strategi\n", "") if change.startswith("title") else raw.replace("from: 2018", "from: soon")
    status, answer = editor.save("content/proaros/strategy.md", raw)
    assert status == 422
    assert message in answer["error"]
    assert "hint:" in answer["error"]
    assert (site / "content/proaros/strategy.md").read_text(encoding="utf-8") == SITE["content/proaros/strategy.md"]


def test_a_link_to_a_missing_page_in_the_body_is_refused(editor, site):
    raw = decap_text(SITE["content/proaros/vision.md"]).replace("Text.", "See [our goals](goals.md).")
    status, answer = editor.save("content/proaros/vision.md", raw)
    assert status == 422 and "goals.md" in answer["error"]


def test_a_translation_not_written_yet_starts_as_its_original_marked_as_a_draft(editor, site):
    status, entry = editor.call("getEntry", branch="main", path="content/proaros/vision.en.md")
    assert status == 200 and entry["file"]["id"] is None
    front = yaml.safe_load(entry["data"].split("---\n")[1])
    assert front == {"title": "Vår vision", "statement": "Alltid bästa möjliga möte", "translated_from": "sv",
                     "draft": True}
    assert not (site / "content/proaros/vision.en.md").exists()
    raw = entry["data"].replace("title: Vår vision", "title: Our vision").replace("draft: true\n", "")
    assert editor.save("content/proaros/vision.en.md", raw)[0] == 200
    assert (site / "content/proaros/vision.en.md").read_text(encoding="utf-8") == (
        "---\ntitle: Our vision\nstatement: Alltid bästa möjliga möte\ntranslated_from: sv\n---\nText.\n")


def test_a_translation_of_a_missing_page_is_refused(editor, site):
    status, answer = editor.save("content/proaros/letter.en.md", "---\ntitle: A letter\n---\nHello.\n")
    assert status == 422 and "letter.md" in answer["error"]
    assert not (site / "content/proaros/letter.en.md").exists()


def test_media_upload_and_listing(editor, site):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    status, media = editor.call("persistMedia", branch="main", asset={
        "path": "content/proaros/media/photo.png", "content": base64.b64encode(png).decode(), "encoding": "base64"},
        options={"commitMessage": "upload"})
    assert status == 200 and media["path"] == "content/proaros/media/photo.png"
    assert (site / "content/proaros/media/photo.png").read_bytes() == png
    status, listed = editor.call("getMedia", branch="main", mediaFolder="content/proaros/media")
    assert [m["name"] for m in listed] == ["photo.png"]
    # A new page has no file yet: Decap asks for the folder it will be in, and gets the
    # organisation's media.
    status, listed = editor.call("getMedia", branch="main", mediaFolder="content/proaros")
    assert status == 200 and [m["path"] for m in listed] == ["content/proaros/media/photo.png"]
    assert editor.call("deleteFile", branch="main", path="content/proaros/media/photo.png")[0] == 200
    assert not (site / "content/proaros/media/photo.png").exists()


@pytest.fixture
def outside(tmp_path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.md").write_text("---\ntitle: secret\n---\n", encoding="utf-8")
    return folder


HOSTILE = [
    ("getEntry", {"path": "content/../site.yaml"}, 403, "HB655"),
    ("getEntry", {"path": "content/proaros/../../../outside/secret.md"}, 403, "HB655"),
    ("getEntry", {"path": "/etc/passwd"}, 403, "HB654"),
    ("getEntry", {"path": "site.yaml"}, 403, "HB657"),
    ("getEntry", {"path": "content/.git/config"}, 403, "HB656"),
    ("getEntry", {"path": "content/linked/secret.md"}, 403, "HB658"),
    ("getEntry", {"path": "content/proaros\\..\\..\\site.yaml"}, 400, "HB653"),
    ("persistEntry", {"dataFiles": [{"path": "content/../site.yaml", "raw": "title: x\n", "slug": "x"}], "assets": []}, 403, "HB655"),
    ("persistEntry", {"dataFiles": [{"path": "/tmp/evil.md", "raw": "---\ntitle: x\n---\n", "slug": "x"}], "assets": []}, 403, "HB654"),
    ("persistEntry", {"dataFiles": [{"path": "content/linked/secret.md", "raw": "---\ntitle: x\n---\n", "slug": "x"}],
                      "assets": []}, 403, "HB658"),
    ("persistEntry", {"dataFiles": [{"path": "content/proaros/notes.txt", "raw": "x", "slug": "x"}], "assets": []}, 403, "HB661"),
    ("persistEntry", {"dataFiles": [{"path": "content/proaros/vision.md", "raw": "---\ntitle: x\n---\n", "slug": "x",
                                     "newPath": "content/proaros/other.md"}], "assets": []}, 422, "HB646"),
    ("persistMedia", {"asset": {"path": "content/proaros/media/page.html", "content": "PGgxPng8L2gxPg==",
                                "encoding": "base64"}}, 415, "HB670"),
    ("persistMedia", {"asset": {"path": "content/proaros/media/photo.html.png", "content": "AA==",
                                "encoding": "base64"}}, 415, "HB670"),
    ("persistMedia", {"asset": {"path": "content/proaros/media/run.js", "content": "AA==", "encoding": "base64"}}, 415, "HB670"),
    ("persistMedia", {"asset": {"path": "content/proaros/media/drawing.svg",
                                "content": base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg">'
                                                            b'<script>alert(1)</script></svg>').decode(),
                                "encoding": "base64"}}, 415, "HB674"),
    ("persistMedia", {"asset": {"path": "content/proaros/photo.png", "content": "AA==", "encoding": "base64"}}, 403, "HB668"),
    ("persistMedia", {"asset": {"path": "content/proaros/media/.htaccess", "content": "AA==", "encoding": "base64"}}, 403, "HB656"),
    ("persistMedia", {"asset": {"path": "content/linked/media/x.png", "content": "AA==", "encoding": "base64"}}, 403, "HB658"),
    ("deleteFile", {"path": "content/proaros/vision.md"}, 422, "HB675"),
    ("deleteFiles", {"paths": ["content/proaros/media/../../../site.yaml"]}, 403, "HB655"),
    ("getMedia", {"mediaFolder": "content/linked"}, 403, "HB658"),
    ("unpublishedEntries", {}, 422, "HB643"),
    ("runShell", {}, 422, "HB642"),
]
# Malformed requests, as a broken page or a script could send them.
MALFORMED = [
    ("getEntry", {"path": 5}, 400, "HB035"),
    ("entriesByFiles", {"files": "content/proaros/vision.md"}, 400, "HB042"),
    ("persistEntry", {"dataFiles": [], "assets": []}, 400, "HB644"),
    ("persistEntry", {"dataFiles": ["content/proaros/vision.md"], "assets": []}, 400, "HB645"),
    ("persistEntry", {"dataFiles": [{"path": "content/proaros/vision.md", "slug": "x"}], "assets": []}, 400, "HB647"),
    ("persistEntry", {"dataFiles": [{"path": "content/proaros/vision.md", "raw": "---\ntitle: [x\n---\n"}],
                      "assets": []}, 400, "HB664"),
    ("persistEntry", {"dataFiles": [{"path": "content/proaros/vision.md", "raw": "---\n- x\n---\n"}],
                      "assets": []}, 400, "HB665"),
    ("persistEntry", {"dataFiles": [{"path": "content/proaros/media/x.png", "raw": "x"}], "assets": []}, 400, "HB662"),
    ("persistEntry", {"dataFiles": [{"path": "content/proaros/vision.md", "raw": "x" * (MAX_PAGE_BYTES + 1)}],
                      "assets": []}, 413, "HB663"),
    ("persistMedia", {"asset": "content/proaros/media/x.png"}, 400, "HB648"),
    ("persistMedia", {"asset": {"path": "content/nobody/media/x.png", "content": "AA==", "encoding": "base64"}},
     403, "HB669"),
    ("persistMedia", {"asset": {"path": "content/proaros/media/x.png", "content": "AA==", "encoding": "utf-8"}},
     400, "HB671"),
    ("persistMedia", {"asset": {"path": "content/proaros/media/x.png", "content": "!!", "encoding": "base64"}},
     400, "HB673"),
    ("getMediaFile", {"path": "content/proaros/vision.md"}, 422, "HB649"),
    ("getMediaFile", {"path": "content/proaros/media/none.png"}, 404, "HB660"),
    ("getEntry", {"path": "content/proaros/media/x.png"}, 422, "HB651"),
    ("getMedia", {"mediaFolder": "content/proaros/media/photos"}, 422, "HB652"),
    ("deleteFiles", {"paths": "content/proaros/media/x.png"}, 400, "HB650"),
]


@pytest.mark.parametrize(("action", "params", "status", "code"), HOSTILE,
                         ids=[f"{a}-{i}" for i, (a, _p, _s, _c) in enumerate(HOSTILE)])
def test_hostile_requests_are_refused_and_change_nothing(editor, site, outside, action, params, status, code):
    os.symlink(outside, site / "content" / "linked")
    before, outside_before = snapshot(site), snapshot(outside)
    got, answer = editor.call(action, branch="main", options={"commitMessage": "x"}, **params)
    assert got == status, answer
    assert isinstance(answer, dict) and answer["code"] == code and answer["error"].startswith(f"error[{code}]: ")
    assert snapshot(site) == before and snapshot(outside) == outside_before
    assert not Path("/tmp/evil.md").exists()


@pytest.mark.parametrize(("action", "params", "status", "code"), MALFORMED,
                         ids=[f"{a}-{i}" for i, (a, _p, _s, _c) in enumerate(MALFORMED)])
def test_malformed_requests_are_refused_with_their_code_and_change_nothing(editor, site, action, params, status,
                                                                           code):
    before = snapshot(site)
    got, answer = editor.call(action, branch="main", **params)
    assert got == status, answer
    assert answer["code"] == code and answer["error"].startswith(f"error[{code}]: ")
    assert snapshot(site) == before and editor.saved == []


def test_a_huge_upload_is_refused_before_it_is_decoded(editor, site):
    huge = base64.b64encode(b"\0" * (MAX_MEDIA_BYTES + 1)).decode()
    status, answer = editor.call("persistMedia", branch="main", asset={
        "path": "content/proaros/media/big.pdf", "content": huge, "encoding": "base64"})
    assert status == 413 and answer["code"] == "HB672" and "20 MB" in answer["error"]
    assert not (site / "content/proaros/media/big.pdf").exists()


def test_a_request_larger_than_any_save_is_refused_unread(editor):
    status, _headers, data = editor.request("POST", API, b"{}", {"Content-Length": str(200 * 1024 * 1024)})
    answer = json.loads(data)
    assert status == 413 and answer["code"] == "HB677" and answer["error"].startswith("error[HB677]: a request may be")


@pytest.mark.parametrize("headers", [
    {"Content-Type": "text/plain"},  # a form or fetch from another page, sent without asking
    {"Content-Type": "application/x-www-form-urlencoded"},
    {"Origin": "http://evil.example"},
    {"Sec-Fetch-Site": "cross-site"},
])
def test_requests_from_other_pages_are_refused(editor, site, headers):
    before = snapshot(site)
    body = json.dumps({"action": "persistEntry", "params": {"dataFiles": [
        {"path": "content/proaros/vision.md", "raw": "---\ntitle: Hacked\n---\n", "slug": "x"}], "assets": []}})
    status, _headers, data = editor.request("POST", API, body.encode(), headers)
    assert status == 403 and json.loads(data)["code"] == "HB676"
    assert snapshot(site) == before


def test_the_editor_page_has_its_own_policy_and_loads_only_local_files(editor):
    status, headers, data = editor.request("GET", "/admin/")
    assert status == 200
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-eval'" in policy and "object-src 'none'" in policy
    assert "connect-src 'self'" in policy and "http" not in policy
    from bs4 import BeautifulSoup
    page = BeautifulSoup(data, "html.parser")
    assert page.html["lang"] == "sv"
    assert [s["src"] for s in page.find_all("script")] == ["vendor/decap-cms.js"]
    assert not page.find_all("script", src=False)
    status, headers, data = editor.request("GET", "/admin/vendor/decap-cms.js")
    assert status == 200 and headers["Content-Type"].split(";")[0] in ("text/javascript", "application/javascript")
    assert len(data) > 1_000_000
    assert editor.request("GET", "/admin/vendor/../../serve.py")[0] == 404
    assert editor.request("GET", API)[0] == 405


def test_the_configuration_speaks_the_editors_language_and_points_to_this_server(editor):
    _status, _headers, data = editor.request("GET", "/admin/config.yml")
    config = yaml.safe_load(data)
    assert config["locale"] == "sv"
    assert config["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:8000/admin/api/v1", "branch": "main"}
    assert config["local_backend"] == {"url": "http://127.0.0.1:8000/admin/api/v1"}
    names = [c["name"] for c in config["collections"]]
    assert names == ["organisations", "org-proaros", "pages-proaros"]
    files = {f["file"]: f for f in config["collections"][1]["files"]}
    assert files["content/proaros/values.md"]["label"] == "Värdegrund (svenska)"
    assert files["content/proaros/values.en.md"]["label"] == "Värdegrund (engelska, inte översatt än)"
    fields = {f["name"]: f for f in files["content/proaros/values.md"]["fields"]}
    assert fields["title"]["label"] == "Rubrik" and "required" not in fields["title"]
    assert [f["name"] for f in fields["values"]["fields"]] == ["name", "description"]
    assert "review_by" not in {f["name"] for f in files["content/proaros/values.en.md"]["fields"]}


@pytest.mark.parametrize(("body", "code"), [
    (b"{not json", "HB678"),
    (b'["getEntry"]', "HB640"),
    (b'{"action": "getEntry", "params": ["content/proaros/vision.md"]}', "HB641"),
    (b'{"action": "getEntry", "params": {"branch": "gh-pages", "path": "content/proaros/vision.md"}}', "HB679"),
])
def test_requests_that_are_not_the_protocols_are_refused_with_their_code(editor, body, code):
    status, _headers, data = editor.request("POST", API, body)
    answer = json.loads(data)
    assert status == 400 and answer["code"] == code and answer["error"].startswith(f"error[{code}]: ")


# What the editor shows after "Failed to persist entry:", in the editor's language (serve --lang).
REFUSALS_SAID = {
    "en": ["error[HB655]: content/../site.yaml: '..', '.' and empty parts are not allowed in a path",
           "error[HB670]: run.js cannot be uploaded: .js files are not published: browsers could open them as "
           "pages of the handbook",
           "error[HB678]: the request is not JSON"],
    "sv": ["fel[HB655]: content/../site.yaml: '..', '.' och tomma delar är inte tillåtna i en sökväg",
           "fel[HB670]: run.js kan inte laddas upp: {js}",
           "fel[HB678]: begäran är inte JSON"],
    "da": ["fejl[HB655]: content/../site.yaml: '..', '.' og tomme dele er ikke tilladt i en sti",
           "fejl[HB670]: run.js kan ikke uploades: {js}",
           "fejl[HB678]: forespørgslen er ikke JSON"],
    "cs": ["chyba[HB655]: content/../site.yaml: '..', '.' a\u00a0prázdné části nejsou v\u00a0cestě povoleny",
           "chyba[HB670]: run.js nelze nahrát: {js}",
           "chyba[HB678]: požadavek není ve formátu JSON"],
}


@pytest.mark.parametrize("language", sorted(REFUSALS_SAID))
def test_a_refused_request_is_told_in_the_editors_language_with_its_code(site, language):
    editor = Editor(site, language)
    say = messages.language(language)
    # The reason inside the message is the build's own (HB353), in the same language.
    js = say(messages.registry()["HB353"](suffix=".js"))
    expected = [line.replace("{js}", js) for line in REFUSALS_SAID[language]]
    before = snapshot(site)
    answers = [
        editor.call("getEntry", branch="main", path="content/../site.yaml"),
        editor.call("persistMedia", branch="main", asset={"path": "content/proaros/media/run.js",
                                                          "content": "AA==", "encoding": "base64"}),
    ]
    status, _headers, data = editor.request("POST", API, b"{not json")
    answers.append((status, json.loads(data)))
    assert [status for status, _answer in answers] == [403, 415, 400]
    assert [answer["error"] for _status, answer in answers] == expected
    assert [answer["code"] for _status, answer in answers] == ["HB655", "HB670", "HB678"]
    if language != "en":
        assert js != messages.english()(messages.registry()["HB353"](suffix=".js"))
    assert snapshot(site) == before
