"""Per-conversation agent objects for the support widget.

A `Conversation` owns one Composio session for its whole lifetime, created from the
caller's own user id. The registry keys conversations by conversation id, never by user.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field

from composio import Composio as ComposioClient

logger = logging.getLogger("support.conversations")


class Conversation:
    def __init__(self, client: ComposioClient, user_id: str, toolkits: list[str]):
        self.id = uuid.uuid4().hex
        self.user_id = user_id
        self.session = client.create(user_id=user_id, toolkits=toolkits)
        logger.info(
            "conversation %s started with composio session %s",
            self.id,
            self.session.session_id,
        )
        self.history: list[dict] = []

    def tools(self):
        return self.session.tools()

    def add(self, role: str, content: str) -> None:
        self.history.append({"role": role, "content": content})


@dataclass
class ConversationRegistry:
    client: ComposioClient
    default_toolkits: list[str] = field(default_factory=lambda: ["zendesk", "slack"])
    _open: dict[str, Conversation] = field(default_factory=dict)

    def start(self, user_id: str) -> Conversation:
        convo = Conversation(self.client, user_id, self.default_toolkits)
        self._open[convo.id] = convo
        return convo

    def get(self, conversation_id: str) -> Conversation | None:
        return self._open.get(conversation_id)

    def close(self, conversation_id: str) -> None:
        convo = self._open.pop(conversation_id, None)
        if convo is not None:
            logger.info("conversation %s closed (session %s)", convo.id, convo.session.session_id)
