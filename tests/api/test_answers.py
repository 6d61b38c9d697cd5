"""Answers: the API enqueues ANSWER_QUESTION by name and returns what the answerer writes to the row.

A stand-in answerer thread (it lives here, with the tests) plays the worker: it waits for the
Answer row and writes a result or a failure, as the real task does.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from casewise_core import tasks
from casewise_core.answer import Answer as AnswerModel
from casewise_core.storage.models import Answer, utcnow

from tests.api.conftest import Api, build_api


def _answerer(api: Api, write: Callable[[Answer], None], delay: float = 0.0) -> threading.Thread:
    def run() -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with api.runtime.sessions() as s:
                row = s.query(Answer).filter(Answer.status == "queued").first()
                if row is not None:
                    time.sleep(delay)
                    write(row)
                    row.finished_at = utcnow()
                    s.commit()
                    return
            time.sleep(0.02)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def _succeed(row: Answer) -> None:
    row.status = "succeeded"
    row.result_json = AnswerModel(
        question=row.question,
        answer_markdown="Discuss with your oncologist.",
        personalized=row.case_id is not None,
    ).model_dump(mode="json")


def test_general_question_is_enqueued_and_answered(api: Api) -> None:
    t = _answerer(api, _succeed)
    r = api.client.post("/v1/answers", json={"question": "What is ROS1?"})
    t.join()
    assert r.status_code == 200, r.text
    assert r.json()["question"] == "What is ROS1?" and r.json()["personalized"] is False
    answer_id = r.headers["X-Answer-Id"]
    assert (tasks.ANSWER_QUESTION, [answer_id]) in api.enqueued()
    assert api.client.get(f"/v1/answers/{answer_id}").json() == r.json()


def test_personal_question_needs_the_case_token(api: Api) -> None:
    case_id, auth = api.new_case()
    assert (
        api.client.post(f"/v1/cases/{case_id}/answers", json={"question": "Which drugs?"}).status_code == 401
    )
    t = _answerer(api, _succeed)
    r = api.client.post(f"/v1/cases/{case_id}/answers", headers=auth, json={"question": "Which drugs?"})
    t.join()
    assert r.status_code == 200 and r.json()["personalized"] is True
    url = f"/v1/answers/{r.headers['X-Answer-Id']}"
    assert api.client.get(url).status_code == 401
    _, other_auth = api.new_case()
    assert api.client.get(url, headers=other_auth).status_code == 403
    assert api.client.get(url, headers=auth).status_code == 200


def test_failed_answer_returns_its_stable_code(api: Api) -> None:
    def fail(row: Answer) -> None:
        row.status, row.error_code = "failed", "llm_unavailable"

    t = _answerer(api, fail)
    r = api.client.post("/v1/answers", json={"question": "Anything?"})
    t.join()
    assert (r.status_code, r.json()["error"]["code"]) == (503, "llm_unavailable")


@pytest.fixture
def impatient_api(tmp_path: Path) -> Iterator[Api]:
    yield from build_api(tmp_path / "var", answer_timeout_s=0.3)


def test_slow_answer_gives_a_poll_url(impatient_api: Api) -> None:
    api = impatient_api
    t = _answerer(api, _succeed, delay=0.8)
    r = api.client.post("/v1/answers", json={"question": "Slow?"})
    assert r.status_code == 202
    assert r.json()["status"] == "queued" and r.json()["poll_url"] == r.headers["Location"]
    t.join()
    done = api.client.get(r.json()["poll_url"])
    assert done.status_code == 200 and done.json()["question"] == "Slow?"


def test_question_is_validated(api: Api) -> None:
    r = api.client.post("/v1/answers", json={"question": ""})
    assert (r.status_code, r.json()["error"]["code"]) == (422, "invalid_request")
