"""Config object + runner for the meeting-notes agent."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from composio import Composio
from composio_openai import OpenAIProvider
from openai import OpenAI

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AgentConfig:
    model: str = "gpt-4.1-mini"
    user_id: str = "default"  # [expect CS001]
    toolkits: list[str] = field(default_factory=lambda: ["googlecalendar", "notion"])
    temperature: float = 0.2


class NotesAgent:
    def __init__(self, config: AgentConfig | None = None):
        self.config = config or AgentConfig()
        self.llm = OpenAI()
        self.composio = Composio(provider=OpenAIProvider())

    def run(self, prompt: str) -> str:
        session = self.composio.create(
            user_id=self.config.user_id,
            toolkits=self.config.toolkits,
        )
        logger.info("notes agent session_id=%s", session.session_id)
        response = self.llm.chat.completions.create(
            model=self.config.model,
            temperature=self.config.temperature,
            tools=session.tools(),
            messages=[{"role": "user", "content": prompt}],
        )
        return response.choices[0].message.content or ""


def handle_request(user_id: str, prompt: str) -> str:
    agent = NotesAgent(AgentConfig(user_id=user_id))
    return agent.run(prompt)
