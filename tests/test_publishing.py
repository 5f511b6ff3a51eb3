"""The ready CI workflow builds strictly and publishes build/; internal errors say they are bugs."""

from __future__ import annotations

import yaml

from conftest import REPO


def test_github_workflow_builds_strictly_and_publishes_build():
    workflow = yaml.safe_load((REPO / ".github/workflows/handbook.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key 'on' as true
    assert {"push", "pull_request"} <= set(triggers)
    assert triggers["schedule"], "a daily build publishes what changes with the date"
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any(run.startswith("handbook build --strict .") for run in runs)
    assert any("pip install ." in run for run in runs)
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == ".cache/handbook"
    assert steps.index(cache) < next(i for i, run in enumerate(runs) if run.startswith("handbook build"))
    upload = next(step for step in steps if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "build"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"]["pages"] == "write"
    assert "deploy-pages" in deploy["steps"][0]["uses"]


def test_an_internal_error_says_it_is_a_bug_and_how_to_report_it(make_site, run, monkeypatch):
    import handbook.cli

    def broken_build(*args, **kwargs):
        raise RuntimeError("something impossible happened")

    monkeypatch.setattr(handbook.cli, "build", broken_build)
    root = make_site({"content/org/organisation.yaml": "name: Org\nlanguage: sv\n"})
    result = run("build", root)
    assert result.code == 1
    assert "internal error: RuntimeError: something impossible happened" in result.err
    assert "this is a bug in handbook, not in your content" in result.err
    assert "Traceback" not in result.err
    debug = run("--debug", "build", root)
    assert "Traceback" in debug.err
