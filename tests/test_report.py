"""`residence-hub validate --format text|github|json`, run through Click as the workflows run it."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import cmarkgfm
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import Problem
from generator.review.validation import Outcome, annotation, escape_data, escape_property, markdown_summary, md_escape

BAD = """\
name: X
address: {street: s, postcode: 93200, city: c}
agency: nord
units: 50%, ou 60
caretaker:
  name: <b>Karim</b>
  adress: Loge
"""


def validate(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "--project", str(root), *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture
def in_project(make_project, monkeypatch):  # type: ignore[no-untyped-def]
    """A project with two mistakes, and the current folder set to it, as in a GitHub workflow step."""
    root = make_project(test=BAD)
    monkeypatch.chdir(root)
    return root


def test_github_format_prints_one_annotation_per_problem(in_project: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    code, output = validate(Path("."), "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1
    lines = output.splitlines()
    assert lines[0] == ("::error file=residences/test.yml,line=4,title=À corriger avant publication::"
                        "units: « 50%25, ou 60 » n'est pas un nombre entier positif : écrivez par exemple 84")
    assert lines[1].startswith("::error file=residences/test.yml,line=7,title=À corriger avant publication::"
                               "clé inconnue « adress »%0A→ clés possibles ici : absences,")
    assert lines[2] == "2 erreurs dans 1 fichier(s) : rien ne sera publié avant correction. Voir le résumé de l'exécution."
    assert len(lines) == 3


def test_github_format_writes_the_whole_list_to_the_job_summary(in_project: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("Étape précédente\n", encoding="utf-8")  # GitHub's file is shared: we append
    validate(Path("."), "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("Étape précédente\n## Vérification des résidences\n")
    assert "❌ 2 erreurs dans 1 fichier(s)" in text
    assert "### residences/test.yml" in text
    assert "- **ligne 4** : units: « 50%, ou 60 » n'est pas un nombre entier" in text
    assert "- **ligne 7** : clé inconnue « adress »<br>→ clés possibles ici : absences," in text


def test_a_summary_lists_more_than_github_ten_annotations(make_project, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    residences = {f"r{i}": "name: X\naddress: {street: s, postcode: 93200, city: c}\nagency: inconnue\n"
                  for i in range(12)}
    monkeypatch.chdir(make_project(**residences))
    summary = tmp_path / "summary.md"
    code, output = validate(Path("."), "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1 and output.count("::error ") == 12
    assert summary.read_text(encoding="utf-8").count("- **ligne 3** : agence « inconnue » inconnue") == 12


def test_github_format_on_a_valid_project_passes_and_says_so(make_project, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(make_project())
    summary = tmp_path / "summary.md"
    assert validate(Path("."), "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)}) == (0, (
        "::warning file=residences/test.yml,line=1,title=À vérifier (ne bloque pas la publication)::aucun contrat "
        "d'entretien : pas de page « Qui appeler en cas de panne ? »%0A→ ajoutez « maintenance: » avec, pour chaque "
        "panne, l'entreprise et son téléphone\n"
        "OK : 1 résidence(s) valide(s). 1 point(s) à vérifier dans 1 fichier(s), sans bloquer la publication.\n"))
    written = summary.read_text(encoding="utf-8")
    assert "✅ 1 résidence(s) valide(s)." in written
    assert "#### residences/test.yml\n\n- **ligne 1** : aucun contrat d'entretien" in written


def test_annotation_paths_are_relative_to_the_folder_the_step_runs_in(make_project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test=BAD)
    monkeypatch.chdir(root.parent)
    code, output = validate(Path("project"), "--format", "github", env={"GITHUB_STEP_SUMMARY": ""})
    assert code == 1 and "::error file=project/residences/test.yml,line=4," in output


def test_annotation_paths_are_relative_to_the_repository_when_the_step_runs_in_a_subfolder(
        make_project, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """GitHub places an annotation by its path in the repository (``$GITHUB_WORKSPACE``), whatever folder the
    step runs in: with ``working-directory: donnees``, « residences/test.yml » was no file of the pull request,
    and no mistake showed on its line."""
    root = make_project(test=BAD)
    monkeypatch.chdir(root)
    summary = tmp_path / "summary.md"
    code, output = validate(Path("."), "--format", "github",
                            env={"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_WORKSPACE": str(root.parent)})
    assert code == 1 and output.startswith("::error file=project/residences/test.yml,line=4,")
    assert "### project/residences/test.yml\n" in summary.read_text(encoding="utf-8")
    code, output = validate(Path("."), "--format", "json", env={"GITHUB_WORKSPACE": str(root.parent)})
    assert json.loads(output)["problems"][0]["file"] == "residences/test.yml"  # for a tool run here
    outside = tmp_path / "ailleurs"  # a project outside the checkout: relative to the step's folder, as before
    outside.mkdir()
    code, output = validate(Path("."), "--format", "github", env={"GITHUB_STEP_SUMMARY": "",
                                                                  "GITHUB_WORKSPACE": str(outside)})
    assert output.startswith("::error file=residences/test.yml,line=4,")


@pytest.mark.parametrize("command", ["build", "posters"])
def test_a_command_given_project_tells_github_the_paths_in_the_repository(
        make_project, tmp_path: Path, monkeypatch, command: str) -> None:  # type: ignore[no-untyped-def]
    """``build --project donnees`` in a workflow tells its mistakes as ``validate --project donnees --format
    github`` does: at « donnees/residences/test.yml », the file of the pull request; they were annotated at
    « residences/test.yml », a file the repository does not have, and so on no line of the pull request."""
    root = make_project(test=BAD)
    monkeypatch.chdir(root.parent)
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_WORKSPACE": str(root.parent)}
    result = CliRunner().invoke(main, [command, "--project", "project", "--out", str(tmp_path / "out")], env=env)
    assert result.exit_code == 1
    assert result.output.startswith("::error file=project/residences/test.yml,line=4,title=À corriger avant "
                                    "publication::units: « 50%25, ou 60 » n'est pas un nombre entier")
    assert "\n::error file=project/residences/test.yml,line=7," in result.output
    assert "### project/residences/test.yml\n" in summary.read_text(encoding="utf-8")
    assert "Erreur : residences/test.yml:4: units:" in result.output  # the log's lines, as on a computer


def test_json_format_parses_back_with_every_problem(in_project: Path) -> None:
    code, output = validate(Path("."), "--format", "json")
    assert code == 1
    document = json.loads(output)
    assert document["ok"] is False and document["residences"] == []
    assert [(p["file"], p["line"]) for p in document["problems"]] == [("residences/test.yml", 4),
                                                                     ("residences/test.yml", 7)]
    assert document["problems"][1]["message"] == "clé inconnue « adress »"
    assert document["problems"][1]["hint"].startswith("clés possibles ici : absences, email")


def test_json_format_on_a_valid_project(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(b="name: B\naddress: {street: s, postcode: 93200, city: c}\nagency: nord\n",
                        a="name: A\naddress: {street: s, postcode: 93200, city: c}\nagency: sud\n")
    code, output = validate(root, "--format", "json")
    assert code == 0
    document = json.loads(output)
    assert document.pop("warnings") == [
        {"file": f"{root.resolve().as_posix()}/residences/{slug}.yml", "line": 1,
         "message": "aucun contrat d'entretien : pas de page « Qui appeler en cas de panne ? »",
         "hint": "ajoutez « maintenance: » avec, pour chaque panne, l'entreprise et son téléphone"} for slug in "ab"]
    assert document == {"ok": True, "residences": ["a", "b"], "problems": [], "error": None}


def test_text_format_is_unchanged_and_writes_no_summary(in_project: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    code, output = validate(Path("."), env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1
    assert "residences/test.yml:4: units: « 50%, ou 60 » n'est pas un nombre entier" in output
    assert "2 erreurs dans 1 fichier(s) : rien n'a été publié." in output
    assert not summary.exists()


def test_unknown_format_is_refused(make_project) -> None:  # type: ignore[no-untyped-def]
    code, output = validate(make_project(), "--format", "xml")
    assert code == 2 and "xml" in output


def test_escaping_follows_github_workflow_commands() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    problem = Problem("residences/a,b:c.yml", 3, "ligne 1\nligne 2", "")
    assert annotation(problem) == ("::error file=residences/a%2Cb%3Ac.yml,line=3,"
                                   "title=À corriger avant publication::ligne 1%0Aligne 2")


def test_a_control_character_reaches_neither_the_log_nor_the_summary_as_it_is(tmp_path: Path) -> None:
    """A path given on the command line is a problem's file as typed (« --out $'site\\e[2J' »): its escape
    sequence went raw into the annotation's ``file=``, which GitHub's log viewer runs (colours, clearing), and
    into the job summary; the message was already shown with U+XXXX, as Click's own output is."""
    problem = Problem("site\x1b[2J\u202e", 1, "dossier \x07", "")
    assert annotation(problem) == ("::error file=siteU+001B[2JU+202E,line=1,title=À corriger avant publication::"
                                   "dossier U+0007")
    summary = markdown_summary(Outcome((), (problem,)))
    assert "### siteU+001B\\[2JU+202E\n" in summary and "- **ligne 1** : dossier U+0007" in summary
    assert not re.search("[\x00-\x1f\u202e]", summary.replace("\n", ""))


def test_markdown_escaping_shows_staff_text_literally() -> None:
    assert md_escape("<script>alert(1)</script> *gras* [lien](x) a|b") == (
        r"\<script\>alert\(1\)\</script\> \*gras\* \[lien\]\(x\) a\|b")
    assert md_escape("deux\nlignes") == "deux lignes"
    assert md_escape("$x$") == r"\$x\$"  # GitHub's math, escaped as its documentation says


SUMMARY_TEXTS = [
    "Voir [le règlement](https://www.exemple.fr/reglement_(2026).pdf), page 2",
    "https://exemple.fr/a_(b) et www.exemple.fr/c", "<https://exemple.fr/>", "![plan](https://exemple.fr/p.png)",
    "- Karim", "+ Karim", "* Karim", "1. Les Lilas", "2) Les Lilas", "---", "***", "___", "=== x", "    retrait",
    "\tretrait", "Tom &amp; Jerry &copy;", "`code` ~~barré~~ **gras** _a_", "$x^2$ et $$y$$", "# titre", "> cité",
    "| a | b |", "[x]: https://exemple.fr/", "fin\\", "<!-- x -->", "https://exemple.fr/les-lilas/ ou www.exemple.fr",
]


@pytest.mark.parametrize("text", SUMMARY_TEXTS)
def test_staff_text_in_the_job_summary_is_shown_exactly_as_typed_and_nothing_else(text: str) -> None:
    """The job summary is GitHub Flavored Markdown (cmark-gfm, as GitHub renders it): staff's text comes back
    as its text, at the start of a list item or after our words, never a list, a rule, code, an image or a
    link elsewhere than a bare address shown whole (« https://exemple.fr/ » links to itself)."""
    for line in (f"- {md_escape(text)}", f"- **ligne 3** : {md_escape(text)}", f"### Résidence : {md_escape(text)}"):
        rendered = cmarkgfm.github_flavored_markdown_to_html(line)
        inner = re.sub(r"^<(li|h3)>|</(li|h3)>$", "", rendered.strip().removeprefix("<ul>\n").removesuffix("\n</ul>"))
        inner = re.sub(r'<a href="(?:http://)?([^"]*)">\1</a>', r"\1", inner)
        assert not re.search(r"<(?!/?strong>)", inner), (line, rendered)
        shown = html.unescape(inner).replace("<strong>", "").replace("</strong>", "")
        assert " ".join(shown.split()).endswith(" ".join(text.split())), (line, rendered)


def test_a_summary_too_big_for_github_keeps_what_fits_and_says_how_many_are_in_the_log(tmp_path: Path) -> None:
    """GitHub shows nothing at all of a step summary over 1 MiB: 5,000 residences not reviewed in time (one
    warning each) or one agency renamed under thousands of them were a blank summary."""
    problems = tuple(Problem(f"residences/r{i:04d}.yml", 3, "agence « nord » inconnue",
                             "agences déclarées dans site_config.yml : " + ", ".join(f"agence-{n}" for n in range(20)))
                     for i in range(6000))
    for outcome, what in ((Outcome((), problems), "erreur(s)"), (Outcome(("a",), (), problems), "point(s) à vérifier")):
        text = markdown_summary(outcome)
        assert len(text.encode()) <= 1_048_576 - 40_000  # room left for the diff the workflow adds
        shown = text.count("- **ligne 3** : agence « nord » inconnue")
        assert 3000 < shown < 6000 and text.endswith(f"\n\n… et {6000 - shown} autre(s) {what}, que le résumé de "
                                                     "GitHub (1 Mo au plus) ne peut pas montrer : la liste complète "
                                                     "est dans le journal de cette étape, une ligne par point.\n\n")
        assert cmarkgfm.github_flavored_markdown_to_html(text).count("<li>") == shown
    small = Outcome((), problems[:10])
    assert markdown_summary(small).count("- **ligne 3**") == 10 and "… et" not in markdown_summary(small)


@pytest.mark.slow
def test_the_job_summary_of_thousands_of_errors_fits_github_with_what_the_step_wrote_before(
        make_project, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    residence = ("name: Résidence numéro {i} au nom assez long\naddress: {{street: 12 rue des Tilleuls, postcode: 93200, "
                 "city: Saint-Denis}}\nagency: ancienne-agence-du-nord-est\n")
    monkeypatch.chdir(make_project(**{f"r{i:04d}": residence.format(i=i) for i in range(6000)}))
    summary = tmp_path / "summary.md"
    summary.write_text("x" * 300_000, encoding="utf-8")  # what the step wrote before: GitHub counts it too
    code, output = validate(Path("."), "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1 and output.count("::error file=residences/r") == 6000  # every one in the step's log
    text = summary.read_text(encoding="utf-8")
    assert 1_000_000 - 1000 < len(text.encode()) <= 1_000_000
    shown = text.count("- **ligne 3** : agence « ancienne-agence-du-nord-est » inconnue")
    assert 2000 < shown < 6000 and f"\n\n… et {6000 - shown} autre(s) erreur(s), que le résumé" in text


def test_a_warning_quoting_a_control_character_is_shown_not_run_in_the_text_format(make_project) -> None:  # type: ignore[no-untyped-def]
    """A link's address in Markdown is quoted decoded (« %1B » is ESC): the text format printed the warning
    raw, and « %1B]0;…%07 » set the terminal's title (annotations, JSON and errors showed U+XXXX already)."""
    root = make_project(test="name: X\naddress: {street: s, postcode: 93200, city: c}\nagency: nord\nfaq:\n"
                             "  - {q: Où ?, a: \"[ici](https://a.fr:99999/%1B%5D0;TITRE%07)\"}\n")
    code, output = validate(root, "--today", "2026-12-07")
    assert code == 0
    assert "lien « https://a.fr:99999/U+001B]0;TITREU+0007 » : le port « 99999 »" in output, output
    assert not re.search("[\x00-\x08\x0b-\x1f]", output)


@pytest.mark.parametrize("args, said", [
    (["--bogus"], "--bogus"), (["--today", "2026-13-01"], "mois 13"), (["--today", "2200-01-01"], "2200"),
    (["en-trop"], "en-trop"), (["--project", ""], "chemin vide"),
])
def test_json_format_prints_a_json_document_on_a_usage_error_too(make_project, args: list[str], said: str) -> None:  # type: ignore[no-untyped-def]
    """A tool reading ``validate --format json`` got nothing to parse on stdout when the command line was
    wrong (exit 2): it now gets the same document, ``ok`` false and ``error`` saying why; the French message
    stays on stderr for people."""
    result = CliRunner().invoke(main, ["validate", "--format=json", "--project", str(make_project()), *args])
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["ok"] is False and document["problems"] == [] and document["residences"] == []
    assert document["error"]["kind"] == "usage" and said in document["error"]["message"]
    assert said in result.stderr


def test_json_format_prints_a_json_document_on_an_internal_error(make_project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("generator.review.validation.project_warnings", broken)
    monkeypatch.delenv("RESIDENCE_HUB_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["validate", "--project", str(make_project()), "--format", "json"])
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["ok"] is False and document["error"]["kind"] == "internal"
    assert "RuntimeError" in document["error"]["message"] and "bogue" in result.stderr


def test_json_format_names_no_error_when_the_command_ran(make_project) -> None:  # type: ignore[no-untyped-def]
    assert json.loads(validate(make_project(), "--format", "json")[1])["error"] is None


def test_json_format_of_the_installed_command_on_a_usage_error(make_project) -> None:  # type: ignore[no-untyped-def]
    """The same through the real command and its exit (``command.run``), stdout and stderr apart."""
    import subprocess
    import sys

    root = make_project()
    done = subprocess.run([sys.executable, "-c", "from generator.command import run; run()", "validate",
                           "--project", str(root), "--format", "json", "--today", "demain"],
                          capture_output=True, text=True, check=False, cwd=root,
                          env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).parent.parent)})
    assert done.returncode == 2, done.stderr
    assert json.loads(done.stdout)["error"]["kind"] == "usage"


def test_json_format_parses_back_from_an_output_short_of_unicode(make_project) -> None:  # type: ignore[no-untyped-def]
    """Redirected on Windows (cp1252) or under a pre-commit hook, the output writes what its encoding lacks as
    an escape: « → » as ``\\u2192``, which JSON reads back, but an emoji as ``\\U0001f600``, which no JSON
    parser reads: the whole document was lost. Characters beyond U+FFFF are now written as JSON's own
    escapes (a surrogate pair), so the document parses whatever the output's encoding."""
    import os
    import subprocess
    import sys

    root = make_project(test="name: Les Lilas 🌸\naddress: {street: s, postcode: 93200, city: c}\nagency: nord\n"
                             "adress🌸: x\n")
    done = subprocess.run([sys.executable, "-c", "from generator.command import run; run()", "validate",
                           "--project", str(root), "--format", "json"], capture_output=True, check=False, cwd=root,
                          env={**os.environ, "PYTHONIOENCODING": "cp1252",
                               "PYTHONPATH": str(Path(__file__).parent.parent)})
    assert done.returncode == 1, done.stderr
    messages = [p["message"] for p in json.loads(done.stdout.decode("cp1252"))["problems"]]
    assert "clé inconnue « adress🌸 »" in messages
    assert messages == [p["message"] for p in json.loads(validate(root, "--format", "json")[1])["problems"]]
