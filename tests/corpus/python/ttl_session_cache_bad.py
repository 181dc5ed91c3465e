"""Session manager for the chat gateway."""
from __future__ import annotations

import logging
from typing import Any

from cachetools import TTLCache

from composio import Composio

logger = logging.getLogger("gateway.sessions")


class SessionManager:
    """Hands out Composio sessions to the websocket handlers."""

    def __init__(self, composio: Composio, ttl_seconds: int = 900):
        self.composio = composio
        self._by_user: TTLCache[str, Any] = TTLCache(maxsize=10_000, ttl=ttl_seconds)
        self._by_thread: dict[tuple[str, str], Any] = {}

    def for_user(self, user_id: str, toolkits: list[str]):
        key = f"user:{user_id}"
        session = self._by_user.get(key)
        if session is None:
            session = self.composio.create(user_id=user_id, toolkits=toolkits)
            logger.info("new session %s for %s", session.session_id, user_id)
            self._by_user[key] = session  # [expect CS003]
        return session

    def for_thread(self, user_id: str, thread_id: str, toolkits: list[str]):
        # One session per (user, thread) -- a conversation-scoped cache.
        key = (user_id, thread_id)
        if key not in self._by_thread:
            session = self.composio.create(user_id=user_id, toolkits=toolkits)
            logger.info("thread %s session %s", thread_id, session.session_id)
            self._by_thread[key] = session
        return self._by_thread[key]

    def end_thread(self, user_id: str, thread_id: str) -> None:
        session = self._by_thread.pop((user_id, thread_id), None)
        if session is not None:
            logger.info("thread %s ended", thread_id)
