"""The README's promises: its two quick-start commands are the ones CI runs, every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the quick start has a sh block"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_commands_and_ci_runs_the_test_one() -> None:
    commands = quick_start()
    assert commands == ["bash scripts/build.sh", "bash scripts/test.sh"]
    assert "bash scripts/test.sh" in (REPO / ".ci" / "run").read_text()
    assert (REPO / "scripts" / "build.sh").is_file() and (REPO / "scripts" / "test.sh").is_file()


def test_every_command_is_documented() -> None:
    for name in main.commands:
        assert f"`residence-hub {name}" in README, name


def test_data_contract_example_validates_with_reviewed(tmp_path: Path) -> None:
    """The README's residence example (with ``reviewed``) is a valid file for the sample configuration."""
    from generator.contract.project import load_project

    section = README.split("## The data contract", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]
    (tmp_path / "residences").mkdir()
    (tmp_path / "site_config.yml").write_bytes((REPO / "site_config.yml").read_bytes())
    (tmp_path / "residences" / "les-tilleuls.yml").write_text(example, encoding="utf-8")
    (item,) = load_project(tmp_path).residences
    assert str(item.residence.reviewed) == "2026-11-20"
    assert "`review_every_months`" in section and "review_every_months: 6" in (REPO / "site_config.yml").read_text()


def test_data_contract_site_config_example_validates_with_the_samples(tmp_path: Path) -> None:
    """The README's ``site_config.yml`` example (shared notices, agency defaults, holidays, closures), in
    place of the sample's sections, is valid with the sample residences, and reaches what it says."""
    import shutil

    from generator.contract.inheritance import inherited
    from generator.contract.project import load_project
    from conftest import with_sections

    section = README.split("## The data contract", 1)[1].split("\n## ", 1)[0]
    example = re.findall(r"```yaml\n(.*?)```", section, re.S)[1]
    shutil.copytree(REPO / "residences", tmp_path / "residences")
    config = with_sections((REPO / "site_config.yml").read_text(encoding="utf-8"), example)
    (tmp_path / "site_config.yml").write_text(config, encoding="utf-8")
    project = load_project(tmp_path)
    assert [c.label for c in project.config.closures] == ["Veille de Noël"] and project.config.holidays
    seen = {item.slug: inherited(project.config, item.slug, item.residence) for item in project.residences}
    reached = sorted(slug for slug, r in seen.items() if any(n.title.startswith("Élection") for n in r.notices))
    assert reached == sorted(item.slug for item in project.residences
                             if item.residence.agency == "saint-denis" or item.slug == "le-clos-fleuri")
    assert reached == ["cite-des-peupliers", "le-clos-fleuri", "les-tilleuls"]  # two by agency, one by name
    lifts = [m.company for m in seen["cite-des-peupliers"].maintenance if m.topic == "Ascenseurs"]
    assert lifts == ["Kone"]  # its own entry replaces the agency's Otis
    assert [c.role for c in seen["cite-des-peupliers"].contacts][-1] == "Régie de quartier"
    assert "Régie de quartier" not in [c.role for c in seen["le-clos-fleuri"].contacts]  # montreuil
