"""Phone photos of printed pages, simulated deterministically from a page image (numpy and Pillow).

A page photographed on a desk rather than fed to a scanner: the page a little smaller than the
frame with the desk around it, seen slightly from below (keystone) and turned a few degrees,
lit unevenly (a gradient across the page, darker corners and a soft shadow, of the phone or a
hand, over part of it), slightly out of focus, with sensor noise, saved as a JPEG the way phones
write it (72 DPI whatever the content). Shared by the reading tests and ``bench/_layouts.py``'s
``photo`` mode; every random choice comes from ``seed``.
"""

from __future__ import annotations

import io
import math
import random

import numpy as np
from PIL import Image, ImageFilter

#: Long side of the photo in pixels: a phone's 12 MP downsized (as messaging apps do) to keep OCR fast.
LONG_SIDE = 2400
#: Desk colours behind the page (wood, grey laminate, dark blue cloth, light oak).
_DESKS = ((118, 84, 56), (72, 72, 78), (48, 58, 82), (160, 128, 92))
_PAPER = np.array([250, 246, 236], dtype=np.float32)  # slightly warm white
_INK = np.array([28, 28, 34], dtype=np.float32)


def perspective_coefficients(
    dst: list[tuple[float, float]], src: list[tuple[float, float]]
) -> tuple[float, ...]:
    """Pillow ``PERSPECTIVE`` data mapping each output point ``dst[i]`` to input point ``src[i]``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return tuple(float(c) for c in np.linalg.solve(np.array(rows), np.array(rhs)))


def _page_quad(
    rng: random.Random, page: tuple[int, int], frame: tuple[int, int]
) -> list[tuple[float, float]]:
    """Where the page's corners (top-left, top-right, bottom-right, bottom-left) land in the frame."""
    (pw, ph), (fw, fh) = page, frame
    scale = min(rng.uniform(0.84, 0.92) * fw / pw, rng.uniform(0.84, 0.92) * fh / ph)
    w, h = pw * scale, ph * scale
    cx = fw / 2 + rng.uniform(-0.02, 0.02) * fw
    cy = fh / 2 + rng.uniform(-0.02, 0.02) * fh
    top = rng.uniform(0.015, 0.04) * w  # keystone: the far (top) edge is narrower
    side = rng.uniform(-0.015, 0.015) * h  # and one side a little taller than the other
    corners = [
        (-w / 2 + top, -h / 2 + side),
        (w / 2 - top, -h / 2 - side),
        (w / 2, h / 2 + side / 2),
        (-w / 2, h / 2 - side / 2),
    ]
    angle = math.radians(rng.choice((-1, 1)) * rng.uniform(1.0, 4.0))
    cos, sin = math.cos(angle), math.sin(angle)
    return [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in corners]


def _lighting(rng: random.Random, size: tuple[int, int]) -> np.ndarray:
    """A multiplicative light field: gradient x vignette x one soft shadow, computed small, upscaled."""
    fw, fh = size
    w, h = 96, round(96 * fh / fw)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    x, y = x / (w - 1), y / (h - 1)
    theta = rng.uniform(0, 2 * math.pi)
    along = (x - 0.5) * math.cos(theta) + (y - 0.5) * math.sin(theta)
    light = 1.0 - rng.uniform(0.12, 0.25) * (along - along.min()) / (np.ptp(along) or 1.0)
    light *= 1.0 - rng.uniform(0.1, 0.2) * ((x - 0.5) ** 2 + (y - 0.5) ** 2) / 0.5
    # The shadow: a half-plane from one edge, across 15-35% of the frame, with a soft edge.
    phi = rng.uniform(0, 2 * math.pi)
    reach = (x - 0.5) * math.cos(phi) + (y - 0.5) * math.sin(phi)
    edge = np.quantile(reach, 1 - rng.uniform(0.15, 0.35))
    inside = 1 / (1 + np.exp(-(reach - edge) / 0.03))
    light *= 1.0 - rng.uniform(0.25, 0.4) * inside
    small = Image.fromarray((light * 255).astype(np.uint8))
    return np.asarray(small.resize(size, Image.Resampling.BICUBIC), dtype=np.float32) / 255


def _desk(rng: random.Random, size: tuple[int, int]) -> np.ndarray:
    """The surface around the page: a flat colour with a coarse grain, as float32 RGB."""
    fw, fh = size
    grain = np.random.default_rng(rng.getrandbits(32)).normal(0, 10, (fh // 16 + 1, fw // 16 + 1))
    coarse = Image.fromarray(np.clip(grain + 128, 0, 255).astype(np.uint8))
    texture = np.asarray(coarse.resize(size, Image.Resampling.BILINEAR), dtype=np.float32) - 128
    return np.array(rng.choice(_DESKS), dtype=np.float32) + texture[..., None]


def phone_photo(page: Image.Image, seed: int, *, long_side: int = LONG_SIDE) -> Image.Image:
    """An RGB photo of ``page`` (a grayscale page image, white paper, black ink)."""
    rng = random.Random(seed)
    pw, ph = page.size
    frame = (round(long_side * 3 / 4), long_side) if ph >= pw else (long_side, round(long_side * 3 / 4))
    quad = _page_quad(rng, page.size, frame)
    coeffs = perspective_coefficients(quad, [(0, 0), (pw, 0), (pw, ph), (0, ph)])
    # Warp and blur in grayscale (a third of the work of RGB), colour afterwards.
    perspective = Image.Transform.PERSPECTIVE
    warped = page.convert("L").transform(frame, perspective, coeffs, resample=Image.Resampling.BICUBIC)
    mask = Image.new("L", page.size, 255).transform(frame, perspective, coeffs, Image.Resampling.BILINEAR)
    focus = ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1))
    gray = np.asarray(warped.filter(focus), dtype=np.float32)[..., None] / 255
    alpha = np.asarray(mask.filter(focus), dtype=np.float32)[..., None] / 255
    paper = _INK + (_PAPER - _INK) * gray
    pixels = alpha * paper + (1 - alpha) * _desk(rng, frame)
    pixels *= _lighting(rng, frame)[..., None]
    noise = np.random.default_rng(seed).standard_normal(frame[::-1], dtype=np.float32)
    pixels += (rng.uniform(2.0, 4.0) * noise)[..., None]
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")


def phone_jpeg(page: Image.Image, seed: int, *, long_side: int = LONG_SIDE) -> bytes:
    """:func:`phone_photo` as the JPEG a phone writes (quality 78-88, 72 DPI in the header)."""
    buf = io.BytesIO()
    quality = random.Random(seed ^ 0x5EED).randint(78, 88)
    phone_photo(page, seed, long_side=long_side).save(buf, "JPEG", quality=quality, dpi=(72, 72))
    return buf.getvalue()
