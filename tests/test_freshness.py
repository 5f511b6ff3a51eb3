"""How fresh the texts are: review dates for editors (status, check, build), an ended strategy
period and the date of the last update for readers. The build's date is fixed with
SOURCE_DATE_EPOCH, as CI and reproducible builds do."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import files_of, parse, text_of

ORG_SV = {"content/org/organisation.yaml": "name: Org\nlanguage: sv\n"}


def on(monkeypatch, day: str) -> None:
    """Build as if today were `day` (YYYY-MM-DD)."""
    moment = dt.datetime.fromisoformat(day).replace(hour=12, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


# -- review dates: status, check and build --------------------------------------------------

REVIEWED = {
    **ORG_SV,
    "content/org/vision.md": "---\ntitle: Vision\nupdated: 2024-03-03\nreview_by: 2025-01-31\n---\nText.\n",
    "content/org/values.md": "---\ntitle: Värden\nreview_by: 2025-06-30\n---\nText.\n",
    "content/org/strategy.md": "---\ntitle: Strategi\n---\nText.\n",
    "content/org/vision.en.md": "---\ntitle: Vision\nupdated: 2024-03-03\n---\nText.\n",
}


@pytest.mark.parametrize("day,past", [
    ("2025-01-30", []),
    ("2025-01-31", []),  # the review date itself is still in time
    ("2025-02-01", ["content/org/vision.md:4: review by 2025-01-31"]),
    ("2025-07-01", ["content/org/vision.md:4: review by 2025-01-31",
                    "content/org/values.md:3: review by 2025-06-30"]),
])
def test_status_lists_the_pages_past_their_review_date(make_site, run, monkeypatch, day, past):
    on(monkeypatch, day)
    result = run("status", make_site(REVIEWED))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == ["page", "sv", "da", "cs", "en"]
    assert "3 pages; 1 translation (0 outdated); 8 missing" in lines
    if not past:
        assert lines[-1] == "3 pages; 1 translation (0 outdated); 8 missing"
        assert "review" not in result.out
        return
    heading = lines.index(f"{len(past)} page{'s' if len(past) > 1 else ''} past the review date:")
    assert lines[heading - 1] == ""
    assert lines[heading + 1:] == past
    assert result.err == ""  # the list is the report: no notices on top of it


def test_status_json_says_which_pages_are_past_their_review_date(make_site, run, monkeypatch):
    on(monkeypatch, "2025-03-01")
    result = run("status", "--json", make_site(REVIEWED))
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["today"] == "2025-03-01"
    pages = {page["page"]: page for page in data["pages"]}
    assert (pages["vision"]["review_by"], pages["vision"]["past_review"]) == ("2025-01-31", True)
    assert (pages["values"]["review_by"], pages["values"]["past_review"]) == ("2025-06-30", False)
    assert (pages["strategy"]["review_by"], pages["strategy"]["past_review"]) == (None, False)
    assert pages["vision"]["versions"]["en"]["status"] == "translated"


NOTICE = ("content/org/vision.md:4: notice[HB250]: the review date 2025-01-31 has passed: "
          "read the page again to see that it is still right")
NOTICE_HINT = ("  hint: update the text if it needs it, then set 'review_by:' to the next date it should "
               "be read again (and 'updated:' to today if you changed it)")


def test_check_gives_a_notice_at_the_review_by_line(make_site, run, monkeypatch):
    root = make_site(REVIEWED)
    on(monkeypatch, "2025-01-31")
    quiet = run("check", "--strict", root)
    assert quiet.code == 0 and "notice" not in quiet.err
    on(monkeypatch, "2025-02-01")
    result = run("check", "--strict", root)
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    assert lines[lines.index(NOTICE) + 1] == NOTICE_HINT
    assert sum(": notice[HB250]: " in line for line in lines) == 1
    assert not (root / "build").exists()


def test_a_passed_review_date_does_not_fail_a_strict_build(make_site, run, monkeypatch):
    """CI builds with --strict on every commit: a date going by must not fail an unrelated one."""
    root = make_site(REVIEWED)
    on(monkeypatch, "2025-02-01")
    result = run("build", "--strict", root)
    assert result.code == 0, result.err
    assert NOTICE in result.err.splitlines()
    assert (root / "build/sv/org/vision/index.html").is_file()
    again = run("build", "--strict", root)  # nothing changed: the notice is still given
    assert again.code == 0 and NOTICE in again.err.splitlines()
    assert "0 rendered" in again.err


def test_notices_are_not_counted_as_warnings_when_a_build_fails(make_site, run, monkeypatch):
    on(monkeypatch, "2025-02-01")
    root = make_site({**REVIEWED, "content/org/extra.md": "---\ntitle: [\n---\n"})
    result = run("build", root)
    assert result.code == 1
    assert NOTICE in result.err.splitlines()
    assert result.err.splitlines()[-1] == "1 error; nothing was written, the previous output is unchanged"


@pytest.fixture
def broken(make_site, run):
    """A good build first; then the broken one must fail with the message and leave build/ as it was."""

    def check(files: dict[str, str], expected: list[str]) -> None:
        root = make_site(REVIEWED)
        assert run("build", root).code == 0
        before = files_of(root / "build")
        from conftest import write_files
        write_files(root, files)
        result = run("build", root)
        assert result.code == 1, result.err
        printed = result.err.splitlines()
        for line in expected:
            assert line in printed, result.err
        assert files_of(root / "build") == before

    return check


@pytest.mark.parametrize("value,shown", [
    ("next spring", "got a text 'next spring'"),
    ("2025", "got a number '2025'"),
    ("31.01.2025", "got a text '31.01.2025'"),
])
def test_a_review_date_that_is_not_a_date_is_an_error(broken, value, shown):
    broken({"content/org/values.md": f"---\ntitle: Värden\nreview_by: {value}\n---\nText.\n"},
           [f"content/org/values.md:3:12: error[HB040]: 'review_by' must be a date, {shown}",
            "  hint: write dates as YYYY-MM-DD, e.g. 2019-03-01"])


def test_an_impossible_review_date_is_an_error(broken):
    broken({"content/org/values.md": "---\ntitle: Värden\nreview_by: 2025-02-30\n---\nText.\n"},
           ["content/org/values.md:3:12: error[HB111]: '2025-02-30' is not a valid date: day is out of range for month"])


def test_a_translation_is_reviewed_with_its_original(broken):
    broken({"content/org/vision.en.md": "---\ntitle: Vision\nreview_by: 2026-01-31\n---\nText.\n"},
           ["content/org/vision.en.md:3:12: error[HB231]: 'review_by' belongs in the original, vision.md, "
            "not in a translation",
            "  hint: remove this line; when vision.md is reviewed and its 'updated' date changes, "
            "'handbook status' shows this translation as OUTDATED"])


# -- a strategy whose period has ended ------------------------------------------------------

ENDED = {
    "sv": "Strategin gällde 2018–2019. Perioden har löpt ut.",
    "da": "Strategien gjaldt for 2018–2019. Perioden er udløbet.",
    "cs": "Strategie platila na období 2018–2019. Toto období již skončilo.",
    "en": "This strategy covered 2018 – 2019. That period has ended.",  # Babel spaces the English dash
}
BADGE = {"sv": "avslutad", "da": "afsluttet", "cs": "ukončená", "en": "ended"}


def strategy_site(make_site, language: str, period: str = "{from: 2018, to: 2019}"):
    return make_site({
        "content/org/organisation.yaml": f"name: Org\nlanguage: {language}\n",
        "content/org/vision.md": "---\ntitle: Vision\n---\nText.\n",
        "content/org/strategy.md": f"---\ntitle: Strategi\nperiod: {period}\ngoals: [Ett mål]\n---\nText.\n",
    })


def notice_of(build, language: str):
    return parse(build / f"{language}/org/strategy/index.html").select_one(".notice--ended")


def badges(build, path: str) -> list[str]:
    """The 'ended' marks of a listing, each with the title of the page it follows."""
    found = []
    for mark in parse(build / path).select(".ended"):
        link = mark.find_previous("a")
        found.append(f"{text_of(link)}: {text_of(mark)}")
    return found


@pytest.mark.parametrize("language", ["sv", "da", "cs", "en"])
def test_an_ended_strategy_says_so_in_the_readers_language(make_site, run, monkeypatch, language):
    root = strategy_site(make_site, language)
    on(monkeypatch, "2019-12-31")
    assert run("build", "--strict", "--no-cache", root).code == 0
    assert notice_of(root / "build", language) is None
    assert badges(root / "build", f"{language}/index.html") == []
    assert badges(root / "build", f"{language}/org/index.html") == []

    on(monkeypatch, "2020-01-01")
    assert run("build", "--strict", "--no-cache", root).code == 0
    notice = notice_of(root / "build", language)
    assert notice is not None and text_of(notice) == ENDED[language]
    assert notice["role"] == "note"
    soup = parse(root / "build" / f"{language}/org/strategy/index.html")
    assert text_of(soup.select_one(".period__value")) in ENDED[language]  # the strategy is all still there
    assert text_of(soup.select_one(".goal-list")) == "Ett mål"
    assert badges(root / "build", f"{language}/index.html") == [f"Strategi: {BADGE[language]}"]
    assert badges(root / "build", f"{language}/org/index.html") == [f"Strategi: {BADGE[language]}"]
    other = "sv" if language != "sv" else "da"  # a reader in another language sees it in theirs
    assert badges(root / "build", f"{other}/index.html") == [f"Strategi: {BADGE[other]}"]


def test_a_period_of_dates_ends_after_its_last_day(make_site, run, monkeypatch):
    root = strategy_site(make_site, "sv", "{from: 2018-03-01, to: 2019-06-30}")
    on(monkeypatch, "2019-06-30")
    assert run("build", root).code == 0
    assert notice_of(root / "build", "sv") is None
    on(monkeypatch, "2019-07-01")
    assert run("build", root).code == 0
    assert text_of(notice_of(root / "build", "sv")) == \
        "Strategin gällde 1 mars 2018–30 juni 2019. Perioden har löpt ut."


def test_a_warm_cache_shows_the_notice_once_the_period_has_ended(make_site, run, monkeypatch, tmp_path):
    """The same sources on a later day: the cached pages that show a period are made again, and
    the output is byte for byte what a clean build gives on that day."""
    root = strategy_site(make_site, "da")
    on(monkeypatch, "2019-12-31")
    assert run("build", root).code == 0
    assert notice_of(root / "build", "da") is None
    on(monkeypatch, "2020-01-01")
    warm = run("build", root)
    assert warm.code == 0, warm.err
    assert text_of(notice_of(root / "build", "da")) == ENDED["da"]
    clean = run("build", "--no-cache", "--out", tmp_path / "clean", root)
    assert clean.code == 0, clean.err
    assert files_of(root / "build") == files_of(tmp_path / "clean")


def test_the_example_strategy_of_2018_2019_has_ended(example):
    soup = parse(example / "da/cpus-slagelse/strategy/index.html")
    assert text_of(soup.select_one(".notice--ended")) == "Strategien gjaldt for 2018–2019. Perioden er udløbet."
    assert text_of(soup.select_one("h1")) == "Strategien for 2018–2019"
    assert badges(example, "sv/index.html") == ["Strategien for 2018–2019: avslutad"]


# -- when a page was last updated -----------------------------------------------------------

LAST_UPDATED = {
    "sv": "Senast uppdaterad 3 mars 2024",
    "da": "Senest opdateret 3. marts 2024",
    "cs": "Naposledy aktualizováno 3. března 2024",
    "en": "Last updated March 3, 2024",
}
DATE = {"sv": "3 mars 2024", "da": "3. marts 2024", "cs": "3. března 2024", "en": "March 3, 2024"}


def dated_site(make_site, language: str):
    return make_site({
        "content/org/organisation.yaml": f"name: Org\nlanguage: {language}\n",
        "content/org/letter.md": "---\ntitle: Brev\ndate: 2024-03-03\n---\nText.\n",
        "content/org/news.md": "---\ntitle: Nytt\ndate: 2023-12-01\nupdated: 2024-03-03\n---\nText.\n",
        "content/org/plain.md": "---\ntitle: Utan datum\n---\nText.\n",
    })


def last_updated(build, path: str):
    return parse(build / path).select_one(".last-updated")


@pytest.mark.parametrize("language", ["sv", "da", "cs", "en"])
def test_every_page_says_when_it_was_last_updated(make_site, run, language):
    root = dated_site(make_site, language)
    assert run("build", "--strict", root).code == 0
    build = root / "build"
    for page in ("letter", "news"):  # `updated`, else `date`
        shown = last_updated(build, f"{language}/org/{page}/index.html")
        assert shown is not None and text_of(shown) == LAST_UPDATED[language]
        time = shown.find("time")
        assert time["datetime"] == "2024-03-03"
        assert text_of(time) == DATE[language]
    byline = parse(build / f"{language}/org/letter/index.html").select_one(".byline")
    assert len(byline.find_all("time")) == 1  # published and last updated the same day: said once
    news = parse(build / f"{language}/org/news/index.html").select_one(".byline")
    assert [t["datetime"] for t in news.find_all("time")] == ["2023-12-01", "2024-03-03"]
    assert parse(build / f"{language}/org/plain/index.html").find("time") is None
    for listing in (f"{language}/index.html", f"{language}/org/index.html"):
        assert parse(build / listing).find("time") is None


def test_a_translation_shows_its_own_date(make_site, run):
    root = make_site({**ORG_SV,
                      "content/org/vision.md": "---\ntitle: Vision\nupdated: 2024-03-03\n---\nText.\n",
                      "content/org/vision.en.md": "---\ntitle: Vision\nupdated: 2024-05-20\n---\nText.\n"})
    assert run("build", "--strict", root).code == 0
    assert text_of(last_updated(root / "build", "sv/org/vision/index.html")) == "Senast uppdaterad 3 mars 2024"
    assert text_of(last_updated(root / "build", "en/org/vision/index.html")) == "Last updated May 20, 2024"


# -- in a browser ---------------------------------------------------------------------------

WCAG_22_AA_AND_BEST_PRACTICE = {"runOnly": {"type": "tag", "values": [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}


@pytest.mark.browser
@pytest.mark.parametrize("path", ["da/cpus-slagelse/strategy/", "sv/", "da/cpus-slagelse/"])
def test_the_ended_notice_passes_axe(browser, example, path):
    from axe_playwright_python.sync_playwright import Axe

    from browser import served
    with served(example) as url:
        page = browser.new_page()
        page.goto(url + path)
        assert page.locator(".notice--ended, .ended").first.is_visible()
        result = Axe().run(page, options=WCAG_22_AA_AND_BEST_PRACTICE)
        assert result.violations_count == 0, result.generate_report()
        page.close()
