"""The workflows install the tool with ``pip install .``: the wheel must carry everything a build reads."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_TODAY
from test_incremental import tree


@pytest.mark.slow
def test_the_wheel_builds_the_same_site_as_the_checkout(sample_site: Path, tmp_path: Path) -> None:
    # -v shows what setuptools says while building: a first install prints no warning (package data, license).
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", str(REPO), "-w", str(tmp_path)],
                           check=True, capture_output=True, text=True)
    assert "Warning" not in built.stdout + built.stderr, built.stdout + built.stderr
    (wheel,) = tmp_path.glob("residence_hub-*.whl")
    installed = tmp_path / "installed"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(installed)
    assert {"generator/theme/main.html", "generator/theme/stylesheets/residence-hub.css",
            "generator/outputs/templates/home.md.j2"} <= set(names)
    # Every file of the package (each sub-package, the templates) and of theme/: a folder missing from
    # pyproject.toml's `packages` would be left out of the wheel.
    for folder, inside in ((REPO / "generator", "generator"), (REPO / "theme", "generator/theme")):
        files = {f"{inside}/{p.relative_to(folder).as_posix()}" for p in folder.rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts}
        assert files and files <= set(names), sorted(files - set(names))
    # The unpacked wheel comes first on the path: this is the code and the files a `pip install .` gives.
    code = ("import sys, generator, generator.paths as p\n"
            "assert generator.__file__.startswith(sys.argv[1]), generator.__file__\n"
            "assert str(p.THEME_DIR).startswith(sys.argv[1]), p.THEME_DIR\n"
            "from generator.cli import main\n"
            "main(['build', '--project', sys.argv[2], '--out', sys.argv[3], '--today', sys.argv[4]])\n")
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-c", code, str(installed), str(REPO), str(out),
                             SAMPLE_TODAY.isoformat()], capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(installed)})
    assert result.returncode == 0, result.stderr
    expected, built = tree(sample_site), tree(out)
    # The manifest's digest of our code differs (other paths); every published file is the same.
    assert {k: v for k, v in built.items() if "manifest" not in k} == \
        {k: v for k, v in expected.items() if "manifest" not in k}
