"""Agent runtime used by the websocket server. The Composio client is injected."""
from __future__ import annotations

import logging
from typing import Protocol

from composio import Composio as ComposioClient

logger = logging.getLogger("runtime")


class LLM(Protocol):
    async def complete(self, prompt: str, tools: list) -> str: ...


class AgentRuntime:
    def __init__(self, client: ComposioClient, llm: LLM):
        self._client = client
        self._llm = llm
        self._router = client.tool_router
        self._cache: dict[str, object] = {}

    async def on_message(self, user_id: str, text: str) -> str:
        session = self._cache.get(user_id)
        if session is None:
            session = self._router.create(user_id=user_id, toolkits=["github", "slack"])
            sid = session.session_id
            logger.info("runtime session %s", sid)
            self._cache[user_id] = session  # [expect CS003]
        return await self._llm.complete(text, session.tools())

    async def one_shot(self, user_id: str, text: str) -> str:
        session = self._client.create(user_id=user_id, toolkits=["github"])
        logger.debug("one-shot", extra={"composio_session_id": session.session_id})
        return await self._llm.complete(text, session.tools())

    def drop(self, user_id: str) -> None:
        self._cache.pop(user_id, None)
