"""Contact cards (vCard 4.0): strictly well-formed, and read back by an independent parser (vobject)."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import vobject

from generator.publish.site import build_site
from generator.contract.project import load_project
from generator.outputs.vcard import NAMESPACE, fold
from conftest import SITE_CONFIG

LONG_NAME = "Marie-Françoise Éléonore de La Roche-Guyon-Saint-Évremond, dite « Mimi »"

RESIDENCE = f"""\
name: Résidence Test
address: {{street: 1 rue de la Paix, postcode: 01000, city: Bourg-en-Bresse}}
agency: nord
caretaker:
  name: "{LONG_NAME}"
  phone: 01 48 20 11 22
  mobile: 06 12 34 56 78
  email: gardien@example.org
  office: Loge; bâtiment A
  hours:
    - {{days: [mon, tue], open: 8:30, close: 12h}}
"""


def build(make_project, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build_site(load_project(make_project(test=RESIDENCE)), out, date(2026, 12, 2))
    return out / "test"


def check_strict(raw: bytes) -> None:
    """RFC 6350 §3.2: CRLF lines of at most 75 octets; §6.7.9: VERSION right after BEGIN."""
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert lines[0] == b"BEGIN:VCARD" and lines[1] == b"VERSION:4.0" and lines[-1] == b"END:VCARD"
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # folding never splits a character


def test_caretaker_card(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    raw = (build(make_project, tmp_path) / "gardien.vcf").read_bytes()
    check_strict(raw)
    card = vobject.readOne(raw.decode("utf-8"))
    assert card.fn.value == LONG_NAME  # folded and escaped on the way out, whole on the way back
    assert card.kind.value == "individual"
    tels = sorted(t.value for t in card.contents["tel"])
    assert tels == ["tel:+33148201122", "tel:+33612345678"]
    assert card.email.value == "gardien@example.org"
    assert card.org.value == ["Habitat Test", "Résidence Test"]
    assert card.adr.value.extended == "Loge; bâtiment A" and card.adr.value.street == "1 rue de la Paix"
    assert card.adr.value.code == "01000" and card.adr.value.city == "Bourg-en-Bresse"
    assert card.note.value == "lundi\u00a0: 8h30-12h\nmardi\u00a0: 8h30-12h\nLoge fermée les jours fériés."
    assert card.uid.value.startswith("urn:uuid:")


def test_agency_card(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    raw = (build(make_project, tmp_path) / "agence.vcf").read_bytes()
    check_strict(raw)
    card = vobject.readOne(raw.decode("utf-8"))
    assert card.fn.value == "Agence Nord" and card.kind.value == "org"
    assert card.tel.value == "tel:+33149331010" and card.email.value == "nord@example.org"


def test_cards_are_linked_and_stable(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = build(make_project, tmp_path)
    first = (site / "gardien.vcf").read_bytes()
    contacts = (site / "contacts" / "index.html").read_text()
    assert 'href="../gardien.vcf" type="text/vcard"' in contacts
    assert 'href="../agence.vcf" type="text/vcard">Enregistrer l\'agence dans mes contacts' in contacts
    assert 'href="../gardien.vcf"' in (site / "gardien" / "index.html").read_text()
    site = build(make_project, tmp_path)
    assert (site / "gardien.vcf").read_bytes() == first


def test_fold_counts_octets_not_characters() -> None:
    folded = fold("NOTE:" + "é" * 80).encode("utf-8").split(b"\r\n")
    assert [len(x) for x in folded] == [75, 75, 17]  # 5 + 35×2 ; 1 + 37×2 ; 1 + 8×2
    assert b"".join(x[1:] if i else x for i, x in enumerate(folded)).decode() == "NOTE:" + "é" * 80


def test_each_phone_type_is_a_value_of_its_own(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """RFC 6350 §5.6 writes TYPE's values as a list, ``TYPE=work,voice``; quoted (``TYPE="work,voice"``) they are
    one value holding a comma (§5: a value with a comma is quoted), which vobject read as the type
    « work,voice », and Android's vCard reader too (its parser splits at commas outside quotes only): no
    phone was « work » nor « cell », so a tenant's contacts showed the mobile as a number of no known kind."""
    site = build(make_project, tmp_path)
    card = vobject.readOne((site / "gardien.vcf").read_text(encoding="utf-8"))
    types = {t.value: t.params["TYPE"] for t in card.contents["tel"]}
    assert types == {"tel:+33148201122": ["work", "voice"], "tel:+33612345678": ["cell", "voice", "text"]}
    assert vobject.readOne((site / "agence.vcf").read_text(encoding="utf-8")).tel.params["TYPE"] == ["work", "voice"]


def test_the_agency_is_one_contact_in_every_language(tmp_path: Path) -> None:
    """A card's UID names the person or organisation (RFC 6350 §6.7.6): the agency's was derived from its name
    in the card's language, so « Agence Nord », « North agency » and « وكالة الشمال » were three contacts for
    one agency; the caretaker's, from a name typed once, was already one."""
    from test_languages import write_project

    from generator.outputs.context import ResidenceContext
    from generator.outputs.vcard import files

    project = load_project(write_project(tmp_path / "project"))
    cards = [{path: vobject.readOne(raw.decode("utf-8"))
              for path, raw in files(ResidenceContext.of(project, project.residences[0], date(2026, 12, 2),
                                                         language)).items()}
             for language in ("fr", "en", "ar")]
    assert [c["agence.vcf"].fn.value for c in cards] == ["Agence Nord", "North agency", "وكالة الشمال"]
    for path in ("agence.vcf", "gardien.vcf"):
        assert len({c[path].uid.value for c in cards}) == 1, path


def test_the_caretaker_is_one_contact_in_every_language_even_with_a_name_per_language(tmp_path: Path) -> None:
    """The caretaker's card UID came from the name in the card's language: a name written per language
    (« Fatima Benali », « فاطمة بن علي ») made one contact per language for one person, as the agency's did."""
    from test_languages import RESIDENCE, write_project

    from generator.outputs.context import ResidenceContext
    from generator.outputs.vcard import files

    residence = RESIDENCE.replace("  name: Fatima Benali", "  name: {fr: Fatima Benali, ar: فاطمة بن علي}")
    project = load_project(write_project(tmp_path / "project", residence=residence))
    cards = [vobject.readOne(files(ResidenceContext.of(project, project.residences[0], date(2026, 12, 2),
                                                       language))["gardien.vcf"].decode("utf-8"))
             for language in ("fr", "en", "ar")]
    assert [c.fn.value for c in cards] == ["Fatima Benali", "Fatima Benali", "فاطمة بن علي"]
    assert len({c.uid.value for c in cards}) == 1
    assert cards[0].uid.value == f"urn:uuid:{uuid.uuid5(NAMESPACE, 'les-tilleuls/gardien/Fatima Benali')}"


def test_an_address_in_an_overseas_collectivity_has_its_own_country_in_the_card_s_language(
        make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """« France » was the country of a caretaker's loge in Nouméa or Papeete: a phone's address book and a post
    office read another country there. The overseas departments are France."""
    from generator.outputs.context import ResidenceContext
    from generator.outputs.vcard import files

    places = {"noumea": ("98800", "Nouméa"), "papeete": ("98714", "Papeete"), "reunion": ("97400", "Saint-Denis")}
    project = load_project(make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n", **{
        slug: RESIDENCE.replace("postcode: 01000, city: Bourg-en-Bresse", f"postcode: {code}, city: {city}")
        for slug, (code, city) in places.items()}))
    countries = {(item.slug, language): vobject.readOne(files(ResidenceContext.of(
        project, item, date(2026, 12, 2), language))["gardien.vcf"].decode("utf-8")).adr.value.country
        for item in project.residences for language in ("fr", "en")}
    assert countries == {("noumea", "fr"): "Nouvelle-Calédonie", ("noumea", "en"): "New Caledonia",
                         ("papeete", "fr"): "Polynésie française", ("papeete", "en"): "French Polynesia",
                         ("reunion", "fr"): "France", ("reunion", "en"): "France"}
