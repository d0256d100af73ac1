"""The landlord's logo as the posters draw it: its pixels as every image viewer shows them."""

from __future__ import annotations

import io

EXIF_ORIENTATION = 0x0112
"""The EXIF tag saying how a photo is turned (a phone's, or a logo exported by some tools): 1 is upright."""
PNG_MODES = ("1", "L", "LA", "P", "RGB", "RGBA")


def as_shown(raw: bytes) -> io.BytesIO:
    """The logo's bytes for reportlab, as every image viewer shows it. A grey of 16 bits a pixel (GIMP,
    scanners) made 8-bit first: reportlab asks Pillow for 8-bit grey, which cuts each value above 255 to
    white. A JPEG whose EXIF says it is turned (a photo of the logo taken with a phone) turned upright:
    reportlab draws the stored pixels, and the logo was printed on its side, upside down or mirrored.
    Saved again without loss (PNG; TIFF for CMYK, which PNG cannot hold; no date in either)."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(raw)) as image:
        turned = image.getexif().get(EXIF_ORIENTATION, 1) not in (0, 1)
        if not image.mode.startswith("I") and not turned:
            return io.BytesIO(raw)
        shown = ImageOps.exif_transpose(image) if turned else image
        if shown.mode.startswith("I"):
            shown = shown.convert("I").point(lambda value: value / 257).convert("L")
        out = io.BytesIO()
        shown.save(out, "PNG" if shown.mode in PNG_MODES else "TIFF")
    return out
