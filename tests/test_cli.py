"""Every command through Click's CliRunner, as staff and CI run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.contract.project import load_project

from conftest import RESIDENCE

REPO = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_every_command_has_help() -> None:
    for command in main.commands.values():
        assert command.help, command.name
        code, output = run(command.name, "--help")
        assert code == 0 and "Utilisation :" in output


def test_validate_ok_and_errors_with_file_and_line(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    assert run("validate", "--project", str(root)) == (0, (
        "residences/test.yml:1: à vérifier : aucun contrat d'entretien : pas de page « Qui appeler en cas de panne ? »\n"
        "    → ajoutez « maintenance: » avec, pour chaque panne, l'entreprise et son téléphone\n"
        "OK : 1 résidence(s) valide(s). 1 point(s) à vérifier dans 1 fichier(s), sans bloquer la publication.\n"))
    (root / "residences" / "test.yml").write_text("name: X\naddress: {street: s, postcode: 93200, city: c}\n"
                                                   "agency: nord\nunits: many\n")
    code, output = run("validate", "--project", str(root))
    assert code == 1
    assert "residences/test.yml:4: units: « many » n'est pas un nombre entier" in output
    assert "1 erreur dans 1 fichier(s)" in output
    assert "Traceback" not in output


def test_validate_without_project_names_the_missing_file(tmp_path: Path) -> None:
    code, output = run("validate", "--project", str(tmp_path))
    assert code == 1 and "site_config.yml:1: fichier introuvable" in output


def test_build_writes_the_site_and_honours_today(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test="""\
        name: T
        address: {street: s, postcode: '93200', city: c}
        agency: nord
        notices:
          - {title: Coupure d'eau, from: 2026-12-03, until: 2026-12-03}
        """)
    out = tmp_path / "out"
    code, output = run("build", "--project", str(root), "--out", str(out), "--today", "2026-12-03")
    assert code == 0, output
    assert "Coupure d&#39;eau" in (out / "test" / "index.html").read_text()
    run("build", "--project", str(root), "--out", str(out), "--today", "2026-12-04")
    assert "Coupure" not in (out / "test" / "index.html").read_text()


def test_build_says_how_many_residences_it_rebuilt(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project(a=RESIDENCE, b=RESIDENCE)
    out = tmp_path / "out"
    build = ("build", "--project", str(root), "--out", str(out), "--today", "2026-12-03")
    assert run(*build)[1].endswith(f"Site construit : 2 résidence(s) dans {out}\n")
    (root / "residences" / "b.yml").write_text(RESIDENCE.replace("Test", "Bis"), encoding="utf-8")
    assert run(*build)[1].endswith("(1 reconstruite(s), 1 inchangée(s))\n")


def test_a_command_leaves_the_cycle_collector_as_it_found_it(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """During a build the collector runs less often and leaves the residences read alone (frozen); a process
    calling the command (tests, a caller's script) gets its collector back as it was, nothing frozen."""
    import gc

    before = gc.get_threshold()
    for args in (["build", "--project", str(make_project()), "--out", str(tmp_path / "site")],
                 ["build", "--project", str(tmp_path / "nowhere")]):  # a failed command too
        CliRunner().invoke(main, args)
        assert gc.get_threshold() == before and gc.get_freeze_count() == 0 and gc.isenabled()


def test_build_defaults_today_to_source_date_epoch(make_project, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test="""\
        name: T
        address: {street: s, postcode: '93200', city: c}
        agency: nord
        notices:
          - {title: Coupure, from: 2026-12-03, until: 2026-12-03}
        """)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796299200")  # 2026-12-03 12:00 UTC
    assert run("build", "--project", str(root), "--out", str(tmp_path / "o"))[0] == 0
    assert "Coupure" in (tmp_path / "o" / "test" / "index.html").read_text()


def test_build_rejects_a_bad_date() -> None:
    code, output = run("build", "--today", "03/12/2026")
    assert code == 2 and "AAAA-MM-JJ" in output


def test_build_refuses_bad_data_and_keeps_the_old_site(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    out = tmp_path / "out"
    assert run("build", "--project", str(root), "--out", str(out))[0] == 0
    before = (out / "test" / "index.html").read_bytes()
    (root / "residences" / "test.yml").write_text("name: X\n")
    code, output = run("build", "--project", str(root), "--out", str(out))
    assert code == 1 and "residences/test.yml:1: « address » manquant" in output
    assert (out / "test" / "index.html").read_bytes() == before


def test_new_writes_a_starter_that_validates(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    code, output = run("new", "les-lilas", "--project", str(root))
    assert code == 0, output
    text = (root / "residences" / "les-lilas.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/residence.schema.json")
    assert "agency: nord" in text
    assert [r.slug for r in load_project(root).residences] == ["les-lilas", "test"]
    assert run("new", "les-lilas", "--project", str(root))[0] == 1
    code, output = run("new", "Les Lilas", "--project", str(root))
    # It publishes nothing, ever: what staff need to know is that no file was written.
    assert code == 1 and output.endswith("1 erreur dans 1 fichier(s) : aucun fichier n'a été écrit.\n")
    code, output = run("import", "--template", str(root / "site_config.yml"), "--project", str(root))
    assert code == 1 and output.endswith("1 erreur dans 1 fichier(s) : aucun fichier n'a été écrit.\n")


def test_new_and_the_template_refused_by_the_system_or_given_both_say_what_to_do(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A template asked into a folder that does not exist, or `new` in a project whose residences/ is a
    file, ended « rien n'a été publié » (the system's refusal went round NothingWritten); FILE and
    --template together were told « indiquez le tableur à importer (FICHIER), ou --template », as if
    neither had been given."""
    root = make_project()
    code, output = run("import", "--template", str(tmp_path / "nulle-part" / "modele.xlsx"))
    assert code == 1 and "modele.xlsx:1: fichier ou dossier introuvable" in output
    assert output.endswith("1 erreur dans 1 fichier(s) : aucun fichier n'a été écrit.\n")
    (root / "residences" / "test.yml").unlink()
    (root / "residences").rmdir()
    (root / "residences").write_text("", encoding="utf-8")
    code, output = run("new", "les-lilas", "--project", str(root))
    assert code == 1 and output.endswith("1 erreur dans 1 fichier(s) : aucun fichier n'a été écrit.\n"), output
    code, output = run("import", "r.xlsx", "--template", "modele.xlsx")
    assert code == 2 and "Erreur : FICHIER ou --template, pas les deux : --template écrit le modèle vide, " \
                         "FICHIER importe un tableur rempli" in output
    assert not (Path.cwd() / "modele.xlsx").exists()


def test_the_starters_examples_left_in_are_told_at_their_lines_without_blocking(make_project) -> None:  # type: ignore[no-untyped-def]
    """The starter validates as written, so a file published as it was created showed tenants a caretaker
    « Prénom Nom » at « 01 23 45 67 89 » (a number someone else may answer) and a repairer « Nom de
    l'entreprise », with no word from validate. Each example left is a warning at its line;
    replaced, it is not."""
    root = make_project()
    assert run("new", "les-lilas", "--project", str(root))[0] == 0
    code, output = run("validate", "--project", str(root))
    assert code == 0, output
    told = [line.split("residences/les-lilas.yml:", 1)[1] for line in output.splitlines()
            if "les-lilas.yml:" in line and "exemple du modèle" in line]
    assert told == [
        "5: à vérifier : address.city : « Ville », exemple du modèle de « residence-hub new »",
        "5: à vérifier : address.street : « 1 rue de l'Exemple », exemple du modèle de « residence-hub new »",
        "10: à vérifier : caretaker.name : « Prénom Nom », exemple du modèle de « residence-hub new »",
        "12: à vérifier : caretaker.phone : « 01 23 45 67 89 », exemple du modèle de « residence-hub new »",
        "20: à vérifier : maintenance[1].company : « Nom de l'entreprise », exemple du modèle de "
        "« residence-hub new »"]
    assert "→ remplacez-le par la vraie valeur, ou supprimez la ligne ou la section" in output
    path = root / "residences" / "les-lilas.yml"
    text = path.read_text(encoding="utf-8").replace("Prénom Nom", "Nadia Ouali").replace("01 23 45 67 89",
                                                                                           "01 48 20 11 22")
    text = text.replace("city: Ville", "city: Saint-Denis")
    path.write_text(text.replace("1 rue de l'Exemple", "4 rue des Lilas").replace("Nom de l'entreprise", "Dalkia"),
                    encoding="utf-8")
    assert "exemple du modèle" not in run("validate", "--project", str(root))[1]


def test_schema_command_prints_the_committed_schemas() -> None:
    for kind, file in (("residence", "residence.schema.json"), ("site_config", "site_config.schema.json")):
        code, output = run("schema", kind)
        assert code == 0
        assert json.loads(output) == json.loads((REPO / "schema" / file).read_text()), (
            f"schema/{file} is stale: run `residence-hub schema {kind} > schema/{file}`")


def test_every_command_of_a_project_takes_project_schema_included(tmp_path: Path) -> None:
    """The contract: « every command takes --project DIR ». ``schema`` refused it as an unknown option
    (exit 2), so a script giving every command its project stopped there. The contract is the same for every
    project: ``schema --project DIR`` prints what ``schema`` prints. ``diff`` alone is given two projects."""
    for command in main.commands.values():
        if command.name != "diff":
            assert "--project" in [opt for param in command.params for opt in param.opts], command.name
    for kind in ("residence", "site_config"):
        assert run("schema", "--project", str(tmp_path), kind) == run("schema", kind)
    assert run("schema", "--project", str(tmp_path)) == run("schema")


def test_the_installed_command_keeps_exit_codes_and_output(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """``residence-hub`` (``command.run``) leaves without Python's teardown: its output must still be whole and
    its exit code the command's, for success, bad data, a usage error and the version."""
    import subprocess
    import sys

    command = str(Path(sys.executable).with_name("residence-hub"))

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([command, *args], capture_output=True, text=True, timeout=120)

    root = make_project()
    built = call("build", "--project", str(root), "--out", str(tmp_path / "site"), "--today", "2026-12-03")
    assert built.returncode == 0 and built.stdout.endswith("Site construit : 1 résidence(s) dans "
                                                           f"{tmp_path / 'site'}\n"), built
    assert (tmp_path / "site" / "test" / "index.html").is_file()
    (root / "residences" / "test.yml").write_text("name: X\nunits: many\n")
    refused = call("validate", "--project", str(root))
    assert refused.returncode == 1, refused
    assert refused.stderr.endswith("3 erreurs dans 1 fichier(s) : rien n'a été publié.\n"), refused
    assert call("build", "--today", "hier").returncode == 2
    version = call("--version")
    assert version.returncode == 0 and version.stdout.startswith("residence-hub, version ")


WINDOWS = """
import os, signal, sys
sys.modules["fcntl"] = None  # what Windows' Python lacks, taken away from this one
for module, names in ((os, ("getuid", "sched_getaffinity", "fork")), (signal, ("SIGHUP", "pthread_sigmask"))):
    for name in names:
        if hasattr(module, name):
            delattr(module, name)
sys.argv = ["residence-hub", *sys.argv[1:]]
from generator.command import run
run()
"""


def test_validate_and_diff_run_without_what_windows_lacks(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Staff run ``validate``, ``diff`` and the pre-commit hook on Windows (CONTRIBUTING.md), whose Python has no
    fcntl, os.getuid, SIGHUP nor pthread_sigmask: every command imported the output folder's lock (fcntl) and
    stopped at its import; the user cache asked os.getuid. No Windows here: this Python without them. ``build``
    says in French that it needs Linux or macOS."""
    import subprocess
    import sys

    root = make_project()

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", WINDOWS, *args], capture_output=True, text=True, timeout=120,
                              cwd=root)

    validated = call("validate")
    assert validated.returncode == 0 and "OK : 1 résidence(s) valide(s)." in validated.stdout, validated
    compared = call("diff", str(root), str(root))
    assert compared.returncode == 0 and "Aucun changement visible" in compared.stdout, compared
    built = call("build", "--out", str(tmp_path / "site"))
    assert built.returncode == 1, built
    assert built.stderr.startswith(f"Erreur : {tmp_path / 'site'}:1: construire le site demande Linux ou macOS\n")


INTERRUPTED_LOADING = """
import importlib.abc, os, signal, sys
MODULE, SIGNAL = sys.argv[1], getattr(signal, sys.argv[2])
class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == MODULE:  # Ctrl-C (or another signal) while the generator's libraries are loaded
            os.kill(os.getpid(), SIGNAL)
        return None
sys.meta_path.insert(0, Interrupt())
sys.argv = ["residence-hub", *sys.argv[3:]]
from generator.command import run
run()
"""


@pytest.mark.parametrize("module", ["generator.cli", "mkdocs", "pydantic"])
@pytest.mark.parametrize("name", ["INT", "TERM"])
def test_an_interruption_while_the_command_starts_says_interrompu_without_a_traceback(
        make_project, module: str, name: str) -> None:  # type: ignore[no-untyped-def]
    """The first ~0.4 s of every command load its libraries: a Ctrl-C or SIGTERM then printed a Python
    traceback of the import (KeyboardInterrupt) instead of « Interrompu. », as it says once loaded."""
    import signal
    import subprocess
    import sys

    root = make_project()
    done = subprocess.run([sys.executable, "-c", INTERRUPTED_LOADING, module, f"SIG{name}", "validate", "--project",
                           str(root)], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (128 + getattr(signal, f"SIG{name}"), "", "Interrompu.\n")


PLUGINS = """
import atexit, sys
def told():
    from pydantic.plugin import _loader
    print("looked for pydantic plugins:", _loader._plugins is not None, file=sys.stderr)
atexit.register(told)
sys.argv = ["residence-hub", *sys.argv[1:]]
from generator.command import run
run()
"""


def test_the_installed_command_does_not_look_for_pydantic_plugins(make_project) -> None:  # type: ignore[no-untyped-def]
    """Looking for them read every installed package's entry points when the first model was built (a
    residence validated); the command tells pydantic not to (``command.NO_PYDANTIC_PLUGINS``)."""
    import os
    import subprocess
    import sys

    root = make_project()
    env = {name: value for name, value in os.environ.items() if name != "PYDANTIC_DISABLE_PLUGINS"}
    done = subprocess.run([sys.executable, "-c", PLUGINS, "validate", "--project", str(root)], capture_output=True,
                          text=True, timeout=120, env={**env, "RESIDENCE_HUB_CACHE": "off"})
    assert done.returncode == 0 and done.stderr.endswith("looked for pydantic plugins: False\n"), done
