"""What a poster can print: the font subsets (cached on disk), the shaped Arabic line, and the checks that
``validate`` runs with every other problem (characters the font lacks, bad logos)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pypdf
import pytest
import uharfbuzz
from click.testing import CliRunner
from fontTools.ttLib import TTFont
from PIL import Image

from generator.cli import main
from generator.outputs import posters
from generator.outputs.context import ResidenceContext
from generator.outputs.published import poster_paths
from generator.outputs.fonts import ARABIC, FONT_FILES, font_dir, font_subsets
from generator.contract.printable import PRINTABLE
from generator.contract.values import MAX_BASE_URL_LENGTH, MAX_SLUG_LENGTH
from generator.contract.project import load_project

from conftest import REPO, SITE_CONFIG
from test_posters import CARETAKER, decode, render_pdf, run_posters

FORMS = ("INITIAL FORM", "MEDIAL FORM", "FINAL FORM")


def test_dejavu_and_its_subsets_draw_every_printable_character() -> None:
    fonts = [(font_dir() / name).read_bytes() for name in FONT_FILES.values()] + list(font_subsets().values())
    for number, data in enumerate(fonts):
        assert PRINTABLE <= set(TTFont(io.BytesIO(data)).getBestCmap()), number


def test_the_bold_subset_draws_this_site_in_each_language_of_our_catalogs() -> None:
    """A catalog added in a script DejaVu Sans lacks would print its poster line as empty boxes: this says so."""
    from generator.outputs.i18n import translations
    from generator.outputs.wording import SITE_IN_LANGUAGE
    from generator.paths import interface_languages

    bold = set(TTFont(io.BytesIO(font_subsets()["bold"])).getBestCmap())
    for code in interface_languages():
        phrase = translations(code).gettext(SITE_IN_LANGUAGE)
        assert {ord(c) for c in phrase} <= bold, (code, phrase, sorted({c for c in phrase if ord(c) not in bold}))


def _subsets_in_new_process(cache: str, forbid_subsetting: bool = False) -> dict[str, bytes]:
    """``font_subsets()`` in a fresh process; with ``forbid_subsetting``, making a subset is an error."""
    code = ("import sys, generator.outputs.fonts as p\n"
            + ("p._subset = lambda *a, **k: sys.exit('subset made again')\n" if forbid_subsetting else "")
            + "print('\\n'.join(f'{k} {v.hex()}' for k, v in p.font_subsets().items()))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                            env={**os.environ, "RESIDENCE_HUB_CACHE": cache})
    assert result.returncode == 0, result.stderr
    return {style: bytes.fromhex(data) for style, data in (line.split(" ") for line in result.stdout.splitlines())}


@pytest.mark.slow
def test_font_subsets_are_cached_on_disk_for_the_next_process(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _subsets_in_new_process(str(cache))
    names = sorted(p.name for p in (cache / "fonts").iterdir())
    assert len(names) == 2 and all(re.fullmatch(r"[0-9a-f]{20}-DejaVuSans(-Bold)?\.ttf", n) for n in names)
    second = _subsets_in_new_process(str(cache), forbid_subsetting=True)  # reused, not made again
    assert first == second
    assert sorted(p.name for p in (cache / "fonts").iterdir()) == names  # no temporary file left behind


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["byte", "cut"])
def test_a_damaged_font_subset_in_the_cache_is_made_again(tmp_path: Path, damage: str) -> None:
    """A changed byte or a file cut short drew other glyphs into every poster (or none)."""
    cache = tmp_path / "cache"
    first = _subsets_in_new_process(str(cache))
    for path in (cache / "fonts").iterdir():
        data = bytearray(path.read_bytes())
        data[len(data) // 3] ^= 1
        path.write_bytes(bytes(data) if damage == "byte" else path.read_bytes()[:len(data) * 3 // 4])
    assert _subsets_in_new_process(str(cache)) == first
    assert _subsets_in_new_process(str(cache), forbid_subsetting=True) == first  # written anew


@pytest.mark.slow
def test_without_cache_subsets_are_made_the_same_and_posters_still_build(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    cached = _subsets_in_new_process(str(tmp_path / "cache"))
    assert _subsets_in_new_process("off") == cached  # byte-identical
    monkeypatch.setenv("RESIDENCE_HUB_CACHE", "off")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["posters", "--project", str(REPO), "--out", str(out),
                                     "--today", "2026-12-02", "les-tilleuls"]).exit_code == 0
    assert (out / "les-tilleuls" / "les-tilleuls-affiche-a4.pdf").stat().st_size > 0


def _expected_arabic() -> list[int]:
    """HarfBuzz's own shaping of ``ARABIC`` with the installed DejaVu Sans Bold, in visual order, as the
    code points of the glyphs it picks (presentation forms for joined letters)."""
    path = font_dir() / FONT_FILES["bold"]
    font = TTFont(path)
    by_glyph: dict[str, int] = {}
    for code, glyph in sorted(font.getBestCmap().items(), reverse=True):  # prefer presentation forms
        by_glyph.setdefault(glyph, code)
    buf = uharfbuzz.Buffer()
    buf.add_str(ARABIC)
    buf.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(path.read_bytes()))), buf, {})
    return [by_glyph[font.getGlyphName(info.codepoint)] for info in buf.glyph_infos]


def _drawn_runs(pdf: bytes) -> list[list[int]]:
    """Each text-showing operation of the page, as the code points its glyphs stand for, in drawing order
    (left to right): read from the content stream and each font's ToUnicode map, not from a text extractor."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    fonts = page["/Resources"]["/Font"]
    maps: dict[str, dict[int, int]] = {}
    for name, ref in fonts.items():
        cmap = ref.get_object()["/ToUnicode"].get_object().get_data().decode()
        maps[name] = {int(a, 16): int(b, 16) for a, b in re.findall(r"<([0-9A-F]{2})> <([0-9A-F]{4})>", cmap)}
    runs, current = [], {}
    for operands, operator in pypdf.generic.ContentStream(page.get_contents(), reader).operations:
        if operator == b"Tf":
            current = maps[operands[0]]
        elif operator in (b"Tj", b"TJ"):
            items = operands[0] if operator == b"TJ" else [operands[0]]
            data = b"".join(item.get_original_bytes() for item in items if hasattr(item, "get_original_bytes"))
            runs.append([current.get(byte, 0) for byte in data])  # 0: a glyph standing for no character
    return runs


@pytest.mark.parametrize("fmt", ["a4", "a5"])
def test_arabic_line_is_shaped_and_right_to_left_as_harfbuzz_does_it(make_project, fmt: str) -> None:
    expected = _expected_arabic()
    forms = {form for code in expected for form in FORMS if form in unicodedata.name(chr(code))}
    assert forms == set(FORMS)  # the line really has joined letters: a check that could fail
    project = load_project(make_project(test=CARETAKER))
    pdf = posters.files(ResidenceContext.of(project, project.residences[0], date(2026, 12, 2)))[getattr(poster_paths("test"), fmt)]
    arabic_runs = [run for run in _drawn_runs(pdf) if any(0x600 <= c <= 0x6FF or c >= 0xFB50 for c in run)]
    assert arabic_runs == [expected]


def test_validate_reports_poster_problems_with_every_other_problem(make_project) -> None:
    config = SITE_CONFIG.replace("landlord: {name: Habitat Test, tenant_portal: https://locataires.example.org/}",
                                 "landlord:\n  name: Habitat Test\n  logo: logo.svg")
    config = config.replace("{label: SAMU, phone: 15}", "{label: SAMU ☎, phone: 15}")
    root = make_project(site_config=config, test=CARETAKER.replace("name: Zoë Lefèvre", "name: Zoë 李"),
                        autre=CARETAKER.replace("mode: itinerant", "mode: volant"))
    (root / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--project", str(root)])
    assert result.exit_code == 1
    assert "residences/test.yml:5: caractère « 李 » (U+674E) impossible à imprimer sur l'affiche" in result.output
    assert "site_config.yml:3: logo « logo.svg » : le format SVG n'est pas pris en charge" in result.output
    assert "exportez le logo en PNG" in result.output
    assert "site_config.yml:9: caractère « ☎ » (U+260E)" in result.output
    assert "residences/autre.yml:6: caretaker.mode" in result.output  # an ordinary problem, same run
    assert "Traceback" not in result.output


def test_jpeg_logo_is_printed(make_project, tmp_path: Path) -> None:
    root = make_project(site_config=SITE_CONFIG.replace("landlord: {name: Habitat Test,",
                                                        "landlord: {name: Habitat Test, logo: logo.jpg,"))
    Image.new("RGB", (200, 80), (0, 70, 140)).save(root / "logo.jpg")
    project = load_project(root)
    pdf = posters.files(ResidenceContext.of(project, project.residences[0], date(2026, 12, 2)))[poster_paths("test").a4]
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].images) == 1


def test_a_poster_s_fonts_carry_their_copyright_and_licence_address_not_the_licence_s_text(make_project) -> None:
    project = load_project(make_project(test=CARETAKER))
    context = ResidenceContext.of(project, project.residences[0], date(2026, 12, 2))
    pdf = pypdf.PdfReader(io.BytesIO(posters.files(context)[poster_paths("test").a5]))
    embedded = [font["/FontDescriptor"]["/FontFile2"].get_data()
                for font in (f.get_object() for f in pdf.pages[0]["/Resources"]["/Font"].values())]
    assert len(embedded) == 2
    for data in embedded:
        names = {record.nameID: record.toUnicode() for record in TTFont(io.BytesIO(data))["name"].names}
        assert names[0].startswith("Copyright (c) 2003 by Bitstream, Inc.")
        assert names[14] == "http://dejavu.sourceforge.net/wiki/index.php/License"
        assert 13 not in names  # the licence's 9.5 KB text, twice in each PDF before
        assert len(data) < 9000


def test_the_subsets_key_follows_the_characters_they_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached subset is named by ``font_key``: a character added to what posters print (``PRINTABLE``,
    in ``contract.printable``) without bumping ``SUBSET_VERSION`` in another module served the old
    subsets, without its glyph, to every command with a cache, while a build without cache drew it."""
    from generator.outputs import fonts

    before = fonts.font_key()
    try:
        for name, value in (("PRINTABLE", fonts.PRINTABLE | {0x674E}), ("ARABIC_FEATURES", ["isol", "init"])):  # 李
            with monkeypatch.context() as patch:
                patch.setattr(fonts, name, value)
                fonts.font_key.cache_clear()
                assert fonts.font_key() != before, name
    finally:
        fonts.font_key.cache_clear()
    assert fonts.font_key() == before


def _words(pdf: Path) -> tuple[float, float, list[tuple[float, float, float, float, str]]]:
    """The page's size and each word's box (left, top, right, bottom, in points) as poppler reads them."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', out)
    assert page
    words = [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in re.findall(
        r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>', out)]
    return float(page[1]), float(page[2]), words


def test_the_other_languages_long_addresses_stay_on_the_page_and_clear_of_their_phrase(make_project,
                                                                                       tmp_path: Path) -> None:
    """The longest ``base_url`` the QR code allows and a file name of 50 letters: at the foot, each other
    language's address was drawn beside its phrase on one line, over « This site in English » and over the
    Arabic phrase, and past both edges of the page (A4 and A5)."""
    base = "https://residences-du-bailleur-social.habitat-exemple-depart93.fr/"
    slug = "residence-les-tilleuls-du-quartier-saint-denis-nor"
    assert len(base) == MAX_BASE_URL_LENGTH - 5 and len(slug) == MAX_SLUG_LENGTH
    root = make_project(site_config=SITE_CONFIG.replace("https://residences.example.org/", base)
                        + "languages: [fr, en, ar]\n", **{slug: CARETAKER})
    assert run_posters(root, tmp_path / "out").exit_code == 0
    for name in ("affiche-a4", "flyer-a5"):
        pdf = tmp_path / "out" / slug / f"{slug}-{name}.pdf"
        width, height, words = _words(pdf)
        for left, top, right, bottom, word in words:
            assert 0 <= left and right <= width and 0 <= top and bottom <= height, (name, word)
        for index, (left, top, right, bottom, word) in enumerate(words):
            for other in words[index + 1:]:
                overlap = min(right, other[2]) - max(left, other[0]), min(bottom, other[3]) - max(top, other[1])
                assert min(overlap) <= 0.5, (name, word, other[4])
        text = "".join(word for *_, word in words)
        for language in ("en", "ar"):
            assert f"{base.split('://')[1]}{slug}/{language}/" in text, (name, language)
        [barcode] = decode(render_pdf(pdf, tmp_path))
        assert barcode.text == f"{base}{slug}/"


def test_letters_typed_as_a_letter_and_its_accent_are_printed_as_the_letter(make_project, tmp_path: Path) -> None:
    """Text pasted from a Mac's file names or some PDFs writes « é » as « e » followed by the combining accent
    U+0301 (NFD): the same text for Unicode, shown alike in the editor and on the pages. ``validate`` refused
    it, « caractère « ́ » (U+0301) impossible à imprimer sur l'affiche », for a name with no odd letter.
    The poster prints it composed (NFC), as DejaVu draws « é »; the other outputs keep it as typed."""
    root = make_project(test=unicodedata.normalize("NFD", CARETAKER))
    assert "e\u0301" in (root / "residences" / "test.yml").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--project", str(root)])
    assert result.exit_code == 0, result.output
    assert run_posters(root, tmp_path / "out").exit_code == 0
    for name in ("affiche-a4", "flyer-a5"):
        text = " ".join(word for *_, word in _words(tmp_path / "out" / "test" / f"test-{name}.pdf")[2])
        for expected in ("Résidence Les Œillets", "3 allée Cézanne, 93200 Saint-Denis", "Zoë Lefèvre",
                         "(Hall du bâtiment B)", "Pas de passage les jours fériés"):
            assert expected in text, (name, expected)


def test_a_soft_hyphen_is_not_printed_as_a_hyphen(make_project, tmp_path: Path) -> None:
    """A soft hyphen (U+00AD, in text pasted from a web page or a word processor) only says where a word may be
    cut: the pages show « Résidence », the poster printed « Rési-dence Les Œil-lets » (reportlab draws its
    glyph, a hyphen)."""
    root = make_project(test=CARETAKER.replace("Résidence Les Œillets", "Rési\u00addence Les Œil\u00adlets"))
    assert CliRunner().invoke(main, ["validate", "--project", str(root)]).exit_code == 0
    assert run_posters(root, tmp_path / "out").exit_code == 0
    for name in ("affiche-a4", "flyer-a5"):
        words = [word for *_, word in _words(tmp_path / "out" / "test" / f"test-{name}.pdf")[2]]
        assert "Résidence" in words and "Œillets" in words, (name, words[:8])
        assert not [word for word in words if "\u00ad" in word], name


FRENCH_SPACES = CARETAKER.replace("Résidence Les Œillets", "Résidence «\u202fLes Œillets\u202f»").replace(
    "place: Hall du bâtiment B", "place: 'Hall du bâtiment B\u00a0: sonnez\u2009!'")
"""French typography as a word processor or a web page writes it: a narrow no-break space (U+202F) inside
« » and a no-break space before « : », a thin space (U+2009) before « ! »."""


def test_french_typographic_spaces_are_printed_as_typed(make_project, tmp_path: Path) -> None:
    """The font draws the narrow no-break, thin and figure spaces; ``validate`` refused them, « caractère
    «   » (U+202F) impossible à imprimer sur l'affiche », in a name whose pages showed it well."""
    root = make_project(test=FRENCH_SPACES)
    result = CliRunner().invoke(main, ["validate", "--project", str(root)])
    assert result.exit_code == 0, result.output
    assert run_posters(root, tmp_path / "out").exit_code == 0
    for name in ("affiche-a4", "flyer-a5"):
        text = pypdf.PdfReader(tmp_path / "out" / "test" / f"test-{name}.pdf").pages[0].extract_text()
        assert "Résidence «\u202fLes Œillets\u202f»" in text and "sonnez\u2009!)" in text, name


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2007"])
def test_a_poster_line_never_breaks_at_a_no_break_space_nor_loses_it(space: str) -> None:
    """The lines of reportlab's ``simpleSplit`` broke at any whitespace and joined the words with a plain space: a
    no-break space was printed as an ordinary one, and « Hall du bâtiment B : sonnez » could put its colon
    at the start of a line. Ordinary spaces typed twice are one, as on the pages."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from generator.outputs.poster_drawing import FONT, load_fonts, wrap

    load_fonts()
    typed = f"Hall du  bâtiment B{space}: sonnez"
    width = stringWidth(f"Hall du bâtiment B{space}:", FONT[""], 12) - 1
    assert wrap(typed, FONT[""], 12, width) == ["Hall du bâtiment", f"B{space}: sonnez"]
    assert wrap(typed, FONT[""], 12, 1000) == [f"Hall du bâtiment B{space}: sonnez"]


ADDED = {"uk": "Цей сайт українською", "he": "האתר הזה בעברית"}
"""« Ce site en français » in two languages a landlord may add (README, « Adding a language »: its example
is Ukrainian), in scripts the posters' words and the Arabic line did not use."""


def test_the_foot_prints_this_site_in_a_language_added_to_the_catalogs_in_its_letters(make_project,
                                                                                       tmp_path: Path) -> None:
    """The bold subset kept Latin and the Arabic lines only: with a catalog added as the README says, the
    poster's foot printed « Цей сайт українською » and « האתר הזה בעברית » as empty boxes."""
    root = make_project(site_config=SITE_CONFIG + "languages: [fr, uk, he]\n", test=CARETAKER)
    out = tmp_path / "out"
    result = _with_catalogs(tmp_path, ADDED, "posters", "--project", str(root), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("affiche-a4", "flyer-a5"):
        runs = _drawn_runs((out / "test" / f"test-{name}.pdf").read_bytes())
        assert [ord(c) for c in ADDED["uk"]] in runs, name
        assert [ord(c) for c in reversed(ADDED["he"])] in runs, name  # right to left: drawn in visual order
        assert not [run for run in runs if 0xFFFF in run or 0 in run], name


def _with_catalogs(tmp_path: Path, added: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command ``args`` (``--today`` 2026-12-02) with our catalogs and one more per language of ``added``,
    made from the English one with « Ce site en français » as given, as the README's « Adding a language »
    does: in another process, whose catalogs folder is a copy of ours."""
    from generator.paths import LOCALES_DIR

    locales = tmp_path / "locales"
    locales.mkdir()
    for catalog in LOCALES_DIR.glob("*.po"):
        (locales / catalog.name).write_bytes(catalog.read_bytes())
    english = (LOCALES_DIR / "en.po").read_text(encoding="utf-8")
    for code, phrase in added.items():
        (locales / f"{code}.po").write_text(english.replace('msgstr "This site in English"', f'msgstr "{phrase}"')
                                            .replace('"Language: en', f'"Language: {code}'), encoding="utf-8")
    code = ("import pathlib, sys, generator.paths as paths, generator.outputs.i18n as i18n\n"
            f"paths.LOCALES_DIR = i18n.LOCALES_DIR = pathlib.Path({str(locales)!r})\n"
            "from generator.cli import main\n"
            "main(sys.argv[1:])")
    return subprocess.run([sys.executable, "-c", code, *args, "--today", "2026-12-02"], capture_output=True,
                          text=True, cwd=REPO, env={**os.environ, "RESIDENCE_HUB_CACHE": str(tmp_path / "cache")})


UNPRINTABLE = {"zh": "本网站中文版", "hi": "यह साइट हिंदी में"}
"""« Ce site en français » in two languages a landlord may add whose letters DejaVu Sans does not have."""


@pytest.mark.parametrize("command", ["posters", "build"])
def test_a_language_whose_catalog_the_poster_font_cannot_print_is_refused_at_its_line(make_project, tmp_path: Path,
                                                                                      command: str) -> None:
    """A catalog added in Chinese or Hindi (the README's « Adding a language »): the foot of every poster printed
    « 本网站中文版 » as empty boxes, and the build published them. Now refused at the language's line of
    ``site_config.yml``, each language once, naming its letters; nothing written."""
    root = make_project(site_config=SITE_CONFIG + "languages:\n  - fr\n  - en\n  - zh\n  - hi\n",
                        test=CARETAKER, autre=CARETAKER)
    out = tmp_path / "out"
    result = _with_catalogs(tmp_path, UNPRINTABLE, command, "--project", str(root), "--out", str(out))
    assert result.returncode == 1, result.stdout + result.stderr
    lines = SITE_CONFIG.count("\n")
    errors = [line for line in result.stderr.splitlines() if "site_config.yml:" in line]
    assert [line.split("site_config.yml:", 1)[1].split(":", 1)[0] for line in errors] == [str(lines + 4),
                                                                                          str(lines + 5)]
    assert "langue « zh »" in errors[0] and "« 本 » (U+672C)" in errors[0], errors
    assert "langue « hi »" in errors[1] and "(U+092F)" in errors[1], errors
    assert "zh.po" in result.stderr and "retirez « zh » de « languages »" in result.stderr
    assert not list(out.rglob("*.pdf")) if out.exists() else True


def test_direction_marks_and_joiners_pasted_in_a_name_are_printed_as_nothing(make_project, tmp_path: Path) -> None:
    """A name copied from a message or a document written right to left carries a left-to-right mark (U+200E),
    a joiner (U+200D): invisible in the editor and on the pages, refused by ``validate`` as a character the
    poster cannot print, with a hint to replace it « par une lettre » that staff could not see. DejaVu Sans
    draws them as nothing; the PDF's text keeps them as typed."""
    name = "Zoë\u200d Lefèvre\u200e"
    root = make_project(test=CARETAKER.replace("Zoë Lefèvre", name).replace("Hall du bâtiment B",
                                                                           "Hall du bâtiment B\u200f\u200c"))
    result = CliRunner().invoke(main, ["validate", "--project", str(root)])
    assert result.exit_code == 0, result.output
    assert run_posters(root, tmp_path / "out").exit_code == 0
    for fmt in ("affiche-a4", "flyer-a5"):
        text = " ".join(pypdf.PdfReader(tmp_path / "out" / "test" / f"test-{fmt}.pdf").pages[0].extract_text().split())
        assert name in text and "(Hall du bâtiment B\u200f\u200c)" in text, (fmt, text)


def test_a_caretaker_s_title_the_poster_cannot_print_is_refused_at_its_line(make_project, tmp_path: Path) -> None:
    """The poster prints « Votre gardienne » from ``caretaker.title``, which ``validate`` did not check: an emoji
    or a letter of another alphabet there was printed as an empty box (« Votre gardienne □ »). A site whose
    default language is not French prints our French word instead: its title is not checked."""
    titled = CARETAKER.replace("  mode: itinerant", "  title: {fr: gardienne 🧹, ar: الحارسة}\n  mode: itinerant")
    root = make_project(site_config=SITE_CONFIG + "languages: [fr, ar]\n", test=titled)
    result = CliRunner().invoke(main, ["validate", "--project", str(root)])
    assert result.exit_code == 1
    assert result.output.startswith("Erreur : residences/test.yml:6: caractère « 🧹 » (U+1F9F9) impossible à "
                                    "imprimer sur l'affiche\n"), result.output
    assert "1 erreur dans 1 fichier(s)" in result.output
    english = make_project(site_config=SITE_CONFIG + "languages: [en, fr]\n",
                           test=CARETAKER.replace("  mode: itinerant", "  title: caretaker 🧹\n  mode: itinerant"))
    assert CliRunner().invoke(main, ["validate", "--project", str(english)]).exit_code == 0
    assert run_posters(english, tmp_path / "out").exit_code == 0
    text = pypdf.PdfReader(tmp_path / "out" / "test" / "test-affiche-a4.pdf").pages[0].extract_text()
    assert "Votre gardien\n" in text and "🧹" not in text


ARABIC_FIRST = """\
landlord: {name: Habitat Test}
base_url: https://residences.example.org/
languages: [ar, fr]
agencies:
  nord:
    name: {ar: وكالة الشمال, fr: Agence Nord}
    phone: 01 49 33 10 10
    hours: {ar: من الاثنين إلى الجمعة, fr: Du lundi au vendredi}
emergency:
  - {label: {ar: الإسعاف, fr: SAMU}, phone: 15}
"""
ARABIC_RESIDENCE = """\
name: {ar: إقامة الزيزفون, fr: Résidence Les Tilleuls}
address: {street: 12 rue des Tilleuls, postcode: 93200, city: Saint-Denis}
agency: nord
caretaker:
  name: Fatima Benali
  title: {ar: الحارسة, fr: gardienne}
  phone: 01 48 20 11 22
  office: {ar: مكتب المبنى A, fr: Loge du bâtiment A}
  hours:
    - {days: [mon, tue, wed, thu, fri], open: 8:30, close: 12h, place: {ar: المدخل B, fr: Hall B}}
"""


def test_a_site_in_arabic_first_prints_the_french_texts_on_its_french_posters(make_project, tmp_path: Path) -> None:
    """The posters' words are French, whatever the default language; a site in Arabic first typing its names,
    office and emergency labels in Arabic (its default language) with their French text was refused at each
    of them, « l'affiche n'imprime que l'alphabet latin », though the French text was there: such a site could
    not be published. The posters print the French text where one is typed; a printed text with none, in
    another alphabet, is refused with a hint to give it."""
    root = make_project(site_config=ARABIC_FIRST, test=ARABIC_RESIDENCE)
    result = CliRunner().invoke(main, ["validate", "--project", str(root), "--today", "2026-12-02"])
    assert result.exit_code == 0, result.output
    assert run_posters(root, tmp_path / "out").exit_code == 0
    for fmt in ("affiche-a4", "flyer-a5"):
        text = " ".join(pypdf.PdfReader(tmp_path / "out" / "test" / f"test-{fmt}.pdf").pages[0].extract_text().split())
        for french in ("Résidence Les Tilleuls", "Votre gardienne", "Loge du bâtiment A", "(Hall B)", "15 SAMU"):
            assert french in text, (fmt, french, text)
    agencyless = make_project(site_config=ARABIC_FIRST.replace("  - {label: {ar: الإسعاف, fr: SAMU}",
                                                               "  - {label: الإسعاف"),
                              test=ARABIC_RESIDENCE.replace("{ar: مكتب المبنى A, fr: Loge du bâtiment A}",
                                                            "مكتب المبنى A"))
    result = CliRunner().invoke(main, ["validate", "--project", str(agencyless), "--today", "2026-12-02"])
    assert result.exit_code == 1
    hint = ("    → l'affiche est imprimée en français : donnez aussi ce texte en français, par exemple "
            "{ar: …, fr: …}\n")
    assert "residences/test.yml:8: 8 caractères impossibles à imprimer sur l'affiche" in result.output
    assert "site_config.yml:10: 6 caractères impossibles à imprimer sur l'affiche" in result.output
    assert result.output.count(hint) == 2, result.output
    english = make_project(site_config=SITE_CONFIG + "languages: [en, fr]\n",  # « fr » inside a plain title
                           test=CARETAKER.replace("  mode: itinerant", "  title: frontline 🧹\n  mode: itinerant"))
    assert CliRunner().invoke(main, ["validate", "--project", str(english)]).exit_code == 0


def test_an_arabic_first_poster_says_in_arabic_that_its_address_is_the_arabic_site(make_project,
                                                                                    tmp_path: Path) -> None:
    """With Arabic first the QR code and the large address lead to the Arabic pages, but the poster's foot said
    only « Ce site en français » (the other language): nothing on the poster said, in Arabic, that the site is
    in Arabic. Each language of the site is now on its own row, the default one with the main address; French
    has no row on a site in French first, whose poster is all French and leads to French."""
    root = make_project(site_config=ARABIC_FIRST, test=ARABIC_RESIDENCE)
    project = load_project(root)
    text = posters.poster_text(ResidenceContext.of(project, project.residences[0], date(2026, 12, 2)))
    assert text.languages == (("ar", "هذا الموقع بالعربية", "residences.example.org/test/"),
                              ("fr", "Ce site en français", "residences.example.org/test/fr/"))
    assert run_posters(root, tmp_path / "out").exit_code == 0
    for fmt in ("affiche-a4", "flyer-a5"):
        text_drawn = pypdf.PdfReader(tmp_path / "out" / "test" / f"test-{fmt}.pdf").pages[0].extract_text()
        letters = "".join(c for c in unicodedata.normalize("NFKC", text_drawn) if "\u0600" <= c <= "\u06ff")
        assert "هذاالموقعبالعربية" in letters or "هذاالموقعبالعربية"[::-1] in letters, (fmt, letters)
        assert "Ce site en français" in text_drawn and "residences.example.org/test/fr/" in text_drawn
    french_first = make_project(site_config=SITE_CONFIG + "languages: [fr, ar]\n")
    project = load_project(french_first)
    text = posters.poster_text(ResidenceContext.of(project, project.residences[0], date(2026, 12, 2)))
    assert [code for code, _, _ in text.languages] == ["ar"]


def test_a_site_in_arabic_first_without_french_is_told_to_add_french_for_its_posters(make_project) -> None:
    """With « languages: [ar, en] » the hint asked for a « fr: » text, which that site's languages then refuse
    (« langue « fr » absente de « languages » »): two runs to learn the posters need French among them."""
    config = ARABIC_FIRST.replace("[ar, fr]", "[ar, en]").replace("fr: Agence Nord", "en: North agency").replace(
        "fr: Du lundi au vendredi", "en: Monday to Friday").replace("fr: SAMU", "en: Ambulance")
    root = make_project(site_config=config, test=RESIDENCE_PLAIN)
    result = CliRunner().invoke(main, ["validate", "--project", str(root), "--today", "2026-12-02"])
    assert result.exit_code == 1
    assert ("site_config.yml:6: 7 caractères impossibles à imprimer sur l'affiche : « ا » (U+0627), « ة » (U+0629), "
            "« ش » (U+0634), « ك » (U+0643), « ل » (U+0644), « م » (U+0645), « و » (U+0648)\n"
            "    → l'affiche est imprimée en français : ajoutez fr à « languages » dans site_config.yml, puis donnez "
            "ce texte en français, par exemple {ar: …, fr: …}\n") in result.output, result.output


RESIDENCE_PLAIN = "name: Les Tilleuls\naddress: {street: 1 rue A, postcode: 93200, city: Saint-Denis}\nagency: nord\n"


def test_latin_letters_of_vietnamese_and_other_names_are_printed_as_typed(make_project, tmp_path: Path) -> None:
    """DejaVu Sans draws every Latin letter of a caretaker's name: « Trương Nguyễn » (ư U+01B0, ễ U+1EC5) was
    refused, « caractère impossible à imprimer sur l'affiche », with the hint « l'affiche n'imprime que
    l'alphabet latin » for Latin letters, and staff could only misspell the name printed in the hall."""
    name = "Trương Nguyễn Ǩǿ Ḑặng"
    root = make_project(test=CARETAKER.replace("name: Zoë Lefèvre", f"name: {name}"))
    result = CliRunner().invoke(main, ["validate", "--project", str(root)])
    assert result.exit_code == 0, result.output
    assert run_posters(root, tmp_path / "out").exit_code == 0
    for fmt in ("affiche-a4", "flyer-a5"):
        text = pypdf.PdfReader(tmp_path / "out" / "test" / f"test-{fmt}.pdf").pages[0].extract_text()
        assert name in text, fmt
