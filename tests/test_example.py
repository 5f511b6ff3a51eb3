"""The bundled example handbook: every seed sentence is there, in its language, and every link works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, local_target, parse, text_of

SEEDS = REPO / "tests" / "seeds"
LANGUAGES = ("sv", "da", "cs", "en")
ORGANISATIONS = {"proaros": "sv", "hultsfred": "sv", "center-norrebro": "da",
                 "cpus-slagelse": "da", "iq-roma-servis": "cs"}

# Web-page leftovers in the seeds that are not text of the organisations (see the README).
LEFTOVERS = (r"^Foto på ", r"^Lokalita:$", r"^Napsat komentář$", r"^Vaše e-mailová adresa",
             r"^\"\"$", r"^Aktiv For Sindet \(nyt vindue\)$")


def normalise(text: str) -> str:
    """Typographic quotes and dashes aside, text must match word for word."""
    text = re.sub(r"[\u201c\u201d\u201e\u00bb\u00ab]", '"', text)
    text = re.sub(r"[\u2018\u2019]", "'", text)
    text = re.sub(r"[\u2013\u2014\u2010]", "-", text).replace("\u00a0", " ")
    text = re.sub(r"\s*-\s*", "-", text)
    return " ".join(text.split())


# A letter is signed with the name, then the role under it, whichever way the web page had them.
SIGNATURES = {("Socialchef", "Ann-Gret Sillén"): ("Ann-Gret Sillén", "Socialchef")}


def seed_lines(file: Path) -> list[str]:
    """The seed's lines of text, without bullets and the web page's leftovers."""
    lines = []
    for line in file.read_text(encoding="utf-8").splitlines():
        line = line.strip().removeprefix("•").strip()
        line = line.replace("(pdf- nyt vindue)", "").strip()
        if line and not any(re.search(p, line) for p in LEFTOVERS):
            if lines and line == lines[-1]:
                continue  # the web page's title, then the same words as its heading
            lines.append(line)
    return lines


def seed_fragments(file: Path) -> list[str]:
    """Each sentence of a seed, in order. A bullet's name and its description ("Sammen med
    borgeren - betyder at vi …") are one sentence: on the site they must be read together."""
    fragments = []
    for line in seed_lines(file):
        fragments.extend(s for s in re.split(r"(?<=[.!?])\s+", line) if s.strip())
    for written, shown in SIGNATURES.items():
        for index in range(len(fragments) - len(written) + 1):
            if tuple(fragments[index:index + len(written)]) == written:
                fragments[index:index + len(written)] = shown
    return [normalise(f) for f in fragments]


PAGE_BREAK, HEADING = "\u00b6", "\u00a7"  # marks in the text: a new page; a heading not in the seed


def organisation_text(build: Path, slug: str, language: str, seed: str = "") -> str:
    """Visible text of an organisation's pages in its own language, page after page in the order
    its overview lists them; headings whose text the seed does not have are marked."""
    overview = build / language / slug / "index.html"
    texts = []
    for link in parse(overview).select(".contents-list a"):
        file = local_target(build, overview, link["href"], "https://handbook.example/")
        soup = parse(file)
        assert soup.html["lang"] == language
        article = soup.select_one("main article")
        for heading in article.select("h1, h2, h3, h4, h5, h6"):
            if normalise(text_of(heading)) not in seed:
                heading.string = HEADING
        texts.append(PAGE_BREAK + " " + text_of(article))
    return normalise(" ".join(texts))


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_every_sentence_of_every_seed_is_published_in_its_language_and_order(example, seed):
    slug = next(s for s in ORGANISATIONS if seed.startswith(s))
    language = seed.split(".")[-2]
    assert ORGANISATIONS[slug] == language
    seed_text = normalise(" ".join(seed_lines(SEEDS / seed)))
    text = organisation_text(example, slug, language, seed_text)
    missing = [f for f in seed_fragments(SEEDS / seed) if f not in text]
    assert not missing, f"not in the built pages of {slug}: {missing}"
    cursor, previous = 0, "(the start)"
    for fragment in seed_fragments(SEEDS / seed):
        found = text.find(fragment, cursor)
        assert found >= 0, f"{slug}: '{fragment[:60]}' does not come after '{previous[:60]}'"
        between = text[cursor:found]
        assert HEADING not in between or PAGE_BREAK in between, (
            f"{slug}: a heading the original does not have comes between '{previous[:60]}' and "
            f"'{fragment[:60]}'")
        cursor, previous = found + len(fragment), fragment


def test_every_language_has_a_home_listing_every_organisation(example):
    for language in LANGUAGES:
        home = parse(example / language / "index.html")
        assert home.html["lang"] == language
        cards = home.select(".card__title a")
        assert len(cards) == len(ORGANISATIONS)
        for link in cards:
            target = local_target(example, example / language / "index.html", link["href"],
                                  "https://handbook.example/")
            assert target.is_file()


def test_organisation_names_in_another_language_carry_their_own_lang(example):
    home = parse(example / "en" / "index.html")
    names = {a.get_text(): a.get("lang") for a in home.select(".card__title a")}
    assert names["proAros"] == "sv"
    assert names["Center Nørrebro"] == "da"
    assert names["IQ Roma servis"] == "cs"
    own = parse(example / "da" / "index.html")
    assert own.find("a", string="Center Nørrebro").get("lang") is None


@pytest.mark.parametrize("language,skip,values", [
    ("sv", "Hoppa till innehållet", "Värdegrund"),
    ("da", "Gå til indholdet", "Værdier"),
    ("cs", "Přejít k obsahu", "Hodnoty"),
    ("en", "Skip to content", "Values"),
])
def test_the_interface_is_in_the_readers_language(example, language, skip, values):
    soup = parse(example / language / "proaros" / "index.html")
    assert soup.html["lang"] == language and soup.html["dir"] == "ltr"
    assert text_of(soup.select_one(".skip-link")) == skip
    kinds = [text_of(k) for k in soup.select(".contents-list .kind")]
    assert values in kinds


def test_a_page_chrome_is_in_the_page_language(example):
    page = parse(example / "da" / "center-norrebro" / "values" / "index.html")
    assert page.html["lang"] == "da"
    assert text_of(page.select_one(".skip-link")) == "Gå til indholdet"
    assert text_of(page.select_one(".source")).startswith("Kilde:")


def test_vision_statement_stands_out(example):
    page = parse(example / "sv" / "proaros" / "vision" / "index.html")
    assert text_of(page.select_one(".statement blockquote")) == "Alltid bästa möjliga möte"
    assert page.select_one("h1").get_text() == "Vår vision"


def test_values_are_data_led_into_by_the_text(example):
    page = parse(example / "sv" / "proaros" / "values" / "index.html")
    names = [text_of(n) for n in page.select(".value__name")]
    assert names == ["Kunskap", "Omtanke"]
    norrebro = parse(example / "da" / "center-norrebro" / "values" / "index.html")
    assert [text_of(n) for n in norrebro.select(".value__name")] == [
        "Sammen med borgeren", "Vidensbaserede indsatser og kvalitet", "Koordinerede indsatser"]
    # "… kan beskrives under tre overskrifter" and then the three, each read as the original has
    # it: "Sammen med borgeren – betyder at vi …".
    intro = norrebro.select_one(".prose").find_all("p")[-1]
    assert text_of(intro).endswith("under tre overskrifter")
    assert norrebro.select_one(".prose").find_next_sibling().select_one(".value-list")
    for value in norrebro.select(".value"):
        name = text_of(value.select_one(".value__name"))
        assert text_of(value).startswith(f"{name} – betyder at vi ")


def test_strategy_lead_in_is_followed_by_its_endings(example):
    page = parse(example / "da" / "cpus-slagelse" / "strategy" / "index.html")
    assert text_of(page.select_one(".period__value")) == "2018–2019"
    prose = page.select_one(".prose")
    lead_in = prose.find("p", string="Overordnet, fælles og tværgående vil vi gerne udvikle os:")
    endings = lead_in.find_next_sibling()
    assert endings.name == "ul"
    assert [text_of(li).split()[0] for li in endings.find_all("li")] == ["Fagligt", "Som", "Som"]
    assert text_of(endings.find_next_sibling("p")).startswith("Strategien udspringer")
    assert not page.select(".goals, #goals-heading")


def test_strategy_folder_is_the_link_above_the_text_that_points_to_it(example):
    page = parse(example / "da" / "cpus-slagelse" / "strategy" / "index.html")
    folder = page.select_one(".prose").find("p", string=re.compile("^I overståndene folder"))
    link = folder.find_previous_sibling("p").find("a")
    assert text_of(link) == "Nye veje til aktive meningsfulde fællesskaber"
    assert link["href"].startswith("https://")


def test_letter_has_author_and_role(example):
    page = parse(example / "sv" / "hultsfred" / "vardegrund" / "index.html")
    assert text_of(page.select_one(".signature__name")) == "Ann-Gret Sillén"
    assert text_of(page.select_one(".signature__role")) == "Socialchef"


def test_czech_home_counts_pages_with_czech_plurals(example):
    home = parse(example / "cs" / "index.html")
    counts = {text_of(c.select_one(".card__title")): text_of(c.select_one(".card__count"))
              for c in home.select(".card")}
    assert counts["IQ Roma servis"] == "1 stránka"
    assert counts["proAros"] == "2 stránky"
    assert text_of(home.select_one(".lead")) == "Vize, hodnoty a strategie 5 organizací."


def test_a_page_without_a_translation_is_linked_as_its_original(example):
    overview = parse(example / "cs" / "proaros" / "index.html")
    link = overview.select_one(".contents-list a")
    assert link["hreflang"] == "sv" and link["lang"] == "sv"
    target = local_target(example, example / "cs" / "proaros" / "index.html", link["href"],
                          "https://handbook.example/")
    assert target == (example / "sv" / "proaros" / "vision" / "index.html").resolve()


def all_links(build: Path, base_url: str):
    for file in sorted(build.rglob("*.html")):
        soup = parse(file)
        for element in soup.find_all(["a", "link", "img", "script"]):
            url = element.get("href") or element.get("src")
            if url:
                yield file, url, local_target(build, file, url, base_url)


def test_every_internal_link_resolves(example):
    checked = 0
    for file, url, target in all_links(example, "https://handbook.example/"):
        if file.name == "404.html" and url.startswith("/"):
            target = example / url.lstrip("/")
            target = target / "index.html" if url.endswith("/") else target
        if target is not None:
            assert target.exists(), f"{file.relative_to(example)}: {url} is dead"
            checked += 1
    assert checked > 200


def test_links_work_under_a_sub_path(example_site, run):
    site = example_site
    base = "https://intranet.example/handbok/"
    assert run("build", "--base-url", base, site).code == 0
    build = site / "build"
    page = parse(build / "da" / "cpus-slagelse" / "strategy" / "index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == base + "da/cpus-slagelse/strategy/"
    for file, url, target in all_links(build, base):
        if url.startswith("/"):
            assert url.startswith("/handbok/"), f"{file}: {url} ignores the sub-path"
            target = build / url.removeprefix("/handbok/")
            target = target / "index.html" if url.endswith("/") else target
        if target is not None:
            assert target.exists(), f"{file.relative_to(build)}: {url} is dead"
    sitemap = (build / "sitemap.xml").read_text()
    assert f"<loc>{base}sv/proaros/vision/</loc>" in sitemap
    assert "https://handbook.example/" not in sitemap


def test_assets_are_fingerprinted_and_local(example):
    page = parse(example / "sv" / "index.html")
    stylesheet = page.select_one('link[rel="stylesheet"]')["href"]
    assert re.search(r"assets/style\.[0-9a-f]{10}\.css$", stylesheet)
    for file in example.rglob("*.html"):
        soup = parse(file)
        for element in soup.find_all(["link", "script", "img"]):
            url = element.get("src") or (element.get("href") if element.name != "link"
                                         or (element.get("rel") != ["alternate"]
                                         and element.get("rel") != ["canonical"]) else None)
            assert not url or not re.match(r"^(https?:)?//", url), f"{file}: loads {url}"
