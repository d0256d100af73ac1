"""The code of ``generator/`` type-checks with ``mypy --strict`` and passes ruff, docstring rules included.

Both read their settings from pyproject.toml (``[tool.mypy]``, ``[tool.ruff]``); neither writes a cache
into the repository. A finding fails the test with the tool's own report.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow  # mypy checks the whole package from scratch: tens of seconds


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, timeout=600)


def test_mypy_strict_finds_nothing_in_generator() -> None:
    result = run("mypy", "--strict", "--cache-dir", "/dev/null", "generator")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")


def test_ruff_finds_nothing_in_generator() -> None:
    """pycodestyle, pyflakes, import order and docstrings (pydocstyle, Google convention): pyproject.toml."""
    result = run("ruff", "check", "--no-cache", "generator")
    assert result.returncode == 0, result.stdout + result.stderr
