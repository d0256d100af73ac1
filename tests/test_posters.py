"""Posters and QR codes: decoded by a real decoder (ZXing C++) from the PNG, the SVG and the printed PDF.

PDFs are rendered by poppler's ``pdftoppm`` (Debian ``poppler-utils``) at a known resolution, so the QR
code's printed size is measured on the rendered page, not taken from our own layout numbers.
"""

from __future__ import annotations

import io
import re
import os
import shutil
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
from reportlab.pdfbase import pdfmetrics
import pytest
import zxingcpp
from click.testing import CliRunner
from PIL import Image, ImageOps

from generator.cli import main
from generator.outputs import posters
from generator.outputs.context import ResidenceContext
from generator.outputs.poster_words import A5
from generator.outputs.published import poster_paths
from generator.publish.print_run import write_posters
from generator.contract.project import load_project

from conftest import REPO, RESIDENCE, SAMPLE_TODAY, SITE_CONFIG

URL = "https://residences.example.org/test/"
MM_PER_INCH = 25.4
DPI = 150

CARETAKER = """\
name: Résidence Les Œillets
address: {street: 3 allée Cézanne, postcode: 93200, city: Saint-Denis}
agency: nord
caretaker:
  name: Zoë Lefèvre
  mode: itinerant
  phone: 01 48 20 11 22
  hours:
    - {days: [mon, wed], open: 8:30, close: 12h, place: Hall du bâtiment B}
    - {days: [fri], open: 14h, close: 16h30}
"""
CROWDED = CARETAKER.split("  hours:")[0] + "  hours:\n" + "".join(
    f"    - {{days: [{d}], open: 8h, close: 9h, place: {'Hall du bâtiment numéro ' * 4}{i}}}\n"
    for i, d in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"] * 6))
"""A caretaker with 42 long slots: too much text for a poster even at 60 % of its type size."""


def run_posters(root: Path, out: Path, *slugs: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["posters", "--project", str(root), "--out", str(out),
                                     "--today", "2026-12-02", *slugs])


def decode(image: Image.Image) -> list[zxingcpp.Barcode]:
    return [b for b in zxingcpp.read_barcodes(image) if b.format == zxingcpp.BarcodeFormat.QRCode]


def render_pdf(pdf: Path, tmp_path: Path) -> Image.Image:
    """The PDF's single page as poppler draws it, at ``DPI`` (what a printer would receive)."""
    assert shutil.which("pdftoppm"), "pdftoppm is missing: apt-get install -y poppler-utils"
    prefix = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(pdf), str(prefix)], check=True)
    return Image.open(f"{prefix}.png")


def side_mm(barcode: zxingcpp.Barcode) -> float:
    """The decoded symbol's side (finder pattern corners, quiet zone excluded) in millimetres."""
    pos = barcode.position
    return min(pos.top_right.x - pos.top_left.x, pos.bottom_left.y - pos.top_left.y) / DPI * MM_PER_INCH


def test_posters_command_writes_four_files_per_residence(make_project, tmp_path: Path) -> None:
    root = make_project(test=CARETAKER, autre=CARETAKER.replace("Œillets", "Lilas"))
    result = run_posters(root, tmp_path / "out")
    assert result.exit_code == 0, result.output
    for slug in ("autre", "test"):
        names = sorted(p.name for p in (tmp_path / "out" / slug).iterdir())
        assert names == sorted(Path(p).name for p in poster_paths(slug).all())


def test_qr_png_decodes_to_the_exact_site_url_at_level_m_or_more(make_project, tmp_path: Path) -> None:
    root = make_project(test=CARETAKER)
    assert run_posters(root, tmp_path / "out").exit_code == 0
    [barcode] = decode(Image.open(tmp_path / "out" / "test" / "test-qr-code.png"))
    assert barcode.text == URL  # exactly: no tracking parameter, trailing slash
    assert barcode.ec_level in ("M", "Q", "H")


def test_qr_svg_decodes_once_drawn_by_a_browser(make_project, tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test=CARETAKER)
    assert run_posters(root, tmp_path / "out").exit_code == 0
    svg = (tmp_path / "out" / "test" / "test-qr-code.svg").read_text(encoding="utf-8")
    assert "<title>" in svg
    page = browser.new_page()
    page.set_content(f'<body style="margin:0;background:#fff">{svg}</body>')
    shot = page.locator("svg").screenshot()
    page.close()
    [barcode] = decode(Image.open(io.BytesIO(shot)))
    assert barcode.text == URL


@pytest.mark.parametrize(("name", "width_mm", "height_mm"), [("affiche-a4", 210, 297), ("flyer-a5", 148, 210)])
def test_printed_pdf_scans_is_the_right_page_size_and_qr_is_6_cm_or_more(
        make_project, tmp_path: Path, name: str, width_mm: float, height_mm: float) -> None:
    root = make_project(test=CARETAKER)
    assert run_posters(root, tmp_path / "out").exit_code == 0
    pdf = tmp_path / "out" / "test" / f"test-{name}.pdf"
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * MM_PER_INCH), round(float(box.height) / 72 * MM_PER_INCH)) == (
        width_mm, height_mm)  # portrait
    [barcode] = decode(render_pdf(pdf, tmp_path))
    assert barcode.text == URL
    assert side_mm(barcode) >= 60


def test_pdf_text_holds_the_words_a_tenant_needs(make_project, tmp_path: Path) -> None:
    root = make_project(test=CARETAKER)
    assert run_posters(root, tmp_path / "out").exit_code == 0
    for name in ("affiche-a4", "flyer-a5"):
        reader = pypdf.PdfReader(tmp_path / "out" / "test" / f"test-{name}.pdf")
        # NFKC: joined Arabic glyphs are mapped to their presentation forms (U+FExx), the same letters.
        text = unicodedata.normalize("NFKC", " ".join(reader.pages[0].extract_text().split()))
        for expected in ("Habitat Test", "Résidence Les Œillets", "3 allée Cézanne, 93200 Saint-Denis",
                         "Toutes les infos de votre résidence", "residences.example.org/test/",
                         "Zoë Lefèvre", "01 48 20 11 22", "Passages", "Lundi et mercredi, de 8h30 à 12h",
                         "(Hall du bâtiment B)", "Pas de passage les jours fériés", "15 SAMU", "Information for residents", "معلومات للسكان"):
            assert expected in text, (name, expected)
        # The short address is also a link to the full one, for those reading the PDF on screen.
        links = [a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots", [])]
        assert links and set(links) == {URL}
        assert reader.metadata.title == "Résidence Les Œillets\u00a0: Toutes les infos de votre résidence"


def test_pdf_fonts_are_embedded(make_project, tmp_path: Path) -> None:
    root = make_project(test=CARETAKER)
    assert run_posters(root, tmp_path / "out").exit_code == 0
    reader = pypdf.PdfReader(tmp_path / "out" / "test" / "test-affiche-a4.pdf")
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    names = set()
    for ref in fonts.values():
        font = ref.get_object()
        assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]  # a TrueType subset, embedded
        names.add(str(font["/BaseFont"]).split("+")[1])
    assert names == {"DejaVuSans", "DejaVuSans-Bold"}  # and no standard font left unembedded


def test_a_pdf_reader_shows_and_reads_the_posters_title_and_language(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """WCAG's PDF18 and PDF/UA: a reader shows the document's title, not its file name, only when the
    catalog's ViewerPreferences say DisplayDocTitle; a screen reader announces « les-tilleuls-affiche-a4.pdf »
    otherwise. Each poster has its title, its language (French, the posters' words) and that flag."""
    root = make_project(test=CARETAKER)
    assert run_posters(root, tmp_path / "out").exit_code == 0
    for name in ("affiche-a4", "flyer-a5"):
        reader = pypdf.PdfReader(tmp_path / "out" / "test" / f"test-{name}.pdf")
        catalog = reader.trailer["/Root"]
        assert reader.metadata.title == "Résidence Les Œillets\u00a0: Toutes les infos de votre résidence"
        assert catalog["/Lang"] == "fr-FR", name
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True, name  # noqa: E712 (pypdf BooleanObject)
        # Both came with PDF 1.4: a file saying 1.3 (reportlab's default) may have them ignored by a strict reader.
        assert reader.pdf_header == "%PDF-1.4", name


def test_reportlab_writes_the_pdfs_with_its_c_accelerator() -> None:
    from reportlab.lib import rl_accel

    # rl-accel (a dependency) formats numbers and measures strings in C: half the CPU of two posters.
    assert {"fp_str", "instanceStringWidthTTF"} <= set(rl_accel._c_funcs), "rl-accel missing: pip install -e ."


def test_without_caretaker_the_poster_gives_the_agency(make_project, tmp_path: Path) -> None:
    root = make_project()  # the default residence has no caretaker
    assert run_posters(root, tmp_path / "out").exit_code == 0
    text = pypdf.PdfReader(tmp_path / "out" / "test" / "test-affiche-a4.pdf").pages[0].extract_text()
    assert "Votre agence" in text and "Agence Nord" in text and "01 49 33 10 10" in text


def test_a_caretaker_without_a_phone_of_their_own_gives_the_agencys_on_the_poster(
        make_project, tmp_path: Path) -> None:
    """A caretaker typed with hours but no phone nor mobile: the poster printed no number at all, and a tenant
    reading it in the hall had nobody to call. It gives the agency's phone, named as such."""
    root = make_project(test=CARETAKER.replace("  phone: 01 48 20 11 22\n", ""))
    assert run_posters(root, tmp_path / "out").exit_code == 0
    for name in ("affiche-a4", "flyer-a5"):
        text = " ".join(pypdf.PdfReader(tmp_path / "out" / "test" / f"test-{name}.pdf").pages[0].extract_text().split())
        assert "Zoë Lefèvre Tél. de l'agence 01 49 33 10 10 Passages" in text, (name, text)
    root = make_project(test=CARETAKER)  # with a phone of their own: theirs only
    assert run_posters(root, tmp_path / "own").exit_code == 0
    text = pypdf.PdfReader(tmp_path / "own" / "test" / "test-affiche-a4.pdf").pages[0].extract_text()
    assert "01 48 20 11 22" in text and "agence" not in text


def test_long_content_shrinks_to_stay_on_one_page(make_project, tmp_path: Path) -> None:
    slots = "".join(f"    - {{days: [{d}], open: 8h, close: 9h, place: Hall du bâtiment numéro {i} côté jardin}}\n"
                    for i, d in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"] * 2))
    root = make_project(test=CARETAKER.split("  hours:")[0] + "  hours:\n" + slots)
    assert run_posters(root, tmp_path / "out").exit_code == 0
    for name in ("affiche-a4", "flyer-a5"):
        pdf = tmp_path / "out" / "test" / f"test-{name}.pdf"
        reader = pypdf.PdfReader(pdf)
        assert len(reader.pages) == 1
        text = unicodedata.normalize("NFKC", " ".join(reader.pages[0].extract_text().split()))
        assert "côté jardin" in text and "معلومات للسكان" in text
        [barcode] = decode(render_pdf(pdf, tmp_path))
        assert side_mm(barcode) >= 60


def test_landlord_logo_is_printed(make_project, tmp_path: Path) -> None:
    root = make_project(site_config=SITE_CONFIG.replace("landlord: {name: Habitat Test,",
                                                        "landlord: {name: Habitat Test, logo: logo.png,"))
    Image.new("RGB", (200, 80), (0, 70, 140)).save(root / "logo.png")
    assert run_posters(root, tmp_path / "out").exit_code == 0
    page = pypdf.PdfReader(tmp_path / "out" / "test" / "test-affiche-a4.pdf").pages[0]
    assert len(page.images) == 1


@pytest.mark.parametrize("mode", ["L", "I;16"])
def test_a_grey_logo_is_printed_in_its_grey_whatever_its_depth(make_project, tmp_path: Path, mode: str) -> None:
    """A 16-bit grey PNG (as GIMP or a scanner saves one) was printed white: Pillow handed reportlab its
    values cut to 8 bits (every grey above 255 of 65,535 is 255). Rendered by poppler, the logo's grey is
    the one in the file, as for an 8-bit logo."""
    root = make_project(site_config=SITE_CONFIG.replace("landlord: {name: Habitat Test,",
                                                        "landlord: {name: Habitat Test, logo: logo.png,"))
    Image.new(mode, (140, 140), 120 if mode == "L" else 120 * 257).save(root / "logo.png")
    assert run_posters(root, tmp_path / "out").exit_code == 0
    page = render_pdf(tmp_path / "out" / "test" / "test-affiche-a4.pdf", tmp_path).convert("L")
    centre = round((15 + 30) / MM_PER_INCH * DPI), round((15 + 7) / MM_PER_INCH * DPI)  # of the 60 × 14 mm box
    assert page.getpixel(centre) == pytest.approx(120, abs=3)


@pytest.mark.parametrize(("orientation", "mode"), [(6, "RGB"), (8, "RGB"), (3, "RGB"), (2, "RGB"), (6, "CMYK")])
def test_a_logo_turned_by_its_exif_is_printed_as_every_viewer_shows_it(make_project, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                       orientation: int, mode: str) -> None:
    """A JPEG logo whose EXIF says it is turned (a photo of the logo taken with a phone, some exports) is
    shown upright by every viewer, browser and office program, and was printed on its side (or upside down,
    or mirrored) on every poster: reportlab draws the pixels as stored. Printed as it is shown."""
    root = make_project(site_config=SITE_CONFIG.replace("landlord: {name: Habitat Test,",
                                                        "landlord: {name: Habitat Test, logo: logo.jpg,"))
    red, blue = ((255, 0, 0), (0, 0, 255)) if mode == "RGB" else ((0, 255, 255, 0), (255, 255, 0, 0))
    stored = Image.new(mode, (400, 100), red)
    stored.paste(Image.new(mode, (200, 100), blue), (200, 0))
    exif = stored.getexif()
    exif[0x0112] = orientation
    stored.save(root / "logo.jpg", exif=exif, quality=95)
    with Image.open(root / "logo.jpg") as typed:
        shown = ImageOps.exif_transpose(typed).convert("RGB")
    assert run_posters(root, tmp_path / "out").exit_code == 0
    for name in ("test-affiche-a4.pdf", "test-flyer-a5.pdf"):
        [drawn] = pypdf.PdfReader(tmp_path / "out" / "test" / name).pages[0].images
        printed = drawn.image.convert("RGB")  # made smaller when higher than 300 dpi of its box allows
        assert printed.width / printed.height == pytest.approx(shown.width / shown.height, rel=0.03)
        shown = shown.resize(printed.size)
        for corner in [(5, 5), (printed.width - 5, printed.height - 5)]:
            assert printed.getpixel(corner) == pytest.approx(shown.getpixel(corner), abs=40)


@pytest.mark.parametrize(("name", "mode"), [("logo.png", "RGBA"), ("logo.png", "P"), ("logo.jpg", "RGB")])
def test_a_print_quality_logo_is_embedded_at_the_posters_resolution_and_drawn_quickly(
        make_project, tmp_path: Path, name: str, mode: str) -> None:  # type: ignore[no-untyped-def]
    """A logo exported « for print » (3,000 pixels wide, a few kilobytes of PNG) was embedded whole in every PDF,
    decoded and compressed again for each: 0.2 s a poster, 1,000 residences' posters in over three minutes
    rather than one, and each PDF eight times heavier. It is embedded at 300 dpi of its 60 × 14 mm box, and
    still printed in its colours, left and right."""
    root = make_project(site_config=SITE_CONFIG.replace("landlord: {name: Habitat Test,",
                                                        f"landlord: {{name: Habitat Test, logo: {name},"))
    red, blue = (200, 20, 20), (20, 40, 180)
    logo = Image.new("RGB", (3000, 1000), red)
    logo.paste(Image.new("RGB", (1500, 1000), blue), (1500, 0))
    (logo.convert("RGBA") if mode == "RGBA" else logo.quantize(4) if mode == "P" else logo).save(root / name)
    assert run_posters(root, tmp_path / "out").exit_code == 0
    for pdf, scale in (("test-affiche-a4.pdf", 1.0), ("test-flyer-a5.pdf", A5.text_scale)):
        [drawn] = pypdf.PdfReader(tmp_path / "out" / "test" / pdf).pages[0].images
        assert drawn.image.width <= 60 / MM_PER_INCH * 300 + 1 and drawn.image.height <= 14 / MM_PER_INCH * 300 + 1
        page = render_pdf(tmp_path / "out" / "test" / pdf, tmp_path).convert("RGB")
        margin, height = (15, 14) if scale == 1 else (10, 14 * scale)  # printed 3:1, as high as its box
        y = round((margin + height / 2) / MM_PER_INCH * DPI)
        for x, colour in ((margin + height * 0.75, red), (margin + height * 2.25, blue)):
            assert page.getpixel((round(x / MM_PER_INCH * DPI), y)) == pytest.approx(colour, abs=12)


@pytest.mark.parametrize("mode", ["L", "RGB", "P"])
@pytest.mark.parametrize("width", [300, 3000])
def test_a_logo_whose_background_colour_is_transparent_is_printed_without_it(
        make_project, tmp_path: Path, mode: str, width: int) -> None:  # type: ignore[no-untyped-def]
    """A grey or colour PNG with one transparent colour (its tRNS chunk, what optipng or oxipng make of a logo
    whose transparency is all or nothing) was printed with that colour: a black box around the logo on every
    poster. Its background is the page's white, as in every viewer; its drawing is printed."""
    root = make_project(site_config=SITE_CONFIG.replace("landlord: {name: Habitat Test,",
                                                        "landlord: {name: Habitat Test, logo: logo.png,"))
    background, drawing = {"L": (0, 120), "RGB": ((0, 0, 0), (200, 0, 0)), "P": (0, 1)}[mode]
    logo = Image.new(mode, (width, width // 3), background)
    logo.paste(Image.new(mode, (width // 3, width // 3), drawing), (width // 3, 0))
    if mode == "P":
        logo.putpalette([0, 0, 0, 0, 90, 200])
    logo.save(root / "logo.png", transparency=background)
    assert run_posters(root, tmp_path / "out").exit_code == 0
    page = render_pdf(tmp_path / "out" / "test" / "test-affiche-a4.pdf", tmp_path).convert("RGB")
    y = round((15 + 7) / MM_PER_INCH * DPI)  # printed 42 × 14 mm, centred in its 60 × 14 mm box: 24 to 66 mm
    left, middle, right = (page.getpixel((round(x / MM_PER_INCH * DPI), y)) for x in (30, 45, 60))
    assert left == right == (255, 255, 255)
    assert middle == pytest.approx({"L": (120,) * 3, "RGB": (200, 0, 0), "P": (0, 90, 200)}[mode], abs=12)


def test_a_poster_with_a_logo_is_the_same_from_any_project_folder(make_project, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The logo is drawn from its pixels, not named by its path (reportlab names an image by its file
    name): the posters' cache keys the logo's bytes, so a poster drawn for a copy of the project in
    another folder (another checkout sharing the cache, a moved project) is served, and must be the
    bytes a full build there draws."""
    root = make_project(site_config=SITE_CONFIG.replace("landlord: {name: Habitat Test,",
                                                        "landlord: {name: Habitat Test, logo: logo.png,"),
                        test=CARETAKER)
    Image.new("RGB", (200, 80), (0, 70, 140)).save(root / "logo.png")
    elsewhere = shutil.copytree(root, tmp_path / "elsewhere" / "copie")
    monkeypatch.setenv("RESIDENCE_HUB_CACHE", "off")
    assert run_posters(root, tmp_path / "here").exit_code == 0
    assert run_posters(elsewhere, tmp_path / "there").exit_code == 0
    for name in ("test-affiche-a4.pdf", "test-flyer-a5.pdf"):
        assert (tmp_path / "here" / "test" / name).read_bytes() == (tmp_path / "there" / "test" / name).read_bytes()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("logo.png", None, "introuvable"), ("logo.png", b"not a PNG", "image illisible"),
    ("logo.gif", b"GIF89a", "format non pris en charge")])
def test_bad_logo_is_reported_with_its_line(make_project, tmp_path: Path, name: str, content: bytes | None,
                                            message: str) -> None:
    config = SITE_CONFIG.replace("landlord: {name: Habitat Test, tenant_portal: https://locataires.example.org/}",
                                 f"landlord:\n  name: Habitat Test\n  logo: {name}")
    root = make_project(site_config=config)
    if content is not None:
        (root / name).write_bytes(content)
    result = run_posters(root, tmp_path / "out")
    assert result.exit_code == 1
    assert f"site_config.yml:3: logo « {name} » : {message}" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("make", "told"), [
    (Path.mkdir, "c'est un dossier, pas un fichier\n    → indiquez le chemin de l'image elle-même, par exemple "
                 "assets/logo.png\n"),
    (os.mkfifo, "ce n'est pas un fichier ordinaire (tube nommé, socket ou périphérique)\n    → supprimez-le et "
                "mettez à sa place une image PNG ou JPEG\n")])
def test_a_logo_that_is_a_folder_or_a_pipe_is_told_with_a_hint_for_an_image(make_project, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                            make: Any, told: str) -> None:
    """A logo path naming a folder was told « renommez ce dossier (sans « .yml » à la fin) », and a named pipe
    « mettez à sa place un fichier texte »: the hints of a residence file. They ask for an image."""
    config = SITE_CONFIG.replace("landlord: {name: Habitat Test, tenant_portal: https://locataires.example.org/}",
                                 "landlord:\n  name: Habitat Test\n  logo: logo.png")
    root = make_project(site_config=config)
    make(root / "logo.png")
    result = run_posters(root, tmp_path / "out")
    assert result.exit_code == 1
    assert f"site_config.yml:3: logo « logo.png » : {told}" in result.output


def test_characters_the_font_cannot_print_are_refused_with_their_line(make_project, tmp_path: Path) -> None:
    root = make_project(test=CARETAKER.replace("name: Zoë Lefèvre", "name: Zoë 李"))
    result = run_posters(root, tmp_path / "out")
    assert result.exit_code == 1
    assert "residences/test.yml:5: caractère « 李 » (U+674E) impossible à imprimer sur l'affiche" in result.output
    assert not (tmp_path / "out").exists()


def test_unknown_slug_is_refused(make_project, tmp_path: Path) -> None:
    root = make_project(test=CARETAKER)
    result = run_posters(root, tmp_path / "out", "tset")
    assert result.exit_code == 1
    assert "résidence « tset » introuvable" in result.output
    assert run_posters(root, tmp_path / "out", "test").exit_code == 0


def test_a_residence_named_by_its_file_as_the_shell_completes_it_is_that_residence(
        make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """« residence-hub posters residences/test.yml » (what Tab completes) or « test.yml » was refused as
    « residences/residences/test.yml.yml:1: résidence introuvable »: a file that is nowhere. The file of a
    residence names it; a file that is no residence of the project is refused, named as typed."""
    root = make_project(test=CARETAKER, autre=CARETAKER)
    monkeypatch.chdir(root)
    for typed in ("residences/test.yml", "test.yml", str(root / "residences" / "test.yml"), "./residences/test.yml"):
        result = run_posters(root, tmp_path / typed.replace("/", "_"), typed)
        assert result.exit_code == 0, (typed, result.output)
        assert sorted(p.name for p in (tmp_path / typed.replace("/", "_")).iterdir()) == ["test"], typed
    monkeypatch.chdir(tmp_path)  # « --project ../mon-bailleur residences/test.yml »: the project's file
    assert run_posters(root, tmp_path / "elsewhere", "residences/test.yml").exit_code == 0
    result = run_posters(root, tmp_path / "none", "residences/tset.yml", "other/test.yml", "tset")
    assert result.exit_code == 1
    assert "residences/tset.yml:1: résidence « residences/tset.yml » introuvable" in result.output
    assert "other/test.yml:1: résidence « other/test.yml » introuvable" in result.output
    assert "residences/tset.yml:1: résidence « tset » introuvable" in result.output
    assert ".yml.yml" not in result.output


def test_same_input_gives_the_same_bytes_in_one_or_several_processes(make_project, tmp_path: Path) -> None:
    root = make_project(**{f"r{i}": CARETAKER for i in range(4)})
    project = load_project(root)
    write_posters(project, tmp_path / "one", [], SAMPLE_TODAY, jobs=1)
    write_posters(project, tmp_path / "two", [], SAMPLE_TODAY, jobs=2)
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.*")}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*.*")}
    assert len(one) == 16 and one == two
    other_day = posters.files(ResidenceContext.of(project, project.residences[0], date(2027, 1, 5)))
    assert other_day[poster_paths("r0").a4] != one[Path("r0", "r0-affiche-a4.pdf")]  # dated from --today


def test_posters_are_the_same_bytes_from_posters_and_build_whatever_source_date_epoch_says(
        make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """reportlab seeds each PDF's /ID with ``SOURCE_DATE_EPOCH`` when set (``build`` sets it to --today for
    MkDocs), else with a fixed date: the same poster had other bytes from ``posters`` than from ``build``,
    and through the posters' cache a build after ``posters`` published other bytes than a build alone.
    A value that is no number made ``posters --today`` stop on an internal error."""
    from generator.publish.site import build_site

    monkeypatch.setenv("RESIDENCE_HUB_CACHE", "off")  # each PDF drawn by the command run, not read back
    root = make_project(test=CARETAKER)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert run_posters(root, tmp_path / "plain").exit_code == 0
    drawn = {name: (tmp_path / "plain" / "test" / Path(name).name).read_bytes()
             for name in (poster_paths("test").a4, poster_paths("test").a5)}
    build_site(load_project(root), tmp_path / "site", date(2026, 12, 2))
    assert {name: (tmp_path / "site" / "test" / name).read_bytes() for name in drawn} == drawn
    for epoch in ("1796256000", "0", "abc"):  # another day, 1970, no number: --today says the day
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        result = run_posters(root, tmp_path / epoch)
        assert result.exit_code == 0, result.output
        assert {name: (tmp_path / epoch / "test" / Path(name).name).read_bytes() for name in drawn} == drawn


def test_build_publishes_posters_in_each_microsite_and_lists_them_for_staff(sample_site: Path) -> None:
    project = load_project(REPO)
    staff = (sample_site / "posters" / "index.html").read_text(encoding="utf-8")
    for item in project.residences:
        for relative in poster_paths(item.slug).all():
            assert (sample_site / item.slug / relative).is_file(), relative
            assert f'href="../{item.slug}/{relative}"' in staff
        [barcode] = decode(Image.open(sample_site / item.slug / poster_paths(item.slug).png))
        assert barcode.text == f"{project.config.root_url}{item.slug}/"
    # A staff page: not in the tenants' menu, nor in their search.
    assert "posters/" not in (sample_site / "index.html").read_text(encoding="utf-8")
    assert "posters" not in (sample_site / "search" / "search_index.json").read_text(encoding="utf-8")


def test_too_much_text_for_a_poster_is_refused_not_printed_unreadable(make_project, tmp_path: Path) -> None:
    result = run_posters(make_project(test=CROWDED), tmp_path / "out")
    assert result.exit_code == 1
    assert "residences/test.yml:8: trop de texte pour l'affiche A4 (gardien et horaires)" in result.output


@pytest.mark.parametrize(("where", "told"), [
    ("name", "residences/test.yml:1: trop de texte pour l'affiche A4 (nom de la résidence, « name »)\n"
             "    → raccourcissez le nom : l'affiche l'imprime en grand au-dessus du QR code"),
    ("street", "residences/test.yml:2: trop de texte pour l'affiche A4 (adresse, « address »)\n"
               "    → raccourcissez la rue (street) ou la commune (city) : l'affiche imprime l'adresse "
               "au-dessus du QR code"),
    ("landlord", "site_config.yml:1: trop de texte pour l'affiche A4 (nom du bailleur, « landlord »)\n"
                 "    → raccourcissez le nom du bailleur : chaque affiche l'imprime en haut de la page"),
])
def test_a_heading_too_long_for_a_poster_is_told_at_its_own_line_not_at_the_caretaker(
        make_project, tmp_path: Path, where: str, told: str) -> None:
    """A residence name, an address or a landlord's name so long that the caretaker's column ran into the
    foot was told at the caretaker's hours, « (gardien et horaires) », with a hint to group the slots, or at
    « emergency: » in site_config.yml: neither was too long. Told at the line of the text that is."""
    long = "Résidence des Tilleuls et des Marronniers " * 25
    residence, config = CARETAKER, SITE_CONFIG
    if where == "name":
        residence = residence.replace("name: Résidence Les Œillets", f"name: {long}")
    elif where == "street":
        residence = residence.replace("street: 3 allée Cézanne", f"street: {long * 3}")
    else:  # as long as the street: a landlord name's lines are 6.75 mm high, no longer 14
        config = config.replace("name: Habitat Test", f"name: {long * 3}")
    result = run_posters(make_project(site_config=config, test=residence), tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == f"Erreur : {told}\n1 erreur dans 1 fichier(s) : aucune affiche n'a été écrite.\n"


@pytest.mark.parametrize(("where", "line", "told"), [
    ("name", 5, "(gardien, « name »)"),
    ("title", 6, "(gardien, « title »)"),
    ("office", 6, "(gardien, « office »)"),
])
def test_a_caretaker_text_too_long_for_a_poster_is_told_at_its_own_line_not_at_the_hours(
        make_project, tmp_path: Path, where: str, line: int, told: str) -> None:
    """The caretaker's column overflowing was always told at « hours: », « (gardien et horaires) », with a
    hint to group the slots: a loge described in a long sentence (« office »), a long title or name was the
    text to shorten, typed lines above. Told at the line of the field that takes most of the column."""
    long = "Loge au rez-de-chaussée du bâtiment B, porte vitrée à gauche de l'ascenseur " * 40
    residence = CARETAKER.replace("  name: Zoë Lefèvre\n", f"  name: {long}\n" if where == "name" else
                                  f"  name: Zoë Lefèvre\n  {where}: {long}\n")
    result = run_posters(make_project(test=residence), tmp_path / "out")
    assert result.exit_code == 1
    assert f"Erreur : residences/test.yml:{line}: trop de texte pour l'affiche A4 {told}\n" in result.output
    assert "regroupez les horaires" not in result.output


def test_a_word_of_thousands_of_letters_is_cut_into_lines_quickly_and_as_before(make_project, tmp_path: Path) -> None:
    """A word too long for its line was cut by trying every length from the whole word down: a caretaker's name
    of 10,000 letters (a paste gone wrong), valid for ``validate``, hung ``build`` for hours, measured 10,000 times
    per line; 2,000 letters took seconds. Cut in milliseconds, at the same places; the build tells the text too
    long at its line. Found by giving every text of the samples 10,000 characters."""
    import time

    from generator.outputs.poster_drawing import FONT, load_fonts, wrap

    load_fonts()
    started = time.perf_counter()
    lines = wrap("Lefèvre" * 300, FONT["B"], 14, 200)
    assert time.perf_counter() - started < 0.5
    assert "".join(lines) == "Lefèvre" * 300 and len(lines) > 20
    for width in (5, 57.5, 200):  # at each line the widest start that fits (one letter at least), as before
        cut = wrap("Zoë-Lefèvre-" * 9, FONT[""], 11, width)
        for line, after in zip(cut, cut[1:]):
            assert pdfmetrics.stringWidth(line, FONT[""], 11) <= width or len(line) == 1
            assert pdfmetrics.stringWidth(line + after[0], FONT[""], 11) > width
    residence = CARETAKER.replace("  name: Zoë Lefèvre\n", f"  name: Zoë {'e' * 10_000}\n")
    started = time.perf_counter()
    result = run_posters(make_project(test=residence), tmp_path / "out")
    assert time.perf_counter() - started < 60
    assert "Erreur : residences/test.yml:5: trop de texte pour l'affiche A4 (gardien, « name »)\n" in result.output


def test_a_word_of_a_hundred_thousand_letters_in_site_config_is_told_in_seconds(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A landlord's name of 100,000 letters (a paste gone wrong, valid for ``validate``: site_config.yml may
    hold 512 KB) hung ``build`` and ``posters`` for hours: each line of the cut word was measured against the
    whole rest of the word, 3,000 lines of 100,000 letters, on every try at a smaller size. Cut in a fraction
    of a second, and told at its line. Found by giving every key of site_config.yml 100,000 characters."""
    import time

    from generator.outputs.poster_drawing import FONT, load_fonts, wrap

    load_fonts()
    started = time.perf_counter()
    lines = wrap("x" * 100_000, FONT["B"], 15, 283)
    assert time.perf_counter() - started < 2
    assert "".join(lines) == "x" * 100_000 and len(lines) > 3000
    config = SITE_CONFIG.replace("landlord: {name: Habitat Test,", f"landlord: {{name: Habitat {'x' * 100_000},")
    started = time.perf_counter()
    result = run_posters(make_project(site_config=config, test=CARETAKER), tmp_path / "out")
    assert time.perf_counter() - started < 60
    assert "Erreur : site_config.yml:1: trop de texte pour l'affiche A4 (nom du bailleur, « landlord »)\n" in \
        result.output


@pytest.mark.parametrize("command", ["posters", "build"])
def test_too_much_agency_text_for_a_poster_is_told_at_the_agency_in_site_config(
        make_project, tmp_path: Path, command: str) -> None:  # type: ignore[no-untyped-def]
    """Without a caretaker, the poster prints the agency's name, phone, hours and address, typed in
    site_config.yml: too long, it was told at each residence's « agency: » line, once per residence, « (gardien
    et horaires) », with a hint about the caretaker's slots that the file does not have."""
    hours = "Du lundi au vendredi de 9h à 12h30 et de 13h30 à 17h, le samedi sur rendez-vous ; " * 30
    config = SITE_CONFIG.replace("  sud: {name: Agence Sud}\n", f"  sud:\n    name: Agence Sud\n    hours: {hours}\n")
    residence = RESIDENCE.replace("agency: nord", "agency: sud")
    root = make_project(site_config=config, un=residence, deux=residence, trois=RESIDENCE)
    result = CliRunner().invoke(main, [command, "--project", str(root), "--out", str(tmp_path / "out"),
                                       "--today", "2026-12-02"])
    assert result.exit_code == 1
    assert result.output.endswith(  # after the build's progress lines
        "Erreur : site_config.yml:5: trop de texte pour l'affiche A4 (agence « sud » : nom, téléphone, horaires, "
        "adresse)\n"
        "    → raccourcissez les horaires (hours) ou l'adresse (address) de cette agence ; ses résidences sans "
        "gardien les impriment sur leur affiche\n"
        "1 erreur dans 1 fichier(s) : " + ("rien n'a été publié" if command == "build" else  # « trois »'s written
                                           "les affiches des autres résidences ont été écrites") + ".\n")


@pytest.mark.parametrize("command", ["posters", "build"])
def test_too_many_emergency_numbers_for_a_poster_are_told_once_at_emergency_in_site_config(
        make_project, tmp_path: Path, command: str) -> None:  # type: ignore[no-untyped-def]
    """Every poster prints all the emergency numbers of site_config.yml beside the caretaker: too many (or too
    long labels) were told at each residence's caretaker hours, « (gardien et horaires) », with a hint about
    slots, and at each agency of a residence without a caretaker. Told once, at « emergency: »; a residence
    whose own column is too long as well is still told at its hours."""
    numbers = "".join(f"  - {{label: Urgence de la ligne de secours numéro {i} pour les locataires, phone: 15}}\n"
                      for i in range(30))
    config = SITE_CONFIG.replace("  - {label: SAMU, phone: 15}\n", numbers)
    root = make_project(site_config=config, un=CARETAKER, deux=CARETAKER, trois=RESIDENCE, quatre=CROWDED)
    result = CliRunner().invoke(main, [command, "--project", str(root), "--out", str(tmp_path / "out"),
                                       "--today", "2026-12-02"])
    assert result.exit_code == 1
    assert result.output.endswith(  # after the build's progress lines
        "Erreur : residences/quatre.yml:8: trop de texte pour l'affiche A4 (gardien et horaires)\n"
        "    → regroupez les horaires (days: [mon, tue, …]) ou raccourcissez les lieux\n"
        "site_config.yml:6: trop de texte pour l'affiche A4 (numéros d'urgence, « emergency »)\n"
        "    → raccourcissez les libellés (label) ou gardez les numéros essentiels : chaque affiche les imprime tous, "
        "à côté du gardien\n"
        "2 erreurs dans 2 fichier(s) : " + ("rien n'a été publié" if command == "build" else
                                            "aucune affiche n'a été écrite") + ".\n")


def test_a_posters_run_refused_says_that_no_poster_was_written(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """« rien n'a été publié » was said by a command that never publishes, when the project was not valid."""
    result = run_posters(make_project(test=CARETAKER.replace("agency: nord", "agency: ouest")), tmp_path / "out")
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert result.output.endswith("1 erreur dans 1 fichier(s) : aucune affiche n'a été écrite.\n")


def test_one_emergency_label_too_long_for_a_poster_is_told_at_its_own_line(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A sentence pasted as one emergency number's label overflowed the posters' column and was told at
    « emergency: », lines above the label to shorten (the caretaker's column names its field at fault). Told at
    the label when it is longer than all the other numbers together. Found by giving every text of the samples
    10,000 characters."""
    config = SITE_CONFIG.replace("  - {label: SAMU, phone: 15}\n", "  - {label: SAMU, phone: 15}\n  - {label: Pompiers, "
                                 f"phone: 18}}\n  - {{label: Police {'secours ' * 200}, phone: 17}}\n")
    result = CliRunner().invoke(main, ["build", "--project", str(make_project(site_config=config, un=CARETAKER)),
                                       "--out", str(tmp_path / "out"), "--today", "2026-12-02"])
    assert result.exit_code == 1
    assert "Erreur : site_config.yml:9: trop de texte pour l'affiche A4 (numéros d'urgence, « emergency »)\n" in \
        result.output


@pytest.mark.parametrize("command", ["posters", "build"])
def test_every_residence_with_too_much_text_is_reported_together(make_project, tmp_path: Path,
                                                                 command: str) -> None:
    root = make_project(ok=CARETAKER, un=CROWDED, deux=CROWDED)
    result = CliRunner().invoke(main, [command, "--project", str(root), "--out", str(tmp_path / "out"),
                                       "--today", "2026-12-02"])
    assert result.exit_code == 1
    for slug in ("un", "deux"):
        assert f"residences/{slug}.yml:8: trop de texte pour l'affiche A4" in result.output
    assert "ok.yml" not in result.output
    if command == "build":
        assert not (tmp_path / "out").exists()
        assert result.output.endswith("2 erreurs dans 2 fichier(s) : rien n'a été publié.\n")
    else:  # the others' posters are written, and said to be: « rien n'a été publié » was said of them
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ok"]
        assert result.output.endswith("2 erreurs dans 2 fichier(s) : les affiches des autres résidences ont été "
                                      "écrites.\n")


def test_a_mistake_only_the_build_finds_is_told_to_github_as_validate_tells_its_own(
        make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Too much text for a poster passes validation and stops the build: in a workflow it was a line of the
    step's log only, neither on its line of the pull request (an annotation) nor in the job summary."""
    root = make_project(ok=CARETAKER, un=CROWDED, deux=CROWDED)
    summary = tmp_path / "summary.md"
    summary.write_text("## Before\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out"), "--today", "2026-12-02"])
    assert result.exit_code == 1
    for slug in ("un", "deux"):
        assert (f"::error file=residences/{slug}.yml,line=8,title=À corriger avant publication::trop de texte "
                "pour l'affiche A4 (gardien et horaires)%0A→ regroupez les horaires") in result.output
        assert f"residences/{slug}.yml:8: trop de texte pour l'affiche A4" in result.output  # the log's line
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("## Before\n## Vérification des résidences\n\n❌ 2 erreurs")
    assert "### residences/un.yml\n\n- **ligne 8** : trop de texte pour l'affiche A4" in written
    monkeypatch.delenv("GITHUB_ACTIONS")  # on a computer: the message alone
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out"), "--today", "2026-12-02"])
    assert result.exit_code == 1 and "::error" not in result.output
    assert summary.read_text(encoding="utf-8") == written


# --- rebuilds: a poster is drawn, and reportlab or segno imported, only when what it prints changed -------

NOTICE = """\
notices:
  - {title: Travaux, from: 2026-11-20, until: 2027-01-31, level: info, body: Travaux sur la colonne.}
"""
WATCHED = ("reportlab", "uharfbuzz", "segno")
DRIVER = f"""\
import sys
def watch(event, args):  # every process, the forked workers too: each first import of a watched library
    if event == "import" and args[0].split(".")[0] in {WATCHED!r}:
        with open(sys.argv[1], "a") as log:
            log.write(args[0].split(".")[0] + "\\n")
sys.addaudithook(watch)
from generator.cli import main
main(sys.argv[2:], prog_name="residence-hub")
"""


def build_watched(root: Path, out: Path, cache: Path | str, tmp_path: Path) -> tuple[str, set[str]]:
    """A real ``residence-hub build`` in a fresh process (as a command starts: nothing imported yet), and
    which of ``WATCHED`` it or its workers imported."""
    log = tmp_path / "imported.txt"
    log.unlink(missing_ok=True)
    result = subprocess.run([sys.executable, "-c", DRIVER, str(log), "build", "--project", str(root), "--out",
                             str(out), "--today", "2026-12-02"], capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, "RESIDENCE_HUB_CACHE": str(cache)})
    assert result.returncode == 0, result.stderr
    return result.stdout, set(log.read_text().split()) if log.exists() else set()


def test_a_rebuild_after_a_notice_changed_draws_no_poster_and_imports_neither_reportlab_nor_segno(
        make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from test_incremental import tree

    root = make_project(site_config=SITE_CONFIG + "languages: [fr, en, ar]\n", test=CARETAKER + NOTICE,
                        autre=CARETAKER.replace("Œillets", "Lilas"))
    residence, site, cache = root / "residences" / "test.yml", tmp_path / "site", tmp_path / "cache"
    assert build_watched(root, site, cache, tmp_path)[1] == set(WATCHED)  # the first build draws them all

    residence.write_text(residence.read_text().replace("colonne.", "colonne montante."))
    output, imported = build_watched(root, site, cache, tmp_path)
    assert "1 reconstruite(s)" in output and imported == set()

    residence.write_text(residence.read_text().replace("01 48 20 11 22", "01 48 20 11 23"))
    output, imported = build_watched(root, site, cache, tmp_path)
    assert "1 reconstruite(s)" in output and imported == {"reportlab", "uharfbuzz"}  # the same address: no segno
    pdf = pypdf.PdfReader(site / "test" / poster_paths("test").a4).pages[0].extract_text()
    assert "01 48 20 11 23" in pdf
    build_watched(root, tmp_path / "fresh", "off", tmp_path)
    assert tree(site) == tree(tmp_path / "fresh")


def test_posters_and_codes_from_a_corrupt_or_unwritable_cache_are_drawn_again_the_same(
        make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from test_incremental import tree

    root = make_project(test=CARETAKER)
    cache = tmp_path / "cache"
    build_watched(root, tmp_path / "off", "off", tmp_path)
    build_watched(root, tmp_path / "cold", cache, tmp_path)
    entries = [p for kind in ("poster-pdf", "qr") for p in (cache / kind).rglob("*") if p.is_file()]
    assert len(entries) == 3  # two posters, one code
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:-1] + b"!")
    assert build_watched(root, tmp_path / "corrupt", cache, tmp_path)[1] == set(WATCHED)
    assert b"!" not in {entry.read_bytes()[-1:] for entry in entries}  # written again
    for entry in entries:  # neither readable nor writable, even by root: a folder in the entry's place
        entry.unlink()
        entry.mkdir()
    assert build_watched(root, tmp_path / "unwritable", cache, tmp_path)[1] == set(WATCHED)
    assert all(entry.is_dir() for entry in entries)
    assert tree(tmp_path / "off") == tree(tmp_path / "cold") == tree(tmp_path / "corrupt") == tree(tmp_path / "unwritable")


def test_kept_entries_of_a_group_unused_for_a_day_are_removed_when_a_new_group_starts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.user_cache import DAY, kept

    monkeypatch.setenv("RESIDENCE_HUB_CACHE", str(tmp_path))
    assert kept("poster-pdf", "old", "a", lambda: b"old poster") == b"old poster"
    assert kept("poster-pdf", "recent", "a", lambda: b"recent poster") == b"recent poster"
    os.utime(tmp_path / "poster-pdf" / "old", (0, (tmp_path / "poster-pdf" / "old").stat().st_mtime - DAY - 60))
    assert kept("poster-pdf", "recent", "a", lambda: b"drawn again") == b"recent poster"  # kept
    assert kept("poster-pdf", "new", "a", lambda: b"new poster") == b"new poster"
    assert sorted(p.name for p in (tmp_path / "poster-pdf").iterdir()) == ["new", "recent"]
    monkeypatch.setenv("RESIDENCE_HUB_CACHE", "off")
    assert kept("poster-pdf", "new", "a", lambda: b"drawn") == b"drawn"


LONG_SLUG = "residence-des-jardins-de-la-fontaine-saint-martin"
"""A file name of 49 characters (50 are allowed): its address, 73 characters, cannot be large on one line."""


@pytest.mark.parametrize(("name", "least"), [("affiche-a4", 16), ("flyer-a5", 16 * A5.text_scale - 1)])
def test_a_long_address_is_typed_from_two_large_lines_cut_at_a_slash(make_project, tmp_path: Path, name: str,
                                                                      least: float) -> None:
    """The address for those who cannot scan was shrunk to 12 points (7.8 on the flyer), then cut anywhere:
    « …/residence-des-jardins-de-la-fon » over « taine-saint-martin/ ». Now the site's address and the file
    name are each on their line, in type of 16 points or more (the flyer: at its scale, to the point below, as
    sizes go down a point at a time), never cut inside."""
    root = make_project(**{LONG_SLUG: CARETAKER})
    assert run_posters(root, tmp_path / "out").exit_code == 0
    pdf = tmp_path / "out" / LONG_SLUG / f"{LONG_SLUG}-{name}.pdf"
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    words = {word: float(bottom) - float(top) for top, bottom, word in
             re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)</word>', boxes)}
    assert "residences.example.org/" in words and f"{LONG_SLUG}/" in words, sorted(words)
    assert min(words["residences.example.org/"], words[f"{LONG_SLUG}/"]) >= least - 0.01
    [barcode] = decode(render_pdf(pdf, tmp_path))
    assert barcode.text == f"https://residences.example.org/{LONG_SLUG}/"


def test_a_landlord_name_on_two_lines_reads_as_one_name(make_project, tmp_path: Path) -> None:
    """Each line of the landlord's name was given the logo's whole height (14 mm): a name on two lines was
    printed as two items 14 mm apart, the second nearer the rule than the first. Now its lines share that
    height, and what comes under them stays where a one-line name leaves it."""
    def tops(name: str) -> dict[str, float]:
        root = make_project(site_config=SITE_CONFIG.replace("name: Habitat Test", f'name: "{name}"'), test=CARETAKER)
        assert run_posters(root, tmp_path / name[:6]).exit_code == 0
        boxes = subprocess.run(["pdftotext", "-bbox", str(tmp_path / name[:6] / "test" / "test-affiche-a4.pdf"), "-"],
                               capture_output=True, text=True, check=True).stdout
        return {word: float(top) for top, word in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]+)<',
                                                             boxes)}

    two, one = tops("Office public de l'habitat de la communauté d'agglomération Plaine Commune"), tops("Habitat")
    assert two["Office"] < two["Commune"] <= two["Office"] + 8 / MM_PER_INCH * 72  # at most 8 mm apart
    assert two["Résidence"] == pytest.approx(one["Résidence"], abs=0.5)


def test_a_residence_whose_folder_cannot_be_made_does_not_hide_the_others_written(make_project,
                                                                                  tmp_path: Path) -> None:
    """A file named as a residence's folder in ``--out`` stopped the run there: the residences before it were
    written, those after it not tried, and the command said « rien n'a été publié » of a folder holding posters."""
    root = make_project(a=CARETAKER, b=CARETAKER, c=CARETAKER)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "b").write_text("not a folder", encoding="utf-8")
    result = run_posters(root, tmp_path / "out", "a", "b", "c")
    assert result.exit_code == 1
    assert f"{tmp_path / 'out' / 'b'}:1: un fichier porte déjà le nom d'un dossier à créer" in result.output
    assert "Traceback" not in result.output
    for slug in ("a", "c"):
        assert sorted(p.name for p in (tmp_path / "out" / slug).iterdir()) == sorted(
            Path(p).name for p in poster_paths(slug).all()), slug
    assert result.output.endswith("1 erreur dans 1 fichier(s) : les affiches des autres résidences ont été "
                                  "écrites.\n")


def test_a_link_in_the_place_of_a_poster_is_replaced_never_written_through(make_project, tmp_path: Path) -> None:
    """A poster file of ``--out`` that is a symbolic link (``affiches/`` kept in the project's repository, a link
    put there by a pull request) was written through: the PDF went over whatever the link led to, a residence's
    file or one outside the project. Each file is written beside its place, then renamed over it: the link is
    replaced by the poster, its target untouched; a run stopped midway leaves no half-written PDF either."""
    root = make_project()
    target = tmp_path / "elsewhere.txt"
    target.write_text("kept", encoding="utf-8")
    folder = tmp_path / "out" / "test"
    folder.mkdir(parents=True)
    (folder / "test-affiche-a4.pdf").symlink_to(target)
    (folder / "test-qr-code.svg").symlink_to(root / "residences" / "test.yml")
    result = run_posters(root, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == "kept"
    assert (root / "residences" / "test.yml").read_text(encoding="utf-8") == RESIDENCE
    assert not (folder / "test-affiche-a4.pdf").is_symlink()
    assert (folder / "test-affiche-a4.pdf").read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in folder.iterdir()) == sorted(Path(p).name for p in poster_paths("test").all())
