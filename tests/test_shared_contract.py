"""The contract of issue 14: shared notices and their targets, agency defaults, holidays and closures,
outages; every mistake at its line, in plain French."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.contract.model import Outage
from generator.contract.project import load_project
from generator.errors import UserError
from conftest import RESIDENCE, SITE_CONFIG


def problems_of(root: Path) -> list[str]:
    with pytest.raises(UserError) as info:
        load_project(root)
    return [str(p) for p in info.value.problems]


SHARED = SITE_CONFIG + """\
notices:
  - title: Élection des représentants des locataires
    from: 2026-11-15
    until: 2026-12-15
    agencies: [nord]
    residences: [les-lilas]
holidays: false
closures:
  - {date: 2026-12-24, label: Veille de Noël}
"""


def test_site_config_holds_shared_notices_holidays_and_closures(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(site_config=SHARED, test=RESIDENCE, les_lilas=RESIDENCE.replace("agency: nord", "agency: sud"))
    config = load_project(root).config
    (notice,) = config.notices
    assert (notice.agencies, notice.residences, notice.level) == (["nord"], ["les-lilas"], "info")
    assert notice.reaches("test", "nord") and notice.reaches("les-lilas", "sud")
    assert not notice.reaches("autre", "sud")
    assert config.holidays is False
    assert [(c.date, c.label) for c in config.closures] == [(date(2026, 12, 24), "Veille de Noël")]


def test_a_closure_date_given_twice_is_an_error_at_the_second(make_project) -> None:  # type: ignore[no-untyped-def]
    """« closures » with 24 December twice (« Veille de Noël », then a line copied and its date left to change)
    was taken in silence: the pages, the calendar and residence.json named the day by the last label, and the
    day meant by the copied line stayed open. Found by typing closures as staff copy lines."""
    config = SITE_CONFIG + """\
closures:
  - {date: 2026-12-24, label: Veille de Noël}
  - {date: 2026-12-31, label: Saint-Sylvestre}
  - {date: 2026-12-24, label: Pont de l'Épiphanie}
"""
    assert problems_of(make_project(site_config=config)) == [
        "site_config.yml:13: closures[3].date: fermeture du 2026-12-24 indiquée deux fois (déjà « Veille de Noël »)\n"
        "    → une fermeture par jour : retirez cette ligne, ou corrigez sa date"]


def test_holidays_default_to_true_and_a_notice_without_target_reaches_everyone(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(site_config=SITE_CONFIG + "notices:\n  - {title: Plan grand froid, from: 2026-12-01, "
                                                  "until: 2027-02-28}\n")
    config = load_project(root).config
    assert config.holidays is True and config.closures == []
    assert config.notices[0].reaches("n-importe-laquelle", "sud")


def test_unknown_targets_of_a_shared_notice_are_errors_at_their_line(make_project) -> None:  # type: ignore[no-untyped-def]
    config = SITE_CONFIG + """\
notices:
  - title: Élection
    from: 2026-11-15
    until: 2026-12-15
    agencies:
      - nord
      - nrod
    residences: [tset]
"""
    root = make_project(site_config=config, test=RESIDENCE)
    assert problems_of(root) == [
        "site_config.yml:16: agence « nrod » inconnue\n"
        "    → vouliez-vous dire « nord » ? agences déclarées plus haut : nord, sud",
        "site_config.yml:17: résidence « tset » inconnue\n"
        "    → vouliez-vous dire « test » ? écrivez le nom du fichier de la résidence sans « .yml », "
        "par exemple « test »",
    ]


def test_a_target_named_twice_by_a_shared_notice_is_an_error_at_the_second(make_project) -> None:  # type: ignore[no-untyped-def]
    """« residences: [les-lilas, les-lilas] » was taken as it is: the second name was often meant for another
    residence (a line copied, its name left to change), which then missed the notice in silence. Told as a
    building named twice is, at the repeated name."""
    config = SITE_CONFIG + """\
notices:
  - title: Élection
    from: 2026-11-15
    until: 2026-12-15
    agencies: [nord, sud, nord]
    residences:
      - les-lilas
      - les-lilas
"""
    root = make_project(site_config=config, test=RESIDENCE, les_lilas=RESIDENCE)
    assert problems_of(root) == [
        "site_config.yml:14: notices[1].agencies[3]: agence « nord » indiquée deux fois\n    → retirez la seconde fois",
        "site_config.yml:17: notices[1].residences[2]: résidence « les-lilas » indiquée deux fois\n"
        "    → retirez la seconde fois",
    ]


def test_residences_whose_names_differ_by_a_zero_are_two_targets(make_project) -> None:  # type: ignore[no-untyped-def]
    """Buildings « 1 » and « 01 » are one building; files « tour-1.yml » and « tour-01.yml » are two residences."""
    config = SITE_CONFIG + "notices:\n  - {title: Élection, from: 2026-11-15, until: 2026-12-15, residences: [tour-1, tour-01]}\n"
    project = load_project(make_project(site_config=config, tour_1=RESIDENCE, tour_01=RESIDENCE))
    assert [n.residences for n in project.config.notices] == [["tour-1", "tour-01"]]


def test_unknown_targets_are_told_with_the_other_mistakes_of_site_config(make_project) -> None:  # type: ignore[no-untyped-def]
    """A mistake elsewhere in site_config.yml (a date, a phone) no longer hides a shared notice's unknown
    agency or residence until the next run; the notice's own mistake neither."""
    config = SITE_CONFIG.replace("phone: 15}", "phone: 1234}") + """\
notices:
  - title: Élection
    from: 2026-13-15
    until: 2026-12-15
    agencies: [nrod]
    residences:
      - tset
  - {title: Gel, from: 2026-12-01, until: 2026-12-02, residences: [test, {a: b}], agencies: nord}
"""
    root = make_project(site_config=config, test=RESIDENCE)
    assert problems_of(root) == [
        "site_config.yml:7: emergency[1].phone: numéro court « 1234 » inconnu en France\n    → écrivez par exemple "
        "01 48 20 11 22, 06 12 34 56 78, +33 1 48 20 11 22 ou un numéro court comme 15",
        "site_config.yml:12: notices[1].from: date « 2026-13-15 » non reconnue : il n'y a pas de mois 13 : "
        "écrivez l'année, le mois puis le jour (AAAA-MM-JJ)",
        "site_config.yml:14: agence « nrod » inconnue\n"
        "    → vouliez-vous dire « nord » ? agences déclarées plus haut : nord, sud",
        "site_config.yml:16: résidence « tset » inconnue\n"
        "    → vouliez-vous dire « test » ? écrivez le nom du fichier de la résidence sans « .yml », "
        "par exemple « test »",
        "site_config.yml:17: notices[2].agencies: une liste est attendue\n"
        "    → écrivez par exemple « agencies: […, …] » ou une ligne « - … » par élément",
        "site_config.yml:17: notices[2].residences[2]: doit être un texte sur une ligne, pas une liste ni un "
        "ensemble de clés\n    → écrivez la valeur juste après sa clé (ou son tiret « - »), sur la même ligne, sans "
        "sous-clés ; une valeur qui contient « : » suivi d'une espace, ou commence par « { », se met entre guillemets "
        "(\"Lundi : 9h\")",
    ]


def test_holidays_flag_refuses_anything_but_true_or_false(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(site_config=SITE_CONFIG + "holidays: parfois\n")
    assert problems_of(root) == ["site_config.yml:10: holidays: « parfois » non reconnu : écrivez true (oui) ou "
                                 "false (non)"]


def test_agencies_hold_defaults_with_the_fields_of_a_residence(make_project) -> None:  # type: ignore[no-untyped-def]
    config = SITE_CONFIG.replace("  sud: {name: Agence Sud}\n", """\
  sud:
    name: Agence Sud
    maintenance:
      - {topic: Ascenseurs, company: Otis, phone: 0800 24 24 07}
    waste:
      - {kind: Encombrants, schedule: Le 2e mardi du mois}
    contacts:
      - {role: Régie de quartier, phone: 01 48 00 00 00}
      - {role: Médiateur, phone: 12}
""")
    problems = problems_of(make_project(site_config=config))
    assert problems == ["site_config.yml:13: agencies.sud.contacts[2].phone: numéro court « 12 » inconnu en France\n"
                        "    → écrivez par exemple 01 48 20 11 22, 06 12 34 56 78, +33 1 48 20 11 22 ou un numéro "
                        "court comme 15"]
    agency = load_project(make_project(site_config=config.replace("phone: 12", "phone: 15"))).config.agencies["sud"]
    assert [m.topic for m in agency.maintenance] == ["Ascenseurs"]
    assert [w.kind for w in agency.waste] == ["Encombrants"]


OUTAGE = RESIDENCE + """\
buildings: [A, C]
caretaker:
  name: Y
  holidays: open
outages:
  - equipment: Ascenseur du bâtiment C
    buildings: [C]
    since: 2026-11-25
    status: in_repair
    expected: 2026-12-10
    help: Les personnes à mobilité réduite peuvent appeler la gardienne.
    updates:
      - {date: 2026-11-26, text: La pièce est commandée.}
      - {date: 2026-12-01, text: La pièce est arrivée.}
notices:
  - {title: Coupure d'eau, from: 2026-12-03, until: 2026-12-03, buildings: [A]}
"""


def test_a_residence_holds_outages_buildings_of_notices_and_open_holidays(make_project) -> None:  # type: ignore[no-untyped-def]
    (item,) = load_project(make_project(test=OUTAGE)).residences
    r = item.residence
    assert r.caretaker.holidays == "open"
    (outage,) = r.outages
    assert (outage.status, outage.expected, outage.repaired) == ("in_repair", date(2026, 12, 10), None)
    assert [u.text for u in outage.updates_newest_first()] == ["La pièce est arrivée.", "La pièce est commandée."]
    assert r.notices[0].buildings == ["A"]
    assert not outage.late_on(date(2026, 12, 10)) and outage.late_on(date(2026, 12, 11))
    assert outage.shown_on(date(2027, 6, 1))  # not repaired: never leaves by itself


def test_a_repaired_outage_shows_seven_days_then_goes() -> None:
    outage = Outage.model_validate({"equipment": "Ascenseur", "since": "2026-11-25", "status": "repaired",
                                    "repaired": "2026-12-08", "expected": "2026-12-01"})
    assert not outage.late_on(date(2026, 12, 20))  # repaired is never late
    assert outage.shown_on(date(2026, 12, 14)) and not outage.shown_on(date(2026, 12, 15))


@pytest.mark.parametrize("change, expected", [
    ("status: in_repair", "residences/test.yml:8: outages[1].status: « repaired » est donné mais status vaut "
                          "« in_repair »"),
    ("status: repaired\n    repaired: 2026-11-01", "residences/test.yml:9: outages[1].repaired: « repaired » "
                                                   "(2026-11-01) est avant « since » (2026-11-25)"),
    ("status: fixed", "residences/test.yml:8: outages[1].status: valeur « fixed » non permise"),
])
def test_outage_mistakes_are_reported_at_their_line(make_project, change: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    text = RESIDENCE + """\
buildings: [A]
outages:
  - equipment: Ascenseur
    since: 2026-11-25
    status: repaired
    repaired: 2026-12-08
"""
    lines = text.replace("status: repaired\n    repaired: 2026-12-08", change) if "repaired:" in change else \
        text.replace("status: repaired", change)
    (problem,) = problems_of(make_project(test=lines))
    assert problem.split("\n")[0] == expected


def test_repaired_is_required_when_repaired(make_project) -> None:  # type: ignore[no-untyped-def]
    text = RESIDENCE + "outages:\n  - {equipment: Chauffage, since: 2026-11-25, status: repaired}\n"
    assert problems_of(make_project(test=text)) == [
        "residences/test.yml:5: outages[1]: « repaired » (jour de la réparation) manque : il est obligatoire avec "
        "status: repaired\n    → ajoutez la ligne « repaired: … » avec le jour où la réparation a été faite "
        "(AAAA-MM-JJ) ; si ce n'est pas encore réparé, écrivez status: in_repair"]


def test_a_repair_day_typed_empty_is_told_at_its_own_line(make_project) -> None:  # type: ignore[no-untyped-def]
    """« repaired: » left empty was told at the outage's first line, lines above the one to complete."""
    text = RESIDENCE + "outages:\n  - equipment: Chauffage\n    since: 2026-11-25\n    status: repaired\n    repaired:\n"
    assert problems_of(make_project(test=text)) == [
        "residences/test.yml:8: outages[1].repaired: « repaired » (jour de la réparation) manque : il est "
        "obligatoire avec status: repaired\n    → écrivez après « repaired: » le jour où la réparation a été faite "
        "(AAAA-MM-JJ) ; si ce n'est pas encore réparé, écrivez status: in_repair"]


def test_unknown_buildings_of_notices_and_outages_are_errors_at_their_line(make_project) -> None:  # type: ignore[no-untyped-def]
    text = OUTAGE.replace("buildings: [C]", "buildings: [D]").replace("buildings: [A]}", "buildings: [a]}")
    assert problems_of(make_project(test=text)) == [
        "residences/test.yml:10: bâtiment « D » inconnu dans cette résidence\n"
        "    → bâtiments de la résidence : A, C",
        "residences/test.yml:19: bâtiment « a » inconnu dans cette résidence\n"
        "    → vouliez-vous dire « A » ? bâtiments de la résidence : A, C",
    ]
    without = RESIDENCE + "notices:\n  - {title: X, from: 2026-12-03, until: 2026-12-03, buildings: [A]}\n"
    (problem,) = problems_of(make_project(test=without))
    assert problem.startswith("residences/test.yml:5: bâtiment « A » inconnu dans cette résidence\n"
                              "    → déclarez d'abord les bâtiments")


def test_caretaker_holidays_is_open_or_closed(make_project) -> None:  # type: ignore[no-untyped-def]
    text = RESIDENCE + "caretaker:\n  name: Y\n  holidays: oui\n"
    (problem,) = problems_of(make_project(test=text))
    assert problem.startswith("residences/test.yml:6: caretaker.holidays: valeur « oui » non permise")


def test_a_target_typed_in_capitals_is_told_which_name_it_meant(make_project) -> None:  # type: ignore[no-untyped-def]
    """« LES-LILAS » or « NORD »: every letter differs from the file's name by its case, so the closest-spelling
    suggestion found nothing and the hint gave another residence as its example (« par exemple « les-lilas » »
    only by chance). Names are compared without case for the suggestion, as keys are everywhere else."""
    config = SITE_CONFIG + """\
notices:
  - {title: Élection, from: 2026-11-15, until: 2026-12-15, agencies: [NORD], residences: [LES-LILAS]}
"""
    root = make_project(site_config=config, test=RESIDENCE, les_lilas=RESIDENCE)
    assert problems_of(root) == [
        "site_config.yml:11: agence « NORD » inconnue\n"
        "    → vouliez-vous dire « nord » ? agences déclarées plus haut : nord, sud",
        "site_config.yml:11: résidence « LES-LILAS » inconnue\n"
        "    → vouliez-vous dire « les-lilas » ? écrivez le nom du fichier de la résidence sans « .yml », "
        "par exemple « les-lilas »",
    ]
    residence = RESIDENCE.replace("agency: nord", "agency: SUD")
    assert "vouliez-vous dire « sud » ?" in problems_of(make_project(site_config=SITE_CONFIG, test=residence))[0]


def test_site_config_tells_its_checks_across_fields_with_its_other_mistakes(make_project) -> None:  # type: ignore[no-untyped-def]
    """« language » and « languages » disagreeing stopped the validation of the whole file: the closure given
    twice, the shared notice's dates and the agency's collection without a day came only at the next push;
    and of two closures given twice, one was told. Found by fixing the languages and pushing again."""
    config = SITE_CONFIG.replace("  sud: {name: Agence Sud}\n", "  sud: {name: Agence Sud, waste: [{kind: Verre}]}\n") + """\
language: en
languages: [fr, en]
notices:
  - {title: Élection, from: 2026-11-15, until: 2026-11-01, level: infos}
closures:
  - {date: 2026-12-24, label: Veille de Noël}
  - {date: 2026-12-24, label: Réveillon}
  - {date: 2026-12-31, label: Saint-Sylvestre}
  - {date: 2026-12-31, label: Pont}
"""
    assert [problem.split("\n")[0] for problem in problems_of(make_project(site_config=config))] == [
        "site_config.yml:5: agencies.sud.waste[1]: indiquez quand : « days » (jours de collecte) ou « schedule » "
        "(en clair)",
        "site_config.yml:10: « language » et « languages » ne disent pas la même langue par défaut : gardez "
        "seulement « languages »",
        "site_config.yml:13: notices[1].level: valeur « infos » non permise",
        "site_config.yml:13: notices[1].until: « until » (2026-11-01) est avant « from » (2026-11-15)",
        "site_config.yml:16: closures[2].date: fermeture du 2026-12-24 indiquée deux fois (déjà « Veille de Noël »)",
        "site_config.yml:18: closures[4].date: fermeture du 2026-12-31 indiquée deux fois (déjà « Saint-Sylvestre »)"]


def test_language_alone_still_means_languages_and_agreeing_keys_are_accepted(make_project) -> None:  # type: ignore[no-untyped-def]
    """Without « languages », « language » is not told to disagree with it, even when the file has another
    mistake (the check then reads the file as typed, without the « languages » that « language » gives)."""
    for typed in ("language: en\n", "language: en\nlanguages: [en, fr]\n"):
        assert load_project(make_project(site_config=SITE_CONFIG + typed)).config.languages[0] == "en"
    wrong = SITE_CONFIG.replace("  sud: {name: Agence Sud}", "  sud: {name: Agence Sud, phone: abc}")
    assert [problem.split(": ")[1] for problem in problems_of(make_project(site_config=wrong + "language: en\n"))] == [
        "agencies.sud.phone"]


@pytest.mark.parametrize(("where", "typed", "said"), [
    ("site_config.yml", "  sud:\n    name: Agence Sud\n    waste:\n      - kind: Verre\n        days: []\n",
     "site_config.yml:9: agencies.sud.waste[1].days: "),
    ("residences/test.yml", "waste:\n  - kind: Verre\n    days: []\n", "residences/test.yml:6: waste[1].days: "),
    ("residences/test.yml", "waste:\n  - kind: Verre\n    schedule:\n", "residences/test.yml:6: waste[1].schedule: "),
])
def test_a_collection_with_its_days_typed_empty_is_told_at_days(make_project, where: str, typed: str,  # type: ignore[no-untyped-def]
                                                                said: str) -> None:
    """« days: [] » was told at the collection's first line (« kind: »), where there is nothing to change."""
    if where == "site_config.yml":
        root = make_project(site_config=SITE_CONFIG.replace("  sud: {name: Agence Sud}\n", typed))
    else:
        root = make_project(test=RESIDENCE + typed)
    assert [p.split("\n")[0] for p in problems_of(root)] == [
        said + "indiquez quand : « days » (jours de collecte) ou « schedule » (en clair)"]


def test_repaired_typed_empty_is_told_at_its_line(make_project) -> None:  # type: ignore[no-untyped-def]
    text = RESIDENCE + "outages:\n  - equipment: Chauffage\n    since: 2026-11-25\n    status: repaired\n    repaired:\n"
    assert [p.split("\n")[0] for p in problems_of(make_project(test=text))] == [
        "residences/test.yml:8: outages[1].repaired: « repaired » (jour de la réparation) manque : il est obligatoire "
        "avec status: repaired"]
