"""The markers that pick the fast subset: ``browser`` set by itself on every test that starts Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow  # collects the whole suite in another pytest process

PLUGIN = """\
def pytest_collection_finish(session):
    for item in session.items:
        marks = {mark.name for mark in item.iter_markers()} & {"browser", "slow"}
        if "browser" in item.fixturenames:
            marks.add("uses-browser-fixture")
        print("MARKS", item.nodeid, *sorted(marks))
"""


def collected_marks(tmp_path: Path) -> dict[str, set[str]]:
    """Every test of the suite, as collected in a separate pytest run, with its ``browser``/``slow`` marks."""
    (tmp_path / "show_marks.py").write_text(PLUGIN)
    run = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                          "-p", "show_marks"], cwd=REPO, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert run.returncode == 0, run.stdout + run.stderr
    lines = [line.split(" ", 2)[1:] for line in run.stdout.splitlines() if line.startswith("MARKS ")]
    return {nodeid: set(rest[0].split()) if rest else set() for nodeid, *rest in lines}


def test_browser_marks_every_test_using_chromium_directly_or_through_a_fixture_and_nothing_else(
        tmp_path: Path) -> None:
    marks = collected_marks(tmp_path)
    browser = {test for test, names in marks.items() if "browser" in names}
    # Marked exactly when the browser fixture is used, directly or through another fixture; new files too.
    assert browser == {test for test, names in marks.items() if "uses-browser-fixture" in names}
    assert {test.split("::")[0] for test in browser} >= {
        "tests/test_accessibility.py", "tests/test_dashboard.py", "tests/test_fastbuild.py", "tests/test_posters.py",
        "tests/test_presence_script.py", "tests/scenarios/injection/test_in_chromium.py",
        "tests/scenarios/third_party/test_old_browser.py"}
    # A test that asks for the browser fixture, one that gets it through `crawl`, and every test of a file
    # whose tests all drive the caretaker script in Chromium.
    assert {"tests/test_fastbuild.py::test_search_works_in_a_microsite",
            "tests/test_posters.py::test_qr_svg_decodes_once_drawn_by_a_browser",
            "tests/test_accessibility.py::test_axe_finds_no_wcag_a_or_aa_violation_on_any_page"} <= browser
    assert {test for test in marks if test.startswith("tests/test_presence_script.py::")} <= browser
    # Tests that read the built site's files without a browser stay in the fast part.
    assert "tests/test_accessibility.py::test_every_page_is_in_french" in marks
    assert "tests/test_accessibility.py::test_every_page_is_in_french" not in browser
    assert "tests/test_install.py::test_the_wheel_builds_the_same_site_as_the_checkout" not in browser
    assert "tests/test_dashboard.py::test_sorting_and_filtering_in_the_browser" in browser
    assert "tests/test_dashboard.py::test_out_of_every_tenant_path" not in browser
    assert "slow" in marks["tests/test_install.py::test_the_wheel_builds_the_same_site_as_the_checkout"]
