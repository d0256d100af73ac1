"""residence-hub: one accessible information microsite per social-housing residence, from YAML.

Use it as a library the way the CLI does::

    project = load_project(Path("."))            # validate everything, or raise UserError
    build_site(project, Path("site"), date.today())
"""

from .build import build_site
from .errors import Problem, UserError
from .project import Project, load_project

__all__ = ["Problem", "Project", "UserError", "build_site", "load_project"]
