"""The answer worker's Celery app: ``celery -A casewise_answerer.worker:app worker -Q answer -P solo``.

One process owns the embedded Qdrant path, hence ``-P solo`` (one process, tasks in series).
Settings come from ``CASEWISE_*`` (``AnswererSettings``). The answerer (corpus, index sync, dense
model) is built when the worker is ready, so the first question does not pay for it.
"""

from __future__ import annotations

import logging
from typing import Any

from casewise_core.errors import CasewiseError
from casewise_core.queue import make_celery
from casewise_core.settings import AnswererSettings
from celery.signals import worker_ready

from casewise_answerer import tasks

log = logging.getLogger("casewise.answerer.worker")

settings = AnswererSettings()
app = make_celery(settings, "casewise-answerer")
app.set_default()
logging.getLogger("casewise").setLevel(logging.INFO)


@worker_ready.connect
def _warm_up(**_: Any) -> None:
    try:
        tasks.runtime().answerer  # noqa: B018  (builds and caches it)
    except CasewiseError as exc:  # the tasks report it per question; keep the worker up
        log.error("answerer not ready: %s", exc.code)
