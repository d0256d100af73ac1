"""Agency defaults and shared notices reach every output: a residence inherits its agency's maintenance,
waste and contacts (its own entry with the same key replaces the agency's), and shows the shared notices
that target it, exactly like its own; the pages never say where a value came from."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from generator.contract.inheritance import inherited, key_text, same_key
from generator.contract.project import load_project
from generator.outputs.context import ResidenceContext
from generator.outputs import published, sitemap
from generator.publish.site import build_site
from conftest import SITE_CONFIG

TODAY = date(2026, 12, 2)

AGENCIES = """\
landlord: {name: Habitat Test}
base_url: https://residences.example.org/
languages: [fr, en]
agencies:
  nord:
    name: Agence Nord
    maintenance:
      - {topic: Ascenseurs, company: Otis, phone: 0800 24 24 07}
      - {topic: {fr: Chauffage, en: Heating}, company: Dalkia, phone: 01 48 00 00 01}
    waste:
      - {kind: Encombrants, schedule: Le 2e mardi du mois}
    contacts:
      - {role: Régie de quartier, phone: 01 48 00 00 00}
  sud: {name: Agence Sud}
notices:
  - {title: Pour tous, from: 2026-11-15, until: 2026-12-15}
  - {title: Nord ou Lilas, from: 2026-11-20, until: 2026-12-15, level: warning, agencies: [nord],
     residences: [lilas]}
  - {title: Tilleuls seulement, from: 2026-12-20, until: 2026-12-31, residences: [tilleuls]}
"""


def residence(name: str, agency: str, extra: str = "") -> str:
    return f"name: {name}\naddress: {{street: 1 rue X, postcode: '93200', city: Saint-Denis}}\nagency: {agency}\n" \
        + extra


OWN_LIFT = """\
maintenance:
  - {topic: Eau chaude, company: Veolia, phone: 01 48 00 00 02}
  - {topic: "  ascenseurs ", company: Kone, phone: 0800 11 22 33}
notices:
  - {title: Coupure d'eau, from: 2026-12-01, until: 2026-12-03}
"""


@pytest.fixture
def project(make_project):  # type: ignore[no-untyped-def]
    root = make_project(site_config=AGENCIES, tilleuls=residence("Les Tilleuls", "nord", OWN_LIFT),
                        roses=residence("Les Roses", "nord"), lilas=residence("Les Lilas", "sud"),
                        pins=residence("Les Pins", "sud"))
    return load_project(root)


def seen(project, slug: str):  # type: ignore[no-untyped-def]
    item = next(i for i in project.residences if i.slug == slug)
    return inherited(project.config, slug, item.residence)


# --- The rules, in one pure function -------------------------------------------------------------------

def test_keys_compare_without_case_accents_or_spacing() -> None:
    assert key_text("  Électricité   des  Parties communes ") == "electricite des parties communes"
    assert same_key("Ascenseur", "ASCENSEUR") and same_key("Eau chaude", "eau  chaude")
    assert same_key("Régie de quartier", "regie de quartier")
    assert not same_key("Ascenseur", "Ascenseurs")  # a plural is another word: type the agency's key



def test_keys_compare_without_the_typography_a_word_processor_adds() -> None:
    """« Porte d’entrée » pasted from a word processor (its curly apostrophe) and « Porte d'entrée » typed on
    a keyboard read the same, yet did not match: both entries showed, the agency's one under the residence's
    own. Likewise a dash for a hyphen, « œ » for « oe »."""
    assert same_key("Porte d’entrée", "porte d'entree") and same_key("Local d‘entretien", "Local d'entretien")
    assert same_key("Vide‑ordures", "vide-ordures") and same_key("Ascenseur – bâtiment A", "Ascenseur - batiment A")
    assert same_key("Nœud de raccordement", "Noeud de raccordement") and same_key("Ex æquo", "ex aequo")
    assert not same_key("Vide-ordures", "Vide ordures")  # a hyphen is not a space: what is typed is kept


def test_a_residence_inherits_its_agencys_entries_after_its_own(project) -> None:  # type: ignore[no-untyped-def]
    roses = seen(project, "roses")
    assert [(m.topic, m.company) for m in roses.maintenance] == [("Ascenseurs", "Otis"), ("Chauffage", "Dalkia")]
    assert [w.kind for w in roses.waste] == ["Encombrants"]
    assert [c.role for c in roses.contacts] == ["Régie de quartier"]


def test_an_entry_with_the_same_key_replaces_the_agencys_whole(project) -> None:  # type: ignore[no-untyped-def]
    tilleuls = seen(project, "tilleuls")
    assert [(str(m.topic).strip(), m.company) for m in tilleuls.maintenance] == [
        ("Eau chaude", "Veolia"), ("ascenseurs", "Kone"), ("Chauffage", "Dalkia")]
    assert str(tilleuls.maintenance[1].phone.typed) == "0800 11 22 33"  # nothing kept from Otis


def test_an_agency_without_defaults_changes_nothing(project) -> None:  # type: ignore[no-untyped-def]
    item = next(i for i in project.residences if i.slug == "pins")
    pins = inherited(project.config, "pins", item.residence)
    assert (pins.maintenance, pins.waste, pins.contacts) == ([], [], [])
    assert [n.title for n in pins.notices] == ["Pour tous"]


def test_shared_notices_reach_exactly_their_targets_after_the_residences_own(project) -> None:  # type: ignore[no-untyped-def]
    titles = {slug: [n.title for n in seen(project, slug).notices] for slug in ("tilleuls", "roses", "lilas", "pins")}
    assert titles == {
        "tilleuls": ["Coupure d'eau", "Pour tous", "Nord ou Lilas", "Tilleuls seulement"],  # own first
        "roses": ["Pour tous", "Nord ou Lilas"],  # agency nord
        "lilas": ["Pour tous", "Nord ou Lilas"],  # named, though of agency sud
        "pins": ["Pour tous"],
    }
    assert seen(project, "lilas").notices[1].level == "warning"


def test_the_file_as_typed_is_kept_for_validation_and_line_numbers(project) -> None:  # type: ignore[no-untyped-def]
    item = next(i for i in project.residences if i.slug == "roses")
    seen(project, "roses")
    assert (item.residence.maintenance, item.residence.notices) == ([], [])


def test_translations_of_agency_entries_and_shared_notices_reach_each_language(make_project) -> None:  # type: ignore[no-untyped-def]
    config = AGENCIES.replace("{title: Pour tous,", "{title: {fr: Pour tous, en: For everyone},")
    project = load_project(make_project(site_config=config, roses=residence("Les Roses", "nord"),
                                        lilas=residence("Les Lilas", "sud"), tilleuls=residence("T", "sud")))
    item = next(i for i in project.residences if i.slug == "roses")
    english = ResidenceContext(project.config, item, TODAY, language="en").residence
    assert [str(m.topic) for m in english.maintenance] == ["Ascenseurs", "Heating"]
    assert english.maintenance[0].topic.language == "fr"  # untranslated: marked as French on the page
    assert str(english.notices[0].title) == "For everyone"


def test_the_sitemap_lists_pages_that_only_inherited_data_fills(project) -> None:  # type: ignore[no-untyped-def]
    urls = sitemap.files(project)[published.SITEMAP].decode()
    assert "<url><loc>https://residences.example.org/roses/qui-appeler/</loc></url>\n" in urls
    assert "<url><loc>https://residences.example.org/roses/dechets/</loc></url>\n" in urls
    assert "<url><loc>https://residences.example.org/pins/qui-appeler/</loc></url>\n" not in urls


# --- Every output, built for real ----------------------------------------------------------------------

@pytest.fixture
def site(project, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build_site(project, out, TODAY)
    return out


def test_a_shared_notice_shows_on_exactly_the_targeted_residences_everywhere(site: Path) -> None:
    expected = {"tilleuls": {"Pour tous", "Nord ou Lilas", "Tilleuls seulement"},
                "roses": {"Pour tous", "Nord ou Lilas"}, "lilas": {"Pour tous", "Nord ou Lilas"},
                "pins": {"Pour tous"}}
    for slug, titles in expected.items():
        home = (site / slug / "index.html").read_text()
        feed = (site / slug / "avis.xml").read_text()
        calendar = (site / slug / "calendrier.ics").read_text()
        hall = (site / slug / "ecran" / "index.html").read_text()
        data = json.loads((site / slug / "residence.json").read_text())
        in_data = {n["title"] for n in data["notices"] + data["upcoming_notices"]}
        for title in ("Pour tous", "Nord ou Lilas", "Tilleuls seulement"):
            found = (title in home, title in feed, title in calendar, title in in_data)
            assert found == (title in titles,) * 4, (slug, title)
        assert ("Nord ou Lilas" in hall) == ("Nord ou Lilas" in titles)  # current notices only
        assert not any(word in home.lower() for word in ("site_config", "hérité", "avis commun"))


def test_the_maintenance_page_shows_the_agencys_contracts_or_the_residences_own(site: Path) -> None:
    roses = (site / "roses" / "qui-appeler" / "index.html").read_text()
    tilleuls = (site / "tilleuls" / "qui-appeler" / "index.html").read_text()
    assert "Otis" in roses and "Dalkia" in roses and "Kone" not in roses
    assert "Kone" in tilleuls and "Veolia" in tilleuls and "Dalkia" in tilleuls and "Otis" not in tilleuls
    assert "Heating" in (site / "roses" / "en" / "qui-appeler" / "index.html").read_text()
    assert "Encombrants" in (site / "roses" / "dechets" / "index.html").read_text()
    assert "Régie de quartier" in (site / "roses" / "contacts" / "index.html").read_text()
    assert not (site / "pins" / "qui-appeler").exists()
    for page in (roses, tilleuls):
        assert "hérité" not in page and "Agence Nord" not in page  # nothing says where a value came from
    data = json.loads((site / "roses" / "residence.json").read_text())
    assert [m["company"] for m in data["maintenance"]] == ["Otis", "Dalkia"]


def test_editing_site_config_rebuilds_the_microsites_it_reaches(project, site: Path) -> None:  # type: ignore[no-untyped-def]
    config = (project.root / "site_config.yml").read_text()
    (project.root / "site_config.yml").write_text(config.replace("company: Otis", "company: Schindler"))
    build_site(load_project(project.root), site, TODAY)
    assert "Schindler" in (site / "roses" / "qui-appeler" / "index.html").read_text()
    assert "Tilleuls seulement" in (site / "tilleuls" / "index.html").read_text()


def test_site_config_stays_valid_with_the_tests_default(make_project) -> None:  # type: ignore[no-untyped-def]
    project = load_project(make_project(site_config=SITE_CONFIG))
    item = project.residences[0]
    assert inherited(project.config, item.slug, item.residence) is item.residence  # nothing shared: same object
