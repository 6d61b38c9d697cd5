"""The job state machine on SQLite and PostgreSQL: claims, redelivery, heartbeats, stale jobs."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import timedelta

from casewise_core.storage import jobs, profiles
from casewise_core.storage.models import Job, utcnow
from sqlalchemy.orm import Session, sessionmaker

AddJob = Callable[..., tuple[str, str, str]]


def test_lifecycle_bumps_version_and_finishes_once(sessions: sessionmaker[Session], add_job: AddJob) -> None:
    with sessions() as s:
        _, _, job_id = add_job(s)
        v0 = jobs.get_job(s, job_id).version
        job = jobs.claim_job(s, job_id, "w1")
        assert job is not None and job.status == "running" and job.attempts == 1
        assert job.version > v0
        assert jobs.progress(s, job_id, "ocr", 1, 3, worker="w1")
        assert not jobs.progress(s, job_id, "ocr", 2, 3, worker="someone-else")
        job = jobs.get_job(s, job_id)
        assert (job.stage, job.pages_done, job.pages_total) == ("ocr", 1, 3)
        assert jobs.succeed_job(s, job_id, worker="w1")
        assert not jobs.succeed_job(s, job_id)
        assert not jobs.fail_job(s, job_id, "corrupt_file", "x")
        assert jobs.claim_job(s, job_id, "w2") is None  # redelivery is a no-op
        job = jobs.get_job(s, job_id)
        assert (job.status, job.stage, job.attempts) == ("succeeded", "done", 1)
        assert job.finished_at is not None and job.finished_at.tzinfo is not None


def test_live_owner_blocks_second_claim_dead_owner_does_not(
    sessions: sessionmaker[Session], add_job: AddJob
) -> None:
    with sessions() as s:
        _, _, job_id = add_job(s)
        me = jobs.worker_id()
        assert jobs.claim_job(s, job_id, me) is not None
        with sessions() as s2:
            assert jobs.claim_job(s2, job_id, "otherhost:1") is None  # running under a live owner
        proc = subprocess.Popen(["sleep", "0"])
        proc.wait()
        dead = f"{jobs.HOST}:{proc.pid}"
        with sessions() as s2:
            assert jobs.claim_job(s2, job_id, dead) is None  # I am alive: no takeover
        s.execute(Job.__table__.update().where(Job.id == job_id).values(worker="otherhost:7"))
        s.commit()
        assert jobs.claim_job(s, job_id, me) is None  # another host's owner: left to the reaper
        s.execute(Job.__table__.update().where(Job.id == job_id).values(worker=dead))
        s.commit()
        taken = jobs.claim_job(s, job_id, me)
        assert taken is not None and taken.attempts == 2 and taken.worker == me


def test_max_attempts_fails_instead_of_running_again(
    sessions: sessionmaker[Session], add_job: AddJob
) -> None:
    with sessions() as s:
        _, _, job_id = add_job(s)
        for _ in range(2):
            assert jobs.claim_job(s, job_id, "gone:1", max_attempts=2) is not None
            assert jobs.requeue(s, job_id)
        assert jobs.claim_job(s, job_id, "gone:1", max_attempts=2) is None
        job = jobs.get_job(s, job_id)
        assert (job.status, job.error_code) == ("failed", "job_timed_out")


def test_stale_jobs_and_requeue(sessions: sessionmaker[Session], add_job: AddJob) -> None:
    with sessions() as s:
        _, _, fresh = add_job(s, b"a")
        _, _, stuck = add_job(s, b"b")
        _, _, lost = add_job(s, b"c")
        _, _, done = add_job(s, b"d")
        for jid in (fresh, stuck, done):
            jobs.claim_job(s, jid, "w")
        jobs.succeed_job(s, done)
        old = utcnow() - timedelta(seconds=120)
        s.execute(Job.__table__.update().where(Job.id == stuck).values(heartbeat_at=old))
        s.execute(Job.__table__.update().where(Job.id.in_([lost, done])).values(updated_at=old))
        s.commit()
        assert {j.id for j in jobs.stale_jobs(s, 60)} == {stuck, lost}
        v = jobs.get_job(s, stuck).version
        assert jobs.requeue(s, stuck)
        job = jobs.get_job(s, stuck)
        assert (job.status, job.stage, job.worker) == ("queued", "queued", None) and job.version == v + 1
        assert not jobs.requeue(s, done)
        assert {j.id for j in jobs.stale_jobs(s, 60)} == {lost}


def test_case_profile_optimistic_merge(sessions: sessionmaker[Session], add_job: AddJob) -> None:
    with sessions() as s:
        case_id, doc_id, _ = add_job(s)
        profiles.store_document_profile(s, doc_id, case_id, {"documents": ["a"]})
        profiles.store_document_profile(s, doc_id, case_id, {"documents": ["a2"]})
        assert profiles.document_profiles(s, case_id) == [{"documents": ["a2"]}]
        assert profiles.case_profile_version(s, case_id) == 0
        assert profiles.store_case_profile(s, case_id, {"v": 1}, 0)
        with sessions() as s2:
            assert not profiles.store_case_profile(s2, case_id, {"v": "lost"}, 0)  # raced: insert conflict
            assert profiles.store_case_profile(s2, case_id, {"v": 2}, 1)
        assert not profiles.store_case_profile(s, case_id, {"v": "stale"}, 1)
        assert profiles.case_profile_version(s, case_id) == 2
