"""French typography of our own words: a no-break space before « ? », « ! », « : », « ; » and « » », and after
« « », so that a line never begins with the mark (« Qui appeler en cas de panne » then « ? » alone on the
next line of the phone's menu). French is the source language (our ``msgid``), so the rule is kept in the
code, the templates and the catalogs' ``msgid``; what staff typed is shown exactly as typed."""

from __future__ import annotations

import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from generator.contract.project import load_project
from generator.outputs.context import ResidenceContext
from generator.outputs.posters import A4, A5, poster_pdf, poster_text
from generator.outputs.qr import code_of
from generator.publish.site import build_site

from conftest import REPO, SAMPLE_TODAY

LOOSE = re.compile(r"\S {1,}[?!:;»]|« ")
"""An ordinary space before a high mark, or after an opening guillemet (``\\S``: a mark alone in a line of
its own, a list's « : » after a tag, is found with the text before it)."""

STAFF_AS_TYPED = "Soirée jeux : qui vient ?"
"""A notice title typed with ordinary spaces: shown exactly so, as everything staff type."""


class _Text(HTMLParser):
    """A page's text (scripts and styles left out, JSON-LD kept: our words are in it too) and the attributes
    read aloud or shown (``title``, ``aria-label``, ``alt``, ``placeholder``, ``content``)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("script", "style") and found.get("type") != "application/ld+json" or tag == "td" and \
                found.get("data-label") == "À vérifier":  # validate's messages, as the terminal says them
            self._skip += 1
        self.texts += [v for k, v in attrs if k in ("title", "aria-label", "alt", "placeholder", "content") and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "td") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.texts.append(data)


def loose(text: str) -> list[str]:
    """Where ``text`` has an ordinary space before a mark, with a little context; staff's own left out."""
    text = text.replace(STAFF_AS_TYPED, "")
    return [text[max(0, m.start() - 30):m.end() + 10] for m in LOOSE.finditer(text)]


@pytest.fixture(scope="module")
def well_typed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project, its staff's texts typed with no-break spaces (so that whatever is left is ours),
    and one notice typed with ordinary ones (``STAFF_AS_TYPED``)."""
    root = tmp_path_factory.mktemp("typography") / "project"
    shutil.copytree(REPO / "residences", root / "residences")
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    for path in [root / "site_config.yml", *(root / "residences").glob("*.yml")]:
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?<=\S) ([?!;»])", "\u00a0\\1", re.sub(r"(?<=\S) :(?=\s)", "\u00a0:", text))
        path.write_text(text.replace("« ", "«\u00a0"), encoding="utf-8")
    tilleuls = root / "residences" / "les-tilleuls.yml"
    tilleuls.write_text(tilleuls.read_text(encoding="utf-8").replace(
        "notices:\n", f"notices:\n  - {{title: '{STAFF_AS_TYPED}', from: 2026-12-01, until: 2026-12-31}}\n", 1),
        encoding="utf-8")
    return root


def test_our_french_words_keep_each_mark_with_the_word_before_it(well_typed: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page (tenants' and staff's, the hall screen's), the feed, the calendar, the cards, the posters'
    text and titles and the QR code's title: our French words put a no-break space before a high mark and
    inside guillemets. The menu said « Qui appeler en cas de panne ? » with an ordinary space, and a phone
    wrapped the « ? » alone onto a line; so did every « Téléphone : », « Collecte : », « Accessibilité : »."""
    project = load_project(well_typed)
    out = tmp_path / "site"
    build_site(project, out, SAMPLE_TODAY)
    found: list[str] = []
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(out)}: {x}" for x in loose(" ".join(parser.texts))]
    for path in [*out.rglob("*.xml"), *out.rglob("*.ics"), *out.rglob("*.vcf"), *out.rglob("*.svg")]:
        text = re.sub(r"\r?\n ", "", path.read_text(encoding="utf-8"))  # iCalendar and vCard lines unfolded
        found += [f"{path.relative_to(out)}: {x}" for x in loose(text.replace("\\n", "\n"))]
    drawn: list[str] = []  # a PDF's text layer says a no-break space as a space: the lines as drawn
    for method in ("drawString", "drawCentredString", "drawRightString"):
        original = getattr(Canvas, method)
        monkeypatch.setattr(Canvas, method, lambda self, x, y, text, *a, _o=original, **k: (
            drawn.append(text), _o(self, x, y, text, *a, **k))[1])
    for item in project.residences:  # drawn here, not taken from the cache nor in another process
        ctx = ResidenceContext.of(project, item, SAMPLE_TODAY)
        text = poster_text(ctx)
        for fmt in (A4, A5):
            title = pypdf.PdfReader(io.BytesIO(poster_pdf(text, code_of(text.url), fmt, SAMPLE_TODAY, ctx.logo))).metadata.title
            found += [f"{item.slug} {fmt.label}: {x}" for x in loose(str(title))]
    assert len(drawn) > 100
    found += [f"posters: {x}" for x in loose("\n".join(drawn))]
    assert found == [], "\n".join(found)
    notice = (out / "les-tilleuls" / "index.html").read_text(encoding="utf-8")
    assert STAFF_AS_TYPED in notice  # staff's text as typed


@pytest.mark.browser
def test_the_menus_question_mark_never_wraps_alone_on_a_phone(browser, sample_site: Path, serve) -> None:  # type: ignore[no-untyped-def]
    """At 390 px the phone's menu (a drawer 242 px wide) wrapped « Qui appeler en cas de panne ? » before its
    « ? », which began a line of its own. Each mark now stays on the line of the word before it, in the
    menu as in the page, at a phone's widths."""
    problems = []
    for width in (320, 360, 390, 414):
        for path in ("contacts/", "qui-appeler/"):
            page = browser.new_page(viewport={"width": width, "height": 844}, locale="fr-FR")
            page.goto(serve(sample_site) + "/les-tilleuls/" + path, wait_until="networkidle")
            page.locator("label.md-header__button[for=__drawer]").click()
            page.wait_for_timeout(400)  # Material's slide-in transition
            problems += [f"{width} px, {path}: {p}" for p in page.evaluate(ALONE)]
            page.close()
    assert problems == []


ALONE = """() => {
  const alone = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest('.md-nav--primary, #contenu')) continue;
    for (const match of node.data.matchAll(/\\S\\s+[?!:;»]/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
      if (lines.size > 1) alone.push(node.data.trim());
    }
  }
  return alone;
}"""


@pytest.mark.parametrize(("typed", "said"), [
    ("Habitat Exemple", "d'Habitat Exemple"), ("Est Métropole Habitat", "d'Est Métropole Habitat"),
    ("Émeraude Habitat", "d'Émeraude Habitat"), ("ICF Habitat", "d'ICF Habitat"), ("Hérault Habitat", "d'Hérault Habitat"),
    ("Paris Habitat", "de Paris Habitat"), ("Hauts-de-Seine Habitat", "de Hauts-de-Seine Habitat"),
    ("Onze Logis", "de Onze Logis"), ("Yvelines Habitat", "de Yvelines Habitat")])
def test_de_before_a_landlord_name_beginning_with_a_vowel_sound_is_elided(typed: str, said: str) -> None:
    """« Les résidences de Habitat Exemple » on the landlord's index (h1), law pages and posters page: French
    elides « de » before a vowel and a mute « h »; an aspirated « h » (« Hauts ») keeps it. Other languages as
    they are."""
    from markupsafe import Markup

    from generator.outputs.i18n import elided

    assert elided(f"Les résidences de {typed}", "fr") == f"Les résidences {said}"
    assert elided(f"Les résidences de {typed}", "en") == f"Les résidences de {typed}"
    marked = elided(Markup(f'de <span lang="en">{typed}</span>'), "fr")
    assert isinstance(marked, Markup) and marked == Markup(f'{said[:-len(typed)]}<span lang="en">{typed}</span>')


@pytest.mark.parametrize(("typed", "said"), [
    ("Le Foyer Rémois", "du Foyer Rémois"), ("Les Résidences de l'Oise", "des Résidences de l'Oise"),
    ("Le Logement Francilien", "du Logement Francilien"), ("La Maison du CIL", "de La Maison du CIL"),
    ("L'Habitat Solidaire", "de L'Habitat Solidaire"), ("Lenoir Habitat", "de Lenoir Habitat"),
    ("Leste Habitat", "de Leste Habitat")])
def test_de_before_a_landlord_name_beginning_with_le_or_les_is_contracted(typed: str, said: str) -> None:
    """« Les résidences de Le Foyer Rémois » on the landlord's index (h1), law pages and staff pages: French
    contracts « de le » into « du » and « de les » into « des », a landlord's name too (« la ville du Havre »).
    Other languages as they are."""
    from markupsafe import Markup

    from generator.outputs.i18n import elided

    assert elided(f"Les résidences de {typed}", "fr") == f"Les résidences {said}"
    assert elided(f"Les résidences de {typed}", "en") == f"Les résidences de {typed}"
    marked = elided(Markup(f'de <span lang="fr">{typed}</span>'), "fr")
    assert marked == Markup(f'{said.split(" ")[0]} <span lang="fr">{said.split(" ", 1)[1]}</span>')


def test_the_law_page_says_qu_before_a_landlord_name_beginning_with_a_vowel(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """« Votre visite ne concerne que Immobilière 3F » on the legal notice: « que » is elided as « de » is."""
    from html import unescape

    from conftest import SITE_CONFIG

    config = SITE_CONFIG.replace("landlord: {name: Habitat Test,", "landlord: {name: Immobilière 3F,")
    build_site(load_project(make_project(site_config=config)), tmp_path / "site", today=SAMPLE_TODAY)
    text = unescape((tmp_path / "site" / "mentions-legales" / "index.html").read_text(encoding="utf-8"))
    assert "Votre visite ne concerne qu'Immobilière 3F." in text


def test_the_sample_landlords_pages_say_d_habitat_exemple(sample_site: Path) -> None:
    """The landlord index's title, the law pages' and the staff pages' descriptions and words, the accessibility
    statement: one elided « d'Habitat Exemple » everywhere."""
    from html import unescape

    index = unescape((sample_site / "index.html").read_text(encoding="utf-8"))
    assert "<h1>Les résidences d'Habitat Exemple</h1>" in index
    assert "de Habitat Exemple" not in index
    for page, said in (("accessibilite", "résidences d'Habitat Exemple"), ("mentions-legales", "résidences d'Habitat"),
                       ("posters", "Page du personnel d'Habitat Exemple"), ("equipe", "l'équipe d'Habitat Exemple")):
        text = unescape((sample_site / page / "index.html").read_text(encoding="utf-8"))
        assert said in text and "de Habitat Exemple" not in text, page
