"""Every tenant in their language (issue 13): the contract, the catalogs, the per-language sites, in the browser.

A three-language project (French by default, English, Arabic) is built once for the session; units check
the contract's messages and lines, Babel's dates and the catalogs; the browser checks every page of every
language with axe-core, the W3C checker, and the language switcher.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from datetime import date, time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from click.testing import CliRunner

from conftest import SAMPLE_TODAY, SITE_CONFIG
from generator.cli import main
from generator.contract.languages import LocalText, in_one_language, missing_translations
from generator.contract.project import load_project
from generator.errors import UserError
from generator.outputs import i18n
from generator.paths import LOCALES_DIR, interface_languages
from generator.publish.site import build_site
from test_accessibility import LAYOUT_JS, VNU_JAR, axe_violations, page_paths

REPO = Path(__file__).resolve().parent.parent

CONFIG = """\
landlord: {name: Habitat Test, tenant_portal: https://locataires.example.org/}
base_url: https://residences.example.org/
languages: [fr, en, ar]
agencies:
  nord:
    name: {fr: Agence Nord, en: North agency, ar: وكالة الشمال}
    phone: 01 49 33 10 10
    hours: {fr: Du lundi au vendredi, en: Monday to Friday}
emergency:
  - {label: SAMU, phone: 15}
faq:
  - q: {fr: Comment payer mon loyer ?, en: How do I pay my rent?, ar: كيف أدفع الإيجار؟}
    a: {fr: Par prélèvement., en: By direct debit.}
"""

RESIDENCE = """\
name: Résidence Les Tilleuls
address: {street: 12 rue des Tilleuls, postcode: 93200, city: Saint-Denis}
buildings: [A, B]
agency: nord
caretaker:
  name: Fatima Benali
  title: {fr: gardienne, en: caretaker, ar: الحارسة}
  phone: 01 48 20 11 22
  office: {fr: Loge du bâtiment A, en: Office in building A, ar: مكتب المبنى A}
  hours:
    - {days: [mon, tue, wed, thu, fri], open: 8:30, close: 12h}
  absences:
    - {from: 2026-12-22, to: 2027-01-02, replacement: {name: Sophie Martin, phone: 06 98 76 54 32}}
maintenance:
  - topic: {fr: Chaudière, en: Boiler, ar: المرجل}
    company: Engie Home Services
    phone: 09 69 32 00 00
    note: Donnez votre **numéro de contrat**.
notices:
  - title: {fr: Coupure d'eau chaude, en: Hot water cut, ar: انقطاع الماء الساخن}
    from: 2026-12-01
    until: 2026-12-10
    level: warning
    body:
      fr: Jeudi 3 décembre, de 9h à 12h.
      en: Thursday 3 December, 9 am to 12 noon.
  - title: مرحبا بكم في الإقامة
    from: 2026-12-01
    until: 2026-12-10
"""


def write_project(root: Path, config: str = CONFIG, residence: str = RESIDENCE) -> Path:
    (root / "residences").mkdir(parents=True, exist_ok=True)
    (root / "site_config.yml").write_text(textwrap.dedent(config), encoding="utf-8")
    (root / "residences" / "les-tilleuls.yml").write_text(textwrap.dedent(residence), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def multilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(tmp_path_factory.mktemp("languages") / "project")
    out = root.parent / "site"
    build_site(load_project(root), out, SAMPLE_TODAY)
    return out


OUTAGE = """\
outages:
  - equipment: {fr: Ascenseur du bâtiment A, en: Lift of building A, tr: A blok asansörü}
    since: 2026-11-25
    status: in_repair
    updates:
      - {date: 2026-11-26, text: {fr: La pièce est commandée., en: The part is ordered.}}
"""


@pytest.fixture(scope="session")
def six_language_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every language we ship, French first."""
    root = write_project(tmp_path_factory.mktemp("six") / "project",
                         CONFIG.replace("[fr, en, ar]", "[fr, en, ar, pt, tr, es]"), RESIDENCE + OUTAGE)
    out = root.parent / "site"
    build_site(load_project(root), out, SAMPLE_TODAY)
    return out


def problems(root: Path) -> list[str]:
    with pytest.raises(UserError) as info:
        load_project(root)
    return [f"{p.file}:{p.line}: {p.message}" for p in info.value.problems]


# --- The contract -------------------------------------------------------------------------------------

def test_a_text_is_typed_once_or_by_language(tmp_path: Path) -> None:
    project = load_project(write_project(tmp_path))
    assert project.config.languages == ["fr", "en", "ar"]
    notice = project.residences[0].residence.notices[0]
    assert notice.title == "Coupure d'eau chaude"  # consumers that know no language read the default text
    assert isinstance(notice.title, LocalText)
    assert notice.title.translations == {"fr": "Coupure d'eau chaude", "en": "Hot water cut",
                                         "ar": "انقطاع الماء الساخن"}
    assert notice.body.in_("ar") == ("Jeudi 3 décembre, de 9h à 12h.", "fr")  # falls back, and says so
    plain = project.residences[0].residence.name
    assert plain.translations == {"fr": "Résidence Les Tilleuls"} and plain.language == "fr"


def test_the_old_single_language_key_still_means_french(tmp_path: Path) -> None:
    config = SITE_CONFIG + "language: fr\n"
    residence = RESIDENCE.split("caretaker:")[0]
    assert load_project(write_project(tmp_path, config, residence)).config.languages == ["fr"]
    assert problems(write_project(tmp_path, config.replace("nord:", "nord:", 1) + "languages: [en]\n", residence)
                    ) == ["site_config.yml:10: « language » et « languages » ne disent pas la même langue par défaut : "
                          "gardez seulement « languages »"]  # at the line of the old key, which is to go


def test_a_mistake_in_the_old_single_language_key_is_told_once_at_its_line(tmp_path: Path) -> None:
    residence = RESIDENCE.split("caretaker:")[0]
    for typed, message in (("8h60", "code de langue « 8h60 » non reconnu : deux ou trois lettres minuscules, par "
                                    "exemple fr, en, ar"),
                           ("{fr: fr}", "doit être un texte sur une ligne, pas une liste ni un ensemble de clés"),
                           ("[fr, en]", "une seule langue ici, par exemple « language: fr »")):
        assert problems(write_project(tmp_path, SITE_CONFIG + f"language: {typed}\n", residence)) == [
            f"site_config.yml:10: language: {message}"]


def test_several_languages_under_the_old_key_are_told_the_key_for_several(tmp_path: Path) -> None:
    """« language: [fr, en] » read « doit être un texte sur une ligne », and no word of « languages »."""
    with pytest.raises(UserError) as info:
        load_project(write_project(tmp_path, SITE_CONFIG + "language: [fr, en]\n", RESIDENCE.split("caretaker:")[0]))
    assert [problem.hint for problem in info.value.problems] == [
        "pour plusieurs langues, écrivez « languages: [fr, en] » (avec un s) ; la première est la langue par défaut"]


def test_languages_typed_with_their_names_are_told_to_list_the_codes_only(tmp_path: Path) -> None:
    """« languages: {fr: Français, en: English, ar: العربية} » (the names the switcher shows) was told « la même
    valeur dans toutes les langues : écrivez-la une seule fois, sans « fr: », « en: », « ar: » », the hint for a
    phone number typed by language, which leads nowhere: the site names each language by itself."""
    residence = RESIDENCE.split("caretaker:")[0]
    for typed, codes in (("{fr: Français, en: English, ar: العربية}", "fr, en, ar"), ("\n  fr: Français\n  en: English", "fr, en"),
                         ("{Français: fr, English: en}", "fr, en")):
        write_project(tmp_path, CONFIG.replace("languages: [fr, en, ar]", f"languages: {typed}"), residence)
        with pytest.raises(UserError) as info:
            load_project(tmp_path)
        assert [(p.line, p.message, p.hint) for p in info.value.problems] == [
            (3, "languages: une liste est attendue", f"écrivez seulement les codes, « languages: [{codes}] », la langue "
             "par défaut en premier : le site nomme lui-même chaque langue dans sa langue (English, العربية)")], typed


def test_a_language_not_in_languages_is_an_error_at_its_line(tmp_path: Path) -> None:
    residence = RESIDENCE.replace("en: Hot water cut,", "en: Hot water cut, pt: Corte,")
    write_project(tmp_path, CONFIG.replace("[fr, en, ar]", "[fr, en]"), residence)
    found = problems(tmp_path)
    assert ("residences/les-tilleuls.yml:20: notices[1].title: langue « pt » absente de « languages » dans "
            "site_config.yml") in found
    assert ("residences/les-tilleuls.yml:7: caretaker.title: langue « ar » absente de « languages » dans "
            "site_config.yml") in found


def test_a_key_that_is_no_language_code_under_a_text_says_so(tmp_path: Path) -> None:
    """« street: » indented under « name: » was « langue « street » absente de « languages » », with the
    hint to add it to the site's languages."""
    residence = RESIDENCE.replace("name: Résidence Les Tilleuls", "name:\n  street: 12 rue des Tilleuls")
    residence = residence.replace("title: {fr: gardienne, en: caretaker, ar: الحارسة}", "title: {fr: gardienne, EN: x}")
    assert problems(write_project(tmp_path, residence=residence)) == [
        "residences/les-tilleuls.yml:2: name: « street » n'est pas un code de langue",
        "residences/les-tilleuls.yml:8: caretaker.title: « EN » n'est pas un code de langue"]


def test_a_value_that_is_not_translated_typed_by_language_says_so(tmp_path: Path) -> None:
    """A phone number, an e-mail address or a list of buildings typed by language (« phone: {fr: …, en: …} »,
    a natural mistake once titles are) was told « doit être un texte sur une ligne » with no hint, or « une liste
    est attendue » with the hint to put a dash before « fr: »: neither said that such a value is the same in
    every language and is typed once."""
    residence = RESIDENCE.replace("  phone: 01 48 20 11 22\n", "  phone: {fr: 01 48 20 11 22, en: +33 1 48 20 11 22}\n")
    residence = residence.replace("buildings: [A, B]", "buildings: {fr: [A, B], ar: [أ, ب]}")
    write_project(tmp_path, residence=residence)
    with pytest.raises(UserError) as info:
        load_project(tmp_path)
    found = {(p.line, p.message.split(":")[0]): p.hint for p in info.value.problems}
    hint = "la même valeur dans toutes les langues : écrivez-la une seule fois, sans « {} » (seuls les textes se traduisent)"
    assert found == {(3, "buildings"): hint.format("fr: », « ar:"), (8, "caretaker.phone"): hint.format("fr: », « en:")}, found


def test_the_default_language_text_is_required(tmp_path: Path) -> None:
    residence = RESIDENCE.replace("fr: Coupure d'eau chaude, ", "")
    assert problems(write_project(tmp_path, residence=residence)) == [
        "residences/les-tilleuls.yml:20: notices[1].title: le texte en « fr » (langue par défaut) manque"]


def test_a_language_without_a_catalog_or_a_malformed_code_is_refused_at_its_line(tmp_path: Path) -> None:
    write_project(tmp_path, CONFIG.replace("languages: [fr, en, ar]", "languages:\n  - fr\n  - xx\n  - EN"),
                  RESIDENCE.split("caretaker:")[0])
    found = problems(tmp_path)
    assert "site_config.yml:5: langue « xx » : l'interface du site n'est pas traduite dans cette langue" in found
    assert any(p.startswith("site_config.yml:6: languages[3]: code de langue « EN » non reconnu") for p in found)


def test_a_language_without_a_catalog_is_sent_to_a_section_the_readme_has(tmp_path: Path) -> None:
    """« uk » or « fa » (no catalog) was told to see « Ajouter une langue » in the README, a heading it does not
    have (its section is « Adding a language »): staff searching for it found nothing."""
    write_project(tmp_path, CONFIG.replace("languages: [fr, en, ar]", "languages: [fr, en, ar, uk, fa]"),
                  RESIDENCE.split("caretaker:")[0])
    with pytest.raises(UserError) as info:
        load_project(tmp_path)
    hints = {p.hint for p in info.value.problems}
    assert len(info.value.problems) == 2 and len(hints) == 1, info.value.problems
    section = re.search(r"« ([^»]+) » dans le README", hints.pop())
    assert section is not None
    assert f"**{section[1]}**" in (REPO / "README.md").read_text(encoding="utf-8")


def test_a_language_listed_twice_is_refused_at_the_second_with_a_hint(tmp_path: Path) -> None:
    """« languages: [fr, en, fr] » was told at the line of « languages: », without a hint, not at the repeated
    code: in a list written one code a line, staff looked for it."""
    write_project(tmp_path, CONFIG.replace("languages: [fr, en, ar]", "languages:\n  - fr\n  - en\n  - ar\n  - en"),
                  RESIDENCE.split("caretaker:")[0])
    with pytest.raises(UserError) as info:
        load_project(tmp_path)
    assert [(p.line, p.message, p.hint) for p in info.value.problems] == [
        (7, "languages[4]: langue « en » indiquée deux fois", "retirez la seconde fois")]


def test_a_region_or_capital_letters_in_a_language_code_are_told_the_code_to_write(tmp_path: Path) -> None:
    """« pt-BR », « fr_FR », « EN » were refused with no hint saying what to write instead."""
    residence = RESIDENCE.split("caretaker:")[0]
    for typed, hint in (("pt-BR", "écrivez « pt » : une langue s'écrit sans sa région"),
                        ("fr_FR", "écrivez « fr » : une langue s'écrit sans sa région"),
                        ("EN", "écrivez « en », en minuscules"),
                        ("Ar", "écrivez « ar », en minuscules")):
        write_project(tmp_path, CONFIG.replace("languages: [fr, en, ar]", f"languages: [fr, {typed}]"), residence)
        with pytest.raises(UserError) as info:
            load_project(tmp_path)
        assert [(p.line, p.hint) for p in info.value.problems] == [(3, hint)], typed
        write_project(tmp_path, SITE_CONFIG + f"language: {typed}\n", residence)
        with pytest.raises(UserError) as info:
            load_project(tmp_path)
        assert [(p.line, p.hint) for p in info.value.problems] == [(10, hint)], typed


def test_a_region_or_capital_letters_under_a_text_are_told_the_code_to_write(tmp_path: Path) -> None:
    """Under a text typed by language, « EN: », « en-GB: » or « ar_MA: » got the hint for a key that is no
    language at all (« un texte s'écrit après sa clé… vérifiez aussi le retrait »), not the code to write, as
    ``languages`` in site_config.yml tells it; a key that is no language keeps its hint."""
    residence = RESIDENCE.replace("title: {fr: gardienne, en: caretaker, ar: الحارسة}",
                                  "title: {fr: gardienne, EN: caretaker, ar_MA: الحارسة}")
    residence = residence.replace("office: {fr: Loge du bâtiment A, en: Office in building A, ar: مكتب المبنى A}",
                                  "office:\n    fr: Loge du bâtiment A\n    en-GB: Office in building A\n    street: x")
    write_project(tmp_path, residence=residence)
    with pytest.raises(UserError) as info:
        load_project(tmp_path)
    found = sorted((p.line, p.message.split(": ", 1)[1], p.hint) for p in info.value.problems)
    assert found[:3] == [
        (7, "« EN » n'est pas un code de langue", "écrivez « en », en minuscules"),
        (7, "« ar_MA » n'est pas un code de langue", "écrivez « ar » : une langue s'écrit sans sa région"),
        (11, "« en-GB » n'est pas un code de langue", "écrivez « en » : une langue s'écrit sans sa région")], found
    assert found[3][:2] == (12, "« street » n'est pas un code de langue") and "retrait" in found[3][2], found
    assert len(found) == 4, found


def test_a_site_config_whose_languages_cannot_be_read_gives_its_own_error_only(tmp_path: Path) -> None:
    """Texts by language are checked against « languages »: when site_config.yml cannot be read, or its
    languages are wrong, every text in English was also told « langue « en » absente » (one error per text of
    every residence, before the one to fix; GitHub shows the first ten)."""
    for config, expected in (
            (CONFIG.replace("agencies:", "agencies: ["), "site_config.yml:4: syntaxe YAML invalide"),
            (CONFIG.replace("[fr, en, ar]", "[FR, en, ar]"), "site_config.yml:3: languages[1]: code de langue « FR »"),
            (CONFIG.replace("[fr, en, ar]", "{fr: 1}"), "site_config.yml:3: languages: une liste est attendue"),
            (CONFIG.replace("[fr, en, ar]", "fr, en"), "site_config.yml:3: languages: une liste est attendue")):
        found = problems(write_project(tmp_path, config))
        assert len(found) == 1 and found[0].startswith(expected), found
    for old_key in ("[fr, en, ar]", "{fr: 1}"):  # the old key, typed as the new one's list: no language read
        found = problems(write_project(tmp_path, CONFIG.replace("languages: [fr, en, ar]", f"language: {old_key}")))
        assert len(found) == 1 and found[0].startswith("site_config.yml:3: language: "), (old_key, found)
    residence = RESIDENCE.replace("en: Hot water cut,", 'en: "",')  # a residence's own mistakes are still told
    found = problems(write_project(tmp_path, CONFIG.replace("agencies:", "agencies: ["), residence))
    assert found[0] == "residences/les-tilleuls.yml:20: notices[1].title.en: ne doit pas être vide"


def test_a_translation_keeps_the_checks_of_its_field(tmp_path: Path) -> None:
    residence = RESIDENCE.replace("en: Hot water cut,", 'en: "Hot\\x01water",')
    assert problems(write_project(tmp_path, residence=residence)) == [
        "residences/les-tilleuls.yml:20: notices[1].title.en: caractère invisible U+0001 non permis, après « Hot »"]


def test_every_mistake_of_a_text_typed_by_language_is_told_in_one_run_with_its_hint(tmp_path: Path) -> None:
    """A text typed by language was checked until its first mistake: « fr » and « en » both pasted with an
    invisible character (from one document), or a translation left empty beside an unknown code, took a push
    each, and a translation's refusal lost its hint (« il vient souvent d'un copier-coller… »), which the same
    mistake in a plain text has. Found by pasting a notice's two translations from a word processor."""
    residence = RESIDENCE.replace("{fr: Coupure d'eau chaude, en: Hot water cut, ar: انقطاع الماء الساخن}",
                                  '{fr: "Coupure\\x0b", en: "Hot\\x0bwater", ar: "", de: Warmwasser}')
    with pytest.raises(UserError) as info:
        load_project(write_project(tmp_path, residence=residence))
    pasted = "\n    → il vient souvent d'un copier-coller depuis un autre logiciel : effacez ce passage et retapez-le " \
             "au clavier"
    assert [str(p) for p in info.value.problems] == [
        "residences/les-tilleuls.yml:20: notices[1].title.ar: ne doit pas être vide\n    → écrivez la valeur après "
        "« : », ou retirez la ligne si elle est facultative",
        "residences/les-tilleuls.yml:20: notices[1].title.en: caractère invisible U+000B non permis, après « Hot »"
        + pasted,
        "residences/les-tilleuls.yml:20: notices[1].title.fr: caractère invisible U+000B non permis, après "
        "« Coupure »" + pasted,
        "residences/les-tilleuls.yml:20: notices[1].title: langue « de » absente de « languages » dans "
        "site_config.yml\n    → langues du site : fr, en, ar ; corrigez le code ou ajoutez la langue à « languages » "
        "dans site_config.yml"]


def test_a_character_the_posters_cannot_print_is_at_the_line_of_its_language(tmp_path: Path) -> None:
    config = CONFIG.replace("name: {fr: Agence Nord, en: North agency, ar: وكالة الشمال}",
                            "name:\n      fr: Agence Nord ★\n      en: North agency")
    residence = RESIDENCE.replace("name: Résidence Les Tilleuls", "name:\n  en: The Lime Trees\n  fr: Les Tilleuls ★")
    found = problems(write_project(tmp_path, config, residence))
    assert found == ["residences/les-tilleuls.yml:3: caractère « ★ » (U+2605) impossible à imprimer sur l'affiche",
                     "site_config.yml:7: caractère « ★ » (U+2605) impossible à imprimer sur l'affiche"]


def test_a_localized_text_survives_the_validation_cache(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    first = load_project(root).residences[0].residence
    again = load_project(root).residences[0].residence  # from the cache, unpickled
    assert again.notices[0].title.translations == first.notices[0].title.translations
    assert again == first


def test_one_language_view_marks_what_falls_back(tmp_path: Path) -> None:
    residence = load_project(write_project(tmp_path)).residences[0].residence
    english = in_one_language(residence, "en")
    assert (english.notices[0].title, english.notices[0].title.language) == ("Hot water cut", "en")
    assert (english.maintenance[0].note, english.maintenance[0].note.language) == (
        "Donnez votre **numéro de contrat**.", "fr")
    assert [(path, codes) for path, codes in missing_translations(residence, ("fr", "en", "ar"))
            if path[0] == "notices"] == [(("notices", 0, "body"), ["ar"]), (("notices", 1, "title"), ["en", "ar"])]


# --- Babel: dates, days and catalogs --------------------------------------------------------------------

def test_dates_and_days_come_from_cldr() -> None:
    first = date(2026, 12, 1)
    assert i18n.long_date(first, "fr") == "mardi 1er décembre"  # the French ordinal, a French rule
    assert i18n.long_date(date(2026, 12, 3), "fr", with_year=True) == "jeudi 3 décembre 2026"
    assert i18n.long_date(first, "en") == "Tuesday 1 December"
    assert i18n.long_date(first, "ar") == "الثلاثاء، 1 ديسمبر"
    assert i18n.long_date(first, "pt") == "terça-feira, 1 de dezembro"
    assert i18n.days_text(["mon", "tue", "wed", "thu", "fri"], "en") == "Monday to Friday"
    assert i18n.days_text(["mon", "wed"], "fr") == "lundi et mercredi"
    assert i18n.language_name("ar") == "العربية" and i18n.language_name("pt") == "Português"


def test_dates_keep_the_capitals_cldr_gives_them_in_every_output(six_language_site: Path) -> None:
    """Jinja's ``capitalize`` lowercased all but the first letter: the English hall screen said « Thursday,
    3 december 2026 », the Turkish one « 3 aralık 2026 perşembe », an outage's news « Thursday 26 november »."""
    today = SAMPLE_TODAY
    for code, folder in (("fr", ""), ("en", "en/"), ("ar", "ar/"), ("pt", "pt/"), ("tr", "tr/"), ("es", "es/")):
        screen = (six_language_site / "les-tilleuls" / folder / "ecran" / "index.html").read_text(encoding="utf-8")
        expected = i18n.long_date(today, code, with_year=True)
        expected = expected[:1].upper() + expected[1:]  # none starts with « i »
        assert f"data-rh-clock>{expected}</p>" in screen, (code, expected)
        home = (six_language_site / "les-tilleuls" / folder / "index.html").read_text(encoding="utf-8")
        news = i18n.long_date(date(2026, 11, 26), code)
        news = news[:1].upper() + news[1:]
        assert f'<time datetime="2026-11-26">{news}</time>' in home, (code, news)
    english = (six_language_site / "les-tilleuls" / "en" / "ecran" / "index.html").read_text(encoding="utf-8")
    assert "data-rh-clock>Wednesday, 2 December 2026</p>" in english
    turkish = (six_language_site / "les-tilleuls" / "tr" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-11-26">26 Kasım Perşembe</time>' in turkish
    assert i18n.capitalized("ikinci", "tr") == "İkinci" and i18n.capitalized("ikinci", "en") == "Ikinci"


def test_the_note_under_a_fallback_names_its_language_as_the_page_s_language_writes_it(
        six_language_site: Path) -> None:
    """The note was lowercased by hand: « (in french) » on English pages, and on a Turkish page of a site in
    English first « (i̇ngilizce) », Python's lowercase « İ » being « i » and a combining dot."""
    from generator.outputs.pages import _marked_html

    notes = {code: (six_language_site / "les-tilleuls" / code / "qui-appeler" / "index.html").read_text("utf-8")
             for code in ("en", "ar", "pt", "tr", "es")}
    assert '<p class="rh-untranslated">(in French)</p>' in notes["en"]
    assert '<p class="rh-untranslated">(Fransızca)</p>' in notes["tr"]
    assert '<p class="rh-untranslated">(em francês)</p>' in notes["pt"]
    assert '<p class="rh-untranslated">(en francés)</p>' in notes["es"]
    assert '<p class="rh-untranslated">(باللغة الفرنسية)</p>' in notes["ar"]
    assert '<p class="rh-untranslated">(İngilizce)</p>' in _marked_html("Call us.", "en", "tr", 2)
    assert '<p class="rh-untranslated">(en anglais)</p>' in _marked_html("Call us.", "en", "fr", 2)


def test_the_hall_screen_marks_an_address_shown_in_the_default_language(six_language_site: Path) -> None:
    """The home page marked the street and the city in French on an English page; the hall screen did not,
    nor said that its law pages' links lead to French pages."""
    screen = (six_language_site / "les-tilleuls" / "en" / "ecran" / "index.html").read_text(encoding="utf-8")
    assert ('<p class="rh-hall__address"><span lang="fr">12 rue des Tilleuls</span>, 93200 '
            '<span lang="fr">Saint-Denis</span></p>') in screen
    # Its links to the French law pages say so, as the pages' footer: hreflang, « (in French) », both translated.
    assert 'hreflang="fr">Accessibility: not compliant</a> (in French) · ' in screen
    arabic = (six_language_site / "les-tilleuls" / "ar" / "ecran" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../../mentions-legales/" hreflang="fr">الإشعار القانوني</a> (باللغة الفرنسية)</p>' in arabic
    assert 'hreflang="fr">Legal notice</a> (in French)</p>' in screen


def test_the_feed_marks_a_text_shown_in_the_default_language(six_language_site: Path) -> None:
    """An Arabic feed (xml:lang="ar") carried the French notice body, outage news and help unmarked."""
    atom, lang = "{http://www.w3.org/2005/Atom}", "{http://www.w3.org/XML/1998/namespace}lang"

    def language_of(folder: str, start: str) -> str | None:
        feed = ET.fromstring((six_language_site / "les-tilleuls" / folder / "avis.xml").read_bytes())
        found = [e.get(lang) for e in feed.iter() if e.tag in (atom + "content", atom + "summary")
                 and (e.text or "").startswith(start)]
        assert len(found) == 1, (folder, start)
        return found[0]

    assert language_of("ar", "<p>Jeudi 3 décembre") == "fr" and language_of("ar", "La pièce est commandée.") == "fr"
    assert language_of("en", "<p>Thursday 3 December") is None and language_of("en", "The part is ordered.") is None
    assert language_of("", "<p>Jeudi 3 décembre") is None  # the feed's own language


def test_the_feed_s_subtitle_marks_and_isolates_an_address_in_the_default_language(six_language_site: Path) -> None:
    """The Arabic feed's subtitle, the residence's address typed in French only, was neither marked
    ``xml:lang="fr"`` (as the feed's other French texts are) nor isolated: under the feed's ``xml:lang="ar"``, a
    reader that sets the direction from it drew « rue des Tilleuls, 93200 Saint-Denis 12 »."""
    import feedparser

    def subtitle(folder: str) -> tuple[str, str | None]:
        feed = ET.fromstring((six_language_site / "les-tilleuls" / folder / "avis.xml").read_bytes())
        element = feed.find("{http://www.w3.org/2005/Atom}subtitle")
        assert element is not None and element.text
        return element.text, element.get("{http://www.w3.org/XML/1998/namespace}lang")

    assert subtitle("ar") == ("\u206812 rue des Tilleuls, 93200 Saint-Denis\u2069", "fr")
    assert subtitle("en") == ("12 rue des Tilleuls, 93200 Saint-Denis", "fr")  # left to right: nothing to isolate
    assert subtitle("") == ("12 rue des Tilleuls, 93200 Saint-Denis", None)  # the feed's own language
    parsed = feedparser.parse((six_language_site / "les-tilleuls" / "ar" / "avis.xml").read_bytes())
    assert parsed.feed.subtitle_detail.language == "fr" and not parsed.bozo


def test_an_address_alone_in_an_arabic_calendar_s_location_is_isolated(tmp_path: Path) -> None:
    """A caretaker without an office: the Arabic calendar's opening hours were located at the bare address,
    not isolated as it is after an office's name, so drawn « rue des Tilleuls, 93200 Saint-Denis 12 » by an
    app that sets the direction from the calendar's language."""
    import icalendar

    residence = RESIDENCE.replace("  office: {fr: Loge du bâtiment A, en: Office in building A, ar: مكتب المبنى A}\n", "")
    build_site(load_project(write_project(tmp_path / "project", residence=residence)), tmp_path / "site", SAMPLE_TODAY)
    located = {}
    for folder in ("ar", "en"):
        calendar = (tmp_path / "site" / "les-tilleuls" / folder / "calendrier.ics").read_bytes()
        located[folder] = {str(e["LOCATION"]) for e in icalendar.Calendar.from_ical(calendar).walk("VEVENT")
                           if "LOCATION" in e}
    assert located == {"ar": {"\u206812 rue des Tilleuls, 93200 Saint-Denis\u2069"},
                       "en": {"12 rue des Tilleuls, 93200 Saint-Denis"}}, located


def test_names_in_the_header_menu_and_footer_are_marked_as_in_the_page(six_language_site: Path) -> None:
    """The page's heading marked the residence's name lang="fr" on an English page; the header, the menu's
    title and the footer's landlord, written by the page template, did not; nor the logo's link, whose only
    name is the residence's (``aria-label``): a screen reader read the French name with the page's voice."""
    english = (six_language_site / "les-tilleuls" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<a href="." class="md-header__button md-logo" aria-label="Résidence Les Tilleuls" lang="fr"></a>' in english
    assert '<span class="md-ellipsis" lang="fr">Résidence Les Tilleuls</span>' in english
    assert '<label class="md-nav__title" for="__drawer" lang="fr">Résidence Les Tilleuls</label>' in english
    assert '>All <span lang="fr">Habitat Test</span> residences</a>' in english
    assert '<p class="rh-footer__note"><span lang="fr">Habitat Test</span> · ' in english
    arabic = (six_language_site / "ar" / "index.html").read_text(encoding="utf-8")
    assert '<p class="rh-footer__note"><span dir="ltr" lang="fr">Habitat Test</span> · ' in arabic
    french = (six_language_site / "les-tilleuls" / "index.html").read_text(encoding="utf-8")
    assert '<span class="md-ellipsis">Résidence Les Tilleuls</span>' in french
    assert 'class="md-header__button md-logo" aria-label="Résidence Les Tilleuls"></a>' in french
    assert '<p class="rh-footer__note">Habitat Test · ' in french


def test_the_calendar_says_the_language_of_a_notice_shown_in_the_default_one(six_language_site: Path) -> None:
    """The Arabic calendar gave the French body of a notice with nothing saying its language (RFC 5545's
    LANGUAGE parameter), where the page marks it lang="fr"."""
    import icalendar

    def descriptions(folder: str) -> dict[str, str | None]:
        calendar = icalendar.Calendar.from_ical((six_language_site / "les-tilleuls" / folder / "calendrier.ics")
                                                .read_bytes())
        return {str(e["DESCRIPTION"])[:20]: e["DESCRIPTION"].params.get("LANGUAGE")
                for e in calendar.walk("VEVENT") if "DESCRIPTION" in e and "Jeudi 3" in str(e["DESCRIPTION"])
                or "DESCRIPTION" in e and "Thursday 3" in str(e["DESCRIPTION"])}

    assert descriptions("ar") == {"Jeudi 3 décembre, de": "fr"}
    assert descriptions("en") == {"Thursday 3 December,": None}
    assert descriptions("") == {"Jeudi 3 décembre, de": None}


def test_a_label_before_a_phone_number_is_punctuated_as_the_page_s_language_does(six_language_site: Path) -> None:
    """« SAMU : 15 », « Engie Home Services : 09… » were written with French spacing on every language's
    contacts page, repair page and hall screen (English and Arabic write « SAMU: 15 »)."""
    site = six_language_site / "les-tilleuls"
    for folder in ("en", "ar", "pt", "tr", "es"):
        for page in ("contacts", "qui-appeler", "ecran"):
            html = (site / folder / page / "index.html").read_text(encoding="utf-8")
            assert re.findall(r'(?:</span>|</strong>|[^ >]) : (?:<a class="rh-phone"|$)', html, re.M) == [], (folder, page)
            assert re.search(r'(?:</span>|</strong>): <a class="rh-phone"', html), (folder, page)
    english = (site / "en" / "contacts" / "index.html").read_text(encoding="utf-8")
    assert '<li><span lang="fr">SAMU</span>: <a class="rh-phone" dir="ltr" href="tel:15">15</a></li>' in english
    french = (site / "qui-appeler" / "index.html").read_text(encoding="utf-8")
    assert '<p><strong>Engie Home Services</strong>\u00a0: <a class="rh-phone"' in french


def test_every_catalog_translates_every_string_with_the_same_placeholders() -> None:
    """What ``pybabel extract`` finds in the code and templates (babel.cfg) is in each catalog."""
    from babel.messages.pofile import read_po

    method_map = [("generator/**.py", "python"), ("generator/outputs/templates/**.j2", "jinja2"),
                  ("theme/**.html", "jinja2")]
    found = {message for _, _, message, _, _ in extract_from_dir(
        REPO, method_map, keywords={"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)})}
    ids = {m if isinstance(m, str) else m[0] for m in found}
    assert "Votre %(title)s" in ids and "Aller au contenu" in ids and len(ids) > 100
    assert interface_languages() == ["ar", "en", "es", "fr", "pt", "tr"]
    assert "Écran du hall" in ids  # a msgid inside an f-string is invisible to extraction: keep them out
    for language in interface_languages():
        text = (LOCALES_DIR / f"{language}.po").read_text(encoding="utf-8")
        entries = re.findall(r'^msgid "(.+)"$', text, re.M)
        assert len(entries) == len(set(entries)), (language, "same msgid twice: the last one silently wins")
        with (LOCALES_DIR / f"{language}.po").open("rb") as file:
            catalog = read_po(file, locale=language)
        for msgid in ids:
            message = catalog.get(msgid)
            assert message is not None and message.string, (language, msgid)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for string in strings:
                wanted = set(re.findall(r"%\(\w+\)s", msgid)) - {"%(num)s"}
                assert wanted <= set(re.findall(r"%\(\w+\)s", string)), (language, msgid, string)


def test_no_translated_word_hides_inside_an_f_string() -> None:
    """Python 3.11 tokenizes an f-string as one string: ``pybabel extract`` (and the test above) cannot
    see a ``_("…")`` or ``N_("…")`` written inside it, so such a word would go untranslated in silence."""
    import tokenize

    hidden = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        with path.open("rb") as file:
            for token in tokenize.tokenize(file.readline):
                prefix = re.match(r"[A-Za-z]*", token.string).group(0).lower()  # type: ignore[union-attr]
                if token.type == tokenize.STRING and "f" in prefix and re.search(r"\bN?_\(\s*[\"']", token.string):
                    hidden.append(f"{path.relative_to(REPO)}:{token.start[0]}")
    assert hidden == []


# --- The built site -------------------------------------------------------------------------------------

class _Text(HTMLParser):
    """The visible text of a page's content and footer, without what is marked in another language."""

    def __init__(self, skip_lang: str) -> None:
        super().__init__()
        self.skip_lang, self.depth, self.skipping, self.chunks = skip_lang, 0, 0, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "meta", "link", "input", "img"):
            return
        self.depth += 1
        if self.skipping or dict(attrs).get("lang") == self.skip_lang or tag in ("script", "style"):
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "meta", "link", "input", "img"):
            return
        self.depth -= 1
        if self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.chunks.append(data)


def test_each_language_has_its_pages_calendar_feed_and_cards(multilingual_site: Path) -> None:
    site = multilingual_site
    for folder in ("les-tilleuls", "les-tilleuls/en", "les-tilleuls/ar"):
        for name in ("index.html", "gardien/index.html", "contacts/index.html", "qui-appeler/index.html",
                     "calendrier.ics", "avis.xml", "gardien.vcf", "agence.vcf"):
            assert (site / folder / name).is_file(), f"{folder}/{name}"
    assert (site / "en" / "index.html").is_file() and (site / "ar" / "index.html").is_file()
    assert not (site / "les-tilleuls" / "en" / "affiche").exists()  # posters once, for the QR code
    feed = ET.fromstring((site / "les-tilleuls" / "en" / "avis.xml").read_bytes())
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert titles[:2] == ["Notices to residents: Résidence Les Tilleuls", "Important: Hot water cut"]
    calendar = (site / "les-tilleuls" / "ar" / "calendrier.ics").read_text(encoding="utf-8")
    assert "SUMMARY:مهم: انقطاع الماء الساخن" in calendar
    card = (site / "les-tilleuls" / "en" / "gardien.vcf").read_text(encoding="utf-8")
    assert "TITLE:Caretaker\\, Résidence Les Tilleuls" in card


def test_html_lang_and_dir_on_every_page(multilingual_site: Path) -> None:
    for path in page_paths(multilingual_site):
        html = (multilingual_site / (path + "index.html" if path.endswith("/") or not path else path)).read_text()
        language = "ar" if "/ar/" in f"/{path}" else "en" if "/en/" in f"/{path}" else "fr"
        direction = "rtl" if language == "ar" else "ltr"
        tag = re.search(r"<html [^>]*>", html).group(0)  # type: ignore[union-attr]
        assert f'lang="{language}"' in tag and f'dir="{direction}"' in tag, (path, tag)


def test_every_folder_of_the_root_site_is_a_name_no_residence_may_take(multilingual_site: Path) -> None:
    """A residence named like one of them passed validate (the pull request's check) and then stopped the
    publication (« le nom « en » est réservé au site principal »): « schema » and the other languages."""
    residences = {"les-tilleuls"}
    folders = {entry.name for entry in multilingual_site.iterdir() if entry.is_dir()} - residences
    assert {"en", "ar", "schema"} <= folders
    for folder in sorted(folders):
        root = write_project(multilingual_site.parent / f"nom-{folder}", CONFIG, RESIDENCE)
        (root / "residences" / "les-tilleuls.yml").rename(root / "residences" / f"{folder}.yml")
        found = problems(root)
        assert found and found[0].startswith(f"residences/{folder}.yml:1: nom de fichier « {folder}.yml » "), found


def test_the_caretaker_is_called_by_her_title_in_every_language(multilingual_site: Path) -> None:
    pages = {lang: (multilingual_site / "les-tilleuls" / folder / "gardien" / "index.html").read_text()
             for lang, folder in (("fr", ""), ("en", "en"), ("ar", "ar"))}
    assert "<h1>Votre gardienne</h1>" in pages["fr"]
    assert "<strong>Fatima Benali</strong>, gardienne de la résidence." in pages["fr"]
    assert "<h1>Your caretaker</h1>" in pages["en"]
    assert "<h1>الحارسة في إقامتكم</h1>" in pages["ar"]


def test_a_woman_s_title_agrees_in_every_language(six_language_site: Path, tmp_path: Path) -> None:
    """« gardienne » typed in French (and English, Arabic) fell back to the catalog's masculine word where
    the page's language had no text: « O seu zelador » on the Portuguese page; a Portuguese title typed
    feminine was « O seu zeladora »."""
    from generator.outputs.context import ResidenceContext
    from generator.outputs.wording import caretaker_title

    expected = {"": "Votre gardienne", "en": "Your caretaker", "ar": "الحارسة في إقامتكم", "pt": "A sua zeladora",
                "es": "Su conserje", "tr": "Site görevlisi"}
    for folder, heading in expected.items():
        html = (six_language_site / "les-tilleuls" / folder / "gardien" / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{heading}</h1>" in html, (folder, heading)
    config = "landlord: {name: Habitat Test}\nbase_url: https://residences.example.org/\nlanguages: [fr, pt]\n" \
        "agencies:\n  nord: {name: Agence Nord}\n"
    for typed, said in (("{fr: agente de proximité, pt: agente de proximidade}", "A sua agente de proximidade"),
                        ("agent de proximité", "O seu zelador"), ("gardien", "O seu zelador")):
        residence = ("name: Les Tilleuls\naddress: {street: 1 rue A, postcode: 93200, city: Saint-Denis}\n"
                     f"agency: nord\ncaretaker:\n  name: Fatima Benali\n  title: {typed}\n")
        project = load_project(write_project(tmp_path / str(len(typed)), config, residence))
        context = ResidenceContext.of(project, project.residences[0], SAMPLE_TODAY, "pt")
        assert caretaker_title(context).heading == said, typed


def test_a_heading_that_begins_with_the_typed_title_has_its_capital_in_turkish(tmp_path: Path) -> None:
    """Turkish says the caretaker's heading with the title alone (« %(title)s »): a title typed in lower case,
    as a title is in a sentence (« tr: kapıcı »), was the page's « <h1>kapıcı</h1> », its menu entry and its
    browser tab. The heading now starts with a capital, Turkish's dotted one for « i » (« İdareci »)."""
    from generator.outputs.context import ResidenceContext
    from generator.outputs.wording import caretaker_title

    config = "landlord: {name: Habitat Test}\nbase_url: https://residences.example.org/\nlanguages: [LANGS]\n" \
        "agencies:\n  nord: {name: Agence Nord}\n"
    for langs, typed, lang, said in (("fr, tr", "{fr: gardienne, tr: kapıcı}", "tr", "Kapıcı"),
                                     ("tr, fr", "{tr: idareci, fr: gardien}", "tr", "İdareci"),
                                     ("tr, fr", "{tr: ısıtma görevlisi, fr: chauffagiste}", "tr", "Isıtma görevlisi"),
                                     ("fr, tr", "{fr: gardienne, tr: kapıcı}", "fr", "Votre gardienne"),
                                     ("fr, es", "{fr: gardien, es: conserje}", "es", "Su conserje")):
        residence = ("name: Les Tilleuls\naddress: {street: 1 rue A, postcode: 93200, city: Saint-Denis}\n"
                     f"agency: nord\ncaretaker:\n  name: Fatima Benali\n  title: {typed}\n")
        root = write_project(tmp_path / f"{lang}{len(typed)}", config.replace("LANGS", langs), residence)
        project = load_project(root)
        context = ResidenceContext.of(project, project.residences[0], SAMPLE_TODAY, lang)
        assert caretaker_title(context).heading == said, typed


def test_an_itinerant_caretaker_s_sentence_has_no_gender_in_arabic(tmp_path: Path) -> None:
    """The Arabic page of an itinerant « gardienne » said « Fatima Benali (الحارسة) يمرّ بالإقامة… », a verb in
    the masculine after a woman's title, and called her office « مكتب الحارس », a man caretaker's: the sentences
    about the caretaker are worded without gender, so that they agree with any title, and now these too."""
    residence = RESIDENCE.replace("  phone: 01 48 20 11 22\n", "  phone: 01 48 20 11 22\n  mode: itinerant\n", 1)
    build_site(load_project(write_project(tmp_path / "project", residence=residence)), tmp_path / "site", SAMPLE_TODAY)
    page = (tmp_path / "site" / "les-tilleuls" / "ar" / "gardien" / "index.html").read_text(encoding="utf-8")
    assert "يمرّ" not in page  # « he passes »
    assert not re.findall(r".{20}الحارس(?!ة).{20}", page)  # « مكتب الحارس », the office of a man caretaker
    assert ('<p><strong><span dir="ltr" lang="fr">Fatima Benali</span></strong> (الحارسة): مواعيد المرور بالإقامة '
            'مبيّنة أدناه.</p>') in page, re.findall(r"<p><strong>.*", page)


def test_values_in_another_language_or_direction_are_marked(multilingual_site: Path) -> None:
    english = (multilingual_site / "les-tilleuls" / "en" / "index.html").read_text()
    french = (multilingual_site / "les-tilleuls" / "index.html").read_text()
    arabic = (multilingual_site / "les-tilleuls" / "ar" / "qui-appeler" / "index.html").read_text()
    # A fallback to the default text carries its language (WCAG 3.1.2) and, for Markdown, a note.
    assert '<h1><span lang="fr">Résidence Les Tilleuls</span></h1>' in english
    assert ('<div dir="ltr" lang="fr"><p>Donnez votre <strong>numéro de contrat</strong>.</p></div>'
            '<p class="rh-untranslated">(باللغة الفرنسية)</p>') in arabic
    # Arabic typed as a plain (French) value: its direction is marked, its language is not guessed.
    assert '<h3 class="rh-notice__title"><span dir="rtl">مرحبا بكم في الإقامة</span></h3>' in french
    assert '<span dir="ltr" lang="fr">Fatima Benali</span>' in arabic or "Fatima" not in arabic
    # Translated values need no marking.
    assert '<h3 class="rh-notice__title">Hot water cut</h3>' in english


def test_no_default_language_interface_word_on_an_english_page(multilingual_site: Path) -> None:
    from babel.messages.pofile import read_po

    with (LOCALES_DIR / "en.po").open("rb") as file:
        catalog = read_po(file, locale="en")
    french = set()
    for message in catalog:
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        for chunk in re.split(r"%\(\w+\)s|<[^>]+>", msgid):
            if len(chunk.strip(" .:,()")) >= 8 and chunk.strip() not in message.string:
                french.add(chunk.strip(" .:,()"))
    french |= {"Rechercher", "Aller au contenu", "Votre", "Horaires", "Téléphone", "résidence"}
    english_pages = [p for p in page_paths(multilingual_site) if p.startswith(("en/", "les-tilleuls/en/"))]
    assert len(english_pages) >= 6
    for path in english_pages:
        parser = _Text(skip_lang="fr")
        parser.feed((multilingual_site / path / "index.html").read_text(encoding="utf-8"))
        text = " ".join(" ".join(parser.chunks).split())
        assert "Hot water cut" in text or path.startswith("en/") or "gardien" in path or "contacts" in path \
            or "qui-appeler" in path or "faq" in path
        found = sorted(word for word in french if word in text)
        assert found == [], (path, found)


def test_switcher_and_hreflang_lead_to_the_same_page_in_each_language(multilingual_site: Path) -> None:
    html = (multilingual_site / "les-tilleuls" / "en" / "gardien" / "index.html").read_text()
    for code, url in (("fr", "les-tilleuls/gardien/"), ("en", "les-tilleuls/en/gardien/"),
                      ("ar", "les-tilleuls/ar/gardien/")):
        assert f'<link rel="alternate" hreflang="{code}" href="https://residences.example.org/{url}">' in html
    # the page for a reader of none of them: the default language's, where a tenant's stored choice leads on
    assert html.count('hreflang="x-default"') == 1
    assert '<link rel="alternate" hreflang="x-default" href="https://residences.example.org/les-tilleuls/gardien/">' in html
    assert 'href="../../gardien/" hreflang="fr" lang="fr">Français</a>' in html  # left to right, as the page
    assert 'href="../../ar/gardien/" hreflang="ar" lang="ar" dir="rtl">العربية</a>' in html
    assert '<span aria-current="page" lang="en">English</span>' in html
    arabic = (multilingual_site / "les-tilleuls" / "ar" / "gardien" / "index.html").read_text()
    assert 'href="../../en/gardien/" hreflang="en" lang="en" dir="ltr">English</a>' in arabic


def _other_languages_of(site: Path, path: str) -> list[Path]:
    """Where a page says it is in other languages: its switcher's links (relative to it), its hreflang links."""
    html = (site / path / "index.html").read_text(encoding="utf-8")
    switcher = re.search(r'<nav class="rh-languages".*?</nav>', html, re.S)
    relative = re.findall(r'<a href="([^"]+)" hreflang=', switcher.group(0) if switcher else "")
    absolute = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="https://residences.example.org/([^"]*)">',
                          html)
    return [(site / path / link).resolve() for link in relative] + [(site / link).resolve() for link in absolute]


def test_every_page_s_other_languages_are_pages_that_exist(multilingual_site: Path) -> None:
    """The law pages, the posters page and the staff dashboard exist in French only: their switchers and
    hreflang links led to « /en/accessibilite/ », « /ar/equipe/ »…, pages that are not there."""
    targets = [(path, target) for path in page_paths(multilingual_site) if path.endswith("/") or not path
               for target in _other_languages_of(multilingual_site, path)]
    assert len(targets) > 90
    screen = [target for path, target in targets if path == "les-tilleuls/en/ecran/"]  # the hall screens too
    assert screen == [(multilingual_site / folder / "ecran").resolve() for folder in
                      ("les-tilleuls", "les-tilleuls/en", "les-tilleuls/ar")], screen
    assert [(path, target) for path, target in targets if not (target / "index.html").is_file()] == []


def test_a_page_in_french_only_is_marked_french_on_a_site_in_another_language(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """With Arabic first, the law pages, the posters page and the staff dashboard (French texts) were
    <html lang="ar" dir="rtl"> with nothing marking their French: laid right to left, read as Arabic."""
    root = make_project(site_config=SITE_CONFIG + "languages: [ar, fr, en]\n")
    site = tmp_path / "site"
    build_site(load_project(root), site, SAMPLE_TODAY)
    for path in ("accessibilite/", "mentions-legales/", "posters/", "equipe/"):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert '<html lang="ar" class="no-js" dir="rtl">' in html  # the header, menu and footer are Arabic
        assert '<div id="contenu" tabindex="-1" lang="fr" dir="ltr">' in html, path
        assert '<span class="md-ellipsis" lang="fr" dir="ltr">' in html, path  # the header's page title
        assert 'hreflang="fr" href=' not in html and '<a href="../fr/" hreflang="fr" lang="fr"' in html
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="accessibilite/" class="md-nav__link" lang="fr" dir="ltr">' in index
    assert '<div id="contenu" tabindex="-1">' in index


def test_one_language_keeps_the_site_as_it_was(sample_site: Path) -> None:
    html = (sample_site / "les-tilleuls" / "gardien" / "index.html").read_text()
    assert "rh-languages" not in html and "hreflang" not in html
    assert not (sample_site / "les-tilleuls" / "en").exists() and not (sample_site / "en").exists()


# --- validate and diff ------------------------------------------------------------------------------------

def test_validate_lists_missing_translations_as_warnings(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--project", str(root), "--format", "github",
                                       "--today", "2026-12-02"])
    assert result.exit_code == 0, result.output
    assert re.search(r"::warning file=\S*residences/les-tilleuls.yml,line=24,title=[^:]*::notices\[1\]\.body : "
                     r"pas de traduction \(ar\)", result.output), result.output
    assert "maintenance[1].note : pas de traduction (en, ar)" in result.output
    assert "caretaker.name" not in result.output  # a name is the same in every language


def test_validate_tells_what_pages_show_for_a_caretaker_s_title_not_translated(tmp_path: Path) -> None:
    """« caretaker.title : pas de traduction (ar) » went on « en attendant, le texte en « fr » s'affiche, signalé
    comme tel », but the Arabic pages do not show « gardienne »: they call her by our catalog's word, « الحارسة »
    (« zeladora » in Portuguese). The hint now says what tenants of that language read."""
    root = write_project(tmp_path, residence=RESIDENCE.replace("title: {fr: gardienne, en: caretaker, ar: الحارسة}",
                                                               "title: {fr: gardienne, en: caretaker}"))
    result = CliRunner().invoke(main, ["validate", "--project", str(root), "--format", "json", "--today", "2026-12-02"])
    warned = {w["message"]: w["hint"] for w in json.loads(result.output)["warnings"]}
    assert warned["caretaker.title : pas de traduction (ar)"] == (
        "ajoutez « ar: … » sous cette clé (texte par langue) ; en attendant, ses pages dans ces langues disent "
        "le mot usuel de leur langue (« caretaker », « zeladora »…), pas le texte en « fr »"), warned
    assert warned["notices[1].body : pas de traduction (ar)"].endswith("le texte en « fr » s'affiche, signalé comme tel")


def test_validate_warns_of_a_catalog_that_leaves_our_words_in_french(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A language added as the README says (« pybabel init », then translating every msgstr) published its
    pages with every word not yet translated in French, inside pages marked as in that language (« Du вівторок,
    1 грудня au четвер », « Votre gardien » under lang="uk"), and a poster foot line in French: nothing told.
    ``validate`` now warns at the language's line how many of our words its catalog lacks (empty, or fuzzy:
    gettext leaves a fuzzy entry out) and where the catalog is; complete catalogs give no warning."""
    from babel.messages.pofile import read_po, write_po

    import generator.paths

    locales = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, locales)
    with (LOCALES_DIR / "es.po").open("rb") as file:
        catalog = read_po(file, locale="es")
    ids = [message.id for message in catalog if message.id]
    catalog.locale = "uk"  # a Spanish catalog as Ukrainian: complete, then three words taken out
    catalog[ids[0]].string = ""
    catalog[ids[1]].string = "   "
    catalog[ids[2]].flags.add("fuzzy")
    with (locales / "uk.po").open("wb") as file:
        write_po(file, catalog)
    monkeypatch.setattr(generator.paths, "LOCALES_DIR", locales)
    root = write_project(tmp_path / "project", CONFIG.replace("[fr, en, ar]", "[fr, en, ar,\n  uk]"),
                         RESIDENCE.split("caretaker:")[0])
    result = CliRunner().invoke(main, ["validate", "--project", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    warned = [w for w in json.loads(result.output)["warnings"] if "interface" in w["message"]]
    assert [(Path(w["file"]).name, w["line"]) for w in warned] == [("site_config.yml", 4)], warned
    assert warned[0]["message"] == (f"langue « uk » : 3 des {len(ids)} textes de l'interface ne sont pas traduits : "
                                    "ils s'affichent en français sur ses pages"), warned
    assert "uk.po" in warned[0]["hint"] and "msgstr" in warned[0]["hint"], warned


def test_lists_are_joined_in_each_page_s_language(tmp_path: Path) -> None:
    """« Bâtiments A, B » and « Opérateurs présents : Orange, Free » were joined by a Latin comma in every
    language (an Arabic page read « A, B »): lists now follow CLDR's pattern of the page's language."""
    root = write_project(tmp_path, CONFIG, RESIDENCE + "fibre:\n  status: available\n  operators: [Orange, Free]\n")
    site = tmp_path / "site"
    build_site(load_project(root), site, SAMPLE_TODAY)
    said = {folder: ((site / "les-tilleuls" / folder / "index.html").read_text(encoding="utf-8"),
                     (site / "les-tilleuls" / folder / "fibre" / "index.html").read_text(encoding="utf-8"))
            for folder in ("", "en", "ar")}
    assert "· Bâtiments A et B</p>" in said[""][0] and "Opérateurs présents\u00a0: Orange et Free." in said[""][1]
    assert "· Buildings A and B</p>" in said["en"][0]
    assert '<span lang="fr">Orange</span> and <span lang="fr">Free</span>.' in said["en"][1]
    assert "· المبنيان A وB</p>" in said["ar"][0]  # the dual, CLDR's « و » joined to the next word
    assert '<span dir="ltr" lang="fr">Orange</span> و<span dir="ltr" lang="fr">Free</span>.' in said["ar"][1]


def test_validate_asks_no_translation_of_the_fibre_s_operators(tmp_path: Path) -> None:
    """« fibre.operators[1] : pas de traduction (en, ar) » for « Orange », « Free »: brand names, the same
    in every language, as a company's name (never asked for); one warning per operator and residence."""
    root = write_project(tmp_path, CONFIG, RESIDENCE + "fibre:\n  status: available\n  operators: [Orange, Free]\n"
                         "  how_to: Appelez votre opérateur.\n")
    result = CliRunner().invoke(main, ["validate", "--project", str(root), "--today", "2026-12-02"])
    assert result.exit_code == 0, result.output
    assert "fibre.how_to : pas de traduction (en, ar)" in result.output
    assert "operators" not in result.output


def test_validate_lists_every_shared_text_lacking_a_language(tmp_path: Path) -> None:
    """site_config.yml's common questions, emergency labels, closures and agencies' own texts are on every
    residence's pages, yet only its shared notices and agency defaults were checked: an answer without its
    Arabic text showed in French on every Arabic page, and validate said nothing."""
    config = CONFIG + "closures:\n  - {date: 2026-12-24, label: {fr: Veille de Noël, en: Christmas Eve}}\n"
    root = write_project(tmp_path, config)
    result = CliRunner().invoke(main, ["validate", "--project", str(root), "--today", "2026-12-02"])
    assert result.exit_code == 0, result.output
    for line, said in ((8, "agencies.nord.hours : pas de traduction (ar)"),
                       (10, "emergency[1].label : pas de traduction (en, ar)"),
                       (13, "faq[1].a : pas de traduction (ar)"),
                       (15, "closures[1].label : pas de traduction (ar)")):
        assert f"site_config.yml:{line}: à vérifier : {said}" in result.output, (said, result.output)
    assert "agencies.nord.name" not in result.output and "faq[1].q" not in result.output  # translated
    assert "landlord" not in result.output and "accessibility" not in result.output


def test_diff_says_which_languages_a_changed_notice_lacks(tmp_path: Path) -> None:
    base = write_project(tmp_path / "base")
    head = write_project(tmp_path / "head", residence=RESIDENCE.replace("en: Hot water cut", "en: Hot water off")
                         + "  - {title: Ascenseur en panne, from: 2026-12-05, until: 2026-12-08}\n")
    result = CliRunner().invoke(main, ["diff", str(base), str(head)])
    assert result.exit_code == 0, result.output
    assert "Avis « Coupure d'eau chaude » — titre : traduction modifiée \\(en\\) ; pas encore traduit \\(ar\\)" \
        in result.output
    assert ("Avis ajouté : « Ascenseur en panne », du samedi 5 décembre 2026 au mardi 8 décembre 2026, niveau "
            "information ; pas encore traduit \\(en, ar\\)") in result.output


def test_diff_tells_a_translation_added_or_removed_from_one_changed(tmp_path: Path) -> None:
    """A translation taken out (the Arabic caretaker's title: Arabic tenants now read the French one) or one added
    to a text typed once was told « traduction modifiée (ar) », as a corrected one is: the reviewer could not
    tell a lost translation from a fixed typo."""
    base = write_project(tmp_path / "base")
    head = write_project(tmp_path / "head", residence=RESIDENCE.replace(
        "title: {fr: gardienne, en: caretaker, ar: الحارسة}", "title: {fr: gardienne, en: caretakr}").replace(
        "  - title: مرحبا بكم في الإقامة\n", "  - title: {fr: مرحبا بكم في الإقامة, en: Welcome}\n"))
    result = CliRunner().invoke(main, ["diff", str(base), str(head)])
    assert result.exit_code == 0, result.output
    assert "titre : traduction modifiée \\(en\\) ; traduction retirée \\(ar\\)" in result.output, result.output
    assert "Avis « مرحبا بكم في الإقامة » — titre : traduction ajoutée \\(en\\)" in result.output, result.output


def test_diff_says_which_languages_a_changed_shared_notice_or_outage_lacks(tmp_path: Path) -> None:
    """A residence's notice said it; a landlord-wide notice and an outage (its news is what tenants read
    first) did not, on the lines of a change."""
    shared = "notices:\n  - {title: {fr: Élection, en: Election}, from: 2026-11-15, until: 2026-12-15}\n"
    outage = OUTAGE.replace(", tr: A blok asansörü", ", ar: مصعد المبنى A")
    base = write_project(tmp_path / "base", CONFIG + shared, RESIDENCE + outage)
    head = write_project(tmp_path / "head", CONFIG + shared.replace("en: Election", "en: Elections"),
                         RESIDENCE + outage + "      - {date: 2026-12-01, text: {fr: Pose demain., en: Fitted tomorrow.}}\n"
                         "  - {equipment: Porte du parking, since: 2026-12-01, status: reported}\n")
    result = CliRunner().invoke(main, ["diff", str(base), str(head)])
    assert result.exit_code == 0, result.output
    assert "Avis commun « Élection » — titre : traduction modifiée \\(en\\) ; pas encore traduit \\(ar\\)" in result.output
    assert ("Ascenseur du bâtiment A : nouvelle du mardi 1er décembre 2026 : Pose demain. ; pas encore traduit \\(ar\\)"
            in result.output), result.output
    assert "Porte du parking : nouvelle panne, signalée depuis le mardi 1er décembre 2026 ; pas encore traduit \\(en, ar\\)" \
        in result.output, result.output


def test_diff_tells_a_translation_changed_alone_wherever_it_is_typed(tmp_path: Path) -> None:
    """The English text of an outage's news corrected, or its Arabic added; a place of the caretaker's hours or
    the street translated anew: English (Arabic) tenants read other words, and the diff said « Aucun changement
    visible », as it told a notice's translation changed alone. Found typing translations inside a list or a
    group of keys (the news, the hours, the address), where only a field's own text was compared."""
    outage = OUTAGE.replace(", tr: A blok asansörü", ", ar: مصعد المبنى A")
    hours = "open: 8:30, close: 12h}", "open: 8:30, close: 12h, place: {fr: Hall B, en: Hall B}}"
    residence = RESIDENCE.replace(*hours).replace("street: 12 rue des Tilleuls", "street: {fr: 12 rue des Tilleuls, "
                                                  "en: 12 rue des Tilleuls}")
    base = write_project(tmp_path / "base", CONFIG, residence + outage)
    head = write_project(tmp_path / "head", CONFIG, (residence + outage).replace(
        "en: The part is ordered.}", "en: The part has been ordered., ar: تم طلب القطعة.}").replace(
        "en: Hall B}", "en: Building B lobby}").replace("en: 12 rue des Tilleuls}", "en: 12 Tilleuls street}"))
    result = CliRunner().invoke(main, ["diff", str(base), str(head)])
    assert result.exit_code == 0, result.output
    for said in ("- Adresse — rue : traduction modifiée \\(en\\)\n",
                 "- Ascenseur du bâtiment A : nouvelle du jeudi 26 novembre 2026 : traduction modifiée \\(en\\) ; "
                 "traduction ajoutée \\(ar\\)\n",
                 "- Gardien — horaires, lieu « Hall B » : traduction modifiée \\(en\\)\n"):
        assert said in result.output, (said, result.output)


# --- In the browser --------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def multilingual_url(multilingual_site: Path, serve) -> str:  # type: ignore[no-untyped-def]
    return serve(multilingual_site) + "/"


@pytest.mark.browser
def test_no_page_of_any_language_asks_for_a_file_that_is_not_there(  # type: ignore[no-untyped-def]
        browser, multilingual_url: str) -> None:
    """Pages carry alternates (the feed, the page in each language): Material's bundle used to fetch a
    ``sitemap.xml`` beside each of them, a 404 in the console of every page (``publish.alternate_links``)."""
    page = browser.new_context().new_page()
    missing: list[str] = []
    errors: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for path in ("les-tilleuls/", "les-tilleuls/en/gardien/", "les-tilleuls/ar/", "en/"):
        page.goto(multilingual_url + path, wait_until="networkidle")
        assert page.locator('link[rel="alternate"]').count() >= 3  # the feed and the other languages
    page.context.close()
    assert (missing, errors) == ([], [])


@pytest.mark.browser
def test_axe_finds_nothing_on_any_page_of_any_language(browser, multilingual_site: Path,  # type: ignore[no-untyped-def]
                                                       multilingual_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    found = {}
    paths = page_paths(multilingual_site)
    assert any(p.startswith("les-tilleuls/ar/") for p in paths) and "ar/" in paths
    for path in paths:
        page.goto(multilingual_url + path, wait_until="load")
        found[path] = axe_violations(page)
    context.close()
    assert {path: v for path, v in found.items() if v} == {}
    assert errors == []


@pytest.mark.browser
def test_every_page_of_every_language_reflows_at_320px_from_the_moment_it_loads(  # type: ignore[no-untyped-def]
        browser, multilingual_site: Path, multilingual_url: str) -> None:
    """WCAG 1.4.10 in each language, read as soon as the page has loaded. A right-to-left page's closed menu
    waits right of the screen: it showed there for a quarter second after the page started (its hiding was
    delayed for the slide-out, from the start too), then an element past the screen's right edge."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2)
    page = context.new_page()
    problems: list[str] = []
    for path in page_paths(multilingual_site):
        page.goto(multilingual_url + path, wait_until="load")
        page.evaluate(LAYOUT_JS)
        problems += [f"/{path}: {p}" for p in page.evaluate("__rhChecks.overflow()")]
        if page.locator(".md-sidebar--primary").count():
            shown = page.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility")
            problems += [f"/{path}: le menu fermé est visible"] if shown != "hidden" else []
    drawer_opens_and_hides_again = []
    page.goto(multilingual_url + "les-tilleuls/ar/contacts/", wait_until="networkidle")
    for _ in range(2):
        page.locator('.md-header__button[for="__drawer"]').click()
        page.wait_for_timeout(400)  # Material's slide-in transition
        drawer_opens_and_hides_again.append(page.locator(".md-nav--primary a[href]").first.is_visible())
        page.keyboard.press("Escape")
        page.wait_for_timeout(400)
        drawer_opens_and_hides_again.append(page.locator(".md-nav--primary a[href]").first.is_visible())
    context.close()
    assert problems == []
    assert drawer_opens_and_hides_again == [True, False, True, False]


def test_every_page_of_every_language_is_valid_html_for_the_w3c_checker(multilingual_site: Path) -> None:
    java = shutil.which("java")
    assert java and VNU_JAR.is_file()
    files = [str(p) for p in sorted(multilingual_site.rglob("*.html"))]
    run = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages] == []


@pytest.mark.browser
def test_the_switcher_lands_on_the_same_page_and_the_choice_is_remembered(  # type: ignore[no-untyped-def]
        browser, multilingual_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(multilingual_url + "les-tilleuls/gardien/")
    page.get_by_role("navigation", name="Langues").get_by_role("link", name="English").click()
    page.wait_for_url("**/les-tilleuls/en/gardien/")
    assert page.locator("h1").inner_text() == "Your caretaker"
    # Back on the address of the hall's QR code, the tenant lands in the language they chose.
    page.goto(multilingual_url + "les-tilleuls/")
    page.wait_for_url("**/les-tilleuls/en/")
    assert page.evaluate("localStorage.getItem('residence-hub-language')") == "en"
    assert context.cookies() == []
    page.get_by_role("navigation", name="Languages").get_by_role("link", name="العربية").click()
    page.wait_for_url("**/les-tilleuls/ar/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.get_by_role("navigation", name="اللغات").get_by_role("link", name="Français").click()
    page.wait_for_url("**/les-tilleuls/")
    page.goto(multilingual_url + "les-tilleuls/contacts/")
    assert page.url.endswith("/les-tilleuls/contacts/")  # French chosen: no more redirection
    context.close()


@pytest.mark.browser
def test_the_remembered_language_keeps_the_place_on_the_page(  # type: ignore[no-untyped-def]
        browser, multilingual_url: str) -> None:
    """A link to a notice (« /les-tilleuls/#avis-… »: the French calendar's and feed's, one a neighbour shares)
    sent a tenant who chose English to the top of the English home page: the redirection dropped the fragment,
    though each notice has the same anchor in every language."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(multilingual_url + "les-tilleuls/en/")
    anchor = page.locator(".rh-notice[id]").first.get_attribute("id")
    page.evaluate("localStorage.setItem('residence-hub-language', 'en')")
    page.goto(multilingual_url + f"les-tilleuls/#{anchor}")
    page.wait_for_url(f"**/les-tilleuls/en/#{anchor}")
    context.close()


@pytest.mark.browser
def test_a_tenant_who_chose_english_can_read_the_french_law_pages(  # type: ignore[no-untyped-def]
        browser, multilingual_url: str) -> None:
    """The remembered language sent a tenant from the accessibility statement, in French only, to
    « /en/accessibilite/ »: a missing page, for every footer's link once English was chosen."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(multilingual_url + "les-tilleuls/")
    page.get_by_role("navigation", name="Langues").get_by_role("link", name="English").click()
    page.wait_for_url("**/les-tilleuls/en/")
    page.get_by_role("link", name="Accessibility: not compliant").click()
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.url == multilingual_url + "accessibilite/"
    assert page.locator("h1").inner_text() == "Déclaration d'accessibilité"
    page.get_by_role("navigation", name="Langues").get_by_role("link", name="English").click()
    page.wait_for_url(multilingual_url + "en/")  # no English statement: the index in English
    context.close()


@pytest.mark.browser
def test_the_presence_sentence_is_written_in_the_page_language(browser, multilingual_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id="Europe/Paris")
    page = context.new_page()
    page.clock.set_fixed_time("2026-12-02T09:00:00+01:00")
    page.goto(multilingual_url + "les-tilleuls/en/")
    assert page.locator("[data-rh-status]").inner_text() == "Open now"
    assert page.locator("[data-rh-next-text]").inner_text() == "Today, 08:30 to 12:00"
    page.goto(multilingual_url + "les-tilleuls/ar/")
    assert page.locator("[data-rh-status]").inner_text() == "مفتوح الآن"
    context.close()


@pytest.mark.browser
def test_the_replacement_s_number_follows_the_language_s_comma(  # type: ignore[no-untyped-def]
        browser, multilingual_site: Path, multilingual_url: str) -> None:
    """« البديل: Sophie Martin، 06 98 76 54 32 »: the replacement and their number were joined by a Latin
    comma on every Arabic page that says an absence (the caretaker's, the contacts, the home page's script)
    and in the Arabic calendar, where the catalogs join them as each language writes it."""
    for path in ("les-tilleuls/ar/gardien/index.html", "les-tilleuls/ar/contacts/index.html"):
        said = re.sub(r"<[^>]+>", "", re.search(r"البديل:.*?</(?:p|li)>", (multilingual_site / path).read_text(
            encoding="utf-8"), re.S)[0])
        assert "Sophie Martin، 06 98 76 54 32." in said, (path, said)
    calendar = (multilingual_site / "les-tilleuls/ar/calendrier.ics").read_text(encoding="utf-8")
    assert "Sophie Martin، \u206606 98 76 54 32\u2069" in calendar.replace("\r\n ", "").replace("\\,", ",")  # isolated
    english = (multilingual_site / "les-tilleuls/en/gardien/index.html").read_text(encoding="utf-8")
    assert re.search(r"Replaced by: (<span[^>]*>)?Sophie Martin(</span>)?, <a", english)
    context = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id="Europe/Paris")
    page = context.new_page()
    page.clock.set_fixed_time("2026-12-23T09:00:00+01:00")  # during the absence: the script says it
    seen = []
    for path in ("les-tilleuls/ar/", "les-tilleuls/en/"):
        page.goto(multilingual_url + path)
        seen.append(page.locator("[data-rh-absence]").inner_text())
    context.close()
    assert seen[0].endswith("البديل: Sophie Martin، 06 98 76 54 32."), seen
    assert seen[1].endswith("Replaced by: Sophie Martin, 06 98 76 54 32."), seen


@pytest.mark.browser
def test_a_number_or_an_address_in_staff_text_is_a_link_read_in_its_order(  # type: ignore[no-untyped-def]
        browser, serve, tmp_path: Path) -> None:
    """A phone number typed in a notice, an answer or a note was plain text: no « tap to call » as every other
    number of the pages has (test_accessibility's rule), and on an Arabic page its groups were drawn right to
    left (« 22 11 20 48 01 »). Numbers and e-mail addresses in staff text are now tel: and mailto: links,
    the number marked left-to-right; a link staff made, code and what is no phone number stay as typed."""
    from test_accessibility import _UnlinkedContacts, _without_scripts

    body = ("\n    body:\n      fr: Appelez le 01 48 20 11 22 ou écrivez à loge@example.org.\n"
            "      ar: اتصلوا بالرقم 01 48 20 11 22 أو اكتبوا إلى loge@example.org للمزيد.\n")
    residence = RESIDENCE.replace("    until: 2026-12-10\n    level: warning\n    body:\n"
                                  "      fr: Jeudi 3 décembre, de 9h à 12h.\n"
                                  "      en: Thursday 3 December, 9 am to 12 noon.\n",
                                  "    until: 2026-12-10\n    level: warning" + body)
    residence = residence.replace("note: Donnez votre **numéro de contrat**.",
                                  "note: Donnez votre **numéro de contrat** au `0 969 32 00 00` ou au 09.69.32.00.00.")
    assert residence.count("loge@example.org") == 2 and "09.69" in residence
    root = write_project(tmp_path / "project", CONFIG, residence)
    site = tmp_path / "site"
    build_site(load_project(root), site, SAMPLE_TODAY)
    unlinked = []
    for path in ("les-tilleuls/", "les-tilleuls/ar/", "les-tilleuls/en/", "les-tilleuls/qui-appeler/",
                 "les-tilleuls/ar/qui-appeler/"):
        parser = _UnlinkedContacts()
        parser.feed(_without_scripts((site / path / "index.html").read_text(encoding="utf-8")))
        unlinked += [f"/{path}: {x}" for x in parser.found]
    assert unlinked == []
    note = (site / "les-tilleuls/qui-appeler/index.html").read_text(encoding="utf-8")
    assert '<code>0 969 32 00 00</code>' in note and 'href="tel:+33969320000">09.69.32.00.00</a>' in note
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(serve(site) + "/les-tilleuls/ar/", wait_until="load")
    link = page.locator('.rh-notice a[href="tel:+33148201122"]')
    assert link.get_attribute("dir") == "ltr"
    first_and_last = link.evaluate("""a => { const text = a.firstChild, range = document.createRange();
        const at = (i) => { range.setStart(text, i); range.setEnd(text, i + 2); return range.getBoundingClientRect().left; };
        return [at(0), at(text.length - 2)]; }""")
    assert page.locator('.rh-notice a[href="mailto:loge@example.org"]').count() == 1
    page.close()
    assert first_and_last[0] < first_and_last[1], "« 01 » drawn right of « 22 »"


@pytest.mark.browser
def test_the_hall_screen_clock_says_the_date_as_the_build_does_in_each_language(  # type: ignore[no-untyped-def]
        browser, serve, six_language_site: Path) -> None:
    """hall.js wrote French dates from a table of its own and other languages' from the browser's formats:
    « Tuesday, December 1, 2026 » in English, where the page beside it says « 1 December »."""
    base = serve(six_language_site) + "/les-tilleuls/"
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, timezone_id="America/New_York")
    page = context.new_page()
    page.clock.set_fixed_time("2026-12-01T09:05:00+01:00")
    for code, folder in (("fr", ""), ("en", "en/"), ("ar", "ar/"), ("pt", "pt/"), ("tr", "tr/"), ("es", "es/")):
        page.goto(base + folder + "ecran/")
        expected = i18n.long_date(date(2026, 12, 1), code, with_year=True)
        expected = expected[:1].upper() + expected[1:]
        assert page.locator("[data-rh-clock]").inner_text() == f"{expected} · 09:05", code
    assert expected == "Martes, 1 de diciembre de 2026"
    page.goto(base + "ecran/")
    assert page.locator("[data-rh-clock]").inner_text() == "Mardi 1er décembre 2026 · 09:05"
    context.close()


PLACES = RESIDENCE.replace("close: 12h}", "close: 12h, place: RDC du bâtiment A}\n    - {days: [sat], open: 10h, "
                            "close: 11h, place: Hall du bâtiment B}") + "waste:\n  - {kind: Verre, days: [wed]}\n"


@pytest.fixture(scope="module")
def places_url(tmp_path_factory: pytest.TempPathFactory, serve) -> str:  # type: ignore[no-untyped-def]
    root = write_project(tmp_path_factory.mktemp("places") / "project", CONFIG, PLACES)
    build_site(load_project(root), root.parent / "site", SAMPLE_TODAY)
    return serve(root.parent / "site") + "/les-tilleuls/"


def test_a_place_ends_the_presence_sentence_as_typed_and_marked() -> None:
    """The place's first letter was lowered whatever it was (« RDC » became « rDC »), and a place shown in the
    default language on another language's page was not marked in the sentence."""
    from generator.outputs.presence import Presence

    acronym = LocalText({"fr": "RDC du bâtiment A"}, "fr")
    assert Presence(date(2026, 12, 2), time(8, 30), time(12), acronym).sentence(date(2026, 12, 2)) == \
        "Aujourd'hui de 8h30 à 12h, RDC du bâtiment A"
    hall = LocalText({"fr": "Hall du bâtiment B"}, "fr")
    assert Presence(date(2026, 12, 2), time(8, 30), time(12), hall).sentence(date(2026, 12, 2), "en") == \
        "Today, 08:30 to 12:00, hall du bâtiment B"
    assert Presence(date(2026, 12, 2), time(8, 30), time(12), hall).sentence(date(2026, 12, 2), "ar") == \
        "اليوم من 08:30 إلى 12:00، hall du bâtiment B"  # Arabic's comma
    assert i18n.lowercased_first("Idare ofisi", "tr") == "ıdare ofisi"
    assert i18n.lowercased_first("B", "fr") == "B" and i18n.lowercased_first("SAS d'entrée", "fr") == "SAS d'entrée"
    assert i18n.lowercased_first("İdare ofisi", "tr") == "idare ofisi"


@pytest.mark.browser
def test_scripts_mark_what_they_write_in_the_default_language(browser, places_url: str) -> None:  # type: ignore[no-untyped-def]
    """presence.js and hall.js wrote the caretaker's name, the place and the collections as plain text: the
    <span lang="fr"> the build gave them on an English page was lost once the script ran."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, timezone_id="Europe/Paris")
    page = context.new_page()
    page.clock.set_fixed_time("2026-12-02T09:00:00+01:00")  # a Wednesday: the loge is open, glass collected
    page.goto(places_url + "en/")
    said = page.locator("[data-rh-next-text]")
    assert said.inner_text() == "Today, 08:30 to 12:00, RDC du bâtiment A"
    assert said.evaluate("e => e.innerHTML") == 'Today, 08:30 to 12:00, <span lang="fr">RDC du bâtiment A</span>'
    page.goto(places_url + "ar/")
    assert "12:00، <span" in page.locator("[data-rh-next-text]").evaluate("e => e.innerHTML")
    page.goto(places_url + "en/ecran/")
    assert page.locator('[data-rh-waste="0"] li').evaluate("e => e.outerHTML") == '<li lang="fr">Verre</li>'
    page.clock.set_fixed_time("2026-12-23T09:00:00+01:00")  # away: the replacement's name
    page.goto(places_url + "en/")
    away = page.locator("[data-rh-absence]").evaluate("e => e.innerHTML")
    assert '<strong><span lang="fr">Fatima Benali</span> is away until ' in away, away
    assert '<span lang="fr">Sophie Martin</span>' in away, away
    page.goto(places_url + "ar/")
    away = page.locator("[data-rh-absence]").evaluate("e => e.innerHTML")
    assert '<span lang="fr" dir="ltr">Fatima Benali</span>' in away, away
    # the replacement's number in a right-to-left page: its digit groups kept in order, as the build does
    assert '<a class="rh-phone" dir="ltr" href="tel:+33698765432">06 98 76 54 32</a>' in away, away
    context.close()


# --- The documentation ----------------------------------------------------------------------------------

@pytest.mark.parametrize("doc", ["README.md", "CONTRIBUTING.md"])
def test_the_documented_examples_validate(tmp_path: Path, doc: str) -> None:
    """The YAML examples of the languages sections are valid for a site in fr, en and ar."""
    text = (REPO / doc).read_text(encoding="utf-8")
    section = text.split("## Languages" if doc == "README.md" else "## Traduire", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    residence = RESIDENCE.split("caretaker:")[0] + (blocks[1] if doc == "README.md" else blocks[0])
    if doc == "README.md":
        assert blocks[0].startswith("languages: [fr, en, ar]")
    project = load_project(write_project(tmp_path, residence=residence))
    notice = project.residences[0].residence.notices[0]
    assert notice.title.translations["ar"] == "انقطاع الماء الساخن"
    assert "pybabel init -i messages.pot -l uk -o generator/outputs/locales/uk.po" in text or doc != "README.md"


# --- Search -----------------------------------------------------------------------------------------------

def test_the_search_index_holds_the_other_forms_of_each_word() -> None:
    from generator.publish.search_terms import forms

    assert forms("<p>La Chaudière et les chaudières des réseaux</p>") == ("chaudieres", "reseaux")
    # « chaudiere », « reseau » and « réseau » start a word above: a query finds the words it starts.
    assert forms("Électricité") == ("electricites", "électricités")  # « electricite » starts the first
    # Arabic: no Latin plural; without the article (« مرجل » finds « المرجل »: a query starts a word), and
    # with hamza, alif maqsura and ta marbuta written as phones often type them.
    assert forms("المرجل الرئيسية") == ("الرييسية", "الرييسيه", "رئيسية", "رييسية", "رييسيه", "مرجل")
    assert forms("وصلة الإسعاف للسكان") == ("إسعاف", "اسعاف", "الاسعاف", "سكان", "وصله")
    assert forms("ألم الماء") == ("ماء",)  # three letters are left of « الماء »; « الم » (« ألم ») starts « الماء »
    assert forms("أمن ولد") == ("امن",)  # a short Arabic word has its plain form too: the query is written plain
    assert forms("Tous les mois, amicale3 à 8h30") == ()  # no « touss », « moiss », « amicale3s », « 8h30s »


def test_letters_phones_type_as_plain_letters_are_folded_too() -> None:
    """« Œ » has no accent to drop (nor « æ », « ß », Turkish « ı », « ł », « ø »): the index held no
    « coeur » for « Cœur de ville », no « ariza » for « Arıza », so the way phones type them found nothing."""
    from generator.publish.search_terms import forms

    found = forms("Résidence Cœur de Ville, les Œillets : Arıza durumunda ; Straße, Łódź, Ærøskøbing")
    for plain in ("coeur", "oeillets", "ariza", "strasse", "lodz", "aeroskobing"):  # a query finds what it starts
        assert any(form.startswith(plain) for form in found), (plain, found)


def test_a_french_plural_in_aux_and_its_singular_find_each_other() -> None:
    """« local » found nothing on a page saying « Locaux vélos », nor « travail » beside « Travaux dans le hall »,
    nor « baux » beside « votre bail »: French writes the plural of a word in « -al » (and of seven in « -ail »)
    « -aux », and the index's forms only added or took off an « s » or an « x » (« locau », « locals »)."""
    from generator.publish.search_terms import forms

    for text, typed in (("Travaux dans les locaux vélos", ("travail", "local")),
                        ("Le local poubelles, le canal, le journal général", ("locaux", "canaux", "journaux",
                                                                              "généraux", "generaux")),
                        ("Votre bail", ("baux",)), ("Les baux", ("bail",))):
        found = forms(text)
        for word in typed:
            assert any(form.startswith(word) for form in found), (text, word, found)
    assert not any(form.startswith("portaux") for form in forms("Le portail"))  # « portails »: not one of the seven


def test_a_turkish_capital_dotted_i_is_found_as_turkish_writes_it_in_lower_case() -> None:
    """« İletişim » (contact) is « i̇letişim » in lower case to Python and to the search's JavaScript: an « i » and
    a combining dot above. A Turkish tenant typing « iletişim » (its lower case, with its « ş ») found nothing on
    the page so headed: the index held only that dotted form and « iletisim », without accents."""
    from generator.publish.search_terms import forms

    found = forms("İletişim · Ajansınızı İzmir'de arayın")
    for typed in ("iletişim", "iletisim", "ajansınızı", "izmir"):
        assert any(form.startswith(typed) for form in found), (typed, found)
    assert not any("\u0307" in form for form in found), found



def test_a_turkish_capital_dotless_i_is_found_as_turkish_writes_it_in_lower_case() -> None:
    """« Isıtma » (heating) is « ısıtma » in Turkish lower case, but « isıtma » to the search's JavaScript: a
    Turkish tenant typing « ısıtma » found nothing on the page that says it. The Turkish pages' index holds
    their words in Turkish lower case too; other languages' pages get no such form (« ınformations »)."""
    from generator.publish.search_terms import forms

    found = forms("Isıtma arızası · Işıklar", "tr")
    for typed in ("ısıtma", "ışıklar", "isitma"):
        assert any(form.startswith(typed) for form in found), (typed, found)
    assert forms("Informations importantes", "fr") == forms("Informations importantes")
    assert not any(form.startswith("ı") for form in forms("Informations importantes", "fr"))
    from generator.publish.search_index import index_json, page_entries

    entries = page_entries("", "Ana sayfa", "<h1>Ana sayfa</h1><h2 id=\"ariza\">Isıtma arızası</h2>")
    for language, held in (("tr", True), ("fr", False)):  # the index knows its pages' language
        docs = json.loads(index_json({"lang": [language]}, entries))["docs"]
        assert any(form.startswith("ısıtma") for form in docs[1]["forms"].split()) is held, docs


def test_an_arabic_word_is_found_without_its_article_as_it_is_written() -> None:
    """« حارسة » (caretaker, its ta marbuta as written) found nothing on a page saying « الحارسة », nor « رئيسية »
    (with its hamza) on one saying « الرئيسية », nor « إسعاف » beside « الإسعاف »: the forms without the article
    were only those with the alike letters written alike (« حارسه », « رييسيه », « اسعاف »), and a query typed as
    the word is written starts none of them. Each word's form without its article is now kept as written too
    (vowel marks dropped), beside the plainer one."""
    from generator.publish.search_terms import forms

    found = forms("الحارسة الرئيسية الإسعاف وصلة المرجل")
    for typed in ("حارسة", "حارسه", "رئيسية", "رييسيه", "إسعاف", "اسعاف", "مرجل", "وصله", "الحارسه"):
        assert any(form.startswith(typed) for form in found), (typed, found)
    # A word with a vowel mark, or a French word decomposed (« e » then U+0300), was split at its mark.
    assert "حارسة" in forms("الحارِسة")
    assert any(form.startswith("chaudière") for form in forms("La chaudie\u0300re")), forms("La chaudie\u0300re")


@pytest.mark.browser
def test_ligatures_and_dotless_i_are_found_as_typed_on_a_phone(browser, tmp_path: Path, serve) -> None:  # type: ignore[no-untyped-def]
    """« coeur » finds « Résidence Cœur de Ville » in the landlord index's filter and in the site's search,
    and « ajansiniz » finds the Turkish pages' « Ajansınız » (your agency)."""
    root = write_project(tmp_path / "project", CONFIG.replace("[fr, en, ar]", "[fr, tr]").replace(
        ", en: North agency, ar: وكالة الشمال", "").replace(", en: Monday to Friday", "").replace(
        "  - q: {fr: Comment payer mon loyer ?, en: How do I pay my rent?, ar: كيف أدفع الإيجار؟}\n"
        "    a: {fr: Par prélèvement., en: By direct debit.}\n", "  - {q: Comment payer ?, a: Par prélèvement.}\n"),
        RESIDENCE.split("caretaker:")[0].replace("Résidence Les Tilleuls", "Résidence Cœur de Ville"))
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    url = serve(tmp_path / "site") + "/"
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(url, wait_until="networkidle")
    page.get_by_label("Rechercher votre résidence").fill("coeur de ville")
    assert page.locator("#rh-filter-status").inner_text() == "1 résidence trouvée."
    for path, query, title in (("les-tilleuls/", "coeur", "Accueil"),  # the home page, which names the residence
                               ("les-tilleuls/tr/", "ajansiniz", "Ajansınız")):
        page.goto(url + path, wait_until="networkidle")
        box = page.locator("input.md-search__input")
        box.press_sequentially(query, delay=20)
        page.locator(".md-search-result__item :is(h1, h2)", has_text=title).first.wait_for(timeout=15000)
    page.context.close()


@pytest.mark.browser
def test_turkish_search_finds_a_capital_dotted_i_typed_either_way(browser, six_language_site: Path, serve) -> None:  # type: ignore[no-untyped-def]
    """On the Turkish pages, « iletişim » (as Turkish writes « İletişim » in lower case) found nothing, and
    « İzinli » (capital first, as a phone may type it) nothing either, where the page says « izinli »: the
    search writes « İ » in lower case as « i » and a combining dot, which no word of the index started with."""
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(serve(six_language_site) + "/les-tilleuls/tr/", wait_until="networkidle")
    box = page.locator("input.md-search__input")
    for query in ("iletişim", "İletişim", "İzinli"):
        box.fill("")
        box.press_sequentially(query, delay=20)
        page.locator(".md-search-result__item h1", has_text="İletişim").first.wait_for(timeout=15000)
    page.context.close()


@pytest.mark.browser
def test_french_search_folds_accents_and_plurals(browser, multilingual_url: str) -> None:  # type: ignore[no-untyped-def]
    """Typed in the search box as a tenant types: each finds the page whose heading says « Chaudière »."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(multilingual_url + "les-tilleuls/", wait_until="networkidle")
    box = page.locator("input.md-search__input")
    for query in ("Chaudière", "chaudières", "chaudiere", "CHAUDIERES"):
        box.fill("")
        box.press_sequentially(query, delay=20)
        page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('1')")
        titles = page.locator(".md-search-result__item h2").all_inner_texts()
        assert "Chaudière" in titles, (query, titles)
    context.close()


@pytest.mark.browser
def test_arabic_search_finds_an_arabic_word_of_the_page(browser, multilingual_url: str) -> None:  # type: ignore[no-untyped-def]
    """Typed in the Arabic pages' search box: the Arabic heading « المرجل » (boiler) is found, as a Latin
    word is (it used to leave the results at « type to start searching »), and so it is typed without its
    article (« مرجل », which found nothing: a query finds the words it starts)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(multilingual_url + "les-tilleuls/ar/", wait_until="networkidle")
    box = page.locator("input.md-search__input")
    for query in ("المرجل", "مرجل"):
        box.fill("")
        box.press_sequentially(query, delay=20)
        page.locator(".md-search-result__item h2", has_text="المرجل").first.wait_for(timeout=15000)
        titles = page.locator(".md-search-result__item h2").all_inner_texts()
        assert "المرجل" in titles, (query, titles)
    context.close()


@pytest.mark.browser
def test_an_arabic_word_written_with_its_letters_is_found_without_its_article(  # type: ignore[no-untyped-def]
        browser, multilingual_url: str) -> None:
    """« حارسة » (its ta marbuta as written, without the article) found nothing on the pages of « الحارسة »."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(multilingual_url + "les-tilleuls/ar/", wait_until="networkidle")
    page.locator("input.md-search__input").press_sequentially("حارسة", delay=20)
    page.locator(".md-search-result__item :is(h1, h2)", has_text="الحارسة").first.wait_for(timeout=15000)
    context.close()


@pytest.mark.browser
def test_an_arabic_query_with_a_hamza_or_a_vowel_mark_the_page_lacks_finds_it(  # type: ignore[no-untyped-def]
        browser, multilingual_url: str) -> None:
    """« ألحارسة » (a hamza on the article, a common spelling) and « الحارِسة » (a vowel mark) found nothing on
    the pages of « الحارسة »: the index held the page's spelling and the plain one, and a query typed
    otherwise started neither. The query is now searched with its Arabic letters written plain; the box
    keeps what was typed."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(multilingual_url + "les-tilleuls/ar/", wait_until="networkidle")
    box = page.locator("input.md-search__input")
    for query in ("ألحارسة", "الحارِسة", "الحارسة"):
        box.fill("")
        box.press_sequentially(query, delay=20)
        page.locator(".md-search-result__item :is(h1, h2)", has_text="الحارسة").first.wait_for(timeout=15000)
        assert box.input_value() == query
    context.close()


@pytest.mark.browser
def test_a_number_in_an_arabic_search_result_reads_in_its_order(browser, multilingual_url: str) -> None:  # type: ignore[no-untyped-def]
    """The index's text is plain: the caretaker's « 01 48 20 11 22 », dir="ltr" on the page, lost its
    isolation there, and an Arabic page's search result drew its groups right to left (« 22 11 20 48 01 »).
    What the page isolates keeps Unicode's isolates in the index, at which Material's worker splits words:
    a Latin name marked so is still found."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(multilingual_url + "les-tilleuls/ar/", wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.press_sequentially("Fatima", delay=20)
    page.locator(".md-search-result__item mark").first.wait_for(timeout=15000)
    drawn = page.evaluate("""() => {
        const out = [], range = document.createRange();
        for (const article of document.querySelectorAll(".md-search-result__article")) {
          const walk = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            const i = n.data.indexOf("01 48 20 11 22");
            if (i < 0) continue;
            const box = (k) => { range.setStart(n, i + k); range.setEnd(n, i + k + 2); return range.getBoundingClientRect(); };
            const first = box(0), last = box(12);
            if (first.top === last.top) out.push(first.left < last.left);
          }
        }
        return out; }""")
    context.close()
    assert drawn and all(drawn), drawn


@pytest.mark.browser
def test_the_404_page_says_it_in_each_language_of_the_site_and_leads_to_its_list(  # type: ignore[no-untyped-def]
        browser, serve, make_project, multilingual_site: Path, tmp_path: Path) -> None:
    """What static hosts serve for any address that leads nowhere said Material's « 404 - Not found », in
    English on a page marked French (or Arabic, its default language first), titled by the site's name
    alone, with no element for the skip link to reach. It is now in the default language, titled so, and
    leads to the list of residences; then it says the same in each other language of the site (one page
    serves every address: a tenant who reads little French came there from the English pages too), each
    part marked with its language and direction and leading to that language's list. A language stored by
    the switcher no longer sends the tenant from it to that language's list, which hid that the address led
    nowhere."""
    arabic = tmp_path / "arabic-site"
    build_site(load_project(make_project(SITE_CONFIG + "languages: [ar, fr]\n")), arabic, SAMPLE_TODAY)
    expected = {multilingual_site: ("fr", "Page introuvable", "Toutes les résidences Habitat Test",
                                    [("en", "ltr", "Page not found", "All Habitat Test residences", "/en/"),
                                     ("ar", "rtl", "الصفحة غير موجودة", "جميع إقامات Habitat Test", "/ar/")]),
                arabic: ("ar", "الصفحة غير موجودة", "جميع إقامات Habitat Test",
                         [("fr", "ltr", "Page introuvable", "Toutes les résidences Habitat Test", "/fr/")])}
    page = browser.new_page(viewport={"width": 320, "height": 640})
    for site, (language, heading, link, others) in expected.items():
        url = serve(site)
        page.goto(url + "/404.html", wait_until="load")
        assert page.locator("html").get_attribute("lang") == language
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert page.title().startswith(heading + " - ")
        said = page.locator("#contenu h2").evaluate_all(
            "all => all.map(h => [h.closest('[lang]').lang, h.closest('[dir]').dir, h.innerText])")
        assert said == [[code, direction, words] for code, direction, words, _, _ in others]
        for code, _, _, words, address in others:
            assert page.get_by_role("link", name=words, exact=True).get_attribute("href") == address
            assert page.get_by_role("link", name=words, exact=True).evaluate("a => a.closest('[lang]').lang") == code
        page.get_by_role("link", name=link, exact=True).click()
        page.wait_for_load_state()
        assert page.url == url + "/"
        page.evaluate(f"localStorage.setItem('residence-hub-language', '{others[0][0]}')")
        page.goto(url + "/404.html", wait_until="load")
        page.wait_for_timeout(500)  # page-setup.js, deferred, would have left by now
        assert page.url == url + "/404.html"
        page.evaluate("localStorage.clear()")
        page.goto(url + "/404.html", wait_until="load")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "contenu"
        assert axe_violations(page) == []
    page.close()


# --- Posters ----------------------------------------------------------------------------------------------

def test_the_poster_s_caretaker_heading_is_french_as_its_other_words(make_project) -> None:  # type: ignore[no-untyped-def]
    """With English first the poster said « Your caretaker » among « Horaires de la loge », « Urgences »…;
    with Arabic first « الحارس في إقامتكم », drawn unshaped and left to right (only the foot is shaped)."""
    from conftest import RESIDENCE as PLAIN
    from generator.outputs.context import ResidenceContext
    from generator.outputs.poster_words import poster_text

    for languages, title, heading in (("[en, fr]", "{en: keeper, fr: gardienne}", "Votre gardienne"),
                                      ("[ar, fr]", "{ar: الحارسة, fr: gardienne}", "Votre gardienne"),
                                      ("[en]", "keeper", "Votre gardien"), ("[fr, en]", "gardienne", "Votre gardienne")):
        root = make_project(site_config=SITE_CONFIG + f"languages: {languages}\n",
                            test=PLAIN + f"caretaker:\n  name: Karim Benali\n  title: {title}\n")
        project = load_project(root)
        text = poster_text(ResidenceContext.of(project, project.residences[0], SAMPLE_TODAY))
        assert text.caretaker_title == heading, (languages, text.caretaker_title)


def test_posters_say_in_each_language_that_the_site_exists_in_it(multilingual_site: Path) -> None:
    import unicodedata

    from pypdf import PdfReader

    for name in ("les-tilleuls-affiche-a4.pdf", "les-tilleuls-flyer-a5.pdf"):
        reader = PdfReader(multilingual_site / "les-tilleuls" / "affiche" / name)
        text = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
        assert "Votre gardienne" in text
        assert "This site in English" in text and "residences.example.org/les-tilleuls/en/" in text
        assert "residences.example.org/les-tilleuls/ar/" in text
        # HarfBuzz's joined forms, read back as letters: the Arabic phrase, whole (visual order reversed).
        letters = "".join(c for c in text if "\u0600" <= c <= "\u06ff")
        assert "هذاالموقعبالعربية" in letters or "هذاالموقعبالعربية"[::-1] in letters, letters
        assert "Information for residents" not in text  # the fixed line is for one-language sites


ARABIC_NOTICE = RESIDENCE.replace("      en: Thursday 3 December, 9 am to 12 noon.\n",
                                  "      en: Thursday 3 December, 9 am to 12 noon.\n"
                                  "      ar: اتصلوا بالحارسة على 01 48 20 11 22 عند الحاجة.\n")

VISUAL_ORDER = """t => { const d = document.createElement('div'); d.style.cssText = 'unicode-bidi:plaintext;white-space:pre';
  d.textContent = t; document.body.append(d); const out = [];
  for (let i = 0; i < t.length; i++) { const r = document.createRange(); r.setStart(d.firstChild, i);
    r.setEnd(d.firstChild, i + 1); const box = r.getBoundingClientRect(); if (box.width) out.push([box.left, t[i]]); }
  d.remove(); return out.sort((a, b) => a[0] - b[0]).map(x => x[1]).join(''); }"""
"""The characters of a line of plain text as a screen shows them, left to right: its direction from its first
strong letter, as a phone's calendar or contacts app sets a text's (Unicode's bidirectional algorithm, ICU)."""


def _arabic_plain_texts(tmp_path: Path) -> list[str]:
    """The Arabic calendar's and caretaker card's texts holding a number, as icalendar and vobject read them."""
    import icalendar
    import vobject

    root = write_project(tmp_path / "project", residence=ARABIC_NOTICE)
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    folder = tmp_path / "site" / "les-tilleuls" / "ar"
    events = icalendar.Calendar.from_ical((folder / "calendrier.ics").read_bytes()).walk("VEVENT")
    described = [str(e["DESCRIPTION"]) for e in events if "DESCRIPTION" in e and re.search(r"\d\d \d\d", e["DESCRIPTION"])]
    note = vobject.readOne((folder / "gardien.vcf").read_text(encoding="utf-8")).note.value
    return [*described, note.splitlines()[0]]


def test_numbers_and_hours_in_arabic_calendars_and_cards_are_isolated_left_to_right(tmp_path: Path) -> None:
    """In an Arabic line of plain text, Unicode's bidirectional algorithm draws « 01 48 20 11 22 » as « 22 11 20
    48 01 » and « 08:30-12:00 » as « 12:00-08:30 »: the pages mark them ``dir="ltr"``, the calendar's
    descriptions and the contact card's note now isolate them (LRI … PDI), as the search index does."""
    texts = _arabic_plain_texts(tmp_path)
    assert texts == ["الهاتف: \u206601 48 20 11 22\u2069", "البديل: Sophie Martin، \u206606 98 76 54 32\u2069",
                     "اتصلوا بالحارسة على \u206601 48 20 11 22\u2069 عند الحاجة.",
                     "الاثنين: \u206608:30-12:00\u2069"], texts
    french = (tmp_path / "site" / "les-tilleuls" / "calendrier.ics").read_text(encoding="utf-8")
    assert "\u2066" not in french and "Téléphone\u00a0: 01 48 20 11 22" in french  # left to right: nothing to isolate


def test_an_arabic_calendar_s_number_and_card_s_hours_are_drawn_in_their_order(browser, tmp_path: Path) -> None:
    """The same texts drawn by Chromium (ICU, as phones draw them): each number and span in its order."""
    page = browser.new_page()
    drawn = [page.evaluate(VISUAL_ORDER, text) for text in _arabic_plain_texts(tmp_path)]
    page.close()
    numbers = ("01 48 20 11 22", "06 98 76 54 32", "01 48 20 11 22", "08:30-12:00")
    assert len(drawn) == len(numbers) and all(number in line for number, line in zip(numbers, drawn)), drawn


ARABIC_IN_FRENCH = """\
name: Résidence Les Tilleuls
address: {street: 12 rue des Tilleuls, postcode: 93200, city: Saint-Denis}
agency: nord
caretaker:
  name: Karim Benali
  hours:
    - {days: [mon], open: 8:30, close: 12h}
  absences:
    - {from: 2026-12-22, to: 2027-01-02, replacement: {name: فاطمة بن علي, phone: 06 98 76 54 32}}
notices:
  - {title: Coupure d'eau, from: 2026-12-01, until: 2026-12-10, body: اتصلوا بالحارس على 01 48 20 11 22 عند الحاجة.}
"""


def test_a_number_beside_arabic_words_in_a_french_calendar_is_drawn_in_its_order(browser, tmp_path: Path) -> None:
    """A French site's text may be Arabic (a notice for the residence's Arabic-speaking tenants, a replacement's
    name): its numbers are drawn backwards in a line of plain text as in an Arabic calendar, « 32 54 76 98 06 »
    after « فاطمة بن علي », and are isolated likewise; lines without right-to-left letters are unchanged."""
    import icalendar

    root = write_project(tmp_path / "project", config=SITE_CONFIG, residence=ARABIC_IN_FRENCH)
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    events = icalendar.Calendar.from_ical((tmp_path / "site" / "les-tilleuls" / "calendrier.ics").read_bytes())
    described = [str(e["DESCRIPTION"]) for e in events.walk("VEVENT") if "DESCRIPTION" in e]
    assert described == ["Remplacement\u00a0: فاطمة بن علي, \u206606 98 76 54 32\u2069",
                         "اتصلوا بالحارس على \u206601 48 20 11 22\u2069 عند الحاجة."], described
    page = browser.new_page()
    drawn = [page.evaluate(VISUAL_ORDER, text) for text in described if "\u2066" in text]
    page.close()
    assert len(drawn) == 2 and "06 98 76 54 32" in drawn[0] and "01 48 20 11 22" in drawn[1], drawn


ARABIC_PLACES = RESIDENCE.replace("  - title: مرحبا بكم في الإقامة\n", "  - title: مرحبا بكم في الإقامة\n"
                                  "    buildings: [A]\n").replace(
    "name: Résidence Les Tilleuls\n", "name: {fr: Résidence Les Tilleuls, ar: إقامة الزيزفون}\n")


def _arabic_places(tmp_path: Path) -> list[str]:
    """The Arabic microsite's plain texts that put an Arabic name or place before the residence's Latin address:
    the calendar's locations (the caretaker's office, a notice's building), the manifest's and the home page's
    descriptions, as icalendar, json and an HTML parser read them."""
    import icalendar

    root = write_project(tmp_path / "project", residence=ARABIC_PLACES)
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    folder = tmp_path / "site" / "les-tilleuls" / "ar"
    events = icalendar.Calendar.from_ical((folder / "calendrier.ics").read_bytes()).walk("VEVENT")
    located = sorted({str(e["LOCATION"]) for e in events if "LOCATION" in e})
    manifest = json.loads((folder / "manifest.webmanifest").read_text(encoding="utf-8"))["description"]
    home = (folder / "index.html").read_text(encoding="utf-8")
    meta = re.search(r'<meta name="description" content="([^"]*)"', home)
    assert meta, "no description on the Arabic home page"
    return [*located, manifest, html.unescape(meta[1])]


def test_a_latin_address_after_arabic_words_in_plain_text_is_isolated(tmp_path: Path) -> None:
    """« مكتب المبنى A, 12 rue des Tilleuls, 93200 Saint-Denis »: in a line whose first letter is Arabic, the bidi
    algorithm draws the street number at the far end of the Latin words (« rue des Tilleuls, 93200 Saint-Denis
    12 »). The pages mark the address ``dir="ltr"``; the calendar's location, the manifest's and the pages'
    descriptions isolate it (FSI … PDI), in its own direction whatever script it is written in."""
    texts = _arabic_places(tmp_path)
    assert len(texts) == 4, texts
    assert all("\u206812 rue des Tilleuls, 93200 Saint-Denis\u2069" in text for text in texts), texts
    # and joined with the Arabic comma, as the catalog's other phrases: « مكتب المبنى A, » had a Latin one
    assert all("\u060c \u2068" in text and ", \u2068" not in text for text in texts), texts
    import icalendar

    french = icalendar.Calendar.from_ical((tmp_path / "site" / "les-tilleuls" / "calendrier.ics").read_bytes())
    located = {str(e["LOCATION"]) for e in french.walk("VEVENT") if "LOCATION" in e}
    assert located == {"Loge du bâtiment A, 12 rue des Tilleuls, 93200 Saint-Denis",  # nothing to isolate
                       "Bâtiment A, 12 rue des Tilleuls, 93200 Saint-Denis"}, located


def test_a_latin_address_after_arabic_words_is_drawn_in_its_order(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The same texts drawn by Chromium: the address reads « 12 rue des Tilleuls, 93200 Saint-Denis », whole, on the
    left of the comma and of the Arabic words before it (a right-to-left line's first words are on the right); the
    building's letter stays with its Arabic words (« A, 12 rue… » before)."""
    page = browser.new_page()
    drawn = [page.evaluate(VISUAL_ORDER, text) for text in _arabic_places(tmp_path)]
    page.close()
    assert len(drawn) == 4 and all("12 rue des Tilleuls, 93200 Saint-Denis \u060c" in line for line in drawn), drawn


ARABIC_EMAILS = RESIDENCE.replace("  phone: 01 48 20 11 22\n", "  phone: 01 48 20 11 22\n  email: 93.loge@example.org\n", 1).replace(
    "      en: Thursday 3 December, 9 am to 12 noon.\n",
    "      en: Thursday 3 December, 9 am to 12 noon.\n      ar: اكتبوا إلى 93.loge@example.org للمساعدة.\n")


def test_an_e_mail_address_in_an_arabic_page_is_marked_left_to_right(tmp_path: Path) -> None:
    """« 93.loge@example.org » in an Arabic page was drawn « loge@example.org.93 »: phone numbers were marked
    ``dir="ltr"``, e-mail addresses (the caretaker's, or one typed in a notice) were not, nor isolated in the
    Arabic calendar's descriptions."""
    import icalendar

    root = write_project(tmp_path / "project", residence=ARABIC_EMAILS)
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    folder = tmp_path / "site" / "les-tilleuls" / "ar"
    link = '<a class="rh-email" dir="ltr" href="mailto:93.loge@example.org">93.loge@example.org</a>'
    assert link in (folder / "gardien" / "index.html").read_text(encoding="utf-8")
    assert link in (folder / "index.html").read_text(encoding="utf-8")
    events = icalendar.Calendar.from_ical((folder / "calendrier.ics").read_bytes()).walk("VEVENT")
    assert "اكتبوا إلى \u206693.loge@example.org\u2069 للمساعدة." in [str(e.get("DESCRIPTION")) for e in events]


def test_an_e_mail_address_in_an_arabic_sentence_is_drawn_in_its_order(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The Arabic page's notice drawn by Chromium: the address reads as typed."""
    root = write_project(tmp_path / "project", residence=ARABIC_EMAILS)
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    page = browser.new_page()
    page.goto((tmp_path / "site" / "les-tilleuls" / "ar" / "index.html").as_uri())
    drawn = page.evaluate("""() => { const link = [...document.querySelectorAll('a')].find(a => a.href.endsWith('93.loge@example.org'));
        const n = link.firstChild, out = [];
        for (let i = 0; i < n.data.length; i++) { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
          out.push([r.getBoundingClientRect().left, n.data[i]]); }
        return out.sort((a, b) => a[0] - b[0]).map(x => x[1]).join(''); }""")
    page.close()
    assert drawn == "93.loge@example.org", drawn


@pytest.mark.browser
def test_the_landlord_index_finds_an_arabic_name_typed_as_phones_type_it(  # type: ignore[no-untyped-def]
        browser, tmp_path: Path, serve) -> None:
    """The Arabic landlord index's filter found « إقامة الزيزفون » from « إقامة » only: typed without its hamza
    (« اقامة ») or with « ه » for its ta marbuta (« اقامه »), as on most phones, it found nothing, though the
    site's search finds them (``search_terms``)."""
    root = write_project(tmp_path / "project", residence=ARABIC_PLACES)
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    page = browser.new_page()
    page.goto(serve(tmp_path / "site") + "/ar/", wait_until="networkidle")
    box = page.locator("#rh-filter")
    for typed in ("إقامة", "اقامة", "اقامه الزيزفون", "زيزفون", "إقامَة"):
        box.fill(typed)
        assert page.locator("#rh-filter-status").inner_text() == "وُجدت إقامة واحدة.", typed
    page.close()


NUMBERED_TITLE = RESIDENCE + "  - {title: 3 ascenseurs en panne, from: 2026-12-01, until: 2026-12-10}\n"


def _numbered_titles(tmp_path: Path) -> list[str]:
    """The Arabic calendar's event and feed's entry for a notice typed in French only, whose title starts with
    a number, as icalendar and feedparser read them."""
    import feedparser
    import icalendar

    root = write_project(tmp_path / "project", residence=NUMBERED_TITLE)
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    folder = tmp_path / "site" / "les-tilleuls" / "ar"
    events = icalendar.Calendar.from_ical((folder / "calendrier.ics").read_bytes()).walk("VEVENT")
    entries = feedparser.parse((folder / "avis.xml").read_bytes()).entries
    return [*(str(e["SUMMARY"]) for e in events if "ascenseurs" in str(e["SUMMARY"])),
            *(e.title for e in entries if "ascenseurs" in e.title)]


def test_a_latin_title_in_an_arabic_calendar_or_feed_is_isolated(tmp_path: Path) -> None:
    """« معلومة: 3 ascenseurs en panne » (a notice typed in French only, in the Arabic calendar and feed) was drawn
    « ascenseurs en panne 3 :معلومة »: the number left its words. A staff value put into our sentences of plain
    text is isolated (FSI … PDI) where the line is right to left, as the pages' ``dir`` marks it."""
    titles = _numbered_titles(tmp_path)
    assert titles == ["معلومة: \u20683 ascenseurs en panne\u2069"] * 2, titles
    french = (tmp_path / "site" / "les-tilleuls" / "calendrier.ics").read_text(encoding="utf-8")
    assert "SUMMARY:Information\u00a0: 3 ascenseurs en panne" in french  # left to right throughout: unchanged


def test_a_latin_title_in_an_arabic_calendar_is_drawn_in_its_order(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    drawn = [page.evaluate(VISUAL_ORDER, text) for text in _numbered_titles(tmp_path)]
    page.close()
    assert len(drawn) == 2 and all(line.startswith("3 ascenseurs en panne") for line in drawn), drawn


def test_a_name_beginning_with_a_number_is_isolated_in_the_arabic_card_and_feed_title(tmp_path: Path) -> None:
    """« 3F Les Tilleuls » (a landlord's name begins so) typed in French only: the Arabic caretaker card's title
    and the feed's title (also every page's feed link) put it into an Arabic sentence as it was, drawn with the
    « 3 » apart from its letters."""
    import feedparser
    import vobject

    root = write_project(tmp_path / "project", residence=RESIDENCE.replace("name: Résidence Les Tilleuls",
                                                                           "name: 3F Les Tilleuls"))
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    folder = tmp_path / "site" / "les-tilleuls" / "ar"
    card = vobject.readOne((folder / "gardien.vcf").read_text(encoding="utf-8"))
    assert card.title.value == "الحارسة، \u20683F Les Tilleuls\u2069", card.title.value
    feed = feedparser.parse((folder / "avis.xml").read_bytes())
    assert feed.feed.title.endswith(": \u20683F Les Tilleuls\u2069"), feed.feed.title


def test_an_agency_s_hours_in_french_are_isolated_in_the_arabic_agency_card(tmp_path: Path) -> None:
    """« الاستقبال: 9 h à 12 h, du lundi au vendredi » (the agency's hours typed in French only) was drawn « h à
    12 h, du lundi au vendredi 9 :الاستقبال » in the Arabic agency card's note: the « 9 » apart from its words."""
    import vobject

    root = write_project(tmp_path / "project", CONFIG.replace("hours: {fr: Du lundi au vendredi, en: Monday to Friday}",
                                                              "hours: '9 h à 12 h, du lundi au vendredi'"))
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    card = vobject.readOne((tmp_path / "site" / "les-tilleuls" / "ar" / "agence.vcf").read_text(encoding="utf-8"))
    assert card.note.value == "الاستقبال: \u20689 h à 12 h, du lundi au vendredi\u2069", card.note.value


def test_a_one_day_notice_s_date_begins_with_a_capital_in_every_language(tmp_path: Path) -> None:
    """Portuguese writes « Le %(day)s » as the date alone, and CLDR's weekdays in lower case: the notice's line
    began « quarta-feira, 2 de dezembro » on the page, the hall screen and in the feed. A sentence begins with a
    capital in every language that has them."""
    import feedparser

    residence = RESIDENCE + "  - {title: {fr: Réunion, pt: Reunião}, from: 2026-12-02, until: 2026-12-02}\n"
    root = write_project(tmp_path / "project", CONFIG.replace("[fr, en, ar]", "[fr, en, ar, pt]"), residence)
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    folder = tmp_path / "site" / "les-tilleuls" / "pt"
    for page in (folder / "index.html", folder / "ecran" / "index.html"):
        dates = re.findall(r'<p class="rh-notice__dates">([^<]*)</p>', page.read_text(encoding="utf-8"))
        assert "Quarta-feira, 2 de dezembro" in dates, (page, dates)
    summaries = [e.summary for e in feedparser.parse((folder / "avis.xml").read_bytes()).entries]
    assert any(s.startswith("Quarta-feira, 2 de dezembro de 2026") for s in summaries), summaries


PLACE_WITH_A_NUMBER = RESIDENCE.replace("    - {days: [mon, tue, wed, thu, fri], open: 8:30, close: 12h}\n",
                                        "    - {days: [mon, tue, wed, thu, fri], open: 8:30, close: 12h, "
                                        "place: 3 allée des Roses}\n")


def test_a_place_in_an_arabic_card_s_hours_is_drawn_in_its_order(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The contact card's note puts each slot's place after its hours: a place written left to right (in the
    default language, on the Arabic card) was not isolated as the hours beside it are, and « 3 allée des Roses »
    after Arabic words was drawn « allée des Roses 3 »."""
    import vobject

    root = write_project(tmp_path / "project", residence=PLACE_WITH_A_NUMBER)
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    folder = tmp_path / "site" / "les-tilleuls"
    note = vobject.readOne((folder / "ar" / "gardien.vcf").read_text(encoding="utf-8")).note.value.splitlines()[0]
    assert note == "الاثنين: \u206608:30-12:00\u2069 (\u20683 allée des Roses\u2069)", note
    page = browser.new_page()
    drawn = page.evaluate(VISUAL_ORDER, note)
    page.close()
    assert "3 allée des Roses" in drawn and "08:30-12:00" in drawn, drawn


def test_a_notice_or_an_outage_has_the_same_anchor_in_every_language(six_language_site: Path) -> None:
    """A notice's anchor was named from its title in the page's language: « Coupure d'eau chaude » translated,
    the English page said ``#avis-…-fce01c7a`` where the French said ``#avis-…-5be06d9c``, so a link shared from
    one language, or followed with another language stored (page-setup.js keeps the ``#``), landed at the top of
    the page. It is named from the default language's texts; the feeds and calendars link the same anchors."""
    import feedparser
    from icalendar import Calendar

    folder = six_language_site / "les-tilleuls"
    found = {}
    for language in ("", "en/", "ar/", "pt/", "tr/", "es/"):
        page = (folder / language / "index.html").read_text(encoding="utf-8")
        ids = re.findall(r'id="((?:avis|panne)-[^"]+)"', page)
        feed = {e.link.split("#")[1] for e in feedparser.parse((folder / language / "avis.xml").read_bytes()).entries}
        events = Calendar.from_ical((folder / language / "calendrier.ics").read_bytes()).walk("VEVENT")
        calendar = {str(e["URL"]).split("#")[1] for e in events if "#" in str(e.get("URL", ""))}
        assert feed <= set(ids) and calendar <= set(ids), (language, ids, feed, calendar)
        found[language] = ids
    assert any(i.startswith("avis-") for i in found[""]) and any(i.startswith("panne-") for i in found[""])
    assert all(ids == found[""] for ids in found.values()), found


LISTS_BOTH_WAYS = RESIDENCE.split("caretaker:")[0] + """\
notices:
  - title: Travaux
    from: 2026-12-01
    until: 2026-12-10
    body: |
      Au programme :

      - la chaufferie du bâtiment A ;
      - la toiture.

      > Merci de votre patience.
  - title: {fr: Avis, ar: إعلان}
    from: 2026-12-01
    until: 2026-12-10
    body: |
      برنامج الأشغال:

      - غرفة الغلايات
      - السطح

      > شكرا لصبركم.
"""

LIST_SIDES = """() => [...document.querySelectorAll('article :is(ul, ol):not([class]) > li, article blockquote')].map(e => {
  const s = getComputedStyle(e), rtl = s.direction === 'rtl', box = e.tagName === 'LI' ? 'margin' : 'border';
  const at = side => parseFloat(s[box + side + (box === 'border' ? 'Width' : '')]);
  const [start, end] = rtl ? [at('Right'), at('Left')] : [at('Left'), at('Right')];
  return start > 0 && end === 0 ? '' : `${e.tagName} ${s.direction} « ${e.textContent.trim().slice(0, 20)} »: ${box} au début ${start}, à la fin ${end}`;
}).filter(Boolean)"""
"""Every list item (of a list staff typed or of a law page: ours have a class) and quote whose indent (an item's margin, where its bullet hangs) or bar (a
quote's border) is not on the side its own text starts from, with its direction."""


@pytest.mark.browser
def test_a_list_or_a_quote_in_the_other_direction_than_its_page_is_indented_from_its_own_start(  # type: ignore[no-untyped-def]
        browser, tmp_path: Path) -> None:
    """A French text on an Arabic page (a notice not translated, typed in French, the law pages) and an Arabic text on
    a French page are marked with their own ``dir``, but Material sets the indents of lists and quotes by the page's
    (``[dir=rtl] .md-typeset ul li``): the French list's bullets hung out at the left edge of its box, its quote's bar
    stood at its right, and the law pages of a site in Arabic first scrolled sideways at 320 px."""
    root = write_project(tmp_path / "project", CONFIG.split("agencies:")[0].replace("[fr, en, ar]", "[ar, fr]")
                         + "agencies:\n  nord: {name: Agence Nord}\n", LISTS_BOTH_WAYS)
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    page = browser.new_page(viewport={"width": 320, "height": 640})
    found, sides = {}, {}
    for path in ("les-tilleuls/index.html", "les-tilleuls/fr/index.html", "accessibilite/index.html"):
        page.goto((tmp_path / "site" / path).as_uri())
        sides[path] = page.evaluate("() => [...document.querySelectorAll('article ul:not([class]) > li')]"
                                    ".map(li => getComputedStyle(li).direction)")
        page.evaluate(LAYOUT_JS)
        found[path] = page.evaluate(LIST_SIDES) + page.evaluate("__rhChecks.overflow()")
    page.close()
    assert {"ltr", "rtl"} <= set(sides["les-tilleuls/index.html"]) and {"ltr", "rtl"} <= set(sides["les-tilleuls/fr/index.html"])
    assert "ltr" in sides["accessibilite/index.html"], sides
    assert found == {path: [] for path in found}, found


ARABIC_ADDRESSES = "زوروا https://www.example.org/les-tilleuls/. أو <https://www.example.org/a/> (https://x.fr/0148201122)"


def test_a_web_address_in_a_text_is_marked_left_to_right_as_phones_and_e_mails_are() -> None:
    """« https://www.example.org/a/ » in an Arabic sentence was drawn « /https://www.example.org/a »: its last
    « / » took the sentence's direction. Phone numbers and e-mail addresses were marked ``dir="ltr"``, web
    addresses (typed bare, or as a link whose words are the address) were not, nor isolated in an Arabic
    calendar; a number inside an address was made a phone link."""
    from generator.outputs.sanitize import markdown_to_html, plain_text

    assert str(markdown_to_html(ARABIC_ADDRESSES)) == (
        '<p>زوروا <span dir="ltr">https://www.example.org/les-tilleuls/</span>. أو <a dir="ltr" '
        'href="https://www.example.org/a/">https://www.example.org/a/</a> (<span dir="ltr">https://x.fr/0148201122</span>)</p>')
    assert plain_text(ARABIC_ADDRESSES, "https://residences.example.org/", isolated=True) == (
        "زوروا \u2066https://www.example.org/les-tilleuls/\u2069. أو \u2066https://www.example.org/a/\u2069 "
        "(\u2066https://x.fr/0148201122\u2069)")
    assert str(markdown_to_html("[https://a.fr/](https://a.fr/) et [le site](https://a.fr/)")) == (
        '<p><a dir="ltr" href="https://a.fr/">https://a.fr/</a> et <a href="https://a.fr/">le site</a></p>')


def test_a_web_address_in_an_arabic_sentence_is_drawn_in_its_order(browser) -> None:  # type: ignore[no-untyped-def]
    from generator.outputs.sanitize import markdown_to_html

    page = browser.new_page()
    page.set_content(f'<html lang="ar" dir="rtl"><body>{markdown_to_html(ARABIC_ADDRESSES)}</body></html>')
    drawn = page.evaluate("""() => [...document.querySelectorAll('[dir=ltr]')].map(e => { const n = e.firstChild, out = [];
        for (let i = 0; i < n.data.length; i++) { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
          out.push([r.getBoundingClientRect().left, n.data[i]]); }
        return out.sort((a, b) => a[0] - b[0]).map(x => x[1]).join(''); })""")
    page.close()
    assert drawn == ["https://www.example.org/les-tilleuls/", "https://www.example.org/a/", "https://x.fr/0148201122"]


def test_the_calendar_says_the_language_of_a_waste_note_shown_in_the_default_one(tmp_path: Path) -> None:
    """A waste collection's note in French only went into the Arabic and English calendars' description with
    nothing saying its language, where a notice's body there says LANGUAGE=fr (and the pages lang="fr")."""
    import icalendar

    residence = RESIDENCE.split("notices:")[0] + (
        "waste:\n"
        "  - {kind: {fr: Encombrants, en: Bulky waste}, days: [mon], note: Sortez-les la veille au soir.}\n"
        "  - {kind: Verre, days: [tue], note: {fr: Dans la borne., en: In the bin., ar: في الحاوية.}}\n")
    build_site(load_project(write_project(tmp_path / "project", residence=residence)), tmp_path / "site", SAMPLE_TODAY)
    found = {}
    for folder in ("", "en", "ar"):
        calendar = icalendar.Calendar.from_ical((tmp_path / "site" / "les-tilleuls" / folder / "calendrier.ics").read_bytes())
        found[folder] = sorted((str(e["DESCRIPTION"])[:12], e["DESCRIPTION"].params.get("LANGUAGE"))
                               for e in calendar.walk("VEVENT") if str(e.get("DESCRIPTION"))[:3] in ("Sor", "Dan", "In ", "في "))
    assert found == {"": [("Dans la born", None), ("Sortez-les l", None)],
                     "en": [("In the bin.", None), ("Sortez-les l", "fr")],
                     "ar": [("Sortez-les l", "fr"), ("في الحاوية.", None)]}, found


def test_a_name_written_the_other_way_is_isolated_in_the_page_s_title(tmp_path: Path) -> None:
    """A page's ``<title>`` (the browser's tab, a shared link, the history) is « page - residence » in plain text:
    an Arabic name « إقامة 3F » after English words was drawn « 3 ةماقإF » (Chromium), its « 3 » apart from its
    letters. The name is isolated (FSI … PDI) when written the other way than the page, as the feed's and the
    cards' titles isolate it, on the hall screen's title too."""
    root = write_project(tmp_path / "project", residence=RESIDENCE.replace(
        "name: Résidence Les Tilleuls", "name: {fr: 3F Les Tilleuls, en: إقامة 3F}"))
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    folder = tmp_path / "site" / "les-tilleuls"
    titles = {path: re.search(r"<title>(.*?)</title>", (folder / path / "index.html").read_text(encoding="utf-8"))[1]
              for path in ("ar/contacts", "en/contacts", "contacts", "ar", "ar/ecran")}
    assert titles == {"ar/contacts": "جهات الاتصال - \u20683F Les Tilleuls\u2069",
                      "en/contacts": "Contacts - \u2068إقامة 3F\u2069",
                      "contacts": "Contacts - 3F Les Tilleuls", "ar": "3F Les Tilleuls",
                      "ar/ecran": "شاشة المدخل · \u20683F Les Tilleuls\u2069"}, titles
