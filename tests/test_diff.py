"""`residence-hub diff BASE HEAD`: what tenants will see change, from two inline projects."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.contract.project import load_project
from generator.review.changes import ProjectChanges, diff_projects
from conftest import SITE_CONFIG

TILLEULS = """\
name: Les Tilleuls
address: {street: 12 rue des Tilleuls, postcode: 93200, city: Saint-Denis}
agency: nord
caretaker:
  name: Karim Benali
  phone: 0148201122
  hours:
    - days: [mon, tue, wed, thu, fri]
      open: 8:30
      close: 12:00
maintenance:
  - {topic: Ascenseurs, company: Otis, phone: 01 41 00 00 00}
notices:
  - {title: Coupure d'eau, from: 2026-12-03, until: 2026-12-03}
"""
LILAS = "name: Les Lilas\naddress: {street: 4 rue des Lilas, postcode: 93100, city: Montreuil}\nagency: sud\n"
PEUPLIERS = "name: Les Peupliers\naddress: {street: 1 av. des Peupliers, postcode: 93200, city: Saint-Denis}\nagency: nord\n"


@pytest.fixture
def two_projects(make_project, tmp_path: Path) -> Callable[..., tuple[Path, Path]]:  # type: ignore[no-untyped-def]
    """``two_projects(base={...}, head={...})`` → (base folder, head folder), both written by make_project."""

    def make(base: dict[str, str], head: dict[str, str], head_config: str = SITE_CONFIG) -> tuple[Path, Path]:
        base_dir = make_project(**base).rename(tmp_path / "base")
        return base_dir, make_project(site_config=head_config, **head)

    return make


BEFORE_ALL = "2026-11-01"
"""The day of the comparisons below: before every date of their files, so nothing in them is over yet."""


def diff(base: Path, head: Path, today: str = BEFORE_ALL) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["diff", str(base), str(head), "--today", today])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_caretaker_phone_and_hours_and_notices(two_projects) -> None:  # type: ignore[no-untyped-def]
    head = (TILLEULS.replace("0148201122", "01 48 20 11 23").replace("open: 8:30", "open: 9h")
            .replace("company: Otis", "company: Kone")
            .replace("  - {title: Coupure d'eau, from: 2026-12-03, until: 2026-12-03}",
                     "  - {title: Ascenseur en panne, from: 2026-12-04, until: 2026-12-10, level: urgent}"))
    code, output = diff(*two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls": head}))
    assert code == 0
    assert output == """\
## Ce que les locataires verront changer

### Résidence modifiée : Les Tilleuls (les-tilleuls)

- Gardien — téléphone : « 01 48 20 11 22 » → « 01 48 20 11 23 »
- Gardien — horaires : avant « du lundi au vendredi de 8h30 à 12h », maintenant « du lundi au vendredi de 9h à 12h »
- Dépannage « Ascenseurs » — entreprise : « Otis » → « Kone »
- Avis retiré : « Coupure d'eau »
- Avis ajouté : « Ascenseur en panne », du vendredi 4 décembre 2026 au jeudi 10 décembre 2026, niveau urgent
"""


def test_a_phone_typed_differently_is_no_change(two_projects) -> None:  # type: ignore[no-untyped-def]
    head = TILLEULS.replace("0148201122", "01.48.20.11.22").replace("open: 8:30", "open: 08h30")
    output = diff(*two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls": head}))[1]
    assert output == ("## Ce que les locataires verront changer\n\n"
                      "Aucun changement visible sur les sites des résidences.\n"
                      "1 autre(s) résidence(s) sans changement visible.\n")


def test_residences_added_and_removed_in_slug_order(two_projects) -> None:  # type: ignore[no-untyped-def]
    code, output = diff(*two_projects({"les-tilleuls": TILLEULS, "les-peupliers": PEUPLIERS},
                                      {"les-tilleuls": TILLEULS, "les-lilas": LILAS}))
    assert code == 0
    assert output.index("Nouvelle résidence : Les Lilas (les-lilas)") < output.index(
        "Résidence retirée : Les Peupliers (les-peupliers)")
    assert "- Nouveau site : https://residences.example.org/les-lilas/" in output
    assert "- Adresse : 4 rue des Lilas, 93100 Montreuil ; agence : Agence Sud" in output
    assert "https://residences.example.org/les-peupliers/ ne sera plus publié" in output
    assert "1 autre(s) résidence(s) sans changement visible." in output


def test_caretaker_absence_and_contacts_and_fibre(two_projects) -> None:  # type: ignore[no-untyped-def]
    head = TILLEULS.split("maintenance:")[0] + """\
  absences:
    - {from: 2026-12-22, to: 2027-01-02, replacement: {name: Sophie Martin, phone: 06 98 76 54 32}}
maintenance:
  - {topic: Ascenseurs, company: Otis, phone: 01 41 00 00 00}
contacts:
  - {role: Amicale des locataires, email: amicale@example.org}
fibre: {status: available}
"""
    output = diff(*two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls": head}))[1]
    assert ("- Absence du gardien ajoutée : du mardi 22 décembre 2026 au samedi 2 janvier 2027, "
            "remplacé par Sophie Martin, 06 98 76 54 32") in output
    assert "- Contact ajouté : « Amicale des locataires »" in output
    assert "- Avis retiré : « Coupure d'eau »" in output
    assert "- Rubrique fibre ajoutée" in output
    assert "Ascenseurs" not in output


def test_a_notice_or_an_absence_of_one_day_is_said_on_that_day(two_projects) -> None:  # type: ignore[no-untyped-def]
    """« du jeudi 3 décembre 2026 au jeudi 3 décembre 2026 »: one day is said once, as the pages say it."""
    head = TILLEULS.replace("maintenance:", "  absences:\n    - {from: 2026-12-22, to: 2026-12-22}\nmaintenance:")
    base = TILLEULS.replace("notices:\n  - {title: Coupure d'eau, from: 2026-12-03, until: 2026-12-03}\n", "")
    output = diff(*two_projects({"les-tilleuls": base}, {"les-tilleuls": head}))[1]
    assert "- Avis ajouté : « Coupure d'eau », le jeudi 3 décembre 2026, niveau information" in output
    assert "- Absence du gardien ajoutée : le mardi 22 décembre 2026" in output


def test_site_wide_changes_are_listed_once(two_projects) -> None:  # type: ignore[no-untyped-def]
    config = (SITE_CONFIG.replace("phone: 01 49 33 10 10", "phone: 01 49 33 10 11")
              .replace("  - {label: SAMU, phone: 15}", "  - {label: SAMU, phone: 15}\n  - {label: Pompiers, phone: 18}"))
    output = diff(*two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls": TILLEULS}, head_config=config))[1]
    assert "### Toutes les résidences\n\n" in output
    assert "- Agence « Agence Nord » — téléphone : « 01 49 33 10 10 » → « 01 49 33 10 11 »" in output
    assert "- Numéro d'urgence ajouté : « Pompiers »" in output


def test_a_new_site_address_says_the_printed_qr_codes_lead_to_the_old_one(two_projects) -> None:  # type: ignore[no-untyped-def]
    """A residence removed or renamed says its QR code will lead nowhere; a new ``base_url`` moves every
    residence's address, and the summary said « Adresse du site : … → … » then « sans changement visible »,
    nothing of the posters printed in every hall."""
    moved = SITE_CONFIG.replace("base_url: https://residences.example.org/", "base_url: https://sites.example.org/r/")
    output = diff(*two_projects({"les-tilleuls": TILLEULS, "les-lilas": LILAS},
                                {"les-tilleuls": TILLEULS, "les-lilas": LILAS}, head_config=moved))[1]
    assert ("- Adresse du site : « https://residences.example.org/ » → « https://sites.example.org/r/ » : l'adresse "
            "de chaque résidence change, et les QR codes déjà imprimés \\(affiches, flyers\\) mènent à l'ancienne ; "
            "réimprimez-les, ou faites rediriger l'ancienne adresse vers la nouvelle") in output


def test_a_residence_renamed_is_one_residence_moved_not_one_removed_and_one_added(two_projects) -> None:  # type: ignore[no-untyped-def]
    """A file renamed (les-tilleuls.yml → tilleuls.yml) was told « Résidence retirée » then « Nouvelle
    résidence » with every contact, service and notice listed as new: the same residence, whose address and
    QR code change, with what else changed."""
    head = TILLEULS.replace("company: Otis", "company: Kone")
    output = diff(*two_projects({"les-tilleuls": TILLEULS, "les-lilas": LILAS},
                                {"tilleuls": head, "les-lilas": LILAS}))[1]
    assert output == """\
## Ce que les locataires verront changer

### Résidence déplacée : Les Tilleuls (les-tilleuls → tilleuls)

- Adresse du site : « https://residences.example.org/les-tilleuls/ » → « https://residences.example.org/tilleuls/ » : \
les QR codes déjà imprimés \\(affiches, flyers\\) mènent à l'ancienne ; réimprimez-les, ou faites rediriger \
l'ancienne adresse vers la nouvelle
- Dépannage « Ascenseurs » — entreprise : « Otis » → « Kone »

1 autre(s) résidence(s) sans changement visible.
"""


def test_two_residences_of_one_name_in_two_towns_are_not_one_moved(two_projects) -> None:  # type: ignore[no-untyped-def]
    elsewhere = LILAS.replace("name: Les Lilas", "name: Les Tilleuls")
    output = diff(*two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls-montreuil": elsewhere}))[1]
    assert "### Résidence retirée : Les Tilleuls (les-tilleuls)" in output
    assert "### Nouvelle résidence : Les Tilleuls (les-tilleuls-montreuil)" in output


def test_a_site_address_losing_its_final_slash_is_no_change(changes) -> None:  # type: ignore[no-untyped-def]
    slash = SITE_CONFIG.replace("base_url: https://residences.example.org/", "base_url: https://residences.example.org")
    result = changes({"les-tilleuls": TILLEULS}, {"les-tilleuls": TILLEULS}, head_config=slash)
    assert result.site_wide == () and result.residences == ()


def test_languages_the_accessibility_statement_and_the_legal_notice_are_site_wide_changes(changes) -> None:  # type: ignore[no-untyped-def]
    """A pull request adding English and Arabic to every residence, or changing the accessibility status or
    the publication director shown on every site, was summarised « Aucun changement visible sur les sites
    des résidences »: config_changes did not look at languages, accessibility nor legal."""
    head = SITE_CONFIG + """\
languages: [fr, en, ar]
accessibility: {status: partiellement_conforme, statement_date: 2026-11-27}
legal: {director: Jean Martin, host: {name: OVH, address: "2 rue Kellermann, 59100 Roubaix"}}
"""
    base = SITE_CONFIG + "accessibility: {statement_date: 2026-11-27}\nlegal: {director: Claire Dupont}\n"
    result = changes({"les-tilleuls": TILLEULS}, {"les-tilleuls": TILLEULS}, base_config=base, head_config=head)
    assert list(result.site_wide) == [
        "Langues du site : « français » → « français, anglais, arabe »",
        "Déclaration d'accessibilité — état : « non conforme » → « partiellement conforme »",
        "Mentions légales — directeur ou directrice de la publication : « Claire Dupont » → « Jean Martin »",
        "Mentions légales — hébergeur ajouté(e) : « OVH, 2 rue Kellermann, 59100 Roubaix »",
    ]


def test_the_caretaker_s_title_is_a_change(changes) -> None:  # type: ignore[no-untyped-def]
    """The pages call the caretaker by ``caretaker.title`` (« Votre gardienne »); a pull request setting or
    changing it was « sans changement visible »: caretaker_changes listed the fields it compared, not this one."""
    head = TILLEULS.replace("  name: Karim Benali\n", "  name: Karim Benali\n  title: agent de proximité\n")
    result = changes({"les-tilleuls": TILLEULS}, {"les-tilleuls": head})
    assert lines_of(result, "les-tilleuls") == ["Gardien — titre ajouté(e) : « agent de proximité »"]


def test_a_logo_replaced_under_the_same_name_is_a_change(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every page and poster shows the logo; a pull request replacing ``logo.png`` by a new image of the same
    name changed no YAML value, and the summary said « Aucun changement visible »."""
    from PIL import Image

    config = SITE_CONFIG.replace("landlord: {name: Habitat Test,", "landlord: {name: Habitat Test, logo: logo.png,", 1)
    assert config != SITE_CONFIG
    base = make_project(site_config=config, **{"les-tilleuls": TILLEULS})
    Image.new("RGB", (200, 80), (0, 70, 140)).save(base / "logo.png")
    base = base.rename(tmp_path / "base")
    head = make_project(site_config=config, **{"les-tilleuls": TILLEULS})
    Image.new("RGB", (200, 80), (200, 30, 30)).save(head / "logo.png")
    output = diff(base, head)[1]
    assert "- Bailleur — logo : image remplacée \\(logo.png\\)" in output
    Image.new("RGB", (200, 80), (0, 70, 140)).save(head / "logo.png")
    assert "Aucun changement visible" in diff(base, head)[1]


def test_text_typed_by_staff_is_escaped_in_the_summary(two_projects) -> None:  # type: ignore[no-untyped-def]
    head = TILLEULS.replace("title: Coupure d'eau", "title: <img src=x onerror=alert(1)> *urgent*")
    output = diff(*two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls": head}))[1]
    assert r"« \<img src=x onerror=alert\(1\)\> \*urgent\* »" in output
    assert not re.search(r"(?<!\\)[<>*]", output)


def test_a_mention_typed_by_staff_notifies_nobody_in_the_summary(two_projects) -> None:  # type: ignore[no-untyped-def]
    """GitHub makes « @name » of a text node a link to that account (or team), even escaped « \\@name »: a
    zero-width space after the « @ » keeps it text; an email address is no mention and stays as typed."""
    head = TILLEULS.replace("title: Coupure d'eau", "title: Réunion @octocat et @org/team ; écrire à amicale@example.org")
    output = diff(*two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls": head}))[1]
    assert "« Réunion @&#8203;octocat et @&#8203;org/team ; écrire à amicale@example.org »" in output
    assert not re.search(r"(?<!\w)@\w", output.replace("@&#8203;", ""))


def test_an_invalid_folder_is_reported_with_its_path(two_projects, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _, head = two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls": "name: X\n"})
    monkeypatch.chdir(head.parent)
    code, output = diff(Path("base"), Path("project"))
    assert code == 1
    assert "project/residences/les-tilleuls.yml:1: « address » manquant" in output
    assert "Traceback" not in output


def test_the_mistakes_of_both_folders_come_together_with_hints_diff_can_follow(two_projects, tmp_path: Path,
                                                                              monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The base's mistakes hid the head's, and a folder that is no project was told « indiquez --project »,
    an option diff does not take."""
    _, head = two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls": "name: X\n"})
    monkeypatch.chdir(head.parent)
    (tmp_path / "vide").mkdir()
    code, output = diff(Path("vide"), Path("project"))
    assert code == 1 and "--project" not in output
    assert "vide/site_config.yml:1: fichier introuvable\n    → BASE et HEAD sont deux dossiers de projet" in output
    assert "vide/residences:1: dossier introuvable\n    → BASE et HEAD sont deux dossiers de projet" in output
    assert "project/residences/les-tilleuls.yml:1: « address » manquant" in output
    code, output = diff(Path("project"), Path("project"))
    assert code == 1 and output.count("« address » manquant") == 1


# --- Shared notices, agency defaults, outages (issue 14) -----------------------------------------------

def write(folder: Path, config: str, residences: dict[str, str]) -> Path:
    (folder / "residences").mkdir(parents=True)
    (folder / "site_config.yml").write_text(config, encoding="utf-8")
    for slug, text in residences.items():
        (folder / "residences" / f"{slug}.yml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def changes(tmp_path: Path) -> Callable[..., ProjectChanges]:
    """``changes(base, head, base_config, head_config)`` → what ``diff`` says, before Markdown escaping."""
    count = iter(range(1000))

    def compare(base: dict[str, str], head: dict[str, str], base_config: str = SITE_CONFIG,
                head_config: str = SITE_CONFIG) -> ProjectChanges:
        n = next(count)
        return diff_projects(load_project(write(tmp_path / f"base{n}", base_config, base)),
                             load_project(write(tmp_path / f"head{n}", head_config, head)),
                             date.fromisoformat(BEFORE_ALL))

    return compare


def lines_of(result: ProjectChanges, slug: str) -> list[str]:
    return next(list(r.lines) for r in result.residences if r.slug == slug)


ELECTION = ("notices:\n  - {title: Élection des représentants des locataires, from: 2026-11-15, until: 2026-12-15,\n"
            "     agencies: [nord], residences: [les-lilas]}\n")
THREE = {"les-tilleuls": TILLEULS, "les-peupliers": PEUPLIERS, "les-lilas": LILAS}


def test_a_shared_notice_added_says_how_many_residences_and_which_agencies_it_reaches(two_projects) -> None:  # type: ignore[no-untyped-def]
    output = diff(*two_projects(THREE, THREE, head_config=SITE_CONFIG + ELECTION))[1]
    assert output == """\
## Ce que les locataires verront changer

### Toutes les résidences

- Avis commun ajouté : « Élection des représentants des locataires », du dimanche 15 novembre 2026 au mardi \
15 décembre 2026, niveau information : 3 résidences \\(agences : nord, sud\\)

3 autre(s) résidence(s) sans changement visible.
"""  # the residences themselves are unchanged: a shared notice is said once


def test_a_shared_notice_changed_or_removed_says_whom_it_reached(changes) -> None:  # type: ignore[no-untyped-def]
    narrowed = ELECTION.replace("until: 2026-12-15", "until: 2026-12-20").replace(", residences: [les-lilas]", "")
    result = changes(THREE, THREE, SITE_CONFIG + ELECTION, SITE_CONFIG + narrowed)
    assert result.site_wide == (
        "Avis commun « Élection des représentants des locataires » — fin : « mardi 15 décembre 2026 » → "
        "« dimanche 20 décembre 2026 »",
        "Avis commun « Élection des représentants des locataires » — résidences retiré(e) (était « les-lilas »)",
        "Avis commun « Élection des représentants des locataires » : 2 résidences (agence : nord) "
        "(avant : 3 résidences (agences : nord, sud))")
    assert changes(THREE, THREE, SITE_CONFIG + ELECTION).site_wide == (
        "Avis commun retiré : « Élection des représentants des locataires » ; il était sur 3 résidences "
        "(agences : nord, sud)",)



def test_a_shared_notice_whose_targets_are_only_reordered_is_no_change(changes) -> None:  # type: ignore[no-untyped-def]
    """« residences: [les-lilas, les-tilleuls] » written « [les-tilleuls, les-lilas] » (or its agencies): no
    tenant sees it, yet the summary said « résidences : « les-lilas, les-tilleuls » → « les-tilleuls, les-lilas » »
    and the notice's reach again, as if it had changed. Targets are a set, compared as one."""
    both = ELECTION.replace("agencies: [nord], residences: [les-lilas]",
                            "agencies: [nord, sud], residences: [les-lilas, les-tilleuls]")
    swapped = ELECTION.replace("agencies: [nord], residences: [les-lilas]",
                               "agencies: [sud, nord], residences: [les-tilleuls, les-lilas]")
    result = changes(THREE, THREE, SITE_CONFIG + both, SITE_CONFIG + swapped)
    assert (result.site_wide, result.residences) == ((), ())
    moved = changes(THREE, {**THREE, "les-lilas": LILAS.replace("agency: sud", "agency: nord")},
                    SITE_CONFIG + both, SITE_CONFIG + swapped)
    assert (moved.site_wide, lines_of(moved, "les-lilas")) == ((), ["Agence : « Agence Sud » → « Agence Nord »"])


AGENCY_LIFT = SITE_CONFIG.replace("  nord: {name: Agence Nord, phone: 01 49 33 10 10, email: nord@example.org}\n", """\
  nord:
    name: Agence Nord
    phone: 01 49 33 10 10
    email: nord@example.org
    maintenance:
      - {topic: Ascenseurs, company: Schindler, phone: 01 40 00 00 00}
      - {topic: Chauffage, company: Dalkia, phone: 01 40 00 00 01}
""")


def test_a_change_of_an_agency_default_shows_on_each_residence_that_inherits_it(two_projects) -> None:  # type: ignore[no-untyped-def]
    base, head = two_projects(THREE, THREE, head_config=AGENCY_LIFT.replace("01 40 00 00 00", "01 40 00 00 09"))
    (base / "site_config.yml").write_text(AGENCY_LIFT)
    assert diff(base, head)[1] == """\
## Ce que les locataires verront changer

### Toutes les résidences

- Agence « Agence Nord » — Dépannage « Ascenseurs » — téléphone : « 01 40 00 00 00 » → « 01 40 00 00 09 »

### Résidence modifiée : Les Peupliers (les-peupliers)

- Dépannage « Ascenseurs » — téléphone : « 01 40 00 00 00 » → « 01 40 00 00 09 » \\(hérité de l'agence\\)

2 autre(s) résidence(s) sans changement visible.
"""  # les-tilleuls has its own « Ascenseurs » (Otis): the agency's change does not reach it


def test_a_residence_dropping_its_own_entry_shows_the_agencys_coming_back_unmarked(changes) -> None:  # type: ignore[no-untyped-def]
    head = TILLEULS.replace("maintenance:\n  - {topic: Ascenseurs, company: Otis, phone: 01 41 00 00 00}\n", "")
    result = changes({"les-tilleuls": TILLEULS}, {"les-tilleuls": head}, AGENCY_LIFT, AGENCY_LIFT)
    assert lines_of(result, "les-tilleuls") == [
        "Dépannage « Ascenseurs » — entreprise : « Otis » → « Schindler »",
        "Dépannage « Ascenseurs » — téléphone : « 01 41 00 00 00 » → « 01 40 00 00 00 »"]


def test_a_residence_newly_inheriting_by_a_change_of_agency_says_so(changes) -> None:  # type: ignore[no-untyped-def]
    result = changes({"les-lilas": LILAS}, {"les-lilas": LILAS.replace("agency: sud", "agency: nord")},
                     AGENCY_LIFT, AGENCY_LIFT)
    assert lines_of(result, "les-lilas") == [
        "Agence : « Agence Sud » → « Agence Nord »",
        "Dépannage ajouté : « Ascenseurs » (hérité de l'agence)", "Dépannage ajouté : « Chauffage » (hérité de l'agence)"]


def test_a_new_residence_lists_what_it_inherits_marked(changes) -> None:  # type: ignore[no-untyped-def]
    result = changes({}, {"les-peupliers": PEUPLIERS}, AGENCY_LIFT, AGENCY_LIFT)
    assert lines_of(result, "les-peupliers")[2:] == ["Dépannage : « Ascenseurs » (hérité de l'agence)",
                                                     "Dépannage : « Chauffage » (hérité de l'agence)"]


LIFT = PEUPLIERS + """\
buildings: [C]
outages:
  - equipment: Ascenseur du bâtiment C
    buildings: [C]
    since: 2026-11-25
    status: reported
    expected: 2026-12-04
    updates:
      - {date: 2026-11-26, text: Le technicien est passé.}
"""


@pytest.mark.parametrize("change, expected", [
    (("status: reported", "status: repaired\n    repaired: 2026-12-08"),
     ["Ascenseur du bâtiment C : réparé le mardi 8 décembre 2026"]),
    (("status: reported", "status: in_repair"),
     ["Ascenseur du bâtiment C : état « signalée » → « en réparation »"]),
    (("expected: 2026-12-04", "expected: 2026-12-10"),
     ["Ascenseur du bâtiment C : retour prévu le jeudi 10 décembre 2026 (au lieu du vendredi 4 décembre 2026)"]),
    (("    expected: 2026-12-04\n", ""),
     ["Ascenseur du bâtiment C : plus de date de retour prévue (était le vendredi 4 décembre 2026)"]),
    (("passé.}", "passé.}\n      - {date: 2026-12-01, text: La pièce est commandée.}"),
     ["Ascenseur du bâtiment C : nouvelle du mardi 1er décembre 2026 : La pièce est commandée."]),
    (("Le technicien est passé.", "\"Le technicien est passé, la pièce manque.\""),
     ["Ascenseur du bâtiment C : nouvelle du jeudi 26 novembre 2026 modifiée : Le technicien est passé, la pièce "
      "manque."]),
    (("since: 2026-11-25", "since: 2026-11-24\n    help: Appelez la gardienne."),
     ["Ascenseur du bâtiment C — début : « mercredi 25 novembre 2026 » → « mardi 24 novembre 2026 »",
      "Ascenseur du bâtiment C — en attendant ajouté(e) : « Appelez la gardienne. »"]),
])
def test_outage_changes_are_said_in_words(changes, change: tuple[str, str], expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = changes({"les-peupliers": LIFT}, {"les-peupliers": LIFT.replace(*change)})
    assert lines_of(result, "les-peupliers") == expected


def test_a_new_outage_and_one_taken_off_the_page(changes) -> None:  # type: ignore[no-untyped-def]
    result = changes({"les-peupliers": PEUPLIERS + "buildings: [C]\n"}, {"les-peupliers": LIFT})
    assert lines_of(result, "les-peupliers") == [
        "Ascenseur du bâtiment C : nouvelle panne, signalée depuis le mercredi 25 novembre 2026, retour prévu le "
        "vendredi 4 décembre 2026"]
    result = changes({"les-peupliers": LIFT}, {"les-peupliers": PEUPLIERS + "buildings: [C]\n"})
    assert lines_of(result, "les-peupliers") == ["Ascenseur du bâtiment C : panne retirée de la page"]


def test_a_residence_changing_agency_says_which_shared_notices_it_gains_or_loses(changes) -> None:  # type: ignore[no-untyped-def]
    config = SITE_CONFIG + ELECTION.replace(", residences: [les-lilas]", "")
    result = changes({"les-lilas": LILAS}, {"les-lilas": LILAS.replace("agency: sud", "agency: nord")}, config, config)
    assert lines_of(result, "les-lilas") == [
        "Agence : « Agence Sud » → « Agence Nord »", "Avis commun désormais affiché : « Élection des représentants des locataires »"]
    assert result.site_wide == ()
    added = changes({}, {"les-peupliers": PEUPLIERS}, config, config)
    assert lines_of(added, "les-peupliers")[-1] == "Avis commun : « Élection des représentants des locataires »"


TWO_LIFTS = PEUPLIERS + """\
buildings: [A, B]
outages:
  - {equipment: Ascenseur, buildings: [A], since: 2026-12-01, status: in_repair}
  - {equipment: Ascenseur, buildings: [B], since: 2026-12-02, status: reported}
"""


def test_two_outages_of_one_equipment_name_are_told_apart(changes) -> None:  # type: ignore[no-untyped-def]
    """Two lifts both typed « Ascenseur », one per building: each one's change is said, named by its building
    (they were matched by name alone, the second hid the first: « Aucun changement » for a lift repaired)."""
    repaired = TWO_LIFTS.replace("status: in_repair}", "status: repaired, repaired: 2026-12-05}")
    assert lines_of(changes({"les-peupliers": TWO_LIFTS}, {"les-peupliers": repaired}), "les-peupliers") == [
        "Ascenseur (bâtiment A) : réparé le samedi 5 décembre 2026"]
    one = TWO_LIFTS.replace("  - {equipment: Ascenseur, buildings: [B], since: 2026-12-02, status: reported}\n", "")
    assert lines_of(changes({"les-peupliers": TWO_LIFTS}, {"les-peupliers": one}), "les-peupliers") == [
        "Ascenseur (bâtiment B) : panne retirée de la page"]
    assert lines_of(changes({"les-peupliers": one}, {"les-peupliers": TWO_LIFTS}), "les-peupliers") == [
        "Ascenseur (bâtiment B) : nouvelle panne, signalée depuis le mercredi 2 décembre 2026"]
    moved = TWO_LIFTS.replace("buildings: [B], since: 2026-12-02", "buildings: [A, B], since: 2026-12-02")
    assert lines_of(changes({"les-peupliers": TWO_LIFTS}, {"les-peupliers": moved}), "les-peupliers") == [
        "Ascenseur (bâtiments A, B) — bâtiments : « B » → « A, B »"]
    swapped = PEUPLIERS + "buildings: [A, B]\noutages:\n" + "".join(reversed(TWO_LIFTS.split("outages:\n")[1]
                                                                             .splitlines(keepends=True)))
    assert [r.slug for r in changes({"les-peupliers": TWO_LIFTS}, {"les-peupliers": swapped}).residences] == []


def test_a_lift_broken_again_is_a_new_outage_not_the_repaired_one_reopened(changes) -> None:  # type: ignore[no-untyped-def]
    """The same lift breaks again, typed above its repaired outage: one new outage (they were paired in the
    order typed, and the diff said the repaired one went back to « signalée » and a repaired one was new)."""
    repaired = PEUPLIERS + """\
buildings: [C]
outages:
  - {equipment: Ascenseur du bâtiment C, buildings: [C], since: 2026-11-10, status: repaired, repaired: 2026-11-20}
"""
    again = repaired.replace("outages:\n", "outages:\n  - {equipment: Ascenseur du bâtiment C, buildings: [C], "
                                          "since: 2026-12-01, status: reported}\n")
    assert lines_of(changes({"les-peupliers": repaired}, {"les-peupliers": again}), "les-peupliers") == [
        "Ascenseur du bâtiment C : nouvelle panne, signalée depuis le mardi 1er décembre 2026"]
    assert lines_of(changes({"les-peupliers": again}, {"les-peupliers": repaired}), "les-peupliers") == [
        "Ascenseur du bâtiment C (depuis le mardi 1er décembre 2026) : panne retirée de la page"]
    # The repaired one taken out, as validate asks once it is off the page: said which one, not the lift still out.
    only_new = again.replace("  - {equipment: Ascenseur du bâtiment C, buildings: [C], since: 2026-11-10, status: "
                             "repaired, repaired: 2026-11-20}\n", "")
    fixed = only_new.replace("status: reported}", "status: repaired, repaired: 2026-12-04}")
    assert lines_of(changes({"les-peupliers": again}, {"les-peupliers": fixed}), "les-peupliers") == [
        "Ascenseur du bâtiment C (depuis le mardi 10 novembre 2026) : panne retirée de la page",
        "Ascenseur du bâtiment C : réparé le vendredi 4 décembre 2026"]


def test_a_notice_typed_above_another_of_the_same_title_is_one_added(changes) -> None:  # type: ignore[no-untyped-def]
    """A second « Coupure d'eau » (another day) typed above the first: one notice added. Notices of one title
    were paired in the order typed, and the diff said the first one's dates changed and the second was new."""
    again = TILLEULS.replace("notices:\n", "notices:\n  - {title: Coupure d'eau, from: 2026-12-10, until: 2026-12-10}\n")
    assert lines_of(changes({"les-tilleuls": TILLEULS}, {"les-tilleuls": again}), "les-tilleuls") == [
        "Avis ajouté : « Coupure d'eau (2) », le jeudi 10 décembre 2026, niveau information"]
    assert lines_of(changes({"les-tilleuls": again}, {"les-tilleuls": TILLEULS}), "les-tilleuls") == [
        "Avis retiré : « Coupure d'eau »"]
    moved = again.replace("from: 2026-12-10, until: 2026-12-10", "from: 2026-12-11, until: 2026-12-11")
    assert lines_of(changes({"les-tilleuls": again}, {"les-tilleuls": moved}), "les-tilleuls") == [
        "Avis « Coupure d'eau » — début : « jeudi 10 décembre 2026 » → « vendredi 11 décembre 2026 »",
        "Avis « Coupure d'eau » — fin : « jeudi 10 décembre 2026 » → « vendredi 11 décembre 2026 »"]


def test_a_shared_notice_typed_above_another_of_the_same_title_is_one_added(changes) -> None:  # type: ignore[no-untyped-def]
    """The same for shared notices: « Réunion publique » for agency sud typed above the one for nord."""
    nord = "notices:\n  - {title: Réunion publique, from: 2026-12-01, until: 2026-12-10, agencies: [nord]}\n"
    both = nord.replace("notices:\n", "notices:\n  - {title: Réunion publique, from: 2026-12-12, until: 2026-12-20, "
                                      "agencies: [sud]}\n")
    result = changes(THREE, THREE, SITE_CONFIG + nord, SITE_CONFIG + both)
    assert list(result.site_wide) == [
        "Avis commun ajouté : « Réunion publique (2) », du samedi 12 décembre 2026 au dimanche 20 décembre 2026, "
        "niveau information : 1 résidence (agence : sud)"]
    assert result.residences == ()
    lilas = {**THREE, "les-lilas": LILAS.replace("agency: sud", "agency: nord")}
    assert [lines_of(changes(THREE, lilas, SITE_CONFIG + both, SITE_CONFIG + both), "les-lilas")[-2:]] == [[
        "Avis commun plus affiché : « Réunion publique »", "Avis commun désormais affiché : « Réunion publique (2) »"]]


ENDED = ("Des avis, pannes réparées, absences ou fermetures qui ne sont plus affichés le lundi 7 décembre 2026 ont "
         "été ajoutés, retirés ou modifiés : cela ne change rien pour les locataires (non listés ci-dessus).")


OVER = TILLEULS.replace("maintenance:", "  absences:\n    - {from: 2026-11-02, to: 2026-11-06}\nmaintenance:") + (
    "outages:\n  - {equipment: Ascenseur, since: 2026-11-10, status: repaired, repaired: 2026-11-20}\n")
"""On 2026-12-07, its notice has ended, its outage was repaired 17 days before and its absence is of a past week."""
OVER_GONE = OVER.replace("notices:\n  - {title: Coupure d'eau, from: 2026-12-03, until: 2026-12-03}\n", "")


@pytest.mark.parametrize("base, head", [
    (OVER, OVER_GONE), (OVER_GONE, OVER),
    (OVER, OVER.replace("  absences:\n    - {from: 2026-11-02, to: 2026-11-06}\n", "").split("outages:")[0]),
    (OVER, OVER.replace("from: 2026-12-03, until: 2026-12-03", "from: 2026-12-01, until: 2026-12-02"))],
    ids=["ended-notice-deleted", "ended-notice-added", "past-absence-and-outage-deleted", "ended-notice-redated"])
def test_what_is_already_over_on_the_day_is_no_change_for_tenants(two_projects, base: str, head: str) -> None:  # type: ignore[no-untyped-def]
    """A notice ended on ``--today`` deleted as validate asks (or added, or its dates changed) shows nothing to
    tenants: the diff said « Avis retiré » / « Avis ajouté ». It says so once; an outage repaired long ago and an
    absence of a past week the same."""
    code, output = diff(*two_projects({"les-tilleuls": base}, {"les-tilleuls": head}), today="2026-12-07")
    assert code == 0
    assert output == ("## Ce que les locataires verront changer\n\nAucun changement visible sur les sites des "
                      f"résidences.\n1 autre(s) résidence(s) sans changement visible.\n\n{ENDED}\n"), output


def test_an_ended_notice_made_longer_comes_back(two_projects) -> None:  # type: ignore[no-untyped-def]
    later = OVER.replace("until: 2026-12-03", "until: 2026-12-31")
    code, output = diff(*two_projects({"les-tilleuls": OVER}, {"les-tilleuls": later}), today="2026-12-07")
    assert "- Avis ajouté : « Coupure d'eau », du jeudi 3 décembre 2026 au jeudi 31 décembre 2026" in output
    assert ENDED not in output


def test_an_ended_shared_notice_or_past_closure_is_no_change_either(changes) -> None:  # type: ignore[no-untyped-def]
    """Site-wide too: a shared notice or a landlord's closure already over, deleted, is said once, not listed."""
    ended = ("notices:\n  - {title: Réunion publique, from: 2026-10-01, until: 2026-10-10}\n"
             "closures:\n  - {date: 2026-10-12, label: Inventaire}\n")
    result = changes(THREE, THREE, SITE_CONFIG + ended, SITE_CONFIG)
    assert result.site_wide == ()
    assert result.ended == date(2026, 11, 1)


def test_a_new_residence_says_which_of_its_outages_are_repaired(changes) -> None:  # type: ignore[no-untyped-def]
    """A new residence listed each outage as « Panne en cours », the repaired one too, which its page shows as
    « Réparée le … »."""
    text = PEUPLIERS + ("outages:\n  - {equipment: Ascenseur, since: 2026-11-10, status: in_repair}\n"
                        "  - {equipment: Porte du parking, since: 2026-11-10, status: repaired, repaired: 2026-11-20}\n")
    lines = lines_of(changes({}, {"les-peupliers": text}), "les-peupliers")
    assert "Panne en cours : « Ascenseur »" in lines
    assert "Panne réparée : « Porte du parking », le vendredi 20 novembre 2026" in lines
    assert "Panne en cours : « Porte du parking »" not in lines
