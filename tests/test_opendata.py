"""Open data and what search engines read: residence.json and its JSON Schema, the root lists of
residences (JSON and CSV, read back with the standard parsers), schema.org JSON-LD (expanded by a JSON-LD
processor), meta descriptions, the named search dialog, the staff page kept out of search engines."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
import re
import textwrap
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from pyld import jsonld

from generator.contract.project import load_project
from generator.outputs import listing, opendata, published
from generator.outputs.context import ResidenceContext
from generator.outputs.pages import residence_pages

from conftest import REPO, RESIDENCE, SAMPLE_TODAY, SITE_CONFIG


@pytest.fixture(scope="module")
def samples():  # type: ignore[no-untyped-def]
    return load_project(REPO)


def _validator(schema: dict) -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_the_published_and_committed_schemas_are_the_models_schema(sample_site: Path) -> None:
    published_schema = json.loads((sample_site / published.DATA_SCHEMA).read_text(encoding="utf-8"))
    committed = json.loads((REPO / "schema" / "residence-data.schema.json").read_text(encoding="utf-8"))
    assert published_schema == committed == opendata.json_schema(), (
        "schema/residence-data.schema.json is stale: run "
        "`residence-hub schema residence-data > schema/residence-data.schema.json`")


def test_every_residence_json_is_valid_against_the_published_schema(sample_site: Path, samples) -> None:
    validator = _validator(json.loads((sample_site / published.DATA_SCHEMA).read_text(encoding="utf-8")))
    for item in samples.residences:
        data = json.loads((sample_site / item.slug / published.DATA).read_text(encoding="utf-8"))
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], item.slug
        assert data["version"] == opendata.VERSION and data["generated"] == SAMPLE_TODAY.isoformat()
        assert data["url"] == samples.config.site_url(item.slug)


def test_the_schema_refuses_what_the_format_forbids(sample_site: Path) -> None:
    validator = _validator(opendata.json_schema())
    data = json.loads((sample_site / "les-tilleuls" / published.DATA).read_text(encoding="utf-8"))
    for broken in ({**data, "caretaker": {**data["caretaker"], "phone": "01 48 20 11 22"}},
                   {**data, "generated": "02/12/2026"}, {**data, "version": 2}, {**data, "surprise": 1},
                   {**data, "waste": [{**data["waste"][0], "days": ["lundi"]}]}):
        assert list(validator.iter_errors(broken)), broken
    # A time of day is 00:00 to 23:59 (the schema took « 29:59 » and « 24:00 »).
    slot = data["caretaker"]["hours"][0]
    for clock in ("24:00", "29:59", "8:30", "08:60"):
        for end in ("opens", "closes"):
            broken = {**data, "caretaker": {**data["caretaker"], "hours": [{**slot, end: clock}]}}
            assert list(validator.iter_errors(broken)), (end, clock)
    for clock in ("00:00", "23:59", "19:05"):
        assert not list(validator.iter_errors({**data, "caretaker": {**data["caretaker"],
                                                                     "hours": [{**slot, "opens": clock}]}}))


def test_residence_json_holds_the_data_in_standard_forms(sample_site: Path) -> None:
    data = json.loads((sample_site / "les-tilleuls" / published.DATA).read_text(encoding="utf-8"))
    caretaker = data["caretaker"]
    assert caretaker["name"] == "Karim Benali" and caretaker["mode"] == "resident"
    assert caretaker["phone"] == "+33148201122" and caretaker["mobile"] == "+33612345678"
    assert caretaker["hours"][0] == {"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "08:30",
                                     "closes": "12:00", "place": None}
    assert caretaker["hours"][1]["opens"] == "16:00" and caretaker["hours"][1]["closes"] == "18:30"
    assert caretaker["absences"] == [{"from": "2026-12-22", "to": "2027-01-02",
                                      "replacement": {"name": "Sophie Martin", "phone": "+33698765432"}}]
    assert {"label": "SAMU", "phone": "15"} in data["emergency"]
    assert [n["title"] for n in data["notices"]] == ["Ascenseur du bâtiment C à l'arrêt", "Coupure d'eau chaude"]
    assert data["notices"][0]["level"] == "urgent" and data["notices"][0]["from"] == "2026-11-25"
    assert data["units"] == 184 and data["buildings"] == ["A", "B", "C"]
    assert data["maintenance"][0]["phone"] == "+33969320000"
    assert data["links"]["hall_screen"] == "https://residences.habitat-exemple.fr/les-tilleuls/ecran/"
    # Markdown as typed, for the reader to escape: never pre-rendered HTML.
    assert "**numéro de contrat**" in data["maintenance"][0]["note"]


def test_revision_changes_with_the_data_and_only_with_it(samples) -> None:
    item = samples.residences[0]
    one = opendata.residence_data(ResidenceContext.of(samples, item, SAMPLE_TODAY))
    same = opendata.residence_data(ResidenceContext.of(samples, item, SAMPLE_TODAY))
    later = opendata.residence_data(ResidenceContext.of(samples, item, date(2026, 12, 3)))
    assert one.revision == same.revision and re.fullmatch(r"[0-9a-f]{16}", one.revision)
    assert later.revision != one.revision


def test_the_published_file_is_the_document_with_its_revision_and_one_per_microsite(samples) -> None:
    from generator.outputs import hall

    item = samples.residences[0]
    french = ResidenceContext.of(samples, item, SAMPLE_TODAY)
    published_bytes = hall.data_files(french)[published.DATA]
    assert json.loads(published_bytes) == hall.publication(french).data.model_dump(mode="json", by_alias=True)
    assert published_bytes.decode().count('"revision":"') == 1 and '"revision":""' not in published_bytes.decode()
    assert published_bytes.startswith(b'{"version":1,"revision":') and published_bytes.count(b"\n") == 1  # compact
    # The document is residence_data's, its revision covering every language's hall screen as well.
    document, revision = opendata.residence_data(french), hall.publication(french).data.revision
    assert hall.publication(french).data == document.model_copy(update={"revision": revision})
    # Each language's hall screen reads the one residence.json, the default language's.
    english = ResidenceContext.of(samples, item, SAMPLE_TODAY, "en")
    assert hall.publication(english).data == hall.publication(french).data
    assert hall.publication(english).data.links.home != opendata.residence_data(english).links.home


def test_residences_json_and_csv_list_every_residence_alike(sample_site: Path, samples) -> None:
    data = json.loads((sample_site / published.RESIDENCES_JSON).read_text(encoding="utf-8"))
    raw = (sample_site / published.RESIDENCES_CSV).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert {r["slug"] for r in data["residences"]} == {i.slug for i in samples.residences} == {r["slug"] for r in rows}
    assert list(rows[0]) == list(listing.COLUMNS)
    for entry, row in zip(data["residences"], rows):
        item = next(i for i in samples.residences if i.slug == entry["slug"])
        r = item.residence
        assert entry["name"] == row["name"] == r.name
        assert entry["address"] == {"street": r.address.street, "postcode": r.address.postcode, "city": r.address.city}
        assert row["street"] == r.address.street and row["postcode"] == r.address.postcode
        assert entry["agency"] == row["agency"] == samples.config.agencies[r.agency].name
        assert entry["url"] == row["url"] == samples.config.site_url(item.slug)
        assert entry["caretaker_mode"] == row["caretaker_mode"] == (r.caretaker.mode if r.caretaker else None)
        assert entry["fibre_status"] == row["fibre_status"] == (r.fibre.status if r.fibre else None)
        assert entry["buildings"] == list(r.buildings) and row["buildings"].split(" ; ") == list(r.buildings)
        assert entry["units"] == r.units and row["units"] == str(r.units)
        assert (sample_site / item.slug / published.DATA).is_file()


def test_residences_json_is_the_typed_listing_written_from_each_residences_kept_text(make_project) -> None:
    """Each residence's object is kept between runs as indented text; the whole is still exactly the typed
    listing's JSON, with no residence too (an empty list), and a landlord named like the list's key."""
    quoted = RESIDENCE.replace("name: Résidence Test", "name: 'Le \"Parc\", « résidences » : []'")
    project = load_project(make_project(b=quoted, a=RESIDENCE.replace("Bourg-en-Bresse", "Villeurbanne")))
    config = project.config.model_copy(update={"landlord": project.config.landlord.model_copy(
        update={"name": '"residences": []'})})
    for residences, order in ((project.residences, ["b", "a"]), ((), [])):  # by city
        typed = listing.listing(replace(project, config=config, residences=residences), SAMPLE_TODAY)
        assert [r.slug for r in typed.residences] == order
        text = listing.files(replace(project, config=config, residences=residences), SAMPLE_TODAY)
        assert text[published.RESIDENCES_JSON].decode() == json.dumps(typed.model_dump(mode="json"),
                                                                      ensure_ascii=False, indent=1) + "\n"


def test_csv_cells_that_a_spreadsheet_would_run_are_made_text_and_json_keeps_them(make_project) -> None:
    hostile = RESIDENCE.replace("name: Résidence Test", "name: '=HYPERLINK(\"http://x.test\",\"clic\")'").replace(
        "street: 1 rue de la Paix", "street: '+33 rue, 1'")
    other = RESIDENCE.replace("name: Résidence Test", "name: '@SUM(A1)'").replace(
        "city: Bourg-en-Bresse", "city: '-Ville'")
    project = load_project(make_project(a=hostile, b=other, c=RESIDENCE))
    files = listing.files(project, SAMPLE_TODAY)
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(files[published.RESIDENCES_CSV].decode("utf-8-sig")))}
    assert rows["a"]["name"] == "'=HYPERLINK(\"http://x.test\",\"clic\")" and rows["a"]["street"] == "'+33 rue, 1"
    assert rows["b"]["name"] == "'@SUM(A1)" and rows["b"]["city"] == "'-Ville"
    assert rows["c"]["name"] == "Résidence Test"
    names = {r["slug"]: r["name"] for r in json.loads(files[published.RESIDENCES_JSON])["residences"]}
    assert names == {"a": "=HYPERLINK(\"http://x.test\",\"clic\")", "b": "@SUM(A1)", "c": "Résidence Test"}
    assert listing.csv_cell("\tx") == "'\tx" and listing.csv_cell(None) == "" and listing.csv_cell(3) == "3"



@pytest.mark.parametrize("typed", ["＝HYPERLINK(\"http://x.test\")", "＋33 rue", "－Ville", "＠SUM(A1)", "﹦1+1",
                                   "﹢1", "﹣1", "﹫A1", "\r=1", "\n=1", "\t=1"])
def test_csv_cells_starting_with_a_full_width_or_small_formula_sign_are_made_text(typed: str) -> None:
    """A spreadsheet with an East Asian input (Excel, LibreOffice) reads « ＝ » (full width, U+FF1D), « ＋ »,
    « － » and « ＠ », and their small forms (U+FE66…), as the signs that start a formula: the guard of
    residences.csv knew only the ASCII ones, so « ＝HYPERLINK(…) » typed in a name went out as a formula.
    Every sign whose compatibility form (NFKC) is a formula start is now guarded, and so is a line feed
    (as OWASP's tab and carriage return). Found by typing a name with a Japanese keyboard."""
    assert listing.csv_cell(typed) == "'" + typed
    assert listing.csv_cell("Résidence ＝ 1") == "Résidence ＝ 1" and listing.csv_cell("") == ""


SCHEMA_ORG = "https://schema.org/"


def _loader(url: str, options: dict | None = None) -> dict:
    """JSON-LD documents without the network: schema.org's context is its vocabulary as ``@vocab``, with the
    properties our pages use whose values are addresses or vocabulary terms typed as such."""
    assert url.rstrip("/") == "https://schema.org", f"unexpected remote context {url}"
    context = {"@vocab": SCHEMA_ORG, "url": {"@type": "@id"}, "dayOfWeek": {"@type": "@vocab"}}
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": {"@context": context}}


def _json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_home_pages_carry_schema_org_json_ld_that_expands(sample_site: Path, samples) -> None:
    for item in samples.residences:
        r = item.residence
        data = _json_ld((sample_site / item.slug / "index.html").read_text(encoding="utf-8"))
        expanded = jsonld.expand(data, {"documentLoader": _loader})
        assert len(expanded) == 1
        node = expanded[0]
        assert node["@type"] == [SCHEMA_ORG + "ApartmentComplex"]
        assert node[SCHEMA_ORG + "url"] == [{"@id": samples.config.site_url(item.slug)}]
        address = node[SCHEMA_ORG + "address"][0]
        assert address[SCHEMA_ORG + "postalCode"] == [{"@value": r.address.postcode}]
        if r.units is not None:
            assert node[SCHEMA_ORG + "numberOfAccommodationUnits"] == [{"@value": r.units}]
        if r.caretaker:
            loge = node[SCHEMA_ORG + "containsPlace"][0]
            hours = loge[SCHEMA_ORG + "openingHoursSpecification"]
            assert len(hours) == len(r.caretaker.hours)
            assert all(SCHEMA_ORG + "opens" in h and SCHEMA_ORG + "dayOfWeek" in h for h in hours)
            days = {d["@id"] for h in hours for d in h[SCHEMA_ORG + "dayOfWeek"]}
            assert days <= {SCHEMA_ORG + d for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                                      "Saturday", "Sunday")}
            if item.slug == "les-tilleuls":  # absent from 22 December: a closure
                special = loge[SCHEMA_ORG + "specialOpeningHoursSpecification"][0]
                assert special[SCHEMA_ORG + "validFrom"] == [{"@value": "2026-12-22"}]
                assert special[SCHEMA_ORG + "opens"] == special[SCHEMA_ORG + "closes"] == [{"@value": "00:00:00"}]


def test_json_ld_cannot_be_closed_by_text_staff_type(make_project) -> None:
    name = "Les Tours </script><script>alert(1)</script> & <!-- co"
    project = load_project(make_project(test=RESIDENCE.replace("name: Résidence Test", f"name: '{name}'")))
    item = project.residences[0]
    home = residence_pages(ResidenceContext.of(project, item, SAMPLE_TODAY))[0].markdown
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', home, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["name"] == name


@pytest.mark.parametrize(("postcode", "country"), [("01000", "FR"), ("57000", "FR"), ("97400", "FR"), ("97100", "FR"),
                                                 ("97133", "BL"), ("97150", "MF"), ("97500", "PM"), ("98600", "WF"),
                                                 ("98714", "PF"), ("98800", "NC")])
def test_json_ld_gives_an_overseas_collectivitys_own_country_code(make_project, postcode: str, country: str) -> None:
    """« FR » was the country of every address: one in Nouméa or Papeete is not posted to, nor found by, France
    (ISO 3166-1 gives each overseas collectivity its code; the overseas departments are France)."""
    text = RESIDENCE.replace("postcode: 01000", f"postcode: {postcode}")
    project = load_project(make_project(test=text))
    home = residence_pages(ResidenceContext.of(project, project.residences[0], SAMPLE_TODAY))[0].markdown
    assert _json_ld(home)["address"]["addressCountry"] == country


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def test_every_page_has_a_meta_description_from_the_data(sample_site: Path, samples) -> None:
    missing = []
    for page in _pages(sample_site):
        found = re.findall(r'<meta name="description" content="([^"]+)">', page.read_text(encoding="utf-8"))
        if len(found) != 1 or len(found[0]) < 40:
            missing.append(str(page.relative_to(sample_site)))
    assert missing == []
    for item in samples.residences:
        html = (sample_site / item.slug / "contacts" / "index.html").read_text(encoding="utf-8")
        assert f'content="{item.residence.name}, ' in html.replace("&#39;", "'")


def test_meta_descriptions_are_escaped(make_project, tmp_path: Path) -> None:
    from generator.publish.site import build_site

    name = 'Le "Beau" Site <b>'
    project = load_project(make_project(test=RESIDENCE.replace("name: Résidence Test", f"name: '{name}'")))
    build_site(project, tmp_path / "site", SAMPLE_TODAY)
    html = (tmp_path / "site" / "test" / "contacts" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Le &#34;Beau&#34; Site &lt;b&gt;, 1 rue' in html


def test_every_meta_description_is_escaped_once_the_404_page_too(make_project, tmp_path: Path) -> None:
    """Parsed, each page's description says the names as typed: the root's 404 page (its description is
    the site's, MkDocs' ``site_description``) showed « Habitat d&#39;Exemple &amp;amp; Co » (escaped twice)."""
    from html.parser import HTMLParser

    from generator.publish.site import build_site

    class Description(HTMLParser):
        found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "meta" and dict(attrs).get("name") == "description":
                self.found.append(dict(attrs)["content"] or "")

    landlord = "Habitat d'Exemple & Co <b>"
    config = SITE_CONFIG.replace("{name: Habitat Test,", f'{{name: "{landlord}",')
    build_site(load_project(make_project(config, test=RESIDENCE)), tmp_path / "site", SAMPLE_TODAY)
    for page in _pages(tmp_path / "site"):
        parser = Description()
        parser.found = []
        parser.feed(page.read_text(encoding="utf-8"))
        (text,) = parser.found
        assert "&" not in text.replace(" & ", ""), (page, text)
        if page.parent == tmp_path / "site":  # the index and the 404 page name the landlord
            assert landlord in text, (page, text)


def test_search_dialog_has_a_name_and_the_staff_page_is_not_indexed(sample_site: Path, samples) -> None:
    for page in _pages(sample_site):
        html = page.read_text(encoding="utf-8")
        if 'data-md-component="search"' in html:
            assert re.search(r'<div class="md-search" data-md-component="search" role="dialog" aria-label="[^"]+"[^>]*>',
                             html), page
    posters = (sample_site / "posters" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in posters
    others = [p for p in _pages(sample_site) if "noindex" in p.read_text(encoding="utf-8")]
    assert others == [sample_site / "equipe" / "index.html", sample_site / "posters" / "index.html"]
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/posters/" not in sitemap and "/equipe/" not in sitemap and "/accessibilite/" in sitemap


def test_no_script_holds_up_the_first_paint_and_no_font_comes_from_another_host(sample_site: Path) -> None:
    for page in _pages(sample_site):
        html = page.read_text(encoding="utf-8")
        blocking = [tag for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html) if " defer" not in tag]
        assert blocking == [], page
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page


def test_residences_of_one_name_in_one_city_are_listed_by_file_everywhere(make_project) -> None:  # type: ignore[no-untyped-def]
    from generator.outputs.dashboard import dashboard_rows
    from generator.outputs.pages import posters_page

    project = load_project(make_project(zeta=RESIDENCE, alpha=RESIDENCE, mid=RESIDENCE))
    project = replace(project, residences=project.residences[::-1])  # whatever order they were read in
    assert [row.slug for row in listing.listing(project, SAMPLE_TODAY).residences] == ["alpha", "mid", "zeta"]
    assert [row.item.slug for row in dashboard_rows(project, SAMPLE_TODAY)] == ["alpha", "mid", "zeta"]
    text = posters_page(project).markdown
    assert text.index("alpha-affiche") < text.index("mid-affiche") < text.index("zeta-affiche")


def test_cities_and_names_are_listed_in_alphabetical_order_accents_and_case_aside(make_project) -> None:  # type: ignore[no-untyped-def]
    """Sorted by code point, « Épinay-sur-Seine » and « Île-Saint-Denis » came after « Villetaneuse », and
    « Résidence Étoile » or « résidence zéphyr » after « Résidence Z », on the landlord's index, in
    residences.json and .csv, on the staff dashboard and posters page. A French reader's order: accents and
    case aside (``key_text``)."""
    from generator.outputs.dashboard import dashboard_rows
    from generator.outputs.pages import index_pages, posters_page

    def residence(name: str, postcode: str, city: str) -> str:
        return f"name: {name}\naddress: {{street: 1 rue X, postcode: {postcode}, city: {city}}}\nagency: nord\n"

    project = load_project(make_project(
        epinay=residence("Résidence A", "93800", "Épinay-sur-Seine"), ville=residence("Résidence A", "93430", "Villetaneuse"),
        ile=residence("Résidence A", "93450", "Île-Saint-Denis"), zephyr=residence("résidence zéphyr", "93200", "Saint-Denis"),
        etoile=residence("Résidence Étoile", "93200", "Saint-Denis"), bleue=residence("Résidence Bleue", "93200", "Saint-Denis"),
        z=residence("Résidence Z", "93200", "Saint-Denis")))
    order = ["epinay", "ile", "bleue", "etoile", "z", "zephyr", "ville"]
    assert [row.slug for row in listing.listing(project, SAMPLE_TODAY).residences] == order
    csv_lines = listing.files(project, SAMPLE_TODAY)[published.RESIDENCES_CSV].decode("utf-8-sig").splitlines()[1:]
    assert [line.split(",")[0] for line in csv_lines] == order
    assert [row.item.slug for row in dashboard_rows(project, SAMPLE_TODAY)] == order
    posters = posters_page(project).markdown
    assert sorted(order, key=lambda slug: posters.index(f"{slug}-affiche")) == order
    index = next(page for page in index_pages(project) if page.file == published.INDEX)
    assert sorted(order, key=lambda slug: index.markdown.index(f'href="{slug}/"')) == order
    assert index.description.endswith(" · 7 résidences. Épinay-sur-Seine, Île-Saint-Denis, Saint-Denis, Villetaneuse")


def test_the_posters_page_gives_each_hall_screen_address(sample_site: Path, samples) -> None:
    html = (sample_site / "posters" / "index.html").read_text(encoding="utf-8")
    for item in samples.residences:
        url = samples.config.site_url(item.slug) + "ecran/"
        assert f'<a href="../{item.slug}/ecran/">{url}</a>' in html
        assert (sample_site / item.slug / "ecran" / "index.html").is_file()


OUTAGES = """\
buildings: [A, B]
outages:
  - equipment: Ascenseur
    buildings: [B]
    since: 2026-11-20
    status: in_repair
    expected: 2026-11-30
    help: Appelez le **gardien** pour les courses.
    updates:
      - {date: 2026-11-21, text: Pièce commandée.}
      - {date: 2026-11-25, text: Pièce livrée.}
  - equipment: Interphone
    since: 2026-11-25
    status: repaired
    repaired: 2026-11-30
  - equipment: Portail
    since: 2026-10-01
    status: repaired
    repaired: 2026-10-10
"""


def test_outages_shown_on_the_day_are_in_the_data_and_on_the_hall_screen(make_project) -> None:
    from generator.outputs import hall

    project = load_project(make_project(test=RESIDENCE + OUTAGES))
    ctx = ResidenceContext.of(project, project.residences[0], SAMPLE_TODAY)
    data = json.loads(hall.data_files(ctx)[published.DATA])
    _validator(opendata.json_schema()).validate(data)
    assert [o["equipment"] for o in data["outages"]] == ["Ascenseur", "Interphone"]  # Portail: repaired long ago
    lift = data["outages"][0]
    assert lift["late"] is True and lift["expected"] == "2026-11-30" and lift["buildings"] == ["B"]
    assert [u["text"] for u in lift["updates"]] == ["Pièce livrée.", "Pièce commandée."]
    assert data["outages"][1]["repaired"] == "2026-11-30" and data["outages"][1]["late"] is False
    html = hall.render(ctx).decode()
    assert "<h3 class=\"rh-notice__title\">Ascenseur (bâtiment B)</h3>" in html
    assert "Panne · En réparation · Retard\u00a0: le retour était prévu le lundi 30 novembre" in html
    assert "Réparée le lundi 30 novembre" in html
    assert "Portail" not in html and "Aucun avis en ce moment." in html  # present but hidden
    assert 'data-rh-no-notice hidden' in html


def test_the_caretakers_title_and_the_pages_language_reach_the_json_ld_and_residence_json(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The JSON-LD's loge was « Permanences du gardien itinérant (Marie Dupont) » on every page: in French on
    the English page, « gardien » for a « gardienne »; residence.json did not say the title at all. The loge
    is now named as the home page's heading names the caretaker, in the page's language, and residence.json
    says what the pages call the caretaker."""
    from generator.publish.site import build_site

    caretaker = ("caretaker:\n  name: Marie Dupont\n  title: gardienne\n  mode: itinerant\n"
                 "  hours:\n    - {days: [tue], open: 9h, close: 10h}\n")
    out = tmp_path / "site"
    build_site(load_project(make_project(SITE_CONFIG + "languages: [fr, en]\n", test=RESIDENCE + caretaker)), out,
               SAMPLE_TODAY)
    for folder, heading, name in (("", "Votre gardienne (en tournée)", "Votre gardienne (en tournée)\u00a0: Marie Dupont"),
                                  ("en/", "Your caretaker (visiting)", "Your caretaker (visiting): Marie Dupont")):
        html = (out / "test" / folder / "index.html").read_text(encoding="utf-8")
        assert heading in html
        loge = jsonld.expand(_json_ld(html), {"documentLoader": _loader})[0][SCHEMA_ORG + "containsPlace"][0]
        assert loge[SCHEMA_ORG + "name"] == [{"@value": name}]
    data = json.loads((out / "test" / published.DATA).read_text(encoding="utf-8"))
    _validator(opendata.json_schema()).validate(data)
    assert data["caretaker"]["title"] == "gardienne"


def test_residence_json_names_the_time_zone_its_hours_are_in_as_the_calendar_does(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The caretaker's « opens »/« closes » were said « heure de Paris » by the schema, also for a residence in
    La Réunion whose staff type the hours its hall clock shows (and whose calendar now says so): a program
    reading them as Paris time was three hours off. The document names its zone (``time_zone``, required by
    the schema), and each slot read at that zone is the calendar's first opening, to the minute."""
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    import icalendar

    from generator.publish.site import build_site

    hours = "caretaker:\n  name: Jo\n  hours:\n    - {days: [mon, fri], open: 8h30, close: 12h}\n"

    def residence(postcode: str) -> str:
        return RESIDENCE.replace("postcode: 01000", f"postcode: {postcode}") + hours

    out = tmp_path / "site"
    build_site(load_project(make_project(reunion=residence("97400"), metropole=residence("01000"))), out, SAMPLE_TODAY)
    schema = json.loads((out / "schema" / "residence-data.schema.json").read_text(encoding="utf-8"))
    assert "time_zone" in schema["required"]
    assert "Paris" not in json.dumps(schema["$defs"]["OpeningSlot"])
    for slug, zone in (("reunion", "Indian/Reunion"), ("metropole", "Europe/Paris")):
        data = json.loads((out / slug / published.DATA).read_text(encoding="utf-8"))
        _validator(schema).validate(data)
        assert data["time_zone"] == zone
        (slot,) = data["caretaker"]["hours"]
        cal = icalendar.Calendar.from_ical((out / slug / "calendrier.ics").read_bytes())
        (event,) = [e for e in cal.walk("VEVENT") if "rrule" in e]
        first = event.decoded("dtstart")
        opens = datetime.combine(first.date(), datetime.strptime(slot["opens"], "%H:%M").time(),
                                 tzinfo=ZoneInfo(data["time_zone"]))
        assert opens.astimezone(timezone.utc) == first.astimezone(timezone.utc), slug


def test_residence_json_says_the_language_of_its_texts_and_where_each_translation_is(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """residence.json is published once for all the languages of a microsite, its texts in the default one: a
    program reading it had no way to know which language that was, nor where the translated texts were. It
    says its language, and for each other language the addresses of the pages, calendar, feed and cards that
    carry them; each of them is a file the build published."""
    from generator.publish.site import build_site

    caretaker = "caretaker:\n  name: Jo\n  hours:\n    - {days: [mon], open: 8h30, close: 12h}\n"
    out = tmp_path / "site"
    project = make_project(SITE_CONFIG + "languages: [fr, en, ar]\n", test=RESIDENCE + caretaker)
    build_site(load_project(project), out, SAMPLE_TODAY)
    data = json.loads((out / "test" / published.DATA).read_text(encoding="utf-8"))
    _validator(opendata.json_schema()).validate(data)
    assert data["language"] == "fr" and sorted(data["translations"]) == ["ar", "en"]
    site = load_project(project).config.site_url("test")
    assert data["translations"]["en"] == {
        "home": site + "en/", "hall_screen": site + "en/ecran/", "calendar": site + "en/calendrier.ics",
        "feed": site + "en/avis.xml", "agency_card": site + "en/agence.vcf", "caretaker_card": site + "en/gardien.vcf"}
    for links in (data["links"], *data["translations"].values()):
        for url in links.values():
            path = out / "test" / url.removeprefix(site)
            assert (path / "index.html" if url.endswith("/") else path).is_file(), url
    build_site(load_project(make_project(SITE_CONFIG, test=RESIDENCE)), out, SAMPLE_TODAY)
    alone = json.loads((out / "test" / published.DATA).read_text(encoding="utf-8"))
    assert alone["language"] == "fr" and alone["translations"] == {}
