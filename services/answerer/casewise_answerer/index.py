"""The passage index on Qdrant: embedded local mode by default, a server URL in deployment.

Only one process may open a local-mode path, so exactly one owns it: the answer worker in the
service, the CLI in CLI use. A second opener gets ``IndexLocked`` with what to do about it.
``sync`` re-indexes by content hash: unchanged passages are not re-embedded, removed ones are
deleted. Each point stores its passage's metadata as payload, so filters run inside Qdrant.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any

from casewise_core.errors import IndexLocked, TransientError
from casewise_core.settings import RetrievalSettings
from qdrant_client import QdrantClient
from qdrant_client import models as qm

from casewise_answerer import sparse
from casewise_answerer.corpus import Corpus, Passage
from casewise_answerer.embedder import DIM, DenseEmbedder

log = logging.getLogger(__name__)

DENSE = "dense"
SPARSE = "sparse"
ANY_CANCER = "ANY"
_NS = uuid.UUID("6f1c3c3e-6a43-4d4e-9d0f-5b8a9e0c2a11")


def open_client(settings: RetrievalSettings) -> QdrantClient:
    """A client for the configured store; raises ``IndexLocked`` if another process holds the path."""
    if settings.qdrant_url:
        return QdrantClient(url=settings.qdrant_url, timeout=30)
    path = settings.resolved_qdrant_path
    path.mkdir(parents=True, exist_ok=True)
    try:
        return QdrantClient(path=str(path))
    except RuntimeError as exc:
        if "already accessed" in str(exc):
            raise IndexLocked() from exc
        raise


def point_id(passage_id: str) -> str:
    return str(uuid.uuid5(_NS, passage_id))


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    embedded: int = 0
    seconds: float = 0.0


@dataclass
class Hit:
    passage_id: str
    score: float
    payload: dict[str, Any]


class PassageIndex:
    """Build, update and query one collection of corpus passages."""

    def __init__(
        self, client: QdrantClient, collection: str, embedder: DenseEmbedder | None, server: bool = False
    ) -> None:
        self.client = client
        self.collection = collection
        self.embedder = embedder
        self.server = server

    def exists(self) -> bool:
        return bool(self.client.collection_exists(self.collection))

    def count(self) -> int:
        return int(self.client.count(self.collection, exact=True).count) if self.exists() else 0

    def _create(self) -> None:
        self.client.create_collection(
            self.collection,
            vectors_config={DENSE: qm.VectorParams(size=DIM, distance=qm.Distance.COSINE)},
            sparse_vectors_config={SPARSE: qm.SparseVectorParams(modifier=qm.Modifier.IDF)},
        )
        if not self.server:
            return  # local mode scans payloads; indexes only help a server
        for key in ("cancer_types", "genes", "topics", "doc_id"):
            self.client.create_payload_index(self.collection, key, qm.PayloadSchemaType.KEYWORD)

    def _existing(self) -> dict[str, tuple[str, bool]]:
        """passage id → (content hash, has dense vector)."""
        out: dict[str, tuple[str, bool]] = {}
        offset: Any = None
        while True:
            points, offset = self.client.scroll(
                self.collection, limit=512, offset=offset, with_payload=["passage_id", "hash", "dense"]
            )
            for p in points:
                pl = p.payload or {}
                out[str(pl.get("passage_id"))] = (str(pl.get("hash")), bool(pl.get("dense")))
            if offset is None:
                return out

    def sync(self, corpus: Corpus) -> SyncReport:
        """Bring the collection in line with ``corpus``, re-embedding only what changed."""
        started = time.perf_counter()
        report = SyncReport()
        if not self.exists():
            self._create()
        existing = self._existing()
        todo: list[Passage] = []
        for p in corpus.passages.values():
            old = existing.get(p.id)
            if old is None:
                report.added += 1
            elif old[0] != p.content_hash or (self.embedder is not None and not old[1]):
                report.updated += 1
            else:
                report.unchanged += 1
                continue
            todo.append(p)
        removed = [pid for pid in existing if pid not in corpus.passages]
        if removed:
            self.client.delete(
                self.collection, points_selector=qm.PointIdsList(points=[point_id(pid) for pid in removed])
            )
            report.deleted = len(removed)
        for start in range(0, len(todo), 64):
            batch = todo[start : start + 64]
            dense = self.embedder.embed([p.index_text for p in batch]) if self.embedder else None
            report.embedded += len(batch) if dense else 0
            self.client.upsert(
                self.collection, points=[_point(p, dense[i] if dense else None) for i, p in enumerate(batch)]
            )
        report.seconds = time.perf_counter() - started
        log.info(
            "index sync: %d added, %d updated, %d unchanged, %d deleted in %.1fs",
            report.added,
            report.updated,
            report.unchanged,
            report.deleted,
            report.seconds,
        )
        return report

    def search(
        self,
        dense_query: str | None,
        sparse_query: tuple[list[int], list[float]],
        query_filter: qm.Filter | None,
        limit: int = 20,
    ) -> list[Hit]:
        """Hybrid search: sparse and dense prefetch fused with RRF; sparse only without a model."""
        sparse_vec = qm.SparseVector(indices=sparse_query[0], values=sparse_query[1])
        try:
            if self.embedder is not None and dense_query:
                vector = self.embedder.embed([dense_query])[0]
                result = self.client.query_points(
                    self.collection,
                    prefetch=[
                        qm.Prefetch(query=sparse_vec, using=SPARSE, limit=limit * 2, filter=query_filter),
                        qm.Prefetch(query=vector, using=DENSE, limit=limit * 2, filter=query_filter),
                    ],
                    query=qm.FusionQuery(fusion=qm.Fusion.RRF),
                    limit=limit,
                    with_payload=True,
                )
            else:
                result = self.client.query_points(
                    self.collection,
                    query=sparse_vec,
                    using=SPARSE,
                    query_filter=query_filter,
                    limit=limit,
                    with_payload=True,
                )
        except (ConnectionError, TimeoutError) as exc:
            raise TransientError(
                "The knowledge index is not reachable. Please try again in a minute."
            ) from exc
        return [
            Hit(str((p.payload or {}).get("passage_id")), float(p.score), p.payload or {})
            for p in result.points
        ]


def _point(p: Passage, dense: list[float] | None) -> qm.PointStruct:
    indices, values = sparse.doc_vector(p.index_text)
    vector: dict[str, Any] = {SPARSE: qm.SparseVector(indices=indices, values=values)}
    if dense is not None:
        vector[DENSE] = dense
    payload = {
        "passage_id": p.id,
        "doc_id": p.doc_id,
        "hash": p.content_hash,
        "dense": dense is not None,
        "cancer_types": list(p.cancer_types) or [ANY_CANCER],
        "genes": list(p.genes),
        "topics": list(p.topics),
    }
    return qm.PointStruct(id=point_id(p.id), vector=vector, payload=payload)
