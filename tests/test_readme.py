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
