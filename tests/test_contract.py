"""The data contract: every kind of mistake is reported at its line, with a hint, all in one run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import UserError
from generator.contract.project import load_project, residence_paths
from generator.contract.values import parse_phone, parse_time

from conftest import RESIDENCE, SITE_CONFIG


def problems_of(root: Path) -> list[str]:
    with pytest.raises(UserError) as info:
        load_project(root)
    return [str(p) for p in info.value.problems]


def test_minimal_residence_is_valid(make_project) -> None:  # type: ignore[no-untyped-def]
    project = load_project(make_project())
    assert [r.slug for r in project.residences] == ["test"]
    assert project.residences[0].residence.address.postcode == "01000"


def test_residences_are_the_yml_files_of_the_folder_by_name(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(b=RESIDENCE, a=RESIDENCE, c10=RESIDENCE, c9=RESIDENCE)
    (root / "residences" / "notes.txt").write_text("pas une résidence", encoding="utf-8")
    assert [path.name for path in residence_paths(root)] == ["a.yml", "b.yml", "c10.yml", "c9.yml"]
    assert residence_paths(root) == sorted((root / "residences").glob("*.yml"))
    assert residence_paths(root / "ailleurs") == []
    shutil.rmtree(root / "residences")
    assert problems_of(root)[-1].startswith("residences:1: dossier introuvable")


def test_unknown_key_suggests_the_closest(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test="""\
        name: X
        adress: {street: a, postcode: "93200", city: b}
        agency: nord
        """)
    [unknown] = problems_of(root)  # not also « « address » manquant » at line 1: it is there, misspelt
    assert unknown.startswith("residences/test.yml:2: clé inconnue « adress »")
    assert "vouliez-vous dire « address » ?" in unknown


def test_a_key_typed_with_a_capital_is_told_once_in_lower_case(make_project) -> None:  # type: ignore[no-untyped-def]
    """GitHub's editor on a phone capitalizes the start of each line: « Name: », « City: », « Title: » were each
    told twice, as unknown (« vouliez-vous dire « name » ? ») and as missing (« ajoutez la ligne « name: … » »,
    a second line to add beside the one typed). Told once, with the key to write. Found by editing a
    residence in GitHub's editor on a phone."""
    root = make_project(test="""\
        Name: X
        address: {street: a, postcode: "93200", City: b}
        agency: nord
        notices:
          - {Title: T, from: 2026-12-01, until: 2026-12-02}
        """)
    phone = "en minuscules (un clavier de téléphone met souvent une majuscule au début de la ligne) ; clés possibles ici"
    assert problems_of(root) == [
        f"residences/test.yml:1: clé inconnue « Name »\n    → écrivez « name », {phone} : address, agency, buildings, "
        "caretaker, contacts, faq, fibre, maintenance, name, notices, outages, reviewed, services, units, waste",
        f"residences/test.yml:2: clé inconnue « City »\n    → écrivez « city », {phone} : city, postcode, street",
        f"residences/test.yml:5: clé inconnue « Title »\n    → écrivez « title », {phone} : body, buildings, from, "
        "level, title, until"]


def test_a_misspelt_or_french_key_is_told_once_not_also_as_missing(make_project) -> None:  # type: ignore[no-untyped-def]
    """A required key misspelt (« titel ») or typed in French (« nom », « du ») was told twice: as unknown, with
    the key to write, and as missing (« ajoutez la ligne « title: … » », a second line beside the one typed), at
    the line of the item. An optional one a check needs (a collection's « days ») was told as unknown and again
    by the check (« indiquez quand : « days » ou « schedule » »). Found by mutating every key of the samples."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        caretaker:
          nom: Y
        waste:
          - kind: Verre
            dayz: [mon]
        notices:
          - titel: T
            du: 2026-12-01
            until: 2026-12-02
        """)
    assert [problem.split("\n")[0] for problem in problems_of(root)] == [
        "residences/test.yml:5: clé inconnue « nom »",
        "residences/test.yml:8: clé inconnue « dayz »",
        "residences/test.yml:10: clé inconnue « titel »",
        "residences/test.yml:11: clé inconnue « du »"]
    told = "\n".join(problems_of(root))
    assert "s'écrit « name »" in told and "« days » ?" in told and "« title » ?" in told and "s'écrit « from »" in told


def test_a_key_really_missing_beside_an_unrelated_unknown_one_is_told_missing(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        caretaker:
          telephone: 01 48 20 11 22
        """)
    assert [problem.split("\n")[0] for problem in problems_of(root)] == [
        "residences/test.yml:4: « name » manquant dans caretaker",
        "residences/test.yml:5: clé inconnue « telephone »"]


def test_a_text_typed_as_a_list_or_keys_or_an_empty_list_is_told_how_to_write_it(make_project) -> None:  # type: ignore[no-untyped-def]
    """« doit être un texte sur une ligne, pas une liste… » and « au moins un élément est attendu » came with no
    hint: staff who typed a text's lines below its key (« - Loge », « fixe: 01… ») or emptied « days: [] » were
    not told what to write. Found by mutating every value of the samples."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        caretaker:
          name: Y
          office:
            - Loge
            - bâtiment A
          phone:
            fixe: 01 48 20 11 22
          hours:
            - {days: [], open: 9h, close: 12h}
        """)
    assert problems_of(root) == [
        "residences/test.yml:6: caretaker.office: doit être un texte sur une ligne, pas une liste ni un ensemble de "
        "clés\n    → écrivez la valeur juste après sa clé, sur la même ligne, sans tiret « - » ni crochets ; une "
        "valeur qui commence par « [ » se met entre guillemets (\"[A] …\")",
        "residences/test.yml:9: caretaker.phone: doit être un texte sur une ligne, pas une liste ni un ensemble de "
        "clés\n    → écrivez la valeur juste après sa clé (ou son tiret « - »), sur la même ligne, sans sous-clés ; "
        "une valeur qui contient « : » suivi d'une espace, ou commence par « { », se met entre guillemets (\"Lundi : 9h\")",
        "residences/test.yml:12: caretaker.hours[1].days: au moins un élément est attendu\n    → écrivez par exemple "
        "« days: [mon, wed, fri] »"]


def test_unknown_nested_key_lists_the_keys_allowed_there(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        caretaker:
          name: Y
          hours:
            - days: [mon]
              opne: 8h
              close: 9h
        """)
    found = problems_of(root)
    assert any(line.startswith("residences/test.yml:8: clé inconnue « opne »") and "« open »" in line
               for line in found), found


def test_a_key_on_the_wrong_level_says_where_it_belongs(make_project) -> None:  # type: ignore[no-untyped-def]
    """A line with two spaces too few or too many moves its key to another mapping: « absences: » pulled to
    the left was « clé inconnue « absences » → vouliez-vous dire « services » ? », sending staff to rename
    a right key. Found by pulling lines of a sample to the left and to the right."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        caretaker:
          name: Y
          hours:
            - days: [mon]
              open: 8h
              close: 9h
              holidays: open
        absences:
          - {from: 2026-12-01, to: 2026-12-02}
        """)
    where = "vérifiez les espaces au début de cette ligne (deux par niveau, alignés sur les clés voisines) ; "
    assert problems_of(root) == [
        "residences/test.yml:10: clé inconnue « holidays »\n    → « holidays » n'est pas une clé de cet endroit mais "
        f"de « caretaker » : {where}clés possibles ici : close, days, open, place",
        "residences/test.yml:11: clé inconnue « absences »\n    → « absences » n'est pas une clé de cet endroit mais "
        f"de « caretaker » : {where}clés possibles ici : address, agency, buildings, caretaker, contacts, faq, fibre, "
        "maintenance, name, notices, outages, reviewed, services, units, waste"]


def test_a_key_written_in_french_is_given_its_english_name(make_project) -> None:  # type: ignore[no-untyped-def]
    """Staff write keys in their language: « gardien: », « jours: », « téléphone: ». Close spelling found
    nothing for most (« gardien », « portable », « courriel »), or the wrong key. Found by writing a sample's keys
    in French."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        gardien:
          name: Y
        maintenance:
          - {topic: Ascenseurs, company: Otis, phone: 01 48 20 11 22, courriel: a@b.fr}
        """)
    assert problems_of(root) == [
        "residences/test.yml:4: clé inconnue « gardien »\n    → les clés s'écrivent en anglais : « gardien » s'écrit "
        "« caretaker » ; clés possibles ici : address, agency, buildings, caretaker, contacts, faq, fibre, maintenance, "
        "name, notices, outages, reviewed, services, units, waste",
        "residences/test.yml:7: clé inconnue « courriel »\n    → les clés s'écrivent en anglais : « courriel » "
        "s'écrit « email » ; clés possibles ici : company, email, hours, note, phone, topic"]


def test_a_translation_pulled_out_of_its_text_is_told_as_such(make_project) -> None:  # type: ignore[no-untyped-def]
    """« en: » with two spaces too few leaves the text it translates for the item around it: « clé inconnue
    « en » » came with no hint. Found by moving the translations of a sample in fr and en."""
    root = make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n", test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        contacts:
          - role:
              fr: Amicale des locataires
            en: Tenants' association
        """)
    assert problems_of(root) == [
        "residences/test.yml:7: clé inconnue « en »\n    → « en » est un code de langue : la traduction d'un texte se "
        "met sous la clé de ce texte, en retrait, alignée sur celle de la langue par défaut (fr: …) ; clés possibles "
        "ici : address, email, hours, name, phone, role"]


def test_an_unknown_key_of_an_agency_lists_the_keys_of_an_agency(make_project) -> None:  # type: ignore[no-untyped-def]
    """An agency's keys sit under its name, which the hints did not look through: « phon » in an agency had no
    hint at all."""
    config = SITE_CONFIG.replace("{name: Agence Sud}", "{name: Agence Sud, phon: 01 48 20 11 22}")
    assert "phon" in config
    [found] = problems_of(make_project(site_config=config))
    assert found.endswith("clé inconnue « phon »\n    → vouliez-vous dire « phone » ? clés possibles ici : address, "
                          "contacts, email, hours, maintenance, name, phone, waste")


def test_a_section_left_empty_or_without_its_dashes_is_told_with_its_own_key(make_project) -> None:  # type: ignore[no-untyped-def]
    """Every list that was not one got the example « days: [mon, wed, fri] »: « contacts: » left empty or
    written without its dashes was told to write days; « caretaker: » left empty was « un ensemble de clés est
    attendu » (« address: » left empty too). Found by emptying and un-dashing the samples' sections."""
    root = make_project(test="""\
        name: X
        address: 12 rue de la Paix, 93200 Saint-Denis
        agency: nord
        buildings: A, B
        contacts:
        maintenance:
          topic: Ascenseurs
          company: Otis
        """, z="name: Z\naddress:\nagency: nord\ncaretaker:\n  name: Y\n  hours:\n    - {days: , open: 8h, close: 9h}\n"
                                "contacts:\n  -\n")
    assert problems_of(root) == [
        "residences/test.yml:2: address: un ensemble de clés est attendu\n    → mettez les sous-clés en dessous, en "
        "retrait de deux espaces : city, postcode, street",
        "residences/test.yml:4: buildings: une liste est attendue\n    → écrivez par exemple « buildings: [A, B] » ou "
        "une ligne « - … » par élément",
        "residences/test.yml:5: contacts: liste vide\n    → ajoutez en dessous un élément par ligne « - … », en retrait "
        "de deux espaces, ou retirez la ligne « contacts: »",
        "residences/test.yml:6: maintenance: une liste est attendue\n    → mettez un tiret « - » devant la première clé "
        "de chaque élément (« - topic: … »), les autres clés de l'élément alignées sur elle",
        "residences/z.yml:2: address: ne doit pas être vide\n    → écrivez ses clés en dessous, en retrait de deux "
        "espaces",
        "residences/z.yml:7: caretaker.hours[1].days: liste vide\n    → ajoutez en dessous un élément par ligne « - … », "
        "en retrait de deux espaces",
        "residences/z.yml:9: contacts[1]: ne doit pas être vide\n    → écrivez ses clés après le tiret « - »"]


def test_a_key_typed_twice_does_not_hide_the_file_s_other_mistakes(make_project) -> None:  # type: ignore[no-untyped-def]
    """A key typed twice stopped the reading of its file: its other mistakes were told only at the next push,
    two minutes later, one by one. Found by pasting a line twice in a sample with a wrong time."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        caretaker:
          name: Y
          mobile: 06 12 34 56 78
          mobile: 06 12 34 56 79
          hours:
            - {days: [mon], open: 25:00, close: 9h}
        name: Z
        """, site_config=SITE_CONFIG + "faq:\n  - {q: Autre ?, a: Oui.}\n")
    assert problems_of(root) == [
        "residences/test.yml:7: la clé « mobile » apparaît deux fois (déjà ligne 6)\n    → gardez une seule des deux "
        "lignes",
        "residences/test.yml:9: caretaker.hours[1].open: heure « 25:00 » non reconnue : écrivez par exemple 8:30, 08:30, "
        "8h30 ou 8h",
        "residences/test.yml:10: la clé « name » apparaît deux fois (déjà ligne 1)\n    → gardez une seule des deux lignes",
        "site_config.yml:10: la clé « faq » apparaît deux fois (déjà ligne 8)\n    → gardez une seule des deux lignes"]


def test_a_group_of_keys_written_as_a_list_is_told_to_lose_its_dash(make_project) -> None:  # type: ignore[no-untyped-def]
    """« caretaker: » followed by « - name: … », as the lists around it are written, was told « mettez les
    sous-clés en dessous, en retrait », which they were. Found by writing a sample's caretaker with a dash."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        caretaker:
          - name: Y
            phone: 01 48 20 11 22
        """)
    assert problems_of(root) == [
        "residences/test.yml:4: caretaker: un ensemble de clés est attendu\n    → retirez le tiret « - » du début : "
        "c'est un seul ensemble de clés, pas une liste, ses clés alignées en dessous : absences, email, holidays, "
        "hours, mobile, mode, name, office, phone, title"]


def test_a_collection_s_schedule_or_days_typed_empty_is_told_at_its_own_line(make_project) -> None:  # type: ignore[no-untyped-def]
    """« schedule: » or « days: [] » left empty was told at the collection's first line, without a hint."""
    waste = RESIDENCE + "waste:\n  - kind: Encombrants\n    note: Devant le local.\n    WHEN\n"
    hint = "\n    → écrivez par exemple « days: [mon, thu] » ou « schedule: … »"
    assert problems_of(make_project(test=waste.replace("WHEN", "schedule:"))) == [
        "residences/test.yml:7: waste[1].schedule: indiquez quand : « days » (jours de collecte) ou « schedule » "
        "(en clair)" + hint]
    assert problems_of(make_project(test=waste.replace("WHEN", "days: []"))) == [
        "residences/test.yml:7: waste[1].days: indiquez quand : « days » (jours de collecte) ou « schedule » "
        "(en clair)" + hint]
    assert problems_of(make_project(test=waste.replace("WHEN", "# rien"))) == [
        "residences/test.yml:5: waste[1]: indiquez quand : « days » (jours de collecte) ou « schedule » "
        "(en clair)" + hint]


def test_a_building_named_twice_is_refused_as_a_day_is(make_project) -> None:  # type: ignore[no-untyped-def]
    """« buildings: [A, B, A] » was taken as typed: the pages said « Bâtiments A, B et A », and a notice or an
    outage for [C, C] « bâtiments C et C », where a day named twice is refused. Found by pasting a building
    twice in a sample."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        buildings: [A, B, A]
        notices:
          - {title: Travaux, from: 2026-12-01, until: 2026-12-02, buildings: [B, B]}
        outages:
          - {equipment: Ascenseur, since: 2026-12-01, status: reported, buildings: [A, C, A]}
        """)
    assert problems_of(root) == [
        "residences/test.yml:4: buildings[3]: bâtiment « A » indiqué deux fois\n    → retirez la seconde fois",
        "residences/test.yml:6: notices[1].buildings[2]: bâtiment « B » indiqué deux fois\n    → retirez la seconde fois",
        "residences/test.yml:8: bâtiment « C » inconnu dans cette résidence\n    → bâtiments de la résidence : A, B, A",
        "residences/test.yml:8: outages[1].buildings[3]: bâtiment « A » indiqué deux fois\n    → retirez la seconde fois"]


def test_a_building_list_misspelt_or_holding_an_invisible_character_is_told_once(make_project) -> None:  # type: ignore[no-untyped-def]
    """One mistake in « buildings » was told a second time at every notice or outage naming a building: « 3 »
    with a zero-width space pasted in, in the list or in the outage, was also « bâtiment « 3 » inconnu dans
    cette résidence »; « batiments: » (the French word) also made each building named unknown. Found by
    mutating every value and key of the samples."""
    outage = "outages:\n  - {equipment: Ascenseur, since: 2026-11-20, status: reported, buildings: [%s]}\n"
    head = "name: X\naddress: {street: a, postcode: 93200, city: b}\nagency: nord\n"
    assert problems_of(make_project(test=head + "buildings: [1, \"3\\u200b\"]\n" + outage % "3")) == [
        "residences/test.yml:4: buildings[2]: caractère invisible U+200B non permis, après « 3 »\n    → il vient "
        "souvent d'un copier-coller depuis un autre logiciel : effacez ce passage et retapez-le au clavier"]
    assert problems_of(make_project(test=head + "buildings: [1, 3]\n" + outage % "\"3\\u200b\"")) == [
        "residences/test.yml:6: outages[1].buildings[1]: caractère invisible U+200B non permis, après « 3 »\n    → il "
        "vient souvent d'un copier-coller depuis un autre logiciel : effacez ce passage et retapez-le au clavier"]
    assert [p.split("\n")[0] for p in problems_of(make_project(test=head + "batiments: [1, 3]\n" + outage % "3"))] == [
        "residences/test.yml:4: clé inconnue « batiments »"]
    assert [p.split("\n")[0] for p in problems_of(make_project(test=head + "buildings: [1, 3]\n" + outage % "4"))] == [
        "residences/test.yml:6: bâtiment « 4 » inconnu dans cette résidence"]


def test_two_buildings_typed_in_one_item_are_refused_with_the_list_to_write(make_project) -> None:  # type: ignore[no-untyped-def]
    """« buildings: [A; B] » is one item in YAML: the pages said « Bâtiment A; B », a notice for [A] reached
    nothing, and ``residences.csv``, which joins the buildings with « ; », read back two where the JSON said one
    (found by the offline review reading the CSV back). A « ; » in a building is told at its item."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        buildings: [A; B, C]
        outages:
          - {equipment: Ascenseur, since: 2026-12-01, status: reported, buildings: ["C ;"]}
        """)
    assert problems_of(root) == [
        "residences/test.yml:4: buildings[1]: « A; B » : un seul bâtiment par élément de la liste\n    → séparez les "
        "bâtiments par des virgules : [A, B], ou écrivez-en un par ligne « - … »",
        "residences/test.yml:6: outages[1].buildings[1]: « C ; » : un seul bâtiment par élément de la liste\n    → "
        "séparez les bâtiments par des virgules : [C], ou écrivez-en un par ligne « - … »"]


def test_a_name_listed_or_referred_to_is_refused_with_a_space_at_an_end(make_project) -> None:  # type: ignore[no-untyped-def]
    """« buildings: ["A ", A] » was two buildings (« Bâtiments A , A »), and a notice for [A] did not reach the
    building « A  »; the same for a fibre operator (« Orange , Free »), a notice's or an outage's buildings,
    the residence's agency and a shared notice's targets. Each is told at its item with the name to write,
    and not also as unknown. Found by quoting a building with a space, as a spreadsheet's cell pastes it."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: "nord "
        buildings: ["A ", B, "\\u00a0C"]
        fibre: {status: available, operators: [Orange, " Free "]}
        notices:
          - {title: Travaux, from: 2026-12-01, until: 2026-12-02, buildings: ["B "]}
        outages:
          - {equipment: Ascenseur, since: 2026-12-01, status: reported, buildings: [" B"]}
        """)
    hint = "\n    → écrivez « {} » : entre guillemets, une espace fait partie du nom, qui ne serait plus le même"
    assert problems_of(root) == [
        "residences/test.yml:3: agency: « nord  » : espace à la fin" + hint.format("nord"),
        "residences/test.yml:4: buildings[1]: « A  » : espace à la fin" + hint.format("A"),
        "residences/test.yml:4: buildings[3]: « \u00a0C » : espace (U+00A0) au début" + hint.format("C"),
        "residences/test.yml:5: fibre.operators[2]: «  Free  » : espace au début et à la fin" + hint.format("Free"),
        "residences/test.yml:7: notices[1].buildings[1]: « B  » : espace à la fin" + hint.format("B"),
        "residences/test.yml:9: outages[1].buildings[1]: «  B » : espace au début" + hint.format("B")]


def test_names_that_differ_only_by_case_accents_or_spaces_are_one_name_twice(make_project) -> None:  # type: ignore[no-untyped-def]
    """« buildings: [A, a] », « [Bât. C, Bat.  C] » or « operators: [Orange, orange] » were taken as two and shown
    « Bâtiments A, a et B », « Opérateurs présents : Orange et orange »; names compare as the agency's
    entries do (« Ascenseurs » replaces « ascenseurs »)."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        buildings: [A, "Bât. C", a]
        fibre: {status: available, operators: [Orange, Free, ORANGE]}
        notices:
          - {title: Travaux, from: 2026-12-01, until: 2026-12-02, buildings: [Bât. C, Bat.  C]}
        """)
    same = "\n    → « {} » et « {} » ne diffèrent que par les majuscules, les accents ou les espaces : retirez la seconde " \
           "fois, ou donnez-lui un autre nom"
    assert problems_of(root) == [
        "residences/test.yml:4: buildings[3]: bâtiment « a » indiqué deux fois" + same.format("A", "a"),
        "residences/test.yml:5: fibre.operators[3]: opérateur « ORANGE » indiqué deux fois"
        + same.format("Orange", "ORANGE"),
        "residences/test.yml:7: notices[1].buildings[2]: bâtiment « Bat.  C » indiqué deux fois"
        + same.format("Bât. C", "Bat.  C")]



def test_a_name_typed_twice_with_a_word_processors_apostrophe_is_told_so(make_project) -> None:  # type: ignore[no-untyped-def]
    """« Entrée d'honneur » and « Entrée d’honneur » (pasted from a word processor) read the same: one building
    typed twice, and the hint says what differs."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        buildings: ["Entrée d'honneur", "Entrée d’honneur"]
        """)
    assert problems_of(root) == [
        "residences/test.yml:4: buildings[2]: bâtiment « Entrée d’honneur » indiqué deux fois\n"
        "    → « Entrée d'honneur » et « Entrée d’honneur » ne diffèrent que par la typographie (’ ou ', – ou -, œ "
        "ou oe), les majuscules, les accents ou les espaces : retirez la seconde fois, ou donnez-lui un autre nom"]


def test_a_number_written_with_and_without_a_zero_before_it_is_one_building(make_project) -> None:  # type: ignore[no-untyped-def]
    """« buildings: [1, 01] » (a spreadsheet's habit) were two buildings, « Bâtiments 1, 01 et 2 »."""
    residence = """\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        buildings: [%s]
        """
    root = make_project(test=residence % "1, 2, 01", autre=residence % "Escalier 1, Escalier 10, 100, Escalier 010")
    same = "\n    → « {} » et « {} » ne diffèrent que par un zéro devant un nombre : retirez la seconde fois, ou " \
           "donnez-lui un autre nom"
    assert problems_of(root) == [
        "residences/autre.yml:4: buildings[4]: bâtiment « Escalier 010 » indiqué deux fois"
        + same.format("Escalier 10", "Escalier 010"),
        "residences/test.yml:4: buildings[3]: bâtiment « 01 » indiqué deux fois" + same.format("1", "01")]


def test_an_agency_key_with_a_space_at_an_end_or_typed_twice_is_told_in_site_config(make_project) -> None:  # type: ignore[no-untyped-def]
    """An agency key « "sud " » was not the key residences name (« agence « sud » inconnue » at each of them,
    « vouliez-vous dire « sud  » ? »); « Nord » beside « nord » was a second agency. Told once, at the key in
    site_config.yml, and the residences naming « sud » are not blamed."""
    config = SITE_CONFIG.replace("  sud: {name: Agence Sud}", '  "sud ": {name: Agence Sud}')
    assert problems_of(make_project(site_config=config, test=RESIDENCE.replace("nord", "sud"))) == [
        "site_config.yml:5: agencies.sud : « sud  » : espace à la fin\n    → écrivez « sud » : entre guillemets, une "
        "espace fait partie du nom, qui ne serait plus le même"]
    config = SITE_CONFIG.replace("  sud: {name: Agence Sud}", "  Nord: {name: Agence Nord bis}")
    assert problems_of(make_project(site_config=config)) == [
        "site_config.yml:5: agencies.Nord: agence « Nord » déclarée deux fois (déjà « nord »)\n    → « nord » et "
        "« Nord » ne diffèrent que par les majuscules, les accents ou les espaces : réunissez-les en une seule agence, "
        "ou donnez-lui une autre clé"]


def test_an_empty_agency_key_or_target_is_told_once_as_empty(make_project) -> None:  # type: ignore[no-untyped-def]
    """An agency key left empty (« "": {name: …} ») validated, and an empty shared notice's target was told twice,
    « ne doit pas être vide » and « résidence «  » inconnue »."""
    config = SITE_CONFIG.replace("  sud: {name: Agence Sud}\n", '  "": {name: Agence Sud}\n') + \
        'notices:\n  - {title: T, from: 2026-12-01, until: 2026-12-02, residences: ["", test]}\n'
    assert problems_of(make_project(site_config=config)) == [
        'site_config.yml:5: agencies."": clé d\'agence vide\n    → donnez à cette agence un nom court, par exemple « nord »',
        "site_config.yml:11: notices[1].residences[1]: ne doit pas être vide\n    → écrivez la valeur après « : », ou "
        "retirez la ligne si elle est facultative"]


def test_a_name_typed_with_its_accent_apart_is_the_same_name(make_project) -> None:  # type: ignore[no-untyped-def]
    """« Bâtiment É » pasted from a Mac (« E » then U+0301) in a notice's buildings was « bâtiment « Bâtiment É »
    inconnu → vouliez-vous dire « Bâtiment É » ? », two names that look the same: a notice's building is read
    as the same text (shown as typed), and an agency, which is looked up, is told that its accents are typed
    apart. Found by pasting a building's name from a Mac's file name."""
    config = SITE_CONFIG.replace("  sud: {name: Agence Sud}", "  évry: {name: Agence d'Évry}")
    apart = "E\u0301"  # « É » as a Mac's copy and paste gives it
    root = make_project(site_config=config, test=f"""\
        name: X
        address: {{street: a, postcode: "91000", city: b}}
        agency: "e\u0301vry"
        buildings: [Bâtiment É, Bâtiment F]
        notices:
          - {{title: T, from: 2026-12-01, until: 2026-12-02, buildings: ["Bâtiment {apart}"]}}
        """)
    assert problems_of(root) == [
        "residences/test.yml:3: agence « e\u0301vry » inconnue\n    → ses accents sont écrits à part (une lettre puis "
        "l'accent, comme le donne un copier-coller depuis un Mac) : effacez ce nom et retapez-le au clavier ; agences "
        "déclarées dans site_config.yml : nord, évry"]


def test_an_agency_holding_an_invisible_character_is_told_once_for_that_character(make_project) -> None:  # type: ignore[no-untyped-def]
    """« nord » with a zero-width space pasted in was told twice at its line: for the character, and as
    « agence « nordU+200B » inconnue → vouliez-vous dire « nord » ? », a name that looks the same. Found by
    mutating every value of the samples."""
    assert problems_of(make_project(test=RESIDENCE.replace("agency: nord", "agency: no\u200brd"))) == [
        "residences/test.yml:3: agency: caractère invisible U+200B non permis, après « no »\n    → il vient souvent "
        "d'un copier-coller depuis un autre logiciel : effacez ce passage et retapez-le au clavier"]


def test_a_name_holding_a_letter_of_another_alphabet_that_looks_latin_names_that_letter(make_project) -> None:  # type: ignore[no-untyped-def]
    """« nоrd » with a Cyrillic « о » (a keyboard switched to Russian, a name pasted from a message) looks like
    « nord » and is never found. In a residence it was « agence « nоrd » inconnue → vouliez-vous dire « nord » ? »,
    two names that look the same; as a key of site_config.yml it validated, and every residence naming « nord »
    of the French keyboard was told « vouliez-vous dire « nоrd » ? ». Both now name the letter, at its line."""
    cyrillic_o = "\u043e"
    assert problems_of(make_project(test=RESIDENCE.replace("nord", f"n{cyrillic_o}rd"))) == [
        f"residences/test.yml:3: agence « n{cyrillic_o}rd » inconnue\n    → « {cyrillic_o} » (U+043E) est une lettre "
        "d'un autre alphabet qui ressemble à une lettre latine : effacez ce nom et retapez-le au clavier ; agences "
        "déclarées dans site_config.yml : nord, sud"]
    config = SITE_CONFIG.replace("  sud: {name: Agence Sud}", f"  sud: {{name: Agence Sud}}\n  {cyrillic_o}u\u0435st: {{name: O}}")
    assert problems_of(make_project(site_config=config, test=RESIDENCE.replace("nord", "ouest"))) == [
        "residences/test.yml:3: agence « ouest » inconnue\n    → agences déclarées dans site_config.yml : nord, sud, "
        f"{cyrillic_o}u\u0435st",  # no suggestion: it would look like the name typed
        f"site_config.yml:6: agencies.{cyrillic_o}u\u0435st: clé d'agence « {cyrillic_o}u\u0435st » : « {cyrillic_o} » "
        "(U+043E) et « \u0435 » (U+0435) sont des lettres d'un autre alphabet qui ressemblent à des lettres latines\n"
        "    → effacez cette clé et retapez-la au clavier : les fichiers qui la nomment l'écrivent au clavier"]


def test_an_agency_named_by_its_name_is_told_its_key(make_project) -> None:  # type: ignore[no-untyped-def]
    """« agency: Agence Sud », as the posters and the site print it, was told « agence inconnue » with the keys
    only, in which staff did not see which one was theirs; a shared notice's « agencies » alike."""
    config = SITE_CONFIG + "notices:\n  - {title: Coupure, from: 2026-12-01, until: 2026-12-02, agencies: [agence nord]}\n"
    root = make_project(site_config=config, test=RESIDENCE.replace("agency: nord", "agency: Agence Sud "))
    assert problems_of(root) == [
        "residences/test.yml:3: agence « Agence Sud » inconnue\n    → « Agence Sud » est le nom de l'agence ; sa clé "
        "s'écrit « sud » ; agences déclarées dans site_config.yml : nord, sud",
        "site_config.yml:11: agence « agence nord » inconnue\n    → « agence nord » est le nom de l'agence ; sa clé "
        "s'écrit « nord » ; agences déclarées plus haut : nord, sud"]
    broken = config.replace("base_url: https://residences.example.org/", "base_url: residences")  # not valid
    root = make_project(site_config=broken, test=RESIDENCE.replace("agency: nord", "agency: Agence Sud"))
    assert "sa clé s'écrit « sud »" in "\n".join(problems_of(root))


def test_a_choice_written_in_french_is_given_its_value(make_project) -> None:  # type: ignore[no-untyped-def]
    """« mode: itinérant », « status: disponible », « level: urgente », « holidays: ouvert » were refused with the
    list of values only, in which staff did not find their word. Found by writing a sample's values in French."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        caretaker: {name: Y, mode: itinérant, holidays: ouvert}
        fibre: {status: en cours}
        notices:
          - {title: Travaux, from: 2026-12-01, until: 2026-12-02, level: Urgente}
        outages:
          - {equipment: Ascenseur, since: 2026-12-01, status: in repair}
        """)
    assert problems_of(root) == [
        "residences/test.yml:4: caretaker.holidays: valeur « ouvert » non permise\n    → « ouvert » s'écrit open ; "
        "valeurs possibles : closed, open",
        "residences/test.yml:4: caretaker.mode: valeur « itinérant » non permise\n    → « itinérant » s'écrit itinerant ; "
        "valeurs possibles : resident, itinerant",
        "residences/test.yml:5: fibre.status: valeur « en cours » non permise\n    → « en cours » s'écrit in_progress ; "
        "valeurs possibles : available, in_progress, planned, unavailable",
        "residences/test.yml:7: notices[1].level: valeur « Urgente » non permise\n    → « Urgente » s'écrit urgent ; "
        "valeurs possibles : urgent, warning, info",
        "residences/test.yml:9: outages[1].status: valeur « in repair » non permise\n    → « in repair » s'écrit "
        "in_repair ; valeurs possibles : reported, in_repair, repaired"]


@pytest.mark.parametrize("typed", ["true", "False", "oui", "non"])
def test_a_yes_or_no_where_closed_or_open_is_asked_is_told_what_each_means(  # type: ignore[no-untyped-def]
        make_project, typed: str) -> None:
    """« caretaker.holidays: true », as site_config.yml's « holidays: true » is written, was told only « valeurs
    possibles : closed, open »: a yes could mean either (« closed on holidays », « works on holidays »)."""
    root = make_project(test=f"""\
        name: X
        address: {{street: a, postcode: "93200", city: b}}
        agency: nord
        caretaker: {{name: Y, holidays: {typed}}}
        """)
    assert problems_of(root) == [
        f"residences/test.yml:4: caretaker.holidays: valeur « {typed} » non permise\n    → « {typed} » ne dit pas "
        "lequel : écrivez closed (loge fermée les jours fériés) ou open (le gardien travaille les jours fériés) ; "
        "valeurs possibles : closed, open"]


def test_a_list_of_groups_typed_on_one_line_is_told_its_items_keys(make_project) -> None:  # type: ignore[no-untyped-def]
    """« hours: lun-ven 8h30-12h, sam 9h-12h », as the import's column reads it, was told « écrivez par exemple
    « hours: [lun-ven 8h30-12h, sam 9h-12h] » », which is refused in turn: a slot is a group of keys. Found by
    writing a sample's hours as the spreadsheet does."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        caretaker:
          name: Y
          hours: lun-ven 8h30-12h, sam 9h-12h
        buildings: A, B
        """)
    assert problems_of(root) == [
        "residences/test.yml:6: caretaker.hours: une liste est attendue\n    → écrivez en dessous un élément par ligne "
        "« - days: … », en retrait, chacun avec ses clés : days, open, close, place",
        "residences/test.yml:7: buildings: une liste est attendue\n    → écrivez par exemple « buildings: [A, B] » ou "
        "une ligne « - … » par élément"]


def test_days_typed_as_a_range_are_given_as_a_list(make_project) -> None:  # type: ignore[no-untyped-def]
    """« days: lun-ven » (as the import's hours read it) or « days: du lundi au vendredi » was told « écrivez par
    exemple « days: [mon, wed, fri] » », an example of other days. The example is now the range typed, day by
    day. Found by writing a sample's days as the spreadsheet does."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        waste:
          - {kind: Verre, days: lun-ven}
          - {kind: Papier, days: du lundi au samedi}
        """)
    assert problems_of(root) == [
        "residences/test.yml:5: waste[1].days: une liste est attendue\n    → écrivez par exemple « days: [mon, tue, wed, "
        "thu, fri] » ou une ligne « - … » par élément",
        "residences/test.yml:6: waste[2].days: une liste est attendue\n    → écrivez par exemple « days: [mon, tue, wed, "
        "thu, fri, sat] » ou une ligne « - … » par élément"]


def test_unknown_agency_lists_known_ones(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nrod
        """)
    (problem,) = problems_of(root)
    assert problem.startswith("residences/test.yml:3: agence « nrod » inconnue")
    assert "vouliez-vous dire « nord » ?" in problem and "nord, sud" in problem


@pytest.mark.parametrize("line, expected", [
    ("open: 25:00", "heure « 25:00 » non reconnue"),
    ("open: 8", "heure « 8 » non reconnue"),
    ("days: [lundi]", "jour « lundi » non reconnu"),
])
def test_bad_values_say_what_is_allowed(make_project, line: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    hours = {"open": "open: 8h", "days": "days: [mon]"}
    key = line.split(":")[0]
    hours[key] = line
    root = make_project(test=f"""\
        name: X
        address: {{street: a, postcode: "93200", city: b}}
        agency: nord
        caretaker:
          name: Y
          hours:
            - {hours['days']}
              {hours['open']}
              close: 23h
        """)
    (problem,) = problems_of(root)
    expected_line = 7 if key == "days" else 8
    assert problem.startswith(f"residences/test.yml:{expected_line}: ") and expected in problem


def test_level_and_status_list_their_values(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        fibre: {status: soon}
        notices:
          - {title: T, from: 2026-12-01, until: 2026-11-01, level: high}
        """)
    found = problems_of(root)
    assert any(p.startswith("residences/test.yml:4: fibre.status: valeur « soon » non permise") and
               "valeurs possibles : available, in_progress, planned, unavailable" in p for p in found), found
    assert any(p.startswith("residences/test.yml:6: notices[1].level: valeur « high » non permise") for p in found)


def test_every_error_of_every_file_in_one_run(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(
        a="name: A\naddress: {street: a, postcode: 9320, city: b}\nagency: nord\n",
        b="name: B\naddress: {street: a, postcode: '93200', city: b}\nagency: nord\nunits: beaucoup\n",
        c="name: [C\n",
    )
    found = problems_of(root)
    assert [p.split(": ")[0] for p in found] == ["residences/a.yml:2", "residences/b.yml:4", "residences/c.yml:1"]


def test_bad_site_config_is_reported_with_the_residences(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(site_config="landlord: {name: L}\nbase_url: ftp://x\nagencies: {nord: {name: N}}\n",
                        test="name: X\n")
    found = problems_of(root)
    assert found[0].startswith("residences/test.yml:1: « address » manquant")
    assert any(p.startswith("site_config.yml:2: base_url: adresse du site « ftp://x » : elle doit commencer par https://") for p in found)


def test_file_names_must_make_urls(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    (root / "residences" / "Les Tilleuls.yml").write_text("name: x\n")
    assert problems_of(root)[0].startswith("residences/Les Tilleuls.yml:1: nom de fichier")


@pytest.mark.parametrize("typed, display, tel", [
    ("0143201122", "01 43 20 11 22", "+33143201122"),
    ("01.43.20.11.22", "01 43 20 11 22", "+33143201122"),
    ("+33 6 12 34 56 78", "06 12 34 56 78", "+33612345678"),
    ("0800 47 33 33", "0 800 47 33 33", "+33800473333"),
    ("+44 20 7946 0958", "+44 20 7946 0958", "+442079460958"),
    ("15", "15", "15"), ("17", "17", "17"), ("18", "18", "18"), ("112", "112", "112"), ("114", "114", "114"),
])
def test_phones_are_checked_and_shown_the_french_way(typed: str, display: str, tel: str) -> None:
    phone = parse_phone(typed)
    assert (phone.display, phone.tel) == (display, tel)


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u2007", "\u3000"])
def test_a_phone_spaced_as_a_web_page_or_a_word_processor_spaces_it_is_read(space: str) -> None:
    """A number copied from a web page or a document is often spaced with a narrow no-break space (U+202F,
    French typography), a thin or a figure space: libphonenumber reads only some spaces, and the number was
    refused « numéro de téléphone « 01 48 20 11 22 » non reconnu », a message showing a number that looks
    right. Found by pasting the samples' numbers as the landlord's website spaces them."""
    phone = parse_phone(space.join(["01", "48", "20", "11", "22"]) + " poste 12")
    assert (phone.display, phone.tel) == ("01 48 20 11 22 poste 12", "+33148201122;ext=12")
    assert parse_phone(f"+33{space}6{space}12 34 56 78").display == "06 12 34 56 78"


@pytest.mark.parametrize("typed", ["01 43 20 11", "06 12 34 56 78 9", "99", "appelez-nous"])
def test_bad_phones_are_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="numéro"):
        parse_phone(typed)


@pytest.mark.parametrize("typed, hint", [
    ("Tél : 01 48 20 11 22", "écrivez le numéro seul : « 01 48 20 11 22 »"),
    ("tel:0148201122", "écrivez le numéro seul : « 0148201122 »"),
    ("Portable: 06 12 34 56 78", "écrivez le numéro seul : « 06 12 34 56 78 »"),
    ("O1 48 2O 11 22", "écrivez « 01 48 20 11 22 » : la lettre O y est à la place du chiffre 0"),
    ("01 48 20 11 22 ou 06 12 34 56 78", "un seul numéro par champ : gardez-en un ici, l'autre dans « mobile » (pour "
                                         "le gardien) ou dans un autre contact"),
    ("01 48 20 11 22 / 06 12 34 56 78", "un seul numéro par champ : gardez-en un ici, l'autre dans « mobile » (pour "
                                        "le gardien) ou dans un autre contact"),
])
def test_a_phone_copied_with_its_label_or_a_second_number_is_told_how_to_write_it(typed: str, hint: str) -> None:
    """A number copied from a letterhead or a signature (« Tél : 01… »), typed with the letter O, or two numbers
    in one field were refused with the examples only; staff did not see which part was the mistake. Found by
    pasting the agencies' numbers from their letters."""
    with pytest.raises(ValueError) as refused:
        parse_phone(typed)
    assert getattr(refused.value, "hint", "") == hint + " ; écrivez par exemple 01 48 20 11 22, 06 12 34 56 78, " \
                                                     "+33 1 48 20 11 22 ou un numéro court comme 15"


@pytest.mark.parametrize("typed, hint", [
    ("8 h 30", "écrivez « 8h30 » (sans espace)"), ("8 h", "écrivez « 8h » (sans espace)"),
    ("8.30", "écrivez « 8h30 »"), ("Midi", "midi s'écrit 12h"),
    ("minuit", "minuit s'écrit 0h pour un début ; une fin à minuit s'écrit 23h59 (l'heure de fin est le même jour)"),
    ("24:00", "minuit s'écrit 0h pour un début ; une fin à minuit s'écrit 23h59 (l'heure de fin est le même jour)"),
    ("25:00", ""), ("830", ""), ("8 h 75", ""),
])
def test_a_time_written_the_french_way_is_told_how_to_write_it(typed: str, hint: str) -> None:
    """« 8 h 30 » (as French typography spaces it), « midi », « minuit » were refused with the examples only;
    staff did not see that a space or a word was the mistake. Found by typing the samples' hours as staff do."""
    with pytest.raises(ValueError) as refused:
        parse_time(typed)
    assert str(refused.value) == f"heure « {typed} » non reconnue : écrivez par exemple 8:30, 08:30, 8h30 ou 8h"
    assert getattr(refused.value, "hint", "") == hint


@pytest.mark.parametrize("typed, hint", [
    ("9 heures", "écrivez « 9h »"), ("9h30mn", "écrivez « 9h30 »"),
    ("8:30:00", "écrivez « 8:30 » (sans les secondes)"), ("2pm", "écrivez l'heure sur 24 heures : « 14h »"),
    ("9h-12h", "une plage d'heures s'écrit en deux clés : « open: 9h » (début) et « close: 12h » (fin)"),
    ("de 8h30 à 12h", "une plage d'heures s'écrit en deux clés : « open: 8h30 » (début) et « close: 12h » (fin)"),
    ("9h du matin", ""), ("25h-26h", ""),
])
def test_a_time_as_a_spreadsheet_or_a_notice_board_writes_it_is_told_how_to_write_it(typed: str, hint: str) -> None:
    """« 8:30:00 » (a spreadsheet's cell), « 9 heures », « 2pm », or the whole range « 9h-12h » typed in
    « open » were refused with the examples only: staff could not see that the seconds, the word or the range
    was the mistake. Found by pasting the hours of a notice board and of the import's spreadsheet."""
    with pytest.raises(ValueError) as refused:
        parse_time(typed)
    assert getattr(refused.value, "hint", "") == hint


@pytest.mark.parametrize("typed, hint", [
    ("2026/12/03", "écrivez « 2026-12-03 »"), ("20261203", "écrivez « 2026-12-03 »"),
    ("3/12/26", "écrivez « 2026-12-03 »"), ("03/12", "ajoutez l'année : AAAA-12-03"),
    ("2026-12-03T10:00", "écrivez « 2026-12-03 » : la date seule, sans l'heure"),
    ("2026-12-03 10:00", "écrivez « 2026-12-03 » : la date seule, sans l'heure"), ("2026/02/30", ""),
])
def test_a_date_as_a_spreadsheet_or_a_calendar_writes_it_is_told_how_to_write_it(typed: str, hint: str) -> None:
    """« 2026/12/03 », « 20261203 », « 3/12/26 », « 03/12 » or a date with its time (copied from a calendar)
    got no hint. Found by pasting dates from a spreadsheet and a calendar."""
    from generator.contract.values import parse_date

    with pytest.raises(ValueError) as refused:
        parse_date(typed)
    assert getattr(refused.value, "hint", "") == hint


def test_a_night_slot_and_a_number_with_its_unit_are_told_how_to_write_them(make_project) -> None:  # type: ignore[no-untyped-def]
    """A slot from 22h to 6h was told « « open » est l'heure de début et « close » celle de fin, le même jour »,
    with no way to write it; « units: 84 logements » and « review_every_months: 6 mois » were told « écrivez
    par exemple 84 » (84 months for a review)."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        units: 84 logements
        caretaker:
          name: Y
          hours: [{days: [sat], open: 22h, close: 6h}]
        """, site_config=SITE_CONFIG + "review_every_months: 6 mois\n")
    assert problems_of(root) == [
        "residences/test.yml:4: units: « 84 logements » n'est pas un nombre entier positif : écrivez par exemple 84\n"
        "    → écrivez le nombre seul : 84",
        "residences/test.yml:7: caretaker.hours[1].close: l'heure de fin (6h) doit être après l'heure de début (22h)\n"
        "    → un créneau qui passe minuit s'écrit en deux : de 22h à 23h59, puis de 0h à 6h les jours suivants",
        "site_config.yml:10: review_every_months: « 6 mois » n'est pas un nombre entier positif : écrivez par exemple 6\n"
        "    → écrivez le nombre seul : 6"]


def test_a_slot_ending_at_midnight_typed_0h_is_told_to_write_23h59(make_project) -> None:  # type: ignore[no-untyped-def]
    """« open: 20h, close: 0h » (an evening until midnight) was told to split it in two, « de 20h à 23h59, puis
    de 0h à 0h les jours suivants »: a second slot of no time at all. Found by typing a slot ending at midnight."""
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        caretaker:
          name: Y
          hours: [{days: [sat], open: 20h, close: 0h}, {days: [sun], open: 18h30, close: 00:00}]
        """)
    hint = "    → une fin à minuit s'écrit 23h59 (l'heure de fin est le même jour)"
    assert problems_of(root) == [
        "residences/test.yml:6: caretaker.hours[1].close: l'heure de fin (0h) doit être après l'heure de début (20h)\n"
        + hint,
        "residences/test.yml:6: caretaker.hours[2].close: l'heure de fin (0h) doit être après l'heure de début (18h30)\n"
        + hint]


@pytest.mark.parametrize("typed, hint", [
    ("03/12/2026", "écrivez « 2026-12-03 »"), ("3.1.2027", "écrivez « 2027-01-03 »"),
    ("jeudi 3 décembre 2026", "écrivez « 2026-12-03 »"), ("1er janvier 2027", "écrivez « 2027-01-01 »"),
    ("2026-12-3", "écrivez « 2026-12-03 »"), ("3 décembre", "ajoutez l'année : AAAA-12-03"),
    ("30/02/2026", ""), ("demain", ""), ("2027-31-01", "écrivez « 2027-01-31 »"), ("2027-13-13", ""),
])
def test_a_date_written_the_french_way_is_told_as_it_is_written(typed: str, hint: str) -> None:
    """« 03/12/2026 » or « 3 décembre 2026 » were told « écrivez-la AAAA-MM-JJ, par exemple 2026-12-03 », an
    example that happened to be one date: staff rewrote « 15/01/2027 » by guesswork. The hint is now the date
    typed, written as the contract reads it (never read in its place); its day and month swapped alike
    (« 2027-31-01 » had no hint). Found by typing the samples' dates as staff do."""
    from generator.contract.values import parse_date

    with pytest.raises(ValueError) as refused:
        parse_date(typed)
    assert getattr(refused.value, "hint", "") == hint


@pytest.mark.parametrize("typed, hint", [
    ("lun", "« lun » s'écrit mon"), ("Vendredi", "« vendredi » s'écrit fri"),
    ("lun-ven", "une plage de jours s'écrit jour par jour : [mon, tue, wed, thu, fri]"),
    ("mon-wed", "une plage de jours s'écrit jour par jour : [mon, tue, wed]"), ("ven-lun", ""), ("x", ""),
])
def test_a_day_written_in_french_is_told_its_key(typed: str, hint: str) -> None:
    """« days: [lun, mar] » was refused with the list of keys only. Found by writing a sample's days in French."""
    from generator.contract.values import parse_day

    with pytest.raises(ValueError) as refused:
        parse_day(typed)
    assert str(refused.value) == (f"jour « {typed} » non reconnu : utilisez mon, tue, wed, thu, fri, sat, sun "
                                  "(lundi … dimanche)")
    assert getattr(refused.value, "hint", "") == hint


@pytest.mark.parametrize("typed", ["8:30", "08:30", "8h30", "8H30"])
def test_times_in_all_accepted_spellings(typed: str) -> None:
    assert parse_time(typed).strftime("%H:%M") == "08:30"


def test_close_before_open_is_refused(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test="""\
        name: X
        address: {street: a, postcode: "93200", city: b}
        agency: nord
        caretaker:
          name: Y
          hours:
            - {days: [mon], open: 12h, close: 8h30}
        """)
    (problem,) = problems_of(root)
    assert problem.startswith("residences/test.yml:7: caretaker.hours[1].close: l'heure de fin (8h30) doit être "
                              "après")


@pytest.mark.parametrize("lines, expected", [
    ("caretaker:\n  name: Y\n  hours:\n    - days: [mon]\n      open: 12h\n      close: 8h30\n",
     "residences/test.yml:9: caretaker.hours[1].close: l'heure de fin (8h30) doit être après l'heure de début (12h)"),
    ("caretaker:\n  name: Y\n  absences:\n    - from: 2026-12-22\n      to: 2026-12-02\n",
     "residences/test.yml:8: caretaker.absences[1].to: « to » (2026-12-02) est avant « from » (2026-12-22)"),
    ("notices:\n  - title: Eau\n    from: 2026-12-10\n    level: info\n    until: 2026-12-01\n",
     "residences/test.yml:8: notices[1].until: « until » (2026-12-01) est avant « from » (2026-12-10)"),
    ("outages:\n  - equipment: Ascenseur\n    since: 2026-11-25\n    status: in_repair\n    expected: 2026-11-01\n",
     "residences/test.yml:8: outages[1].expected: « expected » (2026-11-01) est avant « since » (2026-11-25)"),
    ("outages:\n  - equipment: Ascenseur\n    since: 2026-11-25\n    status: in_repair\n    updates:\n      - date: 2026-11-26\n"
     "        text: Pièce commandée.\n      - date: 2026-11-02\n        text: Pièce arrivée.\n",
     "residences/test.yml:11: outages[1].updates[2].date: la nouvelle du 2026-11-02 est avant le début de la panne "
     "(2026-11-25)"),
])
def test_a_check_across_fields_is_told_at_the_line_of_the_value_to_change(make_project, lines: str,  # type: ignore[no-untyped-def]
                                                                            expected: str) -> None:
    """Not at the item's first line: in a long notice or outage, the editor must find the date to correct."""
    (problem,) = problems_of(make_project(test=RESIDENCE + lines))
    assert problem.split("\n")[0] == expected
    assert problem.split("\n")[1].startswith("    → ")  # and how to correct it


def test_every_check_across_fields_is_told_with_the_item_s_other_mistakes(make_project) -> None:  # type: ignore[no-untyped-def]
    """A check across an item's fields (close after open, « until » after « from », when a collection is…) ran
    only once every field of the item was valid, and stopped at its first problem: a notice with « level:
    urgente » and « until » before « from » told the level, the dates only at the next push; an outage with
    three wrong dates told one. Every problem now comes in one run, each at the line of its value, with the
    item's other mistakes; a check reading a value that has its own error is skipped (update 1's date is
    checked, its text being wrong). Found by fixing a notice's level and pushing again."""
    root = make_project(test=RESIDENCE + """\
        caretaker:
          name: Y
          hours:
            - {days: [lundi], open: 12h, close: 8h30}
          absences:
            - {from: 2026-12-22, to: 2026-12-02, replacement: {name: Z, phone: abc}}
        waste:
          - {kind: Verre, note: "\\x01"}
        notices:
          - {title: Eau, from: 2026-12-10, until: 2026-12-01, level: urgente}
        outages:
          - equipment: Ascenseur
            since: 2026-11-25
            status: in_repair
            expected: 2026-11-01
            repaired: 2026-11-20
            updates:
              - {date: 2026-11-02, text: "\\x01"}
              - {date: 2026-11-03, text: Pièce arrivée.}
              - {date: 30/11/2026, text: Réparée.}
        """.replace("        ", ""))
    assert [problem.split("\n")[0] for problem in problems_of(root)] == [
        "residences/test.yml:7: caretaker.hours[1].close: l'heure de fin (8h30) doit être après l'heure de début (12h)",
        "residences/test.yml:7: caretaker.hours[1].days[1]: jour « lundi » non reconnu : utilisez mon, tue, wed, thu, "
        "fri, sat, sun (lundi … dimanche)",
        "residences/test.yml:9: caretaker.absences[1].replacement.phone: numéro de téléphone « abc » : seuls des "
        "chiffres, espaces, points, tirets, parenthèses, un + au début et un poste à la fin (« poste 12 ») sont "
        "acceptés",
        "residences/test.yml:9: caretaker.absences[1].to: « to » (2026-12-02) est avant « from » (2026-12-22)",
        "residences/test.yml:11: waste[1].note: caractère invisible U+0001 non permis",
        "residences/test.yml:11: waste[1]: indiquez quand : « days » (jours de collecte) ou « schedule » (en clair)",
        "residences/test.yml:13: notices[1].level: valeur « urgente » non permise",
        "residences/test.yml:13: notices[1].until: « until » (2026-12-01) est avant « from » (2026-12-10)",
        "residences/test.yml:17: outages[1].status: « repaired » est donné mais status vaut « in_repair »",
        "residences/test.yml:18: outages[1].expected: « expected » (2026-11-01) est avant « since » (2026-11-25)",
        "residences/test.yml:19: outages[1].repaired: « repaired » (2026-11-20) est avant « since » (2026-11-25)",
        "residences/test.yml:21: outages[1].updates[1].date: la nouvelle du 2026-11-02 est avant le début de la "
        "panne (2026-11-25)",
        "residences/test.yml:21: outages[1].updates[1].text: caractère invisible U+0001 non permis",
        "residences/test.yml:22: outages[1].updates[2].date: la nouvelle du 2026-11-03 est avant le début de la "
        "panne (2026-11-25)",
        "residences/test.yml:23: outages[1].updates[3].date: date « 30/11/2026 » non reconnue : écrivez-la AAAA-MM-JJ, "
        "par exemple 2026-12-03"]
    hints = {problem.split("\n")[0].split(": ")[1]: problem.split("\n    → ")[1:] for problem in problems_of(root)}
    assert hints["notices[1].until"] == ["« from » est le premier jour d'affichage et « until » le dernier"]
    assert hints["outages[1].status"] == ["écrivez status: repaired, ou retirez « repaired »"]
    assert hints["waste[1]"] == ["écrivez par exemple « days: [mon, thu] » ou « schedule: … »"]


def test_every_repeat_of_a_list_is_told_not_only_the_first(make_project) -> None:  # type: ignore[no-untyped-def]
    """« days: [mon, mon, tue, tue] » told « mon » twice, then « tue » at the next push; so did buildings,
    operators and the agencies declared twice. Found by removing a repeated day and pushing again."""
    root = make_project(test=RESIDENCE + """\
        buildings: [A, B, A, b]
        caretaker:
          name: Y
          hours: [{days: [mon, mon, tue, tue, mon], open: 8h, close: 12h}]
        """.replace("        ", ""), site_config=SITE_CONFIG.replace(
        "  sud: {name: Agence Sud}\n", "  sud: {name: Agence Sud}\n  Nord: {name: N}\n  \"sud \": {name: S}\n"))
    assert [problem.split("\n")[0] for problem in problems_of(root)] == [
        "residences/test.yml:4: buildings[3]: bâtiment « A » indiqué deux fois",
        "residences/test.yml:4: buildings[4]: bâtiment « b » indiqué deux fois",
        "residences/test.yml:7: caretaker.hours[1].days[2]: jour « mon » indiqué deux fois",
        "residences/test.yml:7: caretaker.hours[1].days[4]: jour « tue » indiqué deux fois",
        "residences/test.yml:7: caretaker.hours[1].days[5]: jour « mon » indiqué deux fois",
        "site_config.yml:6: agencies.Nord: agence « Nord » déclarée deux fois (déjà « nord »)",
        "site_config.yml:7: agencies.sud : « sud  » : espace à la fin"]


def test_a_repeat_is_told_with_a_mistake_of_another_item_of_its_list(make_project) -> None:  # type: ignore[no-untyped-def]
    """A repeat was looked for only once every item of the list was valid: « days: [mon, mon, lundi] » told
    « lundi », the second « mon » at the next push; two agencies « nord » and « Nord » were not told while one
    of them had a wrong phone, nor a closure given twice beside one with a wrong date. Found by correcting a
    day and pushing again."""
    root = make_project(test=RESIDENCE + """\
        buildings: [A, A, "\\x01"]
        caretaker:
          name: Y
          hours: [{days: [mon, mon, lundi], open: 8h, close: 12h}]
        """.replace("        ", ""), site_config=SITE_CONFIG.replace(
        "  sud: {name: Agence Sud}\n", "  sud: {name: Agence Sud}\n  Nord: {name: N, phone: abc}\n") + """\
closures:
  - {date: 2026-12-24, label: Veille de Noël}
  - {date: 2026-12-24, label: Réveillon}
  - {date: 24/12/2026, label: Noël}
""")
    assert [problem.split("\n")[0] for problem in problems_of(root)] == [
        "residences/test.yml:4: buildings[2]: bâtiment « A » indiqué deux fois",
        "residences/test.yml:4: buildings[3]: caractère invisible U+0001 non permis",
        "residences/test.yml:7: caretaker.hours[1].days[2]: jour « mon » indiqué deux fois",
        "residences/test.yml:7: caretaker.hours[1].days[3]: jour « lundi » non reconnu : utilisez mon, tue, wed, "
        "thu, fri, sat, sun (lundi … dimanche)",
        "site_config.yml:6: agencies.Nord.phone: numéro de téléphone « abc » : seuls des chiffres, espaces, points, "
        "tirets, parenthèses, un + au début et un poste à la fin (« poste 12 ») sont acceptés",
        "site_config.yml:6: agencies.Nord: agence « Nord » déclarée deux fois (déjà « nord »)",
        "site_config.yml:13: closures[2].date: fermeture du 2026-12-24 indiquée deux fois (déjà « Veille de Noël »)",
        "site_config.yml:14: closures[3].date: date « 24/12/2026 » non reconnue : écrivez-la AAAA-MM-JJ, par exemple "
        "2026-12-03"]


def test_slugs_used_by_the_site_itself_are_refused(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    (root / "residences" / "assets.yml").write_text(
        "name: X\naddress: {street: a, postcode: '93200', city: b}\nagency: nord\n")
    (problem,) = problems_of(root)
    assert problem.startswith("residences/assets.yml:1: nom de fichier « assets.yml » réservé par le site")


def test_a_key_is_the_one_of_the_contract_not_the_program_s_name_for_it(make_project) -> None:  # type: ignore[no-untyped-def]
    """« from_ » (the program's name for « from », a word Python reserves) was accepted as « from »: a key
    no documentation, schema or editor knows, whose warnings then pointed at the notice's first line."""
    root = make_project(test="name: X\naddress: {street: a, postcode: '93200', city: b}\nagency: nord\nnotices:\n"
                             "  - title: t\n    from_: 2026-01-01\n    until: 2026-01-02\n")
    assert problems_of(root) == [  # not also « « from » manquant » at line 5: told once, as the key to write
        "residences/test.yml:6: clé inconnue « from_ »\n    → vouliez-vous dire « from » ? clés possibles ici : body, "
        "buildings, from, level, title, until"]
