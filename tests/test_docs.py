"""The README against the code (as sqlite-utils tests its docs): commands and options, and the layout."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import REPO
from generator.cli import main

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


def section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def table(title: str) -> dict[str, str]:
    """A section's table as {first cell: whole row}, the first cell without its backticks."""
    rows = {}
    for line in section(title).splitlines():
        match = re.match(r"\| `([^`]+)` \|", line)
        if match:
            rows[match.group(1)] = line
    return rows


def command_rows() -> dict[str, str]:
    return {cell.split()[1]: row for cell, row in table("Command line").items() if cell.startswith("residence-hub ")}


def options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option) and not p.hidden and p.name != "help"]


def help_text(name: str) -> str:
    result = CliRunner().invoke(main, [name, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.output


def shared_options() -> tuple[set[str], set[str]]:
    """`Every command but `a` and `b` takes `--opt …``: the option, and the commands said not to take it."""
    match = re.search(r"Every command but (.+?) takes `(--[\w-]+)", section("Command line"))
    assert match, "the Command line section says which option every command takes"
    return {match.group(2)}, set(re.findall(r"`(\w+)`", match.group(1)))


def test_every_command_has_help_text_and_one_row_in_the_readme_table() -> None:
    for name in COMMANDS:
        assert (main.commands[name].help or "").strip(), f"{name} has no help text"
        first_line = main.commands[name].help.strip().splitlines()[0]  # type: ignore[union-attr]
        assert " ".join(first_line.split()) in " ".join(help_text(name).split()), name
    assert sorted(command_rows()) == COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_of_help_is_documented_in_the_row_of_its_command(name: str) -> None:
    command, row, shown = main.commands[name], command_rows()[name], help_text(name)
    shared, _ = shared_options()
    for option in options(command):
        for flag in option.opts + option.secondary_opts:
            assert re.search(rf"^\s+(-\w, )?{re.escape(flag)}\b", shown, re.M), f"{flag} not in {name} --help"
            if flag in shared:
                continue
            assert re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", row), f"{name} {flag} is not in its README row"
        if isinstance(option.type, click.Choice):
            for choice in option.type.choices:
                assert re.search(rf"\b{re.escape(str(choice))}\b", row), f"{name} {option.opts[0]} {choice}"
    for argument in (p for p in command.params if isinstance(p, click.Argument)):
        if isinstance(argument.type, click.Choice):
            for choice in argument.type.choices:
                assert re.search(rf"\b{re.escape(str(choice))}\b", row), f"{name} {argument.name}: {choice}"


def test_the_option_said_to_be_shared_is_taken_by_every_command_but_those_named() -> None:
    (shared,), exempt = shared_options()
    takes = {name for name in COMMANDS if any(shared in o.opts for o in options(main.commands[name]))}
    assert takes == set(COMMANDS) - exempt


def test_a_missing_option_would_be_caught() -> None:
    """The row check is not vacuous: a row that lost an option of its command fails it."""
    row = command_rows()["build"].replace("[--jobs N]", "")
    assert not re.search(r"(?<![\w-])--jobs(?![\w-])", row)
    assert "--jobs" in [flag for option in options(main.commands["build"]) for flag in option.opts]


def test_every_path_of_the_layout_table_exists_and_every_generator_package_has_a_row() -> None:
    rows = table("Layout")
    for path in rows:
        assert (REPO / path).exists(), f"README Layout names {path}, which does not exist"
    packages = {f"{p.parent.relative_to(REPO).as_posix()}/" for p in (REPO / "generator").glob("*/__init__.py")}
    assert packages and packages <= set(rows), f"no Layout row for {sorted(packages - set(rows))}"


def test_every_module_named_in_a_generator_row_exists() -> None:
    for path, row in table("Layout").items():
        if not path.startswith("generator/"):
            continue
        folder = REPO / path
        what = row.split("|")[2]
        names = re.findall(r"`([a-z_]+/?)`", what)
        assert names, path
        for name in names:
            found = (folder / f"{name}.py").is_file() or (folder / name.rstrip("/")).is_dir()
            assert found or name in main.commands, f"README Layout: {path} has no module or folder {name}"


FRENCH_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre"]
ENGLISH_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ENGLISH_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december"]


def written_days(text: str) -> list[tuple[str, int, int, int, int]]:
    """Every « jeudi 3 décembre [2026] » and « Thursday 3 December » of ``text``: (as written, year, month,
    day, weekday from Monday = 0); the examples' year is 2026 unless written."""
    found = []
    for days, months in ((FRENCH_DAYS, FRENCH_MONTHS), (ENGLISH_DAYS, ENGLISH_MONTHS)):
        pattern = rf"\b({'|'.join(days)})\s+(\d{{1,2}})(?:er)?\s+({'|'.join(months)})(?:\s+(\d{{4}}))?"
        for match in re.finditer(pattern, text, re.I):
            day, month = int(match.group(2)), months.index(match.group(3).lower()) + 1
            weekday = days.index(match.group(1).lower())
            found.append((match.group(0), int(match.group(4) or 2026), month, day, weekday))
    return found


def test_every_day_an_example_names_is_the_weekday_of_its_date() -> None:
    """The starter's commented notice said « Mardi 3 décembre » for 2026-12-03, a Thursday: staff who
    uncomment it as its comment says publish a notice whose two dates disagree. Every weekday the docs,
    the starter and the spreadsheet template write beside a date is that date's."""
    from datetime import date

    from generator.contract.starter import STARTER

    texts = {"README.md": README, "CONTRIBUTING.md": (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8"),
             "residence-hub new": STARTER}
    texts |= {path.name: path.read_text(encoding="utf-8") for path in (REPO / "generator" / "onboarding").glob("*.py")}
    checked = 0
    for name, text in texts.items():
        for written, year, month, day, weekday in written_days(text):
            checked += 1
            assert date(year, month, day).weekday() == weekday, f"{name}: « {written} » is not that day's name"
    assert checked >= 6  # the docs' « Jeudi 3 décembre », « mardi 1er décembre »… are read


def shape(text: str) -> str:
    """A message with what varies from one case to the next made alike: quoted values « … », lists of
    language codes « (en, ar) », numbers; Markdown's escapes and line breaks dropped."""
    text = " ".join(text.replace("\u00a0", " ").replace("\\", "").split())
    text = re.sub(r"« [^«»]*(?:« [^«»]* »[^«»]*)* »", "« Q »", text)
    text = re.sub(r"\((?:[a-z]{2,3}(?:, )?)+\)", "(LANGS)", text)
    return re.sub(r"\d+", "N", text)


def printed_messages(tmp_path: Path) -> set[str]:
    """What validate and diff print for the samples in three languages, on two days (ended notices,
    late outages, missing translations…), and for a file with mistakes, as shapes."""
    import json
    import shutil

    from conftest import with_sections

    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(REPO / "residences", base / "residences")
    config = (REPO / "site_config.yml").read_text(encoding="utf-8")
    (base / "site_config.yml").write_text(with_sections(config, "languages: [fr, en, ar]\n"), encoding="utf-8")
    clos = base / "residences" / "le-clos-fleuri.yml"  # a Markdown image, a contact with no way to reach it
    clos.write_text(with_sections(clos.read_text(encoding="utf-8"), 'faq:\n  - {q: Où est le local ?, a: "![plan du '
                                  'local](https://exemple.fr/plan.png)"}\ncontacts:\n  - {role: Amicale}\n'),
                    encoding="utf-8")
    shutil.copytree(base, head)
    path = head / "residences" / "les-tilleuls.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("- title: Désinsectisation", "- title: Dératisation"),
                    encoding="utf-8")
    messages = []
    for today in ("2026-10-01", "2026-12-02", "2027-03-01"):
        result = CliRunner().invoke(main, ["validate", "--project", str(base), "--format", "json", "--today", today])
        report = json.loads(result.output)
        messages += [m[key] for m in report["warnings"] + report["problems"] for key in ("message", "hint")]
        result = CliRunner().invoke(main, ["diff", str(base), str(head), "--today", today])
        messages += [line.lstrip("-# ") for line in result.output.splitlines()]
    text = path.read_text(encoding="utf-8").replace("address:", "adress:", 1).replace("open: 8:30", "open: 25:00", 1)
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--project", str(head), "--format", "json"])
    messages += [m[key] for m in json.loads(result.output)["problems"] for key in ("message", "hint")]
    return {shape(m) for m in messages + imported(base) if m.strip()}


def imported(project: Path) -> list[str]:
    """What import prints for a spreadsheet Excel damaged, one with a wrong number, and one replacing a file."""
    import openpyxl

    titles = ["Nom", "Rue", "Code postal", "Ville", "Agence", "Gardien", "Téléphone gardien", "Logements"]
    place = ["Les Lilas", "4 rue des Lilas"]
    rows = {"repaired": [*place, 1000, "Ambérieu", "saint-denis", "Nadia Ouali", 148201122, "1 184"],
            "wrong": [*place, "93200", "Saint-Denis", "saint-denis", "Nadia Ouali", "01 48 20 11", "48"]}
    printed = []
    for name, row in rows.items():
        book = openpyxl.Workbook()
        book.active.append(titles)
        book.active.append(row)
        book.save(project / f"{name}.xlsx")
        for force in ([], ["--force"]):
            result = CliRunner().invoke(main, ["import", str(project / f"{name}.xlsx"), "--project", str(project),
                                               *force])
            printed += [line.removeprefix("Erreur : ") for line in result.output.splitlines()]
    return printed


def test_every_message_the_docs_quote_is_one_the_tool_prints(tmp_path: Path) -> None:
    """The README quoted validate's « notices[1].body : pas de traduction en ar » and diff's « pas encore
    traduit en en, ar », which print « (ar) » and « (en, ar) ». Every quotation of the README and
    CONTRIBUTING.md (in « » or backticks) holding the fixed words of a message the tool prints is that
    message, « … » standing for any text and a leading `key :` for any key."""
    shapes = printed_messages(tmp_path)
    stems = {piece.strip() for s in shapes for piece in re.split(r"« Q »|\(LANGS\)|N|[:;,.]", s)
             if len(piece.split()) >= 3}
    assert {"pas de traduction", "pas encore traduit", "Corrigé à la lecture", "numéro de téléphone"} <= stems
    checked = []
    for doc in ("README.md", "CONTRIBUTING.md"):
        text = " ".join(re.sub(r"```.*?```", "", (REPO / doc).read_text(encoding="utf-8"), flags=re.S).split())
        quotes = {code for code in re.findall(r"`([^`]*)`", text) if len(code) >= 6}
        quotes |= set(re.findall(r"« ([^«»]{6,200}?(?:«[^«»]*»[^«»]*?)*) »", text))
        for quote in sorted(quotes):
            quoted = shape(quote)
            if any(stem in quoted for stem in stems):
                quoted = re.sub(r"^[\w.\[\]]+ : |^[\w.-]+:[^\s:]+: ", "…", quoted)  # any key, file or cell
                wanted = ".*".join(re.escape(part) for part in quoted.split("…"))
                assert any(re.search(wanted, s) for s in shapes), f"{doc} quotes « {quote} », which no message is"
                checked.append(quote)
    assert len(checked) >= 6, checked


def test_every_error_the_docs_show_in_a_block_is_one_the_tool_prints(tmp_path: Path) -> None:
    """The error blocks of the README and CONTRIBUTING.md (« file:line: message », then « → hint »), line by
    line, are messages and hints the tool prints, « … » standing for any text."""
    shapes = printed_messages(tmp_path)
    shown = []
    for doc in ("README.md", "CONTRIBUTING.md"):
        fences = re.findall(r"^ *```(\w*)\n(.*?)^ *```", (REPO / doc).read_text(encoding="utf-8"), re.S | re.M)
        for block in (text for kind, text in fences if kind in ("", "text")):
            for line in block.splitlines():
                said = re.match(r"\s*(?:→ |\S+\.(?:yml|xlsx)(?::\w+!)?[\w]*:\d*:? )(.+)", line)
                if said:
                    wanted = ".*".join(re.escape(part) for part in shape(said.group(1)).split("…"))
                    assert any(re.search(wanted, s) for s in shapes), f"{doc} shows « {line.strip()} »"
                    shown.append(line)
    assert len(shown) >= 5, shown


WARNINGS_SAID = {
    "stale_notices": "a notice that ended more than 30 days ago", "stale_shared_notices": "a shared one too",
    "past_absences": "a caretaker's absence entirely in the past", "overlapping_absences": "two absences on days",
    "overlapping_hours": "two slots of hours at the same time", "past_closures": "whose day has passed",
    "late_outages": "an outage still reported or in repair after its `expected` day",
    "stale_outages": "an outage repaired more than 7 days ago", "future_repairs": "an outage `repaired` on a day",
    "future_news": "news (`updates`) dated one", "shared_notice_twice": "with the title of a shared notice",
    "unpeopled_targets": "a shared notice aimed at an agency no residence belongs to",
    "empty_targets": "is written empty (`[]`", "no_emergency": "no `emergency` number at all",
    "unreachable_contacts": "a contact with a role and no way to reach it",
    "unreachable_shared_contacts": "an agency's too, at its line of `site_config.yml`", "far_dates": "more than two years ahead",
    "far_shared_dates": "a notice (a shared one too), an absence, an expected repair or a closure dated more than two",
    "not_reviewed": "a residence not reviewed within `review_every_months`",
    "caretaker_without_hours": "a caretaker with no hours", "empty_sections": "`caretaker:` or `fibre:` typed empty", "holidays_overruled": "`caretaker.holidays: closed`",
    "no_maintenance": "a residence with no maintenance contract", "starter_examples": "a stand-in of `new`'s",
    "almost_the_agencys": "differs from its agency's only by a plural", "repeated_entries": "two entries of one section",
    "shared_repeated_entries": "an agency's « Ascenseurs » and « ascenseurs »",
    "notice_twice": "a notice whose title is an earlier one's",
    "shared_notices_twice": "two shared notices too, when both reach a residence", "outage_twice": "an outage of the same equipment",
    "unpublished_markup": "a Markdown text holding what its page leaves out",
    "unpublished_in": "a Markdown text holding what its page leaves out",
    "missing_translations": "lists a missing translation as a warning",
    "shared_missing_translations": "in what `site_config.yml` shows on residences' pages",
    "untranslated_interface": "how many of our words its pages still show in French",
    "unshown_translations": "typed in another language than French",
}
"""Each warning rule of validate, and the README's words for it."""


def test_every_warning_validate_gives_is_in_the_readme() -> None:
    """The README's list of warnings had lost four (two absences on the same days, two slots at the same
    time, a shared notice's empty `[]` targets, no emergency number) and the law pages' translations never
    shown. Every rule `RULES` and `project_warnings` apply has its words in the README: a new rule fails
    here until the README says it."""
    import inspect

    from generator.contract import warnings

    rules = {rule.__name__ for rule in warnings.RULES}
    rules |= set(re.findall(r"\*(\w+)\(", inspect.getsource(warnings.config_warnings)))
    assert rules == set(WARNINGS_SAID), sorted(rules ^ set(WARNINGS_SAID))
    readme = " ".join(README.split())
    for rule, words in WARNINGS_SAID.items():
        assert words in readme, f"the README does not say {rule}'s warning: « {words} »"


def test_the_template_s_columns_are_those_the_docs_name_in_its_order() -> None:
    """CONTRIBUTING.md listed the template's first row with « Adresse web » last, where the template writes
    it second. Its list, the README's import table and the required columns of both are the template's."""
    from generator.onboarding.columns import COLUMNS

    titles, required = [c.title for c in COLUMNS], [c.title for c in COLUMNS if c.required]
    contributing = " ".join((REPO / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    listed = re.search(r"la première ligne contient les titres de colonnes \(([^)]*)\)", contributing)
    assert listed and re.findall(r"`([^`]+)`", listed.group(1)) == titles
    needed = re.search(r"Seuls (`Nom`.*?) sont obligatoires", contributing)
    assert needed and re.findall(r"`([^`]+)`", needed.group(1)) == required
    rows = [re.findall(r"`([^`]+)`", line.split("|")[1]) for line in section("Importing a spreadsheet").splitlines()
            if line.startswith("| `")]
    assert [title for row in rows for title in row] == titles
    lines = [line for line in section("Importing a spreadsheet").splitlines() if line.startswith("| `")]
    assert [t for line in lines if "(required)" in line.split("|")[1]
            for t in re.findall(r"`([^`]+)`", line.split("|")[1])] == required


def test_every_limit_the_docs_give_is_the_code_s() -> None:
    """Each number the README and CONTRIBUTING.md give for a limit, written from the constant the code
    applies: changing the limit without its docs fails here."""
    from generator.contract import loader, markdown_depth, outages, printable, values, warnings
    from generator.outputs import hall

    url = values.MAX_URL_LENGTH
    said = {
        "README.md": [f"The type and size ({loader.MAX_BYTES // 1024} KB)",
                      f"more than {loader.MAX_DEPTH} nested levels is refused",
                      f"Formatting nested more than {markdown_depth.MAX_DEPTH} levels deep",
                      f"at most {printable.LOGO_MAX_BYTES // 2**20} MB and {printable.LOGO_MAX_PIXELS // 10**6} "
                      "million pixels",
                      f"version {values.QR_MAX_VERSION} or below", f"which holds {url} characters",
                      f"is at most {url - values.MAX_SLUG_LENGTH - 1} characters and a slug at most "
                      f"{values.MAX_SLUG_LENGTH}", f"has at most {values.MAX_SLUG_LENGTH} characters",
                      f"a notice that ended more than {warnings.NOTICE_STALE_DAYS} days ago",
                      f"it stays {outages.REPAIRED_SHOWN_DAYS} days as « réparée le … »",
                      f"an outage repaired more than {outages.REPAIRED_SHOWN_DAYS} days ago",
                      f"a page at a time ({hall.PAGE_SECONDS} s each",
                      f"`residence.json` every {hall.REFRESH_SECONDS // 60} minutes",
                      f"each language in turn for {'a minute' if hall.ALTERNATE_SECONDS == 60 else 'NOT A MINUTE'}"],
        "CONTRIBUTING.md": [f"{values.MAX_SLUG_LENGTH} caractères au plus",
                            f"de moins de {printable.LOGO_MAX_BYTES // 2**20} Mo",
                            f"sur plus de {markdown_depth.MAX_DEPTH} niveaux",
                            f"un avis terminé depuis plus de {warnings.NOTICE_STALE_DAYS} jours",
                            f"une panne réparée depuis plus de {outages.REPAIRED_SHOWN_DAYS} jours",
                            f"affichée {outages.REPAIRED_SHOWN_DAYS} jours, « réparée le … »"],
    }
    for doc, phrases in said.items():
        text = " ".join((REPO / doc).read_text(encoding="utf-8").split())
        for phrase in phrases:
            assert phrase in text, f"{doc} does not say « {phrase} »"


def markdown_keys() -> set[str]:
    """The keys of the residence and ``site_config.yml`` models whose values are Markdown, found by walking
    the models (a field added tomorrow is in it)."""
    import typing

    from pydantic import BaseModel

    from generator.contract import model, values

    def markdown(metadata: typing.Iterable[object]) -> bool:
        return any(getattr(m, "func", None) is values.parse_local_markdown for m in metadata)

    found: set[str] = set()
    seen: set[type] = set()

    def walk(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, field in cls.model_fields.items():
            types: list[object] = [field.annotation]
            if markdown(field.metadata):
                found.add(field.alias or name)
            while types:
                kind = types.pop()
                if typing.get_origin(kind) is typing.Annotated and markdown(kind.__metadata__):  # type: ignore[attr-defined]
                    found.add(field.alias or name)
                if isinstance(kind, type) and issubclass(kind, BaseModel):
                    walk(kind)
                types += typing.get_args(kind)

    walk(model.Residence)
    walk(model.SiteConfig)
    return found


def test_the_markdown_fields_the_docs_and_the_hint_name_are_the_models() -> None:
    """An outage's `help` is Markdown and may hold several lines, but the README, CONTRIBUTING.md and the
    hint of « retour à la ligne non permis ici » listed the Markdown fields without it: staff told « seuls
    les textes Markdown (description, note, how_to, a, body) » kept a `help` on one line for nothing."""
    from generator.contract.characters import MARKDOWN_KEYS

    keys = markdown_keys()
    assert keys >= {"a", "body", "how_to", "note", "description", "help"}
    assert set(MARKDOWN_KEYS) == keys
    readme = re.search(r"Markdown fields \(([^)]*)\)", README)
    contributing = re.search(r"Seules les réponses et textes longs\s+\(([^)]*)\)",
                             (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    for listed in (readme, contributing):
        assert listed and set(re.findall(r"`(\w+)`", listed.group(1))) == keys, listed


def test_the_nightly_run_s_hours_the_readme_gives_are_the_cron_s() -> None:
    """The README said the nightly run turns the site over at « 03:05 (04:05 in summer) in La Réunion »,
    which changes no clock: the cron is in UTC, 03:05 there all year. Each local hour it gives is the
    workflow's cron read in that zone, in winter and in summer. It also counted one `TZ=Europe/Paris` in
    pull-request.yml, which has two since `diff` takes the Paris date: a landlord moving the zone missed one."""
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    workflows = REPO / ".github" / "workflows"
    cron = re.search(r'cron: "(\d+) (\d+) \* \* \*"', (workflows / "publish.yml").read_text(encoding="utf-8"))
    assert cron
    minute, hour = int(cron.group(1)), int(cron.group(2))

    def local(zone: str, month: int) -> str:
        when = datetime(2026, month, 15, hour, minute, tzinfo=timezone.utc).astimezone(ZoneInfo(zone))
        return f"{when:%H:%M}"

    text = " ".join(README.split())
    assert f"the nightly run at {hour:02}:{minute:02} UTC: {local('Europe/Paris', 1)} in Paris in winter, " \
           f"{local('Europe/Paris', 7)} in summer" in text
    antilles, reunion = local("America/Martinique", 1), local("Indian/Reunion", 1)
    assert (antilles, reunion) == (local("America/Martinique", 7), local("Indian/Reunion", 7))
    assert f"{antilles} the day before in the Antilles and {reunion} in La Réunion, all year" in text
    counted = re.search(r"in the (\w+) `TZ=Europe/Paris date \+%F` of `publish.yml` "
                        r"and the (\w+) of `pull-request.yml`", text)
    assert counted, "the README counts the workflows' Paris dates"
    words = {"one": 1, "two": 2, "three": 3, "four": 4}
    assert [words[counted.group(1)], words[counted.group(2)]] == [
        (workflows / name).read_text(encoding="utf-8").count("TZ=Europe/Paris date +%F")
        for name in ("publish.yml", "pull-request.yml")]
