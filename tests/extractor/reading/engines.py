"""Fault-injecting OCR engines (OCRmyPDF's ``tests/plugins`` idea): real subprocesses that fail.

They live here, not in the package, and are importable by module name so worker processes can
unpickle them.
"""

from __future__ import annotations

import os
from pathlib import Path

from casewise_extractor.reading import OcrText, TesseractEngine
from PIL import Image


def crashing_engine() -> TesseractEngine:
    """An engine whose binary exits non-zero at once, like a Tesseract missing its language data."""
    return TesseractEngine(binary="false")


def hanging_engine(tmp: Path) -> TesseractEngine:
    """An engine whose binary never answers (a Tesseract stuck on a pathological image)."""
    script = tmp / "tesseract-hangs"
    script.write_text("#!/bin/sh\nexec sleep 60\n")
    script.chmod(0o755)
    return TesseractEngine(binary=str(script))


class WorkerKillingEngine(TesseractEngine):
    """Kills the worker process it runs in, as the kernel's OOM killer would (process pools only:
    on the thread executor it would kill the host)."""

    def recognize(self, image: Image.Image, *, language: str, dpi: int, timeout_s: float) -> OcrText:
        os._exit(137)
