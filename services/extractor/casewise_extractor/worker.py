"""The extraction worker's Celery app: ``celery -A casewise_extractor.worker:app worker -Q extract``.

Settings come from ``CASEWISE_*`` (``ExtractorSettings``). Celery beat can run the reaper from
this app too (``celery -A casewise_extractor.worker:app beat``); ``casewise serve``/``casewise
worker`` run it as a thread instead.
"""

from __future__ import annotations

import logging
import os

from casewise_core import tasks as names
from casewise_core.queue import make_celery
from casewise_core.settings import ExtractorSettings

from casewise_extractor import tasks as _tasks  # noqa: F401  (registers the tasks)
from casewise_extractor.reaper import reap_interval_s

# Tesseract's own threading makes it ~4x slower on small machines (see STACK.md); one thread per
# process, parallelism comes from the pool.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

settings = ExtractorSettings()
app = make_celery(settings, "casewise-extractor")
app.conf.beat_schedule = {
    "reap-stale-jobs": {"task": names.REAP_STALE_JOBS, "schedule": reap_interval_s(settings)},
}
app.set_default()


logging.getLogger("casewise").setLevel(logging.INFO)
