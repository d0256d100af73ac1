"""The command line under odd input: a clear French message and a non-zero exit code, never a traceback."""

from __future__ import annotations

import ast
import json
import importlib
import os
import re
import shutil
import socket
import string
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SITE_CONFIG

from generator import cli, errors
from generator.cli import main


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), env=env)


@pytest.mark.parametrize(("today", "message"), [
    ("2200-01-01", "date 2200-01-01 hors de la période prise en charge (2000-01-01 à 2099-12-31)"),
    ("9999-12-31", "date 9999-12-31 hors de la période prise en charge (2000-01-01 à 2099-12-31)"),
    ("03/12/2026", "date « 03/12/2026 » non reconnue : écrivez-la AAAA-MM-JJ, par exemple 2026-12-03"),
    ("20261203", "date « 20261203 » non reconnue : écrivez-la AAAA-MM-JJ, par exemple 2026-12-03"),
    # Written AAAA-MM-JJ, but no day of the calendar: « écrivez-la AAAA-MM-JJ » was no help.
    ("2026-02-29", "date « 2026-02-29 » non reconnue : il n'y a pas de 29 février 2026 (2026 n'est pas bissextile)"),
    ("2026-04-31", "date « 2026-04-31 » non reconnue : il n'y a pas de 31 avril 2026"),
    ("2026-31-12", "date « 2026-31-12 » non reconnue : il n'y a pas de mois 31 : écrivez l'année, le mois puis le "
                   "jour (AAAA-MM-JJ)"),
])
def test_today_out_of_range_or_misspelt(make_project, tmp_path: Path, today: str, message: str) -> None:  # type: ignore[no-untyped-def]
    for command in ("build", "posters"):
        result = invoke(command, "--project", str(make_project()), "--out", str(tmp_path / "o"), "--today", today)
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
        assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(("epoch", "message"), [
    ("demain", "« demain » n'est pas un nombre de secondes depuis 1970"),
    ("253402300800", "253402300800 tombe après le 2099-12-31"),
    ("-86400", "« -86400 » n'est pas un nombre de secondes depuis 1970"),
])
def test_source_date_epoch_is_checked(make_project, tmp_path: Path, epoch: str, message: str) -> None:  # type: ignore[no-untyped-def]
    result = invoke("build", "--project", str(make_project()), "--out", str(tmp_path / "o"),
                    env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH" in result.output and message in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_new_applies_the_slug_rule_and_reserved_names(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    for slug, reason in (("abc\n", "nom « abcU+000A » impossible à utiliser dans une adresse web"),
                         ("assets", "nom « assets » réservé par le site"),
                         ("a" * 51, "nom « " + "a" * 51 + " » trop long (51 caractères, maximum 50)")):
        result = invoke("new", "--project", str(root), "--agency", "nord", slug)
        assert result.exit_code == 1 and f"<ligne de commande>:1: {reason}" in result.output
    assert sorted(p.name for p in (root / "residences").iterdir()) == ["test.yml"]


def test_a_bug_is_one_french_line_with_a_request_to_report_it(make_project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(_root: Path) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "load_project", broken)
    result = invoke("build", "--project", str(make_project()))
    assert result.exit_code == cli.BUG_EXIT_CODE == 2
    assert result.output == ("Erreur interne de residence-hub (ZeroDivisionError) : c'est un bogue du programme, pas "
                             "une erreur dans vos fichiers ; merci de le signaler aux responsables du projet (une "
                             "issue GitHub) avec la commande lancée et ce message.\n")
    debug = invoke("build", "--project", str(make_project()), env={cli.DEBUG_VARIABLE: "1"})
    assert isinstance(debug.exception, ZeroDivisionError)  # developers get the traceback on request


def test_user_errors_are_still_told_as_before(tmp_path: Path) -> None:
    result = invoke("validate", "--project", str(tmp_path))
    assert result.exit_code == 1 and "site_config.yml:1: fichier introuvable" in result.output


def test_serve_on_a_busy_port_names_it_and_suggests_another(make_project) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = invoke("serve", "--project", str(make_project()), "--port", str(port), "--today", "2026-12-02")
    assert result.exit_code == 1
    assert f"<ligne de commande>:1: le port {port} est déjà utilisé par un autre programme" in result.output
    assert f"choisissez un autre port, par exemple --port {port + 1}" in result.output


def test_serve_refuses_a_port_out_of_range() -> None:
    result = invoke("serve", "--port", "70000")
    assert result.exit_code == 2 and "70000" in result.output and "Traceback" not in result.output


def test_new_never_writes_through_a_link_nor_injects_yaml(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    (root / "residences" / "piege.yml").symlink_to(tmp_path / "hors-du-projet.yml")  # dangling: exists() is False
    result = invoke("new", "--project", str(root), "--agency", "nord", "piege")
    assert result.exit_code == 1 and "residences/piege.yml:1: ce fichier existe déjà" in result.output
    assert not (tmp_path / "hors-du-projet.yml").exists()
    result = invoke("new", "--project", str(root), "--agency", "nord\nname: autre", "autre")
    assert result.exit_code == 1
    assert "<ligne de commande>:1: agence « nordU+000Aname: autre » : ce n'est pas une clé" in result.output
    assert not (root / "residences" / "autre.yml").exists()


def test_new_refuses_an_agency_site_config_does_not_declare(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    result = invoke("new", "--project", str(root), "--agency", "nrod", "les-lilas")
    assert result.exit_code == 1 and result.output == (
        "Erreur : <ligne de commande>:1: agence « nrod » inconnue\n"
        "    → vouliez-vous dire « nord » ? agences déclarées dans site_config.yml : nord, sud\n"
        "1 erreur dans 1 fichier(s) : aucun fichier n'a été écrit.\n")
    assert not (root / "residences" / "les-lilas.yml").exists()
    (root / "residences" / "test.yml").write_text("name: [\n")  # another residence's mistake does not matter
    assert invoke("new", "--project", str(root), "--agency", "sud", "les-lilas").exit_code == 0
    assert "agency: sud " in (root / "residences" / "les-lilas.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("agency", "written"), [("évry", "évry"), ("nord sud", "nord sud"), ("a: b", '"a: b"'),
                                               ("#nord", '"#nord"'), ("null", '"null"'), ("yes", "yes")])
def test_new_writes_a_starter_for_every_agency_site_config_declares(make_project, agency: str, written: str) -> None:  # type: ignore[no-untyped-def]
    """An agency key with an accent or a space (« évry »), which validate and build accept, was refused by
    ``new``, « agence « évry » : ce n'est pas une clé », its hint listing that very key; even without
    --agency, when it was the first. Any declared key is written, quoted when YAML needs it (« null » unquoted
    would be no agency at all)."""
    key = json.dumps(agency, ensure_ascii=False)
    root = make_project(site_config=SITE_CONFIG.replace("  nord: {name: Agence Nord,", f"  {key}: {{name: Agence Nord,"),
                        test="name: Test\naddress: {street: 1 rue X, postcode: 93200, city: Saint-Denis}\nagency: sud\n")
    for extra in ([], ["--agency", agency]):
        result = invoke("new", "--project", str(root), *extra, f"les-lilas{len(extra)}")
        assert result.exit_code == 0, result.output
    for name in ("les-lilas0", "les-lilas2"):
        assert f"agency: {written} " in (root / "residences" / f"{name}.yml").read_text(encoding="utf-8")
    result = invoke("validate", "--project", str(root), "--format", "json")
    assert json.loads(result.output)["problems"] == [], result.output


def test_new_without_a_readable_site_config_says_no_file_was_written(make_project) -> None:  # type: ignore[no-untyped-def]
    """``new`` in a folder without ``site_config.yml``, or with a broken one, ended « rien n'a été publié »,
    the words of ``build``, where every other refusal of ``new`` says that no file was written."""
    root = make_project()
    (root / "site_config.yml").write_text("landlord: [\n", encoding="utf-8")
    result = invoke("new", "--project", str(root), "les-lilas")
    assert result.exit_code == 1
    assert result.output.startswith("Erreur : site_config.yml:")
    assert result.output.endswith("1 erreur dans 1 fichier(s) : aucun fichier n'a été écrit.\n")
    (root / "site_config.yml").unlink()
    result = invoke("new", "--project", str(root), "les-lilas")
    assert result.exit_code == 1 and result.output == (
        "Erreur : site_config.yml:1: fichier introuvable\n"
        "    → lancez la commande dans le dossier qui contient site_config.yml, ou indiquez ce dossier avec --project\n"
        "1 erreur dans 1 fichier(s) : aucun fichier n'a été écrit.\n")
    assert not (root / "residences" / "les-lilas.yml").exists()


@pytest.mark.parametrize("typed, written", [("Les Lilas", "les-lilas"), ("résidence-été", "residence-ete"),
                                            ("les-lilas.yml", "les-lilas"), ("Rés. L'Été  2", "res-l-ete-2"),
                                            ("ÉÉÉ…", "eee"), ("…", "les-tilleuls"), ("Assets!", "residence-assets"),
                                            ("Cœur de Ville", "coeur-de-ville")])
def test_a_name_refused_for_an_address_is_shown_as_it_would_be_written(make_project, typed: str,  # type: ignore[no-untyped-def]
                                                                       written: str) -> None:
    """« new "Les Lilas" » was told « par exemple les-tilleuls » whatever the name typed; the example is now
    the name typed, written by the rule (or les-tilleuls when nothing valid is left of it). Found by running
    new with names as staff type them."""
    result = invoke("new", "--project", str(make_project()), "--agency", "nord", typed)
    assert result.exit_code == 1 and result.output == (
        f"Erreur : <ligne de commande>:1: nom « {typed} » impossible à utiliser dans une adresse web\n"
        f"    → renommez-le en minuscules sans accents, chiffres et tirets, par exemple {written}\n"
        "1 erreur dans 1 fichier(s) : aucun fichier n'a été écrit.\n")


def test_new_tells_a_wrong_name_and_a_wrong_agency_together_with_the_agencies_declared(make_project) -> None:  # type: ignore[no-untyped-def]
    """The agency's mistake came only once the name was fixed, and a value that is no key was told « par exemple
    --agency nord » whatever the agencies of site_config.yml."""
    root = make_project(site_config=SITE_CONFIG.replace("nord:", "est:"))
    result = invoke("new", "--project", str(root), "--agency", "Agence Nord", "Les Lilas")
    assert result.exit_code == 1 and result.output == (
        "Erreur : <ligne de commande>:1: agence « Agence Nord » : ce n'est pas une clé\n"
        "    → « Agence Nord » est le nom de l'agence ; sa clé s'écrit « est » ; agences déclarées dans "
        "site_config.yml : est, sud\n"
        "<ligne de commande>:1: nom « Les Lilas » impossible à utiliser dans une adresse web\n"
        "    → renommez-le en minuscules sans accents, chiffres et tirets, par exemple les-lilas\n"
        "2 erreurs dans 1 fichier(s) : aucun fichier n'a été écrit.\n")
    assert sorted(p.name for p in (root / "residences").iterdir()) == ["test.yml"]


@pytest.mark.parametrize("args", [("posters", "--out", ""), ("build", "--out", ""), ("import", ""),
                                  ("import", "--template", ""), ("validate", "--project", ""), ("merge", ""),
                                  ("diff", "", "."), ("new", "--project", "", "les-lilas")])
def test_an_empty_path_is_refused_never_the_current_folder(make_project, tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
                                                            args: tuple[str, ...]) -> None:
    """« --out "$DOSSIER" » with the variable unset was the current folder: posters wrote a folder per
    residence where the command ran; « import "" » was told « fichier « . » introuvable » at « :1 »."""
    root = make_project()
    here = tmp_path / "ici"
    here.mkdir()
    monkeypatch.chdir(here)
    project = [] if "--project" in args or args[0] == "diff" else ["--project", str(root)]
    result = invoke(args[0], *project, *args[1:])
    assert result.exit_code == 2 and "chemin vide : indiquez un fichier ou un dossier" in result.output, result.output
    assert list(here.iterdir()) == []


@pytest.mark.parametrize(("command", "out"), [("build", "residences/site"), ("build", "residences/x.yml"),
                                            ("build", "residences"), ("merge", "residences/site"),
                                            ("posters", "residences/affiches.yml")])
def test_an_output_folder_among_the_residence_files_is_refused(make_project, tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
                                                               command: str, out: str) -> None:
    """« build --out residences/x.yml » built the site there; the next validate then refused the whole project
    (« residences/x.yml:1: c'est un dossier, pas un fichier »), and any other name put the site's files among
    those staff edit and commit. Refused before anything is written."""
    root = make_project()
    monkeypatch.chdir(root)
    lots = [str(tmp_path / "lot")] if command == "merge" else []
    (tmp_path / "lot").mkdir()
    result = invoke(command, "--out", out, "--today", "2026-12-02", *lots)
    assert result.exit_code == 1, result.output
    assert result.output.endswith(
        f"Erreur : {root.resolve() / out}:1: le dossier de sortie est dans residences/, parmi les fiches des "
        "résidences\n"
        "    → choisissez un dossier hors de residences/ avec --out (par défaut : site/ pour le site, affiches/ "
        "pour les affiches)\n"
        "1 erreur dans 1 fichier(s) : rien n'a été publié.\n")
    assert sorted(p.name for p in (root / "residences").iterdir()) == ["test.yml"]


@pytest.mark.parametrize("command", ["build", "posters", "merge"])
@pytest.mark.parametrize("out", ["boucle", "boucle/affiches"])
def test_an_output_folder_behind_a_loop_of_links_is_told_in_french(make_project, tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
                                                                   command: str, out: str) -> None:
    """« --out » naming a symbolic link that leads back to itself (or a folder under one) stopped build and
    posters with « Erreur interne de residence-hub (RuntimeError) », a bug to report: Python's ``resolve`` raises
    RuntimeError for a loop. It is the user's link, told at its path with the system's words for it."""
    root = make_project()
    monkeypatch.chdir(root)
    (root / "boucle").symlink_to("boucle")
    lots = [str(tmp_path / "lot")] if command == "merge" else []
    (tmp_path / "lot").mkdir()
    result = invoke(command, "--out", out, "--today", "2026-12-02", *lots)
    assert result.exit_code == 1, result.output
    assert "Erreur interne" not in result.output and "Traceback" not in result.output
    assert ":1: trop de liens symboliques à suivre\n" in result.output, result.output
    assert "l'un renvoie peut-être à lui-même" in result.output


def test_an_unwritable_step_summary_is_a_french_error(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("validate", "--project", str(make_project()), "--format", "github",
                    env={"GITHUB_STEP_SUMMARY": str(tmp_path / "absent" / "summary.md")})
    assert result.exit_code == 1
    assert "GITHUB_STEP_SUMMARY:1: impossible d'écrire le résumé dans" in result.output


@pytest.mark.parametrize(("summary", "reason"), [("absent/summary.md", "fichier ou dossier introuvable"),
                                                ("/dev/full", "le disque est plein"),
                                                (".", "un dossier porte le nom d'un fichier attendu")])
def test_why_the_step_summary_could_not_be_written_is_said_in_french(make_project, tmp_path: Path, summary: str,  # type: ignore[no-untyped-def]
                                                                     reason: str) -> None:
    """« impossible d'écrire le résumé dans « … » (No space left on device) »: the system's reason was
    quoted in Python's English words inside the French message. Said in French, as every refusal of the
    system is."""
    path = summary if summary.startswith("/") else str(tmp_path / summary)
    result = invoke("validate", "--project", str(make_project()), "--format", "github",
                    env={"GITHUB_STEP_SUMMARY": path})
    assert f"GITHUB_STEP_SUMMARY:1: impossible d'écrire le résumé dans « {path} » ({reason})\n" in result.output


def test_an_unwritable_step_summary_still_annotates_every_error(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The summary's error replaced the report: the step showed no ``::error`` at all, not one line of the
    files' mistakes."""
    root = make_project(**{"les-tilleuls": "name: X\n"})
    result = invoke("validate", "--project", str(root), "--format", "github",
                    env={"GITHUB_STEP_SUMMARY": str(tmp_path / "absent" / "summary.md")})
    assert result.exit_code == 1
    assert "::error file=" in result.output and "residences/les-tilleuls.yml,line=1," in result.output
    assert "GITHUB_STEP_SUMMARY:1: impossible d'écrire le résumé dans" in result.output


def test_a_file_or_folder_the_system_refuses_is_a_french_error_naming_it(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    (tmp_path / "fichier").write_text("x")
    cases = [
        (("posters", "--project", str(root), "--out", str(tmp_path / "fichier" / "affiches")),
         f"{tmp_path}/fichier/affiches:1: un fichier porte le nom d'un dossier attendu"),
        (("import", "--template", str(tmp_path / "absent" / "modele.xlsx")),
         f"{tmp_path}/absent/modele.xlsx:1: fichier ou dossier introuvable"),
        (("build", "--project", str(root), "--out", "/proc/site"), "/proc/site:1: fichier ou dossier introuvable"),
        (("build", "--project", str(root), "--out", "/"),
         "/:1: la racine du disque ne peut pas être le dossier du site"),
        (("merge", "--project", str(root), str(tmp_path), "--out", "/"),
         "/:1: la racine du disque ne peut pas être le dossier du site"),
    ]
    for args, message in cases:
        result = invoke(*args)
        assert result.exit_code == 1 and message in result.output, (args, result.output)
        assert "Erreur interne" not in result.output and "(No such file" not in result.output
    shutil.rmtree(root / "residences")
    (root / "residences").write_text("")  # a file where the folder of residences should be
    result = invoke("new", "--project", str(root), "--agency", "nord", "les-lilas")
    assert result.exit_code == 1
    assert f"{root}/residences:1: un fichier porte déjà le nom d'un dossier à créer" in result.output


ENGLISH = re.compile(r"\b(Error|Usage|Try|Invalid|Missing|No such|Did you mean|is not|does not|Got unexpected|"
                     r"requires|Show this|Commands|default:)\b")


@pytest.mark.parametrize(("args", "french"), [
    (("validate", "--formt", "github"), "Erreur : Option '--formt' inconnue. Vouliez-vous dire '--format' ?"),
    (("validate", "--format", "xml"), "Erreur : Valeur invalide pour '--format' : 'xml' n'est pas l'une des "
                                      "valeurs possibles : 'text', 'github', 'json'."),
    (("build", "--jobs", "0"), "Erreur : Valeur invalide pour '--jobs' : 0 n'est pas dans l'intervalle x>=1."),
    (("build", "--jobs", "deux"), "Erreur : Valeur invalide pour '--jobs' : 'deux' n'est pas un nombre valide."),
    (("serve", "--port", "70000"), "Erreur : Valeur invalide pour '--port' : 70000 n'est pas dans l'intervalle"),
    (("diff", "."), "Erreur : Argument manquant 'HEAD'."),
    (("diff", ".", "absent"), "Erreur : Valeur invalide pour 'HEAD' : Dossier 'absent' introuvable."),
    (("validate", "--project", "pyproject.toml"), "Erreur : Valeur invalide pour '--project' : Dossier "
                                                  "'pyproject.toml' : c'est un fichier."),
    (("import", "--template", "docs"), "Erreur : Valeur invalide pour '--template' : Fichier 'docs' : c'est un "
                                       "dossier."),
    (("new", "--agency"), "Erreur : L'option '--agency' demande une valeur."),
    (("validate", "en-trop"), "Erreur : Argument en trop (en-trop)"),
    (("merge",), "Erreur : Argument manquant 'SHARD_DIRS...'."),
    (("construire",), "Erreur : Commande 'construire' inconnue."),
    (("schema", "residences"), "Erreur : Valeur invalide pour '[residence|residence-data|site_config]' : "
                               "'residences' n'est pas l'une des valeurs possibles"),
    (("validate", "--format", "\x1b[2J"), "Valeur invalide pour '--format' : '\\x1b[2J'"),
])
def test_a_mistake_on_the_command_line_is_told_in_french(args: tuple[str, ...], french: str) -> None:
    """Click's own messages (an unknown option, a value out of range, a missing argument) and the « Error: »
    before each of ours were English; the usage and the help's words too."""
    result = CliRunner().invoke(main, list(args), terminal_width=200)
    assert result.exit_code == 2 and french in result.output, result.output
    assert result.output.startswith(("Utilisation : ", "Erreur : ")) and "\x1b" not in result.output
    assert not ENGLISH.search(result.output), result.output
    assert invoke("validate", "--project", "absent").output.startswith("Erreur : ")  # our own errors too


@pytest.mark.parametrize("name", sorted(main.commands))
def test_the_help_of_every_command_is_french(name: str) -> None:
    shown = CliRunner().invoke(main, [name, "--help"], terminal_width=200).output
    assert shown.startswith("Utilisation : ") and "Affiche cette aide et s'arrête." in shown
    assert not ENGLISH.search(shown) and "INTEGER" not in shown, shown
    shown = CliRunner().invoke(main, ["--help"]).output
    assert "Affiche la version et s'arrête." in shown and "COMMANDE [ARGUMENTS]..." in shown and "COMMAND " not in shown


def test_every_click_text_translated_is_one_click_still_writes() -> None:
    """Against an upgrade of Click that rewords a message: its French would silently stop being used."""
    import click

    written: set[tuple[str, ...]] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                written.add(tuple(texts[:2] if node.func.id == "ngettext" else texts[:1]))
    core = (Path(click.__file__).parent / "core.py").read_text(encoding="utf-8")
    if 'extra["required"] = "required"' in core:  # worded as _(extra["required"])
        written.add(("required",))
    assert {(text,) for text in errors.CLICK_FRENCH} <= written
    assert set(errors.CLICK_FRENCH_PLURALS) <= written
    for english, french in [*errors.CLICK_FRENCH.items(), *zip(errors.CLICK_FRENCH_PLURALS,
                                                               errors.CLICK_FRENCH_PLURALS.values())]:
        fields = {f for _, f, _, _ in string.Formatter().parse(str(english)) if f}
        assert {f for _, f, _, _ in string.Formatter().parse(str(french)) if f} <= fields, english
    for name in errors.CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        assert getattr(module, "_", errors.click_french) is errors.click_french, name
        assert getattr(module, "ngettext", errors.click_french_plural) is errors.click_french_plural, name


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "iso-8859-15"])
def test_an_output_in_an_encoding_short_of_unicode_gets_every_message_never_a_bug(make_project, encoding: str) -> None:
    """Output redirected on Windows (cp1252), under a pre-commit hook, or a Latin-1 terminal: « → » (every
    hint) raised UnicodeEncodeError, and a valid project's validate ended « Erreur interne »."""
    root = make_project()
    command = [str(Path(sys.executable).parent / "residence-hub"), "validate", "--project", str(root)]
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    valid = subprocess.run(command, capture_output=True, env=env, timeout=120)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    text = valid.stdout.decode(encoding)
    assert "\\u2192 ajoutez" in text and "OK : 1 r" in text
    (root / "residences" / "test.yml").write_text("name: X\n", encoding="utf-8")
    invalid = subprocess.run(command + ["--format", "github"], capture_output=True, env=env, timeout=120)
    assert invalid.returncode == 1 and b"Erreur interne" not in invalid.stdout + invalid.stderr
    assert invalid.stdout.decode(encoding).startswith("::error file=")


def test_a_project_folder_named_in_bytes_that_are_not_utf8_is_validated_and_built(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A folder copied from an old Windows share or an archive keeps its Latin-1 name (« r\\xe9sidences »):
    the caches' names digested its path as UTF-8, and every command ended « Erreur interne »
    (UnicodeEncodeError), the valid project's validate and build included; JSON then held the lone
    surrogate Python reads such a byte as, which no UTF-8 output can write."""
    root = Path(os.fsdecode(os.fsencode(tmp_path) + b"/r\xe9sidences"))
    make_project().rename(root)
    for fmt in ("text", "github", "json"):
        result = invoke("validate", "--project", str(root), "--format", fmt)
        assert result.exit_code == 0 and "Erreur interne" not in result.output, result.output
    assert json.loads(invoke("validate", "--project", str(root), "--format", "json").output)["residences"] == ["test"]
    built = invoke("build", "--project", str(root), "--out", str(root / "site"))
    assert built.exit_code == 0, built.output
    assert (root / "site" / "test" / "index.html").is_file()
    (root / "residences" / "test.yml").write_text("name: X\n", encoding="utf-8")
    problems = json.loads(invoke("validate", "--project", str(root), "--format", "json").output)["problems"]
    assert problems[0]["file"].endswith("/rU+DCE9sidences/residences/test.yml")  # as the other formats name it


def test_a_path_holding_a_newline_or_a_control_character_is_echoed_on_one_line(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """« Site construit … dans out\\nb » printed the folder's newline raw: the message went on a line of its own,
    which looked like another message (a tab, and any control character, are shown as U+XXXX too). Every
    message naming a path keeps it on its line: the commands' own, a refusal naming a file, import's report."""
    root = make_project()
    folder = tmp_path / "sor\ntie\t\x1b[2J"
    said = "sorU+000AtieU+0009U+001B[2J"
    result = invoke("build", "--project", str(root), "--out", str(folder), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert result.output.endswith(f"\nSite construit : 1 résidence(s) dans {tmp_path}/{said}\n"), result.output
    result = invoke("posters", "--project", str(root), "--out", str(folder / "affiches"))
    assert result.output.endswith(f"dans {tmp_path}/{said}/affiches\n"), result.output
    result = invoke("import", "--template", str(folder / "modèle.xlsx"))
    assert result.output == f"Modèle écrit : {tmp_path}/{said}/modèle.xlsx\n", result.output
    (folder / "fichier").write_text("x")
    result = invoke("posters", "--project", str(root), "--out", str(folder / "fichier" / "affiches"))
    assert result.exit_code == 1 and result.output.startswith(f"Erreur : {tmp_path}/{said}/fichier"), result.output
    assert result.output.count("\n") == 3, result.output


def test_a_message_quoting_a_path_with_a_newline_keeps_it_on_its_line(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The path in a message or a hint (« fichier « no\\nfile.xlsx » introuvable », « créez le dossier residences/
    dans x\\ny », « impossible d'écrire le résumé dans « … » ») was printed with its newline raw."""
    folder = tmp_path / "x\ny"
    folder.mkdir()
    (folder / "site_config.yml").write_text(SITE_CONFIG, encoding="utf-8")
    result = invoke("validate", "--project", str(folder))
    assert result.exit_code == 1 and f"dans {tmp_path}/xU+000Ay ou indiquez --project\n" in result.output, result.output
    result = invoke("import", "--project", str(make_project()), str(tmp_path / "no\nfile.xlsx"))
    assert result.exit_code == 1 and f"fichier « {tmp_path}/noU+000Afile.xlsx » introuvable\n" in result.output
    root = make_project()
    result = invoke("validate", "--project", str(root), "--format", "github",
                    env={"GITHUB_STEP_SUMMARY": str(tmp_path / "ab\nsent" / "summary.md")})
    assert f"le résumé dans « {tmp_path}/abU+000Asent/summary.md » (fichier" in result.output, result.output
