"""Mistakes an editor can make: a clear message with file and line, exit 1, no traceback,
and the previous output left exactly as it was."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import files_of

ORG = {"content/org/organisation.yaml": "name: Org\nlanguage: sv\n"}


@pytest.fixture
def broken(make_site, run):
    """Build a good site first, then break it; the failed build must not touch build/."""

    def check(files: dict[str, str | bytes], expected: str, site_yaml: str | None = None) -> str:
        root = make_site(ORG)
        assert run("build", root).code == 0
        before = files_of(root / "build")
        from conftest import SITE_YAML, write_files
        write_files(root, {"site.yaml": site_yaml or SITE_YAML, **files})
        result = run("build", root)
        assert result.code == 1, result.err
        assert expected in result.err, result.err
        assert "Traceback" not in result.err
        assert files_of(root / "build") == before
        assert not list(root.glob(".build.tmp-*"))
        return result.err

    return check


def test_yaml_syntax_error_names_file_line_and_column(broken):
    err = broken({"content/org/values.md": "---\ntitle: Värden\nvalues:\n  - name: Kunskap\n"
                                           "    description: [oops\n---\nText\n"},
                 "content/org/values.md:")
    assert "error[HB106]: YAML syntax" in err
    line = int(err.split("content/org/values.md:")[1].split(":")[0])
    assert line in (5, 6)


def test_colon_in_value_gets_a_hint(broken):
    err = broken({"content/org/organisation.yaml": "name: Org: the best\nlanguage: sv\n"},
                 "content/org/organisation.yaml:1:")
    assert "hint: a value containing ': ' must be put in quotes" in err


def test_missing_required_field(broken):
    broken({"content/org/vision.md": "---\nstatement: Alltid\n---\nText\n"},
           "content/org/vision.md:2:1: error[HB033]: the front matter of a vision page is missing 'title'")


def test_missing_front_matter_is_a_missing_title(broken):
    broken({"content/org/page.md": "Just text\n"},
           "content/org/page.md:1:1: error[HB033]: the front matter is missing 'title'")


def test_unclosed_front_matter(broken):
    broken({"content/org/page.md": "---\ntitle: T\nText\n"},
           "content/org/page.md:1:1: error[HB125]: the front matter opened with '---' on line 1 is never closed")


def test_front_matter_that_is_not_a_mapping(broken):
    broken({"content/org/page.md": "---\n- a\n- b\n---\nText\n"},
           "content/org/page.md:2:1: error[HB127]: the front matter must be 'key: value' lines, got a list")


def test_unknown_key_suggests_the_nearest(broken):
    err = broken({"content/org/vision.md": "---\ntitle: T\nstatment: Alltid\n---\n"},
                 "content/org/vision.md:3:1: error[HB030]: unknown key 'statment'")
    assert "hint: did you mean 'statement'?" in err


def test_unknown_key_in_site_yaml_suggests_the_nearest(broken):
    err = broken({}, "site.yaml:3:1: error[HB030]: unknown key 'languagse' in site.yaml",
                 site_yaml="title: {sv: H}\nbase_url: https://h.example/\nlanguagse: [sv]\n"
                           "languages: [sv]\n")
    assert "did you mean 'languages'?" in err


def test_wrong_type_says_what_was_wanted(broken):
    broken({"content/org/values.md": "---\ntitle: T\nvalues: Kunskap\n---\n"},
           "content/org/values.md:3:9: error[HB045]: 'values' must be a list of {name, description}, got a text")


def test_bad_date(broken):
    broken({"content/org/page.md": "---\ntitle: T\ndate: yesterday\n---\n"},
           "content/org/page.md:3:7: error[HB040]: 'date' must be a date")


def test_unknown_language_in_site_yaml(broken):
    broken({}, "site.yaml:3:17: error[HB007]: unknown language code 'xx-nope'",
           site_yaml="title: {sv: H}\nbase_url: https://h.example/\nlanguages: [sv, xx-nope]\n")


def test_organisation_language_not_in_site(broken):
    err = broken({"content/org/organisation.yaml": "name: Org\nlanguage: de\n"},
                 "content/org/organisation.yaml:2:11: error[HB208]: the language 'de' is not in site.yaml")
    assert "languages in site.yaml: sv, da, cs, en" in err


def test_translation_in_unknown_language(broken):
    broken({"content/org/vision.md": "---\ntitle: T\n---\n", "content/org/vision.de.md": "---\ntitle: T\n---\n"},
           "content/org/vision.de.md: error[HB228]: the language 'de' of this page is not in site.yaml")


def test_translation_without_original(broken):
    broken({"content/org/vision.en.md": "---\ntitle: T\n---\n"},
           "content/org/vision.en.md: error[HB236]: this is a translation of 'vision.md', which does not exist")


def test_period_that_ends_before_it_starts(broken):
    broken({"content/org/strategy.md": "---\ntitle: S\nperiod: {from: 2019, to: 2018}\n---\n"},
           "error[HB235]: the period ends (2018) before it starts (2019)")


def test_two_pages_with_the_same_url(broken):
    broken({"content/org/a.md": "---\ntitle: A\nslug: same\n---\n",
            "content/org/b.md": "---\ntitle: B\nslug: same\n---\n"},
           "error[HB240]: two pages have the URL /sv/org/same/")


def test_link_to_missing_page(broken):
    broken({"content/org/page.md": "---\ntitle: T\n---\nSee [values](values.md).\n"},
           "content/org/page.md:4: error[HB303]: the link 'values.md' points to a page that does not exist")


def test_link_to_missing_anchor(broken):
    err = broken({"content/org/page.md": "---\ntitle: T\n---\n## Första rubriken\n\nSe [nedan](#andra) "
                                        "och [värden](values.md#kunskp).\n",
                  "content/org/values.md": "---\ntitle: V\nvalues:\n  - name: Kunskap\n---\n## Kunskap\n"},
                 "content/org/page.md:6: error[HB300]: the link '#andra' points to a missing anchor '#andra'")
    assert "anchors there: första-rubriken" in err
    assert "content/org/page.md:6: error[HB300]: the link 'values.md#kunskp' points to a missing anchor '#kunskp'" in err
    assert "anchors there: kunskap" in err


def test_link_to_missing_file(broken):
    err = broken({"content/org/page.md": "---\ntitle: T\n---\n![Foto](media/foto.jpg)\n"},
                 "content/org/page.md:4: error[HB305]: the file 'media/foto.jpg' does not exist")
    assert "hint: put the file in content/org/media/" in err


def test_link_to_missing_organisation(broken):
    broken({"content/org/page.md": "---\ntitle: T\n---\n[x](../nobody/vision.md)\n"},
           "content/org/page.md:4: error[HB307]: the link '../nobody/vision.md' points to nothing")


def test_invalid_utf8(broken):
    broken({"content/org/page.md": b"---\ntitle: T\n---\nGood line\nBad \xe5 byte\n"},
           "content/org/page.md:5:5: error[HB123]: the file is not valid UTF-8")


def test_template_error_names_template_and_line(broken):
    broken({"templates/home.html": "{% extends 'base.html' %}\n{% block main %}\n{{ nope.x }}\n{% endblock %}\n"},
           "templates/home.html:3: error[HB527]: template error: 'nope' is undefined")


def test_template_syntax_error(broken):
    broken({"templates/home.html": "{% extends 'base.html' %}\n{% block main %}\n{% if %}\n{% endblock %}\n"},
           "templates/home.html:3: error[HB526]: template syntax")


def test_all_problems_are_reported_at_once_sorted_by_file(make_site, run):
    root = make_site({
        "content/b/organisation.yaml": "name: B\nlanguage: sv\nwebsiet: x\n",
        "content/a/organisation.yaml": "language: sv\n",
        "content/a/vision.md": "---\ntitle: T\n---\n",
    })
    result = run("build", root)
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if ": error[" in line]
    assert lines[0].startswith("content/a/organisation.yaml:1:1: error[HB033]: organisation.yaml is missing 'name'")
    assert lines[1].startswith("content/b/organisation.yaml:3:1: error[HB030]: unknown key 'websiet'")
    assert result.err.rstrip().endswith("2 errors; nothing was written, the previous output is unchanged")


def test_missing_site_yaml_is_an_error_not_a_traceback(tmp_path, run):
    result = run("build", tmp_path)
    assert result.code == 1
    assert "site.yaml: error[HB001]: no site.yaml in" in result.err


def test_usage_error_exits_2(run, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run("build", "--no-such-option")
    assert exit_info.value.code == 2


def test_console_command_exits_1_without_traceback(make_site):
    root = make_site({"content/org/organisation.yaml": "name: [\n"})
    process = subprocess.run([sys.executable, "-m", "handbook", "build", str(root)],
                             capture_output=True, text=True)
    assert process.returncode == 1
    assert "content/org/organisation.yaml:2:1: error[HB106]: YAML syntax" in process.stderr
    assert "Traceback" not in process.stderr


def test_check_writes_nothing(make_site, run):
    root = make_site(ORG)
    result = run("check", root)
    assert result.code == 0
    assert not (root / "build").exists()
    bad = make_site({"content/org/vision.md": "---\ntitle: [\n---\n"})
    assert run("check", bad).code == 1


def test_refuses_to_replace_a_directory_that_is_not_a_build(make_site, run):
    root = make_site(ORG)
    precious = root / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("keep me")
    result = run("build", "--out", precious, root)
    assert result.code == 1
    assert "does not look like a handbook build" in result.err
    assert (precious / "thesis.txt").read_text() == "keep me"
    assert run("build", "--out", root, root).code == 1


def test_value_starting_with_a_quote_gets_a_hint(broken):
    err = broken({"content/org/page.md": '---\ntitle: "Sidan" och mer\n---\n'}, "content/org/page.md:2:")
    assert "put the whole value in single quotes" in err


def test_every_broken_template_is_reported_once(make_site, run):
    root = make_site({
        "content/a/organisation.yaml": "name: A\nlanguage: sv\n",
        "content/b/organisation.yaml": "name: B\nlanguage: da\n",
        "templates/home.html": "{% extends 'base.html' %}\n{% block main %}{{ missing.name }}{% endblock %}\n",
        "templates/organisation.html": "{% extends 'base.html' %}\n\n{% block main %}{% for %}{% endblock %}\n",
    })
    result = run("build", root)
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if ": error[" in line]
    assert errors == ["templates/home.html:2: error[HB527]: template error: 'missing' is undefined",
                      "templates/organisation.html:3: error[HB526]: template syntax: Expected an expression, got 'end of statement block'"]


def test_every_broken_catalog_is_reported_with_content_errors(make_site, run):
    root = make_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\nwebsiet: x\n",
        "locales/sv/LC_MESSAGES/messages.po": 'msgid "a"\nmsgstr "b\n',
        "locales/da/LC_MESSAGES/messages.po": 'msgid "a"\nmsgstr b\n',
    })
    result = run("build", root)
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if ": error[" in line]
    assert [e.split(": error[")[0] for e in errors] == [
        "content/org/organisation.yaml:3:1", "locales/da/LC_MESSAGES/messages.po:2:1",
        "locales/sv/LC_MESSAGES/messages.po:2:1"]


def test_files_that_are_not_used_get_a_warning(make_site, run):
    root = make_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
        "content/org/vision.markdown": "---\ntitle: V\n---\n",
        "content/org/photo.jpg": b"\xff\xd8",
        "content/org/bilder/a.png": b"\x89PNG",
        "content/readme.txt": "notes",
    })
    result = run("build", root)
    assert result.code == 0
    assert "content/org/vision.markdown: warning[HB219]: this is not used\n  hint: pages must end in .md, e.g. 'vision.md'" in result.err
    assert "content/org/photo.jpg: warning[HB219]: this is not used\n  hint: put images and other files in media/" in result.err
    assert "content/org/bilder: warning[HB219]: this is not used" in result.err
    assert "content/readme.txt: warning[HB202]: this file is not used" in result.err
    assert run("build", "--strict", root).code == 1


def test_invalid_utf8_in_a_catalog_names_the_line(broken):
    broken({"locales/sv/LC_MESSAGES/messages.po": b'msgid ""\nmsgstr ""\n\nmsgid "Vision"\nmsgstr "Vi\xe5ion"\n'},
           "locales/sv/LC_MESSAGES/messages.po:5:11: error[HB123]: the file is not valid UTF-8")


def test_a_draft_original_holds_back_its_translations(make_site, run):
    root = make_site({
        "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
        "content/org/vision.md": "---\ntitle: Vår vision\ndraft: true\n---\n",
        "content/org/vision.en.md": "---\ntitle: Our vision\n---\n",
    })
    result = run("build", root)
    assert result.code == 0, result.err
    assert "content/org/vision.en.md: warning[HB217]: not published: its original vision.md is a draft" in result.err
    assert not (root / "build/en/org/vision").exists() and not (root / "build/sv/org/vision").exists()


def test_a_logo_must_be_in_media(broken):
    broken({"content/org/organisation.yaml": "name: Org\nlanguage: sv\nlogo: logo.svg\n",
            "content/org/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"},
           "content/org/organisation.yaml:3:7: error[HB213]: the logo file 'logo.svg' is not in content/org/media/")
