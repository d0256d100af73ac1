"""Editing comfort for communication staff: editor settings, the pre-commit hook, CONTRIBUTING.md's examples."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
import zipfile
from pathlib import Path
from typing import Callable

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.contract.project import load_project, residence_paths
from conftest import RESIDENCE, SITE_CONFIG, with_sections

REPO = Path(__file__).resolve().parent.parent
CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXPECTED_SCHEMAS = {"./schema/residence.schema.json": ["residences/*.yml"],
                    "./schema/site_config.schema.json": ["site_config.yml"]}


def _editor_and_validate_agree(field: dict, parse: Callable[[str], object], typed: str) -> None:
    """An editor checking ``field`` of a committed schema underlines ``typed`` exactly when ``validate`` (its
    ``parse``) refuses it."""
    from jsonschema import Draft202012Validator, FormatChecker

    editor_accepts = not list(Draft202012Validator(field, format_checker=FormatChecker()).iter_errors(typed))
    try:
        parse(typed)
        tool_accepts = True
    except ValueError:
        tool_accepts = False
    assert editor_accepts == tool_accepts


def editor_settings() -> list[dict]:  # type: ignore[type-arg]
    vscode = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    devcontainer = json.loads((REPO / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    return [vscode, devcontainer["customizations"]["vscode"]["settings"]]


def test_editors_map_every_data_file_to_its_committed_schema() -> None:
    for settings in editor_settings():
        assert settings["yaml.schemas"] == EXPECTED_SCHEMAS
        assert settings["[yaml]"]["editor.insertSpaces"] is True  # a tab in YAML is an error
        for schema, globs in settings["yaml.schemas"].items():
            assert json.loads((REPO / schema).read_text(encoding="utf-8"))["$schema"]
            files = [p.relative_to(REPO).as_posix() for p in REPO.glob("**/*.yml") if ".venv" not in p.parts]
            assert [f for f in files if any(fnmatch.fnmatch(f, g) for g in globs)], (schema, globs)


def _as_an_editor_reads(text: str) -> object:
    """YAML 1.2, as VS Code's YAML extension parses it (``8:30`` a string, ``0143201122`` a number)."""
    from ruamel.yaml import YAML

    return json.loads(json.dumps(YAML(typ="safe", pure=True).load(text), default=str))


def test_the_committed_schemas_accept_every_sample_and_text_typed_as_a_number() -> None:
    """What the tool accepts, the editor does not underline: samples, and a name that YAML reads as a number."""
    from jsonschema import Draft202012Validator

    schemas = {kind: json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
               for kind in ("residence", "site_config")}
    documents = [("site_config", REPO / "site_config.yml")] + [
        ("residence", path) for path in sorted((REPO / "residences").glob("*.yml"))]
    for kind, path in documents:
        errors = list(Draft202012Validator(schemas[kind]).iter_errors(_as_an_editor_reads(path.read_text("utf-8"))))
        assert not errors, (path.name, [e.message for e in errors])
    numeric = _as_an_editor_reads(RESIDENCE.replace("name: Résidence Test", "name: 1984"))
    assert list(Draft202012Validator(schemas["residence"]).iter_errors(numeric)) == []
    assert list(Draft202012Validator(schemas["residence"]).iter_errors({**numeric, "colour": "blue"})), \
        "the schema still underlines an unknown key"


@pytest.mark.parametrize("typed", ["8:30", "08:30", "8h30", "8h", "08h", "12H", "0h", "23h59", "23:59",
                                   "8:", "08:", "8", "830", "8:3", "8h3", "24h", "8h60", "8 h", "h30", "8:30:00"])
def test_the_schema_underlines_a_time_exactly_when_validate_refuses_it(typed: str) -> None:
    """An editor's underline and ``validate`` agree on a caretaker's hours: « open: "8:" » was left plain in the
    editor, then refused by ``validate`` (a colon wants its minutes)."""
    from generator.contract.values import parse_time

    schema = json.loads((REPO / "schema" / "residence.schema.json").read_text(encoding="utf-8"))
    _editor_and_validate_agree(schema["$defs"]["Slot"]["properties"]["open"], parse_time, typed)


@pytest.mark.parametrize("typed", ["2026-12-03", "2000-01-01", "2099-12-31", "2028-02-29", "1999-12-31", "2100-01-01",
                                   "9999-12-31", "2027-02-29", "2026-13-01", "2026-1-5", "20261203"])
def test_the_schema_underlines_a_date_exactly_when_validate_refuses_it(typed: str) -> None:
    """A date out of the years the tool handles (« 1999-12-31 », « 9999-12-31 ») was left plain in the editor,
    then refused by ``validate``."""
    from generator.contract.values import parse_date

    schema = json.loads((REPO / "schema" / "residence.schema.json").read_text(encoding="utf-8"))
    field = schema["$defs"]["Notice"]["properties"]["from"]
    _editor_and_validate_agree(field, parse_date, typed)


@pytest.mark.parametrize("kind", ["residence", "site_config"])
def test_every_key_of_the_schemas_is_described_in_french_for_autocomplete(kind: str) -> None:
    """Editors show a key's description as staff type it: every key of both files has one, the sections of
    issue 14 (shared notices, agency defaults, holidays, closures, outages) included."""
    schema = json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    undescribed = [f"{name}.{key}" for name, part in [("", schema), *schema["$defs"].items()]
                   for key, value in part.get("properties", {}).items() if not value.get("description")]
    assert undescribed == []
    keys = {key for part in [schema, *schema["$defs"].values()] for key in part.get("properties", {})}
    expected = {"residence": {"outages", "buildings", "holidays", "updates", "expected", "repaired", "help"},
                "site_config": {"notices", "agencies", "residences", "maintenance", "waste", "contacts", "holidays",
                                "closures"}}[kind]
    assert expected <= keys


def test_devcontainer_installs_the_tool_with_the_yaml_extension() -> None:
    devcontainer = json.loads((REPO / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    assert devcontainer["customizations"]["vscode"]["extensions"] == ["redhat.vscode-yaml"]
    assert "pip install" in devcontainer["postCreateCommand"] and "-e ." in devcontainer["postCreateCommand"]
    assert devcontainer["forwardPorts"] == [8000]  # `residence-hub serve`'s default port
    assert json.loads((REPO / ".vscode" / "extensions.json").read_text())["recommendations"] == ["redhat.vscode-yaml"]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=cwd,
                   check=True, capture_output=True)


def hook_project(root: Path) -> Path:
    """A project holding our pre-commit config and the script its hook runs."""
    (root / ".pre-commit-config.yaml").write_text((REPO / ".pre-commit-config.yaml").read_text())
    (root / "scripts").mkdir()
    for script in re.findall(r"entry: (scripts/\S+)", (REPO / ".pre-commit-config.yaml").read_text()):
        (root / script).write_bytes((REPO / script).read_bytes())
        (root / script).chmod(0o755)
    return root


@pytest.mark.slow
def test_pre_commit_hook_runs_validation(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The real pre-commit, on a throwaway repository holding our config: it passes, then catches an error."""
    root = hook_project(make_project())
    git(root, "init", "-q")
    git(root, "add", "-A")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}

    def pre_commit() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=root, env=env,
                              capture_output=True, text=True, timeout=300)

    ok = pre_commit()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Vérifier les résidences" in ok.stdout and "Passed" in ok.stdout
    (root / "residences" / "test.yml").write_text(RESIDENCE + "units: beaucoup\n", encoding="utf-8")
    git(root, "add", "-A")
    failed = pre_commit()
    assert failed.returncode == 1
    assert "residences/test.yml:4: units: « beaucoup » n'est pas un nombre entier" in failed.stdout


@pytest.mark.slow
@pytest.mark.parametrize("added", ["residences/nouvelle.yaml", "residences/nord/nouvelle.yml"])
def test_pre_commit_hook_runs_for_a_residence_validate_would_refuse(make_project, tmp_path: Path,
                                                                    added: str) -> None:  # type: ignore[no-untyped-def]
    """A commit adding only a residence with another extension or in a sub-folder ran no check: the hook
    looked at ``residences/*.yml`` alone, so the mistake (such a file is never published) was told by the
    pull request, not before the commit, as CONTRIBUTING.md promises."""
    root = hook_project(make_project())
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "début")
    (root / added).parent.mkdir(exist_ok=True)
    (root / added).write_text(RESIDENCE, encoding="utf-8")
    git(root, "add", "-A")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    staged = subprocess.run([sys.executable, "-m", "pre_commit", "run"], cwd=root, env=env, capture_output=True,
                            text=True, timeout=300)
    assert staged.returncode == 1, staged.stdout + staged.stderr
    assert f"{added}:1: " in staged.stdout


@pytest.mark.slow
def test_a_commit_from_an_editor_that_did_not_activate_the_venv_is_checked(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """CONTRIBUTING's « Sur votre ordinateur », followed as written: the tool and pre-commit in the project's
    .venv, the hook installed, then a commit from VS Code's Source Control, whose PATH does not hold .venv/bin.
    Every commit was refused with « Executable `residence-hub` not found », a clean one too."""
    root = hook_project(make_project())
    (root / ".venv").symlink_to(Path(sys.prefix))  # the venv CONTRIBUTING has staff make, with both tools
    (root / ".gitignore").write_text(".venv\n")
    git(root, "init", "-q")
    env = {"PATH": os.defpath, "HOME": str(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    steps = re.search(r"## Sur votre ordinateur.*?```sh\n(.*?)```", CONTRIBUTING, re.S)[1].splitlines()  # type: ignore[index]
    assert steps[:2] == ["python3 -m venv .venv", ".venv/bin/pip install -e . pre-commit"]  # what the link stands for
    subprocess.run(steps[2].split(), cwd=root, env=env, check=True, capture_output=True)
    git(root, "add", "-A")

    def commit() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm",
                               "x"], cwd=root, env=env, capture_output=True, text=True, timeout=300)

    ok = commit()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (root / "residences" / "test.yml").write_text(RESIDENCE + "units: beaucoup\n", encoding="utf-8")
    git(root, "add", "-A")
    refused = commit()
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "residences/test.yml:4: units: « beaucoup » n'est pas un nombre entier" in refused.stderr  # git's hook


def test_the_preview_attached_to_a_pull_request_opens_as_contributing_says(tmp_path: Path) -> None:
    """« Prévisualiser », step 3, run as written on the file GitHub gives (upload-artifact zips the contents of
    site/, without the folder): it said « python3 -m http.server -d site », and there was no folder « site »
    after unzipping (404 for every page), nor the file's name, nor the address to open."""
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    upload = next(step for job in workflow["jobs"].values() for step in job["steps"]
                  if "upload-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    with zipfile.ZipFile(tmp_path / f"{upload['with']['name']}.zip", "w") as archive:
        archive.writestr("index.html", "<title>Résidences</title>")
    section = CONTRIBUTING.split("## 5. Prévisualiser", 1)[1].split("\n## ", 1)[0]
    unzip, serve = re.findall(r"```sh\n(.*?)```", section, re.S)[0].strip().splitlines()
    subprocess.run(unzip.split(), cwd=tmp_path, check=True, capture_output=True)
    port = serve.split()[-1]
    assert f"http://127.0.0.1:{port}/" in section
    free = _free_port()
    server = subprocess.Popen([sys.executable if word == "python3" else word for word in serve.split()[:-1]]
                              + [str(free)], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{free}/", timeout=2) as answer:
                    assert "<title>Résidences</title>" in answer.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the preview server never answered")
    finally:
        server.terminate()
        server.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def yaml_examples() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", CONTRIBUTING, re.S)


def test_contributing_has_the_numbered_how_tos() -> None:
    titles = re.findall(r"^## (\d)\. (.+)$", CONTRIBUTING, re.M)
    assert [t for _, t in titles] == [
        "Changer les horaires du gardien", "Ajouter un avis (coupure d'eau, travaux…)", "Ajouter une résidence",
        "Lire une erreur de vérification", "Prévisualiser avant de publier", "Fusionner, c'est-à-dire publier",
        "Importer le tableur des résidences (arrivée d'un bailleur)"]
    for section in [s for s in CONTRIBUTING.split("\n## ") if s[0].isdigit()]:
        assert re.search(r"^1\. ", section, re.M) and re.search(r"^2\. ", section, re.M), section[:40]


@pytest.mark.parametrize("example", yaml_examples(), ids=lambda e: e.strip().splitlines()[0][:30])
def test_contributing_examples_validate(example: str, make_project) -> None:  # type: ignore[no-untyped-def]
    """Each example, added to a minimal residence (or alone when it is a whole file), passes validation
    with the sample site_config.yml, in the three languages the translation example uses. An example
    headed ``# site_config.yml`` replaces those sections of the sample configuration, with the samples."""
    text = textwrap.dedent(example)
    data = yaml.safe_load(text)
    whole = "agency" in data
    config = (REPO / "site_config.yml").read_text(encoding="utf-8")
    assert "languages:" not in config, "the samples are in French only: drop the line added below"
    if text.startswith("# site_config.yml\n"):
        root = make_project(site_config=with_sections(config, text),
                            **{path.stem: path.read_text(encoding="utf-8") for path in residence_paths(REPO)})
        project = load_project(root)
        for key in data:
            assert getattr(project.config, key), key
        return
    root = make_project(site_config=config + "languages: [fr, en, ar]\n",
                        example=text if whole else RESIDENCE.replace("agency: nord", "agency: saint-denis") + text)
    (residence,) = load_project(root).residences
    for key in data:
        assert getattr(residence.residence, key), key


def test_contributing_error_example_is_what_the_tool_prints(make_project) -> None:  # type: ignore[no-untyped-def]
    (shown,) = re.findall(r"```text\n\s*(residences/.*?)\n", CONTRIBUTING)
    residence = textwrap.dedent(yaml_examples()[0]).replace("open: 8:30", "open: 25:00")
    root = make_project(les_tilleuls=RESIDENCE + "\n".join(residence.splitlines()[:-3]) + "\n")
    assert "open: 25:00" in (root / "residences" / "les-tilleuls.yml").read_text().splitlines()[8]
    result = CliRunner().invoke(main, ["validate", "--project", str(root)])
    assert shown in result.output


@pytest.mark.parametrize("typed", ["https://residences.exemple.fr/", "https://exemple.github.io/residences/",
                                   "https://localhost:8443/a_b/c~d/", "https://a-b.fr", "http://exemple.fr/",
                                   "https://résidences.fr/", "https://exemple.fr/résidences/", "https://exemple.fr/a b/",
                                   "https://exemple.fr/?x=1", "https://exemple.fr/#a", "https://moi@exemple.fr/",
                                   "https://-exemple.fr/", "https://exemple.fr/a%20b/", "https://exemple.fr/[a]/"])
def test_the_schema_underlines_a_site_address_exactly_when_validate_refuses_it(typed: str) -> None:
    """``base_url`` with an accent in its host or path (« https://résidences.fr/ ») was left plain in the
    editor, then refused by ``validate``: the schema's pattern is made of the check's own host and path."""
    from generator.contract.values import parse_base_url

    schema = json.loads((REPO / "schema" / "site_config.schema.json").read_text(encoding="utf-8"))
    field = schema["properties"]["base_url"]
    _editor_and_validate_agree(field, parse_base_url, typed)


@pytest.mark.parametrize("typed", ["93200", "01000", "20000", "97411", "98000", "00000", "00100", "99999", "99000",
                                   "9320", "932000", "A9320"])
def test_a_postcode_of_no_departement_is_refused_and_underlined_alike(typed: str) -> None:
    """« 00000 » and « 99999 » were accepted, five digits of no département (01 to 95, 97 and 98 overseas and
    Monaco): a placeholder left in an imported row went to the tenants' pages, the posters and the open data."""
    from jsonschema import Draft202012Validator

    from generator.contract.values import parse_postcode

    schema = json.loads((REPO / "schema" / "residence.schema.json").read_text(encoding="utf-8"))
    editor_accepts = not list(Draft202012Validator(schema["$defs"]["Address"]["properties"]["postcode"]).iter_errors(typed))
    try:
        parse_postcode(typed)
        tool_accepts = True
    except ValueError as refused:
        tool_accepts = False
        assert str(refused) == f"code postal « {typed} » invalide : cinq chiffres, de 01… à 98…, par exemple 93200 ou 01000"
    assert editor_accepts == tool_accepts == (typed[:2] not in ("00", "99") and len(typed) == 5 and typed.isdigit())


@pytest.mark.parametrize("extra", [
    "buildings: [3.5]", "buildings: [true]", "buildings: [.inf]", "buildings: [A, 2, B1]", "buildings: ['  ']",
    "buildings: [' A']", "units: 84", "units: 999999", "units: 1000000", "units: 0143201122",
    "caretaker: {name: '  ', mode: resident}", "caretaker: {name: ' Karim', mode: resident}",
    "caretaker: {name: 1984, mode: resident}", "faq: [{q: '  ', a: Réponse}]", "faq: [{q: Question, a: ''}]",
    "faq: [{q: Question, a: '   '}]", "faq: [{q: Question, a: yes}]", "services: [{name: '\u00a0'}]",
    "fibre: {status: available, operators: [' Orange']}", "fibre: {status: available, building_id: '  '}",
    "waste: [{kind: '  ', days: [mon]}]", "notices: [{title: ' ', from: 2026-12-01, until: 2026-12-31, level: info, body: b}]",
    "waste: [{kind: OM, days: [Mon, THU]}]", "waste: [{kind: OM, days: [mon, mon]}]", "waste: [{kind: OM}]",
    "waste: [{kind: OM, schedule: Le 1er jeudi}]", "waste: [{kind: OM, days: [], schedule: Le 1er jeudi}]",
    "caretaker: {name: K, mode: resident, hours: [{days: [Mon, tue], open: 8h, close: 12h}]}",
    "caretaker: {name: K, mode: resident, hours: [{days: [tue, tue], open: 8h, close: 12h}]}",
    "caretaker: {name: K, mode: resident, email: gardien.tilleuls@habitat-exemple.fr}",
    "caretaker: {name: K, mode: resident, email: o'brien+loge@exemple.fr}",
    "caretaker: {name: K, mode: resident, email: gardien@exemple}", "contacts: [{role: R, name: N, email: a b@c.fr}]",
    "contacts: [{role: R, name: N, email: mailto:a@b.fr}]", "contacts: [{role: R, name: N, email: a..b@c.fr}]",
    "contacts: [{role: R, name: N, email: a@b.fr.}]", "contacts: [{role: R, name: N, email: é@b.fr}]",
    'units: "84"', "units: '0084'", "units: ' 84'", "units: '84 logements'", "units: '1000000'", "units: 0000000084",
    "buildings: [A, A]", "buildings: [A, B]",
    "buildings: [A]\nnotices: [{title: T, from: 2026-12-01, until: 2026-12-31, level: info, body: b, buildings: [A, A]}]",
])
def test_the_schema_underlines_a_whole_residence_exactly_when_validate_refuses_it(extra: str, make_project) -> None:  # type: ignore[no-untyped-def]
    """What ``validate`` accepts, the editor does not underline, and the other way: a building « 3.5 » or a day
    « Mon » or « units: "84" » was accepted and underlined; a blank name (« "  " »), a name with a space at its end, 1000000
    dwellings, a day typed twice, a collection with neither days nor schedule or an
    e-mail without the end of its domain were left plain in the editor, then refused by ``validate``."""
    from jsonschema import Draft202012Validator, FormatChecker

    text = RESIDENCE + extra + "\n"
    project = make_project(r=text)
    tool_accepts = CliRunner().invoke(main, ["validate", "--project", str(project), "--today", "2026-12-02"]).exit_code == 0
    schema = json.loads((REPO / "schema" / "residence.schema.json").read_text(encoding="utf-8"))
    underlined = [e.message for e in Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(
        _as_an_editor_reads(text))]
    assert tool_accepts == (not underlined), underlined


@pytest.mark.parametrize("typed", ["https://locataires.exemple.fr/connexion", "http://exemple.fr", "HTTPS://exemple.fr/",
                                   "locataires.exemple.fr", "x@exemple.fr", "8:30", "yes", "ftp://exemple.fr/",
                                   "https://exemple.fr/a b", "https://", "mailto:x@exemple.fr"])
def test_the_schema_underlines_a_web_address_exactly_when_validate_refuses_it(typed: str) -> None:
    """« tenant_portal: locataires.exemple.fr » (no https://) or « website: x@exemple.fr » was left plain in the
    editor (a bare ``format: uri``, which many checkers do not look at), then refused by ``validate``."""
    from generator.contract.values import parse_url

    schema = json.loads((REPO / "schema" / "site_config.schema.json").read_text(encoding="utf-8"))
    field = schema["$defs"]["Landlord"]["properties"]["tenant_portal"]["anyOf"][0]
    _editor_and_validate_agree(field, parse_url, typed)


@pytest.mark.parametrize("typed", ["true", "false", "yes", "no", "on", "off", "oui", "non", "Oui", "TRUE", "Non", "vrai",
                                   "1", "0", "y", "~"])
def test_the_schema_underlines_a_setting_on_or_off_exactly_when_validate_refuses_it(typed: str, make_project) -> None:  # type: ignore[no-untyped-def]
    """« holidays: yes » or « holidays: non », which ``validate`` reads as on and off, were underlined in the editor
    (its schema knew true, false, « oui » and « non » only)."""
    from jsonschema import Draft202012Validator

    config = with_sections(SITE_CONFIG, f"holidays: {typed}\n")
    project = make_project(site_config=config)
    tool_accepts = CliRunner().invoke(main, ["validate", "--project", str(project), "--today", "2026-12-02"]).exit_code == 0
    schema = json.loads((REPO / "schema" / "site_config.schema.json").read_text(encoding="utf-8"))
    underlined = [e.message for e in Draft202012Validator(schema).iter_errors(_as_an_editor_reads(config))]
    assert tool_accepts == (not underlined), underlined


@pytest.mark.parametrize("typed", ["01 48 20 11 22", "0148201122", "01.48.20.11.22", "+33 1 48 20 11 22", "+33 (0)1 48 20 11 22",
                                   "01 48 20 11 22 poste 12", "01 48 20 11 22 ext. 12", "01 48 20 11 22 p. 12", "15", "3631",
                                   "8:30", "yes", "Tél. 01 48 20 11 22", "01 48 20 11 22 / 06 12 34 56 78", "appeler la loge",
                                   "01 48 20 11 22 (loge)", "'0148201122 '", "0148201122;ext=9"])
def test_the_schema_underlines_a_phone_typed_with_other_characters_as_validate_refuses_it(typed: str,
                                                                                          make_project) -> None:  # type: ignore[no-untyped-def]
    """« phone: 8:30 », « phone: appeler la loge » or two numbers in one field were left plain in the editor (any
    text was a phone there), then refused by ``validate``: digits, separators, a + and an extension only."""
    from jsonschema import Draft202012Validator

    text = RESIDENCE + f"caretaker: {{name: K, mode: resident, phone: {typed}}}\n"
    project = make_project(r=text)
    tool_accepts = CliRunner().invoke(main, ["validate", "--project", str(project), "--today", "2026-12-02"]).exit_code == 0
    schema = json.loads((REPO / "schema" / "residence.schema.json").read_text(encoding="utf-8"))
    underlined = [e.message for e in Draft202012Validator(schema).iter_errors(_as_an_editor_reads(text))]
    assert tool_accepts == (not underlined), underlined


@pytest.mark.parametrize("typed", ["93200", "01000", "09999", "98000", "12", "999", "123456", "99000", "00100", "00000"])
def test_the_schema_underlines_a_postcode_typed_as_a_number_as_validate_refuses_it(typed: str,
                                                                                 make_project) -> None:  # type: ignore[no-untyped-def]
    """An editor reads « postcode: 12 » or « postcode: 123456 » as a number: any number was left plain, then
    refused by ``validate``. (« 01000 » is the number 1000 there, like « 1000 »: those two cannot be told apart.)"""
    from jsonschema import Draft202012Validator

    text = RESIDENCE.replace("postcode: 01000", f"postcode: {typed}")
    project = make_project(r=text)
    tool_accepts = CliRunner().invoke(main, ["validate", "--project", str(project), "--today", "2026-12-02"]).exit_code == 0
    schema = json.loads((REPO / "schema" / "residence.schema.json").read_text(encoding="utf-8"))
    underlined = [e.message for e in Draft202012Validator(schema).iter_errors(_as_an_editor_reads(text))]
    assert tool_accepts == (not underlined), underlined
