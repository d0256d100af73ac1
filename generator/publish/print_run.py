"""``residence-hub posters``: every residence's posters written to a folder, spread over the cores."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterable

from generator.contract.project import RESIDENCES_DIR, Project, ResidenceFile
from generator.errors import Problem, UserError
from generator.files import replace_with
from generator.outputs import posters
from generator.outputs.context import ResidenceContext
from generator.publish.output_dir import check_outside_residences
from generator.publish.parallel import default_jobs, run_all


def write_posters(project: Project, out_dir: Path, slugs: Iterable[str], today: date,
                  jobs: int | None = None) -> list[Path]:
    """Write the posters of the residences named by ``slugs`` (all when empty) into ``out_dir/<slug>/``.

    Residences are spread over the machine's cores: hundreds of posters are a routine print run. The
    text was checked by ``load_project`` (contract.printable); a residence with too much text for a poster is
    only found when laid out, and a folder the system refuses (a file of its name) when written: all of them
    are reported together, after the others are written (``OthersWritten`` says so).
    """
    out_dir = Path(out_dir)
    check_outside_residences(out_dir, project.root)
    items = {item.slug: item for item in select_residences(project, list(slugs))}
    # Forking for a handful of residences costs more than it saves.
    jobs = jobs or min(default_jobs(), max(1, len(items) // 10))
    posters.load_fonts()  # load the fonts before forking, so every worker inherits them
    out_dir.mkdir(parents=True, exist_ok=True)  # a folder refused here is told once, not once a residence
    results = dict(run_all(lambda slug: (slug, _write_one(project, out_dir, today, items[slug])), list(items),
                           jobs))
    problems = [problem for _, found in results.values() for problem in found]
    written = [path for slug in items for path in results[slug][0]]
    if problems:
        raise (OthersWritten if written else NoPosterWritten)(problems)
    return written


class NoPosterWritten(UserError):
    """``posters`` refused before it wrote any (a project that is not valid, no residence that fits on a
    poster): it never publishes, so « rien n'a été publié » told nothing."""

    outcome = "aucune affiche n'a été écrite"


class OthersWritten(UserError):
    """Some residences' posters could not be drawn, the others' were written: « rien n'a été publié » was said
    of a folder that held them."""

    outcome = "les affiches des autres résidences ont été écrites"


def _write_one(project: Project, out_dir: Path, today: date,
               item: ResidenceFile) -> tuple[list[Path], list[Problem]]:
    try:
        files = posters.files(ResidenceContext.of(project, item, today))
    except UserError as error:
        return [], error.problems
    written: list[Path] = []
    try:
        for relative, content in files.items():
            target = out_dir / item.slug / Path(relative).name
            target.parent.mkdir(parents=True, exist_ok=True)
            _replace(target, content)
            written.append(target)
    except OSError as refused:  # told with the others' problems: the residences before it were written
        return written, UserError.from_os_error(refused).problems
    return written, []


def _replace(target: Path, content: bytes) -> None:
    """``target`` replaced by a poster written beside it (``files.replace_with``): a symbolic link in its place
    (``affiches/`` kept in a repository, a link added by a pull request) is replaced, never written through to
    what it leads to, and a run stopped midway leaves the previous poster, not half a PDF. An error is told at
    the poster's name (a full disk names none)."""
    try:
        replace_with(target, content)
    except OSError as refused:
        raise OSError(refused.errno, refused.strerror, str(target)) from None


def select_residences(project: Project, slugs: list[str]) -> list[ResidenceFile]:
    """The residences named on the command line, in the order given; all of them when none is named.

    A residence is named by its slug, or by its file as the shell completes it (« residences/les-tilleuls.yml »,
    from the current folder or the project's) or as typed in ``residences/`` (« les-tilleuls.yml »)."""
    if not slugs:
        return list(project.residences)
    known = {item.slug: item for item in project.residences}
    chosen = [_named(typed, known, project.root) for typed in slugs]
    missing = [typed for typed, item in zip(slugs, chosen) if item is None]
    if missing:
        raise UserError([Problem(s if _is_file(s) else f"{RESIDENCES_DIR}/{s}.yml", 1,
                                 f"résidence « {s} » introuvable",
                                 "donnez le nom d'un fichier de residences/ sans « .yml », par exemple "
                                 + ", ".join(sorted(known)[:3])) for s in missing])
    return list({item.slug: item for item in chosen if item is not None}.values())


def _is_file(typed: str) -> bool:
    """Whether a command-line name is a file's (« x.yml », « residences/x.yml ») rather than a slug."""
    return typed.endswith((".yml", ".yaml")) or "/" in typed or "\\" in typed


def _named(typed: str, known: dict[str, ResidenceFile], root: Path) -> ResidenceFile | None:
    """The residence ``typed`` names (see ``select_residences``), or None."""
    if not _is_file(typed):
        return known.get(typed)
    path = Path(typed)
    item = known.get(path.stem)
    if item is None or path.suffix not in (".yml", ".yaml"):
        return None
    places = [path, root / path] + ([root / RESIDENCES_DIR / path.name] if path.parent == Path(".") else [])
    try:
        return item if item.path.resolve() in {place.resolve() for place in places} else None
    except (OSError, RuntimeError):  # a loop of links
        return None
