"""residence-hub: one accessible information microsite per social-housing residence, from YAML.

Use it as a library the way the CLI does::

    project = load_project(Path("."))            # validate everything, or raise UserError
    build_site(project, Path("site"), date.today())
"""

import zoneinfo
from typing import Any

# Time zones come from the `tzdata` library, never the machine's files (/usr/share/zoneinfo): the feeds date
# their entries with them, and the incremental build's key holds their bytes (`local_time.tz_database`). The
# library's version is pinned like every other (the publish workflow's constraints); the system's changes
# with a runner's image, which GitHub rolls out over days: lots of one run built on two images were refused
# by the merge. Set here, before any module makes a `ZoneInfo`, since `zoneinfo` keeps those it made.
zoneinfo.reset_tzpath(())

__all__ = ["Problem", "Project", "UserError", "build_site", "load_project"]


def __getattr__(name: str) -> Any:
    """The names of ``__all__``, imported when first asked for: importing any module of the package
    imports this one first, and importing everything from here made each of them pay for the whole
    generator (MkDocs, reportlab…): a command imports what it uses."""
    if name in ("Project", "load_project"):
        from generator.contract import project
        return getattr(project, name)
    if name in ("Problem", "UserError"):
        from generator import errors
        return getattr(errors, name)
    if name == "build_site":
        from generator.publish.site import build_site
        return build_site
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
