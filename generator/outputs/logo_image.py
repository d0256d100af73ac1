"""The landlord's logo as the posters draw it: its pixels as every image viewer shows them."""

from __future__ import annotations

import io
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

EXIF_ORIENTATION = 0x0112
"""The EXIF tag saying how a photo is turned (a phone's, or a logo exported by some tools): 1 is upright."""
PNG_MODES = ("1", "L", "LA", "P", "RGB", "RGBA")
RESIZED_MODES = {"L": "L", "LA": "La", "RGB": "RGB", "RGBA": "RGBa", "CMYK": "CMYK"}
"""The modes a logo is resized in, by its mode: with its alpha premultiplied (« La », « RGBa »), so that the
colour of transparent pixels (often black) does not darken the edges of the drawing."""


def as_shown(raw: bytes, box: tuple[int, int]) -> io.BytesIO:
    """The logo's bytes for reportlab, as every image viewer shows it, at most ``box`` pixels (width, height):
    what the poster prints at 300 dpi. Made once per process for each logo (``_shown``): every poster draws it."""
    return io.BytesIO(_shown(raw, box))


@lru_cache(maxsize=2)
def _shown(raw: bytes, box: tuple[int, int]) -> bytes:
    """``as_shown``'s bytes. A grey of 16 bits a pixel (GIMP, scanners) made 8-bit first: reportlab asks Pillow
    for 8-bit grey, which cuts each value above 255 to white. A JPEG whose EXIF says it is turned (a photo of
    the logo taken with a phone) turned upright: reportlab draws the stored pixels, and the logo was printed on
    its side, upside down or mirrored. A colour made transparent given an alpha channel (``_with_alpha``). A
    logo larger than ``box`` (exported « for print », 3,000 pixels wide) made that size: reportlab decoded and
    compressed it again for every PDF (0.2 s a poster), and embedded it whole. Saved again without loss (PNG;
    TIFF for CMYK, which PNG cannot hold; no date in either)."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(raw)) as image:
        turned = image.getexif().get(EXIF_ORIENTATION, 1) not in (0, 1)
        shown = ImageOps.exif_transpose(image) if turned else image
        large = shown.width > box[0] or shown.height > box[1]
        keyed = "transparency" in image.info and image.mode in ("1", "L", "RGB")
        if not image.mode.startswith("I") and not turned and not large and not keyed:
            return raw
        if shown.mode.startswith("I"):
            shown = shown.convert("I").point(lambda value: value / 257).convert("L")
        shown = _smaller(_with_alpha(shown), box) if large else _with_alpha(shown) if keyed else shown
        out = io.BytesIO()
        shown.save(out, "PNG" if shown.mode in PNG_MODES else "TIFF")
    return out.getvalue()


def _with_alpha(image: Image.Image) -> Image.Image:
    """``image`` in one of ``RESIZED_MODES``: a palette or 1-bit image made RGB or grey, with an alpha channel
    when a colour of it is transparent (a PNG's tRNS chunk). reportlab draws a grey or RGB image's transparent
    colour as it is (a black background printed around the logo); it reads an alpha channel."""
    if image.mode in RESIZED_MODES and "transparency" not in image.info:
        return image
    alpha = image.mode == "PA" or "transparency" in image.info
    grey = image.mode in ("1", "L")
    return image.convert(("LA" if grey else "RGBA") if alpha else "L" if grey else "RGB")


def _smaller(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    """``image`` (in one of ``RESIZED_MODES``) within ``box``, its proportions kept, resampled smoothly
    (Lanczos), its alpha premultiplied meanwhile."""
    from PIL import Image

    mode = image.mode
    ratio = min(box[0] / image.width, box[1] / image.height)
    size = (max(1, round(image.width * ratio)), max(1, round(image.height * ratio)))
    return image.convert(RESIZED_MODES[mode]).resize(size, Image.Resampling.LANCZOS).convert(mode)
