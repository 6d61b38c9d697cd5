"""With a Redis broker, an upload's PROCESS_DOCUMENT message lands on the "extract" queue by name."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from casewise_core import tasks

from tests.api.conftest import build_api
from tests.conftest import require_server

REDIS_DB = 14  # a database of our own on the shared local Redis


@pytest.mark.integration
def test_upload_enqueues_process_document_on_redis(tmp_path: Path) -> None:
    require_server("Redis", "127.0.0.1", 6379)
    import redis

    url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    client = redis.Redis.from_url(url)
    client.delete(tasks.EXTRACT_QUEUE)
    try:
        for api in build_api(tmp_path / "var", broker_url=url):
            case_id, auth = api.new_case()
            (job,) = api.upload(case_id, auth, ("r.txt", b"Report for the queue")).json()["jobs"]
            raw = client.lrange(tasks.EXTRACT_QUEUE, 0, -1)
            assert len(raw) == 1
            message = json.loads(raw[0])
            assert message["headers"]["task"] == tasks.PROCESS_DOCUMENT
            assert json.loads(base64.b64decode(message["body"]))[0] == [job["id"]]
            metrics = api.client.get("/metrics").text
            assert 'casewise_queue_depth{queue="extract"} 1.0' in metrics
            ready = api.client.get("/readyz").json()
            # No worker runs in this test: Redis supports remote control, so that is reported.
            assert ready["checks"]["broker"] == "ok" and ready["checks"]["workers"] == "error: no workers"
    finally:
        client.delete(tasks.EXTRACT_QUEUE)
