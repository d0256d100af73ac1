"""The YAML loader: exact strings, line numbers, and refusal of what residence files never need."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.contract.loader import MAX_BYTES, load_document
from generator.contract.sources import read_source


def load(tmp_path: Path, text: str | bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / "r.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_document(path, "residences/r.yml")


def test_unquoted_values_stay_exactly_as_typed(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, "open: 8:30\nphone: 0143201122\npostcode: 01000\nunits: 084\non: yes\n")
    assert problems == []
    assert doc.data == {"open": "8:30", "phone": "0143201122", "postcode": "01000", "units": "084", "on": "yes"}


def test_lines_point_at_keys_and_list_items(tmp_path: Path) -> None:
    doc, _ = load(tmp_path, "name: X\ncaretaker:\n  hours:\n    - days: [mon]\n      open: 8h\n")
    assert doc.line_of(("caretaker", "hours", 0, "open")) == 5
    assert doc.line_of(("caretaker", "hours", 0)) == 4
    assert doc.line_of(("caretaker", "missing_key")) == 2


def test_empty_values_are_none(tmp_path: Path) -> None:
    doc, _ = load(tmp_path, "a:\nb: ~\nc: ''\n")
    assert doc.data == {"a": None, "b": None, "c": ""}


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "name: A\nunits: 3\nname: B\n")
    assert [(p.line, p.message) for p in problems] == [(3, "la clé « name » apparaît deux fois (déjà ligne 1)")]


def test_a_key_repeated_in_a_list_item_says_a_new_item_starts_with_a_dash(tmp_path: Path) -> None:
    """A slot added under « hours: » without its dash makes its keys the first slot's again: each was told
    « gardez une seule des deux lignes », and following that deleted the slot staff meant to add."""
    text = "hours:\n  - days: [mon]\n    open: 8h\n    days: [wed]\n    open: 14h\nname: A\nname: B\n"
    _, problems = load(tmp_path, text)
    assert [(p.line, p.message, p.hint) for p in problems] == [
        (4, "la clé « days » apparaît deux fois (déjà ligne 2)", HINT_NEW_ITEM),
        (5, "la clé « open » apparaît deux fois (déjà ligne 3)", HINT_NEW_ITEM),
        (7, "la clé « name » apparaît deux fois (déjà ligne 6)", "gardez une seule des deux lignes")]


HINT_NEW_ITEM = ("gardez une seule des deux lignes ; si elle commence un autre élément de la liste, mettez devant un "
                 "tiret « - » aligné sur ceux des autres éléments")


def test_a_hash_glued_to_its_words_after_a_value_is_told_not_dropped(tmp_path: Path) -> None:
    """« name: Bâtiment #2 » was « Bâtiment »: YAML reads « #2 » as a comment, and the end of the value was
    dropped in silence. A « # » followed by a letter or a digit after a value is told at its line; a comment
    written as ours are (« # » and a space, « open: 8:30  # 8h30 ») and a quoted or Markdown « # » stay. Found
    by naming a building « Escalier #2 »."""
    text = ("name: Résidence #2\nopen: 8:30  # 8h30\ntitle: 'Porte #3'\nbody: |\n  Escalier #4\n"
            "buildings:\n  - A\n  - B #bis\n")
    doc, problems = load(tmp_path, text)
    assert [str(p) for p in problems] == [
        "residences/r.yml:1: « #2 » est lu comme un commentaire : la valeur publiée serait « Résidence », sans lui\n"
        "    → pour le garder, mettez toute la valeur entre guillemets (\"Résidence #2\") ; pour un commentaire, "
        "mettez une espace après « # »",
        "residences/r.yml:8: « #bis » est lu comme un commentaire : la valeur publiée serait « B », sans lui\n"
        "    → pour le garder, mettez toute la valeur entre guillemets (\"B #bis\") ; pour un commentaire, mettez une "
        "espace après « # »"]
    assert doc.data["open"] == "8:30" and doc.data["title"] == "Porte #3" and doc.data["body"] == "Escalier #4\n"


def test_syntax_error_has_its_line(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "name: A\naddress:\n  street: x\n city: y\n")
    assert len(problems) == 1 and problems[0].line == 4
    assert problems[0].message.startswith("syntaxe YAML invalide")
    assert "indentation" in problems[0].hint


def test_not_utf8_is_reported_at_its_line(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "name: A\ncity: Cr\xe9teil\n".encode("latin-1"))
    assert [(p.line, p.message) for p in problems] == [(2, "le fichier n'est pas enregistré en UTF-8")]


def test_empty_file(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "# only a comment\n")
    assert [p.message for p in problems] == ["le fichier est vide"]


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.monotonic()
    _, problems = load(tmp_path, "\n".join(bomb) + "\n")
    assert time.monotonic() - start < 2
    assert [(p.line, p.message) for p in problems] == [(1, "les ancres et alias YAML (& et *) ne sont pas acceptés")]


@pytest.mark.parametrize("text, line, typed", [
    ("name: X\ncaretaker:\n  name: &Co Services\n", 3, "&Co"),  # « Services » was published
    ("name: X\nbuildings: [A, &b B]\n", 2, "&b"),
    ("name: X\nnotices:\n  - title: ! Attention, travaux\n", 3, "!"),  # « Attention, travaux »
    ("&top name: X\n", 1, "&top"),
])
def test_an_anchor_or_a_bare_tag_that_would_drop_what_was_typed_is_refused_at_its_line(
        tmp_path: Path, text: str, line: int, typed: str) -> None:
    """« name: &Co Services » read as an anchor named « Co » on « Services », and « title: ! Attention » as
    YAML's bare tag on « Attention »: « &Co » and « ! » were dropped from the page in silence (an anchor
    without its alias was let through, the alias alone refused). Both are refused at their line, with the
    quotes to write."""
    _, problems = load(tmp_path, text)
    assert [(p.line, p.message) for p in problems] == [(line, "les ancres et alias YAML (& et *) ne sont pas acceptés"
                                                        if typed != "!" else "balise YAML non acceptée : !")]
    assert f"« {typed[0]} »" in problems[0].hint and "entre guillemets" in problems[0].hint


@pytest.mark.parametrize("text, said", [
    ("title: *** URGENT ***\n", "une valeur qui commence par « * » ou « & » doit être entre guillemets"),
    ("name: & Co\n", "une valeur qui commence par « * » ou « & » doit être entre guillemets"),
    ("note: > 18 ans\n", "une valeur qui commence par « | » ou « > » doit être entre guillemets (seuls, ils "
                         "annoncent un texte sur les lignes suivantes)"),
    ("name: |0\n  a\n", "une valeur qui commence par « | » ou « > » doit être entre guillemets (seuls, ils "
                         "annoncent un texte sur les lignes suivantes)"),
    ("name: !<abc a\n", "une valeur qui commence par « ! » doit être entre guillemets"),
    ('name: "a\n---\nb"\n', "ligne « --- » ou « ... » au milieu d'un texte entre guillemets : mettez-la en "
                            "retrait ou changez-la"),
    ("%YAML 1.1\n%YAML 1.1\n---\nname: a\n", "directive « %YAML » donnée deux fois : retirez les lignes « % » du "
                                              "début"),
    ("%YAML 2.0\n---\nname: a\n", "version de YAML non prise en charge : retirez la ligne « %YAML »"),
    ("%FOO bar\n---\nname: a\n", "ligne « % » incorrecte en tête du fichier : retirez-la"),
    ("%YAML 1.1 x\n---\nname: a\n", "ligne « % » incorrecte en tête du fichier : retirez-la"),
    ("%TAG !\n---\nname: a\n", "ligne « % » incorrecte en tête du fichier : retirez-la"),
])
def test_what_libyaml_refuses_is_told_in_french_and_what_to_do(tmp_path: Path, text: str, said: str) -> None:
    """libyaml's rarer messages were shown in English (« did not find expected alphabetic or numeric
    character » for a notice titled *** URGENT ***)."""
    _, problems = load(tmp_path, text)
    assert [p.message for p in problems] == [f"syntaxe YAML invalide : {said}"]
    assert "guillemets" in problems[0].hint


def test_python_tags_are_refused(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "name: !!python/object/apply:os.system [echo hi]\n")
    assert problems and problems[0].line == 1 and "balise YAML" in problems[0].message
    _, problems = load(tmp_path, "name: !Important\n")
    assert [(p.message, p.hint) for p in problems] == [(
        "balise YAML non acceptée : !Important",
        "un texte qui commence par « ! » s'écrit entre guillemets (\"!…\") ; sinon, retirez la balise")]


def test_huge_file_is_refused(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "faq:\n" + "  - {q: x, a: y}\n" * 40_000)
    assert problems[0].message.startswith("fichier trop volumineux")


def test_a_file_is_read_whole_up_to_the_limit_and_refused_beyond(tmp_path: Path) -> None:
    """Read as much as its size says and one byte more, then to its end: never cut, never over the limit."""
    path = tmp_path / "r.yml"
    for size in (0, 1, 4096, 70_000, MAX_BYTES):
        content = bytes(i % 251 for i in range(size))
        path.write_bytes(content)
        assert read_source(path, "r.yml", MAX_BYTES) == (content, [])
    path.write_bytes(b"x" * (MAX_BYTES + 1))
    raw, [problem] = read_source(path, "r.yml", MAX_BYTES)
    assert raw is None and problem.message == "fichier trop volumineux (512 Ko, maximum 512 Ko)"


def test_a_line_break_only_yaml_sees_is_refused_at_the_line_git_shows(tmp_path: Path) -> None:
    """YAML 1.1 also breaks lines at U+0085, U+2028, U+2029 and a lone carriage return; Git, GitHub and the
    line numbers of every message count only the line feed. Such a break would hide a key on the line of
    another (« units: 3␍city: x »), silently empty a value (« units: U+0085 ») or shift every line below."""
    for text, line, char in (("name: A\nunits: 3\rcity: x\nfoo: 1\n", 2, "000D"),
                             ("name: A\n# a\u2028b\nfoo: 1\n", 2, "2028"),
                             ("name: A\nunits: \u0085\nfoo: 1\n", 2, "0085"),
                             ("name: A\nfoo: x\u2029\n", 2, "2029")):
        doc, problems = load(tmp_path, text)
        assert doc is None and [(p.line, p.message) for p in problems] == [
            (line, f"caractère invisible U+{char} non permis dans le fichier")], text
    for text in ("name: A\r\nunits: 3\r\n", "name: A\runits: 3\r"):  # Windows' and old Macs' line ends
        assert load(tmp_path, text)[0].data == {"name": "A", "units": "3"}  # type: ignore[union-attr]


def test_a_yaml_syntax_error_is_told_in_french(tmp_path: Path) -> None:
    for text, line, said in (("name: A: B\n", 1, "deux-points « : » inattendu dans cette valeur"),
                             ("name: A\ncity:\n\tx: y\n", 3, "tabulation dans le retrait : mettez des espaces"),
                             ("name: [A, B\n", 1, "crochet « ] » (ou virgule) attendu : liste non fermée"),
                             ("name: 'A\n", 1, "fin du fichier inattendue : un guillemet, un crochet ou une accolade "
                                               "n'est pas fermé"),
                             ("name: A\n---\nname: B\n", 2, "un second document (ligne « --- ») : un fichier n'en "
                                                           "contient qu'un")):
        _, problems = load(tmp_path, text)
        assert [(p.line, p.message) for p in problems] == [(line, f"syntaxe YAML invalide : {said}")], text


@pytest.mark.parametrize("text, line, said", [
    ("name: A\nunits 184\nagency: x\n", 2, "deux-points « : » attendu après la clé"),
    ("name: A\ncaretaker:\n  name: K\n  mobile 06 12 34 56 78\n\n# c\n  email: a@b.fr\n", 4,
     "deux-points « : » attendu après la clé"),
    ("buildings: [A, B\nunits: 3\nagency: x\n", 1, "crochet « ] » (ou virgule) attendu : liste non fermée"),
    ("address: {street: x, city: y\nunits: 3\n", 1, "accolade « } » (ou virgule) attendue : accolades non fermées"),
    ('name: A\ntitle: "Coupure\nunits: 3\nagency: x\n', 2,
     "fin du fichier inattendue : un guillemet, un crochet ou une accolade n'est pas fermé"),
])
def test_a_mistake_noticed_further_down_is_told_at_the_line_it_starts(tmp_path: Path, text: str, line: int,
                                                                      said: str) -> None:
    """A key without its « : », a « [ », a « { » or a quote never closed was told at the line where libyaml
    noticed it: the next key (line 3 for « units 184 » on line 2), after blank lines and comments, or one
    past the end of the file, a line GitHub cannot annotate. Found by removing a colon in a sample."""
    _, problems = load(tmp_path, text)
    assert [(p.line, p.message) for p in problems] == [(line, f"syntaxe YAML invalide : {said}")]


@pytest.mark.parametrize("text, line, said", [
    ("name: A\ntitle: 'Coupure d'eau chaude'\nunits: 3\n", 2,
     "texte entre guillemets fermé trop tôt : une apostrophe du texte le termine ; écrivez le texte sans les "
     "apostrophes du début et de la fin, ou doublez celles du texte ('Coupure d''eau')"),
    ('name: A\ntitle: "Le "grand" hall"\nunits: 3\n', 2,
     "texte entre guillemets fermé trop tôt : un guillemet du texte le termine ; écrivez le texte sans les "
     "guillemets du début et de la fin, ou mettez-le entre apostrophes ('Le \"grand\" hall')"),
    ("name: 'Les Tilleuls\nunits: 3\n\nnote: l'entrée\ncity: x\n", 1,
     "texte entre guillemets ouvert ligne 1 et fermé seulement ligne 4 : il manque le guillemet de la fin, ou une "
     "apostrophe du texte le termine ; écrivez le texte sans les apostrophes du début et de la fin, ou doublez "
     "celles du texte ('Coupure d''eau')"),
])
def test_an_apostrophe_closing_a_quoted_text_is_told_as_such(tmp_path: Path, text: str, line: int, said: str) -> None:
    """French texts are full of apostrophes: « title: 'Coupure d'eau' » ends the text at « d' », and was told
    « clé attendue à ce niveau de retrait », a mistake of indentation staff looked for in vain; a quote never
    closed ran to the next apostrophe of the file and was told there, lines below. Found by quoting titles
    of the samples as staff do."""
    _, problems = load(tmp_path, text)
    assert [(p.line, p.message) for p in problems] == [(line, f"syntaxe YAML invalide : {said}")]


@pytest.mark.parametrize("text, line, above", [
    ("caretaker:\n  name: K\n  mode: resident\n   phone: 01 48 20 11 22\n  email: a@b.fr\n", 4, 3),
    ("caretaker:\n  name: K\nmobile: 06 12 34 56 78\n  email: a@b.fr\n", 4, 3),
])
def test_a_key_read_as_the_rest_of_the_value_above_is_told_so(tmp_path: Path, text: str, line: int,
                                                               above: int) -> None:
    """A key with a space too many (« ␣␣␣phone: »), or the line above pulled to the left, makes YAML read the
    line as the rest of the value above (« resident phone »): it was « deux-points « : » inattendu dans cette
    valeur », with no word of the spaces. Found by moving the samples' lines left and right."""
    _, problems = load(tmp_path, text)
    assert [(p.line, p.message) for p in problems] == [(line, (
        f"syntaxe YAML invalide : cette ligne est lue comme la suite de la valeur de la ligne {above} : ses espaces "
        f"au début ne correspondent pas à ceux des clés voisines (ou ceux de la ligne {above}) ; alignez les clés "
        "d'un même niveau, deux espaces par niveau"))]


@pytest.mark.parametrize("text, line, below", [
    ("name: A\ncaretaker:\n   name: K\n  mode: resident\n  phone: 01 48 20 11 22\n", 3, 4),
    ("name: A\ncaretaker:\n name: K\n  mode: resident\n  phone: 01 48 20 11 22\n", 3, 4),
    ("# Résidence\n name: A\nagency: nord\nunits: 3\n", 2, 3),
    ("# Résidence\n- name: A\nagency: nord\nunits: 3\n", 2, 3),
    ("caretaker:\n  - name: K\n  mode: resident\n  phone: 01 48 20 11 22\n", 2, 3),
    ("hours:\n     - days: [mon]\n      open: 8h\n      close: 9h\n", 2, 3),
])
def test_a_key_out_of_line_is_told_at_its_own_line_not_at_the_next_key(tmp_path: Path, text: str, line: int,
                                                                       below: int) -> None:
    """A key with a space too many or too few, or a stray dash, above keys in their place was told at the next
    key (« clé attendue à ce niveau de retrait », « du texte après la fin du document (ligne « ... ») », a line
    the file does not have), which is right. Found by moving each line of the samples left and right."""
    _, problems = load(tmp_path, text)
    assert [(p.line, p.message) for p in problems] == [(line, (
        f"syntaxe YAML invalide : cette ligne n'est pas alignée sur la clé de la ligne {below} : ses espaces au début, "
        "ou un tiret « - » en trop, la décalent ; alignez les clés d'un même niveau, deux espaces par niveau"))]


def test_a_value_typed_above_its_items_is_not_told_as_a_key_out_of_line(tmp_path: Path) -> None:
    """« outages: true » above its items: moving it four spaces right would make it a key of the notice above,
    which reads, but it is not the mistake; told as before, at the items."""
    text = "notices:\n  - title: A\n    body: B\noutages: true\n  - equipment: C\n    since: 2026-01-01\n"
    _, problems = load(tmp_path, text)
    assert [p.line for p in problems] == [5] and "n'est pas alignée" not in problems[0].message


@pytest.mark.parametrize("text, line", [
    ("name: A\nnotices:\n  - {title: a}\nreviewed: 2026-11-20\nunits: 3\n- {title: b}\n", 6),
    ("name: A\ncaretaker:\n  name: K\n  hours:\n    - {days: [mon], open: 8h, close: 9h}\n   - {days: [tue]}\n", 6),
])
def test_a_dash_where_a_key_is_expected_is_told_as_a_list_item_astray(tmp_path: Path, text: str, line: int) -> None:
    """A notice pasted at the end of the file, after « reviewed: », or a dash one space off its list's, was
    « clé attendue à ce niveau de retrait »: staff looked for a key. Found by adding a notice at the end of a
    sample."""
    _, problems = load(tmp_path, text)
    assert [(p.line, p.message) for p in problems] == [(line, (
        "syntaxe YAML invalide : tiret « - » à un endroit où une clé est attendue : un élément se met sous sa liste "
        "(notices:, hours:…), son tiret aligné sur ceux des autres éléments"))]


@pytest.mark.parametrize("char", ["\x00", "\ufffe", "\x01"])
def test_a_character_yaml_refuses_is_told_at_its_line_after_accented_lines(tmp_path: Path, char: str) -> None:
    """libyaml tells where it stopped in bytes of UTF-8, not in characters: a NUL after a few lines of
    accented French (« Résidence », « échéance ») was told lines below its own, at « agency » here. Found by
    putting a NUL in the samples, whose first lines are full of accents."""
    text = "name: Résidence Les Érables\nnote: éééééééééééééééééé\ncity: Créteil\nunits: 3" + char + "\nagency: a\n"
    _, problems = load(tmp_path, text)
    assert [(p.line, p.message) for p in problems] == [
        (4, f"caractère invisible U+{ord(char):04X} non permis dans le fichier")]


def test_a_byte_order_mark_starting_a_line_is_told_as_the_invisible_character_it_is(tmp_path: Path) -> None:
    """A byte order mark before a key (a file saved by Notepad pasted into another) was told « syntaxe YAML
    invalide : clé attendue à ce niveau de retrait », a mistake of spaces staff looked for in vain; the one
    that starts the file is read as it is. Found by putting one at the start of each line of the samples."""
    text = "\ufeffname: Résidence\ncity: x\n\ufeffunits: 3\nhours:\n  - \ufeffdays: [mon]\n"
    doc, problems = load(tmp_path, text)
    told = "caractère invisible U+FEFF non permis dans le fichier"
    assert doc is None and [(p.line, p.message, p.hint) for p in problems] == [(3, told, HINT), (5, told, HINT)]
    doc, problems = load(tmp_path, "\ufeffname: Résidence\ncity: x\n")
    assert problems == [] and doc is not None and doc.data == {"name": "Résidence", "city": "x"}


HINT = ("il vient souvent d'un copier-coller : effacez le passage et retapez-le, ou enregistrez le fichier comme texte "
        "UTF-8")


def test_every_line_holding_a_character_the_file_may_not_hold_is_told_in_one_run(tmp_path: Path) -> None:
    """Text pasted from a word processor brings a U+000B for each of its line breaks (Shift+Entrée): only the
    first was told, then the next one at the next push. Each line holding one is told (its first such
    character), line breaks only YAML sees included."""
    text = ("name: Résidence\nnote: \"un\x0bdeux\"\ncity: x\nbody: \"trois\x0bquatre\x00cinq\x0b\"\n"
            "faq: a\u2028b\nunits: 3\rx: y\n")
    doc, problems = load(tmp_path, text)
    assert doc is None and [(p.line, p.message) for p in problems] == [
        (2, "caractère invisible U+000B non permis dans le fichier"),
        (4, "caractère invisible U+000B non permis dans le fichier"),
        (5, "caractère invisible U+2028 non permis dans le fichier"),
        (6, "caractère invisible U+000D non permis dans le fichier")]


@pytest.mark.parametrize("text, line, said", [
    ("name: A\nhours:\n  -\tdays: [mon]\n", 3, "tabulation dans le retrait : mettez des espaces"),
    ("name: A\n\tunits: 3\n", 2, "tabulation dans le retrait : mettez des espaces"),
    ("name: A\nemail: @gardien\n", 2, "une valeur qui commence par « @ » doit être entre guillemets"),
    ("name: A\nnote: `code`\n", 2, "une valeur qui commence par « ` » doit être entre guillemets"),
    ("name: A\nrate: %82\n", 2, "une valeur qui commence par « % » doit être entre guillemets"),
])
def test_a_character_no_value_starts_with_is_named(tmp_path: Path, text: str, line: int, said: str) -> None:
    """A tab after a dash or at the start of a line, and a value starting with « @ », « ` » or « % », were all
    « caractère interdit en début de valeur (tabulation, @, ` ou %) »: staff had to guess which. Found by typing
    tabs in the samples."""
    _, problems = load(tmp_path, text)
    assert [(p.line, p.message) for p in problems] == [(line, f"syntaxe YAML invalide : {said}")]


SPECIAL_SPACE = ("syntaxe YAML invalide : espace spéciale U+{:04X} {} : YAML ne la lit pas comme une espace ; "
                 "remplacez-la par une espace ordinaire (elle vient souvent d'un copier-coller, ou d'Alt+Espace sur "
                 "Mac)")


@pytest.mark.parametrize(("text", "line", "char", "where"), [
    ("name: X\naddress:\n\u00a0 street: 1 rue X\n  city: Y\n", 3, 0xA0, "au début de la ligne"),
    ("name: X\naddress:\n \u00a0street: 1 rue X\n  city: Y\n", 3, 0xA0, "au début de la ligne"),
    ("agencies:\n\u00a0\u00a0nord: {name: N}\n  sud: {name: S}\n", 2, 0xA0, "au début de la ligne"),
    ("name: X\naddress:\n  street:\u00a01 rue X\n  city: Y\n", 3, 0xA0, "après le deux-points"),
    ("name:\u202fX\nagency: nord\n", 1, 0x202F, "après le deux-points"),
    ("name: X\nbuildings:\n\u3000- A\n  - B\n", 3, 0x3000, "au début de la ligne"),
])
def test_a_space_yaml_does_not_read_as_one_is_told_at_its_own_line(tmp_path: Path, text: str, line: int, char: int,
                                                                    where: str) -> None:
    """A no-break space (a word processor's, or a Mac's Alt+Space, which French typing puts around « : ») in
    the indentation or after a key's colon was told a line or more below, « cette ligne est lue comme la suite
    de la valeur de la ligne 3 : ses espaces au début ne correspondent pas… », at a line typed right. Told at
    its own line, named."""
    _, problems = load(tmp_path, text)
    assert [(p.line, p.message) for p in problems] == [(line, SPECIAL_SPACE.format(char, where))]


def test_a_no_break_space_inside_a_text_is_never_blamed_for_another_mistake(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "name: X\nnote: |\n  Horaires:\u00a09h\n  - lundi\nagency: [nord\n")
    assert [p.line for p in problems] == [5] and "espace spéciale" not in problems[0].message
    _, problems = load(tmp_path, "name: Attention\u00a0!\naddress:\n  street:  1 rue X\u00a0\n")
    assert problems == []
