"""The answer worker's Celery app: ``celery -A casewise_answerer.worker:app worker -Q answer -P solo``.

One process owns the embedded Qdrant path, hence ``-P solo`` (one process, tasks in series).
Settings come from ``CASEWISE_*`` (``AnswererSettings``).
"""

from __future__ import annotations

import logging

from casewise_core.queue import make_celery
from casewise_core.settings import AnswererSettings

from casewise_answerer import tasks as _tasks  # noqa: F401  (registers the tasks)

settings = AnswererSettings()
app = make_celery(settings, "casewise-answerer")
app.set_default()
logging.getLogger("casewise").setLevel(logging.INFO)
