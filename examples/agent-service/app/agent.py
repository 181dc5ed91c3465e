"""Agent orchestration: turns a user's message into tool calls through Composio."""

from __future__ import annotations

import json
import logging
import uuid

from composio import Composio
from openai import OpenAI

from app.config import settings

logger = logging.getLogger(__name__)
llm = OpenAI()

MAX_TURNS = 6
SYSTEM_PROMPT = (
    "You are a workplace assistant. Use the tools to act on the user's behalf, "
    "then say what you did in one or two sentences."
)


def run_agent(composio: Composio, user_id: str, message: str, tools: list) -> str:
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": message},
    ]
    for _ in range(MAX_TURNS):
        response = llm.chat.completions.create(
            model=settings.openai_model, messages=messages, tools=tools
        )
        reply = response.choices[0].message
        if not reply.tool_calls:
            return reply.content or ""
        results = composio.provider.handle_tool_calls(user_id=user_id, response=response)
        messages.append(reply)
        for call, result in zip(reply.tool_calls, results):
            messages.append(
                {"role": "tool", "tool_call_id": call.id, "content": json.dumps(result)}
            )
    return "I stopped after too many tool calls; please narrow the request."


class Conversation:
    """One chat conversation, backed by a single Composio session for its lifetime."""

    def __init__(self, composio: Composio, user_id: str, toolkits: list[str]):
        self.composio = composio
        self.user_id = user_id
        self.conversation_id = uuid.uuid4().hex
        self.session = composio.create(user_id=user_id, toolkits=toolkits)
        logger.info(
            "conversation %s started, composio session %s",
            self.conversation_id,
            self.session.session_id,
        )

    def reply(self, message: str) -> str:
        return run_agent(self.composio, self.user_id, message, self.session.tools())


class AgentService:
    """Created once at startup and shared by every request."""

    def __init__(self, composio: Composio):
        self.composio = composio
        self._inbox_sessions: dict = {}
        self._thread_sessions: dict[tuple[str, str], str] = {}
        self._conversations: dict[str, Conversation] = {}

    def summarize_inbox(self, user_id: str) -> str:
        session = self._inbox_sessions.get(user_id)
        if session is None:
            session = self.composio.create(user_id=user_id, toolkits=["gmail"])
            logger.info("inbox session %s for user %s", session.session_id, user_id)
            self._inbox_sessions[user_id] = session
        prompt = "Summarize my unread email from the last 24 hours."
        return run_agent(self.composio, user_id, prompt, session.tools())

    def reply_in_thread(self, user_id: str, thread_id: str, message: str) -> str:
        # Only the session id is kept; the session itself is reopened on each message.
        session_id = self._thread_sessions.get((user_id, thread_id))
        if session_id is not None:
            session = self.composio.use(session_id)
        else:
            session = self.composio.create(
                user_id=user_id, toolkits=list(settings.default_toolkits)
            )
            self._thread_sessions[(user_id, thread_id)] = session.session_id
        logger.info("thread %s -> composio session %s", thread_id, session.session_id)
        return run_agent(self.composio, user_id, message, session.tools())

    def start_conversation(self, user_id: str, toolkits: list[str]) -> Conversation:
        conversation = Conversation(self.composio, user_id, toolkits)
        self._conversations[conversation.conversation_id] = conversation
        return conversation

    def continue_conversation(self, user_id: str, conversation_id: str, message: str) -> str:
        conversation = self._conversations.get(conversation_id)
        if conversation is None or conversation.user_id != user_id:
            raise KeyError(conversation_id)
        return conversation.reply(message)

    def run_scheduled_job(self, job: str, prompt: str, user_id: str = "default") -> str:
        session = self.composio.create(
            user_id=user_id, toolkits=list(settings.default_toolkits)
        )
        logger.info("job %s running in composio session %s", job, session.session_id)
        return run_agent(self.composio, user_id, prompt, session.tools())
