"""Even out the lighting of a photographed page before OCR.

A phone photo of a page is lit unevenly: brighter on one side, darker in the corners, often with
the soft shadow of the phone or a hand across part of it. Tesseract binarises with one global
(Otsu) threshold, so paper in shadow can fall below it and the text there turns into one dark
blot. We estimate the paper's brightness everywhere (a grey closing that erases the ink, on a
small copy of the page: ~5 ms) and divide it out (~0.1 s), so paper is white across the page and
ink keeps its contrast. Scans are lit evenly and are left untouched: the correction runs only
when the paper's brightness varies across the page by more than ``MIN_UNEVENNESS``.

The desk around the page would come out as grey grain that Tesseract reads as stray letters, so
it is painted white. Regions are told apart by sharp steps in brightness (the paper's edge; a
shadow's edge is soft): the paper is what the middle of the photo reaches without crossing one,
the desk what the photo's border reaches without crossing one or entering the paper. A page that
fills the frame leaves no desk, and a "desk" with print-dark pixels in it is left alone.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

#: Ratio of bright to dark paper (95th / 5th percentile of the estimated background) above which
#: the page is corrected. A scanner's flat lighting measures ~1.0; a photo 1.3-4 (shadow, desk).
MIN_UNEVENNESS = 1.15
#: The background is estimated on a copy this many pixels on its long side.
_WORK_SIDE = 320
#: Brightness step between neighbouring small pixels that counts as the paper's edge (a shadow's
#: soft edge steps ~5 per pixel, desk grain ~8, the paper against a desk 30-150).
_EDGE_STEP = 20
#: Width, in small pixels, of the band along the photo's border the paper is kept out of.
_BAND = 6
#: Below this (a fraction of the paper's brightness) a pixel of the evened page is ink; a desk
#: region with more than ``_MAX_DESK_INK`` of such pixels is not painted (it may be shaded print).
_INK = 0.4
_MAX_DESK_INK = 0.005
#: Closing size on the small copy, in its pixels: wider than a stroke and a table's text line
#: (~1 small pixel for body text on a 2400 px photo), small enough to follow a shadow's edge.
_CLOSING = 7


def paper_brightness(gray: Image.Image) -> np.ndarray:
    """The page's background brightness, estimated on a small copy (float32, small-copy size)."""
    factor = max(1, max(gray.size) // _WORK_SIDE)
    small = np.asarray(gray.reduce(factor) if factor > 1 else gray)
    # Closing (max then min) removes dark marks narrower than the window and keeps the edges of
    # large regions (the page's border against the desk) where they are.
    return _rank(_rank(small, np.maximum), np.minimum).astype(np.float32)


def _rank(pixels: np.ndarray, op: np.ufunc) -> np.ndarray:
    """A square max or min filter of width ``_CLOSING``, as two separable passes of shifted views
    (Pillow's ``MaxFilter`` sorts every window: ~40x slower)."""
    half, (height, width) = _CLOSING // 2, pixels.shape
    padded = np.pad(pixels, ((half, half), (0, 0)), mode="edge")
    rows = padded[:height].copy()
    for shift in range(1, _CLOSING):
        op(rows, padded[shift : shift + height], out=rows)
    padded = np.pad(rows, ((0, 0), (half, half)), mode="edge")
    out = padded[:, :width].copy()
    for shift in range(1, _CLOSING):
        op(out, padded[:, shift : shift + width], out=out)
    return out


def unevenness(background: np.ndarray) -> float:
    """How much brighter the brightest paper is than the darkest (1.0 = perfectly even)."""
    low, high = np.percentile(background, [5, 95])
    return float(high / max(low, 1.0))


def even_out(gray: Image.Image) -> tuple[Image.Image, bool]:
    """The page with its lighting divided out when it is uneven, else unchanged; and whether it was."""
    if gray.mode != "L":
        return gray, False
    background = paper_brightness(gray)
    if unevenness(background) <= MIN_UNEVENNESS:
        return gray, False
    smooth = Image.fromarray(np.clip(background, 1, 255).astype(np.uint8)).filter(ImageFilter.BoxBlur(2))
    full = smooth.resize(gray.size, Image.Resampling.BILINEAR)
    pixels = np.asarray(gray, dtype=np.float32) / np.asarray(full, dtype=np.float32)
    desk, outline = surroundings(background)
    if desk.any():
        at = np.asarray(_full_size(desk, gray.size))
        # Desk grain divides out to light grey; print is dark. Never paint over anything like text.
        if np.count_nonzero(pixels[at] < _INK) <= _MAX_DESK_INK * np.count_nonzero(at):
            pixels[at | np.asarray(_full_size(outline, gray.size))] = 1.0
    return Image.fromarray(np.clip(pixels * 255, 0, 255).astype(np.uint8)), True


def _full_size(mask: np.ndarray, size: tuple[int, int]) -> Image.Image:
    return Image.fromarray(mask).resize(size, Image.Resampling.NEAREST)


def surroundings(background: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Small-copy masks of what lies around the page (the desk) and of the paper's edge beside it;
    both empty when the page has no clear edge inside the photo.

    The paper is what the middle of the photo reaches without crossing a sharp step; the desk is
    what the photo's border reaches without crossing one or entering the paper (a page running
    off one side of the photo touches the border too).
    """
    height, width = background.shape
    step = np.zeros(background.shape, dtype=bool)  # a sharp step to any 4-neighbour
    dy = np.abs(np.diff(background, axis=0)) > _EDGE_STEP
    dx = np.abs(np.diff(background, axis=1)) > _EDGE_STEP
    step[1:] |= dy
    step[:-1] |= dy
    step[:, 1:] |= dx
    step[:, :-1] |= dx
    free = ~step
    middle = np.zeros(background.shape, dtype=bool)
    middle[height // 3 : 2 * height // 3, width // 3 : 2 * width // 3] = True
    # The paper stays off a band along the border: where the page runs off the photo, its edge
    # meets the border at a slant and stops a few pixels short of it, leaving a gap to the desk.
    inner = np.zeros(background.shape, dtype=bool)
    inner[_BAND:-_BAND, _BAND:-_BAND] = True
    paper = _flood(middle & free, free & inner)
    border = ~inner
    desk = _flood(border & free & ~paper, free & ~paper)
    if not paper.any() or not (desk & inner).any():  # no desk beyond the band: the page fills the photo
        desk[:] = False
    return desk, step & _grow(desk, 2) & ~paper


def _grow(mask: np.ndarray, steps: int) -> np.ndarray:
    """``mask`` dilated ``steps`` times by its 4-neighbours."""
    for _ in range(steps):
        grown = mask.copy()
        grown[1:] |= mask[:-1]
        grown[:-1] |= mask[1:]
        grown[:, 1:] |= mask[:, :-1]
        grown[:, :-1] |= mask[:, 1:]
        mask = grown
    return mask


def _flood(seeds: np.ndarray, within: np.ndarray) -> np.ndarray:
    """Pixels of ``within`` 4-connected to ``seeds`` (repeated dilation: ~300 rounds of ~0.1 ms)."""
    reached = seeds & within
    while True:
        grown = _grow(reached, 1) & within
        if np.array_equal(grown, reached):
            return reached
        reached = grown
