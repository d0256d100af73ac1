"""The search index is written from our pages, small and plain, and search finds words in every language.

Material's search worker reads the index we write (``publish.search_index``); its search plugin stays
configured (language, separator, pipeline, the header's search box) but parses no page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.publish.search_index import index_json, page_entries, plain, without_marks
from test_languages import multilingual_site  # noqa: F401  (the fixture: a site in fr, en and ar)

PAGE = """<div class="rh-page">
<script type="application/ld+json">{"name": "Résidence"}</script>
<h1>Contacts</h1>
<h2 id="urgences">En cas d&#39;urgence</h2>
<ul>
<li>SAMU : <a href="tel:15">15</a></li><li>Pompiers : 18</li>
</ul>
<h3>Amicale &amp; associations</h3><table><tr><td>Lundi</td><td>de 8h30 à 12h</td></tr></table>
<h2 id="liens" data-search-exclude>Accès rapide</h2>
<ul><li><a href="faq/">Questions fréquentes</a></li></ul>
</div>"""


def test_each_section_is_one_entry_of_plain_text() -> None:
    entries = page_entries("contacts/", "Contacts", PAGE)
    assert [(e.location, e.title, e.text) for e in entries] == [
        ("contacts/", "Contacts", ""),  # the heading repeats the title: not said again
        ("contacts/#urgences", "En cas d'urgence",
         "SAMU : 15 Pompiers : 18 Amicale & associations Lundi de 8h30 à 12h"),
    ]  # no script data, no tag, cells apart; the quick links (navigation again) are left out


def test_a_page_heading_other_than_its_title_stays_in_its_text() -> None:
    entries = page_entries("", "Accueil", "<h1>Résidence Les Tilleuls</h1>\n<p>12 rue des Tilleuls</p>")
    assert [(e.title, e.text) for e in entries] == [("Accueil", "Résidence Les Tilleuls 12 rue des Tilleuls")]


def test_a_word_typed_with_its_accent_apart_is_indexed_as_a_phone_types_it() -> None:
    """« Pre » + U+0301 + « s » (a name copied from a Mac's file names) shows as « Prés »; the query « prés »,
    one character « é » as phones type it, must find it: the index holds the composed form, forms too."""
    entries = page_entries("", "Accueil", "<h1>Accueil</h1><h2 id=\"parc\">Pre\u0301s du parc</h2><p>Ve\u0301los</p>")
    docs = json.loads(index_json({}, entries))["docs"]
    assert [(doc["title"], doc["text"]) for doc in docs] == [("Accueil", ""), ("Prés du parc", "Vélos")]
    assert docs[1]["forms"] == "parcs pres velos"


def test_a_phone_number_is_found_typed_as_a_call_log_gives_it() -> None:
    """« 0148201122 » or « +33148201122 » (a missed call) found nothing: the index split « 01 48 20 11 22 » at its
    spaces. Joined and international forms are indexed; short numbers, hours and e-mails get none."""
    html = ('<p>Téléphone : <a class="rh-phone" dir="ltr" href="tel:+33148201122">01 48 20 11 22</a>, '
            '<a dir="ltr" href="tel:+262262123456">0262 12 34 56</a>, <a dir="ltr" href="tel:15">15</a>, '
            '<a dir="ltr" href="tel:+442079460958">+44 20 7946 0958</a>, <span dir="ltr">08:30-12:00</span>, '
            '<a dir="ltr" href="mailto:a@b.fr">a@b.fr</a></p>')
    docs = json.loads(index_json({}, page_entries("", "Contacts", html)))["docs"]
    assert docs[0]["forms"].split() == ["0148201122", "0262123456", "262262123456", "33148201122", "442079460958",
                                        "telephones", "téléphones"]


def test_the_index_is_escaped_as_material_expects_and_marks_leave_the_page() -> None:
    entries = page_entries("x/", "A < B", "<p>1 &lt; 2 &amp; «&nbsp;3&nbsp;»</p>")
    data = json.loads(index_json({"lang": ["fr"], "fields": {"title": {"boost": 1000.0}}}, entries))
    assert data["config"] == {"lang": ["fr"], "fields": {"title": {"boost": 1000.0}, "forms": {"boost": 1.0}}}
    assert data["docs"] == [{"location": "x/", "title": "A &lt; B", "text": "1 &lt; 2 &amp; «\u00a03\u00a0»"}]
    assert plain("<p>a</p><p>b</p>") == "a b"
    assert without_marks('<h2 id="liens" data-search-exclude>') == '<h2 id="liens">'


def test_the_index_splits_words_at_apostrophes_as_at_hyphens() -> None:
    """« L’ascenseur » was one word of the index: « ascenseur » typed with a straight apostrophe (« l'ascenseur »,
    as most phones type it) or after another elision (« d’eau » for « l'eau ») found nothing."""
    separator = json.loads(index_json({"separator": "[\\s\\-]+"}, []))["config"]["separator"]
    for text in ("L’ascenseur", "l'ascenseur", "lʼascenseur", "vide-ordures"):
        assert [w for w in re.split(separator, text) if w][-1] in ("ascenseur", "ordures"), text


def test_a_text_in_another_language_keeps_its_lang_in_the_results() -> None:
    """A notice's French body on an English page (the fallback, ``<div lang="fr">``) was shown in the search
    results as English (no ``lang``: a screen reader read it with English sounds, WCAG 3.1.2), and on an Arabic
    page without its ``dir``; the index's text keeps it in a ``<span lang dir>``, the only markup it holds."""
    page = ('<h1>Home</h1><h2 id="avis">Notices</h2><p>Cut <span dir="ltr" lang="fr">Rue des <b>Lilas</b></span>'
            ' <span lang="fr&quot; onclick=&quot;x">a</span>\ue000fr\ue001\ue002</p>'
            '<div lang="fr"><p>Jeudi 3 décembre.</p></div><p>(in French)</p>')
    docs = json.loads(index_json({}, page_entries("", "Home", page)))["docs"]
    assert docs[1]["text"] == ('<span>Cut \u2066<span lang="fr" dir="ltr">Rue des Lilas</span>\u2069 afr '
                               '<span lang="fr">Jeudi 3 décembre.</span> (in French)</span>')
    marked = "\u2066\ue000fr\ue001ltr\ue002Rue des Lilas\ue003\u2069"  # the entry's plain text: marks, no tag
    assert [e.text for e in page_entries("", "Home", page)][1].startswith(f"Cut {marked} afr")


def test_a_spanish_or_portuguese_plural_in_es_finds_its_singular() -> None:
    """« ascensores » typed found nothing on a Spanish page saying « Ascensor averiado » (its only plural form was
    « ascensors »), nor « elevadores » or « jardins » on a Portuguese one: their plurals in « -es », « -ns » now are."""
    from generator.publish.search_terms import forms

    for text, language, typed in (("Ascensor averiado", "es", "ascensores"), ("Portal B", "es", "portales"),
                                  ("Elevador avariado", "pt", "elevadores"), ("Jardim", "pt", "jardins")):
        assert any(form.startswith(typed) for form in forms(text, language)), (text, language)
    assert not any(form.endswith("es") for form in forms("Ascensor", "fr"))  # a French page: as before


def _docs(site: Path, folder: str) -> list[dict[str, str]]:
    return json.loads((site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_staff_text_naming_the_mark_stays_on_the_page() -> None:
    """The mark is taken out of our heading tags only: a notice or a name that happens to say
    « data-search-exclude » is shown whole (it was cut out of the text, in silence)."""
    page = ('<h1>Les Tilleuls data-search-exclude</h1><h2 id="avis">Avis</h2><h3 class="rh-notice__title">Mot '
            'data-search-exclude ici</h3><p title="a data-search-exclude">b</p>\n<h2 id="liens" data-search-exclude>'
            'Accès rapide</h2><ul><li><a href="faq/">Questions fréquentes</a></li></ul>')
    assert without_marks(page) == page.replace('<h2 id="liens" data-search-exclude>', '<h2 id="liens">')
    assert [(e.title, e.text) for e in page_entries("", "Accueil", page)] == [
        ("Accueil", "Les Tilleuls data-search-exclude"), ("Avis", "Mot data-search-exclude ici b")]


def test_the_built_index_holds_text_only_once_and_no_navigation(multilingual_site: Path) -> None:
    for folder in ("les-tilleuls", "les-tilleuls/en", "les-tilleuls/ar"):
        docs = _docs(multilingual_site, folder)
        marked = [re.sub(r'<span(?: lang="[a-z]+"(?: dir="(?:ltr|rtl)")?)?>|</span>', "", d[key]) for d in docs
                  for key in ("title", "text")]  # texts in another language: marked so (lang, dir), nothing else
        assert not [t for t in marked if "<" in t], folder
        assert not [d for d in docs if d["location"].endswith("#liens")], folder
        by_page: dict[str, list[str]] = {}
        for doc in docs:
            by_page.setdefault(doc["location"].split("#")[0], []).append(doc["text"])
        for page, (own, *sections) in by_page.items():
            assert not [s for s in sections if s and s in own], (folder, page)
    assert "data-search-exclude" not in (multilingual_site / "les-tilleuls" / "index.html").read_text(encoding="utf-8")


def test_each_language_gets_materials_own_search_settings_whatever_was_built_before(make_project,  # type: ignore[no-untyped-def]
                                                                                    tmp_path: Path) -> None:
    """Material's search plugin reads its pipeline from its language file through the Jinja environment
    the builds of a process share, where Jinja kept the first build's reading: every later site got the
    first language's (a rebuild in ``serve`` after ``languages`` changed differed from a full build).
    Material's files say: French falls back to English's stop-word filter, Arabic keeps none of the three."""
    from datetime import date

    from generator.contract.project import load_project
    from generator.publish.site import build_site

    from conftest import SITE_CONFIG

    expected = {"fr": ["stopWordFilter"], "ar": [" "]}
    for order in (["fr", "ar"], ["ar", "fr"], ["fr", "ar"]):
        root = make_project(site_config=SITE_CONFIG + f"languages: [{', '.join(order)}]\n")
        build_site(load_project(root), tmp_path / "site", date(2026, 12, 2))
        for language in order:
            folder = "" if language == order[0] else f"{language}/"
            config = json.loads((tmp_path / "site" / folder / "search" / "search_index.json").read_text())["config"]
            assert (config["lang"], config["pipeline"]) == ([language], expected[language]), order


@pytest.mark.browser
@pytest.mark.parametrize(("path", "query", "title"), [
    ("les-tilleuls/en/", "boilers", "Boiler"),  # a plural typed, the singular on the page
    ("les-tilleuls/en/", "hot water", "Hot water cut"),
    ("les-tilleuls/ar/", "المرجل", "المرجل"),
    ("les-tilleuls/", "decembre", "Coupure d'eau chaude"),  # no accent typed: « décembre » in the notice
    ("les-tilleuls/", "d’eau", "Coupure d'eau chaude"),  # a phone's typographic apostrophe, the page's straight one
    ("les-tilleuls/", "l'eau", "Coupure d'eau chaude"),  # another elision than the page's
    ("les-tilleuls/", "0148201122", "Benali"),  # the caretaker's « 01 48 20 11 22 » from a call log
    ("les-tilleuls/", "+33148201122", "Benali"),
])
def test_search_finds_a_word_in_each_language(browser, serve, multilingual_site: Path, path: str,  # type: ignore[no-untyped-def]
                                              query: str, title: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(serve(multilingual_site) + "/" + path, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.press_sequentially(query, delay=20)
    box.press("End")  # Arabic letters are inserted without key events; Material reads the query on "keyup"
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    texts = page.locator(".md-search-result__item").all_inner_texts()
    assert any(title in text for text in texts), (query, texts)
    context.close()


@pytest.mark.browser
def test_a_result_in_another_language_is_marked_so_in_the_results(browser, serve,  # type: ignore[no-untyped-def]
                                                                  multilingual_site: Path) -> None:
    """The maintenance note, French only, on the English page: its result says it is French, and shows whole."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(serve(multilingual_site) + "/les-tilleuls/en/", wait_until="networkidle")
    page.locator("input.md-search__input").press_sequentially("donnez", delay=20)
    french = page.locator('.md-search-result__item [lang="fr"]', has_text="Donnez votre")
    french.first.wait_for(timeout=15000)
    assert "Engie Home Services" in page.locator(".md-search-result__item").last.inner_text()
    context.close()
