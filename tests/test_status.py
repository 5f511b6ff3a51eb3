"""`handbook status`: which pages exist in which languages, for people and for scripts."""

from __future__ import annotations

import json
import subprocess
import sys


def site(make_site):
    return make_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
        "content/org/vision.md": "---\ntitle: Vision\nupdated: 2024-05-01\n---\n",
        "content/org/vision.en.md": "---\ntitle: Vision\nupdated: 2024-03-01\n---\n",
        "content/org/vision.da.md": "---\ntitle: Vision\nupdated: 2024-06-01\n---\n",
        "content/org/values.md": "---\ntitle: Värden\n---\n",
        "content/org/values.cs.md": "---\ntitle: Hodnoty\n---\n",
    })


def test_status_table(make_site, run):
    result = run("status", site(make_site))
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["page", "sv", "da", "cs", "en"]
    assert lines[1].split() == ["org/vision", "original", "translated", "-", "OUTDATED"]
    assert lines[2].split() == ["org/values", "original", "-", "translated", "-"]
    assert lines[-1] == "2 pages; 3 translations (1 outdated); 3 missing"


def test_status_json(make_site, run):
    result = run("status", "--json", site(make_site))
    assert result.code == 0
    data = json.loads(result.out)
    assert data["languages"] == ["sv", "da", "cs", "en"]
    vision = data["pages"][0]
    assert (vision["organisation"], vision["page"], vision["original_language"]) == ("org", "vision", "sv")
    assert vision["versions"]["en"] == {"status": "outdated", "file": "content/org/vision.en.md",
                                        "url": "en/org/vision/", "title": "Vision", "updated": "2024-03-01"}
    assert vision["versions"]["cs"] == {"status": "missing"}
    assert data["pages"][1]["versions"]["cs"]["status"] == "translated"


def test_status_of_the_example(run):
    from conftest import REPO
    result = run("status", REPO)
    assert result.code == 0
    assert "proaros/vision" in result.out and "7 pages; 2 translations (0 outdated); 19 missing" in result.out


def test_status_reports_content_errors(make_site, run):
    root = make_site({"content/org/organisation.yaml": "name: [\n"})
    result = run("status", root)
    assert result.code == 1
    assert "content/org/organisation.yaml:2:1: error[HB106]: YAML syntax" in result.err
    assert result.out == ""


def test_status_stops_quietly_when_its_reader_goes_away(make_site):
    # `handbook status --json | head -1`: the reader closes the pipe after what it wanted.
    process = subprocess.Popen([sys.executable, "-m", "handbook", "status", "--json", str(site(make_site))],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before handbook has written anything
    errors = process.stderr.read().decode()
    assert process.wait() == 141  # as a process that SIGPIPE ended, like other Unix tools
    assert errors == ""
