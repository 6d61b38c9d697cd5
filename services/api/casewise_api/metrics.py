"""Prometheus metrics: request latency by route template, and figures read from the job rows.

Each app has its own registry (several apps in one test process must not collide). Job figures are
collected at scrape time from the database (the source of truth), not counted in this process.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

from casewise_core import tasks
from casewise_core.storage import job_stats, repositories
from fastapi import FastAPI
from prometheus_client import CollectorRegistry, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casewise_api.runtime import Runtime

log = logging.getLogger(__name__)


class JobCollector(Collector):
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def collect(self) -> Iterator[Any]:
        jobs = GaugeMetricFamily("casewise_jobs", "Jobs by status", labels=["status"])
        seconds = CounterMetricFamily(
            "casewise_job_processing_seconds", "Seconds from start to finish, summed over succeeded jobs"
        )
        wait = CounterMetricFamily(
            "casewise_job_queue_wait_seconds", "Seconds from upload to start, summed over succeeded jobs"
        )
        finished = CounterMetricFamily("casewise_jobs_succeeded", "Succeeded jobs")
        pages = CounterMetricFamily("casewise_pages_read", "Pages read (text and OCR) by succeeded jobs")
        try:
            with self.runtime.sessions() as s:
                counts = repositories.job_counts(s)
                totals = repositories.job_totals(s)
                stages = job_stats.stage_totals(s)
        except Exception as exc:  # a scrape must not fail because the database is down
            log.warning("metrics: database unavailable: %s", type(exc).__name__)
            return
        for status in tasks.JOB_STATUSES:
            jobs.add_metric([status], counts.get(status, 0))
        seconds.add_metric([], totals["seconds"])
        wait.add_metric([], totals["wait_seconds"])
        finished.add_metric([], totals["count"])
        pages.add_metric([], totals["pages"])
        yield from (jobs, seconds, wait, finished, pages)
        yield from stage_families(stages)
        depth = queue_depth(self.runtime)
        if depth:
            gauge = GaugeMetricFamily(
                "casewise_queue_depth", "Messages waiting in the broker", labels=["queue"]
            )
            for queue, n in depth.items():
                gauge.add_metric([queue], n)
            yield gauge


def stage_families(totals: job_stats.StageTotals) -> list[Any]:
    """Per-stage seconds and job counts, and OCR pages, summed over the job rows (all statuses)."""
    seconds = CounterMetricFamily(
        "casewise_job_stage_seconds",
        "Seconds spent in each processing stage, summed over jobs (finished stages only)",
        labels=["stage"],
    )
    count = CounterMetricFamily(
        "casewise_job_stage_jobs", "Jobs that went through each processing stage", labels=["stage"]
    )
    for stage in job_stats.TIMED_STAGES:
        seconds.add_metric([stage], totals.seconds[stage])
        count.add_metric([stage], totals.jobs[stage])
    ocr = CounterMetricFamily("casewise_ocr_pages", "Pages read by OCR (latest attempt of each job)")
    ocr.add_metric([], totals.ocr_pages)
    return [seconds, count, ocr]


def queue_depth(runtime: Runtime) -> dict[str, int]:
    """Waiting messages per queue where measurable (Redis lists); empty otherwise."""
    url = runtime.settings.resolved_broker_url
    if not url.startswith("redis"):
        return {}
    try:
        import redis

        client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        return {q: int(client.llen(q)) for q in (tasks.EXTRACT_QUEUE, tasks.ANSWER_QUEUE)}
    except Exception as exc:
        log.warning("metrics: queue depth unavailable: %s", type(exc).__name__)
        return {}


class Metrics:
    def __init__(self, runtime: Runtime) -> None:
        self.registry = CollectorRegistry()
        self.latency = Histogram(
            "casewise_http_request_seconds",
            "HTTP request latency by route template",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.registry.register(JobCollector(runtime))

    def install(self, app: FastAPI) -> None:
        # A plain ASGI middleware: Starlette's BaseHTTPMiddleware costs ~0.5 ms per request,
        # which is a third of a job poll.
        app.add_middleware(_LatencyMiddleware, histogram=self.latency)


class _LatencyMiddleware:
    def __init__(self, app: ASGIApp, histogram: Histogram) -> None:
        self.app = app
        self.histogram = histogram
        # Label children by (method, route, status): ``labels()`` validates and locks on every
        # call; the set of keys is small (route templates, not paths).
        self._children: dict[tuple[str, str, int], Any] = {}

    def _child(self, method: str, route: str, status: int) -> Any:
        key = (method, route, status)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = self.histogram.labels(method, route, str(status))
        return child

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self._child(scope["method"], route, status).observe(time.perf_counter() - start)
