"""The reading stage (issue #2): PDFs, scans, photos, TIFFs and text files into a ``Document``.

Call :func:`read_document`; everything else here is its machinery. OCR pages run in parallel on
threads by default, each driving its own Tesseract process (a Celery prefork child is daemonic and
cannot start a process pool; see ``executor``).
"""

from __future__ import annotations

from casewise_extractor.reading.ocr import OcrEngine, OcrText, TesseractEngine
from casewise_extractor.reading.pipeline import read_document

__all__ = ["OcrEngine", "OcrText", "TesseractEngine", "read_document"]
