"""The shape a newcomer relies on: stages in folders, imports one way, no cycle, no module over 400 lines.

``generator/`` reads as the pipeline: ``contract`` (what staff type and how it is checked) ← ``outputs``
(what tenants get) ← ``publish`` and ``review`` (the site, the pull-request reports); ``onboarding``
writes residence files from a spreadsheet through the contract; ``cli.py`` only wires commands.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "generator"
LAYERS = {"contract": 0, "outputs": 1, "publish": 2, "review": 2, "onboarding": 1}
"""A module may import from its own stage and from lower ones, never from a higher or a sibling stage."""
SHARED = {"generator.errors", "generator.files", "generator.paths", "generator.user_cache"}
TOP = {"generator.cli", "generator.command"}
"""The commands (``cli``) and the installed command that runs them (``command``): nothing imports them but
``command`` imports ``cli``."""
MAX_LINES = 400


def modules() -> dict[str, Path]:
    return {".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__"): path
            for path in PACKAGE.rglob("*.py")}


def imports(path: Path) -> set[str]:
    """Every ``generator.…`` module a file imports, wherever the import statement is (functions included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("generator"))
    return found & set(modules())


def stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[1] in LAYERS else None


def test_every_module_is_in_a_stage_folder_or_shared() -> None:
    loose = {m for m in modules() if stage(m) is None and m.count(".") == 1}
    assert loose <= SHARED | TOP, loose - SHARED


def test_imports_go_one_way_between_stages() -> None:
    wrong = []
    for module, path in modules().items():
        here = stage(module)
        for target in imports(path):
            there = stage(target)
            if (target in TOP and (module, target) != ("generator.command", "generator.cli")) or (here and there and there != here and LAYERS[there] >= LAYERS[here]):
                wrong.append(f"{module} → {target}")
    assert wrong == []


def test_no_import_cycle() -> None:
    graph = {module: imports(path) - {module} for module, path in modules().items()}
    graph = {m: {t for t in targets if not m.startswith(t + ".")} for m, targets in graph.items()}  # a package
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(module: str, trail: list[str]) -> bool:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycle.extend(trail[trail.index(target):] + [module, target] if target in trail else [module, target])
                return True
            if state.get(target) is None and visit(target, trail + [module]):
                return True
        state[module] = 2
        return False

    assert not any(visit(m, []) for m in sorted(graph) if state.get(m) is None), " → ".join(cycle)


def test_no_module_over_400_lines() -> None:
    lengths = {m: len(path.read_text(encoding="utf-8").splitlines()) for m, path in modules().items()}
    long = {m: n for m, n in lengths.items() if n > MAX_LINES}
    assert long == {}


def test_templates_name_no_published_page_address_of_their_own() -> None:
    """Every published path is named in ``outputs/published``: the footers and the hall screen wrote
    « accessibilite/ » and « mentions-legales/ » themselves, so renaming a page there left them dead."""
    from generator.outputs import published

    addresses = [published.page_url(page) for page in (published.ACCESSIBILITY, published.LEGAL,
                                                       published.POSTERS_PAGE, published.DASHBOARD_PAGE)]
    templates = [*(REPO / "theme").glob("*.html"), *(PACKAGE / "outputs" / "templates").glob("*.j2")]
    assert [(path.name, address) for path in templates for address in addresses
            if re.search(r'[}"/]' + re.escape(address), path.read_text(encoding="utf-8"))] == []
