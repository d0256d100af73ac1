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


def _installed_by(requirements: list[str], extras: frozenset[str] = frozenset()) -> set[str]:
    """The distributions ``pip install`` brings for ``requirements`` (their markers evaluated here), with
    theirs, read from what is installed: the libraries a `pip install .` gives, without the test ones."""
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found: set[str] = set()
    todo = [(Requirement(text), extras) for text in requirements]
    while todo:
        requirement, wanted = todo.pop()
        if requirement.marker and not any(requirement.marker.evaluate({"extra": extra}) for extra in wanted or {""}):
            continue
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        found.add(name)
        todo += [(Requirement(text), frozenset(requirement.extras)) for text in metadata.requires(name) or []]
    return found


def test_what_the_commands_import_comes_with_pip_install_dot() -> None:
    """`pip install .` (scripts/build.sh, the workflows, the pre-commit hook on staff's Windows) installs the
    dependencies of pyproject.toml and theirs, not the test ones. The time zone of Paris (``zoneinfo``) reads
    the system's tz database, absent from Windows and from Ubuntu's container images: without the ``tzdata``
    library every command, --help included, stopped on a Python traceback, and the test libraries (icalendar)
    installed it here, which hid it. Each library the package imports must come with it."""
    import ast
    from importlib import metadata

    from packaging.utils import canonicalize_name

    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    installed = _installed_by(declared)
    providers = metadata.packages_distributions()
    imported: dict[str, set[str]] = {}
    for path in (REPO / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
            for name in names:
                imported.setdefault(name.split(".")[0], set()).add(path.relative_to(REPO).as_posix())
    needed = {module: {canonicalize_name(d) for d in providers[module]} for module in imported
              if module in providers and module not in sys.stdlib_module_names and module != "generator"}
    if "zoneinfo" in imported:  # its data, where the system has none (Python's documentation advises it)
        needed["zoneinfo"] = {"tzdata"}
    missing = {module: sorted(imported[module])[:3] for module, providing in needed.items()
               if not providing & installed}
    assert not missing, f"pyproject.toml: add to [project] dependencies what provides {missing}"


def test_commands_run_on_a_machine_without_the_system_s_time_zones(tmp_path: Path) -> None:
    """Windows and Ubuntu's container images have no /usr/share/zoneinfo: ``zoneinfo`` then reads the
    ``tzdata`` library. Here the system's is hidden (``PYTHONTZPATH``) from the installed command."""
    command = Path(sys.executable).parent / "residence-hub"
    env = {**os.environ, "PYTHONTZPATH": str(tmp_path)}  # an empty folder: no system time zone
    result = subprocess.run([str(command), "validate", "--project", str(REPO)], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "résidence(s) valide(s)" in result.stdout
