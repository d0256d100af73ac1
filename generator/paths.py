"""Where the generator's own files are, in a checkout and once installed.

``theme/`` (our overrides of mkdocs-material) sits beside ``generator/`` in the repository; a wheel
(``pip install .``, as the workflows do) installs it inside the package, as ``generator/theme``.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
THEME_DIR = next((folder for folder in (PACKAGE_DIR / "theme", PACKAGE_DIR.parent / "theme") if folder.is_dir()),
                 PACKAGE_DIR.parent / "theme")
LOCALES_DIR = PACKAGE_DIR / "outputs" / "locales"
"""Our interface's gettext catalogs, one file per language: ``<lang>.po`` (a flat folder: one package for
setuptools to ship, whatever the number of languages)."""


def interface_languages() -> list[str]:
    """The languages our pages can be written in: those with a catalog."""
    return sorted(p.stem for p in LOCALES_DIR.glob("*.po"))
