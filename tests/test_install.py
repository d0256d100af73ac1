"""The workflows install the tool with ``pip install .``: the wheel must carry everything a build reads."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from fnmatch import fnmatch
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_TODAY
from test_incremental import tree

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def test_every_folder_of_the_package_and_theme_is_declared_with_its_files() -> None:
    """The fast twin of the wheel test below: a new folder or file type must be named in pyproject.toml."""
    setup = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages, data = set(setup["packages"]), setup["package-data"]
    roots = {"generator": REPO / "generator", **{name: REPO / path for name, path in setup["package-dir"].items()}}
    for root_name, root in roots.items():
        for folder in [root, *(p for p in root.rglob("*") if p.is_dir() and p.name != "__pycache__")]:
            files = [f for f in folder.iterdir() if f.is_file() and f.suffix not in {".py", ".pyc"}]
            if not files and not any(folder.glob("*.py")):
                continue
            name = ".".join([root_name, *folder.relative_to(root).parts])
            assert name in packages, f"pyproject.toml: add {name!r} to [tool.setuptools] packages"
            for file in files:
                assert any(fnmatch(file.name, pattern) for pattern in data.get(name, [])), (
                    f"pyproject.toml: {file.relative_to(REPO)} is left out of the wheel; "
                    f"add a pattern to [tool.setuptools.package-data] {name!r}")


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
