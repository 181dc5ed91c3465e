"""core/runtime.py — agent runtime shared by the HTTP API, the CLI and the eval harness."""
from __future__ import annotations

import asyncio
import functools
import logging
import os
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from composio import Composio
from composio_anthropic import AnthropicProvider
from anthropic import Anthropic

logger = logging.getLogger("core.runtime")

# Identity used by the unauthenticated health probe (k8s liveness, uptime checks).
ANONYMOUS_USER = "default"  # [expect CS001]

DEFAULT_TOOLKITS: tuple[str, ...] = ("gmail", "googlecalendar", "notion")
MODEL = os.environ.get("AGENT_MODEL", "claude-sonnet-4-5")
MAX_ITERATIONS = 10


@functools.cache
def get_composio() -> Composio:
    """One long-lived client per process (recommended)."""
    return Composio(api_key=os.environ["COMPOSIO_API_KEY"], provider=AnthropicProvider())


@functools.cache
def get_anthropic() -> Anthropic:
    return Anthropic()


@dataclass(frozen=True)
class RunResult:
    text: str
    session_id: str
    iterations: int
    duration_s: float


class SessionLedger:
    """Remembers the last session *id* per user so support can look up their traces."""

    def __init__(self) -> None:
        self._last_session_ids: dict[str, str] = {}
        self._counts: defaultdict[str, int] = defaultdict(int)

    def record(self, user_id: str, session_id: str) -> None:
        self._last_session_ids[user_id] = session_id
        self._counts[user_id] += 1

    def last(self, user_id: str) -> str | None:
        return self._last_session_ids.get(user_id)


ledger = SessionLedger()


# Creating a session costs a round trip; users send several messages a minute,
# so keep the latest 512 around.
@functools.lru_cache(maxsize=512)  # [expect CS003]
def session_for(user_id: str, toolkits: tuple[str, ...] = DEFAULT_TOOLKITS):
    client = get_composio()
    session = client.create(user_id=user_id, toolkits=list(toolkits))
    logger.info("session %s created for %s", session.session_id, user_id)
    return session


def _loop(session, user_id: str, prompt: str) -> tuple[str, int]:
    anthropic = get_anthropic()
    tools = session.tools()
    messages: list[dict[str, Any]] = [{"role": "user", "content": prompt}]
    for iteration in range(1, MAX_ITERATIONS + 1):
        response = anthropic.messages.create(model=MODEL, max_tokens=2048, tools=tools, messages=messages)
        if response.stop_reason != "tool_use":
            text = "".join(block.text for block in response.content if block.type == "text")
            return text, iteration
        messages.append({"role": "assistant", "content": response.content})
        results = get_composio().provider.handle_tool_calls(user_id=user_id, response=response)
        messages.append({"role": "user", "content": results})
    return "Stopped after too many tool calls.", MAX_ITERATIONS


class AgentRuntime:
    def __init__(self, toolkits: tuple[str, ...] = DEFAULT_TOOLKITS) -> None:
        self.toolkits = toolkits
        self.composio = get_composio()

    def handle(self, user_id: str, message: str) -> RunResult:
        started = time.perf_counter()
        session = session_for(user_id, self.toolkits)
        text, iterations = _loop(session, user_id, message)
        ledger.record(user_id, session.session_id)
        return RunResult(text, session.session_id, iterations, time.perf_counter() - started)

    def run_once(self, user_id: str, prompt: str, toolkits: list[str]) -> RunResult:
        """Fresh session for one-off tasks (evals, scheduled prompts)."""
        started = time.perf_counter()
        session = self.composio.create(user_id=user_id, toolkits=toolkits)
        logger.info("one-off session %s for %s", session.session_id, user_id)
        text, iterations = _loop(session, user_id, prompt)
        ledger.record(user_id, session.session_id)
        return RunResult(text, session.session_id, iterations, time.perf_counter() - started)

    def resume(self, user_id: str, prompt: str) -> RunResult | None:
        session_id = ledger.last(user_id)
        if session_id is None:
            return None
        started = time.perf_counter()
        session = self.composio.use(session_id)
        logger.info("resumed session %s for %s", session.session_id, user_id)
        text, iterations = _loop(session, user_id, prompt)
        return RunResult(text, session.session_id, iterations, time.perf_counter() - started)

    def execute(self, user_id: str, slug: str, **arguments: Any) -> dict[str, Any]:
        logger.info("direct tool %s for %s", slug, user_id)
        return self.composio.tools.execute(slug, arguments=arguments, user_id=user_id)


async def run_many(
    runtime: AgentRuntime,
    jobs: list[tuple[str, str]],
    on_done: Callable[[RunResult], Awaitable[None]] | None = None,
    concurrency: int = 4,
) -> list[RunResult]:
    sem = asyncio.Semaphore(concurrency)

    async def one(user_id: str, prompt: str) -> RunResult:
        async with sem:
            result = await asyncio.to_thread(runtime.run_once, user_id, prompt, list(runtime.toolkits))
            if on_done is not None:
                await on_done(result)
            return result

    return await asyncio.gather(*(one(u, p) for u, p in jobs))


def healthcheck() -> dict[str, Any]:
    """Liveness probe: can we reach Composio and list a public toolkit?"""
    started = time.perf_counter()
    try:
        tools = get_composio().tools.get(ANONYMOUS_USER, toolkits=["HACKERNEWS"])
    except Exception as exc:  # noqa: BLE001
        logger.warning("composio health check failed: %s", exc)
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "tools": len(tools), "latency_ms": int((time.perf_counter() - started) * 1000)}
