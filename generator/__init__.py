"""residence-hub: one accessible information microsite per social-housing residence, from YAML.

Use it as a library the way the CLI does::

    project = load_project(Path("."))            # validate everything, or raise UserError
    build_site(project, Path("site"), date.today())
"""

from generator.contract.project import Project, load_project
from generator.errors import Problem, UserError
from generator.publish.site import build_site

__all__ = ["Problem", "Project", "UserError", "build_site", "load_project"]
