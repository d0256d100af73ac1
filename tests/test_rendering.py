"""What tenants read: unquoted values shown as typed, Markdown sanitized, empty sections left out."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from generator.publish.site import build_site
from generator.contract.project import load_project
from generator.outputs.context import ResidenceContext
from generator.outputs.pages import index_pages, residence_pages

TODAY = date(2026, 12, 2)

FULL = """\
name: Résidence Test
address: {street: 1 rue de la Paix, postcode: 01000, city: Bourg-en-Bresse}
agency: nord
caretaker:
  name: Karim
  phone: 0143201122
  email: k@example.org
  hours:
    - {days: [wed], open: 8:30, close: 12h}
faq:
  - q: Question <b>en gras</b> ?
    a: |
      Texte **important** <script>alert('x')</script> et <img src=x onerror="alert(1)">
      [lien piégé](javascript:alert(1)) [lien sûr](https://example.org/) {{ config.landlord.name }} {% raw %}
notices:
  - {title: "Avis {{ 7 * 7 }}", from: 2026-12-01, until: 2026-12-05, body: "<a href='javascript:x' onclick='y'>clic</a>"}
"""


def build(root: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build_site(load_project(root), out, TODAY)
    return out


def test_unquoted_values_render_exactly_as_typed(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = build(make_project(test=FULL), tmp_path)
    home = (site / "test" / "index.html").read_text()
    caretaker = (site / "test" / "gardien" / "index.html").read_text()
    assert "01000 Bourg-en-Bresse" in home
    assert '<a class="rh-phone" dir="ltr" href="tel:+33143201122">01 43 20 11 22</a>' in caretaker
    assert "de 8h30 à 12h" in caretaker
    assert not re.search(r"\b510\b", caretaker) and not re.search(r"\b512\b", home)  # YAML 1.1's octal


def test_markdown_is_sanitized_and_data_never_runs_as_a_template(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = build(make_project(test=FULL), tmp_path)
    faq = (site / "test" / "faq" / "index.html").read_text()
    home = (site / "test" / "index.html").read_text()
    hall = (site / "test" / "ecran" / "index.html").read_text()
    for page in (faq, home, hall):
        assert "<script>alert" not in page and "onerror" not in page and "onclick" not in page
        assert "javascript:" not in page
    assert "<strong>important</strong>" in faq
    assert '<a href="https://example.org/">lien sûr</a>' in faq
    assert "Question &lt;b&gt;en gras&lt;/b&gt; ?" in faq
    assert "{{ config.landlord.name }} {% raw %}" in faq
    assert "Avis {{ 7 * 7 }}" in home and "Avis 49" not in home


def test_sections_without_data_have_no_page(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = build(make_project(), tmp_path)
    pages = sorted(p.parent.name for p in (site / "test").glob("*/index.html"))
    assert pages == ["contacts", "ecran", "faq"]  # the hall screen is always there (emergency numbers, QR)
    home = (site / "test" / "index.html").read_text()
    assert "qui-appeler/" not in home and "dechets/" not in home and "Votre gardien" not in home


def test_emergency_numbers_are_short_tel_links(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = build(make_project(), tmp_path)
    contacts = (site / "test" / "contacts" / "index.html").read_text()
    assert 'SAMU\u00a0: <a class="rh-phone" dir="ltr" href="tel:15">15</a>' in contacts
    assert 'href="mailto:nord@example.org"' in contacts


def test_the_114_for_deaf_people_is_an_sms_link_not_a_call(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """114, the emergency number of deaf and hard-of-hearing people, takes SMS (and video, chat, fax), not
    voice calls: its ``tel:`` link opened the phone's dialler for a call no one answers."""
    from conftest import RESIDENCE, SITE_CONFIG

    config = SITE_CONFIG.replace("emergency:\n", "emergency:\n  - {label: Urgences par SMS, phone: 114}\n")
    site = build(make_project(config), tmp_path)
    contacts = (site / "test" / "contacts" / "index.html").read_text()
    assert 'Urgences par SMS\u00a0: <a class="rh-phone" dir="ltr" href="sms:114">114</a>' in contacts
    assert 'href="tel:15"' in contacts
    assert 'href="sms:114"' in (site / "test" / "ecran" / "index.html").read_text()
    assert "tel:114" not in "".join(p.read_text() for p in site.rglob("*.html"))


def test_pages_are_html_that_markdown_would_leave_unchanged(make_project) -> None:  # type: ignore[no-untyped-def]
    """Our pages skip Python-Markdown (publish/mkdocs_plugin.py): Markdown syntax in a template would show raw."""
    import markdown
    from mkdocs.utils.meta import get_data

    from conftest import REPO

    pages = []
    for project in (load_project(REPO), load_project(make_project(test=FULL))):
        pages += index_pages(project)
        pages += [page for item in project.residences for page in residence_pages(ResidenceContext.of(project, item, TODAY))]
    for page in pages:
        body, _ = get_data(page.markdown)
        assert markdown.markdown(body, extensions=["toc", "tables", "fenced_code"]) == body.strip("\n"), page.file


def test_a_place_or_a_building_is_never_said_twice(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """« Loge : Loge, bâtiment A » and « Bâtiment Unique » read naturally: a value that already says the word
    goes without the label, and a residence of one building says nothing of its buildings."""
    loge = FULL.replace("  email: k@example.org\n", "  email: k@example.org\n  office: Loge, bâtiment A\n")
    site = build(make_project(test=loge, other=FULL.replace("agency: nord\n", "agency: nord\nbuildings: [Unique]\n")
                              .replace("  email: k@example.org\n", "  email: k@example.org\n  office: Bâtiment B, rdc\n"),
                              third=FULL.replace("agency: nord\n", "agency: nord\nbuildings: [A, B]\n")), tmp_path)
    assert "<li>Loge, bâtiment A</li>" in (site / "test" / "gardien" / "index.html").read_text()
    assert "<li>Loge\u00a0: Bâtiment B, rdc</li>" in (site / "other" / "gardien" / "index.html").read_text()
    assert '<p class="rh-address">1 rue de la Paix, 01000 Bourg-en-Bresse</p>' in (site / "other" / "index.html").read_text()
    assert "Bourg-en-Bresse · Bâtiments A et B</p>" in (site / "third" / "index.html").read_text()


def test_each_residences_line_of_the_index_is_kept_for_the_next_run_in_each_language(
        make_project, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A rebuild after one change renders that residence's line of the index only (in every language); the
    others come from the store, which the file, the config and the language key: the pages are the same."""
    import hashlib
    import pickle

    from conftest import RESIDENCE, SITE_CONFIG, rewrite_store

    monkeypatch.setenv("RESIDENCE_HUB_CACHE", str(tmp_path / "cache"))
    config = SITE_CONFIG + "languages: [fr, ar]\n"
    root = make_project(site_config=config, pins=RESIDENCE.replace("Test", "Les Pins"),
                        ormes=RESIDENCE.replace("Test", "Les Ormes"))
    first = {language: index_pages(load_project(root), language)[0].markdown for language in ("fr", "ar")}
    assert {language: index_pages(load_project(root), language)[0].markdown for language in ("fr", "ar")} == first
    stores = sorted((tmp_path / "cache" / "index").iterdir())
    assert len(stores) == 2  # one per language
    marker = pickle.dumps(("Bourg", "x", "<li>from the store</li>\n"))
    for store in stores:
        rewrite_store(store, lambda parts: dict.fromkeys(parts, marker), 1)  # each line, with its digest:
        rewrite_store(store, lambda head: (*head[:2], {name: (digest, hashlib.sha256(marker).hexdigest())
                                                       for name, (digest, _) in head[2].items()}), 0)
        rewrite_store(store, lambda whole: (whole[0].replace("Les Ormes", "from the store"), *whole[1:]), 2)
    assert index_pages(load_project(root), "ar")[0].markdown.count("from the store") == 1  # the page, kept
    path = root / "residences" / "pins.yml"
    path.write_text(RESIDENCE.replace("Test", "Les Grands Pins"), encoding="utf-8")
    page = index_pages(load_project(root), "fr")[0].markdown
    assert page.count("from the store") == 1 and "Les Grands Pins" in page  # the other line, kept
    monkeypatch.setenv("RESIDENCE_HUB_CACHE", "off")
    path.write_text(RESIDENCE.replace("Test", "Les Pins"), encoding="utf-8")
    assert {language: index_pages(load_project(root), language)[0].markdown for language in ("fr", "ar")} == first


def test_days_are_said_in_the_weeks_order_whatever_order_they_were_typed_in(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """« days: [fri, mon] » read « vendredi et lundi » on the waste page (residence.json and the calendar say
    Monday first), and « [wed, tue, mon] » was not « du lundi au mercredi »."""
    waste = "waste:\n  - {kind: Ordures, days: [fri, mon]}\n  - {kind: Papier, days: [wed, tue, mon]}\n"
    site = build(make_project(test=FULL.replace("faq:\n", waste + "faq:\n")), tmp_path)
    page = (site / "test" / "dechets" / "index.html").read_text()
    assert "Collecte\u00a0: lundi et vendredi." in page
    assert "Collecte\u00a0: du lundi au mercredi." in page


def test_the_home_page_links_all_the_hours_only_for_a_caretaker_who_has_hours(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A caretaker typed without hours (a name and a phone) got « Tous les horaires » on the home page, a link
    to a page that lists none."""
    without = FULL.replace("  hours:\n    - {days: [wed], open: 8:30, close: 12h}\n", "")
    for text, linked in ((FULL, True), (without, False)):
        home = (build(make_project(test=text), tmp_path / str(linked)) / "test" / "index.html").read_text()
        assert ("Tous les horaires" in home) is linked


def test_a_section_or_a_list_with_nothing_in_it_is_left_out(make_project,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    """``emergency`` is optional in site_config.yml, and an agency, a caretaker or a contact may have no phone
    nor e-mail: the contacts page showed « En cas d'urgence » over an empty list, the agency's name, the
    caretaker's and the contact's each over another (« liste, 0 élément » to a screen reader), and the hall
    screen « Numéros utiles » over nothing. A section or list with nothing in it is left out."""
    from conftest import RESIDENCE, SITE_CONFIG

    config = SITE_CONFIG.replace("emergency:\n  - {label: SAMU, phone: 15}\n", "")
    bare = RESIDENCE.replace("agency: nord", "agency: sud") + "caretaker: {name: Jo}\ncontacts:\n  - {role: Amicale}\n"
    site = build(make_project(config, test=bare, other=RESIDENCE), tmp_path)
    contacts = (site / "test" / "contacts" / "index.html").read_text()
    hall = (site / "test" / "ecran" / "index.html").read_text()
    caretaker = (site / "test" / "gardien" / "index.html").read_text()
    for page in (contacts, hall, caretaker):
        assert not re.search(r"<ul[^>]*>\s*</ul>", page), page
    assert "En cas d'urgence" not in contacts and "Numéros utiles" not in hall and "rh-hall__emergency" not in hall
    assert "<strong>Agence Sud</strong>" in contacts
    other = (site / "other" / "ecran" / "index.html").read_text()  # the agency's phone alone still has its section
    assert "Numéros utiles" in other and 'href="tel:+33149331010"' in other
