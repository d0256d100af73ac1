"""Odd things in a project folder: each refused at file:1 (or at the logo key's line), never a hang.

Never a traceback either; and every line comes from the YAML node of the value, not from a text search.
"""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest
from conftest import RESIDENCE, SITE_CONFIG
from PIL import Image

from generator.contract.project import load_project
from generator.errors import Problem, UserError


def problems(root: Path) -> list[str]:
    with pytest.raises(UserError) as info:
        load_project(root)
    return [str(p) for p in info.value.problems]


def test_folders_pipes_and_links_in_residences_are_refused_at_line_1(make_project, tmp_path: Path) -> None:
    root = make_project()
    folder = root / "residences"
    (folder / "dossier.yml").mkdir()
    os.mkfifo(folder / "tube.yml")  # a plain open() would wait for a writer for ever
    (folder / "casse.yml").symlink_to("nulle-part.yml")
    (tmp_path / "ailleurs.yml").write_text(RESIDENCE)
    (folder / "lien.yml").symlink_to(tmp_path / "ailleurs.yml")
    (folder / "interne.yml").symlink_to("test.yml")
    assert problems(root) == [
        "residences/casse.yml:1: lien symbolique cassé (il ne mène à aucun fichier)\n    → supprimez ce lien",
        "residences/dossier.yml:1: c'est un dossier, pas un fichier\n"
        "    → renommez ce dossier (sans « .yml » à la fin) ou déplacez-le ailleurs",
        "residences/interne.yml:1: lien symbolique non accepté : le fichier doit se trouver dans le projet lui-même\n"
        "    → supprimez ce lien et mettez à sa place une copie du fichier",
        "residences/lien.yml:1: lien symbolique non accepté : le fichier doit se trouver dans le projet lui-même\n"
        "    → supprimez ce lien et mettez à sa place une copie du fichier",
        "residences/tube.yml:1: ce n'est pas un fichier ordinaire (tube nommé, socket ou périphérique)\n"
        "    → supprimez-le et mettez à sa place un fichier texte",
    ]


def test_a_residences_folder_linked_out_of_the_project_is_refused_and_never_read(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each file of residences/ is refused as a link, yet residences/ itself could be one: « residences ->
    /etc/… » in a pull request had validation read and quote (« clé inconnue « … » ») every *.yml there, in
    the annotations and the job summary, and build publish them. Refused at residences:1, as a logo out of
    the project is; its files are not read. A link to a folder of the project is followed."""
    root = make_project()
    elsewhere = tmp_path / "ailleurs"
    (root / "residences").rename(elsewhere)
    (elsewhere / "secret.yml").write_text("mot_de_passe: hunter2\n", encoding="utf-8")
    (elsewhere / "sous-dossier").mkdir()
    (elsewhere / "sous-dossier" / "x.yml").write_text(RESIDENCE, encoding="utf-8")
    (root / "residences").symlink_to(elsewhere)
    assert problems(root) == [
        "residences:1: lien symbolique vers un dossier hors du projet : ses fichiers ne sont pas lus\n"
        "    → mettez à sa place le dossier residences/ lui-même, avec ses fichiers"]
    (root / "residences").unlink()
    (elsewhere / "secret.yml").unlink()
    (elsewhere / "sous-dossier" / "x.yml").unlink()
    elsewhere.rename(root / "donnees")
    (root / "residences").symlink_to("donnees")
    assert [item.slug for item in load_project(root).residences] == ["test"]


def test_an_editor_lock_link_is_refused_by_its_name(make_project) -> None:
    root = make_project()
    (root / "residences" / ".#test.yml").symlink_to("moi@poste.1234:1700000000")
    [refused] = problems(root)
    assert refused.startswith("residences/.#test.yml:1: nom de fichier « .#test.yml » impossible")


def test_an_unreadable_file_is_refused(make_project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Tests run as root here, where chmod 000 still reads: the refusal of the system is simulated."""
    root = make_project()
    real_open = os.open

    def refuse(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith("test.yml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert problems(root) == ["residences/test.yml:1: fichier illisible : droits d'accès insuffisants\n"
                              "    → donnez le droit de lecture sur ce fichier (par exemple chmod a+r)"]


def test_size_is_checked_before_reading(make_project) -> None:
    root = make_project()
    with open(root / "residences" / "test.yml", "ab") as f:
        f.truncate(64 * 1024 * 1024)  # sparse: 64 MB that are never read
    assert problems(root) == ["residences/test.yml:1: fichier trop volumineux (64 Mo, maximum 512 Ko)\n"
                              "    → vérifiez que c'est le bon fichier"]


def test_nul_byte_and_bad_utf8_are_reported_at_their_line(make_project) -> None:
    root = make_project(test=RESIDENCE + "units: 4\x002\n")
    (root / "residences" / "autre.yml").write_bytes(RESIDENCE.encode() + b"# caf\xe9\n")
    found = problems(root)
    assert found[0].startswith("residences/autre.yml:4: le fichier n'est pas enregistré en UTF-8")
    assert found[1].startswith("residences/test.yml:4: caractère invisible U+0000 non permis dans le fichier")


def test_site_config_missing_a_folder_or_a_link(make_project) -> None:
    root = make_project()
    config = root / "site_config.yml"
    config.unlink()
    assert problems(root)[0].startswith("site_config.yml:1: fichier introuvable")
    config.mkdir()
    assert problems(root)[0].startswith("site_config.yml:1: c'est un dossier, pas un fichier")
    config.rmdir()
    os.mkfifo(config)
    assert problems(root)[0].startswith("site_config.yml:1: ce n'est pas un fichier ordinaire")
    config.unlink()
    config.symlink_to("/etc/hostname")
    assert problems(root)[0].startswith("site_config.yml:1: lien symbolique non accepté")


def test_deep_nesting_is_refused_at_its_line(make_project) -> None:
    root = make_project(test=RESIDENCE + "buildings: " + "[" * 200 + "]" * 200 + "\n")
    assert problems(root) == ["residences/test.yml:4: trop de niveaux imbriqués (plus de 40)\n"
                              "    → vérifiez les crochets [ ] et accolades { } de cette ligne"]


# --- the logo -----------------------------------------------------------------------------------------

def png_declaring(width: int, height: int) -> bytes:
    """A valid PNG header for a huge image, with a few bytes of data: a decompression bomb's shape."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
            + chunk(b"IEND", b""))


LOGO_CONFIG = SITE_CONFIG.replace("landlord: {name: Habitat Test, tenant_portal: https://locataires.example.org/}",
                                  "landlord:\n  name: Habitat Test\n  logo: '{logo}'\n")


def logo_problem(make_project, logo: str, content: bytes | None = None) -> str:  # type: ignore[no-untyped-def]
    root = make_project(site_config=LOGO_CONFIG.replace("{logo}", logo))
    if content is not None:
        (root / logo).parent.mkdir(parents=True, exist_ok=True)
        (root / logo).write_bytes(content)
    [found] = problems(root)
    return found


def test_logo_config_is_valid_with_a_good_logo(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(site_config=LOGO_CONFIG.replace("{logo}", "img/logo.png"))
    (root / "img").mkdir()
    Image.new("RGB", (300, 100), "navy").save(root / "img" / "logo.png")
    assert load_project(root).config.landlord.logo == "img/logo.png"


def test_a_decompression_bomb_is_refused_at_the_logo_line(make_project) -> None:  # type: ignore[no-untyped-def]
    assert logo_problem(make_project, "bombe.png", png_declaring(30000, 30000)) == (
        "site_config.yml:3: logo « bombe.png » : image trop grande pour être ouverte sans risque\n"
        "    → réduisez-la à 2000 pixels de large au plus")
    assert logo_problem(make_project, "grand.png", png_declaring(6000, 6000)) == (
        "site_config.yml:3: logo « grand.png » : image trop grande (6000 × 6000 pixels, maximum 25 millions de "
        "pixels)\n    → réduisez-la à 2000 pixels de large au plus")


def test_a_corrupt_or_truncated_logo_is_refused(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    Image.new("RGB", (400, 400), "navy").save(tmp_path / "ok.png")
    truncated = (tmp_path / "ok.png").read_bytes()[:-200]  # verify() alone passes the header; load() does not
    for content in (truncated, b"GIF89a" + b"\0" * 50, png_declaring(100, 100)):
        assert logo_problem(make_project, "logo.png", content) == (
            "site_config.yml:3: logo « logo.png » : image illisible (fichier abîmé, tronqué ou pas une image PNG "
            "ou JPEG)\n    → enregistrez-la de nouveau en PNG ou JPEG depuis un logiciel d'images")


@pytest.mark.parametrize(("logo", "message"), [
    ("../../etc/x.png", "l'image doit se trouver dans le dossier du projet"),
    ("/etc/x.png", "un chemin absolu n'est pas accepté"),
    ("C:\\logo.png", "un chemin absolu n'est pas accepté"),
    ("lien.png", "l'image doit se trouver dans le dossier du projet"),
    ("interne.png", "lien symbolique non accepté : le fichier doit se trouver dans le projet lui-même"),
    ("dehors/logo.png", "l'image doit se trouver dans le dossier du projet"),
    ("tube.png", "ce n'est pas un fichier ordinaire (tube nommé, socket ou périphérique)"),
])
def test_a_logo_outside_the_project_or_not_a_file_is_refused(make_project, tmp_path: Path, logo: str,
                                                              message: str) -> None:  # type: ignore[no-untyped-def]
    root = make_project(site_config=LOGO_CONFIG.replace("{logo}", logo))
    Image.new("RGB", (10, 10)).save(tmp_path / "vrai.png")
    (root / "lien.png").symlink_to(tmp_path / "vrai.png")
    Image.new("RGB", (10, 10)).save(root / "vrai-interne.png")
    (root / "interne.png").symlink_to("vrai-interne.png")
    (root / "dehors").symlink_to(tmp_path)
    (tmp_path / "logo.png").write_bytes((tmp_path / "vrai.png").read_bytes())
    os.mkfifo(root / "tube.png")
    [found] = problems(root)
    assert found.startswith(f"site_config.yml:3: logo « {logo} » : {message}\n")


# --- exact lines --------------------------------------------------------------------------------------

def test_caretaker_name_error_is_at_its_line_not_line_1(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test=RESIDENCE + "caretaker:\n  mode: resident\n  name: Li 李\n")
    assert problems(root) == ["residences/test.yml:6: caractère « 李 » (U+674E) impossible à imprimer sur "
                              "l'affiche\n    → remplacez-le par une lettre ou un signe courant du français"]


def test_a_ligature_pasted_from_a_pdf_is_told_with_the_letters_to_type(make_project) -> None:  # type: ignore[no-untyped-def]
    """Text copied from a PDF or a word processor brings ligatures (« ﬁ », « ﬂ ») and signs such as « ㎡ »,
    which the poster cannot print: the hint says what to type instead (their compatibility form, when the
    poster prints it), not only to replace them with « a common French sign »."""
    root = make_project(test=RESIDENCE + "caretaker:\n  mode: resident\n  name: Raﬁk\n  office: Loge de 20 ㎡ ★\n")
    name, office = problems(root)
    assert name == ("residences/test.yml:6: caractère « ﬁ » (U+FB01) impossible à imprimer sur l'affiche\n"
                    "    → écrivez « fi » au lieu de « ﬁ »")
    assert office == ("residences/test.yml:7: 2 caractères impossibles à imprimer sur l'affiche : « ★ » (U+2605), "
                      "« ㎡ » (U+33A1)\n    → l'affiche n'imprime que l'alphabet latin : remplacez-les par des lettres "
                      "ou des signes courants du français (un nom dans un autre alphabet s'écrit en lettres latines) ; "
                      "écrivez « m2 » au lieu de « ㎡ »")


def test_character_error_is_at_the_value_not_at_a_comment(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test="# Résidence ☎ des Lilas\n" + RESIDENCE.replace("Résidence Test", "Résidence ☎ Test"))
    assert [p.split("\n")[0] for p in problems(root)] == [
        "residences/test.yml:2: caractère « ☎ » (U+260E) impossible à imprimer sur l'affiche"]


def test_a_value_in_another_alphabet_is_one_problem_naming_its_characters(make_project) -> None:  # type: ignore[no-untyped-def]
    """An Arabic name on a poster was one problem per distinct letter: 21 lines for one name, the file's
    other mistakes lost among them. One problem per value names them, the first eight, and how many more."""
    root = make_project(test=RESIDENCE + "caretaker:\n  mode: resident\n  name: فاطمة بن علي\n"
                        "  office: Loge ★\n")
    name, office = problems(root)
    assert name == ("residences/test.yml:6: 10 caractères impossibles à imprimer sur l'affiche : « ا » (U+0627), "
                    "« ب » (U+0628), « ة » (U+0629), « ط » (U+0637), « ع » (U+0639), « ف » (U+0641), « ل » (U+0644), "
                    "« م » (U+0645) et 2 autre(s)\n    → l'affiche n'imprime que l'alphabet latin : remplacez-les par des lettres "
                    "ou des signes courants du français (un nom dans un autre alphabet s'écrit en lettres latines)")
    assert office.startswith("residences/test.yml:7: caractère « ★ » (U+2605) impossible à imprimer")
    root = make_project(test=RESIDENCE.replace("Résidence Test", "إقامة الزيتون الكبرى الجديدة"))
    [problem] = problems(root)
    assert problem.startswith("residences/test.yml:1: 17 caractères impossibles à imprimer sur l'affiche : "
                              "« إ » (U+0625), « ا » (U+0627), ") and " et 9 autre(s)\n" in problem


def test_the_same_character_in_two_values_is_reported_at_both(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test=RESIDENCE.replace("Résidence Test", "Résidence ★") + "caretaker: {name: ★ Li}\n")
    assert [p.split("\n")[0] for p in problems(root)] == [
        "residences/test.yml:1: caractère « ★ » (U+2605) impossible à imprimer sur l'affiche",
        "residences/test.yml:4: caractère « ★ » (U+2605) impossible à imprimer sur l'affiche"]


def test_no_module_searches_the_raw_text_for_lines() -> None:
    """Lines come from YAML nodes (Document.line_of): no module looks for a key or a character in the text."""
    root = Path(__file__).resolve().parent.parent / "generator"
    assert [p.name for p in root.rglob("*.py") if "line_with" in p.read_text(encoding="utf-8")] == []


def test_poster_overflow_points_at_the_caretaker_hours_not_a_contact_s(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner
    from test_posters import CROWDED

    from generator.cli import main

    text = CROWDED.replace("agency: nord\n", "agency: nord\ncontacts:\n  - role: Amicale\n    hours: le mardi\n")
    line = text.splitlines().index("  hours:") + 1
    assert line > text.splitlines().index("    hours: le mardi") + 1
    result = CliRunner().invoke(main, ["posters", "--project", str(make_project(test=text)), "--out",
                                       str(tmp_path / "out"), "--today", "2026-12-02"])
    assert result.exit_code == 1
    assert f"residences/test.yml:{line}: trop de texte pour l'affiche A4 (gardien et horaires)" in result.output


def test_residences_in_a_sub_folder_or_with_another_extension_are_not_skipped(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    (root / "residences" / "nord").mkdir()
    (root / "residences" / "nord" / "les-lilas.yml").write_text(RESIDENCE)
    (root / "residences" / "AUTRE.YML").write_text(RESIDENCE)
    (root / "residences" / "nord" / "notes.txt").write_text("rien")
    (root / "residences" / "boucle").symlink_to(root / "residences")  # a link to a folder is not followed
    assert problems(root) == [
        # The name the hint gives is one the slug rule accepts: « AUTRE.yml » was then refused in turn.
        "residences/AUTRE.YML:1: extension « .YML » : ce fichier serait ignoré\n    → renommez-le en autre.yml",
        "residences/nord/les-lilas.yml:1: fichier dans un sous-dossier : il ne serait pas publié\n"
        "    → déplacez-le directement dans residences/ (ou hors de residences/ s'il est archivé)"]


def test_a_path_through_a_file_is_told_in_french(tmp_path: Path) -> None:
    from generator.contract.sources import read_source

    (tmp_path / "fichier").write_text("x")
    assert read_source(tmp_path / "fichier" / "r.yml", "residences/r.yml", 100) == (None, [
        Problem("residences/r.yml", 1, "fichier illisible (un élément du chemin n'est pas un dossier)",
                "vérifiez le nom et les droits du dossier")])


def test_every_mistake_of_a_residence_is_told_in_one_run(make_project) -> None:  # type: ignore[no-untyped-def]
    """An unknown agency, an invalid value or a refused file name stopped the checks that come after them
    (characters the posters cannot print, buildings a notice names, the values): fixed one at a time, each
    push of a pull request showed the next mistake."""
    body = ("name: Résidence ★\naddress: {street: a, postcode: 93200, city: b}\nagency: {agency}\nbuildings: [A]\n"
            "notices:\n  - {title: t, from: {day}, until: 2026-01-02, buildings: [Z]}\n")
    expected = ["residences/{file}:1: caractère « ★ » (U+2605) impossible à imprimer sur l'affiche",
                "residences/{file}:6: bâtiment « Z » inconnu dans cette résidence"]
    for file, agency, day, more in (
            ("test.yml", "sud", "2026-01-01", []),
            ("test.yml", "ouest", "2026-01-01", ["residences/test.yml:3: agence « ouest » inconnue"]),
            ("test.yml", "sud", "2026-02-30", ["residences/test.yml:6: notices[1].from: date « 2026-02-30 » non "
                                               "reconnue : il n'y a pas de 30 février 2026"]),
            ("Test.yml", "sud", "2026-01-01", ["residences/Test.yml:1: nom de fichier « Test.yml » impossible à "
                                               "utiliser dans une adresse web"])):
        root = make_project(test=body.replace("{agency}", agency).replace("{day}", day))
        if file != "test.yml":
            (root / "residences" / "test.yml").rename(root / "residences" / file)
        found = sorted(p.split("\n")[0] for p in problems(root))
        assert found == sorted([e.format(file=file) for e in expected] + more), (file, agency, day)


def test_a_residence_s_unknown_agency_is_told_even_when_site_config_has_a_mistake(make_project) -> None:  # type: ignore[no-untyped-def]
    """The agency was checked against a valid config only: with a mistake in site_config.yml, a residence's
    unknown agency came on the next push, once the config was fixed."""
    root = make_project(site_config=SITE_CONFIG.replace("emergency:\n  - {label: SAMU, phone: 15}",
                                                        "emergency:\n  - {label: SAMU, phone: 16}"),
                        test="name: X\naddress: {street: a, postcode: 93200, city: b}\nagency: nrod\n")
    assert [p.split("\n")[0] for p in problems(root)] == [
        "residences/test.yml:3: agence « nrod » inconnue",
        "site_config.yml:7: emergency[1].phone: numéro court « 16 » inconnu en France"]
