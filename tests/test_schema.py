"""The JSON Schemas editors check YAML with while typing (`handbook schema`) say what `handbook
check` says: what handbook accepts, they accept; what they reject, handbook rejects.

Both are read from one table, src/handbook/definitions.py. The tests here prove the rest, key
by key: every valid example of the table, of the repository's content, of the editors' guide
and of the other tests' inline sites passes the schemas; every mistake derived from the table
(a required key left out, an unknown key, a value of the wrong kind, a word not among the
choices, a rule between keys broken) fails both; and a table of editors' real mistakes fails
both `handbook check` and the schemas.
"""

from __future__ import annotations

import ast
import copy
import datetime as dt
import json
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import REPO, SITE_YAML
from handbook import accessibility, definitions
from handbook import definitions as d
from handbook.config import SITE_KEYS, load_config
from handbook.content import ORGANISATION_KEYS, load_organisation
from handbook.errors import ERROR, HandbookError, Problems
from handbook.messages import language
from handbook.schema import PAGE_KINDS, SCHEMA_DIR, editor_settings, schema_setting, schemas
from handbook.schema import text as schema_text
from handbook.sources import parse_yaml, split_front_matter

SCHEMAS = schemas()
VALIDATORS = {name: Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
              for name, schema in SCHEMAS.items()}
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>\n'
PAGE_FILE = re.compile(r"content/(?P<org>[^/]+)/(?P<id>[^./]+)(?:\.(?P<lang>[^./]+))?\.md")


# -- the two sides ------------------------------------------------------------------------------

def plain(value: Any) -> Any:
    """YAML as an editor's checker sees it: dates are texts (YAML 1.2), keys are texts."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def schema_for(path: str) -> str:
    """Which schema a file's settings are checked with."""
    if path == "site.yaml":
        return "site.schema.json"
    if path.endswith("/organisation.yaml"):
        return "organisation.schema.json"
    match = PAGE_FILE.fullmatch(path)
    assert match, path
    kind = match["id"] if match["id"] in PAGE_KINDS else "page"
    return f"{kind}.schema.json"


def schema_errors(path: str, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in VALIDATORS[schema_for(path)].iter_errors(plain(data))]


def settings_of(path: str, text: str) -> Any:
    """The YAML of a file (a page's front matter), read by handbook's own reader."""
    if path.endswith(".md"):
        return split_front_matter(text, path).front
    return parse_yaml(text, path)


def handbook_errors(root: Path, path: str, text: str) -> list[str]:
    """The errors handbook finds in one file, in a small site around it: a site in sv, da, cs and
    en with an organisation 'org' written in Swedish (and the original of a translation)."""
    files: dict[str, str] = {"site.yaml": SITE_YAML, "content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
                             "content/org/media/logo.svg": LOGO}
    match = PAGE_FILE.fullmatch(path)
    if match and match["lang"]:
        files[f"content/{match['org']}/{match['id']}.md"] = "---\ntitle: Original\n---\n"
    files[path] = text
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, encoding="utf-8")
    try:
        config = load_config(root)
    except HandbookError as exc:
        return [p.format() for p in exc.problems if p.severity == ERROR]
    if path == "site.yaml":
        return []
    problems = Problems()
    folder = root / "content" / path.split("/")[1]
    load_organisation(folder, config, problems)
    return [p.format() for p in problems.errors if p.path == path]


def yaml_text(path: str, data: dict) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{text}---\nText.\n" if path.endswith(".md") else text


# -- every valid file passes the schemas ------------------------------------------------------------

def repository_files() -> dict[str, str]:
    files = {"site.yaml": (REPO / "site.yaml").read_text(encoding="utf-8")}
    for file in sorted((REPO / "content").glob("*/*")):
        if file.suffix in (".yaml", ".md"):
            files[file.relative_to(REPO).as_posix()] = file.read_text(encoding="utf-8")
    return files


def guide_files() -> dict[str, str]:
    from test_docs import SITE  # the guide's example site, every good file of it
    return {path: text for path, text in SITE.items() if path.endswith((".yaml", ".md"))}


REPOSITORY = repository_files()
GUIDE = guide_files()


@pytest.mark.parametrize("path,text", REPOSITORY.items(), ids=list(REPOSITORY))
def test_the_example_passes_the_schemas(path, text):
    assert schema_errors(path, settings_of(path, text)) == []


@pytest.mark.parametrize("path,text", GUIDE.items(), ids=list(GUIDE))
def test_the_guides_examples_pass_the_schemas(path, text):
    assert schema_errors(path, settings_of(path, text)) == []


@dataclass(frozen=True)
class Inline:
    """A file written inline in a test: its path in the site, its text, where it is."""

    path: str
    text: str
    where: str


SITE_LIKE = re.compile(r"^\s*base_url:.*^\s*languages:", re.MULTILINE | re.DOTALL)


def inline_files() -> list[Inline]:
    """Every site.yaml, organisation.yaml and page that a test writes as a constant text."""
    found = []
    wanted = re.compile(r"site\.yaml|content/[a-z0-9-]+/(organisation\.yaml|[a-z0-9-]+(\.[a-z]{2,3})?\.md)")
    for test in sorted(Path(__file__).parent.glob("test_*.py")):
        tree = ast.parse(test.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            pairs: list[tuple[ast.expr | None, ast.expr]] = []
            if isinstance(node, ast.Dict):
                pairs = list(zip(node.keys, node.values, strict=True))
            elif isinstance(node, ast.keyword) and node.arg == "site_yaml":
                pairs = [(ast.Constant("site.yaml"), node.value)]
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SITE_LIKE.search(node.value):
                pairs = [(ast.Constant("site.yaml"), node)]  # a site.yaml kept in a variable
            for key, value in pairs:
                if (isinstance(key, ast.Constant) and isinstance(key.value, str) and wanted.fullmatch(key.value)
                        and isinstance(value, ast.Constant) and isinstance(value.value, str)):
                    text = textwrap.dedent(value.value).lstrip("\n")
                    found.append(Inline(key.value, text, f"{test.name}:{value.lineno}"))
    found.append(Inline("site.yaml", SITE_YAML, "conftest.py"))
    return found


INLINE = inline_files()


def test_many_inline_files_are_found():
    assert len(INLINE) > 100
    assert {schema_for(f.path) for f in INLINE} == set(SCHEMAS)


@pytest.mark.parametrize("file", INLINE, ids=lambda f: f.where)
def test_what_handbook_accepts_in_the_tests_passes_the_schemas(tmp_path, file):
    """The tests' inline files are many and varied, mistakes among them: each one handbook
    accepts must pass the schemas, or an editor would be told a good file is wrong."""
    try:
        data = settings_of(file.path, file.text)
    except HandbookError:
        return  # not YAML handbook can read: an editor's checker says so in its own words
    if handbook_errors(tmp_path, file.path, file.text):
        return
    assert schema_errors(file.path, data) == [], f"{file.where}: handbook accepts\n{file.text}"


# -- the table and the validators, key by key -----------------------------------------------------

@dataclass(frozen=True)
class Place:
    """Where a shape's mappings are in a file: the file, the shape, the path to it."""

    path: str
    shape: d.Shape
    at: tuple[str | int, ...] = ()
    root: d.Shape | None = None  # the file's own shape, when `shape` is inside it

    def __str__(self) -> str:
        return f"{self.shape.name} in {self.path}"


PAGE_PATHS = {"vision": "vision", "values": "values", "strategy": "strategy", "page": "brev"}
PLACES = [
    Place("site.yaml", d.SITE),
    Place("site.yaml", d.STATEMENT, ("accessibility",), d.SITE),
    Place("site.yaml", d.ELSEWHERE, ("accessibility",), d.SITE),
    Place("site.yaml", d.CONTACT, ("accessibility", "contact"), d.SITE),
    Place("site.yaml", d.ENFORCEMENT, ("accessibility", "enforcement"), d.SITE),
    Place("site.yaml", d.ISSUE, ("accessibility", "issues", 0), d.SITE),
    Place("content/org/organisation.yaml", d.ORGANISATION),
    *(Place(f"content/org/{PAGE_PATHS[kind]}.md", d.front_matter(kind, original=True)) for kind in PAGE_KINDS),
    *(Place(f"content/org/{PAGE_PATHS[kind]}.en.md", d.front_matter(kind, original=False)) for kind in PAGE_KINDS),
    Place("content/org/values.md", d.VALUE, ("values", 0), d.front_matter("values", original=True)),
    Place("content/org/strategy.md", d.PERIOD, ("period",), d.front_matter("strategy", original=True)),
]


def as_yaml(kind: d.Value, value: Any) -> Any:
    """An example value as YAML gives it to handbook: dates are dates."""
    if isinstance(kind, d.Date) and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if isinstance(kind, d.AnyOf):
        for form in kind.forms:
            if isinstance(form, d.Date) and isinstance(value, str):
                return dt.date.fromisoformat(value)
            if isinstance(form, d.Mapping) and isinstance(value, dict):
                return as_yaml(form, value)
        return value
    if isinstance(kind, d.Mapping):
        return {key.name: as_yaml(key.value, value[key.name]) for key in kind.shape.keys if key.name in value}
    if isinstance(kind, d.ListOf) and isinstance(value, list):
        return [as_yaml(kind.item, item) for item in value]
    return value


def full(shape: d.Shape) -> dict[str, Any]:
    return {key.name: as_yaml(key.value, d.example(key)) for key in shape.keys}


def needed(shape: d.Shape, data: dict[str, Any]) -> set[str]:
    """The keys the rules between keys ask for, given `data`."""
    keys: set[str] = set()
    for rule in shape.needs:
        if rule.one_of:
            keys.add(rule.keys[0])
        elif (data.get(rule.key) in rule.values) != rule.unless:
            keys |= set(rule.keys)
    return keys


def minimal(shape: d.Shape) -> dict[str, Any]:
    data = full(shape)
    keep = set(shape.required)
    keep |= needed(shape, {k: v for k, v in data.items() if k in keep})
    return {key: value for key, value in data.items() if key in keep}


def document(place: Place, mapping: dict[str, Any]) -> dict[str, Any]:
    """The whole file with `mapping` where the place is."""
    if place.root is None:
        return mapping
    whole = full(place.root)
    inner: Any = whole
    for step in place.at[:-1]:
        inner = inner[step]
    inner[place.at[-1]] = mapping
    return whole


def bad_values(kind: d.Value) -> list[Any]:
    """Values of the wrong kind for `kind`, as YAML would give them."""
    if isinstance(kind, d.Text):
        bad: list[Any] = [["a", "list"], {"a": "mapping"}, True, "   "]
        if kind.pattern:
            bad.append("does not match!")
        if not kind.numbers:
            bad.append(12)
        return bad
    if isinstance(kind, d.Texts):
        return [["a", "list"], True, 5, {}, {"sv": ""}, {"sv": ["a list"]}, {"not a code": "Text"}]
    if isinstance(kind, d.Number):
        bad = ["seven", 1.5, True]
        bad += [kind.low - 1] if kind.low is not None else []
        bad += [kind.high + 1] if kind.high is not None else []
        return bad
    if isinstance(kind, d.Flag):
        return ["yes please", 1, "true"]
    if isinstance(kind, d.Date):
        return ["1 mars 2025", 2025, ["a list"]]
    if isinstance(kind, d.Choice):
        return ["something-else", ["a list"]]
    if isinstance(kind, d.ListOf):
        bad = ["a text", {"a": "mapping"}, [bad_values(kind.item)[0]]]
        if kind.at_least:
            bad.append([])
        if kind.unique:
            bad.append(["sv", "sv"])  # the one list of unique items holds language codes
        return bad
    if isinstance(kind, d.Mapping):
        return ["a text", ["a list"]]
    if isinstance(kind, d.AnyOf):
        bad = [["a", "list"]]
        if not any(isinstance(form, (d.Flag, d.Exactly)) and getattr(form, "value", True) is True
                   for form in kind.forms):
            bad.append(True)
        if not any(isinstance(form, d.Text) and form.numbers for form in kind.forms):
            bad.append(12.5)
        if not any(isinstance(form, (d.Text, d.Texts)) for form in kind.forms):
            bad.append("not a value")
        return bad
    raise TypeError(kind)


@dataclass(frozen=True)
class Case:
    place: Place
    change: str
    mapping: dict[str, Any]

    def __str__(self) -> str:
        return f"{self.place}: {self.change}"


def good_cases() -> list[Case]:
    return [case for place in PLACES
            for case in (Case(place, "every key", full(place.shape)),
                         Case(place, "the required keys", minimal(place.shape)))]


def bad_cases() -> list[Case]:
    cases = []
    for place in PLACES:
        shape = place.shape
        base = full(shape)
        for name in shape.required:
            cases.append(Case(place, f"without {name}", {k: v for k, v in base.items() if k != name}))
        cases.append(Case(place, "an unknown key", {**base, "unknown_key": "x"}))
        for key in shape.keys:
            for value in bad_values(key.value):
                cases.append(Case(place, f"{key.name}: {value!r}", {**base, key.name: value}))
        for rule in shape.needs:
            broken = {k: v for k, v in base.items() if k not in rule.keys}
            if rule.key is not None:
                if rule.unless:
                    broken.pop(rule.key, None)
                else:
                    broken[rule.key] = rule.values[0]
            cases.append(Case(place, f"without {' or '.join(rule.keys)}", broken))
    return cases


@pytest.mark.parametrize("case", good_cases(), ids=str)
def test_the_tables_examples_pass_both(tmp_path, case):
    data = document(case.place, case.mapping)
    assert schema_errors(case.place.path, data) == []
    assert handbook_errors(tmp_path, case.place.path, yaml_text(case.place.path, data)) == []


@pytest.mark.parametrize("case", bad_cases(), ids=str)
def test_each_mistake_fails_both(tmp_path, case):
    data = document(case.place, copy.deepcopy(case.mapping))
    assert schema_errors(case.place.path, data), "the schema lets it pass"
    assert handbook_errors(tmp_path, case.place.path, yaml_text(case.place.path, data)), "handbook lets it pass"


def test_the_schemas_hold_the_keys_the_validators_accept():
    site = SCHEMAS["site.schema.json"]
    assert tuple(site["properties"]) == SITE_KEYS
    assert tuple(SCHEMAS["organisation.schema.json"]["properties"]) == ORGANISATION_KEYS
    statement, elsewhere = site["properties"]["accessibility"]["anyOf"][:2]
    assert tuple(statement["properties"]) + tuple(elsewhere["properties"]) == accessibility.STATEMENT_KEYS
    assert statement["properties"]["status"]["enum"] == list(accessibility.STATUSES)
    assert statement["properties"]["method"]["enum"] == list(accessibility.METHODS)
    assert tuple(statement["properties"]["contact"]["properties"]) == accessibility.CONTACT_KEYS
    assert tuple(statement["properties"]["enforcement"]["properties"]) == accessibility.ENFORCEMENT_KEYS
    issue = statement["properties"]["issues"]["items"]["anyOf"][0]
    assert tuple(issue["properties"]) == accessibility.ISSUE_KEYS
    assert issue["properties"]["reason"]["enum"] == list(accessibility.REASONS)
    assert tuple(accessibility.ENFORCEMENT) == definitions.STATEMENT_COUNTRIES
    for kind in PAGE_KINDS:
        properties = SCHEMAS[f"{kind}.schema.json"]["properties"]
        assert {"title", "review_by", "translated_from"} <= set(properties)
        assert ("statement" in properties) == (kind == "vision")
        assert ("values" in properties) == (kind == "values")
        assert ({"period", "goals"} <= set(properties)) == (kind == "strategy")


def test_every_key_is_explained_with_an_example():
    def walk(shape: d.Shape) -> None:
        assert shape.about
        for key in shape.keys:
            assert len(key.about) > 10, key.name
            d.example(key)  # raises without one
            kinds = [key.value, *(getattr(key.value, "forms", ())), getattr(key.value, "item", None)]
            for kind in kinds:
                if isinstance(kind, d.Mapping):
                    walk(kind.shape)
                if isinstance(kind, d.AnyOf):
                    kinds += list(kind.forms)
    for shape in (d.SITE, d.ORGANISATION, *(d.front_matter(kind) for kind in PAGE_KINDS)):
        walk(shape)


def test_the_schemas_are_valid_draft_2020_12():
    for name, schema in SCHEMAS.items():
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        assert schema["additionalProperties"] is False
        # Only what draft 7 means the same way, so that editors that know only draft 7 agree.
        text = json.dumps(schema)
        for keyword in ("$defs", "prefixItems", "unevaluatedProperties", "dependentRequired", "$ref"):
            assert f'"{keyword}"' not in text, f"{name} uses {keyword}"


# -- editors' real mistakes, through `handbook check` ----------------------------------------------

SITE_START = "title: {sv: Handbok}\nbase_url: https://handbok.example/\nlanguages: [sv, en]\n"
STATEMENT_START = (SITE_START + "accessibility:\n  publisher: Region Ekdalen\n  country: SE\n  status: full\n"
                   "  method: self-assessment\n  prepared: 2025-09-01\n")
MISTAKES = [
    ("site.yaml", "title: {sv: Handbok}\nbase_url: https://handbok.example/\nlanguages: sv, en\n"),
    ("site.yaml", "base_url: https://handbok.example/\nlanguages: [sv]\n"),
    ("site.yaml", "title: Handbok\nbase_url: handbok.example\nlanguages: [sv]\n"),
    ("site.yaml", SITE_START + "defualt_language: sv\n"),
    ("site.yaml", SITE_START + "search: nej\n"),
    ("site.yaml", SITE_START + "languages: [sv, sv]\n".replace("languages", "language")),
    ("site.yaml", SITE_START + "accessibility: true\n"),
    ("site.yaml", SITE_START + "accessibility: requird\n"),
    ("site.yaml", SITE_START + "accessibility:\n  url: https://was.example/\n  publisher: Region Ekdalen\n"),
    ("site.yaml", STATEMENT_START.replace("status: full", "status: partly") + "  contact:\n    email: a@example.org\n"),
    ("site.yaml", STATEMENT_START.replace("2025-09-01", "1 September 2025") + "  contact:\n    email: a@example.org\n"),
    ("site.yaml", STATEMENT_START + "  contact:\n    phone: 0771114400\n"),
    ("site.yaml", STATEMENT_START + "  contact:\n    email: a@example.org\n  issues: Filmen saknar undertexter.\n"),
    ("site.yaml", STATEMENT_START.replace("status: full", "status: partial") + "  contact:\n    email: a@example.org\n"),
    ("site.yaml", STATEMENT_START + "  contact: tillganglighet@example.org\n"),
    ("content/org/organisation.yaml", "name: Org\nlanguage: sv\ncountry: Sverige\n"),
    ("content/org/organisation.yaml", "name: Org\nlanguage: sv\nwebsite: www.example.org\n"),
    ("content/org/organisation.yaml", "name: Org\nlanguage: sv\norder: first\n"),
    ("content/org/organisation.yaml", "name: Org\n"),
    ("content/org/organisation.yaml", "name: Org\nlanguage: sv\nlogo: logo.svg\n"),
    ("content/org/vision.md", "---\ntitle: Vision\nstatment: Alltid bästa möjliga möte\n---\nText.\n"),
    ("content/org/values.md", "---\ntitle: Värden\nvalues: Kunskap och omtanke\n---\nText.\n"),
    ("content/org/values.md", "---\ntitle: Värden\nvalues:\n  - Kunskap\n---\nText.\n"),
    ("content/org/values.md", "---\ntitle: Värden\nvalues:\n  - description: Vi lär oss.\n---\nText.\n"),
    ("content/org/strategy.md", "---\ntitle: Strategi\nperiod: 2025-2027\n---\nText.\n"),
    ("content/org/strategy.md", "---\ntitle: Strategi\nperiod:\n  from: 2025\n---\nText.\n"),
    ("content/org/strategy.md", "---\ntitle: Strategi\ngoals: Fler hembesök\n---\nText.\n"),
    ("content/org/strategy.md", "---\ntitle: Strategi\nperiod:\n  from: snart\n  to: 2027\n---\nText.\n"),
    ("content/org/brev.md", "---\ntitle: Brev\ndraft: maybe\n---\nText.\n"),
    ("content/org/brev.md", "---\ntitle: Brev\nslug: Vårt brev\n---\nText.\n"),
    ("content/org/brev.md", "---\ntitle: Brev\ndate: 1 mars 2025\n---\nText.\n"),
    ("content/org/brev.md", "---\nsummary: Ett brev.\n---\nText.\n"),
    ("content/org/brev.md", "---\ntitle: Brev\nauthor: [Karin, Lund]\n---\nText.\n"),
]


@pytest.mark.parametrize("path,text", MISTAKES, ids=[f"{p}:{i}" for i, (p, _) in enumerate(MISTAKES)])
def test_editors_mistakes_fail_check_and_the_schemas(make_site, run, path, text):
    files = {"content/org/organisation.yaml": "name: Org\nlanguage: sv\n",
             "content/org/vision.md": "---\ntitle: Vision\n---\nText.\n"}
    root = make_site({**files, path: text} if path != "site.yaml" else files,
                     site_yaml=text if path == "site.yaml" else SITE_YAML)
    result = run("check", root)
    assert result.code == 1, result.err
    assert re.search(rf"^{re.escape(path)}(:\d+)?(:\d+)?: error\[HB\d{{3}}\]: ", result.err, re.MULTILINE), result.err
    assert schema_errors(path, settings_of(path, text)), f"the schema lets it pass:\n{text}"


# -- the command --------------------------------------------------------------------------------

def test_schema_writes_the_six_schemas_where_it_is_told(tmp_path, run):
    result = run("schema", "--out", tmp_path / "out")
    assert result.code == 0, result.err
    names = ["site", "organisation", "vision", "values", "strategy", "page"]
    assert result.out.splitlines() == [f"wrote {(tmp_path / 'out').as_posix()}/{n}.schema.json" for n in names]
    for name in names:
        written = json.loads((tmp_path / "out" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert written == SCHEMAS[f"{name}.schema.json"]


def test_schema_in_a_site_sets_up_the_editor_and_the_site_still_builds(example_site, run, monkeypatch):
    monkeypatch.chdir(example_site)
    result = run("schema")
    assert result.code == 0, result.err
    assert "created .vscode/settings.json" in result.out.splitlines()
    settings = json.loads((example_site / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings == editor_settings()
    for schema, patterns in settings["yaml.schemas"].items():
        assert (example_site / schema).is_file()
        matched = [p for pattern in patterns for p in example_site.glob(pattern)]
        assert matched, patterns
        for file in matched:
            relative = file.relative_to(example_site).as_posix()
            assert SCHEMA_DIR + "/" + schema_for(relative) == schema
    built = run("build", "--strict", example_site)
    assert built.code == 0, built.err
    assert not any(part.startswith(".") for p in (example_site / "build").rglob("*")
                   for part in p.relative_to(example_site / "build").parts)


def test_schema_leaves_the_sites_own_editor_settings_alone(example_site, run):
    own = example_site / ".vscode/settings.json"
    own.parent.mkdir()
    own.write_text('{\n  // ours\n  "editor.fontSize": 15\n}\n', encoding="utf-8")
    result = run("schema", "--site", example_site)
    assert result.code == 0, result.err
    assert own.read_text(encoding="utf-8") == '{\n  // ours\n  "editor.fontSize": 15\n}\n'
    assert "note: .vscode/settings.json exists, so it was left as it is; for checks while typing, add to it:\n" \
           + schema_setting() in result.out
    assert (example_site / SCHEMA_DIR / "site.schema.json").is_file()


def test_schema_outside_a_site_says_where_to_write(tmp_path, run):
    result = run("schema", "--site", tmp_path)
    assert result.code == 1
    assert "site.yaml: error[HB001]: no site.yaml in" in result.err
    assert "hint: run it in a site folder, give that with --site, or say where to write the schemas with --out DIR" in result.err
    assert list(tmp_path.iterdir()) == []


def test_the_guide_shows_the_setting_handbook_writes():
    guide = (REPO / "docs/editing.md").read_text(encoding="utf-8")
    assert f"```text\n{schema_setting()}\n```" in guide
    assert json.loads("{" + schema_setting() + "}")["yaml.schemas"] == editor_settings()["yaml.schemas"]


# -- the schemas in the editor's language -----------------------------------------------------------

TRANSLATED = ("sv", "da", "cs")
# What a schema says to an editor; every other keyword decides what it accepts.
WORDS = ("description", "patternErrorMessage", "enumDescriptions")
SCHEMAS_IN = {code: schemas(language(code)) for code in TRANSLATED}


def rules(schema: Any) -> Any:
    """A schema without its words: what it accepts."""
    if isinstance(schema, dict):
        return {key: rules(value) for key, value in schema.items() if key not in WORDS}
    if isinstance(schema, list):
        return [rules(item) for item in schema]
    return schema


def words(schema: Any, at: str = "") -> dict[str, str]:
    """Every text a schema shows an editor, by where it is."""
    found: dict[str, str] = {}
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key in WORDS:
                for index, said in enumerate(value if isinstance(value, list) else [value]):
                    found[f"{at}/{key}/{index}"] = said
            else:
                found |= words(value, f"{at}/{key}")
    elif isinstance(schema, list):
        for index, item in enumerate(schema):
            found |= words(item, f"{at}/{index}")
    return found


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_schema_in_another_language_accepts_exactly_what_the_english_one_accepts(code):
    for name, schema in SCHEMAS_IN[code].items():
        assert rules(schema) == rules(SCHEMAS[name]), f"{code} {name}: only the words may differ"
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_text_of_a_schema_is_in_the_editors_language(code):
    for name, schema in SCHEMAS_IN[code].items():
        english, said = words(SCHEMAS[name]), words(schema)
        assert set(said) == set(english) and len(said) > 10, name
        left = [f"{at}: {english[at]}" for at in said if said[at] == english[at]]
        assert not left, f"{code} {name}: still in English: {left}"
    status = SCHEMAS_IN[code]["site.schema.json"]["properties"]["accessibility"]["anyOf"][0]["properties"]["status"]
    assert status["enum"] == ["full", "partial", "none"] and len(status["enumDescriptions"]) == 3


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_language_accepts_and_rejects_the_same_files(code):
    """The files the tests above use, good and bad, through this language's schemas: the same
    verdict, error for error, as the English schemas (whose verdicts agree with handbook check)."""
    validators = {name: Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
                  for name, schema in SCHEMAS_IN[code].items()}

    def errors(path: str, data: Any) -> list[str]:
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in validators[schema_for(path)].iter_errors(plain(data))]

    files = [*REPOSITORY.items(), *GUIDE.items(), *((f.path, f.text) for f in INLINE), *MISTAKES]
    for path, text in files:
        try:
            data = settings_of(path, text)
        except HandbookError:
            continue
        assert errors(path, data) == schema_errors(path, data), f"{code} {path}:\n{text}"
    for case in good_cases():
        assert errors(case.place.path, document(case.place, case.mapping)) == [], f"{code} {case}"
    for case in bad_cases():
        assert errors(case.place.path, document(case.place, copy.deepcopy(case.mapping))), f"{code} {case}"
    for path, text in MISTAKES:
        assert errors(path, settings_of(path, text)), f"{code}: the schema lets it pass:\n{text}"


def test_schema_writes_them_in_the_editors_language_the_same_every_time(tmp_path, run, monkeypatch):
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    first = run("schema", "--out", tmp_path / "da")
    assert first.code == 0 and first.out.splitlines()[0] == f"skrev {(tmp_path / 'da').as_posix()}/site.schema.json"
    run("--lang", "cs", "schema", "--out", tmp_path / "cs")
    run("schema", "--out", tmp_path / "again")
    for name in SCHEMAS:
        danish = (tmp_path / "da" / name).read_bytes()
        assert danish == schema_text(SCHEMAS_IN["da"][name]).encode("utf-8") == (tmp_path / "again" / name).read_bytes()
        assert (tmp_path / "cs" / name).read_bytes() == schema_text(SCHEMAS_IN["cs"][name]).encode("utf-8") != danish
    site = json.loads((tmp_path / "cs" / "site.schema.json").read_text(encoding="utf-8"))
    assert site["properties"]["base_url"]["patternErrorMessage"] == \
        "Adresa začínající https://, např. https://intranet.example/prirucka/"
