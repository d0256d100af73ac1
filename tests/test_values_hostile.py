"""Hostile or careless values: refused with a French message at the value's line, never changed in silence.

The character rule is checked on every text field the models have, found by walking the models (a field
added tomorrow is covered without editing this file).
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any, Iterator

import pytest
import segno
import yaml
from conftest import SITE_CONFIG
from pydantic import BaseModel

from generator.contract.model import Residence, SiteConfig
from generator.contract.project import load_project
from generator.contract.slugs import slug_problem
from generator.contract.values import (
    MAX_BASE_URL_LENGTH,
    MAX_SLUG_LENGTH,
    MAX_URL_LENGTH,
    QR_MAX_VERSION,
    date_from_epoch,
    parse_base_url,
    parse_date,
    parse_email,
    parse_markdown,
    parse_phone,
    parse_text,
    parse_url,
)
from generator.errors import UserError


def refusal(parse: Any, value: str) -> tuple[str, str]:
    with pytest.raises(ValueError) as info:
        parse(value)
    return str(info.value), getattr(info.value, "hint", "")


# --- characters ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x1f", "\r", "\x7f", "\x85", "\x9b", "\ud800", "\udfff",
                                  "\ufffe", "\uffff", "\U0010ffff", "\ufdd0", "\u2028", "\u202e", "\u2066",
                                  "\u200b", "\u2060", "\ufeff"])
def test_invisible_characters_are_refused_in_every_kind_of_text(char: str) -> None:
    for parse in (parse_text, parse_markdown):
        message, hint = refusal(parse, f"Les Tilleuls{char}")
        assert message == f"caractère invisible U+{ord(char):04X} non permis, après « Les Tilleuls »"
        assert hint.startswith("il vient souvent d'un copier-coller")


def test_newline_and_tab_only_in_markdown() -> None:
    assert refusal(parse_text, "Les\nTilleuls")[0] == "retour à la ligne non permis ici, après « Les »"
    assert refusal(parse_text, "\tLes Tilleuls")[0] == "tabulation non permise ici"
    assert parse_markdown("Ligne 1\n\tsuite\n") == "Ligne 1\n\tsuite\n"
    # Joiners, soft hyphens and no-break spaces are ordinary typography: kept.
    assert parse_text("Saint\u00a0Denis\u00ad\u200d") == "Saint\u00a0Denis\u00ad\u200d"


@pytest.mark.parametrize("typed", ["\u00ad", "\u200e", " \u200f ", "\u200d\u200c", "\u034f", "\u3164", "\u2800",
                                   "\ufe0f", "\u00a0\u00ad\u202f"])
def test_a_text_that_shows_nothing_is_refused_as_empty(typed: str) -> None:
    """A soft hyphen, a left-to-right mark or a joiner pasted alone passed « ne doit pas être vide » (``strip``
    leaves them), and a blank name, title or heading reached the pages, the calendar and the feed."""
    codes = ", ".join(sorted({f"U+{ord(char):04X}" for char in typed if not char.isspace()}))
    for parse in (parse_text, parse_markdown):
        message, hint = refusal(parse, typed)
        assert message == f"ne doit pas être vide : ce texte ne contient que des caractères qui ne s'affichent pas " \
                          f"({codes})"
        assert hint == "écrivez la valeur après « : », ou retirez la ligne si elle est facultative"
    assert refusal(parse_text, " \u00a0 ")[0] == "ne doit pas être vide"


@pytest.mark.parametrize("typed", ["<!-- à compléter -->", "<b></b>", "[](https://exemple.fr/)", "&nbsp;", "&shy;",
                                   "&zwj;&lrm;", "```\n\n```", "> ", "#  ", "*<!-- -->*\n\n<span lang=\"ar\"></span>"])
def test_a_markdown_text_that_shows_nothing_once_rendered_is_refused_as_empty(typed: str) -> None:
    """A comment left in, empty formatting, an empty link or a character reference that draws nothing
    validated, and the page showed an empty answer or notice (an empty link, which a screen reader reads as
    « lien » alone, for « [](https://…) »)."""
    message, hint = refusal(parse_markdown, typed)
    assert message == "ne doit pas être vide : une fois mis en forme, ce texte ne montre rien"
    assert hint == "écrivez la valeur après « : », ou retirez la ligne si elle est facultative"


def test_a_markdown_text_showing_something_or_told_by_a_warning_is_kept() -> None:
    """What shows a word is kept, however little; what the page leaves out (an image, a <div>) keeps its own
    warning (``markup.unpublished``): not refused here."""
    for text in ("a<!-- note -->", "**A**", "[plan](https://exemple.fr/)", "`x`", "&amp;", "1. a", "----",
                 "![plan](https://exemple.fr/p.png)", "<div></div>"):
        assert parse_markdown(text) == text


def test_other_value_types_check_characters_before_stripping() -> None:
    """str.strip() removes U+001C…U+001F: the check runs on the value as typed."""
    assert refusal(parse_date, "2026-12-03\x1f")[0].startswith("caractère invisible U+001F")
    assert refusal(parse_phone, "01 48 20 11 22\x1c")[0].startswith("caractère invisible U+001C")


@pytest.mark.parametrize(("reference", "code"), [("&#1;", 0x1), ("&#x1F;", 0x1F), ("&#13;", 0xD), ("&#x85;", 0x85),
                                                 ("&#x202E;", 0x202E), ("&#8232;", 0x2028), ("&ZeroWidthSpace;", 0x200B),
                                                 ("&NoBreak;", 0x2060), ("&#xFFFE;", 0xFFFE), ("&#xffff;", 0xFFFF),
                                                 ("&#xFDD0;", 0xFDD0)])
def test_a_character_reference_in_markdown_is_refused_like_the_character_it_writes(reference: str, code: int) -> None:
    """Rendered, « &#1; » is the character U+0001 (invalid in the Atom feed, where it made the whole file
    unreadable), « &#x202E; » turns the text around: refused as if typed, the reference shown."""
    message, hint = refusal(parse_markdown, f"Eau coupée {reference} demain")
    assert message == f"caractère invisible U+{code:04X} non permis, écrit « {reference} »"
    assert hint.startswith("il vient souvent d'un copier-coller")


def test_character_references_of_ordinary_characters_or_in_code_are_kept() -> None:
    for text in ("Tom &amp; Jerry &eacute; &#233; &#x20AC; &nbsp; &lrm; &#9; &#10;", "Écrivez `&#1;` tel quel",
                 "    &#x202E; dans un bloc de code\n", "&#0; &#xD800; &#x110000; &bogus;"):
        assert parse_markdown(text) == text


def _leaves(annotation: Any, path: tuple[Any, ...], metadata: list[Any]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every scalar under ``annotation``, as (path, name of its parser); lists get item 0, dicts a key "k"."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        yield from _leaves(args[0], path, list(annotation.__metadata__))
    elif origin in (typing.Union, types.UnionType):
        for arg in args:
            if arg is not type(None):
                yield from _leaves(arg, path, metadata)
    elif origin is list:
        yield from _leaves(args[0], path + (0,), [])
    elif origin is dict:
        yield from _leaves(args[1], path + ("k",), [])
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, field in annotation.model_fields.items():
            yield from _leaves(field.annotation, path + (field.alias or name,), list(field.metadata))
    else:
        yield path, next((name for m in metadata if (name := getattr(getattr(m, "func", None), "__name__", ""))), "")


def _nest(path: tuple[Any, ...], value: str) -> Any:
    for part in reversed(path):
        value = [value] if isinstance(part, int) else {part: value}
    return value


PARSERS = [(model, path, parser) for model in (Residence, SiteConfig) for path, parser in _leaves(model, (), [])]
LEAVES = [(model, path, parser in ("parse_markdown", "parse_local_markdown")) for model, path, parser in PARSERS]
TEXT_LEAVES = [(model, path, parser) for model, path, parser in PARSERS
               if parser in ("parse_text", "parse_local_text", "parse_markdown", "parse_local_markdown")]
"""The fields of free text (one line, or Markdown), by language or not: the others parse their own form."""


def test_the_walk_finds_the_fields() -> None:
    names = {".".join(map(str, path)) for _, path, _ in LEAVES}
    assert {"name", "caretaker.hours.0.place", "notices.0.body", "agencies.k.email", "base_url",
            "accessibility.audit.by", "legal.host.website", "caretaker.absences.0.replacement.phone"} <= names
    assert len(LEAVES) > 80


def _problems(root: Path) -> list[Any]:
    with pytest.raises(UserError) as info:
        load_project(root)
    return info.value.problems


@pytest.mark.parametrize(("model", "path", "markdown"), LEAVES, ids=[".".join(map(str, p)) for _, p, _ in LEAVES])
def test_every_text_field_refuses_invisible_characters_at_its_line(make_project, model: type, path: tuple[Any, ...],
                                                                   markdown: bool) -> None:
    """A document holding only this field: among its errors (missing keys…), one at the field's last line."""
    for value, refused in (("x\x01y", True), ("x\ufffey", True), ("a\nb", not markdown), ("a\tb", not markdown)):
        text = yaml.safe_dump(_nest(path, "VALUE"), default_flow_style=False)
        line = text.splitlines().index(next(row for row in text.splitlines() if "VALUE" in row)) + 1
        text = text.replace("VALUE", json.dumps(value))  # a YAML double-quoted scalar with \u escapes
        kind = "site_config" if model is SiteConfig else "residence"
        root = make_project(**({"site_config": text} if kind == "site_config" else {"test": text}))
        file = "site_config.yml" if kind == "site_config" else "residences/test.yml"
        found = [p for p in _problems(root) if p.file == file and p.line == line and
                 (f"U+{ord(value[1]):04X}" in p.message or "retour à la ligne" in p.message
                  or "tabulation" in p.message)]
        assert bool(found) == refused, (path, value, text, [str(p) for p in _problems(root)])


@pytest.mark.parametrize(("model", "path", "parser"), TEXT_LEAVES, ids=[".".join(map(str, p)) for _, p, _ in TEXT_LEAVES])
def test_every_text_field_refuses_a_text_that_shows_nothing_at_its_line(make_project, model: type,
                                                                       path: tuple[Any, ...], parser: str) -> None:
    """A soft hyphen and a right-to-left mark alone: « ne doit pas être vide » at the field's line."""
    text = yaml.safe_dump(_nest(path, "VALUE"), default_flow_style=False)
    line = text.splitlines().index(next(row for row in text.splitlines() if "VALUE" in row)) + 1
    text = text.replace("VALUE", json.dumps("\u00ad\u200f"))
    kind = "site_config" if model is SiteConfig else "residence"
    root = make_project(**({"site_config": text} if kind == "site_config" else {"test": text}))
    file = "site_config.yml" if kind == "site_config" else "residences/test.yml"
    assert [p for p in _problems(root) if p.file == file and p.line == line and "ne doit pas être vide" in p.message
            and "(U+00AD, U+200F)" in p.message], (path, [str(p) for p in _problems(root)])


def test_an_invisible_character_in_a_key_is_refused_at_its_line(make_project) -> None:
    root = make_project(site_config=SITE_CONFIG + 'agencies2:\n  "no\\x01rd": {name: N}\n')
    assert [str(p) for p in _problems(root)] == [
        "site_config.yml:11: clé : caractère invisible U+0001 non permis, après « no »\n"
        "    → il vient souvent d'un copier-coller depuis un autre logiciel : effacez ce passage et retapez-le "
        "au clavier"]


def test_a_character_yaml_itself_refuses_is_reported_at_its_line(make_project) -> None:
    root = make_project(test="name: X\naddress: {street: s, postcode: '93200', city: c}\n\nagency: no\x00rd\n")
    assert [f"{p.file}:{p.line}: {p.message}" for p in _problems(root)] == [
        "residences/test.yml:4: caractère invisible U+0000 non permis dans le fichier"]


def test_invisible_characters_in_an_unknown_value_are_shown_as_code_points(make_project) -> None:
    root = make_project(test="name: X\naddress: {street: s, postcode: '93200', city: c}\nagency: nord\n"
                             'caretaker: {name: Y, mode: "resident\\x1b[2J"}\n')
    assert [p.message for p in _problems(root)] == ["caretaker.mode: valeur « residentU+001B[2J » non permise"]


# --- e-mail, phone, web address -----------------------------------------------------------------------

def test_email_with_a_query_or_headers_is_refused() -> None:
    message, hint = refusal(parse_email, "gardien?cc=x%40evil.example&subject=Loyer@habitat-exemple.fr")
    assert message == ("adresse e-mail « gardien?cc=x%40evil.example&subject=Loyer@habitat-exemple.fr » : "
                       "le caractère « ? » n'est pas accepté avant le @")
    assert hint.startswith("il ajouterait des destinataires ou un objet au message")
    for bad in ("gardien@habitat-exemple.fr?cc=x@evil.example", "Gardien <gardien@exemple.fr>",
                "mailto:gardien@exemple.fr", "gardien@localhost", "gardien@exemple", "gardien@@exemple.fr",
                "gérard@exemple.fr", "a@b.test", "gardien@exemple.fr, autre@exemple.fr"):
        assert refusal(parse_email, bad)[0].startswith("adresse e-mail"), bad
    assert refusal(parse_email, "a@exemple")[0] == ("adresse e-mail « a@exemple » invalide : il manque la fin du nom "
                                                    "de domaine, par exemple exemple.fr")


@pytest.mark.parametrize("typed, why", [
    ("gardien .tilleuls@exemple.fr", "elle contient une espace : retirez-la"),
    ("gardien\u00a0@exemple.fr", "elle contient une espace : retirez-la"),
    ("gardien@exemple.fr;autre@exemple.fr", "elle contient plusieurs @ (une seule adresse par ligne)"),
    ("gardien@@exemple.fr", "elle contient plusieurs @ (une seule adresse par ligne)"),
    ("gardien(at)exemple.fr", "il manque le @"),
    ("gérant@exemple.fr", "le caractère « é » n'est pas accepté avant le @ : écrivez la lettre sans accent"),
    ("gardien@exemple,fr", "une virgule dans le nom de domaine (après le @) : mettez un point"),
    ("gardien@habitat-exemple", "il manque la fin du nom de domaine, par exemple habitat-exemple.fr"),
    ("gardien@exemple.fr.", ""), ("mailto:gardien@exemple.fr", ""),
])
def test_an_address_typed_wrong_says_what_is_wrong_with_it(typed: str, why: str) -> None:
    """An address with a space, two @, an accent or a comma was « adresse e-mail « … » invalide » and no
    more: staff compared it letter by letter with the right one. The plain reason now follows; the rarer
    mistakes stay « invalide », with the hint. Found by typing the samples' addresses as staff do."""
    message, hint = refusal(parse_email, typed)
    assert message == f"adresse e-mail « {typed} » invalide" + (f" : {why}" if why else "")
    assert hint == "écrivez une seule adresse, par exemple gardien@exemple.fr, sans nom ni « mailto: »"


def test_ordinary_emails_are_kept_as_typed() -> None:
    for good in ("gardien@habitat-exemple.fr", "Jean.Dupont+loge@Sub.Exemple.fr", "o'brien@exemple.fr",
                 "accueil@mairie-évry.fr"):
        assert parse_email(good) == good


def test_a_phone_too_long_is_told_too_long() -> None:
    """A number of 41 digits or more was told « seuls des chiffres, espaces, points… sont acceptés », though
    it held nothing else: its length is what is refused. Found by pasting a long value in a sample."""
    message, _ = refusal(parse_phone, "0" * 41)
    assert message.endswith(" » trop long (41 caractères, 40 au plus)")
    message, _ = refusal(parse_phone, "01 48 20 11 22 poste 12345 (accueil du public)")
    assert message.endswith(" » trop long (46 caractères, 40 au plus)")


def test_phone_extension_is_carried_everywhere() -> None:
    for typed in ("06 12 34 56 78 poste 9", "06 12 34 56 78 ext. 9", "06.12.34.56.78 p. 9"):
        phone = parse_phone(typed)
        assert (phone.typed, phone.display, phone.tel) == (typed, "06 12 34 56 78 poste 9", "+33612345678;ext=9")


@pytest.mark.parametrize("typed", ["06 12 34 56 78 ext. 9;phone-context=evil", "06 12 34 56 78 x9",
                                   "06 12 34 56 78 (accueil)", "0800 FLEURS", "tel:0612345678",
                                   "06 12 34 56 78 poste", "01 48 20 11 22 poste 1234567"])
def test_phone_with_anything_else_is_refused_whole(typed: str) -> None:
    message, hint = refusal(parse_phone, typed)
    assert message == (f"numéro de téléphone « {typed} » : seuls des chiffres, espaces, points, tirets, parenthèses, "
                       "un + au début et un poste à la fin (« poste 12 ») sont acceptés")
    assert "01 48 20 11 22" in hint


@pytest.mark.parametrize("typed", ["148201122", "-148201122", "1 48 20 11 22", "33 1 48 20 11 22", "612345678"])
def test_a_phone_without_its_first_0_nor_a_country_code_is_refused_not_completed(typed: str) -> None:
    """« 148201122 » was shown « 01 48 20 11 22 »: a 0 added in silence (Excel drops it from a number; the
    import says so when it puts it back, the contract never guesses)."""
    message, hint = refusal(parse_phone, typed)
    assert message == (f"numéro de téléphone « {typed} » : il manque le 0 du début (ou l'indicatif du pays, "
                       "comme +33)")
    assert "01 48 20 11 22" in hint


@pytest.mark.parametrize(("typed", "display", "tel"), [
    ("0262 12 34 56", "0262 12 34 56", "+262262123456"), ("0692 12 34 56", "0692 12 34 56", "+262692123456"),
    ("0590 12 34 56", "0590 12 34 56", "+590590123456"), ("0694 12 34 56", "0694 12 34 56", "+594694123456"),
    ("+262 262 12 34 56", "0262 12 34 56", "+262262123456"), ("0696 12 34 56", "0696 12 34 56", "+596696123456")])
def test_numbers_of_the_overseas_departments_are_french_numbers(typed: str, display: str, tel: str) -> None:
    """A landlord in La Réunion or the Antilles types its numbers as every French number, with a 0: they
    were all « invalide (chiffre en trop ou en moins ?) »."""
    phone = parse_phone(typed)
    assert (phone.display, phone.tel) == (display, tel)


@pytest.mark.parametrize(("typed", "message"), [
    ("12", "numéro court « 12 » inconnu en France"),
    ("01 48 20 11", "numéro de téléphone « 01 48 20 11 » invalide (chiffre en trop ou en moins ?)"),
    ("+999 12", "numéro de téléphone « +999 12 » non reconnu")])
def test_a_phone_number_refused_gives_its_examples_as_the_hint_as_its_other_refusals_do(typed: str,
                                                                                        message: str) -> None:
    """A short number unknown, a number with a digit too many or too few, or one phonenumbers cannot read
    carried the examples inside the message, its hint empty (« "hint": "" » in validate --format json, no
    « → » line), unlike the other refusals of a number."""
    assert refusal(parse_phone, typed) == (message, "écrivez par exemple 01 48 20 11 22, 06 12 34 56 78, "
                                                    "+33 1 48 20 11 22 ou un numéro court comme 15")


def test_short_number_with_an_extension_is_refused() -> None:
    assert refusal(parse_phone, "15 poste 2")[0].startswith("numéro court « 15 poste 2 » inconnu en France")


@pytest.mark.parametrize(("url", "message"), [
    ("http://residences.exemple.fr/", "adresse du site « http://residences.exemple.fr/ » : elle doit commencer par "
                                      "https://"),
    ("https://residences.exemple.fr/?utm=poster", "adresse du site « https://residences.exemple.fr/?utm=poster » : "
                                                  "pas de paramètres (?…) dans cette adresse"),
    ("https://residences.exemple.fr/#haut", "adresse du site « https://residences.exemple.fr/#haut » : "
                                            "pas d'ancre (#…) dans cette adresse"),
    ("https://moi:secret@residences.exemple.fr/", "adresse du site « https://moi:secret@residences.exemple.fr/ » : "
                                                  "pas d'identifiant (…@) dans cette adresse"),
    ("https://résidences.fr/", "adresse du site « https://résidences.fr/ » invalide : seuls des lettres sans accent, "
                               "chiffres, points, tirets et barres obliques sont acceptés"),
    ("https://exemple.fr/a b/", "adresse du site « https://exemple.fr/a b/ » invalide : seuls des lettres sans "
                                "accent, chiffres, points, tirets et barres obliques sont acceptés"),
    # A port no site has is named (it was « seuls des lettres… », and « :99999 » too).
    ("https://exemple.fr:0/", "adresse du site « https://exemple.fr:0/ » invalide : le port « 0 » (après le « : ») "
                              "n'existe pas, un port est un nombre de 1 à 65535 : retirez « :0 », une adresse web "
                              "n'en a presque jamais"),
    ("https://exemple.fr:99999/", "adresse du site « https://exemple.fr:99999/ » invalide : le port « 99999 » (après "
                                  "le « : ») n'existe pas, un port est un nombre de 1 à 65535 : retirez « :99999 », "
                                  "une adresse web n'en a presque jamais"),
    ("https://exemple.fr/a/../b/", "adresse du site « https://exemple.fr/a/../b/ » invalide : seuls des lettres sans "
                                   "accent, chiffres, points, tirets et barres obliques sont acceptés"),
    ("javascript:alert(1)//https://x.fr", "adresse du site « javascript:alert(1)//https://x.fr » : elle doit "
                                          "commencer par https://"),
    # A bracket Python's URL parser takes for an IPv6 address: its English « Invalid IPv6 URL » was the message.
    ("https://[residences.exemple.fr/", "adresse du site « https://[residences.exemple.fr/ » invalide : seuls des "
                                        "lettres sans accent, chiffres, points, tirets et barres obliques sont acceptés"),
    ("https://residences]exemple.fr/", "adresse du site « https://residences]exemple.fr/ » invalide : seuls des "
                                       "lettres sans accent, chiffres, points, tirets et barres obliques sont acceptés"),
])
def test_base_url_is_a_plain_https_address(url: str, message: str) -> None:
    assert refusal(parse_base_url, url)[0] == message


@pytest.mark.parametrize(("url", "written"), [
    ("https://exemple.fr//residences/", "https://exemple.fr/residences/"),
    ("https://exemple.fr/residences//", "https://exemple.fr/residences/"),
    ("https://exemple.fr/a///b", "https://exemple.fr/a/b"),
])
def test_base_url_with_a_slash_typed_twice_is_refused_with_the_address_meant(url: str, written: str) -> None:
    """« https://exemple.fr/residences// » was taken as typed: every QR code held
    « https://exemple.fr/residences//les-tilleuls/ », an address with an empty folder that the site's own
    links never use and that hosts answer differently. It is refused, the hint giving the address meant."""
    message, hint = refusal(parse_base_url, url)
    assert message == f"adresse du site « {url} » : deux barres obliques (//) de suite dans le chemin"
    assert hint == f"écrivez {written}"


def test_base_url_leaves_room_for_the_longest_slug_in_the_qr_code() -> None:
    longest = "https://" + "r" * (MAX_BASE_URL_LENGTH - len("https://.fr/")) + ".fr/"
    assert len(longest) == MAX_BASE_URL_LENGTH and parse_base_url(longest) == longest
    assert parse_base_url(longest[:-1]) == longest[:-1]  # the "/" is added, and counted
    message, hint = refusal(parse_base_url, longest.replace(".fr/", ".fr/x"))
    assert message == (f"adresse du site trop longue pour le QR code des affiches ({MAX_BASE_URL_LENGTH + 2} "
                       f"caractères, maximum {MAX_BASE_URL_LENGTH})")
    assert f"({MAX_SLUG_LENGTH} caractères au plus)" in hint
    # The longest address a poster can hold still fits a QR code of the version the posters allow.
    address = longest + "a" * MAX_SLUG_LENGTH + "/"
    assert len(address) == MAX_URL_LENGTH
    assert segno.make_qr(address, error="m", boost_error=True).version == QR_MAX_VERSION
    assert segno.make_qr(address + "x", error="m").version > QR_MAX_VERSION


PORT = ("le port « {port} » (après le « : ») n'existe pas, un port est un nombre de 1 à 65535 : retirez « :{port} », "
        "une adresse web n'en a presque jamais")


@pytest.mark.parametrize(("url", "why"), [
    ("https://", "le nom du site, après « // », manque ou est mal écrit"),
    ("https:///connexion", "le nom du site, après « // », manque ou est mal écrit"),
    ("https://,", "le nom du site, après « // », manque ou est mal écrit"),
    ("https://locataires..exemple.fr", "le nom du site, après « // », manque ou est mal écrit"),
    ("https://[::1", "le nom du site, après « // », manque ou est mal écrit"),
    ("https://locataires.exemple.fr:99999/", PORT.format(port="99999")),  # was « adresse mal formée »
    ("https://locataires.exemple.fr:0/", PORT.format(port="0")),  # was accepted: a link to nowhere
    ("https://locataires.exemple.fr:8O/", PORT.format(port="8O")),
    ("https://moi:secret@locataires.exemple.fr:0/", PORT.format(port="0")),
    ("https://locataires.exemple.fr/espace locataire", "elle contient une espace"),
    ("https://locataires.exemple.fr/a|b", "le caractère « | » n'est pas permis dans une adresse web"),
    ("www.exemple.fr", "elle doit commencer par https://"),
])
def test_a_web_address_that_leads_nowhere_is_refused_with_why(url: str, why: str) -> None:
    """« tenant_portal: https:///connexion », « https://locataires.exemple.fr:99999/ » validated: every home page
    linked « Mon espace locataire » to nowhere; an address with a space was told « elle doit commencer par
    https:// », which it did. Found by typing the portal's address with a slash too many and a space."""
    message, hint = refusal(parse_url, url)
    assert message == f"adresse web « {url} » invalide : {why}"
    assert hint == "écrivez l'adresse comme le navigateur l'affiche, par exemple https://locataires.exemple.fr/connexion"


@pytest.mark.parametrize(("url", "letters"), [
    ("https://www.habitat-ex\u0435mple.fr/", "« \u0435 » (U+0435) est une lettre"),  # Cyrillic « е »
    ("https://locataires.habitat-exemple.fr\u03bf/", "« \u03bf » (U+03BF) est une lettre"),  # Greek « ο »
    ("https://xn--habitat-exmple-9vl.fr/", "« \u0435 » (U+0435) est une lettre"),  # the same, as IDNA
])
def test_a_web_address_whose_site_mixes_alphabets_is_refused_naming_the_letter(url: str, letters: str) -> None:
    """« https://www.habitat-exеmple.fr/ » with a Cyrillic « е » (a keyboard switched to Russian, an address
    pasted from a message) was kept: every page linked the landlord's site to another site that looks the same,
    a homograph a phishing site registers. A site's name mixing Latin letters with another alphabet's is now
    refused, its letter named as in a name (« nоrd »); a name in one alphabet stays (« пример.рф »)."""
    message, _ = refusal(parse_url, url)
    assert message.startswith(f"adresse web « {url} » invalide : dans le nom du site, {letters}")
    assert parse_url("https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/") == (
        "https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/")


@pytest.mark.parametrize("typed", ["contact@habitat-ex\u0435mple.fr", "c\u043entact@habitat-exemple.fr",
                                   "contact@xn--habitat-exmple-9vl.fr"])
def test_an_email_address_mixing_alphabets_is_refused_naming_the_letter(typed: str) -> None:
    """« contact@habitat-exеmple.fr » (Cyrillic « е ») was accepted: the « Écrire » links of every page sent
    tenants' mail to another domain; a Cyrillic « о » before the @ was told « écrivez la lettre sans accent »,
    though it has none. Both now name the letter of another alphabet."""
    message, _ = refusal(parse_email, typed)
    assert message.startswith(f"adresse e-mail « {typed} » invalide : « ")
    assert "est une lettre d'un autre alphabet qui ressemble à une lettre latine" in message


@pytest.mark.parametrize("url", ["https://locataires.exemple.fr/", "HTTPS://EXEMPLE.FR", "http://exemple.fr",
                                 "https://exemple.fr:8443/a", "https://moi:secret@exemple.fr/", "https://exemple.fr:/",
                                 "https://résidences.fr/é?q=1&x=%C3%A9#haut", "https://intranet"])
def test_a_web_address_a_browser_follows_is_kept_as_typed(url: str) -> None:
    assert parse_url(url) == url


# --- dates and slugs ----------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["9999-12-31", "1999-12-31", "2100-01-01", "0001-01-01"])
def test_dates_outside_the_supported_range_are_refused(typed: str) -> None:
    message, hint = refusal(parse_date, typed)
    assert message == f"date {typed} hors de la période prise en charge (2000-01-01 à 2099-12-31)"
    assert hint == "vérifiez l'année"


def test_dates_at_the_edges_are_accepted_and_odd_spellings_refused() -> None:
    assert str(parse_date("2000-01-01")) == "2000-01-01" and str(parse_date("2099-12-31")) == "2099-12-31"
    for odd in ("20261203", "2026-W49-1", "2026-12-03T10:00", "2026-12-03\n", "+2026-12-03"):
        assert refusal(parse_date, odd)[0].startswith(("date « ", "retour à la ligne")), odd


def test_source_date_epoch_is_checked() -> None:
    assert str(date_from_epoch("1796299200")) == "2026-12-03"
    assert refusal(date_from_epoch, "demain")[0] == "« demain » n'est pas un nombre de secondes depuis 1970"
    assert refusal(date_from_epoch, "-1")[0] == "« -1 » n'est pas un nombre de secondes depuis 1970"
    assert refusal(date_from_epoch, "253402300800")[0] == "253402300800 tombe après le 2099-12-31"
    assert refusal(date_from_epoch, "0")[0] == "date 1970-01-01 hors de la période prise en charge " \
                                               "(2000-01-01 à 2099-12-31)"


NOT_WEB = "impossible à utiliser dans une adresse web"


@pytest.mark.parametrize(("slug", "reason"), [
    ("abc\n", NOT_WEB), ("Les-Tilleuls", NOT_WEB), ("les--tilleuls", NOT_WEB), ("-a", NOT_WEB),
    ("tilleuls-é", NOT_WEB), ("", NOT_WEB), ("a-", NOT_WEB), ("a b", NOT_WEB), ("a/b", NOT_WEB), ("..", NOT_WEB),
    ("a" * (MAX_SLUG_LENGTH + 1), f"trop long ({MAX_SLUG_LENGTH + 1} caractères, maximum {MAX_SLUG_LENGTH})"),
    ("assets", "réservé par le site"), ("404", "réservé par le site"),
    ("aux", "interdit par Windows (le dépôt ne s'ouvrirait plus sur un PC)"),
    ("com1", "interdit par Windows (le dépôt ne s'ouvrirait plus sur un PC)"),
])
def test_slug_rule(slug: str, reason: str) -> None:
    found = slug_problem(slug)
    assert found is not None and found[0] == reason
    assert slug_problem("a" * MAX_SLUG_LENGTH) is None and slug_problem("les-tilleuls-2") is None


def test_a_file_name_with_a_newline_is_refused(make_project) -> None:
    root = make_project()
    (root / "residences" / "abc\n.yml").write_text((root / "residences" / "test.yml").read_text())
    assert [str(p) for p in _problems(root)] == [
        "residences/abcU+000A.yml:1: nom de fichier « abcU+000A.yml » impossible à utiliser dans une adresse web\n"
        "    → renommez-le en minuscules sans accents, chiffres et tirets, par exemple abc (puis .yml)"]


def test_a_yaml_extension_is_not_skipped_in_silence(make_project) -> None:
    root = make_project()
    (root / "residences" / "autre.yaml").write_text("name: X\n")
    assert [str(p) for p in _problems(root)] == [
        "residences/autre.yaml:1: extension « .yaml » : ce fichier serait ignoré\n    → renommez-le en autre.yml"]


def test_digits_are_ascii_digits_only() -> None:
    r"""Python's ``\d`` and ``isdigit`` take « ٣ », « ８ » and « ² »: never read as 3, 8 or 2 in silence."""
    from generator.contract.values import parse_count, parse_postcode, parse_time

    assert refusal(parse_count, "٣")[0] == "« ٣ » n'est pas un nombre entier positif : écrivez par exemple 84"
    assert refusal(parse_count, "²")[0] == "« ² » n'est pas un nombre entier positif : écrivez par exemple 84"
    # A negative count is a whole number: it was told « n'est pas un nombre entier ».
    assert refusal(parse_count, "-3")[0] == "« -3 » n'est pas un nombre entier positif : écrivez par exemple 84"
    assert refusal(parse_count, "1" * 5000)[0] == f"« {'1' * 5000} » : nombre trop grand (au plus 999999)"
    assert refusal(parse_time, "８:30")[0].startswith("heure « ８:30 » non reconnue")
    assert refusal(parse_postcode, "９３２００")[0].startswith("code postal « ９３２００ » invalide")
    assert refusal(parse_date, "２０２６-01-01")[0].startswith("date « ２０２６-01-01 » non reconnue")
    assert refusal(parse_phone, "０１ ４８ ２０ １１ ２２")[0].startswith("numéro de téléphone « ０１ ４８")
    assert parse_phone("01\u00a048\u00a020 11 22").display == "01 48 20 11 22"  # no-break spaces from Word


def test_long_hostile_values_are_refused_quickly(make_project) -> None:
    """No pattern backtracks: a 500 KB residence of long odd values is checked in well under a second."""
    import time

    long = "1" + " " * 60_000 + "x"
    text = (f"name: X\naddress: {{street: s, postcode: '93200', city: c}}\nagency: nord\n"
            f"caretaker:\n  name: Y\n  phone: '{long}'\n  email: '{'a' * 60_000}@{'b.' * 30_000}fr'\n"
            f"  hours:\n    - {{days: [mon], open: '{'1' * 60_000}', close: 9h}}\n"
            f"contacts:\n  - {{role: R, phone: '{'+' + '(' * 60_000}'}}\n"
            f"notices:\n  - {{title: T, from: '{'2' * 60_000}', until: 2026-12-03}}\n")
    assert len(text.encode()) < 512 * 1024
    root = make_project(test=text)
    started = time.perf_counter()
    found = _problems(root)
    assert time.perf_counter() - started < 1.0
    assert [p.line for p in found] == [6, 7, 9, 11, 13]
    long_url = SITE_CONFIG.replace("https://residences.example.org/", "https://" + "a-" * 100_000 + "b.fr/")
    started = time.perf_counter()
    assert [p.message.split(" (")[0] for p in _problems(make_project(site_config=long_url))] == [
        "base_url: adresse du site trop longue pour le QR code des affiches"]
    assert time.perf_counter() - started < 1.0


ODD_VALUES = ["", " ", "~", "[]", "{}", "[a, b]", "{a: b}", "true", "1e309", "-1", "0", "5", "99999999999999999999",
              '"\\x00"', "2026-02-30", "24:00", "23:60", "'  '", "!!binary aGVsbG8=", "'" + "x" * 3000 + "'",
              "|\n  a\n  b", "- a\n- b", "0x1F", "+", "()", "poste 9", "https://", "a@b", "'@'", "..", "'#'",
              "'%'", "1999-01-01", "8h60", "!!str 5", "!!int 5", "!!float .nan", "!!timestamp 2026-01-01", "!!bool yes"]
"""What a careless or hostile contributor types where a value goes: wrong types, tags, edges of ranges."""
TOP_CONFIG_KEYS = {"landlord", "base_url", "agencies", "emergency", "faq"}


def test_every_field_answers_odd_values_with_a_french_problem() -> None:
    """Whatever is typed in any field: a valid document or French problems, never an exception.

    Each document holds only the one field (other problems, such as missing keys, are expected too).
    """
    from generator.contract.loader import parse_document
    from generator.contract.project import validate

    for model, path, _ in LEAVES:
        for value in ODD_VALUES:
            text = yaml.safe_dump(_nest(path, "VALUE"), default_flow_style=False)
            line = next(row for row in text.splitlines() if "VALUE" in row)
            text = text.replace("VALUE", value.replace("\n", "\n" + " " * (len(line) - len(line.lstrip()) + 2)))
            doc, problems = parse_document(text.encode(), "f.yml")
            if doc is not None:
                validate(doc, model, problems)
            english = [str(p) for p in problems
                       if any(w in str(p) for w in ("Input should", "Field required", "Value error", "' or '"))]
            assert english == [], (path, value)


SECTIONS = sorted({(model, path[:end]) for model, path, _ in LEAVES for end in range(1, len(path))},
                  key=lambda item: (item[0].__name__, str(item[1])))
"""Every list, mapping and group of keys above the leaves: ``buildings``, ``caretaker.hours``, ``agencies``…"""


def test_every_list_and_group_of_keys_answers_odd_values_with_a_french_problem() -> None:
    """« buildings: {A: 1} » was told « Input should be a valid list », in English."""
    from generator.contract.loader import parse_document
    from generator.contract.project import validate

    assert len(SECTIONS) > 40
    for model, path in SECTIONS:
        for value in ("{a: b}", "[a]", "x", "5", "~", "''"):
            doc, problems = parse_document(yaml.safe_dump(_nest(path, "VALUE")).replace("VALUE", value).encode(), "f.yml")
            assert doc is not None
            validate(doc, model, problems)
            english = [str(p) for p in problems
                       if any(w in str(p) for w in ("Input should", "Field required", "Value error", "' or '"))]
            assert english == [], (path, value)


def test_an_empty_value_is_told_empty_never_as_python_writes_it(make_project) -> None:  # type: ignore[no-untyped-def]
    """« agency: » (nothing after the colon) was « doit être un texte …, pas une liste ni un ensemble de clés »,
    and « status: » was « valeur « None » non permise »."""
    from generator.contract.loader import parse_document
    from generator.contract.project import validate

    for model, path, _ in LEAVES:
        for value in ("~", "[a]", "{a: b}"):
            text = yaml.safe_dump(_nest(path, "VALUE")).replace("VALUE", value)
            doc, problems = parse_document(text.encode(), "f.yml")
            assert doc is not None
            validate(doc, model, problems)
            python = [str(p) for p in problems if any(w in str(p) for w in ("None", "['", "{'"))]
            assert python == [], (path, value)
    root = make_project(test="name:\naddress: {street: a, postcode: 93200, city: b}\nagency:\n"
                             "fibre: {status: }\nnotices:\n  - {title: t, from: , until: 2026-01-01, level: [info]}\n")
    with pytest.raises(UserError) as info:
        load_project(root)
    assert [str(p) for p in info.value.problems] == [
        "residences/test.yml:1: name: ne doit pas être vide\n"
        "    → écrivez la valeur après « : », ou retirez la ligne si elle est facultative",
        "residences/test.yml:3: agency: ne doit pas être vide\n"
        "    → écrivez la valeur après « : », ou retirez la ligne si elle est facultative",
        "residences/test.yml:4: fibre.status: ne doit pas être vide\n"
        "    → valeurs possibles : available, in_progress, planned, unavailable",
        "residences/test.yml:6: notices[1].from: ne doit pas être vide\n"
        "    → écrivez la valeur après « : », ou retirez la ligne si elle est facultative",
        "residences/test.yml:6: notices[1].level: un seul mot est attendu, pas une liste ni un ensemble de clés\n"
        "    → valeurs possibles : urgent, warning, info"]


def test_a_value_typed_at_length_is_quoted_by_its_start_and_end(make_project) -> None:  # type: ignore[no-untyped-def]
    """« units: » followed by 400,000 digits was quoted whole: a message of 400 KB, in the terminal and in
    GitHub's annotation of that line."""
    root = make_project(test="name: X\naddress: {street: a, postcode: 93200, city: b}\nagency: nord\n"
                             f"units: {'9' * 400_000}\n{'k' * 1000}: x\nreviewed: {'2' * 5000}\n")
    with pytest.raises(UserError) as info:
        load_project(root)
    shown = [p.message for p in info.value.problems]
    assert shown == [f"units: « {'9' * 60}…{'9' * 20} » : nombre trop grand (au plus 999999)",
                     f"clé inconnue « {'k' * 60}…{'k' * 20} »",
                     f"reviewed: date « {'2' * 60}…{'2' * 20} » non reconnue : écrivez-la AAAA-MM-JJ, par exemple "
                     "2026-12-03"]


def test_a_line_break_outside_markdown_names_every_markdown_key(make_project) -> None:  # type: ignore[no-untyped-def]
    """The hint listed « description, note, how_to, a, body », not an outage's `help`, which may hold lines."""
    from generator.contract.project import load_project
    from generator.errors import UserError

    root = make_project(test="""\
        name: X
        address: {street: 1 rue A, postcode: "93200", city: Paris}
        agency: nord
        outages:
          - equipment: Ascenseur
            since: 2026-11-25
            status: in_repair
            help: |
              Appelez la gardienne,
              ou l'agence.
            updates:
              - date: 2026-11-26
                text: |
                  Pièce commandée.
                  Deuxième ligne.
        """)
    with pytest.raises(UserError) as caught:
        load_project(root)
    (problem,) = caught.value.problems
    assert (problem.line, problem.message) == (13, "outages[1].updates[1].text: retour à la ligne non permis ici, "
                                                   "après « Pièce commandée. »")
    assert problem.hint == ("écrivez ce texte sur une seule ligne ; seuls les textes Markdown (description, note, "
                            "how_to, a, body, help) peuvent tenir sur plusieurs lignes")
