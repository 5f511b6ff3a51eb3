"""The editor's language (--lang, HANDBOOK_LANG, the terminal's locale, English) and its catalogs:
complete in Swedish, Danish and Czech, up to date with the labels in the code; and the editor
is offered only to this computer."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from handbook.editor.language import LOCALES, editor_language, translations

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("chosen", "environ", "expected"), [
    ("da", {"HANDBOOK_LANG": "cs", "LANG": "sv_SE.UTF-8"}, "da"),
    (None, {"HANDBOOK_LANG": "cs", "LANG": "sv_SE.UTF-8"}, "cs"),
    (None, {"LC_ALL": "da_DK.UTF-8", "LANG": "sv_SE.UTF-8"}, "da"),
    (None, {"LC_MESSAGES": "cs_CZ.utf8", "LANG": "sv_SE.UTF-8"}, "cs"),
    (None, {"LANG": "sv_SE.UTF-8"}, "sv"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"HANDBOOK_LANG": "de", "LANG": "da_DK"}, "da"),  # a language the editor lacks falls through
    (None, {}, "en"),
])
def test_the_editor_language_is_chosen_like_every_message_to_editors(chosen, environ, expected):
    assert editor_language(chosen, environ) == expected


def catalog(language: str):
    with (LOCALES / language / "LC_MESSAGES" / "editor.po").open("rb") as handle:
        return read_po(handle, locale=language)


def test_the_catalog_template_holds_every_label_in_the_code():
    found = {message for _file, _line, message, _comments, _context in
             extract_from_dir(ROOT / "src/handbook/editor", keywords={"N_": None, "_": None})}
    with (LOCALES / "editor.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert found == template, "run make catalogs"


@pytest.mark.parametrize("language", ["sv", "da", "cs"])
def test_the_editor_catalogs_are_complete(language):
    with (LOCALES / "editor.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    messages = {m.id: m for m in catalog(language) if m.id}
    assert set(messages) == template
    assert all(m.string and not m.fuzzy for m in messages.values())
    assert translations(language).gettext("Title") != "Title"


def test_czech_labels_keep_one_letter_words_with_the_next_one():
    for message in catalog("cs"):
        if message.id:
            assert not re.search(r"(?:^|\s)[ksvzouaiKSVZOUAI] ", message.string), message.string


def test_the_editor_is_not_offered_to_other_computers(make_site, tmp_path):
    from test_serve import free_port
    root = make_site({"content/org/organisation.yaml": "name: Org\nlanguage: sv\n"})
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "handbook", "serve", str(root), "--port", str(port),
                                "--host", "0.0.0.0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urlopen(f"http://127.0.0.1:{port}/sv/", timeout=1).read()
                break
            except HTTPError:
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.1)
        body = json.dumps({"action": "info"}).encode()
        request = Request(f"http://127.0.0.1:{port}/admin/api/v1", body, {"Content-Type": "application/json"})
        with pytest.raises(HTTPError) as refused:
            urlopen(request, timeout=5)
        assert refused.value.code in (404, 405)
    finally:
        process.terminate()
        _out, err = process.communicate(timeout=10)
    assert "the editor (/admin/) is offered only on 127.0.0.1" in err
