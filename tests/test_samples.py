"""End to end: the repository's sample residences validate, build and show what tenants need."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent


def page(site: Path, slug: str, name: str = "") -> str:
    return (site / slug / name / "index.html").read_text(encoding="utf-8")


def test_samples_validate() -> None:
    result = CliRunner().invoke(main, ["validate", "--project", str(REPO)])
    assert result.exit_code == 0, result.output


def test_sample_files_reference_the_schema() -> None:
    for path in sorted((REPO / "residences").glob("*.yml")):
        assert path.read_text().startswith("# yaml-language-server: $schema=../schema/residence.schema.json")


def test_resident_caretaker_sample(sample_site: Path) -> None:
    home = page(sample_site, "les-tilleuls")
    assert "Résidence Les Tilleuls" in home and "12-18 rue des Tilleuls, 93200 Saint-Denis" in home
    assert "Ascenseur du bâtiment C à l&#39;arrêt" in home  # current urgent notice
    assert "Désinsectisation" not in home  # expired in October
    assert home.index("Ascenseur du bâtiment C") < home.index("Coupure d&#39;eau chaude")  # urgent first
    caretaker = page(sample_site, "les-tilleuls", "gardien")
    assert "Karim Benali" in caretaker and "de 8h30 à 12h" in caretaker and "de 16h à 18h30" in caretaker
    assert "Sophie Martin" in caretaker  # replacement during the Christmas absence
    who = page(sample_site, "les-tilleuls", "qui-appeler")
    assert 'href="tel:+33969320000">09 69 32 00 00</a>' in who and "Engie Home Services" in who


def test_itinerant_caretaker_sample(sample_site: Path) -> None:
    home = page(sample_site, "le-clos-fleuri")
    assert "Prochain passage" in home
    assert "Vendredi 4 décembre, de 16h à 17h30, hall d&#39;entrée" in home  # built on Wed 2 Dec
    assert not (sample_site / "le-clos-fleuri" / "services").exists()  # no services in the data


def test_fibre_in_progress_sample(sample_site: Path) -> None:
    fibre = page(sample_site, "cite-des-peupliers", "fibre")
    assert "Le raccordement à la fibre est en cours." in fibre and "<strong>fin janvier 2027</strong>" in fibre


def test_landlord_wide_faq_and_emergency_numbers_on_every_residence(sample_site: Path) -> None:
    for slug in ("les-tilleuls", "le-clos-fleuri", "cite-des-peupliers"):
        assert "Comment payer mon loyer ?" in page(sample_site, slug, "faq")
        contacts = page(sample_site, slug, "contacts")
        for number in ("15", "17", "18", "112"):
            assert f'href="tel:{number}">{number}</a>' in contacts
        assert 'href="sms:114">114</a>' in contacts  # SMS, no voice call


def test_index_lists_every_residence_with_city_and_postcode(sample_site: Path) -> None:
    index = (sample_site / "index.html").read_text(encoding="utf-8")
    for slug in ("les-tilleuls", "le-clos-fleuri", "cite-des-peupliers"):
        assert f'href="{slug}/"' in index
    assert "93100 Montreuil" in index and "93200 Saint-Denis" in index
    assert 'lang="fr"' in index
