"""A small OpenAI-compatible server for tests: ``/v1/chat/completions``, plain JSON and SSE streaming.

Replies come from a script (a list of strings, one per request, the last one repeating), so a
test can make the "model" name an ungrounded drug, or a drug for a negative biomarker, and see
the answerer catch it. Every request body is recorded for prompt assertions. Runs with uvicorn
in a thread on a free loopback port.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse


class FakeLlm:
    def __init__(self) -> None:
        self.replies: list[str] = ["Nothing to say."]
        self.requests: list[dict[str, Any]] = []
        self.fail_with: int | None = None
        self.app = FastAPI()
        self.app.post("/v1/chat/completions")(self._chat)
        self._server: uvicorn.Server | None = None
        self.port = 0

    def script(self, *replies: str) -> None:
        self.replies = list(replies)
        self.requests.clear()
        self.fail_with = None

    def _next(self) -> str:
        return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]

    async def _chat(self, request: Request) -> Any:
        body = await request.json()
        self.requests.append(body)
        if self.fail_with:
            return JSONResponse(
                {"error": {"message": "down", "type": "server_error"}}, status_code=self.fail_with
            )
        text = self._next()
        created = int(time.time())
        if body.get("stream"):
            return StreamingResponse(self._sse(text, body["model"], created), media_type="text/event-stream")
        return {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": created,
            "model": body["model"],
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }

    @staticmethod
    def _sse(text: str, model: str, created: int) -> Iterator[str]:
        words = text.split(" ")
        for i, word in enumerate(words):
            piece = word if i == 0 else " " + word
            chunk = {
                "id": "chatcmpl-test",
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
            }
            yield f"data: {json.dumps(chunk)}\n\n"
        done = {
            "id": "chatcmpl-test",
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
        }
        yield f"data: {json.dumps(done)}\n\n"
        yield "data: [DONE]\n\n"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self._server = uvicorn.Server(config)
        threading.Thread(target=self._server.run, daemon=True).start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("fake LLM server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True

    def prompt_text(self) -> str:
        return "\n".join(m["content"] for r in self.requests for m in r["messages"])
