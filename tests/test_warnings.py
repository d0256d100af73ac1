"""Warnings in ``validate``: what looks stale or incomplete is reported at its line, and never blocks."""

from __future__ import annotations

import json
import pickle
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.contract.project import load_project
from generator.contract.warnings import project_warnings, review_due
from generator.errors import Problem
from generator.user_cache import sealed
from conftest import SITE_CONFIG

STALE = """\
name: Résidence Test
address: {street: 1 rue de la Paix, postcode: 01000, city: Bourg-en-Bresse}
agency: nord
reviewed: 2026-05-31
caretaker:
  name: Karim Benali
  absences:
    - {from: 2026-11-01, to: 2026-11-10}
    - {from: 2026-11-25, to: 2026-12-05}
notices:
  - {title: Ancien avis, from: 2026-10-01, until: 2026-10-31}
  - {title: Avis récent, from: 2026-11-01, until: 2026-11-02}
"""
TODAY = date(2026, 12, 2)
WITH_REVIEW = SITE_CONFIG + "review_every_months: 6\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    return result.exit_code, result.output


def test_each_warning_at_its_line(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(site_config=WITH_REVIEW, test=STALE)
    warnings = project_warnings(load_project(root), TODAY)
    assert [(w.line, w.message) for w in warnings] == [
        (1, "aucun contrat d'entretien : pas de page « Qui appeler en cas de panne ? »"),
        (4, "fiche vérifiée le dimanche 31 mai 2026, il y a plus de 6 mois"),
        (5, "gardien sans horaires : les locataires ne savent pas quand le trouver"),
        (8, "absence du gardien passée (du dimanche 1er novembre 2026 au mardi 10 novembre 2026)"),
        (11, "avis « Ancien avis » terminé depuis 32 jours (le samedi 31 octobre 2026)"),
    ]
    assert {w.file for w in warnings} == {"residences/test.yml"}
    assert warnings[1].hint == "relisez toute la fiche, puis notez « reviewed: 2026-12-02 »"


def test_boundaries_thirty_days_and_review_period(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(site_config=WITH_REVIEW, test=STALE)
    project = load_project(root)
    # 30 days after the notice ended is not yet stale; six months after 31 May is 30 November.
    assert not [w for w in project_warnings(project, date(2026, 11, 30)) if "avis" in w.message]
    assert review_due(date(2026, 5, 31), 6) == date(2026, 11, 30)
    assert review_due(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert not [w for w in project_warnings(project, date(2026, 11, 30)) if "vérifiée" in w.message]
    assert [w for w in project_warnings(project, date(2026, 12, 1)) if "vérifiée" in w.message]


def test_each_residences_warnings_are_kept_for_the_next_run_while_its_file_config_and_day_are_the_same(
        make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A rebuild after one change computes only that file's warnings (every untranslated text of 1,000
    residences took over a second); the others come from the store, which the file, the config and the day key."""
    monkeypatch.setenv("RESIDENCE_HUB_CACHE", str(tmp_path / "cache"))
    root = make_project(site_config=WITH_REVIEW, test=STALE, autre=STALE.replace("Test", "Autre"))
    first = project_warnings(load_project(root), TODAY)
    (store,) = (tmp_path / "cache" / "warnings").iterdir()
    entries = pickle.loads(store.read_bytes())
    assert len(entries) == 2
    marker = [Problem("residences/test.yml", 1, "taken from the store", "")]
    store.write_bytes(pickle.dumps({key: sealed(pickle.dumps(marker)) for key in entries}))  # as entries are
    assert [w.message for w in project_warnings(load_project(root), TODAY)] == ["taken from the store"] * 2
    assert project_warnings(load_project(root), date(2026, 12, 3)) != first  # another day: computed
    assert "32 jours" in str(project_warnings(load_project(root), TODAY))  # computed: the store keeps one day
    (root / "residences" / "test.yml").write_text(STALE.replace("Ancien avis", "Vieil avis"), encoding="utf-8")
    found = [w.message for w in project_warnings(load_project(root), TODAY) if w.file == "residences/test.yml"]
    assert "avis « Vieil avis » terminé depuis 32 jours (le samedi 31 octobre 2026)" in found
    (root / "site_config.yml").write_text(SITE_CONFIG, encoding="utf-8")  # no review period any more
    assert not [w for w in project_warnings(load_project(root), TODAY) if "vérifiée" in w.message]


def test_never_reviewed_only_when_the_config_asks(make_project) -> None:  # type: ignore[no-untyped-def]
    residence = STALE.replace("reviewed: 2026-05-31\n", "")
    assert not [w for w in project_warnings(load_project(make_project(test=residence)), TODAY)
                if "vérifiée" in w.message]
    root = make_project(site_config=WITH_REVIEW, test=residence)
    (warning,) = [w for w in project_warnings(load_project(root), TODAY) if "vérifiée" in w.message]
    assert (warning.line, warning.message) == (1, "fiche jamais vérifiée (pas de « reviewed ») ; à relire tous les 6 mois")


def test_a_review_day_typed_empty_is_told_at_its_own_line(make_project) -> None:  # type: ignore[no-untyped-def]
    """« reviewed: » left empty (or « ~ ») was told at line 1 as « pas de « reviewed » », a line the file has."""
    for empty in ("reviewed:", "reviewed: ~"):
        root = make_project(site_config=WITH_REVIEW, test=STALE.replace("reviewed: 2026-05-31", empty))
        (warning,) = [w for w in project_warnings(load_project(root), TODAY) if "vérifiée" in w.message]
        assert (warning.line, warning.message, warning.hint) == (
            4, "fiche jamais vérifiée (« reviewed » vide) ; à relire tous les 6 mois",
            "relisez toute la fiche, puis notez « reviewed: 2026-12-02 »")


def test_review_period_must_be_a_positive_number_of_months(make_project) -> None:  # type: ignore[no-untyped-def]
    code, output = run("--project", str(make_project(site_config=SITE_CONFIG + "review_every_months: 0\n")))
    assert code == 1 and "site_config.yml:10: review_every_months: au moins 1 (mois), par exemple 6" in output
    code, output = run("--project", str(make_project(site_config=SITE_CONFIG + "review_every_months: six\n")))
    assert code == 1 and "« six » n'est pas un nombre entier" in output


def test_a_review_period_beyond_ten_years_is_refused_not_a_crash(make_project) -> None:  # type: ignore[no-untyped-def]
    """999999 months after a review is a year no calendar holds: it was « Erreur interne (ValueError) »."""
    for months in ("999999", "121"):
        root = make_project(site_config=SITE_CONFIG + f"review_every_months: {months}\n", test=STALE)
        code, output = run("--project", str(root))
        assert code == 1 and output == (f"Erreur : site_config.yml:10: review_every_months: au plus 120 (mois, dix ans), "
                                        "par exemple 6\n1 erreur dans 1 fichier(s) : rien n'a été publié.\n")
    assert run("--project", str(make_project(site_config=SITE_CONFIG + "review_every_months: 120\n")))[0] == 0


def test_validate_exits_0_and_shows_warnings_in_every_format(make_project, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = make_project(site_config=WITH_REVIEW, test=STALE)
    code, output = run("--project", str(root), "--today", "2026-12-02")
    assert code == 0
    assert output.splitlines()[:2] == [
        "residences/test.yml:1: à vérifier : aucun contrat d'entretien : pas de page « Qui appeler en cas de panne ? »",
        "    → ajoutez « maintenance: » avec, pour chaque panne, l'entreprise et son téléphone"]
    assert output.splitlines()[-1] == ("OK : 1 résidence(s) valide(s). 5 point(s) à vérifier dans 1 fichier(s), "
                                       "sans bloquer la publication.")
    code, output = run("--project", str(root), "--today", "2026-12-02", "--format", "json")
    document = json.loads(output)
    assert code == 0 and document["ok"] is True and document["problems"] == []
    assert [(w["line"], w["message"][:20]) for w in document["warnings"]] == [
        (1, "aucun contrat d'entr"), (4, "fiche vérifiée le di"), (5, "gardien sans horaire"),
        (8, "absence du gardien p"), (11, "avis « Ancien avis »")]
    monkeypatch.chdir(root)
    summary = tmp_path / "summary.md"
    result = CliRunner().invoke(main, ["validate", "--today", "2026-12-02", "--format", "github"],
                                env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0
    assert result.output.count("::warning file=residences/test.yml,line=") == 5
    assert "::warning file=residences/test.yml,line=11,title=À vérifier (ne bloque pas la publication)::avis " \
           "« Ancien avis » terminé depuis 32 jours" in result.output
    assert "::error" not in result.output
    written = summary.read_text(encoding="utf-8")
    assert "### À vérifier (ne bloque pas la publication)" in written
    assert "- **ligne 11** : avis « Ancien avis » terminé depuis 32 jours" in written


def test_warnings_wait_until_errors_are_fixed(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(site_config=WITH_REVIEW, test=STALE + "units: beaucoup\n")
    code, output = run("--project", str(root), "--today", "2026-12-02", "--format", "json")
    document = json.loads(output)
    assert code == 1 and document["warnings"] == [] and len(document["problems"]) == 1


LATE = """\
name: Résidence Test
address: {street: 1 rue de la Paix, postcode: 01000, city: Bourg-en-Bresse}
agency: nord
maintenance:
  - {topic: Ascenseur, company: Otis, phone: 0800 24 24 07}
outages:
  - {equipment: Chauffage, since: 2026-11-20, status: repaired, repaired: 2026-11-21}
  - equipment: Ascenseur du bâtiment C
    since: 2026-11-25
    status: in_repair
    expected: 2026-12-01
  - {equipment: Interphone, since: 2026-11-25, status: reported, expected: 2026-12-02}
"""


def test_an_outage_past_its_expected_date_warns_at_its_line(make_project) -> None:  # type: ignore[no-untyped-def]
    warnings = project_warnings(load_project(make_project(test=LATE)), TODAY)
    assert [str(w) for w in warnings] == [
        "residences/test.yml:7: panne « Chauffage » réparée depuis 11 jours (le samedi 21 novembre 2026)\n"
        "    → elle n'est plus affichée : supprimez-la du fichier",
        "residences/test.yml:8: retard : panne « Ascenseur du bâtiment C » prévue réparée le mardi 1er décembre 2026\n"
        "    → mettez à jour status, expected ou ajoutez une nouvelle (updates) : les locataires voient « retard » "
        "sur la page",
    ]  # the interphone is expected back today: not late yet
    assert len(project_warnings(load_project(make_project(test=LATE)), date(2026, 12, 3))) == 3


def test_a_repaired_outage_is_never_late(make_project) -> None:  # type: ignore[no-untyped-def]
    repaired = LATE.replace("status: in_repair", "status: repaired\n    repaired: 2026-12-02")
    assert not [w for w in project_warnings(load_project(make_project(test=repaired)), TODAY) if "retard" in w.message]



def test_an_outage_starting_or_news_dated_on_a_day_to_come_warns_at_its_line(make_project) -> None:  # type: ignore[no-untyped-def]
    """News dated 5 December typed on 2 December: the home page listed it among « Les nouvelles » as done, and
    the feed dated its entry of the build day (not the day typed), without a word from validate; an outage
    « since » a day to come read « Depuis le vendredi 4 décembre » on 2 December. Told as a repair to come is."""
    future = LATE.replace("    expected: 2026-12-01\n", "    expected: 2026-12-01\n    updates:\n"
                          "      - {date: 2026-11-26, text: La pièce est commandée.}\n"
                          "      - {date: 2026-12-05, text: Le technicien passera.}\n").replace(
        "{equipment: Interphone, since: 2026-11-25, status: reported, expected: 2026-12-02}",
        "{equipment: Interphone, since: 2026-12-04, status: reported}")
    warnings = [str(w) for w in project_warnings(load_project(make_project(test=future)), TODAY) if "à venir" in str(w)]
    assert warnings == [
        "residences/test.yml:14: panne « Ascenseur du bâtiment C » : nouvelle du samedi 5 décembre 2026, un jour à "
        "venir : les locataires la lisent déjà parmi les nouvelles\n"
        "    → une nouvelle dit ce qui a été fait ou appris : datez-la du jour où vous l'écrivez ; ce qui est prévu "
        "s'écrit dans son texte ou dans expected",
        "residences/test.yml:15: panne « Interphone » depuis le vendredi 4 décembre 2026, un jour à venir : les "
        "locataires lisent déjà « Depuis le … »\n"
        "    → « since » est le jour où la panne a commencé ; une coupure prévue s'annonce par un avis (notices)"]
    assert not [w for w in project_warnings(load_project(make_project(test=future)), date(2026, 12, 5))
                if "à venir" in w.message]  # on the day itself: true


def test_an_outage_repaired_on_a_day_to_come_warns_at_its_line(make_project) -> None:  # type: ignore[no-untyped-def]
    """« repaired: 2026-12-20 » typed on 2 December (the day planned, in « repaired » instead of « expected »):
    the home page, the hall screen and the feed said « Réparée le dimanche 20 décembre » of a lift still out,
    and validate said nothing."""
    future = LATE.replace("status: in_repair\n    expected: 2026-12-01", "status: repaired\n    repaired: 2026-12-20")
    warnings = [str(w) for w in project_warnings(load_project(make_project(test=future)), TODAY) if "à venir" in str(w)]
    assert warnings == [
        "residences/test.yml:11: panne « Ascenseur du bâtiment C » réparée le dimanche 20 décembre 2026, un jour à "
        "venir : les locataires lisent déjà « Réparée le … »\n"
        "    → tant que ce n'est pas réparé, écrivez status: in_repair et le jour prévu dans expected ; « repaired » "
        "est le jour où la réparation a été faite"]
    assert not [w for w in project_warnings(load_project(make_project(test=future)), date(2026, 12, 20))
                if "à venir" in w.message]  # repaired today: true


def test_a_shared_notice_whose_targets_are_written_empty_warns_that_it_reaches_every_residence(make_project) -> None:  # type: ignore[no-untyped-def]
    """« agencies: [] » reads as « no agency » but, with no residence named either, the notice is on every site."""
    config = SITE_CONFIG + """\
notices:
  - {title: Élection, from: 2026-11-15, until: 2026-12-15, agencies: [], residences: []}
  - {title: Plan grand froid, from: 2026-11-15, until: 2026-12-15, agencies: [], residences: [test]}
  - {title: Vœux, from: 2026-11-15, until: 2026-12-15}
"""
    warnings = [str(w) for w in project_warnings(load_project(make_project(site_config=config, test=LATE)), TODAY)
                if "vide" in w.message]
    assert warnings == [
        "site_config.yml:11: avis commun « Élection » : « agencies » est vide, il s'affiche donc dans toutes les "
        "résidences\n    → pour toutes les résidences, retirez cette ligne ; sinon, écrivez les agences ou les "
        "résidences visées"]



def test_a_shared_notice_aimed_at_an_agency_without_residences_warns_at_its_line(make_project) -> None:  # type: ignore[no-untyped-def]
    """« agencies: [sud] » while no residence file names « sud » yet (its residences still to import, or « sud »
    meant for « nord »): the notice is published nowhere, or not where staff think, and validate said nothing."""
    config = SITE_CONFIG + """\
notices:
  - {title: Élection, from: 2026-11-15, until: 2026-12-15, agencies: [sud]}
  - {title: Plan grand froid, from: 2026-11-15, until: 2026-12-15, agencies: [nord, sud], residences: [test]}
  - {title: Vœux, from: 2026-11-15, until: 2026-12-15, agencies: [nord]}
"""
    warnings = [str(w) for w in project_warnings(load_project(make_project(site_config=config, test=LATE)), TODAY)
                if "aucune résidence" in w.message]
    assert warnings == [
        "site_config.yml:11: avis commun « Élection » : l'agence « sud » n'a aucune résidence, l'avis ne s'affiche "
        "nulle part\n    → vérifiez l'agence visée (agence de résidences : nord), ou retirez-la",
        "site_config.yml:12: avis commun « Plan grand froid » : l'agence « sud » n'a aucune résidence\n"
        "    → vérifiez l'agence visée (agence de résidences : nord), ou retirez-la"]


ABSENT = """\
name: X
address: {street: a, postcode: "93200", city: b}
agency: nord
caretaker:
  name: Karim Benali
  hours: [{days: [mon], open: 8h, close: 12h}]
  absences:
"""
"""A caretaker whose absences the tests below add, one a line."""


def test_two_absences_over_the_same_days_warn_at_the_later_line(make_project) -> None:  # type: ignore[no-untyped-def]
    """The pages name one absence a day (the one ending last): the other's replacement is not shown then."""
    residence = ABSENT + """\
    - {from: 2026-12-20, to: 2027-01-05, replacement: {name: Sophie Martin}}
    - {from: 2027-01-06, to: 2027-01-08}
    - {from: 2026-12-15, to: 2026-12-22, replacement: {name: Paul Durand}}
    - {from: 2026-11-01, to: 2026-11-10}
    - {from: 2026-11-05, to: 2026-11-06}
"""
    found = [str(w) for w in project_warnings(load_project(make_project(test=residence)), TODAY) if "chevauche" in w.message]
    assert found == [
        "residences/test.yml:10: absence du mardi 15 décembre 2026 au mardi 22 décembre 2026 : elle chevauche celle "
        "du dimanche 20 décembre 2026 au mardi 5 janvier 2027, et les pages n'en montrent qu'une par jour\n"
        "    → réunissez-les en une seule absence, ou corrigez leurs dates pour qu'elles se suivent"]


def test_an_absence_of_one_day_is_said_on_that_day_in_the_warnings(make_project) -> None:  # type: ignore[no-untyped-def]
    """« absence du gardien passée (du … au …) » named one day twice, as the overlap did."""
    residence = ABSENT + """\
    - {from: 2026-11-02, to: 2026-11-02}
    - {from: 2026-12-21, to: 2026-12-23}
    - {from: 2026-12-22, to: 2026-12-22}
"""
    found = [w.message for w in project_warnings(load_project(make_project(test=residence)), TODAY)
             if "absence" in w.message]
    assert found == [
        "absence du gardien passée (le lundi 2 novembre 2026)",
        "absence le mardi 22 décembre 2026 : elle chevauche celle du lundi 21 décembre 2026 au mercredi 23 décembre "
        "2026, et les pages n'en montrent qu'une par jour"]


def test_an_expired_shared_notice_warns_at_its_line_in_site_config(make_project) -> None:  # type: ignore[no-untyped-def]
    config = SITE_CONFIG + """\
notices:
  - {title: Plan grand froid, from: 2026-01-01, until: 2026-03-31}
  - {title: Élection, from: 2026-11-15, until: 2026-12-15}
"""
    warnings = project_warnings(load_project(make_project(site_config=config, test=LATE)), TODAY)
    assert str(warnings[-1]) == ("site_config.yml:11: avis commun « Plan grand froid » terminé depuis 246 jours "
                                 "(le mardi 31 mars 2026)\n"
                                 "    → il n'est plus affiché sur aucune résidence : supprimez-le du fichier")
    assert [w.file for w in warnings] == ["residences/test.yml", "residences/test.yml", "site_config.yml"]



def test_a_residence_s_copy_of_a_shared_notice_that_reaches_it_warns_that_both_show(make_project) -> None:  # type: ignore[no-untyped-def]
    """The notice moved to site_config.yml, its copy left in the residence's file: the home page, the hall screen
    and the calendar showed it twice, and validate said nothing. Not for another residence, nor other days."""
    config = SITE_CONFIG + """\
notices:
  - {title: Plan grand froid, from: 2026-12-02, until: 2027-02-28, agencies: [nord]}
"""
    own = STALE.replace("reviewed: 2026-05-31\n", "") + """\
  - {title: PLAN GRAND  FROID, from: 2026-11-20, until: 2026-12-02}
  - {title: Plan grand froid, from: 2026-11-01, until: 2026-12-01}
"""
    root = make_project(site_config=config, test=own, autre=own.replace("agency: nord", "agency: sud"))
    warnings = [str(w) for w in project_warnings(load_project(root), TODAY) if "l'avis commun" in w.message]
    assert warnings == [
        "residences/test.yml:12: avis « PLAN GRAND  FROID » : même titre que l'avis commun n° 1 de site_config.yml, "
        "qui atteint déjà cette résidence aux mêmes dates : les deux s'affichent\n"
        "    → supprimez-le de ce fichier (l'avis commun suffit), ou donnez-lui un autre titre"]


def test_a_copy_of_a_shared_notice_both_ended_is_not_said_to_show_twice(make_project) -> None:  # type: ignore[no-untyped-def]
    """« les deux s'affichent » was said of a copy and a shared notice both ended (shown together last month):
    neither shows any more, and the copy is told as ended, 30 days on, like any other notice."""
    config = SITE_CONFIG + """\
notices:
  - {title: Plan grand froid, from: 2026-11-01, until: 2026-11-30}
  - {title: Élection, from: 2026-11-15, until: 2026-12-15}
"""
    own = STALE.replace("reviewed: 2026-05-31\n", "") + """\
  - {title: Plan grand froid, from: 2026-11-01, until: 2026-11-30}
  - {title: Élection, from: 2026-11-15, until: 2026-12-01}
  - {title: Élection, from: 2026-12-03, until: 2026-12-31}
"""
    root = make_project(site_config=config, test=own)
    twice = [w.line for w in project_warnings(load_project(root), TODAY) if "même titre" in w.message]
    assert twice == [14]  # the copy still to come, shown with the shared one from tomorrow


def test_a_contact_with_a_role_alone_warns_and_says_when_it_hides_the_agency_s(make_project) -> None:  # type: ignore[no-untyped-def]
    """« contacts: [{role: Régie de quartier}] » in a residence replaced its agency's « Régie de quartier » whole:
    the page showed the role and no way to reach it, the agency's phone gone, and validate said nothing."""
    config = SITE_CONFIG.replace("email: nord@example.org}", "email: nord@example.org, contacts: [{role: Régie de "
                                                             "quartier, phone: 01 48 20 30 40}]}")
    assert config != SITE_CONFIG
    own = STALE.replace("reviewed: 2026-05-31\n", "") + """\
contacts:
  - role: régie de quartier
  - {role: Amicale}
  - {role: Centre social, hours: le mardi}
"""
    warnings = [str(w) for w in project_warnings(load_project(make_project(site_config=config, test=own)), TODAY)
                if "contact" in w.message]
    assert warnings == [
        "residences/test.yml:13: contact « régie de quartier » sans nom, téléphone, e-mail, adresse ni horaires : "
        "les locataires ne savent pas comment le joindre ; il remplace celui de l'agence, qui ne s'affiche plus\n"
        "    → ajoutez phone, email, name ou address ; pour garder celui de l'agence, retirez cette entrée",
        "residences/test.yml:14: contact « Amicale » sans nom, téléphone, e-mail, adresse ni horaires : les "
        "locataires ne savent pas comment le joindre\n    → ajoutez phone, email, name ou address"]

def test_an_agency_s_contact_with_a_role_alone_warns_at_its_line_in_site_config(make_project) -> None:  # type: ignore[no-untyped-def]
    """The same « {role: Régie de quartier} » under an agency in ``site_config.yml`` was silent, where it shows
    on every residence of the agency with no way to reach it."""
    config = SITE_CONFIG.replace("  sud: {name: Agence Sud}\n", """\
  sud:
    name: Agence Sud
    contacts:
      - {role: Régie de quartier}
      - {role: Centre social, hours: le mardi}
""")
    assert config != SITE_CONFIG
    warnings = [str(w) for w in project_warnings(load_project(make_project(site_config=config)), TODAY)
                if "contact" in w.message]
    assert warnings == [
        "site_config.yml:8: agencies.sud.contacts[1] : contact « Régie de quartier » sans nom, téléphone, e-mail, "
        "adresse ni horaires : les locataires ne savent pas comment le joindre\n    → ajoutez phone, email, name ou "
        "address"]


def test_a_closure_whose_day_has_passed_warns_at_its_line_in_site_config(make_project) -> None:  # type: ignore[no-untyped-def]
    config = SITE_CONFIG + """\
closures:
  - {date: 2026-11-11, label: Pont du 11 novembre}
  - {date: 2026-12-24, label: Veille de Noël}
"""
    warnings = [w for w in project_warnings(load_project(make_project(site_config=config)), TODAY)
                if w.file == "site_config.yml"]
    assert [str(w) for w in warnings] == [
        "site_config.yml:11: fermeture passée : « Pont du 11 novembre » (le mercredi 11 novembre 2026)\n"
        "    → supprimez-la du fichier"]  # the coming one (24 December) is not


def test_shared_notices_and_agency_defaults_lacking_a_language_warn_at_their_line(make_project) -> None:  # type: ignore[no-untyped-def]
    config = SITE_CONFIG.replace("  sud: {name: Agence Sud}\n", """\
  sud:
    name: Agence Sud
    maintenance:
      - {topic: {fr: Ascenseurs, en: Lifts}, company: Otis, phone: 0800 24 24 07, note: Appelez 24h/24.}
""") + "languages: [fr, en]\nnotices:\n  - {title: Élection, from: 2026-11-15, until: 2026-12-15}\n"
    warnings = [str(w) for w in project_warnings(load_project(make_project(site_config=config)), TODAY)
                if w.file == "site_config.yml"]
    hint = ("    → ajoutez « en: … » sous cette clé (texte par langue) ; en attendant, le texte en « fr » s'affiche, "
            "signalé comme tel")
    assert warnings == [f"site_config.yml:8: agencies.sud.maintenance[1].note : pas de traduction (en)\n{hint}",
                        f"site_config.yml:10: emergency[1].label : pas de traduction (en)\n{hint}",
                        f"site_config.yml:12: faq[1].a : pas de traduction (en)\n{hint}",
                        f"site_config.yml:12: faq[1].q : pas de traduction (en)\n{hint}",
                        f"site_config.yml:15: notices[1].title : pas de traduction (en)\n{hint}"]


def test_an_entry_differing_from_the_agencys_by_a_plural_warns_that_both_show(make_project) -> None:  # type: ignore[no-untyped-def]
    config = SITE_CONFIG.replace("  nord: {name: Agence Nord, phone: 01 49 33 10 10, email: nord@example.org}\n", """\
  nord:
    name: Agence Nord
    maintenance:
      - {topic: Ascenseurs, company: Otis, phone: 0800 24 24 07}
    waste:
      - {kind: Encombrants, schedule: Le 2e mardi du mois}
""")
    residence = LATE.split("outages:")[0] + "waste:\n  - {kind: encombrants, schedule: Le 1er lundi}\n"
    warnings = project_warnings(load_project(make_project(site_config=config, test=residence)), TODAY)
    assert [str(w) for w in warnings] == [
        "residences/test.yml:5: topic « Ascenseur » ne remplace pas « Ascenseurs » de l'agence : les deux s'affichent"
        "\n    → pour remplacer celui de l'agence, écrivez « Ascenseurs »"]  # « encombrants » replaces: no warning


def test_what_a_markdown_text_holds_that_its_page_leaves_out_warns_at_its_line(make_project) -> None:  # type: ignore[no-untyped-def]
    """The sanitizer drops images, HTML and links that are not web, mail or phone addresses: staff are told,
    at the text's line (the translation's, for a text typed by language), rather than left to believe it
    published; an ordinary text and a relative link say nothing."""
    residence = STALE.replace("reviewed: 2026-05-31\n", "").replace("notices:\n", """\
faq:
  - q: Où sont les poubelles ?
    a: "Voir le plan : ![plan du local](https://photos.example.com/local.png) ou [la page](../dechets/)."
  - q: Le badge ?
    a:
      fr: À la loge, **sur rendez-vous**.
      en: "[Call](javascript:alert(1)) or <u>ask</u> at the lodge."
notices:
""")
    config = SITE_CONFIG + "languages: [fr, en]\nnotices:\n  - {title: Travaux, from: 2026-12-01, until: 2026-12-20, " \
                           "body: '<iframe src=\"https://video.example.com\"></iframe>Voir la vidéo.'}\n"
    warnings = [str(w) for w in project_warnings(load_project(make_project(site_config=config, test=residence)), TODAY)
                if "non publié" in w.message]
    hint = ("    → les pages ne montrent ni images ni HTML (hors gras, listes, liens…) et ne lient que des adresses "
            "https://, mailto: ou tel: ; décrivez l'image en texte ou faites un lien vers elle : [texte](https://…)")
    assert warnings == [
        f"residences/test.yml:11: faq[1].a : non publié sur la page : image « plan du local »\n{hint}",
        f"residences/test.yml:15: faq[2].a.en : non publié sur la page : lien « javascript:alert(1) », "
        f"balise HTML <u>\n{hint}",
        f"site_config.yml:12: notices[1].body : non publié sur la page : balise HTML <iframe>\n{hint}",
    ]
    code, output = run("--project", str(make_project(site_config=config, test=residence)))
    assert code == 0 and "faq[1].a : non publié sur la page : image « plan du local »" in output


@pytest.mark.parametrize(("text", "left_out"), [
    ("Un texte **gras**, une [page](../faq/), un [site](https://a.fr), [écrire](mailto:a@b.fr).", []),
    ("# Un titre\n\n```\ndu code\n```\n\n<span lang=\"ar\">نص</span> <abbr title=\"x\">X</abbr>", []),
    ("![](a.png) puis ![](b.png) et <img src=c.png alt='le hall'>", ["image", "image « le hall »"]),
    ("<script>alert(1)</script> <table><tr><td>1</td></tr></table>", ["balise HTML <script>", "balise HTML <table>",
                                                                      "balise HTML <tr>", "balise HTML <td>"]),
    ("[a](ftp://x.fr/f) [b](data:text/html,x) [c](tel:15)", ["lien « ftp://x.fr/f »", "lien « data:text/html,x »"]),

    ("[site](www.exemple.fr) [espace](locataires.exemple.fr/connexion) [écrire](gardien@exemple.fr) "
     "[appeler](01.48.20.11.22) [agenda](calendrier.ics) [contacts](contacts/)",
     ["lien « www.exemple.fr » sans « https:// » au début",
      "lien « locataires.exemple.fr/connexion » sans « https:// » au début",
      "lien « gardien@exemple.fr » sans « mailto: » au début", "lien « 01.48.20.11.22 » sans « tel: » au début"]),
    ("Voir [](https://a.fr), [![plan](p.png)](https://b.fr) ou [ ](mailto:a@b.fr) : [le site](https://c.fr).",
     ["image « plan »", "lien sans texte vers « https://a.fr »", "lien sans texte vers « https://b.fr »",
      "lien sans texte vers « mailto:a@b.fr »"]),
])
def test_what_the_page_leaves_out_of_a_markdown_text(text: str, left_out: list[str]) -> None:
    from generator.contract.markup import unpublished

    assert unpublished(text) == left_out


def test_a_link_without_words_is_left_out_of_the_page_not_published_empty() -> None:
    """« [](https://…) », or a link around an image the page drops, was published as an empty link: a tab stop
    a screen reader can only call « lien » (axe: link-name). It is left out, its neighbours kept, and
    ``validate`` says so (above)."""
    from generator.outputs.sanitize import markdown_to_html

    html = str(markdown_to_html("Voir [](https://a.fr), [![plan](p.png)](https://b.fr) ou [le site](https://c.fr)."))
    assert html == '<p>Voir ,  ou <a href="https://c.fr">le site</a>.</p>'


def test_a_day_given_twice_is_refused_and_overlapping_slots_are_to_check(make_project) -> None:  # type: ignore[no-untyped-def]
    """« days: [mon, mon] » showed « Collecte : lundi, lundi », and two slots at the same time both
    appeared on Monday's line of the weekly table (« de 8h à 9h de 8h30 à 10h »)."""
    head = "name: X\naddress: {street: a, postcode: 93200, city: b}\nagency: nord\n"
    twice = head + "waste:\n  - kind: Verre\n    days: [mon, tue, Mon]\n"
    code, output = run("--project", str(make_project(test=twice)))
    assert code == 1 and output.startswith("Erreur : residences/test.yml:6: waste[1].days[3]: jour « mon » indiqué deux "
                                           "fois\n    → retirez la seconde fois\n")
    overlap = head + ("caretaker:\n  name: Jo\n  hours:\n    - {days: [mon, tue], open: 8h, close: 9h}\n"
                      "    - {days: [wed], open: 8h30, close: 10h}\n    - {days: [tue], open: 8h30, close: 10h}\n")
    code, output = run("--project", str(make_project(test=overlap)), "--today", "2026-12-02")
    assert code == 0 and ("residences/test.yml:9: à vérifier : le mardi, le créneau 8h30-10h chevauche le créneau 1 "
                          "(8h-9h)\n    → réunissez-les en un seul créneau, ou corrigez les heures : les deux sont "
                          "affichés\n") in output
    assert output.count("chevauche") == 1


def test_a_link_without_its_https_mailto_or_tel_is_not_a_broken_link_on_the_page() -> None:
    """« [notre site](www.exemple.fr) », « [écrire](gardien@exemple.fr) », « [appeler](0148201122) » were
    published as links to pages of the microsite (…/les-tilleuls/www.exemple.fr) that do not exist, and
    validate said nothing. Their words now stay unlinked (as a javascript: link's) and validate warns with
    what to add; a path of the site stays a link. Found by writing links as staff copy them from a browser's
    address bar."""
    from generator.outputs.sanitize import markdown_to_html, plain_text

    text = "[notre site](www.exemple.fr), [écrire](gardien@exemple.fr), [appeler](0148201122), [agenda](calendrier.ics)"
    assert str(markdown_to_html(text)) == ('<p><a>notre site</a>, <a>écrire</a>, <a>appeler</a>, '
                                           '<a href="calendrier.ics">agenda</a></p>')
    assert plain_text(text, "https://r.example.org/a/") == ("notre site, écrire, appeler, agenda "
                                                            "(https://r.example.org/a/calendrier.ics)")


@pytest.mark.parametrize(("text", "left_out", "page"), [
    ("[le site](https://)", ["lien « https:// » : pas de nom de site après « https:// »"], "<a>le site</a>"),
    ("[le site](http://)", ["lien « http:// » : pas de nom de site après « http:// »"], "<a>le site</a>"),
    ("[le site](<https://exa mple.org>)", ["lien « https://exa mple.org » : une espace dans l'adresse"],
     "<a>le site</a>"),
    ("[le site](https://exa%20mple.org/)", ["lien « https://exa mple.org/ » : une espace dans l'adresse"],
     "<a>le site</a>"),
    ("[le site](https://a.fr:99999/)", ["lien « https://a.fr:99999/ » : le port « 99999 » (après le « : ») n'existe "
                                        "pas, un port est un nombre de 1 à 65535 : retirez « :99999 », une adresse web "
                                        "n'en a presque jamais"], "<a>le site</a>"),
    ("[le site](https://a.fr:0/)", ["lien « https://a.fr:0/ » : le port « 0 » (après le « : ») n'existe pas, un port "
                                    "est un nombre de 1 à 65535 : retirez « :0 », une adresse web n'en a presque "
                                    "jamais"], "<a>le site</a>"),  # the sanitizer kept it: a link to nowhere
    ("[le site](https://a%zz.fr)", ["lien « https://a%zz.fr » : adresse mal formée"], "<a>le site</a>"),
    ("[le site](https:/exemple.org)", ["lien « https:/exemple.org » : il manque « // » après « https: »"],
     "<a>le site</a>"),
    ("[le site](https:exemple.org)", ["lien « https:exemple.org » : il manque « // » après « https: »"],
     "<a>le site</a>"),
    ("[écrire](mailto:) ou [appeler](tel:)", ["lien « mailto: » : sans adresse e-mail après « mailto: »",
                                              "lien « tel: » : sans numéro après « tel: »"],
     "<a>écrire</a> ou <a>appeler</a>"),
    ("[le site][r]\n\n[r]: https://", ["lien « https:// » : pas de nom de site après « https:// »"], "<a>le site</a>"),
    ("[le **site**]() ou [](<>)", ["lien « le site » sans adresse entre les parenthèses", "lien sans texte vers «  »"],
     "<a>le <strong>site</strong></a> ou "),
    ("[le site](https://exa mple.org) et `[code](https://a b)`",
     ["lien non reconnu, affiché tel quel : « [le site](https://exa mple.org) »"],
     "[le site](https://exa mple.org) et <code>[code](https://a b)</code>"),
    ("[le site](https://exemple.org/é?a=1#b) [x](HTTPS://A.FR) [y](//a.fr)", [],
     '<a href="https://exemple.org/%C3%A9?a=1#b">le site</a> <a href="HTTPS://A.FR">x</a> <a href="//a.fr">y</a>'),
])
def test_a_malformed_link_the_page_does_not_link_is_told(text: str, left_out: list[str], page: str) -> None:
    """A link to a malformed address was taken out of the page by the sanitizer (nh3 reads each address with a
    URL parser: « https:// » alone, a space, a port out of range), or published as a link to a page of the
    microsite that does not exist (« https:/exemple.org », read as the path /exemple.org), or left on the page
    as its Markdown with its brackets (a space in the address), and validate said nothing, as it says for a
    link without https://. Now each is told with why; its words stay, unlinked. Found by typing addresses
    with a slash missing or a space, as staff do on a phone."""
    from generator.contract.markup import unpublished
    from generator.outputs.sanitize import markdown_to_html

    assert unpublished(text) == left_out
    assert str(markdown_to_html(text)) == f"<p>{page}</p>"


@pytest.mark.parametrize(("text", "left_out"), [
    ('<span lang="arabe">مرحبا</span>', ["langue « arabe » (lang) : écrivez un code comme ar, en, pt-BR"]),
    ('<span dir="droite">x</span>', ["direction « droite » (dir) : écrivez ltr, rtl ou auto"]),
    ('<span style="color: red">Important</span>', ["attribut « style » de <span>"]),
    ('<a href="https://a.fr" target="_blank">le site</a>', ["attribut « target » de <a>"]),
    ('<span lang="pt-BR" dir="rtl">x</span> <abbr title="x">X</abbr> [a](https://a.fr "t")\n\n```python\nx\n```', []),
    ('<span lang="xx">a</span> <span lang="ara">b</span> <span lang="fr-XY">c</span>',
     ["langue « xx » (lang) : écrivez un code comme ar, en, pt-BR",
      "langue « ara » (lang) : écrivez un code comme ar, en, pt-BR",
      "langue « fr-XY » (lang) : écrivez un code comme ar, en, pt-BR"]),
    ('<a href="https://a.fr" hreflang="arabe">le site</a>',
     ["langue « arabe » (hreflang) : écrivez un code comme ar, en, pt-BR"]),
    ('<span lang="zh-Hant">x</span> <span lang="es-419">y</span> <span lang="sr-Latn-RS">z</span> '
     '<a href="https://a.fr" hreflang="en-GB">a</a>', []),
])
def test_an_attribute_the_page_takes_off_is_told(text: str, left_out: list[str]) -> None:
    """The sanitizer keeps <span>, <a> and <abbr> but takes off what they carry beyond lang, dir, href, title:
    « <span lang="arabe"> » (a screen reader read the passage with the page's voice), « style », « target »
    went in silence, where a tag taken off is told. Found by writing an Arabic passage as the README shows,
    with the language's name instead of its code."""
    from generator.contract.markup import unpublished

    assert unpublished(text) == left_out


@pytest.mark.parametrize(("text", "left_out"), [
    ("| Jour | Heure |\n|------|-------|\n| Lundi | 9h |", ["tableau, affiché tel quel avec ses « | » : écrivez-le "
                                                         "en liste (- Lundi : 9h)"]),
    ("Horaires :\n\nJour | Heure\n:--- | ---:\nLundi | 9h", ["tableau, affiché tel quel avec ses « | » : écrivez-le "
                                                            "en liste (- Lundi : 9h)"]),
    ("Le tri | le verre\n\n---\n\n`a | b`\n\n```\n| a |\n|---|\n```", []),
])
def test_a_table_the_page_shows_as_typed_is_told(text: str, left_out: list[str]) -> None:
    """RGAA 5: a table typed in Markdown (a header row, then « |---|---| ») is no table on the page, which keeps
    no <table>: its rows came out as one paragraph of « | » and dashes, which a screen reader reads out one by
    one, and validate said nothing, as it says for a link shown as typed. A rule (« --- ») or a « | » in a
    sentence or in code is no table."""
    from generator.contract.markup import unpublished

    assert unpublished(text) == left_out


def test_a_malformed_link_warns_at_its_line_in_validate(make_project) -> None:  # type: ignore[no-untyped-def]
    head = "name: X\naddress: {street: a, postcode: 93200, city: b}\nagency: nord\n"
    text = head + "faq:\n  - q: Le site ?\n    a: Voir [notre site](https:/www.exemple.fr).\n"
    code, output = run("--project", str(make_project(test=text)), "--today", "2026-12-02")
    assert code == 0 and ("residences/test.yml:6: à vérifier : faq[1].a : non publié sur la page : lien "
                          "« https:/www.exemple.fr » : il manque « // » après « https: »\n") in output


def test_two_entries_named_alike_in_one_section_are_to_check(make_project) -> None:  # type: ignore[no-untyped-def]
    """« Amicale des locataires » and « Amicale des Locataires », two services « Jardin partagé », an agency's
    « Ascenseurs » and « ascenseurs », a common question typed twice were all shown, one under the other, and
    a residence's « Ascenseurs » replaced both of the agency's. A warning at the second (two companies may
    share a name on purpose), compared as the agencies' entries are (case, accents, spaces)."""
    config = SITE_CONFIG.replace("  sud: {name: Agence Sud}\n", """\
  sud:
    name: Agence Sud
    maintenance:
      - {topic: Ascenseurs, company: Otis, phone: 09 69 32 24 24}
      - {topic: ascenseurs, company: Kone, phone: 09 69 32 24 25}
""") + "  - {q: Comment  payer mon loyer ?, a: Par chèque.}\n"
    head = "name: X\naddress: {street: a, postcode: 93200, city: b}\nagency: nord\n"
    text = head + ("contacts:\n  - {role: Amicale des locataires, name: A}\n  - {role: Amicale des Locataires, name: B}\n"
                   "services:\n  - {name: Jardin partagé}\n  - {name: Jardin partage}\nwaste:\n"
                   "  - {kind: Encombrants, days: [mon]}\n  - {kind: Verre, days: [tue]}\n")
    found = [str(w) for w in project_warnings(load_project(make_project(site_config=config, test=text)), TODAY)
             if "les deux s'affichent" in w.message]
    hint = ("\n    → réunissez-les en une seule entrée, ou écrivez ce qui les distingue (par exemple « … du bâtiment A », "
            "« … du bâtiment B »)")
    assert found == [
        "residences/test.yml:6: contacts[2].role « Amicale des Locataires » : même role que contacts[1] : les deux "
        "s'affichent" + hint,
        "residences/test.yml:9: services[2].name « Jardin partage » : même name que services[1] : les deux s'affichent"
        + hint,
        "site_config.yml:9: agencies.sud.maintenance[2].topic « ascenseurs » : même topic que maintenance[1] : les "
        "deux s'affichent" + hint,
        "site_config.yml:14: faq[2].q « Comment  payer mon loyer ? » : même q que faq[1] : les deux s'affichent" + hint]


def test_a_notice_an_outage_or_an_emergency_number_typed_twice_is_to_check(make_project) -> None:  # type: ignore[no-untyped-def]
    """A notice pasted again (or copied to be changed, its first version left), an outage typed twice, an
    emergency number listed twice were valid and silent, where two contacts or services alike warned: tenants
    read them twice. A notice at other dates, an outage repaired then broken again, are two. Found by
    duplicating every list item of the samples."""
    config = SITE_CONFIG.replace("  - {label: SAMU, phone: 15}\n", "  - {label: SAMU, phone: 15}\n  - {label: Samu, phone: 15}\n")
    head = "name: X\naddress: {street: a, postcode: 93200, city: b}\nagency: nord\n"
    text = head + ("notices:\n  - {title: Coupure d'eau, from: 2026-12-01, until: 2026-12-03}\n"
                   "  - {title: Coupure d’eau, from: 2026-12-03, until: 2026-12-04}\n"
                   "  - {title: Coupure d'eau, from: 2027-01-10, until: 2027-01-11}\n"
                   "outages:\n  - {equipment: Ascenseur, since: 2026-11-20, status: repaired, repaired: 2026-11-25}\n"
                   "  - {equipment: Ascenseur, since: 2026-11-28, status: in_repair}\n"
                   "  - {equipment: ascenseur, since: 2026-11-29, status: reported}\n")
    found = [str(w) for w in project_warnings(load_project(make_project(site_config=config, test=text)), TODAY)
             if "les deux s'affichent" in w.message]
    assert found == [
        "residences/test.yml:6: notices[2].title « Coupure d’eau » : même titre que notices[1], aux mêmes dates : les "
        "deux s'affichent\n    → supprimez l'un des deux, ou écrivez dans le titre ce qui les distingue",
        "residences/test.yml:11: outages[3].equipment « ascenseur » : même équipement que outages[2], en panne tous les "
        "deux : les deux s'affichent\n    → supprimez l'une des deux (les nouvelles d'une panne se mettent dans ses "
        "« updates »), ou écrivez ce qui les distingue (par exemple « … du bâtiment A »)",
        "site_config.yml:8: emergency[2].label « Samu » : même label que emergency[1] : les deux s'affichent\n    → "
        "réunissez-les en une seule entrée, ou écrivez ce qui les distingue (par exemple « … du bâtiment A », « … du "
        "bâtiment B »)"]


def test_a_notice_or_an_outage_of_another_building_is_not_typed_twice(make_project) -> None:  # type: ignore[no-untyped-def]
    """« Ascenseur » of building A and « Ascenseur » of building B, both broken, or one water cut announced per
    building, were told « les deux s'affichent : supprimez l'une des deux », where ``buildings`` is the way the
    contract gives to tell them apart and the page says « Bâtiment A », « Bâtiment B » under each. Still told
    when they share a building, or one of them concerns every building."""
    head = "name: X\naddress: {street: a, postcode: 93200, city: b}\nagency: nord\nbuildings: [A, B, C]\n"
    text = head + ("outages:\n"
                   "  - {equipment: Ascenseur, buildings: [A], since: 2026-11-28, status: in_repair}\n"
                   "  - {equipment: Ascenseur, buildings: [B], since: 2026-11-29, status: reported}\n"
                   "  - {equipment: Ascenseur, buildings: [B, C], since: 2026-11-30, status: reported}\n"
                   "notices:\n"
                   "  - {title: Coupure d'eau, from: 2026-12-01, until: 2026-12-03, buildings: [A]}\n"
                   "  - {title: Coupure d'eau, from: 2026-12-01, until: 2026-12-03, buildings: [B]}\n"
                   "  - {title: Coupure d'eau, from: 2026-12-01, until: 2026-12-03}\n")
    found = [(w.line, w.message) for w in project_warnings(load_project(make_project(test=text)), TODAY)
             if "les deux s'affichent" in w.message]
    assert found == [
        (8, "outages[3].equipment « Ascenseur » : même équipement que outages[2], en panne tous les deux : les deux "
            "s'affichent"),
        (12, "notices[3].title « Coupure d'eau » : même titre que notices[1], aux mêmes dates : les deux s'affichent")]


def test_two_shared_notices_of_one_title_reaching_a_residence_on_the_same_days_are_to_check(make_project) -> None:  # type: ignore[no-untyped-def]
    """A shared notice copied in ``site_config.yml`` to aim it elsewhere, its first version left, was silent where
    the same in a residence's file warned: the residences both reach read it twice. Not when they reach no
    residence in common, nor on other days."""
    config = SITE_CONFIG + """\
notices:
  - {title: Coupure d'eau, from: 2026-12-01, until: 2026-12-20}
  - {title: Coupure d’eau, from: 2026-12-05, until: 2026-12-06, agencies: [nord]}
  - {title: Réunion, from: 2026-12-05, until: 2026-12-06, agencies: [sud]}
  - {title: Réunion, from: 2026-12-05, until: 2026-12-06, agencies: [nord]}
  - {title: Coupure d'eau, from: 2027-01-10, until: 2027-01-11}
"""
    north = "name: X\naddress: {street: a, postcode: 93200, city: b}\nagency: nord\n"
    project = load_project(make_project(site_config=config, nord=north, sud=north.replace("nord", "sud")))
    found = [str(w) for w in project_warnings(project, TODAY) if "les deux s'affichent" in w.message]
    assert found == [
        "site_config.yml:12: notices[2].title « Coupure d’eau » : même titre que notices[1], aux mêmes dates : les "
        "deux s'affichent\n    → supprimez l'un des deux, ou écrivez dans le titre ce qui les distingue"]


def test_a_date_years_ahead_is_to_check(make_project) -> None:  # type: ignore[no-untyped-def]
    """« from: 2062-12-01 » for 2026 (two digits swapped) was valid and silent: tenants read the notice in
    « À venir » for decades, an absence « jusqu'au 2 janvier 2072 ». A notice's, an absence's or an outage's
    date more than two years ahead now warns at its line, once per item. Found by swapping the digits of the
    samples' years."""
    head = "name: X\naddress: {street: a, postcode: 93200, city: b}\nagency: nord\n"
    text = head + ("caretaker:\n  name: Jo\n  hours: [{days: [mon], open: 8h, close: 9h}]\n  absences:\n"
                   "    - {from: 2026-12-22, to: 2072-01-02}\n"
                   "notices:\n  - {title: Travaux, from: 2062-12-01, until: 2062-12-03}\n"
                   "  - {title: Réhabilitation, from: 2026-09-01, until: 2028-06-30}\n"
                   "outages:\n  - {equipment: Ascenseur, since: 2026-11-25, status: in_repair, expected: 2036-12-10}\n")
    found = [str(w) for w in project_warnings(load_project(make_project(test=text)), date(2026, 12, 4))
             if "deux ans" in w.message]
    hint = "\n    → vérifiez l'année : une date si lointaine est souvent une faute de frappe ({} pour 2026 ?)"
    assert found == [
        "residences/test.yml:8: absence du gardien : « to » dans plus de deux ans (le samedi 2 janvier 2072)"
        + hint.format(2072),
        "residences/test.yml:10: avis « Travaux » : « from » dans plus de deux ans (le vendredi 1er décembre 2062)"
        + hint.format(2062),
        "residences/test.yml:13: panne « Ascenseur » : « expected » dans plus de deux ans (le mercredi 10 décembre "
        "2036)" + hint.format(2036)]


def test_a_shared_notice_or_a_closure_dated_years_ahead_is_to_check_at_its_line_in_site_config(make_project) -> None:  # type: ignore[no-untyped-def]
    """The same year mistyped in ``site_config.yml`` was silent: a shared notice « until: 2062-12-15 » showed
    « jusqu'au 15 décembre 2062 » on every residence it reaches, one « from: 2062-11-15 » stayed « À venir » on
    them for decades, and a closure « 2062-12-24 » left every office open on the 24th in silence. Each warns at
    its line, once per item, as a residence's own notice does."""
    config = SITE_CONFIG + """\
notices:
  - {title: Élection, from: 2026-11-15, until: 2062-12-15}
  - {title: Charges, from: 2062-11-15, until: 2062-11-30, agencies: [nord]}
  - {title: Travaux, from: 2026-09-01, until: 2028-06-30}
closures:
  - {date: 2062-12-24, label: Veille de Noël}
  - {date: 2026-12-31, label: Saint-Sylvestre}
"""
    found = [str(w) for w in project_warnings(load_project(make_project(site_config=config)), date(2026, 12, 4))
             if "deux ans" in w.message]
    hint = "\n    → vérifiez l'année : une date si lointaine est souvent une faute de frappe (2062 pour 2026 ?)"
    assert found == [
        "site_config.yml:11: avis commun « Élection » : « until » dans plus de deux ans (le vendredi 15 décembre 2062)"
        + hint,
        "site_config.yml:12: avis commun « Charges » : « from » dans plus de deux ans (le mercredi 15 novembre 2062)"
        + hint,
        "site_config.yml:15: fermeture « Veille de Noël » : « date » dans plus de deux ans (le dimanche 24 décembre "
        "2062)" + hint]


def test_caretaker_holidays_closed_is_told_when_site_config_turns_holidays_off(make_project) -> None:  # type: ignore[no-untyped-def]
    """« caretaker.holidays: closed » typed in a residence while site_config.yml says « holidays: false » was
    ignored in silence: the pages, calendar and posters showed the office open on public holidays, as typed
    nowhere. A warning at the line typed (the build stays meaningful: the site-wide setting decides, as the
    contract says; refusing would stop every residence's publication for a line of one). Not when the key is
    not typed, says « open » (what false gives anyway), or when site_config.yml keeps holidays. Found by
    typing the residence key the README shows beside a config turning holidays off."""
    caretaker = STALE.split("caretaker:\n")[0] + "caretaker:\n  name: Karim Benali\n  hours: [{days: [mon], open: 8h, close: 12h}]\n"
    typed = {"closed": caretaker + "  holidays: closed\n", "open": caretaker + "  holidays: open\n", "none": caretaker}
    off = SITE_CONFIG + "holidays: false\n"
    warnings = project_warnings(load_project(make_project(site_config=off, **typed)), TODAY)
    told = [w for w in warnings if "holidays" in w.message]
    assert [(w.file, w.line, w.message, w.hint) for w in told] == [(
        "residences/closed.yml", 8, "« holidays: closed » sans effet : site_config.yml dit « holidays: false », les "
        "jours fériés ne ferment aucune loge", "pour fermer les loges les jours fériés, écrivez « holidays: true » "
        "dans site_config.yml ; sinon, retirez cette ligne")]
    on = project_warnings(load_project(make_project(site_config=SITE_CONFIG, **typed)), TODAY)
    assert not [w for w in on if "holidays" in w.message]


@pytest.mark.parametrize("config", [WITH_REVIEW, SITE_CONFIG])
def test_a_review_dated_a_day_to_come_is_a_warning_at_its_line(make_project, config: str) -> None:  # type: ignore[no-untyped-def]
    """« reviewed: 2062-11-20 » (a year mistyped, or « Vérifié le » of a spreadsheet) was taken as a fresh
    review: the residence would not be flagged for review until 2063, on the dashboard or in validate, and
    nothing said so. A review is a day that has been: one to come is told, as a repair or news to come are."""
    root = make_project(site_config=config, test=STALE.replace("reviewed: 2026-05-31", "reviewed: 2062-11-20"))
    told = [w for w in project_warnings(load_project(root), TODAY) if "vérifiée" in w.message]
    assert [(w.line, w.message, w.hint) for w in told] == [
        (4, "fiche vérifiée le lundi 20 novembre 2062, un jour à venir : elle ne sera pas signalée à relire",
         "« reviewed » est le jour où l'équipe a relu toute la fiche : corrigez la date (aujourd'hui, "
         "« reviewed: 2026-12-02 »)")]
    assert not [w for w in project_warnings(load_project(root), date(2062, 11, 20)) if "à venir" in w.message]


def test_a_law_page_text_typed_in_other_languages_warns_that_they_are_never_shown(make_project) -> None:  # type: ignore[no-untyped-def]
    """The accessibility statement and the legal notice are French pages whatever the site's languages: an
    English or Arabic text typed under « accessibility » or « legal » was accepted and never shown."""
    config = SITE_CONFIG + """\
languages: [fr, en, ar]
accessibility:
  non_compliant:
    - {fr: Les affiches PDF, en: The PDF posters, ar: الملصقات}
    - Les plans
legal:
  director: {fr: Marie Dupont, en: Marie Dupont}
"""
    warnings = [str(w) for w in project_warnings(load_project(make_project(site_config=config)), TODAY)
                if "jamais publiée" in str(w)]
    hint = "    → gardez le texte « fr: » ; les autres langues peuvent être retirées"
    said = "les pages légales (accessibilité, mentions légales) sont en français seulement"
    assert warnings == [f"site_config.yml:13: accessibility.non_compliant[1] : traduction jamais publiée (en, ar) : "
                        f"{said}\n{hint}",
                        f"site_config.yml:16: legal.director : traduction jamais publiée (en) : {said}\n{hint}"]


@pytest.mark.parametrize("emergency, line", [("emergency: []\n", 8), ("", 1)])
def test_a_site_without_emergency_numbers_is_to_check(make_project, emergency: str, line: int) -> None:  # type: ignore[no-untyped-def]
    """« emergency: [] » (or no « emergency » at all) was valid and silent: no contacts page, hall screen or
    poster showed the 15, 17, 18 or 112. Found by emptying each list of the samples."""
    config = SITE_CONFIG.replace("emergency:\n  - {label: SAMU, phone: 15}\n", "") + emergency
    found = [str(w) for w in project_warnings(load_project(make_project(site_config=config)), TODAY)
             if w.file == "site_config.yml"]
    assert found == [
        f"site_config.yml:{line}: aucun numéro d'urgence : ni les pages, ni les écrans du hall, ni les affiches n'en "
        "montrent\n    → ajoutez « emergency: » avec au moins le SAMU (15), la police (17), les pompiers (18), le 112 "
        "et le 114 (personnes sourdes ou malentendantes), par exemple « - {label: SAMU, phone: 15} »"]
    assert [w for w in project_warnings(load_project(make_project()), TODAY) if w.file == "site_config.yml"] == []


@pytest.mark.parametrize("typed", ["caretaker:\n", "caretaker: null\n", "fibre: ~\n"])
def test_a_section_typed_empty_warns_that_its_page_goes(make_project, typed: str) -> None:  # type: ignore[no-untyped-def]
    """« caretaker: » left empty when a caretaker left (meaning to fill it in later) was valid and silent, and the
    caretaker's page, hours and phone went from the site, the hall screen and the poster."""
    own = STALE.split("caretaker:")[0] + typed
    key = typed.split(":")[0]
    warnings = [str(w) for w in project_warnings(load_project(make_project(test=own)), TODAY) if "vide" in w.message]
    gone = {"caretaker": "ni page « gardien », ni horaires, ni contact du gardien, sur le site, l'écran du hall ou "
                         "l'affiche", "fibre": "pas de page « Fibre »"}[key]
    assert warnings == [f"residences/test.yml:5: « {key} » est vide : {gone}\n"
                        f"    → complétez la section, ou retirez la ligne « {key}: » si la résidence n'en a pas"]


def test_sections_left_out_or_filled_do_not_warn_as_empty(make_project) -> None:  # type: ignore[no-untyped-def]
    filled = STALE + "services: []\nfibre: {status: available}\noutages: []\n"
    for own in (STALE.split("caretaker:")[0], filled):
        warnings = project_warnings(load_project(make_project(test=own)), TODAY)
        assert not [w for w in warnings if "vide" in w.message], warnings
