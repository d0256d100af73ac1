"""The user's cache folder (``~/.cache/residence-hub``): work done once per machine, not once per command.

Shared by the compiled Jinja templates (fastbuild.py) and the font subsets of the posters (printing.py).
``RESIDENCE_HUB_CACHE`` names another folder, or ``off`` disables every cache.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder(name: str) -> Path | None:
    """``~/.cache/residence-hub/<name>`` (or the folder ``RESIDENCE_HUB_CACHE`` names), made if needed.

    The folder must be private to the user: what it holds is loaded as code or embedded in PDFs, so a
    folder others can write is not used (``None``), and neither is one that cannot be made.
    """
    setting = os.environ.get("RESIDENCE_HUB_CACHE", "")
    if setting == "off":
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "residence-hub"
    folder = Path(setting) if setting else base / name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
        if info.st_uid != os.getuid() or info.st_mode & 0o022:
            return None
    except OSError:
        return None
    return folder
