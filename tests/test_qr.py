"""QR codes: our encoding (``qr_mask``: error correction, placement and mask choice on whole lines as
integers) gives segno's own code, module for module, and our SVG writer segno's own SVG, byte for byte.

segno is the reference: its make_qr, with its own module-by-module scoring, its own penalty function and its
SVG writer. A real decoder (zxing-cpp) reads what we draw.
"""

from __future__ import annotations

import io
import random

import pytest
import segno
import zxingcpp
from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image
from segno import encoder

from generator.outputs import qr_mask
from generator.outputs.qr import QUIET_ZONE, make_qr, qr_png, qr_svg

FINDER_LIKE = (
    (0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1),  # light area before
    (1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0),  # light area after
    (1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1),  # neither
    (1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1),  # two overlapping
)


def addresses(count: int) -> list[str]:
    """Addresses of every length a microsite may have, and longer: versions 2 to 14 (version information
    from 7 on), a few with characters outside ASCII."""
    rng = random.Random(17)
    return [f"https://residences.example.org/{''.join(rng.choice('abcdefghijklmnopé-/') for _ in range(size))}/"
            for size in (rng.randrange(1, 320) for _ in range(count))]


def test_each_code_is_the_one_segno_makes_module_for_module() -> None:
    versions = set()
    for url in addresses(150):
        ours, theirs = make_qr.__wrapped__(url), segno.make_qr(url, error="m", boost_error=True)
        assert (ours.matrix, ours.mask, ours.version, ours.error) == \
            (theirs.matrix, theirs.mask, theirs.version, theirs.error), url
        versions.add(ours.version)
    assert min(versions) <= 3 and max(versions) >= 10  # small codes, and codes with version information


def test_the_mask_is_found_from_a_code_under_any_mask() -> None:
    url = addresses(1)[0]
    chosen = segno.make_qr(url, error="m", boost_error=True).mask
    assert {qr_mask.best_mask(segno.make_qr(url, error="m", boost_error=True, mask=m)) for m in range(8)} == {chosen}


@settings(max_examples=150, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])  # derandomized: only time varies, and load slows it
@given(width=st.sampled_from([21, 25, 33, 45, 57]), seed=st.integers(0, 2**32), finders=st.integers(0, 12),
       dark=st.floats(0.1, 0.9))
def test_the_penalty_is_segnos_on_any_symbol(width: int, seed: int, finders: int, dark: float) -> None:
    rng = random.Random(seed)
    matrix = tuple(bytearray(rng.random() < dark for _ in range(width)) for _ in range(width))
    for _ in range(finders):  # finder-like patterns (rare in random data) at the edges and inside
        row, start = rng.randrange(width), rng.choice((0, width - 11, rng.randrange(width - 10)))
        matrix[row][start:start + 11] = bytearray(rng.choice(FINDER_LIKE)[::rng.choice((1, -1))])
    shape = qr_mask.layout(width)
    rows, columns = qr_mask.pack(matrix), qr_mask.pack([bytes(c) for c in zip(*matrix)])
    assert qr_mask.penalty(rows, columns, shape) == encoder.evaluate_mask(matrix, width, width)
    assert qr_mask.unpack(rows, width) == matrix


def test_a_real_decoder_reads_the_address_back() -> None:
    for url in addresses(12):
        image = Image.open(io.BytesIO(qr_png(make_qr(url))))
        [barcode] = [b for b in zxingcpp.read_barcodes(image) if b.format == zxingcpp.BarcodeFormat.QRCode]
        assert barcode.text == url


def test_the_svgs_are_the_ones_segno_writes_with_any_title() -> None:
    for url, title in zip(addresses(40), ["QR code : https://x/", 'a <b> & "c"', "l'été", "]]>"] * 10):
        code = make_qr(url)
        out = io.BytesIO()
        code.save(out, kind="svg", scale=10, border=QUIET_ZONE, title=title, unit="px", svgclass=None, lineclass=None)
        assert qr_svg(code, title) == out.getvalue()


def test_an_accented_domain_is_told_in_the_ascii_form_its_qr_codes_read_back(make_project, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A landlord whose domain has accents (« résidences-habitat.fr ») was refused with « écrivez par
    exemple https://residences.exemple.fr/ », which is another site. The hint now gives the same address in
    the ASCII form (IDNA) phones and QR codes read alike; with it, every code decodes to the microsite."""
    from generator.contract.project import load_project
    from generator.contract.values import parse_base_url
    from generator.publish.site import build_site

    from conftest import RESIDENCE, SAMPLE_TODAY, SITE_CONFIG

    with pytest.raises(ValueError) as refused:
        parse_base_url("https://Résidences-Habitat.fr/sites/")
    ascii_form = "https://xn--rsidences-habitat-btb.fr/sites/"
    assert refused.value.hint.endswith(f"écrivez {ascii_form}")  # type: ignore[attr-defined]
    assert b"xn--rsidences-habitat-btb".decode("idna") == "résidences-habitat"  # the same domain
    with pytest.raises(ValueError) as other:  # a space is no domain name in any form
        parse_base_url("https://rés idences.fr/")
    assert "https://residences.exemple.fr/" in other.value.hint  # type: ignore[attr-defined]
    config = SITE_CONFIG.replace("https://residences.example.org/", parse_base_url(ascii_form))
    out = tmp_path / "site"
    build_site(load_project(make_project(config, test=RESIDENCE)), out, SAMPLE_TODAY)
    image = Image.open(out / "test" / "affiche" / "test-qr-code.png")
    assert [b.text for b in zxingcpp.read_barcodes(image)] == [ascii_form + "test/"]
