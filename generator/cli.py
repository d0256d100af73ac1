"""The ``residence-hub`` command: Click only. Each command calls one library function."""

from __future__ import annotations

import gc
import os
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator

import click

from generator.contract.project import CONFIG_NAME, Project, load_project
from generator.contract.schema import SCHEMAS, schema_text
from generator.contract.values import date_from_epoch, parse_date
from generator.errors import UserError, printable, printable_line, speak_french_to_click
from generator.outputs import opendata
from generator.publish import site as build_mod
from generator.publish.shards import Shard
from generator.publish.site import merge_shards
from generator.review.validation import FORMATS, Outcome, json_failure, json_report, tell_github, validation_report

speak_french_to_click()  # before the commands are declared: Click words some of their help then

BUG_EXIT_CODE = 2
"""Exit code of an unexpected error (a bug), as Click's own usage errors: 1 is for mistakes in the data."""
DATA_SCHEMA = "residence-data"
"""``schema residence-data``: the JSON Schema of the published ``residence.json`` (open data)."""
DEBUG_VARIABLE = "RESIDENCE_HUB_DEBUG"
"""Set to 1 to see a bug's Python traceback instead of the one-line message (for developers)."""


class _Path(click.Path):
    """``click.Path`` refusing an empty value, which would be the current folder: « --out "$DOSSIER" » with
    the variable unset wrote the posters' folders where the command ran, and « import "" » named no file."""

    def convert(self, value: str | os.PathLike[str], param: click.Parameter | None,
                ctx: click.Context | None) -> str | bytes | os.PathLike[str]:
        """The path, or a usage error (exit 2) for an empty one."""
        if value == "":
            self.fail("chemin vide : indiquez un fichier ou un dossier (une variable du script non définie ?)",
                      param, ctx)
        return super().convert(value, param, ctx)


def _remember_project(ctx: click.Context, _param: click.Parameter, value: Path) -> Path:
    """Keep ``--project`` where ``_Main`` finds it after the command failed: in a workflow, the files of
    its mistakes are named by their path in the repository (``tell_github``)."""
    ctx.meta[PROJECT_KEY] = value
    return value


PROJECT_KEY = "residence_hub.project"
JSON_KEY = "residence_hub.json"
"""Whether the command line is ``validate --format json`` (``_Main.resolve_command``)."""
project_option = click.option(
    "--project", "project_dir", type=_Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, callback=_remember_project, help=f"Dossier qui contient {CONFIG_NAME} et residences/.")


def _parse_today(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date:
    """``--today``, else the day of ``SOURCE_DATE_EPOCH``, else today: checked as the dates of the files."""
    if value is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if not epoch:
            return build_mod.default_today()
        try:
            return date_from_epoch(epoch)
        except ValueError as e:
            raise click.BadParameter(f"{e} ; {getattr(e, 'hint', '')}",
                                     param_hint="la variable d'environnement SOURCE_DATE_EPOCH") from None
    try:
        return parse_date(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


def _parse_shard(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Shard | None:
    """``--shard K/N``; « --shard "" » (a matrix's variable unset) is a usage error, not a whole build."""
    try:
        return None if value is None else Shard.parse(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


TOLD_TO_GITHUB = frozenset({"validate", "build", "merge", "posters"})
"""The commands whose mistakes are those of the files a workflow checks, to be shown on their lines. Not
``diff``: in a pull request it reads the base branch too, whose mistakes are not the pull request's to
fix (the workflow says so in its own words); the others are run on a computer."""


class _Main(click.Group):
    """The command group; a bug (any exception that is not a user error) is told in one French line.

    ``UserError`` and Click's own errors are printed by Click as usual, and so is a refusal of the system
    (``OSError``: no rights, a full disk, a file where a folder is expected), named by its path: staff can
    fix it. Anything else would be a Python traceback, which staff cannot act on: we say it is a bug, name
    the exception, ask for a report and exit with ``BUG_EXIT_CODE``. ``RESIDENCE_HUB_DEBUG=1`` shows the
    traceback. In a GitHub Actions step (``GITHUB_ACTIONS``, set by GitHub), the ``UserError`` of a command
    in ``TOLD_TO_GITHUB`` is also told as ``validate --format github`` tells its problems (``tell_github``).
    ``validate --format json`` prints its JSON document whatever stops it (``json_failure``).
    """

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        """Click's, noting first whether the command line asks for JSON (``_asks_for_json``)."""
        ctx.meta[JSON_KEY] = _asks_for_json(args)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        try:
            with _collecting_less():
                return super().invoke(ctx)
        except UserError as error:
            if ctx.meta.get(JSON_KEY, False):  # one document on stdout, which GitHub's lines would spoil
                click.echo(json_report(Outcome((), tuple(error.problems))))
            elif os.environ.get("GITHUB_ACTIONS") == "true" and ctx.invoked_subcommand in TOLD_TO_GITHUB:
                summary = os.environ.get("GITHUB_STEP_SUMMARY")
                click.echo(tell_github(error.problems, summary, ctx.meta.get(PROJECT_KEY)))
            raise
        except click.UsageError as error:
            if ctx.meta.get(JSON_KEY, False):
                click.echo(json_failure("usage", error.format_message()))
            raise
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as bug:  # noqa: BLE001 - this is the one place that turns bugs into a message
            as_json = ctx.meta.get(JSON_KEY, False)
            if isinstance(bug, OSError) and not isinstance(bug, BrokenPipeError):
                refused = UserError.from_os_error(bug)  # a file or folder the system refused: no bug
                if as_json:
                    click.echo(json_report(Outcome((), tuple(refused.problems))))
                raise refused from bug
            if os.environ.get(DEBUG_VARIABLE):
                raise
            message = (f"Erreur interne de residence-hub ({type(bug).__name__}) : c'est un bogue du programme, "
                       "pas une erreur dans vos fichiers ; merci de le signaler aux responsables du projet "
                       "(une issue GitHub) avec la commande lancée et ce message.")
            if as_json:
                click.echo(json_failure("internal", message))
            click.echo(message, err=True)
            ctx.exit(BUG_EXIT_CODE)


def _asks_for_json(args: list[str]) -> bool:
    """Whether the command line is ``validate … --format json``, read leniently (an unknown option, a wrong
    date or an extra argument ignored): a tool reading that output then gets a JSON document whatever goes
    wrong, not an empty stdout (``json_failure``)."""
    if not args or args[0] != "validate":
        return False
    try:
        with validate.make_context("validate", args[1:], resilient_parsing=True,
                                   ignore_unknown_options=True) as command:
            return bool(command.params.get("fmt") == "json")
    except Exception:  # noqa: BLE001 - a line too broken to read leniently asks for no format: text
        return False


@contextmanager
def _collecting_less() -> Iterator[None]:
    """Python's cycle collector runs every 700 new objects and, every few runs, goes over every object
    alive; a command keeps hundreds of thousands alive (the residences of a project, the index pages), so
    at 300 residences about half of ``load_project`` was the collector going over the residences it had
    just unpickled. During a command it waits for 50,000 new objects instead: little of what we make is
    cyclic garbage, so memory hardly changes."""
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, *thresholds[1:])
    try:
        yield
    finally:
        gc.unfreeze()  # what _loaded set aside is the collector's again
        gc.set_threshold(*thresholds)


def _loaded(project_dir: Path) -> Project:
    """``load_project`` for a command that builds: the collector paused while it reads, then what it read
    set aside until the command ends (``freeze``), so no collection goes over the residences again; the
    first one after 1,000 residences were unpickled took 0.3 s, as long as unpickling them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        project = load_project(project_dir)
        gc.freeze()
    finally:
        if enabled:
            gc.enable()
    return project


today_option = click.option(
    "--today", callback=_parse_today, metavar="AAAA-MM-JJ",
    help="Date du jour pour les avis et la présence du gardien (défaut : aujourd'hui, ou SOURCE_DATE_EPOCH).")


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]},
             subcommand_metavar="COMMANDE [ARGUMENTS]...")
@click.version_option(package_name="residence-hub")
def main() -> None:
    """Un petit site d'information accessible par résidence, à partir d'un fichier YAML par résidence."""


@main.command()
@project_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text pour lire ; github pour les annotations d'une pull request (et le résumé dans "
                   "$GITHUB_STEP_SUMMARY) ; json pour d'autres outils.")
@click.pass_context
@today_option
def validate(ctx: click.Context, project_dir: Path, fmt: str, today: date) -> None:
    """Vérifie site_config.yml et chaque residences/*.yml ; liste toutes les erreurs (fichier:ligne), puis
    les points à vérifier (avis terminés, fiche à relire…) qui ne bloquent pas la publication."""
    report = validation_report(project_dir, fmt, os.environ.get("GITHUB_STEP_SUMMARY"), today)  # type: ignore[arg-type]
    click.echo(report.output)
    if report.unwritten:
        raise report.unwritten
    ctx.exit(report.exit_code)


@main.command()
@click.argument("base", type=_Path(file_okay=False, exists=True, path_type=Path))
@click.argument("head", type=_Path(file_okay=False, exists=True, path_type=Path))
@today_option
def diff(base: Path, head: Path, today: date) -> None:
    """Ce que les locataires verront changer entre deux dossiers de projet (BASE puis HEAD), en Markdown."""
    from generator.review.changes import diff_folders  # here, as the other commands': build starts faster

    click.echo(diff_folders(base, head, today), nl=False)


@main.command()
@project_option
@click.option("--out", "out_dir", type=_Path(file_okay=False, path_type=Path), default=None,
              help="Dossier de sortie (défaut : site/ dans le dossier du projet).")
@today_option
@click.option("--shard", "lot", default=None, metavar="K/N", callback=_parse_shard,
              help="Ne construit que le lot K sur N des résidences (à assembler ensuite avec merge).")
@click.option("--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Nombre de processus (défaut : un par cœur disponible).")
def build(project_dir: Path, out_dir: Path | None, today: date, lot: Shard | None, jobs: int | None) -> None:
    """Valide tout, puis construit le site complet ; en cas d'erreur, l'ancien site reste intact."""
    project = _loaded(project_dir)
    result = build_mod.build_site(project, out_dir or project_dir / "site", today, shard=lot, jobs=jobs,
                                  progress_stream=sys.stderr)
    kept = result.residences - result.built
    click.echo(f"Site construit : {result.residences} résidence(s) dans {printable_line(result.out_dir)}"
               + (f" ({result.built} reconstruite(s), {kept} inchangée(s))" if kept else ""))


@main.command()
@project_option
@click.argument("shard_dirs", nargs=-1, required=True,
                type=_Path(file_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=_Path(file_okay=False, path_type=Path), default=None,
              help="Dossier du site final (défaut : site/ dans le dossier du projet).")
@today_option
def merge(project_dir: Path, shard_dirs: tuple[Path, ...], out_dir: Path | None, today: date) -> None:
    """Assemble les lots construits avec build --shard K/N en un seul site, avec l'index."""
    result = merge_shards(_loaded(project_dir), list(shard_dirs), out_dir or project_dir / "site", today)
    click.echo(f"Site assemblé : {result.residences} résidence(s) dans {printable_line(result.out_dir)}")


@main.command()
@project_option
@click.argument("slug")
@click.option("--agency", default=None, help="Clé de l'agence (défaut : la première de site_config.yml).")
def new(project_dir: Path, slug: str, agency: str | None) -> None:
    """Crée residences/SLUG.yml, un modèle commenté qui passe la validation."""
    from generator.contract.starter import new_residence  # here: build starts faster (a rebuild is ~1 s)

    path = new_residence(project_dir, slug, agency)
    click.echo(f"Créé : {printable_line(path)}")


@main.command(name="import")
@project_option
@click.argument("file", required=False, type=_Path(dir_okay=False, path_type=Path))
@click.option("--sheet", default=None, metavar="NOM",
              help="Feuille du classeur (défaut : la première visible qui a les titres de colonnes).")
@click.option("--force", is_flag=True, help="Remplace les fichiers de residences/ qui existent déjà.")
@click.option("--template", "template", type=_Path(dir_okay=False, path_type=Path), default=None,
              metavar="FICHIER.xlsx", help="Écrit le modèle de tableur (titres de colonnes en français) et s'arrête.")
def import_(project_dir: Path, file: Path | None, sheet: str | None, force: bool, template: Path | None) -> None:
    """Crée un residences/<nom>.yml par ligne d'un tableur .xlsx ou .csv ; tout ou rien en cas d'erreur."""
    # Imported here: openpyxl takes ~0.2 s to import, which every other command (build, validate) would pay.
    from generator.onboarding.importer import import_report, import_spreadsheet
    from generator.onboarding.template import write_template

    if file is not None and template is not None:
        raise click.UsageError("FICHIER ou --template, pas les deux : --template écrit le modèle vide, FICHIER "
                               "importe un tableur rempli")
    if file is None and template is None:
        raise click.UsageError("indiquez le tableur à importer (FICHIER), ou --template MODELE.xlsx")
    if template is not None:
        click.echo(f"Modèle écrit : {printable_line(write_template(template))}")
        return
    result = import_spreadsheet(project_dir, file, sheet, force)  # type: ignore[arg-type]
    click.echo(printable(import_report(result, project_dir)))


@main.command()
@project_option
@click.option("--out", "out_dir", type=_Path(file_okay=False, path_type=Path), default=None,
              help="Dossier des affiches (défaut : affiches/ dans le dossier du projet).")
@today_option
@click.argument("slugs", nargs=-1, metavar="[RÉSIDENCE]...")
def posters(project_dir: Path, out_dir: Path | None, today: date, slugs: tuple[str, ...]) -> None:
    """Écrit le QR code (SVG, PNG), l'affiche A4 et le flyer A5 de chaque résidence (ou de celles nommées)."""
    from generator.publish.print_run import NoPosterWritten, write_posters  # here: build starts faster

    try:
        project = load_project(project_dir)
    except UserError as refused:
        raise NoPosterWritten(refused.problems) from None
    out_dir = out_dir or project_dir / "affiches"
    written = write_posters(project, out_dir, slugs, today)
    click.echo(f"Affiches écrites : {len(written)} fichier(s) dans {printable_line(out_dir)}")


@main.command()
@project_option
@click.argument("kind", type=click.Choice(sorted([*SCHEMAS, DATA_SCHEMA])), default="residence")
def schema(project_dir: Path, kind: str) -> None:
    """Affiche le contrat de données en JSON Schema (pour les éditeurs), ou celui du residence.json publié."""
    del project_dir  # taken as by every command (a script gives each its project): the contract is the same
    click.echo(opendata.schema_text() if kind == DATA_SCHEMA else schema_text(kind), nl=False)


@main.command()
@project_option
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), metavar="PORT",
              help="Port local.")
@today_option
@click.pass_context
def serve(ctx: click.Context, project_dir: Path, port: int, today: date) -> None:
    """Construit le site et le sert sur http://127.0.0.1:PORT/, en reconstruisant à chaque modification."""
    from generator.publish.serve import serve_site  # here: build need not import http.server

    given = ctx.get_parameter_source("today") is not click.core.ParameterSource.DEFAULT
    serve_site(project_dir, port, today if given else None)  # else each build's day: open past midnight


__all__ = ["main", "UserError"]
