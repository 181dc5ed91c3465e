"""OpenAI Agents SDK chat service.

Conversation memory uses the Agents SDK's SQLiteSession, cached per user -- that is
an Agents SDK memory store, not a Composio session. Composio sessions are created per
message.
"""
from __future__ import annotations

import logging

from agents import Agent, Runner, SQLiteSession
from composio import Composio
from composio_openai_agents import OpenAIAgentsProvider

logger = logging.getLogger("chat")


class ChatService:
    def __init__(self, composio: Composio, db_path: str = "memory.db"):
        self.composio = composio
        self.db_path = db_path
        self._memories: dict[str, SQLiteSession] = {}

    def memory_for(self, user_id: str) -> SQLiteSession:
        if user_id not in self._memories:
            self._memories[user_id] = SQLiteSession(f"user_{user_id}", self.db_path)
        return self._memories[user_id]

    async def reply(self, user_id: str, text: str) -> str:
        session = self.composio.create(user_id=user_id, toolkits=["notion", "gmail"])
        logger.info("composio_session=%s user=%s", session.session_id, user_id)

        agent = Agent(
            name="Workspace assistant",
            instructions="Use the tools to help with Notion and Gmail.",
            tools=session.tools(),
        )
        result = await Runner.run(agent, text, session=self.memory_for(user_id))
        return result.final_output


def build_service() -> ChatService:
    return ChatService(Composio(provider=OpenAIAgentsProvider()))
